"""Shared helpers of notices: slot values, times, the notice's text lines, finding a person's notices."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot import i18n
from bot.context import Context
from bot.understanding.conventions import Conventions
from bot.understanding.lang import to_simplified
from bot.understanding.timeparse import primary_time
from bot.understanding.types import Kind
from storage.models import Person
from storage.models_notices import Notice, NoticeRecipient, NoticeStatus, RecipientStatus

CLASSIFIED = re.compile(r"涉密|秘密|机密|绝密|涉密|機密|絕密")
NONE_ANSWER = re.compile(r"^\s*(?:无|無|没有|沒有|不需要|不用带|不用帶|none|nothing|n/?a|no materials)\s*[。.!!]?\s*$",
                         re.IGNORECASE)
STATUS_ORDER = (RecipientStatus.PENDING, RecipientStatus.ATTENDING, RecipientStatus.RECEIVED,
                RecipientStatus.EXCUSED, RecipientStatus.UNREACHABLE)


def is_classified(*texts: str | None) -> bool:
    """True when any text carries a secrecy marking (涉密/秘密/机密/绝密)."""
    return any(t and CLASSIFIED.search(to_simplified(t)) for t in texts)


def conventions(ctx: Context) -> Conventions:
    """The office's time conventions."""
    return Conventions(office_open=ctx.settings.office.office_open, office_close=ctx.settings.office.office_close)


def as_instant(value: Any) -> datetime | None:
    """A slot or payload value (datetime or ISO text) as an aware instant."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def iso(value: datetime | None) -> str | None:
    """An instant as ISO text for a dialog payload."""
    return value.isoformat() if value else None


def read_time(ctx: Context, text: str, reference: datetime | None = None) -> tuple[datetime, datetime | None] | None:
    """The start (and end) of the main time expression of a text, read in the office's zone."""
    reading = primary_time(text, (reference or ctx.local_now), conventions(ctx))
    if reading is None or reading.start is None or reading.kind is Kind.DURATION:
        return None
    end = reading.end if reading.kind is Kind.INTERVAL else None
    return reading.start, end


def when_text(start: datetime | None, end: datetime | None, lang: str, tz: ZoneInfo) -> str:
    """A meeting time for people: 11月24日(周二) 15:00-16:00."""
    if start is None:
        return ""
    text = i18n.format_datetime(start, lang, tz)
    if end is not None and end > start:
        text += f"-{end.astimezone(tz):%H:%M}"
    return text


def detail_lines(notice: Notice, lang: str, tz: ZoneInfo) -> str:
    """The time, place, materials and due lines of a notice in a language."""
    lines = ""
    if notice.start:
        lines += i18n.render("notice_line_time", lang, when=when_text(notice.start, notice.end, lang, tz))
    if notice.place:
        lines += i18n.render("notice_line_place", lang, place=notice.place)
    if notice.materials:
        lines += i18n.render("notice_line_materials", lang, materials=notice.materials)
    if notice.due:
        lines += i18n.render("notice_line_due", lang, due=i18n.format_datetime(notice.due, lang, tz))
    return lines


def kind_text(is_meeting: bool, lang: str) -> str:
    """会议通知 / 通知 in a language."""
    return i18n.render("notice_kind_meeting" if is_meeting else "notice_kind_plain", lang)


def recipients_of(session: Session, notice_id: int) -> list[tuple[NoticeRecipient, Person]]:
    """A notice's recipients with their directory entries, in the order they were added."""
    rows = session.exec(select(NoticeRecipient, Person).join(Person, col(Person.id) == NoticeRecipient.person_id)
                        .where(NoticeRecipient.notice_id == notice_id).order_by(col(NoticeRecipient.id)))
    return [(r, p) for r, p in rows]


def status_lines(session: Session, notice: Notice, lang: str) -> tuple[str, int]:
    """One line per status with names and counts; and the total."""
    rows = recipients_of(session, notice.id or 0)
    lines = []
    for status in STATUS_ORDER:
        names = [p.name for r, p in rows if r.status == status]
        if names:
            lines.append(i18n.render("notice_status_line", lang, status=i18n.render(f"st_{status}", lang),
                                     count=len(names), names=i18n.join_names(names, lang)))
    return "\n".join(lines), len(rows)


def latest_notice(session: Session, sender: Person, words: str = "", any_sender: bool = False) -> Notice | None:
    """The sender's most recent sent notice, preferring one whose title matches the words."""
    query = select(Notice).where(Notice.status == NoticeStatus.SENT)
    if not any_sender:
        query = query.where(Notice.sender_id == sender.id)
    notices = list(session.exec(query.order_by(col(Notice.id).desc()).limit(50)))
    folded = to_simplified(words).strip().casefold()
    for notice in notices:
        title = notice.title.casefold()
        if folded and title and (title in folded or folded in title):
            return notice
    return notices[0] if notices else None


def lang_of(ctx: Context, person: Person) -> str:
    """The language to write to a person in."""
    return person.language or ctx.settings.office.default_language
