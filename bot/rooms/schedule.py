"""Looking up rooms: which are free, the schedule of one room or all for a day or week, my bookings."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, on_intent
from bot.replies import ButtonSpec, Reply, UserError, reply
from bot.rooms.availability import conflicts, free_rooms, overlapping
from bot.rooms.common import booking_line, when_text
from bot.rooms.create import CANCEL_ACTION, CANCEL_SERIES_ACTION
from bot.rooms.policy import policy_of
from bot.rooms.resolve import match_room
from bot.understanding.commands import ParsedCommand
from storage.models import Room
from storage.models_rooms import Booking, BookingStatus

_WEEK = re.compile(r"(?:本|这|下|上|這)(?:周|星期|礼拜|週|禮拜)(?![一二三四五六日天1-7])|(?i:\b(?:this|next)\s+week\b)")


def _period(ctx: Context, command: ParsedCommand) -> tuple[datetime, datetime]:
    """The period a lookup covers: a day at midnight is the whole day, a week word the whole week."""
    start, end = command.slots.get("start"), command.slots.get("end")
    if start is None:
        start = datetime.combine(ctx.local_now.date(), time(0), tzinfo=ctx.tz)
    local = start.astimezone(ctx.tz)
    if end is None:
        if _WEEK.search(command.text) and local.time() == time(0):
            return start, start + timedelta(days=7)
        return start, datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=ctx.tz)
    if end.astimezone(ctx.tz).time() == time(0) and local.time() == time(0):
        end = end + timedelta(days=1)
    return start, end


@on_intent("room.free")
def free_intent(ctx: Context, command: ParsedCommand) -> Replies:
    """"后天上午哪个会议室空着?要能坐二十人" / "is the big room free on Friday afternoon?"."""
    start, end = command.slots.get("start"), command.slots.get("end")
    if start is None:
        raise UserError("room_free_need_time")
    local = start.astimezone(ctx.tz)
    if end is None and local.time() == time(0):
        start = datetime.combine(local.date(), ctx.settings.office.office_open, tzinfo=ctx.tz)
        end = datetime.combine(local.date(), ctx.settings.office.office_close, tzinfo=ctx.tz)
    elif end is None:
        end = start + timedelta(minutes=policy_of(ctx.settings).default_minutes)
    if end <= ctx.now:
        raise UserError("room_in_past", when=i18n.format_datetime(start, ctx.lang, ctx.tz))
    seats = int(command.slots.get("attendees") or 0)
    when = when_text(start, end, ctx.lang, ctx)
    if command.slots.get("room"):
        match = match_room(ctx.session, str(command.slots["room"]))
        if match is None:
            raise UserError("room_unknown_plain", room=command.slots["room"])
        taken = conflicts(ctx.session, match.room.id or 0, start, end)
        if not taken:
            return reply("room_is_free", room=match.room.name, when=when)
        lines = "\n".join(booking_line(ctx, b, ctx.lang) for b in taken)
        others = free_rooms(ctx.session, start, end, seats, exclude_room=match.room.id)
        other_names = i18n.join_names([i18n.render("room_with_seats", ctx.lang, room=r.name, seats=r.capacity)
                                       for r in others], ctx.lang)
        return reply("room_is_busy", room=match.room.name, when=when, lines=lines,
                     others=other_names or i18n.render("room_alt_none", ctx.lang))
    rooms = free_rooms(ctx.session, start, end, seats)
    seats_text = i18n.render("room_free_seats", ctx.lang, n=seats) if seats else ""
    if not rooms:
        return reply("room_free_none", when=when, seats=seats_text)
    names = [i18n.render("room_with_seats", ctx.lang, room=r.name, seats=r.capacity) for r in rooms]
    return reply("room_free_list", when=when, seats=seats_text, rooms="\n".join(f"· {n}" for n in names))


@on_intent("room.schedule")
def schedule_intent(ctx: Context, command: ParsedCommand) -> Replies:
    """The bookings of one room, or of all rooms, in a day or a week."""
    start, end = _period(ctx, command)
    room: Room | None = None
    if command.slots.get("room"):
        match = match_room(ctx.session, str(command.slots["room"]))
        if match is None:
            raise UserError("room_unknown_plain", room=command.slots["room"])
        room = match.room
    return schedule_reply(ctx, start, end, room, ctx.lang)


def schedule_text(ctx: Context, start: datetime, end: datetime, room: Room | None, lang: str) -> str:
    """The bookings in a period as lines grouped by day; empty when there are none."""
    found = overlapping(ctx.session, start, end, [room.id or 0] if room else None)
    lines: list[str] = []
    day = None
    for b in found:
        local_day = b.start.astimezone(ctx.tz).date()
        if local_day != day:
            day = local_day
            lines.append(i18n.format_date(b.start, lang, ctx.tz))
        lines.append("  " + booking_line(ctx, b, lang, with_organizer=True))
    return "\n".join(lines)


def schedule_reply(ctx: Context, start: datetime, end: datetime, room: Room | None, lang: str) -> Reply:
    """The schedule reply for a period and an optional room."""
    period = i18n.format_date(start, lang, ctx.tz)
    last = end - timedelta(seconds=1)
    if last.astimezone(ctx.tz).date() != start.astimezone(ctx.tz).date():
        period = f"{period}–{i18n.format_date(last, lang, ctx.tz)}"
    what = room.name if room else i18n.render("room_all_rooms", lang)
    text = schedule_text(ctx, start, end, room, lang)
    if not text:
        return reply("room_schedule_empty", what=what, period=period)
    return reply("room_schedule", what=what, period=period, lines=text)


@on_intent("room.mine")
def mine_intent(ctx: Context, command: ParsedCommand) -> Replies:
    """My upcoming bookings, with a cancel button for each of the first few."""
    found = list(ctx.session.exec(select(Booking).where(
        Booking.organizer_id == ctx.person.id, col(Booking.status).in_(BookingStatus.ACTIVE),
        col(Booking.end) > ctx.now).order_by(col(Booking.start)).limit(20)))
    if not found:
        return reply("room_mine_empty")
    lines = "\n".join(f"{n}. {booking_line(ctx, b, ctx.lang)}" for n, b in enumerate(found, 1))
    buttons = tuple(ButtonSpec(f"✕{n}", CANCEL_ACTION, str(b.id)) for n, b in enumerate(found[:5], 1))
    # One "取消整个系列" button per recurring series listed (its next instance), the series numbered by line.
    seen: dict[str, int] = {}
    for n, b in enumerate(found, 1):
        if b.series_id and b.series_id not in seen:
            seen[b.series_id] = n
    for series_id, n in list(seen.items())[:3]:
        first = next(b for b in found if b.series_id == series_id)
        label = "btn_room_cancel_series" if len(seen) == 1 else f"✕✕{n}"
        buttons += (ButtonSpec(label, CANCEL_SERIES_ACTION, str(first.id)),)
    return Reply(key="room_mine", params={"lines": lines, "n": len(found)}, buttons=buttons)
