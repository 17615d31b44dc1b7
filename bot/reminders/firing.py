"""Reminders at their time: the due job, then Snooze (10 min, 1 hour, tomorrow 09:00) and Done."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, on_action
from bot.jobs import due_job
from bot.messages import ChatKind, ChatRef, Platform
from bot.reminders.common import DONE_ACTION, SNOOZE_ACTION, display_name, due_buttons, snooze_until
from bot.reminders.recurrence import next_occurrence
from bot.replies import reply
from storage.models import Person
from storage.models_reminders import Reminder, ReminderStatus

BATCH = 200


@due_job("reminders.due")
def send_due_reminders(ctx: Context) -> int:
    """Send every reminder whose time has come, once, and move recurring ones to their next time."""
    rows = ctx.session.exec(select(Reminder).where(Reminder.status == ReminderStatus.ACTIVE,
                                                   col(Reminder.next_at) <= ctx.now)
                            .order_by(col(Reminder.next_at)).limit(BATCH))
    done = 0
    for reminder in list(rows):
        _send(ctx, reminder)
        done += 1
    return done


def _send(ctx: Context, reminder: Reminder) -> None:
    creator = ctx.session.get(Person, reminder.creator_id)
    as_creator = replace(ctx, person=creator) if creator is not None else ctx
    stamp = int(reminder.next_at.timestamp()) if reminder.next_at else 0
    for person_id in reminder.person_ids or []:
        person = ctx.session.get(Person, person_id)
        if person is None or not person.active:
            continue
        lang = person.language or ctx.settings.office.default_language
        key = "rem_due_self" if person_id == reminder.creator_id else "rem_due_from"
        as_creator.notify(person, key, buttons=due_buttons(reminder), source=("reminder", str(reminder.id)),
                          idempotency_key=f"rem:{reminder.id}:{stamp}:{person_id}",
                          title=reminder.title, creator=display_name(creator, lang))
    if reminder.group_platform and reminder.group_chat_id:
        chat = ChatRef(platform=Platform(reminder.group_platform), chat_id=reminder.group_chat_id,
                       kind=ChatKind.GROUP)
        as_creator.post_to_chat(chat, "rem_due_group", source=("reminder", str(reminder.id)),
                                title=reminder.title,
                                creator=display_name(creator, ctx.settings.office.default_language))
    reminder.last_sent_at = ctx.now
    if reminder.rrule:
        after = max(ctx.now, reminder.next_at or ctx.now)
        reminder.next_at = next_occurrence(reminder.rrule, reminder.first_at, after, ctx.tz)
        if reminder.next_at is None:
            reminder.status = ReminderStatus.DONE
    else:
        reminder.status, reminder.next_at = ReminderStatus.SENT, None
    ctx.session.add(reminder)


def _own(ctx: Context, ident: str) -> Reminder | None:
    """The reminder behind a button, if the presser is one of its recipients or its creator."""
    reminder = ctx.session.get(Reminder, int(ident)) if ident.isdigit() else None
    if reminder is None or reminder.status == ReminderStatus.CANCELLED:
        return None
    if ctx.person.id in (reminder.person_ids or []) or ctx.person.id == reminder.creator_id:
        return reminder
    return None


@on_action(SNOOZE_ACTION)
def snooze(ctx: Context, value: str) -> Replies:
    """Put a reminder off for the presser: the reminder itself when it is theirs alone, else a copy."""
    ident, _, code = value.partition(".")
    reminder = _own(ctx, ident)
    when = snooze_until(ctx, code)
    if reminder is None or when is None or reminder.status == ReminderStatus.DONE:
        return reply("already_handled")
    if not reminder.rrule and reminder.person_ids == [ctx.person.id]:
        reminder.next_at, reminder.status = when, ReminderStatus.ACTIVE
        reminder.snoozed += 1
        ctx.session.add(reminder)
    else:
        copy = Reminder(creator_id=reminder.creator_id, title=reminder.title, audience_text=reminder.audience_text,
                        person_ids=[ctx.person.id or 0], first_at=when, next_at=when,
                        status=ReminderStatus.ACTIVE, snoozed=reminder.snoozed + 1, parent_id=reminder.id,
                        created_at=ctx.now, lang=ctx.lang)
        ctx.session.add(copy)
    ctx.audit("reminder.snooze", "reminder", reminder.id, until=when.isoformat(), code=code)
    return reply("rem_snoozed", when=i18n.format_datetime(when, ctx.lang, ctx.tz))


@on_action(DONE_ACTION)
def mark_done(ctx: Context, value: str) -> Replies:
    """Done: a one-off reminder ends; a recurring one is done for this time; the creator hears it."""
    reminder = _own(ctx, value)
    if reminder is None or reminder.status == ReminderStatus.DONE:
        return reply("already_handled")
    ctx.audit("reminder.done", "reminder", reminder.id)
    if reminder.creator_id != ctx.person.id:
        creator = ctx.session.get(Person, reminder.creator_id)
        if creator is not None:
            lang = creator.language or ctx.settings.office.default_language
            ctx.notify(creator, "rem_done_to_creator", source=("reminder", str(reminder.id)),
                       who=display_name(ctx.person, lang), title=reminder.title)
    if reminder.rrule and reminder.next_at is not None:
        return reply("rem_done_occurrence", title=reminder.title,
                     when=i18n.format_datetime(reminder.next_at, ctx.lang, ctx.tz))
    if reminder.person_ids == [ctx.person.id]:  # shared one-off reminders stay for the others
        reminder.status, reminder.done_at, reminder.next_at = ReminderStatus.DONE, ctx.now, None
        ctx.session.add(reminder)
    return reply("rem_done", title=reminder.title)
