"""The timer lease (a PostgreSQL advisory lock held by one session) is exclusive and follows its session."""

from __future__ import annotations

import time

from sqlalchemy import text

from bot.scheduler import TimerLease
from storage.db import make_engine


def test_one_lease_holder_and_a_lost_session_gives_the_lease_up(postgres_url: str) -> None:
    first, second = make_engine(postgres_url), make_engine(postgres_url)
    a, b = TimerLease(first), TimerLease(second)
    try:
        assert a.acquire() and a.acquire()
        assert not b.acquire()
        assert a._conn is not None
        pid = a._conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        a._conn.commit()
        with second.connect() as admin:  # the server ends the holder's session (restart, idle timeout, DBA)
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        deadline = time.monotonic() + 5
        while not b.acquire():  # the lock dies with the session (its backend exits just after the signal)
            assert time.monotonic() < deadline, "the advisory lock outlived its session"
            time.sleep(0.05)
        assert not a.acquire(), "a process whose session died must stop running timers"
        b.release()
        assert a.acquire()
    finally:
        a.release()
        b.release()
        first.dispose()
        second.dispose()


def test_sqlite_always_runs_its_timers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    assert TimerLease(engine).acquire() and TimerLease(engine).acquire()
    engine.dispose()
