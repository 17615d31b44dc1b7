"""room.book: one message to a booking — ask what is missing, refuse what breaks policy, offer alternatives."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_action, on_answer, on_intent
from bot.replies import ButtonSpec, Reply, UserError, reply
from bot.roles import BOOKING_OVERRIDERS
from bot.rooms.availability import conflicts, free_rooms, nearest_free_slot
from bot.rooms.common import from_iso, resolve_chair, rooms_overview, to_iso, when_text
from bot.rooms.policy import equipment_in, hard_limits, policy_of
from bot.rooms.readback import readback_or_book, recurring
from bot.rooms.resolve import match_room
from bot.rooms.timeread import read_time
from bot.understanding.commands import ParsedCommand
from storage.models import DialogState, Room
from storage.models_rooms import Booking

INTENT = "room.book"
ALT_ACTION = "rm.alt"
ASK_WARNINGS = ("past_time_moved", "weekday_mismatch", "room_contradiction", "in_the_past")


@on_intent(INTENT)
def book(ctx: Context, command: ParsedCommand) -> Replies:
    """Book a room from one message, asking for what is missing or contradictory."""
    slots = command.slots
    if "end_before_start" in command.warnings:
        raise UserError("room_end_before_start")
    start, end = slots.get("start"), slots.get("end")
    day_only = start is not None and ("start" in command.missing or (
        end is None and start.astimezone(ctx.tz).time() == time(0)))
    payload: dict[str, Any] = {
        "room_text": slots.get("room"), "room_id": None,
        "start": None if day_only else to_iso(start), "end": None if day_only else to_iso(end),
        "day": to_iso(start) if day_only else None,
        "title": str(slots.get("title") or ""), "attendees": slots.get("attendees"),
        "chair": resolve_chair(ctx, str(slots.get("chair") or "")), "rrule": slots.get("rrule"), "until": to_iso(slots.get("until")),
        "equipment": equipment_in(command.text),
        "warnings": [w for w in command.warnings if w in ASK_WARNINGS],
        "complete": bool(slots.get("room") and start and end and not day_only),
    }
    return proceed(ctx, payload)


def proceed(ctx: Context, p: dict[str, Any]) -> Replies:
    """Take the booking request one step further: ask, refuse, offer alternatives or read back."""
    room = _room(ctx, p)
    if room is None:
        text = p.get("room_text")
        p["room_text"] = None
        if text:
            return ask(ctx, p, "room", reply("room_unknown", room=text, rooms=rooms_overview(ctx)))
        return ask(ctx, p, "room", reply("room_ask_room", rooms=rooms_overview(ctx)))
    start, end = from_iso(p.get("start")), from_iso(p.get("end"))
    if start is None:
        return ask(ctx, p, "time", reply("room_ask_time", room=room.name))
    if end is None:
        return ask(ctx, p, "end", reply("room_ask_end", room=room.name,
                                        start=i18n.format_datetime(start, ctx.lang, ctx.tz)))
    if end <= start:
        raise UserError("room_end_before_start")
    if start < ctx.now:
        raise UserError("room_in_past", when=i18n.format_datetime(start, ctx.lang, ctx.tz))
    broken = hard_limits(policy_of(ctx.settings), start, end, ctx.now)
    if broken and not ctx.has_role(*BOOKING_OVERRIDERS):
        raise UserError(broken[0][0], value=broken[0][1])
    p["override"] = [key for key, _ in broken]
    seats = int(p.get("attendees") or 0)
    if seats > room.capacity:
        bigger = free_rooms(ctx.session, start, end, seats)[:3]
        return offer(ctx, p, "room_too_small", bigger, None, room=room.name, capacity=room.capacity, seats=seats)
    if p.get("rrule"):
        return recurring(ctx, p, room, start, end)
    taken = conflicts(ctx.session, room.id or 0, start, end)
    if taken:
        return conflict_reply(ctx, p, room, start, end, taken[0])
    return readback_or_book(ctx, p, room, start, end)


def _room(ctx: Context, p: dict[str, Any]) -> Room | None:
    if p.get("room_id"):
        return ctx.session.get(Room, int(p["room_id"]))
    text = p.get("room_text")
    match = match_room(ctx.session, str(text)) if text else None
    if match is None:
        return None
    p["room_id"] = match.room.id
    if match.floor_contradiction and "room_contradiction" not in p["warnings"]:
        p["warnings"].append("room_contradiction")
    return match.room


def ask(ctx: Context, p: dict[str, Any], what: str, question: Reply) -> Reply:
    """Ask one follow-up question; the answer comes back to `answer`."""
    p["asking"] = what
    p["complete"] = False
    return dialog.start_ask(ctx, INTENT, p, question)


def conflict_reply(ctx: Context, p: dict[str, Any], room: Room, start: datetime, end: datetime,
                   holder: Booking) -> Reply:
    """The room is taken: say by what, and offer free rooms and the nearest free slot that day."""
    seats = int(p.get("attendees") or 0)
    others = free_rooms(ctx.session, start, end, seats, exclude_room=room.id)[:3]
    local = start.astimezone(ctx.tz)
    open_at = datetime.combine(local.date(), ctx.settings.office.office_open, tzinfo=ctx.tz)
    close_at = datetime.combine(local.date(), ctx.settings.office.office_close, tzinfo=ctx.tz)
    slot = nearest_free_slot(ctx.session, room.id or 0, start, end, open_at, close_at, ctx.now)
    return offer(ctx, p, "room_conflict", others, slot, room=room.name,
                 when=when_text(holder.start, holder.end, ctx.lang, ctx),
                 holder=holder.title or i18n.render("room_untitled", ctx.lang))


def offer(ctx: Context, p: dict[str, Any], key: str, rooms: list[Room], slot: datetime | None,
          **params: Any) -> Reply:
    """A refusal with alternatives the person can press or name; nothing is booked yet."""
    start, end = from_iso(p["start"]), from_iso(p["end"])
    assert start is not None and end is not None
    lines = []
    if rooms:
        names = [i18n.render("room_with_seats", ctx.lang, room=r.name, seats=r.capacity) for r in rooms]
        lines.append(i18n.render("room_alt_rooms", ctx.lang, rooms=i18n.join_names(names, ctx.lang)))
    slot_text = ""
    if slot is not None:
        slot_text = when_text(slot, slot + (end - start), ctx.lang, ctx)
        lines.append(i18n.render("room_alt_slot", ctx.lang, slot=slot_text))
    if not lines:
        lines.append(i18n.render("room_alt_none", ctx.lang))
    question = reply(key, alternatives="\n".join(lines), **params)
    ask(ctx, p, "alt", question)
    state = dialog.pending(ctx)
    sid = state.id if state else 0
    buttons = [ButtonSpec(r.name, ALT_ACTION, f"{sid}:r{r.id}") for r in rooms]
    if slot is not None:
        minutes = int(slot.astimezone(UTC).timestamp() // 60)
        buttons.append(ButtonSpec(slot_text.split(" ")[-1], ALT_ACTION, f"{sid}:t{minutes}"))
    return Reply(key=question.key, params=question.params, buttons=tuple(buttons))


@on_answer(INTENT)
def answer(ctx: Context, p: dict[str, Any], text: str) -> Replies:
    """Take the answer to a follow-up question (a room, a time, an end or length, an alternative)."""
    what = p.get("asking")
    if what in ("room", "alt"):
        match = match_room(ctx.session, text)
        if match is not None:
            p["room_id"] = match.room.id
            return proceed(ctx, p)
        if what == "room":
            p["room_text"] = text
            return proceed(ctx, p)
    day = from_iso(p.get("start")) or from_iso(p.get("day"))
    got = read_time(ctx, text, day)
    if what == "end" and p.get("start"):
        start = from_iso(p["start"])
        assert start is not None
        if got.length is not None and got.start is None:
            p["end"] = to_iso(start + got.length)
        elif got.start is not None:
            p["end"] = to_iso(got.end or got.start)
        else:
            return ask(ctx, p, "end", reply("room_ask_end_again"))
        return proceed(ctx, p)
    if got.start is None or got.day_only:
        if got.day_only and got.start is not None:
            p["day"] = to_iso(got.start)
        return ask(ctx, p, what or "time", reply("room_ask_time_again"))
    old_start, old_end = from_iso(p.get("start")), from_iso(p.get("end"))
    p["start"] = to_iso(got.start)
    if got.end is not None:
        p["end"] = to_iso(got.end)
    elif old_start is not None and old_end is not None:
        p["end"] = to_iso(got.start + (old_end - old_start))
    else:
        p["end"] = None
    p["warnings"] = [w for w in p.get("warnings", []) if w == "room_contradiction"]
    return proceed(ctx, p)


@on_action(ALT_ACTION)
def take_alternative(ctx: Context, value: str) -> Replies:
    """A pressed alternative: another room, or the nearest free slot of the wanted room."""
    sid, _, choice = value.partition(":")
    state = ctx.session.get(DialogState, int(sid)) if sid.isdigit() else None
    if state is None or state.person_id != ctx.person.id or state.intent != INTENT or not choice:
        return reply("already_handled")
    p = dict(state.payload or {})
    ctx.session.delete(state)
    ctx.session.flush()
    if choice[0] == "r" and choice[1:].isdigit():
        p["room_id"] = int(choice[1:])
    elif choice[0] == "t" and choice[1:].isdigit():
        start, end = from_iso(p["start"]), from_iso(p["end"])
        assert start is not None and end is not None
        new_start = datetime.fromtimestamp(int(choice[1:]) * 60, UTC)
        p["start"], p["end"] = to_iso(new_start), to_iso(new_start + (end - start))
    p["complete"] = False
    return proceed(ctx, p)


def minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes from start to end."""
    return int((end - start) / timedelta(minutes=1))
