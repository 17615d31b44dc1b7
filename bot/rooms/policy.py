"""The office's booking policy from config [booking]: window, length, cut-off, approvals, reminders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from bot.config import Settings
from storage.models import Room

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_EQUIPMENT_WORDS = {
    "projector": ("投影", "projector"),
    "microphones": ("话筒", "麦克风", "麥克風", "話筒", "microphone", "mics"),
    "video": ("视频会议", "視頻會議", "video conference", "video call"),
}


@dataclass(frozen=True)
class BookingPolicy:
    """Rules a booking must follow; a director or admin may book past the hard limits (audited)."""

    max_days_ahead: int = 60
    min_minutes: int = 15
    max_hours: float = 8
    weekly_cutoff: str = ""  # "Fri 17:00": next week's requests after this are urgent
    approver_role: str = "director"
    rooms_needing_approval: tuple[str, ...] = ()
    equipment_needing_approval: tuple[str, ...] = ()
    reminder_minutes: int = 15
    checkin_window_minutes: int = 10
    auto_release: bool = False
    weekly_schedule_chat: str = ""
    weekly_schedule_at: str = "Fri 16:00"
    horizon_months: int = 6
    default_minutes: int = 60


def policy_of(settings: Settings) -> BookingPolicy:
    """The booking policy configured for the office (defaults for what is not set)."""
    raw: dict[str, Any] = dict(settings.policy.get("booking", {}))
    known = set(BookingPolicy.__dataclass_fields__)
    values: dict[str, Any] = {k: (tuple(v) if isinstance(v, list) else v) for k, v in raw.items() if k in known}
    return BookingPolicy(**values)


def weekday_time(text: str) -> tuple[int, time] | None:
    """"Fri 17:00" -> (4, 17:00); None when empty or unreadable."""
    m = re.match(r"^\s*([A-Za-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})\s*$", text or "")
    if not m or m.group(1).lower() not in _WEEKDAYS:
        return None
    return _WEEKDAYS[m.group(1).lower()], time(int(m.group(2)), int(m.group(3)))


def hard_limits(policy: BookingPolicy, start: datetime, end: datetime, now: datetime) -> list[tuple[str, Any]]:
    """The limits a booking breaks: (template key, value) pairs; empty when within policy."""
    broken: list[tuple[str, Any]] = []
    minutes = (end - start).total_seconds() / 60
    if minutes < policy.min_minutes:
        broken.append(("room_policy_too_short", policy.min_minutes))
    if minutes > policy.max_hours * 60:
        broken.append(("room_policy_too_long", policy.max_hours))
    if start - now > timedelta(days=policy.max_days_ahead):
        broken.append(("room_policy_too_far", policy.max_days_ahead))
    return broken


def is_late_request(policy: BookingPolicy, start_local: datetime, now_local: datetime) -> bool:
    """True for a request for next week made after this week's cut-off (it is urgent)."""
    cutoff = weekday_time(policy.weekly_cutoff)
    if cutoff is None:
        return False
    this_monday = (now_local - timedelta(days=now_local.weekday())).date()
    next_monday = this_monday + timedelta(days=7)
    if not next_monday <= start_local.date() < next_monday + timedelta(days=7):
        return False
    cutoff_at = datetime.combine(this_monday + timedelta(days=cutoff[0]), cutoff[1], tzinfo=now_local.tzinfo)
    return now_local > cutoff_at


def equipment_in(text: str) -> list[str]:
    """Equipment a message asks for (projector, microphones, video)."""
    low = text.casefold()
    return [name for name, words in _EQUIPMENT_WORDS.items() if any(w in low for w in words)]


def approval_reasons(policy: BookingPolicy, room: Room, equipment: list[str], late: bool) -> list[str]:
    """Why a booking needs approval: "urgent", "room", "equipment"; empty when it does not."""
    reasons = []
    if late:
        reasons.append("urgent")
    if room.needs_approval or room.name in policy.rooms_needing_approval:
        reasons.append("room")
    if any(e in policy.equipment_needing_approval for e in equipment):
        reasons.append("equipment")
    return reasons
