"""A notice with a deadline becomes one tracked assignment per recipient, listed and chased like any other."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from adapters.fake import FakeOffice
from storage.models import Person
from storage.models_tasks import Task
from storage.uow import unit_of_work

SH = ZoneInfo("Asia/Shanghai")
BUDGET = "发通知给财务处、后勤处:月底前报送第四季度预算"


def tasks(office: FakeOffice) -> list[tuple[Task, str, str]]:
    with unit_of_work(office.app.engine) as session:
        out = []
        for t in session.exec(select(Task).order_by(Task.id)):  # type: ignore[arg-type]
            owner, assigner = session.get(Person, t.owner_id), session.get(Person, t.assigner_id)
            out.append((t, owner.name if owner else "", assigner.name if assigner else ""))
        return out


async def test_deadline_notice_creates_assignments_for_the_heads(office: FakeOffice) -> None:
    zhou, wu, sun = office.person("周涛"), office.person("吴刚"), office.person("孙丽")
    zhang = office.person("张敏")
    await zhang.says(BUDGET)
    assert "报送期限:11月30日(周一) 18:00" in zhang.last_reply
    await zhang.press("确认")
    assert "已发出,共 3 人" in zhang.last_reply
    # Departments named as a whole: their heads own the assignments; 孙丽 of 财务处 got the notice only.
    assert "已据此建立督办件 2 件(承办人:周涛、吴刚),期限 11月30日(周一) 18:00" in zhang.last_reply
    assert zhang.last_reply.count("请核对") == 0  # no second read-back
    created = tasks(office)
    assert [(owner, assigner) for _, owner, assigner in created] == [("周涛", "张敏"), ("吴刚", "张敏")]
    for task, _, _ in created:
        assert task.title == "月底前报送第四季度预算" and task.source == "notice"
        assert task.due == datetime(2026, 11, 30, 18, 0, tzinfo=SH) and task.status == "assigned"
    assert len(zhou.received("月底前报送第四季度预算")) == 1  # the notice is their one message
    await zhang.says("现在有哪些督办件")
    assert "月底前报送第四季度预算 · 周涛" in zhang.last_reply and "吴刚" in zhang.last_reply
    await office.advance(days=8)  # Tuesday 1 December 09:00
    await office.advance(minutes=30)  # the day's chase at 09:30
    assert zhou.received("催办:督办事项「月底前报送第四季度预算」已超过截止时间") and wu.received("催办")
    assert not sun.received("催办")


async def test_staff_notice_with_a_deadline_stays_a_notice(office: FakeOffice) -> None:
    office.person("孙丽")
    zhou = office.person("周涛")
    await zhou.says("发通知给孙丽:明天下班前报送报销单")
    await zhou.press("确认")
    assert "督办件" not in zhou.last_reply
    assert tasks(office) == []


async def test_english_deadline_notice_creates_assignments(office: FakeOffice) -> None:
    office.person("李伟")
    office.person("孙丽")
    li_na = office.person("李娜")
    await li_na.says("notify Li Wei and Sun Li: please send your expense claims by Friday")
    await li_na.press(1)
    assert "2 tracked assignment(s) created (owners: Li Wei, Sun Li), due Fri 27 Nov" in li_na.last_reply
    assert [owner for _, owner, _ in tasks(office)] == ["李伟", "孙丽"]
