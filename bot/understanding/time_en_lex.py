"""The English lexer: regex atoms for dates, clock times, parts of day, numbers and connectors."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.understanding.conventions import Conventions
from bot.understanding.time_en_calc import (
    add_months,
    last_workday_of_month,
    month_end,
    next_month_day,
    next_weekday,
    nth_weekday,
    period_start,
    prev_weekday,
    shift,
)
from bot.understanding.time_en_piece import (
    CONN,
    DATE,
    DT,
    DUR,
    NUM,
    POD,
    SPAN,
    TIME,
    TZ,
    Clock,
    Piece,
)
from bot.understanding.time_en_vocab import (
    AMPM,
    DAYNUM,
    MONTH,
    NUMWORD,
    ORDWORD,
    QTY,
    UNIT,
    WEEKDAY,
    WEEKDAY_CORE,
    month_number,
    ordinal_number,
    unit_name,
    weekday_number,
    word_number,
)
from bot.understanding.time_en_vocab import (
    NUM as NUMRX,
)
from bot.understanding.types import Grain


@dataclass
class Ctx:
    """What every atom needs: the reference instant and the office conventions."""

    now: datetime
    conv: Conventions
    text: str

    @property
    def today(self) -> date:
        """The reference day."""
        return self.now.date()


Handler = Callable[[re.Match[str], Ctx], Piece | None]
ATOMS: list[tuple[re.Pattern[str], Handler]] = []


def atom(pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for a regex (matched case-insensitively, on word boundaries)."""
    def deco(fn: Handler) -> Handler:
        ATOMS.append((re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE), fn))
        return fn
    return deco


def _year(text: str | None, today: date) -> int | None:
    if not text:
        return None
    t = text.strip("' ")
    y = int(t)
    if len(t) <= 2:
        y += 1900 if y >= 50 else 2000
    return y if 1 <= y <= 9998 else None


def _mkdate(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day_piece(m: re.Match[str], d: date | None, year_stated: bool = True) -> Piece | None:
    if d is None:
        return None
    p = Piece(DATE, m.start(), m.end(), day=d, year_stated=year_stated)
    p.extra["md"] = True
    return p


def _month_day(m: re.Match[str], ctx: Ctx, month: int, day: int, year: int | None) -> Piece | None:
    if year is not None:
        return _day_piece(m, _mkdate(year, month, day))
    return _day_piece(m, next_month_day(ctx.today, month, day), year_stated=False)


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


@atom(rf"(?:(this|next|last|the)\s+)?({MONTH})(?:(?:\s*,?\s*|[/-])(?:of\s+|in\s+)?({_YEAR}))?")
def _month_name(m: re.Match[str], ctx: Ctx) -> Piece | None:
    month = month_number(m[2])
    year = _year(m[3], ctx.today)
    mod = (m[1] or "").lower()
    if year is None:
        year = ctx.today.year
        if mod == "next" or (mod in ("", "the") and month < ctx.today.month):
            year += 1
        elif mod == "last":
            year -= 1
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


# ---- periods --------------------------------------------------------------------------

_PERIOD = r"(week|month|quarter|qtr|year|yr|weekend|week-end)"
_PERIOD_GRAIN = {"week": Grain.WEEK, "month": Grain.MONTH, "quarter": Grain.QUARTER, "qtr": Grain.QUARTER,
                 "year": Grain.YEAR, "yr": Grain.YEAR}
_PERIOD_MOD = {"this": 0, "current": 0, "the": 0, "next": 1, "coming": 1, "following": 1, "upcoming": 1,
               "last": -1, "past": -1, "previous": -1, "the following": 1, "the coming": 1, "the next": 1,
               "the last": -1, "the past": -1, "the previous": -1, "the current": 0}


@atom(rf"(this|current|next|coming|following|upcoming|last|past|previous|the(?:\s+(?:following|coming|next|last|past|previous|current))?)\s+{_PERIOD}|(?:(?<=\bthe\s)|(?<=\bon\s)|(?<=\bat\s))?(weekend)")
def _period(m: re.Match[str], ctx: Ctx) -> Piece | None:
    mod = " ".join((m[1] or "this").lower().split())
    unit = (m[2] or m[3]).lower().replace("-", "")
    n = _PERIOD_MOD.get(mod, 0)
    if unit == "weekend":
        sat = period_start(ctx.today, Grain.WEEK) + timedelta(days=5 + 7 * n)
        return Piece(DATE, m.start(), m.end(), day=sat, last=sat + timedelta(days=1))
    grain = _PERIOD_GRAIN[unit]
    d = shift(period_start(ctx.today, grain), grain, n)
    return Piece(DATE, m.start(), m.end(), day=d, grain=grain, month_only=grain is Grain.MONTH)


@atom(rf"(?:(next|last|past|previous|coming|upcoming|following)\s+({QTY})|({QTY})\s+(upcoming|next|last|past))\s+{UNIT}")
def _next_n(m: re.Match[str], ctx: Ctx) -> Piece | None:
    mod = (m[1] or m[4]).lower()
    n = word_number(m[2] or m[3])
    unit = unit_name(m[0].split()[-1])
    if n is None or n != int(n) or n < 1 or n > 1000 or unit == "fortnight":
        return None
    k = int(n)
    if unit in ("second", "minute", "hour"):
        step = timedelta(**{unit + "s": 1})
        base = ctx.now.replace(microsecond=0)
        if unit != "second":
            base = base.replace(second=0)
        if unit == "hour":
            base = base.replace(minute=0)
        g = Grain(unit)
        if mod in ("last", "past", "previous"):
            return Piece(SPAN, m.start(), m.end(), dt=base - k * step, dt_end=base - step, grain=g)
        return Piece(SPAN, m.start(), m.end(), dt=base + step, dt_end=base + k * step, grain=g)
    grain = Grain(unit)
    cur = period_start(ctx.today, grain)
    if mod == "upcoming":
        return Piece(DATE, m.start(), m.end(), day=shift(cur, grain, k), grain=grain)
    if mod in ("last", "past", "previous"):
        return Piece(DATE, m.start(), m.end(), day=shift(cur, grain, -k), last=shift(cur, grain, -1), grain=grain)
    return Piece(DATE, m.start(), m.end(), day=shift(cur, grain, 1), last=shift(cur, grain, k), grain=grain)


_ORD_Q = rf"(?:\d(?:st|nd|rd|th)?|{ORDWORD})"


@atom(rf"(?:the\s+)?({_ORD_Q})\s+(?:quarter|qtr)(?:\s+(?:of\s+)?(?:(\d{{4}})|(?:the|this)\s+year|(next\s+year)))?"
      r"|q([1-4])(?:\s+(\d{4}))?|(\d{4})\s*q([1-4])|(\d{2})q([1-4])")
def _quarter(m: re.Match[str], ctx: Ctx) -> Piece | None:
    if m[1]:
        q = ordinal_number(m[1])
        year = int(m[2]) if m[2] else ctx.today.year + (1 if m[3] else 0)
    elif m[4]:
        q, year = int(m[4]), int(m[5]) if m[5] else ctx.today.year
    elif m[6]:
        q, year = int(m[7]), int(m[6])
    else:
        q, year = int(m[9]), 2000 + int(m[8])
    if q is None or not 1 <= q <= 4:
        return None
    return Piece(DATE, m.start(), m.end(), day=date(year, 3 * q - 2, 1), grain=Grain.QUARTER)


@atom(r"(?:the\s+)?week\s+(?:no\.?\s*|number\s+|#)?(\d{1,2})")
def _week_number(m: re.Match[str], ctx: Ctx) -> Piece | None:
    n = int(m[1])
    if not 1 <= n <= 53:
        return None
    try:
        d = date.fromisocalendar(ctx.today.year, n, 1)
    except ValueError:
        return None
    return Piece(DATE, m.start(), m.end(), day=d, grain=Grain.WEEK)


# "first Tuesday of October", "last day of the month", "the last week of July".
_OF_MONTH = rf"(?:(this|next|last|the)\s+month|({MONTH})(?:\s+(\d{{4}}))?|(\d{{4}}))"


@atom(rf"(?:the\s+)?(?:(?:{ORDWORD}|\d{{1,2}}(?:st|nd|rd|th))\s+(?=last))?({ORDWORD}|\d{{1,2}}(?:st|nd|rd|th)|last)\s+(?:({WEEKDAY})|(day|week|working\s+day|business\s+day|workday|weekday))\s+(?:of|in)\s+(?:the\s+)?{_OF_MONTH}")
def _nth_of(m: re.Match[str], ctx: Ctx) -> Piece | None:
    n = ordinal_number(m[1])
    if n is None or n == 0:
        return None
    words = m[0].lower().split()
    words = words[1:] if words[0] == "the" else words
    if n == -1 and words[0] != "last":
        n = -(ordinal_number(words[0]) or 1)
    today = ctx.today
    if m[7]:
        y = int(m[7])
        first, last, grain_of = date(y, 1, 1), date(y, 12, 31), Grain.YEAR
    else:
        grain_of = Grain.MONTH
        if m[4] or (m[5] is None):
            mod = (m[4] or "this").lower()
            first = add_months(today.replace(day=1), {"next": 1, "last": -1}.get(mod, 0))
        else:
            month = month_number(m[5])
            y = int(m[6]) if m[6] else today.year + (1 if month < today.month else 0)
            first = date(y, month, 1)
        last = month_end(first.year, first.month)
    kind = (m[3] or "").lower().split()[0] if m[3] else ""
    if m[2]:
        if grain_of is Grain.YEAR:
            return None
        d = nth_weekday(first.year, first.month, weekday_number(m[2]), n)
        return Piece(DATE, m.start(), m.end(), day=d) if d else None
    if kind == "week":
        # The first week holds the first day; the last one is the last week ending inside the period.
        if n > 0:
            monday = first - timedelta(days=first.weekday()) + timedelta(weeks=n - 1)
        else:
            monday = last - timedelta(days=(last.weekday() + 1) % 7 + 6) + timedelta(weeks=n + 1)
        return Piece(DATE, m.start(), m.end(), day=monday, grain=Grain.WEEK)
    if kind in ("working", "business", "workday", "weekday"):
        if n == -1 and grain_of is Grain.MONTH:
            return Piece(DATE, m.start(), m.end(), day=last_workday_of_month(first.year, first.month))
        return None
    d = last + timedelta(days=n + 1) if n < 0 else first + timedelta(days=n - 1)
    return Piece(DATE, m.start(), m.end(), day=d) if first <= d <= last else None


@atom(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+day)?\s+of\s+(?:the\s+|this\s+|next\s+|last\s+)month")
def _day_of_month(m: re.Match[str], ctx: Ctx) -> Piece | None:
    words = m[0].lower().split()
    n = {"next": 1, "last": -1}.get(words[-2], 0)
    first = add_months(ctx.today.replace(day=1), n)
    try:
        return Piece(DATE, m.start(), m.end(), day=first.replace(day=int(m[1])))
    except ValueError:
        return None


@atom(rf"(?:on\s+)?the\s+(\d{{1,2}})(?:st|nd|rd|th)|(?:on\s+)?the\s+({ORDWORD})(?=\s*(?:$|[.,;!?]|at\b|of\b|to\b|and\b|-|\d))")
def _the_nth(m: re.Match[str], ctx: Ctx) -> Piece | None:
    n = int(m[1]) if m[1] else ordinal_number(m[2]) or 0
    if not 1 <= n <= 31:
        return None
    d = ctx.today
    for _ in range(13):
        cand = _mkdate(d.year, d.month, n)
        if cand and cand >= ctx.today:
            p = Piece(DATE, m.start(), m.end(), day=cand, value=n)
            p.extra["nth"] = True
            return p
        d = add_months(d.replace(day=1), 1)
    return None


# ---- beginning / end of periods -------------------------------------------------------

@atom(rf"(?:at\s+)?(?:the\s+)?(end|beginning|start|middle)\s+of\s+(?:the\s+)?((?:this|next|last|current|coming|following|past)\s+)?(day|week|month|year|{MONTH}|\d{{4}})"
      r"|(?:the\s+)?(eod|cob|eom|eoy|boy|bom|eow)|(?:the\s+)?(year|month)[\s-]end")
def _edge(m: re.Match[str], ctx: Ctx) -> Piece | None:
    today = ctx.today
    abbr = (m[4] or "").lower() or ("eo" + m[5][0].lower() if m[5] else "")
    if abbr:
        edge = "beginning" if abbr[0] == "b" else "end"
        unit = {"d": "day", "c": "day", "m": "month", "y": "year", "w": "week"}[abbr[-1] if abbr != "cob" else "c"]
        mod = ""
    else:
        edge, mod, unit = m[1].lower(), (m[2] or "").strip().lower(), m[3].lower()
    n = _PERIOD_MOD.get(mod, 0) if mod else 0
    p = Piece(DATE, m.start(), m.end())
    if unit == "day":
        p.day = today
        if edge == "end":
            p.extra["eod"] = True
        return p
    if unit in ("week", "month", "year"):
        grain = _PERIOD_GRAIN[unit]
        first = shift(period_start(today, grain), grain, n)
    elif unit.isdigit():
        grain, first = Grain.YEAR, date(int(unit), 1, 1)
    else:
        grain = Grain.MONTH
        month = month_number(unit)
        first = date(today.year + (1 if month < today.month else 0), month, 1)
    last = shift(first, grain, 1) - timedelta(days=1)
    p.extra["period_last"] = last
    p.extra["edge"] = edge
    if grain is Grain.WEEK:
        p.day, p.last = (first, first + timedelta(days=2)) if edge != "end" else (first + timedelta(days=4), last)
    elif grain is Grain.MONTH:
        p.day, p.last = (first, first + timedelta(days=9)) if edge != "end" else (first.replace(day=21), last)
        if edge in ("middle", "mid"):
            p.day, p.last = first.replace(day=11), first.replace(day=20)
    else:
        p.grain = Grain.MONTH
        p.day, p.last = (first, add_months(first, 2)) if edge != "end" else (add_months(first, 8), add_months(first, 11))
    return p


@atom(r"(earlier|early|later|late)\s+(?:in\s+)?(?:(the|this|current|next|coming|following|last|previous|past)\s+)?week")
def _part_of_week(m: re.Match[str], ctx: Ctx) -> Piece | None:
    n = _PERIOD_MOD.get((m[2] or "this").lower(), 0)
    monday = period_start(ctx.today, Grain.WEEK) + timedelta(weeks=n)
    if m[1].lower().startswith("early"):
        return Piece(DATE, m.start(), m.end(), day=monday, last=monday + timedelta(days=2))
    return Piece(DATE, m.start(), m.end(), day=monday + timedelta(days=3), last=monday + timedelta(days=6))


@atom(r"(early|mid|late)[\s-]+(" + MONTH + r")")
def _part_of_month(m: re.Match[str], ctx: Ctx) -> Piece | None:
    month = month_number(m[2])
    first = date(ctx.today.year + (1 if month < ctx.today.month else 0), month, 1)
    part = m[1].lower()
    if part == "early":
        return Piece(DATE, m.start(), m.end(), day=first, last=first.replace(day=10))
    if part == "mid":
        return Piece(DATE, m.start(), m.end(), day=first.replace(day=11), last=first.replace(day=20))
    return Piece(DATE, m.start(), m.end(), day=first.replace(day=21), last=month_end(first.year, month))


# ---- relative offsets and durations ---------------------------------------------------

_HALF = r"(?:\s+and\s+(?:a\s+|an\s+)?half)?"


def _amount(qty: str, unit_word: str, half: bool) -> tuple[float, str] | None:
    n = word_number(qty)
    if n is None:
        return None
    unit = unit_name(unit_word)
    if unit == "fortnight":
        n, unit = n * 2, "week"
    return n + (0.5 if half else 0), unit


def _delta(n: float, unit: str) -> timedelta | None:
    if unit in ("month", "quarter", "year"):
        return None
    if n > 100000:
        return None
    return timedelta(**{unit + "s": n})


def _offset(ctx: Ctx, n: float, unit: str) -> tuple[datetime, Grain] | None:
    """now moved by n units: exact for units below a day, a calendar day otherwise."""
    if unit in ("month", "quarter", "year"):
        months = n * {"month": 1, "quarter": 3, "year": 12}[unit]
        if months != int(months) or abs(months) > 12000:
            return None
        d = add_months(ctx.today, int(months))
        return datetime.combine(d, datetime.min.time(), ctx.now.tzinfo), Grain.DAY
    delta = _delta(n, unit)
    if delta is None:
        return None
    if unit in ("day", "week"):
        d = ctx.today + timedelta(days=int(delta.days))
        return datetime.combine(d, datetime.min.time(), ctx.now.tzinfo), Grain.DAY
    return (ctx.now + delta).replace(microsecond=0), Grain.SECOND


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
    return Piece(DT, m.start(), m.end(), dt=got[0], grain=got[1])


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
    if word == "from tomorrow":
        dt += timedelta(days=1)
    return Piece(DT, m.start(), m.end(), dt=dt, grain=grain)


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


# ---- clock times ----------------------------------------------------------------------

def _ampm(text: str | None) -> str | None:
    if not text:
        return None
    return "pm" if text.strip().lower().startswith("p") else "am"


def _clock(m: re.Match[str], hour: int, minute: int = 0, second: int = 0, ampm: str | None = None,
           grain: Grain = Grain.HOUR, tf: bool = False) -> Piece | None:
    if not (0 <= hour <= 24 and 0 <= minute < 60 and 0 <= second < 60):
        return None
    if ampm and not 1 <= hour <= 12 and hour != 0:
        return None
    return Piece(TIME, m.start(), m.end(), clock=Clock(hour, minute, second, ampm, grain, tf or hour > 12))


_AP = rf"\s*({AMPM})"


@atom(rf"(\d{{1,2}}):(\d{{2}})(?::(\d{{2}}))?(?:{_AP})?")
def _colon(m: re.Match[str], ctx: Ctx) -> Piece | None:
    grain = Grain.SECOND if m[3] else Grain.MINUTE
    return _clock(m, int(m[1]), int(m[2]), int(m[3] or 0), _ampm(m[4]), grain, tf=m[1].startswith("0"))


@atom(rf"(?:(?:at|@)\s+)?(\d{{1,2}})\.(\d{{2}}){_AP}|(?:at|@)\s+(\d{{1,2}})\.(\d{{2}})(?!\.\d)")
def _dotted(m: re.Match[str], ctx: Ctx) -> Piece | None:
    h, mi = (m[1], m[2]) if m[1] else (m[4], m[5])
    return _clock(m, int(h), int(mi), 0, _ampm(m[3]), Grain.MINUTE)


@atom(r"(\d{1,2})h(\d{2})?")
def _h_form(m: re.Match[str], ctx: Ctx) -> Piece | None:
    h = int(m[1])
    if not m[2] and h <= 12:
        return None
    return _clock(m, h, int(m[2] or 0), 0, None, Grain.MINUTE, tf=True)


@atom(rf"(\d{{1,2}})(?:\s*ish)?{_AP}|(\d{{1,2}})(?:ish)?([ap])(?:m)?(?=\W|$)")
def _hour_ampm(m: re.Match[str], ctx: Ctx) -> Piece | None:
    return _clock(m, int(m[1] or m[3]), 0, 0, _ampm(m[2] or m[4]))


@atom(rf"(\d{{3,4}})\s*({AMPM})|(?:at|around|about|@)\s+(?!19\d\d|20\d\d)(\d{{3,4}})(?:\s*ish)?")
def _hhmm(m: re.Match[str], ctx: Ctx) -> Piece | None:
    digits = m[1] or m[3]
    return _clock(m, int(digits[:-2]), int(digits[-2:]), 0, _ampm(m[2]), Grain.MINUTE, tf=not m[2])


@atom(rf"(?:at\s+)?({NUMRX})\s*(?:o'?\s?clock|oclock)(?:\s*({AMPM}))?")
def _oclock(m: re.Match[str], ctx: Ctx) -> Piece | None:
    h = word_number(m[1])
    return _clock(m, int(h), 0, 0, _ampm(m[2])) if h is not None else None


@atom(rf"(?:at|around|about|@)\s+({NUMRX})(?:\s*ish)?(?!\s*(?:{AMPM}|o'?\s?clock|oclock|[:.\d%/-]|h\d|people|persons|guests|rooms?|floors?|minutes|mins|hours|days|weeks|months|years))|(\d{{1,2}})\s*ish|at\s+(\d{{1,2}})\s+(\d{{2}})(?!\d)")
def _at_hour(m: re.Match[str], ctx: Ctx) -> Piece | None:
    if m[3]:
        return _clock(m, int(m[3]), int(m[4]), 0, None, Grain.MINUTE)
    h = word_number(m[1] or m[2])
    if h is None or h != int(h):
        return None
    return _clock(m, int(h), 0, 0, None)


_MINWORD = rf"(?:oh[\s-]+(?:{NUMWORD})|(?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"


@atom(rf"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:[\s-]+({_MINWORD}))?(?:\s*({AMPM}))?")
def _word_time(m: re.Match[str], ctx: Ctx) -> Piece | None:
    if not m[2] and not m[3]:
        return None
    h = int(word_number(m[1]) or 0)
    mi = int(word_number(m[2].lower().replace("oh", "")) or 0) if m[2] else 0
    p = _clock(m, h, mi, 0, _ampm(m[3]), Grain.MINUTE if m[2] else Grain.HOUR)
    if p is not None and not m[3]:
        p.weak = True
    return p


_HOURX = rf"(\d{{1,2}}|{NUMWORD}|noon|midnight)(?:\s*({AMPM}))?"


@atom(rf"(?:at\s+|for\s+)?(?:(a\s+)?(quarter)|(half)|({NUMRX})(\s+min(?:ute)?s?)?)\s+(past|after|to|till|before|of)\s+{_HOURX}")
def _past_to(m: re.Match[str], ctx: Ctx) -> Piece | None:
    rel = m[6].lower()
    if m[2]:
        mins = 15
    elif m[3]:
        mins = 30
    else:
        n = word_number(m[4])
        if n is None or n != int(n) or not 1 <= n < 60:
            return None
        mins = int(n)
        if rel in ("to", "till", "before", "of") and not m[5]:
            return None  # "five to seven" is more often a range than 6:55
    hw = m[7].lower()
    h = 12 if hw == "noon" else 0 if hw == "midnight" else int(word_number(hw) or -1)
    ampm = _ampm(m[8]) or ("pm" if hw == "noon" else None)
    if rel in ("past", "after"):
        return _clock(m, h, mins, 0, ampm, Grain.MINUTE, tf=hw in ("noon", "midnight"))
    h2 = (h - 1) % 24 if ampm is None else h - 1
    if ampm and h2 == 0:
        h2 = 12 if ampm == "pm" else 0
        ampm = "am" if h2 == 12 else ampm
    if hw == "noon":
        return _clock(m, 11, 60 - mins, 0, None, Grain.MINUTE, tf=True)
    return _clock(m, h2, 60 - mins, 0, ampm, Grain.MINUTE)


@atom(rf"half\s+({NUMRX})(?!\s*(?:{UNIT}|an?\b))")
def _half_hour(m: re.Match[str], ctx: Ctx) -> Piece | None:
    h = word_number(m[1])
    return _clock(m, int(h), 30, 0, None, Grain.MINUTE) if h is not None and 1 <= h <= 12 else None


@atom(r"(?:the\s+)?(noon|midday|midnight)(?:ish)?")
def _noon(m: re.Match[str], ctx: Ctx) -> Piece | None:
    mid = m[1].lower() == "midnight"
    p = _clock(m, 24 if mid else 12, 0, 0, None, Grain.HOUR, tf=True)
    return p


# ---- parts of the day -----------------------------------------------------------------

@atom(r"(?:(early|late|later)\s+)?(?:(?:in\s+)?(?:the\s+)?|this\s+|today\s+)?(?:(early|late)\s+)?(morning|mornings|afternoon|evening|night|lunch\s*time)")
def _pod(m: re.Match[str], ctx: Ctx) -> Piece | None:
    word = m[3].lower().replace(" ", "")
    pod = {"mornings": "morning", "night": "evening", "lunchtime": "noon", "lunch": "noon",
           "dinner": "evening", "breakfast": "morning"}.get(word, word)
    low = m[0].lower()
    p = Piece(POD, m.start(), m.end(), pod=pod)
    if low.startswith(("this", "today")):
        p.day = ctx.today
    return p


# ---- numbers and connectors -----------------------------------------------------------

@atom(rf"(?<![:/.])(\d{{1,2}})(st|nd|rd|th)?(?![:/]\d)|({ORDWORD})|({NUMWORD})")
def _num(m: re.Match[str], ctx: Ctx) -> Piece | None:
    if m[1]:
        v = int(m[1])
        ordinal = bool(m[2])
    elif m[3]:
        v = ordinal_number(m[3]) or 0
        ordinal = True
    else:
        v = int(word_number(m[4]) or 0)
        ordinal = False
    if not 0 <= v <= 31:
        return None
    return Piece(NUM, m.start(), m.end(), value=v, ordinal=ordinal, weak=True)


@atom(r"from|to|till|til|until|untill|up\s+to|thru|through|between|and|after|since|before|by|"
      r"starting(?:\s+(?:on|from|at))?|beginning(?:\s+(?:on|from))?|later\s+than|no\s+later\s+than|"
      r"not\s+later\s+than|earlier\s+than|for|every|each|within|during|as\s+late\s+as|"
      r"as\s+early\s+as|sometimes?|sometime|w/c|(?:the\s+)?week\s+(?:beginning|starting|commencing)(?:\s+on)?")
def _conn(m: re.Match[str], ctx: Ctx) -> Piece | None:
    return Piece(CONN, m.start(), m.end(), word=" ".join(m[0].lower().split()))


_TZ_OFFSETS = {"gmt": 0, "utc": 0, "z": 0, "wet": 0, "cet": 60, "cest": 120, "bst": 60, "eet": 120,
               "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480,
               "pdt": -420, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "ist": 330, "aest": 600}


@atom(r"(gmt|utc|wet|cet|cest|bst|eet|est|edt|cst|cdt|mst|mdt|pst|pdt|jst|kst|hkt|sgt|ist|aest)")
def _tz(m: re.Match[str], ctx: Ctx) -> Piece | None:
    return Piece(TZ, m.start(), m.end(), value=_TZ_OFFSETS[m[1].lower()], weak=True)


_PRIORITY = {TIME: 0, NUM: 2}
# Words read per message: far beyond any chat message, it bounds the time spent on junk.
MAX_WORDS = 500
_WORD_START = re.compile(r"(?<![\w'])[\w@']")
_DASH = re.compile(r"\s*[-–—~]\s*")


def lex(text: str, ctx: Ctx) -> list[Piece]:
    """Every atom in the text, the longest winning where two overlap, in text order."""
    found: list[Piece] = []
    # Every atom begins a word: trying only word starts keeps long texts fast.
    starts = [m.start() for _, m in zip(range(MAX_WORDS), _WORD_START.finditer(text), strict=False)]
    for rx, fn in ATOMS:
        after = 0
        for pos in starts:
            if pos < after:
                continue
            m = rx.match(text, pos)
            if m is None or m.end() == m.start():
                continue
            after = m.end()
            try:
                p = fn(m, ctx)
            except (ValueError, OverflowError, KeyError):
                p = None
            if p is not None:
                found.append(p)
    for m in _DASH.finditer(text):
        found.append(Piece(CONN, m.start(), m.end(), word="-"))
    found.sort(key=lambda p: (-(p.end - p.start), p.start, _PRIORITY.get(p.kind, 1)))
    taken: list[Piece] = []
    used = bytearray(len(text) + 1)
    for p in found:
        if not any(used[p.start:p.end]):
            used[p.start:p.end] = b"\x01" * (p.end - p.start)
            taken.append(p)
    taken.sort(key=lambda p: p.start)
    return taken
