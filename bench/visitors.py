"""Benchmark: register 10,000 visitors in a temporary SQLite database, then time listing one day."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from adapters.fake import FakeOffice  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.context import Context  # noqa: E402
from bot.understanding.commands import ParsedCommand  # noqa: E402
from bot.visitors import store  # noqa: E402
from bot.visitors.lists import list_visitors  # noqa: E402
from bot.visitors.register import create  # noqa: E402
from storage.models import Person  # noqa: E402
from storage.uow import unit_of_work  # noqa: E402

TOTAL = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
PER_DAY = 50
BATCH = 500
START = datetime(2026, 5, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
HOSTS = ("后勤处", "财务处", "信息科", "王主任")


def main() -> None:
    """Fill the database through the registration service and print the timings."""
    settings = load_settings(str(ROOT / "config.example.toml"))
    with tempfile.TemporaryDirectory() as tmp:
        office = FakeOffice(settings, START, database_url=f"sqlite:///{Path(tmp) / 'bench.db'}")
        engine = office.app.engine
        with unit_of_work(engine) as session:
            hosts = {h: store.resolve_host(session, h) for h in HOSTS}
        began = time.perf_counter()
        for first in range(0, TOTAL, BATCH):
            with unit_of_work(engine) as session:
                chen = session.exec(select(Person).where(Person.name == "陈静")).one()
                for i in range(first, min(first + BATCH, TOTAL)):
                    now = START + timedelta(days=i // PER_DAY, minutes=(i % PER_DAY) * 9)
                    ctx = Context(session=session, settings=settings, now=now, person=chen, lang="zh-Hans")
                    host_text = HOSTS[i % len(HOSTS)]
                    host, dept = (session.merge(x) if x is not None else None for x in hosts[host_text])
                    create(ctx, {"visitor": f"来访人{i % 3000}", "org": f"第{i % 40}村", "phone": f"138{i % 7000:08d}",
                                 "purpose": "反映问题", "category": "反映问题", "host": host_text, "start": None},
                           host, dept)
        registered = time.perf_counter() - began
        print(f"registered {TOTAL} visitors in {registered:.1f} s ({registered / TOTAL * 1000:.2f} ms each)")
        day = START + timedelta(days=min(100, TOTAL // PER_DAY // 2))
        timings = []
        with unit_of_work(engine) as session:
            reader = session.exec(select(Person).where(Person.name == "陈静")).one()
            ctx = Context(session=session, settings=settings, now=day, person=reader, lang="zh-Hans")
            command = ParsedCommand(text="今天有哪些来访", lang="zh", intent="visitor.list",
                                    slots={"start": day.replace(hour=0, minute=0).isoformat()})
            for _ in range(50):
                t0 = time.perf_counter()
                result = list_visitors(ctx, command)
                timings.append((time.perf_counter() - t0) * 1000)
        shown = result.params.get("n") if not isinstance(result, list) else None
        print(f"list one day ({shown} visitors): median {statistics.median(timings):.2f} ms (target <= 20 ms)")
        engine.dispose()


if __name__ == "__main__":
    main()
