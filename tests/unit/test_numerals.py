"""Chinese numerals to numbers."""

import pytest

from bot.understanding.numerals import chinese_to_int, parse_number, percent_value, replace_numerals


@pytest.mark.parametrize(
    ("text", "value"),
    [("十二", 12), ("两", 2), ("二十五", 25), ("一百零五", 105), ("三千", 3000), ("〇", 0), ("零", 0),
     ("3千", 3000), ("十", 10), ("廿三", 23), ("二零一五", 2015), ("两千零二十六", 2026), ("一百二", 120),
     ("12", 12), ("１２", 12)],
)
def test_chinese_to_int(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


def test_not_a_number() -> None:
    assert chinese_to_int("会议") is None
    assert chinese_to_int("") is None


def test_parse_number_half_and_percent() -> None:
    assert parse_number("半") == 0.5
    assert parse_number("百分之七十") == 70
    assert parse_number("3.5") == 3.5
    assert percent_value("校园网改造完成百分之七十") == 70
    assert percent_value("完成70%") == 70


def test_replace_numerals() -> None:
    assert replace_numerals("十二个人") == "12个人"
    assert replace_numerals("完成百分之七十") == "完成70%"
