"""Extension, transfer, lists, the escalation chain, tone policy, the supervision report and export."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import select

from adapters.fake import FakeOffice, FakePerson
from bot.config import Settings
from bot.exports import EXPORTERS, ExportRequest
from bot.tasks.report import supervision_report
from storage.models_tasks import Task, TaskUpdate
from storage.uow import unit_of_work
from tests.conftest import MONDAY_MORNING


async def assign(assigner: FakePerson, text: str, confirm: str = "确认") -> None:
    """Create one assignment through chat and confirm the read-back."""
    await assigner.says(text)
    await assigner.press(confirm)


def _task(office: FakeOffice, task_id: int = 1) -> Task:
    with unit_of_work(office.app.engine) as session:
        task = session.get(Task, task_id)
        assert task is not None
        return task


async def test_extension_declined_keeps_the_deadline_and_only_the_assigner_decides(office: FakeOffice) -> None:
    liu, zhou, zhang = office.person("刘建国"), office.person("周涛"), office.person("张敏")
    await assign(liu, "督办:请周处长月底前报送预算调整方案")
    await zhou.says("申请延期:预算调整方案延到12月10日")
    request = liu.last_with_buttons()
    assert [b.label for b in request.buttons] == ["同意延期", "不同意"]
    await zhang.press("同意延期", request)  # a secretary may not approve
    assert "只有交办人或办公室主任" in zhang.last_reply
    await liu.press("不同意", request)
    assert zhou.received("没有同意「报送预算调整方案」的延期,截止时间仍为 11月30日")
    assert _task(office).due.astimezone(MONDAY_MORNING.tzinfo).day == 30
    await liu.press("同意延期", request)  # a second press changes nothing
    assert "已经处理过" in liu.last_reply
    assert _task(office).due.astimezone(MONDAY_MORNING.tzinfo).day == 30


async def test_extension_to_an_earlier_date_is_refused(office: FakeOffice) -> None:
    liu, zhou = office.person("刘建国"), office.person("周涛")
    await assign(liu, "督办:请周处长月底前报送预算调整方案")
    await zhou.says("申请延期:预算调整方案延到11月25日")
    assert "要晚于现在的截止时间" in zhou.last_reply


async def test_transfer_keeps_history_and_tells_everyone(office: FakeOffice) -> None:
    wang, zhou, wu = office.person("王志强"), office.person("周涛"), office.person("吴刚")
    await assign(wang, "督办:请周处长月底前完成食堂改造方案")
    await zhou.says("报进度:食堂改造完成百分之十")
    await zhou.says("转办:食堂改造转给吴处长")
    assert "已把「完成食堂改造方案」转办给 吴刚" in zhou.last_reply
    assert wu.received("【督办 #1】")[-1].buttons
    assert wang.received("已由 周涛 转办给 吴刚")
    task = _task(office)
    assert task.owner_id != task.assigner_id and task.status == "assigned"
    with unit_of_work(office.app.engine) as session:
        kinds = [u.kind for u in session.exec(select(TaskUpdate).where(TaskUpdate.task_id == 1))]
    assert kinds == ["progress", "transfer"]
    await wang.says("食堂改造进展到哪了?")
    assert "吴刚" in wang.last_reply and "完成 10%" in wang.last_reply


async def test_only_assigner_director_or_owner_may_transfer(office: FakeOffice) -> None:
    liu, sun = office.person("刘建国"), office.person("孙丽")
    office.person("周涛")
    await assign(liu, "督办:请周处长月底前报送预算调整方案")
    await sun.says("转办:预算调整方案转给吴处长")
    assert "没有找到" in sun.last_reply or "不能做这件事" in sun.last_reply


async def test_lists_overdue_by_department_mine_and_assigned_by_me(office: FakeOffice) -> None:
    wang, zhou, wu, zheng = (office.person(n) for n in ("王志强", "周涛", "吴刚", "郑华"))
    await assign(wang, "督办:请周处长11月25日前报送预算调整方案")
    await assign(wang, "督办:请吴处长11月26日前完成食堂改造")
    await assign(wang, "督办:请郑科长12月10日前完成校园网改造")
    await office.advance(days=4)  # Friday 27th
    await wang.says("现在有哪些督办件逾期了?按部门列")
    text = wang.last_reply
    assert "逾期督办事项共 2 件" in text and "【财务处】1 件" in text and "【后勤处】1 件" in text
    assert "逾期 2 天" in text and "校园网" not in text
    await zheng.says("我手上还有哪些没办完的")
    assert "完成校园网改造" in zheng.last_reply and "食堂" not in zheng.last_reply
    await wang.says("我交办的事项有哪些?")
    assert "共 3 件" in wang.last_reply
    await wu.says("本周到期的督办有哪些?")
    assert "目前没有本周到期的督办事项" in wu.last_reply
    await zhou.says("现在有哪些督办件逾期了?")  # staff see only their own
    assert "报送预算调整方案" in zhou.last_reply and "食堂" not in zhou.last_reply


async def test_english_lists(office: FakeOffice) -> None:
    li_na, li_wei = office.person("李娜"), office.person("李伟")
    await assign(li_na, "assign Li Wei to finish the roster update by Wednesday", confirm="Confirm")
    await li_wei.says("what do I still have open?")
    assert "1 open assignments" in li_wei.last_reply and "finish the roster update" in li_wei.last_reply
    await office.advance(days=3)
    await li_wei.says("what's overdue in my department?")
    assert "overdue assignments" in li_wei.last_reply and "day(s) overdue" in li_wei.last_reply


def _gentle(settings: Settings, **tasks: object) -> Settings:
    policy = dict(settings.policy)
    policy["tasks"] = {**dict(settings.policy.get("tasks", {})), **tasks}
    return dataclasses.replace(settings, policy=policy)


async def test_escalation_climbs_one_level_at_a_time_with_the_gentle_tone(settings: Settings, tmp_path: Path) -> None:
    office = FakeOffice(_gentle(settings, chase_tone="gentle", leaders_in_charge={"财务处": "刘建国"}),
                        MONDAY_MORNING, database_url=f"sqlite:///{tmp_path / 'gentle.db'}")
    zhang, zhou, wang, liu = (office.person(n) for n in ("张敏", "周涛", "王志强", "刘建国"))
    await office.advance(minutes=30)
    await assign(zhang, "督办:请周处长11月24日前报送预算调整方案")
    await office.advance(days=1)  # Tuesday: due today
    await office.advance(days=1)  # Wednesday: chase 1 (gentle)
    assert zhou.received("您好,督办事项「报送预算调整方案」已过截止时间")
    await office.advance(days=1)  # Thursday: chase 2
    assert zhou.received("再次提醒")
    await office.advance(days=1)  # Friday: escalated to the director only
    assert wang.received("【督办上报】") and not liu.received("【督办上报】")
    await office.advance(days=3)  # Monday: chase 3
    assert zhou.received("第 3 次催办")
    await office.advance(days=1)  # Tuesday: chase 4
    assert not liu.received("【督办上报】")
    await office.advance(days=1)  # Wednesday: the leader in charge
    assert liu.received("【督办上报】「报送预算调整方案」")
    assert _task(office).escalation_level == 2
    office.app.engine.dispose()


async def test_progress_answers_the_chase_and_resets_the_count(office: FakeOffice) -> None:
    zhang, zhou, wang = office.person("张敏"), office.person("周涛"), office.person("王志强")
    await office.advance(minutes=30)
    await assign(zhang, "督办:请周处长11月24日前报送预算调整方案")
    for _ in range(3):
        await office.advance(days=1)  # Wednesday chase 1, Thursday chase 2
    await zhou.says("报进度:预算调整方案完成百分之九十")
    await office.advance(days=1)  # Friday: chased again, not escalated
    assert not wang.received("【督办上报】")
    assert _task(office).chase_count == 3 and _task(office).unanswered_chases == 1


async def test_supervision_report_and_export(office: FakeOffice) -> None:
    wang, zhou, wu = office.person("王志强"), office.person("周涛"), office.person("吴刚")
    await assign(wang, "督办:请周处长11月24日前报送预算调整方案")
    await assign(wang, "督办:请吴处长11月25日前完成食堂改造")
    await wu.says("食堂改造办结了")
    await wang.press("确认办结", wang.last_with_buttons())
    await office.advance(days=3)
    with unit_of_work(office.app.engine) as session:
        now = office.clock.now()
        rep = supervision_report(session, now, now - timedelta(days=7), now, MONDAY_MORNING.tzinfo)  # type: ignore[arg-type]
        rows = EXPORTERS["tasks"](session, ExportRequest())
    assert rep.due_count == 2 and rep.closed_count == 1 and rep.completion_rate == 0.5
    assert [(g.department, g.count, g.worst_days) for g in rep.overdue_by_department] == [("财务处", 1, 2)]
    assert [i.title for i in rep.closed_in_period] == ["完成食堂改造"]
    assert set(rows[0]) >= {"id", "title", "assignee", "assigner", "due", "status", "chases"}
    assert datetime.fromisoformat(rows[0]["due"]).tzinfo is not None
    await wang.says("本周督办通报")
    assert "完成率 50%" in wang.last_reply and "财务处:1 件,最长逾期 2 天" in wang.last_reply
    await zhou.says("本周督办通报")
    assert "不能做这件事" in zhou.last_reply


async def test_lists_report_and_chasing_on_any_database(any_office: FakeOffice) -> None:
    office = any_office
    wang, zhou = office.person("王志强"), office.person("周涛")
    await office.advance(minutes=30)
    await assign(wang, "督办:请周处长牵头、后勤处配合,11月24日前报送预算调整方案")
    for _ in range(3):
        await office.advance(days=1)
    assert zhou.received("第二次催办")
    await wang.says("现在有哪些督办件逾期了?按部门列")
    assert "【财务处】1 件" in wang.last_reply
    await wang.says("本周督办通报")
    assert "完成率 0%" in wang.last_reply
