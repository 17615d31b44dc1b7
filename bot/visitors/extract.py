"""Reading a visitor registration out of free text: phone, ID number, category, name, org, host, time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from bot.understanding.conventions import Conventions
from bot.understanding.lang import has_cjk, to_simplified
from bot.understanding.types import Grain
from storage.models_visitors import VisitCategory

PHONE = re.compile(r"(?<![\dA-Za-z])(1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}-\d{7,8})(?![\dA-Za-z])")
ID_NUMBER = re.compile(r"(?<![\dA-Za-z])(\d{17}[\dXx])(?![\dA-Za-z])")
_LABEL = re.compile(r"^\s*(?:登记来访|来访登记|来访|访客登记|访客|预约来访|new visitor|visitor|guest)"
                    r"(?:\s+(?:at|on|tomorrow|today)[^::]*)?\s*[::]\s*", re.IGNORECASE)
_PHONE_WORDS = re.compile(r"(?:电话|手机|联系电话|手机号|tel|phone|mobile)[::\s]*", re.IGNORECASE)
_ID_WORDS = re.compile(r"(?:身份证号?码?|证件号|ID(?: number)?|id no\.?)[::\s]*", re.IGNORECASE)
_ZH_HOST = re.compile(r"(?:要找|找|约见|拜访|见|拜会)(?P<host>[\u4e00-\u9fffA-Za-z]{1,10}?)(?:办事|谈|商量|汇报|了解|$|[,,。;;]|反映|咨询|问)")
_EN_HOST = re.compile(r"\b(?i:meeting|to see|seeing|visiting|for|host(?:ed by)?|wants to see|to meet)\s+"
                      r"(?P<host>(?i:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}(?i:\s+(?:team|department|office))?)")
_EN_NAME = re.compile(r"^(?P<name>(?:(?:Mr|Ms|Mrs|Dr|Miss|Prof)\.?\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
                      r"(?:\s+(?:from|of)\s+(?P<org>[^,;]+?))?(?=,|;|$|\s+(?:meeting|to see|about|for|phone))")
_EN_ABOUT = re.compile(r"\b(?:about|regarding|re:|to discuss|purpose:?)\s+(?P<purpose>[^,;.]+)", re.IGNORECASE)
_ORG_END = re.compile(r"(?:村|镇|乡|街道|社区|公司|集团|局|厅|委|办|院|校|学校|大学|医院|中心|银行|单位|协会|所|站|队|部)$")
_NAME_HINT = re.compile(r"(?:先生|女士|大爷|大妈|阿姨|大叔|老师|同志|师傅|老人|[一两二三四五六七八九十几]位.{0,4})$")
_ZH_BEFORE_VISIT = re.compile(r"(?P<who>[\u4e00-\u9fffA-Za-z0-9]{2,20}?)(?:来访|来找|来见|要来|来)")

_CATEGORY_WORDS: list[tuple[VisitCategory, re.Pattern[str]]] = [
    (VisitCategory.INSPECTION, re.compile(r"检查|督查|巡查|inspect|audit|\bcheck\b", re.IGNORECASE)),
    (VisitCategory.OFFICIAL, re.compile(r"领导来访|领导|考察|调研|公务|delegation|official visit|leaders?\b",
                                        re.IGNORECASE)),
    (VisitCategory.COMPLAINT, re.compile(r"反映|投诉|举报|上访|complain|report(?:ing)? (?:a |an )?(?:problem|issue)",
                                         re.IGNORECASE)),
    (VisitCategory.HELP, re.compile(r"求助|帮助|困难|救助|\bhelp\b|assistance", re.IGNORECASE)),
    (VisitCategory.ENQUIRY, re.compile(r"咨询|询问|打听|问问|了解|问一下|\bask|enquir|inquir|question", re.IGNORECASE)),
    (VisitCategory.BUSINESS, re.compile(r"办理|申请|办事|盖章|手续|\bapply|application|paperwork|sign",
                                        re.IGNORECASE)),
]


@dataclass
class VisitorFacts:
    """What a registration message says about a visit; empty strings where it says nothing."""

    visitor: str = ""
    org: str = ""
    phone: str = ""
    id_number: str = ""
    purpose: str = ""
    host: str = ""
    category: str = ""
    start: datetime | None = None


def normalise_phone(text: str) -> str:
    """Digits (and the landline dash) of a phone number."""
    return re.sub(r"[ ]", "", text).replace("-", "") if text.startswith("1") else text.replace(" ", "")


def infer_category(text: str) -> str:
    """The visit category the words suggest (办事 when nothing does)."""
    for category, pattern in _CATEGORY_WORDS:
        if pattern.search(text):
            return category.value
    return VisitCategory.BUSINESS.value


def read_time(text: str, local_now: datetime, conv: Conventions) -> datetime | None:
    """The visit time named in the text (a bare day means office opening), or None."""
    from bot.understanding.timeparse import primary_time

    try:
        reading = primary_time(text, local_now, conv)
    except Exception:  # the resolver is still being written; a misread must not stop a registration
        return None
    if reading is None or reading.start is None:
        return None
    start = reading.start
    if reading.grain in (Grain.DAY, Grain.WEEK, Grain.MONTH) and start.time() == time(0, 0):
        start = start.replace(hour=conv.office_open.hour, minute=conv.office_open.minute)
    return start


def extract(text: str, local_now: datetime, conv: Conventions) -> VisitorFacts:
    """Everything a registration message says, read by simple office patterns."""
    simple = to_simplified(text)
    facts = VisitorFacts()
    id_match = ID_NUMBER.search(simple)
    if id_match:
        facts.id_number = id_match.group(1).upper()
        simple = simple.replace(id_match.group(0), " ")
    phone_match = PHONE.search(simple)
    if phone_match:
        facts.phone = normalise_phone(phone_match.group(1))
        simple = simple.replace(phone_match.group(0), " ")
    simple = _ID_WORDS.sub(" ", _PHONE_WORDS.sub(" ", simple))
    facts.category = infer_category(simple)
    facts.start = read_time(simple, local_now, conv)
    body = _LABEL.sub("", simple).strip()
    if has_cjk(body):
        _read_zh(body, facts)
    else:
        _read_en(body, facts)
    return facts


def _pieces(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,,、;;。\n]+", body) if p.strip()]


def _read_zh(body: str, facts: VisitorFacts) -> None:
    host = _ZH_HOST.search(body)
    if host:
        facts.host = host.group("host")
    pieces = _pieces(body)
    purpose_parts: list[str] = []
    for piece in pieces:
        if host and re.sub(r"[,,。;;]+$", "", host.group(0)) in piece and len(piece) <= len(host.group(0)) + 2:
            continue
        if not facts.visitor and (_NAME_HINT.search(piece) or (len(piece) <= 4 and not _ORG_END.search(piece))):
            facts.visitor = piece
        elif not facts.org and _ORG_END.search(piece) and len(piece) <= 16:
            facts.org = piece
        elif re.search(r"反映|咨询|办理|申请|求助|检查|问|要求|关于|事", piece):
            purpose_parts.append(piece)
    if not facts.visitor and len(pieces) <= 1:
        _read_zh_sentence(body, facts)
    facts.purpose = ",".join(purpose_parts) or facts.purpose


def _read_zh_sentence(body: str, facts: VisitorFacts) -> None:
    """One sentence like 明天上午十点省公司两位领导来访找王总."""
    stripped = re.sub(r"^(?:今天|明天|后天|大后天|下?周.|星期.|[上下]午|早上|中午|晚上|[零一二两三四五六七八九十\d]+点半?"
                      r"|[零一二两三四五六七八九十\d]+[:：]\d\d|\d+月\d+[日号]|[一二三四五六七八九十]+分)+", "", body)
    match = _ZH_BEFORE_VISIT.search(stripped)
    if not match:
        return
    who = match.group("who")
    org = re.match(r"(?P<org>.{1,12}?(?:村|镇|乡|街道|社区|公司|集团|局|厅|委|院|学校|大学|医院|中心|银行))(?P<rest>.+)$", who)
    if org:
        facts.org, facts.visitor = org.group("org"), org.group("rest")
    else:
        facts.visitor = who


def _read_en(body: str, facts: VisitorFacts) -> None:
    host = _EN_HOST.search(body)
    if host:
        facts.host = re.sub(r"^the\s+", "", host.group("host").strip(), flags=re.IGNORECASE)
    about = _EN_ABOUT.search(body)
    if about:
        facts.purpose = about.group("purpose").strip()
    name_area = re.sub(r"^(?:at|on)\s+[^:,]*?(?=\s+[A-Z]|$)", "", body).strip()
    for piece in _pieces(name_area):
        match = _EN_NAME.match(piece)
        if match and not _EN_HOST.match(piece):
            facts.visitor = match.group("name").strip()
            if match.group("org"):
                facts.org = match.group("org").strip()
            break
