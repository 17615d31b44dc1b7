"""Scheduled room work: reminders before start, check-in, auto-release, the weekly schedule; all due in the DB."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, on_action, pre_parser
from bot.jobs import due_job
from bot.messages import ChatKind, ChatRef, Platform
from bot.replies import ButtonSpec, reply
from bot.rooms.changes import BookingChange, announce_change
from bot.rooms.common import lang_of, when_text
from bot.rooms.policy import policy_of, weekday_time
from bot.rooms.schedule import schedule_text
from storage.models import AuditLog, GroupChat, Person, Room
from storage.models_rooms import Booking, BookingStatus

CHECKIN_ACTION = "rm.ci"
_CHECKIN = re.compile(r"^\s*(?:签到|簽到|我到了|check[\s-]?in|checking in)\s*[!!。.]*\s*$", re.IGNORECASE)


@due_job("rooms.reminders")
def send_reminders(ctx: Context) -> int:
    """Remind each organiser `reminder_minutes` before start, once, with a check-in button."""
    policy = policy_of(ctx.settings)
    due = ctx.session.exec(select(Booking).where(
        Booking.status == BookingStatus.CONFIRMED, col(Booking.reminded_at).is_(None),
        col(Booking.start) > ctx.now, col(Booking.start) <= ctx.now + timedelta(minutes=policy.reminder_minutes)))
    done = 0
    for booking in due:
        organizer = ctx.session.get(Person, booking.organizer_id)
        room = ctx.session.get(Room, booking.room_id)
        if organizer is None:
            continue
        lang = lang_of(ctx, organizer)
        minutes = max(1, round((booking.start - ctx.now).total_seconds() / 60))
        ctx.notify(organizer, "room_reminder", buttons=(ButtonSpec("btn_room_checkin", CHECKIN_ACTION, str(booking.id)),),
                   source=("booking", str(booking.id)), idempotency_key=f"room-remind-{booking.id}-{int(booking.start.timestamp())}",
                   minutes=minutes, room=room.name if room else "?",
                   when=when_text(booking.start, booking.end, lang, ctx),
                   title=booking.title or i18n.render("room_untitled", lang),
                   window=policy.checkin_window_minutes)
        booking.reminded_at = ctx.now
        ctx.session.add(booking)
        done += 1
    return done


def _check_in(ctx: Context, booking: Booking) -> Replies:
    room = ctx.session.get(Room, booking.room_id)
    if booking.checked_in_at is not None:
        return reply("room_checked_in_already", room=room.name if room else "?")
    booking.checked_in_at = ctx.now
    ctx.session.add(booking)
    ctx.audit("booking.checkin", "booking", booking.id)
    return reply("room_checked_in", room=room.name if room else "?")


@on_action(CHECKIN_ACTION)
def checkin_button(ctx: Context, value: str) -> Replies:
    """Check in from the reminder's button (only the organiser, only around the start)."""
    booking = ctx.session.get(Booking, int(value)) if value.isdigit() else None
    if booking is None or booking.status != BookingStatus.CONFIRMED:
        return reply("room_checkin_none")
    if booking.organizer_id != ctx.person.id:
        return reply("room_not_yours")
    window = timedelta(minutes=policy_of(ctx.settings).checkin_window_minutes)
    if not booking.start - timedelta(minutes=policy_of(ctx.settings).reminder_minutes) - window <= ctx.now < booking.end:
        return reply("room_checkin_none")
    return _check_in(ctx, booking)


@pre_parser
def checkin_message(ctx: Context, text: str) -> Replies | None:
    """"签到" / "check in": check into the person's booking that starts about now."""
    if not _CHECKIN.match(text):
        return None
    policy = policy_of(ctx.settings)
    early = timedelta(minutes=policy.reminder_minutes + policy.checkin_window_minutes)
    booking = ctx.session.exec(select(Booking).where(
        Booking.organizer_id == ctx.person.id, Booking.status == BookingStatus.CONFIRMED,
        col(Booking.start) <= ctx.now + early, col(Booking.end) > ctx.now).order_by(col(Booking.start))).first()
    if booking is None:
        return reply("room_checkin_none")
    return _check_in(ctx, booking)


@due_job("rooms.auto_release")
def auto_release(ctx: Context) -> int:
    """When enabled, free a room nobody checked into within the window after start; tell the organiser."""
    policy = policy_of(ctx.settings)
    if not policy.auto_release:
        return 0
    window = timedelta(minutes=policy.checkin_window_minutes)
    due = ctx.session.exec(select(Booking).where(
        Booking.status == BookingStatus.CONFIRMED, col(Booking.checked_in_at).is_(None),
        col(Booking.start) <= ctx.now - window, col(Booking.end) > ctx.now))
    done = 0
    for booking in due:
        change = BookingChange("released", booking.start, booking.end, booking.room_id)
        booking.status, booking.released_at = BookingStatus.RELEASED, ctx.now
        ctx.session.add(booking)
        ctx.audit("booking.release", "booking", booking.id, reason="no check-in")
        announce_change(ctx, booking, change)
        organizer = ctx.session.get(Person, booking.organizer_id)
        room = ctx.session.get(Room, booking.room_id)
        if organizer is not None:
            lang = lang_of(ctx, organizer)
            ctx.notify(organizer, "room_released", source=("booking", str(booking.id)),
                       room=room.name if room else "?", when=when_text(booking.start, booking.end, lang, ctx),
                       window=policy.checkin_window_minutes)
        done += 1
    return done


def _schedule_chat(ctx: Context, name: str) -> ChatRef | None:
    chat = ctx.session.exec(select(GroupChat).where((GroupChat.title == name) | (GroupChat.chat_id == name))).first()
    if chat is None:
        return None
    return ChatRef(platform=Platform(chat.platform), chat_id=chat.chat_id, kind=ChatKind.GROUP, title=chat.title)


def plan_covers(ctx: Context, chat: ChatRef) -> bool:
    """True when the digests' weekly plan (《工作安排》) goes to the same chat.

    The plan lists every active booking of next week (with notices' meetings and leaders' visits), so that
    chat gets the plan alone rather than the same bookings twice; other chats get the rooms schedule.
    """
    conf = ctx.settings.policy.get("digests", {})
    target = str(conf.get("weekly_plan_chat", "") or "") if isinstance(conf, dict) else ""
    return bool(target) and target == f"{chat.platform}:{chat.chat_id}"


@due_job("rooms.weekly_schedule")
def weekly_schedule(ctx: Context) -> int:
    """Every Friday (at `weekly_schedule_at`), post next week's rooms schedule to the configured group once.

    Not when that group also gets the weekly plan, which already lists the same bookings (see plan_covers).
    """
    policy = policy_of(ctx.settings)
    when = weekday_time(policy.weekly_schedule_at)
    if not policy.weekly_schedule_chat or when is None:
        return 0
    local = ctx.local_now
    if local.weekday() != when[0] or local.time() < when[1]:
        return 0
    monday = datetime.combine(local.date() + timedelta(days=7 - local.weekday()), datetime.min.time(), tzinfo=ctx.tz)
    key = f"{monday:%Y-%m-%d}"
    done = ctx.session.exec(select(AuditLog.id).where(AuditLog.action == "rooms.weekly_schedule",
                                                      AuditLog.object_id == key)).first()
    chat = _schedule_chat(ctx, policy.weekly_schedule_chat)
    if done is not None or chat is None:
        return 0
    if plan_covers(ctx, chat):
        ctx.audit("rooms.weekly_schedule", "week", key, chat=chat.chat_id, merged_into="digests.weekly_plan")
        return 0
    lang = ctx.settings.office.default_language
    text = schedule_text(ctx, monday, monday + timedelta(days=7), None, lang) or i18n.render("room_week_empty", lang)
    ctx.post_to_chat(chat, "room_weekly_schedule", source=("rooms", key),
                     period=f"{i18n.format_date(monday, lang, ctx.tz)}–"
                            f"{i18n.format_date(monday + timedelta(days=4), lang, ctx.tz)}", lines=text)
    ctx.audit("rooms.weekly_schedule", "week", key, chat=chat.chat_id)
    return 1
