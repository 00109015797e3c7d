"""SHACL: the seed graph conforms to ontology/shapes.ttl, and the shapes do catch broken graphs."""

import pyoxigraph as ox
import pytest

from kg import store as st
from kg import vocab as v
from kg.build import build
from kg.rdf import extraction_quads
from kg.validate import validate
from tests.helpers import make_extraction

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def _mem(*exs):
    s = ox.Store()
    for ex in exs:
        s.extend(extraction_quads(ex))
    return s


def test_seed_graph_conforms(tmp_path):
    build([ROOT / "seeds"], tmp_path / "s")
    ok, report = validate(st.open_read(tmp_path / "s"))
    assert ok, report


def test_hand_made_graph_conforms():
    ok, report = validate(_mem(make_extraction("a"), make_extraction("b", park="云龙产业园")))
    assert ok, report


@pytest.mark.parametrize(
    "breakage,message",
    [
        ("two_zone_labels", "MaxCount"),
        ("park_has_policy", "Class"),
        ("confidence_above_one", "MaxInclusive"),
        ("observation_without_value", "MinCount"),
    ],
)
def test_shapes_catch_broken_graphs(breakage, message):
    ex = make_extraction("a")
    if breakage == "two_zone_labels":
        other = make_extraction("b")
        other.entities[0].name = "海口国家高新区"  # same key, another canonical name
        s = _mem(ex, other)
    elif breakage == "park_has_policy":
        from kg.model import Entity, Fact

        pol = Entity("Policy:x", "Policy", "某某办法")
        ex.entities.append(pol)
        ex.facts.append(Fact("Park:美安科技新城", "adoptsPolicy", "Policy:x", ex.facts[0].evidence))
        s = _mem(ex)
    elif breakage == "confidence_above_one":
        ex.facts[0].confidence = 1.5
        s = _mem(ex)
    else:
        s = _mem(ex)
        obs = next(q.subject for q in s if q.object == ox.NamedNode(v.ZKG + "Observation"))
        for q in list(s.quads_for_pattern(obs, ox.NamedNode(v.ZKG + "value"), None)):
            s.remove(q)
    ok, report = validate(s)
    assert not ok
    assert message in report
