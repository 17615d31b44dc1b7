"""Recurring bookings: expanding an RRULE into instances within the horizon, checking each one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr
from sqlmodel import Session

from bot.rooms.availability import conflicts

MAX_INSTANCES = 200


@dataclass(frozen=True)
class Instance:
    """One occurrence of a recurring booking and whether the room is taken then."""

    start: datetime
    end: datetime
    taken: bool = False


def expand(rrule: str, start: datetime, end: datetime, until: datetime | None, horizon_months: int,
           tz: ZoneInfo) -> tuple[list[tuple[datetime, datetime]], datetime]:
    """The occurrences from the first one to `until` (at most the horizon), and the effective last day."""
    local_start = start.astimezone(tz)
    limit = local_start + relativedelta(months=horizon_months)
    if until is not None and until.astimezone(tz) < limit:
        limit = until.astimezone(tz)
    rule_text = ";".join(p for p in rrule.split(";") if not p.upper().startswith("UNTIL="))
    rule = rrulestr(rule_text, dtstart=local_start.replace(tzinfo=None))
    length = end - start
    out: list[tuple[datetime, datetime]] = []
    for occurrence in rule:
        when = occurrence.replace(tzinfo=tz)
        if when > limit or len(out) >= MAX_INSTANCES:
            break
        out.append((when, when + length))
    return out, limit


def check(session: Session, room_id: int, occurrences: list[tuple[datetime, datetime]],
          not_before: datetime) -> list[Instance]:
    """Every occurrence (past ones dropped) marked free or taken."""
    return [Instance(s, e, bool(conflicts(session, room_id, s, e))) for s, e in occurrences if s >= not_before]

