"""Assignments from a notice with a deadline ("月底前报送…"): one tracked item per recipient.

The notices capability calls `assign_for_notice` after the notice went out; the notice's own read-back
covered what is being asked, so nothing is read back again, and the notice itself is the owner's message.
"""

from __future__ import annotations

import re

from sqlmodel import Session

from bot.context import Context
from bot.directory import find_department, find_person
from bot.roles import SUPERVISORS, Role
from bot.tasks.policy import policy_of
from bot.tasks.schedule import first_progress_at, initial_reminders, risk_after
from bot.understanding.lang import to_simplified
from storage.models import Department, Person
from storage.models_notices import Notice
from storage.models_tasks import Task, TaskStatus

_URGENT = re.compile(r"【急】|紧急|特急|加急|急件|\burgent\b", re.IGNORECASE)
SOURCE = "notice"
_WHOLE = re.compile(r"(?:的)?(?:全体人员|全体同志|全体职工|全体|所有人|所有同事|同事们?|人员|全员)$"
                    r"|\s+(?:team|department|dept|staff|members|people|everyone)$", re.IGNORECASE)


def may_assign(sender: Person) -> bool:
    """Only people who may create supervised assignments turn a notice into assignments."""
    return bool(sender.role_set() & {*SUPERVISORS, Role.ADMIN})


def _named_departments(session: Session, notice: Notice, person: Person) -> set[int] | None:
    """Departments the notice named as a whole; None when the person was named in person."""
    found: set[int] = set()
    for raw in notice.audience or []:
        item = to_simplified(str(raw)).strip()
        named = find_person(session, item)
        if named is not None and named.id == person.id:
            return None
        dept = find_department(session, item) or find_department(session, _WHOLE.sub("", item).strip())
        if named is None and dept is not None and dept.id is not None:
            found.add(dept.id)
    return found


def assign_for_notice(ctx: Context, notice: Notice, person: Person) -> Task | None:
    """One assignment for one recipient: assigner the sender, due the notice's deadline, title from the notice.

    A department named as a whole gets one assignment, owned by its head (as for 督办 to a department);
    its other members received the notice but own nothing.
    """
    sender = ctx.session.get(Person, notice.sender_id)
    if sender is None or notice.due is None or notice.due <= ctx.now or person.id is None:
        return None
    if person.id == sender.id or not may_assign(sender):
        return None
    departments = _named_departments(ctx.session, notice, person)
    if departments and person.department_id in departments:
        dept = ctx.session.get(Department, person.department_id)
        if dept is None or dept.head_id != person.id:
            return None
    policy = policy_of(ctx.settings)
    title = (notice.title or notice.content).strip()[:200]
    priority = "urgent" if _URGENT.search(f"{notice.title} {notice.content}") else "normal"
    task = Task(title=title, created_at=ctx.now, assigner_id=sender.id or 0, owner_id=person.id,
                owner_department_id=person.department_id, due=notice.due, priority=priority, source=SOURCE,
                status=TaskStatus.ASSIGNED)
    task.reminders_sent = initial_reminders(ctx, task, policy)
    task.next_progress_at = first_progress_at(ctx, task)
    task.risk_at = ctx.now + risk_after(task, policy)
    ctx.session.add(task)
    ctx.session.flush()
    ctx.audit("task.create", "task", task.id, title=task.title, owner=person.name, due=notice.due.isoformat(),
              priority=priority, notice=notice.id)
    return task
