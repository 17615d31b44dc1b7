"""Bookings out: rows for `mishu export bookings` (json/csv) and iCalendar files for all, a room or a person."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from icalendar import Calendar, Event, vCalAddress, vText
from sqlmodel import Session, col, select

from bot.exports import ICAL_EXPORTERS, ExportRequest, exporter
from storage.models import Person, Room
from storage.models_rooms import Booking, BookingStatus

_ICS_STATUS = {BookingStatus.CONFIRMED: "CONFIRMED", BookingStatus.PENDING_APPROVAL: "TENTATIVE"}


def _bookings(session: Session, start: datetime | None, end: datetime | None, room_id: int | None = None,
              person_id: int | None = None) -> list[Booking]:
    query = select(Booking).order_by(col(Booking.start), col(Booking.id))
    if start is not None:
        query = query.where(col(Booking.end) > start)
    if end is not None:
        query = query.where(col(Booking.start) < end)
    if room_id is not None:
        query = query.where(Booking.room_id == room_id)
    if person_id is not None:
        query = query.where(Booking.organizer_id == person_id)
    return list(session.exec(query))


@exporter("bookings")
def export_bookings(session: Session, request: ExportRequest) -> list[dict[str, Any]]:
    """Every booking in the period: id, room, start, end, title, organizer, status (and a few more)."""
    rooms = {r.id: r.name for r in session.exec(select(Room))}
    people = {p.id: p.name for p in session.exec(select(Person))}
    return [{"id": b.id, "room": rooms.get(b.room_id, ""), "start": b.start.isoformat(), "end": b.end.isoformat(),
             "title": b.title, "organizer": people.get(b.organizer_id, ""), "status": b.status,
             "attendees": b.attendees, "chair": b.chair, "series_id": b.series_id or "",
             "checked_in_at": b.checked_in_at.isoformat() if b.checked_in_at else ""}
            for b in _bookings(session, request.start, request.end)]


def calendar_of(session: Session, bookings: list[Booking], name: str) -> bytes:
    """An iCalendar file with one event per active booking."""
    cal = Calendar()
    cal.add("prodid", "-//Mishu//meeting rooms//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    rooms = {r.id: r.name for r in session.exec(select(Room))}
    people = {p.id: p for p in session.exec(select(Person))}
    for b in bookings:
        if b.status not in BookingStatus.ACTIVE:
            continue
        event = Event()
        event.add("uid", f"booking-{b.id}@mishu")
        event.add("dtstamp", b.created_at)
        event.add("dtstart", b.start)
        event.add("dtend", b.end)
        event.add("summary", b.title or rooms.get(b.room_id, ""))
        event.add("location", rooms.get(b.room_id, ""))
        event.add("status", _ICS_STATUS.get(b.status, "CONFIRMED"))
        organizer = people.get(b.organizer_id)
        if organizer is not None and organizer.email:
            address = vCalAddress(f"mailto:{organizer.email}")
            address.params["cn"] = vText(organizer.name)
            event.add("organizer", address)
        lines = [f"Organizer: {organizer.name}"] if organizer is not None else []
        if b.chair:
            lines.append(f"Chair: {b.chair}")
        if lines:
            event.add("description", "\n".join(lines))
        cal.add_component(event)
    return bytes(cal.to_ical())


def ics_for_room(session: Session, room_id: int, start: datetime | None = None, end: datetime | None = None) -> bytes:
    """The .ics feed of one room."""
    room = session.get(Room, room_id)
    return calendar_of(session, _bookings(session, start, end, room_id=room_id), room.name if room else "room")


def ics_for_person(session: Session, person_id: int, start: datetime | None = None,
                   end: datetime | None = None) -> bytes:
    """The .ics feed of one person's bookings."""
    person = session.get(Person, person_id)
    return calendar_of(session, _bookings(session, start, end, person_id=person_id),
                       person.name if person else "person")


def export_ics(session: Session, request: ExportRequest) -> bytes:
    """`mishu export bookings --format ics`: every active booking in the period."""
    return calendar_of(session, _bookings(session, request.start, request.end), "Mishu bookings")


ICAL_EXPORTERS["bookings"] = export_ics
