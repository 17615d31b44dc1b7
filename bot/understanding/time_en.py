"""English time expressions."""

from __future__ import annotations

from datetime import datetime

from bot.understanding.conventions import Conventions
from bot.understanding.types import TimeReading


def extract(text: str, now: datetime, conv: Conventions) -> list[TimeReading]:
    """Every time expression in an English text, in text order."""
    return []
