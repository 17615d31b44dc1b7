"""The retention job: visitors' personal data is anonymised after the configured number of days."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.context import Context
from bot.jobs import due_job
from storage.models_visitors import Visit

DEFAULT_RETENTION_DAYS = 180
ANONYMISED = "***"


def retention_days(ctx: Context) -> int:
    """visitors.retention_days from the configuration (default 180)."""
    policy = ctx.settings.policy.get("visitors", {})
    return int(policy.get("retention_days", DEFAULT_RETENTION_DAYS)) if isinstance(policy, dict) \
        else DEFAULT_RETENTION_DAYS


@due_job("visitors.retention")
def anonymise_old_visits(ctx: Context) -> int:
    """Blank name, phone, ID number and purpose of visits older than the retention period; audit how many."""
    days = retention_days(ctx)
    cutoff = ctx.now - timedelta(days=days)
    old = ctx.session.exec(select(Visit).where(col(Visit.start_at) < cutoff, col(Visit.anonymised_at).is_(None))
                           .limit(5000)).all()
    for visit in old:
        visit.visitor = ANONYMISED
        visit.phone = ""
        visit.id_number = ""
        visit.purpose = ""
        visit.anonymised_at = ctx.now
        ctx.session.add(visit)
    if old:
        ctx.audit("visit.anonymise", "visit", "", count=len(old), retention_days=days, before=cutoff.isoformat())
    return len(old)
