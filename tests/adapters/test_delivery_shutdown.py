"""`mishu run` stopped with SIGTERM while the outbox is being delivered: nothing lost, nothing marked sent early."""

from __future__ import annotations

import asyncio
import signal
import sys
import tomllib
from collections import Counter
from pathlib import Path

import tomli_w
from sqlmodel import select

from bot.bootstrap import build_app
from bot.clock import SystemClock
from bot.config import load_settings
from bot.directory import link_identity
from storage.db import make_engine
from storage.models import Outbox, OutboxStatus, Person
from storage.uow import unit_of_work
from tests.fakes.telegram_api import FakeTelegramAPI

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 12
FIRST_ID = 91_000


def service_config(tmp_path: Path, api: FakeTelegramAPI) -> Path:
    """config.example.toml with a temp SQLite database and Telegram pointed at the fake server."""
    with open(ROOT / "config.example.toml", "rb") as fh:
        raw = tomllib.load(fh)
    raw["database"]["url"] = f"sqlite:///{tmp_path / 'run.db'}"
    raw["telegram"].update(enabled=True, token=api.token, base_url=api.base_url, mode="polling")
    path = tmp_path / "config.toml"
    path.write_bytes(tomli_w.dumps(raw).encode())
    return path


def queue_pushes(config: Path) -> None:
    """Migrate, load the directory, link RECIPIENTS people on Telegram and notify each (through the core)."""
    settings = load_settings(str(config))
    clock = SystemClock()
    app = build_app(settings, frozenset({"telegram"}), clock)
    with unit_of_work(app.engine) as session:
        people = [Person(name=f"同事{i:02d}") for i in range(RECIPIENTS)]
        session.add_all(people)
        session.flush()
        for i, person in enumerate(people):
            link_identity(session, person, "telegram", str(FIRST_ID + i), str(FIRST_ID + i), clock.now())
        ctx = app.core.job_context(session, clock.now())
        for person in people:
            assert ctx.notify(person, "help")
    app.engine.dispose()


def rows(config: Path) -> list[Outbox]:
    """The outbox after the service stopped."""
    engine = make_engine(load_settings(str(config)).database_url)
    with unit_of_work(engine) as session:
        found = list(session.exec(select(Outbox).order_by(Outbox.id)))  # type: ignore[arg-type]
        session.expunge_all()
    engine.dispose()
    return found


async def test_sigterm_mid_delivery_leaves_the_rest_pending(fake_telegram: FakeTelegramAPI,
                                                            tmp_path: Path) -> None:
    config = service_config(tmp_path, fake_telegram)
    queue_pushes(config)
    fake_telegram.slow_down(0.4, frozenset({"sendMessage"}))
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", "--config", str(config),
                                                cwd=ROOT, stderr=asyncio.subprocess.PIPE)
    try:
        await fake_telegram.wait_for("sendMessage", count=3, timeout=25)
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(proc.communicate(), timeout=25)
    log = err.decode()
    assert proc.returncode == 0, log[-2000:]
    assert "Traceback" not in log and fake_telegram.token not in log

    outbox = rows(config)
    assert len(outbox) == RECIPIENTS
    statuses = Counter(row.status for row in outbox)
    delivered = {chat for chat, _ in fake_telegram.messages}
    assert 3 <= statuses[OutboxStatus.SENT] < RECIPIENTS  # stopped part-way
    assert set(statuses) == {OutboxStatus.SENT, OutboxStatus.PENDING}  # nothing left claimed or failed
    assert {row.chat_id for row in outbox if row.status == OutboxStatus.SENT} == delivered
    assert len(fake_telegram.calls_to("sendMessage")) == len(delivered)  # every call was a completed send
    stopped_at = SystemClock().now()
    for row in outbox:
        if row.status == OutboxStatus.PENDING:
            assert row.attempts == 0 and row.sent_at is None and row.chat_id not in delivered
            assert row.next_attempt_at <= stopped_at  # due at once on the next start, not leased away
