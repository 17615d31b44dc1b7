"""`mishu export KIND`: bookings, notices, tasks, visitors or the audit log as JSON, CSV or iCalendar."""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.cli.common import add_config_options, clock_from, quiet_logging, settings_and_url
from bot.directory import find_person, find_room
from bot.exports import EXPORTERS, ICAL_EXPORTERS, KINDS, ExportRequest
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import AuditLog
from storage.uow import unit_of_work

# Modules that register exporters of their kind when they exist.
_EXPORT_MODULES = ("bot.rooms.export", "bot.notices.export", "bot.tasks.export", "bot.visitors.export")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `export`."""
    p = sub.add_parser("export", help="export data")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--format", choices=["json", "csv", "ics"], default="json")
    p.add_argument("--from", dest="start", default=None, help="ISO 8601 start (inclusive)")
    p.add_argument("--to", dest="end", default=None, help="ISO 8601 end (exclusive)")
    p.add_argument("--unmasked", action="store_true", help="visitors: full phone/ID numbers (entitled admins)")
    p.add_argument("--as", dest="as_name", default=None, help="who is exporting (for --unmasked)")
    p.add_argument("--room", default=None, help="bookings --format ics: one room's calendar")
    p.add_argument("--person", default=None, help="bookings --format ics: one person's calendar")
    add_config_options(p, with_now=True)
    p.set_defaults(func=run)


def _load_exporters() -> None:
    for name in _EXPORT_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            continue


def run(args: argparse.Namespace) -> int:
    """Entry point of `mishu export`."""
    quiet_logging()
    _load_exporters()
    settings, url = settings_and_url(args)
    tz = ZoneInfo(settings.office.timezone)
    if args.kind not in EXPORTERS:
        print(f"mishu export: exporting {args.kind} is not available in this version", file=sys.stderr)
        return 2
    if args.format == "ics" and args.kind not in ICAL_EXPORTERS:
        print("mishu export: --format ics exists for bookings only", file=sys.stderr)
        return 2
    engine = make_engine(url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        actor = find_person(session, args.as_name) if args.as_name else None
        request = ExportRequest(start=_instant(args.start, tz), end=_instant(args.end, tz),
                                unmasked=args.unmasked, actor=actor)
        if args.format == "ics":
            calendar = _calendar(session, args, request)
            if calendar is None:
                return 2
            sys.stdout.buffer.write(calendar)
            return 0
        try:
            rows = EXPORTERS[args.kind](session, request)
        except PermissionError as err:
            print(f"mishu export: {err}", file=sys.stderr)
            return 3
        if args.kind != "audit":
            session.add(AuditLog(at=clock_from(args, settings).now(), actor_id=actor.id if actor else None,
                                 action=f"export.{args.kind}", object_type="export",
                                 detail={"format": args.format, "rows": len(rows), "unmasked": args.unmasked}))
    _write(rows, args.format)
    return 0


def _calendar(session: Session, args: argparse.Namespace, request: ExportRequest) -> bytes | None:
    """The whole bookings calendar, or one room's or one person's; None (said on stderr) for an unknown name."""
    if not (args.room or args.person):
        return ICAL_EXPORTERS[args.kind](session, request)
    from bot.rooms.export import ics_for_person, ics_for_room

    if args.room:
        room = find_room(session, args.room)
        if room is None or room.id is None:
            print(f"mishu export: no room called {args.room!r}", file=sys.stderr)
            return None
        return ics_for_room(session, room.id, request.start, request.end)
    person = find_person(session, args.person)
    if person is None or person.id is None:
        print(f"mishu export: no person called {args.person!r}", file=sys.stderr)
        return None
    return ics_for_person(session, person.id, request.start, request.end)


def _instant(text: str | None, tz: ZoneInfo) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=tz)


def _write(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    fields = list(dict.fromkeys(k for row in rows for k in row))
    writer = csv.DictWriter(sys.stdout, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                         for k, v in row.items()})
