"""Finding the atoms of Chinese time expressions in a text, in bounded time.

One alternation of ~40 atom patterns (time_zh_lex) costs a few microseconds at every
position of a text: 4,096 spaces or emoji took ~25 ms. The scanner therefore works out,
once, which characters each atom can begin with (from the parsed patterns), and tries at
a position only the atoms that can begin with its character; positions where no atom can
begin (spaces, emoji, most prose) cost one dictionary look-up. The candidates are tried in
pattern order, so a match is the one the whole alternation would find there. Each atom is
compiled on first use (a fresh process compiles only what its messages need), and the
number of positions tried per text is capped.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from bot.understanding import time_zh_lex as lex

# More pattern tries than this in one message is hostile input: 4,096 characters of nothing
# but time expressions (the test corpora run together) need at most ~8,500, and the resolver
# keeps only the first 160 atoms anyway; an ordinary message needs a few dozen.
MAX_TRIES = 10_000


@dataclass(frozen=True)
class _First:
    """The characters a pattern can begin with: explicit ones, Unicode categories, or any."""

    chars: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    anything: bool = False

    def __or__(self, other: _First) -> _First:
        return _First(self.chars | other.chars, self.categories | other.categories,
                      self.anything or other.anything)

    def admits(self, ch: str) -> bool:
        if self.anything or ch in self.chars:
            return True
        return any(_CATEGORY_TESTS.get(cat, _always)(ch) for cat in self.categories)


def _always(ch: str) -> bool:
    return True


_CATEGORY_TESTS = {
    "CATEGORY_DIGIT": lambda ch: ch.isdecimal(),
    "CATEGORY_SPACE": lambda ch: ch.isspace(),
    "CATEGORY_WORD": lambda ch: ch.isalnum() or ch == "_",
}
_ANY = _First(anything=True)
_MAX_RANGE = 0x400  # wider character ranges count as "anything" (a superset is always safe)


def _first_of_set(items: list[tuple[Any, Any]]) -> _First:
    chars: set[str] = set()
    categories: set[str] = set()
    for op, value in items:
        name = str(op)
        if name == "NEGATE":
            return _ANY
        if name == "LITERAL":
            chars.add(chr(value))
        elif name == "RANGE":
            lo, hi = value
            if hi - lo > _MAX_RANGE:
                return _ANY
            chars.update(chr(c) for c in range(lo, hi + 1))
        elif name == "CATEGORY" and str(value) in _CATEGORY_TESTS:
            categories.add(str(value))
        else:
            return _ANY
    return _First(frozenset(chars), frozenset(categories))


def _first(items: Any) -> tuple[_First, bool]:
    """(what a parsed sequence can begin with, whether it can match the empty string)."""
    found = _First()
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            return found | _First(frozenset({chr(value)})), False
        if name == "IN":
            return found | _first_of_set(value), False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width: constrains, never adds a first character
        if name == "SUBPATTERN":
            if value[1] or value[2]:
                return _ANY, False  # inline flags (?i) — be safe
            sub, nullable = _first(value[-1])
        elif name == "ATOMIC_GROUP":
            sub, nullable = _first(value)
        elif name == "BRANCH":
            sub, nullable = _First(), False
            for alt in value[1]:
                alt_first, alt_null = _first(alt)
                sub, nullable = sub | alt_first, nullable or alt_null
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            sub, nullable = _first(value[2])
            nullable = nullable or value[0] == 0
        else:
            return _ANY, False
        found = found | sub
        if not nullable:
            return found, False
    return found, True


@lru_cache(maxsize=1)
def _atom_firsts() -> tuple[_First, ...] | None:
    """What each atom can begin with, in pattern order; None when the patterns cannot be read."""
    try:
        parser = importlib.import_module("re._parser")
        out = []
        for _, pattern in lex.ATOMS:
            first, nullable = _first(parser.parse(pattern))
            out.append(_ANY if nullable else first)
        return tuple(out)
    except Exception:  # noqa: BLE001 - an unreadable pattern only costs speed, never answers
        return None


@cache
def _atom_pattern(index: int) -> re.Pattern[str]:
    """One atom's pattern, compiled on first use (a message needs only a few of them)."""
    name, pattern = lex.ATOMS[index]
    return re.compile(f"(?P<A_{name}>{pattern})")


_BY_CHAR: dict[str, tuple[int, ...]] = {}


def _candidates(ch: str) -> tuple[int, ...]:
    """The atoms, in pattern order, that can begin with a character."""
    try:
        return _BY_CHAR[ch]
    except KeyError:
        pass
    firsts = _atom_firsts()
    indices = tuple(i for i, first in enumerate(firsts) if first.admits(ch)) if firsts is not None else ()
    if len(_BY_CHAR) < 20_000:
        _BY_CHAR[ch] = indices
    return indices


def atom_matches(text: str, limit: int) -> Iterator[re.Match[str]]:
    """The atom matches of a text, left to right without overlaps (as one finditer would give)."""
    if _atom_firsts() is None:
        for count, whole in enumerate(lex.atom_re().finditer(text)):
            if count >= limit:
                return
            yield whole
        return
    pos = 0
    tries = 0
    found = 0
    size = len(text)
    while pos < size and found < limit and tries < MAX_TRIES:
        indices = _candidates(text[pos])
        if not indices:
            pos += 1
            continue
        match: re.Match[str] | None = None
        for index in indices:
            tries += 1
            match = _atom_pattern(index).match(text, pos)
            if match is not None:
                break
        if match is None or match.end() == pos:
            pos += 1
            continue
        found += 1
        yield match
        pos = match.end()
