"""Office conventions the time resolver applies (CONTRACT.md); configurable per office."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class PartOfDay:
    """A named part of the day with its conventional hours."""

    start: time
    end: time


@dataclass(frozen=True)
class Conventions:
    """How an office reads vague times: office hours and parts of the day."""

    office_open: time = time(9, 0)
    office_close: time = time(18, 0)
    morning: PartOfDay = PartOfDay(time(9, 0), time(12, 0))
    noon: PartOfDay = PartOfDay(time(12, 0), time(14, 0))
    afternoon: PartOfDay = PartOfDay(time(14, 0), time(18, 0))
    evening: PartOfDay = PartOfDay(time(18, 0), time(22, 0))
    all_day: PartOfDay = PartOfDay(time(9, 0), time(18, 0))
    # A bare hour 1..6 means the afternoon, 7..11 the morning, 12 noon.
    bare_hour_pm_max: int = 6
    use_official_calendar: bool = True


DEFAULT_CONVENTIONS = Conventions()
