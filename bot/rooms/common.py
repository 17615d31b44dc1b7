"""Shared helpers of the rooms capability: payload (de)serialisation, formatting, conventions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import select

from bot import i18n
from bot.context import Context
from bot.understanding.conventions import Conventions
from storage.models import Person, Room
from storage.models_rooms import Booking


def to_iso(value: datetime | None) -> str | None:
    """An aware datetime as ISO text for a dialog payload."""
    return value.isoformat() if value is not None else None


def from_iso(value: Any) -> datetime | None:
    """An ISO text (or datetime) from a payload back to an aware datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def conventions(ctx: Context) -> Conventions:
    """The office's time-reading conventions."""
    return Conventions(office_open=ctx.settings.office.office_open, office_close=ctx.settings.office.office_close)


def lang_of(ctx: Context, person: Person) -> str:
    """The language a person reads their pushes in."""
    return person.language or ctx.settings.office.default_language


def when_text(start: datetime, end: datetime, lang: str, ctx: Context) -> str:
    """"11月25日(周三) 15:00–16:00" in the language."""
    local_end = end.astimezone(ctx.tz)
    same_day = start.astimezone(ctx.tz).date() == local_end.date()
    tail = f"{local_end:%H:%M}" if same_day else i18n.format_datetime(end, lang, ctx.tz)
    return f"{i18n.format_datetime(start, lang, ctx.tz)}–{tail}"


def room_label(room: Room | None) -> str:
    """A room's name for people."""
    return room.name if room is not None else "?"


def person_name(ctx: Context, person_id: int | None, lang: str) -> str:
    """A person's name in the language (English name in English when known)."""
    person = ctx.session.get(Person, person_id) if person_id else None
    if person is None:
        return "?"
    return person.name_en if lang == "en" and person.name_en else person.name


def resolve_chair(ctx: Context, words: str) -> str:
    """The chair as stored: the directory name of the person meant ("刘院长" -> "刘建国"), else the words."""
    words = words.strip()
    if not words:
        return ""
    from bot.directory import find_person

    person = find_person(ctx.session, words)
    return person.name if person is not None else words


def chair_label(ctx: Context, chair: str, lang: str) -> str:
    """A stored chair for people: a directory person's English name in English, else as stored."""
    if not chair or lang != "en":
        return chair
    from bot.directory import find_person

    person = find_person(ctx.session, chair)
    return person.name_en if person is not None and person.name_en else chair


def chair_note(ctx: Context, chair: str, lang: str, key: str = "room_rb_chair", newline: bool = True) -> str:
    """The chair as a piece of a reply ("\n主持:刘建国"); empty when there is none."""
    if not chair:
        return ""
    return ("\n" if newline else "") + i18n.render(key, lang, chair=chair_label(ctx, chair, lang))


def booking_line(ctx: Context, booking: Booking, lang: str, with_organizer: bool = False) -> str:
    """One booking as a line of a list."""
    room = ctx.session.get(Room, booking.room_id)
    key = "room_line_org" if with_organizer else "room_line"
    return i18n.render(key, lang, when=when_text(booking.start, booking.end, lang, ctx), room=room_label(room),
                       chair=chair_note(ctx, booking.chair, lang, "room_line_chair", newline=False),
                       title=booking.title or i18n.render("room_untitled", lang),
                       organizer=person_name(ctx, booking.organizer_id, lang),
                       status=i18n.render(f"room_status_{booking.status}", lang))


def active_rooms(ctx: Context) -> list[Room]:
    """Every active room, smallest first."""
    rooms = list(ctx.session.exec(select(Room).where(Room.active == True)))  # noqa: E712
    return sorted(rooms, key=lambda r: (r.capacity, r.name))


def rooms_overview(ctx: Context) -> str:
    """"第一会议室(10人)、301(8人)…" for a question that asks for a room."""
    parts = [i18n.render("room_with_seats", ctx.lang, room=r.name, seats=r.capacity) for r in active_rooms(ctx)]
    return i18n.join_names(parts, ctx.lang)
