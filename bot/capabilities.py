"""Loads every capability module so its handlers register themselves."""

from __future__ import annotations

import importlib
from functools import partial

from bot.context import Context
from bot.handlers import INTENTS
from bot.replies import Reply, reply
from bot.understanding.commands import ParsedCommand

CAPABILITY_MODULES = (
    "bot.help_service",
    "bot.directory_chat",
    "bot.notices",
    "bot.visitors",
    "bot.tasks",
    "bot.rooms",
    "bot.notices.room_link",  # notices' hook on bookings, after bot.rooms is loaded
    "bot.reminders",  # also loads bot.digests
)

# Intents whose service has not landed yet answer honestly instead of pretending.
_PENDING = {
    "room.": "cap_rooms",
    "notice.": "cap_notices",
    "task.": "cap_tasks",
    "visitor.": "cap_visitors",
    "reminder.": "cap_reminders",
}
_INTENT_NAMES = (
    "room.book", "room.free", "room.cancel", "room.move", "room.schedule", "room.mine",
    "notice.send", "notice.status", "reminder.set", "task.assign", "task.progress", "task.done",
    "task.extend", "task.list", "task.status", "visitor.register", "visitor.list",
)
_loaded = False


def load_capabilities() -> None:
    """Import the capability modules once; unbuilt intents get the 'being built' reply."""
    global _loaded
    if _loaded:
        return
    for name in CAPABILITY_MODULES:
        importlib.import_module(name)
    for intent in _INTENT_NAMES:
        prefix = intent.split(".")[0] + "."
        INTENTS.setdefault(intent, partial(_pending, _PENDING[prefix]))
    _loaded = True


def _pending(capability_key: str, ctx: Context, command: ParsedCommand) -> Reply:
    from bot import i18n

    return reply("capability_pending", capability=i18n.render(capability_key, ctx.lang), text=command.text[:200])
