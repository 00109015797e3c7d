"""Vocabularies and the jieba tokenizer, loaded once per process on first use.

Everything here is general knowledge about how Chinese names are built: place
names (from cpca's table of administrative divisions), a sector vocabulary,
company short names, verbs and function words that end a name on its left.
Nothing is taken from a particular document.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import threading
from functools import lru_cache
from pathlib import Path

from kg.extract.segment import cut_block

DATA = Path(__file__).resolve().parent.parent / "data"
_lock = threading.Lock()
_jieba = None

# Words that end a name when walking left from a name suffix (verbs, prepositions,
# conjunctions, adverbs, measure phrases). A name never starts with one of these.
STOP_WORDS = set(
    """
在 于 和 与 及 以及 或 并 并且 同 跟 向 对 为 以 将 把 被 由 从 自 到 至 经 让 使 给 等 的 地 得 了 着 过 是 有 也 还 又 再 就 都 均 已 已经 正 正在 将要 曾 共 全 该 本 其 此 这 那 各 每 某 所 即 如 如何 比如 例如 其中 包括 包含 涵盖 含 像 还有 尤其 特别 特别是
引进 引入 引导 签约 签署 签订 落户 落地 入驻 入园 进驻 建成 新建 在建 续建 扩建 开工 竣工 投产 推进 推动 加快 加速 完善 健全 深化 深入 实施 实行 推行 开展 举办 承办 主办 组织 参加 参与 出台 制定 制订 印发 发布 编制 编写 修订 落实 贯彻 执行 启动 打造 培育 发展 壮大 做强 做大 聚焦 围绕 瞄准 瞄向 依托 利用 运用 借助 通过 支持 鼓励 帮助 协助 指导 保障 提升 提高 优化 强化 加强 加大 扩大 构建 建立 成立 组建 设立 创建 探索 总结 形成 实现 完成 取得 获得 获批 认定 入选 评为 成为 作为 位于 坐落 拥有 具有 对接 洽谈 合作 联合 协同 携手 共建 助推 助力 促进 促成 带动 吸引 集聚 聚集 汇聚 招引 新增 累计 预计 计划 力争 确保 争取 继续 持续 积极 全面 大力 着力 努力 不断 进一步 坚持 持续 拓展 规划 谋划 布局 建 设 立 招 引 抓 推 抓好 抓实 做好 用好 开设 开辟 参观 调研 考察 走进 走访 来到 看到 了解 前往 赴 去 近日 日前 目前 今年 去年 明年 近年来 同时 此外 另外 其次 首先 最后 随后 然后 因此 所以 但 但是 而 而且 不仅 不但 一是 二是 三是 四是 五是 六是 一批 一系列 系列 多个 多家 一家 一个 首个 首家 第一 几 个 家 户 项 名 批 位 亿元 万元 标准 重点 主要 相关 有关 先后 陆续 相继 已投产 已签约 签约 达成 意向 修建 连接 启用 运营 开园 揭牌 挂牌 奠基 举行 召开 透露 显示 表示 介绍 说 称 认为 指出 强调 要求 提出 明确 对照 按照 根据 依据 针对 结合 面向 用 向着 朝 在于 园区 园区企业 该区 全区 我区 高新区 经开区 全国 全省 全市 省 市 区 县 其中 力促 夯实 涉足 兑现 分析 发动 记录 调配 途径 链接 一流 充分 选优 配强 号召 收到 撤销 清理 迈出 掌握 希望 参照 纳入 凝聚 超出 指导 以及 包括 共有 拥有
""".split()
)

STOP_WORDS |= set(
    """
紧盯 盯紧 得益于 受益于 紧紧围绕 紧扣 围绕着 获评 荣获 被评为 获评为 主攻 主打 合作伙伴 伙伴 单位 托管单位 配套 加速器 孵化器 参照 借鉴 对标 省委 省政府 市委 市政府 区委 区政府 县委 县政府 管委会 党工委 现有 理顺 承办好 办好 编印 借助 区内 园内 园区内 辖区内 区外 县内 市内 省内 境内 域内 区域内 牵头 分管 负责 主抓 已为 均为 也为 将为 并为 现为 已与 已在 已于 已向 并与 均与 争创 创建 申报 争取 即以 并以 均以 亦即 现辖 下辖 辖有 所辖 投向 投资于 旗下 下属 控股的 委托 另有
挂钩 绘制 梳理 锚定 补齐 深耕 抢抓 抢占 聚力 发力 加码 嵌入
""".split()
)

# Single characters that never start a name and end a left walk.
STOP_CHARS = set("在于和与及或并对为以将把被由从自到至的了着过是也又就都均已该本其此这那各每所即如等暨内走好来占另")

PUNCT = set("，。、；：！？,.;:!?（）()【】[]《》“”\"'‘’「」『』—…　 \t\n|/\\-+*■►▶●◆◇○")

CN_NUM = "一二三四五六七八九十两百千万零〇"


def _load_list(name: str) -> list[str]:
    path = DATA / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


_PLACE_SUFFIX = re.compile(
    r"(?:(?:[\u4e00-\u9fff]{1,5}?族)+)?(?:自治区|自治州|自治县|自治旗|特别行政区|省|市|县|区|旗|盟|地区|林区|新区)$"
)


@lru_cache(maxsize=1)
def _divisions() -> tuple[tuple[str, str], ...]:
    """(name, adcode) of every administrative division in cpca's table (read without importing cpca)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return ()
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    if not path.exists():
        return ()
    with path.open(encoding="utf-8") as f:
        return tuple((row["name"].strip(), row["adcode"]) for row in csv.DictReader(f) if row["name"].strip())


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Chinese place names, full and short (海口市 and 海口, 楚雄彝族自治州 and 楚雄)."""
    names: set[str] = set()
    for full, _ in _divisions():
        names.add(full)
        short = _PLACE_SUFFIX.sub("", full)
        if len(short) >= 2:
            names.add(short)
    names |= {"中国", "全国", "北京", "上海", "天津", "重庆", "香港", "澳门", "台湾", "亦庄", "兵团"}
    names |= {"新疆", "广西", "宁夏", "内蒙古", "西藏"}  # (autonomous regions' short names: 新疆维吾尔自治区 → 新疆)
    # Generic words that happen to be (parts of) place names but mostly are not.
    names -= {"新区", "城区", "开发区", "高新区", "郊区", "矿区", "市区", "中区", "东区", "西区", "南区", "北区", "新城", "新市"}
    return frozenset(names)


@lru_cache(maxsize=1)
def provinces() -> frozenset[str]:
    """Province-level names, full and short (海南省, 海南)."""
    out: set[str] = set()
    for full, adcode in _divisions():
        if adcode.endswith("0000000000"):
            out.add(full)
            short = _PLACE_SUFFIX.sub("", full)
            if len(short) >= 2:
                out.add(short)
    return frozenset(out)


@lru_cache(maxsize=1)
def place_prefix_index() -> dict[str, int]:
    """First character -> longest place name starting with it (for quick lookups)."""
    idx: dict[str, int] = {}
    for p in places():
        idx[p[0]] = max(idx.get(p[0], 0), len(p))
    return idx


def place_at(s: str, i: int) -> str | None:
    """The longest place name starting at s[i], or None."""
    n = place_prefix_index().get(s[i]) if i < len(s) else None
    if not n:
        return None
    ps = places()
    for k in range(min(n, len(s) - i), 1, -1):
        if s[i : i + k] in ps:
            return s[i : i + k]
    return None


@lru_cache(maxsize=1)
def industries() -> tuple[str, ...]:
    """Sector vocabulary, longest first."""
    return tuple(sorted(set(_load_list("industries.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def industry_set() -> frozenset[str]:
    return frozenset(industries())


@lru_cache(maxsize=1)
def industry_regex() -> re.Pattern:
    return words_regex(industries())


@lru_cache(maxsize=1)
def known_enterprises() -> frozenset[str]:
    return frozenset(_load_list("enterprises.txt"))


@lru_cache(maxsize=1)
def known_enterprise_regex() -> re.Pattern:
    return words_regex(known_enterprises())


def words_regex(words) -> re.Pattern:
    """A pattern for any of the words, the longest where several start at one place: the
    matches of "|".join(sorted(words, key=len, reverse=True)), found faster.

    The words are laid out as a trie (产业|产业园 -> 产业(?:园)?), so at each position the
    engine follows one branch per character instead of trying every word in turn."""
    trie: dict = {}
    for w in words:
        if w:
            node = trie
            for c in w:
                node = node.setdefault(c, {})
            node[""] = {}
    return re.compile(_trie_source(trie) or "(?!)")


def _trie_source(node: dict) -> str:
    ends_here = "" in node
    # longer words first (their branches), then the single characters that end a word;
    # each branch starts with a different character, so at most one of them can match
    branches = [re.escape(c) + _trie_source(kid) for c, kid in sorted(node.items()) if c and set(kid) != {""}]
    last = [re.escape(c) for c, kid in sorted(node.items()) if c and set(kid) == {""}]
    if last:
        branches.append(last[0] if len(last) == 1 else "[" + "".join(last) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends_here else "(?:" + "|".join(branches) + ")"
    return body + "?" if ends_here else body


@lru_cache(maxsize=1)
def known_reforms() -> frozenset[str]:
    """Reform names known nationwide (kg/data/reforms.txt): a quoted one is a Reform with no head word after it."""
    return frozenset(_load_list("reforms.txt"))


@lru_cache(maxsize=1)
def known_zones() -> dict[str, tuple[str, str]]:
    out = {}
    for line in _load_list("zones.txt"):
        parts = line.split("\t")
        if len(parts) == 3:
            out[parts[0]] = (parts[1], parts[2])
    return out


def tokenizer():
    """jieba, initialised once per process with the sector words and name suffixes as a user dictionary."""
    global _jieba
    if _jieba is not None:
        return _jieba
    with _lock:
        if _jieba is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            tk.initialize()
            for w in industries():
                tk.add_word(w, 2000)
            for w in (
                "可降解", "开发建设", "园区企业", "高新区", "经开区", "产业园", "工业园", "软件园", "科技城", "片区", "集聚区", "工业区",
                "有限公司", "集团", "药业", "制药", "实施意见", "实施方案", "若干政策",
                "平板显示", "新型显示", "柔性显示",  # (显示 alone is a verb: it would end a sector's name)
                "亩均",  # (亩 is a measure word, 均 an adverb: 亩均效益评价改革 is one name)
            ):
                tk.add_word(w, 5000)
            for w in STOP_WORDS:
                if len(w) > 1:
                    tk.add_word(w, 3000)
            _jieba = tk
    return _jieba


_SEP = "\x00"  # joins a fragment's tokens in the memo; a fragment holding it is cut unmemoised
CUT_MEMO = 65_536  # fragments remembered: ~25 MB when full, reached after ~8,000 documents


def cut(text: str) -> list[str]:
    """jieba tokens of a short fragment. Memoised: the name finders segment the same
    left-context windows again and again, within a document and across documents."""
    if not text:
        return []
    if _SEP in text:
        return list(tokenizer().cut(text, HMM=True))
    return _cut(text).split(_SEP)


@lru_cache(maxsize=CUT_MEMO)
def _cut(text: str) -> str:
    """The tokens joined by _SEP: one string per entry takes a third of the memory of a tuple of strings,
    so a bounded memo fills early and a worker's memory levels off within the first few thousand documents."""
    return _SEP.join(cut_block(text, tokenizer()))


# Part-of-speech tags (from jieba's dictionary) of words that never start or sit inside a name:
# verbs, prepositions, conjunctions, adverbs, pronouns, particles, idioms.
_STOP_TAGS = {"v", "vd", "p", "c", "r", "u", "ud", "uj", "ul", "uv", "uz", "ug", "y", "e", "o", "f", "ad"}
# Verbs that do occur inside names (创新创业服务园区, 龙源开发建设公司, 孵化园).
NAME_VERBS = {"受理", "办理", "代办", "帮办", "联办", "通办", "北方", "南方", "东方", "西部", "东部", "中部", "应用", "自主", "导航", "智造", "中试", "转化", "休闲", "执法", "积分", "投资", "高新", "创制", "织造", "创新", "创业", "开发", "孵化", "研发", "示范", "引领", "加速", "检测", "认证", "先行", "先试", "推广", "制造", "共享", "招商", "融合", "监管", "审批", "办", "联动", "亩均"}


_ADVERBS = {"积极", "认真", "大力", "全面", "不断", "努力", "加快", "持续", "深入", "切实", "扎实", "着力", "主动", "共同", "进一步", "全力", "稳步", "有序", "正式"}
_TIME = re.compile(r"^(\d+|[今去明本上下当前每同])[\d一二三四五六七八九十半]*(季度|年度|年|月|日|周)$|^[一二三四]季度$")  # (上半年)
NAME_WORDS_KEEP = {"开发建设", "实施方案", "实施意见", "实施细则", "实施办法", "发展规划"}


@lru_cache(maxsize=1)
def pos_tags() -> dict[str, tuple[str, int]]:
    """Word -> (part-of-speech tag, frequency), from jieba's main dictionary (no tagging at run time)."""
    import jieba

    tags: dict[str, tuple[str, int]] = {}
    path = Path(jieba.__file__).parent / "dict.txt"
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = (parts[2], int(parts[1]))
    return tags


def pos(t: str) -> str | None:
    v = pos_tags().get(t)
    return v[0] if v else None


_MEASURE_END = set("一二三四五六七八九十百千万亿零两个余多几半次年月日号层批家项条名位倍成期届")

# words jieba tags as numerals or measures because they start with 零/万/千 (航空零部件园 is a park name)
_NOT_NUMERALS = frozenset("零部件 零配件 零件 零售 零碳 零工 万家 千家 千里".split())  # (千里山工业园)


# Place names that are also everyday words (合作市, 解放区, 前进区 …): as tokens they are the words.
_EVERYDAY_PLACES = frozenset("合作 比如 解放 前进 友好 平安 安定 延长 万年 大名 富裕 复兴 宏伟 平定 振兴 三元 平和 二七 丰满 二道 无为 安居 永新 保康 长安 新华 和平 民主 胜利 团结".split())


def is_stop_token(t: str, digits: bool = False) -> bool:
    """True when the token ends a name on its left (a verb, preposition, adverb …)."""
    if t in STOP_WORDS or (len(t) == 1 and t in STOP_CHARS):
        return True
    if len(t) > 2 and t[-2:] in STOP_WORDS and t[:-2] in _ADVERBS:
        return True  # 积极开展, 认真落实
    if _TIME.match(t):
        return True
    if t in NAME_VERBS or t in industry_set():
        return False
    if len(t) >= 2 and t in places() and t not in _EVERYDAY_PLACES:
        return False  # 大连 (jieba: an adverb), 开封, 遵义 (verbs) …: a place is part of a name
    v = pos_tags().get(t)
    if v is None:
        return False
    tag, freq = v
    if tag in ("m", "q", "mq"):
        if tag == "m" and len(t) >= 2 and not any(c.isdigit() for c in t) and t[-1] not in _MEASURE_END:
            return False  # 八角 in 八角湾 / 八角化工产业园: a place's name, not a number
        return not digits and t not in _NOT_NUMERALS
    if len(t) == 1:
        return False  # single characters inside unknown names (保乐力加, 可喜安): only STOP_CHARS end a name
    if tag in ("d", "v"):
        return freq >= 300
    if tag in ("ad", "vd") and freq < 50:
        return False  # 普利 (ad, 5) in 海南普利制药: a rare reading of a name's word
    return tag in _STOP_TAGS
