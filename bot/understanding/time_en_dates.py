"""English date atoms: numeric dates, month names, years, weekdays, relative days, now."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.understanding.time_en_calc import (
    next_weekday,
    period_start,
    prev_weekday,
)
from bot.understanding.time_en_lex import (
    Ctx,
    _day_piece,
    _mkdate,
    _month_day,
    _year,
    atom,
)
from bot.understanding.time_en_piece import (
    DATE,
    DT,
    Piece,
)
from bot.understanding.time_en_vocab import (
    AMPM,
    DAYNUM,
    MONTH,
    NUMWORD,
    WEEKDAY,
    month_number,
    ordinal_number,
    weekday_number,
    word_number,
)
from bot.understanding.types import Grain

# ---- numeric dates --------------------------------------------------------------------

@atom(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![:\d])")
def _iso(m: re.Match[str], ctx: Ctx) -> Piece | None:
    return _day_piece(m, _mkdate(int(m[1]), int(m[3]), int(m[4])))


@atom(r"((?:19|20)\d{2})(\d{2})(\d{2})")
def _compact(m: re.Match[str], ctx: Ctx) -> Piece | None:
    return _day_piece(m, _mkdate(int(m[1]), int(m[2]), int(m[3])))


@atom(r"((?:19|20)\d{2}) (\d{1,2}) (\d{1,2})")
def _spaced(m: re.Match[str], ctx: Ctx) -> Piece | None:
    return _day_piece(m, _mkdate(int(m[1]), int(m[2]), int(m[3])))


@atom(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![:\d])")
def _mdy(m: re.Match[str], ctx: Ctx) -> Piece | None:
    a, b, y = int(m[1]), int(m[3]), _year(m[4], ctx.today)
    if y is None:
        return None
    # US order (month/day) unless the first number cannot be a month.
    month, day = (b, a) if a > 12 >= b else (a, b)
    return _day_piece(m, _mkdate(y, month, day))


@atom(r"(\d{1,2})/(\d{1,2})(?![/\d])")
def _md(m: re.Match[str], ctx: Ctx) -> Piece | None:
    a, b = int(m[1]), int(m[2])
    if not (1 <= a <= 12 and 1 <= b <= 31):
        return None
    return _month_day(m, ctx, a, b, None)


@atom(r"(\d{1,2})[/-]((?:19|20)\d{2})|((?:19|20)\d{2})-(\d{1,2})(?![-/\d])")
def _month_year_num(m: re.Match[str], ctx: Ctx) -> Piece | None:
    month, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
    if not 1 <= month <= 12:
        return None
    return Piece(DATE, m.start(), m.end(), day=date(year, month, 1), grain=Grain.MONTH,
                 month_only=True, year_stated=True)


# ---- dates with month names -----------------------------------------------------------

_YEAR = r"(?:\d{4}|'\d{2})"


@atom(rf"({MONTH})[\s,/-]*({DAYNUM})(?![:\d])(?!\s*(?:{AMPM}|o'?clock|h\b))(?:(?:\s*,\s*|\s+|[/-])(?:of\s+|in\s+)?({_YEAR}))?")
def _month_name_day(m: re.Match[str], ctx: Ctx) -> Piece | None:
    day = ordinal_number(m[2])
    if day is None or not 1 <= day <= 31:
        return None
    return _month_day(m, ctx, month_number(m[1]), day, _year(m[3], ctx.today))


@atom(rf"(?:the\s+)?({DAYNUM})(?:\s+day)?(?:\s+of|[/-])?\s*({MONTH})(?:(?:\s*,\s*|\s+|[/-])(?:of\s+|in\s+)?({_YEAR})|\s+of\s+(\d{{2}}))?")
def _day_month_name(m: re.Match[str], ctx: Ctx) -> Piece | None:
    day = ordinal_number(m[1])
    if day is None or not 1 <= day <= 31:
        return None
    return _month_day(m, ctx, month_number(m[2]), day, _year(m[3] or m[4], ctx.today))


@atom(r"([a-z]{3,9}\.?|\d{1,4})[/-]([a-z]{3,9}|\d{1,4})[/-]([a-z]{3,9}|\d{1,4})")
def _three_parts(m: re.Match[str], ctx: Ctx) -> Piece | None:
    """Any order of month name, four-digit year and day joined by / or - (2020/Sep/23)."""
    month = year = day = None
    for part in (m[1], m[2], m[3]):
        p = part.strip(".").lower()
        if p.isdigit():
            if len(p) == 4 and year is None:
                year = int(p)
            elif len(p) <= 2 and day is None:
                day = int(p)
            else:
                return None
        elif p[:3] in ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"):
            if re.fullmatch(MONTH, p) is None:
                return None
            month = month_number(p)
        else:
            return None
    if month is None or year is None or day is None:
        return None
    return _day_piece(m, _mkdate(year, month, day))


@atom(rf"(?:(this|next|last|the)\s+)?({MONTH})(?:(?:\s*,?\s*|[/-])(?:of\s+|in\s+)?({_YEAR})|\s+(after\s+next|before\s+last))?")
def _month_name(m: re.Match[str], ctx: Ctx) -> Piece | None:
    month = month_number(m[2])
    year = _year(m[3], ctx.today)
    mod = (m[1] or "").lower()
    if m[4]:
        mod = "after next" if m[4].lower().startswith("after") else "before last"
    if year is None:
        year = ctx.today.year
        if mod == "next" or (mod in ("", "the") and month < ctx.today.month):
            year += 1
        elif mod == "last":
            year -= 1
        elif mod == "after next":
            # The second one to come ("March after next").
            year += 1 if month > ctx.today.month else 2
        elif mod == "before last":
            year -= 1 if month < ctx.today.month else 2
    word = m[2].strip(".").lower()
    # Month names that are also common words need a cue before them.
    weak = not mod and m[3] is None and word in ("may", "mar", "march", "jan", "sept")
    return Piece(DATE, m.start(), m.end(), day=date(year, month, 1), grain=Grain.MONTH,
                 month_only=True, year_stated=m[3] is not None, weak=weak)


@atom(r"(?:the\s+)?year\s+(?:of\s+)?((?:19|20)\d{2})|((?:19|20)\d{2})|two thousand(?: and)?(?: (" + NUMWORD + r"))?")
def _year_alone(m: re.Match[str], ctx: Ctx) -> Piece | None:
    y = int(m[1] or m[2]) if m[1] or m[2] else 2000 + int(word_number(m[3]) or 0) if m[3] else 2000
    return Piece(DATE, m.start(), m.end(), day=date(y, 1, 1), grain=Grain.YEAR, weak=m[2] is not None,
                 year_stated=True)


# ---- weekdays and relative days ------------------------------------------------------

_WD_MOD = r"this|next|last|coming|the\s+coming|following|the\s+following|previous|past|upcoming|the\s+next"


@atom(rf"(?:({_WD_MOD})\s+)?({WEEKDAY})(?:\s+(after\s+next|before\s+last))?")
def _weekday(m: re.Match[str], ctx: Ctx) -> Piece | None:
    wd = weekday_number(m[2])
    mod = " ".join((m[1] or "").lower().split())
    today = ctx.today
    if m[3]:
        base = period_start(today, Grain.WEEK)
        n = 2 if m[3].lower().startswith("after") else -2
        d = base + timedelta(weeks=n if n < 0 else 1, days=wd)
        if n > 0 and d <= today + timedelta(days=7):
            d = base + timedelta(weeks=2, days=wd) if (d - today).days < 7 else d
        return Piece(DATE, m.start(), m.end(), day=d, weekday=wd)
    if mod in ("next", "following", "the following"):
        d = period_start(today, Grain.WEEK) + timedelta(weeks=1, days=wd)
    elif mod in ("last", "previous", "past"):
        d = prev_weekday(today, wd)
    else:
        d = next_weekday(today, wd)
    word = m[2].strip(".").lower()
    weak = not mod and word in ("sat", "sun", "wed", "mon", "thu", "tue", "fri")
    return Piece(DATE, m.start(), m.end(), day=d, weekday=wd, movable=not mod, weak=weak)


@atom(rf"(?:({_WD_MOD})\s+week'?s?\s+({WEEKDAY})|({WEEKDAY})\s+(?:of\s+)?(this|next|last|the\s+following|following|previous|past|coming|the\s+coming)\s+week)")
def _weekday_of_week(m: re.Match[str], ctx: Ctx) -> Piece | None:
    mod = " ".join((m[1] or m[4]).lower().split()).removeprefix("the ")
    wd = weekday_number(m[2] or m[3])
    n = {"this": 0, "next": 1, "following": 1, "coming": 1, "upcoming": 1}.get(mod, -1)
    d = period_start(ctx.today, Grain.WEEK) + timedelta(weeks=n, days=wd)
    return Piece(DATE, m.start(), m.end(), day=d, weekday=wd)


_REL_DAYS = {
    "today": 0, "tonight": 0, "tonite": 0, "tomorrow": 1, "tmrw": 1, "tmr": 1, "yesterday": -1,
    "the day after tomorrow": 2, "day after tomorrow": 2, "the day before yesterday": -2,
    "day before yesterday": -2, "the day after": 1, "the day before": -1, "last night": -1,
}


@atom(r"(?:the\s+)?day\s+(?:after\s+tomorrow|before\s+yesterday)|the\s+day\s+(?:after|before)"
      r"|today|tonight|tonite|tomorrow|tmrw|tmr|yesterday|last\s+night")
def _rel_day(m: re.Match[str], ctx: Ctx) -> Piece | None:
    key = " ".join(m[0].lower().split())
    p = Piece(DATE, m.start(), m.end(), day=ctx.today + timedelta(days=_REL_DAYS[key]))
    if key in ("tonight", "tonite", "last night"):
        p.pod = "evening"
    return p


@atom(r"(?:right\s+|just\s+)?now|at\s+the\s+moment|atm|asap|as\s+soon\s+as\s+possible")
def _now(m: re.Match[str], ctx: Ctx) -> Piece | None:
    word = m[0].lower()
    p = Piece(DT, m.start(), m.end(), dt=ctx.now.replace(microsecond=0), grain=Grain.SECOND)
    if word.startswith("as"):
        p.open_end = True
    return p
