"""People and groups named in a message: audiences, assignees, co-operators, hosts."""

from __future__ import annotations

import re

# Words that end a person or group phrase in Chinese (the action or the time starts there).
_ZH_STOP = (
    r"牵头|负责(?!人)|主办|主抓|配合|协助|协办|会办|会同|参加|出席|参会|列席|准备|提交|报送|上报|拿出|完成|整理|起草|制定|落实|"
    r"研究|尽快|抓紧|务必|确保|做好|按时|及时|记得|下班|上班|打电话|开会|于|把|将|给|在|到|报|交|去|做|写|发|看|带|要|"
    r"明天|今天|后天|本周|下周|这周|月底|年底|每"
)
_ZH_PHRASE = re.compile(rf"([^\s,;:.!?、。]{{1,16}}?)(?={_ZH_STOP}|[\s,;:.!?。]|$)")
_ZH_LIST_PHRASE = re.compile(rf"((?:[^\s,;:.!?。]{{1,16}}?[、和及与])*[^\s,;:.!?、。]{{1,16}}?)(?={_ZH_STOP}|[\s,;:.!?。]|$)")
_SPLIT = re.compile(r"\s*(?:、|以及|和|及|与|,|;|\band\b|&)\s*", re.IGNORECASE)
_SELF = re.compile(r"^(?:我|我自己|自己|本人|me|myself)$", re.IGNORECASE)
_EN_TITLES = r"(?:Director|President|Dean|Manager|Head|Chief|Mr|Ms|Mrs|Miss|Dr|Prof|Secretary)\.?"
EN_NAME = rf"(?:{_EN_TITLES}\s+)?[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}"
_EN_GROUP = re.compile(
    rf"(?i:\b(?:the\s+)?(?:all\s+staff|everyone|everybody|all\s+(?:department\s+)?heads|all\s+section\s+chiefs"
    rf"|[a-z]+(?:\s+[a-z]+)?\s+(?:team|department|dept|office|section|staff|group))\b)|\b{EN_NAME}"
)


def split_people(phrase: str) -> list[str]:
    """A list phrase split into its members (办公室、财务处 -> [办公室, 财务处]); me for the speaker."""
    out: list[str] = []
    for part in _SPLIT.split(phrase):
        part = part.strip(" .,:;")
        if re.match(r"(?i)^the\s+", part):
            part = part[4:].strip()
        if part:
            out.append("me" if _SELF.match(part) else part)
    return out


_ZH_ACTION_AT = re.compile(_ZH_STOP)


def starts_with_action(text: str, start: int) -> bool:
    """True when the words at an offset are an action or a time (完成消防整改), not a person."""
    return bool(_ZH_ACTION_AT.match(text, start))


def zh_phrase_at(text: str, start: int, allow_list: bool = False) -> tuple[int, int] | None:
    """The person or group phrase starting at an offset of a Chinese text, up to its action."""
    pattern = _ZH_LIST_PHRASE if allow_list else _ZH_PHRASE
    m = pattern.match(text, start)
    if not m or not m.group(1).strip():
        return None
    return m.start(1), m.end(1)


def en_group_at(text: str, start: int) -> tuple[int, int] | None:
    """An English person or group ("the finance team", "Li Wei", "all staff") at an offset."""
    m = _EN_GROUP.match(text, start)
    if not m:
        return None
    begin = m.start()
    if text[begin : begin + 4].lower() == "the ":
        begin += 4
    return begin, m.end()


def en_groups_at(text: str, start: int) -> tuple[int, int] | None:
    """Several English people or groups joined by commas or 'and' at an offset."""
    first = en_group_at(text, start)
    if first is None:
        return None
    end = first[1]
    while True:
        m = re.compile(r"\s*(?:,|\band\b|&)\s*").match(text, end)
        if not m:
            break
        nxt = en_group_at(text, m.end())
        if nxt is None:
            break
        end = nxt[1]
    return first[0], end
