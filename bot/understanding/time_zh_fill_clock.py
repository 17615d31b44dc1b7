"""Filling a Spec from clock, duration, offset and window atoms (time_zh_fill has the dates)."""

from __future__ import annotations

from datetime import timedelta

from bot.understanding.time_zh_spec import Atom, Spec
from bot.understanding.time_zh_units import LITTLE, UNIT_GRAIN, UNIT_SECONDS, UNITS, num
from bot.understanding.types import Grain


def add_hms(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    hour, minute = int(g["H"]), int(g["MI"])
    if hour > 24:
        return False
    ok = spec.assign(hour=hour, minute=minute)
    if ok and g.get("S"):
        spec.second = int(g["S"])
    spec.hour_24 = hour >= 13 or hour == 0 or g["H"].startswith("0") and spec.pod is None
    return ok


def add_workdays(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    n = num(g["wk_n"])
    if n is None or not spec.empty():
        return False
    spec.workdays_n = n
    spec.deadline = g.get("wk_dir", "内") in ("内", "之内", "以内")
    return True


def add_offwork(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    if spec.hour is not None or spec.pod is not None:
        return False
    spec.offwork = g["ow_dir"]
    spec.deadline = g["ow_dir"] in ("前", "之前", "以前")
    return True


def add_window(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    n = num(g["win_n"])
    unit = UNITS.get(g["win_u"].rstrip("钟") if g["win_u"] != "秒钟" else "秒")
    if n is None or unit is None or n == 0:
        return False
    word = g["win"]
    direction = -1 if word in ("前", "上", "过去", "最近", "近") else 1
    sliding = word in ("过去", "最近", "近", "未来", "接下来", "之后", "今后")
    spec.window = (n, unit, direction, sliding)
    return True


def add_hourwin(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    if g["hw"] == "这":
        return False
    spec.window = (1, "hour", -1 if g["hw"] == "上" else 1, True)
    return True


def _amount(n: str, half1: str | None, half2: str | None) -> float | None:
    value = 0.5 if n == "半" else num(n)
    if value is None:
        return None
    return value + (0.5 if half1 or half2 else 0)


def add_offset(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    amount = _amount(g["off_n"], g.get("off_h1"), g.get("off_h2"))
    unit = UNITS.get(g["off_u"])
    if amount is None or unit is None:
        return False
    sign = -1 if "前" in g["off_dir"] else 1
    spec.offset = (amount, unit, sign)
    return True


def add_guo(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    n = 2 if g["guo_n"] == "几" else num(g["guo_n"])
    unit = UNITS.get(g["guo_u"])
    if n is None or unit is None:
        return False
    spec.offset = (n, unit, 1)
    return True


def add_duration(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    amount = _amount(g["dur_n"], g.get("dur_h1"), g.get("dur_h2"))
    unit = UNITS.get(g["dur_u"])
    if amount is None or unit is None:
        return False
    if unit in UNIT_SECONDS:
        spec.duration = timedelta(seconds=amount * UNIT_SECONDS[unit])
    elif unit == "month":
        spec.duration = timedelta(days=30 * amount)
    else:
        spec.duration = timedelta(days=365 * amount)
    spec.duration_grain = UNIT_GRAIN.get(unit, Grain.DAY)
    return True


def add_now(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    spec.now = True
    return True


def add_clock(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    hour = num(g["ch"])
    if hour is None or hour > 24:
        return False
    if hour == 1 and g["ch"] == "一" and atom.before in LITTLE and not g.get("cm") and not g.get("cm_half"):
        return False
    minute: int | None = None
    if g.get("cm_half") or g.get("cm5h"):
        minute = 30
    elif g.get("cm5") or g.get("cm5t") or g.get("cm5b"):
        # Cantonese counts minutes in fives after the hour (三点一 / 三点三个字 = 3:05 / 3:15).
        minute = 5 * (num(g.get("cm5") or g.get("cm5t") or g.get("cm5b")) or 0)
    elif g.get("cm_q"):
        minute = 15 * (num(g["cm_q"]) or 0)
    elif g.get("cm"):
        minute = num(g["cm"])
        if minute is None or minute >= 60:
            return False
    if not spec.assign(hour=hour):
        return False
    spec.minute = minute
    if g.get("cs"):
        spec.second = num(g["cs"])
        if spec.minute is None:
            spec.minute = 0
    return True


def add_clockto(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    hour = num(g["cbh"])
    before = 15 if g["cbm"] == "一刻" else num(g["cbm"])
    if hour is None or before is None or not 0 < before < 60 or hour > 24:
        return False
    return spec.assign(hour=(hour - 1) % 24 if hour != 1 else 12 + 0 * hour, minute=60 - before)


def add_pod(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    if spec.hour is not None:
        return False
    return spec.assign(pod=g["pod"])


def add_ampm(spec: Spec, atom: Atom, g: dict[str, str]) -> bool:
    if spec.hour is None:
        return False
    spec.ampm = "pm" if g["ampm"][0] in "pP" else "am"
    return True
