"""Notices: compose in one message, five elements, audience and permissions, read-back, sending (zh and en)."""

from __future__ import annotations

from adapters.fake import FakeOffice, FakePerson

SAFETY = "发会议通知:明天下午三点在第二会议室召开安全生产工作会议,各科室负责人参加,请带本部门第三季度安全检查情况"
HEADS = ("王志强", "周涛", "吴刚", "郑华")


def link(office: FakeOffice, *names: str) -> list[FakePerson]:
    """Link these people to the fake platform (others stay unreachable)."""
    return [office.person(n) for n in names]


async def send_safety_notice(office: FakeOffice) -> FakePerson:
    """张敏 sends the safety meeting notice to the department heads and confirms it."""
    link(office, *HEADS)
    zhang = office.person("张敏")
    await zhang.says(SAFETY)
    await zhang.press("确认")
    assert "已发出" in zhang.last_reply, zhang.last_reply
    return zhang


async def test_meeting_notice_is_read_back_then_sent_word_for_word(office: FakeOffice) -> None:
    link(office, *HEADS)
    zhang = office.person("张敏")
    await zhang.says(SAFETY)
    readback = zhang.last_reply
    for fragment in ("会议通知", "安全生产工作会议", "11月24日(周二) 15:00", "第二会议室", "本部门第三季度安全检查情况",
                     "4 人", "王志强", "周涛", "吴刚", "郑华"):
        assert fragment in readback, (fragment, readback)
    assert not office.person("周涛").inbox, "nothing is sent before the sender confirms"
    await zhang.press("确认")
    assert "已发出,共 4 人" in zhang.last_reply
    assert [b.label for b in zhang.replies[-1].buttons] == ["确认情况", "更正", "取消通知"]
    zhou = office.person("周涛").inbox[-1]
    assert "明天下午三点在第二会议室召开安全生产工作会议,各科室负责人参加,请带本部门第三季度安全检查情况" in zhou.text
    assert [b.label for b in zhou.buttons] == ["收到", "参加", "请假"]
    assert "张敏" in zhou.text


async def test_missing_elements_are_asked_for_one_by_one(office: FakeOffice) -> None:
    link(office, "周涛", "吴刚")
    zhang = office.person("张敏")
    await zhang.says("发会议通知:明天上午十点召开后勤保障协调会,请周涛、吴刚参加")
    assert "在哪里开" in zhang.last_reply
    await zhang.says("小会议室")
    assert "带什么材料" in zhang.last_reply
    await zhang.says("无")
    assert "请携带:无" in zhang.last_reply and "小会议室" in zhang.last_reply
    await zhang.says("确认")
    assert "已发出,共 2 人" in zhang.last_reply
    assert office.person("吴刚").received("后勤保障协调会")


async def test_missing_time_and_audience_are_asked(office: FakeOffice) -> None:
    link(office, "孙丽")
    zhang = office.person("张敏")
    await zhang.says("发会议通知:在301召开预算编制培训会,带笔记本电脑")
    assert "发给谁" in zhang.last_reply
    await zhang.says("孙丽")
    assert "什么时候" in zhang.last_reply
    await zhang.says("随便什么时候")
    assert "没看懂这个时间" in zhang.last_reply
    await zhang.says("明天下午两点到四点")
    assert "11月24日(周二) 14:00-16:00" in zhang.last_reply
    await zhang.press("确认")
    assert "已发出,共 1 人" in zhang.last_reply


async def test_unknown_names_are_asked_about_never_dropped(office: FakeOffice) -> None:
    link(office, "周涛", "孙丽")
    zhang = office.person("张敏")
    await zhang.says("发通知给周涛、赵六、孙丽:明天下班前报送报销单")
    assert "找不到「赵六」" in zhang.last_reply
    await zhang.says("去掉")
    assert "2 人" in zhang.last_reply and "赵六" not in zhang.last_reply.split("正文")[0]
    await zhang.press("确认")
    assert office.person("孙丽").received("报销单")


async def test_unknown_name_can_be_replaced(office: FakeOffice) -> None:
    link(office, "李伟")
    zhang = office.person("张敏")
    await zhang.says("发通知给小李:明天上午把机房巡检记录交给我")
    assert "找不到「小李」" in zhang.last_reply
    await zhang.says("李伟")
    assert "李伟" in zhang.last_reply and "1 人" in zhang.last_reply


async def test_staff_is_refused_when_notifying_a_department(office: FakeOffice) -> None:
    link(office, "孙丽")
    zhou = office.person("周涛")
    await zhou.says("发通知给财务处全体人员:明天下班前报送报销单")
    assert "需要秘书、办公室主任或领导" in zhou.last_reply
    assert not office.person("孙丽").inbox


async def test_staff_may_notify_named_people(office: FakeOffice) -> None:
    link(office, "孙丽")
    zhou = office.person("周涛")
    await zhou.says("发通知给孙丽:明天下班前报送报销单")
    await zhou.press("确认")
    assert "已发出,共 1 人" in zhou.last_reply
    assert office.person("孙丽").received("报销单")


async def test_recipient_not_linked_is_reported_to_the_sender(office: FakeOffice) -> None:
    link(office, "周涛", "吴刚", "郑华")  # 王志强 is not linked to any platform
    zhang = office.person("张敏")
    await zhang.says(SAFETY)
    await zhang.press("确认")
    assert "无法送达" in zhang.last_reply and "王志强" in zhang.last_reply
    await zhang.says("明天的会还有谁没确认?")
    assert "无法送达 1 人:王志强" in zhang.last_reply


async def test_classified_content_is_refused(office: FakeOffice) -> None:
    zhang = office.person("张敏")
    await zhang.says("发通知给各科室负责人:明天报送机密文件清单")
    assert "密级" in zhang.last_reply


async def test_english_notice_reaches_each_recipient_in_their_language(office: FakeOffice) -> None:
    link(office, "周涛", "孙丽", "李伟")
    li_na = office.person("李娜")
    await li_na.says("notify the finance team: the audit meeting moves to 10am Thursday, room 2")
    assert "bring" in li_na.last_reply.lower()
    await li_na.says("none")
    assert "Please check this meeting notice" in li_na.last_reply
    assert "Thu 26 Nov 10:00" in li_na.last_reply and "Zhou Tao" not in li_na.last_reply
    await li_na.says("yes")
    assert "sent to 2 people" in li_na.last_reply
    sun = office.person("孙丽").inbox[-1]
    assert "the audit meeting moves to 10am Thursday, room 2" in sun.text
    assert [b.label for b in sun.buttons] == ["收到", "参加", "请假"]
    await li_na.says("notify Li Wei: the server room is closed on Friday afternoon")
    await li_na.says("yes")
    li_wei = office.person("李伟").inbox[-1]
    assert "[notice]" in li_wei.text and [b.label for b in li_wei.buttons] == ["Got it", "Excused"]
