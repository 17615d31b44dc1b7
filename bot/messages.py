"""Platform-neutral messages between adapters and the core: Incoming, Outgoing, Button."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Platform(StrEnum):
    """Where a message came from or goes to."""

    TELEGRAM = "telegram"
    SLACK = "slack"
    CONSOLE = "console"
    FAKE = "fake"


class ChatKind(StrEnum):
    """A private conversation with the bot, or a group/channel."""

    PRIVATE = "private"
    GROUP = "group"


@dataclass(frozen=True)
class UserRef:
    """A platform account: the platform and its user id there."""

    platform: Platform
    user_id: str
    display_name: str = ""
    email: str | None = None


@dataclass(frozen=True)
class ChatRef:
    """A platform conversation: private chat, group or channel."""

    platform: Platform
    chat_id: str
    kind: ChatKind = ChatKind.PRIVATE
    title: str = ""

    @property
    def is_group(self) -> bool:
        """True for group chats and channels."""
        return self.kind is ChatKind.GROUP


@dataclass(frozen=True)
class Button:
    """A button under a message: its label, and the action and short value it sends back.

    `action` + `value` must fit Telegram's 64 bytes of callback data once joined as
    "action:value"; keep both short (ids, not text).
    """

    label: str
    action: str
    value: str = ""

    @property
    def callback_data(self) -> str:
        """The compact form carried by the platform, "action:value"."""
        return f"{self.action}:{self.value}"

    @staticmethod
    def parse_callback(data: str) -> tuple[str, str]:
        """Split callback data back into (action, value)."""
        action, _, value = data.partition(":")
        return action, value


@dataclass(frozen=True)
class Incoming:
    """One event from a platform: a text message or a button press."""

    event_id: str
    chat: ChatRef
    user: UserRef
    text: str = ""
    action: str | None = None
    value: str = ""
    mentions_bot: bool = False
    lang_hint: str | None = None
    reply_to_message_id: str | None = None

    @property
    def is_button(self) -> bool:
        """True for a button press."""
        return self.action is not None


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message (a PNG chart, an .ics calendar)."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True)
class Outgoing:
    """A message the bot sends into a chat, with optional buttons and attachments."""

    chat: ChatRef
    text: str
    buttons: tuple[Button, ...] = ()
    attachments: tuple[Attachment, ...] = field(default=())
    # When set, the adapter edits this earlier message instead of sending a new one.
    edit_message_id: str | None = None
