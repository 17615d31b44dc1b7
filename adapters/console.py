"""The terminal adapter behind `mishu chat`: lines in, `[to NAME] text` out, console controls."""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from sqlmodel import select

from bot.bootstrap import App
from bot.clock import FrozenClock
from bot.delivery import deliver_due
from bot.directory import find_person
from bot.messages import Attachment, ChatKind, ChatRef, Incoming, Outgoing, Platform, UserRef
from storage.models import Person
from storage.uow import unit_of_work

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta | None:
    """30m, 2h, 1d, 1w -> a timedelta; None when not of that form."""
    match = _DURATION.match(text)
    if not match:
        return None
    return timedelta(**{_UNITS[match.group(2).lower()]: float(match.group(1))})


class Console:
    """Talks to the core as a directory person, printing every message the bot sends to anyone."""

    def __init__(self, app: App, speaker: str, out: TextIO = sys.stdout, interactive: bool = False) -> None:
        self.app = app
        self.out = out
        self.interactive = interactive
        self.speaker = speaker
        self.last_by_person: dict[str, Outgoing] = {}
        self._events = itertools.count(1)
        self._prefix = f"console:{id(self):x}:"

    def run(self, lines: Iterable[str]) -> None:
        """Handle lines until they end or /quit."""
        self._prompt()
        for raw in lines:
            line = raw.rstrip("\r\n")
            if line.strip() in ("/quit", "/exit"):
                break
            if line.startswith("/") and not line.lower().startswith("/start"):
                self.control(line)
            elif line.strip():
                self.say(line)
            self._prompt()

    def _prompt(self) -> None:
        if self.interactive:
            self.out.write(f"{self.speaker}> ")
            self.out.flush()

    def say(self, text: str) -> None:
        """Send one message as the current speaker."""
        self._handle(Incoming(event_id=self._event_id(), chat=self._chat(self.speaker),
                              user=UserRef(Platform.CONSOLE, self.speaker, self.speaker), text=text))

    def press(self, number: int) -> None:
        """Press button N of the last message the current speaker received."""
        message = self.last_by_person.get(self.speaker)
        if message is None or not message.buttons:
            self._print_note(f"({self.speaker} has no message with buttons)")
            return
        if not 1 <= number <= len(message.buttons):
            self._print_note(f"(no button {number}; there are {len(message.buttons)})")
            return
        button = message.buttons[number - 1]
        self._handle(Incoming(event_id=self._event_id(), chat=self._chat(self.speaker),
                              user=UserRef(Platform.CONSOLE, self.speaker, self.speaker),
                              action=button.action, value=button.value))

    def control(self, line: str) -> None:
        """A console control: /as NAME, /press N, /advance DURATION."""
        command, _, arg = line.strip().partition(" ")
        arg = arg.strip()
        if command == "/as":
            self._switch(arg)
        elif command == "/press":
            if arg.isdigit():
                self.press(int(arg))
            else:
                self._print_note("(usage: /press N)")
        elif command == "/advance":
            self._advance(arg)
        else:
            self._print_note("(controls: /as NAME, /press N, /advance 30m|2h|1d, /quit)")

    def _switch(self, name: str) -> None:
        with unit_of_work(self.app.engine) as session:
            person = find_person(session, name) if name else None
            if person is None:
                self._print_note(f"(no person called {name!r} in the directory)")
                return
            self.speaker = person.name

    def _advance(self, arg: str) -> None:
        clock = self.app.core.clock
        delta = parse_duration(arg)
        if not isinstance(clock, FrozenClock):
            self._print_note("(/advance needs --now: the clock is the real one)")
            return
        if delta is None:
            self._print_note("(usage: /advance 30m | 2h | 1d)")
            return
        clock.advance(delta)
        self.app.core.tick()
        self._deliver()

    def _handle(self, incoming: Incoming) -> None:
        for out in self.app.core.handle(incoming):
            self._show(out)
        self._deliver()

    def _deliver(self) -> None:
        deliver_due(self.app.engine, {Platform.CONSOLE.value: self._send}, self.app.core.clock.now())

    def _send(self, out: Outgoing) -> str:
        self._show(out)
        return self._event_id()

    def _show(self, out: Outgoing) -> None:
        name = out.chat.chat_id
        label = f"group {out.chat.title or name}" if out.chat.is_group else name
        self.out.write(f"[to {label}] {out.text}\n")
        for attachment in out.attachments:
            self.out.write(f"[to {label}] [image saved: {_save_attachment(attachment)}]\n")
        if out.buttons:
            self.out.write("  " + "  ".join(f"[{i}] {b.label}" for i, b in enumerate(out.buttons, 1)) + "\n")
            if not out.chat.is_group:
                self.last_by_person[name] = out
        self.out.flush()

    def _print_note(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def _chat(self, name: str) -> ChatRef:
        return ChatRef(platform=Platform.CONSOLE, chat_id=name, kind=ChatKind.PRIVATE)

    def _event_id(self) -> str:
        return f"{self._prefix}{next(self._events)}"


def first_admin(app: App) -> str:
    """The name of the first admin in the directory (the default console speaker)."""
    with unit_of_work(app.engine) as session:
        people = list(session.exec(select(Person).order_by(Person.id)))  # type: ignore[arg-type]
    for person in people:
        if "admin" in person.role_set():
            return person.name
    return people[0].name if people else "admin"


def _save_attachment(attachment: Attachment) -> str:
    """Write an attachment under ./out/ and return its path."""
    folder = Path("out")
    folder.mkdir(exist_ok=True)
    path = folder / Path(attachment.filename).name
    path.write_bytes(attachment.content)
    return str(path)
