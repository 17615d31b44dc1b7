"""Extension requests, transfer (转办), done (办结), and the assigner's accept or send back."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_action, on_answer, on_intent, pre_parser
from bot.replies import ButtonSpec, UserError, reply
from bot.roles import Role
from bot.tasks.create import _tell_owner
from bot.tasks.people import name_of, resolve_owner
from bot.tasks.pick import as_deadline, slots_payload, task_op, with_task
from bot.tasks.policy import policy_of
from bot.tasks.pushes import push
from bot.tasks.schedule import initial_reminders
from bot.tasks.store import day, get_task, may_decide, record, status_word
from bot.understanding.commands import ParsedCommand
from bot.understanding.lang import to_simplified
from storage.models import Person
from storage.models_tasks import Task, TaskStatus, TaskUpdate, TaskUpdateKind

_TRANSFER = (
    re.compile(r"^\s*(?:转办|转交)\s*[::]?\s*(?P<task>.+?)\s*(?:转给|转交给?|交给|改由|转)\s*(?P<who>[^,,。]+?)"
               r"\s*(?:办理|负责|牵头|主办)?\s*[。.]?\s*$"),
    re.compile(r"^\s*(?:请)?把\s*(?P<task>.+?)\s*(?:转办|转交|转)给?\s*(?P<who>[^,,。]+?)\s*(?:办理|负责|牵头|主办)?\s*[。.]?\s*$"),
    re.compile(r"^\s*(?:transfer|reassign|hand\s+over)\s+(?P<task>.+?)\s+to\s+(?P<who>.+?)\s*[.]?\s*$", re.I),
)


def _lang_of(person: Person | None, ctx: Context) -> str:
    return (person.language if person and person.language else None) or ctx.settings.office.default_language


# ---------------------------------------------------------------- extension
@on_intent("task.extend")
def request_extension(ctx: Context, command: ParsedCommand) -> Replies:
    """申请延期: ask the assigner for a later deadline; nothing changes until approved."""
    if not command.slots.get("due"):
        raise UserError("task_extend_no_date")
    words = command.slots.get("task")
    return with_task(ctx, "extend", str(words) if words else None, slots_payload(command), mine_only=True)


@task_op("extend")
def extend(ctx: Context, task: Task, slots: dict[str, Any]) -> Replies:
    """Record the request and send the assigner Approve / Decline buttons."""
    if task.owner_id != ctx.person.id:
        raise UserError("not_allowed")
    if task.status not in TaskStatus.OPEN:
        raise UserError("task_not_open", title=task.title, status=status_word(ctx.lang, task))
    wanted = as_deadline(ctx, slots.get("due"))
    if wanted is None or wanted <= task.due or wanted <= ctx.now:
        raise UserError("task_extend_bad_date", due=day(ctx, task.due))
    reason = str(slots.get("reason") or "")[:300]
    update = record(ctx, task, TaskUpdateKind.EXTENSION_REQUEST, note=reason, due=wanted.isoformat(), state="pending")
    task.unanswered_chases = 0
    ctx.session.add(task)
    assigner = ctx.session.get(Person, task.assigner_id)
    if assigner is not None:
        lang = _lang_of(assigner, ctx)
        buttons = (ButtonSpec("btn_task_approve", "tk.xa", str(update.id)), ButtonSpec("btn_task_decline", "tk.xd", str(update.id)))
        push(ctx, assigner, "task_extension_asked", urgent=task.priority == "urgent", buttons=buttons,
             source=("task", str(task.id)), title=task.title,
             owner=name_of(ctx.session, task.owner_id, lang), old=i18n.format_date(task.due, lang, ctx.tz),
             new=i18n.format_date(wanted, lang, ctx.tz), reason=reason or "-")
    return reply("task_extension_sent", title=task.title, name=name_of(ctx.session, task.assigner_id, ctx.lang),
                 new=day(ctx, wanted), old=day(ctx, task.due))


def _pending_request(ctx: Context, value: str) -> tuple[TaskUpdate, Task]:
    update = ctx.session.get(TaskUpdate, int(value)) if value.isdigit() else None
    if update is None or update.kind != TaskUpdateKind.EXTENSION_REQUEST:
        raise UserError("task_not_found", text=value)
    task = get_task(ctx, str(update.task_id))
    if not may_decide(ctx, task):
        raise UserError("task_only_assigner")
    if (update.detail or {}).get("state") != "pending":
        raise UserError("already_handled")
    return update, task


@on_action("tk.xa")
def approve_extension(ctx: Context, value: str) -> Replies:
    """The assigner approves: the deadline moves, reminders and chasing start over."""
    update, task = _pending_request(ctx, value)
    new_due = datetime.fromisoformat(str((update.detail or {})["due"]))
    old_due = task.due
    update.detail = {**(update.detail or {}), "state": "approved", "by": ctx.person.id}
    task.due = new_due
    task.reminders_sent = initial_reminders(ctx, task, policy_of(ctx.settings))
    task.unanswered_chases = 0
    task.escalation_level = 0
    ctx.session.add_all([update, task])
    ctx.audit("task.extension_approved", "task", task.id, old=old_due.isoformat(), new=new_due.isoformat())
    owner = ctx.session.get(Person, task.owner_id)
    if owner is not None:
        lang = _lang_of(owner, ctx)
        ctx.notify(owner, "task_extension_approved", source=("task", str(task.id)), title=task.title,
                   new=i18n.format_date(new_due, lang, ctx.tz), who=name_of(ctx.session, ctx.person.id, lang))
    return reply("task_extension_you_approved", title=task.title, new=day(ctx, new_due))


@on_action("tk.xd")
def decline_extension(ctx: Context, value: str) -> Replies:
    """The assigner declines: the deadline stays."""
    update, task = _pending_request(ctx, value)
    update.detail = {**(update.detail or {}), "state": "declined", "by": ctx.person.id}
    ctx.session.add(update)
    ctx.audit("task.extension_declined", "task", task.id)
    owner = ctx.session.get(Person, task.owner_id)
    if owner is not None:
        lang = _lang_of(owner, ctx)
        ctx.notify(owner, "task_extension_declined", source=("task", str(task.id)), title=task.title,
                   due=i18n.format_date(task.due, lang, ctx.tz), who=name_of(ctx.session, ctx.person.id, lang))
    return reply("task_extension_you_declined", title=task.title, due=day(ctx, task.due))


# ---------------------------------------------------------------- transfer
@pre_parser
def transfer_command(ctx: Context, text: str) -> Replies | None:
    """转办:消防整改 转给 吴处长 / transfer X to Y — claimed before the general parser."""
    simple = to_simplified(text)
    for pattern in _TRANSFER:
        m = pattern.match(simple)
        if m:
            who = resolve_owner(ctx.session, m.group("who"))
            if who is None:
                raise UserError("task_unknown_person", name=m.group("who").strip()[:40])
            return with_task(ctx, "transfer", m.group("task"), {"to": who.person.id,
                                                                "dept": who.department.id if who.department else None},
                             mine_only=False)
    return None


@task_op("transfer")
def transfer(ctx: Context, task: Task, data: dict[str, Any]) -> Replies:
    """Hand the item to a new owner, keeping its history; the new owner gets Accept / Ask buttons."""
    if ctx.person.id not in (task.assigner_id, task.owner_id) and not ctx.has_role(Role.DIRECTOR):
        raise UserError("not_allowed")
    if task.status not in TaskStatus.OPEN:
        raise UserError("task_not_open", title=task.title, status=status_word(ctx.lang, task))
    new_owner = ctx.session.get(Person, int(data["to"]))
    if new_owner is None or new_owner.id == task.owner_id:
        raise UserError("task_transfer_same")
    old_owner = ctx.session.get(Person, task.owner_id)
    record(ctx, task, TaskUpdateKind.TRANSFER, note="", old_owner=task.owner_id, new_owner=new_owner.id)
    task.owner_id = new_owner.id or 0
    task.owner_department_id = data.get("dept") or new_owner.department_id
    task.status = TaskStatus.ASSIGNED
    task.unanswered_chases = 0
    task.escalation_level = 0
    ctx.session.add(task)
    _tell_owner(ctx, task, new_owner)
    for person in (old_owner, ctx.session.get(Person, task.assigner_id)):
        if person is not None and person.id != ctx.person.id:
            lang = _lang_of(person, ctx)
            ctx.notify(person, "task_transferred_note", source=("task", str(task.id)), title=task.title,
                       new=name_of(ctx.session, new_owner.id, lang), who=name_of(ctx.session, ctx.person.id, lang))
    return reply("task_transferred", title=task.title, new=name_of(ctx.session, new_owner.id, ctx.lang))


# ---------------------------------------------------------------- done, accept, send back
@on_intent("task.done")
def report_done(ctx: Context, command: ParsedCommand) -> Replies:
    """办结: the owner reports the item finished; the assigner accepts or sends it back."""
    words = command.slots.get("task")
    return with_task(ctx, "done", str(words) if words else None, slots_payload(command), mine_only=True)


@task_op("done")
def done(ctx: Context, task: Task, slots: dict[str, Any]) -> Replies:
    """Record completion with its result and ask the assigner to accept it."""
    if task.owner_id != ctx.person.id and not ctx.has_role(Role.DIRECTOR):
        raise UserError("not_allowed")
    if task.status not in TaskStatus.OPEN:
        raise UserError("task_not_open", title=task.title, status=status_word(ctx.lang, task))
    result = str(slots.get("result") or "")[:500]
    record(ctx, task, TaskUpdateKind.DONE, note=result, percent=100)
    task.status, task.done_at, task.result, task.percent = TaskStatus.DONE_REPORTED, ctx.now, result, 100
    task.unanswered_chases = 0
    ctx.session.add(task)
    if task.assigner_id == ctx.person.id:
        return _close(ctx, task)
    assigner = ctx.session.get(Person, task.assigner_id)
    if assigner is not None:
        lang = _lang_of(assigner, ctx)
        buttons = (ButtonSpec("btn_task_close", "tk.ok", str(task.id)), ButtonSpec("btn_task_send_back", "tk.sb", str(task.id)))
        push(ctx, assigner, "task_done_for_you", urgent=task.priority == "urgent", buttons=buttons,
             source=("task", str(task.id)), title=task.title,
             owner=name_of(ctx.session, task.owner_id, lang), result=result or "-")
    return reply("task_done_reported", title=task.title, name=name_of(ctx.session, task.assigner_id, ctx.lang))


def _close(ctx: Context, task: Task) -> Replies:
    task.status, task.closed_at = TaskStatus.CLOSED, ctx.now
    ctx.session.add(task)
    record(ctx, task, TaskUpdateKind.ACCEPT, note="closed", step="completion")
    owner = ctx.session.get(Person, task.owner_id)
    if owner is not None and owner.id != ctx.person.id:
        lang = _lang_of(owner, ctx)
        ctx.notify(owner, "task_closed_for_owner", source=("task", str(task.id)), title=task.title,
                   who=name_of(ctx.session, ctx.person.id, lang))
    return reply("task_closed", title=task.title)


@on_action("tk.ok")
def accept_completion(ctx: Context, value: str) -> Replies:
    """The assigner (or director) accepts the result: the item is closed."""
    task = get_task(ctx, value)
    if not may_decide(ctx, task):
        raise UserError("task_only_assigner")
    if task.status != TaskStatus.DONE_REPORTED:
        return reply("already_handled")
    return _close(ctx, task)


@on_action("tk.sb")
def send_back(ctx: Context, value: str) -> Replies:
    """The assigner sends the item back: the next message is the comment."""
    task = get_task(ctx, value)
    if not may_decide(ctx, task):
        raise UserError("task_only_assigner")
    if task.status != TaskStatus.DONE_REPORTED:
        return reply("already_handled")
    return dialog.start_ask(ctx, "task.send_back", {"task_id": task.id}, reply("task_send_back_why", title=task.title))


@on_answer("task.send_back")
def send_back_comment(ctx: Context, data: dict[str, Any], text: str) -> Replies:
    """Reopen the item with the assigner's comment and tell the owner."""
    task = get_task(ctx, str(data["task_id"]))
    if not may_decide(ctx, task) or task.status != TaskStatus.DONE_REPORTED:
        raise UserError("already_handled")
    comment = text.strip()[:500]
    task.status, task.done_at = TaskStatus.ACCEPTED, None
    ctx.session.add(task)
    record(ctx, task, TaskUpdateKind.SEND_BACK, note=comment)
    owner = ctx.session.get(Person, task.owner_id)
    if owner is not None:
        lang = _lang_of(owner, ctx)
        ctx.notify(owner, "task_sent_back_to_owner", source=("task", str(task.id)), title=task.title,
                   who=name_of(ctx.session, ctx.person.id, lang), comment=comment,
                   due=i18n.format_date(task.due, lang, ctx.tz))
    return reply("task_sent_back", title=task.title, name=name_of(ctx.session, task.owner_id, ctx.lang))
