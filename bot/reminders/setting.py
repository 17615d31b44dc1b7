"""Setting a reminder: read the request, ask for what is missing, read back reminders for others, save."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_answer, on_confirm, on_intent
from bot.reminders.audience import ReminderAudience, resolve
from bot.reminders.common import CANCEL_ACTION, repeat_phrase
from bot.reminders.recurrence import next_occurrence
from bot.replies import ButtonSpec, reply
from bot.roles import BROADCASTERS
from bot.understanding.commands import ParsedCommand
from bot.understanding.conventions import Conventions
from bot.understanding.timeparse import find_times
from bot.understanding.types import Kind
from storage.models_reminders import Reminder, ReminderStatus

INTENT = "reminder.set"


@on_intent(INTENT)
def set_reminder(ctx: Context, command: ParsedCommand) -> Replies:
    """reminder.set: remind me / named people / a department / a group, once or repeatedly."""
    slots = command.slots
    start = slots.get("start")
    payload: dict[str, Any] = {"audience": list(slots.get("audience") or ["me"]), "title": slots.get("title") or "",
                               "start": start.isoformat() if isinstance(start, datetime) else start,
                               "rrule": slots.get("rrule")}
    return _proceed(ctx, payload)


@on_answer(INTENT)
def answer(ctx: Context, payload: dict[str, Any], text: str) -> Replies:
    """The answer to "when?" or "what?"."""
    if payload.pop("asking", "") == "title":
        payload["title"] = text.strip()
        return _proceed(ctx, payload)
    conv = Conventions(office_open=ctx.settings.office.office_open, office_close=ctx.settings.office.office_close)
    readings = [r for r in find_times(text, ctx.local_now, conv) if r.start is not None]
    if not readings:
        return dialog.start_ask(ctx, INTENT, payload, reply("rem_bad_time"))
    reading = next((r for r in readings if r.kind is Kind.RECURRENCE), readings[0])
    assert reading.start is not None
    payload["start"], payload["rrule"] = reading.start.isoformat(), reading.rrule
    return _proceed(ctx, payload)


@on_confirm(INTENT)
def confirmed(ctx: Context, payload: dict[str, Any]) -> Replies:
    """The read-back was confirmed: save the reminder."""
    audience = resolve(ctx, payload["audience"])
    first_at = _first_at(ctx, payload["start"])
    reminder = _save(ctx, payload, audience, first_at)
    return reply("rem_set_others", ButtonSpec("btn_rem_undo", CANCEL_ACTION, str(reminder.id)),
                 **_describe(ctx, payload, audience, reminder.next_at or first_at))


def _proceed(ctx: Context, payload: dict[str, Any]) -> Replies:
    if not payload.get("start"):
        return dialog.start_ask(ctx, INTENT, payload, reply("rem_ask_time"))
    if not payload.get("title"):
        return dialog.start_ask(ctx, INTENT, {**payload, "asking": "title"}, reply("rem_ask_title"))
    audience = resolve(ctx, payload["audience"])
    if audience.unknown:
        return reply("rem_unknown_audience", names=i18n.join_names(audience.unknown, ctx.lang))
    if audience.broad and not ctx.has_role(*BROADCASTERS):
        return reply("rem_group_needs_role")
    first_at = _first_at(ctx, payload["start"])
    next_at = _next_at(ctx, first_at, payload.get("rrule"))
    if next_at is None:
        return reply("rem_past", when=i18n.format_datetime(first_at, ctx.lang, ctx.tz))
    if _only_me(ctx, audience):
        reminder = _save(ctx, payload, audience, first_at)
        return reply("rem_set_self", ButtonSpec("btn_rem_undo", CANCEL_ACTION, str(reminder.id)),
                     **_describe(ctx, payload, audience, next_at))
    return dialog.start_confirm(ctx, INTENT, payload, reply("rem_readback", **_describe(ctx, payload, audience,
                                                                                          next_at)))


def _only_me(ctx: Context, audience: ReminderAudience) -> bool:
    return not audience.broad and [p.id for p in audience.people] == [ctx.person.id]


def _first_at(ctx: Context, start: str) -> datetime:
    """The first time; a bare day ("明天", "every Monday") means the start of office hours."""
    local = datetime.fromisoformat(start).astimezone(ctx.tz)
    if local.time() == time(0, 0):
        local = datetime.combine(local.date(), ctx.settings.office.office_open, tzinfo=ctx.tz)
    return local


def _next_at(ctx: Context, first_at: datetime, rule: str | None) -> datetime | None:
    if first_at > ctx.now:
        return first_at
    return next_occurrence(rule, first_at, ctx.now, ctx.tz) if rule else None


def _describe(ctx: Context, payload: dict[str, Any], audience: ReminderAudience, when: datetime) -> dict[str, Any]:
    names = [i18n.render("rem_me", ctx.lang) if p.id == ctx.person.id else p.name for p in audience.people]
    label = " ".join(a for a in payload["audience"] if a not in ("me",)) if audience.broad else ""
    return {"title": payload["title"], "when": i18n.format_datetime(when, ctx.lang, ctx.tz),
            "repeat": repeat_phrase(payload.get("rrule"), ctx.lang),
            "audience": label or i18n.join_names(names, ctx.lang)}


def _save(ctx: Context, payload: dict[str, Any], audience: ReminderAudience, first_at: datetime) -> Reminder:
    rule = payload.get("rrule")
    group = audience.group
    platform, chat_id = (group.platform, group.chat_id) if group else (None, None)
    if audience.this_group and ctx.chat is not None:
        platform, chat_id = str(ctx.chat.platform), ctx.chat.chat_id
    reminder = Reminder(creator_id=ctx.person.id or 0, title=payload["title"],
                        audience_text=" ".join(payload["audience"]),
                        person_ids=[p.id for p in audience.people if p.id is not None],
                        group_platform=platform, group_chat_id=chat_id, first_at=first_at,
                        next_at=_next_at(ctx, first_at, rule), rrule=rule, status=ReminderStatus.ACTIVE,
                        created_at=ctx.now, lang=ctx.lang)
    ctx.session.add(reminder)
    ctx.session.flush()
    ctx.audit("reminder.create", "reminder", reminder.id, title=reminder.title, rrule=rule or "",
              people=len(reminder.person_ids or []), group=chat_id or "")
    return reminder
