"""Visitors (来访接待) in Chinese: register, host answers, check-in, routing, repeats, lists, privacy."""

from __future__ import annotations

from sqlmodel import select

from adapters.fake import FakeOffice
from storage.models import AuditLog
from storage.models_visitors import Visit
from storage.uow import unit_of_work

ZHANG = "登记来访:张大爷,城东村,反映修路占地补偿没到位,电话13800001111,找后勤处"


def visits(office: FakeOffice) -> list[Visit]:
    with unit_of_work(office.app.engine) as session:
        return list(session.exec(select(Visit).order_by(Visit.id)))  # type: ignore[arg-type]


def audit_actions(office: FakeOffice) -> list[str]:
    with unit_of_work(office.app.engine) as session:
        return [row.action for row in session.exec(select(AuditLog))]


async def test_register_in_one_message_tells_the_host(office: FakeOffice) -> None:
    chen = office.person("陈静")
    wu = office.person("吴刚")
    await chen.says(ZHANG)
    assert "已登记来访" in chen.last_reply
    assert "13800001111" in chen.last_reply  # reception may see it
    assert "反映问题" in chen.last_reply and "首问负责人:陈静" in chen.last_reply
    assert wu.received("13800001111"), "the host sees the full phone"
    [visit] = visits(office)
    assert (visit.visitor, visit.org, visit.category, visit.status) == ("张大爷", "城东村", "反映问题", "arrived")
    assert "visit.register" in audit_actions(office)


async def test_unknown_host_and_missing_name_are_asked(office: FakeOffice) -> None:
    chen, wu = office.person("陈静"), office.person("吴刚")
    await chen.says("登记来访:张大爷,城东村,反映修路占地补偿没到位,电话13800001111,找征拆办")
    assert "征拆办" in chen.last_reply and "要找谁" in chen.last_reply
    await chen.says("后勤处")
    assert "已登记来访" in chen.last_reply
    assert wu.received("张大爷")


async def test_a_staff_member_sees_the_phone_masked(office: FakeOffice) -> None:
    sun, wu = office.person("孙丽"), office.person("吴刚")
    await sun.says(ZHANG)
    assert "138****1111" in sun.last_reply and "13800001111" not in sun.last_reply
    assert wu.received("13800001111")


async def test_registration_in_a_group_is_masked_there_and_detailed_privately(office: FakeOffice) -> None:
    chen = office.person("陈静")
    await chen.says(ZHANG, in_group="办公室群")
    group_texts = [m.text for m in office.groups["办公室群"]]
    assert group_texts and all("13800001111" not in t and "张大爷" not in t for t in group_texts)
    assert any("138****1111" in t for t in group_texts)
    assert chen.received("13800001111"), "details go privately to the registrant"


async def test_expected_visit_host_accepts_then_check_in(office: FakeOffice) -> None:
    chen = office.person("陈静")
    wang = office.person("王志强")
    await chen.says("明天上午十点省公司两位领导来访找王总")
    assert "预约来访" in chen.last_reply
    assert wang.last_with_buttons().text.startswith("陈静 为你登记了预约来访")
    await wang.press("接受")
    assert "已接受" in wang.last_reply
    assert chen.received("王志强 同意接待")
    await chen.says("明天有哪些来访")
    assert "两位领导" in chen.last_reply and "已同意接待" in chen.last_reply
    await office.advance(days=1)
    await chen.says("两位领导到了")
    assert "已签到" in chen.last_reply
    assert wang.received("你的来访人已到达")
    await chen.says("两位领导走了")
    assert "已登记离开" in chen.last_reply
    assert visits(office)[0].status == "left"


async def test_host_declines(office: FakeOffice) -> None:
    chen = office.person("陈静")
    zhou = office.person("周涛")
    await chen.says("登记来访:明天下午三点,李先生,宏达公司,电话13912345678,找财务处,咨询报销")
    await zhou.press("婉拒")
    assert "已婉拒" in zhou.last_reply
    assert chen.received("婉拒了来访")
    assert visits(office)[0].status == "declined"
    assert "visit.decline" in audit_actions(office)


async def test_host_proposes_another_time(office: FakeOffice) -> None:
    chen = office.person("陈静")
    zhou = office.person("周涛")
    await chen.says("登记来访:明天下午三点,李先生,宏达公司,电话13912345678,找财务处,咨询报销")
    await zhou.press("另约时间")
    await zhou.says("后天上午十点")
    assert "改约到" in zhou.last_reply
    assert chen.received("建议把来访")
    visit = visits(office)[0]
    assert visit.status == "accepted" and visit.start_at is not None and visit.start_at.day == 25


async def test_answered_on_the_spot_closes_at_once(office: FakeOffice) -> None:
    chen = office.person("陈静")
    await chen.says(ZHANG)
    await chen.says("当场答复:已解释补偿政策")
    assert "已当场答复并办结" in chen.last_reply
    await chen.says("张大爷的事答复了吗?")
    assert "已答复并办结" in chen.last_reply and "已解释补偿政策" in chen.last_reply


async def test_referral_is_chased_past_its_deadline_and_closed_with_the_outcome(office: FakeOffice) -> None:
    chen, wu, wang = office.person("陈静"), office.person("吴刚"), office.person("王志强")
    await chen.says(ZHANG.replace("找后勤处", "找王主任"))
    await chen.says("转后勤处办理,三个工作日内答复")
    assert "已转 后勤处 办理" in chen.last_reply and "11月26日" in chen.last_reply
    assert wu.received("来访转办")
    assert wu.received("138****1111") and not wu.received("13800001111")  # not the host: masked
    await office.advance(days=3)
    assert not wu.received("催办")
    await office.advance(days=1)  # Friday: past Thursday 18:00
    assert wu.received("催办(第 1 次)")
    await chen.says("来访人答复了吗?")
    assert "已逾期" in chen.last_reply and "尚未答复" in chen.last_reply
    await office.advance(days=3)  # Monday 09:00, then Tuesday
    await office.advance(days=1)
    assert wu.received("催办(第 3 次)")
    assert wang.received("来访转办逾期")
    await wu.press("已答复")
    await wu.says("已协调,补偿款下周到位")
    assert "已办结" in wu.last_reply
    assert chen.received("补偿款下周到位")
    assert visits(office)[0].status == "closed"
    assert {"visit.refer", "visit.chase", "visit.close"} <= set(audit_actions(office))


async def test_repeat_visitor_is_linked_and_the_director_told_at_the_third_visit(office: FakeOffice) -> None:
    chen, wang = office.person("陈静"), office.person("王志强")
    await chen.says(ZHANG)
    await chen.says("当场答复")
    await office.advance(days=1)
    await chen.says(ZHANG)
    assert "第 2 次来访" in chen.last_reply
    assert not wang.received("重复来访提醒")
    await chen.says("当场答复")
    await office.advance(days=1)
    await chen.says("登记来访:张大爷,城东村,又来反映修路占地补偿,电话13800001111,找后勤处")
    assert wang.received("重复来访提醒")
    first, second, third = visits(office)
    assert second.previous_visit_id == first.id and third.previous_visit_id == second.id
    assert third.matter_id == first.id


async def test_lists_and_monthly_summary_mask_for_leaders(office: FakeOffice) -> None:
    chen, liu = office.person("陈静"), office.person("刘建国")
    await chen.says(ZHANG)
    await chen.says("登记来访:王女士,咨询公积金,电话13600002222,找财务处")
    await chen.says("今天有哪些来访")
    assert "共 2 人" in chen.last_reply and "13800001111" in chen.last_reply
    await liu.says("今天有哪些来访")
    assert "138****1111" in liu.last_reply and "13800001111" not in liu.last_reply
    await liu.says("本月来访登记汇总")
    assert "共 2 人次" in liu.last_reply
    assert "反映问题 1" in liu.last_reply and "咨询 1" in liu.last_reply
    assert "后勤处 1" in liu.last_reply and "财务处 1" in liu.last_reply
    await office.person("孙丽").says("本月来访登记汇总")
    assert "共 2 人次" not in office.person("孙丽").last_reply


async def test_retention_job_anonymises_old_visits(office: FakeOffice) -> None:
    chen = office.person("陈静")
    await chen.says(ZHANG)
    await office.advance(days=179)
    assert visits(office)[0].anonymised_at is None
    await office.advance(days=2)
    visit = visits(office)[0]
    assert visit.anonymised_at is not None and visit.phone == "" and visit.visitor != "张大爷"
    with unit_of_work(office.app.engine) as session:
        rows = list(session.exec(select(AuditLog).where(AuditLog.action == "visit.anonymise")))
    assert len(rows) == 1 and rows[0].detail and rows[0].detail["count"] == 1
