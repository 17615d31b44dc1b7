"""BotCore.handle: one Incoming in, the replies out, everything else through the outbox."""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime

from sqlalchemy import bindparam, event, func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col, insert, select

from bot import dialog, i18n
from bot.capabilities import load_capabilities
from bot.clock import Clock
from bot.config import Settings
from bot.context import Context
from bot.directory import link_identity, redeem_invite
from bot.handlers import ACTIONS, INTENTS, PREPARSERS, as_list
from bot.messages import Button, ChatKind, ChatRef, Incoming, Outgoing
from bot.replies import Reply, UserError, reply
from bot.understanding.commands import ParsedCommand, RoomFact, parse_command
from bot.understanding.conventions import Conventions
from bot.understanding.lang import detect_language, from_platform_hint
from storage.models import GroupChat, Identity, Person, ProcessedEvent, Room
from storage.uow import unit_of_work

log = logging.getLogger("mishu.core")

# Built once: constructing a statement costs more than running it on SQLite, and this runs per message.
_PERSON_BY_ACCOUNT = select(Person).join(Identity, col(Identity.person_id) == Person.id).where(
    Identity.platform == bindparam("platform"), Identity.platform_user_id == bindparam("user_id"))

MAX_MESSAGE_CHARS = 4096
_LINK = re.compile(r"^\s*(?:/start|绑定|綁定|link)\s+([A-Za-z0-9]{4,32})\s*$", re.IGNORECASE)
_CLASSIFIED = "classified"


ROOM_FACTS_TTL = 2.0  # seconds a process trusts its cached room list for changes made by other processes
_ROOM_WRITES = [0]  # bumped when a transaction that wrote a Room commits


@event.listens_for(SASession, "after_flush")
def _note_room_writes(session: SASession, _context: object) -> None:
    if any(isinstance(obj, Room) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info["rooms_written"] = True


@event.listens_for(SASession, "after_commit")
def _rooms_committed(session: SASession) -> None:
    if session.info.pop("rooms_written", False):
        _ROOM_WRITES[0] += 1


@event.listens_for(SASession, "after_rollback")
def _rooms_rolled_back(session: SASession) -> None:
    session.info.pop("rooms_written", None)


class _Repeated(Exception):
    """The event id was seen before: a platform's repeat of an event."""


class BotCore:
    """The platform-neutral bot: dedupe, identify, choose the language, dispatch, render."""

    def __init__(self, engine: Engine, settings: Settings, clock: Clock,
                 active_platforms: frozenset[str]) -> None:
        self.engine = engine
        self.settings = settings
        self.clock = clock
        self.active_platforms = active_platforms
        self.conventions = Conventions(office_open=settings.office.office_open,
                                       office_close=settings.office.office_close)
        self._room_facts: tuple[float, int, tuple[RoomFact, ...]] | None = None
        load_capabilities()

    def handle(self, incoming: Incoming) -> list[Outgoing]:
        """Handle one event; a repeated event id gives nothing, an error gives an apology."""
        try:
            # The event id is recorded in the message's own transaction (one commit per message, not two);
            # written first, it also queues a concurrent repeat of the event behind this one.
            with unit_of_work(self.engine) as session:
                self._first_sighting(session, incoming.event_id)
                return self._handle(session, incoming)
        except _Repeated:
            log.info("dropped repeated event %s", incoming.event_id)
            return []
        except UserError as err:
            return self._after_failure(incoming, [self._render(incoming.chat, err.reply, self._failure_lang(incoming))])
        except Exception:
            log.exception("handler failed for event %s", incoming.event_id)
            return self._after_failure(incoming, [Outgoing(
                chat=incoming.chat, text=i18n.render("error_apology", self._failure_lang(incoming),
                                                     ref=incoming.event_id[-12:]))])

    def _failure_lang(self, incoming: Incoming) -> str:
        """The language of a refusal or apology (worked out only when one is needed)."""
        return detect_language(incoming.text, self.settings.office.default_language)

    def _first_sighting(self, session: Session, event_id: str) -> None:
        """Record the event id; raises _Repeated when it was handled (or is being handled) already."""
        try:
            # A plain INSERT, not an ORM add + flush: this runs for every message.
            session.execute(insert(ProcessedEvent).values(event_id=event_id, received_at=self.clock.now()))
        except IntegrityError as err:
            raise _Repeated(event_id) from err

    def _after_failure(self, incoming: Incoming, answer: list[Outgoing]) -> list[Outgoing]:
        """The failed message's work was rolled back; still record its event id so a platform's repeat of
        it is dropped, as before — unless a repeat got there first (then that one answered)."""
        try:
            with unit_of_work(self.engine) as session:
                session.add(ProcessedEvent(event_id=incoming.event_id, received_at=self.clock.now()))
        except IntegrityError:
            return []
        return answer

    def _handle(self, session: Session, incoming: Incoming) -> list[Outgoing]:
        now = self.clock.now()
        person = session.exec(_PERSON_BY_ACCOUNT, params={"platform": str(incoming.user.platform),
                                                           "user_id": incoming.user.user_id}).first()
        text_lang = detect_language(incoming.text, "") if incoming.text.strip() else ""
        if person is None:
            return self._unknown_person(session, incoming, now, text_lang)
        if incoming.chat.is_group:
            self._remember_group(session, incoming.chat)
        lang = text_lang or self._quiet_language(session, incoming, person)
        ctx = Context(session=session, settings=self.settings, now=now, person=person, lang=lang,
                      incoming=incoming, active_platforms=self.active_platforms)
        replies = as_list(self._dispatch(ctx, incoming))
        if ctx.unreachable:
            log.info("unreachable recipients for event %s: %s", incoming.event_id, ctx.unreachable)
        return [self._render_for(session, incoming, person, r, lang) for r in replies]

    def _dispatch(self, ctx: Context, incoming: Incoming) -> Reply | list[Reply]:
        if incoming.is_button:
            handler = ACTIONS.get(incoming.action or "")
            return handler(ctx, incoming.value) if handler else reply("already_handled")
        text = incoming.text.strip()
        if not text:
            return reply("unknown")
        if len(text) > MAX_MESSAGE_CHARS:
            return reply("too_long", limit=MAX_MESSAGE_CHARS)
        resumed = dialog.resume(ctx, text)
        if resumed is not None:
            return resumed
        for claim in PREPARSERS:
            claimed = claim(ctx, text)
            if claimed is not None:
                return claimed
        command = self.parse(ctx, text)
        if _CLASSIFIED in command.warnings:
            return reply("classified")
        intent_handler = INTENTS.get(command.intent) or INTENTS["unknown"]
        return intent_handler(ctx, command)

    def parse(self, ctx: Context, text: str) -> ParsedCommand:
        """Read a message with the office's conventions and rooms."""
        return parse_command(text, ctx.local_now, self.conventions, rooms=self.room_facts(ctx.session))

    def room_facts(self, session: Session) -> tuple[RoomFact, ...]:
        """The active rooms as the parser needs them, cached: they were one query on every message.

        A room written through any session of this process clears the cache at its commit; a change made by
        another process (`mishu directory import`, a second `mishu run`) is seen within ROOM_FACTS_TTL.
        """
        cached, now = self._room_facts, time.monotonic()
        if cached is not None and cached[1] == _ROOM_WRITES[0] and now - cached[0] < ROOM_FACTS_TTL:
            return cached[2]
        version = _ROOM_WRITES[0]  # read before the query: a commit meanwhile makes the next call reload
        facts = tuple(RoomFact(name=r.name, aliases=tuple(r.aliases or ()), building=r.building, floor=r.floor,
                               capacity=r.capacity)
                      for r in session.exec(select(Room).where(Room.active == True)))  # noqa: E712
        self._room_facts = (now, version, facts)
        return facts

    def _unknown_person(self, session: Session, incoming: Incoming, now: datetime,
                        text_lang: str) -> list[Outgoing]:
        match = _LINK.match(incoming.text or "")
        hinted = from_platform_hint(incoming.lang_hint)
        # "/start CODE" is all Latin letters; it says nothing about the person's language.
        lang = (hinted or self.settings.office.default_language) if match or not text_lang else text_lang
        person: Person | None = None
        if match:
            person = redeem_invite(session, match.group(1), now)
            if person is None:
                return [self._render(incoming.chat, reply("link_bad_code"), lang)]
        elif incoming.user.email:
            wanted = incoming.user.email.strip().lower()
            person = session.exec(select(Person).where(func.lower(Person.email) == wanted)).first()
        if person is None:
            return [self._render(incoming.chat, reply("link_prompt"), lang)]
        if match and not hinted and person.language:
            lang = person.language
        private_chat = incoming.chat.chat_id if not incoming.chat.is_group else None
        link_identity(session, person, incoming.user.platform, incoming.user.user_id, private_chat, now)
        ctx = Context(session=session, settings=self.settings, now=now, person=person, lang=lang,
                      incoming=incoming, active_platforms=self.active_platforms)
        ctx.audit("identity.link", "person", person.id, platform=str(incoming.user.platform))
        return [self._render(incoming.chat, reply("linked", name=person.name), lang)]

    def _quiet_language(self, session: Session, incoming: Incoming, person: Person) -> str:
        """The language for a message without words (a button): the dialog's, the person's, the office's."""
        return from_platform_hint(incoming.lang_hint) or person.language or self.settings.office.default_language

    def _remember_group(self, session: Session, chat: ChatRef) -> None:
        exists = session.exec(select(GroupChat).where(GroupChat.platform == str(chat.platform),
                                                      GroupChat.chat_id == chat.chat_id)).first()
        if exists is None:
            session.add(GroupChat(platform=str(chat.platform), chat_id=chat.chat_id, title=chat.title))

    def _render_for(self, session: Session, incoming: Incoming, person: Person, r: Reply, lang: str) -> Outgoing:
        chat = incoming.chat
        if r.private and chat.is_group:
            identity = session.exec(select(Identity).where(Identity.person_id == person.id,
                                                           Identity.platform == str(chat.platform))).first()
            private_id = identity.private_chat_id if identity and identity.private_chat_id else incoming.user.user_id
            chat = ChatRef(platform=chat.platform, chat_id=private_id, kind=ChatKind.PRIVATE)
        return self._render(chat, r, lang)

    def _render(self, chat: ChatRef, r: Reply, lang: str) -> Outgoing:
        text = i18n.render(r.key, lang, **r.params)
        if r.footer_key:
            text = f"{text}\n{i18n.render(r.footer_key, lang)}"
        buttons = tuple(Button(label=i18n.render(b.label_key, lang), action=b.action, value=b.value)
                        for b in r.buttons)
        return Outgoing(chat=chat, text=text, buttons=buttons, attachments=r.attachments)

    def tick(self) -> int:
        """Run every job that has become due; returns how many things were done."""
        from bot.jobs import run_due_jobs

        return run_due_jobs(self, self.clock.now())

    def job_context(self, session: Session, now: datetime, actor: Person | None = None) -> Context:
        """A context for scheduled work, acting as the given person or a system stand-in."""
        stand_in = actor or Person(id=None, name="Mishu", roles="admin")
        return Context(session=session, settings=self.settings, now=now, person=stand_in,
                       lang=self.settings.office.default_language, active_platforms=self.active_platforms)

