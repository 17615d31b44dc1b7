"""English time expressions: lex atoms, group them into moments, read ranges, deadlines, recurrences."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from bot.understanding import time_en_feasts, time_en_holidays
from bot.understanding.conventions import Conventions
from bot.understanding.time_en_calc import at, period_start
from bot.understanding.time_en_lex import Ctx, lex
from bot.understanding.time_en_moment import Moment, finer
from bot.understanding.time_en_piece import DATE, NUM, Piece
from bot.understanding.time_en_range import RangeMixin
from bot.understanding.time_en_recread import RecurrenceMixin
from bot.understanding.time_en_segs import (
    _JUNK,
    _LOWER,
    _OPEN_END,
    _OPEN_START,
    _STARTING,
    _UPPER,
    _Seg,
)
from bot.understanding.types import Grain, Kind, TimeReading

MAX_TEXT = 4096
MAX_CHUNK = 24  # pieces in one expression; longer runs are split
MAX_READINGS = 64  # time expressions read per message: more is junk
_GLUE = {"at", "on", "of", "in", "the", "@", "around", "about", "approximately", "approx", ",", "this", "but"}
_GAP_WORD = re.compile(r"[a-z@]+|,", re.IGNORECASE)
_THROUGH = {"until", "untill", "till", "til", "through", "thru", "up to"}
_CUE = re.compile(r"\b(?:in|on|of|during|since|until|by|this|next|last|every|before|after|from)\s+(?:the\s+)?$",
                  re.IGNORECASE)


def extract(text: str, now: datetime, conv: Conventions) -> list[TimeReading]:
    """Every time expression in an English text, in text order."""
    text = text[:MAX_TEXT]
    ctx = Ctx(now, conv, text)
    pieces = lex(text, ctx)
    readings: list[TimeReading] = []
    stripped = text.strip(_JUNK)
    for chunk in _chunks(text, pieces):
        if len(readings) >= MAX_READINGS:
            break
        try:
            readings.extend(_Reader(text, ctx, chunk, stripped).read())
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


class _Reader(RangeMixin, RecurrenceMixin):
    """Reads the segments of one chunk into time readings."""

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
            if self._is(i + 1, "c", _STARTING) and self._is(i + 2, "m"):
                # "for 30' starting from 4pm": the duration runs from the start named after it.
                mom = self.segs[i + 2].moment
                assert mom is not None
                return self._for(mom, s, s.start, self.segs[i + 2].end), 3
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
        if mom.meal_only() or not self._strong(mom, bool(_CUE.search(self.text[max(0, s.start - 16):s.start]))):
            return None, 1
        return self._single(mom, s.start, s.end), 1

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
        if w in _LOWER and self._is(i + 2, "c", _UPPER) and self._is(i + 3, "m"):
            # "later than 9:30 but before 11:00": both bounds given.
            return self._range(mom, self.segs[i + 3].moment, s.start, self.segs[i + 3].end), 4
        if w in _LOWER and self._is(i + 2, "c", {"and"}) and self._is(i + 3, "c", _UPPER) and self._is(i + 4, "m"):
            return self._range(mom, self.segs[i + 4].moment, s.start, self.segs[i + 4].end), 5
        if self._is(i + 2, "r"):
            return None, 1
        if w == "nth-weekday":
            return self._nth_weekday(s, mom), 2
        if w == "by":
            return self._deadline(mom, s.start), 2
        if w == "from":
            return None, 1
        if w in _OPEN_START and not w.endswith(("w/c",)) and "week" not in w:
            r = self._resolve(mom)
            if r is None:
                return None, 2
            start = r.start
            if w in ("after", "since") and mom.pod is not None and not r.timed and r.end is not None:
                start = r.end  # "after lunch": once it is over
            elif (w in ("after", "greater than") and mom.date is not None and mom.date.grain is Grain.YEAR
                  and mom.clock is None):
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
            # "until the end of January" runs through that period's last point, "before X" stops at X.
            last = r.end if r.end is not None and w in _THROUGH else r.start
            return self._reading(Kind.INTERVAL, None, last, r.grain, (s.start, mom.end), r.warnings), 2
        return None, 1

    # ---- readings ------------------------------------------------------------------------

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

    def _nth_weekday(self, s: _Seg, mom: Moment) -> TimeReading | None:
        """The nth given weekday after (or before) a day: "third tuesday after christmas 2014"."""
        r = self._resolve(mom)
        p = s.piece
        if r is None or p is None or p.weekday is None or p.value is None:
            return None
        sign = int(p.extra.get("sign", 1))  # type: ignore[call-overload]
        d = r.start.date()
        step = (p.weekday - d.weekday()) % 7 or 7 if sign > 0 else -((d.weekday() - p.weekday) % 7 or 7)
        day = d + timedelta(days=step) + timedelta(weeks=sign * (p.value - 1))
        return self._reading(Kind.INSTANT, at(day, time(0), self.now.tzinfo), None, Grain.DAY, (s.start, mom.end),
                             r.warnings)

    def _delta_start(self, p: Piece) -> datetime:
        assert p.delta is not None
        return (self.now + p.delta).replace(microsecond=0)

__all__ = ["DATE", "NUM", "extract", "time_en_feasts", "time_en_holidays"]
