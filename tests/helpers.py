"""Hand-made extractions for store/RDF/CLI tests that must not depend on the extractor."""

from __future__ import annotations

from kg.model import Document, Entity, Evidence, Extraction, Fact, Indicator


def make_extraction(doc_id: str = "d1", park: str = "美安科技新城", value: float = 70.0, sha: str = "0" * 64) -> Extraction:
    """One zone with one park, one enterprise and one indicator, as an extractor would emit them."""
    text = f"海口国家高新区下辖{park}。固定资产投资完成{value:g}亿元。"
    doc = Document(doc_id=doc_id, text=text, path=f"/tmp/{doc_id}.txt", sha256=sha, title=text[:10], date="2021-12-22")
    ev1 = Evidence(doc_id, f"海口国家高新区下辖{park}。", 0, 9 + len(park))
    ev2 = Evidence(doc_id, f"固定资产投资完成{value:g}亿元。", ev1.end, len(text))
    zone = Entity("Zone:海口:高新区", "Zone", "海口高新区", {"海口国家高新区"}, [ev1], {"level": "national"})
    p = Entity(f"Park:{park}", "Park", park, set(), [ev1])
    ent = Entity("Enterprise:先声药业", "Enterprise", "先声药业", set(), [ev1])
    facts = [
        Fact(zone.key, "hasPark", p.key, ev1, "test-rule", 0.9),
        Fact(zone.key, "hasEnterprise", ent.key, ev1, "test-rule", 0.6),
    ]
    ind = [Indicator(zone.key, "固定资产投资", value, "亿元", ev2, 2021, 29.0, "test-ind", 0.8)]
    return Extraction(doc, [zone, p, ent], facts, ind)
