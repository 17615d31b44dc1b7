"""The host's answer to an expected visit (accept, decline, propose another time) and check-in/out."""

from __future__ import annotations

from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_action, on_answer
from bot.replies import ButtonSpec, UserError, reply
from bot.roles import Role
from bot.visitors import store
from bot.visitors.extract import read_time
from bot.visitors.register import conventions
from storage.models import Person
from storage.models_visitors import Visit, VisitStatus

PROPOSE = "visitor.propose"
_AWAITING_HOST = (VisitStatus.EXPECTED,)
_NOT_YET_HERE = (VisitStatus.EXPECTED, VisitStatus.ACCEPTED)


def _host_visit(ctx: Context, value: str) -> Visit:
    visit = store.get_visit(ctx, value)
    if visit.host_person_id != ctx.person.id:
        raise UserError("vis_not_host")
    if visit.status not in _AWAITING_HOST:
        raise UserError("vis_already", id=visit.id, status=store.status_label(visit.status, ctx.lang))
    return visit


def _tell_registrant(ctx: Context, visit: Visit, key: str) -> str:
    registrant = ctx.session.get(Person, visit.received_by_id) if visit.received_by_id else None
    if registrant is None:
        return ""
    lang = store.lang_of(ctx, registrant)
    if registrant.id != ctx.person.id:
        ctx.notify(registrant, key, source=("visit", str(visit.id)), id=visit.id,
                   host=store.person_name(ctx.session, ctx.person.id, lang),
                   visitor=store.visitor_label(visit, lang), when=store.when_label(ctx, visit, lang))
    return store.person_name(ctx.session, registrant.id, ctx.lang)


@on_action("vi.acc")
def accept(ctx: Context, value: str) -> Replies:
    """The host accepts an expected visit; the registrant hears it."""
    visit = _host_visit(ctx, value)
    visit.status = VisitStatus.ACCEPTED
    ctx.session.add(visit)
    ctx.audit("visit.accept", "visit", visit.id)
    _tell_registrant(ctx, visit, "vis_accepted_registrant")
    return reply("vis_accepted_host", id=visit.id, visitor=visit.visitor, when=store.when_label(ctx, visit, ctx.lang))


@on_action("vi.dec")
def decline(ctx: Context, value: str) -> Replies:
    """The host declines an expected visit; the registrant hears it and the case is closed."""
    visit = _host_visit(ctx, value)
    visit.status = VisitStatus.DECLINED
    visit.closed_at = ctx.now
    ctx.session.add(visit)
    ctx.audit("visit.decline", "visit", visit.id)
    registrant = _tell_registrant(ctx, visit, "vis_declined_registrant")
    return reply("vis_declined_host", id=visit.id, visitor=visit.visitor, registrant=registrant)


@on_action("vi.pro")
def propose(ctx: Context, value: str) -> Replies:
    """The host will propose another time: ask for it."""
    visit = _host_visit(ctx, value)
    return dialog.start_ask(ctx, PROPOSE, {"visit": visit.id}, reply("vis_propose_ask"))


@on_answer(PROPOSE)
def proposed_time(ctx: Context, payload: dict[str, Any], text: str) -> Replies:
    """The host's proposed time: move the visit, count it accepted, tell the registrant."""
    visit = _host_visit(ctx, str(payload.get("visit", "")))
    when = read_time(text, ctx.local_now, conventions(ctx))
    if when is None or when <= ctx.now:
        return dialog.start_ask(ctx, PROPOSE, payload, reply("vis_propose_bad"))
    old = visit.start_at
    visit.start_at = visit.expected_at = when
    visit.status = VisitStatus.ACCEPTED
    ctx.session.add(visit)
    ctx.audit("visit.reschedule", "visit", visit.id, old=old.isoformat() if old else None, new=when.isoformat())
    registrant = _tell_registrant(ctx, visit, "vis_proposed_registrant")
    return reply("vis_proposed_host", id=visit.id, visitor=visit.visitor, registrant=registrant,
                 when=store.when_label(ctx, visit, ctx.lang))


def _may_handle(ctx: Context, visit: Visit) -> bool:
    return (ctx.has_role(Role.RECEPTION, Role.DIRECTOR, Role.ADMIN)
            or ctx.person.id in (visit.received_by_id, visit.host_person_id))


def check_in(ctx: Context, visit: Visit) -> Replies:
    """Mark an expected visitor as arrived and tell the host."""
    if not _may_handle(ctx, visit):
        raise UserError("not_allowed")
    if visit.status not in _NOT_YET_HERE:
        raise UserError("vis_already", id=visit.id, status=store.status_label(visit.status, ctx.lang))
    visit.status = VisitStatus.ARRIVED
    visit.arrived_at = ctx.now
    ctx.session.add(visit)
    ctx.audit("visit.check_in", "visit", visit.id)
    host_note = ""
    host = ctx.session.get(Person, visit.host_person_id) if visit.host_person_id else None
    if host is not None and host.id != ctx.person.id:
        lang = store.lang_of(ctx, host)
        ok = ctx.notify(host, "vis_host_checkin", source=("visit", str(visit.id)), id=visit.id, visitor=visit.visitor,
                        org=i18n.render("vis_org", lang, org=visit.org) if visit.org else "",
                        receiver=store.person_name(ctx.session, ctx.person.id, lang))
        host_note = i18n.render("vis_host_told" if ok else "vis_host_unreachable", ctx.lang,
                                host=store.person_name(ctx.session, host.id, ctx.lang))
    vid = str(visit.id)
    return reply("vis_checked_in", ButtonSpec("vis_btn_spot", "vi.spot", vid), ButtonSpec("vis_btn_refer", "vi.ref", vid),
                 ButtonSpec("vis_btn_checkout", "vi.out", vid), id=visit.id, visitor=visit.visitor,
                 time=i18n.format_datetime(ctx.now, ctx.lang, ctx.tz), host_note=host_note)


def check_out(ctx: Context, visit: Visit) -> Replies:
    """Record that the visitor has left (a referred case stays open)."""
    if not _may_handle(ctx, visit):
        raise UserError("not_allowed")
    if visit.left_at is not None or visit.status in (VisitStatus.DECLINED, VisitStatus.EXPECTED):
        raise UserError("vis_already", id=visit.id, status=store.status_label(visit.status, ctx.lang))
    visit.left_at = ctx.now
    if visit.status in (VisitStatus.ARRIVED, VisitStatus.ACCEPTED):
        visit.status = VisitStatus.LEFT
    ctx.session.add(visit)
    ctx.audit("visit.check_out", "visit", visit.id)
    return reply("vis_checked_out", id=visit.id, visitor=visit.visitor,
                 time=i18n.format_datetime(ctx.now, ctx.lang, ctx.tz))


@on_action("vi.in")
def check_in_button(ctx: Context, value: str) -> Replies:
    """Check-in button."""
    return check_in(ctx, store.get_visit(ctx, value))


@on_action("vi.out")
def check_out_button(ctx: Context, value: str) -> Replies:
    """Check-out button."""
    return check_out(ctx, store.get_visit(ctx, value))
