"""Recurrences in English ("every other Monday", "monthly on the 15th") as RRULEs."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from bot.understanding.time_en_calc import is_workday, last_workday_of_month
from bot.understanding.time_en_lex import ATOMS, Ctx, atom
from bot.understanding.time_en_piece import REC, Piece, Recur
from bot.understanding.time_en_vocab import (
    NUMWORD,
    RRULE_DAYS,
    WEEKDAY,
    WEEKDAYS_PLURAL,
    ordinal_number,
    weekday_number,
    word_number,
)

_WD_LIST = rf"{WEEKDAY}s?(?:\s*(?:,|and|&|or)\s*{WEEKDAY}s?)*"
_ORD = r"(?:first|second|third|fourth|last|1st|2nd|3rd|4th)"
_EVERY = r"(?:every|each|on\s+(?:every|each))"


@atom(rf"{_EVERY}\s+(?:(other|second|alternate)\s+|(\d+|{NUMWORD})\s+)?"
      rf"(?:({_ORD})\s+(?:(working\s+day|business\s+day|workday|weekday)|({WEEKDAY})|(day))\s+of\s+(?:the|every|each)\s+month"
      rf"|(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:day\s+)?of\s+(?:the|every|each)\s+month)"
      r"|(working\s+days?|business\s+days?|workdays?|weekdays?|weekends?)"
      rf"|({_WD_LIST})"
      r"|(days?|weeks?|months?|years?|hours?|mornings?|afternoons?|evenings?|nights?)"
      r")")
def _every(m: re.Match[str], ctx: Ctx) -> Piece | None:
    interval = 2 if m[1] else int(word_number(m[2]) or 1) if m[2] else 1
    if m[3]:
        n = ordinal_number(m[3])
        if n is None:
            return None
        if m[4]:
            if n != -1:
                return None
            r = Recur("MONTHLY", interval, byday=(0, 1, 2, 3, 4), setpos=-1, last_workday=True)
        elif m[5]:
            r = Recur("MONTHLY", interval, byday=(weekday_number(m[5]),), setpos=n)
        else:
            r = Recur("MONTHLY", interval, bymonthday=n)
    elif m[7]:
        r = Recur("MONTHLY", interval, bymonthday=int(m[7]))
    elif m[8]:
        word = m[8].lower()
        r = Recur("WEEKLY", interval, byday=(5, 6) if word.startswith("weekend") else (0, 1, 2, 3, 4))
        r.workdays_only = not word.startswith(("weekday", "weekend"))
    elif m[9]:
        days = tuple(sorted({weekday_number(w) for w in re.findall(WEEKDAY, m[9], re.IGNORECASE)}))
        r = Recur("WEEKLY", interval, byday=days)
    else:
        unit = m[10].lower().rstrip("s")
        if unit in ("morning", "afternoon", "evening", "night"):
            r = Recur("DAILY", interval)
            p = Piece(REC, m.start(), m.end(), recur=r)
            p.pod = "evening" if unit == "night" else unit
            return p
        freq = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY", "hour": "HOURLY"}[unit]
        r = Recur(freq, interval, hourly=unit == "hour")
    return Piece(REC, m.start(), m.end(), recur=r)


@atom(rf"(daily|weekly|monthly|yearly|annually|fortnightly|bi-?weekly)(?:\s+on\s+(?:the\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?|({_WD_LIST})))?"
      rf"|on\s+({WEEKDAYS_PLURAL}(?:\s*(?:,|and|&)\s*{WEEKDAYS_PLURAL})*|weekdays)"
      rf"|(?:on\s+)?the\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+of\s+(?:every|each)\s+month"
      rf"|(?:every|each)\s+month\s+on\s+the\s+(\d{{1,2}})(?:st|nd|rd|th)?")
def _adverb(m: re.Match[str], ctx: Ctx) -> Piece | None:
    if m[1]:
        word = m[1].lower().replace("-", "")
        freq = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "yearly": "YEARLY",
                "annually": "YEARLY", "fortnightly": "WEEKLY", "biweekly": "WEEKLY"}[word]
        r = Recur(freq, 2 if word in ("fortnightly", "biweekly") else 1)
        if m[2]:
            r.freq, r.bymonthday = "MONTHLY", int(m[2])
        elif m[3]:
            r.byday = tuple(sorted({weekday_number(w) for w in re.findall(WEEKDAY, m[3], re.IGNORECASE)}))
    elif m[4]:
        word = m[4].lower()
        days = (0, 1, 2, 3, 4) if word == "weekdays" else tuple(
            sorted({weekday_number(w) for w in re.findall(WEEKDAY, word, re.IGNORECASE)}))
        r = Recur("WEEKLY", 1, byday=days)
    else:
        r = Recur("MONTHLY", 1, bymonthday=int(m[5] or m[6]))
    if r.bymonthday is not None and not 1 <= r.bymonthday <= 31:
        return None
    return Piece(REC, m.start(), m.end(), recur=r)


def occurs(r: Recur, d: date) -> bool:
    """True when day d holds an occurrence of the recurrence (ignoring its interval)."""
    if r.last_workday:
        return d == last_workday_of_month(d.year, d.month)
    if r.workdays_only:
        return is_workday(d)
    if r.setpos is not None and r.byday:
        if d.weekday() != r.byday[0]:
            return False
        if r.setpos > 0:
            return (d.day - 1) // 7 + 1 == r.setpos
        return (d + timedelta(days=7)).month != d.month
    if r.byday and d.weekday() not in r.byday:
        return False
    return r.bymonthday is None or d.day == r.bymonthday


def first_day(r: Recur, today: date, ok: Callable[[date], bool] | None = None) -> date | None:
    """The first day from today that holds an occurrence."""
    for k in range(400):
        d = today + timedelta(days=k)
        if occurs(r, d) and (ok is None or ok(d)):
            return d
    return None


def rrule(r: Recur, until: datetime | None) -> str:
    """The RFC 5545 RRULE of a recurrence, UNTIL in UTC."""
    parts = [f"FREQ={r.freq}"]
    if r.interval > 1:
        parts.append(f"INTERVAL={r.interval}")
    if r.byday:
        parts.append("BYDAY=" + ",".join(RRULE_DAYS[i] for i in r.byday))
    if r.bymonthday is not None:
        parts.append(f"BYMONTHDAY={r.bymonthday}")
    if r.setpos is not None:
        parts.append(f"BYSETPOS={r.setpos}")
    if until is not None:
        parts.append("UNTIL=" + until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
    return ";".join(parts)


# The recurrence atoms must win over plain weekdays: keep them registered (imported for effect).
REC_ATOMS = len(ATOMS)
