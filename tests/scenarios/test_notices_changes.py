"""Notices: corrections reset confirmations and show the change; cancellations tell everyone; export."""

from __future__ import annotations

from adapters.fake import FakeOffice
from bot.exports import EXPORTERS, ExportRequest
from storage.uow import unit_of_work
from tests.scenarios.test_notices_send import HEADS, link, send_safety_notice


async def test_correction_after_some_confirmed_resets_and_shows_the_change(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)
    await office.person("周涛").press("参加")
    await office.person("郑华").press("收到")
    await zhang.says("通知更正:会议由下午三点推迟到三点半,地点不变")
    readback = zhang.last_reply
    assert "时间:11月24日(周二) 15:00 → 11月24日(周二) 15:30" in readback and "4 人" in readback
    await zhang.press("确认")
    assert "4 人的确认已重置" in zhang.last_reply
    zhou = office.person("周涛").inbox[-1]
    assert "【通知更正】" in zhou.text and "15:00 → 11月24日(周二) 15:30" in zhou.text
    assert "会议由下午三点推迟到三点半,地点不变" in zhou.text
    assert [b.label for b in zhou.buttons] == ["收到", "参加", "请假"]
    await zhang.says("还有谁没确认?")
    assert "未确认 4 人" in zhang.last_reply
    await office.person("周涛").press("参加", zhou)
    assert "您将参加" in office.person("周涛").last_reply


async def test_correction_of_place_from_the_button(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)
    await zhang.press("更正", zhang.replies[-2] if not zhang.replies[-1].buttons else zhang.replies[-1])
    assert "请发更正内容" in zhang.last_reply
    await zhang.says("地点改为第一会议室,时间不变")
    assert "地点:第二会议室 → 第一会议室" in zhang.last_reply
    await zhang.says("确认")
    assert office.person("吴刚").received("地点:第二会议室 → 第一会议室")


async def test_cancellation_in_words_tells_everyone_notified(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)
    await zhang.says("取消明天的会议通知")
    assert "将取消通知《安全生产工作会议》" in zhang.last_reply
    await zhang.says("确认")
    assert "已告知 4 人" in zhang.last_reply
    for name in HEADS:
        assert office.person(name).received("【通知取消】")
    zhou = office.person("周涛")
    await zhou.press("收到", zhou.inbox[-2])
    assert "已经取消" in zhou.last_reply
    await office.advance(hours=3)
    assert not zhou.received("提醒(第"), "a cancelled notice is not chased"


async def test_cancellation_from_the_button_and_only_by_the_sender(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)
    sent = zhang.replies[-1]
    wang = office.person("王志强")
    await wang.press("取消通知", sent)
    assert "只有发出这条通知的人" in wang.last_reply
    await zhang.press("取消通知", sent)
    await zhang.press("确认")
    assert "已取消" in zhang.last_reply
    assert office.person("郑华").received("已取消")


async def test_english_cancellation(office: FakeOffice) -> None:
    link(office, "李伟")
    li_na = office.person("李娜")
    await li_na.says("notify Li Wei: the server room is closed on Friday afternoon")
    await li_na.says("yes")
    await li_na.says("cancel the notice")
    assert "Cancel the notice" in li_na.last_reply
    await li_na.says("yes")
    assert "1 people told" in li_na.last_reply
    assert office.person("李伟").received("[Cancelled]")


async def test_export_lists_recipients_with_their_status(office: FakeOffice) -> None:
    await send_safety_notice(office)
    await office.person("周涛").press("参加")
    with unit_of_work(office.app.engine) as session:
        rows = EXPORTERS["notices"](session, ExportRequest())
        audit = {a["action"] for a in EXPORTERS["audit"](session, ExportRequest())}
    assert rows[0]["title"] == "安全生产工作会议" and rows[0]["sender"] == "张敏"
    assert {"name": "周涛", "status": "attending"} in [{k: r[k] for k in ("name", "status")}
                                                        for r in rows[0]["recipients"]]
    assert {"notice.send", "notice.ack"} <= audit


async def test_group_copy_is_posted_once_with_buttons(office: FakeOffice) -> None:
    link(office, "孙丽")
    zhang = office.person("张敏")
    await zhang.says("大家好", in_group="财务群")  # Mishu has now seen the group
    await zhang.says("发通知给财务群:本周五下午财务系统停机维护")
    assert "财务群" in zhang.last_reply
    await zhang.press("确认")
    copies = office.groups["财务群"]
    notices = [m for m in copies if "财务系统停机维护" in m.text]
    assert len(notices) == 1 and [b.label for b in notices[0].buttons] == ["收到", "请假"]
    sun = office.person("孙丽")
    await sun.press("收到", notices[0])
    assert "已收到" in sun.last_reply
