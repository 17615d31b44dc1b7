"""Reminder lateness: how long after its due time a reminder reaches the outbox, with 10,000 pending.

The database holds 10,000 confirmed bookings (1,000 rooms, 200 organisers) whose 15-minute reminders fall
due one after another over 100 minutes. The timer ticks on a virtual clock every `--tick` seconds and runs
every due job, as `mishu run` does; a reminder's lateness is the wait for the tick that finds it plus the
wall time that tick takes until its work is committed to the outbox (the hand-off to the delivery worker).
A second scenario puts all 10,000 due at once (the first tick after a long outage) and times that tick.

    .venv/bin/python bench/reminder_lateness.py [--items 10000] [--tick 1 --tick 15]

Target: p99 lateness <= 2 s. (Waiting for the tick is the tick interval: [scheduler] tick_seconds.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/reminder_lateness.py` puts bench/ first, not the project
    sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from bot.bootstrap import build_app  # noqa: E402
from bot.clock import FrozenClock  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.directory import link_identity  # noqa: E402
from storage.models import Outbox, Person, Room  # noqa: E402
from storage.models_rooms import Booking  # noqa: E402
from storage.uow import unit_of_work  # noqa: E402

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai
REMINDER = timedelta(minutes=15)  # [booking] reminder_minutes of the demo configuration
ROOMS, ORGANISERS = 1000, 200
BURST_AT = timedelta(minutes=13)  # the clock jumps here: every burst booking starts within 15 minutes


def load(url: str, items: int, spread: timedelta) -> tuple[object, FrozenClock]:
    """A migrated database with `items` bookings whose reminders fall due over `spread` from T0."""
    settings = load_settings(str(ROOT / "config.example.toml"))
    clock = FrozenClock(T0)
    app = build_app(settings, frozenset({"fake"}), clock, database_url=url)
    per_room = -(-items // ROOMS)
    length = spread / per_room if spread else timedelta(minutes=30)
    with unit_of_work(app.engine) as session:
        rooms = [Room(name=f"R{i:04d}", capacity=8) for i in range(ROOMS)]
        people = [Person(name=f"组织者{i:03d}") for i in range(ORGANISERS)]
        session.add_all(rooms + people)
        session.flush()
        for person in people:
            link_identity(session, person, "fake", person.name, f"dm:{person.name}", T0)
        for i in range(items):
            room, slot = rooms[i % ROOMS], i // ROOMS
            # Back to back in each room (PostgreSQL refuses overlaps); due times interleave across rooms.
            if spread:
                start = T0 + REMINDER + slot * length + (length * (i % ROOMS)) / ROOMS
            else:  # all within the next 15 minutes after BURST_AT: every reminder due at once
                start, length = T0 + REMINDER + timedelta(seconds=1 + slot * 85), timedelta(seconds=80)
            session.add(Booking(room_id=room.id or 0, organizer_id=people[i % ORGANISERS].id or 0, start=start,
                                end=start + length, created_at=T0))
    return app, clock


def lateness(app: object, tick_wall: dict[datetime, float]) -> list[float]:
    """Seconds from each reminder's due time to its hand-off (the committing tick's end)."""
    engine = app.engine  # type: ignore[attr-defined]
    with unit_of_work(engine) as session:
        starts = {str(b.id): b.start for b in session.exec(select(Booking))}
        rows = list(session.exec(select(Outbox).where(Outbox.source_type == "booking")))
    return [((row.created_at - (starts[row.source_id] - REMINDER)).total_seconds() + tick_wall[row.created_at])
            for row in rows]


def steady(url: str, items: int, tick: float) -> None:
    """Reminders due one after another over 100 minutes; a tick every `tick` virtual seconds."""
    spread = timedelta(minutes=100)
    app, clock = load(url, items, spread)
    core = app.core  # type: ignore[attr-defined]
    tick_wall: dict[datetime, float] = {}
    walls = []
    end = T0 + spread + timedelta(seconds=tick)
    while clock.now() < end:
        clock.advance(timedelta(seconds=tick))
        started = time.perf_counter()
        core.tick()
        walls.append(time.perf_counter() - started)
        tick_wall[clock.now()] = walls[-1]
    late = sorted(lateness(app, tick_wall))
    app.engine.dispose()  # type: ignore[attr-defined]
    print(f"steady, tick every {tick:g} s: {len(late)} reminders over 100 min; lateness median "
          f"{statistics.median(late):.2f} s, p99 {late[int(len(late) * 0.99)]:.2f} s, max {late[-1]:.2f} s; "
          f"tick wall time median {statistics.median(walls) * 1000:.1f} ms, max {max(walls) * 1000:.0f} ms")
    assert len(late) == items, f"{len(late)} of {items} reminders handed off"


def burst(url: str, items: int) -> float:
    """All `items` reminders due at once (the first tick after an outage): that tick's wall time."""
    app, clock = load(url, items, timedelta(0))
    core = app.core  # type: ignore[attr-defined]
    clock.advance(BURST_AT)
    started = time.perf_counter()
    done = core.tick()
    wall = time.perf_counter() - started
    app.engine.dispose()  # type: ignore[attr-defined]
    print(f"burst: {done} reminders due at once (the first tick after an outage); that tick hands them all "
          f"off in {wall:.2f} s ({wall / max(1, done) * 1000:.2f} ms each, one transaction)")
    return wall


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--tick", type=float, action="append", help="tick interval(s) in seconds (default 1 and 15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for i, tick in enumerate(args.tick or [1.0, 15.0]):
            steady(f"sqlite:///{Path(tmp) / f's{i}.db'}", args.items, tick)
        burst(f"sqlite:///{Path(tmp) / 'b.db'}", args.items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
