"""The year a named day is asked for: "2018", "of next year", "in five years", "six years hence"."""

from __future__ import annotations

import re

from bot.understanding.time_en_lex import Ctx
from bot.understanding.time_en_vocab import NUMWORD, QTY, word_number

# Written years: digits or "two thousand (and) eighteen".
YEAR_WORDS = rf"two\s+thousand(?:\s+and)?(?:\s+(?:{NUMWORD}))?"
YEAR_SUFFIX = (rf"(?:\s*,?\s+(?:of\s+|in\s+)?(?:(?P<sy>\d{{4}})|(?P<sw>{YEAR_WORDS})|(?P<sr>last|next|this)\s+year)"
               rf"|\s+in\s+(?P<sin>{QTY})\s+years?|\s+(?P<sago>{QTY})\s+years?\s+(?P<sdir>hence|from\s+now|ago|later))?")


def year_words(text: str) -> int | None:
    """2000 + the number after "two thousand"."""
    rest = re.sub(r"two\s+thousand(?:\s+and)?", "", text.lower()).strip()
    n = word_number(rest) if rest else 0
    return 2000 + int(n) if n is not None else None


def year_of_suffix(m: re.Match[str], ctx: Ctx) -> int | None:
    """The year a YEAR_SUFFIX match names, or None when it names none."""
    y = ctx.today.year
    if m["sy"]:
        return int(m["sy"])
    if m["sw"]:
        return year_words(m["sw"])
    if m["sr"]:
        return y + {"last": -1, "next": 1}.get(m["sr"].lower(), 0)
    n_txt = m["sin"] or m["sago"]
    if n_txt:
        n = word_number(n_txt)
        if n is None or n != int(n) or n > 500:
            return None
        sign = -1 if (m["sdir"] or "").lower() == "ago" else 1
        return y + sign * int(n)
    return None
