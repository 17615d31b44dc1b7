"""Finding the room a person means: name, number or alias, and looser forms (第二会议室, 2号, room 2, big room)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from bot.directory import find_room
from bot.understanding.lang import to_simplified
from storage.models import Room

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SYNONYMS = {"big": "大", "large": "大", "main": "大", "small": "小", "little": "小"}
_NOISE = re.compile(r"(?i)\b(?:the|conference|meeting|room|rm\.?|no\.?)\b|会议室|会议厅|会议|会|房间|号|第|#|\s")
_FLOOR = re.compile(r"^(\d{1,2})(?:楼|层|f)")


@dataclass(frozen=True)
class RoomMatch:
    """The room meant, and whether the words also said a floor that disagrees with it."""

    room: Room
    floor_contradiction: bool = False


def _cn_number(text: str) -> str:
    def small(m: re.Match[str]) -> str:
        word = m.group()
        if word == "十":
            return "10"
        if "十" in word:
            tens, _, ones = word.partition("十")
            return str((_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0))
        return "".join(str(_DIGITS[c]) for c in word)
    return re.sub(r"[零〇一二两三四五六七八九十]+", small, text)


def room_key(text: str) -> str:
    """A loose key for a room mention: numerals as digits, room words dropped (第二会议室 -> 2)."""
    low = to_simplified(text).casefold().strip()
    for word, zh in _SYNONYMS.items():
        low = re.sub(rf"\b{word}\b", zh, low)
    return _cn_number(_NOISE.sub("", low))


def _keys(room: Room) -> set[str]:
    return {k for k in (room_key(n) for n in (room.name, *(room.aliases or []))) if k}


def match_room(session: Session, text: str) -> RoomMatch | None:
    """The room the words name, exactly or loosely; None when none or several fit."""
    if not text.strip():
        return None
    exact = find_room(session, text) or find_room(session, to_simplified(text))
    if exact is not None:
        return RoomMatch(exact)
    rooms = list(session.exec(select(Room).where(Room.active == True)))  # noqa: E712
    key = room_key(text)
    found = [r for r in rooms if key and key in _keys(r)]
    if len(found) == 1:
        return RoomMatch(found[0])
    floor = _FLOOR.match(key)
    if floor and key[floor.end():]:
        rest = key[floor.end():]
        found = [r for r in rooms if rest in _keys(r)]
        if len(found) == 1:
            room = found[0]
            return RoomMatch(room, room.floor is not None and room.floor != int(floor.group(1)))
    return None
