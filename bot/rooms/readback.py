"""Reading a booking back before acting (single and recurring), and what a confirmation does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_confirm
from bot.replies import UserError, reply
from bot.rooms.approval import approval_needed
from bot.rooms.common import chair_label, from_iso, when_text
from bot.rooms.create import create_series, create_single
from bot.rooms.policy import policy_of
from bot.rooms.recurrence import Instance, check, expand
from storage.models import Room

INTENT = "room.book"


def details(ctx: Context, p: dict[str, Any], room: Room) -> str:
    """The extra lines of a read-back: topic, people, equipment, and anything to double-check."""
    lang = ctx.lang
    lines = []
    if p.get("title"):
        lines.append(i18n.render("room_rb_title", lang, title=p["title"]))
    if p.get("attendees"):
        lines.append(i18n.render("room_rb_attendees", lang, n=p["attendees"], capacity=room.capacity))
    if p.get("chair"):
        lines.append(i18n.render("room_rb_chair", lang, chair=chair_label(ctx, str(p["chair"]), lang)))
    if p.get("equipment"):
        lines.append(i18n.render("room_rb_equipment", lang, equipment=", ".join(p["equipment"])))
    for warning in p.get("warnings", []):
        lines.append(i18n.render(f"room_warn_{warning}", lang, room=room.name, floor=room.floor or "?"))
    for broken in p.get("override", []):
        lines.append(i18n.render("room_rb_override", lang, rule=i18n.render(f"{broken}_short", lang)))
    return "".join("\n" + line for line in lines)


def preview(ctx: Context, p: dict[str, Any], room: Room, start: datetime) -> str:
    """The read-back's extra lines, including whether approval will be needed (or overridden)."""
    shown = dict(p, override=list(p.get("override") or []))
    reasons = approval_needed(ctx, shown, room, start)
    text = details(ctx, shown, room)
    if reasons:
        names = i18n.join_names([i18n.render(f"room_reason_{r}", ctx.lang) for r in reasons], ctx.lang)
        text += "\n" + i18n.render("room_rb_approval", ctx.lang, reasons=names)
    return text


def readback_or_book(ctx: Context, p: dict[str, Any], room: Room, start: datetime, end: datetime) -> Replies:
    """Read the booking back with Confirm/Cancel, or book at once when the office allows it."""
    if ctx.settings.dialog.skip_readback_when_complete and p.get("complete") and not p.get("warnings"):
        return create_single(ctx, p, room, start, end)
    return dialog.start_confirm(ctx, INTENT, p, reply("room_readback", room=room.name,
                                                      when=when_text(start, end, ctx.lang, ctx),
                                                      details=preview(ctx, p, room, start)))


def series_instances(ctx: Context, p: dict[str, Any], room: Room, start: datetime,
                     end: datetime) -> tuple[list[Instance], datetime]:
    """Every instance of a recurring request within the horizon, each checked for conflicts."""
    occurrences, last = expand(str(p["rrule"]), start, end, from_iso(p.get("until")),
                               policy_of(ctx.settings).horizon_months, ctx.tz)
    return check(ctx.session, room.id or 0, occurrences, ctx.now), last


def recurring(ctx: Context, p: dict[str, Any], room: Room, start: datetime, end: datetime) -> Replies:
    """Check every instance; list the conflicting ones and book the rest only after confirmation."""
    instances, last = series_instances(ctx, p, room, start, end)
    free = [i for i in instances if not i.taken]
    taken = [i for i in instances if i.taken]
    if not free:
        raise UserError("room_series_all_taken", room=room.name)
    if ctx.settings.dialog.skip_readback_when_complete and p.get("complete") and not taken \
            and not p.get("warnings"):
        return create_series(ctx, p, room, start, end)
    lang = ctx.lang
    conflict_text = ""
    if taken:
        dates = [i18n.format_date(i.start, lang, ctx.tz) for i in taken]
        conflict_text = "\n" + i18n.render("room_series_conflicts", lang, n=len(taken),
                                           dates=i18n.join_names(dates, lang))
    capped = from_iso(p.get("until")) is None or (from_iso(p.get("until")) or last) > last
    return dialog.start_confirm(ctx, INTENT, p, reply(
        "room_series_readback", room=room.name, when=when_text(free[0].start, free[0].end, lang, ctx),
        count=len(free), first=i18n.format_date(free[0].start, lang, ctx.tz),
        last=i18n.format_date(free[-1].start, lang, ctx.tz), conflicts=conflict_text,
        horizon=("\n" + i18n.render("room_series_horizon", lang, months=policy_of(ctx.settings).horizon_months))
        if capped else "",
        details=preview(ctx, p, room, free[0].start)))


@on_confirm(INTENT)
def confirmed(ctx: Context, p: dict[str, Any]) -> Replies:
    """The person confirmed the read-back: book (or ask for approval), checking the room again first."""
    room = ctx.session.get(Room, int(p.get("room_id") or 0))
    start, end = from_iso(p.get("start")), from_iso(p.get("end"))
    if room is None or start is None or end is None:
        return reply("already_handled")
    if start < ctx.now and not p.get("rrule"):
        return reply("room_in_past", when=i18n.format_datetime(start, ctx.lang, ctx.tz))
    if p.get("rrule"):
        return create_series(ctx, p, room, start, end)
    return create_single(ctx, p, room, start, end)
