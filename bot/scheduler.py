"""Timers: APScheduler wakes the process; the database says what is due (ARCHITECTURE.md)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from bot.core import BotCore
from storage.db import is_sqlite

log = logging.getLogger("mishu.scheduler")

TICK_SECONDS = 15
TIMER_LOCK_KEY = 0x6D69_7368  # "mish": the PostgreSQL advisory lock that elects the timer process


class TimerLease:
    """Holds the right to run timers: always on SQLite, one process at a time on PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    def acquire(self) -> bool:
        """True when this process runs the timers (tries again on each call until it does)."""
        if is_sqlite(self.engine):
            return True
        if self._conn is not None:
            return True
        conn = self.engine.connect()
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": TIMER_LOCK_KEY}).scalar())
        if got:
            conn.commit()
            self._conn = conn  # the lock lives as long as this session; a dead process frees it
        else:
            conn.close()
        return got

    def release(self) -> None:
        """Give up the timers (closing the session releases the advisory lock)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def build_scheduler(core: BotCore, lease: TimerLease) -> AsyncIOScheduler:
    """A scheduler that ticks the core every few seconds while this process holds the timer lease."""
    scheduler = AsyncIOScheduler(timezone="UTC")

    async def tick() -> None:
        if not await asyncio.to_thread(lease.acquire):
            return
        try:
            done = await asyncio.to_thread(core.tick)
            if done:
                log.info("tick: %d due items handled", done)
        except Exception:
            log.exception("tick failed")

    job_defaults: dict[str, Any] = {
        # coalesce: after a pause (suspend, restart, a long tick) run once, not once per missed wake-up —
        # the database finds everything that became due, so extra runs would only repeat the query.
        "coalesce": True,
        # max_instances=1: a slow tick never overlaps the next, so nothing is handed off twice.
        "max_instances": 1,
        # misfire_grace_time=None: a late wake-up still runs (late reminders are sent, not skipped).
        "misfire_grace_time": None,
    }
    scheduler.add_job(tick, "interval", seconds=TICK_SECONDS, id="mishu.tick", **job_defaults)
    return scheduler
