"""Slots of assignments: task.assign, task.progress, task.done, task.extend, task.list, task.status."""

from __future__ import annotations

import re

from bot.understanding.audience import EN_NAME, split_people, zh_phrase_at
from bot.understanding.context import Context, trim_fillers
from bot.understanding.quantities import find_percent
from bot.understanding.timeslots import main_reading
from bot.understanding.types import Kind, TimeReading

_LABEL = re.compile(r"^\s*([^:\n\s][^:\n]{0,23}?)\s*:\s*")
_ASSIGNER_WORD = re.compile(r"(?:^|(?<=[,;。:\s]))(?:请|由|让|交给|交由|安排|要求|指派)")
_COOP = re.compile(r"((?:[^\s,;:。]{1,12}?[、和及与])*[^\s,;:。、]{1,12}?)(?:配合|协助|协办|会办|参与)")
_ROLE_WORDS = re.compile(r"^(?:牵头|负责|主办|主抓|配合|协助|协办|会办)+|(?:牵头|负责|主办)$")
_REPORT_CLAUSE = re.compile(r"报进度|汇报进度|报一次进度|汇报进展|报送进展|报告进展|\breport\b|\bupdates?\b", re.I)
_CLAUSES = re.compile(r"[^,;。!?]+")
_PRIORITY = re.compile(r"特急|紧急|加急|急件|重要|一般|(?<![着紧])急(?!诊)|(?i:\burgent\b|\bhigh\s+priority\b|\basap\b|\bimportant\b|\blow\s+priority\b)")
_EN_ASSIGN = re.compile(
    rf"(?i:\b(?:assign|ask|tell|have|get|task|delegate\s+to))\s+({EN_NAME}|(?i:the\s+[a-z]+\s+(?:team|department|office)))"
    r"\s+(?i:to|with)\s+([^,.;]+)"
)
_EN_COOP = re.compile(rf"(?i:\bwith\s+(?:help|support)\s+from|\b(?:supported|helped|assisted)\s+by)\s+({EN_NAME})")
_EN_TAIL = re.compile(r"(?i)(?<!\s)\s+(?:by|before|due|until|no later than)\s*$")
_PROGRESS_STOP = re.compile(r"(?:目前|现在|已经|已|完成|进度|进展|达到|做了|推进|百分之|(?<!\d)\d+\s*%|[一二三四五六七八九]成|一半|过半)")
_EN_PROGRESS = re.compile(
    r"(?i)(?:progress\s+update\s*[:,-]?\s*)?(?:the\s+)?(.{2,60}?)\s*(?:is|are|'s|:|-)\s*(?:now\s+|about\s+|around\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:%|percent)|half)"
)
_EN_PROGRESS_ON = re.compile(r"(?i)\bprogress\s+(?:on|of)\s+(?:the\s+)?([^:,.;]{2,60})")
_ETA_CUE = re.compile(r"(?:预计|预期|估计|计划|争取|有望|将于|可望|\bexpected\b|\beta\b|\bshould\b|\bby\b|\bwill\b)", re.I)
_DONE_ZH = re.compile(r"(?:已经|已)?(?:办结|完成|办完|做完|搞定|弄好|落实|结项|销号|办理完毕)")
_EN_DONE = [
    re.compile(r"(?i)(?:the\s+)?(.{2,60}?)\s+(?:is|are|was|has\s+been|have\s+been|'s)\s+(?:all\s+)?(?:done|completed|finished|closed|complete)\b"),
    re.compile(r"(?i)\bmark\s+(?:the\s+)?(.{2,60}?)\s+(?:as\s+)?(?:done|complete)"),
    re.compile(r"(?i)\b(?:finished|completed|closed)\s+(?:the\s+)?([^,.;:]{2,60})"),
]
_EXTEND_STOP = re.compile(r"原定|原计划|原来|截止|截至|想|希望|需要|申请|请求|延|推迟|顺延|能否|可否|因|由于|要求|宽限")
_EN_EXTEND = re.compile(
    r"(?i)\b(?:extension|extend|more\s+time)\s+(?:on|for|of)?\s*(?:the\s+)?(?:deadline\s+(?:of|for)\s+(?:the\s+)?)?"
    r"([^,.;]{2,60}?)\s+(?:to|until|till|by)\b"
)
_TO_BEFORE = re.compile(r"(?:到|至|(?i:\bto|\buntil|\btill|\bby))\s*$")
_REASON = re.compile(r"(?:因为|由于|因)([^,;。!?]{2,60})|(?i:\b(?:because(?:\s+of)?|due\s+to|since|as)\s+([^.;!?]{2,80}))")
_FILTERS = [
    ("overdue", re.compile(r"逾期|超期|过期|超时|拖期|(?i:\boverdue\b|\blate\b|\bpast\s+due\b|\bbehind\b)")),
    ("due", re.compile(r"到期|快到期|截止|(?i:\bdue\b)")),
    ("done", re.compile(r"办结|已完成|完成了|(?i:\bdone\b|\bcompleted\b|\bclosed\b|\bfinished\b)")),
    ("mine", re.compile(r"我的|我还有|我(?:手上|手里|名下|负责)|(?i:\bmy\b(?!\s+department|\s+team)|\bmine\b|\bI\s+(?:still\s+)?have\b)")),
    ("open", re.compile(r"未完成|没完成|未办结|没办结|没办完|在办|待办|未结|进行中|(?i:\bopen\b|\bpending\b|\boutstanding\b)")),
]
_NOW = re.compile(r"\s*(?:现在|目前|当前|眼下|(?i:now|currently|right\s+now|at\s+the\s+moment))\s*")
_GROUP_BY = [
    ("department", re.compile(r"按(?:部门|科室|处室|单位)|分(?:部门|科室)|(?i:\b(?:by|per)\s+(?:department|dept|division|unit)\b)")),
    ("owner", re.compile(r"按(?:人|责任人|承办人|负责人|主办人)|(?i:\b(?:by|per)\s+(?:owner|person|assignee)\b)")),
    ("assigner", re.compile(r"按(?:领导|交办人|交办领导)|(?i:\b(?:by|per)\s+(?:assigner|leader)\b)")),
]
_STATUS_ZH = re.compile(
    r"^(?:请问|问一下|问下|现在|目前|那个|这个)*(.{2,30}?)\s*(?:的)?(?:进展|进度|办理情况|落实情况|完成情况|情况)?(?:现在|目前|如今)?"
    r"(?:到哪|怎么样|如何|怎样|咋样|有进展|有没有进展|什么进展)"
)
_STATUS_EN = re.compile(
    r"(?i)\b(?:how(?:'s|\s+is|\s+are)\s+(?:the\s+)?(.{2,60}?)\s+going|status\s+(?:of|on)\s+(?:the\s+)?([^?.!]{2,60})"
    r"|(?:update|news|progress)\s+on\s+(?:the\s+)?([^?.!]{2,60})|where\s+are\s+we\s+(?:on|with)\s+(?:the\s+)?([^?.!]{2,60}))"
)


def _body(ctx: Context) -> int:
    m = _LABEL.match(ctx.text)
    return m.end() if m else 0


def _set_first_group(ctx: Context, name: str, m: re.Match[str] | None) -> bool:
    if m is None:
        return False
    for i in range(1, (m.lastindex or 0) + 1):
        if m.group(i):
            ctx.set_span_text(name, *m.span(i))
            return name in ctx.slots
    return False


def _deadline(ctx: Context) -> TimeReading | None:
    plain = [r for r in ctx.readings if r.kind is not Kind.DURATION and r.kind is not Kind.RECURRENCE]
    return next((r for r in plain if r.is_deadline), None) or main_reading(plain)


def assign(ctx: Context) -> list[str]:
    """task.assign: assignee, cooperators, title, due, priority, rrule (progress reports)."""
    body = _body(ctx)
    blank = ctx.blanked()
    taken: list[tuple[int, int]] = [(0, body)]
    en = _EN_ASSIGN.search(ctx.text)
    if en:
        ctx.set_span_text("assignee", *en.span(1))
        title = _EN_TAIL.sub("", blank[en.start(2) : en.end(2)]).strip()
        if title:
            ctx.set_span_text("title", en.start(2), en.start(2) + len(title))
        coop = _EN_COOP.search(ctx.text)
        if coop:
            ctx.slots["cooperators"] = split_people(ctx.words(*coop.span(1)))
    else:
        giver = _ASSIGNER_WORD.search(blank, body)
        at = giver.end() if giver else body
        while at < len(blank) and blank[at] == " ":
            at += 1
        span = zh_phrase_at(blank, at)
        if span and span[0] == at:
            ctx.set_span_text("assignee", *span)
            taken.append(span)
        coop_m = _COOP.search(blank, body)
        if coop_m:
            names = [n for n in split_people(ctx.words(*coop_m.span(1))) if not _ROLE_WORDS.search(n)]
            if names:
                ctx.slots["cooperators"] = names
            taken.append(coop_m.span())
        rest = ctx.blanked(*taken)
        for clause in _CLAUSES.finditer(rest):
            if _REPORT_CLAUSE.search(clause.group()):
                continue
            core = trim_fillers(_ROLE_WORDS.sub("", trim_fillers(clause.group())))
            if len(core) >= 2:
                start = rest.find(core, clause.start())
                ctx.set_span_text("title", start, start + len(core))
                break
    ctx.set_due("due", _deadline(ctx))
    rec = next((r for r in ctx.readings if r.kind is Kind.RECURRENCE and r.rrule), None)
    if rec is not None:
        ctx.slots["rrule"] = rec.rrule
        ctx.used.append(rec)
    prio = _PRIORITY.search(ctx.text)
    if prio:
        ctx.slots["priority"] = ctx.words(*prio.span())
    return ctx.missing("assignee", "title", "due")


def progress(ctx: Context) -> list[str]:
    """task.progress: task, percent, note, eta."""
    body = _body(ctx)
    pct = find_percent(ctx.text[body:])
    if pct is not None:
        ctx.slots["percent"] = pct[0]
    if not _set_first_group(ctx, "task", _EN_PROGRESS.match(ctx.text, body) or _EN_PROGRESS_ON.search(ctx.text)):
        stop = _PROGRESS_STOP.search(ctx.text, body)
        first_clause_end = next((m.end() for m in _CLAUSES.finditer(ctx.text, body)), len(ctx.text))
        if stop and stop.start() > body and stop.start() < first_clause_end:
            ctx.set_span_text("task", body, stop.start())
    cued = [r for r in ctx.readings if _ETA_CUE.search(ctx.text[max(0, r.span[0] - 8) : r.span[0]])]
    eta = cued[0] if cued else main_reading(ctx.readings)
    ctx.set_due("eta", eta)
    clauses = list(_CLAUSES.finditer(ctx.text, body))
    if len(clauses) > 1:
        ctx.set_span_text("note", clauses[1].start(), len(ctx.text))
    return ctx.missing("task")


def done(ctx: Context) -> list[str]:
    """task.done: task, result."""
    body = _body(ctx)
    after = body
    for i, pattern in enumerate(_EN_DONE):
        m = pattern.match(ctx.text, body) if i == 0 else pattern.search(ctx.text, body)
        if _set_first_group(ctx, "task", m) and m is not None:
            after = m.end()
            break
    cue = _DONE_ZH.search(ctx.text, body)
    if "task" not in ctx.slots and cue and cue.start() > body:
        ctx.set_span_text("task", body, cue.start())
    if cue and "task" in ctx.slots and after == body:
        after = cue.end()
    clauses = [c for c in _CLAUSES.finditer(ctx.text, after) if trim_fillers(c.group())]
    if clauses:
        ctx.set_span_text("result", clauses[0].start(), len(ctx.text))
    return ctx.missing("task")


def extend(ctx: Context) -> list[str]:
    """task.extend: task, due (the new deadline), reason."""
    body = _body(ctx)
    if not _set_first_group(ctx, "task", _EN_EXTEND.search(ctx.text, body)):
        stop = _EXTEND_STOP.search(ctx.text, body)
        if stop and stop.start() > body:
            ctx.set_span_text("task", body, stop.start())
    plain = [r for r in ctx.readings if r.kind is not Kind.DURATION]
    target = [r for r in plain if _TO_BEFORE.search(ctx.text[max(0, r.span[0] - 6) : r.span[0]])]
    chosen = target[-1] if target else (plain[-1] if plain else None)
    ctx.set_due("due", chosen)
    _set_first_group(ctx, "reason", _REASON.search(ctx.text, body))
    return ctx.missing("task", "due")


def listing(ctx: Context) -> list[str]:
    """task.list: filter, start, end, group_by."""
    for name, pattern in _FILTERS:
        if pattern.search(ctx.text):
            ctx.slots["filter"] = name
            break
    for name, pattern in _GROUP_BY:
        if pattern.search(ctx.text):
            ctx.slots["group_by"] = name
            break
    period = main_reading([r for r in ctx.readings if not _NOW.fullmatch(ctx.text[r.span[0] : r.span[1]])])
    if period is not None:
        ctx.set_meeting_time(period)
    return []


def status(ctx: Context) -> list[str]:
    """task.status: task."""
    if not _set_first_group(ctx, "task", _STATUS_EN.search(ctx.text)):
        _set_first_group(ctx, "task", _STATUS_ZH.search(ctx.blanked()))
    return ctx.missing("task")
