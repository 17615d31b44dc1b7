"""Due jobs of assignments: reminders, progress prompts, chasing and escalation, supervision reports."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import or_
from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, pre_parser
from bot.jobs import due_job
from bot.replies import reply
from bot.tasks.people import escalation_target, name_of
from bot.tasks.policy import policy_of
from bot.tasks.pushes import push
from bot.tasks.report import render_report, report_charts, supervision_report
from bot.tasks.schedule import chase_due, latest_chase_slot, next_progress_after, reminder_due, report_slots
from bot.tasks.store import OVERSEERS, days_overdue, record
from bot.understanding.lang import to_simplified
from storage.models import AuditLog, Person
from storage.models_tasks import Task, TaskStatus, TaskUpdateKind

MAX_LEVEL = 2
_REPORT = re.compile(r"^\s*(?:本周|这周|本月|这个月|上月|上个月)?的?督办(?:通报|报告|周报|月报)\s*[??]?\s*$"
                     r"|^\s*(?:weekly|monthly)?\s*supervision\s+report\s*[?]?\s*$", re.I)


def _lang(ctx: Context, person: Person) -> str:
    return person.language or ctx.settings.office.default_language


@due_job("tasks.reminders")
def send_reminders(ctx: Context) -> int:
    """Remind owners N days before the deadline and on its morning, once per step."""
    policy = policy_of(ctx.settings)
    horizon = ctx.now + timedelta(days=max((*policy.remind_days_before, 0)) + 1)
    done = 0
    for task in ctx.session.exec(select(Task).where(col(Task.status).in_(TaskStatus.OPEN), Task.due > ctx.now,
                                                    Task.due <= horizon)):
        step = reminder_due(ctx, task, policy)
        owner = ctx.session.get(Person, task.owner_id)
        if step is None or owner is None:
            continue
        task.reminders_sent = [*(task.reminders_sent or []), step]
        ctx.session.add(task)
        lang = _lang(ctx, owner)
        key = "task_remind_today" if step == "d0" else "task_remind_before"
        ctx.notify(owner, key, source=("task", str(task.id)), idempotency_key=f"task:{task.id}:rem:{step}:{task.due:%Y%m%d}",
                   title=task.title, due=i18n.format_datetime(task.due, lang, ctx.tz), days=step[1:])
        ctx.audit("task.reminder", "task", task.id, step=step)
        done += 1
    return done


@due_job("tasks.progress_prompts")
def prompt_progress(ctx: Context) -> int:
    """Ask owners for progress on the agreed schedule (每周五报进度)."""
    done = 0
    for task in ctx.session.exec(select(Task).where(col(Task.status).in_(TaskStatus.OPEN),
                                                    col(Task.next_progress_at) <= ctx.now)):
        task.next_progress_at = next_progress_after(ctx, task, ctx.now)
        ctx.session.add(task)
        owner = ctx.session.get(Person, task.owner_id)
        if owner is None:
            continue
        ctx.notify(owner, "task_progress_prompt", source=("task", str(task.id)), title=task.title,
                   due=i18n.format_date(task.due, _lang(ctx, owner), ctx.tz))
        ctx.audit("task.progress_prompt", "task", task.id)
        done += 1
    return done


@due_job("tasks.chase")
def chase_overdue(ctx: Context) -> int:
    """After the deadline: chase at the policy interval, firmer each time; escalate after N unanswered chases."""
    policy = policy_of(ctx.settings)
    slot = latest_chase_slot(ctx, policy)
    slot_day = slot.replace(hour=0, minute=0)
    done = 0
    # Only items not yet chased in this slot: after the day's round, a tick reads nothing.
    for task in ctx.session.exec(select(Task).where(col(Task.status).in_(TaskStatus.OPEN), Task.due < slot,
                                                    or_(col(Task.last_chased_at).is_(None),
                                                        col(Task.last_chased_at) < slot_day))
                                 .order_by(col(Task.due))):
        if chase_due(ctx, task, policy) is None:
            continue
        task.last_chased_at = ctx.now
        if task.unanswered_chases >= policy.escalate_after and task.escalation_level < MAX_LEVEL:
            _escalate(ctx, task)
        else:
            _chase(ctx, task, policy.chase_key(task.chase_count + 1))
        ctx.session.add(task)
        done += 1
    return done


def _chase(ctx: Context, task: Task, key: str) -> None:
    owner = ctx.session.get(Person, task.owner_id)
    task.chase_count += 1
    task.unanswered_chases += 1
    record(ctx, task, TaskUpdateKind.CHASE, author_id=None, step=task.chase_count, template=key)
    if owner is not None:
        lang = _lang(ctx, owner)
        ctx.notify(owner, key, source=("task", str(task.id)), title=task.title,
                   due=i18n.format_date(task.due, lang, ctx.tz), days=days_overdue(task.due, ctx.now, ctx.tz),
                   assigner=name_of(ctx.session, task.assigner_id, lang), n=task.chase_count)


def _escalate(ctx: Context, task: Task) -> None:
    """One level up the chain, never skipping: owner → office director → leader in charge."""
    task.escalation_level += 1
    task.unanswered_chases = 0
    target = escalation_target(ctx.session, task, task.escalation_level, policy_of(ctx.settings))
    record(ctx, task, TaskUpdateKind.ESCALATION, author_id=None, level=task.escalation_level,
           to=target.id if target else "")
    owner = ctx.session.get(Person, task.owner_id)
    if target is not None and target.id != task.owner_id:
        lang = _lang(ctx, target)
        push(ctx, target, "task_escalated_to_you", urgent=task.priority == "urgent", source=("task", str(task.id)),
             title=task.title, owner=name_of(ctx.session, task.owner_id, lang),
             due=i18n.format_date(task.due, lang, ctx.tz), days=days_overdue(task.due, ctx.now, ctx.tz),
             chases=task.chase_count, assigner=name_of(ctx.session, task.assigner_id, lang))
    if owner is not None:
        lang = _lang(ctx, owner)
        ctx.notify(owner, "task_escalated_owner_note", source=("task", str(task.id)), title=task.title,
                   to=name_of(ctx.session, target.id if target else None, lang))


@due_job("tasks.reports")
def send_reports(ctx: Context) -> int:
    """The weekly and monthly 督办通报 to the configured leaders, once per period."""
    policy = policy_of(ctx.settings)
    if not policy.report_to or ctx.session.exec(select(Task.id)).first() is None:
        return 0
    done = 0
    for kind, key, start, end, send_at in report_slots(ctx, policy):
        sent = ctx.session.exec(select(AuditLog.id).where(AuditLog.at >= send_at, AuditLog.action == "task.report",
                                                          AuditLog.object_id == key)).first()
        if sent is not None:
            continue
        rep = supervision_report(ctx.session, ctx.now, start, end, ctx.tz)
        leaders = [p for name in policy.report_to
                   if (p := ctx.session.exec(select(Person).where(Person.name == name)).first()) is not None]
        charts = report_charts(ctx.session, ctx.now, start, end, kind, (_lang(ctx, p) for p in leaders))
        for person in leaders:
            lang = _lang(ctx, person)
            chart = charts.get(lang)
            push(ctx, person, "task_report_message", urgent=False, source=("task_report", key),
                 attachments=(chart,) if chart else (), body=render_report(rep, kind, lang, ctx.tz))
        ctx.audit("task.report", "task_report", key, kind=kind, rate=f"{rep.completion_rate:.2f}")
        done += 1
    return done


@pre_parser
def report_on_request(ctx: Context, text: str) -> Replies | None:
    """本周督办通报 / supervision report — the report on request, for overseers."""
    simple = to_simplified(text)
    if not _REPORT.match(simple):
        return None
    ctx.require_role(*OVERSEERS)
    monthly = bool(re.search(r"月|monthly", simple, re.I))
    local = ctx.local_now
    if monthly:
        start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    else:
        start = (local - timedelta(days=local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    end = local
    rep = supervision_report(ctx.session, ctx.now, start, end, ctx.tz)
    return reply("task_report_message", body=render_report(rep, "monthly" if monthly else "weekly", ctx.lang, ctx.tz))
