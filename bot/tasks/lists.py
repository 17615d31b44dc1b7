"""Lists of assignments: overdue, due this week, open, mine, assigned by me, done; grouped on request."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, on_intent
from bot.replies import reply
from bot.tasks.pick import as_deadline
from bot.tasks.store import OVERSEERS, line
from bot.understanding.commands import ParsedCommand
from bot.understanding.lang import to_simplified
from storage.models import Department, Person
from storage.models_tasks import Task, TaskStatus

SHOWN = 30
_BY_ME = re.compile(r"我(?:交办|布置|安排|派|批示|督办)的|\bassigned\s+by\s+me\b|\bI\s+(?:assigned|gave)\b", re.I)
_MY_DEPT = re.compile(r"(?:我们|我|本)(?:部门|处|科|单位)|\b(?:my|our)\s+(?:department|team|dept)\b", re.I)
_MINE = re.compile(r"我(?:手上|手里|名下|负责的|的)|我还有|\bmy\b|\bmine\b|\bI\s+(?:still\s+)?have\b", re.I)
_GROUPS = (("department", re.compile(r"按部门|分部门|按科室|by\s+department|per\s+department", re.I)),
           ("owner", re.compile(r"按(?:负责人|承办人|人)|by\s+(?:owner|person|assignee)", re.I)),
           ("assigner", re.compile(r"按(?:交办人|交办领导|领导)|by\s+assigner", re.I)))


@dataclass
class ListSpec:
    """What to list: a filter, a period, a scope and a grouping."""

    filter: str = "open"
    start: datetime | None = None
    end: datetime | None = None
    owner_id: int | None = None
    assigner_id: int | None = None
    department_ids: list[int] = field(default_factory=list)
    involving: int | None = None  # staff see only what they are part of
    group_by: str | None = None


def query_tasks(session: Session, now: datetime, spec: ListSpec, limit: int = SHOWN) -> tuple[int, list[Task]]:
    """How many items match, and the first of them in deadline order."""
    query = select(Task)
    if spec.filter == "overdue":
        query = query.where(col(Task.status).in_(TaskStatus.OPEN), Task.due < now)
    elif spec.filter == "done":
        query = query.where(col(Task.status).in_((TaskStatus.DONE_REPORTED, TaskStatus.CLOSED)))
        if spec.start:
            query = query.where(col(Task.done_at) >= spec.start)
        if spec.end:
            query = query.where(col(Task.done_at) < spec.end)
    else:
        query = query.where(col(Task.status).in_((*TaskStatus.OPEN, TaskStatus.DONE_REPORTED)))
        if spec.filter == "due" or spec.start or spec.end:
            query = query.where(Task.due >= (spec.start or now))
            if spec.end:
                query = query.where(Task.due < spec.end)
    if spec.owner_id is not None:
        query = query.where(or_(col(Task.owner_id) == spec.owner_id, col(Task.cooperators).is_not(None)))
    if spec.assigner_id is not None:
        query = query.where(Task.assigner_id == spec.assigner_id)
    if spec.department_ids:
        query = query.where(col(Task.owner_department_id).in_(spec.department_ids))
    if spec.involving is not None:
        query = query.where(or_(col(Task.owner_id) == spec.involving, col(Task.assigner_id) == spec.involving,
                                col(Task.cooperators).is_not(None)))
    if spec.owner_id is None and spec.involving is None:
        total = session.exec(select(func.count()).select_from(query.subquery())).one()
        return int(total), list(session.exec(query.order_by(col(Task.due)).limit(limit)))
    # Co-operators live in JSON: filter them here (only for one person's view, which is small).
    who = spec.owner_id if spec.owner_id is not None else spec.involving
    rows = [t for t in session.exec(query.order_by(col(Task.due)))
            if who in (t.owner_id, t.assigner_id if spec.owner_id is None else -1)
            or who in (t.cooperators or {}).get("people", [])]
    return len(rows), rows[:limit]


def spec_from(ctx: Context, command: ParsedCommand) -> ListSpec:
    """The list a message asks for, within what the person may see."""
    text = to_simplified(command.text)
    slots = command.slots
    spec = ListSpec(filter=str(slots.get("filter") or "open"))
    spec.start = as_deadline(ctx, slots["start"]) if slots.get("start") else None
    spec.end = as_deadline(ctx, slots["end"]) if slots.get("end") else None
    if spec.filter == "due" and spec.end is None:
        week_end = ctx.local_now.date() + timedelta(days=7 - ctx.local_now.weekday())
        spec.start, spec.end = ctx.now, datetime.combine(week_end, time(0), tzinfo=ctx.tz)
    spec.group_by = _group(str(slots.get("group_by") or ""), text)
    if _BY_ME.search(text):
        spec.assigner_id = ctx.person.id
        if spec.filter == "mine":
            spec.filter = "open"
    elif _MY_DEPT.search(text) and ctx.person.department_id is not None:
        spec.department_ids = [ctx.person.department_id]
        if spec.filter == "mine":
            spec.filter = "open"
    elif spec.filter == "mine" or _MINE.search(text):
        spec.owner_id = ctx.person.id
        if spec.filter == "mine":
            spec.filter = "open"
    if not ctx.has_role(*OVERSEERS) and spec.owner_id is None and spec.assigner_id is None:
        headed = [d.id for d in ctx.session.exec(select(Department).where(Department.head_id == ctx.person.id))
                  if d.id is not None]
        if spec.department_ids and set(spec.department_ids) <= set(headed):
            pass
        else:
            spec.department_ids = []
            spec.involving = ctx.person.id
    return spec


def _group(slot: str, text: str) -> str | None:
    value = slot.lower()
    for name, pattern in _GROUPS:
        if value.startswith(name[:4]) or pattern.search(text) or (value and pattern.search(value)):
            return name
    return None


@on_intent("task.list")
def list_tasks(ctx: Context, command: ParsedCommand) -> Replies:
    """现在有哪些督办件逾期了?按部门列 — the list, grouped when asked, with a count."""
    spec = spec_from(ctx, command)
    total, tasks = query_tasks(ctx.session, ctx.now, spec)
    label = i18n.render(f"task_filter_{spec.filter}", ctx.lang)
    if total == 0:
        return reply("task_list_empty", label=label)
    body = _grouped(ctx, tasks, spec.group_by) if spec.group_by else "\n".join(line(ctx, t) for t in tasks)
    more = i18n.render("task_list_more", ctx.lang, n=total - len(tasks)) if total > len(tasks) else ""
    return reply("task_list", label=label, count=total, items=body, more=more)


def _grouped(ctx: Context, tasks: list[Task], by: str) -> str:
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(_group_name(ctx, task, by), []).append(task)
    parts = []
    for name, members in groups.items():
        parts.append(i18n.render("task_group_head", ctx.lang, name=name, n=len(members)))
        parts.extend(line(ctx, t) for t in members)
    return "\n".join(parts)


def _group_name(ctx: Context, task: Task, by: str) -> str:
    key: Any = {"department": task.owner_department_id, "owner": task.owner_id, "assigner": task.assigner_id}[by]
    model: Any = Department if by == "department" else Person
    row = ctx.session.get(model, key) if key else None
    return row.name if row is not None else i18n.render("task_no_department", ctx.lang)
