"""Families of messages the capability engineers saw misread, with paraphrases in both languages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from tests.unit.test_commands import TZ, at, check, parse


def last(day: int) -> datetime:
    """The last second of a day of March 2026 (the end of a listed week or month)."""
    return datetime(2026, 3, day, 23, 59, 59, tzinfo=TZ)


def _absent(text: str, *names: str) -> None:
    parsed = parse(text)
    for name in names:
        assert name not in parsed.slots, (text, name, parsed.slots.get(name))


# The verb decides the intent, not a topic noun (visitor policy, 访客系统).
DONE_OVER_TOPIC: list[tuple[str, str, dict[str, Any]]] = [
    ("the visitor policy is done", "task.done", {"task": "visitor policy"}),
    ("visitor policy draft is done", "task.done", {"task": "visitor policy draft"}),
    ("The visitor registration form has been completed", "task.done", {"task": "visitor registration form"}),
    ("the guest wifi setup is finished", "task.done", {"task": "guest wifi setup"}),
    ("来访管理制度已经办结", "task.done", {"task": "来访管理制度"}),
    ("访客系统升级完成了", "task.done", {"task": "访客系统升级"}),
    ("来访接待方案已完成,已报办公室", "task.done", {"task": "来访接待方案", "result": "已报办公室"}),
]


@pytest.mark.parametrize(("text", "intent", "slots"), DONE_OVER_TOPIC)
def test_done_verb_beats_topic_nouns(text: str, intent: str, slots: dict[str, Any]) -> None:
    check(parse(text), intent, slots)


@pytest.mark.parametrize("text", ["has the visitor been answered?", "did the visitor from Acme get a reply?",
                                  "张大爷的来访回复了吗?", "is the visitor policy done?"])
def test_questions_about_visits_register_nobody(text: str) -> None:
    assert parse(text).intent not in ("visitor.register", "task.done")


VISITOR_LISTS: list[tuple[str, dict[str, Any]]] = [
    ("who visited today?", {"start": at(4)}),
    ("who came in this morning?", {"start": at(4, 9)}),
    ("今天谁来访了", {"start": at(4)}),
    ("明天有访客吗", {"start": at(5)}),
    ("monthly visitor summary", {"start": at(1), "end": last(31)}),
    ("本月来访登记汇总", {"start": at(1), "end": last(31)}),
    ("3月份的来访统计", {"start": at(1), "end": last(31)}),
    ("weekly visitor report", {"start": at(2), "end": last(8)}),
    ("本周访客名单发我", {"start": at(2), "end": last(8)}),
    ("下周有没有来访预约", {"start": at(9), "end": last(15)}),
]


@pytest.mark.parametrize(("text", "slots"), VISITOR_LISTS)
def test_visitor_lists_and_whole_periods(text: str, slots: dict[str, Any]) -> None:
    parsed = parse(text)
    check(parsed, "visitor.list", slots)
    assert "rrule" not in parsed.slots


ASSIGN: list[tuple[str, dict[str, Any]]] = [
    ("督办:月底前完成消防整改", {"title": "消防整改", "due": at(31, 18)}),
    ("督办:下周五前拿出年会方案", {"title": "年会方案", "due": at(13, 18)}),
    ("督办:请于月底前完成消防整改", {"title": "消防整改"}),
    ("督办:消防整改月底前完成", {"title": "消防整改"}),
    ("assign: finish the fire safety fixes by Friday", {"title": "fire safety fixes", "due": at(6, 18)}),
]


@pytest.mark.parametrize(("text", "slots"), ASSIGN)
def test_no_person_named_means_no_assignee(text: str, slots: dict[str, Any]) -> None:
    parsed = parse(text)
    check(parsed, "task.assign", slots)
    assert "assignee" not in parsed.slots and "assignee" in parsed.missing


ROLES: list[tuple[str, dict[str, Any]]] = [
    ("督办:请周处长、后勤处配合,月底前完成消防整改", {"cooperators": ["周处长", "后勤处"], "title": "消防整改"}),
    ("督办:请周处长牵头,后勤处、保卫处配合,月底前完成消防整改",
     {"assignee": "周处长", "cooperators": ["后勤处", "保卫处"], "title": "消防整改"}),
    ("交办:办公室主办,财务处协办,下周五前拿出年会方案",
     {"assignee": "办公室", "cooperators": ["财务处"], "title": "年会方案", "due": at(13, 18)}),
    ("督办:请王处长负责、人事处会办,本周五前报送考核方案", {"assignee": "王处长", "cooperators": ["人事处"]}),
    ("督办:财务处月底前提交预算", {"assignee": "财务处", "title": "预算"}),
    ("交办:办公室小李明天下班前把会议纪要整理好", {"assignee": "小李", "due": at(5, 18)}),
]


@pytest.mark.parametrize(("text", "slots"), ROLES)
def test_lead_and_cooperating_roles(text: str, slots: dict[str, Any]) -> None:
    parsed = parse(text)
    check(parsed, "task.assign", slots)
    if "assignee" not in slots:
        assert "assignee" not in parsed.slots


def test_numbered_items_each_keep_their_slots() -> None:
    parsed = parse("督办:一、请周处长牵头,月底前完成消防整改;二、请后勤处3月20日前完成食堂改造方案;三、请财务处配合做好预算")
    check(parsed, "task.assign", {"assignee": "周处长", "title": "消防整改", "due": at(31, 18)})
    items = parsed.slots["items"]
    assert [i.get("assignee") for i in items] == ["周处长", "后勤处", None]
    assert items[1]["due"] == at(20, 18) and "食堂改造方案" in items[1]["title"]
    assert items[2]["cooperators"] == ["财务处"] and "预算" in items[2]["title"]


@pytest.mark.parametrize("text", [
    "督办:1. 请周处长牵头,月底前完成消防整改;2. 后勤处下周五前报送食堂改造方案,急",
    "交办事项:(1)周处长负责消防整改,月底前完成;(2)后勤处下周五前报送食堂改造方案,急",
])
def test_numbered_items_in_other_styles(text: str) -> None:
    items = parse(text).slots["items"]
    assert len(items) == 2 and items[0]["assignee"] == "周处长" and items[0]["due"] == at(31, 18)
    assert items[1]["assignee"] == "后勤处" and items[1]["due"] == at(13, 18) and items[1]["priority"] == "急"


def test_numbered_items_in_english() -> None:
    parsed = parse("task: 1. ask Li Wei to draft the visitor policy by Friday 2. ask Sun Li to book the venue by Monday")
    items = parsed.slots["items"]
    assert [i["assignee"] for i in items] == ["Li Wei", "Sun Li"]
    assert items[0]["due"] == at(6, 18) and items[1]["due"] == at(9, 18)
    assert parsed.slots["assignee"] == "Li Wei" and parsed.slots["title"] == "draft the visitor policy"


def test_a_single_assignment_has_no_items() -> None:
    assert "items" not in parse("督办:请王处长牵头、财务处配合,月底前拿出食堂改造方案,每周五报进度").slots


EXTEND: list[tuple[str, dict[str, Any]]] = [
    ("extension: visitor policy to December 18, waiting for legal review",
     {"task": "visitor policy", "due": at(18, 18, month=12), "reason": "waiting for legal review"}),
    ("extension request: budget report until next Wednesday, still waiting for the auditors",
     {"task": "budget report", "due": at(11, 18), "reason": "waiting for the auditors"}),
    ("deadline extension for the canteen plan to March 20 - supplier quote not in yet",
     {"task": "canteen plan", "due": at(20, 18), "reason": "supplier quote"}),
    ("申请延期:调研报告原定15号,请求延到25号,需要等消防部门验收",
     {"task": "调研报告", "due": at(25, 18), "reason": "等消防部门验收"}),
    ("延期申请:食堂改造方案原定月底,申请延到4月15日,设备还没到货",
     {"task": "食堂改造方案", "due": at(15, 18, month=4), "reason": "设备还没到货"}),
    ("调研报告想延期到下周五,需要补充数据,请批准", {"task": "调研报告", "due": at(13, 18), "reason": "补充数据"}),
]


@pytest.mark.parametrize(("text", "slots"), EXTEND)
def test_extension_gives_task_due_and_reason(text: str, slots: dict[str, Any]) -> None:
    check(parse(text), "task.extend", slots)


def test_a_closing_politeness_is_no_reason() -> None:
    _absent("申请延期:调研报告原定15号,请求延到25号,请批准", "reason")


@pytest.mark.parametrize(("text", "percent"), [
    ("报进度:消防整改完成百分之一百二十", 120), ("进度:消防整改完成了120%", 120),
    ("progress update: fire drill plan is 120% done", 120),
])
def test_percent_over_a_hundred_is_kept(text: str, percent: int) -> None:
    check(parse(text), "task.progress", {"percent": percent})


@pytest.mark.parametrize(("text", "note"), [
    ("报进度:校园网改造完成百分之七十,预计下周二完工", None),
    ("进度:食堂改造已完成一半,预计月底完工", None),
    ("progress update: the visitor policy draft is 60% complete, expected by Friday", None),
    ("报进度:消防整改完成百分之六十,预计下周二完工,目前在等材料", "目前在等材料"),
    ("报进度:预算调整方案完成一半,正在和各处室核对", "正在和各处室核对"),
])
def test_progress_note_leaves_out_the_expected_finish(text: str, note: str | None) -> None:
    parsed = parse(text)
    assert parsed.intent == "task.progress" and parsed.slots.get("note") == note, parsed.slots
    if "预计" in text or "expected" in text:
        assert "eta" in parsed.slots
