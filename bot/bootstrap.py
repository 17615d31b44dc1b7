"""The one place that wires settings, engine, clock and core together."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.core import BotCore
from bot.directory import load_directory
from bot.home import set_office_zone
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import Person
from storage.uow import unit_of_work

log = logging.getLogger("mishu.bootstrap")


@dataclass
class App:
    """A wired Mishu: engine and core."""

    engine: Engine
    core: BotCore


def prepare_database(engine: Engine, settings: Settings, clock: Clock) -> bool:
    """Migrate to the newest schema; load the directory when it is empty. True when it loaded."""
    upgrade(engine)
    with unit_of_work(engine) as session:
        if session.exec(select(Person.id)).first() is not None:
            return False
        load_directory(session, settings, clock.now())
    log.info("directory loaded from %s", settings.source or "defaults")
    return True


def build_app(settings: Settings, active_platforms: frozenset[str], clock: Clock | None = None,
              database_url: str | None = None, engine: Engine | None = None) -> App:
    """Engine, migrated database and core, ready to handle messages."""
    clock = clock or SystemClock()
    engine = engine or make_engine(database_url or settings.database_url)
    prepare_database(engine, settings, clock)
    set_office_zone(settings.office.timezone)
    return App(engine=engine, core=BotCore(engine, settings, clock, active_platforms))
