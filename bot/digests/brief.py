"""The daily brief per leader at the time each chooses, the evening summary, and "今天有什么安排" on request."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot import i18n
from bot.context import Context
from bot.digests.prefs import claim_prefs, prefs_of
from bot.digests.sections import brief_lines
from bot.handlers import Replies, pre_parser
from bot.jobs import due_job
from bot.replies import reply
from bot.roles import Role
from bot.understanding.lang import to_simplified
from bot.understanding.workdays import add_workdays, is_workday
from storage.models import Person
from storage.models_reminders import DigestLog, LeaderPrefs

_ON_REQUEST = re.compile(r"^\s*(?:今天|今日)(?:我)?(?:有|有些)?(?:什么|啥|哪些)?(?:安排|日程|事)(?:吗|呢)?"
                         r"|^\s*(?:我的|今日|今天的)?简报\s*$"
                         r"|^\s*(?:(?:give\s+me\s+)?my\s+(?:daily\s+)?brief(?:ing)?|brief\s+me|what'?s\s+on\s+(?:for\s+)?"
                         r"today|what\s+do\s+i\s+have\s+today|today'?s\s+brief(?:ing)?)\s*[??.!]*\s*$",
                         re.IGNORECASE)
BRIEF, SUMMARY = "brief", "summary"


@pre_parser
def claim(ctx: Context, text: str) -> Replies | None:
    """Leader preference messages, and the brief on request."""
    simple = to_simplified(text).strip()
    if _ON_REQUEST.match(simple) and not re.search(r"\d|[一二三四五六七八九十两]点", simple):
        return brief_now(ctx)
    return claim_prefs(ctx, text)


def brief_now(ctx: Context) -> Replies:
    """Today's brief for the asker; said plainly when there is nothing."""
    start, end = day_bounds(ctx, ctx.local_now.date())
    lines = brief_lines(ctx.session, ctx.person, start, end, ctx.lang)
    day = i18n.format_date(start, ctx.lang, ctx.tz)
    if not lines:
        return reply("dg_brief_empty", day=day)
    return reply("dg_text", text="\n".join([i18n.render("dg_brief_head", ctx.lang, day=day), *lines]))


def day_bounds(ctx: Context, day: date) -> tuple[datetime, datetime]:
    """Midnight to midnight of a local day, aware in the office zone."""
    start = datetime.combine(day, time(0, 0), tzinfo=ctx.tz)
    return start, start + timedelta(days=1)


def brief_recipients(ctx: Context) -> list[Person]:
    """Leaders, and anyone else (a director) who set push preferences."""
    opted = {row.person_id for row in ctx.session.exec(select(LeaderPrefs))}
    people = ctx.session.exec(select(Person).where(Person.active == True).order_by(Person.id))  # type: ignore[arg-type]  # noqa: E712
    return [p for p in people if Role.LEADER in p.role_set() or p.id in opted]


def log_once(ctx: Context, person_id: int, kind: str, day: date, sent: bool) -> bool:
    """Record a digest for the day; False when one was already recorded (never twice)."""
    if ctx.session.exec(select(DigestLog).where(DigestLog.person_id == person_id, DigestLog.kind == kind,
                                                DigestLog.day == day)).first() is not None:
        return False
    try:
        with ctx.session.begin_nested():
            ctx.session.add(DigestLog(person_id=person_id, kind=kind, day=day, sent=sent, at=ctx.now))
    except IntegrityError:
        return False
    return True


@due_job("digests.brief")
def send_briefs(ctx: Context) -> int:
    """At each leader's brief time on working days: the brief, or nothing on a day with nothing to say."""
    local = ctx.local_now
    today = local.date()
    if not is_workday(today):
        return 0
    sent = 0
    for person in brief_recipients(ctx):
        prefs = prefs_of(ctx.session, person.id, ctx.settings.policy)
        due = datetime.combine(today, prefs.brief_time, tzinfo=ctx.tz)
        if not prefs.brief_enabled or local < due or local.time() >= ctx.settings.office.office_close:
            continue
        sent += _send_digest(ctx, person, BRIEF, today, today, "dg_brief_head")
    return sent


@due_job("digests.summary")
def send_summaries(ctx: Context) -> int:
    """For leaders who want only urgent pushes: the summary of the next working day at their summary time."""
    local = ctx.local_now
    today = local.date()
    if not is_workday(today):
        return 0
    sent = 0
    for person in brief_recipients(ctx):
        prefs = prefs_of(ctx.session, person.id, ctx.settings.policy)
        if not prefs.urgent_only_push or prefs.summary_time is None:
            continue
        if local < datetime.combine(today, prefs.summary_time, tzinfo=ctx.tz):
            continue
        sent += _send_digest(ctx, person, SUMMARY, today, add_workdays(today, 1), "dg_summary_head")
    return sent


def _send_digest(ctx: Context, person: Person, kind: str, log_day: date, about: date, head_key: str) -> int:
    if person.id is None:
        return 0
    lang = person.language or ctx.settings.office.default_language
    start, end = day_bounds(ctx, about)
    lines = brief_lines(ctx.session, person, start, end, lang)
    if not log_once(ctx, person.id, kind, log_day, bool(lines)) or not lines:
        return 0
    head = i18n.render(head_key, lang, day=i18n.format_date(start, lang, ctx.tz))
    ctx.notify(person, "dg_text", source=("digest", f"{kind}:{log_day.isoformat()}"),
               idempotency_key=f"digest:{kind}:{person.id}:{log_day.isoformat()}",
               text="\n".join([head, *lines]))
    return 1
