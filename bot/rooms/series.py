"""Cancelling a whole recurring series: every future instance, after a read-back that says how many."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_action, on_confirm
from bot.replies import ButtonSpec, Reply, reply
from bot.roles import BOOKING_OVERRIDERS
from bot.rooms.changes import BookingChange, announce_change, may_change
from bot.rooms.common import lang_of, person_name, room_label
from bot.rooms.create import CANCEL_SERIES_ACTION
from bot.rooms.resolve import match_room
from bot.understanding.commands import ParsedCommand
from storage.models import Person, Room
from storage.models_rooms import Booking, BookingStatus

INTENT = "room.cancel_series"
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def upcoming(ctx: Context, series_id: str) -> list[Booking]:
    """The instances of a series still to come (not yet started) that hold the room, earliest first."""
    return list(ctx.session.exec(select(Booking).where(
        Booking.series_id == series_id, col(Booking.status).in_(BookingStatus.ACTIVE),
        col(Booking.start) > ctx.now).order_by(col(Booking.start))))


def _weekdays(rrule: Any) -> set[int]:
    """The weekdays (0 = Monday) a spoken rule names, e.g. BYDAY=MO -> {0}; empty when none."""
    for part in str(rrule or "").upper().split(";"):
        if part.startswith("BYDAY="):
            return {_DAYS.index(d[-2:]) for d in part[6:].split(",") if d[-2:] in _DAYS}
    return set()


def find_series(ctx: Context, slots: dict[str, Any], text: str) -> dict[str, list[Booking]]:
    """The series the person may cancel that match the room, weekday and title said, each with its future instances."""
    query = select(Booking).where(col(Booking.series_id).is_not(None), col(Booking.status).in_(BookingStatus.ACTIVE),
                                  col(Booking.start) > ctx.now)
    if slots.get("room"):
        match = match_room(ctx.session, str(slots["room"]))
        if match is None:
            return {}
        query = query.where(Booking.room_id == match.room.id)
    found = [b for b in ctx.session.exec(query.order_by(col(Booking.start))) if may_change(ctx, b)]
    days = _weekdays(slots.get("rrule"))
    if days:
        found = [b for b in found if b.start.astimezone(ctx.tz).weekday() in days]
    title = str(slots.get("title") or "").casefold()
    folded = text.casefold()
    # A title narrows the choice when it names a booked meeting ("会议" alone names none).
    named = [b for b in found if b.title and ((title and (title in b.title.casefold() or b.title.casefold() in title))
                                              or b.title.casefold() in folded)]
    found = named or found
    mine = [b for b in found if b.organizer_id == ctx.person.id]
    if mine or not ctx.has_role(*BOOKING_OVERRIDERS) or not (slots.get("room") or slots.get("title") or days):
        found = mine
    groups: dict[str, list[Booking]] = {}
    for b in found:
        groups.setdefault(str(b.series_id), []).append(b)
    return groups


def cancel_series_intent(ctx: Context, command: ParsedCommand) -> Replies:
    """"取消每周一的党政联席会" / "cancel the whole series": find the series, read back how many go."""
    groups = find_series(ctx, command.slots, command.text)
    if not groups:
        return reply("room_nothing_found")
    if len(groups) > 1:
        lines, buttons = [], []
        for n, instances in enumerate(list(groups.values())[:8], 1):
            lines.append(f"{n}. {_series_line(ctx, instances)}")
            buttons.append(ButtonSpec(f"✕{n}", CANCEL_SERIES_ACTION, str(instances[0].id)))
        return Reply(key="room_series_which", params={"lines": "\n".join(lines)}, buttons=tuple(buttons))
    return readback(ctx, next(iter(groups.values()))[0])


def _series_line(ctx: Context, instances: list[Booking]) -> str:
    first = instances[0]
    return i18n.render("room_series_line", ctx.lang, room=room_label(ctx.session.get(Room, first.room_id)),
                       title=first.title or i18n.render("room_untitled", ctx.lang),
                       organizer=person_name(ctx, first.organizer_id, ctx.lang),
                       next=i18n.format_datetime(first.start, ctx.lang, ctx.tz), count=len(instances))


def readback(ctx: Context, booking: Booking) -> Replies:
    """"Cancel the whole series? N upcoming bookings…" with Confirm/Cancel."""
    if not booking.series_id:
        return reply("room_nothing_found")
    if not may_change(ctx, booking):
        return reply("room_not_yours")
    instances = upcoming(ctx, booking.series_id)
    if not instances:
        return reply("room_series_none_left")
    return dialog.start_confirm(ctx, INTENT, {"series": booking.series_id}, reply(
        "room_series_cancel_readback", **_params(ctx, instances, ctx.lang)))


def _params(ctx: Context, instances: list[Booking], lang: str) -> dict[str, Any]:
    first, last = instances[0], instances[-1]
    return {"room": room_label(ctx.session.get(Room, first.room_id)),
            "title": first.title or i18n.render("room_untitled", lang), "count": len(instances),
            "first": i18n.format_date(first.start, lang, ctx.tz), "last": i18n.format_date(last.start, lang, ctx.tz)}


@on_action(CANCEL_SERIES_ACTION)
def cancel_series_button(ctx: Context, value: str) -> Replies:
    """"取消整个系列" pressed under a recurring booking: read back how many instances would go."""
    booking = ctx.session.get(Booking, int(value)) if value.isdigit() else None
    if booking is None or not booking.series_id:
        return reply("room_already_cancelled")
    return readback(ctx, booking)


@on_confirm(INTENT)
def cancel_series_confirmed(ctx: Context, p: dict[str, Any]) -> Replies:
    """Cancel every future instance of the series; past ones stay; linked notices' people are told."""
    series_id = str(p.get("series") or "")
    instances = upcoming(ctx, series_id) if series_id else []
    if not instances:
        return reply("room_series_none_left")
    if not may_change(ctx, instances[0]):
        return reply("room_not_yours")
    params = _params(ctx, instances, ctx.lang)
    told = 0
    for booking in instances:
        change = BookingChange("cancelled", booking.start, booking.end, booking.room_id)
        booking.status, booking.cancelled_at = BookingStatus.CANCELLED, ctx.now
        ctx.session.add(booking)
        ctx.audit("booking.cancel", "booking", booking.id, series=series_id,
                  by_organizer=booking.organizer_id == ctx.person.id)
        told += announce_change(ctx, booking, change)
    ctx.audit("booking.series_cancel", "series", series_id, count=len(instances),
              first=instances[0].start.isoformat(), last=instances[-1].start.isoformat())
    organizer = ctx.session.get(Person, instances[0].organizer_id)
    if organizer is not None and organizer.id != ctx.person.id:
        lang = lang_of(ctx, organizer)
        ctx.notify(organizer, "room_series_cancelled_for_you", source=("booking", str(instances[0].id)),
                   by=ctx.person.name, **_params(ctx, instances, lang))
    told_text = "\n" + i18n.render("room_notice_told", ctx.lang, n=told) if told else ""
    return reply("room_series_cancelled", told=told_text, **params)
