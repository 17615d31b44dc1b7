"""What every platform adapter shares: the Core and Sender protocols and delivery errors."""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, Protocol, TypeVar, runtime_checkable

from bot.delivery import DeliveryError, PermanentDeliveryError, RetryableDeliveryError
from bot.messages import Incoming, Outgoing


@runtime_checkable
class Core(Protocol):
    """The bot core as adapters see it: one synchronous call per incoming event."""

    def handle(self, incoming: Incoming) -> list[Outgoing]:
        """Handle one event and return the replies to send (blocking; call it in a thread)."""
        ...


@runtime_checkable
class Sender(Protocol):
    """Sends one Outgoing on a platform and returns the platform's message id."""

    async def send(self, out: Outgoing) -> str:
        """Send (or edit) one message; raise a DeliveryError subclass on failure."""
        ...


# The delivery errors live in the core (bot/delivery.py), which the worker catches; adapters raise them.
__all__ = ["Core", "DeliveryError", "LruCache", "PermanentDeliveryError", "RetryableDeliveryError", "Sender",
           "split_text"]


K = TypeVar("K")
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """A small least-recently-used map, for user e-mails and DM channel ids."""

    def __init__(self, maxsize: int = 4096) -> None:
        self._data: OrderedDict[K, V] = OrderedDict()
        self._maxsize = maxsize

    def get(self, key: K) -> V | None:
        """The cached value, or None."""
        if key not in self._data:
            return None
        self._data.move_to_end(key)
        return self._data[key]

    def put(self, key: K, value: V) -> None:
        """Remember a value, evicting the oldest entry when full."""
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self._maxsize:
            self._data.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        return key in self._data


def split_text(text: str, limit: int) -> list[str]:
    """Split text into chunks of at most `limit` characters, at line boundaries where possible."""
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current: str | None = None
    for line in text.split("\n"):
        while len(line) > limit:  # a single over-long line: cut it hard
            if current is not None:
                chunks.append(current)
                current = None
            chunks.append(line[:limit])
            line = line[limit:]
        if current is None:
            current = line
        elif len(current) + 1 + len(line) <= limit:
            current += "\n" + line
        else:
            chunks.append(current)
            current = line
    if current is not None:
        chunks.append(current)
    return chunks
