"""`mishu export visitors`: phone and ID numbers masked unless an entitled person asks for them unmasked."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot.exports import ExportRequest, exporter
from bot.visitors.privacy import is_data_viewer, mask_id, mask_phone
from storage.models import AuditLog, Department, Person
from storage.models_visitors import Visit


@exporter("visitors")
def export_visitors(session: Session, request: ExportRequest) -> list[dict[str, Any]]:
    """Every visit in the period; --unmasked only for reception, the office director or an admin (--as NAME)."""
    if request.unmasked and (request.actor is None or not is_data_viewer(request.actor)):
        who = request.actor.name if request.actor else "an unnamed exporter"
        session.add(AuditLog(at=_now(request), actor_id=request.actor.id if request.actor else None,
                             action="export.visitors.refused", object_type="export", detail={"unmasked": True}))
        raise PermissionError(f"{who} may not export visitors' personal data unmasked "
                              "(reception, the office director or an admin; name yourself with --as)")
    query = select(Visit).order_by(col(Visit.start_at), col(Visit.id))
    if request.start:
        query = query.where(col(Visit.start_at) >= request.start)
    if request.end:
        query = query.where(col(Visit.start_at) < request.end)
    people = {p.id: p.name for p in session.exec(select(Person))}
    depts = {d.id: d.name for d in session.exec(select(Department))}
    rows = []
    for v in session.exec(query):
        rows.append({
            "id": v.id, "visitor": v.visitor, "org": v.org,
            "host": people.get(v.host_person_id) or depts.get(v.host_department_id) or v.host_text,
            "start": v.start_at.isoformat() if v.start_at else None, "status": v.status,
            "phone": v.phone if request.unmasked else mask_phone(v.phone),
            "id_number": v.id_number if request.unmasked else mask_id(v.id_number),
            "category": v.category, "purpose": v.purpose, "department": depts.get(v.host_department_id, ""),
            "received_by": people.get(v.received_by_id, ""),
            "referred_to": depts.get(v.referral_department_id, ""),
            "reply_due": v.reply_due_at.isoformat() if v.reply_due_at else None, "chases": v.chase_count,
            "outcome": v.outcome, "previous_visit_id": v.previous_visit_id,
            "anonymised": v.anonymised_at is not None,
        })
    return rows


def _now(request: ExportRequest) -> Any:
    from datetime import UTC, datetime

    # The CLI's audit row carries the --now instant; a refusal is stamped with the wall clock.
    return datetime.now(UTC)
