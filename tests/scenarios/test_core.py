"""The core as people meet it: help, languages, strangers, repeats, errors, dialogs, audit."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from adapters.fake import FakeOffice
from bot.directory import create_invite, find_person
from bot.handlers import PREPARSERS
from bot.messages import Incoming
from storage.models import AuditLog, Outbox, Person
from storage.uow import unit_of_work


async def test_help_answers_in_the_language_it_was_asked_in(office: FakeOffice) -> None:
    wang = office.person("王志强")
    await wang.says("帮助")
    assert "会议室" in wang.last_reply and "帮我订" in wang.last_reply
    await wang.says("你能做什么")
    assert "会议室" in wang.last_reply
    await wang.says("help")
    assert "book room 301" in wang.last_reply
    await wang.says("幫助")
    assert "會議室" in wang.last_reply  # traditional in, traditional out


async def test_text_not_understood_gets_examples_not_a_trace(office: FakeOffice) -> None:
    li = office.person("李伟")
    await li.says("asdkjh qwe zzz")
    assert "didn't understand" in li.last_reply and "help" in li.last_reply
    await li.says("嗯嗯嗯哈哈")
    assert "没看懂" in li.last_reply
    await li.says("🙂" * 1000 + "'; DROP TABLE person; --" + "\x00\x07" * 100)
    assert "Traceback" not in li.last_reply and li.last_reply


async def test_a_stranger_is_asked_to_link_and_links_with_a_single_use_code(office: FakeOffice) -> None:
    stranger = office.person("李伟", linked=False)
    await stranger.says("订明天下午三点的301")
    assert "绑定" in stranger.last_reply
    with unit_of_work(office.app.engine) as session:
        person = find_person(session, "李伟")
        assert person is not None
        code = create_invite(session, person, office.clock.now()).code
    await stranger.says(f"/start {code}")
    assert "李伟" in stranger.last_reply
    await stranger.says("help")
    assert "book room" in stranger.last_reply  # recognised now
    other = office.person("孙丽", linked=False)
    await other.says(f"link {code}")
    assert "无效" in other.last_reply or "not valid" in other.last_reply


async def test_an_expired_code_does_not_link(office: FakeOffice) -> None:
    stranger = office.person("孙丽", linked=False)
    with unit_of_work(office.app.engine) as session:
        person = find_person(session, "孙丽")
        assert person is not None
        code = create_invite(session, person, office.clock.now()).code
    await office.advance(days=8)
    await stranger.says(f"link {code}")
    assert "无效或已过期" in stranger.last_reply  # a bare code says no language: the office's default


async def test_a_repeated_event_is_handled_once(office: FakeOffice) -> None:
    qian = office.person("钱峰")
    event = Incoming(event_id="tg:4242", chat=qian.private_chat, user=qian.user, text="添加会议室 402 12人")
    first = await office.send(event, qian)
    again = await office.replay(event, qian)
    assert first and "402" in first[0].text
    assert again == []
    with unit_of_work(office.app.engine) as session:
        assert len(list(session.exec(select(AuditLog).where(AuditLog.action == "directory.add_room")))) == 1


async def test_a_failing_handler_apologises_rolls_back_and_the_bot_keeps_going(office: FakeOffice) -> None:
    def explode(ctx, text):  # type: ignore[no-untyped-def]
        if text == "boom":
            ctx.audit("half.done", "x", 1)
            raise RuntimeError("simulated fault")
        return None

    PREPARSERS.insert(0, explode)
    try:
        wang = office.person("王志强")
        await wang.says("boom")
        assert "出了问题" in wang.last_reply or "went wrong" in wang.last_reply
        assert "RuntimeError" not in wang.last_reply and "Traceback" not in wang.last_reply
        with unit_of_work(office.app.engine) as session:
            assert session.exec(select(AuditLog).where(AuditLog.action == "half.done")).first() is None
        await wang.says("帮助")
        assert "会议室" in wang.last_reply
    finally:
        PREPARSERS.remove(explode)


async def test_admin_adds_a_person_after_a_read_back_and_it_is_audited(office: FakeOffice) -> None:
    qian = office.person("钱峰")
    await qian.says("添加人员 张三 财务处 staff")
    assert "张三" in qian.last_reply and "确认" in qian.last_reply
    with unit_of_work(office.app.engine) as session:
        assert find_person(session, "张三") is None  # nothing before confirmation
    await qian.press("确认")
    assert "已添加" in qian.last_reply
    await qian.press("确认", qian.replies[-2])  # the same button again
    assert "已经处理过" in qian.last_reply
    with unit_of_work(office.app.engine) as session:
        added = find_person(session, "张三")
        assert added is not None and added.roles == "staff"
        audit = session.exec(select(AuditLog).where(AuditLog.action == "directory.add_person")).one()
        assert audit.actor_id is not None and audit.detail and audit.detail["department"] == "财务处"
        assert len(list(session.exec(select(Person).where(Person.name == "张三")))) == 1


async def test_a_typed_yes_confirms_and_a_typed_no_cancels(office: FakeOffice) -> None:
    qian = office.person("钱峰")
    await qian.says("add person Zhang San, Finance, secretary")
    assert "Zhang San" in qian.last_reply and "Confirm" in qian.last_reply
    await qian.says("no")
    assert "cancelled" in qian.last_reply
    await qian.says("add person Zhang San, Finance, secretary")
    await qian.says("yes")
    assert "Added Zhang San" in qian.last_reply


async def test_a_read_back_expires(office: FakeOffice) -> None:
    qian = office.person("钱峰")
    await qian.says("添加人员 赵六 后勤处")
    await office.advance(minutes=office.settings.dialog.ttl_minutes + 1)
    await qian.press("确认")
    assert "过期" in qian.last_reply
    with unit_of_work(office.app.engine) as session:
        assert find_person(session, "赵六") is None


async def test_roles_limit_directory_changes(office: FakeOffice) -> None:
    li = office.person("李伟")
    await li.says("add room 402 12 seats")
    assert "not allow" in li.last_reply
    qian = office.person("钱峰")
    await qian.says("设置角色 李伟 secretary")
    assert "secretary" in qian.last_reply
    await qian.says("修改会议室 301 容量 9")
    assert "8 → 9" in qian.last_reply
    await qian.says("设置角色 李伟 boss")
    assert "boss" in qian.last_reply
    with unit_of_work(office.app.engine) as session:
        li_person = find_person(session, "李伟")
        assert li_person is not None and li_person.roles == "secretary"


async def test_messages_for_people_not_linked_are_marked_unreachable(office: FakeOffice) -> None:
    office.person("王志强")
    with unit_of_work(office.app.engine) as session:
        sender = find_person(session, "王志强")
        target = find_person(session, "孙丽")  # never linked on the fake platform
        assert sender is not None and target is not None
        ctx = office.core.job_context(session, office.clock.now(), actor=sender)
        assert ctx.notify(target, "help") is False
        assert ctx.unreachable == ["孙丽"]
    with unit_of_work(office.app.engine) as session:
        row = session.exec(select(Outbox)).one()
        assert row.status == "unreachable"


async def test_a_message_over_the_platform_limit_is_refused_politely(office: FakeOffice) -> None:
    wang = office.person("王志强")
    await wang.says("会" * 5000)
    assert "太长" in wang.last_reply


async def test_noise_of_4096_characters_changes_nothing(office: FakeOffice) -> None:
    wang = office.person("王志强")
    noise = ("x9;'\"<>{}[]()%$#@!~`\\|\u200b\u2028" * 300)[:4096]
    await wang.says(noise)
    assert wang.last_reply and "Traceback" not in wang.last_reply
    with unit_of_work(office.app.engine) as session:
        assert session.exec(select(AuditLog)).first() is None
    assert office.clock.now() - office.clock.now() == timedelta(0)


async def test_a_blocked_recipient_is_reported_to_the_sender_once(office: FakeOffice) -> None:
    zhang = office.person("张敏")
    office.person("刘建国")
    office.blocked.add("刘建国")
    with unit_of_work(office.app.engine) as session:
        sender = find_person(session, "张敏")
        target = find_person(session, "刘建国")
        assert sender is not None and target is not None
        office.core.job_context(session, office.clock.now(), actor=sender).notify(target, "help")
    office.deliver()
    office.deliver()
    assert len(zhang.received("刘建国")) == 1
    with unit_of_work(office.app.engine) as session:
        failed = session.exec(select(Outbox).where(Outbox.status == "failed")).one()
    assert failed.attempts == 1 and "blocked" in (failed.error or "")
