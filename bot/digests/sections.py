"""The brief's section registry: capabilities contribute short lines for a person's day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from storage.models import Person

# fn(session, person, day_start, day_end, lang) -> lines (empty when there is nothing to say).
# day_start/day_end are aware, in the office time zone; "overdue" means before day_start.
BriefSection = Callable[[Session, Person, datetime, datetime, str], list[str]]
BRIEF_SECTIONS: list[BriefSection] = []


def brief_section(fn: BriefSection) -> BriefSection:
    """Register a function that returns the lines of one section of the daily brief."""
    BRIEF_SECTIONS.append(fn)
    return fn


def brief_lines(session: Session, person: Person, day_start: datetime, day_end: datetime, lang: str) -> list[str]:
    """Every non-empty section for the person's day, in registration order."""
    lines: list[str] = []
    for section in BRIEF_SECTIONS:
        lines.extend(section(session, person, day_start, day_end, lang))
    return lines
