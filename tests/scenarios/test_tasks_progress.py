"""Progress in chat, "how is X going?", several matches as buttons, urgent pushes and the digest query."""

from __future__ import annotations

from datetime import timedelta

from adapters.fake import FakeOffice, FakePerson
from bot.tasks.progress import overdue_and_at_risk, updates_for_assigner
from storage.uow import unit_of_work


async def assign(assigner: FakePerson, text: str, confirm: str = "确认") -> None:
    """Create one assignment through chat and confirm the read-back."""
    await assigner.says(text)
    await assigner.press(confirm)


async def test_progress_is_recorded_and_status_answered_at_once(office: FakeOffice) -> None:
    liu, zhou, sun = office.person("刘建国"), office.person("周涛"), office.person("孙丽")
    await assign(liu, "督办:请周处长月底前报送预算调整方案")
    await office.advance(days=1)
    await zhou.says("报进度:预算调整方案完成一半,正在和各处室核对")
    assert "完成 50%" in zhou.last_reply
    assert not liu.received("预算调整方案」周涛 报")  # not urgent: it waits for the digest
    await liu.says("预算进展到哪了?")
    assert "完成 50%" in liu.last_reply and "11月24日" in liu.last_reply and "周涛报" in liu.last_reply
    await sun.says("预算进展到哪了?")  # staff not involved: nothing to see
    assert "没有找到" in sun.last_reply

    with unit_of_work(office.app.engine) as session:
        from bot.directory import find_person

        liu_id = find_person(session, "刘建国").id  # type: ignore[union-attr]
        items = updates_for_assigner(session, liu_id or 0, office.clock.now() - timedelta(days=2),
                                      office.clock.now() + timedelta(minutes=1))
    assert [(i.kind, i.percent) for i in items] == [("progress", 50)]


async def test_status_before_any_report_says_so(office: FakeOffice) -> None:
    liu = office.person("刘建国")
    office.person("郑华")
    await assign(liu, "督办:请郑科长12月10日前完成校园网改造")
    await liu.says("校园网改造进展如何?")
    assert "还没有人报过进度" in liu.last_reply and "待签收" in liu.last_reply


async def test_urgent_progress_reaches_the_assigner_at_once(office: FakeOffice) -> None:
    zhang, zheng = office.person("张敏"), office.person("郑华")
    await assign(zhang, "急件督办:请郑科长明天下班前修好机房空调")
    await zheng.says("报进度:机房空调完成百分之八十,预计今天下午修好")
    assert zhang.received("【急件进展】「修好机房空调」郑华 报:完成 80%")


async def test_several_matches_are_offered_as_buttons(office: FakeOffice) -> None:
    wang, zhou = office.person("王志强"), office.person("周涛")
    await assign(wang, "督办:请周处长月底前报送预算调整方案")
    await assign(wang, "督办:请周处长12月15日前报送预算执行情况")
    await zhou.says("报进度:预算完成百分之三十")
    choice = zhou.last_with_buttons()
    assert "2 件事项对得上" in choice.text
    assert {b.label for b in choice.buttons} == {"报送预算调整方案", "报送预算执行情况"}
    await zhou.press("报送预算执行情况", choice)
    assert "「报送预算执行情况」的进度:完成 30%" in zhou.last_reply
    await wang.says("预算执行情况进展到哪了?")
    assert "完成 30%" in wang.last_reply


async def test_progress_in_english_and_bad_percent(office: FakeOffice) -> None:
    li_na, li_wei = office.person("李娜"), office.person("李伟")
    await assign(li_na, "assign Li Wei to finish the roster update by next Friday", confirm="Confirm")
    await li_wei.says("roster update is 40% done")
    assert "Recorded progress on \"finish the roster update\": 40% done" in li_wei.last_reply
    await li_wei.says("报进度:花名册完成百分之一百二十")
    assert "不是 0–100" in li_wei.last_reply or "请说明进度" in li_wei.last_reply  # nothing recorded
    await li_na.says("how is the roster update going?")
    assert "40% done" in li_na.last_reply


async def test_at_risk_when_no_progress_in_the_agreed_interval(office: FakeOffice) -> None:
    wang = office.person("王志强")
    office.person("吴刚")
    await assign(wang, "督办:请吴处长12月31日前完成食堂改造,每周五报进度")
    await office.advance(days=8)
    with unit_of_work(office.app.engine) as session:
        overdue, at_risk = overdue_and_at_risk(session, office.clock.now())
    assert overdue == [] and [t.title for t in at_risk] == ["完成食堂改造"]
