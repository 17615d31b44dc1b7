"""English offset and duration atoms: "in 3 days", "two weeks ago", "within 5 working days", "2h"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.understanding.time_en_calc import (
    add_months,
    next_weekday,
)
from bot.understanding.time_en_lex import (
    Ctx,
    atom,
)
from bot.understanding.time_en_piece import (
    DATE,
    DT,
    DUR,
    Piece,
)
from bot.understanding.time_en_vocab import (
    QTY,
    UNIT,
    WEEKDAY_CORE,
    unit_name,
    weekday_number,
    word_number,
)
from bot.understanding.types import Grain

# ---- relative offsets and durations ---------------------------------------------------

_HALF = r"(?:\s+and\s+(?:a\s+|an\s+)?half)?"


def _amount(qty: str, unit_word: str, half: bool) -> tuple[float, str] | None:
    n = word_number(qty)
    if n is None:
        return None
    unit = unit_name(unit_word)
    if unit == "fortnight":
        n, unit = n * 14, "day"
    return n + (0.5 if half else 0), unit


def _delta(n: float, unit: str) -> timedelta | None:
    if unit in ("month", "quarter", "year"):
        return None
    if n > 100000:
        return None
    return timedelta(**{unit + "s": n})


def _offset(ctx: Ctx, n: float, unit: str) -> tuple[datetime, Grain] | None:
    """now moved by n units: exact below a day, the hour for days, the day for longer units."""
    if unit in ("month", "quarter", "year"):
        months = n * {"month": 1, "quarter": 3, "year": 12}[unit]
        if months != int(months) or abs(months) > 12000:
            return None
        d = add_months(ctx.today, int(months))
        return datetime.combine(d, datetime.min.time(), ctx.now.tzinfo), Grain.DAY
    delta = _delta(n, unit)
    if delta is None:
        return None
    if unit == "week":
        d = ctx.today + timedelta(days=int(delta.days))
        return datetime.combine(d, datetime.min.time(), ctx.now.tzinfo), Grain.DAY
    if unit == "day" and delta == timedelta(days=delta.days):
        return ctx.now.replace(minute=0, second=0, microsecond=0) + delta, Grain.HOUR
    return (ctx.now + delta).replace(microsecond=0), Grain.SECOND


def _dated(p: Piece, unit: str) -> Piece:
    """Mark an offset of whole days or more: a clock time may still be added ("in 3 years at 5pm")."""
    if unit in ("day", "week", "month", "quarter", "year", "fortnight") and p.grain in (
            Grain.HOUR, Grain.DAY, Grain.MONTH):
        p.extra["dated"] = True
        p.extra["unit"] = unit
    return p


_HALF_HOUR = r"half\s+an?\s+hour|(?:a\s+)?quarter\s+(?:of\s+)?an?\s+hour|an?\s+hour\s+and\s+(?:a\s+)?half|three\s+quarters\s+of\s+an\s+hour"


def _special_amount(text: str) -> tuple[float, str]:
    t = " ".join(text.lower().split())
    if t.startswith("half"):
        return 30, "minute"
    if t.startswith("three"):
        return 45, "minute"
    if "and" in t:
        return 90, "minute"
    return 15, "minute"


@atom(rf"in\s+(?:about\s+|approximately\s+|around\s+|another\s+|just\s+)?(?:({_HALF_HOUR})|({QTY})(\s+and\s+an?\s+half)?(?:\s+more)?\s*({UNIT}){_HALF})(?:\s+(time|from\s+now))?")
def _in_offset(m: re.Match[str], ctx: Ctx) -> Piece | None:
    amt = _amount(m[2], m[4], "half" in m[0].lower()) if m[2] else _special_amount(m[1])
    if amt is None:
        return None
    got = _offset(ctx, *amt)
    if got is None:
        return None
    return _dated(Piece(DT, m.start(), m.end(), dt=got[0], grain=got[1]), amt[1])


@atom(rf"({QTY})\s*({UNIT}){_HALF}\s+(ago|later|hence|from\s+now|from\s+today|from\s+tomorrow|before|earlier|after|since)")
def _ago(m: re.Match[str], ctx: Ctx) -> Piece | None:
    amt = _amount(m[1], m[2], "half" in m[0].lower())
    if amt is None:
        return None
    word = m[3].lower()
    if word in ("before", "after", "since"):
        return None  # "two days after Easter": anchored to something else, left to context
    n, unit = amt
    sign = -1 if word in ("ago", "earlier") else 1
    got = _offset(ctx, sign * n, unit)
    if got is None:
        return None
    dt, grain = got
    if word.startswith("from to") and unit == "day":
        # Counted from a day: a day ("3 days from today").
        dt, grain = datetime.combine(ctx.today + timedelta(days=int(sign * n)), datetime.min.time(),
                                     ctx.now.tzinfo), Grain.DAY
    if word == "from tomorrow":
        dt += timedelta(days=1)
    return _dated(Piece(DT, m.start(), m.end(), dt=dt, grain=grain), unit)


@atom(rf"({QTY})\s+({WEEKDAY_CORE}s)\s+from\s+(?:now|today)")
def _weekdays_from_now(m: re.Match[str], ctx: Ctx) -> Piece | None:
    n = word_number(m[1])
    if n is None or n < 1 or n > 520:
        return None
    first = next_weekday(ctx.today, weekday_number(m[2]), include_today=False)
    return Piece(DATE, m.start(), m.end(), day=first + timedelta(weeks=int(n) - 1))


@atom(r"an?\s+(week|fortnight|month|year)\s+from\s+(today|now|tomorrow)")
def _a_week_from(m: re.Match[str], ctx: Ctx) -> Piece | None:
    amt = _amount("1", m[1], False)
    got = _offset(ctx, *amt) if amt else None
    if got is None:
        return None
    d = got[0] + timedelta(days=1 if m[2].lower() == "tomorrow" else 0)
    return Piece(DT, m.start(), m.end(), dt=d, grain=Grain.DAY)


@atom(rf"within\s+(?:the\s+next\s+)?({QTY})\s+(business\s+|working\s+|work\s+)?(days?|hours?|weeks?)")
def _within(m: re.Match[str], ctx: Ctx) -> Piece | None:
    from bot.understanding.time_en_calc import add_workdays

    n = word_number(m[1])
    if n is None or n > 1000:
        return None
    unit = unit_name(m[3])
    if unit == "hour":
        return Piece(DT, m.start(), m.end(), dt=(ctx.now + timedelta(hours=n)).replace(microsecond=0),
                     grain=Grain.MINUTE, deadline=True)
    if m[2]:
        d = add_workdays(ctx.today, int(n))
    else:
        d = ctx.today + timedelta(days=int(n * (7 if unit == "week" else 1)))
    return Piece(DATE, m.start(), m.end(), day=d, deadline=True)


@atom(rf"(?:({QTY})\s*({UNIT}){_HALF}|({_HALF_HOUR})|(\d{{1,3}})')")
def _duration(m: re.Match[str], ctx: Ctx) -> Piece | None:
    if m[4]:
        amt: tuple[float, str] | None = (float(m[4]), "minute")
    elif m[3]:
        amt = _special_amount(m[3])
    else:
        unit_word = m[2]
        if unit_word.lower() == "h" and not re.fullmatch(r"\d+(?:\.\d+)?|\d+/\d+", m[1]):
            return None
        amt = _amount(m[1], unit_word, "half" in m[0].lower().split()[-1:])
    if amt is None:
        return None
    n, unit = amt
    if unit in ("month", "quarter", "year"):
        delta = timedelta(days=n * {"month": 30, "quarter": 91, "year": 365}[unit])
    else:
        got = _delta(n, unit)
        if got is None:
            return None
        delta = got
    return Piece(DUR, m.start(), m.end(), delta=delta, grain=Grain(unit) if unit != "fortnight" else Grain.WEEK)
