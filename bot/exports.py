"""Data out: one exporter per kind (bookings, notices, tasks, visitors, audit), as rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from storage.models import AuditLog, Person


@dataclass(frozen=True)
class ExportRequest:
    """What to export: a period and whether personal data may be shown unmasked."""

    start: datetime | None = None
    end: datetime | None = None
    unmasked: bool = False
    actor: Person | None = None


Exporter = Callable[[Session, ExportRequest], list[dict[str, Any]]]
ICalExporter = Callable[[Session, ExportRequest], bytes]
EXPORTERS: dict[str, Exporter] = {}
ICAL_EXPORTERS: dict[str, ICalExporter] = {}
KINDS = ("bookings", "notices", "tasks", "visitors", "audit")


def exporter(kind: str) -> Callable[[Exporter], Exporter]:
    """Register the exporter of a kind."""
    def register(fn: Exporter) -> Exporter:
        EXPORTERS[kind] = fn
        return fn
    return register


@exporter("audit")
def export_audit(session: Session, request: ExportRequest) -> list[dict[str, Any]]:
    """Every audit row in the period: at, actor, action, object, detail."""
    query = select(AuditLog).order_by(AuditLog.id)  # type: ignore[arg-type]
    if request.start:
        query = query.where(AuditLog.at >= request.start)
    if request.end:
        query = query.where(AuditLog.at < request.end)
    names = {p.id: p.name for p in session.exec(select(Person))}
    return [{"at": row.at.isoformat(), "actor": names.get(row.actor_id, "Mishu") if row.actor_id else "Mishu",
             "action": row.action, "object": f"{row.object_type}:{row.object_id}" if row.object_type else "",
             "detail": row.detail or {}} for row in session.exec(query)]
