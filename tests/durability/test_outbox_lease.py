"""Outbox claims between processes: a batch that outlives its lease is shared, never sent twice."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from adapters.fake import FakeOffice
from bot.directory import find_person
from bot.messages import Outgoing
from bot.ratelimit import RateLimiter
from bot.worker import DeliveryWorker, claim_due, take_claimed
from storage.models import Outbox, OutboxStatus
from storage.uow import unit_of_work

NAMES = ("刘建国", "王志强", "李娜", "陈静", "周涛", "吴刚")
LEASE = timedelta(seconds=10)
EACH_SEND = timedelta(seconds=3)  # a slow platform: six sends take longer than the lease


def queue(office: FakeOffice) -> None:
    """One push to each of NAMES."""
    for name in NAMES:
        office.person(name)
    with unit_of_work(office.app.engine) as session:
        ctx = office.core.job_context(session, office.clock.now())
        for name in NAMES:
            person = find_person(session, name)
            assert person is not None and ctx.notify(person, "help")


def statuses(office: FakeOffice) -> dict[str, str]:
    """chat -> outbox status."""
    with unit_of_work(office.app.engine) as session:
        return {r.chat_id or "": r.status for r in session.exec(select(Outbox))}


async def test_rows_claimed_by_another_process_after_the_lease_are_skipped(any_office: FakeOffice) -> None:
    office = any_office
    queue(office)
    sent: list[str] = []
    platforms = frozenset({"fake"})

    async def slow_send(out: Outgoing) -> str:
        sent.append(out.chat.chat_id)
        office.clock.advance(EACH_SEND)
        if len(sent) == 4:  # t0+12 s: A's batch lease (t0+10 s) is over; process B claims what A has not begun
            taken_by_b = claim_due(office.app.engine, office.clock.now(), platforms, lease=LEASE)
            assert len(taken_by_b) == 2  # rows 5 and 6; row 4 is in A's hands, renewed when A took it
        return f"m{len(sent)}"

    a = DeliveryWorker(office.app.engine, {"fake": slow_send}, office.clock, RateLimiter({}), lease=LEASE)
    assert await a.deliver_once() == 6
    assert len(sent) == 4, sent  # A left B's rows alone (before: it sent all six, and B sent two again)
    assert list(statuses(office).values()).count(OutboxStatus.SENDING) == 2
    # B dies with them; after its lease another worker sends them, once.
    office.clock.advance(LEASE + timedelta(seconds=1))
    got: list[str] = []

    async def send(out: Outgoing) -> str:
        got.append(out.chat.chat_id)
        return "x"

    c = DeliveryWorker(office.app.engine, {"fake": send}, office.clock, RateLimiter({}), lease=LEASE)
    assert await c.deliver_once() == 2
    assert sorted(sent + got) == sorted(f"dm:{n}" for n in NAMES)
    assert set(statuses(office).values()) == {OutboxStatus.SENT}


def test_take_claimed_is_a_compare_and_set_on_the_lease(any_office: FakeOffice) -> None:
    office = any_office
    queue(office)
    engine, now = office.app.engine, office.clock.now()
    [first, *_] = claim_due(engine, now, frozenset({"fake"}), lease=LEASE)
    assert take_claimed(engine, first, now + LEASE + timedelta(microseconds=1), now, LEASE) is None  # not our claim
    row = take_claimed(engine, first, now + LEASE, now + timedelta(seconds=5), LEASE)
    assert row is not None and row.next_attempt_at == now + timedelta(seconds=5) + LEASE
    assert take_claimed(engine, first, now + LEASE, now, LEASE) is None  # renewed: the old token is spent
