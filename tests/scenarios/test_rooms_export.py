"""Bookings out: `mishu export bookings` as json, csv and ics; .ics per room and per person read back."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from adapters.fake import FakeOffice
from bot.directory import find_person, find_room
from bot.rooms.export import ics_for_person, ics_for_room
from storage.uow import unit_of_work
from tests.conftest import EXAMPLE_CONFIG
from tests.scenarios.rooms_helpers import Script, at, book


@pytest.fixture
def script(office: FakeOffice) -> Script:
    return Script(office)


async def _seed(office: FakeOffice, script: Script) -> None:
    await book(office, script, "张敏", "订明天下午三点到四点的301,预算评审", room="301",
               start=at(11, 24, 15), end=at(11, 24, 16), title="预算评审")
    await book(office, script, "李伟", "book room 301 on Thursday 10-11am", room="room 301",
               start=at(11, 26, 10), end=at(11, 26, 11))
    await book(office, script, "张敏", "订周五上午九点到十点的第一会议室", room="第一会议室",
               start=at(11, 27, 9), end=at(11, 27, 10))


def _export(office: FakeOffice, fmt: str, *extra: str) -> bytes:
    url = office.app.engine.url.render_as_string(hide_password=False)
    done = subprocess.run([sys.executable, "-m", "bot", "export", "bookings", "--db", url, "--format", fmt,
                           "--config", str(EXAMPLE_CONFIG), *extra], capture_output=True, check=True,
                          cwd=Path.cwd())
    return done.stdout


def _events(data: bytes) -> list[dict[str, object]]:
    cal = Calendar.from_ical(data)
    return [{"uid": str(e["uid"]), "start": e.decoded("dtstart"), "end": e.decoded("dtend"),
             "summary": str(e["summary"]), "location": str(e["location"])} for e in cal.walk("VEVENT")]


async def test_cli_exports_json_csv_and_ics(office: FakeOffice, script: Script) -> None:
    await _seed(office, script)
    rows = json.loads(_export(office, "json"))
    assert [(r["room"], r["organizer"], r["status"]) for r in rows] == [
        ("301", "张敏", "confirmed"), ("301", "李伟", "confirmed"), ("第一会议室", "张敏", "confirmed")]
    assert {"id", "room", "start", "end", "title", "organizer", "status"} <= set(rows[0])
    assert rows[0]["title"] == "预算评审" and rows[0]["start"].startswith("2026-11-24T07:00:00")
    table = list(csv.DictReader(io.StringIO(_export(office, "csv").decode())))
    assert [r["room"] for r in table] == ["301", "301", "第一会议室"]
    events = _events(_export(office, "ics"))
    assert [(e["location"], e["start"], e["end"]) for e in events] == [
        ("301", at(11, 24, 15), at(11, 24, 16)), ("301", at(11, 26, 10), at(11, 26, 11)),
        ("第一会议室", at(11, 27, 9), at(11, 27, 10))]


async def test_ics_per_room_and_per_person(office: FakeOffice, script: Script) -> None:
    await _seed(office, script)
    with unit_of_work(office.app.engine) as session:
        room = find_room(session, "301")
        zhang = find_person(session, "张敏")
        assert room is not None and zhang is not None
        by_room = _events(ics_for_room(session, room.id or 0))
        by_person = _events(ics_for_person(session, zhang.id or 0))
    assert [(e["summary"], e["start"]) for e in by_room] == [("预算评审", at(11, 24, 15)), ("301", at(11, 26, 10))]
    assert [(e["location"], e["start"]) for e in by_person] == [("301", at(11, 24, 15)), ("第一会议室", at(11, 27, 9))]
    assert len({e["uid"] for e in by_room + by_person}) == 3


async def test_cli_gives_one_room_or_one_person_calendar(office: FakeOffice, script: Script) -> None:
    await _seed(office, script)
    by_room = _events(_export(office, "ics", "--room", "301"))
    assert [e["start"] for e in by_room] == [at(11, 24, 15), at(11, 26, 10)]
    by_person = _events(_export(office, "ics", "--person", "Zhang Min"))
    assert [e["location"] for e in by_person] == ["301", "第一会议室"]
    unknown = subprocess.run([sys.executable, "-m", "bot", "export", "bookings", "--format", "ics", "--room", "999",
                              "--db", office.app.engine.url.render_as_string(hide_password=False)],
                             capture_output=True, text=True, cwd=Path.cwd())
    assert unknown.returncode == 2 and "no room called" in unknown.stderr
