"""Brief sections over the rooms, notices, tasks and visitors tables (each skipped if its module is absent)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlmodel import Session, col, select

from bot import i18n
from bot.digests.sections import brief_section
from bot.roles import Role
from bot.understanding.lang import EN
from bot.understanding.workdays import add_workdays
from storage.models import Person, Room

MAX_ITEMS = 8


def _name(session: Session, person_id: int | None, lang: str) -> str:
    person = session.get(Person, person_id) if person_id else None
    if person is None:
        return "-"
    return person.name_en if lang == EN and person.name_en else person.name


def _hm(instant: datetime | None, tz: tzinfo | None) -> str:
    return instant.astimezone(tz).strftime("%H:%M") if instant else "--:--"


@brief_section
def meetings(session: Session, person: Person, day_start: datetime, day_end: datetime, lang: str) -> list[str]:
    """Today's meetings: rooms the person booked and meeting notices they received, with confirmations."""
    rows: dict[tuple[datetime, str], str] = {}
    try:
        from storage.models_rooms import Booking, BookingStatus
    except ImportError:
        Booking = None  # type: ignore[assignment,misc]  # noqa: N806
    if Booking is not None:
        for b in session.exec(select(Booking).where(Booking.organizer_id == person.id,
                                                    col(Booking.status).in_(BookingStatus.ACTIVE),
                                                    Booking.start >= day_start, Booking.start < day_end)):
            room = session.get(Room, b.room_id)
            pending = i18n.render("dg_meeting_pending", lang) if b.status == BookingStatus.PENDING_APPROVAL else ""
            rows[(b.start, room.name if room else "")] = _meeting(lang, b.start, b.end, b.title,
                                                                 room.name if room else "-", pending, day_start)
    for start, place, title, end, status in _notice_meetings(session, person, day_start, day_end, lang):
        rows[(start, place)] = _meeting(lang, start, end, title, place or "-", status, day_start)
    if not rows:
        return []
    lines = [text for _, text in sorted(rows.items(), key=lambda kv: kv[0][0])][:MAX_ITEMS]
    return [i18n.render("dg_sec_meetings", lang, n=len(rows)), *lines]


def _meeting(lang: str, start: datetime, end: datetime | None, title: str, room: str, status: str,
             day_start: datetime) -> str:
    return i18n.render("dg_meeting", lang, start=_hm(start, day_start.tzinfo), end=_hm(end, day_start.tzinfo),
                       title=title or i18n.render("dg_untitled", lang), room=room, status=status)


def _notice_meetings(session: Session, person: Person, day_start: datetime, day_end: datetime,
                     lang: str) -> list[tuple[datetime, str, str, datetime | None, str]]:
    try:
        from storage.models_notices import Notice, NoticeRecipient, NoticeStatus, RecipientStatus
    except ImportError:
        return []
    mine = select(NoticeRecipient.notice_id).where(NoticeRecipient.person_id == person.id)
    notices = session.exec(select(Notice).where(Notice.is_meeting == True,  # noqa: E712
                                                Notice.status == NoticeStatus.SENT,
                                                col(Notice.start) >= day_start, col(Notice.start) < day_end,
                                                (col(Notice.id).in_(mine)) | (Notice.sender_id == person.id)))
    found = []
    for n in notices:
        answers = [r.status for r in session.exec(select(NoticeRecipient).where(NoticeRecipient.notice_id == n.id))]
        done = sum(1 for s in answers if s != RecipientStatus.PENDING and s != RecipientStatus.UNREACHABLE)
        status = i18n.render("dg_meeting_acks", lang, done=done, total=len(answers)) if answers else ""
        room = session.get(Room, n.room_id) if n.room_id else None
        if n.start is not None:
            found.append((n.start, room.name if room else n.place, n.title, n.end, status))
    return found


@brief_section
def approvals(session: Session, person: Person, day_start: datetime, day_end: datetime, lang: str) -> list[str]:
    """Room requests waiting for an approver, and extension requests on items the person assigned."""
    lines: list[str] = []
    tz = day_start.tzinfo
    try:
        from storage.models_rooms import Booking, BookingStatus
        if Role.DIRECTOR in person.role_set():
            for b in session.exec(select(Booking).where(Booking.status == BookingStatus.PENDING_APPROVAL,
                                                        Booking.start >= day_start).order_by(col(Booking.start))):
                room = session.get(Room, b.room_id)
                lines.append(i18n.render("dg_approval_room", lang, who=_name(session, b.organizer_id, lang),
                                         room=room.name if room else "-", title=b.title,
                                         when=i18n.format_datetime(b.start, lang, tz)))  # type: ignore[arg-type]
    except ImportError:
        pass
    try:
        from storage.models_tasks import Task, TaskStatus, TaskUpdate, TaskUpdateKind
        asks = session.exec(select(TaskUpdate, Task).join(Task, col(Task.id) == TaskUpdate.task_id)
                            .where(Task.assigner_id == person.id, col(Task.status).in_(TaskStatus.OPEN),
                                   TaskUpdate.kind == TaskUpdateKind.EXTENSION_REQUEST))
        for update, task in asks:
            detail = update.detail or {}
            if detail.get("state") == "pending" and detail.get("due"):
                due = datetime.fromisoformat(str(detail["due"]))
                lines.append(i18n.render("dg_approval_ext", lang, who=_name(session, task.owner_id, lang),
                                         title=task.title, due=i18n.format_date(due, lang, tz)))  # type: ignore[arg-type]
    except ImportError:
        pass
    if not lines:
        return []
    return [i18n.render("dg_sec_approvals", lang, n=len(lines)), *lines[:MAX_ITEMS]]


@brief_section
def assignments(session: Session, person: Person, day_start: datetime, day_end: datetime, lang: str) -> list[str]:
    """Overdue, due-today and at-risk assignments the person gave or their department owns; urgent first."""
    try:
        from storage.models_tasks import Task, TaskStatus
    except ImportError:
        return []
    area = Task.assigner_id == person.id
    if person.department_id is not None and person.role_set() & {Role.LEADER, Role.DIRECTOR}:
        area = area | (Task.owner_department_id == person.department_id)
    open_items = list(session.exec(select(Task).where(col(Task.status).in_(TaskStatus.OPEN), area)
                                   .order_by(col(Task.due))))
    lines: list[tuple[int, str]] = []
    for t in open_items:
        urgent = i18n.render("dg_task_urgent", lang) if t.priority == "urgent" else ""
        title, owner = urgent + t.title, _name(session, t.owner_id, lang)
        if t.due < day_start:
            days = max(1, (day_start - t.due).days + 1)
            lines.append((0, i18n.render("dg_task_overdue", lang, title=title, owner=owner, days=days)))
        elif t.due < day_end:
            lines.append((1, i18n.render("dg_task_today", lang, title=title, owner=owner)))
        elif t.risk_at is not None and t.risk_at < day_end:
            pct = (i18n.render("dg_task_pct", lang, pct=t.percent) if t.percent is not None
                   else i18n.render("dg_task_no_report", lang))
            lines.append((2, i18n.render("dg_task_risk", lang, title=title, owner=owner, pct=pct)))
    if not lines:
        return []
    ordered = sorted(lines, key=lambda pair: (pair[0], "dg_task_urgent" not in pair[1]))
    return [i18n.render("dg_sec_tasks", lang), *[text for _, text in ordered][:MAX_ITEMS]]


@brief_section
def updates(session: Session, person: Person, day_start: datetime, day_end: datetime, lang: str) -> list[str]:
    """Recorded updates on items the person assigned since the previous working day began (not urgent ones'
    progress, which was pushed at once): what a leader reads instead of a push per progress report."""
    try:
        from bot.tasks.progress import updates_for_assigner
    except ImportError:
        return []
    since = datetime.combine(add_workdays(day_start.date(), -1), day_start.timetz())
    found = [u for u in updates_for_assigner(session, person.id or 0, since, day_start) if u.author_id != person.id]
    if not found:
        return []
    lines = []
    for u in found[:MAX_ITEMS]:
        parts = [i18n.render("dg_task_pct", lang, pct=u.percent)] if u.percent is not None else []
        parts += [u.note] if u.note else []
        what = i18n.render(f"dg_upd_{u.kind}", lang, summary=("; " if lang == EN else ",").join(parts)).strip()
        lines.append(i18n.render("dg_update", lang, title=u.title, who=_name(session, u.author_id, lang), what=what))
    return [i18n.render("dg_sec_updates", lang, n=len(found)), *lines]


@brief_section
def visitors(session: Session, person: Person, day_start: datetime, day_end: datetime, lang: str) -> list[str]:
    """Visitors expected for the person today (no phone numbers: names, organisation and purpose only)."""
    try:
        from storage.models_visitors import Visit, VisitStatus
    except ImportError:
        return []
    visits = list(session.exec(select(Visit).where(Visit.host_person_id == person.id,
                                                   col(Visit.status).in_((VisitStatus.EXPECTED, VisitStatus.ACCEPTED)),
                                                   col(Visit.start_at) >= day_start, col(Visit.start_at) < day_end)
                               .order_by(col(Visit.start_at))))
    if not visits:
        return []
    lines = [i18n.render("dg_visitor", lang, time=_hm(v.start_at, day_start.tzinfo), visitor=v.visitor,
                         org=f"({v.org})" if v.org else "", purpose=v.purpose or v.category or "-")
             for v in visits[:MAX_ITEMS]]
    return [i18n.render("dg_sec_visitors", lang, n=len(visits)), *lines]
