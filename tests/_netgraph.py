"""A small hand-made graph in a real store, for the network, metrics and export tests.

Built from hand-written extractions through kg.rdf (the RDF mapping), not the
extractor, so the expected answers below do not move when the extractor does.

    d1 (2019-05-01): 海口高新区 hasPark 药谷工业园; 海口高新区, 苏州工业园区 hasEnterprise 华为;
                     both focusesOn 新能源; 海口高新区 locatedIn 海南省; 苏州工业园区 locatedIn 苏州市;
                     observation about 海口高新区 in 2018; 张三 党工委书记 of 海口高新区
    d2 (2021):       海口高新区 hasEnterprise 华为 again (weight 2); 药谷工业园 hasEnterprise 海药股份;
                     苏州工业园区 implementsReform 一网通办; 海口高新区 implementsReform 一网通办
    d3 (no date):    某经开区 focusesOn 生物医药 (a second component)
"""

from __future__ import annotations

from pathlib import Path

from kg import vocab as v
from kg.model import Document, Entity, Evidence, Extraction, Fact, Indicator, Role
from kg.rdf import extraction_quads
from kg.store import writer

ENT = {
    "Z1": ("Zone", "海口高新区"),
    "Z2": ("Zone", "苏州工业园区"),
    "Z3": ("Zone", "某经开区"),
    "P1": ("Park", "药谷工业园"),
    "E1": ("Enterprise", "华为"),
    "E2": ("Enterprise", "海药股份"),
    "I1": ("Industry", "新能源"),
    "I2": ("Industry", "生物医药"),
    "R1": ("Region", "海南省"),
    "R2": ("Region", "苏州市"),
    "F1": ("Reform", "一网通办"),
    "H1": ("Person", "张三"),
}


def iri(key: str) -> str:
    t, _ = ENT[key]
    return v.entity_iri(t, key)


def _ev(doc: str, n: int = 0) -> Evidence:
    return Evidence(doc, f"句子{n}。", n * 10, n * 10 + 5)


def _ext(doc_id: str, date: str | None, keys: list[str], facts: list[tuple[str, str, str]], **extra) -> Extraction:
    doc = Document(doc_id=doc_id, text="……", sha256=doc_id * 4, title=f"文档{doc_id}", date=date)
    ents = [Entity(key=k, type=ENT[k][0], name=ENT[k][1], attrs={"level": "national"} if k == "Z1" else {}) for k in keys]
    fs = [Fact(s, p, o, _ev(doc_id, i), rule="hand") for i, (s, p, o) in enumerate(facts)]
    return Extraction(doc=doc, entities=ents, facts=fs, **extra)


def extractions() -> list[Extraction]:
    d1 = _ext(
        "d1",
        "2019-05-01",
        ["Z1", "Z2", "P1", "E1", "I1", "R1", "R2", "H1"],
        [
            ("Z1", "hasPark", "P1"),
            ("Z1", "hasEnterprise", "E1"),
            ("Z2", "hasEnterprise", "E1"),
            ("Z1", "focusesOn", "I1"),
            ("Z2", "focusesOn", "I1"),
            ("Z1", "locatedIn", "R1"),
            ("Z2", "locatedIn", "R2"),
        ],
        indicators=[Indicator("Z1", "工业总产值", 120.5, "亿元", _ev("d1", 9), year=2018)],
        roles=[Role("H1", "党工委书记", "Z1", _ev("d1", 8))],
    )
    d2 = _ext(
        "d2",
        "2021",
        ["Z1", "Z2", "P1", "E1", "E2", "F1"],
        [
            ("Z1", "hasEnterprise", "E1"),
            ("P1", "hasEnterprise", "E2"),
            ("Z2", "implementsReform", "F1"),
            ("Z1", "implementsReform", "F1"),
        ],
    )
    d3 = _ext("d3", None, ["Z3", "I2"], [("Z3", "focusesOn", "I2")])
    return [d1, d2, d3]


def build_store(root: Path) -> Path:
    with writer(root, fresh=True) as w:
        for ex in extractions():
            w.replace_graph(v.document_iri(ex.doc.doc_id), extraction_quads(ex))
    return root
