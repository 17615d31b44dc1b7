"""Chasing: re-reminders to the unconfirmed at the policy interval, then the sender hears who never answered."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.jobs import due_job
from bot.notices.acks import send_summary
from bot.notices.common import lang_of, recipients_of
from bot.notices.send import ack_buttons, as_sender
from storage.models import Person
from storage.models_notices import Notice, NoticeStatus, RecipientStatus


@due_job("notices.chase")
def chase_due(ctx: Context) -> int:
    """Remind the unconfirmed of every notice whose next chase is due; returns messages queued."""
    done = 0
    due = ctx.session.exec(select(Notice).where(Notice.status == NoticeStatus.SENT, col(Notice.next_chase_at) <= ctx.now)
                           .order_by(col(Notice.id)))
    for notice in list(due):
        done += _chase_one(as_sender(ctx, notice), notice)
    return done


def _chase_one(ctx: Context, notice: Notice) -> int:
    pending = [(r, p) for r, p in recipients_of(ctx.session, notice.id or 0) if r.status == RecipientStatus.PENDING]
    if not pending:
        notice.next_chase_at = None
        ctx.session.add(notice)
        return 0
    meeting_started = notice.start is not None and notice.start <= ctx.now
    if notice.chase_round >= notice.max_chases or meeting_started:
        _give_up(ctx, notice, [p.name for _, p in pending])
        return 1
    notice.chase_round += 1
    for row, person in pending:
        ok = ctx.notify(person, "notice_chase", buttons=ack_buttons(notice), source=("notice", str(notice.id)),
                        idempotency_key=f"notice:{notice.id}:v{notice.version}:chase{notice.chase_round}:{person.id}",
                        title=notice.title, n=notice.chase_round, content=notice.content)
        if ok:
            row.chase_count += 1
            row.last_chased_at = ctx.now
            ctx.session.add(row)
    notice.next_chase_at = ctx.now + timedelta(minutes=notice.chase_interval_minutes)
    ctx.session.add(notice)
    ctx.audit("notice.chase", "notice", notice.id, round=notice.chase_round, count=len(pending))
    return len(pending)


def _give_up(ctx: Context, notice: Notice, names: list[str]) -> None:
    sender = ctx.session.get(Person, notice.sender_id)
    if sender is not None:
        lang = lang_of(ctx, sender)
        ctx.notify(sender, "notice_chase_gave_up", source=("notice", str(notice.id)), title=notice.title,
                   n=notice.chase_round, names=i18n.join_names(names, lang))
    notice.next_chase_at = None
    ctx.session.add(notice)
    ctx.audit("notice.chase_end", "notice", notice.id, unanswered=names)


@due_job("notices.cutoff")
def cutoff_due(ctx: Context) -> int:
    """At a notice's cut-off (the meeting or the deadline) the sender gets the summary, once."""
    due = ctx.session.exec(select(Notice).where(Notice.status == NoticeStatus.SENT, col(Notice.cutoff) <= ctx.now,
                                                col(Notice.summary_sent_at).is_(None)))
    count = 0
    for notice in list(due):
        send_summary(as_sender(ctx, notice), notice, "notice_cutoff_summary")
        count += 1
    return count
