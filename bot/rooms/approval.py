"""Approvals: urgent/late requests, rooms and equipment that need a named role's yes; overrides audited."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from bot import i18n
from bot.context import Context
from bot.handlers import Replies, on_action
from bot.replies import ButtonSpec, reply
from bot.roles import Role
from bot.rooms.common import lang_of, person_name, when_text
from bot.rooms.policy import approval_reasons, is_late_request, policy_of
from storage.models import Person, Room
from storage.models_rooms import Booking, BookingStatus

APPROVE_ACTION = "rm.ap"


def approval_needed(ctx: Context, p: dict[str, Any], room: Room, start: Any) -> list[str]:
    """Why this booking needs approval; empty when not, or when an approver books (audited override)."""
    policy = policy_of(ctx.settings)
    late = is_late_request(policy, start.astimezone(ctx.tz), ctx.local_now)
    reasons = approval_reasons(policy, room, list(p.get("equipment") or []), late)
    if reasons and ctx.has_role(policy.approver_role, Role.ADMIN):
        p.setdefault("override", [])
        p["override"] = [*p["override"], *(f"room_reason_{r}" for r in reasons)]
        return []
    return reasons


def approvers(ctx: Context) -> list[Person]:
    """The people who hold the approving role."""
    role = policy_of(ctx.settings).approver_role
    people = ctx.session.exec(select(Person).where(Person.active == True))  # noqa: E712
    return [p for p in people if role in p.role_set()]


def _push(ctx: Context, person: Person, key: str, urgent: bool, **params: Any) -> bool:
    """An urgent (late) request reaches approvers at once, even in quiet hours; others wait for quiet hours to end."""
    try:
        from bot.digests.push import push_or_hold, push_urgent
    except ImportError:
        return ctx.notify(person, key, **params)
    return (push_urgent if urgent else push_or_hold)(ctx, person, key, **params)


def request_approval(ctx: Context, bookings: list[Booking], reasons: list[str]) -> None:
    """Send each approver a private message with approve/decline buttons (pushed at once when urgent)."""
    first = bookings[0]
    room = ctx.session.get(Room, first.room_id)
    for approver in approvers(ctx):
        lang = lang_of(ctx, approver)
        _push(ctx, approver, "room_approval_request", "urgent" in reasons,
              buttons=(ButtonSpec("btn_room_approve", APPROVE_ACTION, f"a{first.id}"),
                       ButtonSpec("btn_room_decline", APPROVE_ACTION, f"d{first.id}")),
              source=("booking", str(first.id)),
              who=person_name(ctx, first.organizer_id, lang), room=room.name if room else "?",
              when=when_text(first.start, first.end, lang, ctx), count=len(bookings),
              title=first.title or i18n.render("room_untitled", lang),
              reasons=i18n.join_names([i18n.render(f"room_reason_{r}", lang) for r in reasons], lang))


@on_action(APPROVE_ACTION)
def decide(ctx: Context, value: str) -> Replies:
    """Approve or decline a pending booking (or its whole series); the requester hears the outcome."""
    verdict, ident = value[:1], value[1:]
    booking = ctx.session.get(Booking, int(ident)) if ident.isdigit() else None
    if booking is None or verdict not in ("a", "d"):
        return reply("already_handled")
    if not ctx.has_role(policy_of(ctx.settings).approver_role, Role.ADMIN):
        return reply("not_allowed")
    if booking.status != BookingStatus.PENDING_APPROVAL:
        return reply("room_already_decided")
    group = [booking]
    if booking.series_id:
        group = list(ctx.session.exec(select(Booking).where(
            Booking.series_id == booking.series_id, Booking.status == BookingStatus.PENDING_APPROVAL)
            .order_by(col(Booking.start))))
    approved = verdict == "a"
    for b in group:
        b.status = BookingStatus.CONFIRMED if approved else BookingStatus.CANCELLED
        b.approver_id, b.decided_at = ctx.person.id, ctx.now
        if not approved:
            b.cancelled_at = ctx.now
        ctx.session.add(b)
        ctx.audit("booking.approve" if approved else "booking.decline", "booking", b.id)
    room = ctx.session.get(Room, booking.room_id)
    organizer = ctx.session.get(Person, booking.organizer_id)
    if organizer is not None:
        lang = lang_of(ctx, organizer)
        ctx.notify(organizer, "room_approved" if approved else "room_declined", source=("booking", str(booking.id)),
                   room=room.name if room else "?", when=when_text(booking.start, booking.end, lang, ctx),
                   count=len(group), approver=person_name(ctx, ctx.person.id, lang))
    return reply("room_decision_approved" if approved else "room_decision_declined",
                 room=room.name if room else "?", when=when_text(booking.start, booking.end, ctx.lang, ctx),
                 who=person_name(ctx, booking.organizer_id, ctx.lang))
