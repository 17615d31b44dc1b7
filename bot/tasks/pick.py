"""Finding the assignment a message is about: loose title match, or buttons when several fit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot import dialog
from bot.context import Context
from bot.handlers import Replies, on_action, on_answer
from bot.replies import ButtonSpec, Reply, UserError, reply
from bot.tasks.store import candidate_tasks, get_task, match_tasks, may_see, normalise
from bot.understanding.commands import ParsedCommand
from bot.understanding.timeparse import primary_time
from bot.understanding.types import Grain
from storage.models_tasks import Task

PICK_INTENT = "task.pick"
PICK_ACTION = "tk.pk"
MAX_BUTTONS = 8
TaskOp = Callable[[Context, Task, dict[str, Any]], Replies]
OPS: dict[str, TaskOp] = {}


def task_op(name: str) -> Callable[[TaskOp], TaskOp]:
    """Register what to do with a task once it is known (after a pick, too)."""
    def register(fn: TaskOp) -> TaskOp:
        OPS[name] = fn
        return fn
    return register


def slots_payload(command: ParsedCommand) -> dict[str, Any]:
    """The JSON-safe slots of a command, for a dialog payload."""
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in command.slots.items()}


def with_task(ctx: Context, op: str, query: str | None, payload: dict[str, Any], mine_only: bool) -> Replies:
    """Run an operation on the task the words name; ask with buttons when several match."""
    tasks = candidate_tasks(ctx, open_only=True, mine_only=mine_only)
    if query and not normalise(query):
        query = None  # "这件" / "that one": the person's only item, or a choice
    if query:
        matches = match_tasks(ctx, query, tasks)
        if not matches and mine_only:
            matches = match_tasks(ctx, query, candidate_tasks(ctx, open_only=True))
        if not matches:
            raise UserError("task_no_match", text=query)
    else:
        matches = tasks
        if not matches:
            raise UserError("task_none_open")
    if len(matches) == 1:
        return OPS[op](ctx, matches[0], payload)
    buttons = tuple(ButtonSpec(t.title[:40], PICK_ACTION, str(t.id)) for t in matches[:MAX_BUTTONS])
    question = Reply(key="task_pick", params={"count": len(matches)}, buttons=buttons)
    return dialog.start_ask(ctx, PICK_INTENT, {"op": op, "query": query or "", "payload": payload,
                                               "ids": [t.id for t in matches[:MAX_BUTTONS]]}, question)


@on_action(PICK_ACTION)
def picked(ctx: Context, value: str) -> Replies:
    """A pressed title among several matches."""
    state = dialog.pending(ctx)
    if state is None or state.intent != PICK_INTENT:
        return reply("already_handled")
    data = dict(state.payload or {})
    ctx.session.delete(state)
    task = get_task(ctx, value)
    if not may_see(ctx, task):
        raise UserError("not_allowed")
    return OPS[str(data["op"])](ctx, task, dict(data.get("payload") or {}))


@on_answer(PICK_INTENT)
def picked_by_text(ctx: Context, data: dict[str, Any], text: str) -> Replies:
    """A typed title (or number) among several matches."""
    ids = [int(i) for i in data.get("ids", [])]
    tasks = [t for t in (ctx.session.get(Task, i) for i in ids) if t is not None]
    choice = text.strip()
    if choice.isdigit() and 1 <= int(choice) <= len(tasks):
        found = [tasks[int(choice) - 1]]
    else:
        found = match_tasks(ctx, choice, tasks)
    if len(found) != 1:
        raise UserError("task_no_match", text=choice[:60])
    return OPS[str(data["op"])](ctx, found[0], dict(data.get("payload") or {}))


def as_deadline(ctx: Context, value: Any) -> datetime | None:
    """A slot value or typed words as a deadline instant (a day alone, or midnight, means office close)."""
    if value is None or value == "":
        return None
    instant: datetime | None = value if isinstance(value, datetime) else None
    if instant is None:
        try:
            instant = datetime.fromisoformat(str(value))
        except ValueError:
            reading = primary_time(str(value), ctx.local_now)
            if reading is None or reading.start is None:
                return None
            instant = reading.start
            if reading.grain in (Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR) and reading.end is not None:
                instant = reading.end
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=ctx.tz)
    local = instant.astimezone(ctx.tz)
    if (local.hour, local.minute) == (0, 0):
        close = ctx.settings.office.office_close
        local = local.replace(hour=close.hour, minute=close.minute, second=0, microsecond=0)
    return local
