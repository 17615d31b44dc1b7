"""Charts: the data behind them, and the PNGs read back (size, not blank)."""

from __future__ import annotations

import io
import struct
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from adapters.fake import FakeOffice
from bot.digests.charts import (
    DepartmentCounts,
    draw_room_week,
    draw_supervision,
    room_week,
    supervision_counts,
)
from storage.uow import unit_of_work
from tests.scenarios.digest_helpers import assign, book

SH = ZoneInfo("Asia/Shanghai")
MONDAY = datetime(2026, 11, 23, 0, 0, tzinfo=SH)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def assert_not_blank(data: bytes) -> None:
    """The image has more than one colour (PIL when installed, else a size check)."""
    try:
        from PIL import Image
    except ImportError:
        assert len(data) > 2000
        return
    image = Image.open(io.BytesIO(data)).convert("L")
    low, high = image.getextrema()
    assert high - low > 100


def test_supervision_counts_by_department(office: FakeOffice) -> None:
    now = office.clock.now()
    assign(office, "食堂改造", "刘建国", "吴刚", now - timedelta(days=3), department="后勤处")
    assign(office, "车辆调度", "刘建国", "吴刚", now - timedelta(days=1), department="后勤处", priority="urgent")
    assign(office, "预算编制", "刘建国", "周涛", now + timedelta(days=5), department="财务处")
    assign(office, "审计整改", "刘建国", "周涛", now - timedelta(days=2), department="财务处", status="closed",
           closed_at=now - timedelta(hours=1))
    assign(office, "旧事", "刘建国", "周涛", now - timedelta(days=20), department="财务处", status="closed",
           closed_at=now - timedelta(days=10))
    assign(office, "作废", "刘建国", "郑华", now - timedelta(days=2), department="信息科", status="cancelled")
    with unit_of_work(office.app.engine) as session:
        counts = supervision_counts(session, now, MONDAY, MONDAY + timedelta(days=7))
    assert counts == [DepartmentCounts("后勤处", "Logistics", closed=0, overdue=2, open=0),
                      DepartmentCounts("财务处", "Finance", closed=1, overdue=0, open=1)]


def test_supervision_chart_png() -> None:
    counts = [DepartmentCounts("后勤处", "Logistics", 0, 2, 0), DepartmentCounts("财务处", "Finance", 1, 0, 1)]
    png = draw_supervision(counts, "zh-Hans")
    assert png_size(png) == (800, 450)
    assert_not_blank(png)
    assert png_size(draw_supervision([], "en")) == (800, 450)


def test_room_week_data_and_timeline_png(office: FakeOffice) -> None:
    book(office, "第一会议室", "张敏", datetime(2026, 11, 24, 9, tzinfo=SH), datetime(2026, 11, 24, 10, 30, tzinfo=SH),
         "周例会")
    book(office, "301", "张敏", datetime(2026, 11, 27, 14, tzinfo=SH), datetime(2026, 11, 27, 16, tzinfo=SH), "Budget")
    book(office, "301", "张敏", datetime(2026, 12, 1, 14, tzinfo=SH), datetime(2026, 12, 1, 16, tzinfo=SH), "下周")
    with unit_of_work(office.app.engine) as session:
        bars = room_week(session, MONDAY)
    assert [(b.room, b.room_en, b.day, b.start_hour, b.end_hour) for b in bars] == [
        ("第一会议室", "room 1", 1, 9.0, 10.5), ("301", "301", 4, 14.0, 16.0)]
    png = draw_room_week(bars, [("第一会议室", "room 1"), ("301", "301")], MONDAY, "zh-Hans")
    assert png_size(png) == (1000, 600)
    assert_not_blank(png)


async def test_rooms_this_week_as_an_image_in_chat(office: FakeOffice) -> None:
    zhang = office.person("张敏")
    await zhang.says("这周会议室安排")
    assert "没有会议室预订" in zhang.last_reply and not zhang.replies[-1].attachments
    book(office, "第二会议室", "张敏", datetime(2026, 11, 25, 15, tzinfo=SH), datetime(2026, 11, 25, 17, tzinfo=SH),
         "安全生产工作会议")
    await zhang.says("这周会议室安排")
    text, out = zhang.replies[-2:]
    assert "第二会议室" in text.text and "安全生产工作会议" in text.text  # the schedule in words first
    assert "共 1 场" in out.text
    (image,) = out.attachments
    assert image.mime_type == "image/png" and image.filename.endswith(".png")
    assert png_size(image.content) == (1000, 600)


async def test_supervision_chart_in_chat_in_english(office: FakeOffice) -> None:
    li = office.person("李娜")
    assign(office, "Visitor policy", "刘建国", "李伟", office.clock.now() - timedelta(days=1), department="信息科")
    await li.says("supervision chart")
    out = li.replies[-1]
    assert "1 overdue" in out.text
    assert png_size(out.attachments[0].content) == (800, 450)
