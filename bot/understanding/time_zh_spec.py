"""What the atoms of one Chinese time expression say, before it is resolved against a date."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from bot.understanding.numerals import chinese_to_int
from bot.understanding.types import Grain

_DATE_FIELDS = (
    "year", "year_rel", "month", "month_rel", "day", "day_rel", "week_rel", "weekday", "weekend",
    "quarter", "quarter_rel", "half_year", "edge", "nth_weekday", "holiday", "after_holiday",
)
_TIME_FIELDS = ("hour", "pod")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
             "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_REL = {"上上": -2, "上": -1, "下下": 2, "下": 1, "这": 0, "本": 0, "今": 0, "当": 0, "这一": 0}
_DAY_REL = {"大大前天": -4, "大前天": -3, "前天": -2, "前日": -2, "昨天": -1, "昨日": -1, "昨儿": -1,
            "今天": 0, "今日": 0, "当天": 0, "当日": 0, "本日": 0, "今儿": 0, "明天": 1, "明日": 1,
            "听日": 1, "翌日": 1, "次日": 1, "明儿": 1, "后天": 2, "大后天": 3, "大大后天": 4}
_RDP_DAY = {"今": 0, "明": 1, "听": 1, "昨": -1, "前": -2, "后": 2, "大前": -3, "大后": 3}
_YEAR_REL = {"大前": -3, "前": -2, "去": -1, "上": -1, "今": 0, "本": 0, "当": 0, "明": 1, "下": 1,
             "来": 1, "后": 2, "大后": 3}
_UNITS = {"秒": "second", "秒钟": "second", "分": "minute", "分钟": "minute", "小时": "hour", "钟头": "hour",
          "天": "day", "日": "day", "周": "week", "星期": "week", "礼拜": "week", "月": "month",
          "个月": "month", "年": "year", "工作日": "workday", "季度": "quarter"}
_UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
_UNIT_GRAIN = {"second": Grain.SECOND, "minute": Grain.MINUTE, "hour": Grain.HOUR, "day": Grain.DAY,
               "week": Grain.WEEK, "month": Grain.MONTH, "year": Grain.YEAR}
# Characters before 一点 that make it "a little" (快一点), not one o'clock.
_LITTLE = set("快慢多少大小好有高低近远重轻早晚长短再")


@dataclass(frozen=True)
class Atom:
    """One matched piece of a time expression: its kind, span, text and named groups."""

    name: str
    start: int
    end: int
    text: str
    groups: dict[str, str]
    before: str = ""


def _unset(value: object) -> bool:
    return value is None or value is False or (isinstance(value, list) and not value)


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    return chinese_to_int(text)


def _year(text: str) -> int | None:
    value = _num(text)
    if value is None:
        return None
    if len(text) == 2:
        # Two-digit years: 08年 → 2008, 74 → 1974.
        return 2000 + value if value <= 40 else 1900 + value
    return value


@dataclass
class Spec:
    """The fields one expression states; None means not said."""

    span: tuple[int, int] = (0, 0)
    year: int | None = None
    year_rel: int | None = None
    month: int | None = None
    month_rel: int | None = None
    day: int | None = None
    day_rel: int | None = None
    week_rel: int | None = None
    weekday: int | None = None
    weekend: bool | None = None
    quarter: int | None = None
    quarter_rel: int | None = None
    half_year: int | None = None
    edge: tuple[str, str] | None = None
    nth_weekday: tuple[int, int] | None = None
    holiday: str | None = None
    holiday_shift: int = 0
    after_holiday: bool | None = None
    after_holiday_name: str | None = None
    pod: str | None = None
    pod_strict: bool = False
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    ampm: str | None = None
    hour_24: bool = False
    now: bool | None = None
    offwork: str | None = None
    workdays_n: int | None = None
    offset: tuple[float, str, int] | None = None
    window: tuple[int, str, int, bool] | None = None
    century: tuple[int, int] | None = None
    decade: int | None = None
    duration: timedelta | None = None
    duration_grain: Grain = Grain.MINUTE
    rec: tuple[int, str | None] | None = None
    rec_weekdays: list[int] = field(default_factory=list)
    rec_last_workday: bool = False
    suffix: str | None = None
    deadline: bool = False
    has_own_date: bool = True

    def empty(self) -> bool:
        """True when no field was said."""
        return all(
            _unset(getattr(self, f.name)) for f in fields(self)
            if f.name not in ("span", "duration_grain", "has_own_date", "holiday_shift", "pod_strict", "hour_24",
                              "suffix", "deadline")
        )

    def has_date(self) -> bool:
        """True when a date part (day, week, month, year, holiday) was said."""
        return any(getattr(self, name) is not None for name in _DATE_FIELDS)

    def relative_to_base(self) -> bool:
        """True when the end of a range counts from the start (一月十日到十二日, 周六到周一)."""
        return self.year is None and self.year_rel is None and self.day_rel is None and self.week_rel is None

    def inherit(self, base: Spec) -> Spec:
        """The end of a range completed with the start's date (两点到四点, 1月10日到12日)."""
        out = copy.copy(self)
        if not self.has_date():
            out.has_own_date = False
            for name in _DATE_FIELDS:
                setattr(out, name, getattr(base, name))
            out.holiday_shift = base.holiday_shift
            return out
        if self.day is not None and self.month is None and self.month_rel is None:
            out.month, out.month_rel = base.month, base.month_rel
            if out.year is None and out.year_rel is None:
                out.year, out.year_rel = base.year, base.year_rel
        elif self.month is not None and self.year is None and self.year_rel is None:
            out.year, out.year_rel = base.year, base.year_rel
        return out

    def without_recurrence(self) -> Spec:
        """The time of day of a recurrence, without its repeating date part."""
        out = copy.copy(self)
        out.rec = None
        out.rec_weekdays = []
        out.rec_last_workday = False
        for name in _DATE_FIELDS:
            setattr(out, name, None)
        return out

    def at_day(self, day: date) -> Spec:
        """The same time of day on a given date."""
        out = copy.copy(self)
        out.year, out.month, out.day = day.year, day.month, day.day
        return out

    # ------------------------------------------------------------------------------------------

    def add(self, atom: Atom) -> bool:
        """Absorb an atom; False when it clashes with what is already said (a new expression)."""
        g = atom.groups
        name = atom.name
        date_like = name not in ("clock", "hms", "clockto", "pod", "ampm", "clockrange")
        if date_like and self.hour is not None and name not in ("rec",):
            return False
        if name in ("duration", "now", "offset", "window", "hourwin", "guo", "century", "decade") and not self.empty():
            return False
        if self.duration is not None or self.now or self.offset is not None or self.window is not None:
            return False
        handler = getattr(self, "_add_" + name, None)
        if handler is None:
            return False
        ok = handler(atom, g)
        if ok:
            self.span = (min(self.span[0], atom.start) if not self.empty_span() else atom.start,
                         max(self.span[1], atom.end))
        return bool(ok)

    def empty_span(self) -> bool:
        """True before the first atom is absorbed."""
        return self.span == (0, 0)

    def _set(self, **values: object) -> bool:
        if any(not _unset(getattr(self, k)) for k in values):
            return False
        for k, v in values.items():
            setattr(self, k, v)
        return True

    def _add_rec(self, atom: Atom, g: dict[str, str]) -> bool:
        if not self.empty():
            return False
        n = _num(g.get("rec_n")) if g.get("rec_n") else 1
        unit = _UNITS.get(g.get("rec_u", ""), None)
        self.rec = (n or 1, unit)
        return True

    def _add_century(self, atom: Atom, g: dict[str, str]) -> bool:
        c, d = _num(g["cent"]), _num(g["cent_dec"])
        if c is None or d is None:
            return False
        if d >= 10:
            d //= 10
        return self._set(century=(c, d))

    def _add_decade(self, atom: Atom, g: dict[str, str]) -> bool:
        value = _num(g["dec"])
        if value is None:
            return False
        if value < 100:
            value += 1900 if value >= 20 else 2000
        return self._set(decade=value - value % 10)

    def _add_minguo(self, atom: Atom, g: dict[str, str]) -> bool:
        value = 1 if g["mg"] == "元" else _num(g["mg"])
        return value is not None and self._set(year=1911 + value)

    def _add_ymd(self, atom: Atom, g: dict[str, str]) -> bool:
        y, m, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return False
        return self._set(year=y, month=m, day=d)

    def _add_dmy(self, atom: Atom, g: dict[str, str]) -> bool:
        a, b = int(g["a2"]), int(g["b2"])
        year = _year(g["c2"])
        day, month = (a, b) if g["s2"] == "." or a > 12 else (b, a)
        if year is None or not (1 <= month <= 12 and 1 <= day <= 31):
            return False
        return self._set(year=year, month=month, day=day)

    def _add_md(self, atom: Atom, g: dict[str, str]) -> bool:
        return self._set(month=int(g["m3"]), day=int(g["d3"]))

    def _add_hms(self, atom: Atom, g: dict[str, str]) -> bool:
        hour, minute = int(g["H"]), int(g["MI"])
        if hour > 24:
            return False
        ok = self._set(hour=hour, minute=minute)
        if ok and g.get("S"):
            self.second = int(g["S"])
        self.hour_24 = hour >= 13 or hour == 0 or g["H"].startswith("0") and self.pod is None
        return ok

    def _add_nthwd(self, atom: Atom, g: dict[str, str]) -> bool:
        n = _num(g["nth"])
        wd = _WEEKDAYS.get(g["nthw"])
        return n is not None and wd is not None and 1 <= n <= 5 and self._set(nth_weekday=(n, wd))

    def _add_lastwd(self, atom: Atom, g: dict[str, str]) -> bool:
        if g.get("lastwork"):
            if self.rec is None:
                return False
            self.rec_last_workday = True
            return True
        wd = _WEEKDAYS.get(g.get("lastw", ""))
        return wd is not None and self._set(nth_weekday=(-1, wd))

    def _add_holafter(self, atom: Atom, g: dict[str, str]) -> bool:
        from bot.understanding.time_zh_holidays import OFFICIAL

        name = g.get("ha_name")
        if name is not None and name not in OFFICIAL:
            return False
        return self._set(after_holiday=True, after_holiday_name=name)

    def _add_holiday(self, atom: Atom, g: dict[str, str]) -> bool:
        return self._set(holiday=g["hol"])

    def _add_workdays(self, atom: Atom, g: dict[str, str]) -> bool:
        n = _num(g["wk_n"])
        if n is None or not self.empty():
            return False
        self.workdays_n = n
        self.deadline = g.get("wk_dir", "内") in ("内", "之内", "以内")
        return True

    def _add_offwork(self, atom: Atom, g: dict[str, str]) -> bool:
        if self.hour is not None or self.pod is not None:
            return False
        self.offwork = g["ow_dir"]
        self.deadline = g["ow_dir"] in ("前", "之前", "以前")
        return True

    def _add_window(self, atom: Atom, g: dict[str, str]) -> bool:
        n = _num(g["win_n"])
        unit = _UNITS.get(g["win_u"].rstrip("钟") if g["win_u"] != "秒钟" else "秒")
        if n is None or unit is None or n == 0:
            return False
        word = g["win"]
        direction = -1 if word in ("前", "上", "过去", "最近", "近") else 1
        sliding = word in ("过去", "最近", "近", "未来", "接下来", "之后", "今后")
        self.window = (n, unit, direction, sliding)
        return True

    def _add_hourwin(self, atom: Atom, g: dict[str, str]) -> bool:
        if g["hw"] == "这":
            return False
        self.window = (1, "hour", -1 if g["hw"] == "上" else 1, True)
        return True

    def _amount(self, n: str, half1: str | None, half2: str | None) -> float | None:
        value = 0.5 if n == "半" else _num(n)
        if value is None:
            return None
        return value + (0.5 if half1 or half2 else 0)

    def _add_offset(self, atom: Atom, g: dict[str, str]) -> bool:
        amount = self._amount(g["off_n"], g.get("off_h1"), g.get("off_h2"))
        unit = _UNITS.get(g["off_u"])
        if amount is None or unit is None:
            return False
        sign = -1 if "前" in g["off_dir"] else 1
        self.offset = (amount, unit, sign)
        return True

    def _add_guo(self, atom: Atom, g: dict[str, str]) -> bool:
        n = 2 if g["guo_n"] == "几" else _num(g["guo_n"])
        unit = _UNITS.get(g["guo_u"])
        if n is None or unit is None:
            return False
        self.offset = (n, unit, 1)
        return True

    def _add_duration(self, atom: Atom, g: dict[str, str]) -> bool:
        amount = self._amount(g["dur_n"], g.get("dur_h1"), g.get("dur_h2"))
        unit = _UNITS.get(g["dur_u"])
        if amount is None or unit is None:
            return False
        if unit in _UNIT_SECONDS:
            self.duration = timedelta(seconds=amount * _UNIT_SECONDS[unit])
        elif unit == "month":
            self.duration = timedelta(days=30 * amount)
        else:
            self.duration = timedelta(days=365 * amount)
        self.duration_grain = _UNIT_GRAIN.get(unit, Grain.DAY)
        return True

    def _add_rdp(self, atom: Atom, g: dict[str, str]) -> bool:
        pod = "晚上" if g["rdpp"] in ("晚上", "晚", "夜") else "早上"
        return self._set(day_rel=_RDP_DAY[g["rdp"]], pod=pod)

    def _add_rday(self, atom: Atom, g: dict[str, str]) -> bool:
        return self._set(day_rel=_DAY_REL[g["rday"]])

    def _add_week(self, atom: Atom, g: dict[str, str]) -> bool:
        wd = g["wd"]
        pre = g.get("wpre")
        rel = None if pre is None else _REL.get(pre.rstrip("个"), 0)
        if self.rec is not None and rel is None:
            if wd == "末":
                self.rec_weekdays.extend([5, 6])
            else:
                self.rec_weekdays.append(_WEEKDAYS[wd])
            return True
        if wd == "末":
            if not self._set(weekend=True):
                return False
        elif not self._set(weekday=_WEEKDAYS[wd]):
            return False
        if rel is not None:
            self.week_rel = rel
        return True

    def _add_weekrel(self, atom: Atom, g: dict[str, str]) -> bool:
        return self._set(week_rel=_REL.get(g["wr"].rstrip("个"), 0))

    def _add_quarter(self, atom: Atom, g: dict[str, str]) -> bool:
        if g.get("qr"):
            return self._set(quarter_rel=_REL.get(g["qr"].rstrip("个"), 0))
        n = _num(g["qn"]) if g.get("qn") else int(g["qy"][1])
        return n is not None and 1 <= n <= 4 and self._set(quarter=n - 1)

    def _add_half(self, atom: Atom, g: dict[str, str]) -> bool:
        return self._set(half_year=0 if g["hy"] == "上" else 1)

    def _add_edge(self, atom: Atom, g: dict[str, str]) -> bool:
        if g["edge_u"] == "季度":
            return False
        return self._set(edge=(g["edge_u"], g["edge_w"]))

    def _add_relmonth(self, atom: Atom, g: dict[str, str]) -> bool:
        return self._set(month_rel=_REL.get(g["rm"].rstrip("个"), 0))

    def _add_relyear(self, atom: Atom, g: dict[str, str]) -> bool:
        return self._set(year_rel=_YEAR_REL[g["ry"]])

    def _add_year(self, atom: Atom, g: dict[str, str]) -> bool:
        value = _year(g["ya"])
        return value is not None and value > 0 and self._set(year=value)

    def _add_month(self, atom: Atom, g: dict[str, str]) -> bool:
        month = 1 if g["ma"] == "正" else _num(g["ma"])
        if month is None or not 1 <= month <= 12:
            return False
        day = _num(g.get("mdd"))
        if day is not None and not 1 <= day <= 31:
            return False
        if self.month_rel is not None:
            return False
        ok = self._set(month=month)
        if ok and day is not None:
            self.day = day
        return ok

    def _add_day(self, atom: Atom, g: dict[str, str]) -> bool:
        day = _num(g["da"])
        return day is not None and 1 <= day <= 31 and self._set(day=day)

    def _add_now(self, atom: Atom, g: dict[str, str]) -> bool:
        self.now = True
        return True

    def _add_clock(self, atom: Atom, g: dict[str, str]) -> bool:
        hour = _num(g["ch"])
        if hour is None or hour > 24:
            return False
        if hour == 1 and g["ch"] == "一" and atom.before in _LITTLE and not g.get("cm") and not g.get("cm_half"):
            return False
        minute: int | None = None
        if g.get("cm_half") or g.get("cm5h"):
            minute = 30
        elif g.get("cm5") or g.get("cm5t") or g.get("cm5b"):
            # Cantonese counts minutes in fives after the hour (三点一 / 三点三个字 = 3:05 / 3:15).
            minute = 5 * (_num(g.get("cm5") or g.get("cm5t") or g.get("cm5b")) or 0)
        elif g.get("cm_q"):
            minute = 15 * (_num(g["cm_q"]) or 0)
        elif g.get("cm"):
            minute = _num(g["cm"])
            if minute is None or minute >= 60:
                return False
        if not self._set(hour=hour):
            return False
        self.minute = minute
        if g.get("cs"):
            self.second = _num(g["cs"])
            if self.minute is None:
                self.minute = 0
        return True

    def _add_clockto(self, atom: Atom, g: dict[str, str]) -> bool:
        hour = _num(g["cbh"])
        before = 15 if g["cbm"] == "一刻" else _num(g["cbm"])
        if hour is None or before is None or not 0 < before < 60 or hour > 24:
            return False
        return self._set(hour=(hour - 1) % 24 if hour != 1 else 12 + 0 * hour, minute=60 - before)

    def _add_pod(self, atom: Atom, g: dict[str, str]) -> bool:
        if self.hour is not None:
            return False
        return self._set(pod=g["pod"])

    def _add_ampm(self, atom: Atom, g: dict[str, str]) -> bool:
        if self.hour is None:
            return False
        self.ampm = "pm" if g["ampm"][0] in "pP" else "am"
        return True


def absorb(chain: list[Atom]) -> list[tuple[Spec, Spec | None]]:
    """Split a run of adjacent atoms into expressions: (start, end of a range or None)."""
    out: list[tuple[Spec, Spec | None]] = []
    first: Spec | None = None
    cur = Spec()
    has_between = any(a.name == "between" for a in chain)

    def flush() -> None:
        nonlocal first, cur
        if first is not None:
            if not (first.empty() and cur.empty()):
                out.append((first, None if cur.empty() else cur))
        elif not cur.empty():
            out.append((cur, None))
        first = None
        cur = Spec()

    for atom in chain:
        name = atom.name
        if name == "frm":
            if not cur.empty() or first is not None:
                flush()
            cur.span = (atom.start, atom.start)
            continue
        if name == "to":
            joiner = atom.text in ("和", "与", "跟")
            if (joiner and not has_between) or first is not None:
                flush()
                continue
            if joiner and cur.empty():
                continue
            first = cur
            if first.empty():
                first.span = (atom.start, atom.end)
            cur = Spec()
            continue
        if name == "between":
            if first is not None and not cur.empty():
                cur.span = (cur.span[0], atom.end)
            flush()
            continue
        if name == "sfx":
            target = cur if not cur.empty() else None
            if target is not None and first is None:
                target.suffix = atom.text
                target.span = (target.span[0], atom.end)
            flush()
            continue
        if name == "clockrange":
            lo, hi = _num(atom.groups["cr1"]), _num(atom.groups["cr2"])
            if lo is None or hi is None or lo > 24 or hi > 24 or first is not None or cur.hour is not None:
                flush()
                continue
            cur.hour = lo
            cur.span = (atom.start if cur.empty_span() else cur.span[0], atom.end)
            first = cur
            cur = Spec(hour=hi, span=(atom.start, atom.end))
            continue
        if cur.add(atom):
            continue
        if first is None and cur.empty() and name in ("sfx",):
            continue
        flush()
        cur.add(atom)
    flush()
    return out
