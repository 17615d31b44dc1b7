"""Reminders in conversation: set, fire at the time, snooze, done, recurring, list and cancel."""

from __future__ import annotations

from adapters.fake import FakeOffice


async def test_personal_reminder_snoozed_then_done_zh(office: FakeOffice) -> None:
    wang = office.person("王志强")
    await wang.says("提醒我明天下午三点给刘局长回电话")
    assert "提醒您" in wang.last_reply and "给刘局长回电话" in wang.last_reply
    assert "15:00" in wang.last_reply
    await office.advance(hours=29, minutes=59)
    assert not wang.received("⏰")
    await office.advance(minutes=1)
    assert len(wang.received("⏰ 提醒:给刘局长回电话")) == 1
    assert [b.label for b in wang.last_with_buttons().buttons] == ["10分钟后", "1小时后", "明早9点", "完成"]
    await wang.press("10分钟后")
    assert "再提醒您" in wang.last_reply
    await office.advance(minutes=9)
    assert len(wang.received("⏰")) == 1
    await office.advance(minutes=1)
    assert len(wang.received("⏰")) == 2
    await wang.press("完成")
    assert "已完成" in wang.last_reply
    await office.advance(days=2)
    assert len(wang.received("⏰")) == 2
    await wang.says("我的提醒")
    assert "没有待提醒" in wang.last_reply


async def test_personal_reminder_snoozed_then_done_en(office: FakeOffice) -> None:
    li = office.person("李伟")
    await li.says("remind me in 2 hours to call the printer")
    assert "remind you" in li.last_reply and "call the printer" in li.last_reply
    await office.advance(hours=2)
    assert li.received("Reminder: call the printer")
    await li.press("In 1 hour")
    assert "again" in li.last_reply
    await office.advance(hours=1)
    assert len(li.received("Reminder: call the printer")) == 2
    await li.press("Done")
    assert "Done: call the printer" in li.last_reply
    await li.press("Done")
    assert "Done: call the printer" not in li.last_reply  # a second press changes nothing


async def test_tomorrow_morning_snooze(office: FakeOffice) -> None:
    zhang = office.person("张敏")
    await zhang.says("提醒我今天下午五点交报销单")
    await office.advance(hours=8)
    assert zhang.received("交报销单")
    await zhang.press("明早9点")
    assert "11月24日" in zhang.last_reply and "09:00" in zhang.last_reply
    await office.advance(hours=15, minutes=59)
    assert len(zhang.received("⏰")) == 1
    await office.advance(minutes=1)
    assert len(zhang.received("⏰")) == 2


async def test_weekly_group_reminder_once_a_week_for_three_weeks(office: FakeOffice) -> None:
    wang = office.person("王志强")
    zhang = office.person("张敏")
    await wang.says("每周一早上八点半提醒办公室全体报周工作计划")
    assert "办公室全体" in wang.last_reply and "每周" in wang.last_reply
    await wang.press("确认")
    assert "报周工作计划" in wang.last_reply
    for _ in range(21 * 4):
        await office.advance(hours=6)
    got = zhang.received("报周工作计划")
    assert len(got) == 3
    assert all("王志强提醒您" in m.text for m in got)
    assert len(wang.received("⏰ 提醒:报周工作计划")) == 3


async def test_staff_may_not_remind_a_whole_department(office: FakeOffice) -> None:
    sun = office.person("孙丽")
    await sun.says("每周一早上八点半提醒办公室全体报周工作计划")
    assert "权限" in sun.last_reply


async def test_reminder_for_someone_else_and_the_creator_hears_it_was_done(office: FakeOffice) -> None:
    zhang = office.person("张敏")
    zhou = office.person("周涛")
    await zhang.says("提醒周涛周五下午四点交材料")
    assert "周涛" in zhang.last_reply and "请确认" in zhang.last_reply
    await zhang.says("确认")
    await office.advance(days=4, hours=7)
    assert zhou.received("张敏提醒您:交材料")
    await zhou.press("完成")
    assert zhang.received("周涛已完成您提醒的事:交材料")


async def test_list_and_cancel_reminders(office: FakeOffice) -> None:
    li = office.person("李娜")
    await li.says("remind me tomorrow at 10am to send the report")
    await li.says("remind me on Friday at 3pm to book the bus")
    await li.says("my reminders")
    assert "send the report" in li.last_reply and "book the bus" in li.last_reply
    assert [b.label for b in li.replies[-1].buttons] == ["Cancel 1", "Cancel 2"]
    await li.press("Cancel 2", li.replies[-1])
    assert "cancelled: book the bus" in li.last_reply
    await li.says("cancel reminder about the report")
    assert "cancelled: send the report" in li.last_reply
    await office.advance(days=5)
    assert not li.received("Reminder:")


async def test_cancel_by_number_in_chinese(office: FakeOffice) -> None:
    zhang = office.person("张敏")
    await zhang.says("提醒我明天上午十点交考勤表")
    await zhang.says("取消提醒 1")
    assert "已取消提醒:交考勤表" in zhang.last_reply
    await office.advance(days=2)
    assert not zhang.received("⏰")


async def test_missing_time_is_asked_for(office: FakeOffice) -> None:
    zhang = office.person("张敏")
    await zhang.says("提醒我交党费")
    assert "什么时候" in zhang.last_reply
    await zhang.says("明天下午两点")
    assert "交党费" in zhang.last_reply and "14:00" in zhang.last_reply
