"""Notices over time: the chase schedule, meeting reminders, the cut-off summary, scheduled and recurring notices."""

from __future__ import annotations

from adapters.fake import FakeOffice
from tests.scenarios.test_notices_send import link, send_safety_notice


def chases(office: FakeOffice, name: str) -> int:
    """How many re-reminders a person has received."""
    return len(office.person(name).received("提醒(第"))


async def test_chase_schedule_reminds_only_the_unconfirmed_then_tells_the_sender(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)  # Monday 09:00
    await office.person("周涛").press("收到")
    await office.advance(minutes=29)
    assert chases(office, "王志强") == 0
    await office.advance(minutes=1)  # 09:30: first chase
    assert chases(office, "王志强") == 1 and chases(office, "吴刚") == 1 and chases(office, "郑华") == 1
    assert chases(office, "周涛") == 0
    assert [b.label for b in office.person("吴刚").inbox[-1].buttons] == ["收到", "参加", "请假"]
    await office.person("郑华").press("参加", office.person("郑华").inbox[-1])
    await office.advance(minutes=30)  # 10:00
    assert (chases(office, "王志强"), chases(office, "吴刚"), chases(office, "郑华")) == (2, 2, 1)
    await office.advance(minutes=30)  # 10:30: the third and last
    assert chases(office, "王志强") == 3 and "第 3 次" in office.person("王志强").last_message
    assert not zhang.received("仍未回复")
    await office.advance(minutes=30)  # 11:00: the sender hears who never answered
    gave_up = zhang.received("仍未回复")
    assert len(gave_up) == 1 and "王志强、吴刚" in gave_up[0].text and "郑华" not in gave_up[0].text
    await office.advance(hours=2)
    assert chases(office, "王志强") == 3 and len(zhang.received("仍未回复")) == 1


async def test_meeting_reminders_day_before_and_half_an_hour_before(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)  # the meeting: Tuesday 15:00
    wu = office.person("吴刚")
    await wu.press("请假")
    await wu.says("出差")
    for name in ("王志强", "周涛", "郑华"):
        await office.person(name).press("参加", office.person(name).last_with_buttons())
    await office.advance(hours=5, minutes=59)
    assert not office.person("周涛").received("会议提醒")
    await office.advance(minutes=1)  # Monday 15:00: the day before
    assert len(office.person("周涛").received("会议提醒")) == 1
    assert not wu.received("会议提醒"), "the excused are not reminded"
    director = office.person("王志强").received("会议提醒")[0].text
    assert "请带好材料:本部门第三季度安全检查情况" in director, "leaders get the documents line"
    assert "请带好材料" not in office.person("周涛").received("会议提醒")[0].text
    await office.advance(hours=23)  # Tuesday 14:00
    assert len(office.person("周涛").received("会议提醒")) == 1
    await office.advance(minutes=30)  # 14:30: half an hour before
    assert len(office.person("周涛").received("会议提醒")) == 2
    await office.advance(minutes=30)  # 15:00 the cut-off: the sender's summary
    assert zhang.received("所有人都已回复") or zhang.received("已到截止时间")


async def test_cut_off_summary_when_not_everyone_answered(office: FakeOffice) -> None:
    zhang = await send_safety_notice(office)
    await office.person("周涛").press("参加")
    await office.advance(days=1, hours=6)  # past Tuesday 15:00
    summary = zhang.received("已到截止时间")
    assert len(summary) == 1 and "参加 1 人:周涛" in summary[0].text and "未确认 3 人" in summary[0].text


async def test_scheduled_notice_goes_out_at_its_time(office: FakeOffice) -> None:
    link(office, "孙丽")
    zhang = office.person("张敏")
    await zhang.says("明天早上八点发通知给孙丽:请带好身份证到人事处办理年审")
    assert "定时发送:11月24日(周二) 08:00" in zhang.last_reply
    await zhang.press("确认")
    assert "将于 11月24日(周二) 08:00 发出" in zhang.last_reply
    sun = office.person("孙丽")
    await office.advance(hours=22, minutes=59)
    assert not sun.received("身份证")
    await office.advance(minutes=1)
    assert sun.received("请带好身份证到人事处办理年审")
    assert zhang.received("已发出,共 1 人")


async def test_recurring_notice_every_monday(office: FakeOffice, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from bot.understanding.commands import ParsedCommand

    text = "每周一早上八点半通知办公室全体人员:报本周工作安排"
    # The parser reads this as unknown (reported); the service is checked with the command it should give.
    command = ParsedCommand(text=text, lang="zh-Hans", intent="notice.send", slots={
        "start": "2026-11-30T08:30:00+08:00", "rrule": "FREQ=WEEKLY;BYDAY=MO", "audience": ["办公室全体人员"],
        "title": "报本周工作安排", "content": "报本周工作安排"})
    real_parse = office.core.parse
    monkeypatch.setattr(office.core, "parse", lambda ctx, t: command if t == text else real_parse(ctx, t))
    link(office, "刘建国", "王志强", "李娜", "陈静")
    zhang = office.person("张敏")
    await zhang.says(text)
    assert "FREQ=WEEKLY;BYDAY=MO" in zhang.last_reply and "4 人" in zhang.last_reply
    await zhang.press("确认")
    assert "下一次 11月30日(周一) 08:30" in zhang.last_reply
    await office.advance(days=6, hours=23, minutes=29)
    assert not office.person("陈静").received("【通知】报本周工作安排")
    await office.advance(minutes=1)  # Monday 30 Nov 08:30
    assert len(office.person("陈静").received("【通知】报本周工作安排")) == 1
    assert len(office.person("李娜").received("[notice] 报本周工作安排")) == 1
    await office.advance(days=7)  # Monday 7 Dec 08:30
    assert len(office.person("陈静").received("【通知】报本周工作安排")) == 2


async def test_chase_interval_never_below_five_minutes(settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from bot.notices.policy import notice_policy

    fast = replace(settings, policy={**settings.policy, "notices": {"chase_interval_minutes": 1, "max_chases": 2}})
    policy = notice_policy(fast)
    assert policy.chase_interval_minutes == 5 and policy.max_chases == 2
    assert notice_policy(replace(settings, policy={})).chase_interval_minutes == 30
