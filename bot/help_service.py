"""Help and the "didn't understand" answer."""

from __future__ import annotations

from bot.context import Context
from bot.handlers import on_intent
from bot.replies import Reply, reply
from bot.understanding.commands import ParsedCommand


@on_intent("help")
def show_help(ctx: Context, command: ParsedCommand) -> Reply:
    """What Mishu can do, with one example per capability, in the person's language."""
    return reply("help")


@on_intent("unknown")
def not_understood(ctx: Context, command: ParsedCommand) -> Reply:
    """A polite "I didn't understand" with examples that fit."""
    return reply("unknown")
