"""Meeting rooms: booking, free search, schedules, changes, recurrence, approvals, reminders, export."""

from bot.rooms import (  # noqa: F401  (each registers its handlers)
    approval,
    booking,
    changes,
    create,
    export,
    home,
    jobs,
    readback,
    schedule,
    series,
    templates,
)
from bot.rooms.changes import BookingChange, on_booking_changed
from bot.rooms.for_notice import book_for_notice, follow_notice, release_for_notice

__all__ = ["BookingChange", "book_for_notice", "follow_notice", "on_booking_changed", "release_for_notice"]
