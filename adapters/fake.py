"""An in-memory platform and scenario harness: `await alice.says(...)`, `alice.last_reply`, `office.advance()`."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.bootstrap import App, build_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.delivery import PermanentDeliveryError, deliver_due
from bot.directory import find_person, link_identity
from bot.messages import Button, ChatKind, ChatRef, Incoming, Outgoing, Platform, UserRef
from storage.db import make_engine
from storage.uow import unit_of_work

DM_PREFIX = "dm:"
GROUP_PREFIX = "group:"


@dataclass
class FakePerson:
    """Someone in the office talking to Mishu through the fake platform."""

    office: FakeOffice
    name: str
    inbox: list[Outgoing] = field(default_factory=list)
    replies: list[Outgoing] = field(default_factory=list)

    @property
    def user(self) -> UserRef:
        """This person's fake platform account."""
        return UserRef(platform=Platform.FAKE, user_id=self.name, display_name=self.name)

    @property
    def private_chat(self) -> ChatRef:
        """The private chat between this person and Mishu."""
        return ChatRef(platform=Platform.FAKE, chat_id=DM_PREFIX + self.name, kind=ChatKind.PRIVATE)

    async def says(self, text: str, in_group: str | None = None) -> list[Outgoing]:
        """Send a message privately (or in the named group); returns the bot's direct replies."""
        chat = self.office.group_chat(in_group) if in_group else self.private_chat
        return await self.office.send(Incoming(event_id=self.office.next_event_id(), chat=chat, user=self.user,
                                               text=text, mentions_bot=in_group is not None), self)

    async def press(self, label: str | int, message: Outgoing | None = None) -> list[Outgoing]:
        """Press a button (by label text or 1-based number) of a message, by default the last with buttons."""
        target = message or self.last_with_buttons()
        button = _pick(target.buttons, label)
        return await self.office.send(Incoming(event_id=self.office.next_event_id(), chat=target.chat,
                                               user=self.user, action=button.action, value=button.value), self)

    def last_with_buttons(self) -> Outgoing:
        """The most recent message to this person that has buttons."""
        for message in reversed(self.inbox):
            if message.buttons:
                return message
        raise AssertionError(f"{self.name} has no message with buttons")

    @property
    def last_reply(self) -> str:
        """The text of the bot's latest direct reply to this person."""
        return self.replies[-1].text if self.replies else ""

    @property
    def last_message(self) -> str:
        """The text of the latest message this person received, from any cause."""
        return self.inbox[-1].text if self.inbox else ""

    def received(self, fragment: str) -> list[Outgoing]:
        """Every message in the inbox containing the fragment."""
        return [m for m in self.inbox if fragment in m.text]


class FakeOffice:
    """A whole office on the fake platform with a frozen clock."""

    def __init__(self, settings: Settings, now: datetime, database_url: str = "sqlite://") -> None:
        self.clock = FrozenClock(now)
        self.settings = settings
        self.app: App = build_app(settings, frozenset({Platform.FAKE.value}), self.clock,
                                  engine=make_engine(database_url))
        self.people: dict[str, FakePerson] = {}
        self.groups: dict[str, list[Outgoing]] = {}
        self.blocked: set[str] = set()
        self._events = itertools.count(1)
        self._message_ids = itertools.count(1)

    @property
    def core(self):  # noqa: ANN201 - BotCore, kept untyped to avoid an import cycle in tests
        """The bot core under test."""
        return self.app.core

    def next_event_id(self) -> str:
        """A fresh platform event id."""
        return f"fake:{next(self._events)}"

    def person(self, name: str, linked: bool = True) -> FakePerson:
        """A directory person (linked to the fake platform unless told otherwise) or a stranger."""
        if name not in self.people:
            self.people[name] = FakePerson(self, name)
            if linked:
                self._link(name)
        return self.people[name]

    def _link(self, name: str) -> None:
        with unit_of_work(self.app.engine) as session:
            person = find_person(session, name)
            if person is None:
                raise KeyError(f"{name} is not in the directory")
            link_identity(session, person, Platform.FAKE, name, DM_PREFIX + name, self.clock.now())

    def group_chat(self, title: str) -> ChatRef:
        """A group chat by title."""
        self.groups.setdefault(title, [])
        return ChatRef(platform=Platform.FAKE, chat_id=GROUP_PREFIX + title, kind=ChatKind.GROUP, title=title)

    async def send(self, incoming: Incoming, sender: FakePerson) -> list[Outgoing]:
        """Hand an event to the core, file the replies, and deliver whatever it queued."""
        replies = await asyncio.to_thread(self.core.handle, incoming)
        for out in replies:
            self._receive(out, direct_to=sender)
        self.deliver()
        return replies

    async def replay(self, incoming: Incoming, sender: FakePerson) -> list[Outgoing]:
        """Send the same event again, as a platform retry would."""
        return await self.send(incoming, sender)

    def deliver(self) -> int:
        """Deliver every due outbox row to the fake inboxes."""
        return deliver_due(self.app.engine, {Platform.FAKE.value: self._deliver_one}, self.clock.now())

    async def advance(self, days: float = 0, hours: float = 0, minutes: float = 0) -> int:
        """Move the clock forward, run every job that became due, deliver; returns work done."""
        self.clock.advance(timedelta(days=days, hours=hours, minutes=minutes))
        done = await asyncio.to_thread(self.core.tick)
        self.deliver()
        return done

    def _deliver_one(self, out: Outgoing) -> str:
        name = out.chat.chat_id.removeprefix(DM_PREFIX)
        if name in self.blocked:
            raise PermanentDeliveryError("Forbidden: bot was blocked by the user")
        self._receive(out, direct_to=None)
        return str(next(self._message_ids))

    def _receive(self, out: Outgoing, direct_to: FakePerson | None) -> None:
        chat_id = out.chat.chat_id
        if chat_id.startswith(GROUP_PREFIX):
            self.groups.setdefault(chat_id.removeprefix(GROUP_PREFIX), []).append(out)
            if direct_to is not None:
                direct_to.replies.append(out)
            return
        person = self.person(chat_id.removeprefix(DM_PREFIX), linked=False)
        person.inbox.append(out)
        if direct_to is not None:
            direct_to.replies.append(out)


def _pick(buttons: tuple[Button, ...], label: str | int) -> Button:
    if isinstance(label, int):
        return buttons[label - 1]
    for button in buttons:
        if button.label == label:
            return button
    raise AssertionError(f"no button {label!r} among {[b.label for b in buttons]}")
