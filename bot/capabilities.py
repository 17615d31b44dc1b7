"""Loads every capability module so its handlers register themselves."""

from __future__ import annotations

import importlib

from bot.handlers import INTENTS

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

# CONTRACT.md's intents: each must have a service once the modules are loaded.
CONTRACT_INTENTS = (
    "room.book", "room.free", "room.cancel", "room.move", "room.schedule", "room.mine",
    "notice.send", "notice.status", "reminder.set", "task.assign", "task.progress", "task.done",
    "task.extend", "task.list", "task.status", "visitor.register", "visitor.list", "help", "unknown",
)
_loaded = False


def load_capabilities() -> None:
    """Import the capability modules once; a contract intent without a service stops start-up."""
    global _loaded
    if _loaded:
        return
    for name in CAPABILITY_MODULES:
        importlib.import_module(name)
    unserved = [intent for intent in CONTRACT_INTENTS if intent not in INTENTS]
    if unserved:
        raise RuntimeError(f"no service registered for intents: {', '.join(unserved)}")
    _loaded = True
