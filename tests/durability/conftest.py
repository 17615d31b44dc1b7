"""Helpers for durability tests: real `mishu run` processes on one database, against the fake Telegram API."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tomllib
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest_asyncio
import tomli_w
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.bootstrap import build_app
from bot.clock import SystemClock
from bot.config import load_settings
from bot.directory import link_identity
from bot.scheduler import TIMER_LOCK_KEY
from storage.db import make_engine
from storage.models import Person
from storage.uow import unit_of_work
from tests.fakes.telegram_api import FakeTelegramAPI, fake_telegram

__all__ = ["fake_telegram"]

ROOT = Path(__file__).resolve().parents[2]


def service_config(tmp_path: Path, api: FakeTelegramAPI, database_url: str, tick_seconds: float = 0.5,
                   lease_seconds: float = 3.0) -> Path:
    """config.example.toml on `database_url`, Telegram pointed at the fake, fast timers and short leases."""
    with open(ROOT / "config.example.toml", "rb") as fh:
        raw = tomllib.load(fh)
    raw["database"]["url"] = database_url
    raw["telegram"].update(enabled=True, token=api.token, base_url=api.base_url, mode="polling")
    raw["scheduler"] = {"tick_seconds": tick_seconds}
    raw["delivery"] = {"lease_seconds": lease_seconds}
    path = tmp_path / "config.toml"
    path.write_bytes(tomli_w.dumps(raw).encode())
    return path


def prepare(config: Path, people: int, first_chat: int) -> tuple[Engine, list[tuple[int, str]]]:
    """Migrate, load the directory and add `people` people linked on Telegram: (person id, chat id) each."""
    settings = load_settings(str(config))
    clock = SystemClock()
    app = build_app(settings, frozenset({"telegram"}), clock)
    with unit_of_work(app.engine) as session:
        made = [Person(name=f"同事{i:03d}", language="zh-Hans") for i in range(people)]
        session.add_all(made)
        session.flush()
        linked = []
        for i, person in enumerate(made):
            chat = str(first_chat + i)
            link_identity(session, person, "telegram", chat, chat, clock.now())
            linked.append((person.id or 0, chat))
    return app.engine, linked


def with_application_name(url: str, name: str) -> str:
    """The URL with a PostgreSQL application_name, so a test can tell which process holds a lock."""
    return f"{url}{'&' if '?' in url else '?'}application_name={name}"


def timer_holders(engine: Engine) -> list[str]:
    """application_name of every session holding the timer advisory lock (at most one, by design)."""
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = :key"),
            {"key": TIMER_LOCK_KEY}).scalars().all()
    return [str(r) for r in rows]


@dataclass
class Service:
    """One `mishu run` subprocess; its log goes to a file (a pipe nobody reads could block it)."""

    name: str
    config: Path
    database_url: str
    log_path: Path
    proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start the process and wait until it says it runs (on PostgreSQL with its own application_name, so
        a test can tell which process holds a lock)."""
        env = dict(os.environ)
        if self.database_url.startswith("postgresql"):
            env["MISHU_DATABASE_URL"] = with_application_name(self.database_url, self.name)
        with open(self.log_path, "ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", "--config", str(self.config), "--log-level", "INFO",
                cwd=ROOT, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=log)
        await wait_until(lambda: "mishu run: started" in self.log or self._exited(), timeout=30)
        assert not self._exited(), self.log[-3000:]

    def _exited(self) -> bool:
        return self.proc is not None and self.proc.returncode is not None

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs; the database session (and its advisory lock) dies with it."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()

    async def stop(self) -> int:
        """SIGTERM and wait for a graceful exit."""
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.proc.wait(), timeout=30)

    @property
    def log(self) -> str:
        """What the process wrote to stderr so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@dataclass
class Services:
    """The `mishu run` processes a test started; all stopped at the end."""

    tmp_path: Path
    running: list[Service] = field(default_factory=list)

    def make(self, name: str, config: Path, database_url: str) -> Service:
        """A service not started yet."""
        service = Service(name, config, database_url, self.tmp_path / f"{name}.log")
        self.running.append(service)
        return service


@pytest_asyncio.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    """Started services are killed at the end of the test if still running."""
    made = Services(tmp_path)
    yield made
    for service in made.running:
        if service.proc is not None and service.proc.returncode is None:
            service.proc.kill()
            await service.proc.wait()


def sends_per_chat(api: FakeTelegramAPI, fragment: str) -> Counter[str]:
    """How many sendMessage calls containing `fragment` each chat got (counted on arrival at the fake)."""
    return Counter(str(c.params.get("chat_id")) for c in api.calls_to("sendMessage")
                   if fragment in str(c.params.get("text", "")))


async def wait_until(predicate: object, timeout: float, step: float = 0.1) -> float:
    """Wait until the callable returns true; returns the seconds it took (AssertionError on timeout)."""
    assert callable(predicate)
    loop = asyncio.get_running_loop()
    start = loop.time()
    while not predicate():
        if loop.time() - start > timeout:
            raise AssertionError(f"not true within {timeout} s")
        await asyncio.sleep(step)
    return loop.time() - start


def make_engine_for(url: str) -> Engine:
    """An engine for the test's own checks."""
    return make_engine(url)
