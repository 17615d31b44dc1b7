"""The console saves the files of queued messages (the weekly report's chart), not only of direct replies."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from adapters.console import Console
from bot.bootstrap import build_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.messages import Platform
from storage.models import Department, Person
from storage.models_tasks import Task
from storage.uow import unit_of_work
from tests.conftest import MONDAY_MORNING


def test_the_weekly_report_chart_pushed_to_a_leader_is_saved(settings: Settings, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = build_app(settings, frozenset({Platform.CONSOLE.value}), FrozenClock(MONDAY_MORNING),
                    database_url=f"sqlite:///{tmp_path / 'chat.db'}")
    with unit_of_work(app.engine) as session:
        liu = session.exec(select(Person).where(Person.name == "刘建国")).one()
        wu = session.exec(select(Person).where(Person.name == "吴刚")).one()
        dept = session.exec(select(Department).where(Department.name == "后勤处")).one()
        session.add(Task(title="食堂改造", created_at=MONDAY_MORNING, assigner_id=liu.id or 0, owner_id=wu.id or 0,
                         owner_department_id=dept.id, due=MONDAY_MORNING - timedelta(days=1), status="assigned"))
    out = io.StringIO()
    console = Console(app, "刘建国", out=out)

    console.run(["/advance 4d\n", "/advance 7h\n"])  # Friday 16:00: the weekly report

    saved = tmp_path / "out" / "supervision-weekly-20261123.png"
    assert f"[to 刘建国] [image saved: {Path('out') / saved.name}]" in out.getvalue()
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    app.engine.dispose()
