"""Splitting a run of adjacent atoms into expressions (a start and the end of a range)."""

from __future__ import annotations

from bot.understanding.time_zh_fill import add, num
from bot.understanding.time_zh_spec import Atom, Spec


def absorb(chain: list[Atom]) -> list[tuple[Spec, Spec | None]]:
    """Split a run of adjacent atoms into expressions: (start, end of a range or None)."""
    out: list[tuple[Spec, Spec | None]] = []
    first: Spec | None = None
    cur = Spec()
    has_between = any(a.name == "between" for a in chain)

    def flush() -> None:
        nonlocal first, cur
        if first is not None:
            if not (first.empty() and cur.empty()):
                out.append((first, None if cur.empty() else cur))
        elif not cur.empty():
            out.append((cur, None))
        first = None
        cur = Spec()

    for atom in chain:
        name = atom.name
        if name == "frm":
            if not cur.empty() or first is not None:
                flush()
            cur.span = (atom.start, atom.start)
            continue
        if name == "to":
            joiner = atom.text in ("和", "与", "跟")
            if (joiner and not has_between) or first is not None:
                flush()
                continue
            if joiner and cur.empty():
                continue
            first = cur
            if first.empty():
                first.span = (atom.start, atom.end)
            cur = Spec()
            continue
        if name == "between":
            if first is not None and not cur.empty():
                cur.span = (cur.span[0], atom.end)
            flush()
            continue
        if name == "sfx":
            target = cur if not cur.empty() else None
            if target is not None and first is None:
                target.suffix = atom.text
                target.span = (target.span[0], atom.end)
            flush()
            continue
        if name == "clockrange":
            lo, hi = num(atom.groups["cr1"]), num(atom.groups["cr2"])
            if lo is None or hi is None or lo > 24 or hi > 24 or first is not None or cur.hour is not None:
                flush()
                continue
            cur.hour = lo
            cur.span = (atom.start if cur.empty_span() else cur.span[0], atom.end)
            first = cur
            cur = Spec(hour=hi, span=(atom.start, atom.end))
            continue
        if add(cur, atom):
            continue
        if first is None and cur.empty() and name in ("sfx",):
            continue
        flush()
        add(cur, atom)
    flush()
    return out
