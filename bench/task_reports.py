"""Benchmark: 50,000 assignments in a temporary SQLite database; median time of the overdue list and the report."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlmodel import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import load_settings  # noqa: E402
from bot.directory import load_directory  # noqa: E402
from bot.tasks.lists import ListSpec, query_tasks  # noqa: E402
from bot.tasks.report import supervision_report  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Person  # noqa: E402
from storage.models_tasks import Task, TaskStatus  # noqa: E402
from storage.uow import unit_of_work  # noqa: E402

N_TASKS = 50_000
RUNS = 21
TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


def build(url: str) -> None:
    """Schema, the demo directory, and N_TASKS assignments with a realistic mix of states."""
    engine = make_engine(url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_directory(session, load_settings(str(ROOT / "config.example.toml")), NOW)
    with unit_of_work(engine) as session:
        people = [(p.id, p.department_id) for p in session.exec(select(Person))]
    rng = random.Random(7)
    rows = []
    for i in range(N_TASKS):
        owner, dept = rng.choice(people)
        created = NOW - timedelta(days=rng.randint(1, 400))
        due = created + timedelta(days=rng.randint(3, 90))
        status = rng.choices([TaskStatus.CLOSED, TaskStatus.ACCEPTED, TaskStatus.ASSIGNED, TaskStatus.DONE_REPORTED],
                             weights=[70, 20, 5, 5])[0]
        closed = min(due, NOW) - timedelta(days=rng.randint(0, 3)) if status == TaskStatus.CLOSED else None
        last = created + timedelta(days=rng.randint(0, 30))
        rows.append({"title": f"督办事项 {i}", "created_at": created, "assigner_id": people[1][0], "owner_id": owner,
                     "owner_department_id": dept, "cooperators": None, "due": due, "priority": "normal",
                     "source": "leader", "status": status, "last_progress_at": last,
                     "risk_at": last + timedelta(days=7), "chase_count": 0, "unanswered_chases": 0,
                     "escalation_level": 0, "reminders_sent": [], "closed_at": closed,
                     "done_at": closed, "result": ""})
    with unit_of_work(engine) as session:
        session.execute(insert(Task), rows)
    engine.dispose()


def median_ms(fn: object) -> float:
    """The median wall time of RUNS calls, in milliseconds."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    """Build the database, then time the overdue list and the weekly report."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        started = time.perf_counter()
        build(url)
        print(f"built {N_TASKS} assignments in {time.perf_counter() - started:.1f} s")
        engine = make_engine(url)
        now = NOW.astimezone(UTC)
        with unit_of_work(engine) as session:
            total, shown = query_tasks(session, now, ListSpec(filter="overdue"))
            rep = supervision_report(session, now, now - timedelta(days=7), now, TZ)
            print(f"overdue: {total} (showing {len(shown)}); report: {rep.due_count} due, "
                  f"{rep.completion_rate:.1%} closed, {rep.overdue_count} overdue, {rep.at_risk_count} at risk")
            overdue_ms = median_ms(lambda: query_tasks(session, now, ListSpec(filter="overdue")))
            grouped_ms = median_ms(lambda: query_tasks(session, now, ListSpec(filter="overdue", group_by="department")))
            report_ms = median_ms(lambda: supervision_report(session, now, now - timedelta(days=7), now, TZ))
        engine.dispose()
    print(f"overdue list median: {overdue_ms:.1f} ms (target <= 50)")
    print(f"overdue list by department median: {grouped_ms:.1f} ms")
    print(f"supervision report median: {report_ms:.1f} ms (target <= 50)")
    return 0 if overdue_ms <= 50 and report_ms <= 50 else 1


if __name__ == "__main__":
    raise SystemExit(main())
