"""Follow-up questions and read-back confirmations that wait, with expiry, for the person's answer."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, insert, select

from bot.context import Context
from bot.handlers import ACTIONS, ANSWERS, CONFIRMS, Replies
from bot.replies import ButtonSpec, Reply, reply
from storage.models import DialogState

CONFIRM = "confirm"
ASK = "ask"
DIALOG_ACTION = "dlg"
# Built once: every text message looks up the chat's pending dialog.
_DIALOG_BY_KEY = select(DialogState).where(DialogState.key == bindparam("key"))

_YES = re.compile(r"^\s*(确认|確認|确定|確定|好的?|是的?|对|對|可以|行|没问题|沒問題|yes|y|ok|okay|sure|confirm|go ahead)"
                  r"\s*[!!。.]*\s*$", re.IGNORECASE)
_NO = re.compile(r"^\s*(取消|不要?|不用|算了|否|no|n|cancel|nope|stop)\s*[!!。.]*\s*$", re.IGNORECASE)


def dialog_key(ctx: Context) -> str:
    """One pending dialog per person per chat."""
    inc = ctx.incoming
    if inc is None:
        return f"job::{ctx.person.id}"
    return f"{inc.chat.platform}:{inc.chat.chat_id}:{inc.user.user_id}"


def start_confirm(ctx: Context, intent: str, payload: dict[str, Any], summary: Reply) -> Reply:
    """Store a read-back and return it with Confirm/Cancel buttons."""
    state = _save(ctx, CONFIRM, intent, payload)
    return Reply(key=summary.key, params=summary.params, private=summary.private,
                 buttons=(ButtonSpec("btn_confirm", DIALOG_ACTION, f"y{state.id}"),
                          ButtonSpec("btn_cancel", DIALOG_ACTION, f"n{state.id}")),
                 footer_key="readback_footer")


def start_ask(ctx: Context, intent: str, payload: dict[str, Any], question: Reply) -> Reply:
    """Store a follow-up question; the person's next message in this chat answers it."""
    _save(ctx, ASK, intent, payload)
    return question


def _save(ctx: Context, kind: str, intent: str, payload: dict[str, Any]) -> DialogState:
    key = dialog_key(ctx)
    values: dict[str, Any] = {
        "key": key, "person_id": ctx.person.id or 0, "kind": kind, "intent": intent, "payload": payload,
        "lang": ctx.lang, "expires_at": ctx.now + timedelta(minutes=ctx.settings.dialog.ttl_minutes)}
    if ctx.session.get_bind().dialect.name == "sqlite":
        # The message's first write (its event id) already holds SQLite's write lock: nothing can race.
        return _replace(ctx, values)
    # On PostgreSQL two messages from one person in one chat may race; the later one's dialog wins.
    for _attempt in range(3):
        try:
            with ctx.session.begin_nested():
                return _replace(ctx, values)
        except IntegrityError:
            continue
    raise RuntimeError(f"could not save the dialog for {key}")


def _replace(ctx: Context, values: dict[str, Any]) -> DialogState:
    """Delete the chat's old dialog and insert the new one, as two plain statements."""
    ctx.session.execute(delete(DialogState).where(DialogState.key == values["key"]))  # type: ignore[arg-type]
    new_id = ctx.session.execute(
        insert(DialogState).values(**values).returning(col(DialogState.id))).scalar_one()
    return DialogState(id=new_id, **values)


def pending(ctx: Context) -> DialogState | None:
    """The person's pending dialog in this chat, if any (expired ones are not returned)."""
    state = ctx.session.exec(_DIALOG_BY_KEY, params={"key": dialog_key(ctx)}).first()
    if state is not None and state.expires_at <= ctx.now:
        return None
    return state


def is_yes(text: str) -> bool:
    """True for a short affirmative answer."""
    return bool(_YES.match(text))


def is_no(text: str) -> bool:
    """True for a short negative answer."""
    return bool(_NO.match(text))


def resume(ctx: Context, text: str) -> Replies | None:
    """Treat the message as the answer to a pending dialog; None when it is not one."""
    key = dialog_key(ctx)
    state = ctx.session.exec(_DIALOG_BY_KEY, params={"key": key}).first()
    if state is None:
        return None
    if state.expires_at <= ctx.now:
        ctx.session.delete(state)
        return reply("dialog_expired") if (is_yes(text) or is_no(text)) else None
    if state.kind == CONFIRM:
        if is_yes(text):
            return _finish_confirm(ctx, state)
        if is_no(text):
            ctx.session.delete(state)
            return reply("dialog_cancelled")
        return None
    if is_no(text):
        ctx.session.delete(state)
        return reply("dialog_cancelled")
    handler = ANSWERS.get(state.intent)
    if handler is None:
        return None
    payload = dict(state.payload or {})
    if not _take(ctx, state):
        return reply("already_handled")
    return handler(ctx, payload, text)


def on_button(ctx: Context, value: str) -> Replies:
    """A Confirm/Cancel press on a read-back; a second press finds nothing and changes nothing."""
    answer, state_id = value[:1], value[1:]
    state = ctx.session.get(DialogState, int(state_id)) if state_id.isdigit() else None
    if state is None or state.person_id != ctx.person.id:
        return reply("already_handled")
    if state.expires_at <= ctx.now:
        ctx.session.delete(state)
        return reply("dialog_expired")
    if answer == "y":
        return _finish_confirm(ctx, state)
    ctx.session.delete(state)
    return reply("dialog_cancelled")


def _take(ctx: Context, state: DialogState) -> bool:
    """Consume a dialog; False when a concurrent message or press already did.

    A DELETE statement, not an ORM delete: on PostgreSQL the second of two simultaneous presses waits
    for the first to commit and then deletes nothing, which is how it learns to do nothing.
    """
    result = ctx.session.execute(delete(DialogState).where(DialogState.id == state.id))  # type: ignore[arg-type]
    ctx.session.expunge(state)
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def _finish_confirm(ctx: Context, state: DialogState) -> Replies:
    payload = dict(state.payload or {})
    if not _take(ctx, state):
        return reply("already_handled")
    handler = CONFIRMS.get(state.intent)
    if handler is None:
        return reply("already_handled")
    return handler(ctx, payload)


# Expired dialogs are kept a while so a late button press hears "expired", not "already handled".
PURGE_AFTER = timedelta(days=1)


def purge_expired(ctx: Context) -> int:
    """Delete dialogs that expired more than a day ago; returns how many."""
    cutoff = ctx.now - PURGE_AFTER
    expired = list(ctx.session.exec(select(DialogState).where(DialogState.expires_at <= cutoff)))
    for state in expired:
        ctx.session.delete(state)
    return len(expired)


ACTIONS[DIALOG_ACTION] = on_button
