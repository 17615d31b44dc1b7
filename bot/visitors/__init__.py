"""Visitors (来访接待): registration, hosts' answers, check-in/out, routing, lists, privacy and retention."""

from bot.visitors import (  # noqa: F401
    commands,
    daily,
    export,
    hosting,
    lists,
    register,
    retention,
    routing,
    templates,
)
