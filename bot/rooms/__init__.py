"""Meeting rooms: booking, free search, schedules, changes, recurrence, approvals, reminders, export."""

from bot.rooms import (  # noqa: F401  (each registers its handlers)
    approval,
    booking,
    changes,
    create,
    export,
    jobs,
    readback,
    schedule,
    templates,
)
from bot.rooms.changes import BookingChange, on_booking_changed

__all__ = ["BookingChange", "on_booking_changed"]
