"""Routing a visitor case: answered on the spot, or referred to a department and chased until answered."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.directory import find_department
from bot.handlers import Replies, on_action, on_answer
from bot.jobs import due_job
from bot.replies import ButtonSpec, UserError, reply
from bot.roles import Role
from bot.visitors import store
from storage.models import Department, Person
from storage.models_visitors import Visit, VisitStatus

REFER = "visitor.refer"
OUTCOME = "visitor.outcome"
DEFAULT_REPLY_DAYS = 3
ESCALATE_AT = 3
_ROUTABLE = (VisitStatus.ARRIVED, VisitStatus.LEFT, VisitStatus.ACCEPTED)


def _policy(ctx: Context) -> dict[str, Any]:
    value = ctx.settings.policy.get("visitors", {})
    return value if isinstance(value, dict) else {}


def reply_days(ctx: Context) -> int:
    """Working days a department has to answer a referred visitor (visitors.reply_workdays, default 3)."""
    return int(_policy(ctx).get("reply_workdays", DEFAULT_REPLY_DAYS))


def add_workdays(day: date, n: int) -> date:
    """The n-th working day after the day (official calendar when available, else Mon–Fri)."""
    try:
        from bot.understanding.workdays import add_workdays as official

        return official(day, n)
    except Exception:  # the calendar module is young; weekdays are a safe fallback
        current, left = day, n
        while left > 0:
            current += timedelta(days=1)
            if current.weekday() < 5:
                left -= 1
        return current


def _may_route(ctx: Context, visit: Visit) -> None:
    if not (ctx.has_role(Role.RECEPTION, Role.DIRECTOR, Role.ADMIN)
            or ctx.person.id in (visit.received_by_id, visit.host_person_id)):
        raise UserError("not_allowed")


def answer_on_spot(ctx: Context, visit: Visit, outcome: str = "") -> Replies:
    """Close a case answered there and then."""
    _may_route(ctx, visit)
    if visit.status not in _ROUTABLE:
        raise UserError("vis_already", id=visit.id, status=store.status_label(visit.status, ctx.lang))
    visit.status = VisitStatus.CLOSED
    visit.outcome = outcome or i18n.render("vis_btn_spot", ctx.lang)
    visit.closed_at = ctx.now
    ctx.session.add(visit)
    ctx.audit("visit.answer_on_spot", "visit", visit.id, outcome=visit.outcome)
    return reply("vis_spot_done", id=visit.id, visitor=visit.visitor)


def refer(ctx: Context, visit: Visit, dept: Department, days: int | None = None) -> Replies:
    """Refer a case to a department with a reply deadline; its head is told and chased once overdue."""
    _may_route(ctx, visit)
    if visit.status not in _ROUTABLE:
        raise UserError("vis_already", id=visit.id, status=store.status_label(visit.status, ctx.lang))
    days = days or reply_days(ctx)
    due_day = add_workdays(ctx.local_now.date(), days)
    due = datetime.combine(due_day, ctx.settings.office.office_close, tzinfo=ctx.tz)
    visit.status = VisitStatus.REFERRED
    visit.referral_department_id = dept.id
    visit.reply_due_at = visit.next_chase_at = due
    visit.chase_count = 0
    ctx.session.add(visit)
    ctx.audit("visit.refer", "visit", visit.id, department=dept.name, due=due.isoformat(), workdays=days)
    head = ctx.session.get(Person, dept.head_id) if dept.head_id else None
    if head is not None:
        lang = store.lang_of(ctx, head)
        ctx.notify(head, "vis_referral_to_dept", source=("visit", str(visit.id)),
                   buttons=(ButtonSpec("vis_btn_answered", "vi.ans", str(visit.id)),), id=visit.id,
                   line=store.describe(ctx, visit, lang, full=False), due=i18n.format_datetime(due, lang, ctx.tz))
    return reply("vis_referred", id=visit.id, visitor=visit.visitor, dept=dept.name if ctx.lang != "en"
                 else store.dept_name(ctx.session, dept.id, "en"), due=i18n.format_datetime(due, ctx.lang, ctx.tz))


def close_with_outcome(ctx: Context, visit: Visit, outcome: str) -> Replies:
    """Close a referred case with the department's answer; whoever received the visitor hears it."""
    if visit.status != VisitStatus.REFERRED:
        raise UserError("vis_already", id=visit.id, status=store.status_label(visit.status, ctx.lang))
    _may_answer(ctx, visit)
    visit.status = VisitStatus.CLOSED
    visit.outcome = outcome
    visit.closed_at = ctx.now
    visit.next_chase_at = None
    ctx.session.add(visit)
    ctx.audit("visit.close", "visit", visit.id, outcome=outcome)
    receiver = ctx.session.get(Person, visit.received_by_id) if visit.received_by_id else None
    if receiver is not None and receiver.id != ctx.person.id:
        ctx.notify(receiver, "vis_closed_registrant", source=("visit", str(visit.id)), id=visit.id,
                   visitor=visit.visitor, outcome=outcome)
    return reply("vis_closed", id=visit.id, visitor=visit.visitor, outcome=outcome,
                 receiver=store.person_name(ctx.session, visit.received_by_id, ctx.lang))


def _may_answer(ctx: Context, visit: Visit) -> None:
    dept = ctx.session.get(Department, visit.referral_department_id) if visit.referral_department_id else None
    in_dept = dept is not None and (ctx.person.id == dept.head_id or ctx.person.department_id == dept.id)
    if not (in_dept or ctx.has_role(Role.RECEPTION, Role.DIRECTOR, Role.ADMIN)
            or ctx.person.id == visit.received_by_id):
        raise UserError("not_allowed")


@on_action("vi.spot")
def spot_button(ctx: Context, value: str) -> Replies:
    """Answered-on-the-spot button."""
    return answer_on_spot(ctx, store.get_visit(ctx, value))


@on_action("vi.ref")
def refer_button(ctx: Context, value: str) -> Replies:
    """Refer button: ask which department."""
    visit = store.get_visit(ctx, value)
    _may_route(ctx, visit)
    return dialog.start_ask(ctx, REFER, {"visit": visit.id}, reply("vis_refer_ask", days=reply_days(ctx)))


@on_answer(REFER)
def refer_answer(ctx: Context, payload: dict[str, Any], text: str) -> Replies:
    """The department (and optionally the working days) for a referral."""
    from bot.visitors.commands import read_referral

    visit = store.get_visit(ctx, str(payload.get("visit", "")))
    dept_text, days = read_referral(text)
    dept = find_department(ctx.session, dept_text or text.strip())
    if dept is None:
        return dialog.start_ask(ctx, REFER, payload, reply("vis_refer_bad_dept", dept=dept_text or text.strip()))
    return refer(ctx, visit, dept, days)


@on_action("vi.ans")
def answered_button(ctx: Context, value: str) -> Replies:
    """The department has answered: ask for the outcome."""
    visit = store.get_visit(ctx, value)
    _may_answer(ctx, visit)
    if visit.status != VisitStatus.REFERRED:
        raise UserError("vis_already", id=visit.id, status=store.status_label(visit.status, ctx.lang))
    return dialog.start_ask(ctx, OUTCOME, {"visit": visit.id}, reply("vis_outcome_ask", id=visit.id,
                                                                     visitor=visit.visitor))


@on_answer(OUTCOME)
def outcome_answer(ctx: Context, payload: dict[str, Any], text: str) -> Replies:
    """The outcome of a referred case."""
    return close_with_outcome(ctx, store.get_visit(ctx, str(payload.get("visit", ""))), text.strip())


def status(ctx: Context, visit: Visit) -> Replies:
    """Where a case stands: open, referred (due, chases), or closed with the outcome."""
    lang = ctx.lang
    if visit.status == VisitStatus.REFERRED and visit.reply_due_at:
        return reply("vis_status_referred", id=visit.id, visitor=visit.visitor, n=visit.chase_count,
                     dept=store.dept_name(ctx.session, visit.referral_department_id, lang),
                     due=i18n.format_datetime(visit.reply_due_at, lang, ctx.tz),
                     overdue=i18n.render("vis_overdue", lang) if visit.reply_due_at < ctx.now else "")
    if visit.status == VisitStatus.CLOSED:
        return reply("vis_status_closed", id=visit.id, visitor=visit.visitor, outcome=visit.outcome,
                     when=i18n.format_datetime(visit.closed_at or ctx.now, lang, ctx.tz))
    return reply("vis_status_open", id=visit.id, visitor=visit.visitor, category=store.category_label(visit, lang),
                 status=store.status_label(visit.status, lang))


@due_job("visitors.chase")
def chase_referrals(ctx: Context) -> int:
    """Chase every overdue referral once a day; from the third chase the office director is told too."""
    from sqlmodel import col, select

    due = ctx.session.exec(select(Visit).where(col(Visit.status) == VisitStatus.REFERRED,
                                               col(Visit.next_chase_at) <= ctx.now)).all()
    for visit in due:
        visit.chase_count += 1
        visit.next_chase_at = _next_chase(ctx, visit.next_chase_at or ctx.now)
        ctx.session.add(visit)
        ctx.audit("visit.chase", "visit", visit.id, n=visit.chase_count)
        dept = ctx.session.get(Department, visit.referral_department_id) if visit.referral_department_id else None
        head = ctx.session.get(Person, dept.head_id) if dept and dept.head_id else None
        recipients = [(head, "vis_chase")] if head else []
        if visit.chase_count >= ESCALATE_AT:
            recipients += [(d, "vis_chase_escalate") for d in store.directors(ctx.session)]
        for person, key in recipients:
            lang = store.lang_of(ctx, person)
            buttons = (ButtonSpec("vis_btn_answered", "vi.ans", str(visit.id)),) if key == "vis_chase" else ()
            ctx.notify(person, key, buttons=buttons, source=("visit", str(visit.id)),
                       idempotency_key=f"visit:{visit.id}:chase:{visit.chase_count}:{person.id}",
                       id=visit.id, visitor=visit.visitor, n=visit.chase_count,
                       category=store.category_label(visit, lang),
                       dept=store.dept_name(ctx.session, visit.referral_department_id, lang),
                       due=i18n.format_datetime(visit.reply_due_at or ctx.now, lang, ctx.tz))
    return len(due)


def _next_chase(ctx: Context, last: datetime) -> datetime:
    """The next working day at office opening."""
    day = add_workdays(last.astimezone(ctx.tz).date(), 1)
    opening: time = ctx.settings.office.office_open
    return datetime.combine(day, opening, tzinfo=ctx.tz)
