"""Urgent pushes and quiet hours across capabilities, the Slack App Home, reception's morning list, Friday posts."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from adapters.fake import FakeOffice
from bot.config import Settings
from bot.home import home_lines
from tests.conftest import MONDAY_MORNING
from tests.scenarios.digest_helpers import assign, book, expect_visit

SH = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """An instant in late November / early December 2026 (day 31+ is December)."""
    month, d = (11, day) if day <= 30 else (12, day - 30)
    return datetime(2026, month, d, hour, minute, tzinfo=SH)


async def test_urgent_overdue_assignment_is_pushed_at_once_even_at_23h(office: FakeOffice) -> None:
    liu, wu = office.person("刘建国"), office.person("吴刚")
    assign(office, "防汛物资清点", "刘建国", "吴刚", at(23, 22, 30), priority="urgent", department="后勤处")
    assign(office, "车辆年检材料", "刘建国", "吴刚", at(23, 22, 30), department="后勤处")
    await office.advance(hours=13, minutes=15)  # 22:15: not yet due
    assert not liu.received("急件逾期")
    await office.advance(minutes=45)  # 23:00, in quiet hours
    pushed = liu.received("【急件逾期】")
    assert len(pushed) == 1 and "「防汛物资清点」(吴刚 牵头)已过期限 11月23日(周一) 22:30" in pushed[0].text
    assert not liu.received("车辆年检材料")  # not urgent: the brief and the chase deal with it
    assert not wu.received("催办")  # the owner's chase comes at the morning chase time, not at night
    for _ in range(4):
        await office.advance(hours=3)
    assert len(liu.received("【急件逾期】")) == 1  # once per deadline
    assert wu.received("催办")


async def test_non_urgent_done_report_to_a_leader_waits_until_seven(office: FakeOffice) -> None:
    liu, wu = office.person("刘建国"), office.person("吴刚")
    assign(office, "消防整改方案", "刘建国", "吴刚", at(27, 18), department="后勤处")
    await office.advance(hours=14)  # Monday 23:00
    await wu.says("消防整改方案办结了")
    assert "已向 刘建国 报告「消防整改方案」办结" in wu.last_reply
    assert not liu.received("消防整改方案")
    await office.advance(hours=7, minutes=59)  # 06:59
    assert not liu.received("消防整改方案")
    await office.advance(minutes=1)  # 07:00, quiet hours over
    assert len(liu.received("报告「消防整改方案」已办结")) == 1


async def test_urgent_progress_is_pushed_to_the_assigner_at_night(office: FakeOffice) -> None:
    liu, wu = office.person("刘建国"), office.person("吴刚")
    assign(office, "消防整改方案", "刘建国", "吴刚", at(27, 18), priority="urgent", department="后勤处")
    await office.advance(hours=14)
    await wu.says("报进度:消防整改方案完成百分之七十,预计周四完工")
    assert liu.received("【急件进展】「消防整改方案」吴刚 报:完成 70%")


async def test_late_urgent_room_request_reaches_the_approver_at_once_at_night(office: FakeOffice) -> None:
    wang, sun = office.person("王志强"), office.person("孙丽")
    await office.advance(days=4, hours=14)  # Friday 23:00: past the cut-off, in quiet hours
    await sun.says("订下周一上午十点到十一点的301")
    await sun.press("确认")
    assert "需要审批" in sun.last_reply
    assert wang.received("孙丽 申请 301")


@pytest.fixture
def mic_office(settings: Settings, tmp_path: Path) -> Iterator[FakeOffice]:
    office = FakeOffice(settings, MONDAY_MORNING.replace(hour=23), database_url=f"sqlite:///{tmp_path / 'mic.db'}")
    yield office
    office.app.engine.dispose()


async def test_non_urgent_room_approval_waits_for_the_end_of_quiet_hours(mic_office: FakeOffice) -> None:
    office = mic_office
    wang, sun = office.person("王志强"), office.person("孙丽")
    await sun.says("订明天下午三点到四点的301,要用话筒")
    await sun.press("确认")
    assert "需要审批" in sun.last_reply
    assert not wang.received("孙丽 申请 301")
    await office.advance(hours=8)  # Tuesday 07:00
    assert wang.received("孙丽 申请 301")


async def test_home_shows_bookings_notices_and_assignments(office: FakeOffice) -> None:
    zhou, zhang = office.person("周涛"), office.person("张敏")
    book(office, "301", "周涛", at(23, 15), at(23, 16), "预算碰头会")
    book(office, "301", "周涛", at(24, 15), at(24, 16), "明天的会")
    assign(office, "预算调整方案", "刘建国", "周涛", at(30, 18), department="财务处")
    await zhang.says("发通知给周涛:请查收新版报销制度")
    await zhang.press("确认")
    lines = home_lines(office.app.engine, zhou.user, office.clock.now(), "zh-Hans")
    text = "\n".join(lines)
    assert lines[0] == "周涛,您今天的安排"
    assert "· 15:00–16:00 301「预算碰头会」" in text and "明天的会" not in text
    assert "待您确认的通知(1)" in text and "《请查收新版报销制度》(发送人:张敏)" in text
    assert "您的督办件(1)" in text and "预算调整方案,截止 11月30日(周一) 18:00" in text
    await zhou.press("收到")
    assert "待您确认" not in "\n".join(home_lines(office.app.engine, zhou.user, office.clock.now(), "zh-Hans"))


async def test_home_for_reception_lists_todays_visitors_in_english(office: FakeOffice) -> None:
    from bot.directory import find_person
    from storage.uow import unit_of_work

    chen, liu = office.person("陈静"), office.person("刘建国")
    with unit_of_work(office.app.engine) as session:
        person = find_person(session, "陈静")
        assert person is not None
        person.language = "en"
        session.add(person)
    expect_visit(office, "Ms. Chen", "Acme", "刘建国", at(23, 14), "the lease")
    expect_visit(office, "Mr. Li", "Acme", "刘建国", at(24, 14), "tomorrow")
    text = "\n".join(home_lines(office.app.engine, chen.user, office.clock.now(), "zh-Hans"))
    assert "Visitors expected today (1):" in text and "14:00 Ms. Chen (Acme)" in text
    assert "13800001111" in text and "Mr. Li" not in text  # reception may see the phone in full
    zhou = office.person("周涛")
    assert "Ms. Chen" not in "\n".join(home_lines(office.app.engine, zhou.user, office.clock.now(), "zh-Hans"))
    assert "Ms. Chen" in "\n".join(home_lines(office.app.engine, liu.user, office.clock.now(), "zh-Hans"))


async def test_reception_gets_the_days_expected_visitors_at_half_past_eight_once(office: FakeOffice) -> None:
    chen = office.person("陈静")
    expect_visit(office, "陈总", "省公司", "刘建国", at(24, 10), "公务来访")
    await office.advance(hours=23, minutes=29)  # Tuesday 08:29
    assert not chen.received("今日预约来访")
    await office.advance(minutes=1)  # 08:30
    lists = chen.received("今日预约来访")
    assert len(lists) == 1 and "10:00 陈总(省公司),电话 13800001111 找 刘建国" in lists[0].text
    for _ in range(3):
        await office.advance(hours=1)
    assert len(chen.received("今日预约来访")) == 1
    assert not office.person("刘建国").received("今日预约来访")


def _configured(settings: Settings, plan_chat: str) -> Settings:
    policy: dict[str, Any] = dict(settings.policy)
    policy["booking"] = {**policy.get("booking", {}), "weekly_schedule_chat": "办公室群"}
    policy["digests"] = {**policy.get("digests", {}), "weekly_plan_chat": plan_chat}
    return dataclasses.replace(settings, policy=policy)


@pytest.mark.parametrize("plan_chat, posts", [("fake:group:办公室群", 1), ("fake:group:领导群", 2)])
async def test_friday_posts_are_not_doubled_in_one_group(settings: Settings, tmp_path: Path, plan_chat: str,
                                                         posts: int) -> None:
    office = FakeOffice(_configured(settings, plan_chat), MONDAY_MORNING, database_url=f"sqlite:///{tmp_path / 'w.db'}")
    try:
        zhang = office.person("张敏")
        await zhang.says("我的会议室预订", in_group="办公室群")  # Mishu learns the group
        book(office, "301", "张敏", at(31, 10), at(31, 11), "科务会")
        await office.advance(days=4, hours=7)  # Friday 16:00
        await office.advance(hours=1)
        office_group = [m.text for m in office.groups["办公室群"] if "科务会" in m.text]
        assert len(office_group) == 1
        everywhere = [m.text for msgs in office.groups.values() for m in msgs if "科务会" in m.text]
        assert len(everywhere) == posts
        if posts == 1:
            assert office_group[0].startswith("《工作安排》")
    finally:
        office.app.engine.dispose()
