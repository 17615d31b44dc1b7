"""Words shared by the Chinese time handlers: units of time and numbers."""

from __future__ import annotations

from bot.understanding.numerals import chinese_to_int
from bot.understanding.types import Grain

UNITS = {"秒": "second", "秒钟": "second", "分": "minute", "分钟": "minute", "小时": "hour", "钟头": "hour",
         "天": "day", "日": "day", "周": "week", "星期": "week", "礼拜": "week", "月": "month",
         "个月": "month", "年": "year", "工作日": "workday", "季度": "quarter"}
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
UNIT_GRAIN = {"second": Grain.SECOND, "minute": Grain.MINUTE, "hour": Grain.HOUR, "day": Grain.DAY,
              "week": Grain.WEEK, "month": Grain.MONTH, "year": Grain.YEAR}
# Characters before 一点 that make it "a little" (快一点), not one o'clock.
LITTLE = set("快慢多少大小好有高低近远重轻早晚长短再")


def num(text: str | None) -> int | None:
    """A numeral in digits or Chinese characters; None when absent or malformed."""
    if text is None:
        return None
    return chinese_to_int(text)
