"""Meeting reminders before the meeting (by default the day before and 30 minutes before)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.jobs import due_job
from bot.notices.common import lang_of, recipients_of, when_text
from bot.notices.policy import notice_policy
from bot.notices.send import as_sender
from bot.roles import Role
from storage.models_notices import Notice, NoticeStatus, RecipientStatus

_SKIP = (RecipientStatus.EXCUSED, RecipientStatus.UNREACHABLE)
_LEADERS = {Role.LEADER, Role.DIRECTOR}


@due_job("notices.meeting_reminders")
def reminders_due(ctx: Context) -> int:
    """Send every meeting reminder that has become due, once; returns messages queued."""
    due = ctx.session.exec(select(Notice).where(Notice.status == NoticeStatus.SENT,
                                                col(Notice.next_reminder_at) <= ctx.now))
    count = 0
    offsets = notice_policy(ctx.settings).reminder_minutes_before
    for notice in list(due):
        count += _remind(as_sender(ctx, notice), notice, offsets)
    return count


def _remind(ctx: Context, notice: Notice, offsets: tuple[int, ...]) -> int:
    start = notice.start
    if start is None:
        notice.next_reminder_at = None
        ctx.session.add(notice)
        return 0
    done = list(notice.reminders_done or [])
    now_due = [m for m in offsets if m not in done and start - timedelta(minutes=m) <= ctx.now]
    sent = 0
    if now_due and ctx.now < start:
        offset = min(now_due)  # only the nearest: a late tick does not send two reminders at once
        for row, person in recipients_of(ctx.session, notice.id or 0):
            if row.status in _SKIP:
                continue
            lang = lang_of(ctx, person)
            params: dict[str, Any] = {"title": notice.title, "when": when_text(start, notice.end, lang, ctx.tz),
                      "place": notice.place or "-"}
            key = "notice_reminder"
            if notice.materials and person.role_set() & _LEADERS:
                params["docs"] = i18n.render("notice_reminder_docs", lang, materials=notice.materials)
                key = "notice_reminder_leader"
            ctx.notify(person, key, source=("notice", str(notice.id)),
                       idempotency_key=f"notice:{notice.id}:v{notice.version}:remind{offset}:{person.id}", **params)
            sent += 1
        ctx.audit("notice.remind", "notice", notice.id, minutes_before=offset, count=sent)
    done.extend(now_due)
    notice.reminders_done = done
    pending = [start - timedelta(minutes=m) for m in offsets if m not in done]
    notice.next_reminder_at = min(pending) if pending else None
    ctx.session.add(notice)
    return sent
