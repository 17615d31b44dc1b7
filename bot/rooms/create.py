"""Writing bookings: under the room's lock, re-checked for conflicts, confirmed or sent for approval."""

from __future__ import annotations

import uuid
from contextlib import nullcontext
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from bot import i18n
from bot.context import Context
from bot.handlers import Replies
from bot.replies import ButtonSpec, Reply, UserError, reply
from bot.rooms.approval import approval_needed, request_approval
from bot.rooms.availability import conflicts, lock_room
from bot.rooms.common import chair_note, from_iso, when_text
from bot.rooms.policy import policy_of
from bot.rooms.recurrence import check, expand
from storage.models import Room
from storage.models_rooms import Booking, BookingStatus

# PostgreSQL's SQLSTATE for an exclusion-constraint violation (migration 0007_booking_exclusion).
EXCLUSION_VIOLATION = "23P01"
CANCEL_ACTION = "rm.cx"
CANCEL_SERIES_ACTION = "rm.cs"
MOVE_ACTION = "rm.mv"


def booking_buttons(booking: Booking) -> tuple[ButtonSpec, ...]:
    """The buttons under a booking: move and cancel (and cancel the whole series for a recurring one)."""
    buttons: tuple[ButtonSpec, ...] = (ButtonSpec("btn_room_move", MOVE_ACTION, str(booking.id)),
                                       ButtonSpec("btn_room_cancel", CANCEL_ACTION, str(booking.id)))
    if booking.series_id:
        buttons += (ButtonSpec("btn_room_cancel_series", CANCEL_SERIES_ACTION, str(booking.id)),)
    return buttons


def _insert(ctx: Context, p: dict[str, Any], room: Room, start: datetime, end: datetime, status: str,
            series_id: str | None, reasons: list[str]) -> Booking:
    booking = Booking(room_id=room.id or 0, organizer_id=ctx.person.id or 0, start=start, end=end,
                      title=str(p.get("title") or ""), attendees=p.get("attendees"), chair=str(p.get("chair") or ""),
                      equipment=list(p.get("equipment") or []) or None, status=status, series_id=series_id,
                      created_at=ctx.now, approval_reason=",".join(reasons))
    ctx.session.add(booking)
    ctx.session.flush()
    ctx.audit("booking.create", "booking", booking.id, room=room.name, start=start.isoformat(),
              end=end.isoformat(), status=status, series=series_id or "")
    if p.get("override"):
        ctx.audit("booking.override", "booking", booking.id, rules=list(p["override"]))
    return booking


def is_overlap(err: IntegrityError) -> bool:
    """True when PostgreSQL refused a booking because it overlaps an active one of the same room."""
    return getattr(err.orig, "sqlstate", None) == EXCLUSION_VIOLATION


def create_single(ctx: Context, p: dict[str, Any], room: Room, start: datetime, end: datetime) -> Replies:
    """Book one period: lock the room, check again, insert; pending when approval is needed."""
    lock_room(ctx.session, room.id or 0)
    taken = conflicts(ctx.session, room.id or 0, start, end)
    if taken:
        from bot.rooms.booking import conflict_reply

        return conflict_reply(ctx, p, room, start, end, taken[0])
    reasons = approval_needed(ctx, p, room, start)
    status = BookingStatus.PENDING_APPROVAL if reasons else BookingStatus.CONFIRMED
    postgres = ctx.session.get_bind().dialect.name == "postgresql"
    try:
        # On PostgreSQL a savepoint, so a refusal by the exclusion constraint leaves the transaction usable.
        with ctx.session.begin_nested() if postgres else nullcontext():
            booking = _insert(ctx, p, room, start, end, status, None, reasons)
    except IntegrityError as err:
        # Only a writer that bypassed the room's lock row can get here; answer as for any other conflict.
        taken = conflicts(ctx.session, room.id or 0, start, end) if is_overlap(err) else []
        if not taken:
            raise
        from bot.rooms.booking import conflict_reply

        return conflict_reply(ctx, p, room, start, end, taken[0])
    when = when_text(start, end, ctx.lang, ctx)
    if reasons:
        request_approval(ctx, [booking], reasons)
        return reply("room_pending", room=room.name, when=when, reasons=_reasons(ctx, reasons),
                     chair=chair_note(ctx, booking.chair, ctx.lang))
    return Reply(key="room_booked", params={"room": room.name, "when": when, "id": booking.id,
                                            "chair": chair_note(ctx, booking.chair, ctx.lang)},
                 buttons=booking_buttons(booking))


def create_series(ctx: Context, p: dict[str, Any], room: Room, start: datetime, end: datetime) -> Replies:
    """Book every free instance of a recurring request under one series id; taken ones are left out."""
    lock_room(ctx.session, room.id or 0)
    occurrences, _ = expand(str(p["rrule"]), start, end, from_iso(p.get("until")),
                            policy_of(ctx.settings).horizon_months, ctx.tz)
    instances = check(ctx.session, room.id or 0, occurrences, ctx.now)
    free = [i for i in instances if not i.taken]
    if not free:
        raise UserError("room_series_all_taken", room=room.name)
    reasons = approval_needed(ctx, p, room, free[0].start)
    status = BookingStatus.PENDING_APPROVAL if reasons else BookingStatus.CONFIRMED
    series_id = uuid.uuid4().hex[:12]
    bookings = [_insert(ctx, p, room, i.start, i.end, status, series_id, reasons) for i in free]
    ctx.audit("booking.series", "series", series_id, room=room.name, rrule=str(p["rrule"]), count=len(bookings))
    lang = ctx.lang
    params = {"room": room.name, "count": len(bookings), "skipped": len(instances) - len(free),
              "first": i18n.format_date(free[0].start, lang, ctx.tz),
              "last": i18n.format_date(free[-1].start, lang, ctx.tz),
              "when": when_text(free[0].start, free[0].end, lang, ctx),
              "chair": chair_note(ctx, bookings[0].chair, lang)}
    buttons = (ButtonSpec("btn_room_cancel_series", CANCEL_SERIES_ACTION, str(bookings[0].id)),)
    if reasons:
        request_approval(ctx, bookings, reasons)
        return Reply(key="room_series_pending", params={"reasons": _reasons(ctx, reasons), **params},
                     buttons=buttons)
    return Reply(key="room_series_booked", params=params, buttons=buttons)


def _reasons(ctx: Context, reasons: list[str]) -> str:
    return i18n.join_names([i18n.render(f"room_reason_{r}", ctx.lang) for r in reasons], ctx.lang)
