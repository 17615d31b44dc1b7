"""Notices: 收到/参加/请假 buttons, pressing twice, reasons, "who hasn't confirmed", the sender's summary."""

from __future__ import annotations

from adapters.fake import FakeOffice
from tests.scenarios.test_notices_send import HEADS, link, send_safety_notice


async def test_buttons_record_answers_and_pressing_twice_changes_nothing(office: FakeOffice) -> None:
    await send_safety_notice(office)
    zhou = office.person("周涛")
    notice = zhou.last_with_buttons()
    await zhou.press("参加", notice)
    assert "您将参加《安全生产工作会议》" in zhou.last_reply
    await zhou.press("参加", notice)
    assert "已经回复过「参加」" in zhou.last_reply
    export = office.core  # the audit shows one answer only
    from bot.exports import EXPORTERS, ExportRequest
    from storage.uow import unit_of_work

    with unit_of_work(export.engine) as session:
        audit = [a for a in EXPORTERS["audit"](session, ExportRequest()) if a["action"] == "notice.ack"]
    assert len(audit) == 1


async def test_excused_asks_for_a_reason(office: FakeOffice) -> None:
    await send_safety_notice(office)
    wu = office.person("吴刚")
    await wu.press("请假")
    assert "请假原因" in wu.last_reply
    await wu.says("在外地出差")
    assert "在外地出差" in wu.last_reply
    zhang = office.person("张敏")
    await zhang.says("明天的会还有谁没确认?")
    assert "请假 1 人:吴刚" in zhang.last_reply
    assert "未确认 3 人:王志强、周涛、郑华" in zhang.last_reply


async def test_who_has_not_confirmed_lists_names_per_status(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)
    await office.person("周涛").press("收到")
    await office.person("郑华").press("参加")
    await zhang.says("还有谁没确认?")
    reply = zhang.last_reply
    assert "共 4 人" in reply
    assert "未确认 2 人:王志强、吴刚" in reply
    assert "参加 1 人:郑华" in reply and "已收到 1 人:周涛" in reply


async def test_sender_gets_a_summary_when_everyone_has_answered(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)
    for name in HEADS:
        await office.person(name).press("参加")
    summary = zhang.received("所有人都已回复")
    assert len(summary) == 1 and "参加 4 人" in summary[0].text
    await office.advance(minutes=30)
    assert not any("提醒(第" in m.text for m in office.person("周涛").inbox), "no chasing after everyone answered"


async def test_english_status_and_buttons(office: FakeOffice) -> None:
    link(office, "李伟", "孙丽")
    li_na = office.person("李娜")
    await li_na.says("notify Li Wei and Sun Li: please update your passwords by Friday")
    await li_na.says("yes")
    li_wei = office.person("李伟")
    await li_wei.press("Got it")
    assert "Noted" in li_wei.last_reply
    await li_na.says("who hasn't confirmed?")
    assert "Not confirmed (1): 孙丽" in li_na.last_reply and "Got it (1): 李伟" in li_na.last_reply


async def test_sender_status_button(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)
    await zhang.press("确认情况", zhang.replies[-1])
    assert "未确认 4 人" in zhang.last_reply


async def test_someone_else_cannot_answer_a_notice_not_sent_to_them(office: FakeOffice) -> None:
    await send_safety_notice(office)
    message = office.person("周涛").last_with_buttons()
    sun = office.person("孙丽")
    await sun.press("收到", message)
    assert "不是发给您的" in sun.last_reply
