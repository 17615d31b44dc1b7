"""Migrations build the whole schema from an empty database, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel, select

import storage.all_models  # noqa: F401
from storage.db import make_engine
from storage.migrate import current_revision, upgrade
from storage.models import AuditLog
from storage.uow import unit_of_work


def test_upgrade_from_empty_database_matches_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) is not None
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    assert {"person", "outbox", "auditlog", "dialogstate"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_upgrade_twice_changes_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    first = current_revision(engine)
    upgrade(engine)
    assert current_revision(engine) == first
    engine.dispose()


def test_instants_are_stored_in_utc_and_come_back_aware(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    shanghai_nine = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    with unit_of_work(engine) as session:
        session.add(AuditLog(at=shanghai_nine, action="test.instant"))
    with engine.connect() as conn:
        raw = conn.execute(text("SELECT at FROM auditlog")).scalar_one()
    assert str(raw).startswith("2026-11-23 01:00:00")  # UTC on disk
    with unit_of_work(engine) as session:
        row = session.exec(select(AuditLog)).one()
    assert row.at == shanghai_nine and row.at.utcoffset() == timedelta(0)
    engine.dispose()


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 5000
    engine.dispose()
