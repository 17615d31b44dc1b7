"""Optional links to other capabilities: book the named room (bot.rooms), assignments per recipient (bot.tasks)."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from types import ModuleType

from bot.context import Context
from storage.models import Person
from storage.models_notices import Notice

log = logging.getLogger("mishu.notices")


def _capability(name: str, function: str) -> ModuleType | None:
    """The capability module when it exists and offers the function; None otherwise."""
    try:
        if importlib.util.find_spec(name) is None:
            return None
        module = importlib.import_module(name)
    except ImportError:
        return None
    return module if callable(getattr(module, function, None)) else None


def book_room(ctx: Context, notice: Notice) -> None:
    """Book the notice's room for its time through bot.rooms.book_for_notice, when that exists."""
    if notice.room_id is None or notice.start is None:
        return
    rooms = _capability("bot.rooms", "book_for_notice")
    if rooms is None:
        return
    try:
        with ctx.session.begin_nested():
            rooms.book_for_notice(ctx, notice)
    except Exception:  # a booking conflict must not stop the notice; the sender books by hand
        log.exception("booking the room of notice %s failed", notice.id)
        return
    ctx.audit("notice.book_room", "notice", notice.id, room_id=notice.room_id)


def create_assignments(ctx: Context, notice: Notice, people: list[Person]) -> None:
    """One assignment per recipient for a notice with a deadline, through bot.tasks.assign_for_notice."""
    if notice.due is None or not people:
        return
    tasks = _capability("bot.tasks", "assign_for_notice")
    if tasks is None:
        return
    for person in people:
        tasks.assign_for_notice(ctx, notice, person)
    ctx.audit("notice.assignments", "notice", notice.id, count=len(people))
