"""Notices, reminders and rooms: the send time, audiences, deadlines and room numbers that were misread."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.test_commands import at, check, parse

SCHEDULED: list[tuple[str, str, dict[str, Any]]] = [
    ("每周一早上八点半通知办公室全体人员:报本周工作安排", "notice.send",
     {"send_at": at(9, 8, 30), "rrule": "FREQ=WEEKLY;BYDAY=MO", "audience": ["办公室全体人员"], "content": "报本周工作安排"}),
    ("每周五下午四点通知各科室:报送本周工作小结", "notice.send",
     {"send_at": at(6, 16), "rrule": "FREQ=WEEKLY;BYDAY=FR", "audience": ["各科室"]}),
    ("每周一早上八点半提醒办公室全体人员报本周工作安排", "reminder.set",
     {"start": at(9, 8, 30), "rrule": "FREQ=WEEKLY;BYDAY=MO", "audience": ["办公室全体人员"]}),
    ("提醒我明天发通知给各科室", "reminder.set", {"audience": ["me"], "title": "发通知给各科室"}),
    ("明天早上八点发通知给孙丽:明天下班前报送报销单", "notice.send",
     {"send_at": at(5, 8), "audience": ["孙丽"], "due": at(5, 18)}),
    ("明天上午十点发个通知给财务处和人事处:月底前报送年度预算", "notice.send",
     {"send_at": at(5, 10), "audience": ["财务处", "人事处"], "due": at(31, 18)}),
    ("下周一上午九点给全体职工发通知:周五下午开消防演练", "notice.send",
     {"send_at": at(9, 9), "audience": ["全体职工"]}),
    ("tomorrow at 8am send a notice to Sun Li: submit the expense report by EOD", "notice.send",
     {"send_at": at(5, 8), "audience": ["Sun Li"]}),
]


@pytest.mark.parametrize(("text", "intent", "slots"), SCHEDULED)
def test_a_time_before_the_verb_is_when_to_send(text: str, intent: str, slots: dict[str, Any]) -> None:
    parsed = parse(text)
    check(parsed, intent, slots)
    if "send_at" in slots:
        assert parsed.slots.get("start") != slots["send_at"]


AUDIENCE_AND_DUE: list[tuple[str, dict[str, Any]]] = [
    ("发通知:请周涛、赵六、孙丽明天下班前报送报销单", {"audience": ["周涛", "赵六", "孙丽"], "due": at(5, 18)}),
    ("发通知:请王芳、李强和赵六本周五前提交述职报告", {"audience": ["王芳", "李强", "赵六"], "due": at(6, 18)}),
    ("发通知给孙丽:明天下班前报送报销单", {"audience": ["孙丽"], "due": at(5, 18)}),
    ("发通知给孙丽:后天下班前交材料", {"audience": ["孙丽"], "due": at(6, 18)}),
    ("发通知给财务处:月底前报送第四季度预算", {"audience": ["财务处"], "due": at(31, 18)}),
    ("发通知给人事处:月底前上报第一季度考勤", {"audience": ["人事处"], "due": at(31, 18)}),
    ("通知全体职工:本周五前提交本周工作安排", {"audience": ["全体职工"], "due": at(6, 18)}),
    ("发通知给各部门:下周五前报送本年度工作总结", {"audience": ["各部门"], "due": at(13, 18)}),
]


@pytest.mark.parametrize(("text", "slots"), AUDIENCE_AND_DUE)
def test_audience_and_deadline_of_a_notice(text: str, slots: dict[str, Any]) -> None:
    parsed = parse(text)
    check(parsed, "notice.send", slots)
    assert "start" not in parsed.slots, parsed.slots  # 第四季度预算, 本周工作安排: content, not a meeting time


@pytest.mark.parametrize("text", ["还有谁没确认?", "都有谁没回复?", "还有哪些人没确认", "who hasn't confirmed yet?"])
def test_status_without_a_notice_named(text: str) -> None:
    parsed = parse(text)
    assert parsed.intent == "notice.status" and "notice" not in parsed.slots, parsed.slots


def test_status_keeps_a_named_notice() -> None:
    check(parse("明天的会还有谁没确认?"), "notice.status", {"notice": "明天的会"})


@pytest.mark.parametrize(("text", "title"), [
    ("提醒我明天上午十点订车", "订车"), ("提醒我周五下午预约体检", "预约体检"),
    ("明天早上九点提醒我订会议室", "订会议室"), ("提醒王主任下午三点借投影仪", "借投影仪"),
    ("明天下午开会前提醒我", "开会"), ("remind me tomorrow at 10am to book a car", "book a car"),
])
def test_reminder_title_keeps_its_verb(text: str, title: str) -> None:
    parsed = parse(text)
    assert parsed.intent == "reminder.set" and parsed.slots.get("title") == title, parsed.slots


@pytest.mark.parametrize(("text", "until"), [
    ("every other Wednesday 2-3pm book room 301 until end of January", "2027-01-31"),
    ("book room 301 every Monday 9-10am until June 30", "2026-06-30"),
    ("每周一上午九点到十点订第一会议室,直到六月底", "2026-06-30"),
    ("每周三下午两点到三点订301,到5月31日为止", "2026-05-31"),
])
def test_recurring_booking_until(text: str, until: str) -> None:
    parsed = parse(text)
    assert parsed.intent == "room.book"
    assert parsed.slots["until"].date().isoformat() == until
    assert "UNTIL=" + until.replace("-", "") in parsed.slots["rrule"]


@pytest.mark.parametrize(("text", "room", "start"), [
    ("订明天上午十点到十一点的2号", "2号", at(5, 10)),
    ("帮我预约后天下午两点到三点半的5号,项目评审会", "5号", at(6, 14)),
    ("订明天下午3:00-4:00的3号", "3号", at(5, 15)),
    ("订明天上午十点到十一点的2号会议室", "2号会议室", at(5, 10)),
])
def test_number_after_a_time_is_a_room(text: str, room: str, start: Any) -> None:
    check(parse(text), "room.book", {"room": room, "start": start})
