"""Working days from the official PRC calendar."""

from datetime import date

from bot.understanding.workdays import (
    add_workdays,
    first_workday_after_holiday,
    holiday_dates,
    is_workday,
    last_workday_of_month,
)


def test_official_holidays_and_makeup_days() -> None:
    assert not is_workday(date(2026, 10, 1))
    assert is_workday(date(2026, 9, 20))  # a Sunday made up for National Day
    assert not is_workday(date(2026, 11, 22))  # an ordinary Sunday


def test_fallback_outside_known_years() -> None:
    assert is_workday(date(2040, 1, 2))  # a Monday
    assert not is_workday(date(2040, 1, 7))  # a Saturday


def test_add_workdays_skips_holidays() -> None:
    assert add_workdays(date(2026, 9, 29), 3) == date(2026, 10, 9)
    assert add_workdays(date(2026, 11, 20), 1) == date(2026, 11, 23)
    assert add_workdays(date(2026, 11, 23), -1) == date(2026, 11, 20)


def test_holiday_dates() -> None:
    assert holiday_dates("国庆", 2026)[0] == date(2026, 10, 1)
    assert holiday_dates("国庆", 2026)[-1] == date(2026, 10, 7)
    assert holiday_dates("五一", 2026)[0] == date(2026, 5, 1)
    assert holiday_dates("元旦", 2026)[0] == date(2026, 1, 1)
    assert holiday_dates("春节", 2026)
    assert holiday_dates("不存在", 2026) == ()


def test_last_workday_and_after_holiday() -> None:
    assert last_workday_of_month(2026, 11) == date(2026, 11, 30)
    assert last_workday_of_month(2026, 2) == date(2026, 2, 28)  # a Saturday made up for 春节
    assert first_workday_after_holiday("国庆", date(2026, 9, 20)) == date(2026, 10, 8)
