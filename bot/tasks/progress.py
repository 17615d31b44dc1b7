"""Progress reports in chat, "how is X going?" answers, and the digest query other modules call."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, on_intent
from bot.replies import UserError, reply
from bot.tasks.people import cooperator_people, name_of
from bot.tasks.pick import as_deadline, slots_payload, task_op, with_task
from bot.tasks.policy import policy_of
from bot.tasks.pushes import push
from bot.tasks.schedule import risk_after
from bot.tasks.store import OVERSEERS, day, latest_update, may_see, record, status_word
from bot.understanding.commands import ParsedCommand
from storage.models import Person
from storage.models_tasks import Task, TaskStatus, TaskUpdate, TaskUpdateKind

_ETA_WORDS = re.compile(r"^\s*(?:预计|估计|争取|计划|大概|expected|expect|should|eta|will)", re.I)


@on_intent("task.progress")
def report_progress(ctx: Context, command: ParsedCommand) -> Replies:
    """报进度: record percent, note and expected finish on the owner's item."""
    percent = command.slots.get("percent")
    if percent is not None and not (isinstance(percent, int) and 0 <= percent <= 100):
        raise UserError("task_bad_percent", value=str(percent))
    if percent is None and not command.slots.get("note") and not command.slots.get("eta"):
        raise UserError("task_progress_empty")
    task_words = command.slots.get("task")
    return with_task(ctx, "progress", str(task_words) if task_words else None, slots_payload(command), mine_only=True)


def _may_report(ctx: Context, task: Task) -> bool:
    if task.owner_id == ctx.person.id or ctx.has_role(*OVERSEERS):
        return True
    return any(p.id == ctx.person.id for p in cooperator_people(ctx.session, task))


@task_op("progress")
def record_progress(ctx: Context, task: Task, slots: dict[str, Any]) -> Replies:
    """Save one progress report; the assigner hears at once when the item is urgent, else in the next brief."""
    if not _may_report(ctx, task):
        raise UserError("not_allowed")
    if task.status not in TaskStatus.OPEN:
        raise UserError("task_not_open", title=task.title, status=status_word(ctx.lang, task))
    percent = slots.get("percent")
    eta = as_deadline(ctx, slots.get("eta"))
    note = str(slots.get("note") or "")[:500]
    if eta is not None and _ETA_WORDS.match(note):
        note = ""  # the note only repeats the expected finish, which is shown as a date
    record(ctx, task, TaskUpdateKind.PROGRESS, note=note, percent=percent, eta=eta)
    if percent is not None:
        task.percent = int(percent)
    task.last_progress_at = ctx.now
    task.risk_at = ctx.now + risk_after(task, policy_of(ctx.settings))
    task.unanswered_chases = 0
    if task.status == TaskStatus.ASSIGNED and task.owner_id == ctx.person.id:
        task.status = TaskStatus.ACCEPTED
    ctx.session.add(task)
    assigner = ctx.session.get(Person, task.assigner_id)
    if task.priority == "urgent" and assigner is not None and assigner.id != ctx.person.id:
        lang = assigner.language or ctx.settings.office.default_language
        push(ctx, assigner, "task_urgent_progress", urgent=True, source=("task", str(task.id)), title=task.title,
             who=name_of(ctx.session, ctx.person.id, lang), summary=summary(ctx, percent, note, eta, lang))
    return reply("task_progress_recorded", title=task.title, summary=summary(ctx, percent, note, eta, ctx.lang))


def summary(ctx: Context, percent: Any, note: str, eta: datetime | None, lang: str) -> str:
    """Percent, note and expected finish as one phrase."""
    parts = []
    if percent is not None:
        parts.append(i18n.render("task_sum_percent", lang, percent=percent))
    if note:
        parts.append(note)
    if eta is not None:
        parts.append(i18n.render("task_sum_eta", lang, eta=i18n.format_date(eta, lang, ctx.tz)))
    return ("; " if lang == "en" else ",").join(parts) or "-"


@on_intent("task.status")
def how_is_it_going(ctx: Context, command: ParsedCommand) -> Replies:
    """消防整改进展到哪了? — the latest recorded update, its date and who reported it."""
    words = command.slots.get("task")
    if not words:
        raise UserError("task_which")
    return with_task(ctx, "status", str(words), {}, mine_only=False)


@task_op("status")
def status_of(ctx: Context, task: Task, _: dict[str, Any]) -> Replies:
    """The recorded status of one item."""
    if not may_see(ctx, task):
        raise UserError("not_allowed")
    owner = name_of(ctx.session, task.owner_id, ctx.lang)
    head = i18n.render("task_status_head", ctx.lang, id=task.id, title=task.title, owner=owner, due=day(ctx, task.due),
                       status=status_word(ctx.lang, task))
    latest = latest_update(ctx.session, task.id or 0, (TaskUpdateKind.PROGRESS,))
    if latest is None:
        return reply("task_status_none", head=head)
    return reply("task_status_latest", head=head, on=day(ctx, latest.at),
                 who=name_of(ctx.session, latest.author_id, ctx.lang),
                 summary=summary(ctx, latest.percent, latest.note, latest.eta, ctx.lang))


@dataclass(frozen=True)
class DigestItem:
    """One line for a digest: a recorded update on an item the reader assigned."""

    task_id: int
    title: str
    kind: str
    at: datetime
    author_id: int | None
    percent: int | None
    note: str
    eta: datetime | None


def updates_for_assigner(session: Session, assigner_id: int, since: datetime, until: datetime) -> list[DigestItem]:
    """Progress, done and extension updates on items this person assigned, in a period (for digests)."""
    kinds = (TaskUpdateKind.PROGRESS, TaskUpdateKind.DONE, TaskUpdateKind.EXTENSION_REQUEST,
             TaskUpdateKind.ESCALATION)
    rows = session.exec(select(TaskUpdate, Task).join(Task, col(Task.id) == TaskUpdate.task_id)
                        .where(Task.assigner_id == assigner_id, col(TaskUpdate.kind).in_(kinds),
                               TaskUpdate.at >= since, TaskUpdate.at < until)
                        .order_by(col(TaskUpdate.at)))
    return [DigestItem(task_id=t.id or 0, title=t.title, kind=u.kind, at=u.at, author_id=u.author_id,
                       percent=u.percent, note=u.note, eta=u.eta) for u, t in rows]


def overdue_and_at_risk(session: Session, now: datetime, assigner_id: int | None = None,
                        department_ids: list[int] | None = None, limit: int = 20) -> tuple[list[Task], list[Task]]:
    """Open items past their deadline, and open items with no progress for the agreed interval (for digests)."""
    base = select(Task).where(col(Task.status).in_(TaskStatus.OPEN))
    if assigner_id is not None:
        base = base.where(Task.assigner_id == assigner_id)
    if department_ids:
        base = base.where(col(Task.owner_department_id).in_(department_ids))
    overdue = list(session.exec(base.where(Task.due < now).order_by(col(Task.due)).limit(limit)))
    at_risk = list(session.exec(base.where(Task.due >= now, col(Task.risk_at) <= now)
                                .order_by(col(Task.risk_at)).limit(limit)))
    return overdue, at_risk
