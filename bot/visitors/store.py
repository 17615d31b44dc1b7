"""Visitor queries and the shared pieces of text: host lookup, one-line descriptions, languages."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot import i18n
from bot.context import Context
from bot.directory import find_department, find_person
from bot.replies import UserError
from bot.roles import Role
from bot.visitors.privacy import shown_id, shown_phone
from storage.models import Department, Person
from storage.models_visitors import Visit, VisitStatus

OPEN_STATES = (VisitStatus.EXPECTED, VisitStatus.ACCEPTED, VisitStatus.ARRIVED, VisitStatus.LEFT,
               VisitStatus.REFERRED, VisitStatus.ANSWERED)
_TITLES = re.compile(r"^(?:Director|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|President|Manager|Head)\s+|"
                     r"(?:主任|处长|科长|院长|部长|局长|总|经理|书记|老师|同志)$", re.IGNORECASE)


def lang_of(ctx: Context, person: Person) -> str:
    """The language a person reads messages in."""
    return person.language or ctx.settings.office.default_language


def resolve_host(session: Session, text: str) -> tuple[Person | None, Department | None]:
    """The person to see for a name, alias, title or department (a department means its head)."""
    wanted = text.strip()
    if not wanted:
        return None, None
    person = find_person(session, wanted)
    if person is not None:
        return person, session.get(Department, person.department_id) if person.department_id else None
    dept = find_department(session, wanted) or find_department(session, re.sub(r"(?:负责人|领导|的人)$", "", wanted))
    if dept is not None:
        return (session.get(Person, dept.head_id) if dept.head_id else None), dept
    surname = _TITLES.sub("", wanted).strip()
    if surname and surname != wanted:
        matches = [p for p in session.exec(select(Person).where(Person.active == True))  # noqa: E712
                   if p.name.startswith(surname) or (p.name_en and p.name_en.split()[0].casefold() == surname.casefold())]
        if len(matches) == 1:
            found = matches[0]
            return found, session.get(Department, found.department_id) if found.department_id else None
    return None, None


def preload_directory(session: Session) -> list[object]:
    """Load people and departments once; holding the list keeps them in the session for many look-ups."""
    return [*session.exec(select(Person)), *session.exec(select(Department))]


def get_visit(ctx: Context, value: str) -> Visit:
    """The visit a button or number names; a polite error when there is none."""
    visit = ctx.session.get(Visit, int(value)) if value.strip().isdigit() else None
    if visit is None:
        raise UserError("vis_not_found")
    return visit


def person_name(session: Session, person_id: int | None, lang: str) -> str:
    """A person's name in a language (English name when there is one)."""
    person = session.get(Person, person_id) if person_id else None
    if person is None:
        return i18n.render("vis_nobody", lang)
    return (person.name_en or person.name) if lang == "en" else person.name


def dept_name(session: Session, dept_id: int | None, lang: str) -> str:
    """A department's name in a language (its first Latin alias for English)."""
    dept = session.get(Department, dept_id) if dept_id else None
    if dept is None:
        return i18n.render("vis_nobody", lang)
    if lang == "en":
        return next((a for a in dept.aliases or [] if a.isascii()), dept.name)
    return dept.name


def host_label(session: Session, visit: Visit, lang: str) -> str:
    """Whom the visitor came to see: the person (and department), or the words used."""
    if visit.host_person_id:
        name = person_name(session, visit.host_person_id, lang)
        dept = session.get(Department, visit.host_department_id) if visit.host_department_id else None
        said = visit.host_text.strip().casefold()
        if dept is not None and said in {dept.name.casefold(), *(a.casefold() for a in dept.aliases or [])}:
            return f"{dept_name(session, dept.id, lang)}({name})"
        return name
    return visit.host_text or i18n.render("vis_nobody", lang)


def visitor_label(visit: Visit, lang: str) -> str:
    """The visitor's name, or the anonymised marker."""
    return i18n.render("vis_anonymised", lang) if visit.anonymised_at else visit.visitor


def category_label(visit: Visit, lang: str) -> str:
    """The category in a language."""
    return i18n.render(f"vis_cat_{visit.category}", lang) if visit.category else ""


def status_label(status: str, lang: str) -> str:
    """A status in a language."""
    return i18n.render(f"vis_st_{status}", lang)


def when_label(ctx: Context, visit: Visit, lang: str) -> str:
    """The visit's time for people."""
    return i18n.format_datetime(visit.start_at, lang, ctx.tz) if visit.start_at else ""


def describe(ctx: Context, visit: Visit, lang: str, full: bool) -> str:
    """One line about a visit; phone and ID masked unless `full`."""
    phone, idn = shown_phone(visit, full), shown_id(visit, full)
    return i18n.render(
        "vis_line", lang, visitor=visitor_label(visit, lang),
        org=i18n.render("vis_org", lang, org=visit.org) if visit.org else "",
        phone=i18n.render("vis_phone", lang, phone=phone) if phone else "",
        idn=i18n.render("vis_idn", lang, idn=idn) if idn else "",
        category=category_label(visit, lang),
        purpose=i18n.render("vis_purpose", lang, purpose=visit.purpose) if visit.purpose else "",
        host=host_label(ctx.session, visit, lang), when=when_label(ctx, visit, lang))


def earlier_visits(session: Session, visit: Visit) -> list[Visit]:
    """Earlier visits of the same person: same phone, or same name and organisation; newest first."""
    queries = []
    if visit.phone:
        queries.append(select(Visit).where(col(Visit.phone) == visit.phone))
    if visit.org:
        queries.append(select(Visit).where(col(Visit.visitor) == visit.visitor, col(Visit.org) == visit.org))
    found: dict[int, Visit] = {}
    for query in queries:  # two indexed look-ups are faster than one OR in SQLite
        for earlier in session.exec(query.where(col(Visit.anonymised_at).is_(None))):
            if earlier.id is not None and earlier.id != visit.id:
                found[earlier.id] = earlier
    return [found[k] for k in sorted(found, reverse=True)]


def visits_between(session: Session, start: datetime, end: datetime) -> list[Visit]:
    """Visits whose time falls in [start, end), in time order."""
    query = (select(Visit).where(col(Visit.start_at) >= start, col(Visit.start_at) < end)
             .order_by(col(Visit.start_at), col(Visit.id)))
    return list(session.exec(query))


def local_day_bounds(ctx: Context, day: datetime) -> tuple[datetime, datetime]:
    """The start and end of the local day holding `day`."""
    local = day.astimezone(ctx.tz).replace(hour=0, minute=0, second=0, microsecond=0)
    return local, local + timedelta(days=1)


def directors(session: Session) -> list[Person]:
    """Everyone with the office director role."""
    return [p for p in session.exec(select(Person).where(Person.active == True))  # noqa: E712
            if Role.DIRECTOR in p.role_set()]


def find_open_by_name(ctx: Context, name: str, states: tuple[str, ...]) -> Visit | None:
    """Today's (or the latest) visit of that visitor in one of the states."""
    wanted = name.strip().casefold()
    if not wanted:
        return None
    query = (select(Visit).where(col(Visit.status).in_(states), col(Visit.anonymised_at).is_(None))
             .order_by(col(Visit.id).desc()).limit(200))
    start, end = local_day_bounds(ctx, ctx.now)
    best: Visit | None = None
    for visit in ctx.session.exec(query):
        names = {visit.visitor.casefold(), re.sub(r"^(?:mr|ms|mrs|dr|miss)\.?\s+", "", visit.visitor.casefold())}
        if wanted in names or (len(wanted) >= 2 and any(n.startswith(wanted) for n in names)):
            if visit.start_at and start <= visit.start_at < end:
                return visit
            best = best or visit
    return best
