"""The notices section of the person's App Home: notices still waiting for their confirmation."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, or_, select

from bot import i18n
from bot.home import home_section
from storage.models import Person
from storage.models_notices import Notice, NoticeRecipient, NoticeStatus, RecipientStatus

SHOWN = 8

i18n.register("zh-Hans", {
    "home_notices_head": "待您确认的通知({n}):",
    "home_notice_line": "· 《{title}》{when}(发送人:{sender})",
})
i18n.register("en", {
    "home_notices_head": "Notices waiting for your answer ({n}):",
    "home_notice_line": "· \"{title}\" {when} (from {sender})",
})


@home_section
def waiting_notices(session: Session, person: Person, now: datetime, lang: str) -> list[str]:
    """Sent notices the person has not answered yet whose meeting or deadline has not passed, newest first."""
    found = list(session.exec(
        select(Notice).join(NoticeRecipient, col(NoticeRecipient.notice_id) == Notice.id)
        .where(NoticeRecipient.person_id == person.id, NoticeRecipient.status == RecipientStatus.PENDING,
               Notice.status == NoticeStatus.SENT, or_(col(Notice.cutoff).is_(None), col(Notice.cutoff) > now))
        .order_by(col(Notice.id).desc()).limit(20)))
    if not found:
        return []
    lines = [i18n.render("home_notices_head", lang, n=len(found))]
    for n in found[:SHOWN]:
        sender = session.get(Person, n.sender_id)
        when = i18n.format_datetime(n.start or n.due, lang, now.tzinfo) if (n.start or n.due) else ""  # type: ignore[arg-type]
        lines.append(i18n.render("home_notice_line", lang, title=n.title, when=when,
                                 sender=(sender.name_en or sender.name) if sender and lang == "en"
                                 else (sender.name if sender else "-")))
    return lines
