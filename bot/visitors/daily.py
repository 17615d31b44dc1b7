"""The day's expected visitors: reception's list each working morning, and the App Home section.

Phone numbers follow the privacy rules (bot.visitors.privacy): in full only for reception, the office
director, admins and the visit's host; lists go by private message, never to a group.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlmodel import Session, col, select

from bot import i18n
from bot.context import Context
from bot.home import home_section
from bot.jobs import due_job
from bot.roles import Role
from bot.understanding.workdays import is_workday
from bot.visitors import store
from bot.visitors.privacy import may_see_details, shown_phone
from storage.models import AuditLog, Person
from storage.models_visitors import Visit, VisitStatus

MORNING_AT = time(8, 30)
MORNING_UNTIL = time(12, 0)  # a late start still sends the list in the morning, never in the afternoon
JOB = "visitors.reception_list"
EXPECTED = (VisitStatus.EXPECTED, VisitStatus.ACCEPTED)

i18n.register("zh-Hans", {
    "vis_morning_list": "今日预约来访({day}),共 {n} 人:\n{items}",
    "vis_day_item": "· {time} {visitor}{org}{phone} 找 {host}{purpose} · {status}",
    "home_visitors_head": "今天预约的来访({n}):",
})
i18n.register("en", {
    "vis_morning_list": "Visitors expected today ({day}), {n} in all:\n{items}",
    "vis_day_item": "· {time} {visitor}{org}{phone} to see {host}{purpose} · {status}",
    "home_visitors_head": "Visitors expected today ({n}):",
})


def expected_between(session: Session, start: datetime, end: datetime, host_id: int | None = None) -> list[Visit]:
    """Expected (or accepted) visits in [start, end), optionally of one host, in time order."""
    query = select(Visit).where(col(Visit.status).in_(EXPECTED), col(Visit.start_at) >= start,
                                col(Visit.start_at) < end, col(Visit.anonymised_at).is_(None))
    if host_id is not None:
        query = query.where(Visit.host_person_id == host_id)
    return list(session.exec(query.order_by(col(Visit.start_at), col(Visit.id))))


def day_item(session: Session, visit: Visit, reader: Person, lang: str, tz: object) -> str:
    """One expected visit for this reader (phone masked unless they are entitled)."""
    local = visit.start_at.astimezone(tz) if visit.start_at else None  # type: ignore[arg-type]
    phone = shown_phone(visit, may_see_details(reader, visit))
    return i18n.render("vis_day_item", lang, time=f"{local:%H:%M}" if local else "--:--",
                       visitor=store.visitor_label(visit, lang),
                       org=i18n.render("vis_org", lang, org=visit.org) if visit.org else "",
                       phone=i18n.render("vis_phone", lang, phone=phone) if phone else "",
                       host=store.host_label(session, visit, lang),
                       purpose=i18n.render("vis_purpose", lang, purpose=visit.purpose) if visit.purpose else "",
                       status=store.status_label(visit.status, lang))


def reception(session: Session) -> list[Person]:
    """Everyone at the front desk."""
    people = session.exec(select(Person).where(Person.active == True).order_by(col(Person.id)))  # noqa: E712
    return [p for p in people if Role.RECEPTION in p.role_set()]


@due_job(JOB)
def morning_list(ctx: Context) -> int:
    """At 08:30 on working days, each receptionist gets the day's expected visitors privately, once a day."""
    local = ctx.local_now
    if not is_workday(local.date()) or not MORNING_AT <= local.time() < MORNING_UNTIL:
        return 0
    key = local.date().isoformat()
    if ctx.session.exec(select(AuditLog.id).where(AuditLog.action == JOB, AuditLog.object_id == key)).first():
        return 0
    start = datetime.combine(local.date(), time(0), tzinfo=ctx.tz)
    visits = expected_between(ctx.session, start, start + timedelta(days=1))
    sent = 0
    for person in reception(ctx.session) if visits else []:
        lang = store.lang_of(ctx, person)
        items = "\n".join(day_item(ctx.session, v, person, lang, ctx.tz) for v in visits)
        if ctx.notify(person, "vis_morning_list", source=("visitors", key), idempotency_key=f"{JOB}:{key}:{person.id}",
                      day=i18n.format_date(start, lang, ctx.tz), n=len(visits), items=items):
            sent += 1
    ctx.audit(JOB, "day", key, visits=len(visits), sent=sent)
    return sent


@home_section
def todays_visitors(session: Session, person: Person, now: datetime, lang: str) -> list[str]:
    """Reception sees every visitor expected today; anyone else the ones coming to see them."""
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    host = None if Role.RECEPTION in person.role_set() else person.id
    visits = expected_between(session, start, start + timedelta(days=1), host)
    if not visits:
        return []
    return [i18n.render("home_visitors_head", lang, n=len(visits)),
            *(day_item(session, v, person, lang, now.tzinfo) for v in visits[:8])]
