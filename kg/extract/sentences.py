"""Sentences with their document offsets, and the subject (zone/park) in effect.

News text converted from print often breaks lines inside a sentence or even
inside a word ("……第一批成\\n\\n立"). A line is joined to the next non-empty
line when it is long and does not end a sentence; short lines without final
punctuation are headings. Each sentence keeps a compact copy (whitespace
removed) for matching and a map from compact positions back to document
offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_END = "。！？!?；;"
_LINE_END = _END + "：:”」）)"
_HEAD_MAX = 40
_SECTION_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+[章节部分])")
_JOIN_MIN = 24
_BULLET_ITEM = re.compile(r"[●•■◆▪▶►◇○★☆][^：:]{0,12}[：:]|[●•■◆▪▶►◇○★☆].*\d")  # ● 规划面积：56平方公里: an item, not a title
_PARA_OPEN = re.compile(
    r"(?:(?:19|20)\d\d年[^，。；]{0,8}|近年来|今年以来|日前|近日|本报讯|据悉|[一二三四五六七八九十]+是)[，,：:（(]"
    r"|[●•■◆▪▶►◇○★☆【]|\d{1,2}[.、．]\D"  # a bullet or a numbered item opens a line of its own
)
_TITLE_END = re.compile(r"(?:工作总结|工作思路|工作计划|工作要点|工作报告|运行情况|综述|观察|巡礼|纪实|简介|概况|(?:考核|考评|评价|评估)结果|排名|名单|回眸|盘点|成绩单)$")


@dataclass
class Sentence:
    """One sentence of a document.

    `start`/`end` are offsets in `Document.text`; `text` is that slice. `compact`
    is the text with whitespace removed and `offs[i]` the document offset of
    `compact[i]`. `zone`/`park` are the keys of the zone and park the sentence is
    about (set by the pipeline; None when unknown). `heading` marks a title line.
    """

    index: int
    start: int
    end: int
    text: str
    compact: str
    offs: list[int] = field(repr=False)
    heading: bool = False
    zone: str | None = None
    park: str | None = None

    def doc_span(self, i: int, j: int) -> tuple[int, int]:
        """Document offsets of compact[i:j]."""
        return self.offs[i], self.offs[j - 1] + 1


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_heading) of paragraphs, joining lines broken inside a sentence."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s:
            a = pos + line.index(s[0])
            lines.append((a, a + len(s), s))
        pos += len(line) + 1
    blocks = []
    i = 0
    while i < len(lines):
        a, b, s = lines[i]
        single = True
        while (
            i + 1 < len(lines) and len(s) >= _JOIN_MIN and s[-1] not in _LINE_END and "|" not in s
            and not _SECTION_NUMBER.match(lines[i + 1][2])  # a long title, then “一、2023年工作总结”
            and not _TITLE_END.search(s)  # …铁山工业园2023年工作总结及2024年工作思路: a long title
            and not _PARA_OPEN.match(lines[i + 1][2])  # …动能澎湃 / 2023年，长沙高新区…: a new paragraph opens
        ):
            i += 1
            b = lines[i][1]
            s = lines[i][2]
            single = False
        heading = single and len(s) <= _HEAD_MAX and s[-1] not in _END and not _BULLET_ITEM.match(s)
        blocks.append((a, b, heading))
        i += 1
    return blocks


_SPLIT = re.compile(r"[^。！？!?；;]*[。！？!?；;]+[”’」』]?|[^。！？!?；;]+$")
# Real sentences are far shorter; a longer run without a full stop (a table dump, a
# page without punctuation) is cut at its last comma before this length, else hard, so
# per-sentence work (overlap resolution is quadratic in mentions) stays bounded.
MAX_SENTENCE = 600


def _pieces(start: int, end: int, text: str) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE:
        cut = max(text.rfind(c, start + MAX_SENTENCE // 2, start + MAX_SENTENCE) for c in "，,、 ")
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for a, b, heading in _blocks(text):
        block = text[a:b]
        spans = []
        for m in _SPLIT.finditer(block):
            spans += _pieces(a + m.start(), a + m.end(), text)
        for m0, m1 in spans:
            seg = text[m0:m1]
            if not seg.strip():
                continue
            lead = len(seg) - len(seg.lstrip())
            s0 = m0 + lead
            s1 = m1 - (len(seg) - len(seg.rstrip()))
            raw = text[s0:s1]
            compact, offs = _compact(raw, s0)
            if not compact:
                continue
            out.append(Sentence(len(out), s0, s1, raw, compact, offs, heading))
    return out


_RUN = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_CELL_GAP = re.compile(r"[\t\u3000]| {2,}")


def _compact(raw: str, s0: int) -> tuple[str, list[int]]:
    """`raw` without whitespace, and the document offset of each kept character (raw starts at s0)."""
    if not _SPACE.search(raw):
        return raw, list(range(s0, s0 + len(raw)))
    runs = [(m.start(), m.end()) for m in _RUN.finditer(raw)]
    offs: list[int] = []
    parts: list[str] = []
    prev = None
    for a, b in runs:
        if prev is not None and _CELL_GAP.search(raw, prev, a):
            # 钠离子电池项目<TAB>浙江钠源…有限公司: a table's cell boundary (a tab, a full-width space, a run
            # of spaces) stays a boundary, as a mark; a line break inside a sentence does not
            parts.append("|")
            offs.append(s0 + prev)
        parts.append(raw[a:b])
        offs.extend(range(s0 + a, s0 + b))
        prev = b
    return "".join(parts), offs
