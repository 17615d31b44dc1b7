"""The English lexer: regex atoms for dates, clock times, parts of day, numbers and connectors."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.understanding.conventions import Conventions
from bot.understanding.time_en_atoms import LazyPattern
from bot.understanding.time_en_calc import (
    next_month_day,
)
from bot.understanding.time_en_piece import (
    CONN,
    DATE,
    NUM,
    TIME,
    Piece,
)


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
ATOMS: list[tuple[LazyPattern, Handler]] = []


def atom(pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for a regex (matched case-insensitively, on word boundaries)."""
    def deco(fn: Handler) -> Handler:
        ATOMS.append((LazyPattern(rf"(?<![\w])(?:{pattern})(?![\w])"), fn))
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


_PRIORITY = {TIME: 0, NUM: 2}
# Words read per message: far beyond any chat message, it bounds the time spent on junk.
MAX_WORDS = 500
_WORD_START = re.compile(r"(?<![\w'])[\w@']")
_DASH = re.compile(r"[-–—~]")
_SPACE_RUN = 32  # spaces taken into a dash connector on either side


def compile_all() -> None:
    """Compile every atom now (they compile on first use otherwise): for services at start-up."""
    for rx, _ in ATOMS:
        _ = rx.compiled


def lex(text: str, ctx: Ctx) -> list[Piece]:
    """Every atom in the text, the longest winning where two overlap, in text order."""
    found: list[Piece] = []
    # Every atom begins a word: trying only word starts keeps long texts fast.
    starts = [m.start() for _, m in zip(range(MAX_WORDS), _WORD_START.finditer(text), strict=False)]
    by_char: dict[str, list[int]] = {}
    for pos in starts:
        by_char.setdefault(text[pos], []).append(pos)
    for rx, fn in ATOMS:
        after = 0
        chars = [ch for ch in by_char if rx.can_start(ch)]
        if not chars:
            continue
        tries = by_char[chars[0]] if len(chars) == 1 else sorted(p for ch in chars for p in by_char[ch])
        match = rx.compiled.match
        for pos in tries:
            if pos < after:
                continue
            m = match(text, pos)
            if m is None or m.end() == m.start():
                continue
            after = m.end()
            try:
                p = fn(m, ctx)
            except (ValueError, OverflowError, KeyError):
                p = None
            if p is not None:
                found.append(p)
    # Dashes only among the words read (the rest of a junk text is skipped like its words).
    limit = starts[-1] + 64 if len(starts) >= MAX_WORDS else len(text)
    for m in _DASH.finditer(text, 0, limit):
        # The dash with the spaces around it (found from the dash: a run of spaces costs nothing).
        a, b = m.start(), m.end()
        while a > 0 and m.start() - a < _SPACE_RUN and text[a - 1].isspace():
            a -= 1
        while b < len(text) and b - m.end() < _SPACE_RUN and text[b].isspace():
            b += 1
        found.append(Piece(CONN, a, b, word="-"))
    found.sort(key=lambda p: (-(p.end - p.start), p.start, _PRIORITY.get(p.kind, 1)))
    taken: list[Piece] = []
    used = bytearray(len(text) + 1)
    for p in found:
        if not any(used[p.start:p.end]):
            used[p.start:p.end] = b"\x01" * (p.end - p.start)
            taken.append(p)
    taken.sort(key=lambda p: p.start)
    return taken


# The atoms live in their own modules; importing them here registers them in this order.
from bot.understanding import time_en_dates, time_en_periods, time_en_offsets, time_en_clock  # noqa: E402,F401,I001
