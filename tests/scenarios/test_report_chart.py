"""The weekly supervision report (督办通报) pushed to the leaders carries its chart as a PNG."""

from __future__ import annotations

import logging
import struct
from datetime import timedelta

import pytest
from sqlmodel import select

from adapters.fake import FakeOffice
from bot.messages import Outgoing
from storage.models import Outbox
from storage.uow import unit_of_work
from tests.scenarios.digest_helpers import assign

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (the first chunk, right after the signature)."""
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def seed(office: FakeOffice) -> None:
    """One item overdue since Sunday, one closed on Tuesday, one due next week."""
    now = office.clock.now()  # Monday 09:00
    assign(office, "食堂改造", "刘建国", "吴刚", now - timedelta(days=1), department="后勤处")
    assign(office, "审计整改", "刘建国", "周涛", now - timedelta(days=2), department="财务处", status="closed",
           closed_at=now + timedelta(days=1))
    assign(office, "预算编制", "刘建国", "周涛", now + timedelta(days=10), department="财务处")


def weekly_report(messages: list[Outgoing]) -> Outgoing:
    [report] = [m for m in messages if "督办周通报" in m.text]
    return report


async def test_weekly_report_push_carries_the_chart(office: FakeOffice) -> None:
    liu, wang = office.person("刘建国"), office.person("王志强")
    seed(office)
    await office.advance(days=4, hours=7)  # Friday 16:00: the weekly report

    report = weekly_report(liu.inbox)
    assert "完成率 50%" in report.text
    [chart] = report.attachments
    assert chart.mime_type == "image/png" and chart.filename.endswith(".png")
    assert png_size(chart.content) == (800, 450)
    other = weekly_report(wang.inbox)
    assert len(other.attachments) == 1 and other.attachments[0].content[:8] == PNG_SIGNATURE
    with unit_of_work(office.app.engine) as session:
        rows = list(session.exec(select(Outbox).where(Outbox.source_type == "task_report")))
    assert len(rows) == 2 and all(r.has_attachments for r in rows)


async def test_without_matplotlib_the_report_goes_out_as_text(office: FakeOffice, monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    import bot.digests.charts as charts

    def no_matplotlib(*_args: object) -> bytes:
        raise ImportError("No module named 'matplotlib'")

    monkeypatch.setattr(charts, "draw_supervision", no_matplotlib)
    liu = office.person("刘建国")
    seed(office)
    with caplog.at_level(logging.WARNING, logger="mishu.tasks.report"):
        await office.advance(days=4, hours=7)

    report = weekly_report(liu.inbox)
    assert "完成率 50%" in report.text and report.attachments == ()
    assert "without its chart" in caplog.text
