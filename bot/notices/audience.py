"""Who a notice goes to: named people, departments, department heads, roles, everyone, a group chat."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import Session, select

from bot.directory import find_department, find_person
from bot.understanding.lang import to_simplified
from storage.models import Department, GroupChat, Person

_EVERYONE = re.compile(r"^(?:全体|全体人员|全体同志|全体职工|全体员工|所有人|大家|全员|everyone|everybody|all|all staff"
                       r"|all employees|the whole office)$", re.IGNORECASE)
_HEADS = re.compile(r"^(?:各)?(?:科室|部门|处室|单位|科|处)(?:主要)?负责人$|^(?:all\s+)?(?:department|section)\s+"
                    r"(?:heads|chiefs)$|^(?:all\s+)?heads(?:\s+of\s+(?:all\s+)?departments?)?$", re.IGNORECASE)
_ROLES = {"leader": re.compile(r"^(?:各位|院|所|公司|校)?领导(?:们|班子)?$|^(?:all\s+)?leaders$", re.IGNORECASE),
          "secretary": re.compile(r"^(?:各位)?秘书(?:们)?$|^(?:all\s+)?secretaries$", re.IGNORECASE)}
_THIS_GROUP = re.compile(r"^(?:本群|群里|这个群|this group|this chat|the group)$", re.IGNORECASE)
_DEPT_SUFFIX = re.compile(r"(?:的)?(?:全体人员|全体同志|全体职工|全体|所有人|所有同事|的同志们?|同事们?|人员|全员)$"
                          r"|\s+(?:team|department|dept|staff|members|people|everyone)$", re.IGNORECASE)
_HEAD_SUFFIX = re.compile(r"(?:的)?(?:负责人|主要负责人|一把手)$|\s+(?:head|lead|chief)$", re.IGNORECASE)
_EDGES = re.compile(r"^[\s,.;,。;]+|[\s,.;,。;]+$")
_LEADING = re.compile(r"^(?:the|all(?:\s+of)?(?:\s+the)?|请|通知)\s*", re.IGNORECASE)


@dataclass
class Audience:
    """The resolved audience: people (in order, once each), groups, names not found, and whether it is broad."""

    people: list[Person] = field(default_factory=list)
    groups: list[GroupChat] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    broad: bool = False  # a department, role, everyone or a group: needs a broadcaster's role
    this_group: bool = False

    def add(self, person: Person) -> None:
        """Add a person once."""
        if person.active and all(p.id != person.id for p in self.people):
            self.people.append(person)


def resolve_audience(session: Session, items: list[str]) -> Audience:
    """Resolve each phrase as written against the directory; what matches nothing is kept in `unknown`."""
    audience = Audience()
    for raw in items:
        item = _LEADING.sub("", _EDGES.sub("", to_simplified(raw))).strip()
        if item and not _resolve_one(session, item, audience):
            audience.unknown.append(raw.strip())
    return audience


def _resolve_one(session: Session, item: str, audience: Audience) -> bool:
    person = find_person(session, item)
    if person is not None:
        audience.add(person)
        return True
    if _EVERYONE.match(item):
        audience.broad = True
        for p in session.exec(select(Person).where(Person.active == True).order_by(Person.id)):  # type: ignore[arg-type]  # noqa: E712
            audience.add(p)
        return True
    if _HEADS.match(item):
        audience.broad = True
        for dept in session.exec(select(Department).order_by(Department.id)):  # type: ignore[arg-type]
            _add_head(session, dept, audience)
        return True
    for role, pattern in _ROLES.items():
        if pattern.match(item):
            audience.broad = True
            for p in session.exec(select(Person).where(Person.active == True)):  # noqa: E712
                if role in p.role_set():
                    audience.add(p)
            return True
    if _THIS_GROUP.match(item):
        audience.broad = audience.this_group = True
        return True
    return _resolve_group_or_department(session, item, audience)


def _resolve_group_or_department(session: Session, item: str, audience: Audience) -> bool:
    head_of = _HEAD_SUFFIX.sub("", item).strip()
    if head_of != item:
        dept = find_department(session, head_of)
        if dept is not None and _add_head(session, dept, audience):
            audience.broad = True
            return True
    dept = find_department(session, item) or find_department(session, _DEPT_SUFFIX.sub("", item).strip())
    if dept is not None:
        audience.broad = True
        for p in session.exec(select(Person).where(Person.department_id == dept.id,
                                                   Person.active == True).order_by(Person.id)):  # type: ignore[arg-type]  # noqa: E712
            audience.add(p)
        return True
    group = _find_group(session, item)
    if group is not None:
        audience.broad = True
        audience.groups.append(group)
        return True
    return False


def _add_head(session: Session, dept: Department, audience: Audience) -> bool:
    head = session.get(Person, dept.head_id) if dept.head_id else None
    if head is None:
        return False
    audience.add(head)
    return True


def _find_group(session: Session, item: str) -> GroupChat | None:
    name = re.sub(r"(?:群|group|chat)$", "", item, flags=re.IGNORECASE).strip().casefold()
    for group in session.exec(select(GroupChat)):
        title = group.title.casefold()
        if title and (title == item.casefold() or title == name or title.removesuffix("群") == name):
            return group
    return None
