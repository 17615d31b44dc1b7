"""Resident memory of `mishu run` with 100,000 bookings in the database, against the local fake Telegram API.

The database gets the demo directory, 100 rooms and 100,000 bookings (from two months back to two months
ahead, some due for reminders). `mishu run` is started on it with Telegram pointed at the fake Bot API,
warmed up (ticks every second; people ask for help, their schedule and book a room), and then its
/proc/PID/status is read: VmRSS now and VmHWM (the peak so far).

    .venv/bin/python bench/memory_run.py [--bookings 100000] [--pg URL]

Target: VmRSS <= 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/memory_run.py` puts bench/ first, not the project
    sys.path.insert(0, str(ROOT))

import tomli_w  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlmodel import select  # noqa: E402

from bot.bootstrap import build_app  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.directory import link_identity  # noqa: E402
from storage.models import Person, Room  # noqa: E402
from storage.models_rooms import Booking  # noqa: E402
from storage.uow import unit_of_work  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramAPI, private_message  # noqa: E402

ROOMS = 100
FIRST_CHAT = 81_000
ASKS = ("帮助", "我这周的会议室预订", "订明天下午三点到四点的301", "确认", "301明天下午有空吗")


def config_for(tmp: Path, api: FakeTelegramAPI, url: str) -> Path:
    """The demo configuration on `url`, Telegram on the fake, a tick every second."""
    with open(ROOT / "config.example.toml", "rb") as fh:
        raw = tomllib.load(fh)
    raw["database"]["url"] = url
    raw["telegram"].update(enabled=True, token=api.token, base_url=api.base_url, mode="polling")
    raw["scheduler"] = {"tick_seconds": 1}
    path = tmp / "config.toml"
    path.write_bytes(tomli_w.dumps(raw).encode())
    return path


def fill(config: Path, bookings: int) -> list[str]:
    """Migrate, load the directory, link everyone on Telegram, add rooms and bookings; the chat ids."""
    settings = load_settings(str(config))
    now = SystemClock().now()
    app = build_app(settings, frozenset({"telegram"}), SystemClock())
    with unit_of_work(app.engine) as session:
        people = list(session.exec(select(Person)))
        chats = []
        for i, person in enumerate(people):
            link_identity(session, person, "telegram", str(FIRST_CHAT + i), str(FIRST_CHAT + i), now)
            chats.append(str(FIRST_CHAT + i))
        rooms = [Room(name=f"B{i:03d}", capacity=10) for i in range(ROOMS)]
        session.add_all(rooms)
        session.flush()
        room_ids, person_ids = [r.id for r in rooms], [p.id for p in people]
    per_room = -(-bookings // ROOMS)
    first = (now - timedelta(days=60)).replace(minute=0, second=0, microsecond=0)
    step = timedelta(days=120) / per_room  # back to back in each room: no overlaps
    rows = []
    for i in range(bookings):
        start = first + step * (i // ROOMS)
        rows.append({"room_id": room_ids[i % ROOMS], "organizer_id": person_ids[i % len(person_ids)],
                     "start": start, "end": start + step, "title": f"例会{i}", "chair": "", "status": "confirmed",
                     "created_at": now, "approval_reason": "", "override": False})
    with app.engine.begin() as conn:
        for chunk in range(0, len(rows), 10_000):
            conn.execute(insert(Booking), rows[chunk:chunk + 10_000])
    app.engine.dispose()
    return chats


def status_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in kB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


async def measure(config: Path, api: FakeTelegramAPI, chats: list[str], warm_seconds: float) -> dict[str, int]:
    """Start `mishu run`, warm it up, read its memory, stop it with SIGTERM."""
    log = open(config.parent / "run.log", "wb")  # noqa: SIM115 - closed below
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", "--config", str(config),
                                                cwd=ROOT, stderr=log, stdout=asyncio.subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while b"mishu run: started" not in (config.parent / "run.log").read_bytes():
            if time.monotonic() > deadline or proc.returncode is not None:
                raise RuntimeError((config.parent / "run.log").read_text()[-2000:])
            await asyncio.sleep(0.2)
        update = 1
        for text in ASKS:
            for chat in chats[:8]:
                api.push_update(private_message(int(chat), text, name="同事", message_id=update))
                update += 1
        await api.wait_for("sendMessage", count=len(ASKS) * 8, timeout=60)
        await asyncio.sleep(warm_seconds)
        return status_kb(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), timeout=30)
        log.close()


async def run(bookings: int, url: str | None, warm_seconds: float) -> dict[str, int]:
    """The whole measurement on a fresh database."""
    api = FakeTelegramAPI()
    await api.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            config = config_for(Path(tmp), api, url or f"sqlite:///{Path(tmp) / 'mem.db'}")
            started = time.perf_counter()
            chats = await asyncio.to_thread(fill, config, bookings)
            print(f"database: {bookings} bookings in {ROOMS} rooms, filled in {time.perf_counter() - started:.1f} s")
            return await measure(config, api, chats, warm_seconds)
    finally:
        await api.stop()


def main() -> int:
    """Print VmRSS/VmHWM; exit 1 over 200 MB."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--pg", default=None, help="an empty PostgreSQL database URL (default: SQLite)")
    parser.add_argument("--warm", type=float, default=10.0, help="seconds of ticking after the messages")
    args = parser.parse_args()
    os.environ.pop("MISHU_DATABASE_URL", None)
    kb = asyncio.run(run(args.bookings, args.pg, args.warm))
    print(f"mishu run ({'PostgreSQL' if args.pg else 'SQLite'}): VmRSS {kb['VmRSS'] / 1024:.0f} MB, "
          f"peak VmHWM {kb['VmHWM'] / 1024:.0f} MB (target VmRSS <= 200 MB) at {datetime.now(UTC):%Y-%m-%d}")
    return 0 if kb["VmRSS"] <= 200 * 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
