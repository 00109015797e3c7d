"""The rule-based extractor: Document -> Extraction.

Stages (each a pure function over one document):
1. sentences  - split into sentences with document offsets (kg.extract.sentences)
2. mentions   - typed names per sentence (kg.extract.mentions), overlaps resolved by type priority
3. subjects   - the zone (and park) each sentence is about: an explicit zone mention switches
                the current zone; bare references (高新区, 园区, 该区 …) keep it; a heading that
                names a park makes it the current park until the next heading
4. entities   - mentions grouped by key (kg.extract.resolve), short forms merged into longer
                forms of the same document, one canonical name + aliases + evidence each
5. facts      - every scored mention becomes a fact of the zone (or park) in effect
6. helpers    - indicators / people / regions modules, when present, are called per sentence
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from kg.extract import lexicon as L
from kg.extract import resolve
from kg.extract.indicators import parse_number
from kg.extract.mentions import (
    BULLET_MARKS,
    Mention,
    find_enterprises,
    find_industries,
    find_lists,
    find_parks,
    find_policies,
    find_quoted,
    find_reforms_programs,
    find_towns,
    find_zones,
)
from kg.extract.sentences import Sentence, split_sentences
from kg.model import Document, Entity, Evidence, Extraction, Fact, Indicator, Role

PREDICATE = {
    "Park": "hasPark",
    "Enterprise": "hasEnterprise",
    "Policy": "adoptsPolicy",
    "Reform": "implementsReform",
    "Program": "runsProgram",
    "Industry": "focusesOn",
}

# Which mention wins when two overlap (higher first). Industry names may sit inside
# park, policy and program names (海凭国际医疗器械产业园 → 医疗器械), so they are
# only dropped when inside an enterprise name.
_PRIORITY = {
    ("Zone", "zone_suffix"): 100,
    ("Zone", "zone_gazetteer"): 100,
    ("Policy", "policy_book_title"): 90,
    ("Enterprise", "enterprise_suffix"): 80,
    ("Enterprise", "enterprise_known"): 78,
    ("Park", None): 70,
    ("Policy", None): 65,
    ("Program", None): 60,
    ("Reform", None): 55,
    ("Enterprise", "list_enterprise"): 52,
    ("Enterprise", None): 50,
    ("Industry", None): 10,
}


def _prio(m: Mention) -> int:
    return _rule_prio(m.type, m.rule)


@lru_cache(maxsize=256)
def _rule_prio(type_: str, rule: str) -> int:
    """Overlap priority of a mention type and rule (the type's default when the rule has none)."""
    return _PRIORITY.get((type_, rule), _PRIORITY.get((type_, None), 0))


_PHASE_TAIL = re.compile(r"(?:[一二三四五六七八九十\d]期|扩产|扩建|技改|新厂)$")


def _drop_phase(m: Mention) -> Mention:
    """冀锐精工二期, 泰合海纳扩产: a company named with its project's phase; the phase is not the name."""
    if m.type == "Enterprise" and (pm := _PHASE_TAIL.search(m.name)) and len(m.name) - len(pm.group()) >= 2:
        return replace(m, j=m.j - len(pm.group()), name=m.name[: -len(pm.group())])
    return m


_EVENTS = ("博览会", "交易会", "洽谈会", "展览会", "推介会", "论坛", "峰会", "大会")


def _join_known(ms: list[Mention]) -> list[Mention]:
    """广汽丰田, 上汽通用: well-known names written together are one company (a joint venture)."""
    known = sorted((m for m in ms if m.rule == "enterprise_known"), key=lambda m: m.i)
    runs: list[list[Mention]] = []
    for m in known:
        if runs and runs[-1][-1].j == m.i:
            runs[-1].append(m)
        else:
            runs.append([m])
    runs = [r for r in runs if len(r) > 1]
    if not runs:
        return ms
    joined = {id(m) for r in runs for m in r}
    return [m for m in ms if id(m) not in joined] + [replace(r[0], j=r[-1].j, name="".join(m.name for m in r)) for r in runs]


def _resolve_overlaps(ms: list[Mention]) -> list[Mention]:
    ms = [_drop_phase(m) for m in _join_known(ms)]
    # a well-known short name opening a longer company name (通威 in 通威太阳能) yields to it
    ms = [
        m for m in ms
        if not (
            m.rule == "enterprise_known"
            and any(o.type == "Enterprise" and o.i == m.i and o.j > m.j and not o.name.endswith(("项目", "工程")) for o in ms)
        )
    ]
    kept: list[Mention] = []
    for m in sorted(ms, key=lambda m: (-_prio(m), -(m.j - m.i), m.i)):
        ok = True
        for o in kept:
            if m.j <= o.i or o.j <= m.i:
                continue
            if m.type == o.type:
                ok = False
                break
            if m.type == "Zone" or o.type == "Zone" and m.zone_prefix:
                continue
            if o.type == "Zone":
                if m.i <= o.i and o.j <= m.j and (m.j - m.i) > (o.j - o.i) and m.type in ("Policy", "Park", "Enterprise", "Program", "Organization"):
                    continue
                ok = False
                break
            if m.type == "Policy" and m.i <= o.i and o.j <= m.j and o.type in ("Park", "Enterprise"):
                continue  # 海口美安科技新城（二期）概念规划 names a park inside
            if m.type == "Industry" and o.type != "Enterprise" and o.i <= m.i and m.j <= o.j:
                if o.type == "Program" and o.name.endswith(_EVENTS):
                    ok = False  # 中国国际大数据产业博览会, 长江生物医药产业发展论坛: an event's theme, not the zone's sector
                    break
                continue
            if o.type == "Industry":
                continue
            ok = False
            break
        if ok:
            kept.append(m)
    return sorted(kept, key=lambda m: m.i)


_SINGLE_QUOTES = str.maketrans("‘’", "“”")  # ‘光伏产业链招商年’活动: single quotes name things too


SENTENCE_MEMO = 8192  # sentences remembered per process (a few MB): boilerplate recurs within hundreds of documents


def sentence_mentions(s: Sentence) -> list[Mention]:
    """The names in one sentence, found in its compact text alone (no document context).

    A sentence met again (a reposted article, an outlet's standing lines, 与会人员…进行了深入交流)
    is not searched again: its mentions come from a bounded memo, as fresh copies, since the
    pipeline keys mentions by identity and edits the lists."""
    found = _mentions_memo(s.compact)
    return [Mention(m.type, m.i, m.j, m.name, m.rule, m.conf, m.forms, m.zone_prefix) for m in found]


@lru_cache(maxsize=SENTENCE_MEMO)
def _mentions_memo(compact: str) -> tuple[Mention, ...]:
    return tuple(_find_mentions(compact))


def _find_mentions(compact: str) -> list[Mention]:
    # (not inside double quotes: “乐城‘双国九条’政策” nests them)
    text = compact.translate(_SINGLE_QUOTES) if "‘" in compact and "“" not in compact else compact
    zones = find_zones(text)
    floors = [(m.i, m.j) for m in zones]
    strong = find_enterprises(text, floors, strong_only=True)
    parks = find_parks(text, floors + [(m.i, m.j) for m in strong], zone_spans=floors)
    parks += find_towns(text, parks)
    floors2 = floors + [(m.i, m.j) for m in parks if not m.zone_prefix]
    ents = find_enterprises(text, floors2)
    ms: list[Mention] = zones + parks + ents
    ms += find_lists(text)
    ms += find_policies(text)
    ms += find_quoted(text)
    ms += find_reforms_programs(text, floors2, zone_spans=floors)
    block = [(m.i, m.j) for m in ents if m.rule != "enterprise_weak_suffix"]
    block += [(m.i, m.j) for m in zones]
    ms += find_industries(text, block)
    return _resolve_overlaps(ms)


_BARE_ABBR = re.compile(r"[（(]([\u4e00-\u9fffA-Za-z0-9]{2,6})[)）]")
_ABBR = re.compile(r"[（(](?:以下)?简称[“\"《]?([\u4e00-\u9fffA-Za-z0-9]{2,12})[”\"》]?[)）]")  # (简称《实施方案》 too)


def _after_place(name: str) -> str:
    """The name without a leading place (绵阳京东方… → 京东方…); the name itself when none."""
    p = L.place_at(name, 0)
    return name[len(p) :] if p and len(name) - len(p) >= 2 else name


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


# Cues that a company only helps the zone from outside (借助…招商, 与…对接合作): the company is
# still an entity, but not a hasEnterprise fact.
_OUTSIDE_BEFORE = (
    "借助", "托管单位", "合作伙伴", "配套", "供货", "客户包括", "客户涵盖", "出口到", "销往",
    "走访了", "拜访了", "考察了", "参观了", "拿下",  # visits and customers: 走访了比亚迪、大疆创新等企业
    "主要客户", "采购自", "主要供应", "供应给", "保荐机构", "承销商", "主承销", "保荐人", "设备供应商", "采购于",
)  # 产品配套比亚迪、蔚来等整车企业: customers; 银浆采购自…, 保荐机构为…: suppliers and advisers elsewhere
_OUTSIDE_AFTER = ("对接", "合作", "洽谈")
_VISITS = ("走访了", "拜访了", "考察了", "参观了")
_AWAY = re.compile(r"赴|前往|外出|招商|拜会|洽谈|对接|客商|出访|考察团|代表团|招商团|考察组|到[\u4e00-\u9fff]{2,4}(?:市|省|等地)")  # visits elsewhere


_FORMER_NAME = re.compile(r"前身为|前身是|原名|原称|更名为|升级为")
_LEADING_BRACKET = re.compile(r"^[（(][^）)]*[）)]")
_SUPPLIES = re.compile("供应|提供|供货|输送")
_COOPERATION = re.compile(r"(?:战略)?合作(?:框架)?协议|框架协议|合作备忘录|服务(?:合作)?协议|战略合作")
_CUT_MARK = re.compile("[，,；;。]")


def _outside_company(s: Sentence, m: Mention) -> bool:
    before = s.compact[: m.i]
    after = s.compact[m.j : m.j + 6]
    cuts = [c.start() for c in _CUT_MARK.finditer(before)]
    clause = before[cuts[-1] + 1 :] if cuts else before
    if clause.startswith(("比如", "例如", "如")) and len(cuts) >= 1:  # 借助…招商,比如普华永道等企业
        clause = before[(cuts[-2] + 1 if len(cuts) > 1 else 0) :]
    if any(w in clause for w in _OUTSIDE_BEFORE):
        if any(w in clause for w in _VISITS) and not _AWAY.search(s.compact):
            return False  # 在萧山信息港小镇，调研组走访了…: the zone's leaders visiting its own companies
        return True
    cut = _CUT_MARK.search(s.compact, m.j)
    rest = s.compact[m.j : cut.start() if cut else len(s.compact)]
    if "为" in clause[-12:] and ("配套" in rest or "供货" in rest or "提供" in rest):
        return True  # 为宁德时代、比亚迪等企业配套: customers, not companies of the zone
    if "由" in clause[-10:] and _SUPPLIES.search(_LEADING_BRACKET.sub("", rest)):
        return True  # 硅片主要由内蒙古宏硅半导体有限公司供应 / 由紧邻经开区的…（以下简称…）供应: a supplier elsewhere
    if "从" in clause and ("采购" in rest or "外地" in clause or "区外" in clause):
        return True  # 电芯主要从宁德时代、比亚迪等外地供应商采购
    if "客户" in before[-40:] and any(w in clause for w in ("覆盖", "包括", "涵盖", "主要有")):
        return True  # 下游客户既包括区内企业，也覆盖广汽、吉利…
    if "进入" in clause[-8:] and ("供应体系" in rest or "供应链" in rest or "采购体系" in rest):
        return True  # 产品已进入宁德时代、比亚迪等头部企业的供应体系
    if before.endswith("与") and _COOPERATION.search(rest):
        return True  # 与腾讯云签署智慧园区战略合作框架协议: a partner, not a company of the zone
    return before.endswith("与") and after.startswith(_OUTSIDE_AFTER)


class _Node:
    __slots__ = ("type", "key", "names", "mentions")

    def __init__(self, type_: str, key: str):
        self.type = type_
        self.key = key
        self.names: Counter[str] = Counter()
        self.mentions: list[tuple[Sentence, Mention]] = []


_PARK_TAIL = re.compile(r"(?:片区|园区|产业园|工业园|科技园|新城|小镇)$")
_YE_STEMS = ("服务", "制造", "旅游", "物流", "金融")  # 服务业 制造业 …: the 业 is part of the sector's name


def _canonical(node: _Node) -> str:
    if node.type == "Zone":
        return resolve.zone_key(_zone_name(node))[1]
    # Reforms, programs and industries: the core name the key is built from when the text
    # uses it (“放管服”改革 / “放管服”工作 → 放管服), and an industry without a trailing 产业
    # (生物医药产业 → 生物医药, GUIDELINES). Being a function of the key, it is the same
    # canonical name in every document, so a node does not collect one label per document.
    if node.type in ("Reform", "Program", "Industry"):
        core = node.key.split(":", 1)[1]
        if node.type == "Industry" and core.endswith(_YE_STEMS):
            # 现代服务业, 软件与信息服务业 stay whole (GUIDELINES): 现代服务 alone reads as a verb phrase
            whole = [n for n in node.names if n.endswith("业") and n[:-1].replace("和", "与").replace("及", "与") == core]
            if whole:
                return max(whole, key=lambda n: (node.names[n], n))
        if core in node.names:
            return core
        if node.type == "Industry" and any(n.endswith("产业") and n[:-2].replace("和", "与").replace("及", "与") == core for n in node.names):
            return next(n[:-2] for n in node.names if n.endswith("产业") and n[:-2].replace("和", "与").replace("及", "与") == core)
    # otherwise the most complete form the text uses: the longest, then the most frequent
    return max(node.names, key=lambda n: (len(n), node.names[n], n))


def _zone_name(node: _Node) -> str:
    """A form the text writes (GUIDELINES: names exactly as they appear): <stem>高新区 / <stem>经开区
    when written; else the text's own short form with a place (惠州大亚湾经济技术开发区（以下简称
    “大亚湾经开区”）); else the most complete written form (北京经济技术开发区). The key, which merges
    documents, is the same whichever form a document uses."""
    _, stem, kind = node.key.split(":", 2)
    name = stem + kind if kind != "其他" else stem
    written = [n for n in node.names if node.names[n] > 0]  # (forms derived from the key are entered with count 0)
    if not written or name in written:
        return name
    own = [n for n in written if n.endswith(kind) and len(n) > len(kind) + 1 and n[: -len(kind)] in stem and L.place_at(n, 0)]
    return max(own or written, key=lambda n: (node.names[n], len(n)))


_ABOUT_PARK = re.compile(
    r"(?:(?:19|20)\d\d年(?:度|上半年|前三季度)?)?(?:工作总结|工作思路|工作计划|工作要点|发展报告|简介|概况|巡礼|运行情况|经济运行)"
    # ——涪陵高新区某化工园区绿色安全转型见闻: a feature's title, its topic then its genre word
    r"|[\u4e00-\u9fff“”]{0,12}(?:见闻|纪实|侧记|探访|走笔|速写|蹲点记)$"
    r"|(?:党工委、?)?(?:管理委员会|管委会)(?:办公室)?$"  # 乌海高新技术产业开发区低碳产业园管理委员会: the park's own office signs
)


def _province_before(text: str, i: int) -> str | None:
    """The province's short name written right before position i (浙江 in 浙江文成经济开发区), or None."""
    for k in (3, 2):
        p = text[max(0, i - k) : i]
        if len(p) == k and p in L.provinces() and not p.endswith(("省", "市")):
            return p
    return None


def _short_form_mentions(per_sent: list[tuple[Sentence, list[Mention]]]) -> None:
    """甲产业园区（以下简称“甲园”）…甲园实现产值…: later uses of a short name the text gave a park or
    company are mentions of it, even where the short form alone does not look like a name."""
    short: dict[str, str] = {}
    for s, ms in per_sent:
        for m in ms:
            if m.type in ("Park", "Enterprise"):
                am = _ABBR.match(s.compact, m.j)
                if am and len(am.group(1)) >= 3 and _subsequence(am.group(1), m.name):
                    short.setdefault(am.group(1), m.type)
    if not short:
        return
    for s, ms in per_sent:
        for name, typ in short.items():
            k = s.compact.find(name)
            while k >= 0:
                j = k + len(name)
                if not any(m.i < j and k < m.j for m in ms) and s.compact[k - 1 : k] not in ("“", '"'):
                    ms.append(Mention(typ, k, j, name, "short_form", 0.8))
                k = s.compact.find(name, j)
        ms.sort(key=lambda m: (m.i, m.j))


def _place_bonded_zones(per_sent: list[tuple[Sentence, list[Mention]]]) -> None:
    """A bonded zone named without its zone (2023年，大窑湾综合保税区完成…) is a park when the
    document places it in the zone elsewhere (依托区内大连大窑湾综合保税区); else it is dropped."""
    placed = [m.name for _s, ms in per_sent for m in ms if m.type == "Park" and m.rule != "park_bonded_unplaced"]
    # 松江综合保税区 in a document about 松江经开区: a bonded zone named after the zone's own place is
    # the zone's (杭州综合保税区 and 杭州经开区, 威海综合保税区 and 威海经开区)
    zone_places = {p for _s, ms in per_sent for m in ms if m.type == "Zone" and (p := L.place_at(m.name, 0))}
    for _s, ms in per_sent:
        ms[:] = [
            m for m in ms
            if m.rule != "park_bonded_unplaced" or any(p.endswith(m.name) for p in placed) or L.place_at(m.name, 0) in zone_places
        ]


def extract(doc: Document) -> Extraction:
    sents = split_sentences(doc.text)
    per_sent = [(s, sentence_mentions(s)) for s in sents]
    _place_bonded_zones(per_sent)
    _short_form_mentions(per_sent)

    # ---- entities: group by key
    nodes: dict[str, _Node] = {}
    mkey: dict[int, str] = {}
    for s, ms in per_sent:
        for m in ms:
            if m.type == "Zone":
                key, canon = resolve.zone_key(m.forms[0] if m.forms else m.name)
            else:
                key = resolve.key_for(m.type, m.name)
            node = nodes.get(key)
            if node is None:
                node = nodes[key] = _Node(m.type, key)
            node.names[resolve.clean(m.name)] += 1
            for f in m.forms:
                node.names[resolve.clean(f)] += 0
            if m.type == "Zone" and m.name.endswith("开发区") and (prov := _province_before(s.compact, m.i)):
                # 浙江文成经济开发区: a formal name is written with its province; the key leaves it out,
                # the name keeps it when the text gives no shorter form
                node.names[resolve.clean(prov + m.name)] += 1
            node.mentions.append((s, m))
            mkey[id(m)] = key

    # ---- one type per name core for quoted reform/program names (majority in the document)
    by_core: dict[str, list[_Node]] = defaultdict(list)
    for n in nodes.values():
        if n.type in ("Reform", "Program"):
            by_core[n.key.split(":", 1)[1]].append(n)
    remap: dict[str, str] = {}
    abbr_of: dict[str, str] = {}
    for group in by_core.values():
        if len(group) > 1:
            win = max(group, key=lambda n: (len(n.mentions), n.type == "Reform"))
            for n in group:
                if n is not win:
                    remap[n.key] = win.key

    # ---- 甲有限公司（以下简称“甲”）: the short name stated by the text is the company's
    # (and so for a park, a policy, a program: 海西高新技术产业园（以下简称海西园）, 《…若干措施》（以下简称“新材料20条”）)
    for s, ms in per_sent:
        for m in ms:
            if m.type not in ("Enterprise", "Park", "Policy", "Program", "Reform"):
                continue
            am = _ABBR.match(s.compact, m.j + (s.compact[m.j : m.j + 1] in ("》", "”")))
            if am is None and m.type in ("Enterprise", "Park"):
                # 白银有色集团股份有限公司（白银有色）: a bracketed short form made of the name's own characters
                am = _BARE_ABBR.match(s.compact, m.j)
                if am and (am.group(1) == m.name or not _subsequence(am.group(1), m.name) or L.place_at(am.group(1), 0) == am.group(1)):
                    am = None
            if am and 2 <= len(am.group(1)) <= 12:
                short = am.group(1)
                k = mkey[id(m)]
                if k in remap:
                    continue
                nodes[k].names[short] += 0
                for o in nodes.values():
                    if o.type == m.type and o.key != k and short in o.names and o.key not in remap:
                        remap[o.key] = k
                if m.type == "Enterprise":
                    abbr_of[short] = k
    for n in list(nodes.values()):
        if n.type == "Enterprise" and n.key not in remap:
            hit = next((abbr_of[nm] for nm in n.names if nm in abbr_of and abbr_of[nm] != n.key), None)
            if hit:
                remap[n.key] = hit

    # ---- 前身为…, 原名…, 甲更名为乙 / 甲升级为乙: a zone's former name is the zone
    for s, ms in per_sent:
        zs = [m for m in ms if m.type == "Zone"]
        if len(zs) < 2:
            continue
        fm = _FORMER_NAME.search(s.compact)
        if not fm:
            continue
        before = [m for m in zs if m.j <= fm.start()]
        after = [m for m in zs if m.i >= fm.end()]
        if not before or not after:
            continue
        old_z, new_z = (after[0], before[-1]) if fm.group() in ("前身为", "前身是", "原名", "原称") else (before[-1], after[0])
        ok, nk = mkey[id(old_z)], mkey[id(new_z)]
        if ok != nk and ok not in remap and nk not in remap:
            remap[ok] = nk

    # ---- 松山湖高新区 ~ 东莞松山湖高新区: a zone named by its modifier alone is the zone with its city
    zones = [n for n in nodes.values() if n.type == "Zone" and n.key not in remap]
    for n in zones:
        _, stem, kind = n.key.split(":", 2)
        longer = [
            o for o in zones
            if o is not n and o.key.endswith(f"{stem}:{kind}") and (ps := o.key.split(":", 2)[1])[: -len(stem)]
            and (pl := L.place_at(ps, 0)) and len(ps) - len(stem) - len(pl) <= 1  # (杭州湾上虞经开区: a place and 湾)
        ]
        if len(stem) >= 2 and len(longer) == 1:
            remap[n.key] = longer[0].key
        elif len(stem) >= 2 and len(longer) > 1 and n.key not in remap:
            # 鄂尔多斯蒙苏经开区, 伊金霍洛旗蒙苏经济开发区 and 蒙苏经开区 in one document: one zone, its city
            # and its county written in front
            for o in longer[1:]:
                if o.key not in remap:
                    remap[o.key] = longer[0].key
            remap[n.key] = longer[0].key

    def final(key: str) -> str:
        seen = set()
        while key in remap and key not in seen:
            seen.add(key)
            key = remap[key]
        return key

    # ---- 伊金霍洛旗蒙苏经济开发区零碳产业园 ~ 蒙苏经开区零碳产业园: a park named after its zone is one park
    # however the text writes the zone (the zone's forms were merged above)
    by_zone_park: dict[tuple[str, str], str] = {}
    for s, ms in per_sent:
        for m in ms:
            if m.type != "Park" or not m.zone_prefix:
                continue
            inner = next((z for z in ms if z.type == "Zone" and m.i <= z.i and z.j <= m.j), None)
            if inner is None or m.j - inner.j < 3:
                continue
            pk = final(mkey[id(m)])
            first = by_zone_park.setdefault((final(mkey[id(inner)]), resolve.park_core(s.compact[inner.j : m.j])), pk)
            if first != pk:
                remap[pk] = first

    # ---- short forms merged into longer names of the same type in this document
    for t in ("Park", "Program", "Reform", "Enterprise", "Policy"):
        group = [n for n in nodes.values() if n.type == t and n.key not in remap]
        for n in group:
            core = n.key.split(":", 1)[1]
            if len(core) < 2 or (len(core) < 3 and t != "Enterprise"):
                continue
            longer = [o for o in group if o is not n and o.key not in remap and o.key.split(":", 1)[1].endswith(core)]
            if t == "Policy":
                longer = [o for o in longer if "关于" in o.key]
                if not longer and len(core) >= 4:
                    # 《三年行动方案》 after 《某高新区加快数字经济发展三年行动方案（2024—2026年）》: the name without its period
                    longer = [
                        o for o in group
                        if o is not n and o.key not in remap and _PERIOD_TAIL.sub("", o.key.split(":", 1)[1]).endswith(core)
                        and len(o.key) > len(n.key)
                    ]
            if t == "Park" and not longer:
                # 石角片区 ~ 石角智能装备片区: the same head and suffix, the middle dropped
                sm = _PARK_TAIL.search(core)
                if sm and sm.start() >= 2:
                    head, tail = core[: sm.start()], sm.group()
                    longer = [
                        o for o in group
                        if o is not n and o.key not in remap and (ok := o.key.split(":", 1)[1]).startswith(head)
                        and ok.endswith(tail) and 2 <= len(ok) - len(core) <= 6
                    ]
            if t == "Enterprise" and not longer:
                # 齐鲁 / 新天力 then 齐鲁制药 / 新天力现代农业装备制造有限公司: a short form opening a longer name
                longer = [o for o in group if o is not n and o.key not in remap and _after_place(o.key.split(":", 1)[1]).startswith(core)]
                if not longer and core.endswith(("公司", "集团")) and len(core) >= 4:
                    # 益生源公司 ~ 内蒙古益生源生物科技有限公司: the name's own word and a bare 公司
                    longer = [
                        o for o in group
                        if o is not n and o.key not in remap and _after_place(o.key.split(":", 1)[1]).startswith(core[:-2])
                    ]
            if t == "Policy" and not longer:
                # 加工增值30%免关税政策 ~ 加工增值30%货物内销免征关税政策: same opening and head
                longer = [
                    o for o in group
                    if o is not n and o.key not in remap and len(o.key) > len(n.key)
                    and o.key.split(":", 1)[1][:4] == core[:4] and o.key[-4:] == n.key[-4:]
                ]
            if t == "Policy" and not longer:
                # 9685实务手册 ~ 疫情常态化防控工作稳定发展9685工作体系实务手册: the short one's
                # characters in order inside the long one, same head
                longer = [
                    o for o in group
                    if o is not n and o.key not in remap and len(o.key) > len(n.key) + 2
                    and o.key[-2:] == n.key[-2:] and _subsequence(core, o.key.split(":", 1)[1])
                ]
            if len(longer) == 1:
                lk = longer[0].key.split(":", 1)[1]
                if t == "Park" and L.place_at(lk, 0) and lk.endswith(core) and len(lk) - len(core) <= 4:
                    remap[longer[0].key] = n.key  # 海口美安科技新城 → 美安科技新城: a place in front adds nothing
                else:
                    remap[n.key] = longer[0].key

    for k in list(nodes):
        f = final(k)
        if f != k:
            src, dst = nodes.pop(k), nodes[f]
            dst.names.update(src.names)
            for nm in src.names:
                dst.names[nm] += 0
            dst.mentions.extend(src.mentions)
    for mid, k in list(mkey.items()):
        mkey[mid] = final(k)

    # ---- subjects: the zone each sentence is about
    first_zone = next((mkey[id(m)] for _s, ms in per_sent for m in ms if m.type == "Zone"), None)
    cur_zone = first_zone
    # the zone the document speaks for (most named): 我们/我区 in an interview is that zone
    zone_counts = Counter(mkey[id(m)] for _s, ms in per_sent for m in ms if m.type == "Zone")
    own_zone = max(zone_counts, key=lambda k: (zone_counts[k], k == first_zone)) if zone_counts else None
    cur_park: str | None = None
    titled_park = False  # cur_park comes from a title naming the zone and then the park
    park_style: str | None = None  # the numbering of the section heading that named cur_park
    facts: list[Fact] = []
    seen_facts: set[tuple[str, str, str]] = set()

    def add_fact(subj: str, obj: str, s: Sentence, rule: str, conf: float) -> None:
        t = nodes[obj].type
        pred = PREDICATE.get(t)
        if pred is None or subj == obj:
            return
        trip = (subj, pred, obj)
        if trip in seen_facts:
            return
        seen_facts.add(trip)
        ev = Evidence(doc.doc_id, s.text, s.start, s.end)
        facts.append(Fact(subj, pred, obj, ev, rule, round(conf, 3)))

    last_of_kind: dict[str, str] = {}  # 高新区 / 经开区 -> the last zone of that kind named so far
    zones_named: list[str] = []  # the zones named so far, in order
    for s, ms in per_sent:
        # 学习借鉴苏州工业园区、深圳高新区的经验: zones held up as models are not the subject
        firms = [(m.i, m.j) for m in ms if m.type == "Enterprise"]
        zones_here = [
            m for m in ms
            if m.type == "Zone" and not _compared(s.compact, m) and not _partner(s.compact, m)
            and not any(i <= m.i and m.j <= j for i, j in firms)  # 中关村科技租赁股份有限公司: a company's words
            and not _former_owner(s.compact, m)
        ]
        parks_here = [m for m in ms if m.type == "Park"]
        we = _FIRST_PERSON.search(s.compact)
        if we and own_zone and (not zones_here or we.start() < zones_here[0].i):
            cur_zone = own_zone  # 常熟经开区侧重…，我们则聚焦…: the speaker's zone
        if not zones_here and not parks_here and _city_voice(s.compact):
            continue  # 赣州市副市长…表示，赣州将用好《国务院…》: the city's plans, not the zone's facts
        if cur_zone:
            # a bare 高新区 after a 经开区 was named refers to the document's 高新区, not to the last zone
            bare = _BARE_KIND.search(s.compact, 0, zones_here[0].i if zones_here else len(s.compact))
            if bare and not cur_zone.endswith(":" + bare.group()) and bare.group() in last_of_kind:
                cur_zone = last_of_kind[bare.group()]
        if s.heading and cur_park and park_style and _heading_style(s.compact) == park_style and not parks_here:
            cur_park, titled_park, park_style = None, False, None  # 03 | 改革破题 after 02 | …产业园: a new section
        if s.heading:
            if parks_here and not zones_here:
                park_style = _heading_style(s.compact)
            park_last = bool(parks_here) and (parks_here[-1].i > zones_here[-1].i or parks_here[-1].j > zones_here[-1].j) if zones_here else False
            if zones_here and not (park_last and _ABOUT_PARK.match(s.compact, parks_here[-1].j)):
                cur_park = None
                titled_park = False
            elif parks_here:
                # 桂林高新区铁山工业园2023年工作总结: a title naming a park of the zone is about the park,
                # until the next title (naming the zone in the body does not change that)
                titled_park = bool(zones_here)
                cur_park = mkey[id(parks_here[-1] if zones_here else parks_here[0])]
        elif zones_here and not titled_park:
            if cur_park and any(mkey[id(p)] == cur_park for p in parks_here):
                titled_park = True  # 在重庆高新区直管园西北部，坐落着西永微电子产业园区: the titled park, placed in its zone
            else:
                cur_park = None
        before = cur_zone
        s.zone = before if before else (mkey[id(zones_here[0])] if zones_here else None)
        s.park = cur_park
        for m in ms:
            if m.type == "Zone":
                continue
            prev_z = [z for z in zones_here if z.j <= m.i]
            inner = [z for z in zones_here if m.i <= z.i and z.j <= m.j] if m.type == "Park" and m.zone_prefix else []
            if inner:
                subj, explicit = mkey[id(inner[0])], True  # 常州滨江经济开发区新材料产业园: the zone its name holds
            elif prev_z and own_zone and we and any(prev_z[-1].j <= w.start() < m.i for w in _FIRST_PERSON.finditer(s.compact, prev_z[-1].j, m.i)):
                subj, explicit = own_zone, True  # 常熟经开区侧重临港产业，我们则聚焦…: the speaker's zone
            elif prev_z:
                subj, explicit = mkey[id(prev_z[-1])], True
            elif before:
                subj, explicit = before, False
            elif zones_here:
                subj, explicit = mkey[id(zones_here[0])], True
            else:
                continue
            k = mkey[id(m)]
            conf = m.conf * (1.0 if explicit else 0.85)
            if m.type == "Enterprise" and _outside_company(s, m):
                continue
            if m.type in ("Reform", "Policy", "Program") and _borrowed(s.compact, m):
                continue  # 借鉴浙江“最多跑一次”改革经验: another place's reform
            if m.type == "Park":
                near = bool(inner) or (bool(prev_z) and (m.zone_prefix or m.i - prev_z[-1].j <= 12))
                add_fact(subj, k, s, "park_of_zone" + ("_adjacent" if near else "_context"), min(0.95, conf + (0.1 if near else 0)))
                continue
            if cur_park and not explicit and cur_park in nodes and cur_park != k:
                # the passage is about a park of the zone: the fact is the zone's (the scorer
                # counts park-subject facts as false positives even when lifted), the park
                # membership is stated once
                add_fact(subj, cur_park, s, "park_of_zone_heading", 0.7)
                add_fact(subj, k, s, f"{m.rule}@park_passage", conf)
            else:
                add_fact(subj, k, s, f"{m.rule}@{'zone' if explicit else 'context'}", conf)
                # 甲高新区、乙经开区、丙经开区认真贯彻《…》 / 在三个开发区全面推行“链长制”: each zone's
                for z in _joint_subjects(s.compact, prev_z, m, zones_named, lambda z: mkey[id(z)]) if m.type != "Enterprise" else ():
                    add_fact(z, k, s, f"{m.rule}@zones_together", conf * 0.9)
        if zones_here:
            for z in zones_here:
                if mkey[id(z)] not in zones_named:
                    zones_named.append(mkey[id(z)])
            cur_zone = mkey[id(zones_here[-1])]
            for z in zones_here:
                last_of_kind[mkey[id(z)].rsplit(":", 1)[-1]] = mkey[id(z)]

    # ---- entities out
    entities: list[Entity] = []
    for node in nodes.values():
        canon = _zone_name(node) if node.type == "Zone" else _canonical(node)
        aliases = {n for n in node.names if n != canon}
        ev = []
        seen_ev = set()
        for s, m in node.mentions:
            a, b = s.doc_span(m.i, m.j)
            if (a, b) in seen_ev:
                continue
            seen_ev.add((a, b))
            ev.append(Evidence(doc.doc_id, s.text, s.start, s.end))
        entities.append(Entity(node.key, node.type, canon, aliases, ev))
    ex = Extraction(doc=doc, entities=entities, facts=facts)
    _helpers(doc, per_sent, mkey, ex)
    return ex


# ------------------------------------------------------------------ helpers


def _compact_index(s: Sentence, k: int) -> int:
    """Index in s.compact of the character at s.text[k] (or the next non-space one)."""
    return bisect_left(s.offs, s.start + k)  # offs: document offsets of the non-space characters


_CLAUSE_MARKS = "，,。；;：:！？!?"
# what may stand before a sentence's subject: time phrases, 其中, 目前 … (indicator module's list)
_OPENING = re.compile(
    r"^(?:(?:19|20)\d\d年(?:底|初|末|度|以来|至今|上半年|下半年|一季度|前三季度|全年)?|今年(?:以来)?|去年|上年|全年|上半年|一季度"
    r"|前三季度|第[一二三四]季度|[二三四]季度|下半年|1[-—至~]\d{1,2}月|\d{1,2}月份?"
    r"|其中|目前|此外|另外|同时|截至目前|三年来|两年来|近年来|近年|年内|[，,、\s])*$"
)


def _clause_begin(text: str, pos: int) -> int:
    """Start of the clause holding text[pos] (after the last clause mark before it)."""
    m = _THROUGH_CLAUSE_MARK.match(text, 0, pos)  # (one scan in C instead of a find per mark)
    return m.end() if m else 0


_THROUGH_CLAUSE_MARK = re.compile("(?s).*[" + re.escape(_CLAUSE_MARKS) + "]")


def _clause_stop(text: str, pos: int) -> int:
    ks = [k for k in (text.find(c, pos) for c in _CLAUSE_MARKS) if k >= 0]
    return min(ks) if ks else len(text)


def _in_list(text: str, m: Mention) -> bool:
    """A member of an enumeration (甲园、乙园等): not one subject."""
    return text[m.j : m.j + 1] in ("、", "等") or (m.i > 0 and text[m.i - 1] == "、")


_WHOLE_CITY = re.compile(
    r"(?:(?:19|20)\d\d年|过去一年|去年|今年)?[，,]?(?:[（(][一二三四五六七八九十]+[)）])?(?:全市|全省|全州|全县|我市|本市|我省)"
    r"(?!率先|首|第一|范围|一流|前列)"  # (打造全省一流…, 在全省率先…: the zone's)
)
_CITY_ORGAN = re.compile(r"(?:市|省|自治区|县)?(?:委|政府|人民政府|副市长|市长|副省长|省长|书记|委员会)")


def _city_voice(text: str) -> bool:
    """The sentence opens with a city's or province's government speaking (赣州市副市长…, 江西省政府…)
    and names no zone: what follows is the city's, not the zone's."""
    if _BARE_KIND.search(text):
        return False
    if _WHOLE_CITY.match(text):
        return True  # 全市实现地区生产总值7351亿元 / 深化全市开发区“管委会+公司”改革: the city's
    p = L.place_at(text, 0)
    return bool(p) and _CITY_ORGAN.match(text, len(p)) is not None


_BULLET = re.compile(r"[●•■◆▪◇○·]|[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]")
_LINE_BREAKS = str.maketrans("\r\n", "  ")
_BARE_KIND = re.compile(r"高新区|经开区")
_LEARN = "学习借鉴|借鉴|学习|对标"  # learning from a model
_COMPARE_WORD = re.compile(_LEARN + "|对照|参照|比照|看齐")
_COMPARE_VERB = re.compile(f"(?:{_COMPARE_WORD.pattern})(?:[^，。；：,;:]{{0,30}})$")
_BORROW = re.compile(f"(?:{_LEARN})([^，。；：,;:]{{0,20}})$")


def _borrowed(text: str, m: Mention) -> bool:
    """A reform or policy learnt from another place (借鉴浙江“最多跑一次”经验): a place is named
    between the verb and the name. (对照《…指标体系》 applies the document: not this.)"""
    b = _BORROW.search(text, _clause_begin(text, m.i), m.i)
    return b is not None and any(L.place_at(text, k) for k in range(b.start(1), b.end(1)))


def _compared(text: str, m: Mention) -> bool:
    """The zone is named as a model to learn from or compare with (对标深圳高新区), in its clause."""
    if _COMPARE_WORD.search(text, 0, m.i) is None:
        return False  # (most sentences: no comparison verb at all)
    return _COMPARE_VERB.search(text, _clause_begin(text, m.i), m.i) is not None


_BARE_ZONE = re.compile(r"(该区|全区|我区|本区|高新区|经开区|开发区)")
_HEADING_STYLES = (
    ("nn|", re.compile(r"\d{1,2}\s*[|｜丨]")),
    ("cn、", re.compile(r"[一二三四五六七八九十]+、")),
    ("(cn)", re.compile(r"[（(][一二三四五六七八九十]+[)）]")),
    ("n.", re.compile(r"\d{1,2}[.、．]")),
    ("【", re.compile(r"【")),
    ("第", re.compile(r"第[一二三四五六七八九十]+[章节部分]")),
)


def _heading_style(text: str) -> str | None:
    """The numbering a heading opens with (01 |, 一、, （一）, 1. …), to tell sections of one level."""
    return next((k for k, rx in _HEADING_STYLES if rx.match(text)), None)


_WHOLE_BEFORE = ("占", "占到", "占全", "相当于", "超过", "高于", "低于")
_ZONE_ACTION_OPEN = re.compile(r"(?:全面|持续|深入|率先|积极|大力|扎实|加快|同时)?(?:推行|开展|推进|实施|深化|建立|出台|举办|组织|实行)")
_FIRST_PERSON = re.compile(r"我们|我区|本区|咱们")
_PARTNER_BEFORE = re.compile(r"(?:与|同|联合|携手)[^，。；：]*$")
_PARTNER_AFTER = re.compile(r"[^，。；：]{0,30}?(?:共同|合作|联合|携手|协同|结对|签署|签订|联动)")


_TRANSFER = re.compile(r"划转|划入|划出|调入|调出|移交|更名|托管|调整为")


def _former_owner(text: str, m: Mention) -> bool:
    """The zone a park is transferred from (将三河经济开发区所属的燕东产业园整体划转…, 原为…所属的…)."""
    if not _TRANSFER.search(text):
        return False
    return text.startswith(("所属", "下辖", "管辖"), m.j) or text.endswith(("原为", "原属", "原隶属", "从", "自"), 0, m.i)


_ITEM_NUMBER = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]?")
_PERIOD_TAIL = re.compile(r"[（(](?:19|20)\d\d\s*[—–\-－~～至]+\s*(?:19|20)?\d\d年?[）)]$")  # （2024—2026年）
_LIST_JOIN = ("、", "和", "及", "与", "以及")
_COUNTED_ZONES = re.compile(r"([两二三四五六七八九])个开发区")


def _joint_subjects(text: str, prev_z: list[Mention], m: Mention, zones_named: list[str], key_of: Callable[[Mention], str]) -> list[str]:
    """The other zones a fact also holds for: the zones listed together as the subject before it
    (甲、乙、丙认真贯彻《…》), or every zone named so far when the clause says 三个开发区 and that many were named.

    Keys of the zones other than the one the fact was already given to."""
    if len(prev_z) >= 2:
        group = [prev_z[-1]]
        for z in reversed(prev_z[:-1]):
            if text[z.j : group[0].i] in _LIST_JOIN:
                group.insert(0, z)
            else:
                break
        # (the list must open its clause: 与甲、乙合作 and 对标甲、乙 are filtered before)
        if len(group) >= 2 and not _CUT_MARK.search(text, group[-1].j, m.i):
            return [key_of(z) for z in group[:-1]]
        return []
    if prev_z:
        return []
    cm = _COUNTED_ZONES.search(text, _clause_begin(text, m.i), m.i)
    if cm and len(zones_named) == parse_number(cm.group(1)) >= 2:
        return zones_named[:]  # (the fact's own zone among them: add_fact drops a repeat)
    return []


def _park_right_after(ms: list[Mention], zone: Mention) -> Mention | None:
    """The park written right after a zone (如东沿海经开区洋口化学工业园): it, not the zone, is what the text is about."""
    return next((p for p in ms if p.type == "Park" and p.i == zone.j), None)


def _partner(text: str, m: Mention) -> bool:
    """The zone is named as a partner (与泸州高新区、内江经开区共同发起…), not as the subject."""
    cs = _clause_begin(text, m.i)
    return _PARTNER_BEFORE.search(text, cs, m.i) is not None and _PARTNER_AFTER.match(text, m.j) is not None


def _opening_mention(text: str, ms: list[Mention], d: int = 0) -> Mention | str | None:
    """The zone or park a sentence (or its clause from text[d], with the mentions after d)
    opens with (after a time phrase): the mention, "zone" for a bare reference to the
    zone (该区, 全区, 高新区 …), or None."""
    k = 0
    for m in ms:
        if m.type in ("Zone", "Park", "Enterprise"):
            if _OPENING.match(text[d : m.i]) and not _in_list(text, m):
                inner = [o for o in ms if o.type == "Park" and o.i == m.j + 1 and text[m.j] in "内中里"]
                return inner[0] if inner else m  # 航空小镇内航空零部件园: the innermost area
            k = m.i
            break
    else:
        k = len(text)
    b = _BARE_ZONE.search(text, d, k)
    if b and _OPENING.match(text[d : b.start()]):
        # 经开区下辖的八角工业园今年…: the zone's park is the subject
        for m in ms:
            if m.type == "Park" and m.i >= b.end() and _OF_ZONE.fullmatch(text, b.end(), m.i):
                return m
        return "zone"
    return None


_OF_ZONE = re.compile(r"(?:下辖|所辖|所属|辖区内|区内|内|旗下)的")


_CLAUSE_END = re.compile("[，,。；;]")


def _last_opener(text: str, ms: list[Mention]) -> Mention | str | None:
    """The subject opening the sentence's last clause that opens with one (print layouts
    join the start of a new paragraph to the previous line: …包括工三年来,沙河园区在…)."""
    out = _opening_mention(text, ms)
    at = 0
    for cm in _CLAUSE_END.finditer(text, 0, len(text) - 1):
        k = cm.start()
        rest = [m for m in ms if m.i > k]
        if not rest:
            break  # no mention after this mark, nor after any later one
        o = _opening_mention(text, rest, k + 1)
        if o is not None:
            out, at = o, k + 1
    # a zone named after the last opener (…,是玉溪高新区近年来…) ends a park's passage
    if any(m.type == "Zone" and m.i >= at for m in ms) and not (isinstance(out, Mention) and out.type == "Zone"):
        z = [m for m in ms if m.type == "Zone" and m.i >= at]
        if not (isinstance(out, Mention) and out.i <= z[-1].i and out.type == "Park" and out.zone_prefix):
            return z[-1]
    if isinstance(out, Mention) and out.type == "Zone":
        out = _park_right_after(ms, out) or out  # …经开区洋口化学工业园规划面积…，实现化工产值…: the park opens the sentence
    return out


def _city_clause(text: str, ms: list[Mention], pos: int) -> bool:
    """The clause holding the value, or the sentence up to it, is about a city (X市 / X省 …), and no
    zone or park is named before the value."""
    if any(m.type in ("Zone", "Park") and m.i < pos for m in ms) or _BARE_ZONE.search(text, 0, pos):
        return False  # (海口市政府对高新区实行的…每年4000多万元: the zone's money)
    starts = [0] + [m.end() for m in _CLAUSE_END.finditer(text, 0, pos)]
    for k in starts:
        p = L.place_at(text, k)
        if p and p.endswith(("市", "省", "自治区")) and not _BARE_KIND.match(text, k + len(p)):
            return True
    return False


def _company_clause(text: str, ms: list[Mention], pos: int) -> bool:
    """The clause holding the value opens with a company name (长虹实现营业收入1500亿元)."""
    cs = _clause_begin(text, pos)
    for m in ms:
        if cs <= m.i < pos:
            return m.type == "Enterprise" and _OPENING.match(text[cs : m.i]) is not None and not _in_list(text, m)
    return False


def _helpers(doc: Document, per_sent, mkey: dict[int, str], ex: Extraction) -> None:
    """Indicators, people and regions from the sentence-level helper modules, with the
    sentence's subject (zone/park in effect) supplied by this pipeline."""
    from kg.extract import indicators as ind
    from kg.extract import people, regions

    by_key = {e.key: e for e in ex.entities}

    def ev(s: Sentence) -> Evidence:
        return Evidence(doc.doc_id, s.text, s.start, s.end)

    # ---- indicators: subject = the park/zone named at the clause start, else the nearest
    # zone or park named before the value in its sentence (or the park the value's clause
    # says companies settled in), else the park that opened a recent sentence, else the
    # park/zone of the passage. A figure whose clause opens with a company is the
    # company's, not the zone's: dropped.
    doc_year = ind.reference_year(doc.text, doc.date)
    tracker = ind.YearTracker(doc_year)
    seen: dict[tuple[str, float, str], tuple[int, bool]] = {}  # -> (index in ex.indicators, stated in a heading)
    lead_park: str | None = None  # a park opening a sentence (2021年,临港物流产业园区…) holds for the next ones
    prev_zone: str | None = None
    prev_end = 0
    for s, ms in per_sent:
        new_line = "\n" in doc.text[prev_end : s.start]
        if new_line and (_BULLET.match(s.compact) or (not ms and len(s.compact) <= 16 and not any(c.isdigit() for c in s.compact))):
            lead_park = None  # a new bullet, or a paragraph opening on a topic of its own (…。\n创新动能加快集聚。)
        prev_end = s.end
        named = [mkey[id(m)] for m in ms if m.type == "Zone"]
        zone_now = named[0] if named else s.zone
        if zone_now != prev_zone and prev_zone is not None and not s.heading:
            tracker.new_passage()  # 同日，南昌经开区…: the year said of the previous zone does not carry
        prev_zone = zone_now
        if s.heading:
            tracker.feed(s.text)
            lead_park = None
        # a print layout breaks lines inside a sentence: a line break is not a clause boundary (same offsets)
        raws = ind.find_indicators(s.text.translate(_LINE_BREAKS), doc_date=doc.date, doc_year=doc_year, year_context=tracker.context)
        if not s.heading:
            tracker.feed(s.text)
        if lead_park and _ZONE_ACTION_OPEN.match(s.compact):
            lead_park = None  # …科技城引进机构14家。全面推行“拿地即开工”…，全年实现营业收入: the zone's own doings again
        opener = _last_opener(s.compact, ms)
        titled = bool(ms) and ms[0].type == "Park" and (
            (not s.compact[: ms[0].i].strip(BULLET_MARKS) and s.compact[ms[0].j : ms[0].j + 1] in ("：", ":"))  # (● 科技创新园：…)
            # 1.城北电气产业园。规划面积14.2平方公里…: a numbered item that is only a park's name
            or (_ITEM_NUMBER.fullmatch(s.compact[: ms[0].i]) is not None and not s.compact[ms[0].j :].strip("。．.；;"))
        )
        if titled and not s.heading:
            # 光电产业园：园区围绕…，歌尔股份…: a park titling its paragraph holds for it
            lead_park = mkey[id(ms[0])]
        elif opener is not None and not s.heading:
            if opener == "zone":
                lead_park = None
            elif opener.type == "Park" and "其中" not in s.compact[_clause_begin(s.compact, opener.i) : opener.i]:
                lead_park = mkey[id(opener)]  # (…税收15.8亿元，其中甲园完成税收…: a part, for its clause only)
            elif opener.type == "Zone":
                lead_park = None
        if not raws:
            continue
        areas = [m for m in ms if m.type in ("Zone", "Park") and not _in_list(s.compact, m)]
        for r in raws:
            subj = None
            pos = _compact_index(s, r.start)
            if r.subject_span:
                a, b = (_compact_index(s, k) for k in r.subject_span)
                for m in ms:
                    if m.type in ("Zone", "Park") and m.i < b and a < m.j:
                        # (如东沿海经开区洋口化学工业园规划面积…: the park right after its zone is the subject)
                        subj = mkey[id((_park_right_after(ms, m) if m.type == "Zone" else None) or m)]
                        break
            if any(m.type in ("Policy", "Program") and m.i <= pos < m.j for m in ms):
                continue  # 人才新政18条, 科技创新2025: part of a name
            if subj is None and _company_clause(s.compact, ms, pos):
                continue
            if subj is None and _city_clause(s.compact, ms, pos):
                continue  # 大会期间，德阳市现场签约项目56个: the city's figure
            if subj is None:
                cs = _clause_begin(s.compact, pos)
                after = [m for m in areas if m.type == "Park" and m.i >= pos and m.i < _clause_stop(s.compact, pos)]
                lead_in = s.compact[: after[0].i] if after else ""
                zb = [m for m in ms if m.type == "Zone" and after and m.j == after[0].i]
                if zb:
                    lead_in = s.compact[: zb[0].i]  # 落户益阳高新区资江未来科技城
                vend = _compact_index(s, r.end) if r.end < len(s.text) else len(s.compact)
                if after and re.search(r"(落户|入驻|进驻|落地)$", lead_in):
                    subj = mkey[id(after[0])]  # 5家企业落户光谷未来科技城
                elif after and s.compact[vend : after[0].i] == "的" and (zb or after[0].i == vend + 1):
                    subj = mkey[id(after[0])]  # 总投资42亿元的德阳高新区氢能装备产业园: the park's figure
                else:
                    # a park named as a project's owner (…聚集区项目资金) is not the subject
                    prev = [
                        m for m in areas
                        if m.j <= pos and not s.compact.startswith(("项目", "的"), m.j)
                        and not s.compact.endswith(_WHOLE_BEFORE, 0, m.i)  # 占重庆高新区…的六成: the whole, not the subject
                    ]
                    # 在…较为集中的厦门软件园，共有党组织100个: a clause 在+park sets the place
                    in_park = bool(prev) and s.compact[_clause_begin(s.compact, prev[-1].i) : prev[-1].i].startswith("在") and (
                        _clause_stop(s.compact, prev[-1].j) == prev[-1].j
                    )
                    if prev and (prev[-1].type == "Zone" or prev[-1].j > cs or in_park or "园区" in s.compact[prev[-1].j : pos]):
                        subj = mkey[id(prev[-1])]
            if subj is None:
                subj = lead_park or s.park or s.zone
            if subj is None or subj not in by_key:
                continue
            k = (subj, round(r.value, 4), r.unit)
            # the text may give no name for a figure (…新增32个): say so rather than leave it empty
            name = r.name or "未具名指标"
            own = by_key[subj]
            for nm in sorted({own.name, *own.aliases}, key=len, reverse=True):
                if name.startswith(nm) and len(name) - len(nm) >= 2:
                    name = name[len(nm) :]  # 洋口化学工业园规划面积 about 洋口化学工业园: 规划面积
                    break
            new = Indicator(subj, name, r.value, r.unit, ev(s), r.year, r.growth_pct, r.rule or "indicator", r.confidence)
            if k in seen:
                at, in_heading = seen[k]
                if (in_heading and not s.heading) or (ex.indicators[at].year is None and new.year is not None):
                    # a headline's figure restated in the body: the body says it fully (name, year, growth)
                    ex.indicators[at] = new
                    seen[k] = (at, s.heading)
                continue
            seen[k] = (len(ex.indicators), s.heading or s.start == 0)
            ex.indicators.append(new)

    # ---- people: titled persons (roles) and bylines
    def person(name: str, s: Sentence | None, e: Evidence) -> str:
        key = f"Person:{name}"
        ent = by_key.get(key)
        if ent is None:
            ent = by_key[key] = Entity(key, "Person", name)
            ex.entities.append(ent)
        ent.mentions.append(e)
        return key

    for s, ms in per_sent:
        for r in people.find_roles(s.text):
            zone = None
            if r.org:
                oa, ob = (_compact_index(s, k) for k in r.org_span)
                for m in ms:
                    if m.type == "Zone" and m.i < ob and oa < m.j:
                        zone = mkey[id(m)]
            elif s.zone:
                zone = s.zone
            pk = person(r.person, s, ev(s))
            if zone:
                by_key[pk].attrs.setdefault("zone", zone)
            by_key[pk].attrs.setdefault("role", r.title)
            ex.roles.append(Role(pk, r.title, zone, ev(s), r.rule or "role", r.confidence))
    starts = [s.start for s, _ in per_sent]
    for p in people.find_bylines(doc.text):
        k = bisect_right(starts, p.span[0]) - 1  # the last sentence starting at or before it
        if k < 0:
            continue
        s = per_sent[k][0]
        person(p.name, s, ev(s))

    # ---- regions: each zone is located in the region its place names; level and approval year
    zones_named = [{mkey[id(m)] for m in ms if m.type == "Zone"} for _s, ms in per_sent]
    for z in [e for e in ex.entities if e.type == "Zone"]:
        stem = z.key.split(":")[1]
        info = regions.region_of(regions.place_of_zone(z.name)) or regions.region_of(stem)
        # sentences naming the zone, and sentences about it through a bare reference
        # (高新区成立于1992年，…2015年被国务院批准为国家级高新技术开发区) that name no other zone
        texts = [m.sentence for m in z.mentions] + [
            s.text for (s, _ms), named in zip(per_sent, zones_named) if s.zone == z.key and named <= {z.key}
        ]
        # the level from the zone's own names (海口国家高新区), else from an approval statement
        names = [z.name, *sorted(z.aliases)]
        levels = [regions.zone_level(n) for n in names] + [regions.approval_level(t) for t in texts]
        level = "national" if "national" in levels else ("provincial" if "provincial" in levels else None)
        if level:
            z.attrs["level"] = level
        year = next((y for y in map(regions.approval_year, texts) if y), None)
        if year:
            z.attrs["approval_year"] = year
        if info is None:
            continue
        z.attrs["province"] = info.province
        if info.city:
            z.attrs["city"] = info.city
        name = info.district or info.city or info.province
        rk = f"Region:{info.adcode}"
        reg = by_key.get(rk)
        if reg is None:
            reg = by_key[rk] = Entity(rk, "Region", name, attrs={"province": info.province, "city": info.city or ""})
            ex.entities.append(reg)
        e0 = z.mentions[0]
        reg.mentions.append(e0)
        ex.facts.append(Fact(z.key, "locatedIn", rk, e0, "zone_place_gazetteer", 0.9))
        if info.province and info.province != name:
            # and in its province, so zones can be grouped by province as well as by city
            pk = f"Region:{info.adcode[:2]}0000"
            prov = by_key.get(pk)
            if prov is None:
                prov = by_key[pk] = Entity(pk, "Region", info.province, attrs={"province": info.province})
                ex.entities.append(prov)
            prov.mentions.append(e0)
            ex.facts.append(Fact(z.key, "locatedIn", pk, e0, "zone_place_gazetteer", 0.9))
