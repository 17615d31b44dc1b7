"""Next occurrences of recurring reminders (RFC 5545 rules read in the office's local time)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

_UNTIL_UTC = re.compile(r"(UNTIL=\d{8}T\d{6})Z")
_FREQ = re.compile(r"FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)")


def next_occurrence(rule: str, first_at: datetime, after: datetime, tz: ZoneInfo) -> datetime | None:
    """The first occurrence strictly after `after` (aware), or None when the rule has ended.

    The rule runs on naive local wall time so "every Monday 08:30" stays 08:30 across offset changes;
    an UNTIL given in UTC is converted to local wall time first.
    """
    start_local = first_at.astimezone(tz).replace(tzinfo=None)
    text = _UNTIL_UTC.sub(lambda m: _until_local(m.group(1), tz), rule)
    try:
        parsed = rrulestr(text, dtstart=start_local)
    except (ValueError, TypeError):
        return None
    found = parsed.after(after.astimezone(tz).replace(tzinfo=None), inc=False)
    return found.replace(tzinfo=tz) if found is not None else None


def _until_local(token: str, tz: ZoneInfo) -> str:
    stamp = datetime.strptime(token.removeprefix("UNTIL="), "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo("UTC"))
    return f"UNTIL={stamp.astimezone(tz):%Y%m%dT%H%M%S}"


def frequency_key(rule: str | None) -> str:
    """The template key naming how often a rule repeats (rem_rule_weekly ...)."""
    if not rule:
        return ""
    found = _FREQ.search(rule)
    interval = re.search(r"INTERVAL=(\d+)", rule)
    if interval and int(interval.group(1)) > 1:
        return "rem_rule_other"
    return f"rem_rule_{found.group(1).lower()}" if found else "rem_rule_other"
