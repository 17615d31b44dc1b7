"""Sliding-window rate limits per chat and per platform, as the platforms publish them."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """At most `count` messages in `seconds`."""

    count: int
    seconds: float


# Telegram: ~1/s per chat, 20/min per group, 30/s overall. Slack: ~1/s per channel.
PLATFORM_LIMITS: dict[str, dict[str, Limit]] = {
    "telegram": {"chat": Limit(1, 1.0), "group": Limit(20, 60.0), "global": Limit(30, 1.0)},
    "slack": {"chat": Limit(1, 1.0), "group": Limit(1, 1.0), "global": Limit(50, 1.0)},
}


class RateLimiter:
    """Tells how long to wait before the next message to a chat may go."""

    def __init__(self, limits: dict[str, dict[str, Limit]] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits if limits is not None else PLATFORM_LIMITS
        self.clock = clock
        self._sent: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def wait_time(self, platform: str, chat_id: str, is_group: bool) -> float:
        """Seconds until a message to this chat respects every limit (0 when it may go now)."""
        limits = self.limits.get(platform)
        if not limits:
            return 0.0
        now = self.clock()
        waits = [self._wait(("global", platform), limits["global"], now),
                 self._wait(("chat", f"{platform}:{chat_id}"), limits["chat"], now)]
        if is_group:
            waits.append(self._wait(("group", f"{platform}:{chat_id}"), limits["group"], now))
        return max(waits)

    def platform_wait(self, platform: str) -> float:
        """Seconds until the platform-wide limit allows another message to any chat (0 when it does)."""
        limits = self.limits.get(platform)
        if not limits:
            return 0.0
        return self._wait(("global", platform), limits["global"], self.clock())

    def record(self, platform: str, chat_id: str, is_group: bool) -> None:
        """Note that a message was sent now."""
        if platform not in self.limits:
            return
        now = self.clock()
        keys = [("global", platform), ("chat", f"{platform}:{chat_id}")]
        if is_group:
            keys.append(("group", f"{platform}:{chat_id}"))
        for key in keys:
            self._sent[key].append(now)

    def _wait(self, key: tuple[str, str], limit: Limit, now: float) -> float:
        window = self._sent[key]
        while window and window[0] <= now - limit.seconds:
            window.popleft()
        if len(window) < limit.count:
            return 0.0
        return window[0] + limit.seconds - now
