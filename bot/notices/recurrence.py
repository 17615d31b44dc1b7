"""Recurring notices: the next occurrence of an RFC 5545 rule, computed with dateutil.rrule."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr


def next_occurrence(rule: str, first: datetime, after: datetime, tz: ZoneInfo) -> datetime | None:
    """The first occurrence of the rule (anchored at `first`, in the office zone) strictly after `after`."""
    text = rule.removeprefix("RRULE:")
    start = first.astimezone(tz)
    try:
        recurrence = rrulestr(text, dtstart=start)
    except (ValueError, TypeError):
        # An UNTIL without a zone next to an aware start: read the rule without it being aware.
        naive = rrulestr(text, dtstart=start.replace(tzinfo=None))
        found = naive.after(after.astimezone(tz).replace(tzinfo=None))
        return found.replace(tzinfo=tz) if found else None
    found = recurrence.after(after.astimezone(tz))
    return found if found else None
