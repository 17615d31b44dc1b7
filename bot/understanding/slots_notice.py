"""Slots of notices and reminders: notice.send, notice.status, reminder.set."""

from __future__ import annotations

import re

from bot.understanding.audience import en_groups_at, split_people, zh_phrase_at
from bot.understanding.context import Context, trim_fillers
from bot.understanding.slots_room import old_and_new
from bot.understanding.timeslots import main_reading
from bot.understanding.types import Grain, Kind, TimeReading

_LABEL = re.compile(r"^\s*([^:\n\s][^:\n]{0,39}?)\s*:\s*")
_ZH_LEAD = re.compile(r"^(?:请|麻烦)?(?:帮我)?(?:发|下发|发布|发送|起草|拟|出)?(?:一[个条份]|个|条|份)?(?:会议|紧急|临时)?通知(?:一下)?")
_ZH_LABEL_AUDIENCE = re.compile(
    r"^(?:请|麻烦)?(?:发|下发|发布|发送)?(?:一[个条份]|个|条|份)?(?:会议)?通知(?!更正|变更)(?:一下)?(?:给|到)?(.{2,16})$"
)
_EN_NOTIFY = re.compile(
    r"(?i)^\s*(?:please\s+)?(?:notify|inform|tell|announce\s+to|send\s+(?:a\s+|an\s+)?(?:notice|announcement)\s+to)\s+"
)
_EN_TO = re.compile(r"(?i)\b(?:to|for)\s+(?=(?:the\s+)?(?:all\b|everyone|everybody|[a-z]+\s+team))")
_TITLE = re.compile(
    r"(?:召开|举行|举办|开展|组织|开)([^,;。:\s]{2,24}(?:会议|会|培训|演练|活动|讲座|座谈|仪式|典礼|考试|检查|学习))"
)
_AUDIENCE_ZH = re.compile(r"(?:请)?([^,;:。\s]{2,24}?)(?:准时|按时)?(?:参加|出席|参会|列席|到会|与会)")
_MATERIALS = re.compile(
    r"(?:携带|带上|带好|带(?![领队头])|准备好|准备|备好)([^,;。!?]{2,40}?)(?:参会|参加|与会|到会|出席)?(?=[,;。!?]|$)"
    r"|(?i:\b(?:bring|prepare)\s+(?:your\s+|the\s+)?([^,.;!?]{2,60}))"
)
_PLACE_ZH = re.compile(r"在([^,;。:\s]{2,15}?)(?:召开|举行|举办|开展|进行|开|集合|集中|参加)")
_PLACE_EN = re.compile(
    r"(?i)\b(?:in|at)\s+(?:the\s+)?((?:[a-z]+\s+){0,3}(?:hall|lobby|auditorium|canteen|cafeteria|building|floor"
    r"|centre|center|office|boardroom))\b"
)
_EN_TITLE_CUT = re.compile(r"(?i)(?<!\s)\s+(?:moves?|is|are|will|has|have|at|on|in|starts?|begins?)\b.*$")
_MEETING = re.compile(r"会议|会|培训|演练|座谈|(?i:\bmeeting\b|\breview\b|\btraining\b)")
_STATUS_SUBJECT = re.compile(r"^(.{1,30}?)(?:还有|都有|有)?(?:谁|哪些人|哪几|多少人|几个人)")
_EN_STATUS_SUBJECT = re.compile(
    r"(?i)\b(?:confirmed|replied|acknowledged|responded|rsvp'?d)\s+(?:to\s+|for\s+)?(?:the\s+)?(?!yet\b)([^?.!]{2,60}?)"
    r"(?:\s+yet)?\s*(?:[?.!]|$)"
)
_SEND_VERB = re.compile(
    r"(?:发送|发出|发布|下发|发)(?:一[个条份]|个|条|份)?(?:会议|紧急|临时)?通知|通知"
    r"|(?i:\b(?:send|notify|inform|announce|tell)\b)"
)
_BEFORE_VERB = re.compile(r"[^,;:。!?\n]{0,12}")
_LIST_AUDIENCE = re.compile(r"(?:^|(?<=[,;:。\s]))(?:请|要求)(?!准时|按时|及时|务必|尽快|抓紧|于|在|大家注意)")
_ACTION = re.compile(r"\s*(?:于|在)?\s*(?:报送|提交|上报|填报|交|准备|完成|做好|前往|到|参加|出席|确认|回复|签收|整理|核对|反馈)")
_GIVE_AUDIENCE = re.compile(r"(?:给|向)([^\s,;:。]{1,30}?)(?:发送|发出|发布|下发|发)(?:一[个条份]|个|条|份)?(?:会议)?通知")
_GLUED_OK = "前内后起在召举开到至之以间时底末初中旬的"
_STATUS_FILLER = re.compile(r"^(?:请问|问一下|问下|那么|那|现在|目前)+|(?:还|都|也|现在|目前|到底|究竟)+$")
_TITLE_EDGE = re.compile(r"^(?:一下|记得|务必|要|得|请|在|于|\s|[,.;:!?、。])+")
_TITLE_TAIL = re.compile(r"(?:一下|了|吧|呢|啊|哈|哦|[\s,.;:!?、。])+$")
_BEFORE_TAIL = re.compile(r"(?:之前|以前|前|的时候|时|再|[\s,.;:!?、。])+$")
_SELF_AT = re.compile(r"(?:我们|我|咱们|大家)(?=\s|[^\s、和及与们]|$)")
_REMIND_ZH = re.compile(r"提醒(?:一下)?|叫|喊")
_REMIND_EN = re.compile(r"(?i)\bremind\s+|\bset\s+(?:a|an)\s+(?:reminder|alarm)\b")
_EN_REMINDER_TITLE = re.compile(r"(?i)\b(?:to|about|that|of)\s+(.+)$")
_AFTER_COLON = re.compile(r":\s*(.+)$")


def _label(ctx: Context) -> tuple[str, int]:
    m = _LABEL.match(ctx.text)
    return (m.group(1), m.end()) if m else ("", 0)


def _audience(ctx: Context, label: str, body_at: int) -> None:
    text = ctx.text
    blank = ctx.blanked()
    opening = blank[: len(label)].lstrip() if label else ""
    found = _ZH_LABEL_AUDIENCE.match(opening) if opening else None
    if found:
        at = len(label) - len(opening)
        ctx.slots["audience"] = split_people(ctx.words(at + found.start(1), at + found.end(1)))
        return
    given = _GIVE_AUDIENCE.search(blank, 0, body_at or len(blank))
    if given:
        ctx.slots["audience"] = split_people(ctx.words(*given.span(1)))
        return
    # A leading time is the send time (tomorrow at 8am send a notice to Sun Li: ...).
    m = _EN_NOTIFY.match(text) or _EN_NOTIFY.match(blank) or _EN_TO.search(text)
    if m:
        span = en_groups_at(text, m.end())
        if span:
            ctx.slots["audience"] = split_people(ctx.words(*span))
            return
    blank = ctx.blanked()
    m2 = _AUDIENCE_ZH.search(blank, body_at)
    if m2:
        phrase = trim_fillers(m2.group(1))
        start = m2.start(1) + m2.group(1).find(phrase)
        ctx.slots["audience"] = split_people(ctx.words(start, start + len(phrase)))
        return
    for asked in _LIST_AUDIENCE.finditer(blank, body_at):
        # 请周涛、赵六、孙丽明天下班前报送报销单: the people asked to act are the audience.
        span = zh_phrase_at(blank, asked.end(), allow_list=True)
        if span and span[0] == asked.end() and _ACTION.match(blank, span[1]):
            ctx.slots["audience"] = split_people(ctx.words(*span))
            return


def _send_time(ctx: Context) -> TimeReading | None:
    """A time said before the sending verb (明天早上八点发通知给孙丽, 每周一八点半通知...) is when to send."""
    verb = _SEND_VERB.search(ctx.text)
    if verb is None:
        return None
    for r in ctx.readings:
        if r.span[1] > verb.start() or ctx.text[: r.span[0]].strip(" 请在于"):
            continue
        if r.start is not None and not r.is_deadline and _BEFORE_VERB.fullmatch(ctx.text, r.span[1], verb.start()):
            return r
    return None


def _content_time(ctx: Context, r: TimeReading) -> bool:
    """A period glued to a noun (第四季度预算, 本周工作安排) is part of the content, not the meeting's time."""
    after = ctx.text[r.span[1] : r.span[1] + 1]
    coarse = r.grain in (Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR)
    return coarse and bool(after) and "\u4e00" <= after <= "\u9fff" and after not in _GLUED_OK


def send(ctx: Context) -> list[str]:
    """notice.send: title, content, start, end, room, place, audience, materials, due, rrule."""
    label, body_at = _label(ctx)
    if not label:
        lead = _ZH_LEAD.match(ctx.text)
        body_at = lead.end() if lead else 0
    ctx.set_span_text("content", body_at, len(ctx.text), trim=False)
    send_at = _send_time(ctx)
    if send_at is not None and send_at.start is not None:
        ctx.slots["send_at"] = send_at.start
        if send_at.rrule:
            ctx.slots["rrule"] = send_at.rrule
        ctx.used.append(send_at)
    old, new, _, _ = old_and_new(ctx)
    candidates = [r for r in ctx.readings if r is not send_at and not _content_time(ctx, r)]
    meeting = new if new is not None else main_reading(candidates, deadlines=False)
    if meeting is not None and not meeting.is_deadline:
        ctx.set_meeting_time(meeting)
    deadline = next((r for r in ctx.readings if r.is_deadline and r not in ctx.used), None)
    ctx.set_due("due", deadline)
    room = ctx.room_slot()
    if room is not None:
        ctx.slots["room"] = ctx.words(*room.span)
    blank_times = ctx.blanked(rooms=False)
    place = _PLACE_ZH.search(blank_times, body_at) or _PLACE_EN.search(blank_times, body_at)
    if place:
        ctx.slots["place"] = ctx.words(*place.span(1))
    _audience(ctx, label, body_at)
    title = _TITLE.search(blank_times, body_at)
    if title:
        ctx.slots["title"] = ctx.words(*title.span(1))
    elif body_at and ctx.text[body_at:].isascii():
        first = re.split(r"[,.;]", ctx.blanked()[body_at:])[0]
        cut = _EN_TITLE_CUT.sub("", first).strip()
        cut = re.sub(r"(?i)^(?:the|a|an)\s+", "", cut).strip()
        if cut:
            start = ctx.text.find(cut, body_at)
            ctx.slots["title"] = ctx.words(start, start + len(cut))
    mats = _MATERIALS.search(ctx.text, body_at)
    if mats:
        group = 1 if mats.group(1) else 2
        ctx.slots["materials"] = ctx.words(*mats.span(group))
    if "room" in ctx.slots and "place" not in ctx.slots:
        ctx.slots["place"] = ctx.slots["room"]
    if _MEETING.search(ctx.text[body_at:]):
        return ctx.missing("start", "place", "audience", "materials")
    return ctx.missing("audience", "content")


def status(ctx: Context) -> list[str]:
    """notice.status: notice (the words naming the notice or meeting)."""
    m = _STATUS_SUBJECT.match(ctx.text)
    subject = _STATUS_FILLER.sub("", m.group(1)) if m else ""
    if m and len(subject.strip()) >= 2:
        start = m.start(1) + m.group(1).find(subject)
        ctx.set_span_text("notice", start, start + len(subject))
    else:
        m2 = _EN_STATUS_SUBJECT.search(ctx.text)
        if m2:
            ctx.set_span_text("notice", *m2.span(1))
    main = main_reading(ctx.readings)
    if main is not None:
        ctx.used.append(main)
    return []


def remind(ctx: Context) -> list[str]:
    """reminder.set: audience (the speaker is "me"), title, start, rrule."""
    rec = next((r for r in ctx.readings if r.kind is Kind.RECURRENCE), None)
    ctx.set_meeting_time(rec)
    ctx.slots.pop("end", None)
    blank = ctx.blanked(rooms=False)
    title_from = 0
    en = _REMIND_EN.search(blank)
    zh = _REMIND_ZH.search(blank)
    if en:
        span = None if not en.group().lower().startswith("remind") else en_groups_at(blank, en.end()) or (
            (en.end(), en.end() + 2) if blank[en.end() : en.end() + 2].lower() in ("me", "us") else None
        )
        if span:
            ctx.slots["audience"] = split_people(ctx.words(*span))
            title_from = span[1]
        m = _EN_REMINDER_TITLE.search(blank, title_from) or _AFTER_COLON.search(blank, title_from)
        if m:
            ctx.set_span_text("title", *m.span(1))
    elif zh:
        at = zh.end()
        while at < len(blank) and blank[at] == " ":
            at += 1
        me = _SELF_AT.match(blank, at)
        span = me.span() if me else zh_phrase_at(blank, at, allow_list=True)
        if span and (span[0] == at and (span[1] - span[0] <= 12)):
            ctx.slots["audience"] = split_people(ctx.words(*span))
            title_from = span[1]
        else:
            title_from = zh.end()
        # Only particles are trimmed: the action keeps its verb (订车, 预约体检).
        rest = _TITLE_TAIL.sub("", _TITLE_EDGE.sub("", blank[title_from:]))
        if not rest:
            rest = _BEFORE_TAIL.sub("", _TITLE_EDGE.sub("", blank[: zh.start()]))
            title_from = 0
        if rest:
            start = blank.find(rest, title_from)
            ctx.set_span_text("title", start, start + len(rest), trim=False)
    return ctx.missing("start", "title")
