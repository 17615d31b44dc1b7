"""`mishu chat` (being built)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `chat`."""
    p = sub.add_parser("chat")
    p.set_defaults(func=lambda args: 1)
