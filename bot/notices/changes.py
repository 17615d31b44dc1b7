"""Corrections (通知更正) and cancellations, from natural language or the sender's buttons on the notice."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from bot import dialog, i18n
from bot.context import Context
from bot.directory import find_room
from bot.handlers import Replies, on_action, on_answer, on_confirm, pre_parser
from bot.notices import hooks
from bot.notices.common import (
    as_instant,
    is_classified,
    iso,
    latest_notice,
    read_time,
    recipients_of,
    when_text,
)
from bot.notices.send import CANCEL, FIX, deliver, schedule_reminders
from bot.replies import UserError, reply
from bot.understanding.lang import to_simplified
from storage.models_notices import Notice, NoticeStatus, RecipientStatus

_FIX = re.compile(r"^\s*(?:通知更正|更正通知|会议通知更正|通知变更|更正|correction|notice correction|correct the notice)"
                  r"\s*[::,,]\s*(?P<text>.+)$", re.IGNORECASE | re.DOTALL)
_CANCEL = re.compile(r"^\s*(?:(?:取消|撤回|撤销)(?P<zh>.{0,20}?)通知|cancel\s+(?:the\s+|my\s+)?(?P<en>.{0,40}?)"
                     r"\s*(?:notice|announcement))\s*(?:[::,,。.]\s*(?P<text>.*))?$", re.IGNORECASE | re.DOTALL)
_DAY_WORDS = re.compile(r"今天|明天|后天|大后天|周|星期|礼拜|号|日|月|tomorrow|today|monday|tuesday|wednesday|thursday"
                        r"|friday|saturday|sunday|next|\d+/\d+", re.IGNORECASE)
_TIME_TAIL = re.compile(r"(?:推迟到|提前到|改到|改为|调整到|调整为|变更为|延后到|moves? to|moved to|changed? to|now at)(.+)$",
                        re.IGNORECASE)
_PLACE = re.compile(r"(?:地点|会场|会议室)(?:改为|改在|改到|调整为|变更为|换到|换成)([^,,。;;]+)|改在([^,,。;;]+?)(?:召开|举行|开)"
                    r"|\b(?:in|to)\s+(room\s+\w+|the\s+\w+\s+room)\b", re.IGNORECASE)
FIX_INTENT, CANCEL_INTENT, FIX_ASK = "notice.fix", "notice.cancel", "notice.fix_text"


@pre_parser
def claim_change(ctx: Context, text: str) -> Replies | None:
    """Claim 通知更正… and 取消…通知 messages; the sender's latest notice is meant."""
    simple = to_simplified(text)
    fix = _FIX.match(simple)
    if fix:
        if is_classified(text):
            raise UserError("classified")
        return propose_fix(ctx, _own_notice(ctx, ""), text[fix.start("text"):].strip())
    cancel = _CANCEL.match(simple)
    if cancel:
        words = cancel.group("zh") or cancel.group("en") or ""
        return propose_cancel(ctx, _own_notice(ctx, words), (cancel.group("text") or "").strip())
    return None


def _own_notice(ctx: Context, words: str) -> Notice:
    notice = latest_notice(ctx.session, ctx.person, words)
    if notice is None:
        raise UserError("notice_none")
    return notice


def _sender_notice(ctx: Context, value: str) -> Notice:
    notice = ctx.session.get(Notice, int(value)) if value.isdigit() else None
    if notice is None:
        raise UserError("already_handled")
    if notice.sender_id != ctx.person.id:
        raise UserError("notice_not_sender")
    if notice.status == NoticeStatus.CANCELLED:
        raise UserError("notice_already_cancelled", title=notice.title)
    return notice


@on_action(FIX)
def fix_button(ctx: Context, value: str) -> Replies:
    """The sender's 更正 button: ask for the correction."""
    notice = _sender_notice(ctx, value)
    return dialog.start_ask(ctx, FIX_ASK, {"notice_id": notice.id}, reply("notice_fix_ask"))


@on_answer(FIX_ASK)
def fix_answer(ctx: Context, payload: dict[str, Any], text: str) -> Replies:
    """The correction typed after the 更正 button."""
    if is_classified(text):
        raise UserError("classified")
    return propose_fix(ctx, _sender_notice(ctx, str(payload["notice_id"])), text.strip())


@on_action(CANCEL)
def cancel_button(ctx: Context, value: str) -> Replies:
    """The sender's 取消通知 button: read the cancellation back."""
    return propose_cancel(ctx, _sender_notice(ctx, value), "")


def propose_fix(ctx: Context, notice: Notice, text: str) -> Replies:
    """Read back what the correction changes before anything is sent."""
    start, end = _new_time(ctx, notice, text)
    place = _new_place(ctx, text)
    payload = {"notice_id": notice.id, "text": text, "start": iso(start), "end": iso(end), "place": place}
    count = sum(1 for r, _ in recipients_of(ctx.session, notice.id or 0) if r.status != RecipientStatus.UNREACHABLE)
    return dialog.start_confirm(ctx, FIX_INTENT, payload, reply(
        "notice_fix_readback", title=notice.title, changes=changes_text(notice, start, end, place, ctx.lang, ctx),
        text=text, count=count))


def _new_time(ctx: Context, notice: Notice, text: str) -> tuple[datetime | None, datetime | None]:
    tail = _TIME_TAIL.search(text)
    fragment = tail.group(1) if tail else text
    reference = ctx.local_now
    if notice.start is not None and not _DAY_WORDS.search(fragment):
        reference = notice.start.astimezone(ctx.tz).replace(hour=0, minute=0)  # same day as the meeting
    found = read_time(ctx, fragment, reference)
    if found is None or (notice.start is not None and found[0] == notice.start):
        return None, None
    start, end = found
    if end is None and notice.start is not None and notice.end is not None:
        end = start + (notice.end - notice.start)
    return start, end


def _new_place(ctx: Context, text: str) -> str | None:
    match = _PLACE.search(text)
    if match:
        words = next(g for g in match.groups() if g).strip()
        room = find_room(ctx.session, words)
        return room.name if room else words
    return None


def changes_text(notice: Notice, start: datetime | None, end: datetime | None, place: str | None,
                 lang: str, ctx: Context) -> str:
    """The changed fields as old → new lines."""
    lines = []
    if start is not None:
        lines.append(i18n.render("notice_change_line", lang, field=i18n.render("field_time", lang),
                                 old=when_text(notice.start, notice.end, lang, ctx.tz) or "-",
                                 new=when_text(start, end, lang, ctx.tz)))
    if place is not None and place != notice.place:
        lines.append(i18n.render("notice_change_line", lang, field=i18n.render("field_place", lang),
                                 old=notice.place or "-", new=place))
    return "\n".join(lines) or i18n.render("notice_change_none", lang)


@on_confirm(FIX_INTENT)
def fix_confirmed(ctx: Context, payload: dict[str, Any]) -> Replies:
    """Apply the correction, reset every confirmation and tell everyone notified what changed."""
    notice = _sender_notice(ctx, str(payload["notice_id"]))
    start, end, place = as_instant(payload["start"]), as_instant(payload["end"]), payload["place"]
    before = {"start": iso(notice.start), "end": iso(notice.end), "place": notice.place}
    rows = [(r, p) for r, p in recipients_of(ctx.session, notice.id or 0) if r.status != RecipientStatus.UNREACHABLE]
    per_lang: dict[str, str] = {}
    for _, person in rows:
        lang = person.language or ctx.settings.office.default_language
        per_lang.setdefault(lang, changes_text(notice, start, end, place, lang, ctx))
    if start is not None:
        notice.start, notice.end = start, end
        notice.cutoff = start
    if place is not None and place != notice.place:
        room = find_room(ctx.session, place)
        notice.place, notice.room_id = place, room.id if room else None
    notice.version += 1
    notice.chase_round, notice.summary_sent_at = 0, None
    notice.next_chase_at = ctx.now + timedelta(minutes=notice.chase_interval_minutes)
    schedule_reminders(ctx, notice)
    for row, _ in rows:
        row.status, row.reason, row.responded_at, row.chase_count = RecipientStatus.PENDING, "", None, 0
        ctx.session.add(row)
    ctx.session.add(notice)
    for lang, changes in per_lang.items():
        group = [(r, p) for r, p in rows if (p.language or ctx.settings.office.default_language) == lang]
        deliver(ctx, notice, group, key="notice_corrected", changes=changes, text=payload["text"])
    ctx.audit("notice.correct", "notice", notice.id, before=before,
              after={"start": iso(notice.start), "end": iso(notice.end), "place": notice.place},
              text=payload["text"], reset=len(rows))
    room_note = hooks.follow_room(ctx, notice) if start is not None or place is not None else None
    return hooks.with_note(ctx, reply("notice_fixed", count=len(rows), extra=""), room_note)


def propose_cancel(ctx: Context, notice: Notice, text: str) -> Replies:
    """Read back the cancellation before everyone is told."""
    count = sum(1 for r, _ in recipients_of(ctx.session, notice.id or 0) if r.status != RecipientStatus.UNREACHABLE)
    return dialog.start_confirm(ctx, CANCEL_INTENT, {"notice_id": notice.id, "text": text},
                                reply("notice_cancel_readback", title=notice.title, count=count))


@on_confirm(CANCEL_INTENT)
def cancel_confirmed(ctx: Context, payload: dict[str, Any]) -> Replies:
    """Cancel the notice, stop chasing and reminders, and tell everyone who was notified."""
    notice = _sender_notice(ctx, str(payload["notice_id"]))
    notice.status, notice.next_chase_at, notice.next_reminder_at = NoticeStatus.CANCELLED, None, None
    ctx.session.add(notice)
    rows = [(r, p) for r, p in recipients_of(ctx.session, notice.id or 0) if r.status != RecipientStatus.UNREACHABLE]
    for _, person in rows:
        ctx.notify(person, "notice_cancelled", source=("notice", str(notice.id)), title=notice.title,
                   text=payload.get("text") or "")
    hooks.release_room(ctx, notice)
    ctx.audit("notice.cancel", "notice", notice.id, told=len(rows), text=payload.get("text") or "")
    return reply("notice_cancelled_sender", title=notice.title, count=len(rows))
