"""Rooms for meeting notices: book the notice's room for its time, and free it when the notice is cancelled.

The notices capability calls these through `bot.notices.hooks` (only when this package is installed). The
same checks as a booking from chat apply (policy limits, conflicts, capacity, approval); what cannot be
booked is reported to the sender, and the notice still goes out.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.replies import Reply, reply
from bot.roles import BOOKING_OVERRIDERS
from bot.rooms.approval import approval_needed, request_approval
from bot.rooms.availability import conflicts, free_rooms, lock_room
from bot.rooms.common import when_text
from bot.rooms.policy import hard_limits, policy_of
from storage.models import Room
from storage.models_notices import Notice, NoticeRecipient, RecipientStatus
from storage.models_rooms import Booking, BookingStatus


def linked_bookings(ctx: Context, notice_id: int | None) -> list[Booking]:
    """The active bookings linked to a notice."""
    if notice_id is None:
        return []
    return list(ctx.session.exec(select(Booking).where(Booking.notice_id == notice_id,
                                                       col(Booking.status).in_(BookingStatus.ACTIVE))))


def _period(ctx: Context, notice: Notice) -> tuple[datetime, datetime] | None:
    if notice.start is None:
        return None
    end = notice.end if notice.end is not None and notice.end > notice.start else None
    return notice.start, end or notice.start + timedelta(minutes=policy_of(ctx.settings).default_minutes)


def _names(ctx: Context, rooms: list[Room]) -> str:
    parts = [i18n.render("room_with_seats", ctx.lang, room=r.name, seats=r.capacity) for r in rooms[:3]]
    return i18n.join_names(parts, ctx.lang) or i18n.render("room_notice_none", ctx.lang)


def book_for_notice(ctx: Context, notice: Notice) -> Reply | None:
    """Book the notice's room for its meeting time as its sender; a note for the sender, or None."""
    room = ctx.session.get(Room, notice.room_id) if notice.room_id else None
    period = _period(ctx, notice)
    if room is None or room.id is None or period is None or linked_bookings(ctx, notice.id):
        return None
    start, end = period
    when = when_text(start, end, ctx.lang, ctx)
    if start < ctx.now:
        return reply("room_notice_past", room=room.name, when=when)
    broken = hard_limits(policy_of(ctx.settings), start, end, ctx.now)
    if broken and not ctx.has_role(*BOOKING_OVERRIDERS):
        return reply("room_notice_policy", room=room.name, when=when,
                     rule=i18n.render(broken[0][0], ctx.lang, value=broken[0][1]))
    lock_room(ctx.session, room.id)
    taken = conflicts(ctx.session, room.id, start, end)
    own = [b for b in taken if b.organizer_id == ctx.person.id and b.notice_id is None
           and b.start <= start and b.end >= end]
    if own:  # the sender booked the room before writing the notice: link that booking
        own[0].notice_id = notice.id
        ctx.session.add(own[0])
        ctx.audit("booking.link_notice", "booking", own[0].id, notice=notice.id)
        return reply("room_notice_linked", room=room.name, when=when_text(own[0].start, own[0].end, ctx.lang, ctx))
    seats = _seats(ctx, notice)
    if taken:
        holder = taken[0]
        return reply("room_notice_conflict", room=room.name, when=when_text(holder.start, holder.end, ctx.lang, ctx),
                     holder=holder.title or i18n.render("room_untitled", ctx.lang),
                     rooms=_names(ctx, free_rooms(ctx.session, start, end, seats, exclude_room=room.id)))
    payload: dict[str, Any] = {"equipment": []}
    reasons = approval_needed(ctx, payload, room, start)
    status = BookingStatus.PENDING_APPROVAL if reasons else BookingStatus.CONFIRMED
    booking = Booking(room_id=room.id, organizer_id=ctx.person.id or notice.sender_id, start=start, end=end,
                      title=notice.title, attendees=seats or None, status=status, created_at=ctx.now,
                      notice_id=notice.id, approval_reason=",".join(reasons))
    ctx.session.add(booking)
    ctx.session.flush()
    ctx.audit("booking.create", "booking", booking.id, room=room.name, start=start.isoformat(), end=end.isoformat(),
              status=status, notice=notice.id)
    if payload.get("override"):
        ctx.audit("booking.override", "booking", booking.id, rules=list(payload["override"]))
    small = ""
    if seats > room.capacity:
        small = i18n.render("room_notice_small", ctx.lang, room=room.name, capacity=room.capacity, seats=seats,
                            rooms=_names(ctx, free_rooms(ctx.session, start, end, seats)))
    if reasons:
        request_approval(ctx, [booking], reasons)
        return reply("room_notice_pending", room=room.name, when=when, small=small,
                     reasons=i18n.join_names([i18n.render(f"room_reason_{r}", ctx.lang) for r in reasons], ctx.lang))
    return reply("room_notice_booked", room=room.name, when=when, small=small)


def _seats(ctx: Context, notice: Notice) -> int:
    """How many people the notice went to (the sender too), for the capacity check."""
    rows = ctx.session.exec(select(NoticeRecipient.id).where(NoticeRecipient.notice_id == notice.id,
                                                             NoticeRecipient.status != RecipientStatus.UNREACHABLE))
    count = len(list(rows))
    return count + 1 if count else 0


def release_for_notice(ctx: Context, notice: Notice) -> int:
    """The notice was cancelled: cancel its linked bookings (its recipients were told by the notice)."""
    released = 0
    for booking in linked_bookings(ctx, notice.id):
        booking.status, booking.cancelled_at = BookingStatus.CANCELLED, ctx.now
        ctx.session.add(booking)
        ctx.audit("booking.cancel", "booking", booking.id, notice=notice.id, reason="notice cancelled")
        released += 1
    return released


def follow_notice(ctx: Context, notice: Notice) -> Reply | None:
    """A corrected notice: move its booking to the new time/room, or book the room it now names."""
    bookings = linked_bookings(ctx, notice.id)
    if not bookings:
        return book_for_notice(ctx, notice)
    booking, period = bookings[0], _period(ctx, notice)
    if period is None:
        return None
    if notice.room_id is None:  # the meeting moved out of the rooms Mishu books
        release_for_notice(ctx, notice)
        return reply("room_notice_released", when=when_text(booking.start, booking.end, ctx.lang, ctx))
    start, end = period
    if (booking.room_id, booking.start, booking.end) == (notice.room_id, start, end):
        return None
    room = ctx.session.get(Room, notice.room_id)
    if room is None or room.id is None:
        return None
    lock_room(ctx.session, room.id)
    taken = conflicts(ctx.session, room.id, start, end, exclude_id=booking.id)
    if taken or start < ctx.now:
        return reply("room_notice_move_failed", room=room.name, when=when_text(start, end, ctx.lang, ctx),
                     old=when_text(booking.start, booking.end, ctx.lang, ctx))
    old_start = booking.start
    booking.room_id, booking.start, booking.end = room.id, start, end
    booking.reminded_at = booking.checked_in_at = None
    ctx.session.add(booking)
    ctx.audit("booking.move", "booking", booking.id, old_start=old_start.isoformat(), new_start=start.isoformat(),
              room_id=room.id, notice=notice.id)
    return reply("room_notice_moved", room=room.name, when=when_text(start, end, ctx.lang, ctx))
