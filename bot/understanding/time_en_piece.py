"""The pieces the English lexer finds (dates, clock times, parts of day, connectors...)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from bot.understanding.types import Grain

DATE = "date"  # a day, week, month, quarter or year (possibly a span of days)
TIME = "time"  # a clock time
POD = "pod"  # a part of the day (morning, tonight...)
DT = "dt"  # an exact instant relative to now (now, in 2 hours)
SPAN = "span"  # a ready-made interval (next 3 days, end of month)
DUR = "dur"  # a duration
NUM = "num"  # a bare number that only context turns into an hour or a day
CONN = "conn"  # a connector word (from, to, until, by, every...)
REC = "rec"  # the head of a recurrence (every other Monday)
TZ = "tz"  # a time zone abbreviation (GMT, PST); value holds its offset in minutes


@dataclass
class Clock:
    """A clock time as written: hour in 0..24, the am/pm stated, the finest unit stated."""

    hour: int
    minute: int = 0
    second: int = 0
    ampm: str | None = None
    grain: Grain = Grain.HOUR
    twenty_four: bool = False  # written with a leading zero or an hour above 12


@dataclass
class Recur:
    """The head of a recurrence: RRULE parts and how to test a day for an occurrence."""

    freq: str
    interval: int = 1
    byday: tuple[int, ...] = ()
    bymonthday: int | None = None
    setpos: int | None = None  # with byday: the nth (or -1 last) of the month
    last_workday: bool = False
    hourly: bool = False
    workdays_only: bool = False  # "every working day": the official calendar, not just Mon-Fri


@dataclass
class Piece:
    """One atom of a time expression with its character span."""

    kind: str
    start: int
    end: int
    weak: bool = False
    # DATE
    day: date | None = None
    grain: Grain = Grain.DAY
    last: date | None = None
    weekday: int | None = None
    movable: bool = False  # a weekday alone: moves a week on when its time is already past
    month_only: bool = False
    year_stated: bool = False
    # TIME
    clock: Clock | None = None
    # POD
    pod: str | None = None
    # DT / SPAN
    dt: datetime | None = None
    dt_end: datetime | None = None
    open_end: bool = False
    # DUR
    delta: timedelta | None = None
    # NUM
    value: int | None = None
    ordinal: bool = False
    # CONN
    word: str = ""
    # REC
    recur: Recur | None = None
    # deadlines found by the lexer ("within 3 business days", "EOD")
    deadline: bool = False
    at_time: time | None = None
    extra: dict[str, object] = field(default_factory=dict)
