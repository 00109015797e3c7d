"""Networks for Gephi and friends: GEXF 1.3, GraphML, CSV node/edge tables, a PNG of the zones.

`export(store, fmt, path, network=None)` is what `kg export --format gexf|graphml|csv|png`
calls. `network` is "entities" (the entity network, default for gexf/graphml/csv)
or "zones" (the zone–zone projection, what png draws).

Every export carries the metrics of kg.metrics, computed afresh on the network
being exported (so a file is consistent with itself even if `kg metrics` was
never run or the store changed since).

Colours (viz:color, PNG) — one fixed palette by class, Tableau 10:

    Zone #E15759 red        Park #F28E2B orange      Enterprise #4E79A7 blue
    Policy #76B7B2 teal     Reform #59A14F green     Program #EDC948 yellow
    Industry #B07AA1 purple Organization #FF9DA7 pink Person #9C755F brown
    Region #BAB0AC grey

In the zone projection every node is a zone, so nodes are coloured by their
Louvain community instead (COMMUNITY_PALETTE, cycling).
Sizes (viz:size): 4 + 46 * sqrt(pagerank / max pagerank), so 4..50.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg import __version__
from kg import metrics as mx
from kg import network as nw
from kg.export.gexf import Column, Item, write_gexf

FORMATS = ("gexf", "graphml", "csv", "png")

PALETTE = {
    "Zone": "#E15759",
    "Park": "#F28E2B",
    "Enterprise": "#4E79A7",
    "Policy": "#76B7B2",
    "Reform": "#59A14F",
    "Program": "#EDC948",
    "Industry": "#B07AA1",
    "Organization": "#FF9DA7",
    "Person": "#9C755F",
    "Region": "#BAB0AC",
}
CLASS_ZH = {
    "Zone": "开发区",
    "Park": "园区",
    "Enterprise": "企业",
    "Policy": "政策",
    "Reform": "改革",
    "Program": "项目活动",
    "Industry": "产业",
    "Organization": "机构",
    "Person": "人物",
    "Region": "行政区",
}
COMMUNITY_PALETTE = ["#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC"]
MIN_SIZE, MAX_SIZE = 4.0, 50.0

METRIC_COLUMNS = [
    Column("degree", "integer"),
    Column("weighted_degree", "double"),
    Column("pagerank", "double"),
    Column("betweenness", "double"),
    Column("community", "integer"),
    Column("component", "integer"),
]
ENTITY_NODE_COLUMNS = [
    Column("type", "string"),
    Column("province", "string"),
    Column("city", "string"),
    Column("level", "string"),
    Column("approval_year", "integer"),
    Column("documents", "integer"),
    Column("first_year", "integer"),
    Column("last_year", "integer"),
    *METRIC_COLUMNS,
    Column("documents_in_year", "integer", key="years", dynamic=True),
]
ENTITY_EDGE_COLUMNS = [
    Column("predicate", "string"),
    Column("documents", "integer", key="weight"),
    Column("first_year", "integer"),
    Column("last_year", "integer"),
    Column("documents_in_year", "integer", key="years", dynamic=True),
]
ZONE_NODE_COLUMNS = [c for c in ENTITY_NODE_COLUMNS if c.title not in ("approval_year",)]
ZONE_EDGE_COLUMNS = [
    Column("shared_count", "integer", key="weight"),
    Column("jaccard", "double"),
    *(Column(f"shared_{kind}", "integer") for kind, _ in nw.SHARED_KINDS.values()),
    Column("shared", "string"),
    Column("first_year", "integer"),
    Column("last_year", "integer"),
]


def rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def node_size(pr: float, max_pr: float) -> float:
    if max_pr <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(max(pr, 0.0) / max_pr), 3)


# ------------------------------------------------------------ networks


def entities(store: ox.Store, **metric_kw) -> nx.MultiDiGraph:
    """The entity network with metrics on its nodes."""
    G = nw.entity_network(store)
    mx.annotate(G, mx.graph_metrics(G, **metric_kw))
    return G


def zones(store: ox.Store, G: nx.MultiDiGraph | None = None, **metric_kw) -> nx.Graph:
    """The zone projection with metrics computed on the projection (weight = shared items)."""
    if G is None:
        G = nw.entity_network(store)
    P = nw.zone_projection(G)
    mx.annotate(P, mx.compute(P, **metric_kw))
    return P


def _is_projection(G: nx.Graph) -> bool:
    return not G.is_multigraph()


# ------------------------------------------------------------ GEXF


def _gexf_nodes(G: nx.Graph) -> Iterator[Item]:
    max_pr = max((d.get("pagerank", 0.0) for _, d in G.nodes(data=True)), default=0.0)
    by_community = _is_projection(G)
    for n, d in G.nodes(data=True):
        if by_community:
            color = rgb(COMMUNITY_PALETTE[d.get("community", 0) % len(COMMUNITY_PALETTE)])
        else:
            color = rgb(PALETTE.get(d.get("type"), "#999999"))
        yield Item(id=n, label=d.get("label") or n, data=d, color=color, size=node_size(d.get("pagerank", 0.0), max_pr))


def _gexf_edges(G: nx.Graph) -> Iterator[Item]:
    if G.is_multigraph():
        for i, (s, o, k, d) in enumerate(G.edges(keys=True, data=True)):
            yield Item(id=f"e{i}", label=nw.PREDICATE_LABELS.get(k, k), data=d, source=s, target=o, weight=d.get("weight", 1))
    else:
        for i, (s, o, d) in enumerate(G.edges(data=True)):
            label = f"共享{d.get('weight', 0)}项"
            yield Item(id=f"e{i}", label=label, data=d, source=s, target=o, weight=d.get("weight", 1))


def has_years(G: nx.Graph) -> bool:
    return any(d.get("first_year") is not None for _, d in G.nodes(data=True))


def write_network_gexf(G: nx.Graph, out, *, dynamic: bool | None = None) -> None:
    """Write an entity network (MultiDiGraph) or a zone projection (Graph) as GEXF 1.3."""
    projection = _is_projection(G)
    if dynamic is None:
        dynamic = has_years(G)
    write_gexf(
        out,
        _gexf_nodes(G),
        _gexf_edges(G),
        node_columns=ZONE_NODE_COLUMNS if projection else ENTITY_NODE_COLUMNS,
        edge_columns=ZONE_EDGE_COLUMNS if projection else ENTITY_EDGE_COLUMNS,
        directed=not projection,
        dynamic=dynamic,
        node_count=G.number_of_nodes(),
        edge_count=G.number_of_edges(),
        creator=f"ZoneKG {__version__}",
        keywords="开发区, development zones, ZoneKG",
        description=(
            "ZoneKG zone–zone projection: zones linked by shared enterprises, industries, reforms, programs, policies; "
            "weight = shared items; node colour = community"
            if projection
            else "ZoneKG entity network: edge weight = supporting documents; node colour = class, size = PageRank"
        ),
    )


# ------------------------------------------------------------ GraphML and CSV


_TYPES = {"integer": int, "double": float, "string": str}


def _scalars(columns: list[Column], d: dict) -> dict:
    """The static, non-empty column values of one node or edge, cast to the column's type."""
    out = {}
    for c in columns:
        if c.dynamic:
            continue
        val = c.get(d)
        if val is not None and val != "":
            out[c.title] = _TYPES[c.type](val)
    return out


def _flat(G: nx.Graph, columns_n: list[Column], columns_e: list[Column]) -> nx.Graph:
    """A copy with only scalar, consistently typed attributes (GraphML cannot hold dicts or lists)."""
    H = nx.MultiDiGraph() if G.is_multigraph() else nx.Graph()
    for n, d in G.nodes(data=True):
        H.add_node(n, label=d.get("label") or n, **_scalars(columns_n, d))
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((s, o, None, d) for s, o, d in G.edges(data=True))
    for s, o, k, d in edges:
        attrs = {
            "label": nw.PREDICATE_LABELS.get(k, k) if k else f"共享{d.get('weight', 0)}项",
            "weight": float(d.get("weight", 1)),
        }
        attrs.update(_scalars(columns_e, d))
        if k is not None:
            H.add_edge(s, o, key=k, **attrs)
        else:
            H.add_edge(s, o, **attrs)
    return H


def write_graphml(G: nx.Graph, path: Path) -> None:
    projection = _is_projection(G)
    H = _flat(
        G, ZONE_NODE_COLUMNS if projection else ENTITY_NODE_COLUMNS, ZONE_EDGE_COLUMNS if projection else ENTITY_EDGE_COLUMNS
    )
    nx.write_graphml(H, str(path), encoding="utf-8", prettyprint=True, named_key_ids=True)


def csv_paths(path: Path) -> tuple[Path, Path]:
    """`out.csv` -> (`out.nodes.csv`, `out.edges.csv`)."""
    stem = path.name[: -len(".csv")] if path.name.endswith(".csv") else path.name
    return path.with_name(stem + ".nodes.csv"), path.with_name(stem + ".edges.csv")


def write_csv(G: nx.Graph, path: Path) -> list[Path]:
    """Gephi spreadsheet import: a nodes table (Id, Label, …) and an edges table (Source, Target, Type, …).

    UTF-8 without BOM (Gephi's importer would read a BOM into the first header).
    """
    projection = _is_projection(G)
    ncols = [c for c in (ZONE_NODE_COLUMNS if projection else ENTITY_NODE_COLUMNS) if not c.dynamic]
    ecols = [c for c in (ZONE_EDGE_COLUMNS if projection else ENTITY_EDGE_COLUMNS) if not c.dynamic]
    npath, epath = csv_paths(path)
    with open(npath, "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["Id", "Label", *(c.title for c in ncols)])
        for n, d in G.nodes(data=True):
            wr.writerow([n, d.get("label") or n, *(_cell(c.get(d)) for c in ncols)])
    with open(epath, "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", *(c.title for c in ecols)])
        kind = "Undirected" if projection else "Directed"
        for i, (s, o, k, d) in enumerate(_edges_with_keys(G)):
            label = nw.PREDICATE_LABELS.get(k, k) if k else f"共享{d.get('weight', 0)}项"
            wr.writerow([s, o, kind, f"e{i}", label, d.get("weight", 1), *(_cell(c.get(d)) for c in ecols)])
    return [npath, epath]


def _edges_with_keys(G: nx.Graph):
    if G.is_multigraph():
        yield from G.edges(keys=True, data=True)
    else:
        for s, o, d in G.edges(data=True):
            yield s, o, None, d


def _cell(val) -> str:
    if val is None:
        return ""
    if isinstance(val, float):
        return repr(val)
    return str(val)


# ------------------------------------------------------------ dispatch


def export(store: ox.Store, fmt: str, path: str | Path, network: str | None = None) -> list[Path]:
    """Write `store`'s network in `fmt` to `path`; returns the files written."""
    path = Path(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown network format {fmt!r} (one of {', '.join(FORMATS)})")
    if network not in (None, "entities", "zones"):
        raise ValueError(f"unknown network {network!r} (entities or zones)")
    if path.parent and not path.parent.exists():
        raise ValueError(f"directory {path.parent} does not exist")
    G = nw.entity_network(store)
    if G.number_of_nodes() == 0:
        raise ValueError("the graph has no entities: run `kg build` first")
    if fmt == "png":
        from kg.export.png import draw_zones

        mx.annotate(G, mx.graph_metrics(G))
        return [_atomic(path, lambda p: draw_zones(G, p))]
    if network == "zones":
        net = zones(store, G)
    else:
        mx.annotate(G, mx.graph_metrics(G))
        net = G
    if fmt == "gexf":
        return [_atomic(path, lambda p: write_network_gexf(net, p))]
    if fmt == "graphml":
        return [_atomic(path, lambda p: write_graphml(net, p))]
    return write_csv(net, path)


def _atomic(path: Path, write) -> Path:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
