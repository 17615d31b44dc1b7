"""The lexicon and atom grammar of Chinese time expressions.

The atoms are compiled lazily (time_zh_scan compiles the alternations it needs on first
use), so importing the resolver costs no regular-expression compilation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.understanding.time_zh_holidays import HOLIDAY_PATTERN

# A small number: digits or Chinese numerals (no 万/亿: times never need them).
N = r"(?:[0-9０-９]{1,4}|[零〇一二两三四五六七八九十百廿卅]{1,5})"
N2 = r"(?:[0-9０-９]{1,2}|[零〇一二两三四五六七八九十廿卅]{1,3})"
UNIT = r"(?:秒钟?|分钟|分|小时|钟头|天|日|周|星期|礼拜|个?月|年|工作日)"
WD = r"[一二三四五六日天末1-7]"

ATOMS: list[tuple[str, str]] = [
    ("rec", rf"每(?:隔)?(?P<rec_n>{N2}|半)?个?(?P<rec_u>工作日|天|日|周(?!{WD})|星期(?!{WD})|礼拜(?!{WD})|月|年|小时|季度)?"),
    ("century", rf"(?P<cent>{N2})世纪(?P<cent_dec>{N2})0?年代"),
    ("decade", r"(?P<dec>[0-9]{2,4}|[一二三四五六七八九十]{1,3})年代"),
    ("minguo", rf"民国(?P<mg>{N2}|元)年"),
    ("ymd", r"(?P<y1>[0-9]{4})\s?(?P<s1>[-/.年\s])\s?(?P<m1>[0-9]{1,2})\s?[-/.月\s]\s?(?P<d1>[0-9]{1,2})(?![0-9:])\s?[日号]?"),
    ("dmy", r"(?<![0-9])(?P<a2>[0-9]{1,2})(?P<s2>[/.])(?P<b2>[0-9]{1,2})[/.](?P<c2>[0-9]{4}|[0-9]{2})(?![0-9])"),
    ("hms", r"(?<![0-9])(?P<H>[0-9]{1,2})\s?[:：]\s?(?P<MI>[0-5][0-9])(?:[:：](?P<S>[0-5][0-9]))?(?![0-9])"),
    ("md", r"(?<![0-9./])(?P<m3>1[0-2]|0?[1-9])/(?P<d3>3[01]|[12][0-9]|0?[1-9])(?![0-9/])"),
    ("nthwd", rf"第(?P<nth>{N2})个?(?:星期|周|礼拜)(?P<nthw>{WD})"),
    ("lastwd", rf"最后一个?(?:(?:星期|周|礼拜)(?P<lastw>{WD})|(?P<lastwork>工作日))"),
    ("holafter", rf"(?P<ha_name>{HOLIDAY_PATTERN})?节?后(?:第一天|首日|第一个工作日|上班第一天|首个工作日)"),
    ("holiday", rf"(?P<hol>{HOLIDAY_PATTERN})"),
    ("workdays", rf"(?P<wk_n>{N2})个工作日(?P<wk_dir>内|之内|以内|后|之后|以后)?"),
    ("offwork", r"(?P<ow>下班|收工|今天下班)(?P<ow_dir>前|之前|以前|后|之后|以后)"),
    ("year", r"(?P<ya>[0-9]{2,4}|[零〇一二三四五六七八九]{2,4})\s?年(?![代级度龄轻头纪前后内]|[以之][前后内])"),
    ("window", rf"(?P<win>前|上|下|后|过去|未来|最近|近|接下来|之后|今后)的?\s?(?P<win_n>{N2})\s?个?\s?(?P<win_u>秒钟?|分钟|小时|钟头|天|日|周|星期|礼拜|月|年)"),
    ("hourwin", r"(?P<hw>上|下|这)个?小时"),
    ("offset", rf"(?P<off_n>{N2}|半)\s?(?P<off_h1>个半)?个?\s?(?P<off_u>秒钟?|分钟|分|小时|钟头|天|日|周|星期|礼拜|个月|年)(?P<off_h2>半)?钟?\s?(?P<off_dir>之后|以后|后|之前|以前|前)"),
    ("guo", rf"过(?P<guo_n>{N2}|几)个?(?P<guo_u>天|周|星期|礼拜|月|小时|分钟)"),
    ("duration", rf"(?P<dur_n>{N2}|半)\s?(?P<dur_h1>个半)?个?\s?(?P<dur_u>小时|钟头|分钟|秒钟?|天|周|星期|礼拜|个月|年)(?P<dur_h2>半)?钟?"),
    ("rdp", r"(?P<rdp>大前|大后|今|明|昨|前|后|听)(?P<rdpp>早上|早晨|晚上|晚|早|晨|朝|夜)"),
    ("rday", r"(?P<rday>大大前天|大前天|前天|昨天|昨日|今天|今日|明天|明日|大大后天|大后天|后天|听日|前日|翌日|次日|当天|当日|本日|今儿|明儿|昨儿)"),
    ("week", rf"(?:(?P<wpre>上上个?|上个?|下下个?|下个?|这一?个?|本|今个?|当)\s?)?(?P<wunit>星期|周|礼拜)(?P<wd>{WD})"),
    ("weekrel", r"(?P<wr>上上个?|上个?|下下个?|下个?|这一?个?|本|今个?|当)(?:星期|周|礼拜)"),
    ("quarter", r"(?:(?P<qr>上个?|下个?|这个?|本|今)季度|第(?P<qn>[一二三四1-4])季度?|(?P<qy>Q[1-4]))"),
    ("half", r"(?P<hy>上|下)半年"),
    ("edge", r"(?P<edge_u>月|年|季度)(?P<edge_w>底|末|初|中)"),
    # 4月底 / 明年底 / 下个月初: the month or year atom took 月 / 年, the edge follows it.
    ("edgetail", r"(?<=[月年])(?P<et>底|末|初)(?![下子线气])"),
    ("relmonth", r"(?P<rm>上上个?|上个?|下下个?|下个?|这个?|本|今个?|当)月(?:份)?"),
    ("relyear", r"(?P<ry>大前|大后|今|明|去|前|后|上|下|本|来|当)年"),
    ("month", r"(?P<ma>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|正)\s?月(?:份)?(?:\s?(?P<mdd>[0-9]{1,2}|[一二三四五六七八九十廿卅]{1,3})(?:\s?[日号]|(?![0-9０-９点时分:：个小天周年月钟号日到至])))?"),
    ("day", rf"(?P<da>{N2})\s?[日号](?!本|子|常|元|期)"),
    ("now", r"(?P<now>现在|此刻|此时|而家|宜家|依家|这会儿|眼下)"),
    ("clockrange", rf"(?P<cr1>{N2})\s?(?:到|至|-|~)\s?(?P<cr2>{N2})\s?[点时]"),
    ("clock", rf"(?P<ch>{N2})\s?[点时](?:\s?(?P<cm_half>半)|\s?(?P<cm_q>[一三1-3])刻|[踏搭]?(?P<cm5>十一|[一二三四五六七八九十])个字|[踏搭](?P<cm5t>十一|[一二三四五六七八九十])|(?P<cm5b>[一二三四五六七八九])(?![0-9零〇一二三四五六七八九十分秒个])|[踏搭](?P<cm5h>半)|\s?(?P<cm>{N2})\s?分?|(?:正|整))?(?:\s?(?P<cs>{N2})\s?秒)?"),
    ("clockto", rf"差(?P<cbm>{N2}|一刻)分?钟?(?P<cbh>{N2})[点时]"),
    ("ampm", r"(?P<ampm>[aApP]\.?[mM]\.?|(?<=[0-9点])[pP](?![a-zA-Z]))"),
    ("pod", r"(?P<pod>凌晨|清晨|早上|早晨|早间|一早|上午|中午|午间|下午|午后|傍晚|晚上|晚间|夜里|夜间|夜晚|深夜|半夜|白天|全天|整天|晏昼|早(?=[0-9一二三四五六七八九十两]{1,3}[点时])|晚(?=[0-9一二三四五六七八九十两]{1,3}[点时]))"),
    ("frm", r"(?P<frm>从|由|自)"),
    ("to", r"(?P<to>一直到|直到|截至|截止到|到|至|~|～|－|—|–|ー|-|和|与|跟)"),
    ("between", r"(?P<between>之间|间)"),
    ("sfx", r"(?P<sfx>之前|以前|前|为止|之后|以后|后|以来|开始|起|截止|内|之内|以内)"),
]

ATOM_NAMES = {f"A_{name}": name for name, _ in ATOMS}


@lru_cache(maxsize=1)
def atom_re() -> re.Pattern[str]:
    """All atoms as one alternation (the scanner's fallback; tests compare against it)."""
    return re.compile("|".join(f"(?P<A_{name}>{pattern})" for name, pattern in ATOMS))


# What may stand between two atoms of one expression.
GLUE_RE = re.compile(r"[\s,，、的(（)）]{0,3}")
# Atoms that only make sense next to an expression, never alone.
DEPENDENT = frozenset({"to", "between", "sfx", "frm", "ampm"})
