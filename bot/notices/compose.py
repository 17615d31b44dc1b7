"""Composing a notice: the five-elements check, asking for what is missing, permissions, the read-back."""

from __future__ import annotations

import re
from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.directory import find_room
from bot.handlers import Replies, on_answer, on_intent
from bot.notices.audience import Audience, resolve_audience
from bot.notices.common import NONE_ANSWER, as_instant, is_classified, iso, kind_text, read_time, when_text
from bot.notices.policy import notice_policy
from bot.replies import UserError, reply
from bot.roles import BROADCASTERS
from bot.understanding.commands import ParsedCommand

COMPOSE = "notice.compose"
_MEETING = re.compile(r"会议|开会|[^机社]会(?=[,,。;;!!\s]|$)|培训|演练|座谈|讲座|meeting|training|\breview\b",
                      re.IGNORECASE)
_DROP = re.compile(r"^\s*(?:去掉|删掉|删除|不通知|跳过|remove|drop|skip|leave (?:it|them) out)\s*[。.!!]?\s*$",
                   re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:、|,|,|;|;|和|及|以及|\band\b|&)\s*", re.IGNORECASE)
_SEND_AT = re.compile(r"^\s*(?:请)?(?P<when>[^::,,]{2,20}?)(?:再)?(?:发送|发出|发布|下发|发)(?:一[个条份])?(?:会议)?通知")
_LEAD_AUDIENCE = re.compile(r"^[^::]{0,20}?通知(?:给|到)([^::]{1,40})[::]")
_EN_SEND_AT = re.compile(r"^\s*(?:schedule|send)\b(?P<when>.{2,40}?)\b(?:notice|announcement)?\s*:", re.IGNORECASE)


@on_intent("notice.send")
def send_intent(ctx: Context, command: ParsedCommand) -> Replies:
    """A notice composed in one message: check, ask for what is missing, then read it back."""
    slots = command.slots
    content = str(slots.get("content") or "").strip()
    if is_classified(command.text, content):
        raise UserError("classified")
    payload: dict[str, Any] = {
        "title": str(slots.get("title") or ""), "content": content,
        "start": iso(as_instant(slots.get("start"))), "end": iso(as_instant(slots.get("end"))),
        "place": str(slots.get("place") or slots.get("room") or ""), "room": str(slots.get("room") or ""),
        "materials": slots.get("materials"), "audience": [str(a) for a in slots.get("audience") or []],
        "due": iso(as_instant(slots.get("due"))), "rrule": slots.get("rrule"),
        "send_at": _send_at(ctx, command.text, slots),
    }
    payload["meeting"] = not payload["rrule"] and bool(_MEETING.search(f"{payload['title']} {content}")
                                                    or _MEETING.search(command.text.split(":")[0].split(":")[0]))
    if not payload["audience"]:
        lead = _LEAD_AUDIENCE.match(command.text)
        payload["audience"] = [a for a in _SPLIT.split(lead.group(1)) if a] if lead else []
    start = as_instant(payload["start"])
    if start is not None and start < ctx.now and not payload["rrule"]:
        payload["start"] = payload["end"] = None  # a past "time" is a misread (第四季度), never a meeting time
    if payload["send_at"] and payload["send_at"] == payload["start"]:
        payload["start"] = payload["end"] = None  # the time named was when to send, not a meeting
    if ctx.chat is not None and ctx.chat.is_group:
        payload["chat"] = [str(ctx.chat.platform), ctx.chat.chat_id]
    return advance(ctx, payload)


def _send_at(ctx: Context, text: str, slots: dict[str, Any]) -> str | None:
    if slots.get("send_at"):
        return iso(as_instant(slots["send_at"]))
    match = _SEND_AT.match(text) or _EN_SEND_AT.match(text)
    if match is None:
        return None
    found = read_time(ctx, match.group("when"))
    return iso(found[0]) if found and found[0] > ctx.now else None


def advance(ctx: Context, payload: dict[str, Any]) -> Replies:
    """Ask for the next missing piece, or read the whole notice back."""
    audience = resolve_audience(ctx.session, payload["audience"]) if payload["audience"] else None
    if audience is not None and audience.unknown:
        return _ask(ctx, payload, "unknown", reply("notice_ask_unknown", name=audience.unknown[0]),
                    unknown=audience.unknown[0])
    if audience is not None:
        check_permission(ctx, audience)
    if not payload["audience"]:
        return _ask(ctx, payload, "audience", reply("notice_ask_audience"))
    if not payload["content"]:
        return _ask(ctx, payload, "content", reply("notice_ask_content"))
    if payload["meeting"] and not payload["start"] and not payload.get("rrule"):
        return _ask(ctx, payload, "start", reply("notice_ask_start"))
    if payload["meeting"] and not payload["place"]:
        return _ask(ctx, payload, "place", reply("notice_ask_place"))
    if payload["meeting"] and payload["materials"] is None:
        return _ask(ctx, payload, "materials", reply("notice_ask_materials"))
    assert audience is not None
    if not audience.people and not audience.groups and not audience.this_group:
        return reply("notice_nobody", audience=i18n.join_names(payload["audience"], ctx.lang))
    return _readback(ctx, payload, audience)


def check_permission(ctx: Context, audience: Audience) -> None:
    """Broadcasters may notify anyone; other staff up to the policy's number of named people."""
    if ctx.has_role(*BROADCASTERS):
        return
    limit = notice_policy(ctx.settings).staff_max_people
    if audience.broad or len(audience.people) > limit:
        raise UserError("notice_staff_limit", limit=limit)


def _ask(ctx: Context, payload: dict[str, Any], what: str, question: Any, **extra: Any) -> Replies:
    return dialog.start_ask(ctx, COMPOSE, {**payload, "asking": what, **extra}, question)


@on_answer(COMPOSE)
def compose_answer(ctx: Context, payload: dict[str, Any], text: str) -> Replies:
    """Take the sender's answer to the question asked, then go on."""
    what = payload.pop("asking", "")
    answer = text.strip()
    if is_classified(answer):
        raise UserError("classified")
    if what == "audience":
        payload["audience"] = [a for a in _SPLIT.split(answer) if a]
    elif what == "unknown":
        unknown = payload.pop("unknown", "")
        replacement = [] if _DROP.match(answer) else [a for a in _SPLIT.split(answer) if a]
        at = payload["audience"].index(unknown) if unknown in payload["audience"] else len(payload["audience"])
        payload["audience"][at:at + 1] = replacement
    elif what == "content":
        payload["content"] = answer
    elif what == "start":
        found = read_time(ctx, answer)
        if found is None:
            return _ask(ctx, payload, "start", reply("notice_ask_start_again"))
        payload["start"], payload["end"] = iso(found[0]), iso(found[1])
    elif what == "place":
        payload["place"] = answer
        payload["room"] = answer if find_room(ctx.session, answer) else ""
    elif what == "materials":
        payload["materials"] = "" if NONE_ANSWER.match(answer) else answer
    return advance(ctx, payload)


def _readback(ctx: Context, payload: dict[str, Any], audience: Audience) -> Replies:
    if not payload["title"]:
        payload["title"] = _title_from(payload["content"])
    payload["person_ids"] = [p.id for p in audience.people if p.id != ctx.person.id]
    payload["group_ids"] = [g.id for g in audience.groups]
    payload["this_group"] = audience.this_group
    people = [p for p in audience.people if p.id != ctx.person.id]
    names = [p.name for p in people] + [g.title for g in audience.groups]
    return dialog.start_confirm(ctx, "notice.send", payload, reply(
        "notice_readback", kind=kind_text(payload["meeting"], ctx.lang), title=payload["title"],
        details=readback_details(ctx, payload), count=len(people), names=i18n.join_names(names, ctx.lang) or "-",
        content=payload["content"]))


def readback_details(ctx: Context, payload: dict[str, Any]) -> str:
    """The detail lines of a draft in the sender's language."""
    lang, tz = ctx.lang, ctx.tz
    start, end = as_instant(payload["start"]), as_instant(payload["end"])
    lines = ""
    if start and not payload.get("rrule"):
        lines += i18n.render("notice_line_time", lang, when=when_text(start, end, lang, tz))
    if payload["place"]:
        lines += i18n.render("notice_line_place", lang, place=payload["place"])
    if payload["materials"]:
        lines += i18n.render("notice_line_materials", lang, materials=payload["materials"])
    elif payload["meeting"]:
        lines += i18n.render("notice_line_no_materials", lang)
    due = as_instant(payload["due"])
    if due:
        lines += i18n.render("notice_line_due", lang, due=i18n.format_datetime(due, lang, tz))
    send_at = as_instant(payload["send_at"])
    if send_at:
        lines += i18n.render("notice_line_send_at", lang, when=i18n.format_datetime(send_at, lang, tz))
    if payload.get("rrule") and start:
        lines += i18n.render("notice_line_rrule", lang, rule=payload["rrule"],
                             when=i18n.format_datetime(start, lang, tz))
    return lines


def _title_from(content: str) -> str:
    first = re.split(r"[,,。;;.!!\n]", content.strip(), maxsplit=1)[0]
    return first[:30]
