"""kg.extract.baseline: the naive jieba.posseg extractor's rules, with a fixed tagger."""

from __future__ import annotations

from kg.extract.baseline import extract_baseline, guess_type
from kg.model import Document


def fixed_tagger(tags: dict[str, list[tuple[str, str]]]):
    """A stand-in for jieba.posseg: the tags given for each sentence, nothing else."""

    def cut(sentence: str):
        return tags.get(sentence, [])

    return cut


def test_guess_type_by_ending():
    assert guess_type("远景科技", "nz") == "Enterprise"
    assert guess_type("中集集团", "nt") == "Enterprise"
    assert guess_type("光谷软件园", "nz") == "Park"
    assert guess_type("人才新政实施办法", "nz") == "Policy"
    assert guess_type("链长制改革", "nz") == "Reform"
    assert guess_type("春风行动", "nz") == "Program"
    assert guess_type("集成电路产业", "nz") == "Industry"
    assert guess_type("武汉大学", "nt") == "Organization"
    assert guess_type("湖北省", "ns") == "Region"
    assert guess_type("发展", "v") is None


def test_cooccurrence_with_a_zone_gives_relations_by_type():
    s1 = "东湖高新区引进远景科技项目，光谷软件园扩容。"
    s2 = "远景科技在武汉设立研发中心。"
    doc = Document(doc_id="t1", text=s1 + "\n" + s2)
    tags = {s1: [("远景科技", "nz"), ("光谷软件园", "nz"), ("扩容", "v")], s2: [("远景科技", "nz"), ("武汉", "ns")]}
    ex = extract_baseline(doc, tagger=fixed_tagger(tags))
    types = sorted((e.type, e.name) for e in ex.entities)
    assert types == [("Enterprise", "远景科技"), ("Park", "光谷软件园"), ("Region", "武汉"), ("Zone", "东湖高新区")]
    rels = sorted((f.subject, f.predicate, f.object) for f in ex.facts)
    # the second sentence names no zone: 武汉 gets no relation
    assert rels == [
        ("Zone:东湖高新区", "hasEnterprise", "Enterprise:远景科技"),
        ("Zone:东湖高新区", "hasPark", "Park:光谷软件园"),
    ]
    # evidence is the sentence with its offsets in the document
    f = ex.facts[0]
    assert doc.text[f.evidence.start : f.evidence.end] == s1


def test_organisations_get_no_relation():
    s = "合肥高新区与中国科学技术大学合作。"
    ex = extract_baseline(Document(doc_id="t2", text=s), tagger=fixed_tagger({s: [("中国科学技术大学", "nt")]}))
    assert [(e.type, e.name) for e in ex.entities] == [("Zone", "合肥高新区"), ("Organization", "中国科学技术大学")]
    assert ex.facts == []
