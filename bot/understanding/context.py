"""What the slot rules share: the message, its time readings and room mentions, and helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.understanding.conventions import Conventions
from bot.understanding.msgtext import Message
from bot.understanding.rooms import RoomMention
from bot.understanding.timeparse import find_times
from bot.understanding.timeslots import as_due, main_reading, start_end
from bot.understanding.types import TimeReading

_EDGE_FILLERS = re.compile(
    r"^(?:帮我|帮忙|麻烦|请|我要|我想|想要|想|要|需要|订|预订|预定|预约|一下|用一下|借用|借|使用|用|开个|开|召开|举行|"
    r"固定|一直到|一直|到|至|我们|给我|在|和|能|坐|大约|大概|约|共|有|把|将|于|前|之前|以前|并|再|请于|务必|"
    r"左右|的|了|吧|呢|啊|个|\s|[,.;:!?、。])+"
)
_CLAUSE_BREAK = re.compile(r"[,;。!?]")
_CLAUSE = re.compile(r"[^,;。!?]+")
_TAIL_FILLERS = re.compile(
    r"(?:左右|的|了|吧|呢|啊|一下|之前|以前|前|在|到|用|开|和|请|并|为|[\s,.;:!?、。])+$"
)


def trim_fillers(phrase: str) -> str:
    """A phrase without the booking verbs, particles and punctuation at its edges."""
    return _TAIL_FILLERS.sub("", _EDGE_FILLERS.sub("", phrase))


@dataclass
class Context:
    """One message being read: working text, readings, rooms, and the slots found so far."""

    msg: Message
    readings: list[TimeReading]
    rooms: list[RoomMention]
    now: datetime
    conv: Conventions
    slots: dict[str, Any] = field(default_factory=dict)
    used: list[TimeReading] = field(default_factory=list)
    _time_spans: list[tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The working text (half-width, simplified)."""
        return self.msg.work

    def words(self, start: int, end: int) -> str:
        """The person's own words at a span of the working text."""
        return self.msg.words(start, end)

    def blanked(self, *extra: tuple[int, int], times: bool = True, rooms: bool = True) -> str:
        """The working text with time expressions, rooms and the given spans blanked out."""
        spans = list(extra)
        if times:
            spans += self.time_spans()
        if rooms:
            spans += [r.span for r in self.rooms]
        return self.msg.masked(spans)

    def time_spans(self) -> list[tuple[int, int]]:
        """Where the time words are; a reading that spans clauses is narrowed to its time words."""
        if self._time_spans is None:
            spans: list[tuple[int, int]] = []
            for r in self.readings:
                start, end = r.span
                if not _CLAUSE_BREAK.search(self.text, start, end):
                    spans.append(r.span)
                    continue
                for piece in _CLAUSE.finditer(self.text, start, end):
                    found = find_times(piece.group(), self.now, self.conv)
                    spans += [(piece.start() + f.span[0], piece.start() + f.span[1]) for f in found]
            self._time_spans = spans
        return self._time_spans

    def set_span_text(self, name: str, start: int, end: int, trim: bool = True) -> None:
        """Fill a string slot with the person's words at a span, when there are any."""
        value = self.words(start, end)
        value = trim_fillers(value) if trim else value
        if value:
            self.slots[name] = value

    def set_meeting_time(self, reading: TimeReading | None = None) -> TimeReading | None:
        """Fill start/end from the main (or given) reading, joining a start and a duration."""
        reading = reading or main_reading(self.readings, deadlines=False)
        if reading is None:
            return None
        start, end = start_end(reading, self.readings, self.text, self.conv)
        if start is not None:
            self.slots["start"] = start
        if end is not None:
            self.slots["end"] = end
        if reading.rrule:
            self.slots["rrule"] = reading.rrule
        self.used.append(reading)
        return reading

    def set_due(self, name: str, reading: TimeReading | None) -> None:
        """Fill a deadline slot (a day alone means that day at office close)."""
        if reading is None:
            return
        due = as_due(reading, self.conv)
        if due is not None:
            self.slots[name] = due
            self.used.append(reading)

    def room_slot(self, before: int | None = None, after: int | None = None) -> RoomMention | None:
        """The first specific room named (optionally only before/after an offset)."""
        for r in self.rooms:
            if not r.specific:
                continue
            if before is not None and r.span[0] >= before:
                continue
            if after is not None and r.span[0] < after:
                continue
            return r
        return None

    def missing(self, *names: str) -> list[str]:
        """The required slots among names that were not said."""
        return [n for n in names if n not in self.slots]
