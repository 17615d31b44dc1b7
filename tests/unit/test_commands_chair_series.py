"""room.book's chair (the words as written, never swallowed by the title) and room.cancel of a whole series."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.test_commands import at, check, parse

CHAIRS: list[tuple[str, str, str | None]] = [
    ("订明天下午三点到五点的第一会议室开党政联席会,刘院长主持", "刘院长", "党政联席会"),
    ("明天下午三点到五点第二会议室,院长办公会,由王主任主持,十二个人", "王主任", "院长办公会"),
    ("订明天下午两点到四点301开预算评审会,主持人:刘建国", "刘建国", "预算评审会"),
    ("主持人刘院长,明天上午九点到十点第一会议室开专题会", "刘院长", "专题会"),
    ("订明天上午十点到十一点301,主持人刘院长", "刘院长", None),
    ("明天下午三点到四点第一会议室,刘院长亲自主持", "刘院长", None),
    ("book room 301 tomorrow 3-4pm for the budget review chaired by Director Wang", "Director Wang",
     "budget review"),
    ("book room 301 tomorrow 3-4pm for the budget review, chair: Li Na", "Li Na", "budget review"),
    ("book the big room tomorrow 2-4pm for the strategy meeting with President Liu chairing", "President Liu",
     "strategy meeting"),
    ("book room 301 tomorrow 3-4pm for the budget review with Li Na chairing, 6 people", "Li Na", "budget review"),
]


@pytest.mark.parametrize(("text", "chair", "title"), CHAIRS)
def test_chair_is_read_as_written_and_kept_out_of_the_title(text: str, chair: str, title: str | None) -> None:
    parsed = parse(text)
    assert parsed.intent == "room.book", (text, parsed.intent)
    assert parsed.slots.get("chair") == chair, (text, parsed.slots)
    got_title = str(parsed.slots.get("title") or "")
    assert chair not in got_title and "主持" not in got_title and "chair" not in got_title.lower(), parsed.slots
    if title is not None:
        assert got_title == title, parsed.slots
    assert parsed.missing == []


@pytest.mark.parametrize("text", ["订明天下午三点到四点的301", "book room 301 tomorrow 3-4pm for the budget review",
                                  "book room 301 tomorrow 3-4pm, we need 10 chairs"])
def test_no_chair_when_none_is_named(text: str) -> None:
    assert "chair" not in parse(text).slots


SERIES: list[tuple[str, dict[str, Any]]] = [
    ("取消每周一的党政联席会", {"series": True, "rrule": "FREQ=WEEKLY;BYDAY=MO", "title": "党政联席会"}),
    ("取消这个系列", {"series": True}),
    ("取消整个系列", {"series": True}),
    ("cancel the whole series", {"series": True}),
    ("cancel the Monday meeting series in room 301", {"series": True, "room": "301"}),
]


@pytest.mark.parametrize(("text", "slots"), SERIES)
def test_cancel_a_whole_series(text: str, slots: dict[str, Any]) -> None:
    parsed = parse(text)
    check(parsed, "room.cancel", slots)
    assert parsed.missing == []


def test_cancelling_one_booking_is_not_a_series() -> None:
    parsed = parse("取消明天下午三点301的预订")
    check(parsed, "room.cancel", {"room": "301", "start": at(5, 15)})
    assert "series" not in parsed.slots
