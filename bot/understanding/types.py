"""Value types shared by the time resolvers and the command parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum


class Grain(StrEnum):
    """The finest unit a time expression states."""

    SECOND = "second"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Kind(StrEnum):
    """What a time reading is."""

    INSTANT = "instant"
    INTERVAL = "interval"
    RECURRENCE = "recurrence"
    DURATION = "duration"


class Warning(StrEnum):
    """Signals that tell the dialog to ask rather than guess."""

    PAST_TIME_MOVED = "past_time_moved"  # a time already past today with no date: moved to the next one
    WEEKDAY_MISMATCH = "weekday_mismatch"  # 3月5日周五 when the 5th is a Thursday
    END_BEFORE_START = "end_before_start"  # a range whose end is before its start
    IN_THE_PAST = "in_the_past"  # an explicit date that has already passed


@dataclass(frozen=True)
class TimeReading:
    """One time expression found in a text, resolved against a reference instant.

    `span` is (start, end) character offsets in the text as given. Intervals carry the
    first and last points named (two to four -> 14:00 and 16:00); an open side is None.
    Durations ("一个小时") carry `duration` and no start.
    """

    kind: Kind
    start: datetime | None
    end: datetime | None
    grain: Grain
    span: tuple[int, int]
    rrule: str | None = None
    duration: timedelta | None = None
    is_deadline: bool = False
    warnings: tuple[Warning, ...] = field(default=())

    @property
    def text_length(self) -> int:
        """How many characters of the text this reading covers."""
        return self.span[1] - self.span[0]
