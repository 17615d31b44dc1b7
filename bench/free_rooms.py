"""Benchmark: "which rooms are free?" over 50 rooms and 100,000 bookings in a temp SQLite DB (median, p95)."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from bot.rooms.availability import free_rooms  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Person, Room  # noqa: E402
from storage.models_rooms import Booking  # noqa: E402
from storage.uow import unit_of_work  # noqa: E402

ROOMS = 50
BOOKINGS = 100_000
RUNS = 200
FIRST_DAY = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


def build(url: str) -> None:
    """50 rooms, one organiser, 100,000 bookings of 30-120 minutes spread over office hours."""
    engine = make_engine(url)
    upgrade(engine)
    rng = random.Random(7)
    with unit_of_work(engine) as session:
        session.add(Person(name="bench"))
        for i in range(ROOMS):
            session.add(Room(name=f"room {i + 1}", capacity=rng.choice((6, 8, 10, 12, 20, 40))))
    rows = []
    per_room = BOOKINGS // ROOMS
    for room_id in range(1, ROOMS + 1):
        day, minute = 0, 0
        for _ in range(per_room):
            length = rng.choice((30, 60, 90, 120))
            if minute + length > 9 * 60:
                day, minute = day + 1, 0
            start = FIRST_DAY + timedelta(days=day, minutes=minute)
            rows.append({"room_id": room_id, "organizer_id": 1, "start": start, "end": start + timedelta(minutes=length),
                         "title": "bench", "chair": "", "status": "confirmed", "created_at": FIRST_DAY,
                         "approval_reason": "", "override": False})
            minute += length + rng.choice((0, 0, 30, 60))
    with unit_of_work(engine) as session:
        session.execute(insert(Booking), rows)
    engine.dispose()


def measure(url: str) -> list[float]:
    """Milliseconds of RUNS free-room queries at random office-hour slots."""
    engine = make_engine(url)
    rng = random.Random(11)
    timings = []
    with unit_of_work(engine) as session:
        for _ in range(RUNS):
            start = FIRST_DAY + timedelta(days=rng.randrange(0, 500), minutes=30 * rng.randrange(0, 16))
            began = time.perf_counter()
            free_rooms(session, start, start + timedelta(hours=1), rng.choice((0, 8, 12)))
            timings.append((time.perf_counter() - began) * 1000)
    engine.dispose()
    return timings


def main() -> None:
    """Build the database, run the queries, print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        began = time.perf_counter()
        build(url)
        print(f"built {ROOMS} rooms and {BOOKINGS} bookings in {time.perf_counter() - began:.1f} s")
        timings = sorted(measure(url))
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"free-room query over {RUNS} runs: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms "
          f"(target median <= 20 ms)")


if __name__ == "__main__":
    main()
