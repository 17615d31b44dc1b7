"""The supervision report (督办通报): completion rate, overdue by department, at-risk and closed items."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot import i18n
from bot.messages import Attachment
from bot.tasks.store import days_overdue
from storage.models import Department, Person
from storage.models_tasks import Task, TaskStatus

log = logging.getLogger("mishu.tasks.report")

ITEMS_PER_GROUP = 5
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")
LIVE_STATES = (*TaskStatus.OPEN, TaskStatus.DONE_REPORTED, TaskStatus.CLOSED)


@dataclass(frozen=True)
class ReportItem:
    """One item in the report: title, owner's name, deadline and days overdue."""

    task_id: int
    title: str
    owner: str
    due: datetime
    days_overdue: int = 0


@dataclass(frozen=True)
class DepartmentOverdue:
    """Overdue items of one department."""

    department: str
    count: int
    worst_days: int
    items: list[ReportItem]


@dataclass
class SupervisionReport:
    """What a weekly or monthly 督办通报 says."""

    start: datetime
    end: datetime
    due_count: int = 0
    closed_count: int = 0
    open_count: int = 0
    overdue_count: int = 0
    overdue_by_department: list[DepartmentOverdue] = field(default_factory=list)
    at_risk_count: int = 0
    at_risk: list[ReportItem] = field(default_factory=list)
    closed_in_period_count: int = 0
    closed_in_period: list[ReportItem] = field(default_factory=list)

    @property
    def completion_rate(self) -> float:
        """Closed items among those due by the end of the period, 0..1 (1 when nothing was due)."""
        return self.closed_count / self.due_count if self.due_count else 1.0


def supervision_report(session: Session, now: datetime, start: datetime, end: datetime,
                       tz: ZoneInfo = DEFAULT_TZ) -> SupervisionReport:
    """Build the report for a period as of now, with aggregate queries (fast on large tables)."""
    rep = SupervisionReport(start=start, end=end)
    due_by = min(end, now)
    # Per state over the (status, due) index rather than a scan with status != cancelled.
    per_state = dict(session.exec(select(Task.status, func.count()).where(col(Task.status).in_(LIVE_STATES),
                                                                          Task.due < due_by)
                                  .group_by(col(Task.status))).all())
    rep.due_count = int(sum(per_state.values()))
    rep.closed_count = int(per_state.get(TaskStatus.CLOSED, 0))
    open_states = col(Task.status).in_(TaskStatus.OPEN)
    rep.open_count = int(session.exec(select(func.count()).where(open_states)).one())
    names = {p_id: name for p_id, name in session.exec(select(Person.id, Person.name))}
    depts = {d_id: name for d_id, name in session.exec(select(Department.id, Department.name))}
    grouped = session.exec(select(Task.owner_department_id, func.count(), func.min(Task.due))
                           .where(open_states, Task.due < now).group_by(col(Task.owner_department_id))
                           .order_by(func.count().desc())).all()
    for dept_id, count, _oldest in grouped:
        rows = session.exec(select(Task.id, Task.title, Task.owner_id, Task.due)
                            .where(open_states, Task.due < now, Task.owner_department_id == dept_id)
                            .order_by(col(Task.due)).limit(ITEMS_PER_GROUP)).all()
        items = [_item(names, r, now, tz) for r in rows]
        rep.overdue_by_department.append(DepartmentOverdue(depts.get(dept_id, "-") if dept_id else "-", int(count),
                                                           items[0].days_overdue if items else 0, items))
        rep.overdue_count += int(count)
    rep.at_risk_count = int(session.exec(select(func.count()).where(open_states, Task.due >= now,
                                                                     col(Task.risk_at) <= now)).one())
    risky: list[tuple[int | None, str, int, datetime, datetime | None]] = []
    for state in TaskStatus.OPEN:  # one index-ordered scan per state, merged: no sort of every open item
        cols = (col(Task.id), col(Task.title), col(Task.owner_id), col(Task.due), col(Task.risk_at))
        found: Sequence[Any] = session.execute(sa_select(*cols)
                                          .where(col(Task.status) == state, col(Task.risk_at) <= now, col(Task.due) >= now)
                                          .order_by(col(Task.risk_at)).limit(ITEMS_PER_GROUP * 2)).all()
        risky += [(r[0], r[1], r[2], r[3], r[4]) for r in found]
    risky.sort(key=lambda r: r[4] or now)
    rep.at_risk = [_item(names, (r[0], r[1], r[2], r[3]), now, tz, overdue=False) for r in risky[:ITEMS_PER_GROUP * 2]]
    closed_q = select(Task.id, Task.title, Task.owner_id, Task.due).where(
        col(Task.status) == TaskStatus.CLOSED, col(Task.closed_at) >= start, col(Task.closed_at) < end)
    rep.closed_in_period_count = int(session.exec(select(func.count()).select_from(closed_q.subquery())).one())
    rep.closed_in_period = [_item(names, r, now, tz, overdue=False)
                            for r in session.exec(closed_q.order_by(col(Task.closed_at).desc())
                                                  .limit(ITEMS_PER_GROUP * 2)).all()]
    return rep


def _item(names: dict[int | None, str], row: tuple[int | None, str, int, datetime], now: datetime, tz: ZoneInfo,
          overdue: bool = True) -> ReportItem:
    task_id, title, owner_id, due = row
    return ReportItem(task_id=task_id or 0, title=title, owner=names.get(owner_id, "-"), due=due,
                      days_overdue=days_overdue(due, now, tz) if overdue else 0)


def render_report(rep: SupervisionReport, kind: str, lang: str, tz: ZoneInfo) -> str:
    """The report as a message in a language."""
    r = i18n.render
    out = [r("task_report_head", lang, kind=r(f"task_report_{kind}", lang),
             start=i18n.format_date(rep.start, lang, tz), end=i18n.format_date(rep.end, lang, tz)),
           r("task_report_rate", lang, rate=f"{rep.completion_rate * 100:.0f}", closed=rep.closed_count,
             due=rep.due_count, open=rep.open_count)]
    out.append(r("task_report_overdue", lang, n=rep.overdue_count))
    for group in rep.overdue_by_department:
        out.append(r("task_report_dept", lang, dept=group.department, n=group.count, days=group.worst_days))
        out.extend(r("task_report_item_overdue", lang, id=i.task_id, title=i.title, owner=i.owner, days=i.days_overdue)
                   for i in group.items)
    out.append(r("task_report_at_risk", lang, n=rep.at_risk_count))
    out.extend(r("task_report_item", lang, id=i.task_id, title=i.title, owner=i.owner,
                 due=i18n.format_date(i.due, lang, tz)) for i in rep.at_risk)
    out.append(r("task_report_closed", lang, n=rep.closed_in_period_count))
    out.extend(r("task_report_item", lang, id=i.task_id, title=i.title, owner=i.owner,
                 due=i18n.format_date(i.due, lang, tz)) for i in rep.closed_in_period)
    return "\n".join(out)


def report_charts(session: Session, now: datetime, start: datetime, end: datetime, kind: str,
                  langs: Iterable[str]) -> dict[str, Attachment]:
    """The report's chart (closed, overdue and open items by department) as a PNG per language.

    Empty when charts cannot be drawn (matplotlib or the digests capability missing, or a drawing failure):
    the report then goes out as text only.
    """
    try:
        from bot.digests.charts import draw_supervision, supervision_counts

        counts = supervision_counts(session, now, start, end)
        return {lang: Attachment(f"supervision-{kind}-{start:%Y%m%d}.png", draw_supervision(counts, lang),
                                 "image/png")
                for lang in sorted(set(langs))}
    except ImportError as err:
        log.warning("supervision report sent without its chart: %s", err)
    except Exception:  # noqa: BLE001 - a chart that fails to draw never holds back the report itself
        log.exception("supervision report sent without its chart: drawing failed")
    return {}
