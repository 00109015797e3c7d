"""Graph metrics: plain functions over a networkx graph, written back into the store.

All measures run on the undirected weighted simple graph of the entity network
(`kg.network.analysis_graph`): a relation links two entities whichever way it
points, and parallel relations add their weights (weight = supporting documents).
Directed PageRank would pile rank on enterprises and industries, which only
receive edges, and say little about which zones are central.

    degree           distinct neighbours
    weightedDegree   sum of edge weights (supporting documents)
    pagerank         PageRank, alpha 0.85, edge weight = documents
    betweenness      normalised betweenness on hops (unweighted: weights are
                     strengths, not distances); exact up to EXACT_BETWEENNESS_MAX
                     nodes, else estimated from `k` sampled sources (seeded)
    community        Louvain (networkx), weight = documents, resolution 1, seeded;
                     numbered by size, largest 0
    component        connected component, numbered by size, largest 0

They go into the named graph kg.vocab.METRICS_GRAPH, one triple per node and
measure (zkg:degree, zkg:weightedDegree, zkg:pagerank, zkg:betweenness,
zkg:community, zkg:component), replaced as a whole on every run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg import vocab as v

DEFAULT_SEED = 42
EXACT_BETWEENNESS_MAX = 5000  # nodes; above this, sample sources
DEFAULT_BETWEENNESS_K = 100  # sampled sources when sampling
MEASURES = ("degree", "weightedDegree", "pagerank", "betweenness", "community", "component")


@dataclass
class Metrics:
    """Per-node measures plus how they were computed."""

    degree: dict[str, int] = field(default_factory=dict)
    weightedDegree: dict[str, float] = field(default_factory=dict)  # named as in the ontology
    pagerank: dict[str, float] = field(default_factory=dict)
    betweenness: dict[str, float] = field(default_factory=dict)
    community: dict[str, int] = field(default_factory=dict)
    component: dict[str, int] = field(default_factory=dict)
    seed: int = DEFAULT_SEED
    betweenness_k: int | None = None  # None: exact
    seconds: dict[str, float] = field(default_factory=dict)

    def of(self, node: str) -> dict[str, float | int]:
        return {m: getattr(self, m)[node] for m in MEASURES if node in getattr(self, m)}


def degree(U: nx.Graph) -> dict[str, int]:
    return dict(U.degree())


def weighted_degree(U: nx.Graph, weight: str = "weight") -> dict[str, float]:
    return {n: float(d) for n, d in U.degree(weight=weight)}


def pagerank(U: nx.Graph, weight: str = "weight", alpha: float = 0.85) -> dict[str, float]:
    if U.number_of_nodes() == 0:
        return {}
    return nx.pagerank(U, alpha=alpha, weight=weight, tol=1e-10, max_iter=1000)


def betweenness(U: nx.Graph, k: int | None = None, seed: int = DEFAULT_SEED) -> dict[str, float]:
    """Normalised betweenness on hops; `k` sampled sources (seeded) when given and < n."""
    n = U.number_of_nodes()
    if k is not None and k >= n:
        k = None
    return nx.betweenness_centrality(U, k=k, normalized=True, weight=None, seed=seed)


def _numbered(groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """Number groups by size (largest 0), ties by their smallest member: stable across runs."""
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {node: i for i, g in enumerate(ordered) for node in g}


def communities(U: nx.Graph, seed: int = DEFAULT_SEED, weight: str = "weight", resolution: float = 1.0) -> dict[str, int]:
    if U.number_of_nodes() == 0:
        return {}
    return _numbered(nx.community.louvain_communities(U, weight=weight, resolution=resolution, seed=seed))


def components(U: nx.Graph) -> dict[str, int]:
    return _numbered(nx.connected_components(U))


def betweenness_samples(n: int, k: int | None = None) -> int | None:
    """The k to use: exact (None) for small graphs, else `k` or the default."""
    if k is not None:
        return None if k <= 0 or k >= n else k
    return None if n <= EXACT_BETWEENNESS_MAX else DEFAULT_BETWEENNESS_K


def compute(U: nx.Graph, *, seed: int = DEFAULT_SEED, betweenness_k: int | None = None) -> Metrics:
    """Every measure over the undirected weighted graph `U` (deterministic for a given seed).

    `betweenness_k`: None picks exact or sampled by size; 0 forces exact; k > 0 samples k sources.
    """
    m = Metrics(seed=seed)
    k = betweenness_samples(U.number_of_nodes(), betweenness_k)
    m.betweenness_k = k
    steps = (
        ("degree", lambda: degree(U)),
        ("weightedDegree", lambda: weighted_degree(U)),
        ("pagerank", lambda: pagerank(U)),
        ("betweenness", lambda: betweenness(U, k=k, seed=seed)),
        ("community", lambda: communities(U, seed=seed)),
        ("component", lambda: components(U)),
    )
    for name, fn in steps:
        t0 = time.perf_counter()
        setattr(m, name, fn())
        m.seconds[name] = time.perf_counter() - t0
    return m


def graph_metrics(G: nx.MultiDiGraph, **kw) -> Metrics:
    from kg.network import analysis_graph

    return compute(analysis_graph(G), **kw)


def annotate(G: nx.Graph, m: Metrics) -> None:
    """Copy the measures onto G's nodes (attribute names: degree, weighted_degree, pagerank, …)."""
    names = {"weightedDegree": "weighted_degree"}
    for measure in MEASURES:
        key = names.get(measure, measure)
        for node, val in getattr(m, measure).items():
            if node in G:
                G.nodes[node][key] = val


# ------------------------------------------------------------------ store


def metric_quads(m: Metrics) -> Iterator[ox.Quad]:
    """The metrics graph: one literal per node and measure, plus a note of how they were computed."""
    from kg.rdf import decimal, integer

    g = ox.NamedNode(v.METRICS_GRAPH)
    for measure in MEASURES:
        p = ox.NamedNode(v.ZKG + measure)
        lit = integer if measure in ("degree", "community", "component") else decimal
        for node, val in sorted(getattr(m, measure).items()):
            yield ox.Quad(ox.NamedNode(node), p, lit(val), g)
    how = (
        f"ZoneKG graph metrics over the undirected entity network (weight = supporting documents); "
        f"PageRank alpha 0.85; Louvain seed {m.seed}, resolution 1; betweenness "
        + ("exact" if m.betweenness_k is None else f"estimated from {m.betweenness_k} sampled sources (seed {m.seed})")
    )
    yield ox.Quad(g, ox.NamedNode(v.DCT + "description"), ox.Literal(how, language="en"), g)
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    yield ox.Quad(g, ox.NamedNode(v.PROV + "generatedAtTime"), ox.Literal(now, datatype=ox.NamedNode(v.XSD + "dateTime")), g)


def write(store_dir: str | Path, m: Metrics) -> int:
    """Replace the metrics graph in the store and publish; returns the number of quads."""
    from kg.store import writer

    with writer(store_dir) as w:
        return w.replace_graph(v.METRICS_GRAPH, metric_quads(m))


# ------------------------------------------------------------------ report


def _fmt(val: float | int) -> str:
    if isinstance(val, int):
        return str(val)
    if val == int(val) and abs(val) < 1e12:
        return str(int(val))
    return f"{val:.4f}" if val >= 0.001 else f"{val:.2e}"


def _width(s: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in s)


def _pad(s: str, n: int) -> str:
    return s + " " * max(0, n - _width(s))


def top_table(G: nx.Graph, m: Metrics, measure: str, top: int = 10, node_type: str | None = None) -> list[tuple]:
    """Rows (rank, label, type, value, iri) of the `top` nodes by `measure` (ties by label)."""
    vals = getattr(m, measure)
    nodes = [n for n in vals if node_type is None or G.nodes[n].get("type") == node_type]
    nodes.sort(key=lambda n: (-vals[n], G.nodes[n].get("label", n), n))
    return [(i + 1, G.nodes[n].get("label", n), G.nodes[n].get("type", ""), vals[n], n) for i, n in enumerate(nodes[:top])]


def format_report(G: nx.Graph, m: Metrics, top: int = 10, node_type: str | None = None) -> str:
    """Top nodes per measure, then the largest communities with their leading members, as text tables."""
    out = []
    what = f" ({node_type} only)" if node_type else ""
    bk = "exact" if m.betweenness_k is None else f"estimated, k={m.betweenness_k} sampled sources"
    out.append(
        f"entity network: {G.number_of_nodes()} nodes, {G.number_of_edges()} relation edges, "
        f"{len(set(m.component.values()))} components, {len(set(m.community.values()))} communities"
        f" (Louvain, seed {m.seed}); betweenness {bk}"
    )
    for measure in ("pagerank", "degree", "weightedDegree", "betweenness"):
        rows = top_table(G, m, measure, top, node_type)
        out.append(f"\ntop {len(rows)} by {measure}{what}")
        lw = max([_width("label")] + [_width(r[1]) for r in rows])
        out.append(f"{'#':>3}  {_pad('label', lw)}  {'type':12} {measure:>14}")
        for rank, label, typ, val, _ in rows:
            out.append(f"{rank:>3}  {_pad(label, lw)}  {typ:12} {_fmt(val):>14}")
    sizes: dict[int, list[str]] = {}
    for n, c in m.community.items():
        sizes.setdefault(c, []).append(n)
    out.append(f"\nlargest communities (members by PageRank){what}")
    for c in sorted(sizes, key=lambda c: (-len(sizes[c]), c))[:top]:
        members = [n for n in sizes[c] if node_type is None or G.nodes[n].get("type") == node_type]
        members.sort(key=lambda n: -m.pagerank.get(n, 0))
        names = "、".join(G.nodes[n].get("label", n) for n in members[:8])
        more = " …" if len(members) > 8 else ""
        out.append(f"{c:>3}  {len(sizes[c]):>6} nodes  {names}{more}")
    return "\n".join(out)


def main(args, store_dir: Path) -> int:
    """`kg metrics`: compute, write into the metrics graph, print the top nodes."""
    from kg.network import entity_network
    from kg.store import StoreError, open_read

    try:
        store = open_read(store_dir)
        G = entity_network(store)
        del store
    except StoreError as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return 2
    if G.number_of_nodes() == 0:
        print("kg: error: the graph has no entities: run `kg build` first", file=sys.stderr)
        return 2
    seed = getattr(args, "seed", DEFAULT_SEED)
    k = getattr(args, "betweenness_k", None)
    m = graph_metrics(G, seed=seed, betweenness_k=k)
    if not getattr(args, "no_write", False):
        try:
            n = write(store_dir, m)
        except StoreError as e:
            print(f"kg: error: {e}", file=sys.stderr)
            return 2
        print(f"wrote {n} quads to <{v.METRICS_GRAPH}>", file=sys.stderr)
    print(format_report(G, m, top=getattr(args, "top", 10), node_type=getattr(args, "type", None)))
    return 0
