"""What the fake Telegram and Slack servers share: the call log, rate-limit windows and injected faults."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from typing import Any, Literal


@dataclass
class Limit:
    """At most `count` sends per `window` seconds; beyond that a 429 saying `retry_after`."""

    count: int
    window: float
    retry_after: int


@dataclass
class Chaos:
    """Random failures: a share of calls answered 429 (with retry_after) or 500, before any effect."""

    rate_429: float
    rate_500: float
    retry_after: int
    methods: frozenset[str]
    rng: random.Random


class FaultyFake:
    """A call log with look-ups, random 429/500 injection and slowed-down methods (mixed into both fakes)."""

    calls: list[Any]
    send_methods: frozenset[str] = frozenset()

    def _init_faults(self) -> None:
        self._chaos: Chaos | None = None
        self._delay = 0.0
        self._delayed: frozenset[str] = self.send_methods

    def inject_failures(self, *, rate_429: float = 0.0, rate_500: float = 0.0, retry_after: int = 1,
                        seed: int = 0, methods: frozenset[str] | None = None) -> None:
        """Answer a random share of `methods` calls (default: the sends) with 429 or 500; nothing happens then."""
        self._chaos = Chaos(rate_429, rate_500, retry_after, methods or self.send_methods, random.Random(seed))

    def slow_down(self, seconds: float, methods: frozenset[str] | None = None) -> None:
        """Each call of `methods` (default: the sends) takes `seconds` longer (logged when it arrives)."""
        self._delay, self._delayed = seconds, methods or self.send_methods

    def calls_to(self, method: str) -> list[Any]:
        """Recorded calls of one method, oldest first."""
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Any]:
        """Wait until `method` was called at least `count` times; return those calls."""
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.calls_to(method)) < count:
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"{method} called {len(self.calls_to(method))}x, wanted {count}")
            await asyncio.sleep(0.01)
        return self.calls_to(method)

    async def _pause(self, method: str) -> None:
        if self._delay and method in self._delayed:
            await asyncio.sleep(self._delay)

    def _chaos_roll(self, method: str) -> Literal["429", "500"] | None:
        """Which injected failure, if any, this call gets."""
        chaos = self._chaos
        if chaos is None or method not in chaos.methods:
            return None
        roll = chaos.rng.random()
        if roll < chaos.rate_429:
            return "429"
        if roll < chaos.rate_429 + chaos.rate_500:
            return "500"
        return None
