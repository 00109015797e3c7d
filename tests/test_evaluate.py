"""The scorer implements shared/gold/README.md: checked on a small gold set worked out by hand."""

import json

import pytest

from kg.evaluate import PEntity, PIndicator, Prediction, load_gold, norm, score


@pytest.fixture
def gold(tmp_path):
    a = {
        "doc": "a.txt",
        "entities": [
            {"type": "Zone", "name": "海口高新区", "aliases": ["海口国家高新区"]},
            {"type": "Park", "name": "美安生态科技新城", "aliases": ["美安科技新城"]},
            {"type": "Enterprise", "name": "先声药业"},
            {"type": "Reform", "name": "极简审批", "aliases": ["极简审批改革"]},
            {"type": "Reform", "name": "四个对标", "alt_types": ["Program"], "optional": True},
            {"type": "Industry", "name": "生物医药"},
            {"type": "Organization", "name": "省技师学院"},
        ],
        "relations": [
            {"s": "海口高新区", "p": "hasPark", "o": "美安生态科技新城"},
            {"s": "海口高新区", "p": "hasEnterprise", "o": "先声药业"},
            {"s": "海口高新区", "p": "implementsReform", "o": "极简审批"},
            {"s": "海口高新区", "p": "implementsReform", "o": "四个对标"},
            {"s": "海口高新区", "p": "focusesOn", "o": "生物医药"},
        ],
        "indicators": [
            {"s": "海口高新区", "name": "税收", "value": 53, "unit": "亿元", "year": 2021, "growth_pct": 11},
            {"s": "海口高新区", "name": "固定资产投资", "value": 70, "unit": "亿元", "year": 2021, "growth_pct": 29},
        ],
    }
    b = {  # a second document naming the same zone by its alias: merged with the first
        "doc": "b.txt",
        "entities": [
            {"type": "Zone", "name": "海口国家高新区"},
            {"type": "Program", "name": "百日大招商", "aliases": ["百日大招商活动"]},
        ],
        "relations": [{"s": "海口国家高新区", "p": "runsProgram", "o": "百日大招商"}],
        "indicators": [],
    }
    (tmp_path / "a.json").write_text(json.dumps(a, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(b, ensure_ascii=False), encoding="utf-8")
    return load_gold(tmp_path)


def _pred(entities, relations=(), indicators=()):
    p = Prediction()
    for pid, t, names in entities:
        p.entities[pid] = PEntity(pid, t, list(names), {"a"})
    p.relations = set(relations)
    p.relation_docs = {r: {"a"} for r in relations}
    p.indicators = [PIndicator(*i, doc="a") for i in indicators]
    return p


def test_norm_removes_quotes_book_marks_and_space():
    assert norm("《关于 加快推进项目建设的意见》") == "关于加快推进项目建设的意见"
    assert norm("“放管服”改革") == "放管服改革"
    assert norm("ＡＢＣ１２３") == "ABC123"  # NFKC


def test_gold_entities_sharing_a_name_and_type_merge_across_files(gold):
    zones = [e for e in gold.entities if e.type == "Zone"]
    assert len(zones) == 1 and zones[0].docs == {"a", "b"}


def test_entity_scoring(gold):
    pred = _pred(
        [
            ("z", "Zone", ["海口高新区", "海口国家高新区"]),  # TP
            ("z2", "Zone", ["海口国家高新区"]),  # duplicate node of the same zone: FP
            ("p", "Park", ["美安科技新城"]),  # TP through an alias
            ("r", "Reform", ["极简审批改革"]),  # TP through an alias
            ("o", "Program", ["四个对标"]),  # optional (alt type Program): ignored
            ("x", "Enterprise", ["省技师学院"]),  # an Organization predicted as Enterprise: FP
            ("org", "Organization", ["省技师学院"]),  # unscored type: ignored
            ("i", "Industry", ["生物医药产业"]),  # not a gold name or alias: FP
        ]
    )
    r = score(pred, gold)
    e = r.entities
    assert (e["Zone"].tp, e["Zone"].fp, e["Zone"].fn) == (1, 1, 0)
    assert (e["Park"].tp, e["Park"].fp, e["Park"].fn) == (1, 0, 0)
    assert (e["Reform"].tp, e["Reform"].fp, e["Reform"].fn) == (1, 0, 0)
    assert (e["Enterprise"].tp, e["Enterprise"].fp, e["Enterprise"].fn) == (0, 1, 1)
    assert (e["Industry"].tp, e["Industry"].fp, e["Industry"].fn) == (0, 1, 1)
    assert (e["Program"].tp, e["Program"].fp, e["Program"].fn) == (0, 0, 1)  # 百日大招商 missed
    m = r.entity_micro
    assert (m.tp, m.fp, m.fn) == (3, 3, 3)
    assert m.precision == pytest.approx(0.5) and m.recall == pytest.approx(0.5)


def test_relations_are_lifted_from_parks_and_optional_objects_ignored(gold):
    pred = _pred(
        [
            ("z", "Zone", ["海口高新区"]),
            ("p", "Park", ["美安生态科技新城"]),
            ("e", "Enterprise", ["先声药业"]),
            ("r", "Reform", ["极简审批"]),
            ("o", "Reform", ["四个对标"]),
            ("w", "Enterprise", ["普华永道"]),
        ],
        relations=[
            ("z", "hasPark", "p"),  # TP
            ("p", "hasEnterprise", "e"),  # lifted to (z, hasEnterprise, e): TP
            ("p", "implementsReform", "r"),  # lifted: TP (the unlifted park triple is an FP)
            ("z", "implementsReform", "o"),  # optional object: ignored
            ("z", "hasEnterprise", "w"),  # not in gold: FP
        ],
    )
    r = score(pred, gold).relations
    assert (r["hasPark"].tp, r["hasPark"].fp, r["hasPark"].fn) == (1, 0, 0)
    assert (r["hasEnterprise"].tp, r["hasEnterprise"].fp, r["hasEnterprise"].fn) == (1, 2, 0)
    assert (r["implementsReform"].tp, r["implementsReform"].fp, r["implementsReform"].fn) == (1, 1, 0)
    assert (r["focusesOn"].tp, r["focusesOn"].fn) == (0, 1)
    assert (r["runsProgram"].tp, r["runsProgram"].fn) == (0, 1)


def test_indicator_scoring_value_to_a_hundredth_unit_and_subject(gold):
    pred = _pred(
        [("z", "Zone", ["海口国家高新区"])],
        indicators=[
            ("z", "税收", 53.004, "亿元", 2021),  # TP, year right
            ("z", "固投", 70, "亿元", 2020),  # TP (name is not compared), year wrong
            ("z", "税收", 53, "万元", 2021),  # wrong unit: FP
        ],
    )
    r = score(pred, gold)
    assert (r.indicators.tp, r.indicators.fp, r.indicators.fn) == (2, 1, 0)
    assert r.year_share == pytest.approx(0.5)


def test_indicator_matching_prefers_the_gold_figure_with_the_same_year(tmp_path):
    g = {
        "doc": "a.txt",
        "entities": [{"type": "Zone", "name": "海口高新区"}],
        "relations": [],
        "indicators": [
            {"s": "海口高新区", "name": "新增企业", "value": 5, "unit": "家", "year": 2020},
            {"s": "海口高新区", "name": "新增企业", "value": 5, "unit": "家", "year": 2021},
        ],
    }
    (tmp_path / "a.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    gold = load_gold(tmp_path)
    for order in ([2021, 2020], [2020, 2021]):
        pred = _pred([("z", "Zone", ["海口高新区"])], indicators=[("z", "x", 5, "家", y) for y in order])
        r = score(pred, gold)
        assert (r.indicators.tp, r.year_share) == (2, 1.0), order


def test_a_gold_entity_matching_two_earlier_ones_joins_the_one_its_name_names(tmp_path):
    # a.json has 甲园 and 乙园; b.json's 甲园 also has the alias 乙园. It must join 甲园 by its name
    # whatever the order of a set of names is (it used to follow the hash seed).
    import os
    import subprocess
    import sys

    d = tmp_path / "g"
    d.mkdir()
    ents_a = [{"type": "Park", "name": "甲园"}, {"type": "Park", "name": "乙园"}]
    (d / "a.json").write_text(json.dumps({"doc": "a.txt", "entities": ents_a, "relations": [], "indicators": []}), encoding="utf-8")
    ents_b = [{"type": "Park", "name": "甲园", "aliases": ["乙园"]}]
    (d / "b.json").write_text(json.dumps({"doc": "b.txt", "entities": ents_b, "relations": [], "indicators": []}), encoding="utf-8")
    code = (
        f"from kg.evaluate import load_gold; g = load_gold({str(d)!r}); "
        "print(sorted(sorted(e.docs) for e in g.entities if e.canonical == '甲园'))"
    )
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": str(h)}).stdout
        for h in range(6)
    }
    assert outs == {"[['a', 'b']]\n"}
