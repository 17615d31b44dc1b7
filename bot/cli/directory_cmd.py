"""`mishu directory list|import|invite`: people, departments, rooms and link codes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlmodel import select

from bot.bootstrap import prepare_database
from bot.cli.common import add_config_options, clock_from, quiet_logging, settings_and_url
from bot.directory import create_invite, department_name, find_person, identities_of, import_file
from storage.db import make_engine
from storage.models import AuditLog, Person, Room
from storage.uow import unit_of_work


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `directory` and its actions."""
    p = sub.add_parser("directory", help="people, departments, rooms")
    p.add_argument("action", choices=["list", "import", "invite"])
    p.add_argument("target", nargs="?", help="FILE for import, NAME for invite")
    p.add_argument("--format", choices=["text", "json"], default="text")
    add_config_options(p, with_now=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Entry point of `mishu directory`."""
    quiet_logging()
    settings, url = settings_and_url(args)
    clock = clock_from(args, settings)
    engine = make_engine(url)
    prepare_database(engine, settings, clock)
    if args.action == "list":
        return _list(engine, args.format)
    if not args.target:
        print(f"mishu directory {args.action}: missing {'FILE' if args.action == 'import' else 'NAME'}",
              file=sys.stderr)
        return 2
    if args.action == "import":
        path = Path(args.target)
        if not path.exists():
            print(f"mishu directory import: no file {path}", file=sys.stderr)
            return 2
        try:
            with unit_of_work(engine) as session:
                summary = import_file(session, path, clock.now())
                session.add(AuditLog(at=clock.now(), action="directory.import", object_type="file",
                                     object_id=str(path), detail={"people": summary.people, "rooms": summary.rooms}))
        except (ValueError, KeyError) as err:
            print(f"mishu directory import: {err}; nothing was imported", file=sys.stderr)
            return 1
        print(f"imported {summary.people} people, {summary.departments} departments, {summary.rooms} rooms")
        return 0
    with unit_of_work(engine) as session:
        person = find_person(session, args.target)
        if person is None:
            print(f"mishu directory invite: no person called {args.target!r}", file=sys.stderr)
            return 2
        invite = create_invite(session, person, clock.now())
        session.add(AuditLog(at=clock.now(), action="directory.invite", object_type="person",
                             object_id=str(person.id)))
        code, expires = invite.code, invite.expires_at
    username = settings.telegram.bot_username
    print(f"code for {person.name}: {code} (single use, expires {expires:%Y-%m-%d %H:%M} UTC)")
    print(f"  Telegram: https://t.me/{username}?start={code}" if username else "")
    print(f"  Slack or any chat: send  link {code}")
    return 0


def _list(engine: object, fmt: str) -> int:
    with unit_of_work(engine) as session:  # type: ignore[arg-type]
        people = [{"name": p.name, "name_en": p.name_en, "roles": p.role_set() and sorted(p.role_set()),
                   "department": department_name(session, p),
                   "platforms": sorted({i.platform for i in identities_of(session, p.id or 0)} - {"console"})}
                  for p in session.exec(select(Person).order_by(Person.id))]  # type: ignore[arg-type]
        rooms = [{"name": r.name, "capacity": r.capacity, "aliases": r.aliases or [], "building": r.building,
                  "floor": r.floor, "equipment": r.equipment or []}
                 for r in session.exec(select(Room).order_by(Room.id))]  # type: ignore[arg-type]
    if fmt == "json":
        print(json.dumps({"people": people, "rooms": rooms}, ensure_ascii=False, indent=2))
        return 0
    print("People:")
    for p in people:
        linked = ", ".join(p["platforms"]) or "not linked"  # type: ignore[arg-type]
        print(f"  {p['name']:<6} {p['name_en']:<16} {','.join(p['roles']):<12} {p['department']:<6} ({linked})")
    print("Rooms:")
    for r in rooms:
        where = f"{r['building']}{r['floor']}楼" if r["floor"] else ""
        print(f"  {r['name']:<8} {r['capacity']:>3} seats {where} {', '.join(r['aliases'])}")  # type: ignore[arg-type]
    return 0
