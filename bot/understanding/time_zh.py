"""Chinese time expressions (simplified; traditional is converted before these rules).

The pipeline: time_zh_scan finds atoms (time_zh_lex), time_zh_absorb groups adjacent atoms
into Specs (time_zh_spec, filled by time_zh_fill*), and time_zh_point / time_zh_dates /
time_zh_window / time_zh_recur resolve them against the reference instant.

Conventions this resolver applies (CONTRACT.md, office-conventions table):

- A part of day the table defines is an interval whose end is "the last point named, at the
  grain": the last whole hour inside it. 上午 is 09:00..11:00, 中午 12:00..13:00, 下午
  14:00..17:00, 晚上 / 今晚 18:00..21:00, 全天 09:00..17:00 (傍晚 17:00..18:00, 早上 /
  早晨 04:00..11:00). The English resolver gives the exclusive end (morning 09:00..12:00);
  the slot layer (timeslots.py) turns both into exclusive office-hour ends.
- A part of day the table does not define (凌晨, 夜晚, 夜里, 夜间, 深夜, 半夜) with no clock
  time names only its day: an instant at grain day (后天凌晨 → that day 00:00). With a clock
  time it is an instant at that time (凌晨两点 → 02:00).
- A bare hour 1–6 is afternoon, 7–11 morning, 12 noon.
- A time already past today with no date (三点 at 16:00), and a weekday whose time today is
  past (周三上午九点 said on a Wednesday afternoon), move to the next occurrence with
  Warning.PAST_TIME_MOVED.
- A deadline given as a day (明天前, 周五之前, 15号截止, 月底前, 本周内, 三个工作日内) is that
  day (the period's last day) at office close: an instant at grain day, is_deadline.
  下班前 is office close today; 明天下班前 keeps its day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timezone

from bot.understanding.conventions import Conventions
from bot.understanding.time_zh_absorb import absorb
from bot.understanding.time_zh_dates import FINER, Point, finer, last_day
from bot.understanding.time_zh_lex import ATOM_NAMES, GLUE_RE
from bot.understanding.time_zh_point import point as resolve
from bot.understanding.time_zh_recur import recurrence
from bot.understanding.time_zh_scan import atom_matches
from bot.understanding.time_zh_spec import Atom, Spec
from bot.understanding.types import Grain, Kind, TimeReading, Warning

_MAX_TEXT = 4096
# A message never holds more time pieces than this; the cap bounds the work on hostile input.
_MAX_ATOMS = 160


def _atoms(text: str) -> list[Atom]:
    found: list[Atom] = []
    for match in atom_matches(text, _MAX_ATOMS):
        name = ATOM_NAMES[match.lastgroup or ""]
        groups = {k: v for k, v in match.groupdict().items() if v is not None and not k.startswith("A_")}
        before = text[match.start() - 1] if match.start() else ""
        found.append(Atom(name, match.start(), match.end(), match.group(0), groups, before))
    return found


def _chains(text: str, atoms: list[Atom]) -> list[list[Atom]]:
    chains: list[list[Atom]] = []
    for atom in atoms:
        if chains:
            last = chains[-1][-1]
            gap = text[last.end:atom.start]
            if GLUE_RE.fullmatch(gap) and not (gap.strip() and last.name in ("sfx",)):
                chains[-1].append(atom)
                continue
        chains.append([atom])
    return chains


def extract(text: str, now: datetime, conv: Conventions) -> list[TimeReading]:
    """Every time expression in a simplified-Chinese text, in text order."""
    text = text[:_MAX_TEXT]
    readings: list[TimeReading] = []
    for chain in _chains(text, _atoms(text)):
        for specs in absorb(chain):
            reading = _reading(specs, now, conv)
            if reading is not None:
                readings.append(reading)
    return [fixed_offset(r, now) for r in _attach_until(readings, now)]


def fixed_offset(reading: TimeReading, now: datetime) -> TimeReading:
    """Historic dates keep the office's offset, not the zone's local mean time (+08:05:43 before 1901)."""
    offset = now.utcoffset()

    def fix(value: datetime | None) -> datetime | None:
        if value is None or value.year >= 1970 or value.utcoffset() == offset or offset is None:
            return value
        return value.replace(tzinfo=timezone(offset))

    if (reading.start is None or reading.start.year >= 1970) and (reading.end is None or reading.end.year >= 1970):
        return reading
    return replace(reading, start=fix(reading.start), end=fix(reading.end))


def _attach_until(readings: list[TimeReading], now: datetime) -> list[TimeReading]:
    """一直到年底 after a recurrence is its UNTIL, not an expression of its own."""
    out: list[TimeReading] = []
    for reading in readings:
        prev = next((r for r in reversed(out) if r.kind is Kind.RECURRENCE), None)
        if (prev is not None and reading.kind is Kind.INTERVAL and reading.start is None
                and reading.end is not None and prev.rrule and "UNTIL" not in prev.rrule):
            last = datetime.combine(reading.end.date(), time(23, 59, 59), reading.end.tzinfo)
            until = last.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
            out[out.index(prev)] = replace(prev, rrule=f"{prev.rrule};UNTIL={until}",
                                           span=(prev.span[0], max(prev.span[1], reading.span[1])))
            continue
        out.append(reading)
    return out


# ----------------------------------------------------------------------------------------------
# Resolution


def _reading(specs: tuple[Spec, Spec | None], now: datetime, conv: Conventions) -> TimeReading | None:
    first, second = specs
    span = (first.span[0], (second or first).span[1])
    if first.duration is not None and second is None:
        return TimeReading(Kind.DURATION, None, None, first.duration_grain, span, duration=first.duration)
    if first.rec is not None:
        return recurrence(first, second, now, conv, span)
    if first.empty() and second is not None:
        # 到周五 / until Friday: an open start.
        end = resolve(second, now, conv)
        if end is None:
            return None
        return TimeReading(Kind.INTERVAL, None, end.end or end.start, end.grain, span)
    start = resolve(first, now, conv)
    if start is None:
        return None
    if second is not None and not second.empty():
        end = resolve(second, now, conv, base=first, base_point=start)
        if end is None:
            return _single(first, start, span, conv)
        return _interval(start, end, span, first, second)
    return _single(first, start, span, conv)


def _single(spec: Spec, point: Point, span: tuple[int, int], conv: Conventions) -> TimeReading:
    warnings = tuple(point.warnings)
    if spec.suffix in ("前", "之前", "以前", "为止", "截止", "内", "之内", "以内") and not spec.offset:
        at = point.end or point.start
        if FINER.index(point.grain) >= FINER.index(Grain.DAY):
            # A day (or period) as a deadline: its last day at office close, said at grain day.
            day = last_day(at.date(), point.grain, None)
            at = datetime.combine(day, conv.office_close, point.start.tzinfo)
            return TimeReading(Kind.INSTANT, at, None, Grain.DAY, span, is_deadline=True, warnings=warnings)
        return TimeReading(Kind.INSTANT, at, None, point.grain, span, is_deadline=True, warnings=warnings)
    if spec.suffix in ("之后", "以后", "后", "以来", "开始", "起") and not spec.offset:
        return TimeReading(Kind.INTERVAL, point.start, None, point.grain, span, warnings=warnings)
    if spec.deadline:
        return TimeReading(Kind.INSTANT, point.start, None, point.grain, span, is_deadline=True, warnings=warnings)
    if point.end is not None:
        return TimeReading(Kind.INTERVAL, point.start, point.end, point.grain, span, warnings=warnings)
    return TimeReading(Kind.INSTANT, point.start, None, point.grain, span, warnings=warnings)


def _interval(start: Point, end: Point, span: tuple[int, int], first: Spec, second: Spec) -> TimeReading:
    warnings = list(start.warnings)
    grain = finer(start.grain, end.grain)
    last = end.end or end.start
    if last < start.start:
        warnings.append(Warning.END_BEFORE_START)
    return TimeReading(Kind.INTERVAL, start.start, last, grain, span, warnings=tuple(dict.fromkeys(warnings)))

