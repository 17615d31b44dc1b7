"""English period atoms: weeks, months, quarters, nth days of a month, edges of periods."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.understanding.time_en_calc import (
    add_months,
    last_workday_of_month,
    month_end,
    nth_weekday,
    period_start,
    shift,
)
from bot.understanding.time_en_lex import (
    Ctx,
    _mkdate,
    atom,
)
from bot.understanding.time_en_piece import (
    DATE,
    SPAN,
    Piece,
)
from bot.understanding.time_en_vocab import (
    MONTH,
    ORDWORD,
    QTY,
    UNIT,
    WEEKDAY,
    month_number,
    ordinal_number,
    unit_name,
    weekday_number,
    word_number,
)
from bot.understanding.types import Grain

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


@atom(rf"(?:the\s+)?(?:(?:{ORDWORD}|\d{{1,2}}(?:st|nd|rd|th))\s+(?=last))?({ORDWORD}|\d{{1,2}}(?:st|nd|rd|th)|last)\s+(?:({WEEKDAY})|(day|week-?end|week|working\s+day|business\s+day|workday|weekday))\s+(?:of|in)\s+(?:the\s+)?{_OF_MONTH}")
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
    if kind.startswith("week-") or kind == "weekend":
        # Saturday and Sunday of the nth (or last) weekend whose Saturday lies in the period.
        sat = nth_weekday(first.year, first.month, 5, n) if grain_of is Grain.MONTH else None
        return Piece(DATE, m.start(), m.end(), day=sat, last=sat + timedelta(days=1)) if sat else None
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

@atom(rf"(?:at\s+)?(?:the\s+)?(end|beginning|start|middle)\s+of\s+(?:around\s+|about\s+)?(?:the\s+)?((?:this|next|last|current|coming|following|past)\s+)?(day|week|month|year|{MONTH}|\d{{4}})"
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
    if m[1].lower().startswith("earl"):
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


@atom(r"(?:(?:the\s+)?(first|second|1st|2nd)\s+half\s+(?:of\s+)?(?:(?:the|this)\s+year|(next|last)\s+year|(\d{4}))"
      r"|h([12])\s*(\d{4})|(\d{4})\s*h([12]))")
def _half_year(m: re.Match[str], ctx: Ctx) -> Piece | None:
    """"H2 2019", "the first half of next year": six months, day by day."""
    if m[1]:
        half = 1 if m[1].lower() in ("first", "1st") else 2
        year = int(m[3]) if m[3] else ctx.today.year + {"next": 1, "last": -1}.get((m[2] or "").lower(), 0)
    else:
        half, year = (int(m[4]), int(m[5])) if m[4] else (int(m[7]), int(m[6]))
    first = date(year, 1 if half == 1 else 7, 1)
    return Piece(DATE, m.start(), m.end(), day=first, last=add_months(first, 6) - timedelta(days=1))


@atom(r"(?:the\s+)?(year|month|quarter|week)\s+to\s+date|(ytd|mtd|qtd|wtd)")
def _to_date(m: re.Match[str], ctx: Ctx) -> Piece | None:
    """"year to date", "YTD": from the start of the period to today."""
    word = (m[1] or {"y": "year", "m": "month", "q": "quarter", "w": "week"}[m[2][0].lower()]).lower()
    grain = _PERIOD_GRAIN[word]
    first = period_start(ctx.today, grain)
    # Up to the last whole day: "year to date" on Sep 7 runs Jan 1 - Sep 6.
    return Piece(DATE, m.start(), m.end(), day=first, last=max(first, ctx.today - timedelta(days=1)))
