"""`mishu db` (being built)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `db`."""
    p = sub.add_parser("db")
    p.set_defaults(func=lambda args: 1)
