"""Store -> networkx: the entity network and the zone projection of a hand-made graph."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg import network as nw
from kg.store import open_read

sys.path.insert(0, str(Path(__file__).parent))
from _netgraph import build_store, iri  # noqa: E402


@pytest.fixture(scope="module")
def G(tmp_path_factory):
    root = build_store(tmp_path_factory.mktemp("network") / "store")
    return nw.entity_network(open_read(root))


def test_nodes_are_typed_labelled_entities(G):
    assert G.number_of_nodes() == 12
    z1 = G.nodes[iri("Z1")]
    assert z1["type"] == "Zone" and z1["label"] == "海口高新区" and z1["level"] == "national"
    assert G.nodes[iri("E1")]["type"] == "Enterprise"
    assert G.nodes[iri("E1")]["documents"] == 2


def test_edges_carry_predicate_and_document_count(G):
    d = G.get_edge_data(iri("Z1"), iri("E1"), key="hasEnterprise")
    assert d["predicate"] == "hasEnterprise"
    assert d["weight"] == 2  # stated in d1 and in d2
    assert d["years"] == {2019: 1, 2021: 1} and d["first_year"] == 2019 and d["last_year"] == 2021
    assert G.get_edge_data(iri("Z2"), iri("E1"), key="hasEnterprise")["weight"] == 1
    # A role holding becomes person -roleIn-> zone.
    assert G.has_edge(iri("H1"), iri("Z1"), key="roleIn")
    assert G.number_of_edges() == 12  # 7 + 3 new in d2 + 1 in d3 + the role


def test_years_from_documents_and_observations(G):
    z1 = G.nodes[iri("Z1")]
    # 2018 comes from the observation only; 2019 and 2021 from the documents' dates.
    assert z1["first_year"] == 2018 and z1["last_year"] == 2021
    assert z1["years"] == {2018: 0, 2019: 1, 2021: 1}
    z3 = G.nodes[iri("Z3")]  # only in an undated document
    assert z3["first_year"] is None and z3["years"] == {}


def test_province_and_city_from_located_in(G):
    assert G.nodes[iri("Z1")]["province"] == "海南省"
    assert G.nodes[iri("Z2")]["city"] == "苏州市"
    assert G.nodes[iri("Z2")]["province"] == "江苏省"  # city -> province via cpca
    assert G.nodes[iri("P1")]["province"] == "海南省"  # a park takes its zone's
    assert G.nodes[iri("Z3")]["province"] == ""  # nothing in the graph: blank


@pytest.mark.parametrize(
    "label,expected",
    [
        ("海南省", "海南省"),
        ("海南", "海南省"),
        ("上海市", "上海市"),
        ("广西", "广西壮族自治区"),
        ("内蒙古自治区", "内蒙古自治区"),
        ("海口市", None),
        ("苏州", None),
    ],
)
def test_province_name(label, expected):
    assert nw.province_name(label) == expected


def test_analysis_graph_is_undirected_and_sums_parallel_relations():
    import networkx as nx

    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="hasPark", weight=2)
    M.add_edge("b", "a", key="hasEnterprise", weight=3)
    M.add_edge("a", "a", key="hasPark", weight=1)  # a self-loop is dropped
    U = nw.analysis_graph(M)
    assert not U.is_directed()
    assert U["a"]["b"]["weight"] == 5
    assert U.number_of_edges() == 1


def test_zone_projection_shares_and_jaccard(G):
    P = nw.zone_projection(G)
    assert set(P.nodes) == {iri("Z1"), iri("Z2"), iri("Z3")}
    d = P.get_edge_data(iri("Z1"), iri("Z2"))
    # Z1 has 华为, 海药股份 (through its park 药谷工业园), 新能源, 一网通办; Z2 has 华为, 新能源, 一网通办.
    assert d["weight"] == 3
    assert d["jaccard"] == pytest.approx(3 / 4)
    assert (d["shared_enterprises"], d["shared_industries"], d["shared_reforms"], d["shared_policies"]) == (1, 1, 1, 0)
    assert d["shared"] == "企业：华为；产业：新能源；改革：一网通办"
    assert d["shared_items"] == sorted([iri("E1"), iri("I1"), iri("F1")])
    assert P.degree(iri("Z3")) == 0
    assert P.nodes[iri("Z1")]["label"] == "海口高新区"


def test_zone_items_include_parks(G):
    items = nw.zone_items(G)
    assert iri("E2") in items[iri("Z1")]["hasEnterprise"]
    assert iri("E2") not in items[iri("Z2")].get("hasEnterprise", set())


def test_empty_store(tmp_path):
    from kg.store import writer

    with writer(tmp_path / "s") as w:
        w.replace_graph("https://example.org/empty", [])
    G = nw.entity_network(open_read(tmp_path / "s"))
    assert G.number_of_nodes() == 0
    assert nw.zone_projection(G).number_of_nodes() == 0
