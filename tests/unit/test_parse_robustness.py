"""Any text up to 4,096 characters parses without an exception and quickly."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.understanding.commands import RoomFact, parse_command
from bot.understanding.timeparse import primary_time

NOW = datetime(2026, 3, 4, 14, 20, tzinfo=ZoneInfo("Asia/Shanghai"))
ROOMS = (RoomFact("第二会议室", ("大会议室",), "行政楼二楼", 2, 40),)
# Generous for a slow CI machine, yet far below anything a person would notice.
LIMIT_SECONDS = 0.05
SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

_office_words = st.sampled_from([
    "明天下午三点", "订", "第二会议室", "三楼", "到", "点", "半", "每周一", "督办:", "请", "牵头", "前", "百分之",
    "七十", "来访", "找", "电话13800001111", "提醒我", "通知", ":", ",", "取消", "改到", "book room 301",
    "tomorrow 3-4pm", "every other Monday", "by Friday EOD", "remind me", "'; DROP TABLE bookings; --",
    "涉密", "礼拜三", "後天", "會議室", "😀", "\x00", "\u202e", "١٢٣", "𠀀", "\r\n", "%", "99999999999999999999",
])
_texts = st.one_of(
    st.text(max_size=4096),
    st.lists(_office_words, max_size=400).map("".join).map(lambda s: s[:4096]),
    st.lists(st.one_of(_office_words, st.text(max_size=8)), max_size=200).map(" ".join).map(lambda s: s[:4096]),
)
# Runs of one character are where a regular expression backtracks worst.
_WORST = [" " * 4096, "\n" * 4096, "1" * 4096, "1 " * 2048, "a" * 4096, "会" * 4096, ":" * 4096,
          ("明天下午三点订第二会议室," * 400)[:4096], "notify " + "the finance team and " * 200]


def _timed(func: object, text: str) -> float:
    """The CPU time one call costs, best of three: what the input costs, not what a busy machine adds."""
    best = float("inf")
    for _ in range(3):
        started = time.thread_time()
        func(text, NOW)  # type: ignore[operator]
        best = min(best, time.thread_time() - started)
    return best


def _parse(text: str, now: datetime) -> None:
    assert parse_command(text, now, rooms=ROOMS).intent


@SETTINGS
@given(_texts)
def test_any_text_parses_fast(text: str) -> None:
    elapsed = _timed(_parse, text)
    assert elapsed < LIMIT_SECONDS, f"parse_command: {elapsed * 1000:.1f} ms for {len(text)} characters"


def test_worst_case_texts_parse_fast() -> None:
    for text in _WORST:
        _timed(_parse, text)  # warm
        elapsed = _timed(_parse, text)
        assert elapsed < LIMIT_SECONDS, f"parse_command: {elapsed * 1000:.1f} ms for {text[:12]!r}..."


@SETTINGS
@given(_texts)
@example(" " * 4096)
@example("1 " * 2048)
def test_any_text_resolves_times_fast(text: str) -> None:
    elapsed = _timed(primary_time, text)
    assert elapsed < LIMIT_SECONDS, f"primary_time: {elapsed * 1000:.1f} ms for {len(text)} characters"
