"""Ranges read from two moments ("2-4pm", "from Monday to Wednesday") and a moment plus a length."""

from __future__ import annotations

from datetime import timedelta

from bot.understanding.time_en_calc import at
from bot.understanding.time_en_moment import Moment, Resolved, ampm_pair, finer
from bot.understanding.time_en_piece import Clock
from bot.understanding.time_en_segs import ReaderBase, _Seg
from bot.understanding.types import Grain, Kind, TimeReading, Warning


class RangeMixin(ReaderBase):
    """Reads two moments into an interval, sharing the date or half of the day one of them states."""

    def _for(self, mom: Moment, d: _Seg, start: int, end: int | None = None) -> TimeReading | None:
        r = self._resolve(mom)
        if r is None or d.piece is None or d.piece.delta is None:
            return None
        grain = finer(r.grain, d.piece.grain)
        return self._reading(Kind.INTERVAL, r.start, r.start + d.piece.delta, grain, (start, end or d.end),
                             r.warnings)

    def _range(self, m1: Moment | None, m2: Moment | None, start: int, end: int,
               ctx_mom: Moment | None = None) -> TimeReading | None:
        assert m1 is not None and m2 is not None
        if ctx_mom is not None:
            for m in (m1, m2):
                if not m.has_day() and ctx_mom.date is not None:
                    m.absorb(ctx_mom.date)
                if m.pod is None and ctx_mom.pod is not None:
                    m.pod = ctx_mom.pod
                if m.pod_day is None and ctx_mom.pod_day is not None:
                    m.pod_day = ctx_mom.pod_day
        _share(m1, m2)
        _share(m2, m1)
        _nums_in_range(m1, m2)
        _nums_in_range(m2, m1)
        if m1.is_empty() or m2.is_empty():
            return None
        hours = ampm_pair(m1.clock, m2.clock, m1.pod, m2.pod, self.conv)
        if hours is not None:
            assert m1.clock is not None and m2.clock is not None
            m1.clock.ampm = m2.clock.ampm = None
            m1.clock.twenty_four = m2.clock.twenty_four = True
            m1.clock.hour, m2.clock.hour = hours
        r1 = self._resolve(m1)
        r2 = self._resolve(m2, allow_move=False)
        if r1 is None or r2 is None:
            return None
        warnings = list(r1.warnings)
        e = r2.start
        if r1.timed and r2.timed and not m2.has_day():
            e = at(r1.start.date(), e.timetz().replace(tzinfo=None), self.now.tzinfo)
            # Only an evening start running into the small hours crosses midnight (10pm-2am).
            if e < r1.start and r1.start.hour >= 18 and e.hour < 8:
                e += timedelta(days=1)
        elif e < r1.start and not r1.timed and m1.date is not None and not m1.date.year_stated and r1.start.replace(
                year=r1.start.year - 1) <= e and not (m1.date.weekday is not None or m1.date.extra.get("rel")):
            r1 = Resolved(r1.start.replace(year=r1.start.year - 1), None, r1.grain, warnings, True, r1.timed)
        elif e < r1.start and m2.date is not None and not m2.date.year_stated and m2.date.extra.get("md"):
            e = e.replace(year=e.year + 1)
        if e < r1.start:
            warnings.append(Warning.END_BEFORE_START)
        return self._reading(Kind.INTERVAL, r1.start, e, finer(r1.grain, r2.grain), (start, end), warnings)


def _share(m: Moment, other: Moment) -> None:
    """Give a range end the date, part of day or year the other end states."""
    od = other.date
    if m.date is not None and m.date.extra.get("nth") and od is not None and od.extra.get("md") and od.day:
        try:
            from dataclasses import replace

            m.date = replace(od, day=od.day.replace(day=m.date.value or 0))
        except ValueError:
            pass
    if not m.has_day() and other.date is not None and not (other.date.month_only and m.nums):
        if other.date.grain is Grain.DAY or m.clock is not None:
            m.date = other.date
    if not m.has_day() and other.pod_day is not None:
        m.pod_day = other.pod_day
    if m.pod is None and other.pod is not None and m.clock is not None:
        m.pod = other.pod
    if m.tz_minutes is None and other.tz_minutes is not None:
        m.tz_minutes = other.tz_minutes
    if (m.date is not None and other.date is not None and other.date.year_stated and not m.date.year_stated
            and m.date.day is not None and other.date.day is not None and m.date.extra.get("md", m.date.month_only)):
        try:
            from dataclasses import replace

            m.date = replace(m.date, day=m.date.day.replace(year=other.date.day.year))
        except ValueError:
            pass


def _nums_in_range(m: Moment, other: Moment) -> None:
    """A bare number at one end of a range: a day when the other end is a month date, else an hour."""
    if not m.nums or m.clock is not None:
        return
    n = m.nums[0]
    od = other.date
    if m.date is not None and m.date.month_only:
        return
    if od is not None and od.extra.get("md") and other.clock is None and not other.nums:
        try:
            day = od.day.replace(day=n.value or 0) if od.day else None
        except ValueError:
            day = None
        if day is not None:
            from dataclasses import replace

            m.date = replace(od, day=day)
            m.nums = []
            return
    if od is not None and od.month_only and other.clock is None:
        return
    if (n.value or 0) > 24:
        return
    m.clock = Clock(n.value or 0)
    m.nums = []
