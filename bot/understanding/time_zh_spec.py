"""What the atoms of one Chinese time expression say, before it is resolved against a date.

The atoms fill a Spec (time_zh_fill); time_zh_absorb splits a run of atoms into Specs.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from bot.understanding.types import Grain

_DATE_FIELDS = (
    "year", "year_rel", "month", "month_rel", "day", "day_rel", "week_rel", "weekday", "weekend",
    "quarter", "quarter_rel", "half_year", "edge", "nth_weekday", "holiday", "after_holiday",
)


@dataclass(frozen=True)
class Atom:
    """One matched piece of a time expression: its kind, span, text and named groups."""

    name: str
    start: int
    end: int
    text: str
    groups: dict[str, str]
    before: str = ""


def _unset(value: object) -> bool:
    return value is None or value is False or (isinstance(value, list) and not value)


@dataclass
class Spec:
    """The fields one expression states; None means not said."""

    span: tuple[int, int] = (0, 0)
    year: int | None = None
    year_rel: int | None = None
    month: int | None = None
    month_rel: int | None = None
    day: int | None = None
    day_rel: int | None = None
    week_rel: int | None = None
    weekday: int | None = None
    weekend: bool | None = None
    quarter: int | None = None
    quarter_rel: int | None = None
    half_year: int | None = None
    edge: tuple[str, str] | None = None
    nth_weekday: tuple[int, int] | None = None
    holiday: str | None = None
    holiday_shift: int = 0
    after_holiday: bool | None = None
    after_holiday_name: str | None = None
    pod: str | None = None
    pod_strict: bool = False
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    ampm: str | None = None
    hour_24: bool = False
    now: bool | None = None
    offwork: str | None = None
    workdays_n: int | None = None
    offset: tuple[float, str, int] | None = None
    window: tuple[int, str, int, bool] | None = None
    century: tuple[int, int] | None = None
    decade: int | None = None
    duration: timedelta | None = None
    duration_grain: Grain = Grain.MINUTE
    rec: tuple[int, str | None] | None = None
    rec_weekdays: list[int] = field(default_factory=list)
    rec_last_workday: bool = False
    suffix: str | None = None
    deadline: bool = False
    has_own_date: bool = True

    def empty(self) -> bool:
        """True when no field was said."""
        return all(
            _unset(getattr(self, f.name)) for f in fields(self)
            if f.name not in ("span", "duration_grain", "has_own_date", "holiday_shift", "pod_strict", "hour_24",
                              "suffix", "deadline")
        )

    def has_date(self) -> bool:
        """True when a date part (day, week, month, year, holiday) was said."""
        return any(getattr(self, name) is not None for name in _DATE_FIELDS)

    def weekday_alone(self) -> bool:
        """True for a weekday with no week, day, month or year (周三, not 下周三 or 3月5日周三)."""
        return self.weekday is not None and all(
            getattr(self, name) is None for name in _DATE_FIELDS if name != "weekday")

    def relative_to_base(self) -> bool:
        """True when the end of a range counts from the start (一月十日到十二日, 周六到周一)."""
        return self.year is None and self.year_rel is None and self.day_rel is None and self.week_rel is None

    def inherit(self, base: Spec) -> Spec:
        """The end of a range completed with the start's date (两点到四点, 1月10日到12日)."""
        out = copy.copy(self)
        if not self.has_date():
            out.has_own_date = False
            for name in _DATE_FIELDS:
                setattr(out, name, getattr(base, name))
            out.holiday_shift = base.holiday_shift
            return out
        if self.day is not None and self.month is None and self.month_rel is None:
            out.month, out.month_rel = base.month, base.month_rel
            if out.year is None and out.year_rel is None:
                out.year, out.year_rel = base.year, base.year_rel
        elif self.month is not None and self.year is None and self.year_rel is None:
            out.year, out.year_rel = base.year, base.year_rel
        return out

    def without_recurrence(self) -> Spec:
        """The time of day of a recurrence, without its repeating date part."""
        out = copy.copy(self)
        out.rec = None
        out.rec_weekdays = []
        out.rec_last_workday = False
        for name in _DATE_FIELDS:
            setattr(out, name, None)
        return out

    def at_day(self, day: date) -> Spec:
        """The same time of day on a given date."""
        out = copy.copy(self)
        out.year, out.month, out.day = day.year, day.month, day.day
        return out

    # ------------------------------------------------------------------------------------------

    def empty_span(self) -> bool:
        """True before the first atom is absorbed."""
        return self.span == (0, 0)

    def assign(self, **values: object) -> bool:
        """Set fields that are still unsaid; False (and nothing set) when one is already said."""
        if any(not _unset(getattr(self, k)) for k in values):
            return False
        for k, v in values.items():
            setattr(self, k, v)
        return True
