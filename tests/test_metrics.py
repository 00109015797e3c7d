"""Graph metrics on small graphs built by hand, with answers worked out on paper."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

from kg import metrics as mx
from kg import vocab as v
from kg.network import entity_network
from kg.store import open_read, query

sys.path.insert(0, str(Path(__file__).parent))
from _netgraph import build_store, iri  # noqa: E402


def path_and_pair() -> nx.Graph:
    """P - Z1 =2= E - Z2 - I   and   A - B   (Z1–E has weight 2)."""
    U = nx.Graph()
    U.add_edge("P", "Z1", weight=1)
    U.add_edge("Z1", "E", weight=2)
    U.add_edge("E", "Z2", weight=1)
    U.add_edge("Z2", "I", weight=1)
    U.add_edge("A", "B", weight=1)
    return U


def test_degree_and_weighted_degree():
    U = path_and_pair()
    assert mx.degree(U) == {"P": 1, "Z1": 2, "E": 2, "Z2": 2, "I": 1, "A": 1, "B": 1}
    wd = mx.weighted_degree(U)
    assert wd["Z1"] == 3.0 and wd["E"] == 3.0 and wd["Z2"] == 2.0 and wd["P"] == 1.0


def test_betweenness_exact_known_values():
    # n = 7, undirected, normalised by (n-1)(n-2)/2 = 15 pairs.
    # E lies on the shortest paths of {P, Z1} x {Z2, I}: 4 pairs; Z1 on P–{E, Z2, I}: 3 pairs.
    b = mx.betweenness(path_and_pair())
    assert b["E"] == pytest.approx(4 / 15)
    assert b["Z1"] == pytest.approx(3 / 15)
    assert b["Z2"] == pytest.approx(3 / 15)
    assert b["P"] == b["I"] == b["A"] == b["B"] == 0


def test_betweenness_ignores_weights():
    # Weights are strengths (documents), not distances: a heavy edge must not become "long".
    U = path_and_pair()
    U["Z1"]["E"]["weight"] = 100
    assert mx.betweenness(U)["E"] == pytest.approx(4 / 15)


def test_pagerank_star_closed_form():
    # Star, centre c and 4 leaves, alpha d = 0.85, N = 5:
    #   c = (1-d)/N + d * 4 l,  l = (1-d)/N + d * c / 4   =>  c = 0.132 / 0.2775
    U = nx.star_graph(4)
    U = nx.relabel_nodes(U, str)
    pr = mx.pagerank(U)
    c = 0.132 / 0.2775
    assert pr["0"] == pytest.approx(c, abs=1e-8)
    for leaf in "1234":
        assert pr[leaf] == pytest.approx((1 - c) / 4, abs=1e-8)


def test_pagerank_uses_weights():
    # A hub with a heavy and a light spoke: the heavy leaf gets more rank.
    U = nx.Graph()
    U.add_edge("h", "heavy", weight=5)
    U.add_edge("h", "light", weight=1)
    pr = mx.pagerank(U)
    assert pr["heavy"] > pr["light"]
    assert sum(pr.values()) == pytest.approx(1.0)


def two_cliques() -> nx.Graph:
    U = nx.Graph()
    for group in ("abcd", "wxyz"):
        for i, s in enumerate(group):
            for t in group[i + 1 :]:
                U.add_edge(s, t, weight=1)
    U.add_edge("d", "w", weight=1)
    return U


def test_louvain_finds_the_two_cliques_and_numbers_them_stably():
    com = mx.communities(two_cliques())
    assert {n for n, c in com.items() if c == 0} == set("abcd")  # same size: smallest member first
    assert {n for n, c in com.items() if c == 1} == set("wxyz")


def test_louvain_is_reproducible_with_a_seed():
    U = nx.connected_caveman_graph(6, 5)
    U = nx.relabel_nodes(U, str)
    nx.set_edge_attributes(U, 1, "weight")
    runs = [mx.communities(U, seed=7) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    assert len(set(runs[0].values())) == 6


def test_components_numbered_by_size():
    comp = mx.components(path_and_pair())
    assert {n for n, c in comp.items() if c == 0} == {"P", "Z1", "E", "Z2", "I"}
    assert comp["A"] == comp["B"] == 1


def test_compute_runs_everything_and_samples_betweenness_when_asked():
    U = path_and_pair()
    m = mx.compute(U)
    assert m.betweenness_k is None  # small graph: exact
    assert set(m.degree) == set(m.pagerank) == set(m.betweenness) == set(m.community) == set(m.component) == set(U)
    assert m.of("E")["betweenness"] == pytest.approx(4 / 15)
    sampled = mx.compute(U, betweenness_k=3)
    assert sampled.betweenness_k == 3
    assert mx.betweenness_samples(10_000) == mx.DEFAULT_BETWEENNESS_K
    assert mx.betweenness_samples(100) is None
    assert mx.betweenness_samples(10_000, 0) is None


def test_empty_graph():
    m = mx.compute(nx.Graph())
    assert m.pagerank == {} and m.community == {} and m.component == {}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("metrics") / "store")


def test_metrics_written_to_their_graph_and_rankable_by_sparql(store_dir):
    G = entity_network(open_read(store_dir))
    m = mx.graph_metrics(G)
    n = mx.write(store_dir, m)
    assert n == 6 * G.number_of_nodes() + 2
    store = open_read(store_dir)
    rows = list(
        query(
            store,
            f"""SELECT DISTINCT ?z ?label ?pr WHERE {{
                GRAPH <{v.METRICS_GRAPH}> {{ ?z <{v.ZKG}pagerank> ?pr }}
                ?z a <{v.ZKG}Zone> ; <{v.RDFS}label> ?label }} ORDER BY DESC(?pr)""",
        )
    )
    assert [r["label"].value for r in rows][0] == "海口高新区"
    assert len(rows) == 3
    # The network read back is unchanged by the metrics graph, and a second run replaces it.
    assert entity_network(store).number_of_edges() == G.number_of_edges()
    assert mx.write(store_dir, m) == n
    assert len(list(open_read(store_dir).quads_for_pattern(None, None, None, ox_graph()))) == n


def ox_graph():
    import pyoxigraph as ox

    return ox.NamedNode(v.METRICS_GRAPH)


def test_report_lists_top_zones(store_dir):
    G = entity_network(open_read(store_dir))
    m = mx.graph_metrics(G)
    rows = mx.top_table(G, m, "degree", top=2, node_type="Zone")
    assert [r[1] for r in rows] == ["海口高新区", "苏州工业园区"]
    assert rows[0][3] == 6  # 药谷工业园, 华为 (two documents, one neighbour), 新能源, 一网通办, 海南省, 张三
    text = mx.format_report(G, m, top=3)
    assert "top 3 by pagerank" in text and "海口高新区" in text and "communities" in text
    assert m.component[iri("Z3")] == 1


def test_kg_metrics_command(store_dir, capsys):
    from kg.cli import main

    assert main(["metrics", "--store", str(store_dir), "--top", "2", "--type", "Zone"]) == 0
    out = capsys.readouterr().out
    assert "top 2 by pagerank (Zone only)" in out
    assert "海口高新区" in out


def test_kg_metrics_without_store(tmp_path, capsys):
    from kg.cli import main

    assert main(["metrics", "--store", str(tmp_path / "nope")]) == 2
    assert "kg build" in capsys.readouterr().err
