"""The whole life of an assignment, day by day, in Chinese and in English."""

from __future__ import annotations

from sqlmodel import select

from adapters.fake import FakeOffice
from bot.exports import EXPORTERS, ExportRequest
from storage.models import AuditLog
from storage.models_tasks import Task, TaskUpdate
from storage.uow import unit_of_work


def _task(office: FakeOffice) -> Task:
    with unit_of_work(office.app.engine) as session:
        return session.exec(select(Task).order_by(Task.id.desc())).first()  # type: ignore[union-attr]


def _kinds(office: FakeOffice, task_id: int) -> list[str]:
    with unit_of_work(office.app.engine) as session:
        return [u.kind for u in session.exec(select(TaskUpdate).where(TaskUpdate.task_id == task_id)
                                             .order_by(TaskUpdate.id))]


async def test_assignment_life_in_chinese(office: FakeOffice) -> None:
    liu, zhou, wu, wang = (office.person(n) for n in ("刘建国", "周涛", "吴刚", "王志强"))
    await office.advance(minutes=30)  # Monday 09:30, the office's chase time

    # Monday: created from one message, read back, saved on confirmation.
    await liu.says("督办:请周处长牵头、后勤处配合,本周五前完成消防整改方案,每周三报进度")
    assert "完成消防整改方案" in liu.last_reply and "周涛" in liu.last_reply and "后勤处" in liu.last_reply
    assert "11月27日" in liu.last_reply and "确认" in liu.last_reply
    assert _task(office) is None  # nothing saved before the read-back is confirmed
    await liu.press("确认")
    assert "已登记 1 件督办事项" in liu.last_reply
    assignment = zhou.received("【督办 #")[-1]
    assert "刘建国" in assignment.text and [b.label for b in assignment.buttons] == ["签收", "有疑问"]
    assert wu.received("请您配合办理")
    await zhou.press("签收", assignment)
    assert "已签收" in zhou.last_reply
    task = _task(office)
    assert task.status == "accepted"

    # Tuesday: three days before the deadline.
    await office.advance(days=1)
    assert zhou.received("还有 3 天到期")

    # Wednesday: the agreed progress day; progress reported in chat; anyone entitled asks.
    await office.advance(days=1)
    assert zhou.received("请报一下「完成消防整改方案」的进度")
    await zhou.says("报进度:消防整改方案完成百分之七十,预计下周二完工")
    assert "完成 70%" in zhou.last_reply
    await liu.says("消防整改进展到哪了?")
    assert "完成 70%" in liu.last_reply and "周涛报" in liu.last_reply and "11月25日" in liu.last_reply

    # Thursday: one day before; Friday: the morning of the day.
    await office.advance(days=1)
    assert zhou.received("还有 1 天到期")
    await office.advance(days=1)
    assert zhou.received("今天到期")

    # The weekend: overdue, but no chasing on days off.
    await office.advance(days=2)
    assert not zhou.received("催办")

    # Monday and Tuesday: chased, firmer the second time.
    await office.advance(days=1)
    assert zhou.received("催办:督办事项「完成消防整改方案」已超过截止时间")
    await office.advance(days=1)
    assert zhou.received("第二次催办")
    assert not wang.received("【督办上报】")

    # Wednesday: two chases unanswered → one level up, to the office director (not the leader yet).
    await office.advance(days=1)
    assert wang.received("【督办上报】「完成消防整改方案」")
    assert not liu.received("【督办上报】")
    assert zhou.received("已按规定报 王志强")
    assert _task(office).escalation_level == 1

    # An extension request; the deadline moves only when the assigner approves.
    await zhou.says("申请延期:消防整改方案延到12月11日,需要等消防部门验收")
    assert "批准前截止时间不变" in zhou.last_reply
    assert _task(office).due.day == 27
    request = liu.last_with_buttons()
    assert "12月11日" in request.text
    await liu.press("同意延期", request)
    assert _task(office).due.astimezone(office.clock.now().tzinfo).day == 11
    assert zhou.received("同意了「完成消防整改方案」的延期")
    before = len(zhou.inbox)
    await office.advance(days=1)
    assert not [m for m in zhou.inbox[before:] if "催办" in m.text]  # not overdue any more: no third chase

    # Done → sent back with a comment → done again → accepted and closed.
    await zhou.says("消防整改方案办结了,已报消防部门备案")
    assert "等待确认" in zhou.last_reply
    await liu.press("退回", liu.last_with_buttons())
    await liu.says("请补充验收记录")
    assert zhou.received("退回了「完成消防整改方案」:请补充验收记录")
    assert _task(office).status == "accepted"
    await zhou.says("消防整改方案办结了,验收记录已补充")
    await liu.press("确认办结", liu.last_with_buttons())
    assert "已确认办结" in liu.last_reply
    assert zhou.received("已确认「完成消防整改方案」办结")
    assert _task(office).status == "closed"

    # Friday 16:00: the weekly supervision report to the configured leaders.
    await office.advance(days=1, hours=7)
    report = liu.received("督办周通报")
    assert report and "完成率" in report[-1].text and wang.received("督办周通报")

    kinds = _kinds(office, task.id or 0)
    assert kinds.count("chase") == 2 and kinds.count("escalation") == 1
    for kind in ("accept", "progress", "extension_request", "done", "send_back"):
        assert kind in kinds
    with unit_of_work(office.app.engine) as session:
        rows = EXPORTERS["tasks"](session, ExportRequest())
        actions = {a.action for a in session.exec(select(AuditLog))}
    assert rows[0]["chases"] == 2 and rows[0]["status"] == "closed" and rows[0]["assignee"] == "周涛"
    assert {"task.create", "task.chase", "task.escalation", "task.extension_approved", "task.send_back"} <= actions


async def test_assignment_life_in_english(office: FakeOffice) -> None:
    li_na, li_wei, wang, liu = (office.person(n) for n in ("李娜", "李伟", "王志强", "刘建国"))
    await office.advance(minutes=30)
    await li_na.says("assign Li Wei to draft the visitor policy by next Friday, progress every Wednesday")
    assert "draft the visitor policy" in li_na.last_reply and "Li Wei" in li_na.last_reply
    await li_na.press("Confirm")
    assert "Created 1 assignment" in li_na.last_reply
    await li_wei.press("Accept", li_wei.received("[Assignment #")[-1])
    assert "Accepted" in li_wei.last_reply

    await office.advance(days=2)  # Wednesday: progress prompt
    assert li_wei.received("Time for a progress report")
    await li_wei.says("visitor policy is 40% done, should finish next Tuesday")
    assert "40% done" in li_wei.last_reply
    await li_na.says("how is the visitor policy going?")
    assert "40% done" in li_na.last_reply and "Li Wei" in li_na.last_reply and "Wed 25 Nov" in li_na.last_reply

    await office.advance(days=6)  # Tuesday 1 Dec: three days before Friday 4 Dec
    assert li_wei.received("due in 3 day(s)")
    await office.advance(days=3)  # Friday: the day itself
    assert li_wei.received("due today")
    await office.advance(days=3)  # Monday 7 Dec: first chase
    assert li_wei.received("Chase: \"draft the visitor policy\" is past its deadline")
    await office.advance(days=1)
    assert li_wei.received("Second chase")
    await office.advance(days=1)
    assert wang.received("【督办上报】")  # the director reads Chinese
    assert li_wei.received("has been escalated to Director Wang")

    await li_wei.says("I need an extension on the visitor policy to December 18, waiting for legal review")
    assert "stays until approved" in li_wei.last_reply
    await li_na.press("Approve", li_na.last_with_buttons())
    assert li_wei.received("approved the extension")
    await li_wei.says("done: visitor policy")  # "the visitor policy is done" reads as visitor.register
    assert "waiting for acceptance" in li_wei.last_reply
    await li_na.press("Accept as done", li_na.last_with_buttons())
    assert "is closed" in li_na.last_reply
    assert li_wei.received("accepted \"draft the visitor policy\" as done")
    assert _task(office).status == "closed" and _task(office).chase_count == 2
    assert not liu.received("【督办上报】")
