"""Roles and what each may do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A person's role in the office."""

    ADMIN = "admin"
    DIRECTOR = "director"
    LEADER = "leader"
    SECRETARY = "secretary"
    RECEPTION = "reception"
    STAFF = "staff"


ALL_ROLES = frozenset(r.value for r in Role)

# Who may notify a department, a role or everyone; staff may name up to ten people.
BROADCASTERS = frozenset({Role.SECRETARY, Role.DIRECTOR, Role.LEADER, Role.ADMIN})
# Who may create supervised assignments for others.
SUPERVISORS = frozenset({Role.DIRECTOR, Role.LEADER, Role.SECRETARY})
# Who may see visitors' phone and ID numbers in full (the host too, per visit).
VISITOR_DATA_VIEWERS = frozenset({Role.RECEPTION, Role.DIRECTOR, Role.ADMIN})
# Who may move or cancel anyone's booking, and override policy.
BOOKING_OVERRIDERS = frozenset({Role.DIRECTOR, Role.ADMIN})


def parse_roles(text: str) -> list[str]:
    """Role names from a comma-, semicolon- or space-separated text, unknown ones kept for errors."""
    return [r.strip().lower() for r in text.replace(";", ",").replace(" ", ",").split(",") if r.strip()]
