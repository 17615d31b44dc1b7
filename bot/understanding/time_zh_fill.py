"""Filling a Spec from the atoms of a Chinese time expression (one handler per atom kind)."""

from __future__ import annotations

from collections.abc import Callable

from bot.understanding import time_zh_fill_clock as clock
from bot.understanding.time_zh_spec import Atom, Spec
from bot.understanding.time_zh_units import UNITS, num

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
             "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_REL = {"上上": -2, "上": -1, "下下": 2, "下": 1, "这": 0, "本": 0, "今": 0, "当": 0, "这一": 0}
_DAY_REL = {"大大前天": -4, "大前天": -3, "前天": -2, "前日": -2, "昨天": -1, "昨日": -1, "昨儿": -1,
            "今天": 0, "今日": 0, "当天": 0, "当日": 0, "本日": 0, "今儿": 0, "明天": 1, "明日": 1,
            "听日": 1, "翌日": 1, "次日": 1, "明儿": 1, "后天": 2, "大后天": 3, "大大后天": 4}
_RDP_DAY = {"今": 0, "明": 1, "听": 1, "昨": -1, "前": -2, "后": 2, "大前": -3, "大后": 3}
_YEAR_REL = {"大前": -3, "前": -2, "去": -1, "上": -1, "今": 0, "本": 0, "当": 0, "明": 1, "下": 1,
             "来": 1, "后": 2, "大后": 3}


def _year(text: str) -> int | None:
    value = num(text)
    if value is None:
        return None
    if len(text) == 2:
        # Two-digit years: 08年 → 2008, 74 → 1974.
        return 2000 + value if value <= 40 else 1900 + value
    return value


def add(spec: Spec, atom: Atom) -> bool:
    """Absorb an atom; False when it clashes with what is already said (a new expression)."""
    g = atom.groups
    name = atom.name
    date_like = name not in ("clock", "hms", "clockto", "pod", "ampm", "clockrange")
    if date_like and spec.hour is not None and name not in ("rec",):
        return False
    if name in ("duration", "now", "offset", "window", "hourwin", "guo", "century", "decade") and not spec.empty():
        return False
    if spec.duration is not None or spec.now or spec.offset is not None or spec.window is not None:
        return False
    handler = _HANDLERS.get(name)
    if handler is None:
        return False
    ok = handler(spec, atom, g)
    if ok:
        spec.span = (min(spec.span[0], atom.start) if not spec.empty_span() else atom.start,
                     max(spec.span[1], atom.end))
    return bool(ok)


def _add_rec(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    if not spec.empty():
        return False
    n = num(g.get("rec_n")) if g.get("rec_n") else 1
    unit = UNITS.get(g.get("rec_u", ""), None)
    spec.rec = (n or 1, unit)
    return True


def _add_century(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    c, d = num(g["cent"]), num(g["cent_dec"])
    if c is None or d is None:
        return False
    if d >= 10:
        d //= 10
    return spec.assign(century=(c, d))


def _add_decade(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    value = num(g["dec"])
    if value is None:
        return False
    if value < 100:
        value += 1900 if value >= 20 else 2000
    return spec.assign(decade=value - value % 10)


def _add_minguo(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    value = 1 if g["mg"] == "元" else num(g["mg"])
    return value is not None and spec.assign(year=1911 + value)


def _add_ymd(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    y, m, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return False
    return spec.assign(year=y, month=m, day=d)


def _add_dmy(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    a, b = int(g["a2"]), int(g["b2"])
    year = _year(g["c2"])
    day, month = (a, b) if g["s2"] == "." or a > 12 else (b, a)
    if year is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    return spec.assign(year=year, month=month, day=day)


def _add_md(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    return spec.assign(month=int(g["m3"]), day=int(g["d3"]))


def _add_nthwd(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    n = num(g["nth"])
    wd = _WEEKDAYS.get(g["nthw"])
    return n is not None and wd is not None and 1 <= n <= 5 and spec.assign(nth_weekday=(n, wd))


def _add_lastwd(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    if g.get("lastwork"):
        if spec.rec is None:
            return False
        spec.rec_last_workday = True
        return True
    wd = _WEEKDAYS.get(g.get("lastw", ""))
    return wd is not None and spec.assign(nth_weekday=(-1, wd))


def _add_holafter(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    from bot.understanding.time_zh_holidays import OFFICIAL

    name = g.get("ha_name")
    if name is not None and name not in OFFICIAL:
        return False
    return spec.assign(after_holiday=True, after_holiday_name=name)


def _add_holiday(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    return spec.assign(holiday=g["hol"])


def _add_rdp(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    pod = "晚上" if g["rdpp"] in ("晚上", "晚", "夜") else "早上"
    return spec.assign(day_rel=_RDP_DAY[g["rdp"]], pod=pod)


def _add_rday(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    return spec.assign(day_rel=_DAY_REL[g["rday"]])


def _add_week(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    wd = g["wd"]
    pre = g.get("wpre")
    rel = None if pre is None else _REL.get(pre.rstrip("个"), 0)
    if spec.rec is not None and rel is None:
        if wd == "末":
            spec.rec_weekdays.extend([5, 6])
        else:
            spec.rec_weekdays.append(_WEEKDAYS[wd])
        return True
    if wd == "末":
        if not spec.assign(weekend=True):
            return False
    elif not spec.assign(weekday=_WEEKDAYS[wd]):
        return False
    if rel is not None:
        spec.week_rel = rel
    return True


def _add_weekrel(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    return spec.assign(week_rel=_REL.get(g["wr"].rstrip("个"), 0))


def _add_quarter(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    if g.get("qr"):
        return spec.assign(quarter_rel=_REL.get(g["qr"].rstrip("个"), 0))
    n = num(g["qn"]) if g.get("qn") else int(g["qy"][1])
    return n is not None and 1 <= n <= 4 and spec.assign(quarter=n - 1)


def _add_half(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    return spec.assign(half_year=0 if g["hy"] == "上" else 1)


def _add_edge(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    if g["edge_u"] == "季度":
        return False
    return spec.assign(edge=(g["edge_u"], g["edge_w"]))


def _add_edgetail(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    if atom.before == "月" and spec.month is None and spec.month_rel is None:
        return False
    if atom.before == "年" and spec.year is None and spec.year_rel is None:
        return False
    return spec.assign(edge=(atom.before, g["et"]))


def _add_relmonth(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    return spec.assign(month_rel=_REL.get(g["rm"].rstrip("个"), 0))


def _add_relyear(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    return spec.assign(year_rel=_YEAR_REL[g["ry"]])


def _add_year(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    value = _year(g["ya"])
    return value is not None and value > 0 and spec.assign(year=value)


def _add_month(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    month = 1 if g["ma"] == "正" else num(g["ma"])
    if month is None or not 1 <= month <= 12:
        return False
    day = num(g.get("mdd"))
    if day is not None and not 1 <= day <= 31:
        return False
    if spec.month_rel is not None:
        return False
    ok = spec.assign(month=month)
    if ok and day is not None:
        spec.day = day
    return ok


def _add_day(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    day = num(g["da"])
    return day is not None and 1 <= day <= 31 and spec.assign(day=day)


_HANDLERS: dict[str, Callable[[Spec, Atom, dict[str, str]], bool]] = {
    "rec": _add_rec,
    "century": _add_century,
    "decade": _add_decade,
    "minguo": _add_minguo,
    "ymd": _add_ymd,
    "dmy": _add_dmy,
    "md": _add_md,
    "hms": clock.add_hms,
    "nthwd": _add_nthwd,
    "lastwd": _add_lastwd,
    "holafter": _add_holafter,
    "holiday": _add_holiday,
    "workdays": clock.add_workdays,
    "offwork": clock.add_offwork,
    "window": clock.add_window,
    "hourwin": clock.add_hourwin,
    "offset": clock.add_offset,
    "guo": clock.add_guo,
    "duration": clock.add_duration,
    "rdp": _add_rdp,
    "rday": _add_rday,
    "week": _add_week,
    "weekrel": _add_weekrel,
    "quarter": _add_quarter,
    "half": _add_half,
    "edge": _add_edge,
    "edgetail": _add_edgetail,
    "relmonth": _add_relmonth,
    "relyear": _add_relyear,
    "year": _add_year,
    "month": _add_month,
    "day": _add_day,
    "now": clock.add_now,
    "clock": clock.add_clock,
    "clockto": clock.add_clockto,
    "pod": clock.add_pod,
    "ampm": clock.add_ampm,
}
