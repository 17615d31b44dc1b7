"""`mishu db upgrade`: migrate the database to the newest schema."""

from __future__ import annotations

import argparse

from bot.cli.common import add_config_options, quiet_logging, settings_and_url
from storage.db import make_engine
from storage.migrate import current_revision, upgrade


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `db` with its `upgrade` and `current` actions."""
    p = sub.add_parser("db", help="database schema")
    p.add_argument("action", choices=["upgrade", "current"])
    add_config_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Entry point of `mishu db`."""
    quiet_logging()
    _settings, url = settings_and_url(args)
    engine = make_engine(url)
    if args.action == "upgrade":
        upgrade(engine)
    print(f"database at revision {current_revision(engine)}")
    return 0
