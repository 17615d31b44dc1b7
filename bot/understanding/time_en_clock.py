"""English clock atoms: 3pm, 15:30, half past two, noon, parts of the day, numbers, connectors, zones."""

from __future__ import annotations

import re

from bot.understanding.time_en_lex import (
    Ctx,
    atom,
)
from bot.understanding.time_en_piece import (
    CONN,
    NUM,
    POD,
    TIME,
    TZ,
    Clock,
    Piece,
)
from bot.understanding.time_en_vocab import (
    AMPM,
    NUMWORD,
    ORDWORD,
    UNIT,
    WEEKDAY,
    ordinal_number,
    weekday_number,
    word_number,
)
from bot.understanding.time_en_vocab import (
    NUM as NUMRX,
)
from bot.understanding.types import Grain

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


_H_CUE = re.compile(r"\s*(?:gmt|utc|[a-z]{1,2}[sd]t|cet|cest|bst|jst|ist|z)\b", re.IGNORECASE)
_H_BEFORE = re.compile(r"(?:\b(?:at|@|on|today|tomorrow|tonight)|day|\b(?:mon|tue|wed|thu|fri|sat|sun)\.?)\s+$",
                       re.IGNORECASE)


@atom(r"(\d{1,2})h(\d{2})?")
def _h_form(m: re.Match[str], ctx: Ctx) -> Piece | None:
    h = int(m[1])
    if not m[2] and h <= 12 and not (_H_CUE.match(ctx.text, m.end())
                                      or _H_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start())):
        return None  # "8h" alone is more often eight hours
    return _clock(m, h, int(m[2] or 0), 0, None, Grain.MINUTE, tf=True)


@atom(rf"(\d{{1,2}})(?:\s*ish)?{_AP}|(\d{{1,2}})(?:ish)?([ap])(?:m)?(?=\W|$)|(\d{{1,2}})\s*(?:am\s*/?\s*pm|a\.m\./p\.m\.)")
def _hour_ampm(m: re.Match[str], ctx: Ctx) -> Piece | None:
    if m[5]:
        return _clock(m, int(m[5]), 0, 0, None)  # "7ampm": either half of the day, the conventions decide
    return _clock(m, int(m[1] or m[3]), 0, 0, _ampm(m[2] or m[4]))


@atom(r"(breakfast|brunch|lunch|dinner|supper)(?!\s*time)")
def _meal(m: re.Match[str], ctx: Ctx) -> Piece | None:
    """A meal is a part of the day only next to a day or a connector ("tomorrow lunch", "after lunch")."""
    pod = {"breakfast": "morning", "brunch": "noon", "lunch": "noon", "dinner": "evening",
           "supper": "evening"}[m[1].lower()]
    p = Piece(POD, m.start(), m.end(), pod=pod, weak=True)
    p.extra["meal"] = True
    return p


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
      r"not\s+later\s+than|greater\s+than|earlier\s+than|for|every|each|within|during|as\s+late\s+as|"
      r"as\s+early\s+as|sometimes?|sometime|w/c|(?:the\s+)?week\s+(?:beginning|starting|commencing)(?:\s+on)?")
def _conn(m: re.Match[str], ctx: Ctx) -> Piece | None:
    return Piece(CONN, m.start(), m.end(), word=" ".join(m[0].lower().split()))


@atom(rf"(?:the\s+)?({ORDWORD}|\d{{1,2}}(?:st|nd|rd|th)|next|last)\s+({WEEKDAY})\s+(after|before|following)")
def _nth_weekday_from(m: re.Match[str], ctx: Ctx) -> Piece | None:
    """"third tuesday after christmas": read with the moment that follows."""
    word = m[1].lower()
    n = 1 if word in ("next", "last") else ordinal_number(word)
    if n is None or not 1 <= n <= 60:
        return None
    p = Piece(CONN, m.start(), m.end(), word="nth-weekday", value=n, weekday=weekday_number(m[2]))
    p.extra["sign"] = -1 if m[3].lower() == "before" else 1
    return p


_TZ_OFFSETS = {"gmt": 0, "utc": 0, "z": 0, "wet": 0, "cet": 60, "cest": 120, "bst": 60, "eet": 120,
               "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480,
               "pdt": -420, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "ist": 330, "aest": 600}


@atom(r"(gmt|utc|wet|cet|cest|bst|eet|est|edt|cst|cdt|mst|mdt|pst|pdt|jst|kst|hkt|sgt|ist|aest)")
def _tz(m: re.Match[str], ctx: Ctx) -> Piece | None:
    return Piece(TZ, m.start(), m.end(), value=_TZ_OFFSETS[m[1].lower()], weak=True)
