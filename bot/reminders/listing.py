"""Listing and cancelling my reminders, by message ("我的提醒", "取消提醒 2") or by button."""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, on_action, pre_parser
from bot.reminders.common import CANCEL_ACTION, audience_label, display_name, repeat_phrase
from bot.reminders.templates import MAX_LISTED
from bot.replies import ButtonSpec, Reply, reply
from bot.roles import Role
from bot.understanding.lang import to_simplified
from storage.models import Person
from storage.models_reminders import Reminder, ReminderStatus

_LIST = re.compile(r"^\s*(?:我的提醒|我(?:还)?有(?:哪些|什么|几个)提醒|查看(?:我的)?提醒|提醒列表"
                   r"|(?:show|list|see)?\s*(?:me\s+)?(?:all\s+)?my\s+reminders|what\s+are\s+my\s+reminders"
                   r"|list\s+reminders)\s*[??.!!]*\s*$", re.IGNORECASE)
_CANCEL_ZH = re.compile(r"^\s*(?:取消|删除|删掉|撤销)(?:第\s*(\d+)\s*[条个])?(?:我的)?提醒\s*(\d+)?\s*[::,,]?\s*(.*?)[。.!!]*$")
_CANCEL_EN = re.compile(r"^\s*(?:cancel|delete|remove)\s+(?:my\s+|the\s+)?reminder\s*#?(\d+)?"
                        r"\s*(?:about|for|to|:)?\s*(.*?)[.!]*$", re.IGNORECASE)


def mine(ctx: Context) -> list[Reminder]:
    """Active reminders this person set or receives, soonest first."""
    rows = ctx.session.exec(select(Reminder).where(Reminder.status == ReminderStatus.ACTIVE)
                            .order_by(col(Reminder.next_at)))
    me = ctx.person.id
    return [r for r in rows if r.creator_id == me or me in (r.person_ids or [])]


@pre_parser
def claim(ctx: Context, text: str) -> Replies | None:
    """"我的提醒" / "my reminders" lists; "取消提醒 2" / "cancel reminder about X" cancels."""
    simple = to_simplified(text)
    if _LIST.match(simple):
        return list_reminders(ctx)
    zh = _CANCEL_ZH.match(simple)
    if zh:
        return _cancel_by_words(ctx, zh.group(1) or zh.group(2), zh.group(3))
    en = _CANCEL_EN.match(text)
    if en:
        return _cancel_by_words(ctx, en.group(1), en.group(2))
    return None


def list_reminders(ctx: Context, key: str = "rem_list_head") -> Reply:
    """The numbered list, with a cancel button for each reminder this person set."""
    rows = mine(ctx)[:MAX_LISTED]
    if not rows:
        return reply("rem_list_empty")
    lines = [i18n.render(key, ctx.lang, n=len(rows))]
    buttons: list[ButtonSpec] = []
    for n, r in enumerate(rows, 1):
        to_others = r.person_ids != [ctx.person.id] or r.group_chat_id
        audience = i18n.render("rem_list_for", ctx.lang, audience=audience_label(ctx.session, r, ctx.lang))
        lines.append(i18n.render("rem_list_item", ctx.lang, n=n, title=r.title,
                                 when=i18n.format_datetime(r.next_at, ctx.lang, ctx.tz) if r.next_at else "",
                                 repeat=repeat_phrase(r.rrule, ctx.lang), audience=audience if to_others else ""))
        if r.creator_id == ctx.person.id:
            buttons.append(ButtonSpec(f"btn_rem_x{n}", CANCEL_ACTION, str(r.id)))
    return reply("rem_text", *buttons, text="\n".join(lines))


def _cancel_by_words(ctx: Context, number: str | None, words: str) -> Reply:
    rows = mine(ctx)[:MAX_LISTED]
    words = words.strip()
    if number:
        index = int(number) - 1
        chosen = [rows[index]] if 0 <= index < len(rows) else []
    elif words:
        chosen = [r for r in rows if words.casefold() in r.title.casefold() or r.title.casefold() in words.casefold()]
    else:
        chosen = rows
    if not chosen:
        return reply("rem_cancel_none")
    if len(chosen) > 1:
        return list_reminders(ctx, key="rem_cancel_which")
    return _cancel(ctx, chosen[0])


@on_action(CANCEL_ACTION)
def cancel_button(ctx: Context, value: str) -> Replies:
    """A cancel button from a list or a confirmation."""
    reminder = ctx.session.get(Reminder, int(value)) if value.isdigit() else None
    if reminder is None or reminder.status not in (ReminderStatus.ACTIVE, ReminderStatus.SENT):
        return reply("already_handled")
    return _cancel(ctx, reminder)


def _cancel(ctx: Context, reminder: Reminder) -> Reply:
    if reminder.creator_id != ctx.person.id and not ctx.has_role(Role.ADMIN):
        creator = ctx.session.get(Person, reminder.creator_id)
        return reply("rem_cancel_not_yours", creator=display_name(creator, ctx.lang))
    reminder.status, reminder.next_at = ReminderStatus.CANCELLED, None
    ctx.session.add(reminder)
    ctx.audit("reminder.cancel", "reminder", reminder.id, title=reminder.title)
    return reply("rem_cancelled", title=reminder.title)
