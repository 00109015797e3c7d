"""What is in the store: documents, entities per type, facts per relation, observations."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import vocab as v
from kg.model import ENTITY_TYPES, PREDICATES


@dataclass
class Stats:
    documents: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    facts: dict[str, int] = field(default_factory=dict)
    observations: int = 0
    roles: int = 0
    quads: int = 0
    graphs: int = 0


def _count(store: ox.Store, where: str) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
    for s in store.query(q, use_default_graph_as_union=True):
        return int(s["n"].value)
    return 0


def stats(store: ox.Store) -> Stats:
    """Counts over the union of all graphs (an entity in three documents counts once)."""
    z = v.ZKG
    out = Stats()
    out.documents = _count(store, f"SELECT DISTINCT ?d WHERE {{ ?d a <{z}Document> }}")
    for t in ENTITY_TYPES:
        out.entities[t] = _count(store, f"SELECT DISTINCT ?e WHERE {{ ?e a <{z}{t}> }}")
    for p in PREDICATES:
        out.facts[p] = _count(store, f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{z}{p}> ?o }}")
    out.observations = _count(store, f"SELECT DISTINCT ?o WHERE {{ ?o a <{z}Observation> }}")
    out.roles = _count(store, f"SELECT DISTINCT ?m WHERE {{ ?m a <{z}Membership> }}")
    out.quads = len(store)
    out.graphs = sum(1 for _ in store.named_graphs())
    return out


def format_stats(s: Stats) -> str:
    lines = [f"documents     {s.documents}", "entities"]
    lines += [f"  {t:13}{n}" for t, n in s.entities.items()]
    lines.append("facts")
    lines += [f"  {p:17}{n}" for p, n in s.facts.items()]
    lines += [f"observations  {s.observations}", f"roles         {s.roles}", f"quads         {s.quads}", f"named graphs  {s.graphs}"]
    return "\n".join(lines)
