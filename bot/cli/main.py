"""Argument parsing and dispatch for every `mishu` subcommand."""

from __future__ import annotations

import argparse
import sys

from bot.cli import parse_cmd


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand registered."""
    parser = argparse.ArgumentParser(prog="mishu", description="Mishu (秘书), the office coordination bot")
    sub = parser.add_subparsers(dest="command", required=True)
    parse_cmd.add_parser(sub)
    for register in _optional_commands():
        register(sub)
    return parser


def _optional_commands() -> list:  # type: ignore[type-arg]
    from bot.cli import chat_cmd, db_cmd, directory_cmd, export_cmd, run_cmd

    return [chat_cmd.add_parser, export_cmd.add_parser, directory_cmd.add_parser, db_cmd.add_parser,
            run_cmd.add_parser]


def main(argv: list[str] | None = None) -> int:
    """Run `mishu` with the given arguments and return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
