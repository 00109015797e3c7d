"""Named people with a title (党工委书记、管委会主任潘东生) and reporters' bylines, from one sentence.

Public API (pure, no store, no printing; the surname list loads once, lazily):

``find_roles(sentence) -> list[RawRole]``
    Named officials and managers: ``[organisation][title(、title)*]NAME`` such as
    "佛山高新区党工委书记、管委会主任潘东生介绍", "高新区综合办公室主任杨海玉说",
    "SMC(中国)有限公司总经理马清海", "中科院院士邴邦椿". ``org`` is the zone,
    company or body named before the title (None when the text names none, e.g.
    "综合办公室主任杨海玉" whose zone is the one the passage is about), ``title``
    the rest ("党工委书记、管委会主任"). Offsets are within the sentence.

``find_bylines(text) -> list[RawPerson]``
    Reporters, correspondents and photographers credited in a byline
    ("■ 本报记者 郭萃 通讯员 符贻萍", "► 肖阳 刘永红", "(本报记者 高轶鹏 整理)",
    a line holding only names): persons WITHOUT a role. Works on a line or a whole
    text; offsets are within what is passed.

``find_speakers(sentence) -> list[RawPerson]``
    A named person quoted without a title (…”陈宏贤说, 园区的孙占浩说：): persons
    without a role, lower confidence.

Names are a common surname (kg/data/people_surnames.txt) plus one or two
characters, and must be followed by a boundary or a speech/action verb (说, 表示,
介绍, 指出 …), which keeps verbs out of names: "主任邓卓海说" gives 邓卓海,
"书记高度重视" gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["RawRole", "RawPerson", "find_roles", "find_bylines", "find_speakers", "surnames"]

_DATA = Path(__file__).resolve().parents[1] / "data" / "people_surnames.txt"


@dataclass(frozen=True)
class RawRole:
    person: str
    title: str  # 党工委书记、管委会主任
    org: str | None  # 佛山高新区 / SMC(中国)有限公司 / None
    person_span: tuple[int, int]
    title_span: tuple[int, int]
    org_span: tuple[int, int] | None
    rule: str
    confidence: float


@dataclass(frozen=True)
class RawPerson:
    name: str
    span: tuple[int, int]
    kind: str  # "byline" (记者, 通讯员, 摄影 …) or "speaker"
    credit: str = ""  # 记者 / 通讯员 / 特约通讯员 / 摄 / "" (bare name line)
    rule: str = ""
    confidence: float = 0.8


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames) from kg/data/people_surnames.txt."""
    single, double = set(), set()
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        for w in line.split():
            (single if len(w) == 1 else double).add(w)
    return frozenset(single), frozenset(double)


# Titles a named person can hold, longest first; the title text is everything
# between the organisation and the name (党工委副书记、纪工委书记).
_TITLE_WORDS = [
    "常务副市长",
    "常务副区长",
    "常务副主任",
    "首席执行官",
    "副总经理",
    "副董事长",
    "联合创始人",
    "总工程师",
    "党工委书记",
    "总书记",
    "副书记",
    "书记",
    "副主任",
    "主任",
    "副局长",
    "局长",
    "副处长",
    "处长",
    "科长",
    "副部长",
    "部长",
    "总经理",
    "经理",
    "董事长",
    "董事",
    "副总裁",
    "总裁",
    "副院长",
    "院长",
    "所长",
    "校长",
    "副市长",
    "市长",
    "副区长",
    "区长",
    "副县长",
    "县长",
    "副省长",
    "省长",
    "副主席",
    "主席",
    "秘书长",
    "总监",
    "站长",
    "队长",
    "组长",
    "理事长",
    "副会长",
    "会长",
    "厅长",
    "副行长",
    "行长",
    "专员",
    "常委",
    "委员",
    "创始人",
    "院士",
    "教授",
    "研究员",
    "负责人",
    "合伙人",
    "CEO",
]
_TITLE_RE = re.compile("|".join(sorted(map(re.escape, _TITLE_WORDS), key=len, reverse=True)))

# What may follow a name: punctuation, the end, or a verb of saying/doing.
_AFTER_NAME = re.compile(
    r"$|[\s，,。；;：:、！？!?（(）)“”\"'》…—]|表示|介绍|指出|认为|强调|告诉|透露|坦言|谈到|说|称|讲|在|等|一行|带队|带领|率|陪同|同志|先生|女士"
    r"|主持|出席|参加|参观|调研|考察|讲话|致辞|宣布|提出|回忆|向|对|和|与|及|的|也|则|就|将|还|会|是|要|为|到|来|了|并|又|已|曾|正|亲自|作为"
    r"|代表|签|接受|听取|看望|走访|会见|一同|分别|现场|详细|深有|感慨|笑|兴奋|自豪"
)
# A third character that starts a verb is not part of the name (邓卓海说 vs 王伟说).
_VERB_START = set("说称讲在等和与及的也则就将还会是要为到来了并又已曾正率向对")
_VERB_BIGRAM = re.compile(
    r"表示|介绍|指出|认为|强调|告诉|透露|坦言|谈到|带队|带领|陪同|主持|出席|参加|调研|考察|讲话|致辞|宣布|提出|回忆|代表|亲自|作为"
)
_NOT_NAME = {
    "负责",
    "相关",
    "有关",
    "主要",
    "分管",
    "全体",
    "各位",
    "高度",
    "高效",
    "高质",
    "马上",
    "周到",
    "方面",
    "于是",
    "金融",
    "石油",
    "黄金",
    "江山",
    "龙头",
    "常务",
    "万元",
    "林业",
    "田间",
    "程序",
    "关于",
    "关键",
    "文化",
    "安全",
    "方案",
    "白天",
    "华为",
    "成为",
    "时间",
    "单位",
    "阳光",
    "康养",
    "温度",
    "包括",
    "甘肃",
    "宁夏",
    "连续",
    "孙子",
    "史上",
    "任务",
    "任职",
    "严格",
    "武汉",
    "于今",
    "高新",
    "管委",
    "党工",
    "司法",
    "易于",
    "乐于",
    "齐全",
    "申请",
    "应当",
    "应该",
    "查看",
    "解决",
    "邢台",
    "邵阳",
    "许多",
    "曾经",
    "余下",
}

_CLAUSE_BOUND = '，,。；;：:！？!?“”"\n'
_ORG_END = re.compile(
    r"(?:国家高新技术产业开发区|高新技术产业开发区|经济技术开发区|国家高新区|高新区|经开区|开发区|新区|产业园区|产业园|工业园区|工业园|软件园|科技园|园区"
    r"|股份有限公司|有限责任公司|有限公司|分公司|公司|集团|银行|大学|学院|研究院|科学院|中科院|工程院|医院|政府|人大|政协|市委|省委|区委|县委"
    r"|联合党委|党委|研究所|中心|协会|商会)"
)
# bare references: the zone or company the passage is about, which the caller knows
_BARE_ORGS = {"高新区", "经开区", "开发区", "管委会", "该公司", "本公司", "该园区", "全园区", "该高新区"}
_LEAD_NOISE = re.compile(r"^.*(?:据|经|由|在|对|向|和|与|及|是|有|的|被|请|邀请|会见|陪同|同|跟|称|说|讯|看望|记者从)")


def _name_at(s: str, i: int) -> tuple[str, int] | None:
    """A person name starting at s[i]: (name, end) or None."""
    single, double = surnames()
    for sl in (2, 1):
        sur = s[i : i + sl]
        if len(sur) < sl or (sl == 2 and sur not in double) or (sl == 1 and sur not in single):
            continue
        for gl in (2, 1):
            end = i + sl + gl
            if end > len(s):
                continue
            name = s[i:end]
            if not all("\u4e00" <= c <= "\u9fff" for c in name):
                continue
            if name[:2] in _NOT_NAME:
                continue
            if gl == 2 and (name[-1] in _VERB_START or _VERB_BIGRAM.match(s, end - 1)):
                continue  # 王伟说 -> 王伟; 李明表示 -> 李明
            if _AFTER_NAME.match(s, end):
                return name, end
    return None


def _clause_start(s: str, pos: int) -> int:
    i = pos
    while i > 0 and s[i - 1] not in _CLAUSE_BOUND:
        i -= 1
    return i


def find_roles(sentence: str) -> list[RawRole]:
    """Named people with a title in one sentence, in text order (see the module docstring)."""
    s = sentence
    out: list[RawRole] = []
    taken_until = 0
    for m in _TITLE_RE.finditer(s):
        if m.start() < taken_until:
            continue
        j = m.end()
        while j < len(s) and s[j] in " \u3000":
            j += 1
        # a longer title may continue (书记 -> 书记、管委会主任): the name follows the last one
        named = _name_at(s, j)
        if named is None:
            continue
        name, end = named
        cs = _clause_start(s, m.start())
        head = s[cs : m.start()]
        last = None
        for om in _ORG_END.finditer(head):
            last = om
        org_span = None
        org_end = cs
        if last is not None:
            # the organisation's name starts after the last function word before its suffix
            lead = _LEAD_NOISE.match(head[: last.start()])
            ostart = cs + (lead.end() if lead else 0)
            org_end = cs + last.end()
            if org_end - ostart >= 3 and s[ostart:org_end] not in _BARE_ORGS:
                org_span = (ostart, org_end)
            # a bare 公司 / 园区 / 高新区 names no organisation: leave it out of the title too
        title_start = org_end
        # a title chain reaches back over 、 and title words only; more than ~24 chars is not a title
        if m.end() - title_start > 24:
            title_start = max(title_start, m.start() - 8)
            org_span = None
        title_start = max(title_start, taken_until)
        title = s[title_start : m.end()].strip("、 的")
        title_start = m.end() - len(title)
        if not title:
            continue
        org = s[org_span[0] : org_span[1]] if org_span else None
        conf = 0.9 if org else 0.8
        if m.group(0) in ("负责人", "委员", "教授", "研究员", "合伙人"):
            conf -= 0.1
        out.append(
            RawRole(
                person=name,
                title=title,
                org=org,
                person_span=(j, end),
                title_span=(title_start, m.end()),
                org_span=org_span,
                rule="org-title-name" if org else "title-name",
                confidence=round(conf, 2),
            )
        )
        taken_until = end
    return out


_CREDIT = (
    r"(?:本报|本刊|本台|新华社|特约|见习|实习)*(?:记者|通讯员|特约通讯员|摄影|摄|编辑|责任编辑|实习生|撰稿|整理|供图|文/图|文|图)"
)
_BYLINE_RE = re.compile(
    r"(?P<credit>" + _CREDIT + r")[\s:：/]*(?P<names>(?:(?!" + _CREDIT + r")[\u4e00-\u9fff]{2,4}[\s\u3000、]*){1,4})"
)
_NAME_LINE = re.compile(r"^[\s►▶■●◆▲★·]*(?:[\u4e00-\u9fff]{2,4}(?:[\s\u3000]+|$)){1,4}$")


def _valid_name_token(tok: str) -> bool:
    if not 2 <= len(tok) <= 4:
        return False
    single, double = surnames()
    if tok[:2] in double:
        return len(tok) in (3, 4)
    return tok[0] in single and len(tok) <= 3 and tok[:2] not in _NOT_NAME


def find_bylines(text: str) -> list[RawPerson]:
    """Persons credited in bylines (记者 / 通讯员 / 摄影 …) or on a line holding only names."""
    out: list[RawPerson] = []
    seen: set[tuple[int, int]] = set()
    for m in _BYLINE_RE.finditer(text):
        credit = m.group("credit")
        start = m.start("names")
        for tm in re.finditer(r"[\u4e00-\u9fff]+", m.group("names")):
            tok = tm.group(0)
            # "高轶鹏 整理": the trailing credit word is not part of the name
            tok2 = re.sub(r"(整理|摄影|摄|报道|供图)$", "", tok)
            if not _valid_name_token(tok2):
                break
            span = (start + tm.start(), start + tm.start() + len(tok2))
            if span not in seen:
                seen.add(span)
                out.append(RawPerson(tok2, span, "byline", credit, "credit-name", 0.9))
            if tok2 != tok:
                break
    pos = 0
    for line in text.split("\n"):
        if (
            _NAME_LINE.match(line)
            and re.search(r"[►▶■●◆]", line)
            or (
                _NAME_LINE.match(line)
                and len(line.split()) >= 1
                and all(_valid_name_token(t) for t in line.strip(" ►▶■●◆▲★·").split())
            )
        ):
            toks = list(re.finditer(r"[\u4e00-\u9fff]+", line))
            if toks and all(_valid_name_token(t.group(0)) for t in toks):
                for t in toks:
                    span = (pos + t.start(), pos + t.end())
                    if span not in seen:
                        seen.add(span)
                        marked = bool(re.search(r"[►▶■●◆]", line))
                        out.append(RawPerson(t.group(0), span, "byline", "", "name-line", 0.8 if marked else 0.6))
        pos += len(line) + 1
    out.sort(key=lambda p: p.span)
    return out


_SPEAKER_RE = re.compile(
    r"(?:^|(?<=[”。，,；;的」\s]))(?P<name>[\u4e00-\u9fff]{2,4}?)(?=(?:说|表示|介绍|坦言|告诉记者)[:：，,。])"
)


def find_speakers(sentence: str) -> list[RawPerson]:
    """People quoted by name without a title (…”陈宏贤说, 园区的孙占浩说：)."""
    out = []
    titled = {r.person_span for r in find_roles(sentence)}
    for m in _SPEAKER_RE.finditer(sentence):
        named = _name_at(sentence, m.start("name"))
        if named and named[1] == m.end("name") and (m.start("name"), named[1]) not in titled:
            out.append(RawPerson(named[0], (m.start("name"), named[1]), "speaker", "", "name-says", 0.6))
    return out
