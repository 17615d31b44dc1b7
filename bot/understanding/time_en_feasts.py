"""Jewish, Hindu, Sikh, Jain and Buddhist feasts in English, computed by calendar packages.

Jewish days come from ``convertdate.hebrew`` (any year) and are given, as is usual for them,
from their eve: a Hebrew day begins at sunset, so "Yom Kippur 2018" is 2018-09-18, the
evening it starts. Hindu, Sikh, Jain and Buddhist days come from the lunisolar tables that
the ``holidays`` package ships (2001-2035, Diwali and Vesak 1901-2100). Both packages are
imported on first use only.
"""

from __future__ import annotations

import calendar
import re
import warnings
from collections.abc import Callable
from datetime import date, timedelta

from bot.understanding.time_en_lex import Ctx, atom
from bot.understanding.time_en_piece import DATE, Piece
from bot.understanding.time_en_yearsfx import YEAR_SUFFIX, year_of_suffix

Span = tuple[date, date | None]
SpanRule = Callable[[int], Span | None]

# ---- Hebrew calendar ---------------------------------------------------------------------

_TISHRI, _HESHVAN, _KISLEV, _TEVET, _SHEVAT, _ADAR = 7, 8, 9, 10, 11, 12
_NISAN, _IYYAR, _SIVAN, _AV = 1, 2, 3, 5


def _hebrew(y: int, month: int, day: int) -> date | None:
    """The Gregorian day of a Hebrew month/day whose festival falls in Gregorian year y."""
    try:
        from convertdate import hebrew

        hy = y + (3761 if month in (_TISHRI, _HESHVAN, _KISLEV) else 3760)
        if month == _ADAR and hebrew.leap(hy):
            month = 13  # Purim is kept in Adar II in a leap year
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # convertdate calls its own deprecated helper
            g = date(*hebrew.to_gregorian(hy, month, day))
    except (ImportError, ValueError, OverflowError):
        return None
    return g


def _jewish(month: int, day: int, length: int = 0, observed: Callable[[date], date] | None = None) -> SpanRule:
    """A feast from its eve; length > 0 makes it a span of that many more days."""
    def rule(y: int) -> Span | None:
        d = _hebrew(y, month, day)
        if d is None:
            return None
        if observed is not None:
            d = observed(d)
        eve = d - timedelta(days=1)
        return eve, (eve + timedelta(days=length) if length else None)
    return rule


def _after_shabbat(d: date) -> date:
    """Tisha B'Av falling on a Saturday is kept on the Sunday."""
    return d + timedelta(days=1) if d.weekday() == 5 else d


def _independence(d: date) -> date:
    """Yom HaAtzmaut (5 Iyar) moves off Friday/Saturday to Thursday and off Monday to Tuesday."""
    return d + {4: -1, 5: -2, 0: 1}.get(d.weekday(), 0) * timedelta(days=1)


def _shoah(y: int) -> Span | None:
    """Yom HaShoah: twelve days after the eve of Passover."""
    d = _hebrew(y, _NISAN, 15)
    return (d + timedelta(days=11), None) if d else None


# ---- Indian lunisolar tables ---------------------------------------------------------------

def _table(name: str, offset: int = 0, buddhist: bool = False) -> SpanRule:
    def rule(y: int) -> Span | None:
        try:
            if buddhist:
                from holidays.calendars.buddhist import _BuddhistLunisolar as Cal
            else:
                from holidays.calendars.hindu import _HinduLunisolar as Cal  # type: ignore[assignment]
        except ImportError:
            return None
        got = getattr(Cal, f"{name}_DATES", {}).get(y)
        if not got or not isinstance(got[0], int):
            return None
        return date(y, *got) + timedelta(days=offset), None
    return rule


def _first(*rules: SpanRule) -> SpanRule:
    def rule(y: int) -> Span | None:
        for r in rules:
            got = r(y)
            if got is not None:
                return got
        return None
    return rule


def _parsi_new_year(y: int) -> Span:
    """Shahenshahi Navroz: a 365-day year, Aug 28 in 1972, a day earlier every four years."""
    return date(y, 8, 28) - timedelta(days=(y - 1972) // 4), None


def _rabindra(y: int) -> Span:
    """25 Boishakh: May 9, May 8 in a leap year."""
    return date(y, 5, 8 if calendar.isleap(y) else 9), None


_DIWALI = _first(_table("DIWALI_INDIA"), _table("DIWALI"))

FEASTS: list[tuple[str, SpanRule]] = [
    # Jewish
    (r"rosh\s+hashann?ah?|yom\s+teruah", _jewish(_TISHRI, 1, 2)),
    (r"yom\s+kippur", _jewish(_TISHRI, 10)),
    (r"shemini\s+atzeret|shmini\s+atzeret", _jewish(_TISHRI, 22)),
    (r"simc?hat\s+torah", _jewish(_TISHRI, 23)),
    (r"sukk?ot|sukkos|feast\s+of\s+(?:booths|tabernacles|the\s+ingathering)", _jewish(_TISHRI, 15, 8)),
    (r"c?hann?ukk?ah?|chanukah", _jewish(_KISLEV, 25, 7)),
    (r"tu\s+b[i']?\s?shvat", _jewish(_SHEVAT, 15)),
    (r"shushan\s+purim", _jewish(_ADAR, 15)),
    (r"purim", _jewish(_ADAR, 14)),
    (r"passover|pesach", _jewish(_NISAN, 15, 8)),
    (r"yom\s+hashoah|holocaust\s+(?:remembrance\s+)?day", _shoah),
    (r"yom\s+ha'?atzmaut|israel\s+independence\s+day", _jewish(_IYYAR, 5, observed=_independence)),
    (r"lag\s+b[a']?\s?omer", _jewish(_IYYAR, 18)),
    (r"shavu'?oth?|shovuos|feast\s+of\s+weeks", _jewish(_SIVAN, 6, 2)),
    (r"tisha\s+b'?\s?av", _jewish(_AV, 9, observed=_after_shabbat)),
    # Hindu, Sikh, Jain, Parsi
    (r"dhanteras|dhanatrayodashi|dhan\s+trayodashi", lambda y: _shift(_DIWALI(y), -2)),
    (r"naraka\s+chaturdashi|chhoti\s+diwali|choti\s+diwali|kali\s+chaudas", lambda y: _shift(_DIWALI(y), -1)),
    (r"diwali|deepavali|dipavali|lakshmi\s+puja", _DIWALI),
    (r"govardhan\s+puja|annakut", _table("GOVARDHAN_PUJA")),
    (r"bhai\s+dooj|bhaiya\s+dooj|bhai\s+duj|bhau\s+beej", _table("GOVARDHAN_PUJA", 1)),
    (r"chhath(?:\s+puja)?|surya\s+shashthi", _table("CHHATH_PUJA")),
    (r"maha\s+saptami", _table("MAHA_ASHTAMI", -1)),
    (r"maha\s+ashtami|durgashtami", _table("MAHA_ASHTAMI")),
    (r"maha\s+navami", _table("MAHA_NAVAMI")),
    (r"(?:sharad\s+)?nava?ratri|durga\s+puja", _table("SHARAD_NAVRATRI")),
    (r"dussehra|dasara|dashain|vijaya\s?dashami", _table("DUSSEHRA")),
    (r"karva\s+chauth|karwa\s+chauth|karaka\s+chaturthi", _table("KARWA_CHAUTH")),
    (r"mahavir(?:a'?s?)?\s+(?:jayanti|janma\s+kalyanak|birthday)", _table("MAHAVIR_JAYANTI")),
    (r"maha\s?shivaratri|maha\s?shivratri|shivaratri", _table("MAHA_SHIVARATRI")),
    (r"(?:(?:swami\s+)?dayanand[a]?\s+)?saraswati\s+jayanti", _table("SWAMI_DAYANAND_SARASWATI_JAYANTI")),
    (r"bh?ogh?i(?:\s+pandigai)?", _table("PONGAL", -1)),
    (r"maa?ttu\s+pongal", _table("PONGAL", 1)),
    (r"(?:kaanum|kanni|kanum)\s+pongal", _table("PONGAL", 2)),
    (r"(?:thai\s+)?pongal|maghi", _table("PONGAL")),
    (r"makara?\s+sankranthi?|makara?\s+sankranti", _table("MAKAR_SANKRANTI")),
    (r"(?:thiru\s+)?onam|thiruvonam", _table("ONAM")),
    (r"[vb]asant\s+panchami|saraswati\s+puja|shri\s+panchami", _table("BASANT_PANCHAMI")),
    (r"holika\s+dahan|chh?oti\s+holi", _table("HOLI", -1)),
    (r"holi|dhulandi|dhuleti|dhulheti|rangwali\s+holi", _table("HOLI")),
    (r"(?:krishna\s+)?janmashtami|gokulashtami", _table("JANMASHTAMI")),
    (r"raksha\s+bandhan|rakhi", _table("RAKSHA_BANDHAN")),
    (r"ganesh\s+chaturthi|vinayaka?\s+chaturthi", _table("GANESH_CHATURTHI")),
    (r"ugadi|yugadi|samvatsaradi|chaitra\s+sukh?ladi|gudi\s+padwa", _table("GUDI_PADWA")),
    (r"ram[a]?\s+navami", _table("RAM_NAVAMI")),
    (r"hanuman\s+jayanti", _table("HANUMAN_JAYANTI")),
    (r"guru\s+purnima", _table("GURU_PURNIMA")),
    (r"rath\s+yatra", _table("RATH_YATRA")),
    (r"vaisakhi|baisakhi", _table("VAISAKHI")),
    (r"guru\s+nanak(?:'?s)?\s+(?:jayanti|gurpurab|birthday)|guru\s+nanak\s+dev\s+jayanti|gurpurab",
     _table("GURU_NANAK_JAYANTI")),
    (r"guru\s+go[bv]ind\s+singh(?:'?s)?\s+(?:jayanti|birthday)", _table("GURU_GOBIND_SINGH_JAYANTI")),
    (r"(?:guru\s+)?ravi\s?dass?(?:'?s)?\s+(?:jayanti|birthday)", _table("GURU_RAVIDAS_JAYANTI")),
    (r"(?:maharishi\s+)?valmiki\s+jayanti|pargat\s+diwas", _table("MAHARSHI_VALMIKI_JAYANTI")),
    (r"rabindra(?:nath)?\s+jayanti|rabindra\s+jayanti|tagore'?s\s+birthday", _rabindra),
    (r"(?:jamshedi\s+)?navroz|parsi\s+new\s+year", _parsi_new_year),
    (r"vesak|vaisakha|buddha\s+(?:day|purnima|jayanti)", _table("VESAK", buddhist=True)),
]


def _shift(span: Span | None, days: int) -> Span | None:
    return (span[0] + timedelta(days=days), None) if span else None


_ALL = "|".join(f"({rx})" for rx, _ in FEASTS)


@atom(rf"(?:(next|last|this|the)\s+)?(?:{_ALL}){YEAR_SUFFIX}")
def _feast(m: re.Match[str], ctx: Ctx) -> Piece | None:
    groups = m.groups()
    idx = next(i for i, g in enumerate(groups[1:1 + len(FEASTS)]) if g is not None)
    rule = FEASTS[idx][1]
    year = year_of_suffix(m, ctx)
    today = ctx.today
    if year is not None:
        got = rule(year)
    else:
        cands = [c for c in (rule(today.year - 1), rule(today.year), rule(today.year + 1)) if c is not None]
        mod = (m[1] or "").lower()
        if mod == "last":
            past = [c for c in cands if c[0] < today]
            got = past[-1] if past else None
        else:
            future = [c for c in cands if (c[1] or c[0]) >= today]
            got = future[0] if future else None
    if got is None:
        return None
    return Piece(DATE, m.start(), m.end(), day=got[0], last=got[1])
