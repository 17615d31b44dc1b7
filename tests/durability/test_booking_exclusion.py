"""PostgreSQL refuses overlapping active bookings of one room by itself (migration 0007_booking_exclusion)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from adapters.fake import FakeOffice
from bot.config import Settings
from bot.rooms import booking, create
from bot.rooms.availability import conflicts
from storage.db import make_engine
from storage.migrate import current_revision, upgrade
from storage.models import Person, Room
from storage.uow import unit_of_work
from tests.conftest import MONDAY_MORNING
from tests.scenarios.rooms_helpers import Script, at, bookings, with_booking_policy

T = datetime(2026, 11, 24, 7, 0)  # naive UTC, as stored: Tuesday 15:00 in Shanghai


@pytest.fixture
def pg_engine(postgres_url: str) -> Iterator[Engine]:
    """A migrated PostgreSQL database with one person and two rooms."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        session.add_all([Person(id=1, name="甲"), Room(id=1, name="301", capacity=8), Room(id=2, name="302", capacity=8)])
    yield engine
    engine.dispose()


def insert_booking(engine: Engine, room_id: int, start: datetime, hours: float, status: str = "confirmed") -> None:
    """A booking written with plain SQL, past every check of the service."""
    with engine.begin() as conn:
        conn.execute(text(
            'INSERT INTO booking (room_id, organizer_id, start, "end", title, chair, status, created_at, '
            "approval_reason, override) VALUES (:room, 1, :start, :end, '', '', :status, :start, '', false)"),
            {"room": room_id, "start": start, "end": start + timedelta(hours=hours), "status": status})


def test_the_migration_is_part_of_the_heads(pg_engine: Engine) -> None:
    assert "0007_booking_exclusion" in (current_revision(pg_engine) or "")
    with pg_engine.connect() as conn:
        kind = conn.execute(text("SELECT contype FROM pg_constraint WHERE conname = 'booking_room_no_overlap'"))
        assert kind.scalar_one() == "x"


def test_overlapping_active_booking_is_refused_by_the_database(pg_engine: Engine) -> None:
    insert_booking(pg_engine, 1, T, 1)
    for start, hours, status in ((T + timedelta(minutes=30), 1, "confirmed"), (T - timedelta(minutes=30), 1,
                                 "pending_approval"), (T + timedelta(minutes=10), 0.25, "confirmed")):
        with pytest.raises(IntegrityError) as refused:
            insert_booking(pg_engine, 1, start, hours, status)
        assert create.is_overlap(refused.value) and "booking_room_no_overlap" in str(refused.value)


def test_what_does_not_hold_the_room_is_allowed(pg_engine: Engine) -> None:
    insert_booking(pg_engine, 1, T, 1)
    insert_booking(pg_engine, 1, T + timedelta(hours=1), 1)  # back to back: [15:00, 16:00) then [16:00, 17:00)
    insert_booking(pg_engine, 1, T - timedelta(hours=1), 1)
    insert_booking(pg_engine, 2, T, 1)  # another room
    insert_booking(pg_engine, 1, T, 1, status="cancelled")
    insert_booking(pg_engine, 1, T + timedelta(minutes=15), 0.5, status="released")


def test_an_update_into_an_overlap_is_refused_too(pg_engine: Engine) -> None:
    insert_booking(pg_engine, 1, T, 1)
    insert_booking(pg_engine, 1, T + timedelta(hours=2), 1, status="cancelled")
    with pytest.raises(IntegrityError):  # reviving a cancelled booking into a taken slot
        with pg_engine.begin() as conn:
            conn.execute(text("UPDATE booking SET status = 'confirmed', start = :s WHERE status = 'cancelled'"),
                         {"s": T + timedelta(minutes=30)})


async def test_a_refusal_by_the_constraint_gets_the_normal_conflict_reply(
        settings: Settings, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    office = FakeOffice(with_booking_policy(settings, dialog_skip=True), MONDAY_MORNING, database_url=postgres_url)
    try:
        script = Script(office)
        text_ = script.expect("订明天下午三点到四点的301", "room.book", room="301", start=at(11, 24, 15),
                              end=at(11, 24, 16))
        await office.person("王志强").says(text_)
        assert "已预订 301" in office.person("王志强").last_reply
        # A writer that skipped the check under the room's lock: only the constraint stands in the way.
        calls: list[int] = []

        def blind_then_real(session, room_id, start, end, exclude_id=None):  # type: ignore[no-untyped-def]
            calls.append(room_id)
            return [] if len(calls) == 1 else conflicts(session, room_id, start, end, exclude_id)

        monkeypatch.setattr(create, "conflicts", blind_then_real)
        monkeypatch.setattr(booking, "conflicts", lambda *args, **kwargs: [])  # the early check, too
        zhang = office.person("张敏")
        await zhang.says(script.expect("订明天下午三点半到四点半的301", "room.book", room="301",
                                       start=at(11, 24, 15, 30), end=at(11, 24, 16, 30)))
        assert "301在 11月24日(周二) 15:00–16:00 已被「会议」占用" in zhang.last_reply, zhang.last_reply
        assert "出了问题" not in zhang.last_reply
        assert len(calls) == 2
        assert [(b.start, b.status) for b in bookings(office)] == [(at(11, 24, 15), "confirmed")]
    finally:
        office.app.engine.dispose()


def test_sqlite_has_no_constraint_and_still_migrates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    upgrade(engine)
    assert "0007_booking_exclusion" in (current_revision(engine) or "")
    engine.dispose()


def test_instants_in_the_constraint_are_utc() -> None:
    assert T.replace(tzinfo=UTC) == at(11, 24, 15)
