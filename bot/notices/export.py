"""`mishu export notices`: every notice with its sender and each recipient's status."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot.exports import ExportRequest, exporter
from storage.models import Person
from storage.models_notices import Notice, NoticeRecipient


@exporter("notices")
def export_notices(session: Session, request: ExportRequest) -> list[dict[str, Any]]:
    """Notices created in the period: id, title, sender, status, start, recipients [{name, status}]."""
    query = select(Notice).order_by(col(Notice.id))
    if request.start:
        query = query.where(Notice.created_at >= request.start)
    if request.end:
        query = query.where(Notice.created_at < request.end)
    notices = list(session.exec(query))
    names = {p.id: p.name for p in session.exec(select(Person))}
    recipients: dict[int, list[dict[str, str]]] = {}
    ids = [n.id for n in notices]
    if ids:
        for row in session.exec(select(NoticeRecipient).where(col(NoticeRecipient.notice_id).in_(ids))
                                .order_by(col(NoticeRecipient.id))):
            recipients.setdefault(row.notice_id, []).append(
                {"name": names.get(row.person_id, ""), "status": row.status, "reason": row.reason})
    return [{"id": n.id, "title": n.title, "sender": names.get(n.sender_id, ""), "status": n.status,
             "start": n.start.isoformat() if n.start else None, "place": n.place,
             "sent_at": n.sent_at.isoformat() if n.sent_at else None, "rrule": n.rrule,
             "recipients": recipients.get(n.id or 0, [])} for n in notices]
