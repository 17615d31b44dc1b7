"""A notice's room booking changed (moved, cancelled, released): everyone notified hears what changed.

Loaded by `bot.capabilities` after `bot.rooms`, so importing the notices package does not pull the rooms
package in ahead of the other capabilities.
"""

from __future__ import annotations

from bot.context import Context
from bot.notices.common import lang_of, recipients_of, when_text
from bot.notices.send import schedule_reminders
from bot.rooms import BookingChange, on_booking_changed
from storage.models import Room
from storage.models_notices import Notice, NoticeStatus, RecipientStatus
from storage.models_rooms import Booking

_KEYS = {"moved": "notice_room_moved", "cancelled": "notice_room_cancelled", "released": "notice_room_released"}


@on_booking_changed
def tell_recipients(ctx: Context, booking: Booking, change: BookingChange) -> int:
    """Tell the notice's recipients what happened to its room; a move also moves the notice's time and place."""
    notice = ctx.session.get(Notice, booking.notice_id) if booking.notice_id else None
    key = _KEYS.get(change.kind)
    if notice is None or key is None or notice.status != NoticeStatus.SENT:
        return 0
    old_room = ctx.session.get(Room, change.old_room_id)
    room = ctx.session.get(Room, booking.room_id)
    if change.kind == "moved":
        _follow(ctx, notice, booking, room)
    # The organiser (usually the sender) hears from the rooms capability when someone else changed it.
    people = [p for r, p in recipients_of(ctx.session, notice.id or 0) if r.status != RecipientStatus.UNREACHABLE]
    told = 0
    for person in people:
        lang = lang_of(ctx, person)
        if ctx.notify(person, key, source=("notice", str(notice.id)), title=notice.title,
                      room=room.name if room else "?",
                      old=f"{old_room.name if old_room else '?'} {when_text(change.old_start, change.old_end, lang, ctx.tz)}",
                      new=when_text(booking.start, booking.end, lang, ctx.tz)):
            told += 1
    ctx.audit("notice.room_changed", "notice", notice.id, booking=booking.id, kind=change.kind, told=told)
    return told


def _follow(ctx: Context, notice: Notice, booking: Booking, room: Room | None) -> None:
    """The meeting follows its room: the notice's time and place become the booking's; reminders re-planned."""
    before = {"start": notice.start.isoformat() if notice.start else None, "place": notice.place}
    notice.start, notice.end, notice.cutoff = booking.start, booking.end, booking.start
    if room is not None and notice.room_id != room.id:
        notice.room_id, notice.place = room.id, room.name
    schedule_reminders(ctx, notice)
    ctx.session.add(notice)
    ctx.audit("notice.follow_booking", "notice", notice.id, before=before,
              after={"start": booking.start.isoformat(), "place": notice.place})
