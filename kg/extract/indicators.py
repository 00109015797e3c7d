"""Numeric indicators (工业总产值 4191.83 亿元, 增长 2.99%) read from one sentence.

Public API (sentence-level, pure, no store, no printing):

``find_indicators(sentence, *, doc_date=None, doc_year=None, year_context=None) -> list[RawIndicator]``
    Every "value + unit" statistic in ``sentence`` with its name as the text gives it,
    the growth rate stated with it, the year it refers to and character offsets
    *within the sentence*. The caller decides the subject (the zone or park the
    passage is about); when the sentence itself opens the clause with a park or
    zone name (南海园千亩加速器正建设15万平方米…) ``subject_span`` gives that
    name's offsets so the caller can attach the indicator to it.

    - ``doc_date``: the document's ISO date ("2021-12-22" or "2021"), used to resolve
      今年 / 去年 / 上年.
    - ``doc_year``: overrides the year of ``doc_date`` (pass ``reference_year(text, date)``).
    - ``year_context``: the year the passage is about when the sentence does not say
      (from a heading "2021年工作总结" or a paragraph opening "2021年,…"; see
      ``YearTracker``).

    The caller must drop repeats of the same (subject, value, unit) within one
    document: pull quotes and summaries restate figures, the gold records each
    once, and every repeat scores as a false positive. Pass
    ``doc_year=reference_year(doc.text, doc.date)`` rather than the raw date: a
    document's last date line can be an old event's date.

``YearTracker(doc_year=None)``
    Keeps the year context while the caller walks a document: call
    ``tracker.paragraph()`` at every paragraph break, ``tracker.context`` before
    extracting from a sentence and ``tracker.feed(sentence)`` after it.

``reference_year(text, doc_date) -> int | None``
    The year 今年 refers to: the date's year unless the text states later dated
    events, else a guess from the years the text mentions.

What is not an indicator: years and dates, ordinals (第13位), durations (20余年),
ranges (3-5个), numbers glued to Latin letters (5G), Chinese numerals except before
money units (突破两亿元), a threshold that only qualifies a count (超10亿元的项目14个),
zero, and a growth rate that follows a value (its ``growth_pct``). A growth rate
standing alone (产业投资增长27%) is an indicator with unit %.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

__all__ = ["RawIndicator", "find_indicators", "YearTracker", "reference_year", "parse_number"]


@dataclass(frozen=True)
class RawIndicator:
    name: str  # as the text gives it (may be "" when the text names nothing)
    value: float
    unit: str  # as written, normalised only for ％ -> % (亿元, 万元, 家, 个, %, 万平方米, 万元/亩 …)
    start: int  # offsets of the value+unit within the sentence
    end: int
    year: int | None = None
    growth_pct: float | None = None
    qualifier: str = ""  # 超 / 近 / 约 / 逾 / 突破 / 以上 / 余 / 多 … (not part of the value)
    subject_span: tuple[int, int] | None = None  # park/zone name opening the clause, if any
    rule: str = ""
    confidence: float = 0.8


# ----------------------------------------------------------------- lexicon

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "零〇一二两三四五六七八九十百千"

# Base units (longest first inside the alternation). Counted things may carry a 万/亿 prefix.
_MONEY = ["亿美元", "万美元", "千美元", "美元", "亿欧元", "万欧元", "欧元", "亿港元", "万港元", "亿元", "万元", "千元", "元"]
_AREA = ["平方公里", "平方千米", "平方米", "公顷", "亩"]
_COUNT = [
    "人次",
    "场次",
    "家次",
    "批次",
    "架次",
    "家",
    "个",
    "户",
    "名",
    "人",
    "件",
    "项",
    "次",
    "场",
    "宗",
    "套",
    "类",
    "条",
    "篇",
    "起",
    "份",
    "支",
    "辆",
    "本",
    "台",
    "座",
    "栋",
    "间",
    "所",
    "批",
    "株",
    "款",
    "位",
    "吨标准煤",
    "吨标煤",
    "吨",
    "立方米",
    "笔",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "标箱",
    "公里",
    "个工作日",  # durations of procedures (营商环境): 压缩至3个工作日, 1小时办结
    "工作日",
    "小时",
    "余家",
]
_COUNT.remove("余家")
_PCT = ["个百分点", "百分点", "%", "％", "‰"]

_UNIT_ALT = "|".join(sorted({*_MONEY, *_AREA, *_COUNT}, key=len, reverse=True))
_PCT_ALT = "|".join(sorted(_PCT, key=len, reverse=True))
# Characters that, right after a unit, show it was the start of another word.
_BAD_AFTER = {
    "人": "民工才员士们家口均",
    "家": "庭乡属长电具居",
    "项": "目",
    "名": "单称牌列义片",
    "场": "景所地馆",
    "支": "持付撑出",
    "本": "地市届次身土",
    "起": "步来草诉",
    "所": "以有属在",
    "台": "湾风阶",
    "条": "例件款",
    "次": "要级生",
    "件": "事",
    "个": "人体",
    "元": "素旦",
    "位": "于置",
    "类": "似",
    "款": "项",
    "户": "籍口",
    "套": "餐",
    "间": "接",
}

_NUM = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[" + _CN_NUM + r"]+(?:点[" + _CN_NUM + r"]+)?)"
_VALUE_RE = re.compile(
    r"(?P<pre>第|[A-Za-z\-—~～]\**)?\**"
    + _NUM
    + r"\**(?P<approx1>余|多)?(?P<mag>亿|万|千)?(?P<approx2>余|多)?"
    + r"(?:(?P<pct>"
    + _PCT_ALT
    + r")|(?P<unit>"
    + _UNIT_ALT
    + r")(?P<per>/(?:亩|平方米|人|年|吨|万元))?)?"
)
_RANGE_TAIL = re.compile(r"\s*[-—~～至到]\s*\d+(?:\.\d+)?\s*(?:" + _UNIT_ALT + "|" + _PCT_ALT + ")")
_ANY_NUMBER = re.compile(r"\d|[" + _CN_NUM + r"][亿万]")
_FW = str.maketrans("０１２３４５６７８９％．，", "0123456789%.,")

_CLAUSE_BOUND = set("，,。；;：:！？!?（）()\n")
_APPROX_BEFORE = re.compile(r"(超过|超|近|约|逾|突破|达到|达|不少于|不低于|高达|将近|接近|约为|多达)\s*$")
_GROWTH_VERB = re.compile(r"(增长|增速为?|增幅为?|增加|上升|提高|下降|减少|降低|回落|下滑)了?\s*$")
_NEG_VERB = ("下降", "减少", "降低", "回落", "下滑")
_GROWTH_LEAD = re.compile(r"^(?:分别)?(?:同比|环比|年均)?(?:(?:较|比)[\u4e00-\u9fff\d]{0,8}?)?(?:分别)?$")
_FLAT = re.compile(r"(同比|与上年|与去年)?持平")
_CHANGE = re.compile(r"提高|提升|增长|增加|下降|减少|降低|上升")
_NO_YEAR = re.compile(
    r"(?<![\d〇零一二两三四五六七八九十续])[两三四五六七八九十]年(?:来|间|内|多|累计)?|近[两三四五六七八九十\d]+年|多年|历年|(?<!年)以来|(?<!年)至今|达产后|每年"
)
_NEXT_YEAR_CUE = re.compile(r"明年[^。；\d]{0,12}?((?:19|20)\d\d)\s*年")
_TARGET_BEFORE = re.compile(r"(?:到|(?<!截)至|力争|预计|计划)\s*$")  # (截至2022年底: as of, not a target)
_RANGE_END = re.compile(r"\d{4}\s*年?\s*[-—–~～至到]+\s*$")
_FOUNDED_AFTER = re.compile(r"\s*(?:\d{1,2}月(?:\d{1,2}日)?)?(?:正式)?(?:开园|成立|设立|获批|批准设立|揭牌|始建|创建|升级为)")
_FOUNDED_BEFORE = re.compile(r"(?:成立|始建|设立|创建|获批|开园)于\s*$")
_PAST_YEAR = re.compile(r"过去(?:的)?一年|一年来|上一年度")
_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年(?!代)")
_REL_YEAR = re.compile(r"(今年|本年|当年|去年|上年|前年|明年|每年)(?!同期|同比)")
_ZONE_NAME = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9]{2,14}?(?:国家高新技术产业开发区|高新技术产业开发区|经济技术开发区|国家高新区|高新区|经开区|开发区"
    r"|产业园区|产业园|工业园区|工业园|软件园|科技园|科技城|科学城|生态城|新城|新区|片区|小镇|集聚区|工业区|园区|园)"
)
_BARE_PREFIX = ("该", "我", "全", "本", "各", "整个", "主", "核心", "这", "此", "其")
_LEAD_TRIM = re.compile(
    r"^(?:(?:19|20)\d\d年(?:底|初|末|度|以来|至今|上半年|下半年|前三季度|全年)?|今年(?:以来)?|去年|上年|全年|其中|目前|此外|另外|同时"
    r"|上半年|下半年|前三季度|(?:第?[一二三四1-4])季度|1[-—至~]\d{1,2}月|\d{1,2}月份?"
    r"|截至目前|截至|三年来|两年来|近年来|年内|园区|全区|该区|我区|高新区|力争|确保|预计|计划|累计|共计|共|仅|已|并|及|和|与|等|的|\*"
    r"|实现|完成|达到)+"
)
_TAIL_TRIM = re.compile(
    r"(?:预计|计划|累计|共计|共|已经|已|分别|完成了?|实现了?|达到了?|达|为|是|有|超过|超|突破|近|约|逾|增至|增加到|增长到|提升至"
    r"|提高到|提高至|到现在的|到|从|由|不少于|不低于|高达|多达|将近|接近|总数|的|\*|\s)+$"
)
_VERBISH_LEFT = re.compile(
    r"^(?:设立?|建成|建设|组建|开展|举办|引入|引进|拥有|包括|涉及|打通|配备|排查出?|为|将|有|帮助|协调|抓实|力促|培育|评选出|接待|签约|承办|其中)$"
)


def parse_number(s: str) -> float | None:
    """'4,191.83' -> 4191.83, '两' -> 2, '三百' -> 300, '十五' -> 15, '一点五' -> 1.5; None if not a number."""
    s = s.translate(_FW).replace(",", "")
    try:
        return float(s)
    except ValueError:
        pass
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_number(whole) if whole else 0.0
        if w is None or not frac or any(c not in _CN_DIGITS for c in frac):
            return None
        return w + float("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    total, digit = 0, None
    for c in s:
        if c in _CN_DIGITS:
            if digit is not None:  # 二五 style digit strings are not amounts
                return None
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:
            return None
    return float(total + (digit or 0)) if s else None


# ---------------------------------------------------------------- helpers


def _clause_start(s: str, pos: int, floor: int = 0) -> int:
    i = pos
    while i > floor and s[i - 1] not in _CLAUSE_BOUND:
        i -= 1
    return i


def _clause_end(s: str, pos: int) -> int:
    i = pos
    while i < len(s) and s[i] not in _CLAUSE_BOUND and s[i] != "、":
        i += 1
    return i


_MARKERS = re.compile(r"^.*[◆■●▶►◇○□★☆•]\s*|\*")


def _clean_name(t: str) -> str:
    t = _MARKERS.sub("", t).strip()  # (◆ ■ ● ▶: a layout's bullets, not words of the name)
    prev = None
    while prev != t:
        prev = t
        t = _LEAD_TRIM.sub("", t.lstrip("、，,；;：:和及与 "))  # (其中：工业投资: marks after a trimmed word too)
        t = _TAIL_TRIM.sub("", t)
    return t.strip("“”\"' 　")


def _doc_year(doc_date: str | None, doc_year: int | None) -> int | None:
    if doc_year is not None:
        return doc_year
    if doc_date and re.match(r"(19|20)\d\d", doc_date):
        return int(doc_date[:4])
    return None


# ------------------------------------------------------------------ core


@dataclass
class _Val:
    start: int
    end: int
    num_start: int
    value: float
    unit: str
    qualifier: str
    pct: bool
    growth: bool = False  # a % that is a growth rate
    neg: bool = False
    skip: bool = False


# patterns of the value scan, naming and year rules, compiled once
_SHORT_NAME_BETWEEN = re.compile(r"(?:以上)?的?[\u4e00-\u9fff“”]{1,14}$")
_PROJECT_SIZE = re.compile(r"\s*(?:计划|项目)?(?:总投资|投资总额|投资)(?:额|约|近|超|达)?\s*$")
_NAMED_PROJECT = re.compile(r"(?:有限公司|集团|股份|公司)[^，。；]*项目$")  # the project carries a company's name
_OF_PROJECT = re.compile(r"的[\u4e00-\u9fff“”]{1,16}?(?:项目|工程)")
_INVEST_BEFORE = re.compile(r"投资(?:额|总额)?(?:约|近|超|达)?$")
_JOINERS = re.compile(r"[、和及与\s]*")
_RIGHT_LEAD = re.compile(r"^(?:以上|余|多)?的?")
_RIGHT_CUT = re.compile(r"(?:通过|获得|被|入选|实现|的推进|加快|尽快|如期|顺利|正在|已)")
_INNER = re.compile(r"[内中里的]")
_FROM_END = re.compile(r"(?:从|由)\s*$")
_COMPARE_END = re.compile(r"(比|较|前|与)$")
_GAP_LIST = re.compile(r"[\s，,；;、*]*")
_GAP = re.compile(r"[\s，,；;*]*")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_RANGE_NEXT = re.compile(r"[-—~～至到]\s*\d")
_RANGE_PREV = re.compile(r"\d\s*[-—~～至到]$")
_DASH_END = re.compile(r"[-—~～]$")
_CAPACITY_BEFORE = re.compile(r"年产(?:值|能)?(?:可达|达到?|约|近|超)?$")
_POLICY_BEFORE = re.compile(r"(?:政策|若干)[“”\"]?$|[》”][，,]?\s*(?:共|共有|分为|包括|包含)(?:[\d一二三四五六七八九十]+个?(?:方面|部分|章))?$")
# 给予最高1000万元奖励 / 对年产值首次突破100亿元的企业: a policy's incentive or threshold, not a statistic
_RUN = r"(?:\d+(?:\.\d+)?[亿万千]?元[、和及]|\d+(?:\.\d+)?%[、和及])*"  # 300万元、500万元: one run of amounts
_INCENTIVE_BEFORE = re.compile(
    r"(?:给予[\u4e00-\u9fff]{0,6}|最高|不超过|最多|每家|每户|每个|每人|一次性|(?:分别|的)?(?:奖励|补贴|补助|资助|奖补|扶持)|最高支持|给予支持)"
    r"(?:给予|奖励|补贴|补助|资助)?\s*" + _RUN + "$"
)
_INCENTIVE_AFTER = re.compile(r"(?:的)?(?:给予|予以)[\u4e00-\u9fff]{0,8}?(?:补助|补贴|奖励|资助|贴息)")  # 按设备投资额的8%给予补助
_THRESHOLD_AFTER = re.compile(
    r"(?:[、和及至到]\d+(?:\.\d+)?[亿万千]?元)*(?:以上|及以上|以下)?(?:的[\u4e00-\u9fff]{0,4}?(?:企业|项目|单位|园区|平台|团队|人才|新引进)"
    r"|的[，,]|[\u4e00-\u9fff]{0,4}?(?:项目|企业)并)"  # 超过3000万元的，按… / 5亿元以上工业项目并落地的: a condition
)
_REQUIREMENT_BEFORE = re.compile(r"原则上|应当|须达到|必须|准入|门槛|申报条件|补助比例|资助比例|奖补比例|贴息比例|补贴比例|可抵扣")
_PAID_OUT = re.compile(r"(?:发放|兑现|拨付|下达|争取|获得|落实|累计|共计)(?:各类|各项)?$")  # 发放补贴2632万元: money paid, a figure
_NON_DIGIT = re.compile(r"\D")


def _scan_values(s: str) -> list[_Val]:
    out: list[_Val] = []
    req = _REQUIREMENT_BEFORE.search(s)
    req_end = req.end() if req else len(s) + 1  # figures after a requirement word are requirements
    for m in _VALUE_RE.finditer(s):
        num = m.group("num")
        mag = m.group("mag") or ""
        unit = m.group("unit")
        pct = m.group("pct")
        if not unit and not pct:
            # bare 亿 / 万 (总投资53.4亿，) counts as a unit only at a clause end
            if mag in ("亿", "万") and (m.end() >= len(s) or not _CJK_CHAR.match(s[m.end()])):
                unit = ""
            else:
                continue
        if m.group("pre"):
            continue  # 第13位, 5G, A-3, 3-5个
        if unit in ("名", "位") and s[max(0, m.start() - 3) : m.start()].endswith(("前", "排名", "位列", "位居", "前移", "上升", "跃升", "前进", "提升")):
            continue  # 进入全国前30名, 排名第5位: a rank, not a count
        is_cn = not num[0].isdigit()
        full_unit = (mag + (unit or "")) if not pct else pct
        if pct and mag:
            continue
        if is_cn and not (full_unit in _MONEY or (mag and unit in _MONEY)):
            continue  # 一城四园, 三个一批, 千亩加速器
        if not is_cn and m.start("num") > 0 and s[m.start("num") - 1].isdigit():
            continue
        # the character right after the unit must not continue a word (人民币, 项目, 支持 …)
        after = s[m.end() : m.end() + 1]
        if unit and after and unit[-1] in _BAD_AFTER and after in _BAD_AFTER[unit[-1]]:
            if not (unit == "个" and after == "人" and False):
                continue
        if after and (after.isdigit() or after in "-—~～至到") and _RANGE_NEXT.match(s[m.end() : m.end() + 3]):
            continue  # a range 3-5个 / 20至30家 (the unit is on the second number)
        if _RANGE_TAIL.match(s, m.end("num")):
            continue  # first half of a range: 20-30个
        before_num = s[max(0, m.start("num") - 2) : m.start("num")]
        if _RANGE_PREV.search(before_num) or _DASH_END.search(before_num):
            continue  # second half of a range
        if before_num.rstrip()[-1:] in ("×", "*", "x", "X"):
            continue  # 7×24小时 (service hours), 2×30万千瓦: a product, not a figure
        left4 = s[max(0, m.start() - 4) : m.start()]
        if _CAPACITY_BEFORE.search(left4):
            continue  # 年产5万吨: one plant's capacity, not a statistic
        if unit in ("个", "章") and s.startswith(("方面", "部分"), m.end()) and _POLICY_BEFORE.search(s[max(0, m.start() - 8) : m.start()]):
            continue  # 《若干措施》共5个方面20条: the policy's parts, not a figure
        if unit == "条" and (_POLICY_BEFORE.search(s[max(0, m.start() - 14) : m.start()]) or s[m.end() : m.end() + 1] in '”》"'):
            continue  # 产业促进政策20条 is a policy's name; 《若干政策》共20条 its length
        if req_end <= m.start():
            continue  # 新入驻项目原则上固定资产投资强度不低于300万元/亩: a requirement, not a figure
        inc = _INCENTIVE_BEFORE.search(s[max(0, m.start() - 30) : m.start()])
        if inc and not _PAID_OUT.search(s, max(0, m.start() - 30), max(0, m.start() - 30) + inc.start()):
            continue
        if _INCENTIVE_AFTER.match(s, m.end()):
            continue
        if (unit or "").endswith("元") and _THRESHOLD_AFTER.match(s, m.end()):
            continue
        value = parse_number(num)
        if value is None or value == 0:
            continue
        digits = _NON_DIGIT.sub("", num.split(".")[0])
        if len(digits) >= 9 and not (full_unit in _MONEY or full_unit.endswith("元")):
            continue  # phone numbers, ids
        if pct:
            full_unit = "%" if pct in ("%", "％") else pct
        if m.group("per"):
            full_unit += m.group("per")
        qual = (m.group("approx1") or "") + (m.group("approx2") or "")
        lead = _APPROX_BEFORE.search(s[max(0, m.start() - 4) : m.start()])
        if lead:
            qual = lead.group(1) + qual
        if s[m.end() : m.end() + 2] == "以上":
            qual += "以上"
        out.append(_Val(m.start("num"), m.end(), m.start("num"), value, full_unit, qual, bool(pct)))
    return out


def _mark_qualifiers(s: str, vals: list[_Val]) -> None:
    """超10亿元的重点产业项目14个: the money amount only qualifies what is counted."""
    for i, v in enumerate(vals[:-1]):
        nxt = vals[i + 1]
        between = s[v.end : nxt.num_start]
        if (
            not v.pct
            and _SHORT_NAME_BETWEEN.match(between)
            and nxt.unit in _COUNT
            and v.unit not in _COUNT
            and (v.qualifier or between.startswith("的") or between.startswith("以上"))
        ):
            v.skip = True
    for v in vals:
        # 一、X有限公司…项目，总投资28.6亿元，建设地点为…: one named project's size, in a list of projects
        cs = _clause_start(s, v.num_start)
        if (
            v.unit.endswith("元") and cs > 1 and s[cs - 1] in "，,"
            and s[:cs - 1].rstrip().endswith("项目") and _PROJECT_SIZE.match(s[cs : v.num_start])
            and _NAMED_PROJECT.search(s[:cs - 1])
        ):
            v.skip = True
    for v in vals:
        # 投资15亿元的凤城城项目: the size of one project named after it
        if (
            v.unit.endswith("元")
            and _OF_PROJECT.match(s[v.end : v.end + 20])
            and _INVEST_BEFORE.search(s[max(0, v.num_start - 6) : v.num_start])
        ):
            v.skip = True


def _mark_growth(s: str, vals: list[_Val]) -> None:
    for i, v in enumerate(vals):
        if v.unit != "%":
            continue
        cs = _clause_start(s, v.num_start)
        left = s[cs : v.num_start].replace("*", "")
        if _GROWTH_VERB.search(left):
            v.growth = True
            v.neg = _GROWTH_VERB.search(left).group(1) in _NEG_VERB
        elif i > 0 and vals[i - 1].growth and _JOINERS.fullmatch(s[vals[i - 1].end : v.num_start]):
            v.growth = True  # 增长260%、377%、214%
            v.neg = vals[i - 1].neg


def _name_for(s: str, v: _Val, floor: int, prev: RawIndicator | None) -> tuple[str, str]:
    """The indicator name and the rule that found it."""
    cs = _clause_start(s, v.num_start, floor)
    left_raw = s[cs : v.num_start]
    if "等" in left_raw and not v.pct:
        left_raw = ""  # 已签约德国勃林格殷格翰药业等22个项目: a list of examples, the name follows
    left = _clean_name(left_raw)
    ce = _clause_end(s, v.end)
    right = s[v.end : ce].replace("*", "")
    right = _RIGHT_LEAD.sub("", right)
    right = _RIGHT_CUT.split(right, maxsplit=1)[0] if right else right
    right = _clean_name(right)
    if v.pct:
        name = left
        if prev is not None and (not name or name.startswith("占") or name.startswith("比重")):
            name = prev.name + (name or "比重")
        return name, "percent"
    if left and len(left) >= 2 and not _VERBISH_LEFT.match(left):
        return left, "name-value"
    if right:
        return (left + right) if left and _VERBISH_LEFT.match(left) and left not in (
            "为",
            "将",
            "有",
            "其中",
        ) else right, "value-name"
    return left, "name-value"


def _subject_span(s: str, cs: int, pos: int) -> tuple[int, int] | None:
    """A park or zone name opening the clause that holds the value at pos."""
    m = _LEAD_TRIM.match(s, cs)
    start = m.end() if m and m.end() <= pos else cs
    # _LEAD_TRIM strips 园区/高新区 as bare words; a real name never starts with them.
    z = _ZONE_NAME.match(s, start, pos)
    if not z:
        return None
    name = z.group(0)
    if name.startswith(_BARE_PREFIX) or s[z.end() : z.end() + 1] == "等":
        return None
    end = z.end()
    # 航空小镇内航空零部件园: the innermost named area
    inner = _INNER.match(s[end : end + 1])
    if inner:
        z2 = _ZONE_NAME.match(s, end + 1, pos)
        if z2:
            return (z2.start(), z2.end())
    # extend 产业园 -> 产业园区 when the lazy match stopped early
    if s[end : end + 1] == "区" and name.endswith("园"):
        end += 1
    return (z.start(), end)


_PERIOD = re.compile(r"(?<![年\d])(?:上半年|下半年|一季度|第一季度|前三季度|1[-—至~]\d{1,2}月)")


def _year_for(s: str, pos: int, doc_year: int | None, year_context: int | None) -> int | None:
    """The year the value at ``pos`` refers to (see find_indicators)."""
    left = s[_clause_start(s, pos) : pos].replace("*", "")
    if _FROM_END.search(left):
        return None  # 从22%提升至60%: the starting point has no stated year
    best: tuple[int, int] | None = None
    for m in _YEAR_RE.finditer(s, 0, pos):
        y = int(m.group(1))
        before = s[max(0, m.start() - 3) : m.start()]
        after = s[m.end() : m.end() + 4]
        between = s[m.end() : pos]
        if after.startswith(("远景", "目标", "以前")):
            continue
        if _FOUNDED_AFTER.match(s, m.end()) or _FOUNDED_BEFORE.search(s, max(0, m.start() - 4), m.start()):
            continue  # 产业园于2021年开园 / 成立于1984年: the founding date, not the figures' year
        if _FROM_END.search(s, max(0, m.start() - 2), m.start()) and _CHANGE.search(between):
            continue  # 配套率从2018年的不足10%提升至45%: the year of the starting point, not of the result
        if _COMPARE_END.search(before):
            # 比2016年底的比重18.7%: a comparison base holds for the value it introduces,
            # not for the change that follows (提高了1.5个百分点) nor past its clause.
            if any(c in _CLAUSE_BOUND for c in between) or _CHANGE.search(between):
                continue
            if not between.startswith(("底", "末", "初", "的")):
                continue  # 是园区成立前2018年的12倍
        best = (m.start(), y)
    rel = None
    for m in _REL_YEAR.finditer(s, 0, pos):
        if best is not None and m.start() < best[0]:
            continue
        rel = m
    if rel is not None:
        w = rel.group(1)
        if w == "每年":
            return None
        if doc_year is not None:
            return doc_year + {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}[w]
    # 三年来 / 2020年…以来 / 达产后 / 每年: not one year's value. A span stated before an
    # explicit year in the sentence does not cancel it.
    if _NO_YEAR.search(s, best[0] if best is not None else 0, pos):
        return None
    if best is not None:
        return best[1]
    ref = year_context if year_context is not None else doc_year
    if ref is not None and _PAST_YEAR.search(s, 0, pos):
        if year_context is not None and doc_year is not None and year_context < doc_year:
            return year_context  # 一年来 in a review of 2023 (its title's year) published in 2024: 2023
        return ref - 1  # 过去一年 in a 2024 report: 2023
    if doc_year is not None and _PERIOD.search(s, 0, pos):
        return doc_year  # 上半年，全区… in a report dated 2022年7月: that year's half
    return year_context


def find_indicators(
    sentence: str,
    *,
    doc_date: str | None = None,
    doc_year: int | None = None,
    year_context: int | None = None,
) -> list[RawIndicator]:
    """Indicators stated in one sentence, in text order (see the module docstring)."""
    if not _ANY_NUMBER.search(sentence):  # (\d matches full-width digits too: same answer as after translating)
        return []
    s = sentence.translate(_FW)
    if _CELL_SEP.search(s):
        row = _table_row(s, doc_date, doc_year, year_context)
        if row is not None:
            return row
    vals = _scan_values(s)
    if not vals:
        return []
    _mark_qualifiers(s, vals)
    _mark_growth(s, vals)
    dy = _doc_year(doc_date, doc_year)
    out: list[RawIndicator] = []
    growth_of: dict[int, float] = {}
    # Attach growth rates to the value(s) they follow.
    i = 0
    while i < len(vals):
        v = vals[i]
        if not v.growth:
            i += 1
            continue
        j = i
        while j + 1 < len(vals) and vals[j + 1].growth and _JOINERS.fullmatch(s[vals[j].end : vals[j + 1].num_start]):
            j += 1
        group = vals[i : j + 1]
        targets = [k for k in range(i) if not vals[k].growth and not vals[k].skip]
        cs = _clause_start(s, v.num_start)
        verb = _GROWTH_VERB.search(s[cs : v.num_start].replace("*", ""))
        lead_text = s[cs : v.num_start].replace("*", "")
        lead_text = lead_text[: verb.start()] if verb else lead_text
        prev_end = vals[targets[-1]].end if targets else None
        attach = False
        if targets and _GROWTH_LEAD.match(lead_text.strip()):
            gap = s[prev_end:cs]
            attach = _GAP_LIST.fullmatch(gap) is not None or prev_end >= cs
        if attach:
            chosen = targets[-len(group) :] if len(group) > 1 and len(targets) >= len(group) else targets[-1:]
            for k, g in zip(chosen, group if len(chosen) == len(group) else group[:1]):
                growth_of[k] = -g.value if g.neg else g.value
            for g in group:
                g.skip = True
        i = j + 1
    # 同比持平
    for m in _FLAT.finditer(s):
        targets = [k for k, v in enumerate(vals) if v.end <= m.start() and not v.growth and not v.skip]
        if targets and _GAP.fullmatch(s[vals[targets[-1]].end : m.start()]):
            growth_of.setdefault(targets[-1], 0.0)
    prev: RawIndicator | None = None
    for k, v in enumerate(vals):
        if v.skip:
            continue
        floor = vals[k - 1].end if k > 0 else 0
        name, rule = _name_for(s, v, floor, prev)
        if v.growth:
            rule = "growth-alone"
            name = _clean_name(s[_clause_start(s, v.num_start, floor) : v.num_start]) or name
        elif v.unit.endswith("百分点"):
            rule = "percentage-points"
        cs = _clause_start(s, v.num_start)
        subj = _subject_span(s, cs, v.num_start)
        if subj is not None and name and s[subj[0] : subj[1]] in name and not name.endswith(s[subj[0] : subj[1]]):
            name = _clean_name(name.split(s[subj[0] : subj[1]], 1)[1]) or name
        conf = {"name-value": 0.85, "value-name": 0.75, "percent": 0.75, "growth-alone": 0.7, "percentage-points": 0.7}.get(
            rule, 0.7
        )
        if not name:
            conf -= 0.2
        ind = RawIndicator(
            name=name,
            value=v.value,
            unit=v.unit,
            start=v.start,
            end=v.end,
            year=_year_for(s, v.num_start, dy, year_context),
            growth_pct=growth_of.get(k),
            qualifier=v.qualifier,
            subject_span=subj,
            rule=rule,
            confidence=round(conf, 2),
        )
        out.append(ind)
        if not v.pct:
            prev = ind
    return _respectively(s, out)


_CELL_SEP = re.compile(r"\s*[|｜\t\u3000]\s*|\s{2,}")  # (a full-width space or a run of spaces also separates cells)
_CELL_NUMBER = re.compile(r"(?P<num>-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>[^\d\s]{0,6})")
_ALL_UNITS = frozenset(_MONEY + _AREA + _COUNT) | {"万" + u for u in _MONEY + _AREA + _COUNT} | {"亿" + u for u in _COUNT}


def _table_row(s: str, doc_date, doc_year, year_context) -> list[RawIndicator] | None:
    """A row of a statistics table — 地区生产总值 | 亿元 | 653.2 | 6.5% or 营业收入 | 120亿元 | 8% —
    as one indicator (the name, the value with its unit, the growth rate); None if it is not one."""
    cells = [c for c in _CELL_SEP.split(s.strip().strip("|｜")) if c != ""]
    if len(cells) < 2 or not _CJK_CHAR.search(cells[0]) or _ANY_NUMBER.search(cells[0]) and len(cells[0]) < 3:  # (s is already half-width)
        return None
    name, rest = _clean_name(cells[0]), cells[1:]
    unit = None
    if rest and rest[0] in _ALL_UNITS:
        unit, rest = rest[0], rest[1:]
    if not rest:
        return None
    m = _CELL_NUMBER.fullmatch(rest[0])
    if m is None:
        return None
    unit = unit or m.group("unit")
    if unit not in _ALL_UNITS:
        return None
    value = parse_number(m.group("num"))
    if not value:
        return None
    growth = None
    for c in rest[1:]:
        g = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*[%％]", c)
        if g:
            growth = float(g.group(1))
            break
    start = s.find(rest[0])
    dy = _doc_year(doc_date, doc_year)
    return [
        RawIndicator(
            name=name, value=value, unit=unit, start=start, end=start + len(rest[0]),
            year=_year_for(s, start, dy, year_context), growth_pct=growth, rule="table-row", confidence=0.75,
        )
    ]


_RESPECTIVELY = re.compile(r"分别(?:为|是|达到?|实现|完成)?")
_ITEM_SEP = re.compile(r"[、和及与]")
_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()]{2,16}")
_AREA_ITEM = re.compile(_ZONE_NAME.pattern + "$")
_VALUE_JOIN = re.compile(r"[、，,和及与]?")
_GROUP_NOUN = re.compile(r"(?:等)?[两三四五六七八九十\d]+(?:大|个|家)[\u4e00-\u9fff]{0,6}?(?:产业|行业|领域|板块|园区|片区|企业)")


def _respectively(s: str, out: list[RawIndicator]) -> list[RawIndicator]:
    """甲、乙分别新增企业120家、86家 / 产值和税收分别增长10%和8%: the k-th value belongs to the
    k-th item before 分别 — an area's figure (subject_span), or the item names the figure."""
    for m in _RESPECTIVELY.finditer(s):
        cs = _clause_start(s, m.start())
        head = s[cs : m.start()]
        lead = _LEAD_TRIM.match(head)
        off = cs + (lead.end() if lead else 0)
        items, pos = [], off
        for part in _ITEM_SEP.split(s[off : m.start()]):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        tail = ""
        if items:
            a, b = items[-1]
            g = _GROUP_NOUN.search(s, a, b)
            if g and g.start() > a:
                # 航空、电子信息、医药健康三大主导产业营业收入: the items, then what they share
                items[-1], tail = (a, g.start()), s[g.end() : b]
        if len(items) < 2 or not all(_ITEM.fullmatch(s[a:b]) for a, b in items):
            continue
        after = [k for k, r in enumerate(out) if r.start >= m.end()]
        if not after:
            continue
        first = after[0]
        between = s[m.end() : out[first].start]
        if not re.fullmatch(r"[\u4e00-\u9fff]{0,12}?(?:超过|超|近|约|逾|达到?|为)?", between):
            continue
        run = [first]
        for k in after[1:]:
            if k != run[-1] + 1 or not _VALUE_JOIN.fullmatch(s[out[run[-1]].end : out[k].start]):
                break
            run.append(k)
        if len(run) != len(items):
            continue
        name = _clean_name(tail + between)
        for (a, b), k in zip(items, run):
            r = out[k]
            if _AREA_ITEM.match(s[a:b]):
                out[k] = replace(r, name=name or r.name, subject_span=(a, b), rule="respectively")
            else:
                out[k] = replace(r, name=_clean_name(s[a:b] + name), rule="respectively")
    return out


# ------------------------------------------------------------- year context

_HEADING_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_NEWS_LEAD = r"(?:\d{1,2}月\d{1,2}日[\s，,]*)?(?:(?:本报讯|据悉|据了解|记者[\u4e00-\u9fff\d]{0,24}?获悉)[\s，,：:]*)*"  # 本报讯 记者7月18日从…获悉，
_YEAR_LIST = re.compile(r"\s*年?\s*[、和及至到—-]\s*(?:19|20)\d\d")
_OPENING_YEAR = re.compile(
    r"^\W{0,3}" + _NEWS_LEAD + r"(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?:刚刚)?(?:过去的|即将过去的)?((?:19|20)\d\d)\s*年(?:以来|全年|度)?[,，、]?(?!\d{1,2}月)"
)


_DATA = re.compile(r"(?<![\d表图])\d+(?!\d*\s*[年月日号])(?:\.\d+)?\s*(?:%|[\u4e00-\u9fff])")
_OPENING_REL = re.compile(r"^\W{0,3}" + _NEWS_LEAD + r"(今年|本年|去年|上年)(?!同期)")
# 上半年，全区… in a report dated 2022年7月15日: the document's year (a year heading wins)
_OPENING_PERIOD = re.compile(r"^\W{0,3}" + _NEWS_LEAD + r"(?:上半年|下半年|一季度|第一季度|前三季度|1[-—至~]\d{1,2}月)")
_OPENING_SPAN = re.compile(r"^\W{0,3}(?:[两三四五六七八九十]年(?:来|间|多)|近[两三四五六七八九十\d]+年|多年来|近年来)")
_NUMBERED = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]")


_MONTH_HEADING = re.compile(r"\d{1,2}\s*月份?(?:\d{1,2}\s*日)?|[一二三四五六七八九十]{1,3}月份?")  # a chronicle's 3月: a sub-heading


class YearTracker:
    """The year a passage is about, for sentences that do not state one.

    A heading line (short, without sentence punctuation: "一、2021年工作总结") with
    a year sets it until the next heading; a heading without a year (a new
    article's title "皇台产业园区:砥砺实干担当使命") clears it, a numbered
    sub-heading without a year ("（二）发展亮点") keeps it. A sentence opening
    with a year ("2021年,该区…") sets it until the next heading or opening year
    (news articles keep talking about that year over paragraphs); with
    ``per_paragraph=True`` only until the paragraph ends.
    """

    def __init__(self, doc_year: int | None = None, *, per_paragraph: bool = False) -> None:
        self.doc_year = doc_year
        self.per_paragraph = per_paragraph
        self._heading: int | None = None
        self._para: int | None = None
        self._clause: int | None = None  # a year adverbial ("2020年，") earlier in a sentence cut at ；
        # The document title's year (江苏发布2023年度开发区…考核评价结果): what an unnumbered section
        # heading without a year (【亮点速览】, 产业能级持续跃升) falls back to, rather than no year
        self._title: int | None = None
        self._fed = False

    @property
    def context(self) -> int | None:
        """The year_context to pass to find_indicators for the next sentence."""
        if self._clause is not None:
            return self._clause
        if self._para is not None:
            return self._para
        return self._heading if self._heading is not None else self._title

    def new_passage(self) -> None:
        """Call when the passage turns to another zone: a year stated about the previous
        zone's passage does not carry over (a heading's year does)."""
        self._para = None
        self._clause = None

    def paragraph(self) -> None:
        """Call at a paragraph break (a new line)."""
        if self.per_paragraph:
            self._para = None

    def feed(self, sentence: str) -> None:
        """Call after extracting from a sentence (or with a heading line)."""
        t = sentence.strip().replace("*", "")
        if not t:
            return
        # A sentence cut at a semicolon goes on in the next clause: a year adverbial
        # stated before the cut ("2020年，…工业总产值…；营业收入…；") holds until the sentence ends.
        if t[-1] in ";；":
            years = [a or b for a, b in _YEAR_ADVERBIAL.findall(t)]
            base = self._para if self._para is not None else self._heading if self._heading is not None else self.doc_year
            if years:
                self._clause = int(years[-1])
            elif _PAST_YEAR.search(t) and base is not None and not _YEAR_RE.search(t):
                # 过去一年，…；财政总收入…: still the past year (the passage's own year when a heading or
                # an opening year set one before the document's year)
                self._clause = base if self.doc_year is not None and base < self.doc_year else base - 1
        else:
            self._clause = None
        if len(t) <= 40 and not _SENTENCE_MARK.search(t) and "、" not in t[4:] and not _DATA.search(t):
            m = _HEADING_YEAR.search(t)
            if m:
                self._heading = int(m.group(1))
                self._para = None
                if not self._fed and not t.startswith("版", m.end()) and not _NUMBERED.match(t) and not _CAPTION.match(t):
                    # the document's own title (not an edition, 投资指南（2024年版）; not a numbered
                    # section, 一、2021年工作总结; not a table's caption, 表1…)
                    self._title = self._heading
            elif not _NUMBERED.match(t) and t[-1] not in "：:" and not _CELL_SEP.search(t) and not _MONTH_HEADING.fullmatch(t):
                # (a table's column headings — 指标名称　单位　累计 — are not a new article's title)
                self._heading = self._para = None  # (各位委员： is a salutation, not a new article's title)
            return
        self._fed = True  # the body has begun: a later heading is a section's, not the title
        if t.startswith(("“", "「", '"')):
            return  # “2016年签约时，这里还是一片稻田…”: a speaker's story, not the year the passage reports on
        m = _OPENING_YEAR.match(t)
        if m and not _YEAR_LIST.match(t, m.end(1)):  # (2021年、2022年分别为…: a list of past years, not the passage's)
            self._para = int(m.group(1))
            return
        m = _OPENING_REL.match(t)
        if m and self.doc_year is not None:
            self._para = self.doc_year + (0 if m.group(1) in ("今年", "本年") else -1)
            return
        if _OPENING_PERIOD.match(t) and (self._heading or self.doc_year) is not None:
            self._para = self._heading if self._heading is not None else self.doc_year
            return
        if _OPENING_SPAN.match(t):
            self._para = None
            self._heading = None


_SENTENCE_MARK = re.compile(r"[，,。；;！？!?]")
_CAPTION = re.compile(r"[表图]\s*[\d一二三四五六七八九十]")
_YEAR_ADVERBIAL = re.compile(
    r"(?:^|[，,；;：:])\s*(?:到|至)?((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)(?![^，,；;]*?(?:以来|至今))"  # ，2023年全区新增…； ，到2025年，…；
    r"|((?:19|20)\d\d)\s*年[\u4e00-\u9fff]{0,4}[：:]"  # 总结了2023年工作：
)
_DATED = re.compile(r"((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月")


_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)")


def reference_year(text: str, doc_date: str | None = None) -> int | None:
    """The year 今年 refers to in a document.

    The date's year, unless the text reports dated events (2021年12月) later than
    it (then the stated date is some earlier event's). Without a usable date: the
    latest year mentioned that is at most one past the most mentioned year (a
    report on 2021 written in 2022 mentions 2022 for its plans; 2035 goals, the
    end of a plan's period and targets 到2025年 are ignored); a year that 明年
    announces is the one after it.
    """
    y = _doc_year(doc_date, None)
    if y is None:
        iso = _ISO_DATE.search(text, 0, 300)  # 永川高新区 2024-04-26 17:45 重庆: a dateline under the title
        y = int(iso.group(1)) if iso else None
    dated = [int(m.group(1)) for m in _DATED.finditer(text)]
    if y is not None and not any(d > y for d in dated):
        return y
    nxt = _NEXT_YEAR_CUE.search(text)
    if nxt:
        return int(nxt.group(1)) - 1  # 对于明年目标…：2025年，…力争…: this year is 2024
    # the end of a plan's period (产业发展规划（2021—2025年）) is not a year the text reports on
    # nor a target's year (力争到2025年…): a report looks ahead from its own year
    years = [
        int(m.group(1)) for m in _YEAR_RE.finditer(text)
        if not _RANGE_END.search(text, max(0, m.start() - 6), m.start()) and not _TARGET_BEFORE.search(text, max(0, m.start() - 3), m.start())
        and not _FOUNDED_AFTER.match(text, m.end()) and not _FOUNDED_BEFORE.search(text, max(0, m.start() - 4), m.start())
    ]
    if not years:
        return y
    common = Counter(years).most_common(1)[0][0]
    if _YEAR_END_DATELINE.search(text, 0, 300):
        return common  # 本报讯 12月28日，…2023年工作回眸: written at the end of the year it reviews
    return max(v for v in years if v <= common + 1)


# a month-day dateline of the year's last two months near the top (本报讯（记者…）12月28日，)
_YEAR_END_DATELINE = re.compile(r"(?<![\d年])1[12]月\d{1,2}日")
