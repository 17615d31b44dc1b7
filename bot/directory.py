"""The directory: people, departments, rooms and linked accounts; loading, import, linking."""

from __future__ import annotations

import csv
import io
import secrets
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, select

from bot.config import DepartmentSpec, PersonSpec, RoomSpec, Settings, settings_from_dict
from bot.messages import Platform
from bot.roles import ALL_ROLES
from storage.models import Department, Identity, InviteCode, Person, Room

INVITE_TTL = timedelta(days=7)


@dataclass(frozen=True)
class LoadSummary:
    """How many directory entries a load created or updated."""

    people: int
    departments: int
    rooms: int


def load_directory(session: Session, settings: Settings, now: datetime) -> LoadSummary:
    """Create or update departments, people and rooms from settings (idempotent)."""
    for dept in settings.departments:
        _upsert_department(session, dept)
    session.flush()
    for spec in settings.people:
        upsert_person(session, spec, now)
    session.flush()
    for dept in settings.departments:
        _set_head(session, dept)
    for room in settings.rooms:
        upsert_room(session, room)
    session.flush()
    return LoadSummary(len(settings.people), len(settings.departments), len(settings.rooms))


def import_file(session: Session, path: Path, now: datetime) -> LoadSummary:
    """Import a TOML file (same shape as config.toml) or a CSV of people or rooms."""
    if path.suffix.lower() == ".toml":
        with open(path, "rb") as fh:
            return load_directory(session, settings_from_dict(tomllib.load(fh)), now)
    return import_csv(session, path.read_text(encoding="utf-8-sig"), now)


def import_csv(session: Session, text: str, now: datetime) -> LoadSummary:
    """Import people (columns name, roles, department, ...) or rooms (name, capacity, ...)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and "capacity" in rows[0]:
        rooms = [RoomSpec(name=r["name"].strip(), capacity=int(r.get("capacity") or 0),
                          aliases=_split(r.get("aliases")), building=(r.get("building") or "").strip(),
                          floor=int(r["floor"]) if (r.get("floor") or "").strip() else None,
                          equipment=_split(r.get("equipment"))) for r in rows if r.get("name")]
        for room in rooms:
            upsert_room(session, room)
        return LoadSummary(0, 0, len(rooms))
    people = [PersonSpec(name=r["name"].strip(), roles=tuple(_split(r.get("roles")) or ("staff",)),
                         department=(r.get("department") or "").strip() or None,
                         title=(r.get("title") or "").strip(), aliases=_split(r.get("aliases")),
                         name_en=(r.get("name_en") or "").strip(), email=(r.get("email") or "").strip() or None,
                         language=(r.get("language") or "").strip() or None)
              for r in rows if r.get("name")]
    depts = {p.department for p in people if p.department}
    for name in depts:
        _upsert_department(session, DepartmentSpec(name=name))
    session.flush()
    for spec in people:
        upsert_person(session, spec, now)
    return LoadSummary(len(people), len(depts), 0)


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(v.strip() for v in value.replace(";", "|").replace(",", "|").split("|") if v.strip())


def _upsert_department(session: Session, spec: DepartmentSpec) -> Department:
    dept = session.exec(select(Department).where(Department.name == spec.name)).first()
    if dept is None:
        dept = Department(name=spec.name)
    if spec.aliases:
        dept.aliases = list(spec.aliases)
    session.add(dept)
    return dept


def _set_head(session: Session, spec: DepartmentSpec) -> None:
    if not spec.head:
        return
    dept = session.exec(select(Department).where(Department.name == spec.name)).one()
    head = find_person(session, spec.head)
    if head is not None:
        dept.head_id = head.id
        session.add(dept)


def upsert_person(session: Session, spec: PersonSpec, now: datetime) -> Person:
    """Create or update a person from a spec, with their console identity; unknown roles are refused."""
    unknown = [r for r in spec.roles if r not in ALL_ROLES]
    if unknown:
        raise ValueError(f"unknown role(s) for {spec.name}: {', '.join(unknown)}")
    person = session.exec(select(Person).where(Person.name == spec.name)).first() or Person(name=spec.name)
    person.roles = ",".join(spec.roles)
    person.name_en = spec.name_en or person.name_en
    person.title = spec.title or person.title
    person.aliases = list(spec.aliases) or person.aliases
    person.email = spec.email or person.email
    person.language = spec.language or person.language
    if spec.department:
        dept = session.exec(select(Department).where(Department.name == spec.department)).first()
        if dept is None:
            raise ValueError(f"unknown department for {spec.name}: {spec.department}")
        person.department_id = dept.id
    session.add(person)
    session.flush()
    for platform, user_id in ((Platform.TELEGRAM, spec.telegram_id), (Platform.SLACK, spec.slack_id)):
        if user_id:
            link_identity(session, person, platform, user_id, user_id, now)
    # The console is local and trusted: everyone can be spoken as there.
    link_identity(session, person, Platform.CONSOLE, person.name, person.name, now)
    return person


def upsert_room(session: Session, spec: RoomSpec) -> Room:
    """Create or update a room from its spec."""
    room = session.exec(select(Room).where(Room.name == spec.name)).first() or Room(name=spec.name)
    room.capacity = spec.capacity
    room.aliases = list(spec.aliases)
    room.building = spec.building
    room.floor = spec.floor
    room.equipment = list(spec.equipment)
    room.needs_approval = spec.needs_approval
    session.add(room)
    return room


def find_person(session: Session, name: str) -> Person | None:
    """A person by name, English name or alias (case-insensitive for Latin names)."""
    wanted = name.strip()
    person = session.exec(select(Person).where(Person.name == wanted)).first()
    if person is not None:
        return person
    folded = wanted.casefold()
    for candidate in session.exec(select(Person).where(Person.active == True)):  # noqa: E712
        names = [candidate.name_en or "", *(candidate.aliases or [])]
        if any(n and n.casefold() == folded for n in names):
            return candidate
    return None


def find_department(session: Session, name: str) -> Department | None:
    """A department by name or alias."""
    folded = name.strip().casefold()
    for dept in session.exec(select(Department)):
        if dept.name.casefold() == folded or any(a.casefold() == folded for a in dept.aliases or []):
            return dept
    return None


def find_room(session: Session, name: str) -> Room | None:
    """A room by name or alias."""
    folded = name.strip().casefold()
    for room in session.exec(select(Room).where(Room.active == True)):  # noqa: E712
        if room.name.casefold() == folded or any(a.casefold() == folded for a in room.aliases or []):
            return room
    return None


def link_identity(session: Session, person: Person, platform: str, user_id: str,
                  chat_id: str | None, now: datetime) -> Identity:
    """Link a platform account to a person (idempotent)."""
    identity = session.exec(select(Identity).where(Identity.platform == str(platform),
                                                   Identity.platform_user_id == user_id)).first()
    if identity is None:
        identity = Identity(person_id=person.id or 0, platform=str(platform), platform_user_id=user_id,
                            private_chat_id=chat_id, linked_at=now)
    else:
        identity.person_id = person.id or 0
        identity.private_chat_id = chat_id or identity.private_chat_id
    session.add(identity)
    return identity


def person_for(session: Session, platform: str, user_id: str) -> Person | None:
    """The person linked to a platform account, if any."""
    identity = session.exec(select(Identity).where(Identity.platform == str(platform),
                                                   Identity.platform_user_id == user_id)).first()
    return session.get(Person, identity.person_id) if identity else None


def create_invite(session: Session, person: Person, now: datetime) -> InviteCode:
    """A fresh single-use code that links a chat account to this person."""
    invite = InviteCode(code=secrets.token_urlsafe(6).replace("-", "x").replace("_", "y"),
                        person_id=person.id or 0, expires_at=now + INVITE_TTL)
    session.add(invite)
    return invite


def redeem_invite(session: Session, code: str, now: datetime) -> Person | None:
    """The person a valid, unused code belongs to; the code is spent. None when invalid."""
    invite = session.get(InviteCode, code.strip())
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        return None
    invite.used_at = now
    session.add(invite)
    return session.get(Person, invite.person_id)


def identities_of(session: Session, person_id: int) -> list[Identity]:
    """Every platform account linked to a person."""
    return list(session.exec(select(Identity).where(Identity.person_id == person_id)))


def department_name(session: Session, person: Person) -> str:
    """The name of the person's department, or an empty string."""
    if person.department_id is None:
        return ""
    dept = session.get(Department, person.department_id)
    return dept.name if dept else ""
