"""Sending a confirmed notice: the notice and recipient rows, one private message each, a group copy."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, on_confirm
from bot.messages import ChatKind, ChatRef, Platform
from bot.notices import hooks
from bot.notices.common import as_instant, detail_lines, kind_text, lang_of, recipients_of
from bot.notices.policy import notice_policy
from bot.notices.recurrence import next_occurrence
from bot.replies import ButtonSpec, Reply, reply
from storage.models import GroupChat, Person
from storage.models_notices import Notice, NoticeRecipient, NoticeStatus, RecipientStatus

ACK_GOT, ACK_ATTEND, ACK_EXCUSE = "nt.r", "nt.a", "nt.e"
FIX, CANCEL, STATUS = "nt.fix", "nt.cx", "nt.st"


def ack_buttons(notice: Notice) -> tuple[ButtonSpec, ...]:
    """收到 / 参加 / 请假 for a meeting; 收到 / 请假 for other notices."""
    value = str(notice.id)
    if notice.is_meeting:
        return (ButtonSpec("btn_nt_got", ACK_GOT, value), ButtonSpec("btn_nt_attend", ACK_ATTEND, value),
                ButtonSpec("btn_nt_excuse", ACK_EXCUSE, value))
    return (ButtonSpec("btn_nt_got", ACK_GOT, value), ButtonSpec("btn_nt_excuse", ACK_EXCUSE, value))


def sender_buttons(notice: Notice) -> tuple[ButtonSpec, ...]:
    """The sender's buttons on a sent notice: status, correct, cancel."""
    value = str(notice.id)
    return (ButtonSpec("btn_nt_status", STATUS, value), ButtonSpec("btn_nt_fix", FIX, value),
            ButtonSpec("btn_nt_cancel", CANCEL, value))


@on_confirm("notice.send")
def confirmed(ctx: Context, payload: dict[str, Any]) -> Replies:
    """The sender confirmed the read-back: store the notice, then send, schedule or set it recurring."""
    notice = _create(ctx, payload)
    people = [p for p in (ctx.session.get(Person, pid) for pid in payload["person_ids"]) if p is not None]
    if notice.status == NoticeStatus.RECURRING:
        ctx.audit("notice.create_recurring", "notice", notice.id, title=notice.title, rrule=notice.rrule)
        return reply("notice_recurring", title=notice.title, rule=notice.rrule,
                     when=i18n.format_datetime(notice.send_at or ctx.now, ctx.lang, ctx.tz))
    for person in people:
        ctx.session.add(NoticeRecipient(notice_id=notice.id or 0, person_id=person.id or 0))
    ctx.session.flush()
    room_note = hooks.book_room(ctx, notice)  # booked now, also for a notice sent later
    if notice.status == NoticeStatus.SCHEDULED:
        ctx.audit("notice.schedule", "notice", notice.id, title=notice.title, count=len(people))
        return hooks.with_note(ctx, reply("notice_scheduled", title=notice.title, count=len(people), extra="",
                                          when=i18n.format_datetime(notice.send_at or ctx.now, ctx.lang, ctx.tz)),
                               room_note)
    return hooks.with_note(ctx, send_now(ctx, notice), room_note)


def _create(ctx: Context, payload: dict[str, Any]) -> Notice:
    policy = notice_policy(ctx.settings)
    start, send_at = as_instant(payload["start"]), as_instant(payload["send_at"])
    status = NoticeStatus.SENT
    if payload.get("rrule") and start:
        status, send_at = NoticeStatus.RECURRING, start if start > ctx.now else next_occurrence(
            payload["rrule"], start, ctx.now, ctx.tz)
    elif send_at and send_at > ctx.now:
        status = NoticeStatus.SCHEDULED
    groups = [g for g in (ctx.session.get(GroupChat, gid) for gid in payload.get("group_ids", [])) if g]
    chat = payload.get("chat") if payload.get("this_group") else None
    group = (groups[0].platform, groups[0].chat_id) if groups else (tuple(chat) if chat else (None, None))
    room = None
    if payload.get("room"):
        from bot.directory import find_room
        room = find_room(ctx.session, payload["room"])
    notice = Notice(sender_id=ctx.person.id or 0, title=payload["title"], content=payload["content"],
                    is_meeting=bool(payload["meeting"]), start=None if payload.get("rrule") else start,
                    end=None if payload.get("rrule") else as_instant(payload["end"]), place=payload["place"],
                    room_id=room.id if room else None, materials=payload["materials"] or "",
                    audience=payload["audience"], due=as_instant(payload["due"]), rrule=payload.get("rrule"),
                    status=status, created_at=ctx.now, send_at=send_at,
                    chase_interval_minutes=policy.chase_interval_minutes, max_chases=policy.max_chases,
                    group_platform=group[0], group_chat_id=group[1], lang=ctx.lang)
    notice.cutoff = notice.start or notice.due
    ctx.session.add(notice)
    ctx.session.flush()
    return notice


def send_now(ctx: Context, notice: Notice) -> Reply:
    """Deliver a stored notice to its recipients and group; the sender's reply says who was unreachable."""
    notice.status, notice.sent_at = NoticeStatus.SENT, ctx.now
    notice.next_chase_at = ctx.now + timedelta(minutes=notice.chase_interval_minutes)
    schedule_reminders(ctx, notice)
    rows = recipients_of(ctx.session, notice.id or 0)
    unreachable = deliver(ctx, notice, rows)
    if notice.group_platform and notice.group_chat_id:
        chat = ChatRef(platform=Platform(notice.group_platform), chat_id=notice.group_chat_id, kind=ChatKind.GROUP)
        lang = ctx.settings.office.default_language
        ctx.post_to_chat(chat, "notice_body", buttons=ack_buttons(notice), source=("notice", str(notice.id)),
                         **body_params(ctx, notice, lang))
    ctx.session.add(notice)
    assigned = hooks.create_assignments(ctx, notice, [p for r, p in rows if r.status != RecipientStatus.UNREACHABLE])
    ctx.audit("notice.send", "notice", notice.id, title=notice.title, count=len(rows), unreachable=unreachable)
    extra = i18n.render("notice_unreachable", ctx.lang, names=i18n.join_names(unreachable, ctx.lang)) \
        if unreachable else ""
    if assigned and notice.due is not None:
        names = [(p.name_en or p.name) if ctx.lang == "en" else p.name for p in assigned]
        extra += i18n.render("notice_assignments_made", ctx.lang, n=len(assigned),
                             names=i18n.join_names(names, ctx.lang),
                             due=i18n.format_datetime(notice.due, ctx.lang, ctx.tz))
    return Reply(key="notice_sent", params={"title": notice.title, "count": len(rows), "extra": extra},
                 buttons=sender_buttons(notice))


def deliver(ctx: Context, notice: Notice, rows: list[tuple[NoticeRecipient, Person]],
            key: str = "notice_body", **extra: Any) -> list[str]:
    """A private message with the ack buttons to each recipient, in their language; returns the unreachable."""
    cache: dict[str, dict[str, Any]] = {}
    buttons = ack_buttons(notice)
    unreachable: list[str] = []
    # No autoflush: the outbox rows are then inserted together at the end, not one per identity query.
    with ctx.session.no_autoflush:
        for row, person in rows:
            lang = lang_of(ctx, person)
            if lang not in cache:
                cache[lang] = {**body_params(ctx, notice, lang), **extra}
            if not ctx.notify(person, key, buttons=buttons, source=("notice", str(notice.id)), **cache[lang]):
                unreachable.append(person.name)
                row.status = RecipientStatus.UNREACHABLE
                ctx.session.add(row)
    return unreachable


def body_params(ctx: Context, notice: Notice, lang: str) -> dict[str, Any]:
    """What the notice template needs, in a language; the content stays word for word."""
    sender = ctx.session.get(Person, notice.sender_id)
    footer = i18n.render("notice_body_footer" if notice.is_meeting else "notice_body_footer_plain", lang)
    return {"kind": kind_text(notice.is_meeting, lang), "title": notice.title,
            "content": notice.content, "details": detail_lines(notice, lang, ctx.tz) + footer + "\n",
            "sender": sender.name if sender else ""}


def schedule_reminders(ctx: Context, notice: Notice) -> None:
    """Mark reminder offsets already past as done and set when the next meeting reminder is due."""
    if not notice.is_meeting or notice.start is None:
        notice.next_reminder_at = None
        return
    offsets = notice_policy(ctx.settings).reminder_minutes_before
    done = [m for m in offsets if notice.start - timedelta(minutes=m) <= ctx.now]
    notice.reminders_done = done
    pending = [notice.start - timedelta(minutes=m) for m in offsets if m not in done]
    notice.next_reminder_at = min(pending) if pending else None


def as_sender(ctx: Context, notice: Notice) -> Context:
    """A job's context acting as the notice's sender."""
    sender = ctx.session.get(Person, notice.sender_id)
    return replace(ctx, person=sender, lang=notice.lang, unreachable=[]) if sender else ctx
