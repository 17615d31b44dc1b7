"""Timers: APScheduler wakes the process; the database says what is due (ARCHITECTURE.md)."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.core import BotCore
from storage.db import is_sqlite

log = logging.getLogger("mishu.scheduler")

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
            if self._still_held():
                return True
            self.release()
        conn = self.engine.connect()
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": TIMER_LOCK_KEY}).scalar())
        if got:
            conn.commit()
            self._conn = conn  # the lock lives as long as this session; a dead process frees it
        else:
            conn.close()
        return got

    def _still_held(self) -> bool:
        """The lock lives exactly as long as its session: a session the server ended (restart, idle
        timeout, pg_terminate_backend) freed it, and another process may run the timers by now."""
        assert self._conn is not None
        try:
            self._conn.execute(text("SELECT 1"))
            self._conn.commit()
            return True
        except SQLAlchemyError:
            log.warning("timer lease lost: its database session ended")
            return False

    def release(self) -> None:
        """Give up the timers: unlock explicitly, because closing a pooled connection only returns its
        session to the pool, and a session-level advisory lock survives that."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            if not conn.invalidated:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": TIMER_LOCK_KEY})
                conn.commit()
        except SQLAlchemyError:
            conn.invalidate()  # the session is gone already, and the lock with it
        finally:
            conn.close()


class TimerScheduler(AsyncIOScheduler):
    """APScheduler that lets the tick in progress finish before it stops."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.busy = asyncio.Lock()  # held while a tick runs

    async def stop(self) -> None:
        """Stop waking up, wait for a tick in progress (its due jobs commit whole), then shut down.

        A plain shutdown cancels the running tick's coroutine while its thread goes on with the database
        work, which logged a CancelledError traceback on every SIGTERM that landed during a tick.
        """
        self.pause()
        async with self.busy:
            self.shutdown(wait=False)


def build_scheduler(core: BotCore, lease: TimerLease, tick_seconds: float | None = None) -> TimerScheduler:
    """A scheduler that ticks the core every few seconds while this process holds the timer lease.

    The first tick runs at once, so work that became due while the process was down (a reminder, a chase)
    is done on start rather than one interval later; `[scheduler] tick_seconds` sets the interval.
    """
    seconds = tick_seconds if tick_seconds is not None else core.settings.scheduler.tick_seconds
    scheduler = TimerScheduler(timezone="UTC")

    async def tick() -> None:
        async with scheduler.busy:
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
        # These cover only wake-ups missed while the process runs (the job store is in memory). Across a
        # restart the first tick finds the due work again in the database, and each due job marks its rows
        # done in the transaction that queues the message, so it is done once (docs/DURABILITY.md).
    }
    scheduler.add_job(tick, "interval", seconds=seconds, id="mishu.tick", next_run_time=datetime.now(UTC),
                      **job_defaults)
    return scheduler
