"""The weekly work plan (《工作安排》): next week's meetings, bookings and leaders' activities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from bot import i18n
from bot.context import Context
from bot.digests.brief import log_once
from bot.digests.prefs import hhmm, policy
from bot.handlers import Replies, pre_parser
from bot.jobs import due_job
from bot.messages import ChatKind, ChatRef, Platform
from bot.replies import reply
from bot.roles import Role
from bot.understanding.lang import EN, to_simplified
from storage.models import Person, Room

_REQUEST = re.compile(r"^\s*(?:请)?(?:发一?下|看一?下|给我)?(下|本|这)(?:周|星期|礼拜)(?:的)?(?:工作安排|工作计划|日程安排|日程)"
                      r"\s*[??。]*\s*$"
                      r"|^\s*(?:(?:show\s+me\s+)?(?:the\s+)?(next|this)\s+week'?s?\s+(?:work\s+)?(?:plan|schedule)"
                      r"|(?:the\s+)?weekly\s+plan(?:\s+for\s+(next|this)\s+week)?)\s*[?.!]*\s*$", re.IGNORECASE)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
OFFICE_WIDE = 0
KIND = "weekly_plan"


@dataclass(frozen=True)
class PlanEvent:
    """One entry of the plan: when, what, where, and who (for leaders' activities)."""

    start: datetime
    end: datetime | None
    title: str
    place: str = ""
    who: str = ""


def week_start(day: date) -> date:
    """The Monday of the week a day falls in."""
    return day - timedelta(days=day.weekday())


def plan_events(session: Session, start: datetime, end: datetime, lang: str) -> list[PlanEvent]:
    """Bookings, meeting notices (once, not also as their booking) and leaders' visits between start and end."""
    events: dict[tuple[datetime, str], PlanEvent] = {}
    leaders = {p.id: p for p in session.exec(select(Person)) if Role.LEADER in p.role_set()}

    def who(person_id: int | None) -> str:
        person = leaders.get(person_id)
        return "" if person is None else (person.name_en if lang == EN and person.name_en else person.name)

    try:
        from storage.models_rooms import Booking, BookingStatus
        for b in session.exec(select(Booking).where(col(Booking.status).in_(BookingStatus.ACTIVE),
                                                    Booking.start >= start, Booking.start < end)):
            room = session.get(Room, b.room_id)
            name = room.name if room else ""
            events[(b.start, name)] = PlanEvent(b.start, b.end, b.title or i18n.render("dg_untitled", lang), name,
                                                who(b.organizer_id))
    except ImportError:
        pass
    try:
        from storage.models_notices import Notice, NoticeStatus
        for n in session.exec(select(Notice).where(Notice.is_meeting == True,  # noqa: E712
                                                   Notice.status == NoticeStatus.SENT,
                                                   col(Notice.start) >= start, col(Notice.start) < end)):
            room = session.get(Room, n.room_id) if n.room_id else None
            place = room.name if room else n.place
            if n.start is not None:
                events[(n.start, place)] = PlanEvent(n.start, n.end, n.title or i18n.render("dg_untitled", lang),
                                                     place, who(n.sender_id))
    except ImportError:
        pass
    try:
        from storage.models_visitors import Visit, VisitStatus
        for v in session.exec(select(Visit).where(col(Visit.host_person_id).in_(list(leaders)),
                                                  col(Visit.status).in_((VisitStatus.EXPECTED, VisitStatus.ACCEPTED)),
                                                  col(Visit.start_at) >= start, col(Visit.start_at) < end)):
            if v.start_at is not None:
                title = i18n.render("dg_plan_visit", lang, visitor=v.visitor, org=f"({v.org})" if v.org else "")
                events[(v.start_at, f"visit{v.id}")] = PlanEvent(v.start_at, None, title, "", who(v.host_person_id))
    except ImportError:
        pass
    return sorted(events.values(), key=lambda e: (e.start, e.title))


def render_plan(session: Session, monday: date, lang: str, ctx: Context) -> str:
    """The plan of the week starting on a Monday, as a message, days in order."""
    start = datetime.combine(monday, time(0, 0), tzinfo=ctx.tz)
    end = start + timedelta(days=7)
    label = {"start": i18n.format_date(start, lang, ctx.tz), "end": i18n.format_date(end - timedelta(days=1),
                                                                                       lang, ctx.tz)}
    events = plan_events(session, start, end, lang)
    if not events:
        return i18n.render("dg_plan_empty", lang, **label)
    lines = [i18n.render("dg_plan_head", lang, **label)]
    current: date | None = None
    for e in events:
        local = e.start.astimezone(ctx.tz)
        if local.date() != current:
            current = local.date()
            lines.append(i18n.render("dg_plan_day", lang, day=i18n.format_date(local, lang, ctx.tz)))
        lines.append(i18n.render(
            "dg_plan_item", lang, start=f"{local:%H:%M}",
            end=f"{e.end.astimezone(ctx.tz):%H:%M}" if e.end else "", title=e.title,
            place=i18n.render("dg_plan_place", lang, place=e.place) if e.place else "",
            who=i18n.render("dg_plan_who", lang, who=e.who) if e.who else "").replace("–  ", "  ").rstrip())
    return "\n".join(lines)


@pre_parser
def claim(ctx: Context, text: str) -> Replies | None:
    """"下周工作安排" / "weekly plan" / "this week's plan" on request."""
    m = _REQUEST.match(to_simplified(text))
    if not m:
        return None
    which = next((g for g in m.groups() if g), "下").lower()
    monday = week_start(ctx.local_now.date()) + timedelta(days=0 if which in ("本", "这", "this") else 7)
    return reply("dg_text", text=render_plan(ctx.session, monday, ctx.lang, ctx))


def plan_chat(ctx: Context) -> ChatRef | None:
    """The group chat configured as digests.weekly_plan_chat ("platform:chat_id")."""
    target = str(policy(ctx.settings.policy).get("weekly_plan_chat", "") or "")
    platform, _, chat_id = target.partition(":")
    if not chat_id or platform not in {p.value for p in Platform}:
        return None
    return ChatRef(platform=Platform(platform), chat_id=chat_id, kind=ChatKind.GROUP)


@due_job("digests.weekly_plan")
def post_weekly_plan(ctx: Context) -> int:
    """Every Friday afternoon (by default 16:00) post next week's plan to the configured group, once."""
    chat = plan_chat(ctx)
    if chat is None:
        return 0
    conf = policy(ctx.settings.policy)
    local = ctx.local_now
    day = _WEEKDAYS.index(str(conf.get("weekly_plan_day", "fri")).lower()[:3])
    at = hhmm(conf.get("weekly_plan_time"), time(16, 0))
    if local.weekday() != day or local.time() < at:
        return 0

    if not log_once(ctx, OFFICE_WIDE, KIND, local.date(), True):
        return 0
    lang = ctx.settings.office.default_language
    monday = week_start(local.date()) + timedelta(days=7)
    ctx.post_to_chat(chat, "dg_text", source=("digest", f"{KIND}:{monday.isoformat()}"),
                     text=render_plan(ctx.session, monday, lang, ctx))
    return 1
