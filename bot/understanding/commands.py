"""Intents and slots of whole office messages (CONTRACT.md's table)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.understanding.conventions import DEFAULT_CONVENTIONS, Conventions
from bot.understanding.lang import detect_language


@dataclass(frozen=True)
class RoomFact:
    """What the parser needs to know of a directory room to spot contradictions."""

    name: str
    aliases: tuple[str, ...] = ()
    building: str = ""
    floor: int | None = None
    capacity: int = 0


@dataclass
class ParsedCommand:
    """A message read as an intent with slots; `missing` lists required slots not said."""

    text: str
    lang: str
    intent: str
    slots: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_command(
    text: str,
    now: datetime,
    conv: Conventions = DEFAULT_CONVENTIONS,
    rooms: tuple[RoomFact, ...] = (),
) -> ParsedCommand:
    """Read one message into an intent and its slots."""
    return ParsedCommand(text=text, lang=detect_language(text), intent="unknown")
