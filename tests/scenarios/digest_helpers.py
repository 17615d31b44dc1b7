"""Seeding rows of other capabilities (bookings, assignments, visits) for digest scenarios."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from adapters.fake import FakeOffice
from bot.directory import find_person
from storage.models import Department, Room
from storage.models_rooms import Booking
from storage.models_tasks import Task
from storage.models_visitors import Visit
from storage.uow import unit_of_work


def person_id(office: FakeOffice, name: str) -> int:
    """A directory person's id."""
    with unit_of_work(office.app.engine) as session:
        person = find_person(session, name)
        assert person is not None and person.id is not None
        return person.id


def book(office: FakeOffice, room: str, organizer: str, start: datetime, end: datetime, title: str) -> None:
    """A confirmed booking."""
    with unit_of_work(office.app.engine) as session:
        room_row = session.exec(select(Room).where(Room.name == room)).one()
        session.add(Booking(room_id=room_row.id or 0, organizer_id=person_id(office, organizer), start=start, end=end,
                            title=title, created_at=office.clock.now()))


def assign(office: FakeOffice, title: str, assigner: str, owner: str, due: datetime, priority: str = "normal",
           department: str | None = None, status: str = "assigned", closed_at: datetime | None = None) -> None:
    """An assignment with the given state."""
    with unit_of_work(office.app.engine) as session:
        dept = session.exec(select(Department).where(Department.name == department)).first() if department else None
        session.add(Task(title=title, created_at=office.clock.now(), assigner_id=person_id(office, assigner),
                         owner_id=person_id(office, owner), owner_department_id=dept.id if dept else None, due=due,
                         priority=priority, status=status, closed_at=closed_at))


def expect_visit(office: FakeOffice, visitor: str, org: str, host: str, start: datetime, purpose: str) -> None:
    """A pre-registered visit."""
    with unit_of_work(office.app.engine) as session:
        session.add(Visit(visitor=visitor, org=org, phone="13800001111", purpose=purpose,
                          host_person_id=person_id(office, host), start_at=start, status="expected"))
