"""Scheduled notices (sent at a given time) and recurring ones (each occurrence sent as its own notice)."""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Context
from bot.jobs import due_job
from bot.notices.audience import resolve_audience
from bot.notices.recurrence import next_occurrence
from bot.notices.send import as_sender, send_now
from storage.models_notices import Notice, NoticeRecipient, NoticeStatus


@due_job("notices.scheduled")
def scheduled_due(ctx: Context) -> int:
    """Send scheduled notices whose time has come, and each due occurrence of a recurring notice."""
    due = ctx.session.exec(select(Notice).where(col(Notice.status).in_([NoticeStatus.SCHEDULED,
                                                                        NoticeStatus.RECURRING]),
                                                col(Notice.send_at) <= ctx.now).order_by(col(Notice.id)))
    count = 0
    for notice in list(due):
        sender_ctx = as_sender(ctx, notice)
        if notice.status == NoticeStatus.SCHEDULED:
            sent = send_now(sender_ctx, notice)
            sender_ctx.notify(sender_ctx.person, sent.key, buttons=sent.buttons, source=("notice", str(notice.id)),
                              **sent.params)
        else:
            _send_occurrence(sender_ctx, notice)
        count += 1
    return count


def _send_occurrence(ctx: Context, template: Notice) -> None:
    occurrence = Notice(**{k: v for k, v in template.model_dump().items()
                           if k not in ("id", "status", "rrule", "send_at", "parent_id")},
                        parent_id=template.id, status=NoticeStatus.SENT)
    occurrence.created_at = ctx.now
    ctx.session.add(occurrence)
    ctx.session.flush()
    audience = resolve_audience(ctx.session, list(template.audience or []))
    for person in audience.people:
        if person.id != template.sender_id:
            ctx.session.add(NoticeRecipient(notice_id=occurrence.id or 0, person_id=person.id or 0))
    ctx.session.flush()
    sent = send_now(ctx, occurrence)
    if sent.params.get("extra"):  # someone could not be reached: the sender must know
        ctx.notify(ctx.person, sent.key, source=("notice", str(occurrence.id)), **sent.params)
    anchor = template.send_at or ctx.now
    template.send_at = next_occurrence(template.rrule or "", anchor, ctx.now, ctx.tz)
    if template.send_at is None:
        template.status = NoticeStatus.SENT  # the rule has run out
    ctx.session.add(template)
    ctx.audit("notice.occurrence", "notice", template.id, occurrence=occurrence.id,
              next=template.send_at.isoformat() if template.send_at else None)
