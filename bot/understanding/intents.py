"""Which intent a message expresses: a leading label, then cue words per intent family."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.understanding.quantities import find_percent
from bot.understanding.rooms import RoomMention, has_generic_room_word


def _zh(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _en(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# A leading label such as "督办:" or "申请延期:" says what the rest is.
_LABEL = re.compile(r"^\s*([^:\n\s][^:\n]{0,23}?)\s*:")
_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("notice.status", _zh(r".*(?:确认|回执|签收)情况")),
    ("notice.send", _en(r"(?:请|帮我)?(?:发|下发|发布|发送|拟|起草|出)?(?:一[个条份]|个|条|份)?(?:会议|紧急|临时)?通知.{0,16}"
                        r"|更正|变更通知|会议通知|(?:meeting\s+)?(?:notice|announcement)|notify\b.*|announce\b.*")),
    ("task.assign", _en(r"(?:领导)?(?:督办|交办|批示|新任务|任务)(?:事项|件)?|(?:new\s+)?(?:task|assignment|to-?do)")),
    ("task.progress", _en(r"(?:报|汇报|报告)?(?:进度|进展)(?:汇报|报告|情况|更新)?|(?:progress\s+)?update|progress")),
    ("task.extend", _en(r"(?:申请)?(?:延期|延长|顺延)(?:申请)?|(?:extension|deadline\s+extension)(?:\s+request)?")),
    ("task.done", _en(r"办结|完成|(?:done|completed|finished)")),
    ("visitor.register", _en(r"(?:登记)?(?:来访|访客|来宾)(?:登记|预约)?|(?:new\s+)?(?:visitor|guest)s?")),
    ("reminder.set", _en(r"提醒(?:我)?|备忘|reminder|remind\s+me")),
    ("room.book", _en(r"(?:预订|预定|预约|订)(?:会议室)?|会议室(?:预订|预定|预约)|(?:room\s+)?booking|book")),
]

_HELP = _en(
    r"^\s*(?:/?help|/start|帮助|菜单|功能|使用说明|说明|怎么用|如何使用|你好|hi|hello"
    r"|你(?:能|会|可以)(?:帮我)?(?:做|干)?(?:些)?(?:什么|啥)(?:呢)?|你有(?:什么|哪些)功能|有(?:什么|哪些)功能"
    r"|what\s+can\s+you\s+do|how\s+(?:do\s+i|to)\s+use\s+(?:you|this|mishu)|commands|menu|\?)\s*[?!.。~]*\s*$"
)
_NOTICE_STATUS = _en(
    r"(?:谁|哪些人|哪几个人?|哪几位|多少人|几个人)(?:还)?(?:没有?|未|不)(?:确认|回复|回执|收到|签收|报名|回|响应|看|读)"
    r"|(?:没有?|未)(?:确认|回复|回执|签收)的(?:人|有|名单)|(?:确认|回执|签收|回复|参会)情况|确认了没|都确认了吗"
    r"|\bwho\s+(?:still\s+)?(?:has(?:n't|\s+not)|have(?:n't|\s+not)|hasnt|did(?:n't|\s+not))\s+(?:yet\s+)?"
    r"(?:confirm|repl|acknowledg|respond|ack|read|seen|rsvp)|\bwho\s+(?:has\s+)?(?:confirmed|replied|acknowledged)"
    r"|\bconfirmation\s+status|\b(?:not|un)\s*(?:yet\s+)?confirmed\b|\bwho\s+is\s+coming\s+to\s+the\b"
)
_NOTICE_SEND = _en(
    r"^(?:请|麻烦)?(?:帮我)?(?:发|下发|发布|发送|起草|拟|出)(?:一[个条份]|个|条|份)?(?:会议|紧急|临时)?通知"
    r"|^(?:请|麻烦)?通知(?!书|单)|(?:发|下发|发布)(?:一[个条份]|个|条|份)?(?:会议|紧急)?通知(?!书)"
    r"|通知(?:各|全体|所有|大家|相关|一下)|通知更正|更正通知"
    r"|^(?:please\s+)?(?:notify|inform|announce|tell\s+(?:all|everyone|everybody|the\s+\w+\s+(?:team|department)))\b"
    r"|\bsend\s+(?:out\s+)?(?:a\s+|an\s+|the\s+)?(?:meeting\s+)?(?:notice|notification|announcement)\b"
    r"|\bannounce\b"
)
_REMINDER = _en(
    r"提醒(?!过)|叫我|喊我|别让我忘|\bremind\b|\bset\s+(?:a|an)\s+(?:reminder|alarm)\b|\bping\s+me\b"
)
_EXTEND_STRONG = _en(
    r"申请延期|延期申请|申请延长|宽限|\bextension\b|\bextend\s+(?:the\s+)?(?:deadline|due\s+date)"
    r"|\bmore\s+time\s+(?:for|on)\b|\bpush\s+(?:back\s+)?the\s+deadline|\bextend\b.+\b(?:to|until)\b"
)
_EXTEND_WEAK = _zh(r"延期|(?:想|要|能否|可否|可不可以|请求|申请)(?:延|推迟|推后|顺延)|(?:延|顺延|延长)(?:到|至)")
_PROGRESS_STRONG = _en(r"报进度|进度汇报|汇报进度|汇报进展|进展汇报|\bprogress\s+update\b|\bupdate\s+on\s+progress\b")
_PROGRESS_WORD = _en(r"完成|进度|进展|做了|推进|到了|\bdone\b|\bcomplete|\bfinished\b|\bthrough\b|\bprogress\b")
_ASSIGN = re.compile(
    r"督办|交办|牵头|交给|交由|指派|分派|布置给"
    r"|(?:^|[,;。:])(?:请|由|让|要求|安排)[^,;。]{1,20}?(?:负责(?!人)|主办|主抓)"
    r"|(?:^|[,;。:])(?:请|让|要求)[^,;。]{1,16}?(?:前|之前|以前|为止|内)[^,;。]{0,4}"
    r"(?:报送|提交|完成|拿出|上报|整理|起草|制定|形成|反馈|落实|报|交|准备|做好|修改|审核|汇总)"
    r"|^(?i:please\s+)?(?i:assign|delegate)\b|\b(?i:assign)\s+\w+"
    r"|\b(?i:ask|tell|have|get)\s+[A-Z]\w*(?:\s+[A-Z]\w*)?\s+to\s+\w+.*\b(?i:by|before|due)\b"
    r"|\b(?i:task)\s+[A-Z]\w+\s+with\b"
)
# A visitor word naming a document or system (来访管理制度, the visitor policy) is a topic, not a visit.
_TOPIC_ZH = r"(?!室|制度|管理(?:办法|制度|规定|系统|平台)|办法|规定|规范|流程|方案|系统|平台|细则|标准|工作方案)"
_TOPIC_EN = (r"(?!\s+(?:policy|policies|management|system|rules|regulations?|procedures?|process|guidelines?"
             r"|handbook|manual|plan|strategy|template|form|app|software|badge\s+design)\b)")
_VISITOR = _en(
    rf"(?:来访|访客|来宾|来客|拜访|上访|接待){_TOPIC_ZH}|来(?:找|见|拜会)"
    rf"|\b(?:visitors?|guests?){_TOPIC_EN}|\bvisiting\b|\bvisited\b|\bwho\s+(?:came\s+(?:in|by)|dropped\s+by|walked\s+in)\b"
    r"|\bcoming\s+(?:in\s+)?to\s+see\b|\bwalk-?in\b|\bdrop(?:ping)?\s+by\b"
)
_VISITOR_LIST = _en(
    r"发我|给我|发一下|发给我|看看|看一下|查一下|查看|列表|名单|清单|汇总|统计|报表|台账|月报|周报|有哪些|有谁|有几|多少"
    r"|哪些人|有没有|谁来|有[^,;。]{0,8}(?:来访|访客|来客|来宾)吗"
    r"|\blist\b|\bshow\b|\bwho(?:'s|\s+is|\s+are)\b|\bany\b|\bsend\s+me\b|\bhow\s+many\b|\bsummary\b"
    r"|\breport\b|\bstat(?:istic)?s\b|\boverview\b|\blog\b|\b(?:is|are)\s+there\b"
    r"|\bwho\s+(?:has\s+|have\s+)?(?:visited|came|dropped\s+by|walked\s+in|checked\s+in)\b"
)
# A question about a visit ("has the visitor been answered?", "张大爷的事回复了吗") registers nobody.
_ASKING = _en(r"[吗么?]\s*$|^\s*(?:has|have|had|is|are|was|were|did|does|do|can|could|will)\b")
_OVERDUE = _en(r"逾期|超期|过期|超时|拖期|\boverdue\b|\blate\b|\bpast\s+due\b|\bbehind\s+schedule\b")
_DUE = _en(r"到期|快到期|即将到期|截止|\bdue\b")
_DONE_FILTER = _en(r"办结|已完成|完成了的|\bdone\b|\bcompleted\b|\bclosed\b|\bfinished\b")
_MINE = _en(r"我的|我还有|我(?:手上|手里|名下|负责的)|\bmy\b|\bmine\b|\bI\s+(?:still\s+)?have\b")
_OPEN = _en(
    r"未完成|没完成|未办结|没办结|没办完|在办|待办|未结|进行中|还没做|\bopen\b|\bpending\b|\boutstanding\b"
    r"|\bunfinished\b|\bin\s+progress\b"
)
_TASK_WORDS = _en(r"督办|任务|事项|交办|待办|[督交]办件|\btasks?\b|\bassignments?\b|\bitems?\b|\bto-?dos?\b")
_LIST_Q = _en(r"哪些|哪几|有什么|有多少|几件|几个|列|清单|列表|统计|汇总|看看|查一下|查看|\blist\b|\bshow\b|\ball\b|\bwhat\b")
_STATUS = _en(
    r"(?:进展|进度|情况)(?:到哪|如何|怎么样|怎样|咋样)|到哪(?:一步|了)|怎么样了|如何了|咋样了|办得怎么样|落实得怎么样"
    r"|有进展吗|进展如何|什么进展|有没有进展|\bhow(?:'s|\s+is|\s+are)\b.+\bgoing\b|\bstatus\s+(?:of|on)\b"
    r"|\bany\s+(?:update|news|progress)\s+on\b|\bwhere\s+are\s+we\s+(?:on|with)\b|\bprogress\s+(?:on|of)\b"
)
_STATUS_EN = _en(
    r"\bhow(?:'s|\s+is|\s+are)\b.+\bgoing\b|\bstatus\s+(?:of|on)\b|\bany\s+(?:update|news|progress)\s+on\b"
    r"|\bwhere\s+are\s+we\s+(?:on|with)\b"
)
_DONE = _en(
    r"办结|办完了|完成了|已完成|已经完成|做完了|搞定|弄好了|已落实|已办理完|结项|销号"
    r"|\b(?:is|are|was|has\s+been|have\s+been|'s)\s+(?:all\s+)?(?:done|completed|finished|closed|complete)\b"
    r"|\bmark\s+.+\s+(?:as\s+)?(?:done|complete)|\bclose\s+(?:the\s+)?(?:task|item|assignment)|\bfinished\b|\bcompleted\b"
)
_MEETING = _en(
    r"会议|[的个场次]会|会(?:挪|改|调|推|提前|取消)|开会|例会|办公会|\bmeetings?\b|\bbookings?\b|\breservations?\b"
)
_CANCEL = _en(r"取消|退订|退掉|不用了|不需要了|撤销|释放|\bcancel|\bcall\s+off\b|\brelease\b|\bdon't\s+need\b")
_SERIES = _en(r"系列|\bseries\b")
_MOVE = _en(
    r"(?:改|挪|调|调整|推迟|延后|推后|提前|换|移|顺延|变更)(?:到|至|成|为)|改期|改时间|\breschedul|\bmove[sd]?\b.*\bto\b"
    r"|\bpush\b.*\b(?:to|back)\b|\bpostpone|\bbring\b.*\bforward\b|\bchange\b.*\bto\b|\bshift\b.*\bto\b"
)
_MINE_ROOM = _en(
    r"(?:我|本人)(?:的|订的|预订的|预定的|约的)(?:会议室)?(?:预订|预定|预约|订单|会议室)|我(?:都)?订了(?:哪些|什么|几个)"
    r"|\bmy\s+(?:room\s+)?(?:bookings|reservations|booked\s+rooms)\b|\bwhat\s+(?:rooms?\s+)?(?:have|did)\s+i\s+book"
)
_FREE = _en(
    r"空(?!调)|闲|可用|能用|没人用|没被占|\bfree\b|\bavailable\b|\bvacant\b|\bunbooked\b"
    r"|有(?:没有)?[^,;。?]{0,15}(?:会议室|房间)(?:吗|么|\?)|哪(?:个|些|间)(?:会议室|房间)|\bis\s+there\s+(?:a|any)\s+room"
    r"|\bany\s+rooms?\b"
)
_SCHEDULE = _en(
    r"安排|日程|排期|(?:预订|预定|使用|占用)情况|被谁订|谁订了|谁在用|有(?:什么|哪些|几个)会|\bschedule\b"
    r"|\bbookings?\b|\bwhat's\s+on\b|\bwhat\s+is\s+on\b|\bwho\s+(?:booked|has)\b|\bagenda\b|\bcalendar\b"
)
_BOOK = _en(
    r"(?<![修装签制])(?:预订|预定|预约|订|借用|借)(?!阅|正)|(?:要|想|固定|需要)用|用一下|占用|安排.{0,4}会议室"
    r"|\bbook\b|\breserve\b|\bneed\s+(?:a|the)\s+room|\bget\s+(?:a|the|us\s+a)\s+room|\bgrab\b|\bhold\s+(?:a|the)\b"
)
_QUESTION = _en(r"[吗么?]|哪|\bwhich\b|\bis\s+there\b|\bany\b|\bare\s+there\b")


def _label_intent(text: str) -> str | None:
    m = _LABEL.match(text)
    if not m:
        return None
    label = m.group(1)
    for intent, pattern in _LABELS:
        if pattern.fullmatch(label):
            return intent
    return None


def _visitor_intent(text: str) -> str | None:
    if not _VISITOR.search(text):
        return None
    if _VISITOR_LIST.search(text):
        return "visitor.list"
    return None if _ASKING.search(text) else "visitor.register"


def _notice_or_reminder(text: str, lead: int) -> str | None:
    """通知 or 提醒, whichever verb comes first; a leading time (每周一八点半通知...) is not the opening."""
    notice = _NOTICE_SEND.search(text)
    at = notice.start() if notice else -1
    rest = text[lead:]
    if lead and not notice:
        skipped = len(rest) - len(rest.lstrip())
        later = _NOTICE_SEND.search(rest.lstrip())
        at = lead + skipped + later.start() if later else -1
    remind = _REMINDER.search(text)
    if remind and (at < 0 or remind.start() < at):
        return "reminder.set"
    return "notice.send" if at >= 0 else None


def _task_list(text: str) -> bool:
    task_words = bool(_TASK_WORDS.search(text))
    listing = bool(_LIST_Q.search(text))
    if (_OVERDUE.search(text) or _DUE.search(text)) and (listing or task_words):
        return True
    if task_words and (listing or _MINE.search(text) or _OPEN.search(text)):
        return True
    return bool(_OPEN.search(text) and (listing or _MINE.search(text)))


def _room_intent(text: str, rooms: list[RoomMention], has_time: bool) -> str | None:
    specific = any(r.specific for r in rooms)
    room_ctx = bool(rooms) or has_generic_room_word(text)
    meeting = room_ctx or bool(_MEETING.search(text))
    if _CANCEL.search(text) and (meeting or has_time or _BOOK.search(text) or _SERIES.search(text)):
        return "room.cancel"
    if _MOVE.search(text) and (meeting or has_time):
        return "room.move"
    if _MINE_ROOM.search(text):
        return "room.mine"
    book = _BOOK.search(text)
    if room_ctx and _FREE.search(text) and (not book or _QUESTION.search(text)):
        return "room.free"
    if meeting and _SCHEDULE.search(text) and not book:
        return "room.schedule"
    if book and (room_ctx or has_time or meeting):
        return "room.book"
    if specific and has_time:
        return "room.book"
    return None


def _rules(text: str, rooms: list[RoomMention], has_time: bool, lead: int = 0) -> str:
    checks: list[tuple[str, Callable[[], object]]] = [
        ("help", lambda: _HELP.match(text)),
        ("notice.status", lambda: _NOTICE_STATUS.search(text)),
        ("", lambda: _notice_or_reminder(text, lead)),
        ("task.extend", lambda: _EXTEND_STRONG.search(text)),
        ("task.progress", lambda: _PROGRESS_STRONG.search(text)
         or (find_percent(text) and _PROGRESS_WORD.search(text))),
        ("task.list", lambda: _LIST_Q.search(text) and _task_list(text)),
        ("task.assign", lambda: _ASSIGN.search(text)),
    ]
    for intent, check in checks:
        found = check()
        if found:
            return found if isinstance(found, str) else intent
    if _STATUS_EN.search(text):
        return "task.status"
    done = _DONE.search(text)
    if done and _VISITOR.search(text) and not _ASKING.search(text) and not text.startswith("的", done.end()):
        # The verb decides: "the visitor policy is done" closes a task whatever its topic.
        return "task.done"
    visitor = _visitor_intent(text)
    if visitor:
        return visitor
    if _task_list(text):
        return "task.list"
    if _STATUS.search(text):
        return "task.status"
    if _DONE.search(text):
        return "task.done"
    if _EXTEND_WEAK.search(text) and not _MEETING.search(text) and not rooms:
        return "task.extend"
    return _room_intent(text, rooms, has_time) or "unknown"


def classify(text: str, rooms: list[RoomMention], has_time: bool, lead: int = 0) -> str:
    """The intent of a prepared (half-width, simplified) message; `lead` is where a leading time ends."""
    return _label_intent(text) or _rules(text, rooms, has_time, lead)
