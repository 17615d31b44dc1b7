"""Slots of task.assign: who leads (主办), who co-operates (会办), what, by when, and numbered items."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.understanding.audience import EN_NAME, split_people, starts_with_action, zh_phrase_at
from bot.understanding.context import Context, trim_fillers
from bot.understanding.msgtext import Message
from bot.understanding.quantities import to_int
from bot.understanding.timeparse import find_times
from bot.understanding.timeslots import main_reading
from bot.understanding.types import Kind, TimeReading

_LABEL = re.compile(r"^\s*([^:\n\s][^:\n]{0,23}?)\s*:\s*")
_ASSIGNER_WORD = re.compile(r"(?:^|(?<=[,;。:\s]))(?:请|由|让|交给|交由|安排|要求|指派)")
_GIVER = re.compile(r"^(?:请|由|让|交给|交由|安排|要求|指派)")
# 请X牵头 / X负责 / X主办: the lead; X配合 / 协办 / 会办: the co-operators (a list before the role word).
_ROLE_WORD = r"牵头|负责(?!人)|主办|主抓|承办|配合|协助|协办|会办|参与"
_NAME_CHAR = rf"(?:(?!{_ROLE_WORD})[^\s,;:。、])"
_ROLE = re.compile(
    rf"((?:{_NAME_CHAR}{{1,12}}?[、和及与])*{_NAME_CHAR}{{1,12}}?)"
    r"(?:(牵头|负责(?!人)|主办|主抓|承办)|(配合|协助|协办|会办|参与))"
)
_ROLE_WORDS = re.compile(r"^(?:牵头|负责|主办|主抓|配合|协助|协办|会办)+|(?:牵头|负责|主办)$")
# A person or department named without 请/由 (财务处月底前提交预算) ends like one.
_PARTY = re.compile(
    r"(?:处|科|室|办|部|局|厅|委|院|中心|组|队|所|站|馆|长|主任|书记|总|经理|总监|老师|同志|秘书|助理|公司)$"
    r"|^[\u4e00-\u9fff]{2,3}$|[老小][\u4e00-\u9fff]$"
)
_DISPOSAL = re.compile(r"\s*(?:把|将)")
_REPORT_CLAUSE = re.compile(r"报进度|汇报进度|报一次进度|汇报进展|报送进展|报告进展|\breport\b|\bupdates?\b", re.I)
_CLAUSES = re.compile(r"[^,;。!?]+")
_PRIORITY = re.compile(
    r"特急|紧急|加急|急件|重要|一般|(?<![着紧])急(?!诊)"
    r"|(?i:\burgent\b|\bhigh\s+priority\b|\basap\b|\bimportant\b|\blow\s+priority\b)"
)
_EN_ASSIGN = re.compile(
    rf"(?i:\b(?:assign|ask|tell|have|get|task|delegate\s+to))\s+({EN_NAME}|(?i:the\s+[a-z]+\s+(?:team|department|office)))"
    r"\s+(?i:to|with)\s+([^,.;]+)"
)
_EN_COOP = re.compile(rf"(?i:\bwith\s+(?:help|support)\s+from|\b(?:supported|helped|assisted)\s+by)\s+({EN_NAME})")
_EN_TAIL = re.compile(r"(?i)(?<!\s)\s+(?:by|before|due|until|no later than)\s*$")
# Numbered items: 一、二、 / 1. 2. / 1) / (1)(2); a marker opens the text or follows a break.
_MARK = re.compile(
    r"(?:^|(?<=[\s,;:。!?]))(?:([一二三四五六七八九十]{1,3})[、.]|(\d{1,2})(?:[.、](?!\d)|\s*[))])"
    r"|[((](\d{1,2}|[一二三四五六七八九十]{1,3})[))])"
)
ITEM_SLOTS = ("assignee", "cooperators", "title", "due", "priority")
MAX_ITEMS = 20


def _body(ctx: Context) -> int:
    m = _LABEL.match(ctx.text)
    return m.end() if m else 0


def _deadline(ctx: Context) -> TimeReading | None:
    plain = [r for r in ctx.readings if r.kind is not Kind.DURATION and r.kind is not Kind.RECURRENCE]
    return next((r for r in plain if r.is_deadline), None) or main_reading(plain)


def _names(ctx: Context, span: tuple[int, int]) -> list[str]:
    names = [_GIVER.sub("", n) for n in split_people(ctx.words(*span))]
    return [n for n in names if n and not _ROLE_WORDS.search(n)]


def _zh_people(ctx: Context, body: int, blank: str) -> list[tuple[int, int]]:
    """Assignee and co-operators of a Chinese assignment; the spans they took."""
    taken: list[tuple[int, int]] = []
    cooperators: list[str] = []
    for m in _ROLE.finditer(blank, body):
        names = _names(ctx, m.span(1))
        if m.group(2) and "assignee" not in ctx.slots and names:
            ctx.slots["assignee"] = "、".join(names)
        elif m.group(3):
            cooperators += names
        taken.append(m.span())
    if cooperators:
        ctx.slots["cooperators"] = cooperators
    if "assignee" in ctx.slots:
        return taken
    giver = _ASSIGNER_WORD.search(blank, body)
    at = giver.end() if giver else body
    while at < len(blank) and blank[at] == " ":
        at += 1
    if any(s <= at < e for s, e in taken):
        return taken
    span = zh_phrase_at(blank, at)
    if not span or span[0] != at or starts_with_action(blank, at):
        return taken
    phrase = trim_fillers(blank[span[0] : span[1]])
    named = _PARTY.search(phrase) or _DISPOSAL.match(blank, span[1])
    if giver or (span[1] < len(blank.rstrip()) and named):
        ctx.set_span_text("assignee", *span)
        taken.append(span)
    return taken


def _english(ctx: Context, en: re.Match[str], blank: str) -> None:
    ctx.set_span_text("assignee", *en.span(1))
    title = _EN_TAIL.sub("", blank[en.start(2) : en.end(2)]).strip()
    if title:
        ctx.set_span_text("title", en.start(2), en.start(2) + len(title))
    coop = _EN_COOP.search(ctx.text)
    if coop:
        ctx.slots["cooperators"] = split_people(ctx.words(*coop.span(1)))


def _one(ctx: Context, body: int) -> None:
    """The slots of one assignment (a whole message or one numbered item)."""
    blank = ctx.blanked()
    en = _EN_ASSIGN.search(ctx.text)
    if en:
        _english(ctx, en, blank)
    else:
        taken = [(0, body), *_zh_people(ctx, body, blank)]
        rest = ctx.blanked(*taken)
        for clause in _CLAUSES.finditer(rest):
            if _REPORT_CLAUSE.search(clause.group()):
                continue
            core = trim_fillers(_ROLE_WORDS.sub("", trim_fillers(clause.group())))
            # Time words cut a clause (消防整改月底前完成): the longest piece names the work.
            core = max(re.split(r"\s{2,}", core), key=len)
            if len(core) >= 2:
                start = rest.find(core, clause.start())
                ctx.set_span_text("title", start, start + len(core))
                break
    ctx.set_due("due", _deadline(ctx))
    prio = _PRIORITY.search(ctx.text)
    if prio:
        ctx.slots["priority"] = ctx.words(*prio.span())


def item_spans(text: str, start: int) -> list[tuple[int, int, int]]:
    """The numbered items of a text (marker, text after it, end), when it has two or more."""
    marks: list[re.Match[str]] = []
    for m in _MARK.finditer(text, start):
        value = to_int(next(g for g in m.groups() if g))
        if value == len(marks) + 1:
            marks.append(m)
        if len(marks) >= MAX_ITEMS:
            break
    if len(marks) < 2:
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [(m.start(), m.end(), end) for m, end in zip(marks, ends, strict=True)]


def _item(ctx: Context, start: int, end: int, header: dict[str, Any]) -> dict[str, Any]:
    msg = ctx.msg
    source = msg.original if msg.aligned else msg.work
    sub_msg = Message(original=source[start:end], work=msg.work[start:end], aligned=msg.aligned)
    if any(r.span[0] < start < r.span[1] or r.span[0] < end < r.span[1] for r in ctx.readings):
        # A reading ran over an item's edge ("by Friday 2."): read the item alone.
        readings = find_times(sub_msg.work, ctx.now, ctx.conv)
    else:
        readings = [
            replace(r, span=(r.span[0] - start, r.span[1] - start))
            for r in ctx.readings
            if r.span[0] >= start and r.span[1] <= end
        ]
    sub = Context(msg=sub_msg, readings=readings, rooms=[], now=ctx.now, conv=ctx.conv)
    _one(sub, 0)
    ctx.used.extend(sub.used)
    item = {name: sub.slots[name] for name in ITEM_SLOTS if name in sub.slots}
    for name in ("due", "priority"):
        if name not in item and name in header:
            item[name] = header[name]
    return item


def assign(ctx: Context) -> list[str]:
    """task.assign: assignee, cooperators, title, due, priority, rrule (progress reports), items."""
    body = _body(ctx)
    spans = item_spans(ctx.text, body)
    if spans:
        head = _item(ctx, body, spans[0][0], {}) if spans[0][0] > body else {}
        items = [_item(ctx, start, end, head) for _, start, end in spans]
        ctx.slots["items"] = items
        ctx.slots.update(items[0])
    else:
        _one(ctx, body)
    rec = next((r for r in ctx.readings if r.kind is Kind.RECURRENCE and r.rrule), None)
    if rec is not None:
        ctx.slots["rrule"] = rec.rrule
        ctx.used.append(rec)
    return ctx.missing("assignee", "title", "due")
