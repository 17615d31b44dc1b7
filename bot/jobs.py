"""Scheduled work: every due-job function runs in its own unit of work when the clock ticks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from bot import dialog
from bot.context import Context
from storage.uow import unit_of_work

if TYPE_CHECKING:
    from bot.core import BotCore

log = logging.getLogger("mishu.jobs")

DueJob = Callable[[Context], int]
DUE_JOBS: list[tuple[str, DueJob]] = []


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
                done += job(core.job_context(session, now))
        except Exception:
            log.exception("due job %s failed", name)
    return done
