"""Never two overlapping bookings of one room: 20 people booking the same slot at once, one wins."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from adapters.fake import FakeOffice
from bot.config import Settings
from bot.messages import Incoming
from tests.conftest import MONDAY_MORNING
from tests.scenarios.rooms_helpers import Script, at, bookings, with_booking_policy

PEOPLE = ("钱峰", "刘建国", "王志强", "张敏", "陈静", "周涛", "吴刚", "郑华", "孙丽")


@pytest.fixture
def race_office(settings: Settings, database_url: str) -> Iterator[FakeOffice]:
    """A quick-booking office (no read-back) on a file SQLite database, and on PostgreSQL."""
    office = FakeOffice(with_booking_policy(settings, dialog_skip=True), MONDAY_MORNING, database_url=database_url)
    yield office
    office.app.engine.dispose()


def test_twenty_threads_book_the_same_slot_and_exactly_one_wins(race_office: FakeOffice) -> None:
    script = Script(race_office)
    text = script.expect("订明天下午三点到四点的301", "room.book", room="301", start=at(11, 24, 15), end=at(11, 24, 16))
    people = [race_office.person(PEOPLE[i % len(PEOPLE)]) for i in range(20)]
    # Each in its own group chat: one person's two simultaneous messages in one chat share a dialog slot.
    events = [Incoming(event_id=f"race:{i}", chat=race_office.group_chat(f"group {i}"), user=p.user, text=text,
                       mentions_bot=True) for i, p in enumerate(people)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        replies = list(pool.map(race_office.core.handle, events))
    texts = [r[0].text for r in replies]
    assert sum("已预订 301" in t for t in texts) == 1, texts
    assert sum("已被「会议」占用" in t for t in texts) == 19, texts
    assert [(b.start, b.end, b.status) for b in bookings(race_office)] == [
        (at(11, 24, 15), at(11, 24, 16), "confirmed")]
