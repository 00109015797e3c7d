"""Benchmark: graph metrics and GEXF export on a synthetic graph (default 1M relation edges).

    .venv/bin/python benchmarks/bench_metrics.py [--edges 1000000] [--betweenness-k 100] [--out DIR]

Synthetic graph: zones with a heavy-tailed number of relations (Pareto), whose
objects (parks, enterprises, industries, policies, reforms, programs) are drawn
with Zipf-like popularity, so a few industries and enterprises are shared by
very many zones, as in real data. Facts are spread over documents dated
2010–2024; one in ten facts is stated by a second document (weight 2). The
store holds what kg.network reads: types, labels, zkg:mentionedIn, document
dates and the relation triples in each document's graph (no zkg:Statement
provenance, which the network does not read).

Measured, one phase after another in one process: wall time, and the process's
peak RSS so far (ru_maxrss: a high-water mark, so each figure includes the
phases before it). Betweenness is estimated from k sampled sources (exact
betweenness is O(nm): days at this size).
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg import metrics as mx  # noqa: E402
from kg import network as nw  # noqa: E402
from kg import vocab as v  # noqa: E402
from kg.export import network as xn  # noqa: E402
from kg.store import open_read, writer  # noqa: E402

OBJECT_MIX = [  # (predicate, class, share of edges, population per 1M edges)
    ("hasEnterprise", "Enterprise", 0.45, 250_000),
    ("focusesOn", "Industry", 0.15, 600),
    ("hasPark", "Park", 0.08, 60_000),
    ("implementsReform", "Reform", 0.12, 8_000),
    ("runsProgram", "Program", 0.10, 20_000),
    ("adoptsPolicy", "Policy", 0.10, 15_000),
]
ZONES_PER_M = 20_000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def zipf_picker(rng: random.Random, n: int, s: float = 1.1):
    """Draw indexes 0..n-1 with probability ~ 1/(i+1)^s (inverse CDF over a precomputed table)."""
    import bisect
    import itertools

    weights = [1 / (i + 1) ** s for i in range(n)]
    cum = list(itertools.accumulate(weights))
    total = cum[-1]
    return lambda: min(bisect.bisect_left(cum, rng.random() * total), n - 1)


def synthetic_quads(n_edges: int, seed: int = 1):
    rng = random.Random(seed)
    scale = n_edges / 1_000_000
    n_zones = max(10, int(ZONES_PER_M * scale))
    T, L, M, D = (
        ox.NamedNode(v.RDF + "type"),
        ox.NamedNode(v.RDFS + "label"),
        ox.NamedNode(v.ZKG + "mentionedIn"),
        ox.NamedNode(v.DCT + "date"),
    )
    gy = ox.NamedNode(v.XSD + "gYear")
    n_docs = max(10, n_edges // 20)
    docs = [ox.NamedNode(v.document_iri(f"doc{i}")) for i in range(n_docs)]
    quads = []
    for i, d in enumerate(docs):
        quads.append(ox.Quad(d, T, ox.NamedNode(v.ZKG + "Document"), d))
        quads.append(ox.Quad(d, D, ox.Literal(str(2010 + i % 15), datatype=gy), d))
    nodes: dict[tuple[str, int], ox.NamedNode] = {}
    seen_in: set[tuple[ox.NamedNode, ox.NamedNode]] = set()

    def entity(cls: str, i: int, d: ox.NamedNode) -> ox.NamedNode:
        node = nodes.get((cls, i))
        if node is None:
            node = nodes[(cls, i)] = ox.NamedNode(v.entity_iri(cls, f"{cls}:{i}"))
            quads.append(ox.Quad(node, T, ox.NamedNode(v.ZKG + cls), d))
            quads.append(ox.Quad(node, L, ox.Literal(f"{cls}{i}号", language="zh"), d))
        if (node, d) not in seen_in:
            seen_in.add((node, d))
            quads.append(ox.Quad(node, M, d, d))
        return node

    pickers = {cls: zipf_picker(rng, max(5, int(pop * scale))) for _, cls, _, pop in OBJECT_MIX}
    # Zones' activity: Pareto-distributed, normalised to n_edges in total.
    act = [rng.paretovariate(1.3) for _ in range(n_zones)]
    total = sum(act)
    shares = [share for _, _, share, _ in OBJECT_MIX]
    preds = [p for p, *_ in OBJECT_MIX]
    edges = set()
    for z in range(n_zones):
        want = max(1, round(act[z] / total * n_edges))
        tries = 0
        got = 0
        while got < want and tries < want * 3:
            tries += 1
            k = rng.choices(range(len(OBJECT_MIX)), weights=shares)[0]
            cls = OBJECT_MIX[k][1]
            o = pickers[cls]()
            if (z, k, o) in edges:
                continue
            edges.add((z, k, o))
            got += 1
    for z, k, o in edges:
        for d in (docs[rng.randrange(n_docs)],) + ((docs[rng.randrange(n_docs)],) if rng.random() < 0.1 else ()):
            s = entity("Zone", z, d)
            t = entity(OBJECT_MIX[k][1], o, d)
            quads.append(ox.Quad(s, ox.NamedNode(v.ZKG + preds[k]), t, d))
    return quads, len(edges)


def timed(name: str, results: list, fn):
    gc.collect()
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    results.append((name, dt, peak_mb()))
    print(f"{name:38} {dt:9.1f} s   peak RSS {peak_mb():8.0f} MB", flush=True)
    return out


def measure(G, res: list, k: int) -> mx.Metrics:
    U = timed("analysis_graph (undirected)", res, lambda: nw.analysis_graph(G))
    m = mx.Metrics(seed=mx.DEFAULT_SEED, betweenness_k=k)
    m.degree = timed("degree", res, lambda: mx.degree(U))
    m.weightedDegree = timed("weighted degree", res, lambda: mx.weighted_degree(U))
    m.pagerank = timed("pagerank (scipy)", res, lambda: mx.pagerank(U))
    m.component = timed("components", res, lambda: mx.components(U))
    m.community = timed("louvain (seed 42)", res, lambda: mx.communities(U))
    m.betweenness = timed(f"betweenness (k={k} samples)", res, lambda: mx.betweenness(U, k=k))
    return m


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--betweenness-k", type=int, default=mx.DEFAULT_BETWEENNESS_K)
    ap.add_argument("--out", type=Path, default=None, help="work directory (default: a temporary one)")
    ap.add_argument("--skip-projection", action="store_true")
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory() if args.out is None else None
    work = Path(tmp.name) if tmp else args.out
    work.mkdir(parents=True, exist_ok=True)
    res: list = []
    print(f"synthetic graph, target {args.edges} relation edges; betweenness k = {args.betweenness_k}", flush=True)
    quads, n_edges = timed("generate quads", res, lambda: synthetic_quads(args.edges))
    print(f"  {n_edges} distinct relation edges, {len(quads)} quads", flush=True)

    def load(qs):
        with writer(work / "store", fresh=True) as w:
            w.store.bulk_extend(qs)
            w.dirty = True

    timed("load store (setup)", res, lambda: load(quads))
    quads.clear()
    store = open_read(work / "store")
    G = timed("entity_network (store -> networkx)", res, lambda: nw.entity_network(store))
    print(f"  {G.number_of_nodes()} nodes, {G.number_of_edges()} edges", flush=True)
    m = measure(G, res, args.betweenness_k)
    print(f"  {len(set(m.community.values()))} communities, {len(set(m.component.values()))} components", flush=True)
    timed("write metrics graph to store", res, lambda: mx.write(work / "store", m))
    mx.annotate(G, m)
    gexf = work / "entities.gexf"
    timed("write GEXF (entity network)", res, lambda: xn.write_network_gexf(G, gexf))
    print(f"  {gexf.stat().st_size / 1e6:.0f} MB", flush=True)
    if not args.skip_projection:
        P = timed("zone projection", res, lambda: nw.zone_projection(G))
        print(f"  {P.number_of_nodes()} zones, {P.number_of_edges()} zone-zone edges", flush=True)
    total = sum(dt for name, dt, _ in res if name not in ("generate quads", "load store (setup)"))
    print(
        f"total (network + metrics + write-back + GEXF{'' if args.skip_projection else ' + projection'}): {total:.1f} s; peak RSS {peak_mb():.0f} MB"
    )
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
