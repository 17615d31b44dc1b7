"""The person's day for an App Home tab: sections that capabilities contribute."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot import i18n
from bot.directory import person_for
from bot.messages import UserRef
from storage.models import Person
from storage.uow import unit_of_work

# fn(session, person, now, lang) -> lines; `now` is aware in the office time zone, so "today" is now's date.
HomeSection = Callable[[Session, Person, datetime, str], list[str]]
HOME_SECTIONS: list[HomeSection] = []
_office_zone: tzinfo = UTC


def set_office_zone(zone: str | tzinfo) -> None:
    """The office's time zone, in which home sections read "today" (set once when the app is built)."""
    global _office_zone
    _office_zone = ZoneInfo(zone) if isinstance(zone, str) else zone


def home_section(fn: HomeSection) -> HomeSection:
    """Register a function that returns lines for the person's day (empty when nothing to show)."""
    HOME_SECTIONS.append(fn)
    return fn


def home_lines(engine: Engine, user: UserRef, now: datetime, default_lang: str,
               tz: tzinfo | None = None) -> list[str]:
    """The lines of a person's home view; a prompt to link for strangers."""
    now = now.astimezone(tz or _office_zone)
    with unit_of_work(engine) as session:
        person = person_for(session, user.platform, user.user_id)
        if person is None:
            return [i18n.render("link_prompt", default_lang)]
        lang = person.language or default_lang
        lines = [i18n.render("home_title", lang, name=person.name)]
        for section in HOME_SECTIONS:
            lines.extend(section(session, person, now, lang))
        if len(lines) == 1:
            lines.append(i18n.render("home_empty", lang))
        return lines
