"""Registries that route intents, button actions and dialog answers to service functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.context import Context
from bot.replies import Reply
from bot.understanding.commands import ParsedCommand

Replies = Reply | list[Reply]
IntentHandler = Callable[[Context, ParsedCommand], Replies]
ActionHandler = Callable[[Context, str], Replies]
ConfirmHandler = Callable[[Context, dict[str, Any]], Replies]
AnswerHandler = Callable[[Context, dict[str, Any], str], Replies]

INTENTS: dict[str, IntentHandler] = {}
ACTIONS: dict[str, ActionHandler] = {}
CONFIRMS: dict[str, ConfirmHandler] = {}
ANSWERS: dict[str, AnswerHandler] = {}
# Tried before the general parser, for command families outside CONTRACT.md's intents (directory admin).
PreParser = Callable[[Context, str], "Replies | None"]
PREPARSERS: list[PreParser] = []


def pre_parser(fn: PreParser) -> PreParser:
    """Register a function that may claim a message before the general parser sees it."""
    PREPARSERS.append(fn)
    return fn


def on_intent(*names: str) -> Callable[[IntentHandler], IntentHandler]:
    """Register a service function for one or more intents."""
    def register(fn: IntentHandler) -> IntentHandler:
        for name in names:
            INTENTS[name] = fn
        return fn
    return register


def on_action(name: str) -> Callable[[ActionHandler], ActionHandler]:
    """Register a service function for a button action."""
    def register(fn: ActionHandler) -> ActionHandler:
        ACTIONS[name] = fn
        return fn
    return register


def on_confirm(intent: str) -> Callable[[ConfirmHandler], ConfirmHandler]:
    """Register what happens when a read-back of this intent is confirmed."""
    def register(fn: ConfirmHandler) -> ConfirmHandler:
        CONFIRMS[intent] = fn
        return fn
    return register


def on_answer(intent: str) -> Callable[[AnswerHandler], AnswerHandler]:
    """Register how the answer to a follow-up question of this intent is taken."""
    def register(fn: AnswerHandler) -> AnswerHandler:
        ANSWERS[intent] = fn
        return fn
    return register


def as_list(replies: Replies) -> list[Reply]:
    """A handler's result as a list."""
    return replies if isinstance(replies, list) else [replies]
