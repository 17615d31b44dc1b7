"""Hours of the day: am/pm, parts of the day and the office conventions for bare hours."""

from __future__ import annotations

from datetime import time

from bot.understanding.conventions import Conventions
from bot.understanding.time_en_piece import Clock


def hour24(c: Clock, pod: str | None, conv: Conventions) -> int:
    """The 24-hour hour of a clock time, applying am/pm, the part of day and office conventions."""
    h = c.hour
    if c.ampm == "am":
        return 0 if h == 12 else h
    if c.ampm == "pm":
        return h if h == 12 else h + 12
    if c.twenty_four:
        return h
    if pod in ("afternoon", "evening") and h < 12:
        # Late-night hours stay early morning: "tonight around 3" is 03:00.
        return h if pod == "evening" and h <= 4 else h + 12
    if pod == "morning":
        return 0 if h == 12 else h
    if 1 <= h <= conv.bare_hour_pm_max:
        return h + 12
    return h % 24


def pod_hours(pod: str, conv: Conventions) -> tuple[time, time]:
    """The conventional hours of a part of day."""
    part = {"morning": conv.morning, "afternoon": conv.afternoon, "evening": conv.evening,
            "noon": conv.noon}.get(pod, conv.all_day)
    return part.start, part.end


def ampm_pair(c1: Clock | None, c2: Clock | None, pod1: str | None, pod2: str | None,
              conv: Conventions) -> tuple[int, int] | None:
    """The 24-hour hours of a time range, reading one side's am/pm into the other."""
    if c1 is None or c2 is None:
        return None
    h2 = hour24(c2, pod2, conv)
    if c1.ampm or c1.twenty_four or pod1:
        h1 = hour24(c1, pod1, conv)
    elif c2.ampm or c2.twenty_four or pod2:
        # "2-4pm": the start takes the end's half of the day unless that puts it after the end.
        cands = [c1.hour % 12, c1.hour % 12 + 12]
        fits = [h for h in cands if (h, c1.minute) <= (h2, c2.minute)]
        h1 = max(fits) if fits else hour24(c1, None, conv)
        return h1, h2
    else:
        h1 = hour24(c1, None, conv)
    if not (c2.ampm or c2.twenty_four or pod2):
        cands = [c2.hour % 12, c2.hour % 12 + 12]
        fits = [h for h in cands if (h, c2.minute) > (h1, c1.minute)]
        h2 = min(fits) if fits else h2
    return h1, h2
