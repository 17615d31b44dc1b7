"""Visitors in English, a service-level registration, and the masked/unmasked export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from adapters.fake import FakeOffice
from bot.context import Context
from bot.understanding.commands import ParsedCommand
from bot.visitors.privacy import mask_id, mask_phone
from bot.visitors.register import register
from storage.models import Person
from storage.models_visitors import Visit
from storage.uow import unit_of_work

ROOT = Path(__file__).resolve().parents[2]
CHEN = "visitor at 2pm: Ms. Chen from Acme, meeting Director Zhou about the lease, phone 13912345678"


def visits(office: FakeOffice) -> list[Visit]:
    with unit_of_work(office.app.engine) as session:
        return list(session.exec(select(Visit).order_by(Visit.id)))  # type: ignore[arg-type]


def test_masks() -> None:
    assert mask_phone("13800001111") == "138****1111"
    assert mask_id("110101199001011234") == "110***********1234"


async def test_expected_visit_in_english_accept_check_in_and_out(office: FakeOffice) -> None:
    li, zhou = office.person("李娜"), office.person("周涛")
    await li.says(CHEN)
    assert "Expected visit" in li.last_reply
    assert "139****5678" in li.last_reply and "13912345678" not in li.last_reply  # a secretary sees it masked
    assert zhou.last_with_buttons().buttons[0].action == "vi.acc"
    assert zhou.received("13912345678")
    await zhou.press(1)
    assert li.received("accepted visit")
    await office.advance(hours=5)
    await li.says("Ms. Chen has arrived")
    assert "Checked in" in li.last_reply
    assert zhou.received("你的来访人已到达")
    await li.says("answered on the spot")
    assert "answered on the spot and closed" in li.last_reply
    await li.says("has the visitor been answered?")
    assert "answered and closed" in li.last_reply
    await li.says("Ms. Chen has left")
    assert "Checked out" in li.last_reply


async def test_english_referral_and_status(office: FakeOffice) -> None:
    li, zhou = office.person("李娜"), office.person("周涛")
    await li.says("visitor: Mr. Brown from Globex, phone 13600002222, to see Wu Gang, complaint about parking")
    assert "Visitor #1 logged" in li.last_reply and "complaint" in li.last_reply
    await li.says("refer to Finance, reply within 5 working days")
    assert "referred to Finance" in li.last_reply and "Mon 30 Nov" in li.last_reply
    assert zhou.received("来访转办")
    await li.says("has the visitor been answered?")
    assert "not answered yet" in li.last_reply
    await li.says("monthly visitor summary")
    assert "1 visits" in li.last_reply and "complaint 1" in li.last_reply


async def test_registration_as_a_service_call_with_an_id_number(office: FakeOffice) -> None:
    office.person("吴刚")
    with unit_of_work(office.app.engine) as session:
        chen = session.exec(select(Person).where(Person.name == "陈静")).one()
        ctx = Context(session=session, settings=office.settings, now=office.clock.now(), person=chen, lang="zh-Hans",
                      active_platforms=frozenset({"fake"}))
        command = ParsedCommand(text="来访:李四,身份证110101199001011234,求助,找后勤处", lang="zh", intent="visitor.register",
                                slots={"visitor": "李四", "host": "后勤处"})
        result = register(ctx, command)
    assert not isinstance(result, list) and result.key == "vis_registered"
    [visit] = visits(office)
    assert visit.id_number == "110101199001011234" and visit.category == "求助"


async def test_missing_name_is_asked(office: FakeOffice) -> None:
    chen = office.person("陈静")
    with unit_of_work(office.app.engine) as session:
        person = session.exec(select(Person).where(Person.name == "陈静")).one()
        ctx = Context(session=session, settings=office.settings, now=office.clock.now(), person=person, lang="zh-Hans",
                      active_platforms=frozenset({"fake"}))
        result = register(ctx, ParsedCommand(text="找后勤处", lang="zh", intent="visitor.register",
                                             slots={"host": "后勤处"}))
    assert not isinstance(result, list) and result.key == "vis_ask_name"
    assert chen is not None


def _export(db: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "export", "visitors", "--db", db,
                           "--config", str(ROOT / "config.example.toml"), *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


async def test_export_masks_unless_an_entitled_person_asks_unmasked(office: FakeOffice, tmp_path: Path) -> None:
    await office.person("陈静").says("登记来访:张大爷,城东村,反映修路占地补偿,电话13800001111,身份证110101199001011234,找后勤处")
    db = office.app.engine.url.render_as_string(hide_password=False)  # SQLite or PostgreSQL alike
    masked = _export(db)
    assert masked.returncode == 0, masked.stderr
    [row] = json.loads(masked.stdout)
    assert {"id", "visitor", "org", "host", "start", "status", "phone"} <= set(row)
    assert row["phone"] == "138****1111" and row["id_number"] == "110***********1234"
    refused = _export(db, "--unmasked", "--as", "孙丽")
    assert refused.returncode == 3 and "13800001111" not in refused.stdout
    assert _export(db, "--unmasked").returncode == 3
    unmasked = _export(db, "--unmasked", "--as", "钱峰")
    assert unmasked.returncode == 0, unmasked.stderr
    assert json.loads(unmasked.stdout)[0]["phone"] == "13800001111"
