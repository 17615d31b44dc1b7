"""Masking visitors' personal data for everyone not entitled to it."""

from __future__ import annotations

from bot.roles import VISITOR_DATA_VIEWERS
from storage.models import Person
from storage.models_visitors import Visit


def mask_phone(phone: str) -> str:
    """138****1111: the first three and last four digits of a phone number."""
    digits = phone.replace("-", "")
    if not digits:
        return ""
    if len(digits) < 8:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_id(id_number: str) -> str:
    """110***********1234: the first three and last four characters of an ID number."""
    if not id_number:
        return ""
    if len(id_number) < 8:
        return "*" * len(id_number)
    return f"{id_number[:3]}{'*' * (len(id_number) - 7)}{id_number[-4:]}"


def mask_name(name: str) -> str:
    """张** / Ms. C***: enough to recognise the case, not the person."""
    if not name:
        return ""
    if name.isascii():
        words = name.split()
        last = words[-1]
        return " ".join([*words[:-1], last[:1] + "***"])
    return name[:1] + "*" * max(1, len(name) - 1)


def is_data_viewer(person: Person) -> bool:
    """True for reception, the office director and admins."""
    return bool(person.role_set() & set(VISITOR_DATA_VIEWERS))


def may_see_details(person: Person, visit: Visit) -> bool:
    """True when the person may see this visit's phone and ID number in full (viewers and its host)."""
    return is_data_viewer(person) or (visit.host_person_id is not None and visit.host_person_id == person.id)


def shown_phone(visit: Visit, full: bool) -> str:
    """The visit's phone as this reader may see it."""
    return visit.phone if full else mask_phone(visit.phone)


def shown_id(visit: Visit, full: bool) -> str:
    """The visit's ID number as this reader may see it."""
    return visit.id_number if full else mask_id(visit.id_number)
