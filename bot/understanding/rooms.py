"""Room mentions (第二会议室, 三楼会议室, 301, room 508, the boardroom) and directory contradictions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding.quantities import CN_NUM, to_int

_N = rf"[\d{CN_NUM}]"
_BUILDING = rf"(?:行政|办公|综合|教学|科研|实验|图书|机关|主|新|老|[东西南北]|[A-Za-z]|{_N}{{1,3}}号)楼"
_FLOOR = rf"(?:{_N}{{1,3}}(?:楼|层)|\d{{1,2}}[Ff](?![A-Za-z]))"
_CORE = rf"(?:第{_N}{{1,3}}|{_N}{{1,3}}号|[大中小]|[A-Za-z]?\d{{2,4}}|多功能|视频|党员|贵宾|VIP|电教|[东西南北])"
_KIND = r"(?:会议室|会议厅|报告厅|多功能厅|会客室|接待室|培训室|洽谈室|活动室|礼堂|讨论室|会商室|会见厅)"
_ROOM_ZH = re.compile(rf"(?:{_BUILDING})?(?:{_FLOOR})?(?:{_CORE})?{_KIND}")
_ROOM_EN = re.compile(
    r"\b(?:(?i:conference|meeting)\s+)?(?i:room|rm\.?)\s*#?\s*(?:[A-Za-z]?\d{1,4}[A-Za-z]?|[A-Z])\b"
    r"|\b(?i:big|small|large|little|main|training|conference|meeting|board|video|seminar|function"
    r"|multi-?purpose|lecture|reception|second|third|first)\s+(?i:room|hall)\b"
    r"|\b(?i:boardroom|auditorium|ballroom)\b"
)
# A bare 3-4 digit number is a room number only where booking words are around.
_ROOM_NUMBER = re.compile(r"(?<![\d:.\-/])\d{3,4}(?![\d:.\-/年月日号点时分人个位名元%万米天周])")
# After a time and 的 (十点到十一点的2号) "N号" names a room: Chinese says the date before the time.
_ROOM_AFTER_TIME = re.compile(
    rf"(?:(?<=[点半分刻钟]的)|(?<=\d\d的)|(?<=[AaPp][Mm]的))(?:{_N}{{1,3}}号)(?![楼院房线])(?=$|[\s,;。!?:]|会议室)"
)
_NUMBER_CONTEXT = re.compile(r"订|预约|借|用|会议室|取消|改到|换到|挪到|(?i:\b(?:book|reserve|room|cancel)\b)")
_GENERIC = re.compile(rf"^(?:{_KIND}|会议室)$")
_FLOOR_IN = re.compile(rf"({_N}{{1,3}})(?:楼|层)|(\d{{1,2}})[Ff]\b|(?i:(\d{{1,2}})(?:st|nd|rd|th)\s+floor)")
_BUILDING_IN = re.compile(_BUILDING)


@dataclass(frozen=True)
class RoomMention:
    """A room named in the working text: its span and whether it names a specific room."""

    span: tuple[int, int]
    text: str
    specific: bool


def find_rooms(text: str, extra_names: tuple[str, ...] = ()) -> list[RoomMention]:
    """Room mentions in text order; directory names and aliases are found as written."""
    found: list[RoomMention] = []
    for name in sorted(extra_names, key=len, reverse=True):
        start = text.find(name) if name else -1
        if start >= 0:
            found.append(RoomMention((start, start + len(name)), name, True))
    for pattern in (_ROOM_ZH, _ROOM_EN):
        for m in pattern.finditer(text):
            found.append(RoomMention(m.span(), m.group(), not _GENERIC.match(m.group())))
    if not any(r.specific for r in found) and _NUMBER_CONTEXT.search(text):
        for pattern in (_ROOM_NUMBER, _ROOM_AFTER_TIME):
            for m in pattern.finditer(text):
                found.append(RoomMention(m.span(), m.group(), True))
    return _longest_first(found)


def _longest_first(found: list[RoomMention]) -> list[RoomMention]:
    kept: list[RoomMention] = []
    for r in sorted(found, key=lambda r: (-(r.span[1] - r.span[0]), r.span[0])):
        if all(r.span[1] <= k.span[0] or r.span[0] >= k.span[1] for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.span[0])


def has_generic_room_word(text: str) -> bool:
    """True when the text speaks of rooms at all (会议室, room, rooms)."""
    return bool(re.search(r"会议室|会议厅|场地|会场|(?i:\brooms?\b|\bboardroom\b)", text))


def mentioned_floor(mention: str) -> int | None:
    """The floor a room description names (三楼第二会议室 -> 3)."""
    m = _FLOOR_IN.search(mention)
    if not m:
        return None
    return to_int(next(g for g in m.groups() if g))


def contradicts(mention: str, facts: tuple[object, ...]) -> bool:
    """True when the description's floor or building disagrees with the directory room it names."""
    for fact in facts:
        names = (getattr(fact, "name", ""),) + tuple(getattr(fact, "aliases", ()))
        if any(n and n == mention for n in names):
            return False
    for fact in facts:
        names = (getattr(fact, "name", ""),) + tuple(getattr(fact, "aliases", ()))
        core = next((n for n in sorted(names, key=len, reverse=True) if n and mention.endswith(n)), None)
        if core is None or core == mention:
            continue
        prefix = mention[: -len(core)]
        floor, fact_floor = mentioned_floor(prefix), getattr(fact, "floor", None)
        if floor is not None and fact_floor is not None and floor != fact_floor:
            return True
        building = _BUILDING_IN.search(prefix)
        fact_building = str(getattr(fact, "building", "") or "")
        if building and fact_building and building.group() not in fact_building:
            return True
    return False
