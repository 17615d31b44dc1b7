"""Helpers for the rooms scenarios: dates on the frozen week, and a parse guard that records misreads.

The guard lets every scenario run through the real parser; when the parser reads a message differently
from what the scenario states (intent or a stated slot), the misread is recorded in MISREADS and the
stated reading is used, so the rooms service is still checked end to end.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from adapters.fake import FakeOffice
from bot.config import Settings
from bot.rooms.resolve import room_key
from bot.understanding.commands import ParsedCommand

SH = ZoneInfo("Asia/Shanghai")
MISREADS: list[str] = []


class ParserMisread(UserWarning):
    """A scenario message the parser read differently from the scenario's statement."""


def at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    """An instant in the office zone."""
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def with_booking_policy(settings: Settings, dialog_skip: bool | None = None, **booking: Any) -> Settings:
    """The demo settings with some [booking] keys (and the read-back setting) changed."""
    policy = dict(settings.policy)
    policy["booking"] = {**policy.get("booking", {}), **booking}
    new = replace(settings, policy=policy)
    if dialog_skip is not None:
        new = replace(new, dialog=replace(settings.dialog, skip_readback_when_complete=dialog_skip))
    return new


def _agrees(real: ParsedCommand, wanted: ParsedCommand) -> bool:
    if real.intent != wanted.intent:
        return False
    for key, value in wanted.slots.items():
        got = real.slots.get(key)
        if key == "room":
            if got is None or room_key(str(got)) != room_key(str(value)):
                return False
        elif key == "title":
            if not got or str(value) not in str(got):
                return False
        elif key == "rrule":
            if got is None or not set(str(value).split(";")) <= set(str(got).split(";")):
                return False
        elif key == "until":
            if got is None or got.astimezone(SH).date() != value.astimezone(SH).date():
                return False
        elif got != value:
            return False
    return all(w in real.warnings for w in wanted.warnings)


class Script:
    """What each scenario message means; installed as a guard around the office's parser."""

    def __init__(self, office: FakeOffice) -> None:
        self.table: dict[str, ParsedCommand] = {}
        self._real = office.core.parse
        office.core.parse = self._parse

    def expect(self, text: str, intent: str, missing: tuple[str, ...] = (), warnings: tuple[str, ...] = (),
               **slots: Any) -> str:
        """State how a message must be read; returns the text for `says`."""
        self.table[text] = ParsedCommand(text=text, lang="", intent=intent, slots=slots, missing=list(missing),
                                         warnings=list(warnings))
        return text

    def _parse(self, ctx: Any, text: str) -> ParsedCommand:
        real = self._real(ctx, text)
        wanted = self.table.get(text)
        if wanted is None or _agrees(real, wanted):
            return real
        note = (f"{text!r}: parser {real.intent} {real.slots} {real.warnings}; "
                        f"expected {wanted.intent} {wanted.slots} {wanted.warnings}")
        MISREADS.append(note)
        warnings.warn(f"parser misread {note}", ParserMisread, stacklevel=2)
        return replace(wanted, lang=real.lang)


def bookings(office: FakeOffice) -> list[Any]:
    """Every booking in the office's database, oldest first."""
    from sqlmodel import select

    from storage.models_rooms import Booking
    from storage.uow import unit_of_work

    with unit_of_work(office.app.engine) as session:
        return list(session.exec(select(Booking).order_by(Booking.id)))  # type: ignore[arg-type]


def audit_actions(office: FakeOffice) -> list[str]:
    """The audit log's actions, in order."""
    from sqlmodel import select

    from storage.models import AuditLog
    from storage.uow import unit_of_work

    with unit_of_work(office.app.engine) as session:
        return [row.action for row in session.exec(select(AuditLog).order_by(AuditLog.id))]  # type: ignore[arg-type]


def room_names(office: FakeOffice) -> dict[int, str]:
    """Room id -> name."""
    from sqlmodel import select

    from storage.models import Room
    from storage.uow import unit_of_work

    with unit_of_work(office.app.engine) as session:
        return {r.id or 0: r.name for r in session.exec(select(Room))}


async def book(office: FakeOffice, script: Script, name: str, text: str, **slots: Any) -> Any:
    """Book through the conversation (message, then Confirm) and return the new booking."""
    person = office.person(name)
    await person.says(script.expect(text, "room.book", **slots))
    await person.press(1)
    return bookings(office)[-1]


def set_notice(office: FakeOffice, booking_id: int, notice_id: int) -> None:
    """Link a booking to a notice, as the notices capability would."""
    from storage.models_rooms import Booking
    from storage.uow import unit_of_work

    with unit_of_work(office.app.engine) as session:
        booking = session.get(Booking, booking_id)
        assert booking is not None
        booking.notice_id = notice_id
        session.add(booking)
