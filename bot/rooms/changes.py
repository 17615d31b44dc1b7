"""Moving and cancelling bookings (from words or buttons), and telling whoever a linked notice reached."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlmodel import col, select

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_action, on_answer, on_confirm, on_intent
from bot.replies import ButtonSpec, Reply, UserError, reply
from bot.roles import BOOKING_OVERRIDERS
from bot.rooms.availability import conflicts, free_rooms, lock_room
from bot.rooms.common import booking_line, from_iso, lang_of, to_iso, when_text
from bot.rooms.create import CANCEL_ACTION, MOVE_ACTION, booking_buttons
from bot.rooms.policy import hard_limits, policy_of
from bot.rooms.resolve import match_room
from bot.rooms.timeread import read_time
from bot.understanding.commands import ParsedCommand
from storage.models import Person, Room
from storage.models_rooms import Booking, BookingStatus


@dataclass(frozen=True)
class BookingChange:
    """What happened to a booking: "moved", "cancelled" or "released", and where/when it was before."""

    kind: str
    old_start: datetime
    old_end: datetime
    old_room_id: int


BookingHook = Callable[[Context, Booking, BookingChange], int]
BOOKING_CHANGE_HOOKS: list[BookingHook] = []


def on_booking_changed(fn: BookingHook) -> BookingHook:
    """Register a function told of every move, cancellation or release; it returns how many people it told.

    The notices capability uses it for bookings with a `notice_id`: the people notified hear of the change.
    """
    BOOKING_CHANGE_HOOKS.append(fn)
    return fn


def announce_change(ctx: Context, booking: Booking, change: BookingChange) -> int:
    """Run every registered hook in this transaction; returns how many people were told."""
    return sum(int(hook(ctx, booking, change) or 0) for hook in BOOKING_CHANGE_HOOKS)


def may_change(ctx: Context, booking: Booking) -> bool:
    """Only the organiser, a director or an admin may move or cancel a booking."""
    return booking.organizer_id == ctx.person.id or ctx.has_role(*BOOKING_OVERRIDERS)


def find_bookings(ctx: Context, room_text: str | None, start: datetime | None) -> list[Booking]:
    """Upcoming active bookings the person may change that match a room and/or a time (a day at 00:00)."""
    query = select(Booking).where(col(Booking.status).in_(BookingStatus.ACTIVE), col(Booking.end) > ctx.now)
    if start is not None:
        local = start.astimezone(ctx.tz)
        if local.time() == time(0):
            query = query.where(col(Booking.start) >= start, col(Booking.start) < start + timedelta(days=1))
        else:
            query = query.where(col(Booking.start) <= start, col(Booking.end) > start)
    if room_text:
        match = match_room(ctx.session, room_text)
        if match is None:
            raise UserError("room_unknown_plain", room=room_text)
        query = query.where(Booking.room_id == match.room.id)
    found = list(ctx.session.exec(query.order_by(col(Booking.start)).limit(50)))
    mine = [b for b in found if b.organizer_id == ctx.person.id]
    if mine or not ctx.has_role(*BOOKING_OVERRIDERS) or not (room_text or start):
        return mine
    return found


def _choose(ctx: Context, found: list[Booking], action: str) -> Reply:
    lines = [f"{n}. {booking_line(ctx, b, ctx.lang, with_organizer=True)}" for n, b in enumerate(found[:8], 1)]
    buttons = tuple(ButtonSpec(f"{'✕' if action == CANCEL_ACTION else '→'}{n}", action, str(b.id))
                    for n, b in enumerate(found[:8], 1))
    return Reply(key="room_which", params={"lines": "\n".join(lines)}, buttons=buttons)


def _told(ctx: Context, told: int) -> str:
    return "\n" + i18n.render("room_notice_told", ctx.lang, n=told) if told else ""


@on_intent("room.cancel")
def cancel_intent(ctx: Context, command: ParsedCommand) -> Replies:
    """"取消我28号订的会议室": find the booking, read it back, cancel on confirmation."""
    if command.slots.get("series"):
        from bot.rooms.series import cancel_series_intent

        return cancel_series_intent(ctx, command)
    found = find_bookings(ctx, command.slots.get("room"), command.slots.get("start"))
    if not found:
        return reply("room_nothing_found")
    if len(found) > 1:
        return _choose(ctx, found, CANCEL_ACTION)
    return dialog.start_confirm(ctx, "room.cancel", {"id": found[0].id},
                                reply("room_cancel_readback", line=booking_line(ctx, found[0], ctx.lang, True)))


@on_confirm("room.cancel")
def cancel_confirmed(ctx: Context, p: dict[str, Any]) -> Replies:
    """Cancel the booking read back."""
    return cancel_button(ctx, str(p.get("id", "")))


@on_action(CANCEL_ACTION)
def cancel_button(ctx: Context, value: str) -> Replies:
    """Cancel a booking from its button; a second press or a stranger's press changes nothing."""
    booking = ctx.session.get(Booking, int(value)) if value.isdigit() else None
    if booking is None or booking.status not in BookingStatus.ACTIVE:
        return reply("room_already_cancelled")
    if not may_change(ctx, booking):
        return reply("room_not_yours")
    change = BookingChange("cancelled", booking.start, booking.end, booking.room_id)
    booking.status, booking.cancelled_at = BookingStatus.CANCELLED, ctx.now
    ctx.session.add(booking)
    ctx.audit("booking.cancel", "booking", booking.id, by_organizer=booking.organizer_id == ctx.person.id)
    told = announce_change(ctx, booking, change)
    _tell_organizer(ctx, booking, "room_cancelled_for_you", change)
    room = ctx.session.get(Room, booking.room_id)
    return reply("room_cancelled", room=room.name if room else "?",
                 when=when_text(change.old_start, change.old_end, ctx.lang, ctx), told=_told(ctx, told))


def _tell_organizer(ctx: Context, booking: Booking, key: str, change: BookingChange) -> None:
    if booking.organizer_id == ctx.person.id:
        return
    organizer = ctx.session.get(Person, booking.organizer_id)
    room = ctx.session.get(Room, booking.room_id)
    if organizer is not None:
        lang = lang_of(ctx, organizer)
        ctx.notify(organizer, key, source=("booking", str(booking.id)), room=room.name if room else "?",
                   old=when_text(change.old_start, change.old_end, lang, ctx),
                   new=when_text(booking.start, booking.end, lang, ctx), by=ctx.person.name)


@on_intent("room.move")
def move_intent(ctx: Context, command: ParsedCommand) -> Replies:
    """"把明天下午三点那个会改到四点": find the booking, keep its length unless a new end is given."""
    s = command.slots
    if "end_before_start" in command.warnings:
        raise UserError("room_end_before_start")
    found = find_bookings(ctx, s.get("room"), s.get("start"))
    if not found:
        return reply("room_nothing_found")
    if len(found) > 1:
        return _choose(ctx, found, MOVE_ACTION)
    new_room = match_room(ctx.session, str(s["new_room"])) if s.get("new_room") else None
    if s.get("new_start") is None:
        if new_room is not None:
            return plan_move(ctx, found[0], found[0].start, found[0].end, new_room.room.id)
        return _ask_new_time(ctx, found[0])
    return plan_move(ctx, found[0], s["new_start"], s.get("new_end"), new_room.room.id if new_room else None)


def _ask_new_time(ctx: Context, booking: Booking) -> Reply:
    return dialog.start_ask(ctx, "room.move", {"id": booking.id},
                            reply("room_move_ask", line=booking_line(ctx, booking, ctx.lang)))


@on_action(MOVE_ACTION)
def move_button(ctx: Context, value: str) -> Replies:
    """The move button: ask for the new time."""
    booking = ctx.session.get(Booking, int(value)) if value.isdigit() else None
    if booking is None or booking.status not in BookingStatus.ACTIVE:
        return reply("room_already_cancelled")
    if not may_change(ctx, booking):
        return reply("room_not_yours")
    return _ask_new_time(ctx, booking)


@on_answer("room.move")
def move_answer(ctx: Context, p: dict[str, Any], text: str) -> Replies:
    """The new time for a booking being moved."""
    booking = ctx.session.get(Booking, int(p.get("id") or 0))
    if booking is None or booking.status not in BookingStatus.ACTIVE:
        return reply("room_already_cancelled")
    got = read_time(ctx, text, booking.start)
    if got.start is None or got.day_only:
        return dialog.start_ask(ctx, "room.move", p, reply("room_ask_time_again"))
    return plan_move(ctx, booking, got.start, got.end)


def plan_move(ctx: Context, booking: Booking, new_start: datetime, new_end: datetime | None,
              new_room_id: int | None = None) -> Replies:
    """Check the new time and room, then read the move back."""
    if not may_change(ctx, booking):
        return reply("room_not_yours")
    new_end = new_end or new_start + (booking.end - booking.start)
    if new_end <= new_start:
        raise UserError("room_end_before_start")
    if new_start < ctx.now:
        raise UserError("room_in_past", when=i18n.format_datetime(new_start, ctx.lang, ctx.tz))
    broken = hard_limits(policy_of(ctx.settings), new_start, new_end, ctx.now)
    if broken and not ctx.has_role(*BOOKING_OVERRIDERS):
        raise UserError(broken[0][0], value=broken[0][1])
    room = ctx.session.get(Room, new_room_id or booking.room_id)
    assert room is not None
    taken = conflicts(ctx.session, room.id or 0, new_start, new_end, exclude_id=booking.id)
    if taken:
        others = free_rooms(ctx.session, new_start, new_end, booking.attendees or 0, exclude_room=room.id)[:3]
        names = i18n.join_names([r.name for r in others], ctx.lang) or "-"
        return reply("room_move_conflict", room=room.name, when=when_text(taken[0].start, taken[0].end, ctx.lang, ctx),
                     rooms=names)
    p = {"id": booking.id, "start": to_iso(new_start), "end": to_iso(new_end), "room_id": room.id}
    return dialog.start_confirm(ctx, "room.move", p, reply(
        "room_move_readback", old=booking_line(ctx, booking, ctx.lang), room=room.name,
        new=when_text(new_start, new_end, ctx.lang, ctx)))


@on_confirm("room.move")
def move_confirmed(ctx: Context, p: dict[str, Any]) -> Replies:
    """Move the booking as read back, checking the room again under its lock."""
    booking = ctx.session.get(Booking, int(p.get("id") or 0))
    start, end = from_iso(p.get("start")), from_iso(p.get("end"))
    if booking is None or booking.status not in BookingStatus.ACTIVE or start is None or end is None:
        return reply("room_already_cancelled")
    if not may_change(ctx, booking):
        return reply("room_not_yours")
    room_id = int(p.get("room_id") or booking.room_id)
    lock_room(ctx.session, room_id)
    if conflicts(ctx.session, room_id, start, end, exclude_id=booking.id):
        return reply("room_move_conflict_now")
    change = BookingChange("moved", booking.start, booking.end, booking.room_id)
    booking.start, booking.end, booking.room_id = start, end, room_id
    booking.reminded_at = booking.checked_in_at = None
    ctx.session.add(booking)
    ctx.audit("booking.move", "booking", booking.id, old_start=change.old_start.isoformat(),
              new_start=start.isoformat(), room_id=room_id)
    told = announce_change(ctx, booking, change)
    _tell_organizer(ctx, booking, "room_moved_for_you", change)
    room = ctx.session.get(Room, room_id)
    return Reply(key="room_moved", params={"room": room.name if room else "?",
                                           "when": when_text(start, end, ctx.lang, ctx), "told": _told(ctx, told)},
                 buttons=booking_buttons(booking))
