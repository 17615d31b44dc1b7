"""Honest stand-in cores for adapter tests: echo text, offer buttons, optionally drop repeats."""

from __future__ import annotations

import threading
import time

from bot.messages import Button, Incoming, Outgoing


class EchoCore:
    """Echoes text ("echo: …") with two buttons; answers a button press with "pressed action=value"."""

    def __init__(self, delay: float = 0.0, reply_text: str | None = None) -> None:
        self.delay = delay
        self.reply_text = reply_text
        self.seen: list[Incoming] = []
        self._lock = threading.Lock()

    def handle(self, incoming: Incoming) -> list[Outgoing]:
        """Record the event and reply (after `delay` seconds, to play a slow core)."""
        with self._lock:
            self.seen.append(incoming)
        if self.delay:
            time.sleep(self.delay)
        if incoming.is_button:
            return [Outgoing(incoming.chat, f"pressed {incoming.action}={incoming.value}")]
        text = self.reply_text if self.reply_text is not None else f"echo: {incoming.text}"
        return [Outgoing(incoming.chat, text,
                         buttons=(Button("Yes", "confirm", "b42"), Button("No", "cancel", "b42")))]


class DedupingCore(EchoCore):
    """EchoCore that, like BotCore, answers each event_id only once."""

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__(delay)
        self._done: set[str] = set()

    def handle(self, incoming: Incoming) -> list[Outgoing]:
        """Drop a repeated event_id; otherwise echo."""
        with self._lock:
            if incoming.event_id in self._done:
                self.seen.append(incoming)
                return []
            self._done.add(incoming.event_id)
        return super().handle(incoming)
