"""The parser's cached room list: a room added in this process is known at once, by another within the TTL."""

from __future__ import annotations

import pytest
from sqlmodel import select

import bot.core
from adapters.fake import FakeOffice
from storage.models import Room
from storage.uow import unit_of_work


def rooms_the_parser_knows(office: FakeOffice) -> set[str]:
    """Names in the core's room facts, read as a message would."""
    with unit_of_work(office.app.engine) as session:
        return {fact.name for fact in office.core.room_facts(session)}


def test_a_room_written_in_this_process_is_known_at_once(office: FakeOffice) -> None:
    assert "402" not in rooms_the_parser_knows(office)
    with unit_of_work(office.app.engine) as session:
        session.add(Room(name="402", capacity=12))
    assert "402" in rooms_the_parser_knows(office)
    with unit_of_work(office.app.engine) as session:
        room = session.exec(select(Room).where(Room.name == "402")).one()
        room.active = False
        session.add(room)
    assert "402" not in rooms_the_parser_knows(office)


def test_a_rolled_back_room_is_not_known(office: FakeOffice) -> None:
    before = rooms_the_parser_knows(office)
    with pytest.raises(RuntimeError), unit_of_work(office.app.engine) as session:
        session.add(Room(name="403", capacity=6))
        session.flush()
        raise RuntimeError("rolled back")
    assert rooms_the_parser_knows(office) == before


def test_a_room_added_by_another_process_is_known_after_the_ttl(office: FakeOffice,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert "404" not in rooms_the_parser_knows(office)
    with office.app.engine.begin() as conn:  # plain SQL, as another process's write looks from here
        conn.execute(Room.__table__.insert().values(name="404", capacity=4, building="", needs_approval=False,
                                                    active=True))
    assert "404" not in rooms_the_parser_knows(office)  # still cached
    clock = bot.core.time.monotonic
    monkeypatch.setattr(bot.core.time, "monotonic", lambda: clock() + bot.core.ROOM_FACTS_TTL + 0.1)
    assert "404" in rooms_the_parser_knows(office)


async def test_a_room_added_by_the_admin_command_is_parsed_in_the_next_message(office: FakeOffice) -> None:
    assert "402" not in rooms_the_parser_knows(office)  # the cache is warm, without 402
    qian = office.person("钱峰")
    await qian.says("添加会议室 402 12人")
    assert "402" in qian.last_reply
    assert "402" in rooms_the_parser_knows(office)
