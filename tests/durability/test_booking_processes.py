"""50 processes book the same slot of one room on PostgreSQL at the same moment: exactly one succeeds.

Each process has its own engine and connection pool, as separate `mishu run` processes behind a load
balancer would; the per-room lock row queues them and the exclusion constraint backs it up.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier
from types import SimpleNamespace

from sqlmodel import select

from adapters.fake import FakeOffice
from bot.clock import FrozenClock
from bot.config import Settings
from bot.core import BotCore
from bot.messages import ChatKind, ChatRef, Incoming, Platform, UserRef
from storage.db import make_engine
from storage.models_rooms import Booking
from storage.uow import unit_of_work
from tests.conftest import MONDAY_MORNING
from tests.scenarios.rooms_helpers import Script, at, with_booking_policy

PROCESSES = 50
PEOPLE = ("钱峰", "刘建国", "王志强", "张敏", "陈静", "周涛", "吴刚", "郑华", "孙丽")
TEXT = "订明天下午三点到四点的301"


def book_once(url: str, settings: Settings, index: int, barrier: Barrier, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """One process: its own engine and core; wait for the others, then book."""
    engine = make_engine(url)
    try:
        core = BotCore(engine, settings, FrozenClock(MONDAY_MORNING), frozenset({Platform.FAKE.value}))
        Script(SimpleNamespace(core=core)).expect(  # type: ignore[arg-type]
            TEXT, "room.book", room="301", start=at(11, 24, 15), end=at(11, 24, 16))
        name = PEOPLE[index % len(PEOPLE)]
        # Each in its own group chat: one person's two simultaneous messages in one chat share a dialog slot.
        chat = ChatRef(platform=Platform.FAKE, chat_id=f"group:race {index}", kind=ChatKind.GROUP, title=f"race {index}")
        event = Incoming(event_id=f"proc-race:{index}", chat=chat, text=TEXT, mentions_bot=True,
                         user=UserRef(platform=Platform.FAKE, user_id=name, display_name=name))
        barrier.wait(timeout=60)
        replies = core.handle(event)
        results.put((index, replies[0].text if replies else ""))
    finally:
        engine.dispose()


def test_fifty_processes_book_one_slot_and_exactly_one_wins(settings: Settings, postgres_url: str) -> None:
    quick = with_booking_policy(settings, dialog_skip=True)
    office = FakeOffice(quick, MONDAY_MORNING, database_url=postgres_url)
    for name in PEOPLE:
        office.person(name)
    office.app.engine.dispose()  # no connection may be shared with the children
    fork = multiprocessing.get_context("fork")
    barrier = fork.Barrier(PROCESSES)
    results: multiprocessing.Queue = fork.Queue()  # type: ignore[type-arg]
    procs = [fork.Process(target=book_once, args=(postgres_url, quick, i, barrier, results))
             for i in range(PROCESSES)]
    for proc in procs:
        proc.start()
    texts = dict(results.get(timeout=90) for _ in procs)
    for proc in procs:
        proc.join(timeout=30)
        assert proc.exitcode == 0
    replies = list(texts.values())
    assert sum("已预订 301" in t for t in replies) == 1, replies
    assert sum("已被「会议」占用" in t for t in replies) == PROCESSES - 1, replies
    engine = make_engine(postgres_url)
    with unit_of_work(engine) as session:
        booked = [(b.start, b.end, b.status) for b in session.exec(select(Booking))]
    engine.dispose()
    assert booked == [(at(11, 24, 15), at(11, 24, 16), "confirmed")]
