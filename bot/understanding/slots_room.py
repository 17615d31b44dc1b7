"""Slots of the room intents: book, free, cancel, move, schedule."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.understanding.context import Context, trim_fillers
from bot.understanding.quantities import find_attendees
from bot.understanding.timeparse import find_times
from bot.understanding.timeslots import (
    UNTIL_WORD,
    has_date,
    main_reading,
    on_day_of,
    rrule_with_until,
    start_end,
    until_in_rrule,
    until_instant,
    until_of,
)
from bot.understanding.types import Kind, TimeReading

_MEETING_NAME = re.compile(
    r"(?:会|会议|评审|培训|座谈|讨论|研讨|汇报|面试|论证|协调|调度|学习|演练|答辩|交流|签约|发布|考试|讲座|活动|仪式)$"
)
_SPLIT = re.compile(r"[,.;:!?、。\s]+")
_EN_FOR = re.compile(
    r"(?i)\bfor\s+(?!\d|an?\s+hour|half\s+an|(?:one|two|three|four|an)\s+hours?)(?:the\s+|a\s+|an\s+|our\s+|my\s+)?"
    r"([A-Za-z][^,.;!?]{1,60})"
)
_EN_TITLE_STOP = re.compile(r"(?i)(?<!\s)\s+(?:with|at|on|in|from|tomorrow|today|next|this|by)\b.*$")
# Who chairs the meeting: "刘院长主持", "由王主任主持", "主持人:刘建国", "chaired by Director Wang",
# "chair: Li Na", "with President Liu chairing". Group "name" is the chair as written.
_CJK_NAME = r"[\u4e00-\u9fff·]{2,8}?"
_EN_NAME = r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}"
_CHAIR = (
    re.compile(r"主持(?:人\s*(?:是|为|:)?|\s*:)\s*(?P<name>[\u4e00-\u9fff·]{2,8}?|[A-Za-z][A-Za-z .'-]{1,40}?)"
               r"(?=\s*(?:$|[,.;:!?、。\s]|主持|来|参加|出席))"),
    re.compile(r"(?:^|(?<=[,.;:!?、。\s]))(?:由|请)?(?P<name>" + _CJK_NAME + r")(?:来|亲自|负责)?主持(?!人)"),
    re.compile(r"(?i:\bchair(?:ed|person|man|woman)?\s*(?:by\b|:|=))\s*(?P<name>[^,.;!?\n]+)"),
    re.compile(r"(?:(?i:\bwith)\s+)?(?P<name>" + _EN_NAME + r")\s+(?i:chairing|as\s+(?:the\s+)?chair|to\s+chair|"
               r"will\s+chair|chairs)\b"),
)
_EN_CHAIR_STOP = re.compile(
    r"(?i)\s+(?:with|at|on|in|from|for|tomorrow|today|next|this|by|and|to|about|attending|people)\b.*$|\s{2,}.*$"
)
# A whole recurring series: "取消这个系列", "cancel the whole series".
_SERIES = re.compile(r"(?:整个|这个|该|全部)?系列|(?i:\b(?:the\s+)?(?:whole\s+|entire\s+|recurring\s+)?series\b)")
_MOVE_AT = re.compile(
    r"(?:改|挪|调|调整|推迟|延后|推后|提前|换|移|顺延|变更)(?:到|至|成|为)|改期|改时间"
    r"|(?i:\bto\b(?!.*\bto\b)|\bpostpone[sd]?\b|\breschedul\w*)"
)


def _attendees(ctx: Context) -> tuple[int, int] | None:
    found = find_attendees(ctx.blanked(rooms=False))
    if found is None:
        return None
    ctx.slots["attendees"] = found[0]
    return found[1]


def _title(ctx: Context, *spans: tuple[int, int]) -> None:
    blank = ctx.blanked(*spans)
    m = _EN_FOR.search(blank)
    if m:
        title = _EN_TITLE_STOP.sub("", m.group(1)).strip()
        if title and not re.fullmatch(r"(?i)(?:people|persons|\d+.*)", title):
            ctx.slots["title"] = ctx.words(m.start(1), m.start(1) + len(title))
            return
    best: tuple[int, int, int] | None = None
    pos = 0
    for piece in _SPLIT.split(blank):
        start = blank.find(piece, pos)
        pos = start + len(piece)
        core = trim_fillers(piece)
        if len(core) < 2 or not re.search(r"[\u4e00-\u9fff]", core):
            continue
        offset = start + piece.find(core)
        score = (2 if _MEETING_NAME.search(core) else 0) + (1 if len(core) >= 3 else 0)
        if score and (best is None or score > best[0]):
            best = (score, offset, offset + len(core))
    if best is not None:
        ctx.slots["title"] = ctx.words(best[1], best[2])


def _chair(ctx: Context) -> tuple[int, int] | None:
    """The chair's words (slot "chair") and the span of the whole phrase, so the title leaves it alone."""
    blank = ctx.blanked()
    for pattern in _CHAIR:
        m = pattern.search(blank)
        if m is None:
            continue
        start = m.start("name")
        name = m.group("name")
        if not re.search(r"[\u4e00-\u9fff]", name):
            name = _EN_CHAIR_STOP.sub("", name)
        name = re.sub(r"^(?i:the\s+)", "", name.strip(" '\""))
        start = blank.find(name, start) if name else -1
        if start < 0 or len(name) < 2:
            continue
        ctx.slots["chair"] = ctx.words(start, start + len(name))
        return m.start(), max(m.end(), start + len(name))
    return None


def _room(ctx: Context) -> None:
    room = ctx.room_slot()
    if room is not None:
        ctx.slots["room"] = ctx.words(*room.span)


def _until_target(ctx: Context, reading: TimeReading) -> TimeReading:
    """The date an until-reading names, read without its "until" ("until end of January" -> January 21-31)."""
    word = UNTIL_WORD.match(ctx.text, reading.span[0])
    if word is None or word.end() >= reading.span[1]:
        return reading
    inner = main_reading(find_times(ctx.text[word.end() : reading.span[1]], ctx.now, ctx.conv))
    return inner if inner is not None else reading


def book(ctx: Context) -> list[str]:
    """room.book: room, start, end, title, attendees, chair, rrule, until."""
    rec = next((r for r in ctx.readings if r.kind is Kind.RECURRENCE), None)
    main = ctx.set_meeting_time(rec)
    if rec is not None and rec.rrule:
        until_reading = until_of(ctx.readings, ctx.text, rec)
        until = until_in_rrule(rec.rrule, ctx.now.tzinfo)
        if until is None and until_reading is not None:
            until = until_instant(_until_target(ctx, until_reading))
            ctx.used.append(until_reading)
        if until is not None:
            ctx.slots["until"] = until
            ctx.slots["rrule"] = rrule_with_until(rec.rrule, until)
    _room(ctx)
    people = _attendees(ctx)
    chair = _chair(ctx)
    _title(ctx, *[span for span in (people, chair) if span])
    missing = ctx.missing("room", "start")
    if main is not None and "start" in ctx.slots and main.grain.value in ("day", "week", "month", "year"):
        missing.append("start")
    elif "start" in ctx.slots and "end" not in ctx.slots:
        missing.append("end")
    return missing


def free(ctx: Context) -> list[str]:
    """room.free: start, end, attendees (and the room when one is named)."""
    ctx.set_meeting_time()
    _attendees(ctx)
    _room(ctx)
    return ctx.missing("start")


def cancel(ctx: Context) -> list[str]:
    """room.cancel: room, start; a recurring series adds series=True (and its title when named)."""
    ctx.set_meeting_time()
    ctx.slots.pop("end", None)
    _room(ctx)
    if ctx.slots.get("rrule") or _SERIES.search(ctx.text):
        ctx.slots["series"] = True
        _title(ctx, *[m.span() for m in _SERIES.finditer(ctx.text)])
        return []
    return [] if ("room" in ctx.slots or "start" in ctx.slots) else ["start"]


def schedule(ctx: Context) -> list[str]:
    """room.schedule: room, start, end."""
    ctx.set_meeting_time()
    _room(ctx)
    return []


def _readings_between(ctx: Context, start: int, end: int) -> list[TimeReading]:
    inside = [r for r in ctx.readings if r.span[0] >= start and r.span[1] <= end]
    straddling = [r for r in ctx.readings if r.span[0] < end <= r.span[1] or r.span[0] < start < r.span[1]]
    if not straddling:
        return inside
    # A reading across the move word (三点改到四点 read as one range): read each side alone.
    found = find_times(ctx.text[start:end], ctx.now, ctx.conv)
    return [replace(r, span=(r.span[0] + start, r.span[1] + start)) for r in found]


def old_and_new(ctx: Context) -> tuple[TimeReading | None, TimeReading | None, int, int]:
    """The time before a move word and the one after it (the new one on the old day when no day is said)."""
    m = _MOVE_AT.search(ctx.text)
    if m is None:
        return None, None, 0, 0
    old = main_reading(_readings_between(ctx, 0, m.start()))
    new_readings = _readings_between(ctx, m.end(), len(ctx.text))
    new = main_reading(new_readings)
    if new is not None and old is not None and old.start is not None:
        if has_date(ctx.text, old) and not has_date(ctx.text, new):
            new = on_day_of(new, old.start)
    if new is not None:
        start, end = start_end(new, new_readings, ctx.text, ctx.conv)
        new = replace(new, start=start, end=end)
    return old, new, m.start(), m.end()


def move(ctx: Context) -> list[str]:
    """room.move: room, start (the old time), new_start, new_end."""
    old, new, at, cut = old_and_new(ctx)
    if old is not None and old.start is not None:
        ctx.slots["start"] = old.start
        ctx.used.append(old)
    if new is not None:
        if new.start is not None:
            ctx.slots["new_start"] = new.start
        if new.end is not None:
            ctx.slots["new_end"] = new.end
        ctx.used.append(new)
    old_room = ctx.room_slot(before=at if cut else None)
    new_room = ctx.room_slot(after=cut) if cut else None
    if old_room is not None:
        ctx.slots["room"] = ctx.words(*old_room.span)
    if new_room is not None and new_room != old_room:
        ctx.slots["new_room"] = ctx.words(*new_room.span)
    return [] if ("new_start" in ctx.slots or "new_room" in ctx.slots) else ["new_start"]
