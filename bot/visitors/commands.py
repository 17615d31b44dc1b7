"""Visitor messages outside CONTRACT.md's intents: check-in/out, routing, "answered?" and the monthly summary."""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot.context import Context
from bot.directory import find_department
from bot.handlers import Replies, pre_parser
from bot.replies import reply
from bot.understanding.lang import to_simplified
from bot.understanding.numerals import chinese_to_int
from bot.visitors import hosting, lists, routing, store
from storage.models_visitors import Visit, VisitStatus

_CHECKIN = re.compile(r"(?:到了|已到|来了|已经到|到达了?|签到)\s*[。!!.]*\s*$"
                      r"|\b(?:has arrived|have arrived|is here|are here|arrived|checked in)\b", re.IGNORECASE)
_CHECKOUT = re.compile(r"(?:走了|离开了?|已离开|签退|送走了)\s*[。!!.]*\s*$"
                       r"|\b(?:has left|have left|left|checked out|is gone)\b\s*[.!]*\s*$", re.IGNORECASE)
_SPOT = re.compile(r"(?:当场|现场|当面)(?:已)?答复|answered (?:it |them |him |her )?(?:on the spot|in person|right away)",
                   re.IGNORECASE)
_REFER = re.compile(r"转(?:给|交|到|至)?(?P<dept>[\u4e00-\u9fffA-Za-z]{1,12}?)(?:办理|处理|承办|答复)"
                    r"|\brefer(?:red)?\s+(?:it\s+|this\s+|the case\s+|them\s+)?to\s+(?:the\s+)?(?P<en>[A-Za-z][\w ]*?)"
                    r"(?:\s+(?:team|department))?(?=\s*[,.;]|\s*$|\s+(?:within|to|for|with|and|reply))", re.IGNORECASE)
_DAYS = re.compile(r"(?P<n>[\d一二两三四五六七八九十]+)\s*个?工作日|within\s+(?P<en>\d+|one|two|three|four|five|six|"
                   r"seven|eight|nine|ten)\s+(?:working|business|work)\s+days", re.IGNORECASE)
_EN_NUMBERS = {w: i for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                           "ten"), start=1)}
_STATUS = re.compile(r"答复了吗|答复了没|答复没有|有答复了?吗|有回音了?吗|回复了吗|办结了吗|怎么样了|进展如何"
                     r"|\b(?:has|have|was|were|did)\b.*\bvisitors?\b.*\b(?:answered|replied|get an answer|closed)\b"
                     r"|\bvisitors?\b.*\b(?:answered|status)\b.*\?", re.IGNORECASE)
_VISIT_WORD = re.compile(r"来访|访客|来访人|visitor|case", re.IGNORECASE)
_ID = re.compile(r"(?:#|来访\s*|visit(?:or)?\s*(?:case\s*)?#?)(?P<id>\d{1,9})\b", re.IGNORECASE)
_OUTCOME = re.compile(r"[::]\s*(?P<outcome>.+)$")
_ROUTABLE = (VisitStatus.ARRIVED, VisitStatus.LEFT, VisitStatus.ACCEPTED)
_ANY_OPEN = (*store.OPEN_STATES, VisitStatus.CLOSED)


def read_referral(text: str) -> tuple[str, int | None]:
    """The department and working days of a referral message ("转后勤处办理,三个工作日内答复")."""
    simple = to_simplified(text)
    match = _REFER.search(simple)
    dept = (match.group("dept") or match.group("en") or "").strip() if match else ""
    days_match = _DAYS.search(simple)
    days: int | None = None
    if days_match:
        raw = days_match.group("n") or days_match.group("en") or ""
        days = int(raw) if raw.isdigit() else _EN_NUMBERS.get(raw.lower()) or chinese_to_int(raw)
    return dept, days


def _named_visit(ctx: Context, text: str, states: tuple[str, ...]) -> Visit | None:
    """A visit named by number or by the visitor's name in the text, latest first."""
    by_id = _ID.search(text)
    if by_id:
        visit = ctx.session.get(Visit, int(by_id.group("id")))
        return visit if visit is not None and visit.status in states else None
    query = (select(Visit).where(col(Visit.status).in_(states), col(Visit.anonymised_at).is_(None))
             .order_by(col(Visit.id).desc()).limit(300))
    folded = text.casefold()
    for visit in ctx.session.exec(query):
        name = visit.visitor.casefold()
        bare = re.sub(r"^(?:mr|ms|mrs|dr|miss|prof)\.?\s+", "", name)
        if name and (name in folded or (len(bare) >= 3 and re.search(rf"\b{re.escape(bare)}\b", folded))):
            return visit
    return None


def _my_latest(ctx: Context, states: tuple[str, ...]) -> Visit | None:
    query = (select(Visit).where(col(Visit.received_by_id) == ctx.person.id, col(Visit.status).in_(states))
             .order_by(col(Visit.id).desc()).limit(1))
    return ctx.session.exec(query).first()


@pre_parser
def visitor_message(ctx: Context, text: str) -> Replies | None:
    """Claim check-in/out, on-the-spot answers, referrals, status questions and the monthly summary."""
    simple = to_simplified(text).strip()
    if lists.is_summary_request(simple):
        return lists.monthly_summary(ctx, simple)
    if _SPOT.search(simple):
        visit = _named_visit(ctx, simple, _ROUTABLE) or _my_latest(ctx, _ROUTABLE)
        if visit is None:
            return reply("vis_no_open")
        outcome = _OUTCOME.search(simple)
        return routing.answer_on_spot(ctx, visit, outcome.group("outcome").strip() if outcome else "")
    if _REFER.search(simple):
        named = _named_visit(ctx, simple, _ROUTABLE)
        visit = named or _my_latest(ctx, _ROUTABLE)
        dept_text, days = read_referral(simple)
        dept = find_department(ctx.session, dept_text)
        if visit is None or (dept is None and named is None and not _VISIT_WORD.search(simple)):
            return None
        if dept is None:
            return reply("vis_refer_bad_dept", dept=dept_text)
        return routing.refer(ctx, visit, dept, days)
    if _STATUS.search(simple):
        visit = _named_visit(ctx, simple, _ANY_OPEN)
        if visit is None and _VISIT_WORD.search(simple):
            visit = _my_latest(ctx, _ANY_OPEN)
            if visit is None:
                return reply("vis_no_open")
        return routing.status(ctx, visit) if visit is not None else None
    if _CHECKIN.search(simple):
        visit = _named_visit(ctx, simple, (VisitStatus.EXPECTED, VisitStatus.ACCEPTED))
        return hosting.check_in(ctx, visit) if visit is not None else None
    if _CHECKOUT.search(simple):
        visit = _named_visit(ctx, simple, (VisitStatus.ARRIVED, VisitStatus.REFERRED, VisitStatus.CLOSED))
        if visit is not None and visit.left_at is None:
            return hosting.check_out(ctx, visit)
    return None
