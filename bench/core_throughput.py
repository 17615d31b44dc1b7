"""Core throughput: booking conversations straight through BotCore.handle, no network, on SQLite and PostgreSQL.

Each booking is two messages, as people send them: "订明天下午三点到四点的301" (parsed, checked, read back)
and a press of Confirm (booked under the room's lock, audited); a request that finds the slot taken gets
the conflict reply with alternatives, and the person presses the first one. Days (within the 60-day
horizon), hours and rooms vary at random; eleven people, each in their own private chat. The figure is messages per second handled one after another (one adapter thread), with the
median and p99 latency of BotCore.handle.

    .venv/bin/python bench/core_throughput.py [--messages 3000] [--pg URL | --no-pg]

PostgreSQL: a fresh database on the server of scripts/test-postgres.sh ($MISHU_TEST_PG_URL or started).
Targets on SQLite (2-core machine): >= 300 messages/s and p99 <= 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/core_throughput.py` puts bench/ first, not the project
    sys.path.insert(0, str(ROOT))

from adapters.fake import FakeOffice  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.messages import Incoming, Outgoing  # noqa: E402
from tests.conftest import MONDAY_MORNING  # noqa: E402

PEOPLE = ("钱峰", "刘建国", "王志强", "张敏", "李娜", "陈静", "周涛", "吴刚", "郑华", "李伟", "孙丽")
ROOMS = ("301", "第一会议室", "第二会议室", "小会议室")
DAYS = ("明天", "后天", "下周一", "下周二", "下周三", "下周四", "下周五") + tuple(f"12月{d}日" for d in range(1, 32)) \
    + tuple(f"1月{d}日" for d in range(4, 21))  # within [booking] max_days_ahead (60) of Monday 2026-11-23
SLOTS = ("上午九点到十点", "上午十点到十一点", "上午十一点到十二点", "下午两点到三点", "下午三点到四点",
         "下午四点到五点", "下午三点半到四点半", "下午一点到两点")
WARM_UP = 100


@dataclass(frozen=True)
class Figures:
    """What one run measured."""

    database: str
    messages: int
    seconds: float
    median_ms: float
    p99_ms: float
    outcomes: Counter[str]

    @property
    def per_second(self) -> float:
        """Messages handled per second."""
        return self.messages / self.seconds


def outcome(replies: list[Outgoing]) -> str:
    """A short label for the reply (for the mix printed with the figures)."""
    text = replies[0].text if replies else ""
    for label, fragments in (("booked", ("已预订", "Booked")), ("read-back", ("请确认", "Please confirm")),
                             ("taken", ("占用", "is taken")), ("pending", ("审批", "approval"))):
        if any(f in text for f in fragments):
            return label
    return "other"


def run(url: str, messages: int, seed: int = 7) -> Figures:
    """Drive the booking conversation `messages` times (plus a warm-up) and time each BotCore.handle."""
    settings = load_settings(str(ROOT / "config.example.toml"))
    office = FakeOffice(settings, MONDAY_MORNING, database_url=url)
    people = [office.person(name) for name in PEOPLE]
    core = office.core
    rng = random.Random(seed)
    ids = iter(range(10**9))
    times: list[float] = []
    outcomes: Counter[str] = Counter()
    pending: dict[str, Outgoing] = {}
    total = messages + WARM_UP
    while len(times) < total:
        person = rng.choice(people)
        readback = pending.pop(person.name, None)
        if readback is not None:
            button = readback.buttons[0]
            incoming = Incoming(event_id=f"b:{next(ids)}", chat=readback.chat, user=person.user,
                                action=button.action, value=button.value)
        else:
            text = f"订{rng.choice(DAYS)}{rng.choice(SLOTS)}的{rng.choice(ROOMS)}"
            incoming = Incoming(event_id=f"b:{next(ids)}", chat=person.private_chat, user=person.user, text=text)
        started = time.perf_counter()
        replies = core.handle(incoming)
        times.append(time.perf_counter() - started)
        label = outcome(replies)
        outcomes[label] += 1
        if label in ("read-back", "taken") and replies[0].buttons:
            pending[person.name] = replies[0]  # next: Confirm, or the first alternative offered
    office.app.engine.dispose()
    measured = sorted(times[WARM_UP:])
    return Figures(database=url.split(":", 1)[0].split("+", 1)[0], messages=len(measured),
                   seconds=sum(measured), median_ms=statistics.median(measured) * 1000,
                   p99_ms=measured[int(len(measured) * 0.99)] * 1000, outcomes=outcomes)


def postgres_database(base: str) -> tuple[str, str]:
    """A fresh database on the test server: (its URL, its name)."""
    from sqlalchemy import create_engine, text

    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.rsplit("/", 1)[0] + "/" + name, name


def drop_database(base: str, name: str) -> None:
    """Drop a database made by postgres_database."""
    from sqlalchemy import create_engine, text

    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_server() -> str | None:
    """$MISHU_TEST_PG_URL, or the server scripts/test-postgres.sh starts; None when there is none."""
    url = os.environ.get("MISHU_TEST_PG_URL")
    if url:
        return url
    done = subprocess.run([str(ROOT / "scripts" / "test-postgres.sh")], capture_output=True, text=True)
    return done.stdout.strip() or None


def show(fig: Figures) -> None:
    """Print one run's figures."""
    mix = ", ".join(f"{k} {v}" for k, v in sorted(fig.outcomes.items()))
    print(f"{fig.database:10s}: {fig.per_second:6.0f} messages/s  median {fig.median_ms:5.2f} ms  "
          f"p99 {fig.p99_ms:5.2f} ms  ({fig.messages} messages; replies: {mix})")


def main() -> int:
    """Print the figures; exit 1 when the SQLite target (>= 300/s, p99 <= 20 ms) is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--pg", default=None, help="a PostgreSQL server URL (a database is created on it)")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = run(f"sqlite:///{Path(tmp) / 'bench.db'}", args.messages)
    show(sqlite)
    base = None if args.no_pg else (args.pg or test_server())
    if base:
        url, name = postgres_database(base)
        try:
            show(run(url, args.messages))
        finally:
            drop_database(base, name)
    elif not args.no_pg:
        print("postgresql: no server (scripts/test-postgres.sh could not start one); skipped")
    ok = sqlite.per_second >= 300 and sqlite.p99_ms <= 20
    print(f"SQLite target (>= 300 messages/s, p99 <= 20 ms): {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
