"""Intents and slots of whole messages: PRODUCT.md's examples and paraphrases in both languages."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.understanding.commands import ParsedCommand, RoomFact, parse_command

TZ = ZoneInfo("Asia/Shanghai")
# Wednesday 2026-03-04 14:20, the reference of the dev corpus.
NOW = datetime(2026, 3, 4, 14, 20, tzinfo=TZ)
DEMO_ROOMS = (
    RoomFact("第一会议室", ("三楼会议室",), "行政楼三楼", 3, 10),
    RoomFact("第二会议室", ("大会议室",), "行政楼二楼", 2, 40),
    RoomFact("301", (), "", 3, 8),
    RoomFact("小会议室", (), "", None, 6),
)


def at(day: int, hour: int = 0, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def parse(text: str) -> ParsedCommand:
    return parse_command(text, NOW, rooms=DEMO_ROOMS)


def check(parsed: ParsedCommand, intent: str, slots: dict[str, Any]) -> None:
    assert parsed.intent == intent, (parsed.text, parsed.intent, parsed.slots)
    for name, want in slots.items():
        got = parsed.slots.get(name)
        if isinstance(want, str) and not isinstance(got, datetime):
            assert got is not None and want.lower() in str(got).lower(), (parsed.text, name, got)
        elif isinstance(want, list):
            assert got == want, (parsed.text, name, got)
        else:
            assert got == want, (parsed.text, name, got)


ROOMS: list[tuple[str, str, dict[str, Any]]] = [
    ("帮我订下周三下午两点到四点的第二会议室,院长办公会,十二个人左右", "room.book",
     {"room": "第二会议室", "start": at(11, 14), "end": at(11, 16), "attendees": 12, "title": "院长办公会"}),
    ("麻烦预定一下后天下午2点到3点半的大会议室,部门例会,大概15人", "room.book",
     {"room": "大会议室", "start": at(6, 14), "end": at(6, 15, 30), "attendees": 15, "title": "部门例会"}),
    ("明早九点半用一下三楼会议室,一个小时", "room.book",
     {"room": "三楼会议室", "start": at(5, 9, 30), "end": at(5, 10, 30)}),
    ("下周一上午十点借用301会议室两个小时", "room.book", {"room": "301", "start": at(9, 10), "end": at(9, 12)}),
    ("預訂後天上午十點的小會議室,一個半小時", "room.book",
     {"room": "小會議室", "start": at(6, 10), "end": at(6, 11, 30)}),
    ("每周二上午十点到十一点订301开科务会", "room.book",
     {"room": "301", "start": at(10, 10), "rrule": "FREQ=WEEKLY;BYDAY=TU", "title": "科务会"}),
    ("book room 301 tomorrow 3-4pm for the budget review", "room.book",
     {"room": "301", "start": at(5, 15), "end": at(5, 16), "title": "budget review"}),
    ("can I book the boardroom on Monday 2-3pm?", "room.book", {"room": "boardroom", "start": at(9, 14)}),
    ("reserve the small room tomorrow at 10 for 45 minutes", "room.book",
     {"room": "small room", "start": at(5, 10), "end": at(5, 10, 45)}),
    ("后天上午哪个会议室空着?要能坐二十人", "room.free", {"start": at(6, 9), "end": at(6, 12), "attendees": 20}),
    ("明天下午有没有空的会议室?二十个人", "room.free", {"start": at(5, 14), "end": at(5, 18), "attendees": 20}),
    ("any rooms available next Wednesday morning for 20 people?", "room.free",
     {"start": at(11, 9), "end": at(11, 12), "attendees": 20}),
    ("is the big room free on Friday afternoon?", "room.free", {"start": at(6, 14), "end": at(6, 18)}),
    ("取消我28号订的会议室", "room.cancel", {"start": at(28)}),
    ("帮我把后天的会议室取消", "room.cancel", {"start": at(6)}),
    ("cancel my booking on Thursday", "room.cancel", {"start": at(5)}),
    ("把明天下午三点那个会改到四点", "room.move", {"start": at(5, 15), "new_start": at(5, 16)}),
    ("把周四上午十点的会挪到周五下午两点", "room.move", {"start": at(5, 10), "new_start": at(6, 14)}),
    ("明天下午三点那个会提前到两点半", "room.move", {"start": at(5, 15), "new_start": at(5, 14, 30)}),
    ("第一会议室明天的使用情况", "room.schedule", {"room": "第一会议室", "start": at(5)}),
    ("what's on in the boardroom tomorrow?", "room.schedule", {"room": "boardroom", "start": at(5)}),
    ("我订了哪些会议室", "room.mine", {}),
    ("show my bookings", "room.mine", {}),
]

NOTICES: list[tuple[str, str, dict[str, Any]]] = [
    ("发会议通知:明天下午三点在第二会议室召开安全生产工作会议,各科室负责人参加,请带本部门第三季度安全检查情况",
     "notice.send", {"start": at(5, 15), "room": "第二会议室", "audience": ["各科室负责人"],
                     "materials": "第三季度安全检查情况", "title": "安全生产工作会议"}),
    ("下发通知:下周三上午九点在三楼会议室召开党风廉政建设会议,请各部门主任参加,携带年度工作总结",
     "notice.send", {"start": at(11, 9), "room": "三楼会议室", "audience": ["各部门主任"], "materials": "年度工作总结"}),
    ("通知全体职工:周五下午四点在一楼大厅开消防演练动员会", "notice.send",
     {"start": at(6, 16), "audience": ["全体职工"], "place": "一楼大厅", "title": "消防演练动员会"}),
    ("notify the finance team: the audit meeting moves to 10am Thursday, room 2", "notice.send",
     {"audience": ["finance team"], "start": at(5, 10), "room": "room 2"}),
    ("send a notice to all staff: fire drill on Friday at 3pm in the main lobby", "notice.send",
     {"audience": ["all staff"], "start": at(6, 15), "place": "main lobby", "title": "fire drill"}),
    ("明天的会还有谁没确认?", "notice.status", {"notice": "明天的会"}),
    ("明天培训的通知,还有哪些人没回复", "notice.status", {}),
    ("who hasn't confirmed the budget meeting yet?", "notice.status", {"notice": "budget meeting"}),
    ("提醒我下午五点给财务处打电话", "reminder.set", {"audience": ["me"], "start": at(4, 17), "title": "给财务处打电话"}),
    ("明天早上八点提醒我带身份证", "reminder.set", {"audience": ["me"], "start": at(5, 8), "title": "带身份证"}),
    ("每周一早上八点半提醒办公室全体人员报本周工作安排", "reminder.set",
     {"audience": ["办公室全体人员"], "start": at(9, 8, 30), "rrule": "FREQ=WEEKLY;BYDAY=MO", "title": "报本周工作安排"}),
    ("remind Li Wei tomorrow at 9am to submit the report", "reminder.set",
     {"audience": ["Li Wei"], "start": at(5, 9), "title": "submit the report"}),
    ("set a reminder for next Monday 10am: call the landlord", "reminder.set", {"title": "call the landlord"}),
]

TASKS: list[tuple[str, str, dict[str, Any]]] = [
    ("督办:请王处长牵头、财务处配合,月底前拿出食堂改造方案,每周五报进度", "task.assign",
     {"assignee": "王处长", "cooperators": ["财务处"], "title": "食堂改造方案", "due": at(31, 18),
      "rrule": "FREQ=WEEKLY;BYDAY=FR"}),
    ("督办:由信息科郑科长负责,本周五前完成机房巡检,急", "task.assign",
     {"assignee": "郑科长", "title": "机房巡检", "due": at(6, 18), "priority": "急"}),
    ("请财务处于3月20日前提交一季度预算执行情况", "task.assign",
     {"assignee": "财务处", "title": "预算执行情况", "due": at(20, 18)}),
    ("assign Li Wei to draft the visitor policy by next Friday", "task.assign",
     {"assignee": "Li Wei", "title": "draft the visitor policy", "due": at(13, 18)}),
    ("ask Sun Li to prepare the meeting minutes by tomorrow EOD", "task.assign",
     {"assignee": "Sun Li", "title": "meeting minutes", "due": at(5, 18)}),
    ("报进度:校园网改造完成百分之七十,预计下周二完工", "task.progress",
     {"task": "校园网改造", "percent": 70, "eta": at(10, 18)}),
    ("机房巡检完成了80%", "task.progress", {"task": "机房巡检", "percent": 80}),
    ("进度:食堂改造已完成一半,预计月底完工", "task.progress", {"task": "食堂改造", "percent": 50}),
    ("update: the visitor policy draft is 60% complete, expected by Friday", "task.progress",
     {"task": "visitor policy draft", "percent": 60, "eta": at(6, 18)}),
    ("这件办结了,给刘院长反馈一下", "task.done", {"task": "这件"}),
    ("机房巡检已经办结,结果已报郑科长", "task.done", {"task": "机房巡检", "result": "结果已报郑科长"}),
    ("the duty roster update is done", "task.done", {"task": "duty roster update"}),
    ("申请延期:调研报告原定15号,请求延到25号", "task.extend", {"task": "调研报告", "due": at(25, 18)}),
    ("调研报告能否延期到下周五,因为数据还没收齐", "task.extend",
     {"task": "调研报告", "due": at(13, 18), "reason": "数据还没收齐"}),
    ("request an extension on the budget report until next Wednesday because the data is late", "task.extend",
     {"task": "budget report", "due": at(11, 18), "reason": "data is late"}),
    ("现在有哪些督办件逾期了?按部门列", "task.list", {"filter": "overdue", "group_by": "department"}),
    ("what's overdue in my department?", "task.list", {"filter": "overdue"}),
    ("我还有哪些督办件没完成", "task.list", {"filter": "mine"}),
    ("本周到期的督办事项有哪些", "task.list", {"filter": "due"}),
    ("show me all overdue tasks by department", "task.list", {"filter": "overdue", "group_by": "department"}),
    ("what do I still have open?", "task.list", {"filter": "mine"}),
    ("消防整改进展到哪了?", "task.status", {"task": "消防整改"}),
    ("办公楼改造方案现在怎么样了", "task.status", {"task": "办公楼改造方案"}),
    ("how is the canteen renovation going?", "task.status", {"task": "canteen renovation"}),
    ("any update on the visitor policy?", "task.status", {"task": "visitor policy"}),
]

VISITORS: list[tuple[str, str, dict[str, Any]]] = [
    ("登记来访:张大爷,城东村,反映修路占地补偿没到位,电话13800001111,找征拆办", "visitor.register",
     {"visitor": "张大爷", "org": "城东村", "purpose": "补偿", "phone": "13800001111", "host": "征拆办"}),
    ("来访登记:李先生,电话0571-88886666,咨询社保政策,找吴处长", "visitor.register",
     {"visitor": "李先生", "phone": "0571-88886666", "purpose": "社保政策", "host": "吴处长"}),
    ("明天上午十点省公司两位领导来访找王总", "visitor.register",
     {"start": at(5, 10), "org": "省公司", "visitor": "两位领导", "host": "王总"}),
    ("下午三点有两位市教育局的同志来访,找刘院长汇报工作", "visitor.register",
     {"start": at(4, 15), "org": "市教育局", "host": "刘院长", "purpose": "汇报工作"}),
    ("visitor at 2pm tomorrow: Ms. Chen from Acme, meeting Director Zhou about the lease", "visitor.register",
     {"visitor": "Chen", "org": "Acme", "host": "Director Zhou", "purpose": "lease", "start": at(5, 14)}),
    ("a guest from Huawei, Mr. Wang, will come at 10am tomorrow to see President Liu", "visitor.register",
     {"org": "Huawei", "visitor": "Mr. Wang", "host": "President Liu", "start": at(5, 10)}),
    ("今天的来访登记发我", "visitor.list", {"start": at(4)}),
    ("明天有哪些访客", "visitor.list", {"start": at(5)}),
    ("who's visiting tomorrow?", "visitor.list", {"start": at(5)}),
]

OTHER: list[tuple[str, str, dict[str, Any]]] = [
    ("帮助", "help", {}),
    ("你能做什么", "help", {}),
    ("what can you do?", "help", {}),
    ("今晚吃什么", "unknown", {}),
    ("今天天气不错", "unknown", {}),
]


@pytest.mark.parametrize(("text", "intent", "slots"), ROOMS + NOTICES + TASKS + VISITORS + OTHER)
def test_intent_and_slots(text: str, intent: str, slots: dict[str, Any]) -> None:
    check(parse(text), intent, slots)


def test_booking_names_what_is_missing() -> None:
    parsed = parse("我想订个会议室,明天下午三点,开项目评审会")
    assert parsed.intent == "room.book"
    assert "room" in parsed.missing and "end" in parsed.missing
    assert parsed.slots["title"] == "项目评审会"


def test_recurring_booking_until_year_end() -> None:
    parsed = parse("每周一上午九点到十点半党政联席会,固定用第一会议室,一直到年底")
    check(parsed, "room.book", {"room": "第一会议室", "start": at(9, 9), "end": at(9, 10, 30), "title": "党政联席会"})
    assert "FREQ=WEEKLY" in parsed.slots["rrule"] and "UNTIL=2026123" in parsed.slots["rrule"]
    assert parsed.slots["until"].date().isoformat() == "2026-12-31"


def test_room_contradiction_is_flagged_but_aliases_are_not() -> None:
    assert "room_contradiction" in parse("订明天下午三点的三楼第二会议室").warnings
    assert "room_contradiction" in parse("明天下午三点订2楼第一会议室,十人").warnings
    assert "room_contradiction" not in parse("订明天下午三点的三楼会议室").warnings
    assert "room_contradiction" not in parse("订明天下午三点的二楼第二会议室").warnings


def test_without_directory_the_room_is_the_words_written() -> None:
    parsed = parse_command("订明天下午三点的三楼第二会议室", NOW)
    assert parsed.slots["room"] == "三楼第二会议室" and parsed.warnings == []


def test_classified_content_is_flagged() -> None:
    assert "classified" in parse("通知:下周一下午三点在第二会议室召开涉密工作会议").warnings
    assert "classified" in parse("这份机密文件请转给王主任").warnings
    assert "classified" not in parse("此件不涉密,请转给王主任").warnings
    assert "classified" not in parse("the report is unclassified").warnings


def test_past_time_warning_passes_through() -> None:
    parsed = parse("订下午两点的第一会议室")
    assert parsed.intent == "room.book"
    assert "past_time_moved" in parsed.warnings


def test_traditional_chinese_keeps_written_words() -> None:
    parsed = parse("請幫我訂明天下午兩點的第二會議室,一小時")
    check(parsed, "room.book", {"room": "第二會議室", "start": at(5, 14), "end": at(5, 15)})
    assert parsed.lang == "zh-Hant"


def test_odd_input_is_unknown_not_an_error() -> None:
    for text in ["", " ", "?!", "😀😀", "\x00\x1b[31m", "'; DROP TABLE people; --"]:
        assert parse(text).intent in ("unknown", "help")
