"""Chart requests in chat: "这周会议室安排" as a timeline image, "督办统计图" as a bar chart."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from sqlmodel import select

from bot import i18n
from bot.context import Context
from bot.digests.charts import draw_room_week, draw_supervision, room_week, supervision_counts
from bot.digests.weekly import week_start
from bot.handlers import Replies, pre_parser
from bot.messages import Attachment
from bot.replies import Reply
from bot.understanding.lang import to_simplified
from storage.models import Room

_ROOMS = re.compile(r"^\s*(?:这|本)(?:周|星期|礼拜)(?:的)?(?:会议室|各会议室)(?:安排|使用情况|预订情况|占用情况)(?:图|表)?\s*[??。]*\s*$"
                    r"|^\s*(?:this\s+week'?s?\s+room\s+(?:schedule|bookings|chart)|room\s+(?:schedule|bookings)\s+"
                    r"(?:chart\s+)?this\s+week|room\s+chart)\s*[?.!]*\s*$", re.IGNORECASE)
_SUPERVISION = re.compile(r"^\s*(?:本周|这周)?督办(?:统计图|图表|统计图表|情况图)\s*[??。]*\s*$"
                          r"|^\s*(?:the\s+)?(?:weekly\s+)?supervision\s+(?:chart|graph)\s*[?.!]*\s*$", re.IGNORECASE)
PNG = "image/png"


@pre_parser
def claim(ctx: Context, text: str) -> Replies | None:
    """Answer a chart request with a PNG attachment."""
    simple = to_simplified(text)
    if _ROOMS.match(simple):
        monday = _this_monday(ctx)
        return [*_rooms_text(ctx, monday), rooms_chart(ctx, monday)]
    if _SUPERVISION.match(simple):
        return supervision_chart(ctx, _this_monday(ctx))
    return None


def _this_monday(ctx: Context) -> datetime:
    """00:00 of this week's Monday in the office zone."""
    return datetime.combine(week_start(ctx.local_now.date()), time(0, 0), tzinfo=ctx.tz)


def _rooms_text(ctx: Context, monday: datetime) -> list[Reply]:
    """The week's room schedule as text, when the rooms capability is there; the chart follows it."""
    try:
        from bot.rooms.schedule import schedule_reply
    except ImportError:
        return []
    return [schedule_reply(ctx, monday, monday + timedelta(days=7), None, ctx.lang)]


def rooms_chart(ctx: Context, monday: datetime) -> Reply:
    """This week's bookings of every room as a timeline image."""
    label = {"start": i18n.format_date(monday, ctx.lang, ctx.tz),
             "end": i18n.format_date(monday + timedelta(days=6), ctx.lang, ctx.tz)}
    bars = room_week(ctx.session, monday)
    if not bars:
        return Reply(key="dg_chart_rooms_empty", params=label)
    rooms = [(r.name, next((a for a in [r.name, *(r.aliases or [])] if a.isascii()), f"Room {r.id}"))
             for r in ctx.session.exec(select(Room).where(Room.active == True).order_by(Room.id))]  # type: ignore[arg-type]  # noqa: E712
    png = draw_room_week(bars, rooms, monday, ctx.lang)
    return Reply(key="dg_chart_rooms", params={**label, "n": len(bars)},
                 attachments=(Attachment(f"rooms-{monday:%Y%m%d}.png", png, PNG),))


def supervision_chart(ctx: Context, monday: datetime) -> Reply:
    """Closed (this week), overdue and open assignments by department as a bar chart."""
    counts = supervision_counts(ctx.session, ctx.now, monday, monday + timedelta(days=7))
    png = draw_supervision(counts, ctx.lang)
    return Reply(key="dg_chart_supervision",
                 params={"done": sum(c.closed for c in counts), "overdue": sum(c.overdue for c in counts),
                         "open": sum(c.open for c in counts)},
                 attachments=(Attachment(f"supervision-{monday:%Y%m%d}.png", png, PNG),))
