"""Slots of assignments: task.assign, task.progress, task.done, task.extend, task.list, task.status."""

from __future__ import annotations

import re

from bot.understanding.context import Context, trim_fillers
from bot.understanding.quantities import find_percent
from bot.understanding.timeslots import main_reading
from bot.understanding.types import Kind, TimeReading

_LABEL = re.compile(r"^\s*([^:\n\s][^:\n]{0,23}?)\s*:\s*")
_CLAUSES = re.compile(r"[^,;。!?]+")
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
_REASON_CLAUSES = re.compile(r"(?:[^,;。!?\-–—]|(?<=\w)-(?=\w))+")
_EN_EXTEND_BODY = re.compile(r"(?i)(?:for\s+|on\s+)?(?:the\s+)?([^,.;:]{2,60}?)\s+(?:to|until|till|by|->)\s")
# A closing politeness is no reason (请批准, thanks).
_CLOSING = re.compile(
    r"^(?:请|望|恳请)?(?:领导)?(?:批准|审批|批示|同意|核准|支持)|^(?:谢谢|感谢|特此申请|妥否)"
    r"|(?i:^(?:please|pls|kindly)\b|^thanks?\b|^thank\s+you|^approve)"
)
_ETA_ONLY = re.compile(
    r"(?:预计|预期|估计|计划|争取|有望|将于|可望|能够|能|可以|在|于|前|之前|左右|全部|完工|完成|完毕|结束|办结|交付|上线|竣工"
    r"|收尾|了|吧|(?i:expected|expect|eta|should|will|be|to|by|finish(?:ed)?|complete[d]?|done|around|about|the|it|is|we"
    r"|on|at|ready)|[\s.,;:!?])*"
)
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
    rest = list(_CLAUSES.finditer(ctx.text, body))[1:]
    if eta is not None and "eta" in ctx.slots:
        # The expected finish has its own slot; a clause saying only that is no note.
        blank = ctx.blanked()
        rest = [c for c in rest if not (c.start() <= eta.span[0] < c.end() and _ETA_ONLY.fullmatch(blank, *c.span()))]
    parts = [c for c in rest if trim_fillers(c.group())]
    if parts:
        ctx.set_span_text("note", parts[0].start(), parts[-1].end())
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
        elif body and ctx.text[body:].isascii():
            _set_first_group(ctx, "task", _EN_EXTEND_BODY.match(ctx.text, body))
    plain = [r for r in ctx.readings if r.kind is not Kind.DURATION]
    target = [r for r in plain if _TO_BEFORE.search(ctx.text[max(0, r.span[0] - 6) : r.span[0]])]
    chosen = target[-1] if target else (plain[-1] if plain else None)
    ctx.set_due("due", chosen)
    if not _set_first_group(ctx, "reason", _REASON.search(ctx.text, body)) and chosen is not None:
        # No 因为/because: the first clause after the new deadline's that is not a closing politeness.
        for clause in _REASON_CLAUSES.finditer(ctx.text, chosen.span[1]):
            words = trim_fillers(clause.group())
            if clause.start() > chosen.span[1] and len(words) >= 2 and not _CLOSING.search(words):
                ctx.set_span_text("reason", *clause.span(), trim=False)
                break
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
