"""Time to write one notice to 500 people as outbox rows in one transaction (target ≤ 1 s; median of runs)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.bootstrap import build_app
from bot.clock import FrozenClock
from bot.config import load_settings
from bot.context import Context
from bot.directory import link_identity
from bot.messages import Platform
from bot.notices.send import send_now
from storage.models import Outbox, Person
from storage.models_notices import Notice, NoticeRecipient
from storage.uow import unit_of_work

PEOPLE = 500
RUNS = 7
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def main() -> None:
    """Build an office of 500 linked people, then time the fan-out of several notices."""
    root = Path(__file__).resolve().parent.parent
    settings = load_settings(str(root / "config.example.toml"))
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(settings, frozenset({Platform.FAKE.value}), FrozenClock(NOW),
                        database_url=f"sqlite:///{tmp}/bench.db")
        with unit_of_work(app.engine) as session:
            for i in range(PEOPLE):
                person = Person(name=f"员工{i:03d}", language="en" if i % 5 == 0 else None)
                session.add(person)
                session.flush()
                link_identity(session, person, Platform.FAKE, person.name, f"dm:{person.name}", NOW)
        timings = [_fan_out(app.engine, settings, run) for run in range(RUNS)]
        with unit_of_work(app.engine) as session:
            rows = len(list(session.exec(select(Outbox.id))))
        app.engine.dispose()
    median = statistics.median(timings)
    print(f"notice fan-out to {PEOPLE} people: median {median * 1000:.0f} ms over {RUNS} runs "
          f"(min {min(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms); outbox rows {rows}; "
          f"target <= 1000 ms: {'OK' if median <= 1.0 else 'MISSED'}")
    sys.exit(0 if median <= 1.0 else 1)


def _fan_out(engine, settings, run: int) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    with unit_of_work(engine) as session:
        sender = session.exec(select(Person).where(Person.name == "张敏")).one()
        ctx = Context(session=session, settings=settings, now=NOW, person=sender, lang="zh-Hans",
                      active_platforms=frozenset({Platform.FAKE.value}))
        notice = Notice(sender_id=sender.id or 0, title=f"全员大会 {run}", content="请全体人员准时参加全员大会。",
                        is_meeting=True, start=NOW.replace(day=24, hour=15), place="第二会议室", created_at=NOW)
        session.add(notice)
        session.flush()
        people = session.exec(select(Person.id).where(Person.name.startswith("员工")))  # type: ignore[attr-defined]
        session.add_all([NoticeRecipient(notice_id=notice.id or 0, person_id=pid or 0) for pid in people])
        session.flush()
        send_now(ctx, notice)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
