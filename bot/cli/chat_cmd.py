"""`mishu chat`: talk to Mishu in the terminal as a directory person (CONTRACT.md)."""

from __future__ import annotations

import argparse
import sys

from adapters.console import Console, first_admin
from bot.bootstrap import build_app
from bot.cli.common import add_config_options, clock_from, quiet_logging, settings_and_url
from bot.directory import find_person
from bot.messages import Platform
from storage.uow import unit_of_work


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `chat`."""
    p = sub.add_parser("chat", help="talk to Mishu in the terminal")
    add_config_options(p, with_now=True)
    p.add_argument("--as", dest="as_name", default=None, help="speak as this person (default: the first admin)")
    p.add_argument("--script", default=None, help="read messages from this file instead of stdin")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Entry point of `mishu chat`."""
    quiet_logging()
    settings, url = settings_and_url(args)
    app = build_app(settings, frozenset({Platform.CONSOLE.value}), clock_from(args, settings), database_url=url)
    speaker = first_admin(app)
    if args.as_name:
        with unit_of_work(app.engine) as session:
            person = find_person(session, args.as_name)
        if person is None:
            print(f"mishu chat: no person called {args.as_name!r} in the directory", file=sys.stderr)
            return 2
        speaker = person.name
    if args.script:
        with open(args.script, encoding="utf-8") as fh:
            Console(app, speaker).run(fh.readlines())
        return 0
    interactive = sys.stdin.isatty()
    if interactive:
        print(f"Mishu chat — you are {speaker}. Type 帮助 / help; /as NAME, /press N, /advance 2h, /quit.")
    Console(app, speaker, interactive=interactive).run(sys.stdin)
    return 0
