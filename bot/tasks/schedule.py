"""When things fall due for an assignment: reminders before the deadline, progress reports, chase slots."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr

from bot.context import Context
from bot.tasks.policy import TaskPolicy, add_workdays, is_workday
from storage.models_tasks import Task

_FREQ_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 30, "YEARLY": 365}


def rule_interval(rule: str | None) -> timedelta | None:
    """The agreed interval of a progress rule (FREQ=WEEKLY;BYDAY=FR → 7 days)."""
    if not rule:
        return None
    parts = dict(p.split("=", 1) for p in rule.upper().removeprefix("RRULE:").split(";") if "=" in p)
    days = _FREQ_DAYS.get(parts.get("FREQ", ""), 0)
    if not days:
        return None
    return timedelta(days=days * int(parts.get("INTERVAL", "1") or 1))


_DAYS_ZH = {"MO": "一", "TU": "二", "WE": "三", "TH": "四", "FR": "五", "SA": "六", "SU": "日"}
_DAYS_EN = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday",
            "SA": "Saturday", "SU": "Sunday"}


def describe_rule(rule: str | None, lang: str) -> str:
    """A progress rule in words (每周五 / every Friday); the rule itself when it is unusual."""
    if not rule:
        return "-"
    parts = dict(p.split("=", 1) for p in rule.upper().removeprefix("RRULE:").split(";") if "=" in p)
    freq, interval, days = parts.get("FREQ", ""), int(parts.get("INTERVAL", "1") or 1), parts.get("BYDAY", "")
    zh = lang != "en"
    if freq == "DAILY" and interval == 1:
        return "每天" if zh else "every day"
    if freq == "WEEKLY" and days and all(d in _DAYS_ZH for d in days.split(",")):
        if zh:
            return ("每周" if interval == 1 else f"每{interval}周的周") + "、".join(_DAYS_ZH[d] for d in days.split(","))
        names = ", ".join(_DAYS_EN[d] for d in days.split(","))
        return f"every {names}" if interval == 1 else f"every {interval} weeks on {names}"
    if freq == "MONTHLY" and parts.get("BYMONTHDAY", "").isdigit():
        day = parts["BYMONTHDAY"]
        return f"每月{day}日" if zh else f"monthly on day {day}"
    return rule


def risk_after(task: Task, policy: TaskPolicy) -> timedelta:
    """How long without a progress report makes an item at risk: its progress interval, else the policy's."""
    return rule_interval(task.progress_rrule) or timedelta(days=policy.at_risk_days)


def next_progress_after(ctx: Context, task: Task, after: datetime) -> datetime | None:
    """The next progress report due after an instant, at the office's opening on the rule's days."""
    if not task.progress_rrule:
        return None
    opening = ctx.settings.office.office_open
    start = task.created_at.astimezone(ctx.tz).replace(hour=opening.hour, minute=opening.minute, second=0,
                                                         microsecond=0, tzinfo=None)
    try:
        rule = rrulestr(task.progress_rrule.removeprefix("RRULE:"), dtstart=start)
    except (ValueError, TypeError):
        return None
    nxt = rule.after(after.astimezone(ctx.tz).replace(tzinfo=None))
    if nxt is None:
        return None
    return nxt.replace(tzinfo=ctx.tz)


def first_progress_at(ctx: Context, task: Task) -> datetime | None:
    """The first progress report due after creation."""
    return next_progress_after(ctx, task, ctx.now)


def reminder_thresholds(task: Task, policy: TaskPolicy, tz: object) -> list[tuple[str, date]]:
    """The reminder steps (key, local day) before a deadline: N days before each, and the day itself."""
    due_day = task.due.astimezone(tz).date()  # type: ignore[arg-type]
    steps = [(f"d{n}", due_day - timedelta(days=n)) for n in sorted(policy.remind_days_before, reverse=True)]
    if policy.remind_morning_of_due:
        steps.append(("d0", due_day))
    return steps


def reminder_due(ctx: Context, task: Task, policy: TaskPolicy) -> str | None:
    """The reminder step to send now, if any: the latest reached and not yet sent."""
    local = ctx.local_now
    if local.time() < policy.remind_at or task.due <= ctx.now:
        return None
    reached = [key for key, day in reminder_thresholds(task, policy, ctx.tz) if local.date() >= day]
    if not reached:
        return None
    latest = reached[-1]
    return None if latest in (task.reminders_sent or []) else latest


def initial_reminders(ctx: Context, task: Task, policy: TaskPolicy) -> list[str]:
    """Steps already past when the item is created (a 2-day item gets no 3-day reminder)."""
    today = ctx.local_now.date()
    return [key for key, day in reminder_thresholds(task, policy, ctx.tz) if day < today]


def latest_chase_slot(ctx: Context, policy: TaskPolicy) -> datetime:
    """The most recent chase time (working day at chase_at) at or before now."""
    local = ctx.local_now
    day = local.date()
    if not (is_workday(day) and local.time() >= policy.chase_at):
        day = add_workdays(day, -1)
    return datetime.combine(day, policy.chase_at, tzinfo=ctx.tz)


def chase_due(ctx: Context, task: Task, policy: TaskPolicy) -> datetime | None:
    """The chase slot to act on now for an overdue item, or None when it is not time."""
    slot = latest_chase_slot(ctx, policy)
    if slot <= task.due:
        return None
    if task.last_chased_at is not None:
        last_day = task.last_chased_at.astimezone(ctx.tz).date()
        if last_day >= slot.date():
            return None
        if add_workdays(last_day, policy.chase_every_workdays) > slot.date():
            return None
    return slot


def report_slots(ctx: Context, policy: TaskPolicy) -> list[tuple[str, str, datetime, datetime, datetime]]:
    """The weekly and monthly report periods whose send time has come: (kind, key, start, end, send time)."""
    local = ctx.local_now
    out: list[tuple[str, str, datetime, datetime, datetime]] = []
    week_start = (local - timedelta(days=local.weekday())).date()
    send_week = datetime.combine(week_start + timedelta(days=policy.report_weekday), policy.report_at, tzinfo=ctx.tz)
    if local >= send_week:
        start = datetime.combine(week_start, time(0), tzinfo=ctx.tz)
        out.append(("weekly", f"W{week_start.isoformat()}", start, start + timedelta(days=7), send_week))
    send_month = datetime.combine(local.date().replace(day=max(1, min(policy.report_monthly_day, 28))),
                                  policy.report_at, tzinfo=ctx.tz)
    if send_month <= local < send_month + timedelta(days=3):
        this_month = datetime.combine(local.date().replace(day=1), time(0), tzinfo=ctx.tz)
        prev = (this_month - timedelta(days=1)).replace(day=1)
        out.append(("monthly", f"M{prev:%Y-%m}", prev, this_month, send_month))
    return out
