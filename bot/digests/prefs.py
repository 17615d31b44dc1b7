"""Leaders' push preferences: brief time, urgent-only pushes with a daily summary, quiet hours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlmodel import Session

from bot import i18n
from bot.context import Context
from bot.handlers import Replies
from bot.replies import reply
from bot.understanding.conventions import Conventions
from bot.understanding.lang import to_simplified
from bot.understanding.timeparse import find_times
from storage.models_reminders import LeaderPrefs

_BRIEF = re.compile(r"简报|早报|日报|(?i:\bbrief(?:ing)?\b|\bdigest\b)")
_STOP_BRIEF = re.compile(r"(?:不要|别|停|取消|不用)(?:再)?(?:发|给我发)?(?:每日|每天的?)?简报|(?i:\bstop\s+(?:the\s+|my\s+)?"
                         r"(?:daily\s+)?(?:brief|digest)s?\b|\bno\s+(?:more\s+)?(?:daily\s+)?(?:brief|digest)s?\b)")
_URGENT_ONLY = re.compile(r"只有?(?:急事|急件|紧急的?(?:事情?|事项)?)(?:才)?(?:单独)?(?:推|发|告诉|通知)"
                          r"|(?i:\bonly\s+(?:push|send|tell|notify)\s+(?:me\s+)?(?:about\s+)?(?:urgent|what'?s\s+urgent)"
                          r"|\burgent\s+(?:things|items|matters)\s+only\b)")
_PUSH_ALL = re.compile(r"(?:所有|什么)事(?:情)?都(?:及时)?推给我|(?i:\bpush\s+(?:me\s+)?everything\b)")
_SUMMARY = re.compile(r"汇总|(?i:\bsummar(?:y|ise|ize)\b|\bround-?up\b)")
_QUIET = re.compile(r"免打扰|(?:别|不要)打扰|(?i:\bquiet\s+hours\b|\bdo\s+not\s+disturb\b|\bdon'?t\s+disturb\b)")
_NOT_PREFS = re.compile(r"提醒|通知|(?i:\bremind|\bnotif|\bnotice\b)")
_BEFORE_CLOSE = re.compile(r"下班前|(?i:\bEOD\b|end\s+of\s+(?:the\s+)?day|before\s+(?:I\s+)?leav)")
SUMMARY_BEFORE_CLOSE = timedelta(minutes=30)


@dataclass(frozen=True)
class Prefs:
    """A person's effective push preferences (stored values over the office defaults)."""

    brief_time: time
    brief_enabled: bool
    urgent_only_push: bool
    summary_time: time | None
    quiet_start: time
    quiet_end: time


def policy(settings_policy: dict[str, Any]) -> dict[str, Any]:
    """The [digests] table of the configuration."""
    raw = settings_policy.get("digests", {})
    return raw if isinstance(raw, dict) else {}


def hhmm(text: str | None, default: time) -> time:
    """"07:30" -> time(7, 30); the default for anything else."""
    try:
        hour, minute = str(text).split(":")
        return time(int(hour), int(minute))
    except ValueError:
        return default


def prefs_of(session: Session, person_id: int | None, settings_policy: dict[str, Any]) -> Prefs:
    """The person's preferences, falling back to the office defaults."""
    conf = policy(settings_policy)
    row = session.get(LeaderPrefs, person_id) if person_id else None
    brief = hhmm(conf.get("brief_time"), time(8, 0))
    quiet = (hhmm(conf.get("quiet_start"), time(22, 0)), hhmm(conf.get("quiet_end"), time(7, 0)))
    if row is None:
        return Prefs(brief, True, False, None, *quiet)
    return Prefs(hhmm(row.brief_time, brief), row.brief_enabled, row.urgent_only_push,
                 hhmm(row.summary_time, time(17, 30)) if row.summary_time else None,
                 hhmm(row.quiet_start, quiet[0]), hhmm(row.quiet_end, quiet[1]))


def in_quiet_hours(moment: time, start: time, end: time) -> bool:
    """True when a local time falls in quiet hours (which may run over midnight)."""
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def next_at(local_now: datetime, at: time) -> datetime:
    """The next local instant at this clock time (today if still ahead, else tomorrow)."""
    today = local_now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return today if today > local_now else today + timedelta(days=1)


def claim_prefs(ctx: Context, text: str) -> Replies | None:
    """A preference message ("每天早上七点半给我发简报", "只有急事单独推给我…", "brief me at 8am"), else None."""
    simple = to_simplified(text)
    if len(simple) > 80 or _NOT_PREFS.search(simple):
        return None
    stop = _STOP_BRIEF.search(simple)
    urgent = _URGENT_ONLY.search(simple) or _PUSH_ALL.search(simple)
    quiet = _QUIET.search(simple)
    brief = _BRIEF.search(simple)
    if not (stop or urgent or quiet or brief):
        return None
    times = _times(ctx, simple)
    if not (stop or urgent or quiet or times):
        return None  # "brief me" alone is a request for the brief, not a preference
    row = ctx.session.get(LeaderPrefs, ctx.person.id)
    if row is None:
        current = prefs_of(ctx.session, ctx.person.id, ctx.settings.policy)
        row = LeaderPrefs(person_id=ctx.person.id or 0, brief_time=f"{current.brief_time:%H:%M}",
                          quiet_start=f"{current.quiet_start:%H:%M}", quiet_end=f"{current.quiet_end:%H:%M}")
    if stop:
        row.brief_enabled = False
    elif brief and times and not (urgent and _SUMMARY.search(simple)):
        row.brief_time, row.brief_enabled = f"{times[0]:%H:%M}", True
    if urgent:
        row.urgent_only_push = bool(_URGENT_ONLY.search(simple))
        summary = _summary_time(ctx, simple, times)
        row.summary_time = f"{summary:%H:%M}" if row.urgent_only_push else None
    if quiet:
        if len(times) < 2:
            return reply("dg_pref_ask_time")
        row.quiet_start, row.quiet_end = f"{times[0]:%H:%M}", f"{times[1]:%H:%M}"
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("digest.prefs", "person", ctx.person.id, brief=row.brief_time, brief_on=row.brief_enabled,
              urgent_only=row.urgent_only_push, summary=row.summary_time or "",
              quiet=f"{row.quiet_start}-{row.quiet_end}")
    return reply("dg_prefs_saved", items="\n".join(_describe(ctx, row)))


def _times(ctx: Context, text: str) -> list[time]:
    conv = Conventions(office_open=ctx.settings.office.office_open, office_close=ctx.settings.office.office_close)
    found: list[time] = []
    for r in find_times(text, ctx.local_now, conv):
        for instant in (r.start, r.end):
            if instant is not None and (r.grain.value in ("minute", "hour", "second")):
                found.append(instant.astimezone(ctx.tz).time())
    return found


def _summary_time(ctx: Context, text: str, times: list[time]) -> time:
    if times and not _BEFORE_CLOSE.search(text):
        return times[-1]
    close = datetime.combine(ctx.local_now.date(), ctx.settings.office.office_close)
    return (close - SUMMARY_BEFORE_CLOSE).time()


def _describe(ctx: Context, row: LeaderPrefs) -> list[str]:
    lang = ctx.lang
    items = [i18n.render("dg_pref_brief", lang, time=row.brief_time) if row.brief_enabled
             else i18n.render("dg_pref_no_brief", lang)]
    items.append(i18n.render("dg_pref_urgent_only", lang, time=row.summary_time) if row.urgent_only_push
                 else i18n.render("dg_pref_push_all", lang))
    items.append(i18n.render("dg_pref_quiet", lang, start=row.quiet_start, end=row.quiet_end))
    return items
