"""The rooms section of the person's App Home: today's bookings they made."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot import i18n
from bot.home import home_section
from storage.models import Person, Room
from storage.models_rooms import Booking, BookingStatus

i18n.register("zh-Hans", {
    "home_rooms_head": "今天的会议室预订({n}):",
    "home_room_line": "· {start}–{end} {room}「{title}」{pending}",
    "home_room_pending": "(待审批)",
})
i18n.register("en", {
    "home_rooms_head": "Your room bookings today ({n}):",
    "home_room_line": "· {start}–{end} {room} \"{title}\"{pending}",
    "home_room_pending": " (awaiting approval)",
})


@home_section
def todays_bookings(session: Session, person: Person, now: datetime, lang: str) -> list[str]:
    """The person's active bookings that end later today, in time order."""
    day_end = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    found = list(session.exec(select(Booking).where(
        Booking.organizer_id == person.id, col(Booking.status).in_(BookingStatus.ACTIVE),
        col(Booking.end) > now, col(Booking.start) < day_end).order_by(col(Booking.start))))
    if not found:
        return []
    lines = [i18n.render("home_rooms_head", lang, n=len(found))]
    for b in found:
        room = session.get(Room, b.room_id)
        pending = i18n.render("home_room_pending", lang) if b.status == BookingStatus.PENDING_APPROVAL else ""
        lines.append(i18n.render("home_room_line", lang, start=f"{b.start.astimezone(now.tzinfo):%H:%M}",
                                 end=f"{b.end.astimezone(now.tzinfo):%H:%M}", room=room.name if room else "?",
                                 title=b.title or i18n.render("room_untitled", lang), pending=pending))
    return lines
