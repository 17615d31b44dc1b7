"""Smaller assignment behaviours: "this one is done", English transfer, rules in words, custom chase wording."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

from adapters.fake import FakeOffice, FakePerson
from bot.config import Settings
from bot.tasks.policy import policy_of
from bot.tasks.schedule import describe_rule
from tests.conftest import MONDAY_MORNING, SHANGHAI


async def assign(assigner: FakePerson, text: str, confirm: str = "确认") -> None:
    """Create one assignment through chat and confirm the read-back."""
    await assigner.says(text)
    await assigner.press(confirm)


def test_progress_rules_read_as_words() -> None:
    assert describe_rule("FREQ=WEEKLY;BYDAY=FR", "zh-Hans") == "每周五"
    assert describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "zh-Hans") == "每2周的周三"
    assert describe_rule("FREQ=WEEKLY;BYDAY=MO,TH", "en") == "every Monday, Thursday"
    assert describe_rule(None, "en") == "-"


async def test_this_one_is_done_uses_the_only_open_item(office: FakeOffice) -> None:
    liu, zhou = office.person("刘建国"), office.person("周涛")
    await liu.says("督办:请周处长牵头,月底前拿出食堂改造方案,每周五报进度")
    assert "每周五" in liu.last_reply
    await liu.press("确认")
    await zhou.says("这件办结了,给刘院长反馈一下")
    assert "已向 刘建国 报告「拿出食堂改造方案」办结" in zhou.last_reply
    done = liu.last_with_buttons()
    assert "给刘院长反馈" in done.text and [b.label for b in done.buttons] == ["确认办结", "退回"]
    zhang = office.person("张敏")
    await zhang.press("确认办结", done)  # only the assigner (or the director) accepts
    assert "只有交办人或办公室主任" in zhang.last_reply
    await liu.press("确认办结", done)
    assert zhou.received("已确认「拿出食堂改造方案」办结")


async def test_progress_prompts_follow_the_agreed_day(office: FakeOffice) -> None:
    liu, zhou = office.person("刘建国"), office.person("周涛")
    await assign(liu, "督办:请周处长牵头,12月31日前拿出食堂改造方案,每周五报进度")
    for _ in range(3):
        await office.advance(days=1)
    assert not zhou.received("请报一下")
    await office.advance(days=1)  # Friday
    assert len(zhou.received("请报一下「拿出食堂改造方案」的进度")) == 1
    await office.advance(days=7)
    assert len(zhou.received("请报一下")) == 2


async def test_transfer_in_english(office: FakeOffice) -> None:
    li_na, li_wei, zheng = office.person("李娜"), office.person("李伟"), office.person("郑华")
    await assign(li_na, "assign Li Wei to finish the roster update by next Friday", confirm="Confirm")
    await li_na.says("transfer the roster update to Zheng Hua")
    assert "Transferred \"finish the roster update\" to Zheng Hua" in li_na.last_reply
    assert zheng.received("【督办 #1】")
    assert li_wei.received("transferred \"finish the roster update\" to Zheng Hua")


def _with_tasks(settings: Settings, **tasks: object) -> Settings:
    policy = dict(settings.policy)
    policy["tasks"] = {**dict(settings.policy.get("tasks", {})), **tasks}
    return dataclasses.replace(settings, policy=policy)


async def test_the_directors_own_wording_per_step(settings: Settings, tmp_path: Path) -> None:
    custom = _with_tasks(settings, chase_templates={"zh-Hans": ["请报「{title}」进展。", "「{title}」已逾期 {days} 天,请今天回复。"]})
    assert policy_of(custom).chase_key(5) == "task_chase_custom_2"
    office = FakeOffice(custom, MONDAY_MORNING, database_url=f"sqlite:///{tmp_path / 'custom.db'}")
    zhang, zhou = office.person("张敏"), office.person("周涛")
    await office.advance(minutes=30)
    await assign(zhang, "督办:请周处长11月24日前报送预算调整方案")
    for _ in range(3):
        await office.advance(days=1)
    assert zhou.received("请报「报送预算调整方案」进展。")
    assert zhou.received("「报送预算调整方案」已逾期 2 天,请今天回复。")
    office.app.engine.dispose()


async def test_monthly_report_on_the_first(office: FakeOffice) -> None:
    wang, liu = office.person("王志强"), office.person("刘建国")
    office.person("周涛")
    await assign(wang, "督办:请周处长11月25日前报送预算调整方案")
    office.clock.advance(datetime(2026, 12, 1, 16, 30, tzinfo=SHANGHAI) - office.clock.now())
    await office.advance(minutes=1)
    monthly = liu.received("督办月通报")
    assert len(monthly) == 1 and "11月1日" in monthly[0].text and "逾期 1 件" in monthly[0].text
    await office.advance(hours=1)
    assert len(liu.received("督办月通报")) == 1  # once per period
