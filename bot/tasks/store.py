"""Shared task helpers: recording updates, who may see what, loose title matching, display lines."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_
from sqlmodel import Session, col, select

from bot import i18n
from bot.context import Context
from bot.replies import UserError
from bot.roles import Role
from bot.tasks.people import name_of
from bot.understanding.lang import to_simplified
from storage.models import Department
from storage.models_tasks import Task, TaskStatus, TaskUpdate

OVERSEERS = (Role.DIRECTOR, Role.LEADER, Role.SECRETARY, Role.ADMIN)
PRIORITY_WORDS = {"急": "urgent", "急件": "urgent", "紧急": "urgent", "特急": "urgent", "加急": "urgent", "urgent": "urgent",
                  "重要": "important", "重要件": "important", "important": "important", "high": "important",
                  "一般": "normal", "普通": "normal", "normal": "normal", "low": "normal"}
_FILLERS = re.compile(r"(?:关于|有关|工作|事项|任务|督办件?|那件事|这件事|那件|这件|的事|情况|问题|事情"
                      r"|\bthe\b|\btask\b|\bon\b|\bof\b|\bwork\b|\bitem\b|\bproject\b)", re.IGNORECASE)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def record(ctx: Context, task: Task, kind: str, *, note: str = "", percent: int | None = None,
           eta: datetime | None = None, author_id: int | None = None, **detail: Any) -> TaskUpdate:
    """Write one TaskUpdate and the matching audit row."""
    update = TaskUpdate(task_id=task.id or 0, author_id=author_id if author_id is not None else ctx.person.id,
                        at=ctx.now, kind=kind, percent=percent, note=note, eta=eta, detail=detail or None)
    ctx.session.add(update)
    ctx.session.flush()
    ctx.audit(f"task.{kind}", "task", task.id, update=update.id, **{k: str(v) for k, v in detail.items()})
    return update


def priority_of(value: Any) -> str:
    """urgent / important / normal from the words people use."""
    text = to_simplified(str(value or "")).strip().lower()
    return PRIORITY_WORDS.get(text, "normal")


def is_open(task: Task) -> bool:
    """True while the assignment is still being worked on (and chased)."""
    return task.status in TaskStatus.OPEN


def involved(task: Task, person_id: int | None) -> bool:
    """True for the assigner, the owner and co-operating people."""
    coop = (task.cooperators or {}).get("people", [])
    return person_id in (task.assigner_id, task.owner_id) or person_id in coop


def may_see(ctx: Context, task: Task) -> bool:
    """Overseers see every item; others the ones they are part of or their department's, as its head."""
    if ctx.has_role(*OVERSEERS) or involved(task, ctx.person.id):
        return True
    if task.owner_department_id is not None:
        dept = ctx.session.get(Department, task.owner_department_id)
        return dept is not None and dept.head_id == ctx.person.id
    return False


def may_decide(ctx: Context, task: Task) -> bool:
    """Only the assigner or the office director approves extensions and accepts completion."""
    return ctx.person.id == task.assigner_id or ctx.has_role(Role.DIRECTOR)


def get_task(ctx: Context, value: str) -> Task:
    """A task from a button value, or a polite refusal."""
    task = ctx.session.get(Task, int(value)) if value.isdigit() else None
    if task is None:
        raise UserError("task_not_found", text=value)
    return task


def normalise(text: str) -> str:
    """A title reduced to what matters for matching: simplified, lower case, no fillers or punctuation."""
    return _PUNCT.sub("", _FILLERS.sub("", to_simplified(text).lower()))


def _grams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i:i + 2] for i in range(len(text) - 1)}


def similarity(query: str, title: str) -> float:
    """How well a loosely written name matches a title, 0..1."""
    q, t = normalise(query), normalise(title)
    if not q or not t:
        return 0.0
    if q == t:
        return 1.0
    if q in t or t in q:
        return 0.6 + 0.35 * min(len(q), len(t)) / max(len(q), len(t))
    qg, tg = _grams(q), _grams(t)
    if not qg or not tg:
        return 0.0
    return len(qg & tg) / len(qg)


def match_tasks(ctx: Context, query: str, tasks: list[Task], threshold: float = 0.5) -> list[Task]:
    """Tasks whose titles match the words loosely; one clear winner alone, else every good match."""
    scored = sorted(((similarity(query, t.title), t) for t in tasks), key=lambda st: -st[0])
    good = [(s, t) for s, t in scored if s >= threshold]
    if not good:
        return []
    best = good[0][0]
    if best >= 0.99 or len(good) == 1:
        return [good[0][1]]
    close = [t for s, t in good if best - s < 0.15]
    return close


def candidate_tasks(ctx: Context, open_only: bool = True, mine_only: bool = False) -> list[Task]:
    """Tasks the person may talk about: their own, or everything an overseer may see."""
    query = select(Task)
    if open_only:
        query = query.where(col(Task.status).in_((*TaskStatus.OPEN, TaskStatus.DONE_REPORTED)))
    pid = ctx.person.id
    if mine_only or not ctx.has_role(*OVERSEERS):
        query = query.where(or_(col(Task.owner_id) == pid, col(Task.assigner_id) == pid,
                                col(Task.cooperators).is_not(None)))
    tasks = list(ctx.session.exec(query.order_by(col(Task.id).desc()).limit(2000)))
    if mine_only:
        return [t for t in tasks if t.owner_id == pid or pid in (t.cooperators or {}).get("people", [])]
    return [t for t in tasks if may_see(ctx, t)]


def when(ctx: Context, instant: datetime | None) -> str:
    """An instant as people read it in the reply language."""
    return i18n.format_datetime(instant, ctx.lang, ctx.tz) if instant else "-"


def day(ctx: Context, instant: datetime | None, lang: str | None = None) -> str:
    """A day as people read it."""
    return i18n.format_date(instant, lang or ctx.lang, ctx.tz) if instant else "-"


def status_word(lang: str, task: Task) -> str:
    """The task's state in words."""
    return i18n.render(f"task_status_{task.status}", lang)


def priority_word(lang: str, priority: str) -> str:
    """The priority in words."""
    return i18n.render(f"task_priority_{priority}", lang)


def line(ctx: Context, task: Task, lang: str | None = None, now: datetime | None = None) -> str:
    """One task as a list line: #id title · owner · due · state (days overdue)."""
    lang = lang or ctx.lang
    now = now or ctx.now
    overdue = ""
    if task.status in TaskStatus.OPEN and task.due < now:
        overdue = i18n.render("task_overdue_days", lang, days=days_overdue(task.due, now, ctx.tz))
    return i18n.render("task_line", lang, id=task.id, title=task.title, owner=name_of(ctx.session, task.owner_id, lang),
                       due=i18n.format_date(task.due, lang, ctx.tz), status=status_word(lang, task), overdue=overdue)


def days_overdue(due: datetime, now: datetime, tz: ZoneInfo) -> int:
    """Calendar days from the deadline's day to today, in the office zone (at least 1 once past)."""
    return max(1, (now.astimezone(tz).date() - due.astimezone(tz).date()).days)


def latest_update(session: Session, task_id: int, kinds: tuple[str, ...]) -> TaskUpdate | None:
    """The most recent update of these kinds on a task."""
    return session.exec(select(TaskUpdate).where(TaskUpdate.task_id == task_id, col(TaskUpdate.kind).in_(kinds))
                        .order_by(col(TaskUpdate.at).desc(), col(TaskUpdate.id).desc())).first()
