"""Leader digests: the daily brief, preferences, urgent pushes and quiet hours, the weekly plan."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from adapters.fake import FakeOffice
from bot.config import Settings
from bot.digests import push_or_hold, push_urgent
from bot.directory import find_person
from storage.models import Person
from storage.uow import unit_of_work
from tests.conftest import MONDAY_MORNING
from tests.scenarios.digest_helpers import assign, book, expect_visit

SH = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """An instant in November/December 2026, Shanghai time (day 30 -> 30 Nov, 31+ -> December)."""
    month, d = (11, day) if day <= 30 else (12, day - 30)
    return datetime(2026, month, d, hour, minute, tzinfo=SH)


def _seed_tuesday(office: FakeOffice) -> None:
    book(office, "第二会议室", "刘建国", at(24, 10), at(24, 11, 30), "院长办公会")
    assign(office, "消防整改方案", "刘建国", "吴刚", at(24, 18), priority="urgent", department="后勤处")
    expect_visit(office, "陈总", "省公司", "刘建国", at(24, 14), "公务来访")


async def _ticks(office: FakeOffice, hours: int, step: float = 1) -> None:
    for _ in range(int(hours / step)):
        await office.advance(hours=step)


async def test_brief_on_a_day_with_items_and_silence_on_a_day_without(office: FakeOffice) -> None:
    liu = office.person("刘建国")
    _seed_tuesday(office)
    await _ticks(office, 22)  # Monday to Tuesday 07:00: nothing about Monday to say
    assert liu.inbox == []
    await _ticks(office, 1)  # Tuesday 08:00
    briefs = liu.received("今日简报")
    assert len(briefs) == 1
    text = briefs[0].text
    assert "10:00–11:30 院长办公会(第二会议室)" in text
    assert "【急】消防整改方案" in text and "今天到期" in text
    assert "陈总(省公司)" in text and "13800001111" not in text
    await _ticks(office, 9)
    assert len(liu.received("今日简报")) == 1  # never twice


async def test_brief_on_request_and_nothing_to_say(office: FakeOffice) -> None:
    liu = office.person("刘建国")
    await liu.says("今天有什么安排")
    assert "没有需要您关注" in liu.last_reply
    _seed_tuesday(office)
    await office.advance(days=1)
    await liu.says("今天有什么安排?")
    assert "院长办公会" in liu.last_reply


async def test_no_brief_at_the_weekend(office: FakeOffice) -> None:
    liu = office.person("刘建国")
    book(office, "301", "刘建国", at(28, 10), at(28, 11), "周末加班会")
    await office.advance(days=4, hours=23)  # Saturday 08:00
    await office.advance(hours=2)
    assert not liu.received("周末加班会")


async def test_leader_sets_brief_time_in_chinese(office: FakeOffice) -> None:
    liu = office.person("刘建国")
    await liu.says("每天早上七点半给我发简报")
    assert "07:30" in liu.last_reply
    _seed_tuesday(office)
    await office.advance(hours=22, minutes=29)  # Tuesday 07:29
    assert not liu.received("今日简报")
    await office.advance(minutes=1)
    assert liu.received("今日简报")


async def test_leader_sets_brief_time_and_reads_it_in_english(office: FakeOffice) -> None:
    liu = office.person("刘建国")
    with unit_of_work(office.app.engine) as session:
        person = find_person(session, "刘建国")
        assert person is not None
        person.language = "en"
        session.add(person)
    await liu.says("brief me at 8:30am")
    assert "08:30" in liu.last_reply and "brief" in liu.last_reply
    _seed_tuesday(office)
    await office.advance(hours=23, minutes=30)  # Tuesday 08:30
    brief = liu.received("Your brief")
    assert len(brief) == 1
    assert "Meetings (1)" in brief[0].text and "Due today" in brief[0].text
    await liu.says("my brief")
    assert "Your brief" in liu.last_reply


def _push(office: FakeOffice, urgent: bool, text: str) -> None:
    with unit_of_work(office.app.engine) as session:
        ctx = office.core.job_context(session, office.clock.now())
        person = find_person(session, "刘建国")
        assert isinstance(person, Person)
        (push_urgent if urgent else push_or_hold)(ctx, person, "dg_text", text=text)
    office.deliver()


async def test_urgent_push_in_quiet_hours_and_the_rest_held_until_seven(office: FakeOffice) -> None:
    liu = office.person("刘建国")
    await office.advance(hours=14)  # Monday 23:00
    _push(office, urgent=True, text="急:三号楼火警")
    _push(office, urgent=False, text="周报已收齐")
    assert liu.received("急:三号楼火警")
    assert not liu.received("周报已收齐")
    await office.advance(hours=7, minutes=59)  # 06:59
    assert not liu.received("周报已收齐")
    await office.advance(minutes=1)  # 07:00
    assert len(liu.received("周报已收齐")) == 1


async def test_only_urgent_pushed_and_the_rest_summarised_before_close(office: FakeOffice) -> None:
    liu = office.person("刘建国")
    await liu.says("只有急事单独推给我,其他的每天下班前汇总")
    assert "只有急事单独推送" in liu.last_reply and "17:30" in liu.last_reply
    await office.advance(hours=1)
    _push(office, urgent=False, text="车辆年检已完成")
    _push(office, urgent=True, text="急:上级检查组明早到")
    assert liu.received("急:上级检查组明早到") and not liu.received("车辆年检已完成")
    book(office, "第一会议室", "刘建国", at(24, 9), at(24, 10), "党政联席会")
    await office.advance(hours=7, minutes=30)  # 17:30
    assert liu.received("车辆年检已完成")
    summary = liu.received("今日汇总")
    assert len(summary) == 1 and "党政联席会" in summary[0].text


async def test_quiet_hours_set_in_english(office: FakeOffice) -> None:
    li = office.person("李娜")
    await li.says("quiet hours 11pm to 6am")
    assert "23:00–06:00" in li.last_reply


@pytest.fixture
def planned_office(settings: Settings, tmp_path: Path) -> Iterator[FakeOffice]:
    """The demo office with the weekly plan going to the group 办公室群."""
    digests = {**settings.policy.get("digests", {}), "weekly_plan_chat": "fake:group:办公室群"}
    configured = dataclasses.replace(settings, policy={**settings.policy, "digests": digests})
    office = FakeOffice(configured, MONDAY_MORNING, database_url=f"sqlite:///{tmp_path / 'plan.db'}")
    yield office
    office.app.engine.dispose()


async def test_weekly_plan_posted_on_friday_afternoon(planned_office: FakeOffice) -> None:
    office = planned_office
    book(office, "第一会议室", "刘建国", at(31, 9), at(31, 10, 30), "党政联席会")
    book(office, "301", "张敏", at(33, 15), at(33, 16), "保密培训")
    expect_visit(office, "李处长", "市财政局", "刘建国", at(32, 10), "检查")
    book(office, "小会议室", "张敏", at(26, 10), at(26, 11), "本周的会")
    await _ticks(office, 4 * 24 + 6)  # Friday 15:00
    assert office.groups.get("办公室群", []) == []
    await _ticks(office, 1)  # Friday 16:00
    posted = office.groups["办公室群"]
    assert len(posted) == 1
    text = posted[0].text
    assert text.startswith("《工作安排》11月30日(周一)—12月6日(周日)")
    assert "09:00–10:30 党政联席会 · 第一会议室 · 刘建国" in text
    assert "接待 李处长(市财政局)" in text and "保密培训" in text
    assert "本周的会" not in text and "13800001111" not in text
    assert text.index("党政联席会") < text.index("李处长") < text.index("保密培训")
    await _ticks(office, 3)
    assert len(office.groups["办公室群"]) == 1


async def test_weekly_plan_on_request(office: FakeOffice) -> None:
    zhang = office.person("张敏")
    li = office.person("李娜")
    book(office, "第一会议室", "刘建国", at(31, 9), at(31, 10, 30), "党政联席会")
    await zhang.says("下周工作安排")
    assert "《工作安排》" in zhang.last_reply and "党政联席会" in zhang.last_reply
    await li.says("next week's plan")
    assert "Work plan Mon 30 Nov" in li.last_reply and "President Liu" in li.last_reply
    await li.says("this week's plan")
    assert "Nothing planned" in li.last_reply
