"""The naive extractor a newcomer would write with jieba.posseg, to score side by side with ours.

Public API:

``extract_baseline(doc: Document, *, tagger=None) -> Extraction``
    Splits the text into sentences at 。！？； and line breaks, tags words with
    jieba.posseg (or ``tagger``: any callable sentence -> [(word, flag)], for tests),
    and:

    - zone names: a trivial regex, 2–6 characters before 高新区 / 经开区 /
      高新技术产业开发区 / 经济技术开发区;
    - nt / nz words -> a type guessed from the word's ending (公司, 集团, 药业 ->
      Enterprise; 园, 园区 -> Park; 方案, 意见 -> Policy; 改革, 机制 -> Reform;
      活动, 行动 -> Program; 产业 -> Industry; else Organization); ns -> Region;
    - every such word in a sentence that names a zone becomes a relation of that
      zone, its predicate guessed from the type (Enterprise -> hasEnterprise,
      Park -> hasPark, Policy -> adoptsPolicy, Reform -> implementsReform,
      Program -> runsProgram, Industry -> focusesOn, Region -> locatedIn).

It is deliberately untuned: no lexicon, no resolution beyond exact names, no
look at the gold. Keys are ``<Type>:<name as written>``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from kg.model import Entity, Evidence, Extraction, Fact

__all__ = ["extract_baseline", "guess_type", "PREDICATE_OF"]

_SENT = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_ZONE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:高新技术产业开发区|经济技术开发区|高新区|经开区)")

PREDICATE_OF = {
    "Enterprise": "hasEnterprise",
    "Park": "hasPark",
    "Policy": "adoptsPolicy",
    "Reform": "implementsReform",
    "Program": "runsProgram",
    "Industry": "focusesOn",
    "Region": "locatedIn",
}

_ENDINGS = (
    (("公司", "集团", "股份", "药业", "科技", "制药", "电子", "电气", "银行"), "Enterprise"),
    (("园区", "园", "新城", "片区", "小镇"), "Park"),
    (("方案", "意见", "办法", "条例", "规划", "政策", "通知"), "Policy"),
    (("改革", "机制", "制度", "模式"), "Reform"),
    (("活动", "行动", "工程", "计划", "大赛"), "Program"),
    (("产业", "业"), "Industry"),
)


def guess_type(word: str, flag: str) -> str | None:
    """The entity type a naive reading gives a tagged word (None: not an entity)."""
    if flag == "ns":
        return "Region"
    if flag not in ("nt", "nz"):
        return None
    for ends, t in _ENDINGS:
        if word.endswith(ends):
            return t
    return "Organization"


@lru_cache(maxsize=1)
def _jieba_cut() -> Callable[[str], Iterable[tuple[str, str]]]:
    import jieba  # noqa: PLC0415  (lazy: loading the dictionary takes about a second)
    import jieba.posseg as pseg  # noqa: PLC0415

    jieba.setLogLevel(logging.WARNING)
    return lambda s: ((p.word, p.flag) for p in pseg.cut(s))


def extract_baseline(doc, *, tagger: Callable[[str], Iterable[tuple[str, str]]] | None = None) -> Extraction:
    """A naive extraction of one document (see the module docstring)."""
    cut = tagger or _jieba_cut()
    ex = Extraction(doc=doc)
    ents: dict[str, Entity] = {}
    facts: set[tuple[str, str, str]] = set()

    def entity(type_: str, name: str, ev: Evidence) -> str:
        key = f"{type_}:{name}"
        e = ents.get(key)
        if e is None:
            e = ents[key] = Entity(key=key, type=type_, name=name)
        e.mentions.append(ev)
        return key

    for m in _SENT.finditer(doc.text):
        sent = m.group(0)
        if not sent.strip():
            continue
        ev = Evidence(doc.doc_id, sent, m.start(), m.end())
        zones = [entity("Zone", z.group(0), ev) for z in _ZONE.finditer(sent)]
        others = []
        for word, flag in cut(sent):
            t = guess_type(word, flag)
            if t is not None and len(word) >= 2:
                others.append((t, entity(t, word, ev)))
        for z in zones:
            for t, k in others:
                p = PREDICATE_OF.get(t)
                if p and (z, p, k) not in facts:
                    facts.add((z, p, k))
                    ex.facts.append(Fact(z, p, k, ev, rule="baseline-cooccurrence", confidence=0.5))
    ex.entities = list(ents.values())
    return ex
