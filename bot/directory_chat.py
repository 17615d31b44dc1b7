"""Directory upkeep in chat: admins add and edit people and rooms; linking from a known account."""

from __future__ import annotations

import re

from bot import dialog
from bot.config import PersonSpec, RoomSpec
from bot.context import Context
from bot.directory import (
    department_name,
    find_department,
    find_person,
    find_room,
    upsert_person,
    upsert_room,
)
from bot.handlers import Replies, on_action, pre_parser
from bot.replies import reply
from bot.roles import ALL_ROLES, Role
from bot.understanding.lang import to_simplified

_ADD_PERSON = re.compile(r"^\s*(?:添加人员|新增人员|add person)\s*[::]?\s*(?P<rest>.+)$", re.IGNORECASE)
_SET_ROLE = re.compile(r"^\s*(?:设置角色|set role)\s*[::]?\s*(?P<rest>.+)$", re.IGNORECASE)
_ADD_ROOM = re.compile(r"^\s*(?:添加会议室|新增会议室|add room)\s*[::]?\s*(?P<rest>.+)$", re.IGNORECASE)
_EDIT_ROOM = re.compile(r"^\s*(?:修改会议室|update room)\s*[::]?\s*(?P<name>\S+)\s*(?:容量|capacity)\s*"
                        r"(?P<cap>\d{1,4})\s*(?:人|seats?)?\s*$", re.IGNORECASE)
_DIR_HELP = re.compile(r"^\s*(?:通讯录帮助|directory help)\s*$", re.IGNORECASE)
_LINK = re.compile(r"^\s*(?:/start|绑定|link)\s+[A-Za-z0-9]{4,32}\s*$", re.IGNORECASE)
_SEATS = re.compile(r"(\d{1,4})\s*(?:人|个座位|座|seats?|people)", re.IGNORECASE)


@pre_parser
def admin_command(ctx: Context, text: str) -> Replies | None:
    """Claim directory commands; only admins may run them."""
    simple = to_simplified(text)
    if _LINK.match(simple):
        return reply("already_linked", name=ctx.person.name)
    if _DIR_HELP.match(simple):
        return reply("dir_usage")
    for pattern, fn in ((_ADD_PERSON, _add_person), (_SET_ROLE, _set_role), (_EDIT_ROOM, _edit_room),
                        (_ADD_ROOM, _add_room)):
        match = pattern.match(simple)
        if match:
            ctx.require_role(Role.ADMIN)
            return fn(ctx, match)
    return None


def _tokens(rest: str) -> list[str]:
    separator = r"[,,、;;]+" if re.search(r"[,,、;;]", rest) else r"\s+"
    return [t.strip() for t in re.split(separator, rest) if t.strip()]


def _add_person(ctx: Context, match: re.Match[str]) -> Replies:
    tokens = _tokens(match.group("rest"))
    roles = [t.lower() for t in tokens if t.lower() in ALL_ROLES]
    unknown_roles = [t for t in tokens[1:] if t.isascii() and t.isalpha() and t.islower() and t not in ALL_ROLES
                     and find_department(ctx.session, t) is None]
    if unknown_roles and len(tokens) > 2:
        return reply("dir_unknown_role", role=unknown_roles[0])
    dept = next((d for d in (find_department(ctx.session, t) for t in tokens[1:]) if d is not None), None)
    name_parts = [t for t in tokens if t.lower() not in ALL_ROLES and find_department(ctx.session, t) is None]
    if not name_parts:
        return reply("dir_usage")
    name = " ".join(name_parts)
    if find_person(ctx.session, name) is not None:
        return reply("dir_exists", name=name)
    chosen_roles = roles or ["staff"]
    payload = {"name": name, "roles": chosen_roles, "department": dept.name if dept else None}
    summary = reply("dir_person_added_readback", name=name, roles=",".join(chosen_roles),
                    dept=f",{dept.name}" if dept else "")
    return dialog.start_confirm(ctx, "directory.add_person", payload, summary)


def _set_role(ctx: Context, match: re.Match[str]) -> Replies:
    tokens = _tokens(match.group("rest"))
    roles = [t.lower() for t in tokens if t.lower() in ALL_ROLES]
    bad = [t for t in tokens[1:] if t.isascii() and t.lower() not in ALL_ROLES]
    if bad:
        return reply("dir_unknown_role", role=bad[-1])
    name = " ".join(t for t in tokens if t.lower() not in ALL_ROLES)
    person = find_person(ctx.session, name)
    if person is None:
        return reply("dir_unknown_person", name=name)
    if not roles:
        return reply("dir_usage")
    old = person.roles
    person.roles = ",".join(dict.fromkeys(roles))
    ctx.session.add(person)
    ctx.audit("directory.set_roles", "person", person.id, before=old, after=person.roles)
    return reply("dir_person_updated", name=person.name, change=person.roles)


def _add_room(ctx: Context, match: re.Match[str]) -> Replies:
    rest = match.group("rest")
    seats = _SEATS.search(rest)
    name = re.sub(r"^[\s,,]+|[\s,,]+$", "", _SEATS.sub("", rest))
    if not name or seats is None:
        return reply("dir_usage")
    if find_room(ctx.session, name) is not None:
        return reply("dir_exists", name=name)
    room = upsert_room(ctx.session, RoomSpec(name=name, capacity=int(seats.group(1))))
    ctx.session.flush()
    ctx.audit("directory.add_room", "room", room.id, name=name, capacity=room.capacity)
    return reply("dir_room_added", name=name, capacity=room.capacity)


def _edit_room(ctx: Context, match: re.Match[str]) -> Replies:
    room = find_room(ctx.session, match.group("name"))
    if room is None:
        return reply("dir_unknown_room", name=match.group("name"))
    old = room.capacity
    room.capacity = int(match.group("cap"))
    ctx.session.add(room)
    ctx.audit("directory.edit_room", "room", room.id, before={"capacity": old}, after={"capacity": room.capacity})
    return reply("dir_room_updated", name=room.name, change=f"{old} → {room.capacity}")


@on_action("noop")
def _noop(ctx: Context, value: str) -> Replies:
    return reply("already_handled")


def confirm_add_person(ctx: Context, payload: dict[str, object]) -> Replies:
    """Create the person read back to the admin."""
    if find_person(ctx.session, str(payload["name"])) is not None:
        return reply("dir_exists", name=payload["name"])
    roles = tuple(str(r) for r in payload.get("roles") or ["staff"])  # type: ignore[attr-defined]
    dept = payload.get("department")
    spec = PersonSpec(name=str(payload["name"]), roles=roles, department=str(dept) if dept else None)
    person = upsert_person(ctx.session, spec, ctx.now)
    ctx.session.flush()
    ctx.audit("directory.add_person", "person", person.id, name=person.name, roles=person.roles,
              department=department_name(ctx.session, person))
    return reply("dir_person_added", name=person.name, roles=person.roles,
                 dept=f",{department_name(ctx.session, person)}" if person.department_id else "")


def _register() -> None:
    from bot.handlers import CONFIRMS

    CONFIRMS["directory.add_person"] = confirm_add_person


_register()
