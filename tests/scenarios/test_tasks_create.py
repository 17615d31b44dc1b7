"""Creating assignments: several items per message, asking for what is missing, permissions, bad input."""

from __future__ import annotations

from sqlmodel import select

from adapters.fake import FakeOffice
from bot.context import Context
from bot.tasks.create import split_items
from bot.tasks.store import similarity
from storage.models_tasks import Task
from storage.uow import unit_of_work


def _tasks(office: FakeOffice) -> list[Task]:
    with unit_of_work(office.app.engine) as session:
        return list(session.exec(select(Task).order_by(Task.id)))


def test_numbered_items_are_split() -> None:
    head, items = split_items("督办:一、请周处长月底前报送预算;二、请吴处长下周五前完成食堂改造;三、请郑科长12月10日前完成校园网改造")
    assert head == "督办" and len(items) == 3 and items[1] == "请吴处长下周五前完成食堂改造"
    assert split_items("督办:请周处长月底前报送预算")[1] == []


def test_titles_match_loosely() -> None:
    assert similarity("消防整改", "完成消防整改方案") > 0.7
    assert similarity("the roster update", "roster update") > 0.9
    assert similarity("食堂", "完成消防整改方案") == 0


async def test_several_items_in_one_message_create_several_assignments(office: FakeOffice) -> None:
    wang, zhou, wu, zheng = (office.person(n) for n in ("王志强", "周涛", "吴刚", "郑华"))
    await wang.says("督办:一、请周处长月底前报送预算调整方案;二、请吴处长下周五前完成食堂改造;三、请郑科长12月10日前完成校园网改造")
    assert "即将登记 3 件督办事项" in wang.last_reply
    assert "周涛" in wang.last_reply and "吴刚" in wang.last_reply and "郑华" in wang.last_reply
    await wang.press("确认")
    tasks = _tasks(office)
    assert [t.owner_id for t in tasks] and len(tasks) == 3
    assert [t.due.astimezone(office.clock.now().tzinfo).day for t in tasks] == [30, 4, 10]
    for person in (zhou, wu, zheng):
        assert person.received("【督办 #")


async def test_urgent_priority_and_source_are_kept(office: FakeOffice) -> None:
    zhang = office.person("张敏")
    await zhang.says("急件督办:请郑科长明天下班前修好机房空调")
    assert "急件" in zhang.last_reply
    await zhang.press("确认")
    task = _tasks(office)[0]
    assert task.priority == "urgent" and task.status == "assigned"


async def test_missing_owner_is_asked_for(office: FakeOffice) -> None:
    wang = office.person("王志强")
    await wang.says("督办:月底前完成消防整改")  # the parser reads 完成消防整改 as the assignee
    assert "没有找到" in wang.last_reply or "由谁牵头" in wang.last_reply
    assert _tasks(office) == []


async def test_missing_deadline_is_asked_then_read_back(office: FakeOffice) -> None:
    wang = office.person("王志强")
    await wang.says("督办:请吴处长完成食堂改造方案")
    assert "截止时间" in wang.last_reply
    await wang.says("下周五")
    assert "12月4日" in wang.last_reply and "确认" in wang.last_reply
    await wang.says("确认")
    assert "已登记 1 件" in wang.replies[-2].text and len(_tasks(office)) == 1
    assert "吴刚 还没有绑定聊天账号" in wang.last_reply  # the sender hears who could not be told


async def test_staff_create_only_for_themselves(office: FakeOffice) -> None:
    sun = office.person("孙丽")
    await sun.says("督办:请周处长月底前报送预算")
    assert "只有办公室主任、领导和秘书" in sun.last_reply
    assert _tasks(office) == []
    li_wei = office.person("李伟")
    await li_wei.says("assign Li Wei to update the staff roster by Friday")
    await li_wei.press("Confirm")
    task = _tasks(office)[0]
    assert task.owner_id == task.assigner_id and task.status == "accepted"


async def test_bad_input_changes_nothing(office: FakeOffice) -> None:
    wang = office.person("王志强")
    await wang.says("督办:请赵处长月底前报送预算")
    assert "通讯录里没有找到「赵处长」" in wang.last_reply
    await wang.says("督办:请周处长11月20日前报送预算")
    assert "2027年11月20日" in wang.last_reply  # the parser never reads a past date: the year is shown
    await wang.press("取消")
    await wang.says("督办:请吴处长完成食堂改造方案")
    await wang.says("上周五")
    assert "已经过去了" in wang.last_reply
    assert _tasks(office) == []
    await wang.says("督办:请周处长月底前报送预算")
    await wang.press("取消")
    assert "已取消" in wang.last_reply and _tasks(office) == []


async def test_owner_asks_a_question_through_the_button(office: FakeOffice) -> None:
    liu, zhou = office.person("刘建国"), office.person("周涛")
    await liu.says("督办:请周处长月底前报送预算调整方案")
    await liu.press("确认")
    await zhou.press("有疑问", zhou.received("【督办 #")[-1])
    await zhou.says("预算口径按年初还是调整后?")
    assert "已把您的问题转给 刘建国" in zhou.last_reply
    assert liu.received("预算口径按年初还是调整后?")


async def test_context_is_typed(office: FakeOffice) -> None:
    assert Context  # the service signatures are checked by mypy; this keeps the import honest
