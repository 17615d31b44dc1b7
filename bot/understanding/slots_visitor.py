"""Slots of visitor messages: visitor.register, visitor.list."""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from bot.understanding.audience import EN_NAME
from bot.understanding.context import Context
from bot.understanding.types import Grain, Kind

_LABEL = re.compile(r"^\s*([^:\n\s][^:\n]{0,23}?)\s*:\s*")
PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}-?\d{7,8}|\d{7,8})(?!\d)")
_CLAUSES = re.compile(r"[^,;。!?]+")
_HOST = re.compile(
    r"(?:找|见|拜访|拜会|约见|会见)([^\s,;。:]{1,12}?)(?=[\s,;。:]|$|办事|谈|商量|了解|反映|咨询|洽谈|联系|沟通|汇报|签|对接)"
)
_PURPOSE = re.compile(r"反映|咨询|办事|办理|检查|洽谈|商谈|了解|协调|投诉|上访|公务|汇报|调研|考察|参观|交流|座谈|联系|沟通|对接|签")
_ORG_END = r"(?:村|社区|街道|镇|乡|县|市|省|区|公司|集团|局|厅|委|院|所|中心|学校|大学|医院|银行|协会|单位|企业|厂|办)"
_ORG_ONLY = re.compile(rf"^(.{{1,16}}?{_ORG_END})(?:的)?$")
_ORG_PERSON = re.compile(
    rf"(?:^|(?<=\s))(?:有|是)?((?:[两一二三四五六七八九十\d]+位|一行)?)([^\s,;。:]{{1,16}}?{_ORG_END})(?:的)?((?:[两一二三四五六七八九十\d]+位|一行)?[^\s,;。:来找]{{0,6}}?"
    r"(?:领导|同志|人员|客人|专家|代表|先生|女士|经理|主任|处长|局长|科长|书记|总|老师|一行\d*人?))"
)
_PERSON = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,3}(?:大爷|大妈|大娘|大叔|阿姨|先生|女士|小姐|师傅|老师|同志|经理|主任|处长|局长|科长|书记|总)"
    r"|[老小][\u4e00-\u9fff]|[\u4e00-\u9fff]{2,3})$"
)
_EN_VISITOR = re.compile(rf"\b((?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|{EN_NAME})\s+(?i:from|of)\b")
_EN_TITLED = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
_EN_ORG = re.compile(
    r"\b(?i:from)\s+([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})"
)
_EN_HOST = re.compile(rf"\b(?i:meeting|to\s+see|visiting|seeing|for|with)\s+({EN_NAME})")
_EN_PURPOSE = re.compile(r"(?i)\b(?:about|regarding|re:|to\s+discuss)\s+(?:the\s+)?([^,.;!?]{2,60})")


def register(ctx: Context) -> list[str]:
    """visitor.register: visitor, org, phone, purpose, host, start."""
    ctx.set_meeting_time()
    ctx.slots.pop("end", None)
    text = ctx.text
    phone = PHONE.search(text)
    if phone:
        ctx.slots["phone"] = phone.group()
    if text.isascii():
        _english(ctx)
    else:
        _chinese(ctx)
    return ctx.missing("visitor", "host") if "org" not in ctx.slots else ctx.missing("host")


def _english(ctx: Context) -> None:
    text = ctx.text
    host_span = (0, 0)
    for name, pattern in (("host", _EN_HOST), ("visitor", _EN_VISITOR), ("org", _EN_ORG), ("purpose", _EN_PURPOSE)):
        m = pattern.search(text)
        if m:
            ctx.set_span_text(name, *m.span(1))
            host_span = m.span(1) if name == "host" else host_span
    if "visitor" not in ctx.slots:
        for m in _EN_TITLED.finditer(text):
            if not host_span[0] <= m.start() < host_span[1]:
                ctx.set_span_text("visitor", *m.span())
                break


def _chinese(ctx: Context) -> None:
    label = _LABEL.match(ctx.text)
    body = label.end() if label else 0
    blank = ctx.blanked()
    phone = PHONE.search(blank)
    if phone:
        blank = blank[: phone.start()] + " " * len(phone.group()) + blank[phone.end() :]
    host = _HOST.search(blank, body)
    if host:
        ctx.set_span_text("host", *host.span(1))
        blank = blank[: host.start()] + " " * (host.end() - host.start()) + blank[host.end() :]
    both = _ORG_PERSON.search(blank, body)
    if both:
        # 两位市教育局的同志: the count belongs to the people, the organisation follows it.
        who_start = both.start(1) if both.group(1) else both.start(3)
        ctx.set_span_text("org", *both.span(2))
        ctx.set_span_text("visitor", who_start, both.end(3))
    for clause in _CLAUSES.finditer(blank, body):
        piece = re.sub(r"^(?:电话|手机|联系方式|来访|登记)[::]?", "", clause.group().strip())
        piece = piece.strip()
        if not piece:
            continue
        start = blank.find(piece, clause.start())
        if "purpose" not in ctx.slots and _PURPOSE.match(piece):
            ctx.set_span_text("purpose", start, start + len(piece))
        elif "org" not in ctx.slots and _ORG_ONLY.match(piece):
            ctx.set_span_text("org", start, start + len(piece))
        elif "visitor" not in ctx.slots and _PERSON.match(piece):
            ctx.set_span_text("visitor", start, start + len(piece))
        elif "purpose" not in ctx.slots and _PURPOSE.search(piece) and len(piece) > 3:
            ctx.set_span_text("purpose", start, start + len(piece))


def listing(ctx: Context) -> list[str]:
    """visitor.list: start, end; a week or month is given whole, "monthly" means this month."""
    reading = ctx.set_meeting_time()
    ctx.slots.pop("rrule", None)
    if reading is None:
        return []
    grain = reading.grain
    if reading.kind is Kind.RECURRENCE:
        freq = re.search(r"FREQ=(\w+)", reading.rrule or "")
        grain = _FREQ_GRAIN.get(freq.group(1) if freq else "", Grain.DAY)
        ctx.slots.pop("end", None)
        ctx.slots["start"] = _period_start(ctx.now, grain)
    start = ctx.slots.get("start")
    if "end" not in ctx.slots and isinstance(start, datetime) and grain in _FREQ_GRAIN.values() and grain is not Grain.DAY:
        ctx.slots["end"] = _period_last(start, grain)
    return []


_FREQ_GRAIN = {"DAILY": Grain.DAY, "WEEKLY": Grain.WEEK, "MONTHLY": Grain.MONTH, "YEARLY": Grain.YEAR}


def _period_start(now: datetime, grain: Grain) -> datetime:
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if grain is Grain.WEEK:
        return day - timedelta(days=day.weekday())
    if grain is Grain.MONTH:
        return day.replace(day=1)
    return day.replace(month=1, day=1) if grain is Grain.YEAR else day


def _period_last(start: datetime, grain: Grain) -> datetime:
    """The last moment of the week, month or year that starts at start."""
    if grain is Grain.WEEK:
        last = start + timedelta(days=6)
    elif grain is Grain.MONTH:
        last = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    else:
        last = start.replace(month=12, day=31)
    return last.replace(hour=23, minute=59, second=59)
