"""Charts as PNG: supervision counts by department, and the week's room bookings as a timeline."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlmodel import Session, col, select

from storage.models import Department, Room

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "Droid Sans Fallback", "AR PL UMing CN",
             "Noto Sans CJK JP", "Noto Serif CJK SC")


@dataclass(frozen=True)
class DepartmentCounts:
    """Supervised items of one department: closed in the period, overdue now, open and on time."""

    name: str
    label_en: str
    closed: int
    overdue: int
    open: int


@dataclass(frozen=True)
class RoomBar:
    """One booking on the room timeline: room, day index (0 = Monday), start and end hours, title."""

    room: str
    room_en: str
    day: int
    start_hour: float
    end_hour: float
    title: str


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed font that can draw Chinese, or None (labels then fall back to English)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _ascii_alias(name: str, aliases: list[str] | None, fallback: str) -> str:
    if name.isascii():
        return name
    return next((a for a in aliases or [] if a.isascii()), fallback)


def supervision_counts(session: Session, now: datetime, start: datetime, end: datetime) -> list[DepartmentCounts]:
    """Per owning department: items closed in [start, end), open items overdue at `now`, other open items."""
    try:
        from storage.models_tasks import Task, TaskStatus
    except ImportError:
        return []
    counts: dict[int | None, list[int]] = {}
    for t in session.exec(select(Task).where(col(Task.status) != TaskStatus.CANCELLED)):
        row = counts.setdefault(t.owner_department_id, [0, 0, 0])
        if t.status == TaskStatus.CLOSED and t.closed_at is not None and start <= t.closed_at < end:
            row[0] += 1
        elif t.status in TaskStatus.OPEN:
            row[1 if t.due < now else 2] += 1
    result = []
    for dept_id, (closed, overdue, open_) in counts.items():
        dept = session.get(Department, dept_id) if dept_id else None
        name = dept.name if dept else "-"
        label = _ascii_alias(name, dept.aliases if dept else None, f"Dept {dept_id or '-'}")
        if closed or overdue or open_:
            result.append(DepartmentCounts(name, label, closed, overdue, open_))
    return sorted(result, key=lambda c: (-c.overdue, -c.closed, c.name))


def room_week(session: Session, monday: datetime) -> list[RoomBar]:
    """Active bookings from Monday 00:00 (aware, office zone) for seven days, as timeline bars."""
    try:
        from storage.models_rooms import Booking, BookingStatus
    except ImportError:
        return []
    end = monday + timedelta(days=7)
    bars = []
    for b in session.exec(select(Booking).where(col(Booking.status).in_(BookingStatus.ACTIVE),
                                                Booking.start >= monday, Booking.start < end)
                          .order_by(col(Booking.start))):
        room = session.get(Room, b.room_id)
        name = room.name if room else "?"
        s, e = b.start.astimezone(monday.tzinfo), b.end.astimezone(monday.tzinfo)
        end_hour = e.hour + e.minute / 60 if e.date() == s.date() else 24.0
        bars.append(RoomBar(name, _ascii_alias(name, room.aliases if room else None, f"Room {b.room_id}"),
                            s.weekday(), s.hour + s.minute / 60, end_hour, b.title))
    return bars


def _figure(width: float, height: float) -> tuple[Any, Any, bool]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    font = cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
        plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    return fig, ax, font is not None


def _png(fig: Any) -> bytes:
    from matplotlib import pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def draw_supervision(counts: list[DepartmentCounts], lang: str) -> bytes:
    """A grouped bar chart (closed, overdue, open) by department, as PNG bytes."""
    fig, ax, cjk = _figure(8, 4.5)
    zh = cjk and lang != "en"
    names = [c.name if cjk else c.label_en for c in counts] or ["-"]
    series = ((("办结", "Closed"), [c.closed for c in counts], "#2e7d32"),
              (("逾期", "Overdue"), [c.overdue for c in counts], "#c62828"),
              (("在办", "Open"), [c.open for c in counts], "#1565c0"))
    width = 0.27
    for i, ((label_zh, label_en), values, color) in enumerate(series):
        xs = [x + (i - 1) * width for x in range(len(values))]
        ax.bar(xs, values or [0], width=width, color=color, label=label_zh if zh else label_en)
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names)
    ax.set_ylabel("件数" if zh else "Items")
    ax.set_title("督办完成与逾期情况(按部门)" if zh else "Assignments closed and overdue by department")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend()
    fig.tight_layout()
    return _png(fig)


def draw_room_week(bars: list[RoomBar], rooms: list[tuple[str, str]], monday: datetime, lang: str) -> bytes:
    """The week's bookings as a timeline: one row per room and day, hours across, as PNG bytes."""
    fig, ax, cjk = _figure(10, 6)
    zh = cjk and lang != "en"
    labels_zh, labels_en = "一二三四五六日", ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    rows = [(r, d) for d in range(7) for r, _ in rooms]
    index = {key: i for i, key in enumerate(rows)}
    palette = ("#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457")
    colors = {name: palette[i % len(palette)] for i, (name, _) in enumerate(rooms)}
    for bar in bars:
        y = index.get((bar.room, bar.day))
        if y is None:
            continue
        ax.barh(y, bar.end_hour - bar.start_hour, left=bar.start_hour, color=colors.get(bar.room, "#555555"))
        if zh or bar.title.isascii():
            ax.text(bar.start_hour + 0.05, y, bar.title[:10], va="center", fontsize=7, color="white")
    english = dict(rooms)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"周{labels_zh[d]} {r}" if zh else f"{labels_en[d]} {english[r]}" for r, d in rows],
                       fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(7, 21)
    ax.set_xticks(range(7, 22))
    ax.grid(axis="x", alpha=0.3)
    day = f"{monday:%Y-%m-%d}"
    ax.set_title(f"{day} 起一周会议室安排" if zh else f"Meeting rooms, week of {day}")
    fig.tight_layout()
    return _png(fig)
