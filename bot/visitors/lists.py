"""Visitor lists for a day or period, and the monthly summary by category and department for leaders."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, on_intent
from bot.replies import Reply, UserError, reply
from bot.roles import Role
from bot.understanding.commands import ParsedCommand
from bot.understanding.types import Grain, TimeReading
from bot.visitors import store
from bot.visitors.privacy import may_see_details, shown_phone
from storage.models_visitors import Visit, VisitStatus

LISTERS = (Role.RECEPTION, Role.DIRECTOR, Role.ADMIN, Role.LEADER, Role.SECRETARY)
_SUMMARY = re.compile(r"(?:本月|这个月|上月|上个月|\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月).{0,6}(?:来访|访客).{0,8}(?:汇总|统计|报表|情况)"
                      r"|(?:来访|访客).{0,6}(?:月度?)(?:汇总|统计|报表)"
                      r"|\b(?:monthly|this month'?s?|last month'?s?)\s+visitors?\s+(?:summary|statistics|stats|report)\b"
                      r"|\bvisitors?\s+(?:summary|statistics|stats|report)\s+(?:for\s+)?(?:this|last)\s+month\b",
                      re.IGNORECASE)


@on_intent("visitor.list")
def list_visitors(ctx: Context, command: ParsedCommand) -> Replies:
    """The visitors of a period (today when none is named), masked unless the reader is entitled."""
    start, end = _period(ctx, command)
    visits = store.visits_between(ctx.session, start, end)
    directory = store.preload_directory(ctx.session)  # noqa: F841 - held so per-row look-ups hit the session
    if not ctx.has_role(*LISTERS):
        visits = [v for v in visits if ctx.person.id in (v.host_person_id, v.received_by_id)]
    day = i18n.format_date(start, ctx.lang, ctx.tz)
    if end - start > timedelta(days=1):
        day = f"{day} – {i18n.format_date(end - timedelta(seconds=1), ctx.lang, ctx.tz)}"
    if not visits:
        return reply("vis_list_empty", day=day)
    # A list holds visitors' names: asked in a group, it is answered privately.
    return Reply("vis_list", {"day": day, "n": len(visits), "items": "\n".join(item(ctx, v) for v in visits)},
                 private=True)


def item(ctx: Context, visit: Visit) -> str:
    """One visitor in a list."""
    lang = ctx.lang
    local = visit.start_at.astimezone(ctx.tz) if visit.start_at else None
    phone = shown_phone(visit, may_see_details(ctx.person, visit)) if not visit.anonymised_at else ""
    return i18n.render("vis_list_item", lang, id=visit.id, time=f"{local:%H:%M}" if local else "",
                       visitor=store.visitor_label(visit, lang),
                       org=i18n.render("vis_org", lang, org=visit.org) if visit.org else "",
                       phone=i18n.render("vis_phone", lang, phone=phone) if phone else "",
                       host=store.host_label(ctx.session, visit, lang), category=store.category_label(visit, lang),
                       status=store.status_label(visit.status, lang))


def _period(ctx: Context, command: ParsedCommand) -> tuple[datetime, datetime]:
    start = _instant(ctx, command.slots.get("start"))
    end = _instant(ctx, command.slots.get("end"))
    reading = _reading(ctx, command.text)
    if start is None and reading is not None:
        start, end = reading.start, reading.end
    day_start, day_end = store.local_day_bounds(ctx, start or ctx.now)
    if end is None and reading is not None and reading.grain in (Grain.WEEK, Grain.MONTH):
        end = day_start + timedelta(days=7) if reading.grain == Grain.WEEK else (day_start + timedelta(days=32)).replace(day=1)
    if end is None or end <= day_end:
        return day_start, day_end
    last_start, last_end = store.local_day_bounds(ctx, end)
    return day_start, last_start if end == last_start else last_end


def _reading(ctx: Context, text: str) -> TimeReading | None:
    from bot.understanding.timeparse import find_times

    try:
        readings = [r for r in find_times(text, ctx.local_now) if r.start is not None]
    except Exception:  # the resolver must never stop a list
        return None
    return readings[0] if readings else None


def _instant(ctx: Context, value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=ctx.tz)
    return None


def is_summary_request(text: str) -> bool:
    """True for "本月来访登记汇总" / "monthly visitor summary"."""
    return bool(_SUMMARY.search(text))


def _month(ctx: Context, text: str) -> tuple[datetime, datetime]:
    local = ctx.local_now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if re.search(r"上月|上个月|last month", text, re.IGNORECASE):
        local = (local - timedelta(days=1)).replace(day=1)
    else:
        named = re.search(r"(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月", text)
        if named and not re.search(r"本月|这个月", text):
            from bot.understanding.numerals import chinese_to_int

            raw = named.group(1)
            month = int(raw) if raw.isdigit() else chinese_to_int(raw) or local.month
            if 1 <= month <= 12:
                year = local.year if month <= local.month else local.year - 1
                local = local.replace(year=year, month=month)
    following = (local + timedelta(days=32)).replace(day=1)
    return local, following


def monthly_summary(ctx: Context, text: str) -> Replies:
    """Visits of a month by category and department, with closed/open and repeat counts."""
    if not ctx.has_role(*LISTERS):
        raise UserError("not_allowed")
    start, end = _month(ctx, text)
    lang = ctx.lang
    month = f"{start:%B %Y}" if lang == "en" else f"{start.year}年{start.month}月"
    visits = store.visits_between(ctx.session, start, end)
    directory = store.preload_directory(ctx.session)  # noqa: F841 - held so per-row look-ups hit the session
    if not visits:
        return reply("vis_summary_none", month=month)
    categories = Counter(store.category_label(v, lang) for v in visits)
    departments = Counter(store.dept_name(ctx.session, v.host_department_id or v.referral_department_id, lang)
                          for v in visits)
    sep = ", " if lang == "en" else "、"
    closed = sum(1 for v in visits if v.status in (VisitStatus.CLOSED, VisitStatus.DECLINED))
    return reply("vis_summary", month=month, n=len(visits), closed=closed, open=len(visits) - closed,
                 repeat=sum(1 for v in visits if v.previous_visit_id),
                 categories=sep.join(f"{k} {n}" for k, n in categories.most_common()),
                 departments=sep.join(f"{k} {n}" for k, n in departments.most_common()))
