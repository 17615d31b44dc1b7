"""The office's supervision policy from config [tasks]: reminders, chasing, escalation, reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from bot import i18n
from bot.config import Settings

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
TONES = ("gentle", "firm")


@dataclass(frozen=True)
class TaskPolicy:
    """How assignments are reminded, chased, escalated and reported."""

    remind_days_before: tuple[int, ...] = (3, 1)
    remind_morning_of_due: bool = True
    remind_at: time = time(9, 0)
    chase_at: time = time(9, 30)
    chase_every_workdays: int = 1
    chase_tone: str = "firm"
    escalate_after: int = 2
    at_risk_days: int = 7
    report_weekday: int = 4  # Friday
    report_at: time = time(16, 0)
    report_monthly_day: int = 1  # the month's report (of the month before) on this day
    report_to: tuple[str, ...] = ()
    leaders_in_charge: dict[str, str] = field(default_factory=dict)
    chase_templates: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def chase_key(self, step: int) -> str:
        """The template key of the n-th chase (1-based), the last step repeating."""
        custom = self.chase_templates
        if custom:
            steps = max(len(v) for v in custom.values())
            return f"task_chase_custom_{min(step, steps)}"
        return f"task_chase_{self.chase_tone}_{min(step, 3)}"


def _time(text: Any, default: time) -> time:
    if not text:
        return default
    hour, minute = str(text).split(":")
    return time(int(hour), int(minute))


def _weekday(text: Any, default: int) -> int:
    if text is None:
        return default
    if isinstance(text, int):
        return text % 7
    key = str(text).strip().upper()[:2]
    return WEEKDAYS.index(key) if key in WEEKDAYS else default


# Keyed by id, holding the settings too so an id is never reused for other settings while cached.
_cache: dict[int, tuple[Settings, TaskPolicy]] = {}


def policy_of(settings: Settings) -> TaskPolicy:
    """The [tasks] policy of these settings (defaults for anything not set)."""
    cached = _cache.get(id(settings))
    if cached is not None and cached[0] is settings:
        return cached[1]
    raw: dict[str, Any] = dict(settings.policy.get("tasks", {}))
    tone = str(raw.get("chase_tone", "firm"))
    templates = {str(lang): tuple(str(t) for t in texts) for lang, texts in dict(raw.get("chase_templates", {})).items()}
    pol = TaskPolicy(
        remind_days_before=tuple(int(d) for d in raw.get("remind_days_before", (3, 1))),
        remind_morning_of_due=bool(raw.get("remind_morning_of_due", True)),
        remind_at=_time(raw.get("remind_at"), time(9, 0)),
        chase_at=_time(raw.get("chase_at"), time(9, 30)),
        chase_every_workdays=max(1, int(raw.get("chase_every_workdays", 1))),
        chase_tone=tone if tone in TONES else "firm",
        escalate_after=max(1, int(raw.get("escalate_after", 2))),
        at_risk_days=max(1, int(raw.get("at_risk_days", 7))),
        report_weekday=_weekday(raw.get("report_weekday"), 4),
        report_at=_time(raw.get("report_at"), time(16, 0)),
        report_monthly_day=int(raw.get("report_monthly_day", 1)),
        report_to=tuple(str(n) for n in raw.get("report_to", ())),
        leaders_in_charge={str(k): str(v) for k, v in dict(raw.get("leaders_in_charge", {})).items()},
        chase_templates=templates,
    )
    _register_custom_templates(pol)
    _cache[id(settings)] = (settings, pol)
    return pol


def _register_custom_templates(pol: TaskPolicy) -> None:
    for lang, texts in pol.chase_templates.items():
        if lang in ("zh-Hans", "en") and texts:
            i18n.register(lang, {f"task_chase_custom_{i + 1}": t for i, t in enumerate(texts)})


def is_workday(day: date) -> bool:
    """A working day by the official calendar when it is available, else Monday to Friday."""
    try:
        from bot.understanding.workdays import is_workday as official
    except ImportError:
        return day.weekday() < 5
    return bool(official(day))


def add_workdays(day: date, n: int) -> date:
    """The n-th working day after the day (before it when n < 0)."""
    try:
        from bot.understanding.workdays import add_workdays as official
    except ImportError:
        from datetime import timedelta

        step = 1 if n >= 0 else -1
        current, remaining = day, abs(n)
        while remaining:
            current += timedelta(days=step)
            if current.weekday() < 5:
                remaining -= 1
        return current
    return official(day, n)


def workdays_between(start: date, end: date) -> int:
    """How many working days lie after start up to and including end."""
    from datetime import timedelta

    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if is_workday(current):
            count += 1
    return count
