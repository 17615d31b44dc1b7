"""Options and helpers shared by the `mishu` subcommands."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime

from bot.clock import Clock, FrozenClock, SystemClock
from bot.config import Settings, load_settings


def add_config_options(p: argparse.ArgumentParser, with_now: bool = False) -> None:
    """--config and --db, and --now where a frozen clock makes sense."""
    p.add_argument("--config", default=None, help="configuration file (default: config.toml or config.example.toml)")
    p.add_argument("--db", default=None, help="database URL (default: the configuration's)")
    if with_now:
        p.add_argument("--now", default=None, help="run on a frozen clock set to this ISO 8601 instant")


def settings_and_url(args: argparse.Namespace) -> tuple[Settings, str]:
    """The settings and the database URL the command should use."""
    settings = load_settings(args.config)
    return settings, args.db or settings.database_url


def clock_from(args: argparse.Namespace, settings: Settings) -> Clock:
    """A frozen clock for --now (naive instants are in the office zone), else the wall clock."""
    now = getattr(args, "now", None)
    if not now:
        return SystemClock()
    from zoneinfo import ZoneInfo

    instant = datetime.fromisoformat(now)
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=ZoneInfo(settings.office.timezone))
    return FrozenClock(instant)


def quiet_logging() -> None:
    """Warnings and errors only, to stderr, so stdout stays machine-readable."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
