"""What services return: a Reply naming a template and its parameters, never text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.messages import Attachment


@dataclass(frozen=True)
class ButtonSpec:
    """A button to render: a template key for its label, and the action/value it sends back."""

    label_key: str
    action: str
    value: str = ""


@dataclass(frozen=True)
class Reply:
    """A reply template key with parameters and buttons; rendered in the person's language."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    buttons: tuple[ButtonSpec, ...] = ()
    # In a group chat, send this reply to the person privately (personal data).
    private: bool = False
    # A second template appended below, e.g. the read-back question.
    footer_key: str | None = None
    # Files sent with the reply (a PNG chart).
    attachments: tuple[Attachment, ...] = ()


def reply(key: str, *buttons: ButtonSpec, **params: Any) -> Reply:
    """A Reply with the given template key, buttons and parameters."""
    return Reply(key=key, params=params, buttons=tuple(buttons))


class UserError(Exception):
    """A request that cannot be done as asked; the transaction rolls back and the reply explains."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.reply = Reply(key=key, params=params)
