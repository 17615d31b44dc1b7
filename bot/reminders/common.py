"""Shared helpers of reminders: settings, names in a language, the repeat phrase, buttons."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlmodel import Session

from bot import i18n
from bot.context import Context
from bot.reminders.recurrence import frequency_key
from bot.replies import ButtonSpec
from bot.understanding.lang import EN
from storage.models import Person
from storage.models_reminders import Reminder

SNOOZE_ACTION = "rem.sz"
DONE_ACTION = "rem.ok"
CANCEL_ACTION = "rem.x"
SNOOZE_CODES = {"10m": "btn_rem_10m", "1h": "btn_rem_1h", "tm": "btn_rem_tomorrow"}


def policy(ctx: Context) -> dict[str, Any]:
    """The [reminders] table of the configuration (empty when not configured)."""
    raw = ctx.settings.policy.get("reminders", {})
    return raw if isinstance(raw, dict) else {}


def clock_time(text: str, default: time) -> time:
    """"08:30" -> time(8, 30); the default when the text is not of that form."""
    try:
        hour, minute = str(text).split(":")
        return time(int(hour), int(minute))
    except ValueError:
        return default


def snooze_until(ctx: Context, code: str) -> datetime | None:
    """When a snooze button puts a reminder off to: 10 minutes, 1 hour, or tomorrow morning."""
    if code == "10m":
        return ctx.now + timedelta(minutes=10)
    if code == "1h":
        return ctx.now + timedelta(hours=1)
    if code == "tm":
        morning = clock_time(policy(ctx).get("snooze_morning", "09:00"), time(9, 0))
        tomorrow = ctx.local_now.date() + timedelta(days=1)
        return datetime.combine(tomorrow, morning, tzinfo=ctx.tz)
    return None


def display_name(person: Person | None, lang: str) -> str:
    """A person's name as shown in a language (the English name in English when there is one)."""
    if person is None:
        return "?"
    return person.name_en if lang == EN and person.name_en else person.name


def repeat_phrase(rule: str | None, lang: str) -> str:
    """"(重复:每周)" for a recurring reminder, empty for a one-off one."""
    key = frequency_key(rule)
    return i18n.render("rem_repeat", lang, rule=i18n.render(key, lang)) if key else ""


def due_buttons(reminder: Reminder) -> tuple[ButtonSpec, ...]:
    """Snooze (10 minutes, 1 hour, tomorrow morning) and Done under a reminder."""
    ident = str(reminder.id)
    return (*(ButtonSpec(label, SNOOZE_ACTION, f"{ident}.{code}") for code, label in SNOOZE_CODES.items()),
            ButtonSpec("btn_rem_done", DONE_ACTION, ident))


def audience_label(session: Session, reminder: Reminder, lang: str) -> str:
    """Who a reminder goes to, for lists and read-backs."""
    if reminder.audience_text and reminder.audience_text not in ("me", "我"):
        return reminder.audience_text
    names = [display_name(session.get(Person, pid), lang) for pid in reminder.person_ids or []]
    return i18n.join_names(names, lang)
