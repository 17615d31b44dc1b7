"""`mishu run` (being built)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `run`."""
    p = sub.add_parser("run")
    p.set_defaults(func=lambda args: 1)
