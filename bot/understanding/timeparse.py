"""Find and resolve time expressions in a message of any supported language."""

from __future__ import annotations

import re
from datetime import datetime

from bot.understanding import time_en, time_zh
from bot.understanding.conventions import DEFAULT_CONVENTIONS, Conventions
from bot.understanding.lang import has_cjk, to_simplified
from bot.understanding.types import Kind, TimeReading

_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def find_times(text: str, now: datetime, conv: Conventions = DEFAULT_CONVENTIONS) -> list[TimeReading]:
    """All time expressions in the text, in text order, without overlaps."""
    readings: list[TimeReading] = []
    if has_cjk(text):
        readings.extend(time_zh.extract(to_simplified(text), now, conv))
    if not has_cjk(text) or _LATIN_WORD.search(text):
        readings.extend(time_en.extract(text, now, conv))
    if not readings and not has_cjk(text):
        # Numeric forms (2026-03-05, 15:30, 3/5) read the same in any language.
        readings.extend(time_zh.extract(text, now, conv))
    # Historic dates keep the office's offset whichever resolver read them (1789-01-29).
    return [time_zh.fixed_offset(r, now) for r in _without_overlaps(readings)]


def primary_time(text: str, now: datetime, conv: Conventions = DEFAULT_CONVENTIONS) -> TimeReading | None:
    """The main time expression of a text: the longest that is not a bare duration."""
    candidates = [r for r in find_times(text, now, conv) if r.kind is not Kind.DURATION]
    if not candidates:
        return None
    return max(candidates, key=lambda r: (r.text_length, -r.span[0]))


def _without_overlaps(readings: list[TimeReading]) -> list[TimeReading]:
    """Keep the longer of two readings that cover the same characters."""
    kept: list[TimeReading] = []
    for reading in sorted(readings, key=lambda r: (-r.text_length, r.span[0])):
        if all(reading.span[1] <= k.span[0] or reading.span[0] >= k.span[1] for k in kept):
            kept.append(reading)
    return sorted(kept, key=lambda r: r.span[0])
