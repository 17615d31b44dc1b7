"""Segments of one English time expression and the reader's shared helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.understanding.conventions import Conventions
from bot.understanding.time_en_lex import Ctx
from bot.understanding.time_en_moment import Moment, Resolved, moment_of, resolve
from bot.understanding.time_en_piece import CONN, DUR, REC, Piece
from bot.understanding.types import Grain, Kind, TimeReading, Warning

_JUNK = " .,!?;:\"'()[]\n\t"
_RANGE = {"to", "-", "till", "til", "until", "untill", "thru", "through", "up to"}
_OPEN_START = {"after", "since", "from", "starting", "starting on", "starting from", "starting at",
               "beginning", "beginning on", "beginning from", "later than", "greater than", "as early as", "w/c",
               "week beginning", "week starting", "week commencing", "the week beginning",
               "the week starting", "the week commencing", "week beginning on", "week starting on",
               "the week beginning on", "the week starting on"}
_STARTING = {"starting", "starting from", "starting at", "starting on", "beginning", "beginning from",
             "beginning on", "from"}
_LOWER = {"after", "later than", "since", "starting from", "from"}
_UPPER = {"before", "earlier than", "until", "till", "no later than", "not later than"}
_OPEN_END = {"until", "untill", "till", "til", "before", "through", "thru", "up to", "earlier than",
             "as late as", "no later than", "not later than"}


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


class ReaderBase:
    """Segment tests and reading helpers shared by the reader and its mixins."""

    text: str
    ctx: Ctx
    now: datetime
    conv: Conventions
    segs: list[_Seg]
    whole: bool

    def __init__(self, text: str, ctx: Ctx, chunk: list[Piece], stripped: str) -> None:
        self.text, self.ctx, self.now, self.conv = text, ctx, ctx.now, ctx.conv
        self.segs = _segments(chunk)
        # The chunk is the whole message: weak words ("may", "sun") count as times.
        self.whole = len(stripped) <= chunk[-1].end - chunk[0].start and stripped == text[
            chunk[0].start:chunk[-1].end].strip(_JUNK)

    def _is(self, i: int, kind: str, words: set[str] | None = None) -> bool:
        if not 0 <= i < len(self.segs) or self.segs[i].kind != kind:
            return False
        return words is None or self.segs[i].word in words

    def _strong(self, mom: Moment, cue: bool) -> bool:
        return cue or not mom.weak or self.whole

    def _range_at(self, i: int, between: bool = False) -> bool:
        words = _RANGE | ({"and"} if between else set())
        return self._is(i, "c", words) and self._is(i + 1, "m")

    def _reading(self, kind: Kind, start: datetime | None, end: datetime | None, grain: Grain,
                 span: tuple[int, int], warnings: list[Warning] | None = None, **kw: object) -> TimeReading:
        return TimeReading(kind, start, end, grain, span, warnings=tuple(dict.fromkeys(warnings or [])),
                           **kw)  # type: ignore[arg-type]

    def _resolve(self, mom: Moment, allow_move: bool = True) -> Resolved | None:
        return resolve(mom, self.now, self.conv, allow_move)
