"""`mishu export tasks`: id, title, assignee, assigner, due, status, chases (and a little more)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot.exports import ExportRequest, exporter
from storage.models import Department, Person
from storage.models_tasks import Task


@exporter("tasks")
def export_tasks(session: Session, request: ExportRequest) -> list[dict[str, Any]]:
    """Every assignment created in the period, oldest first."""
    query = select(Task).order_by(col(Task.id))
    if request.start:
        query = query.where(Task.created_at >= request.start)
    if request.end:
        query = query.where(Task.created_at < request.end)
    names = {p.id: p.name for p in session.exec(select(Person))}
    depts = {d.id: d.name for d in session.exec(select(Department))}
    return [{"id": t.id, "title": t.title, "assignee": names.get(t.owner_id, ""),
             "assigner": names.get(t.assigner_id, ""), "due": t.due.isoformat(), "status": t.status,
             "chases": t.chase_count, "department": depts.get(t.owner_department_id, "") if t.owner_department_id else "",
             "priority": t.priority, "source": t.source, "percent": t.percent,
             "escalation_level": t.escalation_level, "created_at": t.created_at.isoformat(),
             "closed_at": t.closed_at.isoformat() if t.closed_at else None} for t in session.exec(query)]
