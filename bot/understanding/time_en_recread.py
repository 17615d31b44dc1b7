"""Recurrences read from their head ("every other Monday") and what follows it (times, until)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.understanding import time_en_rec as rec
from bot.understanding.time_en_calc import at
from bot.understanding.time_en_moment import Moment, ampm_pair, finer
from bot.understanding.time_en_piece import Clock
from bot.understanding.time_en_segs import ReaderBase
from bot.understanding.types import Grain, Kind, TimeReading


class RecurrenceMixin(ReaderBase):
    """Reads a recurrence head with the moment before or after it into its first occurrence and RRULE."""

    def _recurrence(self, i: int, before: Moment | None = None) -> tuple[TimeReading | None, int]:
        s = self.segs[i]
        assert s.piece is not None and s.piece.recur is not None
        r = s.piece.recur
        used = 1
        span_start = before.start if before is not None else s.start
        span_end = s.end
        mom = before if before is not None else Moment(s.start, s.end)
        end_mom: Moment | None = None
        if s.piece.pod and mom.pod is None:
            mom.pod = s.piece.pod
        j = i + 1
        if before is None and self._is(j, "m"):
            nxt = self.segs[j].moment
            assert nxt is not None
            if nxt.date is None or nxt.date.grain is Grain.DAY and nxt.clock is None and False:
                mom = nxt
                if s.piece.pod and mom.pod is None:
                    mom.pod = s.piece.pod
                span_end = self.segs[j].end
                j += 1
        if self._is(j, "c", {"from", "between"}) and self._is(j + 1, "m"):
            j += 1
            first = self.segs[j].moment
            assert first is not None
            mom.clock = first.clock or mom.clock
            mom.nums = first.nums or mom.nums
            span_end = self.segs[j].end
            j += 1
        nxt_m = self.segs[j + 1].moment if self._range_at(j, between=True) else None
        if nxt_m is not None and (nxt_m.clock is not None or nxt_m.nums) and nxt_m.date is None:
            end_mom = nxt_m
            span_end = self.segs[j + 1].end
            j += 2
        until: datetime | None = None
        if self._is(j, "c", {"until", "till", "til", "through", "thru", "to", "untill"}) and self._is(j + 1, "m"):
            um = self.segs[j + 1].moment
            assert um is not None
            got = self._until(um)
            if got is not None:
                until = got
                span_end = self.segs[j + 1].end
                j += 2
        used = j - i + (0 if before is None else 0)
        clock = mom.clock
        if end_mom is not None and end_mom.clock is None and end_mom.nums:
            end_mom.clock = Clock(end_mom.nums[0].value or 0)
        if clock is None and mom.nums and (end_mom is not None and end_mom.clock is not None):
            clock = Clock(mom.nums[0].value or 0)
        t: time | None = None
        t_end: time | None = None
        grain = Grain.DAY
        if clock is not None:
            from bot.understanding.time_en_moment import hour24

            if end_mom is not None and end_mom.clock is not None:
                pair = ampm_pair(clock, end_mom.clock, mom.pod, end_mom.pod or mom.pod, self.conv)
                assert pair is not None
                t = time(pair[0] % 24, clock.minute)
                t_end = time(pair[1] % 24, end_mom.clock.minute)
                grain = finer(clock.grain, end_mom.clock.grain)
            else:
                t = time(hour24(clock, mom.pod, self.conv) % 24, clock.minute)
                grain = clock.grain
        elif mom.pod is not None:
            from bot.understanding.time_en_moment import pod_hours

            t, t_end = pod_hours(mom.pod, self.conv)
            grain = Grain.HOUR
        tz = self.now.tzinfo
        start_day = self.ctx.today
        if mom.date is not None and mom.date.day is not None and mom.date.grain is Grain.DAY and before is None:
            start_day = max(start_day, mom.date.day)
        if r.hourly:
            next_hour = self.now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            return self._reading(Kind.RECURRENCE, next_hour, None, Grain.HOUR, (span_start, span_end),
                                 rrule=rec.rrule(r, until)), used

        def ok(d: date) -> bool:
            return t is None or at(d, t, tz) >= self.now

        day = rec.first_day(r, start_day, ok)
        if day is None:
            return None, used
        start = at(day, t or time(0), tz)
        end = at(day, t_end, tz) if t_end is not None else None
        if end is not None and end < start:
            end += timedelta(days=1)
        return self._reading(Kind.RECURRENCE, start, end, grain, (span_start, span_end),
                             rrule=rec.rrule(r, until)), used

    def _until(self, mom: Moment) -> datetime | None:
        res = self._resolve(mom, allow_move=False)
        if res is None:
            return None
        d = mom.date
        last: date = res.start.date()
        if d is not None and d.extra.get("period_last") is not None and d.extra.get("edge") == "end":
            last = d.extra["period_last"]  # type: ignore[assignment]
        elif d is not None and d.grain in (Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR):
            from bot.understanding.time_en_calc import shift

            last = shift(last, d.grain, 1) - timedelta(days=1)
        if res.timed:
            return res.start
        return at(last, time(23, 59, 59), self.now.tzinfo)
