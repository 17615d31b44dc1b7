"""The assignments section of the person's App Home: what they still have open, overdue first."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot import i18n
from bot.home import home_section
from storage.models import Person
from storage.models_tasks import Task, TaskStatus

SHOWN = 8

i18n.register("zh-Hans", {
    "home_tasks_head": "您的督办件({n}):",
    "home_task_line": "· #{id} {urgent}{title},截止 {due}{overdue}",
    "home_task_overdue": "(已逾期)",
    "home_task_urgent": "【急】",
    "home_more": "……还有 {n} 项",
})
i18n.register("en", {
    "home_tasks_head": "Your open assignments ({n}):",
    "home_task_line": "· #{id} {urgent}{title}, due {due}{overdue}",
    "home_task_overdue": " (overdue)",
    "home_task_urgent": "[urgent] ",
    "home_more": "... and {n} more",
})


@home_section
def open_assignments(session: Session, person: Person, now: datetime, lang: str) -> list[str]:
    """Open items the person owns, in deadline order."""
    found = list(session.exec(select(Task).where(Task.owner_id == person.id, col(Task.status).in_(TaskStatus.OPEN))
                              .order_by(col(Task.due)).limit(50)))
    if not found:
        return []
    lines = [i18n.render("home_tasks_head", lang, n=len(found))]
    for t in found[:SHOWN]:
        lines.append(i18n.render("home_task_line", lang, id=t.id, title=t.title,
                                 urgent=i18n.render("home_task_urgent", lang) if t.priority == "urgent" else "",
                                 due=i18n.format_datetime(t.due, lang, now.tzinfo),  # type: ignore[arg-type]
                                 overdue=i18n.render("home_task_overdue", lang) if t.due < now else ""))
    if len(found) > SHOWN:
        lines.append(i18n.render("home_more", lang, n=len(found) - SHOWN))
    return lines
