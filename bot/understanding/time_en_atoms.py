"""Regex atoms compiled on demand and tried only where their first character can start a match.

Each atom's pattern is parsed once at registration to learn which characters can begin a
match; the code generation, half the cost of ``re.compile``, waits until a text offers such a
character. The lexer then tries an atom only at the word starts whose first character fits,
which keeps long junk texts fast.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_ANY = None  # a first-character set that could be anything
_DIGIT = "\x00digit"  # marker: any Unicode digit

try:  # the parser and compiler behind re.compile (Python 3.11+)
    _parser: Any = importlib.import_module("re._parser")
    _compiler: Any = importlib.import_module("re._compiler")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - older Pythons: compile normally, try everywhere
    _parser = _compiler = _c = None


def _seq_first(items: Any) -> tuple[set[str] | None, bool]:
    """The characters that can start a sequence, and whether it can match empty."""
    out: set[str] = set()
    for item in items:
        first, nullable = _item_first(item)
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def _in_first(av: Any) -> set[str] | None:
    out: set[str] = set()
    for op, arg in av:
        if op is _c.LITERAL:
            out.add(chr(arg).lower())
        elif op is _c.RANGE and arg[1] - arg[0] < 400:
            out.update(chr(i).lower() for i in range(arg[0], arg[1] + 1))
        elif op is _c.CATEGORY and arg is _c.CATEGORY_DIGIT:
            out.add(_DIGIT)
        elif op is _c.CATEGORY and arg is _c.CATEGORY_SPACE:
            continue  # a word start is never a space
        else:
            return None
    return out


def _item_first(item: Any) -> tuple[set[str] | None, bool]:
    op, av = item
    if op is _c.LITERAL:
        return {chr(av).lower()}, False
    if op is _c.IN:
        return _in_first(av), False
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            first, n = _seq_first(branch)
            if first is None:
                return None, False
            out |= first
            nullable = nullable or n
        return out, nullable
    if op is _c.SUBPATTERN:
        return _seq_first(av[-1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        first, n = _seq_first(av[2])
        return first, n or av[0] == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq_first(av)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero width: a superset is still right
    return None, False


class LazyPattern:
    """A case-insensitive pattern compiled on first use, with the characters that can start it."""

    __slots__ = ("_compiled", "_flags", "_parsed", "first", "source")

    def __init__(self, source: str, flags: int = re.IGNORECASE) -> None:
        self.source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None
        self._parsed: Any = None
        self.first: frozenset[str] | None = _ANY
        if _parser is None:
            return
        try:
            self._parsed = _parser.parse(source, flags)
            first, nullable = _seq_first(self._parsed)
            self.first = None if first is None or nullable else frozenset(first)
        except Exception:  # noqa: BLE001 - anything unexpected: compile normally, try everywhere
            self._parsed, self.first = None, _ANY

    def can_start(self, ch: str) -> bool:
        """True when a match may begin with this character."""
        first = self.first
        return first is None or ch.lower() in first or (_DIGIT in first and ch.isdigit())

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            got: re.Pattern[str] | None = None
            if self._parsed is not None:
                try:
                    got = _compiler.compile(self._parsed, self._flags)
                except Exception:  # noqa: BLE001
                    got = None
            self._compiled = got or re.compile(self.source, self._flags)
            self._parsed = None
        return self._compiled

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Like re.Pattern.match."""
        return self.compiled.match(text, pos)

    @property
    def pattern(self) -> str:
        """The source pattern."""
        return self.source
