"""The delivery worker: due rows sent once, retries with backoff, permanent failures told to the sender."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from adapters.fake import FakeOffice
from bot.delivery import PermanentDeliveryError, RetryableDeliveryError
from bot.directory import find_person
from bot.messages import Outgoing
from bot.ratelimit import RateLimiter
from bot.worker import DeliveryWorker, claim_due
from storage.models import Outbox
from storage.uow import unit_of_work


def queue(office: FakeOffice, recipients: list[str], sender: str = "张敏") -> None:
    with unit_of_work(office.app.engine) as session:
        who = find_person(session, sender)
        ctx = office.core.job_context(session, office.clock.now(), actor=who)
        for name in recipients:
            person = find_person(session, name)
            assert person is not None
            ctx.notify(person, "help")


async def test_every_row_is_sent_once_and_recorded(any_office: FakeOffice) -> None:
    office = any_office
    names = ["刘建国", "王志强", "李娜", "陈静", "周涛"]
    for name in names + ["张敏"]:
        office.person(name)
    queue(office, names)
    got: list[str] = []

    async def send(out: Outgoing) -> str:
        got.append(out.chat.chat_id)
        return f"m{len(got)}"

    worker = DeliveryWorker(office.app.engine, {"fake": send}, office.clock, RateLimiter({}))
    assert await worker.deliver_once() == 5
    assert await worker.deliver_once() == 0
    assert sorted(got) == sorted(f"dm:{n}" for n in names)
    with unit_of_work(office.app.engine) as session:
        rows = list(session.exec(select(Outbox)))
    assert {r.status for r in rows} == {"sent"} and all(r.platform_message_id for r in rows)


async def test_retryable_errors_back_off_and_honour_retry_after(office: FakeOffice) -> None:
    office.person("刘建国")
    office.person("张敏")
    queue(office, ["刘建国"])
    calls = 0

    async def flaky(out: Outgoing) -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RetryableDeliveryError("429 Too Many Requests", retry_after=7)
        return "ok"

    worker = DeliveryWorker(office.app.engine, {"fake": flaky}, office.clock, RateLimiter({}))
    await worker.deliver_once()
    assert await worker.deliver_once() == 0  # not due yet
    office.clock.advance(timedelta(seconds=7))
    await worker.deliver_once()
    with unit_of_work(office.app.engine) as session:
        row = session.exec(select(Outbox)).one()
    assert row.status == "sent" and row.attempts == 2 and calls == 2


async def test_a_blocked_recipient_is_recorded_and_the_sender_told_once(office: FakeOffice) -> None:
    office.person("刘建国")
    office.person("张敏")
    queue(office, ["刘建国"])
    sent_to: list[str] = []

    async def send(out: Outgoing) -> str:
        if out.chat.chat_id == "dm:刘建国":
            raise PermanentDeliveryError("Forbidden: bot was blocked by the user")
        sent_to.append(out.text)
        return "ok"

    worker = DeliveryWorker(office.app.engine, {"fake": send}, office.clock, RateLimiter({}))
    for _ in range(4):
        await worker.deliver_once()
    assert len(sent_to) == 1 and "刘建国" in sent_to[0]  # the sender heard it, once
    with unit_of_work(office.app.engine) as session:
        failed = session.exec(select(Outbox).where(Outbox.status == "failed")).one()
    assert failed.attempts == 1 and "blocked" in (failed.error or "")


async def test_a_claimed_row_is_not_claimed_again_until_its_lease_ends(office: FakeOffice) -> None:
    office.person("刘建国")
    office.person("张敏")
    queue(office, ["刘建国"])
    now = office.clock.now()
    first = claim_due(office.app.engine, now, frozenset({"fake"}))
    assert len(first) == 1
    assert claim_due(office.app.engine, now, frozenset({"fake"})) == []
    assert claim_due(office.app.engine, now + timedelta(seconds=61), frozenset({"fake"})) == first
