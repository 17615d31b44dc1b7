"""Named holidays and festivals: how each one's date is computed in a given year."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from bot.understanding import workdays
from bot.understanding.time_zh_calendars import hebrew_to_gregorian, islamic_to_gregorian

# A rule gives (first day, last day) of the holiday in a Gregorian year, or None.
Rule = Callable[[int], tuple[date, date] | None]


def _fixed(month: int, day: int, days: int = 1) -> Rule:
    return lambda y: (date(y, month, day), date(y, month, day) + timedelta(days=days - 1))


def _lunar(month: int, day: int, shift: int = 0) -> Rule:
    def rule(year: int) -> tuple[date, date] | None:
        from lunardate import LunarDate  # lazy: only festival names need the lunar calendar

        try:
            solar = LunarDate(year, month, day).to_solar_date() + timedelta(days=shift)
        except ValueError:
            return None
        return solar, solar

    return rule


def _new_year_eve(year: int) -> tuple[date, date] | None:
    # 除夕 is the eve of the next lunar new year, which falls early in the following Gregorian year.
    spring = _lunar(1, 1)(year + 1)
    if spring is None:
        return None
    eve = spring[0] - timedelta(days=1)
    return (eve, eve) if eve.year == year else None


def _nth_weekday(month: int, weekday: int, n: int) -> Rule:
    def rule(year: int) -> tuple[date, date]:
        if n > 0:
            first = date(year, month, 1)
            day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        else:
            last = date(year, month, calendar.monthrange(year, month)[1])
            day = last - timedelta(days=(last.weekday() - weekday) % 7)
        return day, day

    return rule


def easter(year: int, method: int = 3) -> date:
    """Easter Sunday (dateutil, imported on first use: only Christian feast names need it)."""
    from dateutil.easter import easter as computus

    return computus(year, method)


def _easter(offset: int, orthodox: bool = False, days: int = 1) -> Rule:
    def rule(year: int) -> tuple[date, date]:
        day = easter(year, 2 if orthodox else 3) + timedelta(days=offset)
        return day, day + timedelta(days=days - 1)

    return rule


def _solar_term(name: str) -> Rule:
    def rule(year: int) -> tuple[date, date] | None:
        import chinese_calendar

        try:
            terms = chinese_calendar.get_solar_terms(date(year, 1, 1), date(year, 12, 31))
        except Exception:  # noqa: BLE001 - outside the years the package knows
            return None
        for day, term in terms:
            if term == name:
                return day, day
        return None

    return rule


def _hebrew(month: int, day: int, days: int = 1) -> Rule:
    # Jewish holidays begin at sunset: the corpus convention names the eve as the first day.
    def rule(year: int) -> tuple[date, date] | None:
        for hebrew_year in (year + 3760, year + 3761):
            start = hebrew_to_gregorian(hebrew_year, month, day) - timedelta(days=1)
            if start.year == year:
                return start, start + timedelta(days=days)
        return None

    return rule


def _independence_day(year: int) -> tuple[date, date] | None:
    day = hebrew_to_gregorian(year + 3760, 2, 5)
    if day.weekday() == 0:  # Monday: moved to Tuesday
        day += timedelta(days=1)
    elif day.weekday() == 4:  # Friday: moved to Thursday
        day -= timedelta(days=1)
    elif day.weekday() == 5:  # Saturday: moved to Thursday
        day -= timedelta(days=2)
    eve = day - timedelta(days=1)
    return eve, eve


def _islamic(month: int, day: int, days: int = 1) -> Rule:
    def rule(year: int) -> tuple[date, date] | None:
        for hijri_year in range(int((year - 622) * 33 / 32) - 1, int((year - 622) * 33 / 32) + 3):
            start = islamic_to_gregorian(hijri_year, month, day)
            if start is not None and start.year == year:
                return start, start + timedelta(days=days - 1)
        return None

    return rule


def _boss_day(year: int) -> tuple[date, date]:
    day = date(year, 10, 16)
    if day.weekday() == 5:
        day -= timedelta(days=1)
    elif day.weekday() == 6:
        day += timedelta(days=1)
    return day, day


_RULES: dict[str, Rule] = {
    # Official PRC holidays and Chinese festivals.
    "元旦|新年|元旦节": _fixed(1, 1),
    "春节|新春|大年初一|农历新年|正月初一|正月朔日|正月正时": _lunar(1, 1),
    "除夕|大年三十|年三十": _new_year_eve,
    "元宵节?|上元节": _lunar(1, 15),
    "龙抬头": _lunar(2, 2),
    "清明节?": _solar_term("清明"),
    "冬至": _solar_term("冬至"),
    "五一劳动节|劳动节|五一|国际劳动节": _fixed(5, 1),
    "端午节?|端阳节": _lunar(5, 5),
    "七夕节?|乞巧节": _lunar(7, 7),
    "中元节|鬼节": _lunar(7, 15),
    "中秋节?": _lunar(8, 15),
    "重阳节?": _lunar(9, 9),
    "腊八节?": _lunar(12, 8),
    "小年": _lunar(12, 23),
    "国庆节?|十一国庆": _fixed(10, 1),
    "妇女节|三八妇女节|国际妇女节|三八节": _fixed(3, 8),
    "女生节": _fixed(3, 7),
    "植树节": _fixed(3, 12),
    "青年节|五四青年节": _fixed(5, 4),
    "护士节": _fixed(5, 12),
    "儿童节|国际儿童节|六一儿童节|六一": _fixed(6, 1),
    "建党节|七一": _fixed(7, 1),
    "香港回归纪念日": _fixed(7, 1),
    "八一建军节|建军节|八一": _fixed(8, 1),
    "教师节": _fixed(9, 10),
    "澳门回归纪念日": _fixed(12, 20),
    "光棍节|双十一": _fixed(11, 11),
    "双十二": _fixed(12, 12),
    "消费者权益日|三一五": _fixed(3, 15),
    "情人节|圣瓦伦丁节|西洋情人节": _fixed(2, 14),
    "愚人节": _fixed(4, 1),
    "万圣节|万圣节前夜": _fixed(10, 31),
    "平安夜|圣诞夜|圣诞前夜": _fixed(12, 24),
    "圣诞节?": _fixed(12, 25),
    "母亲节": _nth_weekday(5, 6, 2),
    "父亲节": _nth_weekday(6, 6, 3),
    "感恩节": _nth_weekday(11, 3, 4),
    "老板节": _boss_day,
    "地球日|世界地球日": _fixed(4, 22),
    # Christian holidays around Easter.
    "复活节|主复活日|复活节星期日|复活节主日": _easter(0),
    "复活节星期一": _easter(1),
    "复活节前夜|圣周六|神圣周六|耶稣受难日翌日": _easter(-1),
    "耶稣受难日|受难日|沈默周五|沉默周五|圣周五|主受难节": _easter(-2),
    "濯足节|圣周星期四|圣周四|洗足节": _easter(-3),
    "棕枝主日|圣枝主日|棕树主日": _easter(-7),
    "圣灰日|灰日|大斋首日|圣灰星期三": _easter(-46),
    "忏悔节|忏悔火曜日|忏悔星期二|煎饼节": _easter(-47),
    "大斋节|大斋期": lambda y: (easter(y) - timedelta(days=46), easter(y) - timedelta(days=1)),
    "耶稣升天节|升天节": _easter(39),
    "五旬节|圣灵降临节|圣灵降临日": _easter(49),
    "圣灵节庆日|圣灵降临节星期一": _easter(50),
    "天主圣三一节|圣三一节|三一主日": _easter(56),
    "基督圣体节|圣体节": _easter(60),
    "东正教复活节": _easter(0, True),
    "东正教复活节星期一": _easter(1, True),
    "东正教神圣周六|东正教圣周六|东正教耶稣受难日翌日|东正教主受难节翌日": _easter(-1, True),
    "东正教耶稣受难日|东正教圣周五|东正教沈默周五|东正教沉默周五|东正教主受难节": _easter(-2, True),
    "东正教圣枝主日|东正教圣树主日|东正教棕枝主日": _easter(-7, True),
    "拉撒路圣周六|拉撒路周六": _easter(-8, True),
    "四旬节|东正教大斋节": _easter(-48, True, 40),
    # Jewish holidays (Hebrew months numbered from Nisan = 1).
    "逾越节": _hebrew(1, 15, 8),
    "犹太新年|岁首节|吹角节": _hebrew(7, 1, 2),
    "赎罪日": _hebrew(7, 10, 1),
    "住棚节": _hebrew(7, 15, 8),
    "圣会节|圣会日|第八日集会": _hebrew(7, 22, 0),
    "西赫托拉节|转经节|诵经节|欢庆圣法节": _hebrew(7, 23, 0),
    "光明节|修殿节|献殿节|哈努卡节|光明节|烛光节": _hebrew(9, 25, 7),
    "图比舍巴特节|树木新年|树木节": _hebrew(11, 15, 0),
    "普珥节|普林节": _hebrew(12, 14, 0),
    "收获节|七七节|五旬节犹太教|沙夫幼特节": _hebrew(3, 6, 2),
    "犹太教篝火节|篝火节|拉格巴欧麦尔节": _hebrew(2, 18, 0),
    "以色列国庆节|以色列独立日": _independence_day,
    # Islamic holidays (Umm al-Qura style tabular calendar).
    "伊斯兰历新年|伊斯兰新年|回历新年": _islamic(1, 1),
    "阿舒拉节|阿舒拉日": _islamic(1, 10),
    "圣纪节|先知诞辰|圣纪": _islamic(3, 12),
    "登霄节": _islamic(7, 27),
    "斋月|穆斯林斋月|赖买丹月": _islamic(9, 1, 30),
    "开斋节|尔代节|肉孜节": _islamic(10, 1),
    "宰牲节|古尔邦节|古尔班节": _islamic(12, 10),
    # Tamil harvest festival: fixed solar dates.
    "印度丰收节|庞格尔节|淡米尔丰收节|丰收节": _fixed(1, 14),
}

def _expand(alternative: str) -> list[str]:
    """国际?儿童节 → 儿童节, 国际儿童节 (a character followed by ? is optional)."""
    at = alternative.find("?")
    if at < 0:
        return [alternative]
    head, tail = alternative[: at - 1], alternative[at + 1:]
    return _expand(head + tail) + _expand(head + alternative[at - 1] + tail)


_LOOKUP: dict[str, Rule] = {}
for _names, _rule in _RULES.items():
    for _alt in _names.split("|"):
        for _name in _expand(_alt):
            _LOOKUP[_name] = _rule

HOLIDAY_PATTERN = "|".join(re.escape(name) for name in sorted(_LOOKUP, key=len, reverse=True))
# Multi-day holidays that are answered as a period, not a day.
_PERIODS = frozenset(name for name in _LOOKUP if _LOOKUP[name] in {
    _RULES["逾越节"], _RULES["犹太新年|岁首节|吹角节"], _RULES["住棚节"],
    _RULES["光明节|修殿节|献殿节|哈努卡节|光明节|烛光节"], _RULES["收获节|七七节|五旬节犹太教|沙夫幼特节"],
    _RULES["斋月|穆斯林斋月|赖买丹月"], _RULES["大斋节|大斋期"], _RULES["四旬节|东正教大斋节"],
})
# Official PRC holidays: the key workdays.holiday_dates knows them by.
OFFICIAL = {"元旦": "元旦", "新年": "元旦", "春节": "春节", "清明": "清明", "清明节": "清明", "劳动节": "劳动节",
            "五一": "劳动节", "端午": "端午", "端午节": "端午", "中秋": "中秋", "中秋节": "中秋",
            "国庆": "国庆", "国庆节": "国庆"}


def is_period(name: str) -> bool:
    """True when the holiday lasts several days and is answered as an interval."""
    return name in _PERIODS


@lru_cache(maxsize=1024)
def holiday_in_year(name: str, year: int) -> tuple[date, date] | None:
    """The first and last day of a named holiday in a Gregorian year; None if unknown."""
    rule = _LOOKUP.get(name)
    if rule is None or not 1 <= year <= 9998:
        return None
    try:
        return rule(year)
    except (ValueError, OverflowError):
        return None


def next_holiday(name: str, today: date) -> tuple[date, date] | None:
    """The holiday's next occurrence that has not ended before today."""
    for year in (today.year, today.year + 1):
        found = holiday_in_year(name, year)
        if found and found[1] >= today:
            return found
    return None


def official_days_off(name: str, year: int) -> tuple[date, ...]:
    """The official days off of a PRC holiday (from chinesecalendar via workdays)."""
    key = OFFICIAL.get(name)
    return workdays.holiday_dates(key, year) if key else ()
