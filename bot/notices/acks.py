"""Acknowledgements: 收到 / 参加 / 请假 (with a reason), "who hasn't confirmed", the sender's summary."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_action, on_answer, on_intent
from bot.notices.common import lang_of, latest_notice, status_lines
from bot.notices.send import ACK_ATTEND, ACK_EXCUSE, ACK_GOT, STATUS
from bot.replies import reply
from bot.roles import BROADCASTERS
from bot.understanding.commands import ParsedCommand
from storage.models import Person
from storage.models_notices import Notice, NoticeRecipient, NoticeStatus, RecipientStatus

REASON = "notice.reason"
_ACK_STATUS = {ACK_GOT: RecipientStatus.RECEIVED, ACK_ATTEND: RecipientStatus.ATTENDING,
               ACK_EXCUSE: RecipientStatus.EXCUSED}
_ACK_REPLY = {RecipientStatus.RECEIVED: "notice_ack_received", RecipientStatus.ATTENDING: "notice_ack_attending"}


def _ack(action: str, ctx: Context, value: str) -> Replies:
    notice = ctx.session.get(Notice, int(value)) if value.isdigit() else None
    if notice is None:
        return reply("already_handled")
    if notice.status == NoticeStatus.CANCELLED:
        return reply("notice_is_cancelled")
    row = ctx.session.exec(select(NoticeRecipient).where(NoticeRecipient.notice_id == notice.id,
                                                         NoticeRecipient.person_id == ctx.person.id)).first()
    if row is None:
        if not notice.group_chat_id:
            return reply("notice_not_for_you")
        row = NoticeRecipient(notice_id=notice.id or 0, person_id=ctx.person.id or 0)  # answered the group copy
    status = _ACK_STATUS[action]
    if row.status == status:
        return reply("notice_ack_same", status=i18n.render(f"st_{status}", ctx.lang))
    before = row.status
    row.status, row.responded_at = status, ctx.now
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("notice.ack", "notice", notice.id, person=ctx.person.name, before=before, after=str(status))
    summarise_if_complete(ctx, notice)
    if status == RecipientStatus.EXCUSED:
        return dialog.start_ask(ctx, REASON, {"notice_id": notice.id}, reply("notice_ask_reason"))
    return reply(_ACK_REPLY[status], title=notice.title)


@on_action(ACK_GOT)
def got_it(ctx: Context, value: str) -> Replies:
    """收到 / Got it."""
    return _ack(ACK_GOT, ctx, value)


@on_action(ACK_ATTEND)
def attending(ctx: Context, value: str) -> Replies:
    """参加 / Attending."""
    return _ack(ACK_ATTEND, ctx, value)


@on_action(ACK_EXCUSE)
def excused(ctx: Context, value: str) -> Replies:
    """请假 / Excused: asks for the reason."""
    return _ack(ACK_EXCUSE, ctx, value)


@on_answer(REASON)
def reason_answer(ctx: Context, payload: dict[str, Any], text: str) -> Replies:
    """Record the reason for being excused."""
    row = ctx.session.exec(select(NoticeRecipient).where(NoticeRecipient.notice_id == payload["notice_id"],
                                                         NoticeRecipient.person_id == ctx.person.id)).first()
    if row is None:
        return reply("already_handled")
    row.reason = text.strip()[:500]
    ctx.session.add(row)
    ctx.audit("notice.excuse_reason", "notice", payload["notice_id"], person=ctx.person.name, reason=row.reason)
    return reply("notice_reason_saved", reason=row.reason)


def summarise_if_complete(ctx: Context, notice: Notice) -> None:
    """When nobody is pending any more, the sender gets the summary once and chasing stops."""
    pending = ctx.session.exec(select(NoticeRecipient.id).where(
        NoticeRecipient.notice_id == notice.id, NoticeRecipient.status == RecipientStatus.PENDING)).first()
    if pending is not None or notice.summary_sent_at is not None:
        return
    send_summary(ctx, notice, "notice_all_answered")


def send_summary(ctx: Context, notice: Notice, key: str) -> None:
    """Tell the sender who answered what, once; chasing stops."""
    sender = ctx.session.get(Person, notice.sender_id)
    if sender is not None:
        lines, _ = status_lines(ctx.session, notice, lang_of(ctx, sender))
        ctx.notify(sender, key, source=("notice", str(notice.id)), title=notice.title, lines=lines)
    notice.summary_sent_at, notice.next_chase_at = ctx.now, None
    ctx.session.add(notice)
    ctx.audit("notice.summary", "notice", notice.id, kind=key)


@on_intent("notice.status")
def status_intent(ctx: Context, command: ParsedCommand) -> Replies:
    """Who has and has not confirmed: names per status and counts, at once."""
    words = str(command.slots.get("notice") or "")
    notice = latest_notice(ctx.session, ctx.person, words)
    if notice is None and ctx.has_role(*BROADCASTERS):
        notice = latest_notice(ctx.session, ctx.person, words, any_sender=True)
    if notice is None:
        return reply("notice_none")
    return status_reply(ctx, notice)


def status_reply(ctx: Context, notice: Notice) -> Replies:
    """The confirmation status of one notice."""
    lines, total = status_lines(ctx.session, notice, ctx.lang)
    return reply("notice_status", title=notice.title, total=total, lines=lines)


@on_action(STATUS)
def status_button(ctx: Context, value: str) -> Replies:
    """The sender's 确认情况 button."""
    notice = ctx.session.get(Notice, int(value)) if value.isdigit() else None
    if notice is None:
        return reply("already_handled")
    if notice.sender_id != ctx.person.id and not ctx.has_role(*BROADCASTERS):
        return reply("notice_not_sender")
    return status_reply(ctx, notice)
