"""Registering a visitor in one message: ask for what is missing, link repeat visits, tell the host."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.handlers import Replies, on_answer, on_intent
from bot.replies import ButtonSpec, Reply, reply
from bot.understanding.commands import ParsedCommand
from bot.understanding.conventions import Conventions
from bot.visitors import store
from bot.visitors.extract import PHONE, extract, infer_category, normalise_phone, read_time
from bot.visitors.privacy import mask_name, mask_phone, may_see_details
from storage.models import Department, Person
from storage.models_visitors import Visit, VisitStatus

INTENT = "visitor.register"
# A visit more than this far ahead is an expected visit the host is asked to accept.
EXPECTED_AFTER = timedelta(minutes=10)
REPEAT_ALERT_AT = 3


def conventions(ctx: Context) -> Conventions:
    """The office's time conventions."""
    return Conventions(office_open=ctx.settings.office.office_open, office_close=ctx.settings.office.office_close)


@on_intent(INTENT)
def register(ctx: Context, command: ParsedCommand) -> Replies:
    """Log or pre-register a visitor from the parsed slots, completed from the words themselves."""
    facts = extract(command.text, ctx.local_now, conventions(ctx))
    slots = command.slots
    phone = str(slots.get("phone") or "") or facts.phone
    purpose = str(slots.get("purpose") or "") or facts.purpose
    start = slots.get("start") or (facts.start.isoformat() if facts.start else None)
    payload: dict[str, Any] = {
        "visitor": str(slots.get("visitor") or "") or facts.visitor, "org": str(slots.get("org") or "") or facts.org,
        "phone": normalise_phone(phone) if PHONE.fullmatch(phone) else phone, "id_number": facts.id_number,
        "purpose": purpose, "host": str(slots.get("host") or "") or facts.host,
        "category": infer_category(f"{purpose} {command.text}") if purpose else facts.category,
        "start": start.isoformat() if isinstance(start, datetime) else start,
    }
    return proceed(ctx, payload)


def proceed(ctx: Context, payload: dict[str, Any]) -> Replies:
    """Ask for the name or the host when missing or unknown, else register."""
    if not payload.get("visitor"):
        return dialog.start_ask(ctx, INTENT, {**payload, "asking": "visitor"}, reply("vis_ask_name"))
    if not payload.get("host"):
        return dialog.start_ask(ctx, INTENT, {**payload, "asking": "host"},
                                reply("vis_ask_host", visitor=payload["visitor"]))
    host, dept = store.resolve_host(ctx.session, payload["host"])
    if host is None and dept is None:
        return dialog.start_ask(ctx, INTENT, {**payload, "asking": "host"},
                                reply("vis_host_unknown", host=payload["host"], visitor=payload["visitor"]))
    return create(ctx, payload, host, dept)


@on_answer(INTENT)
def answer(ctx: Context, payload: dict[str, Any], text: str) -> Replies:
    """The visitor's name or the host, given after being asked."""
    field = payload.pop("asking", "visitor")
    value = re.sub(r"^[\s。.!!]+|[\s。.!!]+$", "", text)
    if field == "host":
        value = value.removeprefix("找").removeprefix("要找").strip()
        for prefix in ("to see ", "see ", "meeting "):
            value = value.removeprefix(prefix)
    payload[field] = value
    return proceed(ctx, payload)


def create(ctx: Context, payload: dict[str, Any], host: Person | None, dept: Department | None) -> Replies:
    """Store the visit, recognise a repeat visitor, tell the host, and answer the registrant."""
    start = _start(ctx, payload.get("start"))
    expected = start > ctx.now + EXPECTED_AFTER
    visit = Visit(visitor=payload["visitor"], org=payload.get("org", ""), phone=payload.get("phone", ""),
                  id_number=payload.get("id_number", ""), purpose=payload.get("purpose", ""),
                  category=payload.get("category", ""), host_text=payload["host"],
                  host_person_id=host.id if host else None, host_department_id=dept.id if dept else None,
                  start_at=start, registered_at=ctx.now, expected_at=start if expected else None,
                  arrived_at=None if expected else min(start, ctx.now), received_by_id=ctx.person.id,
                  status=VisitStatus.EXPECTED if expected else VisitStatus.ARRIVED)
    ctx.session.add(visit)
    ctx.session.flush()
    ctx.audit("visit.register", "visit", visit.id, status=visit.status, host=payload["host"])
    repeat = _link_repeat(ctx, visit)
    host_note = _tell_host(ctx, visit, host, expected)
    return _replies(ctx, visit, expected, host_note, repeat)


def _start(ctx: Context, value: Any) -> datetime:
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=ctx.tz)
        except ValueError:
            found = read_time(value, ctx.local_now, conventions(ctx))
            if found is not None:
                return found
    return ctx.now


def _link_repeat(ctx: Context, visit: Visit) -> str:
    """Link to earlier visits; at the third visit on the same matter the office director hears of it."""
    earlier = store.earlier_visits(ctx.session, visit)
    if not earlier:
        return ""
    previous = earlier[0]
    visit.previous_visit_id = previous.id
    same_matter = [v for v in earlier if v.category == visit.category]
    if same_matter:
        visit.matter_id = same_matter[0].matter_id or same_matter[0].id
        matter = [v for v in earlier if (v.matter_id or v.id) == visit.matter_id]
        count = len(matter) + 1
        if count >= REPEAT_ALERT_AT:
            ids = ", ".join(f"#{v.id}" for v in sorted([*matter, visit], key=lambda v: v.id or 0))
            for director in store.directors(ctx.session):
                lang = store.lang_of(ctx, director)
                ctx.notify(director, "vis_director_repeat", source=("visit", str(visit.id)),
                           idempotency_key=f"visit:{visit.matter_id}:repeat:{count}",
                           visitor=visit.visitor, org=i18n.render("vis_org", lang, org=visit.org) if visit.org else "",
                           n=count, ids=ids, purpose=visit.purpose or store.category_label(visit, lang))
    ctx.session.add(visit)
    ctx.audit("visit.link", "visit", visit.id, previous=previous.id, matter=visit.matter_id)
    return i18n.render("vis_repeat", ctx.lang, visitor=visit.visitor, n=len(earlier) + 1,
                       prev_when=store.when_label(ctx, previous, ctx.lang), prev_id=previous.id,
                       prev_status=store.status_label(previous.status, ctx.lang))


def _tell_host(ctx: Context, visit: Visit, host: Person | None, expected: bool) -> str:
    if host is None or host.id == ctx.person.id:
        return ""
    lang = store.lang_of(ctx, host)
    line = store.describe(ctx, visit, lang, full=True)
    receiver = store.person_name(ctx.session, ctx.person.id, lang)
    vid = str(visit.id)
    if expected:
        ok = ctx.notify(host, "vis_host_expected", source=("visit", vid), registrant=receiver, id=visit.id, line=line,
                        buttons=(ButtonSpec("vis_btn_accept", "vi.acc", vid),
                                 ButtonSpec("vis_btn_decline", "vi.dec", vid),
                                 ButtonSpec("vis_btn_propose", "vi.pro", vid)))
    else:
        ok = ctx.notify(host, "vis_host_arrived", source=("visit", vid), id=visit.id, line=line, receiver=receiver)
    name = store.person_name(ctx.session, host.id, ctx.lang)
    return i18n.render("vis_host_told" if ok else "vis_host_unreachable", ctx.lang, host=name)


def _replies(ctx: Context, visit: Visit, expected: bool, host_note: str, repeat: str) -> Replies:
    vid = str(visit.id)
    line = store.describe(ctx, visit, ctx.lang, full=may_see_details(ctx.person, visit))
    if expected:
        details = Reply("vis_registered_expected", {"id": visit.id, "line": line, "repeat": repeat,
                                                    "host": store.host_label(ctx.session, visit, ctx.lang)},
                        buttons=(ButtonSpec("vis_btn_checkin", "vi.in", vid),))
    else:
        details = Reply("vis_registered", {"id": visit.id, "line": line, "repeat": repeat, "host_note": host_note,
                                           "receiver": store.person_name(ctx.session, ctx.person.id, ctx.lang)},
                        buttons=(ButtonSpec("vis_btn_spot", "vi.spot", vid), ButtonSpec("vis_btn_refer", "vi.ref", vid),
                                 ButtonSpec("vis_btn_checkout", "vi.out", vid)))
    chat = ctx.chat
    if chat is None or not chat.is_group:
        return details
    phone = mask_phone(visit.phone)
    group_ack = reply("vis_group_ack", id=visit.id, visitor=mask_name(visit.visitor),
                      phone=i18n.render("vis_phone", ctx.lang, phone=phone) if phone else "",
                      name=store.person_name(ctx.session, ctx.person.id, ctx.lang))
    private = Reply(details.key, details.params, details.buttons, private=True)
    return [group_ack, private]
