"""Shared fixtures: the demo office from config.example.toml on a frozen clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from adapters.fake import FakeOffice
from bot.config import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONFIG = ROOT / "config.example.toml"
SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Monday morning in the office: 2026-11-23 09:00 Asia/Shanghai.
MONDAY_MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The demo office's settings."""
    return load_settings(str(EXAMPLE_CONFIG))


def scenario_backend() -> str:
    """The database scenario tests run on: sqlite (default) or postgresql (MISHU_TEST_BACKEND)."""
    import os

    return os.environ.get("MISHU_TEST_BACKEND", "sqlite")


@pytest.fixture
def office(settings: Settings, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[FakeOffice]:
    """The demo office on the fake platform, Monday 09:00, with a fresh database (SQLite unless
    MISHU_TEST_BACKEND=postgresql, which `make test` sets for its second pass)."""
    if scenario_backend() == "postgresql":
        url = str(request.getfixturevalue("postgres_url"))
    else:
        url = f"sqlite:///{tmp_path / 'office.db'}"
    office = FakeOffice(settings, MONDAY_MORNING, database_url=url)
    yield office
    office.app.engine.dispose()


def _postgres_url() -> str | None:
    import os

    return os.environ.get("MISHU_TEST_PG_URL") or None


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; skipped (and said) when no server is running."""
    import uuid

    from sqlalchemy import create_engine, text

    base = _postgres_url()
    if not base:
        pytest.skip("PostgreSQL: no server (set MISHU_TEST_PG_URL or run `make test`, which starts one)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each storage test runs on SQLite and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mishu.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def any_office(settings: Settings, database_url: str) -> Iterator[FakeOffice]:
    """The demo office on SQLite and on PostgreSQL."""
    office = FakeOffice(settings, MONDAY_MORNING, database_url=database_url)
    yield office
    office.app.engine.dispose()
