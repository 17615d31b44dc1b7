"""Pushes to leaders: urgent ones at once, even in quiet hours; the rest held past quiet hours or to the summary."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlmodel import select

from bot.context import Context
from bot.digests.prefs import in_quiet_hours, next_at, prefs_of
from bot.messages import Attachment
from bot.replies import ButtonSpec
from storage.models import Outbox, OutboxStatus, Person


def push_urgent(ctx: Context, person: Person, key: str, buttons: tuple[ButtonSpec, ...] = (),
                source: tuple[str, str] = ("", ""), idempotency_key: str | None = None,
                attachments: tuple[Attachment, ...] = (), **params: Any) -> bool:
    """Send at once, quiet hours or not (急 items, emergencies, urgent approvals); False when unreachable."""
    return ctx.notify(person, key, buttons=buttons, source=source, idempotency_key=idempotency_key,
                      attachments=attachments, **params)


def release_time(ctx: Context, person: Person) -> datetime | None:
    """When a non-urgent push to this person may go out: None for now, else the end of quiet hours or the summary."""
    prefs = prefs_of(ctx.session, person.id, ctx.settings.policy)
    local = ctx.local_now
    if in_quiet_hours(local.time(), prefs.quiet_start, prefs.quiet_end):
        return next_at(local, prefs.quiet_end)
    if prefs.urgent_only_push and prefs.summary_time is not None:
        release = next_at(local, prefs.summary_time)
        if in_quiet_hours(release.time(), prefs.quiet_start, prefs.quiet_end):
            return next_at(release, prefs.quiet_end)
        return release
    return None


def push_or_hold(ctx: Context, person: Person, key: str, buttons: tuple[ButtonSpec, ...] = (),
                 source: tuple[str, str] = ("", ""), idempotency_key: str | None = None,
                 attachments: tuple[Attachment, ...] = (), **params: Any) -> bool:
    """Queue a non-urgent push now, or held until quiet hours end (or the person's daily summary time)."""
    release = release_time(ctx, person)
    if release is None:
        return ctx.notify(person, key, buttons=buttons, source=source, idempotency_key=idempotency_key,
                          attachments=attachments, **params)
    ikey = idempotency_key or f"hold:{person.id}:{uuid.uuid4().hex}"
    ok = ctx.notify(person, key, buttons=buttons, source=source, idempotency_key=ikey, attachments=attachments,
                    **params)
    ctx.session.flush()
    row = ctx.session.exec(select(Outbox).where(Outbox.idempotency_key == ikey)).first()
    if row is not None and row.status == OutboxStatus.PENDING and row.created_at == ctx.now:
        row.next_attempt_at = release
        ctx.session.add(row)
    return ok
