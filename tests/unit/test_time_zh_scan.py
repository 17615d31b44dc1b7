"""The bounded atom scanner: same atoms as the whole alternation, fast on hostile text, cheap import."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.understanding.time_zh_lex import atom_re
from bot.understanding.time_zh_scan import _atom_firsts, atom_matches
from bot.understanding.timeparse import find_times, primary_time

NOW = datetime(2026, 3, 4, 14, 20, tzinfo=ZoneInfo("Asia/Shanghai"))
_SAMPLES = [
    "明天下午三点订第二会议室", "下周三上午十点半", "2026-03-05 15:30", "3/5到3/8", "每周一上午九点到十点半",
    "国庆节后第一天", "4月底前", "差五分三点", "晚上11点到凌晨2点", "上2个月", "第三季度", "民国元年",
    "下 周三", "十一点", "三个工作日内", "明天下班前", "9:00:00 - 9:00:30", "1月15号4点和2月3号9点之间",
    "2010 01 29五点", "圣诞节前一天", "八十年代", "21世纪20年代", "下个月初", "过两天", "3pm", "三点一",
]


def _corpus_texts() -> list[str]:
    corpora = Path(__file__).resolve().parents[3] / "shared" / "corpora"
    texts: list[str] = []
    for path in sorted(corpora.glob("*_zh.jsonl")) if corpora.exists() else []:
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return texts


def test_first_characters_are_known() -> None:
    assert _atom_firsts() is not None


@pytest.mark.parametrize("text", _SAMPLES)
def test_scanner_finds_what_the_alternation_finds(text: str) -> None:
    whole = [(m.start(), m.end(), m.lastgroup) for m in atom_re().finditer(text)]
    assert [(m.start(), m.end(), m.lastgroup) for m in atom_matches(text, 10_000)] == whole


def test_scanner_matches_the_alternation_on_the_corpora() -> None:
    for text in _corpus_texts():
        whole = [(m.start(), m.end(), m.lastgroup) for m in atom_re().finditer(text)]
        assert [(m.start(), m.end(), m.lastgroup) for m in atom_matches(text, 10_000)] == whole, text


_WORST = [" " * 4096, "\n" * 4096, "1 " * 2048, "1" * 4096, "一" * 4096, "每" * 4096, "到" * 4096,
          "十" * 4096, "😀" * 4096, "\x00\x1b" * 2048, ("3点到" * 1400)[:4096], "号" * 4096, "１" * 4096,
          ("2026 " * 820)[:4096], "1/" * 2048]


@pytest.mark.parametrize("text", _WORST, ids=lambda t: repr(t[:6]))
def test_worst_case_texts_resolve_fast(text: str) -> None:
    for func in (primary_time, find_times):
        func(text, NOW)  # warm
        best = min(_elapsed(func, text) for _ in range(3))
        assert best < 0.05, f"{func.__name__}: {best * 1000:.1f} ms"


def _elapsed(func: object, text: str) -> float:
    started = time.perf_counter()
    func(text, NOW)  # type: ignore[operator]
    return time.perf_counter() - started


def test_import_compiles_no_atoms_and_loads_no_calendars() -> None:
    code = (
        "import sys\n"
        "import bot.understanding.timeparse\n"
        "from bot.understanding import time_zh_lex, time_zh_scan\n"
        "heavy = [m for m in ('chinese_calendar', 'lunardate', 'hijridate') if m in sys.modules]\n"
        "print(heavy, time_zh_lex.atom_re.cache_info().currsize, time_zh_scan._atom_pattern.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] 0 0"
