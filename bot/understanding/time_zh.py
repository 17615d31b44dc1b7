"""Chinese time expressions (simplified; traditional is converted before these rules)."""

from __future__ import annotations

from datetime import datetime

from bot.understanding.conventions import Conventions
from bot.understanding.types import TimeReading


def extract(text: str, now: datetime, conv: Conventions) -> list[TimeReading]:
    """Every time expression in a simplified-Chinese text, in text order."""
    return []
