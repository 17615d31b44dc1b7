"""`mishu parse`: print what Mishu understood of a text, as JSON (CONTRACT.md)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.understanding.commands import ParsedCommand, RoomFact, parse_command
from bot.understanding.lang import detect_language
from bot.understanding.timeparse import primary_time
from bot.understanding.types import TimeReading

DEFAULT_TZ = "Asia/Shanghai"


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `parse` and its options."""
    p = sub.add_parser("parse", help="show what Mishu understood of a text")
    p.add_argument("text", nargs="?", help="the message (omit with --jsonl)")
    p.add_argument("--now", help="reference instant, ISO 8601")
    p.add_argument("--tz", default=None, help="time zone (default: the office's)")
    p.add_argument("--time-only", action="store_true", help="only the time expression")
    p.add_argument("--jsonl", action="store_true", help="read JSON lines from stdin")
    p.add_argument("--config", default=None, help="configuration file (for room facts)")
    p.set_defaults(func=run)


def reference_instant(now: str | None, tz: str) -> datetime:
    """The reference instant in the given zone: --now, or the wall clock."""
    zone = ZoneInfo(tz)
    if not now:
        return datetime.now(zone)
    parsed = datetime.fromisoformat(now)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)


def time_json(text: str, reading: TimeReading | None) -> dict[str, Any]:
    """The --time-only JSON of one text."""
    if reading is None:
        return {"text": text, "kind": None, "start": None, "end": None, "grain": None, "rrule": None}
    return {
        "text": text,
        "kind": str(reading.kind),
        "start": reading.start.isoformat() if reading.start else None,
        "end": reading.end.isoformat() if reading.end else None,
        "grain": str(reading.grain),
        "rrule": reading.rrule,
    }


def command_json(parsed: ParsedCommand) -> dict[str, Any]:
    """The JSON of one command parse."""
    lang = "en" if parsed.lang == "en" else "zh"
    out: dict[str, Any] = {
        "text": parsed.text,
        "lang": lang,
        "intent": parsed.intent,
        "slots": {k: _jsonable(v) for k, v in parsed.slots.items()},
        "missing": parsed.missing,
    }
    if parsed.warnings:
        out["warnings"] = parsed.warnings
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def parse_one(text: str, now: datetime, time_only: bool, rooms: tuple[RoomFact, ...]) -> dict[str, Any]:
    """The JSON answer for one text; never raises on odd input."""
    try:
        if time_only:
            return time_json(text, primary_time(text, now))
        return command_json(parse_command(text, now, rooms=rooms))
    except Exception as exc:  # noqa: BLE001 - one bad line must not stop a batch
        if time_only:
            return time_json(text, None) | {"error": type(exc).__name__}
        return {"text": text, "lang": detect_language(text), "intent": "unknown", "slots": {},
                "missing": [], "error": type(exc).__name__}


def run(args: argparse.Namespace) -> int:
    """Entry point of `mishu parse`."""
    rooms = _room_facts(args.config)
    tz_default = args.tz or _office_tz(args.config)
    if args.jsonl:
        for line in sys.stdin:
            if not line.strip():
                continue
            rec = json.loads(line)
            now = reference_instant(rec.get("now") or args.now, rec.get("tz") or tz_default)
            answer = parse_one(str(rec.get("text", "")), now, args.time_only, rooms)
            sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return 0
    if args.text is None:
        print("mishu parse: give a TEXT or --jsonl", file=sys.stderr)
        return 2
    now = reference_instant(args.now, tz_default)
    print(json.dumps(parse_one(args.text, now, args.time_only, rooms), ensure_ascii=False))
    return 0


def _office_tz(config_path: str | None) -> str:
    try:
        from bot.config import load_settings

        return load_settings(config_path).office.timezone
    except Exception:  # noqa: BLE001 - parse works without a configuration
        return DEFAULT_TZ


def _room_facts(config_path: str | None) -> tuple[RoomFact, ...]:
    try:
        from bot.config import load_settings

        settings = load_settings(config_path)
    except Exception:  # noqa: BLE001
        return ()
    return tuple(
        RoomFact(name=r.name, aliases=tuple(r.aliases), building=r.building, floor=r.floor, capacity=r.capacity)
        for r in settings.rooms
    )
