"""The office's notice policy from the [notices] table of the configuration, with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings

MIN_CHASE_INTERVAL = 5


@dataclass(frozen=True)
class NoticePolicy:
    """Chase interval and count, meeting reminder offsets, and the staff audience limit."""

    chase_interval_minutes: int = 30
    max_chases: int = 3
    reminder_minutes_before: tuple[int, ...] = (1440, 30)
    staff_max_people: int = 10


def notice_policy(settings: Settings) -> NoticePolicy:
    """The notice policy of the office; the chase interval is never below five minutes."""
    raw = settings.policy.get("notices", {}) or {}
    interval = max(MIN_CHASE_INTERVAL, int(raw.get("chase_interval_minutes", 30)))
    offsets = tuple(sorted((int(m) for m in raw.get("reminder_minutes_before", (1440, 30))), reverse=True))
    return NoticePolicy(chase_interval_minutes=interval, max_chases=max(0, int(raw.get("max_chases", 3))),
                        reminder_minutes_before=offsets,
                        staff_max_people=int(raw.get("staff_max_people", 10)))
