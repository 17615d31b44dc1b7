"""Notices (通知): compose, send, acknowledgements, chasing, reminders, corrections, schedules, export.

The hook telling recipients of a changed room booking (bot.notices.room_link) is loaded by bot.capabilities.
"""

from bot.notices import (  # noqa: F401 - importing registers the handlers, actions and due jobs
    acks,
    changes,
    chase,
    compose,
    export,
    home,
    reminders,
    schedule,
    send,
    templates,
)
