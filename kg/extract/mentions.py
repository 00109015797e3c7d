"""Name recognisers: one sentence (compact text) in, typed mentions out.

Every recogniser is keyed on how Chinese names are built: a head word or suffix
(…高新区, …产业园, …有限公司, …改革, …活动, …产业), book marks 《》, quotation
marks “” with the word that follows them, and enumerations (甲、乙、丙等企业).
The left edge of a name is found by walking back over jieba tokens until a
verb, a function word, a punctuation mark or another name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract import lexicon as L


@dataclass
class Mention:
    type: str
    i: int  # span in Sentence.compact (the name itself, without quotes)
    j: int
    name: str  # surface form, quotes removed
    rule: str
    conf: float
    forms: list[str] = field(default_factory=list)  # extra surface forms (e.g. quoted core + head word)
    zone_prefix: bool = False  # a zone name immediately precedes the name (海口高新区美安…新城)


# ----------------------------------------------------------------- helpers

_CJK = re.compile(r"[\u4e00-\u9fff]")
# small patterns of the name rules, compiled once
_YEARS_NUM = re.compile(r"\d+年?")
_NUMBERED_HEAD = re.compile(r"\d+条(措施)?")
_PACKAGE_END = re.compile(r"(政策|措施|意见|举措|办法|条例|新政)$")
_NOT_PACKAGE = re.compile(r"(整改措施|问题|办的)\d+条$")
_DIGITS_BRACKETS = re.compile(r"[\d（）()]")
_BRACKET_QUALIFIER = re.compile(r"[（(](?!以下|简称)[\u4e00-\u9fff]{2,8}[)）]")
_CONTEST_AREA = re.compile(r"[\u4e00-\u9fff]{2,3}赛区")
_REFORM_PILOT = re.compile(r"(制|改革|机制)试点$")
_COUNTED = re.compile(r"^[一二三四五六七八九十两\d到至]+[个场次批项]")
_NOT_PROGRAM_END = re.compile(r"(期工程|建设工程|项目计划|投资计划|工作计划|实施计划|年度计划|全年计划|主体工程)$")
_TIMES = re.compile(r"^[\d两二三四五六七八九十]+次")
_NUMERIC = re.compile(rf"^[\d{L.CN_NUM}几多数余]+[个家户座类项大种条批届期亩次]?$")
_ORG_STOPS = ("建设", "中心", "研究院", "研究所", "大学", "学院", "学校", "医院", "协会", "委员会", "管委会", "党工委", "政府", "企业", "公司", "集团", "工作站", "实验室")
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』《》")

# Words that alone never make a name in front of a head word (特色产业园区, 主园区, 行政审批).
GENERIC = set(
    """
主 核心 该 本 全 各 部分 我 整个 这个 这些 相关 有关 其他 其它 一批 多个 试点 示范 特色 专业 功能性 功能 现代 现代化 生态 标准 低效
产业 工业 科技 经济 创新 创业 高新 高新技术 新兴 主导 支柱 优势 重点 传统 战略性新兴 战略性 先导 新 老 大 小 国家级 省级 市级 区级 县级
国家 省 市 区 县 园区 企业 公司 项目 平台 载体 基地 上市 国资 国有 子 母 投资 开发 运营 建设 管理 服务 行政 工作 推进 督办 发展 一体化
改革 深化 全面 进一步 持续 此次 这次 该项 各项 本轮 第二轮 新一轮 综合 配套 系列 一系列 多项 这项 体制 机制 制度 模式 长效 有效 新型
招商 签约 招商签约 党建 公益 各类 主题 品牌 宣传 培训 专项 实施 年度 文体 交流 合作 对接 招商引资 营商环境 审批 网上 在线 并联 串联
两新 双创 数字 智慧 绿色 低碳 互联网 信息 技术 一站式 保障 监管 执法 治理 社会 城市 乡村 农村 基层 组织 党组织 政务 公共 营商 项目建设
""".split()
)


# a character found in no generic word and no number (_NUMERIC): a quick "not generic" answer
_NOT_GENERIC_CHAR = re.compile(
    "[^" + "".join(re.escape(c) for c in sorted(set("".join(GENERIC)) | set(L.CN_NUM + "几多数余个家户座类项大种条批届期亩次"))) + r"\d]"
)


def _cjk_only(s: str) -> bool:
    """Chinese characters (and Latin letters, as in KPI考核体系 / IC装备制造) only."""
    return _CJK_ONLY.fullmatch(s) is not None


_CJK_ONLY = re.compile(r"[\u4e00-\u9fff·A-Za-z]+")


# Modifiers that do not make a reform or program name of their own (深化改革, 各项改革, 工作机制).
RP_GENERIC = set(
    """
深化 全面 进一步 持续 此次 这次 该项 各项 本轮 第二轮 新一轮 综合 配套 系列 一系列 多项 这项 相关 有关 重点 新 各类 推进 工作 有效 长效
新型 驱动 创新 依靠 释放 分别 较 一 各 该 本 全 其 这 那 此 年度 全年 主体 专题 党建 党群 助企 研发 多元化 大型 国际 品牌 科技 服务 监管
审批 产品 管理 运行 发展 经营 投资 建设 改革 体制 机制 制度 模式 行政 项目 企业 招商 公益 宣传 培训 重大 主要 公共 政务 整体 系统 一站式
招商引资 营商环境 高质量发展 载体 督办 推进 执法 联合 现有 财政 链条 全链条 行政化 市场化 去行政化 第二轮 新旧动能 转换 举措 措施 工作
分会场 主会场 现场 专场 分论坛 启动仪式 开幕式
""".split()
)


def _rp_generic(prefix: str) -> bool:
    toks = L.cut(prefix)
    return all(t in RP_GENERIC or _NUMERIC.match(t) or _YEARS_NUM.fullmatch(t) for t in toks)


def clause_start(s: str, end: int, limit: int = 60, keep: str = "") -> int:
    """Start of the clause that ends at `end` (after the last punctuation mark, at most `limit` back)."""
    lo = max(0, end - limit)
    m = _through_last_mark(keep).match(s, lo, end)
    return m.end() if m else lo


@lru_cache(maxsize=64)
def _through_last_mark(keep: str) -> re.Pattern:
    """Matches from a start up to and including the last punctuation mark not in `keep` (backtracks in C)."""
    marks = "".join(re.escape(c) for c in sorted(L.PUNCT) if c not in keep)
    return re.compile(f"(?s).*[{marks}]")


@lru_cache(maxsize=8192)  # pure: finders and the two company passes walk back from the same heads
def walk_left(
    s: str, end: int, floor: int = 0, max_len: int = 12, digits: bool = False, keep: str = "", stops: tuple[str, ...] = (), conj: bool = False
) -> int:
    """Left edge of the name whose head ends at `end` (exclusive of the head itself).

    Tokens are taken from right to left while they are not stop words, function
    characters, punctuation, or (unless `digits`) numbers.
    """
    lo = max(floor, clause_start(s, end, max_len + 8, keep))
    if lo >= end or (not digits and s[end - 1].isdigit()):
        return end  # (the last token would hold that digit: no need to segment)
    window = s[lo:end]  # holds no punctuation mark outside `keep` (clause_start stops there)
    toks = L.cut(window)
    pos = end
    total = 0
    for n, t in enumerate(reversed(toks)):
        if conj and t in ("和", "及", "与") and total:
            left = toks[len(toks) - n - 2] if len(toks) - n - 2 >= 0 else ""
            if not _sector_like(left):
                break
        elif _ends_name(t, digits, stops) and not (t == "区" and n + 1 < len(toks) and (toks[-n - 2] + t).endswith(_AREA_ENDS)) and not (
            n + 1 < len(toks) and L.pos(t) == "f" and _is_place_token(toks[-n - 2])
        ):
            # (产业园 + 区 as jieba cuts 产业园区: the 区 of an area's name does not end it; a locative
            # right after a place is the name's: 江苏沿海锂电科技, 湖南麓山 cut 湖 | 南麓 | 山)
            break
        w = min(len(t), 4) if t.isascii() and t.isalnum() else len(t)  # a Latin name counts as one word
        if total + w > max_len:
            break
        if len(t) >= 3 and t[0] in _GLUED_STOP and L.pos(t) is None:
            pos -= len(t) - 1  # 建设地点为奎阁园区: jieba glued 为 to an unknown name (为奎阁)
            break
        pos -= len(t)
        total += w
    return pos


def _is_place_token(t: str) -> bool:
    return len(t) >= 1 and (L.pos(t) == "ns" or L.place_at(t, 0) == t)


_AREA_ENDS = ("园区", "开发区", "高新区", "经开区", "片区", "新区", "工业区", "保税区", "试验区", "示范区", "集聚区")
_GLUED_STOP = frozenset("为在与和及对将把被由从向于至到以即有")  # (另有华迅传感: jieba glues 有华迅)


@lru_cache(maxsize=16_384)
def _ends_name(t: str, digits: bool, stops: tuple[str, ...]) -> bool:
    """A token the left walk stops at: a stop token, one ending in `stops`, or (unless `digits`) one with a digit."""
    if L.is_stop_token(t, digits) or (stops and t.endswith(stops) and t not in L.NAME_WORDS_KEEP):
        return True  # (开发建设 in 龙源开发建设公司 is part of the name)
    return not digits and any(c.isdigit() for c in t)


def _strip_generic_prefix(name: str) -> bool:
    """True when the name's modifier is only generic words."""
    if _NOT_GENERIC_CHAR.search(name):
        return False  # the token holding that character is neither generic nor a number
    toks = L.cut(name)
    return all(t in GENERIC or _NUMERIC.match(t) for t in toks)


# ------------------------------------------------------------------ zones

_ZONE = re.compile(
    r"(国家级|国家)?(高新技术产业开发区|高新技术开发区|高技术产业开发区|高新区|经济技术开发区|经济开发区|经开区|台商投资区|开发区|农业高新技术产业示范区|农高区)"
)


# Words every match of a pattern holds: a sentence without them skips the (slower) regex scan.
_ZONE_ENDS = ("开发区", "高新区", "经开区", "投资区", "产业示范区", "农高区")  # _ZONE


def _mentions_any(s: str, words: tuple[str, ...]) -> bool:
    """Does s hold one of the words (a pattern's required words: a quick test before the scan)?"""
    return _any_word_regex(words).search(s) is not None


@lru_cache(maxsize=16)
def _any_word_regex(words: tuple[str, ...]) -> re.Pattern:
    """One compiled scan for any of the words."""
    return re.compile("|".join(map(re.escape, words)))


_COUNTED_MOD = re.compile(r"[一二三四五六七八九十两几多\d]+[家个所批]")


def zone_stem(s: str, a: int) -> tuple[int, str] | None:
    """Find `<place><modifier>` ending at a: (start, stem) or None."""
    lo = max(0, a - 10)
    for k in range(a - 1, lo - 1, -1):
        if s[k] in L.PUNCT or s[k].isdigit():
            lo = k + 1
            break
    st = _stem_in(s[lo:a])
    return (lo + st[0], st[1]) if st else None


@lru_cache(maxsize=8192)
def _stem_in(window: str) -> tuple[int, str] | None:
    """`<place><modifier>` ending the window: (start in window, stem) or None. Memoised: the same
    zone names recur across documents."""
    best = None
    for i in range(len(window)):
        p = L.place_at(window, i)
        if not p or p in ("全国", "中国"):
            continue  # 全国首批国家级经济技术开发区: a class of zones, not one
        mod = window[i + len(p) :]
        if len(mod) > 4 or any(c in L.STOP_CHARS or c in "任赴往" for c in mod) or (mod and not _cjk_only(mod)):
            continue  # (蔡宁海任太原高新区主任: 宁海 is in a person's name, 任 the verb)
        if mod and (mod in L.STOP_WORDS or mod[:2] in L.STOP_WORDS or _COUNTED_MOD.search(mod)):
            continue  # (河南三家高新区: a count of zones, not one)
        if mod and any(L.is_stop_token(t) and (L.pos(t) or "")[:1] in ("v", "p", "c", "u", "d") for t in L.cut(mod)):
            continue  # (为建设新望城作出经开区新的更大贡献: a verb between the place and the zone)
        if best is None:
            best = (i, p, mod)
            # a province in front of a city (海南海口高新区): prefer the city
            if p in L.provinces() and mod and L.place_at(mod, 0):
                best = None
                continue
            break
    if best is None:
        return None
    i, p, mod = best
    short = p
    for suf in ("市", "县", "区"):
        if p.endswith(suf) and p[:-1] in L.places() and len(p) > 2:
            short = p[:-1]
    return i, short + mod


# groupings of provinces and the country: 长三角高新区协同创新论坛 names no zone
_MACRO_REGIONS = frozenset("全国 中国 国家 全省 全市 长三角 珠三角 京津冀 粤港澳 大湾区 成渝 长江 黄河 中部 西部 东部 东北 西北 西南 华东 华南 华北 华中 沿海 沿江".split())


def _ns_stem(s: str, a: int, formal: bool = False) -> tuple[int, str] | None:
    """A place jieba knows but the division table does not (浒墅关经开区: a town), right before the suffix."""
    lo = max(0, a - 6)
    toks = L.cut(s[lo:a])
    if not toks:
        return None
    t = toks[-1]
    if 3 <= len(t) <= 4 and L.pos(t) == "ns" and t not in L.STOP_WORDS and t not in _MACRO_REGIONS:  # (2-char ns: 扎根 …)
        return a - len(t), t
    # ——袍江经济技术开发区: a two-character word jieba does not know, opening its clause before a
    # zone's full formal name, is the zone's place
    if formal and len(t) == 2 and L.pos(t) in (None, "j") and _cjk_only(t) and (len(toks) == 1 or toks[-2][-1] in L.PUNCT):
        return a - len(t), t  # (广西—东盟经济技术开发区: jieba knows 东盟 as an abbreviation, j)
    # 旅顺经开区　召开… / 辽滨沿海经开区: a digest item's heading opens with the zone; place-like
    # words (unknown, ns, nz, a direction) right after the line's or clause's start
    k = max((s.rfind(c, 0, a) for c in "，。；：、\n 　|｜】"), default=-1) + 1
    head = s[k:a]
    if 2 <= len(head) <= 4 and _cjk_only(head) and head not in L.STOP_WORDS:
        ht = L.cut(head)
        tags = (None, "ns", "nz", "f", "s", "j") if len(ht) == 1 else (None, "ns", "nz", "f", "s")  # (东盟经开区: one abbreviation)
        if all(L.pos(x) in tags and x not in L.STOP_WORDS and x not in _MACRO_REGIONS and x[0] not in L.STOP_CHARS for x in ht):
            return k, head  # (not 这是慈湖高新区: jieba leaves 这是 unknown)
    return None


def zone_kind(suffix: str) -> str:
    if suffix in ("农业高新技术产业示范区", "农高区"):
        return "农高区"  # a national agricultural high-tech zone (晋中国家农高区): a kind of its own
    return "高新区" if "高新" in suffix or "高技术" in suffix else "经开区"


@lru_cache(maxsize=1)
def _known_zone_regex() -> re.Pattern:
    """Any gazetteer zone name: one scan tells whether the per-name search is needed at all."""
    return re.compile("|".join(re.escape(w) for w in L.known_zones()) or "(?!)")


def find_zones(s: str) -> list[Mention]:
    gaz = []
    for surface, (canon, _kind) in L.known_zones().items() if _known_zone_regex().search(s) else ():
        k = s.find(surface)
        while k >= 0:
            e = k + len(surface)
            # a nickname without a zone's suffix must end where the text's word ends (中关村“一区多园”, not
            # 南阳·中关村信息谷创新中心 or 中关村创新中心（保定）)
            bare = not surface.endswith(_ZONE_ENDS + ("园区", "区", "城", "谷", "新区", "示范区"))
            if not bare or e >= len(s) or s[e] in L.PUNCT or s[e] in "的是在与和及将已也":
                gaz.append(Mention("Zone", k, e, surface, "zone_gazetteer", 0.95, [canon]))
            k = s.find(surface, k + 1)
    out = []
    for m in _ZONE.finditer(s) if _mentions_any(s, _ZONE_ENDS) else ():
        st = zone_stem(s, m.start()) or _ns_stem(s, m.start(), formal=m.group(2) in ("经济技术开发区", "高新技术产业开发区"))
        if st is None:
            continue
        start, stem = st
        if s[start : m.start()].endswith(("省", "自治区")):
            continue  # 广东省高新区高质量发展评价: the province's zones, not one zone
        if m.group(2) in ("台商投资区", "开发区"):
            if m.group(1) or not stem or stem in L.provinces() or any(stem == p[:2] for p in L.provinces()):
                continue  # (海南开发区条例: the province's zones)
            if m.group(2) == "台商投资区":
                form = stem + m.group(2)  # 漳州台商投资区: a zone of its own kind (漳州经开区 is another)
            elif L.place_at(stem, 0) == stem and not s[start : m.start()].endswith(("市", "县", "区", "州", "盟")):
                form = stem + "经开区"  # 廊坊开发区, 大连开发区: a city's 开发区 is its 经开区 (吉安市开发区: the city's zones)
            else:
                continue  # 北湖科技开发区, 赣州两大开发区: a park's name, a count
        else:
            form = stem + zone_kind(m.group(2))
        z = Mention("Zone", start, m.end(), s[start : m.end()], "zone_suffix", 0.95, [form])
        # a gazetteer name wins over the same or a shorter reading (东湖高新区 is 武汉's, not 南昌东湖区's)
        if any(g.i <= z.i and z.j <= g.j for g in gaz):
            continue
        out.append(z)
    out += [g for g in gaz if not any(o.i < g.i and g.j <= o.j for o in out)]
    return _dedupe(out)


def _dedupe(ms: list[Mention]) -> list[Mention]:
    """Drop mentions contained in a longer one of the same type."""
    if len(ms) < 2:
        return list(ms)  # (most sentences: nothing to compare)
    ms = sorted(ms, key=lambda m: (m.i, -(m.j - m.i)))
    out: list[Mention] = []
    for m in ms:
        if any(o.type == m.type and o.i <= m.i and m.j <= o.j and (o.i, o.j) != (m.i, m.j) for o in out):
            continue
        if any(o.type == m.type and (o.i, o.j) == (m.i, m.j) for o in out):
            continue
        out.append(m)
    return out


# ------------------------------------------------------------------ parks

_PARK = re.compile(
    r"(产业园区|工业园区|科技园区|物流园区|创业园区|产业园|工业园|软件园|科技园|创新园|创意园|物流园|众创园|创业园|孵化园"
    r"|综合保税区|保税港区|保税区|创新港|科创港|药港|数港|智港|医港|传感谷|科技谷|药谷|智谷|数谷|芯谷|创谷|医谷|氢谷|云谷|园区|科技城|科学城|生物城|新城|片区|小镇|集聚区|聚集区|工业集中区|化学工业区|石化区|化工区|工业区|商务区|创新区|园)"
)
_CONCEPT_PARKS = frozenset("无废 智慧 绿色 生态 低碳 零碳 循环 数字 平安 美丽 和谐 标准化 专业 特色 示范 化工".split())
# Describing words that, right after a zone's name, make a name of that zone's park (乌海高新区低碳产业园,
# 某经开区科技创新园) though alone they name a kind of park; and the suffixes they do it with.
_DESCRIBING = frozenset("低碳 零碳 绿色 智慧 数字 生态 循环 创新 科技 高新 高新技术 新兴 现代 特色 双创 创业 科创".split())
_NAMED_BY_ZONE = frozenset("产业园 工业园 科技园 创新园 创业园 产业园区 工业园区 科技园区".split())


def _descriptive(prefix: str) -> bool:
    """The prefix is one or two describing words only (低碳, 科技创新)."""
    toks = L.cut(prefix)
    return 1 <= len(toks) <= 2 and all(t in _DESCRIBING for t in toks)


_PARK_PUNCT = str.maketrans("", "", "（）()—–-")  # allowed inside a park's name
_YUAN_NOT = set("公校家儿物花庄乐菜果茶陵田游桃梨竹梅蔬颐豫拙戏")  # 公园 校园 家园 幼儿园 动物园 花园 庄园 乐园 …
_YUAN_NOT_WORDS = ("墓", "名园", "古园", "大观")
_YUAN_KIND = ("示范", "研发", "生态", "企业", "创新", "孵化", "创业", "产业", "智造", "总部", "加速", "转化", "实验", "试验", "中试", "合作", "科创", "双创", "文创", "数字", "智慧", "未来", "智能", "高新")
_BARE_ZONE_REF = ("该区", "本区", "我区", "全区的", "区内", "高新区", "经开区")
_SETTLE_BEFORE = re.compile(r"(落户|入驻|进驻|落地|建设|建成|打造|规划建设|开工建设)$")
_PARK_NOT_AFTER = set("林艺丁长地内外中里")  # 园林, 园艺, 园长, 园地, 园区内 …
_BUILDING = ("站", "广场", "路", "桥", "大厦", "中心", "学校", "医院", "馆", "厂房", "工程", "酒庄", "公寓")


BULLET_MARKS = "●•■◆▪▶►◇○·-—*"  # a layout's bullets before an item (● 科技创新园：…)
_LAYOUT_LIST = re.compile(r"[一两二三四五六七八九十\d]+[园区片城][”\"]?(?:格局|布局|架构)?[—–:：，,]*(?:即|包括)?[^。；]*$")
_ENUM_MARK = re.compile(r"(?:[（(][一二三四五六七八九十\d]{1,3})?[）)]")
_IN_ZONE = re.compile(r"区内|内的|所辖|下辖|辖区|拥有|包括|依托")


def _proper_token(t: str) -> bool:
    """A token that can carry a park's proper name on its own (place, proper noun, unknown word, sector)."""
    tag = L.pos(t)
    return tag is None or tag in ("ns", "nz", "nr", "nrt", "s", "nt") or t in L.industry_set() or bool(L.place_at(t, 0))


def find_parks(s: str, floors: list[tuple[int, int]], zone_spans: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Park names by suffix; `floors` are names a park cannot reach into, `zone_spans` the zones among them."""
    out: list[Mention] = []
    listed: list[tuple[int, int, str]] = []  # candidates kept only if they turn out to be listed with a park
    for m in _PARK.finditer(s):
        a, b = m.start(), m.end()
        suf = m.group()
        if suf == "园" and b < len(s) and s[b] in _PARK_NOT_AFTER:
            continue
        if any(i < a and b < e for (i, e) in floors):
            continue  # 重庆西永微电子产业园区开发有限公司: a park's name inside a company's
        fl = floors + [(p.i, p.j) for p in out]
        floor = max([e for (i, e) in fl if e <= a] or [0])
        st = walk_left(s, a, floor, max_len=12, keep="·（）()", stops=_ORG_STOPS, conj=True)
        # brackets only when balanced inside the name
        prefix = s[st:a]
        if "（" in prefix and "）" not in prefix:
            st = st + prefix.index("（") + 1
            prefix = s[st:a]
        close = max(prefix.rfind("）"), prefix.rfind(")"))
        if close >= 0 and "（" not in prefix[:close] and "(" not in prefix[:close] and not _ENUM_MARK.match(prefix):
            st += close + 1  # 中国（辽宁）自由贸易试验区大连片区 cut inside its bracket: start after it
            prefix = s[st:a]
        if prefix.startswith("原") and len(prefix) >= 3 and L.place_at(prefix, 1) and not L.place_at(prefix, 0):
            st += 1  # 原弥渡县工业园区: the former name, without 原
            prefix = s[st:a]
        enum = _ENUM_MARK.match(prefix)
        if enum:
            st += enum.end()  # （二）洪山园: the item's number is not part of the name
            prefix = s[st:a]
        if st >= 3 and s[st - 1] in "—–-" and prefix and L.place_at(prefix, 0):
            # 江门—毕节产业园: two places joined by a dash name one park
            st = _party_before_dash(s, st, max(0, st - 5))
            prefix = s[st:a]
        park_before = [p for p in out if p.j == st]
        if park_before and re.match(r"[两二三四五六七八九十\d]+[大个座]", prefix):
            continue  # 茶园片区、迎龙片区两大片区 / 富山电子信息产业园四大专业园区: a count of parks
        if park_before and (not prefix or _NUMERIC.match(prefix) or _strip_generic_prefix(prefix)):
            # 三水园万亩产业园 / 鹰创园片区: a generic remainder belongs to the park in front
            p = park_before[-1]
            out.append(Mention("Park", p.i, b, s[p.i : b], "park_suffix+park", 0.75))
            continue
        if not prefix or not _cjk_only(prefix.translate(_PARK_PUNCT)):
            continue
        if prefix.endswith(("进", "入")) and suf in ("园区", "园"):
            continue  # 万名科技人才进园区行动: people going into parks, a campaign's words
        if suf == "片区":
            if len(prefix) == 1 and prefix not in "东西南北中":
                continue
        elif len(prefix) < 2:
            continue
        if suf == "园":
            # 公园, 校园, 人才家园, 幼儿园, 动物园 …: not areas of a zone
            if prefix[-1] in _YUAN_NOT or prefix.endswith(_YUAN_NOT_WORDS):
                continue
            if not (
                L.place_at(prefix, 0) == prefix
                or prefix.endswith(("创", "火炬", "技", "谷"))
                or _sector_like(prefix)
                # 光谷自主创新示范园, 北斗导航研发园: a kind-of-park word with a name before it
                or (prefix.endswith(_YUAN_KIND) and not _strip_generic_prefix(prefix) and len(prefix) >= 4)
                # 落户泰达智能家电自主创新园: companies settle in it, a zone builds it
                or (_SETTLE_BEFORE.search(s[max(0, st - 4) : st]) and not _strip_generic_prefix(prefix))
            ):
                continue
        if suf == "园区":
            toks = L.cut(prefix)
            if len(toks) == 1 and not _proper_token(toks[0]):
                listed.append((st, b, prefix + suf))
                continue
            if prefix in _CONCEPT_PARKS or (
                any(w in _CONCEPT_PARKS for w in toks) and all(w in _CONCEPT_PARKS or w in GENERIC for w in toks)
            ):  # (智慧化工园区, 年度化工园区 as in 2023年度化工园区复核)
                continue  # 无废园区, 智慧园区: a kind of park a zone aims at, not a park
        if suf in ("综合保税区", "保税港区", "保税区"):
            if not (L.place_at(prefix, 0) or L.pos(L.cut(prefix)[0]) in (None, "ns", "nr")):
                continue  # 申报综合保税区: no name in front
            # a bonded zone is a park only where the text puts it in a zone (开发区内的昆山综合保税区);
            # on its own it is run by its own committee, like a zone
            # (or named in the same sentence as a zone, on either side: 钦州综合保税区位于钦州港经开区核心区域)
            near_zone = any(0 <= st - e <= 20 or 0 <= i - b <= 12 for (i, e) in zone_spans or ())
            # 齐鲁软件园新引进企业126家，章锦综合保税区… (not 甲产业园是乙综合保税区打造的园区)
            among_parks = any(p.j <= st and not re.search("[是为属]", s[p.j : st]) for p in out)
            if not (near_zone or among_parks) and not _IN_ZONE.search(s, clause_start(s, st, 30, keep="、"), st):
                # kept only if the document places it in a zone elsewhere (the pipeline decides)
                out.append(Mention("Park", st, b, prefix + suf, "park_bonded_unplaced", 0.65))
                continue
        before = [(i, e) for (i, e) in fl if e == st and st > 0]
        zone_before = bool(before) and not park_before
        # 创新创业服务园区：… / ● 科技创新园：孵化面积…: a park titling its section or bullet
        heading_name = not s[:st].strip(BULLET_MARKS) and s[b : b + 1] in (":", "：")
        # “一区三园”——新材料产业园、智能装备产业园、科技创新园: the parks a 一区N园 layout names
        heading_name = heading_name or _LAYOUT_LIST.search(s, 0, st) is not None and s[st - 1 : st] in ("—", "、", "：", ":", "即")
        if zone_before and suf in _NAMED_BY_ZONE and any(e == st for (_i, e) in zone_spans or ()) and _descriptive(prefix):
            # 乌海高新区低碳产业园: a park of the zone named by a describing word alone keeps the zone's name
            zi = before[0][0]
            out.append(Mention("Park", zi, b, s[zi:b], "park_suffix+zone", 0.75, zone_prefix=True))
            continue
        if (_NUMERIC.match(prefix) or _strip_generic_prefix(prefix) or any(w in prefix for w in _ORG_STOPS)) and not heading_name:
            continue
        if _COUNTED_MOD.search(prefix) or re.search(r"[两三四五六七八九十\d]+大$", prefix):
            continue  # 德阳两大园区: a count of parks
        if prefix.startswith(("国家", "省级", "全国", "国家级", "省")) and ("示范" in prefix or any(w in prefix for w in _CONCEPT_PARKS)):
            continue  # 国家知识产权示范园区, 省级示范物流园区: a title a park holds, not a park
        among = any(p.j <= st for p in out)  # 芜湖航空产业园…，机器人产业园入驻企业…: one of the zone's parks
        # 电子信息产业园新引进项目17个 / 目前，新能源产业园已集聚…: the subject of its clause is one park
        among = among or ((st == 0 or s[st - 1] in "，。；：") and s[b : b + 1] not in ("的", "等", "和", "、", "建"))
        # 落户新能源汽车产业园 / 该区激光产业园集聚…: companies settle in it, or the zone's own park
        settled = s.endswith(("落户", "入驻", "进驻", "落地", "落户到", "入驻了") + _BARE_ZONE_REF, 0, st)
        if prefix in L.industry_set() and not zone_before and suf in ("产业园区", "产业园", "园区") and not heading_name and not among and not settled:
            listed.append((st, b, prefix + suf))
            continue  # 生物医药产业园区 on its own names a kind of park, not a park (unless it titles a section)
        name = prefix + suf
        real_zone_before = any(e == st for (_i, e) in zone_spans or ())
        if zone_before and (prefix in L.industry_set() or (real_zone_before and _sector_like(prefix) and not _has_proper(prefix))):
            # 襄阳高新区汽车工业园: the modifier alone does not name the park; keep the zone name
            zi = before[0][0]
            out.append(Mention("Park", zi, b, s[zi:b], "park_suffix+zone", 0.8, zone_prefix=True))
            continue
        if name.endswith(_BUILDING):
            continue
        forms = [s[park_before[-1].i : b]] if park_before else []
        out.append(Mention("Park", st, b, name, "park_suffix", 0.8 if len(suf) > 1 else 0.7, forms, zone_prefix=zone_before))
    # 如意园区、金川园区 / 智能制造产业园、生命健康产业园和京津冀数字经济产业园: a doubtful candidate
    # listed with a park is one of the parks (followed, through the list, by an accepted one)
    for st, b, name in reversed(listed):
        if s[b : b + 1] in ("、", "和", "及") and any(p.i == b + 1 for p in out):
            out.append(Mention("Park", st, b, name, "park_listed", 0.65))
    return _dedupe(out)


# ------------------------------------------------------------------ towns

_TOWN = re.compile(r"(镇|街道)(?![\u4e00-\u9fff]{0,2}(?:政府|党委|人民|办事处|派出所|卫生院|中心|小学|中学))")
_TOWN_IN = re.compile(r"(?:涵盖|覆盖|辖|下辖|现辖|包括|包含|统筹|整合|以)[^，。；]{0,20}$")
_TOWN_ACTS = re.compile(r"(?:依托|引进|做大|做强|聚焦|完成|实现|新增|签约|新建|建成|围绕|重点发展|加快)")


def find_towns(s: str, parks: list[Mention]) -> list[Mention]:
    """Towns and streets inside a zone are parks (GUIDELINES: a town or carrier of the zone) when the
    text says so: the zone covers them (涵盖河市镇、双阳街道), they are listed with its parks, or one
    opens a clause about its industry (野徐镇依托…产业园，引进…)."""
    out = []
    for m in _TOWN.finditer(s) if ("镇" in s or "街道" in s) else ():
        a, j = m.start(), m.end()
        toks = L.cut(s[max(0, a - 4) : a])
        prefix = toks[-1] if toks else ""
        if len(prefix) == 1 and len(toks) >= 2 and len(toks[-2]) == 1:
            prefix = toks[-2] + prefix  # (a two-character name cut in two)
        st = a - len(prefix)
        if not (2 <= len(prefix) <= 3) or not _cjk_only(prefix) or prefix in L.STOP_WORDS or L.is_stop_token(prefix):
            continue
        if any(c in L.STOP_CHARS or c in "区带促园" for c in prefix):
            continue  # 以区带镇、以区促镇: a slogan, not a town
        before = s[st - 1 : st]
        listed = s[j : j + 1] == "、" or before == "、"
        covered = _TOWN_IN.search(s, max(0, st - 24), st) is not None
        with_park = any(p.j == st - 1 or p.i == j + 1 for p in parks)
        acts = (st == 0 or before in "，。；：") and _TOWN_ACTS.match(s, j) is not None
        if covered and (listed or s[j : j + 1] in "，。；为") or with_park or acts:
            out.append(Mention("Park", st, j, prefix + m.group(1), "park_town", 0.6))
    return out


# -------------------------------------------------------------- enterprises

_ENT_ROLE_STOPS = ("企业", "单位", "伙伴", "建设", "供应商", "子公司", "客户", "厂商", "服务商", "运营商", "机构")  # 支架供应商苏州…有限公司
_PARK_WORDS = ("产业园", "工业园", "园区", "科技园", "软件园", "科技城", "新城", "片区", "集聚区", "小镇")
_ENT_PARK_STOPS = _ENT_ROLE_STOPS + _PARK_WORDS
_CORP_WORDS = ("发展", "投资", "开发", "建设", "运营", "控股", "产业", "实业", "置业", "管理", "集团", "（集团）", "(集团)", "（控股）", "(控股)")
_ENT_STRONG = re.compile(r"(股份有限公司|有限责任公司|有限公司|分公司|集团有限公司|集团公司|集团|股份公司|株式会社|公司)")
_ENT_WEAK = re.compile(
    r"(生物药业|药业|制药|生物|科技|电气|电力|电子|机械|网络|照明|化工|新材料|材料|能源|光电|股份|控股|实业|物流|速运|节水|玻璃|测绘|香精|电梯|食品|酒业|乳业|技术|自动化)"
)
_ENT_NEXT_OK = ("“", "引进", "等", "、", "，", "。", "；", "）", ")", "”", "与", "和", "及", "在", "将", "已", "年产", "项目", "新项目", "工厂", "签约", "落户", "入驻", "投资", "公司", "集团", "的", "为", "也", "成功", "通过", "被", "获")
_ORG_HEADS = ("中心", "研究院", "研究所", "大学", "学院", "学校", "医院", "协会", "委员会", "管委会", "党工委", "政府", "局", "厅", "实验室", "工作站", "孵化器")


_KIND_NEAR = re.compile(r"(?:企业|公司)[\u4e00-\u9fff]{2,6}$")  # 园区企业拓青科技: the name right after 企业


def _verb_before_place(prefix: str) -> int:
    """Length of a leading verb that the left walk keeps (孵化, 投资: they occur inside names)
    when a place name follows it: the company's name starts at the place."""
    toks = L.cut(prefix)
    if len(toks) < 3 or toks[0] not in L.NAME_VERBS or L.pos(toks[0]) not in ("v", "vn"):
        return 0
    p = L.place_at(prefix, len(toks[0]))
    return len(toks[0]) if p and len(p) >= 2 and p not in ("中国", "全国") else 0


def _list_item_start(s: str, k: int) -> bool:
    """s[k:] starts right after an enumeration or colon mark (、，：)."""
    return k > 0 and s[k - 1] in "、，,：:"


_SECTOR_LIST_AHEAD = re.compile(r"[、和及][^，。；：]{0,40}?(?:[两三四五六七八九十\d]+大|等)(?:主导|重点|特色|优势|新兴|支柱)?(?:产业|行业|领域|板块)")


def find_enterprises(s: str, floors: list[tuple[int, int]], strong_only: bool = False) -> list[Mention]:
    out = []
    for m in _ENT_STRONG.finditer(s):
        a, b = m.start(), m.end()
        suf = m.group()
        # extend over a branch name: 网宿科技有限公司厦门分公司
        floor = max([e for (i, e) in floors if e <= a] or [0])
        # 铁山产业园区发展有限公司, 西宁经开区发展投资集团有限公司: a company's own words before the suffix
        a2 = a
        while (cw := next((w for w in _CORP_WORDS if s.endswith(w, floor, a2)), None)) is not None:
            a2 -= len(cw)
        # (a park's name ends the walk — 落户临港产业园华为技术有限公司 — unless the company's own words
        # follow it: 铁山产业园区发展有限公司 is the park's operating company)
        st = walk_left(s, a2, floor, max_len=16, keep="（）()", stops=_ENT_ROLE_STOPS if a2 < a else _ENT_PARK_STOPS)
        if a2 < a and st == floor and floor > 0:
            z = next(((i, e) for (i, e) in floors if e == floor), None)
            if z is not None and (z[0] == 0 or s[z[0] - 1] in L.PUNCT or s[z[0] - 1] in L.STOP_CHARS or _ends_name(s[z[0] - 2 : z[0]], False, ())):
                st = z[0]  # the zone's name opens the company's: 临沂经开区发展集团有限公司
        prefix = s[st:a]
        if "（" in prefix and "）" not in prefix:
            st = st + prefix.index("（") + 1
            prefix = s[st:a]
        lead = _verb_before_place(prefix)
        if lead:
            st += lead  # 孵化天津中科储能科技有限公司: a name starts at its place, not at the verb before it
            prefix = s[st:a]
        if len(prefix) < 2 or _NUMERIC.match(prefix) or _strip_generic_prefix(prefix):
            continue
        if prefix in L.industry_set():
            continue
        if suf == "公司" and (prefix.endswith(("上市", "国资", "子", "母", "平台")) or len(prefix) < 2):
            continue
        out.append(Mention("Enterprise", st, b, prefix + suf, "enterprise_suffix", 0.9 if len(suf) > 2 else 0.8))
    if strong_only:
        return _dedupe(out)
    for m in _ENT_WEAK.finditer(s):
        a, b = m.start(), m.end()
        followed = b >= len(s) or s.startswith(_ENT_NEXT_OK, b)
        floor = max([e for (i, e) in floors if e <= a] or [0])
        if not followed and not _list_item_start(s, max(floor, clause_start(s, a, 6 + 8))) and not _KIND_NEAR.search(s, max(0, a - 10), a):
            continue  # the walk below could not reach a list mark (or a 企业 in apposition): skip segmenting
        st = walk_left(s, a, floor, max_len=6, stops=_ENT_ROLE_STOPS)
        prefix = s[st:a]
        # 园区企业拓青科技申报…: a kind-of-company noun right before the name stands for the list mark
        appositive = s.endswith(("企业", "公司"), max(0, st - 2), st) and _has_proper(prefix)
        # 宁夏巨能机器人股份有限公司、小牛自动化: the item after a company in a 、-list is one too
        after_company = st > 0 and s[st - 1] == "、" and s.endswith(("公司", "集团", "股份"), 0, st - 1)
        if not followed and not appositive and not (_list_item_start(s, st) and (_has_proper(prefix) or after_company)):
            continue
        if len(prefix) < 2 or _NUMERIC.match(prefix) or _strip_generic_prefix(prefix):
            continue
        name = prefix + m.group()
        if name in L.industry_set() or prefix in L.industry_set() or _sector_word3_regex().search(name):
            continue
        if m.group() == "技术" and (not _has_proper(prefix) or L.place_at(prefix, 0)):
            continue  # 汇川技术 is a company; 关键技术, 吉林技术 are not
        if _sector_like(name) and not L.place_at(prefix, 0) and not _has_proper(prefix):
            continue  # 稀土功能材料项目: a kind of product, no name in it
        if _sector_like(name) and _SECTOR_LIST_AHEAD.match(s, b):
            continue  # 光伏制造、锂电材料、有色合金四大产业集群: an item of a list of sectors
        if L.place_at(prefix, 0) == prefix:  # 佛山照明 is a company, 海南电力 too ambiguous: keep only 3+ char places
            if len(prefix) < 3:
                pass
        out.append(Mention("Enterprise", st, b, name, "enterprise_weak_suffix", 0.6))
    for km in L.known_enterprise_regex().finditer(s):
        k = km.start()
        if not _known_name_stands(s, k, km.end()) or s.startswith(("地区", "市", "县", "州", "盟", "镇", "乡"), km.end()):
            continue  # (阿里地区: a prefecture, not the company)
        wm = _ENT_STRONG.match(s, km.end()) or _ENT_WEAK.match(s, km.end()) or _KNOWN_CONT.match(s, km.end())
        e = wm.end() if wm else km.end()
        out.append(Mention("Enterprise", k, e, s[k:e], "enterprise_known", 0.85))
    for m in _ENT_PARTNER.finditer(s) if "与" in s else ():
        # 与长鑫存储签订协议: the other party of an agreement, when it is an unknown proper name
        # (a place, a zone, a university or an office is not a company)
        a, b = m.span(1)
        name = m.group(1)
        if L.place_at(name, 0) or any(h in name for h in _ORG_HEADS) or any(x <= a < y for x, y in floors):
            continue
        toks = L.cut(name)
        if name.endswith(("项目", "企业", "单位", "园区", "部门", "机构", "团队", "客商")) or any(L.is_stop_token(x) for x in toks):
            continue
        if len(toks) <= 3 and any(L.pos(x) in (None, "nz", "nt") for x in toks) and not _strip_generic_prefix(name):
            out.append(Mention("Enterprise", a, b, name, "enterprise_partner", 0.55))
    for m in _ENT_PROJECT.finditer(s) if _mentions_any(s, _ENT_PROJECT_WORDS) else ():
        a = m.start(1)
        floor = max([e for (i, e) in floors if e <= a] or [0])
        st = walk_left(s, m.end(1), floor, max_len=6)
        name = s[st : m.end(1)]
        if len(name) >= 2 and _has_proper(name) and not _strip_generic_prefix(name) and not L.place_at(name, 0) == name:
            out.append(Mention("Enterprise", st, m.end(1), name, "enterprise_before_project", 0.55))
    return _dedupe(out)


_NAME_RUN = re.compile(r"[\u4e00-\u9fff（）()]{0,16}")
_PARK_IN_RUN = re.compile(r"[\u4e00-\u9fff（）()]{0,12}?(?:产业园|工业园|科技园|园区|产业基地|创新基地|科技城)")
_RESEARCH_HEADS = ("研究院", "研究所", "实验室", "大学", "学院")  # 华为鲲鹏生态创新中心, 华为南京研究所: institutions
_KNOWN_CONT = re.compile(r"汽车|客车|重工|电器|控股|股份|终端")  # 吉利汽车, 宇通客车, 三一重工
_LIST_MARKS = "、，,：:"


def _token_aligned(s: str, i: int, j: int) -> bool:
    """Do i and j fall on jieba word boundaries of the text around s[i:j]? (电信 in 光电信息 does not.)"""
    lo = max(0, i - 6)
    while lo < i and s[lo] in L.PUNCT:
        lo += 1
    hi = min(len(s), j + 6)
    bounds, pos = set(), lo
    for t in L.cut(s[lo:hi]):
        bounds.add(pos)
        pos += len(t)
    bounds.add(pos)
    return i in bounds and j in bounds


def _known_name_stands(s: str, i: int, j: int) -> bool:
    """A well-known short company name at s[i:j] names the company: it is a whole word, not the
    head of an organisation's name (华为长春研究所), and a name that is also a common word
    (联通, 移动, 大众) stands in a list of names."""
    if not _token_aligned(s, i, j) and not (_ENT_STRONG.match(s, j) or _ENT_WEAK.match(s, j)):
        return False
    run = _NAME_RUN.match(s, j).group()
    if _PARK_IN_RUN.match(run):
        return False  # 富士康太原科技工业园: the company names a park
    for h in _ORG_HEADS:
        at = run.find(h)
        reach = 8 if h in _RESEARCH_HEADS or run.startswith(("创新中心", "研发中心"), max(at - 2, 0)) else 4
        if 0 <= at <= reach and not run.startswith(("项目", "建设", "工程"), at + len(h)):
            return False  # 华为长春研究所 is an organisation; 中国电信国际数据中心项目 a company's project
    name = s[i:j]
    if L.pos(name) not in (None, "nz", "nt", "nr", "nrt", "ns"):
        before = s[i - 1] if i > 0 else ""
        after = s[j] if j < len(s) else ""
        return before in _LIST_MARKS and after in _LIST_MARKS + "等" or after == "、"
    return True


_ENT_PARTNER = re.compile(r"与([\u4e00-\u9fff]{2,8}?)(?:签订|签署|签约|达成)")
# 平煤隆基年产3000万套…项目 / 某某新项目签约入驻: the name in front of a project is a company
_ENT_PROJECT = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:年产\d|新项目(?:签约|落户|入驻|开工|投产))")
_ENT_PROJECT_WORDS = ("年产", "新项目")


_LIST_HEAD = re.compile(
    r"(?:等(?:[\d一二三四五六七八九十两百几多]+[家户个]|一批)?|(?<=[\u4e00-\u9fff])[\d二三四五六七八九十两]+[家户])([\u4e00-\u9fff]{0,12}?)(企业|项目|公司|园区)"
)
_LIST_HEAD_WORDS = ("企业", "项目", "公司", "园区")
_KIND_MOD = re.compile(r"上下游|配套|相关|各类|同类|同行")  # 发动机、智能农机等上下游配套企业: kinds of firms, not names
_LIST_MOD_OK = {"知名", "领军", "代表", "骨干", "引领"}  # verbs that describe a kind of company
_REFORM_LIST = re.compile(r"等(?:改革|创新)(?:措施|举措)")
_PROGRAM_LIST = re.compile(r"等[\u4e00-\u9fff]{0,12}?(?:品牌活动|系列活动|赛事活动|赛事)")
_LEADERS = re.compile(r"以([^，。；：以]{2,40}?)为龙头")
_REPRESENT = re.compile(r"以([^，。；：]{2,60}?)为代表的([\u4e00-\u9fff]{0,10}?)(企业|公司)")
_ITEM_BAD_END = _BUILDING + ("工程", "产业", "行业", "领域", "新区", "地区", "线", "研究院", "研究所", "学院", "大学", "协会")


def _has_proper(it: str) -> bool:
    """Contains a word jieba does not know or knows as a proper noun (company short names: 汇尔杰, 华为)."""
    return any(L.pos(t) in (None, "nz", "nr", "nrt", "nt", "j") for t in L.cut(it) if not L.is_stop_token(t))


_MEASURE_START = re.compile(r"(?:万|亿|千)?(?:吨|千瓦|兆瓦|吉瓦|平方米|亩|台|套|件|辆)")  # 万吨高性能铝合金扁锭项目: a capacity, no name


def find_lists(s: str) -> list[Mention]:
    """Members of enumerations that name their kind: 甲、乙、丙等8家企业 / 以甲、乙为代表的企业 / 甲、乙等园区."""
    out = []
    spans = []
    last = 0
    for m in _LIST_HEAD.finditer(s) if _mentions_any(s, _LIST_HEAD_WORDS) else ():
        head = m.group(2)
        mod = m.group(1)
        if "方面" in mod or _KIND_MOD.search(mod) or any(
            x not in ("和", "及", "与")
            and ((len(x) == 1 and x in L.STOP_CHARS) or (L.pos(x) in ("v", "p", "c", "d") and x not in _LIST_MOD_OK))
            for x in L.cut(mod)
        ):
            continue  # (本地龙头企业 is a kind of company; 等方面的企业, 等在建项目 are not lists of names)
        if head == "园区" and "企业" in s[m.end() : m.end() + 6]:
            head = "企业"
        if head == "园区" and "产业" in m.group(1):
            head = "产业"
        start = max(last, clause_start(s, m.start(), 80, keep="、（）()·"))
        last = m.end()
        if m.group().startswith("等") or "、" in s[start : m.start()]:
            spans.append((start, m.start(), head, m.group(1)))
    for m in _REPRESENT.finditer(s):
        spans.append((m.start(1), m.end(1), m.group(3), m.group(2)))
    for m in _LEADERS.finditer(s) if "为龙头" in s else ():
        # 以贵研铂业、云南锡业为龙头: the leading companies (以汽车产业为龙头 names a sector: dropped below)
        if "、" in m.group(1) and not any(_sector_like(x) or x in L.industry_set() for x in m.group(1).split("、")):
            spans.append((m.start(1), m.end(1), "企业", ""))
    for m in _PROGRAM_LIST.finditer(s):
        start = clause_start(s, m.start(), 100, keep="、（）()")
        pos = start
        for n, it in enumerate(s[start : m.start()].split("、")):
            i0, i1 = pos, pos + len(it)
            pos = i1 + 1
            if n == 0:
                i0 = walk_left(s, i1, start, max_len=14, digits=True, keep="（）()")
            name = s[i0:i1].translate(_QUOTES)
            if 3 <= len(name) <= 24 and name not in RP_GENERIC:
                out.append(Mention("Program", i0, i1, name, "list_program", 0.6))
    for m in _REFORM_LIST.finditer(s):
        start = clause_start(s, m.start(), 80, keep="、“”")
        pos = start
        for n, it in enumerate(s[start : m.start()].split("、")):
            i0, i1 = pos, pos + len(it)
            pos = i1 + 1
            if n == 0:
                i0 = walk_left(s, i1, start, max_len=10, keep="“”")
            name = s[i0:i1].translate(_QUOTES)
            if 2 <= len(name) <= 12 and _cjk_only(name) and name not in RP_GENERIC:
                out.append(Mention("Reform", i0, i1, name, "list_reform", 0.6))
    for start, end, head, _mod in spans:
        seg = s[start:end]
        items = seg.split("、")
        if head in ("项目",) and len(items) < 2:
            continue
        if head in ("企业", "公司") and len(items) >= 2 and all(
            _sector_like(x) and not _has_proper(x) and not _ENT_STRONG.search(x) for x in items[1:]
        ):
            continue  # 承接硬质合金、耐火材料等中小企业: kinds of firms by their trade, not names
        pos = start
        for n, it in enumerate(items):
            i0, i1 = pos, pos + len(it)
            pos = i1 + 1
            if n == 0:
                i0 = walk_left(s, i1, start, max_len=14, keep="（）()·")
                it = s[i0:i1]
            if "（" in it or "(" in it:
                continue
            if not (2 <= len(it) <= 12) or not _cjk_only(it) or _NUMERIC.match(it) or _MEASURE_START.match(it):
                continue
            if it in L.industry_set() or it.endswith(_ITEM_BAD_END) or _strip_generic_prefix(it):
                continue
            if L.place_at(it, 0) == it:
                continue
            if head == "产业":
                if _sector_like(it) or _has_proper(it):
                    out.append(Mention("Industry", i0, i1, it, "list_industry", 0.6))
                continue
            if head == "园区":
                if re.search(r"(参照|借鉴|学习|对标|比照|不如|落后于)", s[max(0, start - 10) : end]):
                    continue
                out.append(Mention("Park", i0, i1, it, "list_park", 0.6))
            elif head == "项目" and (not (_ENT_WEAK.search(it) or _ENT_STRONG.search(it) or _has_proper(it)) or _sector_like(it)):
                continue
            else:
                if _PARK.search(it[-2:]) or it.endswith("园"):
                    continue
                wm = _ENT_WEAK.search(it, 2)
                if wm and 0 < len(it) - wm.end() <= 3:  # 康立特科技控制器: the product after the company
                    i1 = i0 + wm.end()
                    it = s[i0:i1]
                out.append(Mention("Enterprise", i0, i1, it, "list_enterprise", 0.65))
    return out


# ------------------------------------------------------------------ policies

_BOOK = re.compile(r"《([^《》]{2,80})》")
_MEDIA_END = ("报", "日报", "杂志", "周刊", "新闻", "晚报", "手册》")
_POLICY_HEAD = re.compile(
    r"(若干政策实施办法|若干政策|若干措施|实施意见(?:[（(]试行[)）])?|指导意见|实施方案|行动方案|工作方案|实施细则|实施办法|管理办法|考评办法|暂行办法"
    r"|评价指标体系|指标体系|概念规划|总体规划|专项规划|发展规划|条例|纲要|的通知|的意见|\d+条措施|\d+条|免罚清单|一本通|总体方案|关税政策|若干规定)"
)
_POLICY_HEAD_WORDS = ("若干", "意见", "方案", "细则", "办法", "体系", "规划", "条", "纲要", "通知", "清单", "一本通", "政策")
_POLICY_VERB = re.compile(r"(制定出台|相继制定出台|出台了|出台|制定实施|制定|印发|发布|编制|编印|修订|落实|完成|对照|围绕|优化实施|推出|提出|颁布|起草|发布了|通过|运用|享受|执行|称为|称作|誉为|简称|统称|俗称)")


_ISSUE_VERB = re.compile(r"(出台|印发|制定|发布|推出|颁布|修订)")


def find_policies(s: str) -> list[Mention]:
    out = []
    for m in _BOOK.finditer(s):
        name = m.group(1).translate(_QUOTES)
        if name.endswith(_MEDIA_END) or len(name) < 4:
            continue
        forms = []
        k = name.find("关于")
        if k > 0:
            forms.append(name[k:])
        out.append(Mention("Policy", m.start(1), m.end(1), name, "policy_book_title", 0.95, forms))
    booked = [(m.start(), m.end()) for m in _BOOK.finditer(s)]
    for m in _POLICY_HEAD.finditer(s) if _mentions_any(s, _POLICY_HEAD_WORDS) else ():
        a, b = m.start(), m.end()
        if any(x <= a < y for x, y in booked):
            continue
        lo = clause_start(s, a, 50, keep="“”‘’（）()")
        seg = s[lo:a]
        vs = list(_POLICY_VERB.finditer(seg))
        st = lo + vs[-1].end() if vs else lo
        name = s[st:b]
        if name.startswith(("了", "的")):
            name, st = name[1:], st + 1
        core = name.translate(_QUOTES)
        if not (5 <= len(core) <= 45):
            continue
        if _NUMERIC.match(s[st:a]) or _strip_generic_prefix(s[st:a].translate(_QUOTES) or "的"):
            continue
        if not vs and lo > 0 and s[lo - 1] not in "、，,：:" and not s[lo - 1] == "（":
            continue
        head = m.group()
        if st >= a and head[0].isdigit():
            continue  # 提出22条措施: a count with no name
        if (
            _NUMBERED_HEAD.fullmatch(head)
            and not _PACKAGE_END.search(core[: -len(head)] or "")
            and not head.endswith("措施")
            # 出台智能制造10条、人才新政18条: a numbered package right after an issuing verb
            and not (_ISSUE_VERB.search(s[max(0, lo - 30) : st]) and 2 <= len(core) - len(head) <= 10 and _cjk_only(core[: -len(head)]))
        ):
            continue
        if _NOT_PACKAGE.search(core):
            continue
        if head in ("的通知", "的意见") and not (vs or core.startswith("关于")):
            continue
        if head == "政策" and not vs:
            continue
        out.append(Mention("Policy", st, b, core, "policy_head", 0.7 if vs else 0.6))
    return _dedupe(out)


# ---------------------------------------------------------- reforms, programs

_SPECIFIC_HEADS = ("体制机制改革", "制度改革", "机制改革", "体制改革", "责任制", "秘书制", "聘用制", "包干制", "链长制", "积分制", "承诺制", "代办制", "负责制", "包保制", "专员制", "办结制", "包联制", "首办制", "聘任制", "任期制", "薪酬制", "工资制", "年薪制", "员额制", "问责制", "告知承诺制")
_REFORM_HEAD = re.compile(  # (longest first: 制度改革 before 制度)
    "("
    + "|".join(sorted(_SPECIFIC_HEADS + ("改革", "工作机制", "长效机制", "联动机制", "机制", "新模式", "服务模式", "管理模式", "运营模式", "考核体系", "工作法", "制度"), key=len, reverse=True))
    + ")"
)
_PROGRAM_HEAD = re.compile(
    r"(主题活动|专项行动|评比活动|活动|行动|工程|计划|大赛|挑战赛|联赛|总决赛|嘉年华|服务团|试点|博览会|交易会|洽谈会|展览会|推介会|论坛|峰会|大会"
    # festivals and fairs (滑雪节, 电影节, 动漫游戏展): only compound heads, 节 and 展 alone are too common
    r"|文化节|旅游节|艺术节|电影节|音乐节|美食节|冰雪节|滑雪节|消费节|购物节|露营节|啤酒节|动漫节|灯光节|读书节|科技节|丰收节|梨花节|桃花节|樱花节|采摘节"
    r"|游戏展|动漫展|车展|展销会|订货会)"
)


_LEAD_VERB = re.compile(
    r"^(?:谈及|谈到|说到|提到|对于|关于)|^(?:全面|积极|大力|持续|深入|率先|继续|进一步)?(?:试点|推行|实行|实施|落实|深化|推进|开展|建立|完善|探索|推广|启动|健全|构建|执行|创新|组织实施|组织开展|举办|承办)"
    r"|^(?:升级成|升级为|打造成|更名为|改名为|变为|改为)"  # 准备升级成“三峡杯”创新创业大赛: what it becomes
)


_DASHES = str.maketrans("", "", "—–-")


def _party_before_dash(s: str, st: int, lo: int) -> int:
    """Where a name starting at `st` right after a dash starts when a place from `lo` on ends at
    the dash (江门—毕节产业园, 中国—东盟博览会: two parties name one thing); else `st`."""
    for k in range(lo, st - 2):
        if L.place_at(s, k) == s[k : st - 1]:
            return k
    return st


def _place_like(t: str) -> bool:
    """A place, or a region jieba knows by name or abbreviation (东盟, 中亚)."""
    return len(t) >= 2 and (L.place_at(t, 0) == t or L.pos(t) in ("ns", "j"))


def _head_name(
    s: str, a: int, b: int, floors, digits=False, max_len=12, specific=False, keep="（）()", inner_quotes=False
) -> tuple[int, str] | None:
    floor = max([e for (i, e) in floors if e <= a] or [0])
    st = walk_left(s, a, floor, max_len=max_len, digits=digits, keep=keep)
    if "“" in keep:
        # a quotation inside the name must be whole: 两区”建设项目… → start after it
        seg = s[st:a]
        k = seg.rfind("”")
        if k >= 0 and "“" not in seg[:k]:
            st += k + 1
    prefix = s[st:a]
    # brackets only when balanced inside the name: （4）管理体制机制改革 → 管理体制机制改革
    for close, open_ in (("）", "（"), (")", "(")):
        k = prefix.rfind(close)
        if k >= 0 and open_ not in prefix[:k]:
            st += k + 1
            prefix = s[st:a]
    # 中国—东盟博览会: two parties joined by a dash name one event
    if st >= 3 and s[st - 1] in "—–-" and prefix and _place_like(L.cut(prefix)[0]):
        st = _party_before_dash(s, st, max(floor, st - 4))
        prefix = s[st:a]
    # 试点企业投资项目承诺制 / 推行首席服务官制度: the verb in front is not part of the name
    lead = _LEAD_VERB.match(prefix)
    if lead and len(prefix) - lead.end() >= 2:
        st += lead.end()
        prefix = s[st:a]
    if len(prefix) < 2 or not _cjk_only(_DIGITS_BRACKETS.sub("", (prefix.translate(_QUOTES) if inner_quotes else prefix).translate(_DASHES)) or "x"):
        return None
    if _NUMERIC.match(prefix) or prefix in _DEICTIC or (not specific and _rp_generic(prefix)):
        return None
    return st, (prefix + s[a:b]).translate(_QUOTES)


_DEICTIC = {"各项", "这项", "该项", "此项", "多项", "一系列", "系列", "相关", "有关", "深化", "全面", "推进", "进一步", "此次", "这次", "本轮", "新一轮", "第二轮"}


_QUOTATION = re.compile(r"“[^“”]*”")
_REFORM_VERB_LIST = re.compile(r"(?:推行|实行|试行|推广)([\u4e00-\u9fff、]{4,30}?)(?=[，。；：,;:]|$)")
_REFORM_ITEM = re.compile(r"[\u4e00-\u9fff]{2,8}(审批|受理|办理|代办|承诺制|备案制|制)")
_CASE_AFTER = re.compile(r"(?:创新)?(?:典型|案例|经验做法|优秀案例)")
_CHIEF_SYSTEM = re.compile(r"[\u4e00-\u9fff]长制")


_HOST_VERB = re.compile(r"(?:办好|举办|举行|承办|开展|启动|召开|参加|组织)$")
_EDITION_BEFORE = re.compile(r"(?:(?:19|20)\d\d年?)?第[一二三四五六七八九十百\d]+[届次期]$")


def find_reforms_programs(s: str, floors: list[tuple[int, int]], zone_spans: list[tuple[int, int]] | None = None) -> list[Mention]:
    out = []
    quoted = [(m.start(), m.end()) for m in _QUOTATION.finditer(s)] if "“" in s else []
    for m in _CHIEF_SYSTEM.finditer(s) if "长制" in s else ():
        i = m.start()
        if not (i == 0 or s[i - 1] in L.PUNCT or s[i - 1] in "的和与及" or s[max(0, i - 2) : i] in L.STOP_WORDS):
            continue
        out.append(Mention("Reform", m.start(), m.end(), m.group(), "reform_chief_system", 0.7))  # 链长制, 河长制
    for m in _REFORM_HEAD.finditer(s):
        a, b = m.start(), m.end()
        if b < len(s) and s[b] == "化":
            continue
        if any(x <= a <= y for x, y in quoted) or (a > 0 and s[a - 1] == "”"):
            continue
        head = m.group()
        if head.endswith("制") and s.startswith("度", b):
            b += 1  # 绩效薪酬制度: the 制度 the …薪酬制 head began
            head += "度"
        if _CASE_AFTER.match(s, b):
            continue  # 入选河北省开发区改革创新典型案例: a class of cases, not one reform
        r = _head_name(s, a, b, floors, specific=head in _SPECIFIC_HEADS)
        if r is None:
            if head in ("体制机制改革", "告知承诺制", "链长制", "首问负责制", "限时办结制"):
                r = (a, head)  # names on their own: 全面推行告知承诺制
            else:
                continue
        st, name = r
        if st > 0 and s[st - 1] == "”" and head not in _SPECIFIC_HEADS:
            continue  # “一企一策”精准服务模式: the quotation is the name, the rest describes it
        if s[b:].startswith("创新") and (b + 2 >= len(s) or s[b + 2] in L.PUNCT):
            b += 2
            name += "创新"
        out.append(Mention("Reform", st, b, name, "reform_head", 0.55))
    for m in _PROGRAM_HEAD.finditer(s):
        a, b = m.start(), m.end()
        if m.group() == "工程" and s.startswith(("塑料", "机械", "师", "车辆", "技术", "材料", "菌", "系列"), b):
            continue  # 高性能工程塑料: a material, not a program
        if any(x <= a <= y for x, y in quoted) or (a > 0 and s[a - 1] == "”"):
            continue
        zb = [
            i for (i, e) in floors
            if e < a and a - i <= 24 and (q := _BRACKET_QUALIFIER.match(s, e))
            and _cjk_only(s[q.end() : a] or "x") and not _EVENT_VERB.search(s, q.end(), a)
        ]
        if zb:
            # 青岛高新区（深圳）产业合作推介会: the zone and a bracketed place open the event's name
            r = (zb[-1], s[zb[-1] : b].translate(_QUOTES))
        else:
            # 培育计划, 集中开工活动, 集中签约活动: verbs that belong to the program's name
            a2 = a
            while (w := _PROGRAM_INNER.search(s, max(0, a2 - 2), a2)) is not None and w.end() == a2:
                a2 = w.start()
            r = _head_name(s, a2, b, floors, digits=True, max_len=16, keep="（）()“”", inner_quotes=True) if a2 < a else None
            if r is not None and s[r[0] : a2].startswith("“") and s[r[0] : a2].endswith("”") and s.count("“", r[0], a2) == 1:
                r = None  # “双招双引”攻坚行动: the quotation is the name
            if r is not None and _YEAR_LEAD.match(r[1]):
                # 2021年海南自贸港建设项目集中开工活动: the edition's year is not part of the program's name
                k = _YEAR_LEAD.match(r[1]).end()
                r = (s.find(r[1][k:k + 1], r[0]), r[1][k:]) if len(r[1]) - k >= 6 else r
            if r is None:
                r = _head_name(s, a, b, floors, digits=True, max_len=16, keep="（）()“”")
            if r is None:
                # 第五届“三峡杯”生物医药创新创业大赛: a quotation inside the name (one opening it is the name)
                r = _head_name(s, a, b, floors, digits=True, max_len=22, keep="（）()“”", inner_quotes=True)
                if r is not None and (s[r[0]] == "“" or "“" not in s[r[0] : a]):
                    r = None
        if r is None:
            continue
        st, name = r
        zo = next((i for (i, e) in zone_spans or () if e == st), None)
        if zo is not None and len(name) - len(m.group()) >= 2 and not _EVENT_VERB.search(name):
            # 第三届唐山高新区机器人创新应用大赛 / 办好唐山高新区…大赛: the host zone opens the event's name
            # (not 2022年洛阳高新区“两新”…活动举行, where the zone is the sentence's subject)
            ed = _EDITION_BEFORE.search(s, max(0, zo - 8), zo)
            if ed or _HOST_VERB.search(s, max(0, zo - 4), zo):
                st = ed.start() if ed else zo
                name = s[st:b].translate(_QUOTES)
        if st > 0 and s[st - 1] == "”" and not name.translate(_QUOTES).startswith(s[s.rfind("“", 0, st) + 1 : st - 1]):
            continue  # “政企面对面”恳谈活动: the quotation is the name, the rest describes it
        # 中国创新挑战赛(佛山赛区): keep a short bracketed qualifier
        mm = _BRACKET_QUALIFIER.match(s, b) or (_CONTEST_AREA.match(s, b) if name.endswith("赛") else None)
        if mm:
            b = mm.end()  # (matched in place: the end is a sentence position)
            name = s[st:b]
        if name.endswith("试点") and _REFORM_PILOT.search(name):
            continue
        if _INSTITUTION_AFTER.match(s, b):
            continue  # 生物医学工程技术研究所: the head word is inside an institution's name
        if name.endswith("大会") and not _CONFERENCE.search(name):
            continue  # 推进大会, 表彰大会: meetings; 世界清洁能源装备大会, 新能源产业发展大会: events
        if _COUNTED.match(name):
            continue
        if _NOT_PROGRAM_END.search(name) or _TIMES.match(name):
            continue
        if len(_DIGITS_BRACKETS.sub("", name)) < 4:
            continue
        yl = _YEAR_LEAD.match(name)
        if yl and len(name) - yl.end() - len(m.group()) < 2:
            continue  # 到2024年底试点行业达到30个: a date, not a name
        bare = _EDITION.sub("", name)
        if len(bare) - len(m.group()) < 2 or bare[: -len(m.group())] in ("创业", "创新创业", "创新", "招商", "系列", "专项"):
            continue  # 第五届大赛, 创业大赛: no name in it
        out.append(Mention("Program", st, b, name, "program_head", 0.55))
    for m in _REFORM_VERB_LIST.finditer(s) if _mentions_any(s, ("推行", "实行", "试行", "推广")) else ():
        # 推行模拟审批、并联审批 / 全面推行容缺受理和告知承诺制: an unquoted list of named procedures
        pos = m.start(1)
        for it in re.split(r"([、和及])", m.group(1)):
            i0, pos = pos, pos + len(it)
            if it in "、和及" or not _REFORM_ITEM.fullmatch(it) or it in RP_GENERIC:
                continue
            if any(x < pos and i0 < y for x, y in quoted) or _rp_generic(it[: -len(_REFORM_ITEM.fullmatch(it).group(1))]):
                continue
            out.append(Mention("Reform", i0, pos, it, "reform_verb_list", 0.55))
    # 中国国际大数据产业博览会分论坛活动: the fair is the program, not the fair's side event
    fairs = [m for m in out if m.type == "Program" and m.name.endswith(_FAIRS)]
    out = [m for m in out if not any(f is not m and m.i < f.j < m.j for f in fairs)]
    return _dedupe(out)


_YEAR_LEAD = re.compile(r"(?:19|20)\d\d年[度底初末]?")
_INSTITUTION_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:研究所|研究院|研究中心|实验室|学院|大学|公司)")
_CONFERENCE = re.compile(r"世界|国际|中国|全国|产业|博览|创新创业")
_EDITION = re.compile(r"^(?:(?:19|20)\d\d年?)?第[一二三四五六七八九十百\d]+[届次期]")
_PROGRAM_INNER = re.compile(r"培育|开工|签约|集中|观摩|攻坚|招商|帮扶|走访|提升|评比|竞赛|发展|合作|交流|投资|贸易|三年|五年|百日|百天|千日")
_EVENT_VERB = re.compile(r"举办|开展|召开|举行|参加|组织|启动|承办|出席|主办|发布|实施|推进")
_FAIRS = ("博览会", "交易会", "洽谈会", "展览会", "推介会")


# ---------------------------------------------------------------- quotations

_Q = re.compile(r"“([^“”]{1,40})”")
_FOLLOW = [
    ("Policy", re.compile(r"^(政策兑现一本通|实务手册|实施细则|政策|规划|方案|手册)")),
    ("Industry", re.compile(r"^(产业链|产业)")),
    ("Reform", re.compile(r"^(改革|新模式|管理模式|服务模式|运营模式|模式|工作机制|联动机制|机制|工作法|制度|审批模式|审批|管理|执法理念|监管|服务)")),
    ("Program", re.compile(r"^(主题活动|专项行动|重大专项|专项|评比活动|系列活动|活动|行动|工程|计划|大赛|竞赛|赛事|[\u4e00-\u9fff]{2,4}?(?:大赛|竞赛|活动|工程)|(?:培育|提升|倍增|扶持|培养|引才|攻坚|专项|三年|五年)(?:计划|行动|工程)|建设|战略|示范|工作|重点任务|改造)")),
]
_PLAN_PERIOD = re.compile(r"[十二]?[一二三四五六七八九十]五|\d{4}[-—–~至]\d{4}年?")
_NUMBERED_PACKAGE = re.compile(r"[^\d一二三四五六七八九十百][\d一二三四五六七八九十百]+条$")
_NUMERIC_SLOGAN = re.compile(r"^[一二三四五六七八九十两百千万双]+[个项大]?[\u4e00-\u9fff]{1,4}$")
_REFORM_END = re.compile(r"(改革|制|机制|模式|制度|审批|办|监管|评|证|批|清单|一公开|服务|执法|联动|同步)$")
_PROGRAM_END = re.compile(r"(活动|行动|工程|计划|大赛|服务团|一批|招商|比赛|评比|博览会|交易会|洽谈会|展览会|推介会|论坛|峰会|创新周|文化节|旅游节|电影节|艺术节|消费节|游戏展|动漫展|(?:提升|攻坚|服务|推进|建设|发展|作风|效能|质量|落实)年)$")  # “营商环境提升年”: a campaign year
_REFORM_VERB = re.compile(r"(推行|实行|实施|探索|推进|落实|深化|建立|构建|运用|采取|试行|试点|推出|健全|坚持|用好|全面实行|围绕)$")
_PROGRAM_VERB = re.compile(r"(开展|举办|承办|参加|参与|启动|紧跟|深耕|融入|保持|争做|助推|谋划|认真开展|积极推进|迎来)$")


def _nouns_only(t: str) -> bool:
    """Every jieba token of t is a common noun (工业项目), so t can stand between a verb and its object."""
    return _cjk_only(t) and all((L.pos(x) or "").startswith("n") and L.pos(x) != "nr" for x in L.cut(t))


_SPEECH_AFTER = ("说", "表示", "介绍", "称", "指出", "强调")


_NOT_NAME_AFTER = ("要求", "理念", "精神", "思想", "口号", "氛围", "效应", "目标", "要素", "称号", "作用", "问题", "难题", "之", "式", "般", "精神", "格局", "特点", "指标", "阶段", "局面", "之路", "品牌")
_POLICY_END = re.compile(r"(政策|方案|规划|办法|条例|细则|意见|通知|纲要|手册)$")


_MOD_HEAD = re.compile(r"^的?[\u4e00-\u9fff]{0,5}?(管理架构|架构|模式|机制|工作法|方式|制度|体系)")
_PROG_MOD_HEAD = re.compile(r"^的?[\u4e00-\u9fff]{0,4}?(重点任务|任务|态势|项目库|战略)")


def _classify_quote(q: str, after: str, before: str) -> tuple[str, str, str, float] | None:
    """(type, follow word, rule, confidence) of a quoted name, or None when it is not one."""
    if after.startswith("的"):
        if not _CJK.search(q):
            return None
        after = after[1:]
        if _POLICY_END.search(q):
            return "Policy", "", "quote_own_head", 0.7
        if _PROGRAM_END.search(q):
            return "Program", "", "quote_own_head", 0.7
        if _MOD_HEAD.match("的" + after):
            return "Reform", "", "quote+modified_head", 0.6
        if _PROG_MOD_HEAD.match("的" + after):
            return "Program", "", "quote+modified_head", 0.6
        return None
    if _NUMBERED_PACKAGE.search(q) and len(q) >= 4 and _CJK.match(q) and not _NUMERIC_SLOGAN.match(q[:-1]):
        return "Policy", "", "quote_numbered_package", 0.7  # “高新十条”, “人才新政30条”: a numbered package of measures
    for t, rx in _FOLLOW:
        fm = rx.match(after)
        if fm:
            follow = fm.group()
            if follow in ("工作", "建设", "管理", "服务"):
                break  # neutral words: decide from the name itself or the verb
            return t, follow, "quote+head", 0.75
    follow = ""
    fm = re.match(r"^(工作|建设|管理|服务)", after)
    if fm:
        follow = fm.group()
    elif after.startswith(_NOT_NAME_AFTER):
        return None
    if q in L.known_reforms():
        return "Reform", follow, "quote_known_reform", 0.7  # 首批“揭榜挂帅”项目: a reform known by its name
    elif _MOD_HEAD.match(after) and _CJK.search(q):
        return "Reform", "", "quote+modified_head", 0.6
    elif _PROG_MOD_HEAD.match(after):
        return "Program", "", "quote+modified_head", 0.6
    if _POLICY_END.search(q):
        return "Policy", "", "quote_own_head", 0.7
    if _PROGRAM_END.search(q):
        return "Program", follow, "quote_own_head", 0.7
    if _REFORM_END.search(q) and q not in RP_GENERIC:
        return "Reform", follow, "quote_own_head", 0.7
    if follow in ("建设", "工作") and _NUMERIC_SLOGAN.match(q):
        return "Program", follow, "quote+work", 0.55
    if "、" in q or "," in q or "，" in q or len(q) < 3 or q in RP_GENERIC or q.endswith("式"):
        return None
    if re.search(r"[A-Za-z]", q) or not _CJK.search(q):
        return None
    if _REFORM_VERB.search(before):
        return "Reform", follow, "quote_after_verb", 0.55
    if _PROGRAM_VERB.search(before):
        return "Program", follow, "quote_after_verb", 0.55
    for g in range(1, 5):
        # 推行工业项目“四证同发” / 推行的“拿地即开工”: 的 or a short noun between the verb and the name
        gap = before[len(before) - g :]
        if not (gap == "的" or g >= 2 and _nouns_only(gap)):
            continue
        if _REFORM_VERB.search(before, 0, len(before) - g):
            return "Reform", follow, "quote_after_verb", 0.5
        if _PROGRAM_VERB.search(before, 0, len(before) - g):
            return "Program", follow, "quote_after_verb", 0.5
    if follow == "工作" or follow == "建设":
        return "Program", follow, "quote+work", 0.5
    return None


def find_quoted(s: str) -> list[Mention]:
    out = []
    for m in _Q.finditer(s):
        q = m.group(1).translate(_QUOTES)
        i, j = m.start(1), m.end(1)
        if "暨" in q and not re.search(r"(活动|会|赛)$", q):  # 优化营商环境暨万警助万企: the part after 暨 is the name
            k = q.rindex("暨") + 1
            q, i = q[k:], i + k
        after = s[m.end() :]
        before = s[max(0, m.start() - 10) : m.start()]
        if any(c in q for c in "。！？!?") or len(q) < 2:
            continue
        if ("，" in q or "," in q) and len(q) > 16:
            continue
        if after.startswith(_SPEECH_AFTER) or before.endswith(("：", ":")):
            continue
        # 土地征收成片开发方案+区域土地资源开发保护方案: a combination of named documents
        parts = [x for x in q.split("+") if x]
        if len(parts) > 1 and all(_POLICY_END.search(x) and len(x) >= 4 for x in parts):
            k = i
            for x in parts:
                k = s.find(x, k)
                out.append(Mention("Policy", k, k + len(x), x, "quote_policy_part", 0.7))
                k += len(x)
            continue
        if len(parts) > 1 and _POLICY_END.search(q):
            last = parts[-1]
            k = s.find(last, i)
            if k >= 0 and len(last) >= 4:
                out.append(Mention("Policy", k, k + len(last), last, "quote_policy_part", 0.65))
        # “甲”“乙”和“丙”: a run of quotations shares the verb in front of the first one
        k = m.start()
        while k > 0 and (s[k - 1] == "”" or s[max(0, k - 2) : k] in ("”和", "”与", "”、")):
            prev = s.rfind("“", 0, k)
            if prev < 0:
                break
            k = prev
        if k != m.start():
            before = s[max(0, k - 6) : k]
        c = _classify_quote(q, after, before)
        if c is None:
            continue
        typ, follow, rule, conf = c
        if typ == "Industry":
            if not _PLAN_PERIOD.fullmatch(q) and not _NUMERIC_SLOGAN.match(q) and not re.fullmatch(r"[\d一二三四五六七八九十+＋、]+", q):
                # (“十四五”, “一区五园”, “2+3”: not sectors)
                out.append(Mention("Industry", i, j, q, "quote+industry", 0.7, [q + follow]))
            continue
        if typ == "Policy":
            name = q + follow
            out.append(Mention("Policy", i, m.end() + len(follow), name, "quote+policy_head", 0.7))
            continue
        forms = [q + follow] if follow else []
        # 劳动监察“五同步”: a short modifier glued in front belongs to the name too
        pre = s[max(0, m.start() - 4) : m.start()]
        if pre and _cjk_only(pre) and typ == "Reform" and len(q) <= 4:
            st = walk_left(s, m.start(), 0, max_len=4)
            if st < m.start() and not _strip_generic_prefix(s[st : m.start()]):
                forms.append(s[st : m.start()] + q)
        out.append(Mention(typ, i, j, q, rule, conf, forms))
    return out


# ---------------------------------------------------------------- industries

_IND_HEAD = re.compile(r"(产业集群|产业链|产业体系|产业|服务业|制造业|旅游业|物流业|金融业|农业)")
_IND_GENERIC = GENERIC | {"新兴产业", "主导产业", "支柱产业", "特色产业", "相关", "下游", "上游", "上中下游", "第一大", "第二大", "全", "其", "一批"} | {
    "材料", "装备", "终端", "设备", "产品", "技术", "服务", "制造", "上游材料", "下游终端",  # links of a chain, not sectors
}
_SCALE_PREFIX = re.compile(r"(?:世界级|国际级|国家级|省级|全国性|万亿级|千亿级|百亿级|超千亿|万亿|千亿|百亿)")
_IND_NEXT = ("体系", "产业", "业", "企业", "项目", "等", "、", "和", "及", "与", "领域", "行业", "基地", "集群", "为", "，", "。", "；", "新兴", "三大", "四大", "五大", "六大", "主导", "发展", "板块", "平台")
_IND_BAD_END = ("园", "园区", "城", "区", "基地", "中心")
_IND_MODIFIER = ("高端", "先进", "现代", "新兴", "绿色", "智能", "新型", "精细", "都市", "休闲")
_FIELD_LIST = re.compile(
    r"(?:围绕|聚焦|瞄准|布局|涵盖|覆盖|深耕|发展|培育|主攻|面向)([^，。；：]{4,50}?)(?:等|[两三四五六七八九十\d]+[条个大])(?:细分领域|方向|领域|赛道)"
)
_FOCUS_LIST = re.compile(r"以((?:(?![以为])[\u4e00-\u9fff、]){4,40}?)为(?:重点|主导|引擎|支撑|核心|主攻方向|方向|重要保障|战略支撑|引领|特色|首位产业|支柱|基础|延伸|补充|主(?=的))")
_IND_NOT_BEFORE = ("园", "集聚区", "聚集区", "基地", "研究院", "服务中心", "体系", "用房", "化", "项目", "政策", "规划", "扶持", "基金", "招商", "优势", "布局", "定位", "结构", "空间", "格局", "高地", "工人", "工作")
_SECTOR_END = (
    "制造", "材料", "医药", "能源", "服务", "旅游", "物流", "经济", "农业", "食品", "装备", "信息", "电子", "汽车", "健康", "器械",
    "化工", "纺织", "电气", "环保", "文化", "金融", "商贸", "加工", "种植", "养殖", "互联网", "数据", "智能", "技术", "软件", "芯片",
    "电路", "航空", "航天", "影视", "创意", "设计", "康养", "医疗", "教育", "会展", "商务", "零售", "电商", "贸易", "化学", "钢铁",
    "机械", "家居", "建材", "光伏", "储能", "新能源", "机器人", "生物", "网络", "通信", "交通", "轨道", "船舶", "海洋", "港口",
    "物联网", "云计算", "大数据", "游戏", "动漫", "体育", "养老", "中医药", "药", "酒", "茶", "林业", "渔业", "畜牧", "印刷", "包装",
    "光电", "激光", "半导体", "显示", "设备", "计算机", "应用", "终端", "模具", "零部件", "整车", "电池", "锂电", "氢能", "节能", "传媒", "出版",
    "合金", "铸造",
)


def _sector_like(core: str) -> bool:
    """Does the phrase look like the name of a sector (ends like one, or contains a known sector word)?"""
    c = core.rstrip("+")
    return c.endswith(_SECTOR_END) or _sector_word_regex().search(c) is not None


@lru_cache(maxsize=1)
def _sector_word3_regex() -> re.Pattern:
    """Any sector word of three or more characters."""
    return L.words_regex(w for w in L.industries() if len(w) >= 3)


@lru_cache(maxsize=1)
def _sector_word_regex() -> re.Pattern:
    """Any sector word of two or more characters (one scan instead of a `in` test per word)."""
    return L.words_regex(w for w in L.industries() if len(w) >= 2)


_WITH_AS = re.compile(r"以[\u4e00-\u9fff]{2,12}为")
_LINK_LIST = re.compile(r"[^，。；：]{0,30}?(?:环节|问题|难题|事项|权限|要素保障|领域[\u4e00-\u9fff]{0,4}应用|应用场景)")
_IND_QUAL = re.compile(rf"(等|[{L.CN_NUM}\d]+(?:大|条|个|类))?(战略性新兴|新兴|主导|支柱|特色|优势|重点|先导|未来|前沿)?$")
_AND = re.compile(r"[和及]")
_AREA_WORDS = ("园", "园区", "走廊", "片区", "新城", "基地", "小镇", "港", "谷", "城", "区")
_COUNTED_TAIL = re.compile(r"等?[两三四五六七八九十\d]+大(?:战略性新兴|主导|支柱|特色|优势|重点|新兴)?产业$")
_PAIR_HEAD = re.compile(r"(?:等)?(?:[两三四五六七八九十\d]+大)?(?:主导|支柱|特色|优势|重点|新兴|战略性新兴)?产业")
_AND_WITH = re.compile(r"[和及与]")


def _list_own_conj(s: str, pa: int, b: int) -> bool:
    """The 和/及/与 before s[:b] is a 、-list's own last joint (甲、乙和丙), the list starting before pa."""
    in_list = "、" in s[clause_start(s, pa, 30, keep="、") : pa]
    rest = s[b:]
    cut = min([rest.find(c) for c in "，。；：,;:" if c in rest] or [len(rest)])
    return in_list and "、" not in rest[:cut]


def _list_items(s: str, end: int, block: list[tuple[int, int]]) -> list[Mention]:
    """The sector names of the 、-list ending at `end` (the items before a list's 和/及)."""
    lo = clause_start(s, end, 60, keep="、")
    out, pos = [], lo
    items = s[lo:end].split("、")
    for n, it in enumerate(items):
        i0, i1 = pos, pos + len(it)
        pos = i1 + 1
        if n == 0:
            i0 = max(i0, walk_left(s, i1, i0, max_len=10, conj=True))
        core = s[i0:i1]
        if any(x <= i0 < y for x, y in block) or not (2 <= len(core) <= 10) or not _cjk_only(core):
            continue
        if _sector_like(core) and core not in _IND_GENERIC and not _strip_generic_prefix(core):
            out.append(Mention("Industry", i0, i1, core, "industry_list", 0.65))
    return out


_FOCUS_VERB = ("聚焦", "发展", "打造", "培育", "壮大", "引进", "围绕", "布局", "做强", "做大", "延伸", "以", "推动", "加快", "主攻", "重点发展")


def find_industries(s: str, block: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for m in _IND_HEAD.finditer(s):
        a, b = m.start(), m.end()
        head = m.group()
        if any(x <= a < y for x, y in block):
            continue
        if head == "产业" and s.startswith(_IND_NOT_BEFORE, b):
            continue
        # strip quantifiers/qualifiers between the list and the head: 等 三大 新兴 主导 …
        k = a
        qual = _IND_QUAL.search(s[max(0, a - 8) : a])
        if qual and qual.group():
            k = a - len(qual.group())
        if head in ("服务业", "制造业", "旅游业", "物流业", "金融业", "农业"):
            if _PARK.match(s, b) or s[b:].startswith(("聚集区", "集聚区", "基地")):
                continue
            st = walk_left(s, a, 0, max_len=10, conj=True)
            joint = list(_AND.finditer(s, st, a))
            if joint and _list_own_conj(s, st, a) and s[st:a] + head[:-1] not in L.industry_set():
                # 种业、生物医药和现代农业服务业: the 、-list's items, then the last one with the head
                out += _list_items(s, joint[-1].start(), block)
                st = joint[-1].end()
            elif st > 0 and s[st - 1] == "、":
                out += _list_items(s, st - 1, block)  # 电子信息制造、软件和信息技术服务业
            elif st > 0 and s[st - 1] == "等" and "、" in s[max(0, st - 30) : st]:
                out += _list_items(s, st - 1, block)  # 工业互联网、检验检测等生产性服务业
            p = L.place_at(s, st) if st < a else None
            if p and a - st - len(p) >= 2:
                st += len(p)
            name = s[st:a] + head
            core = name if head == "农业" else name[:-1]  # (订单农业, not 订单农)
            if core in ("制造", "服务"):
                continue  # 支持制造业高质量发展: manufacturing as a whole is not a sector a zone leads with
            if len(core) < 2 or _strip_generic_prefix(s[st:a] or "的") and s[st:a]:
                continue
            toks = L.cut(s[st:a])
            proper = [x for x in toks if (L.pos(x) in (None, "ns") or L.place_at(x, 0) == x) and x not in _IND_MODIFIER]
            if head == "农业" and proper and not _sector_like(s[st:a]):
                continue  # 杨凌农业科技创新港: a place's name, not a kind of farming
            out.append(Mention("Industry", st, b, core, "industry_head", 0.7, [name]))
            continue
        lo = clause_start(s, k, 60, keep="、")
        seg = s[lo:k]
        items = seg.split("、") if "、" in seg else [seg]
        pos = lo
        spans = []
        for n, it in enumerate(items):
            i0, i1 = pos, pos + len(it)
            pos = i1 + 1
            if n == 0 or n == len(items) - 1:
                # the last item is bounded by 、 on its left: room for 智能制造装备和生物医药
                w = walk_left(s, i1, i0, max_len=10 if n == 0 else 16, conj=True)
                item = s[i0:i1]
                if w < i1 or n == 0 or "等" in item or not _sector_like(item) or len(L.cut(item)[-1]) < 2:
                    i0 = max(i0, w)  # (工业机器人、智能铸造: a last item ending in a verb-like word stays whole)
            spans.append((i0, i1))
        if len(items) == 1:
            i0 = walk_left(s, k, lo, max_len=10, conj=True)
            spans = [(i0, k)]
        elif spans:
            # 新能源汽车、光伏和新材料产业: the last 和/及 of a list joins two items
            i0, i1 = spans[-1]
            last = s[i0:i1]
            # (与 joins one sector's two halves: 新能源与智能网联汽车, 软件与信息服务)
            mm = _AND.search(last)
            # (…小核酸及生物医药、机器人及智能制造: where an earlier item holds 及/和 too, it joins one name)
            if mm and all(_sector_like(x) for x in _AND.split(last)) and not any(_AND.search(s[a0:a1]) for a0, a1 in spans[:-1]):
                spans[-1:] = [(i0, i0 + mm.start()), (i0 + mm.end(), i1)]
        for i0, i1 in spans:
            if _WITH_AS.search(s, i0, i1) or s[i1 - 1 : i1] == "为":
                continue  # 以智能终端为基础、以集成电路为核心…产业体系 / 以农副食品加工业为主导产业: the 以…为 lists say it (_FOCUS_LIST)
            i0 = max([i0] + [y for x, y in block if x < i1 and i0 < y <= i1])
            p = L.place_at(s, i0) if i0 < i1 else None
            if p and i1 - i0 - len(p) >= 2:
                i0 += len(p)
            if s.endswith(("核心", "相关"), i0, i1) and i1 - i0 > 4:
                i1 -= 2  # 数字经济核心产业: the digital economy's core industries
            sp = _SCALE_PREFIX.match(s, i0, i1)
            if sp and i1 - sp.end() >= 2:
                i0 = sp.end()  # 世界级新型显示产业集群: the sector is 新型显示
            core = s[i0:i1]
            two = core.split("和")
            if len(two) == 2 and core not in L.industry_set() and (
                all(x in L.industry_set() for x in two) or (head.startswith("产业") and all(len(x) >= 3 and _sector_like(x) for x in two))
            ):
                # 先进装备制造和新材料产业: two known sectors joined by 和 are two (与/及 join one: 软件与信息服务)
                k = i0 + len(two[0])
                out.append(Mention("Industry", i0, k, two[0], "industry_list", 0.65))
                full = two[1] + head if i1 == a else two[1]
                out.append(Mention("Industry", k + 1, i1, two[1], "industry_head" if i1 == a else "industry_list", 0.65, [full]))
                continue
            parts = _AND_WITH.split(core)
            if len(parts) == 2 and not all(_sector_like(x) for x in parts) and any(
                x in _IND_GENERIC or x in GENERIC or len(x) < 2 for x in parts if not _sector_like(x)
            ):
                # 智能终端制造及配套产业: keep the part that names a sector (小核酸及生物医药 stays whole)
                if _sector_like(parts[0]):
                    i1 = i0 + len(parts[0])
                else:
                    i0 = i1 - len(parts[1])
                core = s[i0:i1]
            if not _sector_like(core) or core.endswith(_IND_BAD_END) or (core.endswith("高新技术") and core != "高新技术"):
                continue
            if not (2 <= len(core) <= 10) or not _cjk_only(core.replace("+", "")):
                continue
            if core in _IND_GENERIC or _strip_generic_prefix(core) or _NUMERIC.match(core):
                continue
            full = core + head if i1 == a else core
            out.append(Mention("Industry", i0, i1, core, "industry_head" if i1 == a else "industry_list", 0.7 if i1 == a else 0.65, [full]))
    for m in _FIELD_LIST.finditer(s) if _mentions_any(s, ("方向", "领域", "赛道")) else ():
        # 围绕虚拟现实、智能声学、微电子等方向 / 涵盖新能源汽车零部件、生物医药等领域 / 聚焦创新药、高端医疗器械两条赛道
        pos = m.start(1)
        items = m.group(1).split("、")
        if len(items) < 2 or not any(_sector_like(x) for x in items):
            continue  # 涵盖投资审批、规划建设、市场准入等领域: fields of administration, not sectors
        for n, it in enumerate(items):
            i0 = pos
            pos += len(it) + 1
            parts = [it]
            if n == len(items) - 1 and it.count("和") == 1:
                parts = it.split("和")
            for x in parts:
                if 2 <= len(x) <= 10 and _cjk_only(x) and x not in _IND_GENERIC and not _strip_generic_prefix(x) and not L.place_at(x, 0) == x:
                    if not any(w in x for w in ("企业", "项目", "平台", "人才", "环节")):
                        out.append(Mention("Industry", i0, i0 + len(x), x, "industry_field_list", 0.6))
                i0 += len(x) + 1
    for m in _FOCUS_LIST.finditer(s):
        items = m.group(1).split("、")
        if len(items) == 1 and items[0].count("和") == 1:
            items = items[0].split("和")  # 以蔬菜种业和高端化工为特色
            if not all(2 <= len(x) and _sector_like(x) for x in items):
                continue
        elif len(items) == 1 and s.startswith("主导产业", m.end() - 2) and _sector_like(items[0]):
            pass  # 以农副食品加工业为主导产业: one sector
        elif len(items) < 2 or not any(_sector_like(x) for x in items):
            continue
        pos = m.start(1)
        for it in items:
            x = _COUNTED_TAIL.sub("", it)  # 以甲、乙、智能制造三大主导产业为重点: the count is not the last item's
            if 2 <= len(x) <= 10 and _cjk_only(x) and x not in _IND_GENERIC and not x.endswith(_AREA_WORDS):
                # (以智能装备产业园、新材料产业园、某某科创走廊为支撑: places, not sectors)
                out.append(Mention("Industry", pos, pos + len(x), x, "industry_focus_list", 0.65))
            pos += len(it) + 1
    rx = L.industry_regex()
    hits = [(m.start(), m.end()) for m in rx.finditer(s)]
    # 生物医药大健康 / 信息技术及互联网: adjacent sector words, or two joined by 和/及/与 outside
    # a 、-list, name one sector
    joined: list[tuple[int, int]] = []
    for a, b in hits:
        if joined:
            pa, pb = joined[-1]
            gap = s[pb:a]
            # 汽车零部件和新材料(两大)产业, 数字经济和现代物流: two (互联网和信息服务业: one)
            two_sectors = gap == "和" and (_PAIR_HEAD.match(s, b) is not None or (not s.startswith(("业", "服务"), b) and a - pa >= 2 and b - a >= 2))
            if gap == "" or (gap in ("和", "及", "与") and not two_sectors and not _list_own_conj(s, pa, b)):
                joined[-1] = (pa, b)
                continue
        joined.append((a, b))
    for a, b in joined:
        if any(x <= a < y for x, y in block):
            continue
        for mod in _IND_MODIFIER:
            if s.endswith(mod, 0, a):
                a -= len(mod)
                break
        if not (s.startswith(_IND_NEXT, b) or s.endswith(_FOCUS_VERB, max(0, a - 4), a)):
            continue
        if s.startswith("产业", b) and s.startswith(_IND_NOT_BEFORE, b + 2):
            continue
        if _LINK_LIST.match(s, b):
            continue  # 围绕改性、制品、检验检测等环节: links of a chain, not sectors
        ye = [s[a:b] + "业"] if s.startswith("业", b) else []  # 现代服务业: the text's own whole form
        out.append(Mention("Industry", a, b, s[a:b], "industry_vocabulary", 0.6, ye))
    return _dedupe(out)
