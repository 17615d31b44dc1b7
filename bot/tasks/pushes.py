"""Pushes to assigners and leaders: urgent items at once (quiet hours or not), the rest past quiet hours.

The overdue-urgent job lives here: an open 急 item past its deadline is pushed to its assigner once per
deadline, at once, even at night. The owner is chased by `tasks.chase` as usual (another person, another
message), so nothing is sent twice.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.jobs import due_job
from bot.messages import Attachment
from bot.replies import ButtonSpec
from bot.tasks.people import name_of
from storage.models import Person
from storage.models_tasks import Task, TaskStatus


def push(ctx: Context, person: Person, key: str, urgent: bool, buttons: tuple[ButtonSpec, ...] = (),
         source: tuple[str, str] = ("", ""), idempotency_key: str | None = None,
         attachments: tuple[Attachment, ...] = (), **params: Any) -> bool:
    """push_urgent or push_or_hold from the digests capability (plain notify when it is absent)."""
    try:
        from bot.digests.push import push_or_hold, push_urgent
    except ImportError:
        return ctx.notify(person, key, buttons=buttons, source=source, idempotency_key=idempotency_key,
                          attachments=attachments, **params)
    send = push_urgent if urgent else push_or_hold
    return send(ctx, person, key, buttons=buttons, source=source, idempotency_key=idempotency_key,
                attachments=attachments, **params)


def _mark(task: Task) -> str:
    return f"overdue:{task.due:%Y%m%d%H%M}"


@due_job("tasks.urgent_overdue")
def push_urgent_overdue(ctx: Context) -> int:
    """Each open urgent item past its deadline: its assigner is told at once, once per deadline."""
    done = 0
    for task in ctx.session.exec(select(Task).where(col(Task.status).in_(TaskStatus.OPEN), Task.due <= ctx.now,
                                                    Task.priority == "urgent").order_by(col(Task.due))):
        mark = _mark(task)
        if mark in (task.reminders_sent or []):
            continue
        task.reminders_sent = [*(task.reminders_sent or []), mark]
        ctx.session.add(task)
        assigner = ctx.session.get(Person, task.assigner_id)
        if assigner is not None and assigner.id != task.owner_id:
            lang = assigner.language or ctx.settings.office.default_language
            push(ctx, assigner, "task_urgent_overdue", urgent=True, source=("task", str(task.id)),
                 idempotency_key=f"task:{task.id}:{mark}", title=task.title,
                 owner=name_of(ctx.session, task.owner_id, lang), due=i18n.format_datetime(task.due, lang, ctx.tz))
        ctx.audit("task.urgent_overdue", "task", task.id, to=task.assigner_id, due=task.due.isoformat())
        done += 1
    return done
