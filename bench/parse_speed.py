"""Parse speed: median and p99 warm time per message over the dev corpora, and the cold first parse."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
COLD = (
    "import time; t = time.perf_counter(); from datetime import datetime; from zoneinfo import ZoneInfo; "
    "from bot.understanding.commands import parse_command; "
    "parse_command('帮我订下周三下午两点到四点的第二会议室', datetime(2026, 3, 4, 14, 20, "
    "tzinfo=ZoneInfo('Asia/Shanghai'))); print(time.perf_counter() - t)"
)


def corpus_texts() -> list[tuple[str, datetime]]:
    """Every text of the dev corpora with its reference instant."""
    out: list[tuple[str, datetime]] = []
    for path in sorted(CORPORA.glob("dev_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                ref = datetime.fromisoformat(rec.get("now") or rec.get("ref"))
                if ref.tzinfo is None:
                    ref = ref.replace(tzinfo=ZoneInfo(rec.get("tz", "Asia/Shanghai")))
                out.append((rec["text"], ref))
    return out


def main() -> int:
    """Print the figures; exit 1 when a target (median <= 1 ms, first parse <= 300 ms) is missed."""
    sys.path.insert(0, str(ROOT))
    from bot.understanding.commands import parse_command

    texts = corpus_texts()
    for text, now in texts:
        parse_command(text, now)
    times = []
    for text, now in texts:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            parse_command(text, now)
            best = min(best, time.perf_counter() - started)
        times.append(best)
    times.sort()
    median = statistics.median(times) * 1000
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
    cold = float(subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()) * 1000
    print(f"messages: {len(texts)}")
    print(f"warm median: {median:.3f} ms per message (target <= 1 ms)")
    print(f"warm p99:    {p99:.3f} ms")
    print(f"first parse in a fresh process: {cold:.0f} ms (target <= 300 ms)")
    return 0 if median <= 1.0 and cold <= 300 else 1


if __name__ == "__main__":
    sys.exit(main())
