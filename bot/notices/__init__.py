"""Notices (通知): compose, send, acknowledgements, chasing, reminders, corrections, schedules, export."""

from bot.notices import (  # noqa: F401 - importing registers the handlers, actions and due jobs
    acks,
    changes,
    chase,
    compose,
    export,
    reminders,
    schedule,
    send,
    templates,
)
