"""Reply templates: languages, traditional Chinese derived from simplified, empty templates."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot import i18n

SH = ZoneInfo("Asia/Shanghai")


def test_each_language_renders_its_own_template() -> None:
    assert "会议室" in i18n.render("help", "zh-Hans")
    assert "會議室" in i18n.render("help", "zh-Hant")
    assert "Rooms" in i18n.render("help", "en")


def test_an_empty_template_renders_empty_not_its_key() -> None:
    i18n.register("zh-Hans", {"test_empty_suffix": ""})
    i18n.register("en", {"test_empty_suffix": ""})
    assert i18n.render("test_empty_suffix", "zh-Hans") == ""
    assert i18n.render("test_empty_suffix", "en") == ""


def test_missing_parameters_do_not_raise() -> None:
    assert i18n.render("linked", "en").startswith("Linked")


def test_dates_in_each_language() -> None:
    instant = datetime(2026, 11, 25, 15, 0, tzinfo=SH)
    assert i18n.format_datetime(instant, "zh-Hans", SH) == "11月25日(周三) 15:00"
    assert i18n.format_datetime(instant, "en", SH) == "Wed 25 Nov 15:00"
    assert i18n.format_date(instant, "zh-Hant", SH) == "11月25日(周三)"
    assert i18n.render("unknown", "zh-Hant").startswith("抱歉,我沒看懂")
