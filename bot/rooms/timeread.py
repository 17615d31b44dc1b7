"""Reading a time out of a follow-up answer ("下午三点", "一个小时", "till 4pm") with the office conventions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.context import Context
from bot.rooms.common import conventions
from bot.understanding.timeparse import find_times
from bot.understanding.timeslots import has_date, on_day_of
from bot.understanding.types import Grain, Kind

_COARSE = (Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR)


@dataclass(frozen=True)
class TimeAnswer:
    """What an answer says about time: a start, an end, a length, whether only a day was named."""

    start: datetime | None = None
    end: datetime | None = None
    length: timedelta | None = None
    day_only: bool = False
    dated: bool = False


def read_time(ctx: Context, text: str, day: datetime | None = None) -> TimeAnswer:
    """The time an answer names; clock times without a date land on `day` when one is known."""
    readings = find_times(text, ctx.local_now, conventions(ctx))
    length = next((r.duration for r in readings if r.kind is Kind.DURATION and r.duration), None)
    pool = [r for r in readings if r.kind is not Kind.DURATION and r.start is not None]
    if not pool:
        return TimeAnswer(length=length)
    main = max(pool, key=lambda r: (r.text_length, -r.span[0]))
    dated = has_date(text, main)
    if day is not None and not dated and main.grain not in _COARSE:
        main = on_day_of(main, day.astimezone(ctx.tz))
    end = main.end
    if main.grain in _COARSE:
        return TimeAnswer(start=main.start, day_only=True, length=length, dated=True)
    if end is None and length is not None and main.start is not None:
        end = main.start + length
    return TimeAnswer(start=main.start, end=end, length=length, dated=dated)
