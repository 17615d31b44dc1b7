"""Who is who for assignments: owners from names or departments, co-operators, the escalation chain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from bot.directory import find_department, find_person
from bot.roles import Role
from bot.tasks.policy import TaskPolicy
from bot.understanding.lang import to_simplified
from storage.models import Department, Person
from storage.models_tasks import Task

# Words around a name that are not the name: 请王处长牵头 → 王处长.
_AROUND = re.compile(r"^(?:请|由|让|要求|安排|交给|交由|指派给?|给)|(?:牵头|负责|主办|主抓|配合|协助|会办|同志|来)$")
_EDGE = " :,,。"
_SEPARATORS = re.compile(r"[、,,和及与/&]|\band\b", re.IGNORECASE)


@dataclass(frozen=True)
class Owner:
    """Who holds an assignment: a person, and the department when one was named."""

    person: Person
    department: Department | None = None


@dataclass
class Cooperators:
    """Co-operating people and departments (会办), by id."""

    people: list[int] = field(default_factory=list)
    departments: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The form stored on the task."""
        return {"people": self.people, "departments": self.departments}


def clean_name(text: str) -> str:
    """A name without the verbs and honorific fillers around it."""
    name = to_simplified(str(text)).strip(_EDGE)
    for _ in range(2):
        name = _AROUND.sub("", name).strip()
    return name


def resolve_owner(session: Session, text: str) -> Owner | None:
    """A person by name/alias, or a department (its head owns it); None when nobody matches."""
    name = clean_name(text)
    if not name:
        return None
    person = find_person(session, name)
    if person is not None and person.active:
        dept = session.get(Department, person.department_id) if person.department_id else None
        return Owner(person=person, department=dept)
    dept = find_department(session, name)
    if dept is not None and dept.head_id is not None:
        head = session.get(Person, dept.head_id)
        if head is not None:
            return Owner(person=head, department=dept)
    return None


def split_names(value: Any) -> list[str]:
    """A slot holding one or several names as a list of names."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else _SEPARATORS.split(str(value))
    return [clean_name(str(i)) for i in items if clean_name(str(i))]


def resolve_cooperators(session: Session, value: Any) -> tuple[Cooperators, list[str]]:
    """Co-operators from a slot; also the names nobody matched."""
    coop, unknown = Cooperators(), []
    for name in split_names(value):
        dept = find_department(session, name)
        if dept is not None and dept.id is not None:
            coop.departments.append(dept.id)
            continue
        person = find_person(session, name)
        if person is not None and person.id is not None:
            coop.people.append(person.id)
        else:
            unknown.append(name)
    return coop, unknown


def cooperator_people(session: Session, task: Task) -> list[Person]:
    """Everyone to tell as a co-operator: named people and the heads of named departments."""
    raw = task.cooperators or {}
    ids = list(raw.get("people", []))
    for dept_id in raw.get("departments", []):
        dept = session.get(Department, dept_id)
        if dept is not None and dept.head_id is not None:
            ids.append(dept.head_id)
    people = [session.get(Person, i) for i in dict.fromkeys(ids) if i != task.owner_id]
    return [p for p in people if p is not None]


def cooperator_names(session: Session, task: Task) -> list[str]:
    """Co-operators' names as written in lists."""
    raw = task.cooperators or {}
    names = [d.name for d in (session.get(Department, i) for i in raw.get("departments", [])) if d]
    names += [p.name for p in (session.get(Person, i) for i in raw.get("people", [])) if p]
    return names


def first_with_role(session: Session, role: str) -> Person | None:
    """The first active person holding a role."""
    for person in session.exec(select(Person).where(Person.active == True).order_by(Person.id)):  # type: ignore[arg-type]  # noqa: E712
        if role in person.role_set():
            return person
    return None


def leader_in_charge(session: Session, task: Task, policy: TaskPolicy) -> Person | None:
    """The leader in charge of the owner's department (config), else the first person with the leader role."""
    dept = session.get(Department, task.owner_department_id) if task.owner_department_id else None
    if dept is not None:
        configured = getattr(dept, "leader_in_charge_id", None)
        if configured:
            found = session.get(Person, configured)
            if found is not None:
                return found
        name = policy.leaders_in_charge.get(dept.name)
        if name:
            found = find_person(session, name)
            if found is not None:
                return found
    return first_with_role(session, Role.LEADER)


def escalation_target(session: Session, task: Task, level: int, policy: TaskPolicy) -> Person | None:
    """Who is told at an escalation level: 1 the office director, 2 the leader in charge."""
    if level == 1:
        return first_with_role(session, Role.DIRECTOR)
    if level == 2:
        return leader_in_charge(session, task, policy)
    return None


def name_of(session: Session, person_id: int | None, lang: str = "zh-Hans") -> str:
    """A person's display name in a language (English name for English when known)."""
    person = session.get(Person, person_id) if person_id else None
    if person is None:
        return "Mishu" if lang == "en" else "秘书"
    return person.name_en if lang == "en" and person.name_en else person.name
