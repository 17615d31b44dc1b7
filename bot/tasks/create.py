"""Creating assignments: one or several items per message, read back, then owners and co-operators told."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_action, on_answer, on_confirm, on_intent
from bot.replies import ButtonSpec, Reply, UserError, reply
from bot.roles import SUPERVISORS, Role
from bot.tasks.people import cooperator_people, name_of, resolve_cooperators, resolve_owner
from bot.tasks.pick import as_deadline
from bot.tasks.policy import policy_of
from bot.tasks.pushes import push
from bot.tasks.schedule import describe_rule, first_progress_at, initial_reminders, risk_after
from bot.tasks.store import day, get_task, priority_of, priority_word, record
from bot.understanding.commands import ParsedCommand, parse_command
from bot.understanding.conventions import Conventions
from bot.understanding.lang import to_simplified
from storage.models import Person
from storage.models_tasks import Task, TaskStatus, TaskUpdateKind

INTENT = "task.assign"
_EDGE = " ;;。:,,\n"
_ITEM = re.compile(r"(?:^|(?<=[;;。\n:]))\s*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.)]|[((][一二三四五六七八九十\d]{1,3}[))])")
_SOURCES = (("meeting", re.compile(r"会议|会上|办公会|meeting", re.I)),
            ("higher", re.compile(r"上级|省里|市里|省委|市委|上面|higher authority", re.I)),
            ("referral", re.compile(r"转来|转办件|来信|来访|信访|referr", re.I)))


def split_items(text: str) -> tuple[str, list[str]]:
    """The shared heading and the numbered items (一、…;二、…) of a message; no items when unnumbered."""
    marks = list(_ITEM.finditer(text))
    if len(marks) < 2:
        return text, []
    head = text[:marks[0].start()].strip(_EDGE)
    items = [text[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(text))].strip(_EDGE)
             for i, m in enumerate(marks)]
    return head, [i for i in items if i]


def _source(text: str) -> str:
    for name, pattern in _SOURCES:
        if pattern.search(text):
            return name
    return "leader"


def _parse_item(ctx: Context, head: str, item: str) -> dict[str, Any]:
    conv = Conventions(office_open=ctx.settings.office.office_open, office_close=ctx.settings.office.office_close)
    cmd = parse_command(item, ctx.local_now, conv)
    if cmd.intent != INTENT:
        cmd = parse_command(f"督办:{item}", ctx.local_now, conv)
    slots = dict(cmd.slots) if cmd.intent == INTENT else {}
    slots.setdefault("title", item)
    if head and "assignee" not in slots:
        head_cmd = parse_command(head if "督办" in head else f"督办:{head}", ctx.local_now, conv)
        if head_cmd.slots.get("assignee"):
            slots["assignee"] = head_cmd.slots["assignee"]
    return slots


@on_intent(INTENT)
def assign(ctx: Context, command: ParsedCommand) -> Replies:
    """Read an assignment (or several) from one message and read it back before saving."""
    head, items = split_items(to_simplified(command.text))
    shared = {k: v for k, v in command.slots.items() if k != "title"}
    if items:
        slot_sets = [{**shared, **_parse_item(ctx, head, item)} for item in items]
    else:
        slot_sets = [dict(command.slots)]
    drafts = [_draft(ctx, slots, command.text) for slots in slot_sets]
    for index, draft in enumerate(drafts):
        missing = [k for k in ("assignee", "due", "title") if draft.get(k) in (None, "")]
        if missing and len(drafts) == 1:
            return dialog.start_ask(ctx, INTENT, {"draft": draft, "missing": missing[0]},
                                    reply(f"task_ask_{missing[0]}"))
        if missing:
            raise UserError("task_item_missing", n=index + 1, what=i18n.render(f"task_slot_{missing[0]}", ctx.lang))
    return _readback(ctx, drafts)


def _draft(ctx: Context, slots: dict[str, Any], text: str) -> dict[str, Any]:
    draft: dict[str, Any] = {"title": str(slots.get("title") or "").strip(_EDGE),
                             "priority": priority_of(slots.get("priority")), "source": _source(text),
                             "rrule": slots.get("rrule") or None, "assignee": None, "due": None,
                             "owner_department_id": None, "cooperators": {"people": [], "departments": []}}
    if slots.get("assignee"):
        owner = resolve_owner(ctx.session, str(slots["assignee"]))
        if owner is None:
            raise UserError("task_unknown_person", name=str(slots["assignee"]))
        draft["assignee"] = owner.person.id
        draft["owner_department_id"] = owner.department.id if owner.department else None
    elif not ctx.has_role(*SUPERVISORS):
        draft["assignee"] = ctx.person.id  # staff create assignments for themselves
        draft["owner_department_id"] = ctx.person.department_id
    if slots.get("cooperators"):
        coop, unknown = resolve_cooperators(ctx.session, slots["cooperators"])
        if unknown:
            raise UserError("task_unknown_person", name="、".join(unknown))
        draft["cooperators"] = coop.as_json()
    due = as_deadline(ctx, slots.get("due"))
    if due is not None:
        draft["due"] = _check_due(ctx, due).isoformat()
    return draft


def _check_due(ctx: Context, due: datetime) -> datetime:
    if due <= ctx.now:
        raise UserError("task_due_past", due=i18n.format_datetime(due, ctx.lang, ctx.tz))
    return due


def _check_allowed(ctx: Context, draft: dict[str, Any]) -> None:
    if draft["assignee"] != ctx.person.id and not ctx.has_role(*SUPERVISORS, Role.ADMIN):
        raise UserError("task_not_allowed_for_others")


def _readback(ctx: Context, drafts: list[dict[str, Any]]) -> Reply:
    for draft in drafts:
        _check_allowed(ctx, draft)
    lines = [_draft_line(ctx, i + 1, d) for i, d in enumerate(drafts)]
    summary = reply("task_readback", count=len(drafts), items="\n".join(lines))
    return dialog.start_confirm(ctx, INTENT, {"drafts": drafts}, summary)


def _draft_line(ctx: Context, n: int, draft: dict[str, Any]) -> str:
    due = datetime.fromisoformat(draft["due"])
    coop = [name_of(ctx.session, pid, ctx.lang) for pid in draft["cooperators"].get("people", [])]
    from storage.models import Department

    coop += [d.name for d in (ctx.session.get(Department, i) for i in draft["cooperators"].get("departments", [])) if d]
    return i18n.render("task_draft_line", ctx.lang, n=n, title=draft["title"],
                       owner=name_of(ctx.session, draft["assignee"], ctx.lang),
                       coop=i18n.join_names(coop, ctx.lang) if coop else "-",
                       due=_with_year(ctx, due), priority=priority_word(ctx.lang, draft["priority"]),
                       progress=describe_rule(draft["rrule"], ctx.lang))


def _with_year(ctx: Context, due: datetime) -> str:
    """The deadline, with its year when it is not this year (so 11月20日 next year is not misread)."""
    text = i18n.format_datetime(due, ctx.lang, ctx.tz)
    year = due.astimezone(ctx.tz).year
    return text if year == ctx.local_now.year else i18n.render("task_with_year", ctx.lang, when=text, year=year)


@on_answer(INTENT)
def answered(ctx: Context, data: dict[str, Any], text: str) -> Replies:
    """The missing owner, deadline or title, typed as an answer."""
    draft, missing = dict(data["draft"]), str(data["missing"])
    if missing == "assignee":
        owner = resolve_owner(ctx.session, text)
        if owner is None:
            raise UserError("task_unknown_person", name=text.strip()[:40])
        draft["assignee"] = owner.person.id
        draft["owner_department_id"] = owner.department.id if owner.department else None
    elif missing == "due":
        due = as_deadline(ctx, text)
        if due is None:
            return dialog.start_ask(ctx, INTENT, {"draft": draft, "missing": "due"}, reply("task_ask_due_again"))
        draft["due"] = _check_due(ctx, due).isoformat()
    else:
        draft["title"] = text.strip()[:200]
    still = [k for k in ("assignee", "due", "title") if draft.get(k) in (None, "")]
    if still:
        return dialog.start_ask(ctx, INTENT, {"draft": draft, "missing": still[0]}, reply(f"task_ask_{still[0]}"))
    return _readback(ctx, [draft])


@on_confirm(INTENT)
def confirmed(ctx: Context, data: dict[str, Any]) -> Replies:
    """Save the read-back items, tell owners (with Accept / Ask buttons) and co-operators."""
    created = [create_task(ctx, d) for d in data["drafts"]]
    lines = "\n".join(f"#{t.id} {t.title} · {name_of(ctx.session, t.owner_id, ctx.lang)} · {day(ctx, t.due)}"
                      for t in created)
    result = reply("task_created", count=len(created), items=lines)
    if ctx.unreachable:
        return [result, reply("task_unreachable", names=i18n.join_names(sorted(set(ctx.unreachable)), ctx.lang))]
    return result


def create_task(ctx: Context, draft: dict[str, Any]) -> Task:
    """Save one assignment and send the owner's and co-operators' messages."""
    _check_allowed(ctx, draft)
    due = datetime.fromisoformat(draft["due"])
    policy = policy_of(ctx.settings)
    owner = ctx.session.get(Person, draft["assignee"])
    if owner is None:
        raise UserError("task_unknown_person", name=str(draft["assignee"]))
    self_assigned = owner.id == ctx.person.id
    task = Task(title=draft["title"][:200], created_at=ctx.now, assigner_id=ctx.person.id or 0, owner_id=owner.id or 0,
                owner_department_id=draft.get("owner_department_id") or owner.department_id,
                cooperators=draft.get("cooperators"), due=due, priority=draft.get("priority") or "normal",
                source=draft.get("source") or "leader", progress_rrule=draft.get("rrule"),
                status=TaskStatus.ACCEPTED if self_assigned else TaskStatus.ASSIGNED)
    task.reminders_sent = initial_reminders(ctx, task, policy)
    task.next_progress_at = first_progress_at(ctx, task)
    task.risk_at = ctx.now + risk_after(task, policy)
    ctx.session.add(task)
    ctx.session.flush()
    ctx.audit("task.create", "task", task.id, title=task.title, owner=owner.name, due=due.isoformat(),
              priority=task.priority)
    if not self_assigned:
        _tell_owner(ctx, task, owner)
    for person in cooperator_people(ctx.session, task):
        ctx.notify(person, "task_cooperator_told", source=("task", str(task.id)), title=task.title,
                   owner=name_of(ctx.session, task.owner_id, person.language or "zh-Hans"),
                   due=day(ctx, task.due, person.language or ctx.settings.office.default_language))
    return task


def _tell_owner(ctx: Context, task: Task, owner: Person) -> None:
    lang = owner.language or ctx.settings.office.default_language
    buttons = (ButtonSpec("btn_task_accept", "tk.ac", str(task.id)), ButtonSpec("btn_task_ask", "tk.q", str(task.id)))
    ctx.notify(owner, "task_assigned_to_you", buttons=buttons, source=("task", str(task.id)), id=task.id,
               title=task.title, assigner=name_of(ctx.session, task.assigner_id, lang),
               due=i18n.format_datetime(task.due, lang, ctx.tz), priority=priority_word(lang, task.priority))


@on_action("tk.ac")
def accept_assignment(ctx: Context, value: str) -> Replies:
    """The owner accepts (签收) an assignment."""
    task = get_task(ctx, value)
    if task.owner_id != ctx.person.id:
        raise UserError("not_allowed")
    if task.status != TaskStatus.ASSIGNED:
        return reply("already_handled")
    task.status = TaskStatus.ACCEPTED
    ctx.session.add(task)
    record(ctx, task, TaskUpdateKind.ACCEPT, note="owner accepted")
    return reply("task_accepted_by_you", title=task.title, due=day(ctx, task.due))


@on_action("tk.q")
def ask_question(ctx: Context, value: str) -> Replies:
    """The owner wants to ask the assigner something: the next message is the question."""
    task = get_task(ctx, value)
    if task.owner_id != ctx.person.id:
        raise UserError("not_allowed")
    return dialog.start_ask(ctx, "task.question", {"task_id": task.id}, reply("task_ask_your_question", title=task.title))


@on_answer("task.question")
def question_typed(ctx: Context, data: dict[str, Any], text: str) -> Replies:
    """Forward the owner's question to the assigner and record it."""
    task = get_task(ctx, str(data["task_id"]))
    assigner = ctx.session.get(Person, task.assigner_id)
    record(ctx, task, TaskUpdateKind.QUESTION, note=text.strip()[:500])
    if assigner is not None:
        push(ctx, assigner, "task_question_for_you", urgent=task.priority == "urgent", source=("task", str(task.id)),
             title=task.title, owner=ctx.person.name, question=text.strip()[:500])
    return reply("task_question_sent", name=name_of(ctx.session, task.assigner_id, ctx.lang))

