"""Scheduled work: every due-job function runs in its own unit of work when the clock ticks."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlmodel import Session

from bot import dialog
from bot.context import Context
from storage.uow import unit_of_work

if TYPE_CHECKING:
    from bot.core import BotCore

log = logging.getLogger("mishu.jobs")

DueJob = Callable[[Context], int]
DUE_JOBS: list[tuple[str, DueJob]] = []
JOB_LOCK_NAMESPACE = 0x6D6A_6F62  # "mjob": first key of the per-job PostgreSQL advisory locks


def due_job(name: str) -> Callable[[DueJob], DueJob]:
    """Register a function that does whatever has become due and returns how many things it did."""
    def register(fn: DueJob) -> DueJob:
        DUE_JOBS.append((name, fn))
        return fn
    return register


@due_job("dialog.purge_expired")
def _purge_dialogs(ctx: Context) -> int:
    dialog.purge_expired(ctx)
    return 0  # housekeeping, not work a person would notice


def run_due_jobs(core: BotCore, now: datetime) -> int:
    """Run every registered job once; one job's failure does not stop the others."""
    done = 0
    for name, job in DUE_JOBS:
        try:
            with unit_of_work(core.engine) as session:
                if not _only_runner(session, name):
                    log.info("due job %s is running in another process; skipped this tick", name)
                    continue
                done += job(core.job_context(session, now))
        except Exception:
            log.exception("due job %s failed", name)
    return done


def _only_runner(session: Session, name: str) -> bool:
    """Make this transaction the only one running the job, so two processes ticking at once (the timer lease
    changing hands mid-tick, two processes on one SQLite file) cannot both do the same due work: not every
    job has an idempotency key (a scheduled notice's fan-out has none), and a job reads before it writes.

    PostgreSQL: a transaction-scoped advisory lock per job; the loser skips it this tick, and a later
    transaction sees the winner's committed work. SQLite: take the write lock before the job reads (reads
    outside a write transaction could be stale by the time it writes).
    """
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(name.encode())
        got = session.execute(text("SELECT pg_try_advisory_xact_lock(:ns, :key)"),
                              {"ns": JOB_LOCK_NAMESPACE, "key": key - (1 << 32) if key >= 1 << 31 else key})
        return bool(got.scalar())
    session.execute(text("DELETE FROM processedevent WHERE 1 = 0"))  # a write statement: BEGIN + write lock
    return True
