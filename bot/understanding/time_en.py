"""English time expressions: lex atoms, group them into moments, read ranges, deadlines, recurrences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.understanding import time_en_holidays
from bot.understanding import time_en_rec as rec
from bot.understanding.conventions import Conventions
from bot.understanding.time_en_calc import at, period_start
from bot.understanding.time_en_lex import Ctx, lex
from bot.understanding.time_en_moment import Moment, Resolved, ampm_pair, finer, moment_of, resolve
from bot.understanding.time_en_piece import CONN, DATE, DUR, NUM, REC, Clock, Piece
from bot.understanding.types import Grain, Kind, TimeReading, Warning

MAX_TEXT = 4096
MAX_CHUNK = 24  # pieces in one expression; longer runs are split
_GLUE = {"at", "on", "of", "in", "the", "@", "around", "about", "approximately", "approx", ",", "this"}
_GAP_WORD = re.compile(r"[a-z@]+|,", re.IGNORECASE)
_CUE = re.compile(r"\b(?:in|on|of|during|since|until|by|this|next|last|every|before|after|from)\s+(?:the\s+)?$",
                  re.IGNORECASE)
_RANGE = {"to", "-", "till", "til", "until", "untill", "thru", "through", "up to"}
_OPEN_START = {"after", "since", "from", "starting", "starting on", "starting from", "starting at",
               "beginning", "beginning on", "beginning from", "later than", "as early as", "w/c",
               "week beginning", "week starting", "week commencing", "the week beginning",
               "the week starting", "the week commencing", "week beginning on", "week starting on",
               "the week beginning on", "the week starting on"}
_OPEN_END = {"until", "untill", "till", "til", "before", "through", "thru", "up to", "earlier than",
             "as late as", "no later than", "not later than"}


def extract(text: str, now: datetime, conv: Conventions) -> list[TimeReading]:
    """Every time expression in an English text, in text order."""
    text = text[:MAX_TEXT]
    ctx = Ctx(now, conv, text)
    pieces = lex(text, ctx)
    readings: list[TimeReading] = []
    for chunk in _chunks(text, pieces):
        try:
            readings.extend(_Reader(text, ctx, chunk).read())
        except (ValueError, OverflowError):
            continue
    return readings


def _glued(gap: str) -> bool:
    if len(gap) > 24:
        return False
    rest = _GAP_WORD.sub(lambda m: "" if m[0].lower() in _GLUE else "#", gap)
    return rest.strip() == ""


def _chunks(text: str, pieces: list[Piece]) -> list[list[Piece]]:
    out: list[list[Piece]] = []
    for p in pieces:
        if out and len(out[-1]) < MAX_CHUNK and _glued(text[out[-1][-1].end:p.start]):
            out[-1].append(p)
        else:
            out.append([p])
    return out


@dataclass
class _Seg:
    kind: str  # "m" moment, "c" connector, "d" duration, "r" recurrence
    start: int
    end: int
    moment: Moment | None = None
    piece: Piece | None = None

    @property
    def word(self) -> str:
        return self.piece.word if self.piece else ""


def _segments(chunk: list[Piece]) -> list[_Seg]:
    segs: list[_Seg] = []
    run: list[Piece] = []

    def flush() -> None:
        for mom in moment_of(run):
            segs.append(_Seg("m", mom.start, mom.end, moment=mom))
        run.clear()

    for p in chunk:
        if p.kind in (CONN, DUR, REC):
            flush()
            segs.append(_Seg({CONN: "c", DUR: "d", REC: "r"}[p.kind], p.start, p.end, piece=p))
        else:
            run.append(p)
    flush()
    return segs


class _Reader:
    """Reads the segments of one chunk into time readings."""

    def __init__(self, text: str, ctx: Ctx, chunk: list[Piece]) -> None:
        self.text, self.ctx, self.now, self.conv = text, ctx, ctx.now, ctx.conv
        self.segs = _segments(chunk)
        junk = " .,!?;:\"'()[]\n\t"
        self.whole = text.strip(junk) == text[chunk[0].start:chunk[-1].end].strip(junk)

    def _is(self, i: int, kind: str, words: set[str] | None = None) -> bool:
        if not 0 <= i < len(self.segs) or self.segs[i].kind != kind:
            return False
        return words is None or self.segs[i].word in words

    def _strong(self, mom: Moment, cue: bool) -> bool:
        return cue or not mom.weak or self.whole

    def read(self) -> list[TimeReading]:
        out: list[TimeReading] = []
        i, segs = 0, self.segs
        while i < len(segs):
            got, used = self._at(i)
            if got is not None:
                out.append(got)
            i += max(used, 1)
        return out

    def _at(self, i: int) -> tuple[TimeReading | None, int]:
        s = self.segs[i]
        if s.kind == "r":
            return self._recurrence(i)
        if s.kind == "d":
            if self._is(i + 1, "c", {"after", "before"}) and self._is(i + 2, "m"):
                return self._offset_from(s, i), 3
            return self._duration(s), 1
        if s.kind == "c":
            return self._after_conn(i)
        assert s.moment is not None
        mom = s.moment
        if self._is(i + 1, "r"):
            return self._recurrence(i + 1, before=mom)
        # "Thursday from 9:30 to 11:00": a leading date shared by both ends.
        if self._is(i + 1, "c", {"from", "between"}) and self._is(i + 2, "m") and self._range_at(i + 3):
            return self._range(self.segs[i + 2].moment, self.segs[i + 4].moment, s.start, self.segs[i + 4].end,
                               ctx_mom=mom), 5
        if self._range_at(i + 1):
            return self._range(mom, self.segs[i + 2].moment, s.start, self.segs[i + 2].end), 3
        if self._is(i + 1, "c", {"for"}) and self._is(i + 2, "d"):
            return self._for(mom, self.segs[i + 2], s.start), 3
        if not self._strong(mom, bool(_CUE.search(self.text[max(0, s.start - 16):s.start]))):
            return None, 1
        return self._single(mom, s.start, s.end), 1

    def _range_at(self, i: int, between: bool = False) -> bool:
        words = _RANGE | ({"and"} if between else set())
        return self._is(i, "c", words) and self._is(i + 1, "m")

    def _after_conn(self, i: int) -> tuple[TimeReading | None, int]:
        s = self.segs[i]
        w = s.word
        if w in ("every", "each"):
            return None, 1
        if not self._is(i + 1, "m"):
            if w in ("after", "within") and self._is(i + 1, "d"):
                d = self.segs[i + 1]
                assert d.piece is not None and d.piece.delta is not None
                start = self._delta_start(d.piece)
                return self._reading(Kind.INTERVAL, start, None, Grain.HOUR, (s.start, d.end)), 2
            return None, 1
        mom = self.segs[i + 1].moment
        assert mom is not None
        if w == "between" and self._range_at(i + 2, between=True):
            return self._range(mom, self.segs[i + 3].moment, s.start, self.segs[i + 3].end), 4
        if w in _OPEN_START | {"from"} and self._range_at(i + 2):
            return self._range(mom, self.segs[i + 3].moment, s.start, self.segs[i + 3].end), 4
        if self._is(i + 2, "r"):
            return None, 1
        if w == "by":
            return self._deadline(mom, s.start), 2
        if w == "from":
            return None, 1
        if w in _OPEN_START and not w.endswith(("w/c",)) and "week" not in w:
            r = self._resolve(mom)
            if r is None:
                return None, 2
            start = r.start
            if w == "after" and mom.date is not None and mom.date.grain is Grain.YEAR and mom.clock is None:
                start = start.replace(year=start.year + 1)
            return self._reading(Kind.INTERVAL, start, None, r.grain, (s.start, mom.end), r.warnings), 2
        if "week" in w or w == "w/c":
            r = self._resolve(mom)
            if r is None:
                return None, 2
            monday = period_start(r.start.date(), Grain.WEEK)
            return self._reading(Kind.INTERVAL, at(monday, time(0), self.now.tzinfo),
                                 at(monday + timedelta(days=6), time(0), self.now.tzinfo), Grain.DAY,
                                 (s.start, mom.end)), 2
        if w in _OPEN_END:
            r = self._resolve(mom)
            if r is None:
                return None, 2
            return self._reading(Kind.INTERVAL, None, r.start, r.grain, (s.start, mom.end), r.warnings), 2
        return None, 1

    # ---- readings ------------------------------------------------------------------------

    def _reading(self, kind: Kind, start: datetime | None, end: datetime | None, grain: Grain,
                 span: tuple[int, int], warnings: list[Warning] | None = None, **kw: object) -> TimeReading:
        return TimeReading(kind, start, end, grain, span, warnings=tuple(dict.fromkeys(warnings or [])),
                           **kw)  # type: ignore[arg-type]

    def _resolve(self, mom: Moment, allow_move: bool = True) -> Resolved | None:
        return resolve(mom, self.now, self.conv, allow_move)

    def _single(self, mom: Moment, start: int, end: int) -> TimeReading | None:
        r = self._resolve(mom)
        if r is None:
            return None
        if mom.dt is not None and mom.dt.open_end:
            return self._reading(Kind.INTERVAL, r.start, None, r.grain, (start, end))
        if (mom.date is not None and (mom.date.deadline or mom.date.extra.get("eod"))
                or mom.dt is not None and mom.dt.deadline):
            return self._deadline(mom, start)
        if r.end is not None:
            return self._reading(Kind.INTERVAL, r.start, r.end, r.grain, (start, end), r.warnings)
        return self._reading(Kind.INSTANT, r.start, None, r.grain, (start, end), r.warnings)

    def _deadline(self, mom: Moment, start: int) -> TimeReading | None:
        r = self._resolve(mom)
        if r is None:
            return None
        close = self.conv.office_close
        grain = Grain.MINUTE if close.minute else Grain.HOUR
        if r.timed:
            when, grain = r.start, r.grain
        else:
            day = r.start.date()
            d = mom.date
            if d is not None and d.extra.get("period_last") is not None and d.extra.get("edge") == "end":
                day = d.extra["period_last"]  # type: ignore[assignment]
            elif d is not None and d.last is not None:
                day = d.last
            elif d is not None and d.grain in (Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR):
                from bot.understanding.time_en_calc import shift
                day = shift(day, d.grain, 1) - timedelta(days=1)
                if d.grain is Grain.WEEK:
                    day -= timedelta(days=2)
            when = at(day, close, self.now.tzinfo)
        return self._reading(Kind.INSTANT, when, None, grain, (start, mom.end), r.warnings, is_deadline=True)

    def _duration(self, s: _Seg) -> TimeReading | None:
        p = s.piece
        assert p is not None
        if p.delta is None or not (p.delta.total_seconds() > 0):
            return None
        return self._reading(Kind.DURATION, None, None, p.grain, (s.start, s.end), duration=p.delta)

    def _offset_from(self, s: _Seg, i: int) -> TimeReading | None:
        """"three days after Easter": a duration before or after a moment."""
        mom = self.segs[i + 2].moment
        assert mom is not None and s.piece is not None and s.piece.delta is not None
        r = self._resolve(mom)
        if r is None:
            return None
        sign = 1 if self.segs[i + 1].word == "after" else -1
        when = r.start + sign * s.piece.delta
        if s.piece.grain in (Grain.MONTH, Grain.YEAR, Grain.QUARTER) and not r.timed:
            from bot.understanding.time_en_calc import add_months

            months = round(s.piece.delta.days / 30.4) if s.piece.grain is not Grain.YEAR else 12 * round(
                s.piece.delta.days / 365)
            when = at(add_months(r.start.date(), sign * months), time(0), self.now.tzinfo)
        grain = r.grain if not r.timed else finer(r.grain, s.piece.grain)
        return self._reading(Kind.INSTANT, when, None, grain, (s.start, mom.end), r.warnings)

    def _delta_start(self, p: Piece) -> datetime:
        assert p.delta is not None
        return (self.now + p.delta).replace(microsecond=0)

    def _for(self, mom: Moment, d: _Seg, start: int) -> TimeReading | None:
        r = self._resolve(mom)
        if r is None or d.piece is None or d.piece.delta is None:
            return None
        grain = finer(r.grain, d.piece.grain)
        return self._reading(Kind.INTERVAL, r.start, r.start + d.piece.delta, grain, (start, d.end), r.warnings)

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
        elif e < r1.start and m1.date is not None and not m1.date.year_stated and r1.start.replace(
                year=r1.start.year - 1) <= e and not (m1.date.weekday is not None or m1.date.extra.get("rel")):
            r1 = Resolved(r1.start.replace(year=r1.start.year - 1), None, r1.grain, warnings, True, r1.timed)
        elif e < r1.start and m2.date is not None and not m2.date.year_stated and m2.date.extra.get("md"):
            e = e.replace(year=e.year + 1)
        if e < r1.start:
            warnings.append(Warning.END_BEFORE_START)
        return self._reading(Kind.INTERVAL, r1.start, e, finer(r1.grain, r2.grain), (start, end), warnings)

    # ---- recurrences --------------------------------------------------------------------

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


__all__ = ["DATE", "NUM", "extract", "time_en_holidays"]
