"""Moments: adjacent date, time and part-of-day pieces read together, and their resolution."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone

from bot.understanding.conventions import Conventions
from bot.understanding.time_en_calc import add_months, at, next_month_day
from bot.understanding.time_en_hours import ampm_pair, hour24, pod_hours
from bot.understanding.time_en_piece import DATE, DT, NUM, POD, SPAN, TIME, TZ, Clock, Piece
from bot.understanding.types import Grain, Warning

Day = date
GRAIN_ORDER = [Grain.SECOND, Grain.MINUTE, Grain.HOUR, Grain.DAY, Grain.WEEK, Grain.MONTH,
               Grain.QUARTER, Grain.YEAR]


def finer(a: Grain, b: Grain) -> Grain:
    """The finer of two grains."""
    return a if GRAIN_ORDER.index(a) <= GRAIN_ORDER.index(b) else b


@dataclass
class Moment:
    """One point (or natural period) in time as several adjacent pieces describe it."""

    start: int
    end: int
    date: Piece | None = None
    clock: Clock | None = None
    pod: str | None = None
    pod_day: Day | None = None
    dt: Piece | None = None
    span: Piece | None = None
    nums: list[Piece] = field(default_factory=list)
    weekday_check: int | None = None
    weak: bool = True
    count: int = 0
    tz_minutes: int | None = None
    warnings: list[Warning] = field(default_factory=list)
    meal: bool = False  # the part of day is a meal word (lunch), read only next to a day or connector

    def absorb(self, p: Piece) -> bool:
        """Add a piece when it fits with what the moment already holds."""
        ok = self._absorb(p)
        if ok:
            self.start, self.end = min(self.start, p.start), max(self.end, p.end)
            self.count += 1
            self.weak = self.weak and p.weak and not (self.count > 1 and self.date is not None)
        return ok

    def _absorb(self, p: Piece) -> bool:
        if p.kind == DATE:
            if p.pod and self.pod is None:
                self.pod = p.pod
            return self._add_date(p)
        if p.kind == TIME:
            if self.clock is not None or self.span is not None or (self.dt and not _dated(self.dt)):
                return False
            assert p.clock is not None
            self.clock = p.clock
            return True
        if p.kind == POD:
            if self.pod is not None or self.span is not None:
                return False
            self.pod, self.pod_day = p.pod, p.day
            self.meal = bool(p.extra.get("meal"))
            return True
        if p.kind == DT:
            d = self.date
            if (d is not None and d.month_only and not d.year_stated and d.day is not None and not self.dt
                    and p.dt is not None and p.extra.get("unit") == "year"):
                # "March in 1 year": the month of the year the offset reaches.
                self.date = replace(d, day=d.day.replace(year=p.dt.year), year_stated=True)
                return True
            if self.dt or self.date or self.span or (self.clock and not _dated(p)):
                return False
            self.dt = p
            return True
        if p.kind == SPAN:
            if self.is_empty():
                self.span = p
                return True
            return False
        if p.kind == TZ:
            if self.tz_minutes is not None or self.clock is None:
                return False
            self.tz_minutes = p.value
            return True
        if p.kind == NUM:
            if len(self.nums) >= 1 or self.span or self.dt or (self.date is not None and p.start < self.date.start
                                                               and self.clock is None and self.pod is None):
                return False
            self.nums.append(p)
            return True
        return False

    def is_empty(self) -> bool:
        """True before any piece was added."""
        return not (self.date or self.clock or self.pod or self.dt or self.span or self.nums)

    def _add_date(self, p: Piece) -> bool:
        if self.span or self.dt:
            return False
        d = self.date
        if d is None:
            self.date = p
            return True
        # "Friday EOD": the day comes from the other piece, the end of day stays.
        for eod, other in ((p, d), (d, p)):
            if eod.extra.get("eod") and not other.extra.get("eod") and other.grain is Grain.DAY:
                self.date = replace(other, extra={**other.extra, "eod": True})
                return True
        # A weekday next to a full date ("Friday March 5"): the date wins, the weekday is checked.
        for wk, full in ((d, p), (p, d)):
            if wk.weekday is not None and full.extra.get("nth") and full.value:
                self.date, self.nums = wk, [Piece(NUM, full.start, full.end, value=full.value)]
                return True
            if wk.weekday is not None and wk.extra.get("md") is None and full.extra.get("md") and full.grain is Grain.DAY:
                self.date = _agreeing_year(full, wk.weekday)
                self.weekday_check = wk.weekday
                return True
        # "1st week of Oct. on Friday": that weekday in that week.
        for wk, week in ((d, p), (p, d)):
            if (wk.weekday is not None and wk.extra.get("md") is None and week.grain is Grain.WEEK
                    and week.day is not None and week.last is None):
                monday = week.day - timedelta(days=week.day.weekday())
                self.date = replace(week, day=monday + timedelta(days=wk.weekday), grain=Grain.DAY)
                return True
        if d.grain is Grain.YEAR and p.month_only and not p.year_stated and p.day:
            self.date = replace(p, day=p.day.replace(year=d.day.year) if d.day else p.day, year_stated=True)
            return True
        if p.grain is Grain.YEAR and d.month_only and not d.year_stated and d.day and p.day:
            self.date = replace(d, day=d.day.replace(year=p.day.year), year_stated=True)
            return True
        return False

    def meal_only(self) -> bool:
        """True for a meal word alone ("book this lunch"), which is no time."""
        return self.meal and not (self.date or self.clock or self.dt or self.span or self.nums or self.pod_day)

    def has_day(self) -> bool:
        """True when a date (or relative day) was stated."""
        return self.date is not None or self.dt is not None or self.pod_day is not None


def _agreeing_year(full: Piece, weekday: int) -> Piece:
    """"Fri, Jul 18" without a year: next year's when this year's is no Friday but next year's is.

    Further off, the date stays and the mismatch is warned about (a typo is likelier than 2019)."""
    d = full.day
    if full.year_stated or d is None or d.weekday() == weekday:
        return full
    for y in (d.year + 1,):
        try:
            cand = d.replace(year=y)
        except ValueError:
            continue
        if cand.weekday() == weekday:
            return replace(full, day=cand)
    return full


def _dated(p: Piece) -> bool:
    """An offset of whole days or more, to which a clock time can be added."""
    return p.grain is Grain.DAY or bool(p.extra.get("dated"))


@dataclass
class Resolved:
    """A moment turned into datetimes."""

    start: datetime
    end: datetime | None
    grain: Grain
    warnings: list[Warning]
    dated: bool
    timed: bool


def day_of_num(mom: Moment, today: date) -> Piece | None:
    """A bare number next to a month or a weekday read as a day of the month."""
    if not mom.nums:
        return None
    n = mom.nums[0].value or 0
    if not 1 <= n <= 31:
        return None
    d = mom.date
    if d is not None and d.month_only and d.day is not None:
        try:
            day = d.day.replace(day=n)
        except ValueError:
            return None
        if not d.year_stated and day < today and d.extra.get("md") is None and d.day.year == today.year:
            day = next_month_day(today, day.month, n) or day
        out = replace(d, day=day, grain=Grain.DAY, month_only=False, extra={"md": True})
        return out
    if d is not None and d.weekday is not None and d.extra.get("md") is None:
        first = today.replace(day=1)
        for k in range(15):
            month = add_months(first, k)
            try:
                cand = month.replace(day=n)
            except ValueError:
                continue
            # This month's when its weekday agrees ("tues the 4th", said on the 17th), else the next one.
            if (cand >= today or k == 0) and cand.weekday() == d.weekday:
                return replace(d, day=cand, extra={"md": True}, movable=False)
        return None
    return None


def resolve(mom: Moment, now: datetime, conv: Conventions, allow_move: bool = True) -> Resolved | None:
    """The datetimes a moment names; a time already past today with no date moves to tomorrow."""
    tz = now.tzinfo
    today = now.date()
    warnings = list(mom.warnings)
    if mom.span is not None:
        s = mom.span
        assert s.dt is not None
        return Resolved(s.dt, s.dt_end, s.grain, warnings, True, True)
    if mom.nums and mom.date is not None and mom.nums[0].start > mom.date.start:
        fixed = day_of_num(mom, today)
        if fixed is not None:
            mom.date, mom.nums = fixed, []
    day: date | None = None
    grain = Grain.DAY
    last: date | None = None
    if mom.date is not None and mom.date.day is not None:
        day, grain, last = mom.date.day, mom.date.grain, mom.date.last
    elif mom.dt is not None and mom.dt.dt is not None:
        if not _dated(mom.dt) or mom.clock is None:
            return Resolved(mom.dt.dt, None, mom.dt.grain, warnings, True, True)
        day = mom.dt.dt.date()
    elif mom.pod_day is not None:
        day = mom.pod_day
    if mom.weekday_check is not None and day is not None and day.weekday() != mom.weekday_check:
        warnings.append(Warning.WEEKDAY_MISMATCH)
    clock = mom.clock
    if clock is None and mom.nums and mom.pod and 1 <= (mom.nums[0].value or 0) <= 12:
        n = mom.nums[0].value or 0
        clock = Clock(n)
    if clock is not None:
        h = hour24(clock, mom.pod, conv)
        extra_day = 1 if h == 24 else 0
        t = time(h % 24, clock.minute, clock.second)
        base = day if day is not None and grain is Grain.DAY else (day if day is not None else today)
        start = at(base + timedelta(days=extra_day), t, tz)
        if mom.tz_minutes is not None:
            zone = timezone(timedelta(minutes=mom.tz_minutes))
            start = datetime.combine(base + timedelta(days=extra_day), t, zone).astimezone(tz)
        only_pod_day = mom.date is None and mom.dt is None and mom.pod_day is not None
        if (day is None or only_pod_day) and allow_move and start < now:
            start += timedelta(days=1)
            warnings.append(Warning.PAST_TIME_MOVED)
        elif mom.date is not None and mom.date.movable and allow_move and start < now:
            start += timedelta(weeks=1)
        return Resolved(start, None, clock.grain, warnings, day is not None, True)
    if mom.pod is not None:
        base = day if day is not None else today
        t0, t1 = pod_hours(mom.pod, conv)
        return Resolved(at(base, t0, tz), at(base, t1, tz), Grain.HOUR, warnings, day is not None, False)
    if day is None:
        return None
    end = at(last, time(0), tz) if last is not None else None
    return Resolved(at(day, time(0), tz), end, grain, warnings, True, False)


def moment_of(pieces: list[Piece]) -> list[Moment]:
    """Group adjacent non-connector pieces into moments, splitting where they clash."""
    out: list[Moment] = []
    cur: Moment | None = None
    for p in pieces:
        if cur is None or not cur.absorb(p):
            cur = Moment(p.start, p.end)
            if not cur.absorb(p):
                cur = None
                continue
            out.append(cur)
    return out


__all__ = ["DATE", "DT", "NUM", "POD", "SPAN", "TIME", "Moment", "Resolved", "add_months",
           "ampm_pair", "finer", "hour24", "moment_of", "resolve"]
