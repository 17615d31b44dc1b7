"""Optional links to other capabilities: book the named room (bot.rooms), assignments per recipient (bot.tasks)."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from dataclasses import replace
from types import ModuleType

from bot import i18n
from bot.context import Context
from bot.replies import Reply
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


def _rooms_call(ctx: Context, notice: Notice, function: str) -> Reply | None:
    """Call bot.rooms.<function>(ctx, notice) in a savepoint; a failure never stops the notice."""
    rooms = _capability("bot.rooms", function)
    if rooms is None:
        return None
    try:
        with ctx.session.begin_nested():
            note = getattr(rooms, function)(ctx, notice)
    except Exception:  # a booking problem must not stop the notice; the sender books by hand
        log.exception("%s for notice %s failed", function, notice.id)
        return Reply(key="notice_room_failed")
    return note if isinstance(note, Reply) else None


def book_room(ctx: Context, notice: Notice) -> Reply | None:
    """Book the notice's room for its time through bot.rooms.book_for_notice; a note for the sender."""
    if notice.room_id is None or notice.start is None:
        return None
    note = _rooms_call(ctx, notice, "book_for_notice")
    ctx.audit("notice.book_room", "notice", notice.id, room_id=notice.room_id, result=note.key if note else "")
    return note


def follow_room(ctx: Context, notice: Notice) -> Reply | None:
    """After a correction: the linked booking follows the notice's new time and place."""
    if notice.start is None:
        return None
    return _rooms_call(ctx, notice, "follow_notice")


def release_room(ctx: Context, notice: Notice) -> None:
    """After a cancellation: the linked booking is cancelled too."""
    _rooms_call(ctx, notice, "release_for_notice")


def create_assignments(ctx: Context, notice: Notice, people: list[Person]) -> list[Person]:
    """One assignment per recipient for a notice with a deadline, through bot.tasks.assign_for_notice.

    Returns the recipients who now own one (the capability may leave some out, e.g. a department's members
    when the department was named: its head owns it).
    """
    if notice.due is None or not people:
        return []
    tasks = _capability("bot.tasks", "assign_for_notice")
    if tasks is None:
        return []
    owners = [person for person in people if tasks.assign_for_notice(ctx, notice, person) is not None]
    if owners:
        ctx.audit("notice.assignments", "notice", notice.id, count=len(owners), owners=[p.name for p in owners])
    return owners


def with_note(ctx: Context, result: Reply, note: Reply | None) -> Reply:
    """The sender's reply with a capability's note (room booked, taken...) appended to its `extra`."""
    if note is None:
        return result
    text = i18n.render(note.key, ctx.lang, **note.params)
    return replace(result, params={**result.params, "extra": f"{result.params.get('extra', '')}\n{text}"})
