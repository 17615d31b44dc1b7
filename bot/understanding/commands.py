"""Intents and slots of whole office messages (CONTRACT.md's table)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.understanding import slots_assign, slots_notice, slots_room, slots_task, slots_visitor
from bot.understanding.context import Context
from bot.understanding.conventions import DEFAULT_CONVENTIONS, Conventions
from bot.understanding.intents import classify
from bot.understanding.lang import detect_language
from bot.understanding.msgtext import prepare
from bot.understanding.quantities import find_attendees, find_percent
from bot.understanding.rooms import contradicts, find_rooms
from bot.understanding.slots_visitor import PHONE
from bot.understanding.timeparse import find_times
from bot.understanding.timeslots import merge_adjacent, warnings_of


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


_FILL: dict[str, Callable[[Context], list[str]]] = {
    "room.book": slots_room.book,
    "room.free": slots_room.free,
    "room.cancel": slots_room.cancel,
    "room.move": slots_room.move,
    "room.schedule": slots_room.schedule,
    "notice.send": slots_notice.send,
    "notice.status": slots_notice.status,
    "reminder.set": slots_notice.remind,
    "task.assign": slots_assign.assign,
    "task.progress": slots_task.progress,
    "task.done": slots_task.done,
    "task.extend": slots_task.extend,
    "task.list": slots_task.listing,
    "task.status": slots_task.status,
    "visitor.register": slots_visitor.register,
    "visitor.list": slots_visitor.listing,
}
# Commands are said in the opening of a message; rules read at most this much of it.
RULE_WINDOW = 500
# 不涉密 / 非涉密 say the opposite; "unclassified" never matches \bclassified.
_CLASSIFIED = re.compile(
    r"(?<![不非无未])(?:涉密|秘密|机密|绝密)|(?i:(?<!not\s)\b(?:top\s+secret|classified)\b)"
)


def parse_command(
    text: str,
    now: datetime,
    conv: Conventions = DEFAULT_CONVENTIONS,
    rooms: tuple[RoomFact, ...] = (),
) -> ParsedCommand:
    """Read one message into an intent and its slots."""
    msg = prepare(text[:RULE_WINDOW])
    names = tuple(n for fact in rooms for n in (fact.name, *fact.aliases) if n)
    mentions = find_rooms(msg.work, names)
    # Room numbers, phones and head counts are not times; keep them from the resolvers.
    hidden = [r.span for r in mentions] + [m.span() for m in PHONE.finditer(msg.work)]
    for finder in (find_attendees, find_percent):
        found = finder(msg.work)
        if found is not None:
            hidden.append(found[1])
    time_text = msg.masked(hidden)
    readings = merge_adjacent(find_times(time_text, now, conv), time_text)
    lead = readings[0].span[1] if readings and not msg.work[: readings[0].span[0]].strip() else 0
    intent = classify(msg.work, mentions, bool(readings), lead)
    ctx = Context(msg=msg, readings=readings, rooms=mentions, now=now, conv=conv)
    fill = _FILL.get(intent)
    missing = fill(ctx) if fill else []
    warnings = warnings_of(list(ctx.used))
    if rooms and any(contradicts(msg.work[m.span[0] : m.span[1]], rooms) for m in mentions if m.specific):
        warnings.append("room_contradiction")
    if _CLASSIFIED.search(msg.work):
        warnings.append("classified")
    if len(text) > RULE_WINDOW and isinstance(ctx.slots.get("content"), str):
        # A long notice is read from its opening; its content is still all of it.
        ctx.slots["content"] = text[max(text.find(ctx.slots["content"]), 0) :].strip()
    return ParsedCommand(
        text=text,
        lang=detect_language(text),
        intent=intent,
        slots=ctx.slots,
        missing=list(dict.fromkeys(missing)),
        warnings=warnings,
    )
