"""Named holidays and seasons in English: fixed days, nth weekdays, Easter, lunar and Hijri feasts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from bot.understanding.time_en_calc import nth_weekday
from bot.understanding.time_en_lex import Ctx, atom
from bot.understanding.time_en_piece import DATE, Piece
from bot.understanding.time_en_vocab import ORDWORD, ordinal_number
from bot.understanding.time_en_yearsfx import YEAR_SUFFIX, year_of_suffix
from bot.understanding.types import Grain

DayRule = Callable[[int], date | None]


def _fixed(month: int, day: int) -> DayRule:
    return lambda y: date(y, month, day)


def _nth(month: int, wd: int, n: int) -> DayRule:
    return lambda y: nth_weekday(y, month, wd, n)


def _easter(offset: int, orthodox: bool = False) -> DayRule:
    def rule(y: int) -> date:
        from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

        return easter(y, EASTER_ORTHODOX if orthodox else EASTER_WESTERN) + timedelta(days=offset)
    return rule


def _lunar(month: int, day: int) -> DayRule:
    def rule(y: int) -> date | None:
        try:
            from lunardate import LunarDate

            return LunarDate(y, month, day).to_solar_date()  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - the lunar table is optional and bounded
            return None
    return rule


def _hijri(month: int, day: int, friday_before: bool = False) -> DayRule:
    """The Hijri month/day falling in Gregorian year y (the first one when there are two)."""
    def rule(y: int) -> date | None:
        try:
            from hijridate import Gregorian, Hijri

            hy = Gregorian(y, 1, 1).to_hijri().year
            for h in (hy, hy + 1):
                d = Hijri(h, month, day).to_gregorian()
                g = date(d.year, d.month, d.day)
                if friday_before:
                    g -= timedelta(days=(g.weekday() - 4) % 7 or 7)
                if g.year == y:
                    return g
        except Exception:  # noqa: BLE001 - outside the Hijri table's range
            return None
        return None
    return rule


def _boss(y: int) -> date:
    d = date(y, 10, 16)
    return d - timedelta(days=1) if d.weekday() == 5 else d + timedelta(days=1) if d.weekday() == 6 else d


def _kings(y: int) -> date:
    d = date(y, 4, 27)
    return d - timedelta(days=1) if d.weekday() == 6 else d


def _earth_hour(y: int) -> date | None:
    d = nth_weekday(y, 3, 5, -1)
    # Moved a week earlier when it falls on Holy Saturday.
    if d is not None and d == _easter(-1)(y):
        d -= timedelta(days=7)
    return d


HOLIDAYS: list[tuple[str, DayRule]] = [
    (r"christmas\s+eve|xmas\s+eve", _fixed(12, 24)),
    (r"(?:christmas|xmas)(?:\s+day)?", _fixed(12, 25)),
    (r"boxing\s+day", _fixed(12, 26)),
    (r"new\s+year'?s?\s+eve", _fixed(12, 31)),
    (r"new\s+year'?s?(?:\s+day)?", _fixed(1, 1)),
    (r"valentine'?s?(?:\s+day)?", _fixed(2, 14)),
    (r"halloween", _fixed(10, 31)),
    (r"(?:st\.?|saint)\s+(?:patrick|paddy)'?s?(?:\s+day)?", _fixed(3, 17)),
    (r"(?:international\s+)?(?:workers'?|labou?r)\s+day|may\s+day", _fixed(5, 1)),
    (r"national\s+day", _fixed(10, 1)),
    (r"independence\s+day|(?:the\s+)?4th\s+of\s+july", _fixed(7, 4)),
    (r"king'?s\s+day", _kings),
    (r"boss'?s?\s+day", _boss),
    (r"(?:mlk|martin\s+luther\s+king'?s?)(?:\s+jr\.?)?(?:\s+day)|civil\s+rights\s+day", _nth(1, 0, 3)),
    (r"thanksgiving(?:\s+day)?", _nth(11, 3, 4)),
    (r"memorial\s+day", _nth(5, 0, -1)),
    (r"mother'?s\s+day", _nth(5, 6, 2)),
    (r"father'?s\s+day", _nth(6, 6, 3)),
    (r"earth\s+hour", _earth_hour),
    (r"orthodox\s+easter(?:\s+sunday)?", _easter(0, True)),
    (r"orthodox\s+(?:good|great)\s+friday", _easter(-2, True)),
    (r"orthodox\s+(?:clean|shrove)\s+monday|clean\s+monday", _easter(-48, True)),
    (r"lazarus\s+saturday", _easter(-8, True)),
    (r"easter\s+mon(?:day)?", _easter(1)),
    (r"easter(?:\s+sunday)?", _easter(0)),
    (r"good\s+friday", _easter(-2)),
    (r"maundy\s+thursday|holy\s+thursday", _easter(-3)),
    (r"palm\s+sunday", _easter(-7)),
    (r"ash\s+wednesday", _easter(-46)),
    (r"shrove\s+tuesday|pancake\s+(?:day|tuesday)|mardi\s+gras", _easter(-47)),
    (r"ascension(?:\s+day)?", _easter(39)),
    (r"pentecost|whit\s*sunday", _easter(49)),
    (r"whit\s*monday|monday\s+of\s+the\s+holy\s+spirit", _easter(50)),
    (r"trinity\s+sunday", _easter(56)),
    (r"(?:chinese\s+(?:lunar\s+)?|lunar\s+)new\s+years?'?s?(?:\s+day)?|spring\s+festival", _lunar(1, 1)),
    (r"lantern\s+festival", _lunar(1, 15)),
    (r"dragon\s+boat\s+festival", _lunar(5, 5)),
    (r"mid-?\s?autumn\s+festival|moon\s+festival", _lunar(8, 15)),
    (r"(?:eid\s+al[-\s]adha|id\s+ul[-\s]adha|sacrifice\s+feast|bakr[-\s]id)", _hijri(12, 10)),
    (r"eid\s+al[-\s]fitr", _hijri(10, 1)),
    (r"ramadan|ramadhan", _hijri(9, 1)),
    (r"islamic\s+new\s+year|amun\s+jadid|hijri\s+new\s+year", _hijri(1, 1)),
    (r"(?:day\s+of\s+)?ashura", _hijri(1, 10)),
    (r"isra\s+and\s+mi'?raj", _hijri(7, 27)),
    (r"mawlid|prophet'?s\s+birthday", _hijri(3, 12)),
    (r"jamat\s+ul[-\s]vida|jumu'?atul[-\s]wida", _hijri(10, 1, friday_before=True)),
]
_ALL = "|".join(f"({rx})" for rx, _ in HOLIDAYS)


@atom(rf"(?:(next|last|this|the)\s+)?(?:{_ALL}){YEAR_SUFFIX}")
def _holiday(m: re.Match[str], ctx: Ctx) -> Piece | None:
    groups = m.groups()
    idx = next(i for i, g in enumerate(groups[1:1 + len(HOLIDAYS)]) if g is not None)
    rule = HOLIDAYS[idx][1]
    mod = (m[1] or "").lower()
    today = ctx.today
    y = year_of_suffix(m, ctx)
    if y is not None:
        d = rule(y)
    else:
        cands = [c for c in (rule(today.year - 1), rule(today.year), rule(today.year + 1)) if c is not None]
        if mod == "last":
            past = [c for c in cands if c < today]
            d = past[-1] if past else None
        else:
            future = [c for c in cands if c >= today]
            d = future[0] if future else None
    if d is None:
        return None
    if rule is _earth_hour:
        start = datetime.combine(d, time(20, 30), ctx.now.tzinfo)
        return Piece("span", m.start(), m.end(), dt=start, dt_end=start + timedelta(hours=1), grain=Grain.MINUTE)
    p = Piece(DATE, m.start(), m.end(), day=d)
    p.extra["rule"] = rule
    if HOLIDAYS[idx][0].startswith("ramadan"):
        end = _hijri(10, 1)(d.year)
        p.last = end - timedelta(days=1) if end and end > d else None
    return p


@atom(rf"(?:the\s+)?(?:({ORDWORD}|\d(?:st|nd|rd|th))\s+)?closest\s+(?:{_ALL})\s+to\s+(?P<anchor>today|now|tomorrow|yesterday)")
def _closest(m: re.Match[str], ctx: Ctx) -> Piece | None:
    """"the (3rd) closest xmas to today": the nth nearest occurrence, before or after."""
    groups = m.groups()
    idx = next(i for i, g in enumerate(groups[1:1 + len(HOLIDAYS)]) if g is not None)
    rule = HOLIDAYS[idx][1]
    n = ordinal_number(m[1]) if m[1] else 1
    anchor = ctx.today + timedelta(days={"tomorrow": 1, "yesterday": -1}.get(m["anchor"].lower(), 0))
    if n is None or not 1 <= n <= 20:
        return None
    cands = [d for y in range(anchor.year - n - 1, anchor.year + n + 2) if (d := rule(y)) is not None]
    cands.sort(key=lambda d: (abs((d - anchor).days), d))
    return Piece(DATE, m.start(), m.end(), day=cands[n - 1]) if len(cands) >= n else None


_SEASONS = {"spring": ((3, 20), (6, 19)), "summer": ((6, 21), (9, 23)), "fall": ((9, 23), (12, 19)),
            "autumn": ((9, 23), (12, 19)), "winter": ((12, 21), (3, 20))}


def _season_of(d: date) -> tuple[date, date]:
    for y in (d.year - 1, d.year):
        for name in ("spring", "summer", "fall", "winter"):
            (m1, d1), (m2, d2) = _SEASONS[name]
            s = date(y, m1, d1)
            e = date(y + (1 if m2 < m1 else 0), m2, d2)
            if s <= d <= e + timedelta(days=1):
                return s, e
    return d, d


@atom(r"(this|current|next|last|past|the\s+coming|coming)?\s*(spring|summer|fall|autumn|winter|seasons?)")
def _season(m: re.Match[str], ctx: Ctx) -> Piece | None:
    mod = (m[1] or "").lower()
    name = m[2].lower()
    today = ctx.today
    if name.startswith("season"):
        if not mod:
            return None
        s, e = _season_of(today)
        if mod in ("next", "coming", "the coming"):
            s, e = _season_of(e + timedelta(days=3))
        elif mod in ("last", "past"):
            s, e = _season_of(s - timedelta(days=3))
        return Piece(DATE, m.start(), m.end(), day=s, last=e)
    if name == "fall" and not mod:
        return None
    (m1, d1), (m2, d2) = _SEASONS[name]
    spans = [(date(y, m1, d1), date(y + (1 if m2 < m1 else 0), m2, d2)) for y in range(today.year - 2, today.year + 2)]
    if mod in ("next", "coming", "the coming"):
        got = [c for c in spans if c[0] > today]
    elif mod in ("last", "past"):
        got = [c for c in spans if c[1] < today][-1:]
    else:
        got = [c for c in spans if c[1] >= today]
    if not got:
        return None
    return Piece(DATE, m.start(), m.end(), day=got[0][0], last=got[0][1])
