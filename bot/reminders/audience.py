"""Who a reminder is for: me, named people, a department's members, or a group chat."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import select

from bot.context import Context
from bot.directory import find_department, find_person
from bot.understanding.lang import to_simplified
from storage.models import GroupChat, Person

_ME = re.compile(r"^(?:me|myself|我|我自己|自己)$", re.IGNORECASE)
_THIS_GROUP = re.compile(r"^(?:本群|群里|这个群|大家|this group|this chat|the group|everyone here)$", re.IGNORECASE)
_DEPT_SUFFIX = re.compile(r"(?:的)?(?:全体人员|全体同志|全体同事|全体|所有人|所有同事|同事们?|人员|全员|的人)$"
                          r"|\s+(?:team|department|dept|staff|members|people|everyone)$", re.IGNORECASE)
_EDGES = re.compile(r"^[\s,,、。;;]+|[\s,,、。;;]+$")
_LEADING = re.compile(r"^(?:the|all(?:\s+of)?(?:\s+the)?)\s+", re.IGNORECASE)


@dataclass
class ReminderAudience:
    """Resolved recipients: people (once each), a group chat, names not found, and whether it is broad."""

    people: list[Person] = field(default_factory=list)
    group: GroupChat | None = None
    this_group: bool = False
    unknown: list[str] = field(default_factory=list)
    broad: bool = False

    def add(self, person: Person) -> None:
        """Add an active person once."""
        if person.active and all(p.id != person.id for p in self.people):
            self.people.append(person)


def resolve(ctx: Context, items: list[str]) -> ReminderAudience:
    """Resolve the audience phrases as written; an empty list means the speaker."""
    audience = ReminderAudience()
    for raw in items or ["me"]:
        item = _LEADING.sub("", _EDGES.sub("", to_simplified(raw))).strip()
        if item and not _resolve_one(ctx, item, audience):
            audience.unknown.append(raw.strip())
    return audience


def _resolve_one(ctx: Context, item: str, audience: ReminderAudience) -> bool:
    if _ME.match(item):
        audience.add(ctx.person)
        return True
    person = find_person(ctx.session, item)
    if person is not None:
        audience.add(person)
        return True
    if _THIS_GROUP.match(item) and ctx.chat is not None and ctx.chat.is_group:
        audience.this_group = audience.broad = True
        return True
    dept = find_department(ctx.session, item) or find_department(ctx.session, _DEPT_SUFFIX.sub("", item).strip())
    if dept is not None:
        audience.broad = True
        members = ctx.session.exec(select(Person).where(Person.department_id == dept.id,
                                                        Person.active == True))  # noqa: E712
        for member in sorted(members, key=lambda p: p.id or 0):
            audience.add(member)
        return True
    group = _find_group(ctx, item)
    if group is not None:
        audience.group, audience.broad = group, True
        return True
    return False


def _find_group(ctx: Context, item: str) -> GroupChat | None:
    name = re.sub(r"(?:群|group|chat)$", "", item, flags=re.IGNORECASE).strip().casefold()
    for group in ctx.session.exec(select(GroupChat)):
        title = (group.title or "").casefold()
        if title and name and title in (item.casefold(), name, name + "群"):
            return group
    return None
