"""Rate limits per chat, per group and per platform."""

from __future__ import annotations

from bot.ratelimit import Limit, RateLimiter


class Ticker:
    """A hand-moved monotonic clock."""

    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_one_message_per_second_per_chat() -> None:
    clock = Ticker()
    limiter = RateLimiter(clock=clock)
    assert limiter.wait_time("telegram", "42", False) == 0
    limiter.record("telegram", "42", False)
    assert 0.99 <= limiter.wait_time("telegram", "42", False) <= 1.0
    assert limiter.wait_time("telegram", "43", False) == 0  # another chat is free
    clock.t += 1.0
    assert limiter.wait_time("telegram", "42", False) == 0


def test_thirty_per_second_overall_on_telegram() -> None:
    clock = Ticker()
    limiter = RateLimiter(clock=clock)
    for chat in range(30):
        assert limiter.wait_time("telegram", str(chat), False) == 0
        limiter.record("telegram", str(chat), False)
    assert limiter.wait_time("telegram", "999", False) > 0
    assert limiter.wait_time("slack", "C1", False) == 0  # platforms are separate


def test_twenty_per_minute_in_a_group() -> None:
    clock = Ticker()
    limiter = RateLimiter({"telegram": {"chat": Limit(100, 1), "group": Limit(20, 60), "global": Limit(100, 1)}},
                          clock=clock)
    for _ in range(20):
        limiter.record("telegram", "-100", True)
        clock.t += 0.5
    assert 49 < limiter.wait_time("telegram", "-100", True) <= 50.5
    assert limiter.wait_time("telegram", "-100", False) == 0  # the group limit applies to groups only
