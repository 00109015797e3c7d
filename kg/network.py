"""The store as networkx graphs: the entity network and the zone–zone projection.

Pure functions over a pyoxigraph store (or over the entity network): no
printing, no writing.

Entity network (`entity_network`): a `networkx.MultiDiGraph` whose nodes are
the typed entities (node id = entity IRI) and whose edges are our relations
(key = predicate local name). Node attributes:

    type            class local name (Zone, Park, …); an entity typed twice takes
                    the first of kg.model.ENTITY_TYPES
    label           canonical Chinese name (rdfs:label@zh, the most frequent)
    level, approval_year       for zones, when stated
    province, city  for zones (and parks, from their zone): from zkg:locatedIn
                    Region entities; "" when the graph has none
    documents       number of documents that mention the entity
    years           {year: documents that year mentioning it}; observation years
                    (zkg:year of observations about the entity) count too
    first_year, last_year      min/max of `years`, or None

Edge attributes: `predicate` (local name), `weight` (number of documents that
state the fact), `years` ({year: documents that year}), first_year, last_year.
Besides the seven zkg relations, a zkg:Membership (person holding a title in a
zone) becomes an edge person -> zone with predicate "roleIn".

Zone projection (`zone_projection`): an undirected `networkx.Graph` of zones;
two zones are linked when they share enterprises, industries, reforms,
programs or policies — their own or their parks' (zkg:hasPark). Edge
attributes: `weight` = number of shared items, `jaccard` = shared / union of
the two zones' item sets, per-kind counts and the shared items' labels.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox

from kg import vocab as v
from kg.model import ENTITY_TYPES, PREDICATES

ROLE_PREDICATE = "roleIn"

# Chinese labels of the relations (from ontology/zonekg.ttl), used as edge labels.
PREDICATE_LABELS = {
    "hasPark": "下辖园区",
    "hasEnterprise": "入驻企业",
    "adoptsPolicy": "实施政策",
    "implementsReform": "推行改革",
    "runsProgram": "开展活动",
    "focusesOn": "主导产业",
    "locatedIn": "位于",
    ROLE_PREDICATE: "任职",
}

# What zones can share, by relation: predicate -> (attribute suffix, Chinese name).
SHARED_KINDS = {
    "hasEnterprise": ("enterprises", "企业"),
    "focusesOn": ("industries", "产业"),
    "implementsReform": ("reforms", "改革"),
    "runsProgram": ("programs", "活动"),
    "adoptsPolicy": ("policies", "政策"),
}

# Provincial-level divisions (short forms); a Region whose label starts with one
# of these and is no longer than it plus a suffix is a province.
PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
    "海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
).split()
_PROVINCE_SUFFIXES = ("", "省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区")


def _z(local: str) -> ox.NamedNode:
    return ox.NamedNode(v.ZKG + local)


RDF_TYPE = ox.NamedNode(v.RDF + "type")
RDFS_LABEL = ox.NamedNode(v.RDFS + "label")
DCT_DATE = ox.NamedNode(v.DCT + "date")
ORG_MEMBER = ox.NamedNode(v.ORG + "member")
ORG_ORGANIZATION = ox.NamedNode(v.ORG + "organization")


def province_name(label: str) -> str | None:
    """The province a Region label names ("海南省" -> "海南省", "海南" -> "海南省"), or None for a city."""
    for short in sorted(PROVINCES, key=len, reverse=True):
        if label.startswith(short) and label[len(short) :] in _PROVINCE_SUFFIXES:
            return _full_province(short)
    return None


def _full_province(short: str) -> str:
    if short in ("北京", "天津", "上海", "重庆"):
        return short + "市"
    if short in ("香港", "澳门"):
        return short + "特别行政区"
    return {
        "内蒙古": "内蒙古自治区",
        "广西": "广西壮族自治区",
        "西藏": "西藏自治区",
        "宁夏": "宁夏回族自治区",
        "新疆": "新疆维吾尔自治区",
    }.get(short, short + "省")


def _cities_to_provinces(cities: Iterable[str]) -> dict[str, str]:
    """City label -> province, via cpca's administrative table (best effort)."""
    cities = sorted(set(cities))
    if not cities:
        return {}
    try:
        import cpca

        df = cpca.transform(cities)
    except Exception:  # cpca missing or failing: provinces stay blank
        return {}
    out = {}
    for city, prov in zip(cities, df["省"]):
        if isinstance(prov, str) and prov:
            out[city] = prov
    return out


def _year(lit: ox.Literal) -> int | None:
    text = lit.value
    try:
        return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None
    except ValueError:
        return None


def _pick_label(counts: Counter) -> str:
    # Most frequent, then shortest, then smallest: deterministic.
    return min(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]


def entity_network(store: ox.Store) -> nx.MultiDiGraph:
    """The entity network of everything published in `store` (see the module docstring)."""
    type_rank = {t: i for i, t in enumerate(ENTITY_TYPES)}
    class_of = {v.ZKG + t: t for t in ENTITY_TYPES}

    types: dict[str, str] = {}
    for q in store.quads_for_pattern(None, RDF_TYPE, None, None):
        t = class_of.get(q.object.value) if isinstance(q.object, ox.NamedNode) else None
        if t is None or not isinstance(q.subject, ox.NamedNode):
            continue
        s = q.subject.value
        old = types.get(s)
        if old is None or type_rank[t] < type_rank[old]:
            types[s] = t

    labels: dict[str, Counter] = defaultdict(Counter)
    for q in store.quads_for_pattern(None, RDFS_LABEL, None, None):
        s = q.subject.value
        if s in types:
            labels[s][q.object.value] += 1

    doc_year: dict[str, int] = {}
    for q in store.quads_for_pattern(None, DCT_DATE, None, None):
        y = _year(q.object) if isinstance(q.object, ox.Literal) else None
        if y is not None:
            doc_year[q.subject.value] = y

    node_docs: dict[str, set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, _z("mentionedIn"), None, None):
        s = q.subject.value
        if s in types:
            node_docs[s].add(q.object.value)

    # Observation years: obs zkg:about entity ; zkg:year y.
    obs_about: dict[str, str] = {}
    for q in store.quads_for_pattern(None, _z("about"), None, None):
        obs_about[q.subject.value] = q.object.value
    obs_years: dict[str, Counter] = defaultdict(Counter)
    for q in store.quads_for_pattern(None, _z("year"), None, None):
        e = obs_about.get(q.subject.value)
        y = _year(q.object) if isinstance(q.object, ox.Literal) else None
        if e in types and y is not None:
            obs_years[e][y] += 1

    attrs: dict[str, dict[str, str]] = defaultdict(dict)
    for local, key in (("level", "level"), ("approvalYear", "approval_year")):
        for q in store.quads_for_pattern(None, _z(local), None, None):
            s = q.subject.value
            if s in types:
                val = q.object.value
                attrs[s][key] = min(attrs[s].get(key, val), val)

    # Relations: (s, p, o) -> the graphs (documents) stating it.
    support: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for p in PREDICATES:
        for q in store.quads_for_pattern(None, _z(p), None, None):
            s, o = q.subject.value, q.object.value
            if s in types and o in types:
                support[(s, p, o)].add(_graph_name(q))
    # Memberships: person roleIn zone, per document.
    member: dict[tuple[str, str], str] = {}
    for q in store.quads_for_pattern(None, ORG_MEMBER, None, None):
        member[(q.subject.value, _graph_name(q))] = q.object.value
    for q in store.quads_for_pattern(None, ORG_ORGANIZATION, None, None):
        g = _graph_name(q)
        person = member.get((q.subject.value, g))
        org = q.object.value
        if person in types and org in types:
            support[(person, ROLE_PREDICATE, org)].add(g)

    G = nx.MultiDiGraph(name="ZoneKG entity network")
    for iri in sorted(types):
        docs = node_docs.get(iri, set())
        years = Counter(doc_year[d] for d in docs if d in doc_year)
        for y in obs_years.get(iri, ()):
            years.setdefault(y, 0)  # seen in an observation's year, though no document is dated then
        data = {
            "type": types[iri],
            "label": _pick_label(labels[iri]) if labels.get(iri) else iri.rsplit("/", 1)[-1],
            "documents": len(docs),
            "years": dict(sorted(years.items())),
            "first_year": min(years) if years else None,
            "last_year": max(years) if years else None,
            "province": "",
            "city": "",
        }
        a = attrs.get(iri, {})
        if "level" in a:
            data["level"] = a["level"]
        if "approval_year" in a:
            data["approval_year"] = _year(ox.Literal(a["approval_year"]))
        G.add_node(iri, **data)

    for (s, p, o), graphs in sorted(support.items()):
        years = Counter(doc_year[g] for g in graphs if g in doc_year)
        G.add_edge(
            s,
            o,
            key=p,
            predicate=p,
            weight=len(graphs),
            years=dict(sorted(years.items())),
            first_year=min(years) if years else None,
            last_year=max(years) if years else None,
        )
    _add_places(G)
    return G


def _graph_name(q: ox.Quad) -> str:
    g = q.graph_name
    return g.value if isinstance(g, ox.NamedNode) else ""


def _add_places(G: nx.MultiDiGraph) -> None:
    """Set province/city of zones from their locatedIn regions, and of parks from their zone."""
    located: dict[str, list[str]] = defaultdict(list)
    for s, o, k in G.edges(keys=True):
        if k == "locatedIn" and G.nodes[o]["type"] == "Region":
            located[s].append(G.nodes[o]["label"])
    cities: dict[str, str] = {}
    for s, regions in located.items():
        provs = sorted({p for r in regions if (p := province_name(r))})
        cits = sorted(r for r in regions if province_name(r) is None)
        if cits:
            cities[s] = cits[0]
            G.nodes[s]["city"] = "、".join(cits)
        if provs:
            G.nodes[s]["province"] = "、".join(provs)
    missing = {s: c for s, c in cities.items() if not G.nodes[s]["province"]}
    if missing:
        lookup = _cities_to_provinces(missing.values())
        for s, c in missing.items():
            G.nodes[s]["province"] = lookup.get(c, "")
    for s, o, k in G.edges(keys=True):
        if k == "hasPark" and G.nodes[o]["type"] == "Park" and not G.nodes[o]["province"]:
            G.nodes[o]["province"] = G.nodes[s]["province"]
            G.nodes[o]["city"] = G.nodes[s]["city"]


def analysis_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph the metrics run on: parallel relations merged, weights summed."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for s, o, w in G.edges(data="weight", default=1):
        if s == o:
            continue
        d = U.get_edge_data(s, o)
        if d is None:
            U.add_edge(s, o, weight=w)
        else:
            d["weight"] += w
    return U


def zone_items(G: nx.MultiDiGraph) -> dict[str, dict[str, set[str]]]:
    """zone IRI -> {predicate: item IRIs}: what the zone (or one of its parks) has, by relation."""
    parks: dict[str, set[str]] = defaultdict(set)
    for s, o, k in G.edges(keys=True):
        if k == "hasPark" and G.nodes[s]["type"] == "Zone":
            parks[s].add(o)
    items: dict[str, dict[str, set[str]]] = {}
    for z, d in G.nodes(data=True):
        if d["type"] != "Zone":
            continue
        own: dict[str, set[str]] = defaultdict(set)
        for holder in (z, *sorted(parks.get(z, ()))):
            for _, o, k in G.out_edges(holder, keys=True):
                if k in SHARED_KINDS:
                    own[k].add(o)
        items[z] = own
    return items


def zone_projection(G: nx.MultiDiGraph, *, max_listed: int = 20) -> nx.Graph:
    """Zones linked by what they share (see the module docstring).

    Edge attributes: weight (shared items), jaccard, shared_<kind> counts for
    enterprises/industries/reforms/programs/policies, `shared` (Chinese
    summary listing at most `max_listed` labels per kind) and
    `shared_items` (the sorted IRIs of all shared items).
    """
    items = zone_items(G)
    P = nx.Graph(name="ZoneKG zone projection")
    for z in sorted(items):
        d = G.nodes[z]
        P.add_node(
            z,
            **{
                k: d.get(k)
                for k in ("type", "label", "level", "province", "city", "documents", "years", "first_year", "last_year")
                if k in d
            },
        )
    holders: dict[str, list[str]] = defaultdict(list)  # item -> zones having it
    all_items = {z: set().union(*by.values()) if by else set() for z, by in items.items()}
    for z in sorted(items):
        for it in all_items[z]:
            holders[it].append(z)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for it in sorted(holders):
        zs = holders[it]
        for i in range(len(zs)):
            for j in range(i + 1, len(zs)):
                pairs[(zs[i], zs[j])].append(it)
    for (a, b), shared in sorted(pairs.items()):
        union = len(all_items[a] | all_items[b])
        data: dict[str, object] = {"weight": len(shared), "jaccard": round(len(shared) / union, 6) if union else 0.0}
        summary = []
        shared_set = set(shared)
        for p, (kind, zh) in SHARED_KINDS.items():
            common = sorted(items[a].get(p, set()) & items[b].get(p, set()) & shared_set)
            data[f"shared_{kind}"] = len(common)
            if common:
                names = sorted(G.nodes[x]["label"] for x in common)
                more = f"等{len(names)}个" if len(names) > max_listed else ""
                summary.append(f"{zh}：{'、'.join(names[:max_listed])}{more}")
        data["shared"] = "；".join(summary)
        data["shared_items"] = sorted(shared)
        # The link exists from when both zones are seen until the later one is last seen.
        firsts = [G.nodes[x].get("first_year") for x in (a, b)]
        lasts = [y for x in (a, b) if (y := G.nodes[x].get("last_year")) is not None]
        data["first_year"] = max(firsts) if None not in firsts else None
        data["last_year"] = max(lasts) if lasts else None
        P.add_edge(a, b, **data)
    return P
