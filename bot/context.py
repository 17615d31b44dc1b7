"""What a service sees while handling one message: session, person, language, clock, outbox, audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, insert

from bot import i18n
from bot.config import Settings
from bot.messages import Attachment, ChatRef, Incoming
from bot.outbox import enqueue_for_chat, enqueue_for_person
from bot.replies import ButtonSpec, UserError
from storage.models import AuditLog, Person


@dataclass
class Context:
    """One message's unit of work and who it is for; services change state only through it."""

    session: Session
    settings: Settings
    now: datetime
    person: Person
    lang: str
    incoming: Incoming | None = None
    active_platforms: frozenset[str] = frozenset()
    unreachable: list[str] = field(default_factory=list)

    @property
    def tz(self) -> ZoneInfo:
        """The office time zone."""
        return ZoneInfo(self.settings.office.timezone)

    @property
    def local_now(self) -> datetime:
        """The current instant in the office time zone."""
        return self.now.astimezone(self.tz)

    @property
    def chat(self) -> ChatRef | None:
        """The chat the message came from."""
        return self.incoming.chat if self.incoming else None

    def has_role(self, *roles: str) -> bool:
        """True when the person holds any of the roles."""
        return bool(self.person.role_set() & set(roles))

    def require_role(self, *roles: str) -> None:
        """Stop with a polite refusal unless the person holds one of the roles."""
        if not self.has_role(*roles):
            raise UserError("not_allowed")

    def audit(self, action: str, object_type: str = "", object_id: object = "", **detail: Any) -> None:
        """Record a state change in the audit log, in this transaction."""
        # A plain INSERT: every state change writes one, and the ORM's unit of work adds nothing here.
        self.session.execute(insert(AuditLog).values(
            at=self.now, actor_id=self.person.id, action=action, object_type=object_type,
            object_id=str(object_id), detail=detail or None))

    def notify(self, recipient: Person, key: str, buttons: tuple[ButtonSpec, ...] = (),
               source: tuple[str, str] = ("", ""), idempotency_key: str | None = None,
               attachments: tuple[Attachment, ...] = (), **params: Any) -> bool:
        """Queue a private message to someone in their language, with files if any; False when they can't
        be reached."""
        lang = recipient.language or self.settings.office.default_language
        ok = enqueue_for_person(self.session, recipient, self.active_platforms, self.now,
                                text=i18n.render(key, lang, **params), buttons=_render_buttons(buttons, lang),
                                sender_id=self.person.id, source=source, idempotency_key=idempotency_key,
                                attachments=attachments)
        if not ok:
            self.unreachable.append(recipient.name)
        return ok

    def post_to_chat(self, chat: ChatRef, key: str, buttons: tuple[ButtonSpec, ...] = (),
                     source: tuple[str, str] = ("", ""), attachments: tuple[Attachment, ...] = (),
                     **params: Any) -> None:
        """Queue a message to a group chat, in the office's default language, with files if any."""
        lang = self.settings.office.default_language
        enqueue_for_chat(self.session, str(chat.platform), chat.chat_id, self.now,
                         text=i18n.render(key, lang, **params), buttons=_render_buttons(buttons, lang),
                         sender_id=self.person.id, source=source, attachments=attachments)


def _render_buttons(buttons: tuple[ButtonSpec, ...], lang: str) -> list[dict[str, str]]:
    return [{"label": i18n.render(b.label_key, lang), "action": b.action, "value": b.value} for b in buttons]
