"""Scoring against the hand-made gold files (rules of shared/gold/README.md).

The prediction is one merged graph: entity nodes (type + every name), relations
between nodes, and indicators. It can come from extractions directly (fast,
for development) or from a built store (what `kg eval` scores).
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import SCORED_TYPES, Extraction

_STRIP = dict.fromkeys(map(ord, "“”‘’\"'《》〈〉「」『』"), None)


def norm(name: str) -> str:
    """NFKC, whitespace removed, quotes and book marks removed."""
    s = unicodedata.normalize("NFKC", name)
    return "".join(s.split()).translate(_STRIP)


@dataclass
class PEntity:
    id: str
    type: str
    names: list[str]  # canonical first
    docs: set[str] = field(default_factory=set)


@dataclass
class PIndicator:
    subject: str  # PEntity id
    name: str
    value: float
    unit: str
    year: int | None
    doc: str = ""


@dataclass
class Prediction:
    entities: dict[str, PEntity] = field(default_factory=dict)
    relations: set[tuple[str, str, str]] = field(default_factory=set)
    relation_docs: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    indicators: list[PIndicator] = field(default_factory=list)

    def only_doc(self, doc: str) -> Prediction:
        """The part of the prediction read in one document."""
        p = Prediction()
        p.entities = {k: e for k, e in self.entities.items() if doc in e.docs}
        p.relations = {r for r in self.relations if doc in self.relation_docs.get(r, ())}
        p.indicators = [i for i in self.indicators if i.doc == doc]
        return p


def prediction_from_extractions(extractions: Iterable[Extraction]) -> Prediction:
    """Merge per-document extractions the way the store does: one node per (type, key)."""
    pred = Prediction()
    for ex in extractions:
        doc = ex.doc.doc_id
        ids = {}
        for e in ex.entities:
            pid = f"{e.type}|{e.key}"
            ids[e.key] = pid
            pe = pred.entities.get(pid)
            if pe is None:
                pe = pred.entities[pid] = PEntity(pid, e.type, [e.name])
            for n in [e.name, *sorted(e.aliases)]:
                if n not in pe.names:
                    pe.names.append(n)
            pe.docs.add(doc)
        for f in ex.facts:
            r = (ids[f.subject], f.predicate, ids[f.object])
            pred.relations.add(r)
            pred.relation_docs.setdefault(r, set()).add(doc)
        for i in ex.indicators:
            pred.indicators.append(PIndicator(ids[i.subject], i.name, i.value, i.unit, i.year, doc))
    return pred


def prediction_from_store(store) -> Prediction:
    """Read the merged graph back from a pyoxigraph store (union of document graphs)."""
    from kg import vocab as v

    zkg = v.ZKG
    pred = Prediction()
    types = ", ".join(f"<{zkg}{t}>" for t in (*SCORED_TYPES, "Organization", "Person", "Region"))
    q = f"""SELECT ?e ?t ?label ?g WHERE {{ GRAPH ?g {{ ?e a ?t ; <{v.RDFS}label> ?label . }}
             FILTER(?t IN ({types})) }}"""
    for s in store.query(q):
        pid = s["e"].value
        pe = pred.entities.get(pid)
        if pe is None:
            pe = pred.entities[pid] = PEntity(pid, s["t"].value.removeprefix(zkg), [])
        if s["label"].value not in pe.names:
            pe.names.insert(0, s["label"].value)
        pe.docs.add(_doc_id(s["g"].value))
    q = f"SELECT ?e ?alt WHERE {{ GRAPH ?g {{ ?e <{v.SKOS}altLabel> ?alt }} }}"
    for s in store.query(q):
        pe = pred.entities.get(s["e"].value)
        if pe is not None and s["alt"].value not in pe.names:
            pe.names.append(s["alt"].value)
    preds = " ".join(f"<{zkg}{p}>" for p in ("hasPark", "hasEnterprise", "adoptsPolicy", "implementsReform", "runsProgram", "focusesOn"))
    q = f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?p {{ {preds} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    for s in store.query(q):
        r = (s["s"].value, s["p"].value.removeprefix(zkg), s["o"].value)
        pred.relations.add(r)
        pred.relation_docs.setdefault(r, set()).add(_doc_id(s["g"].value))
    q = f"""SELECT ?s ?name ?value ?unit ?year ?g WHERE {{ GRAPH ?g {{
        ?obs a <{zkg}Observation> ; <{zkg}about> ?s ; <{zkg}indicator> ?name ; <{zkg}value> ?value ; <{zkg}unit> ?unit .
        OPTIONAL {{ ?obs <{zkg}year> ?year }} }} }}"""
    for s in store.query(q):
        year = s["year"]
        pred.indicators.append(
            PIndicator(
                s["s"].value,
                s["name"].value,
                float(s["value"].value),
                s["unit"].value,
                int(str(year.value)[:4]) if year is not None else None,
                _doc_id(s["g"].value),
            )
        )
    return pred


def _doc_id(graph_iri: str) -> str:
    from urllib.parse import unquote

    return unquote(graph_iri.rsplit("/", 1)[-1])


# ------------------------------------------------------------------ gold


@dataclass
class GEntity:
    id: int
    type: str
    alt_types: set[str]
    names: set[str]  # normalised
    canonical: str
    optional: bool
    docs: set[str] = field(default_factory=set)


@dataclass
class Gold:
    entities: list[GEntity]
    relations: set[tuple[int, str, int]]
    relation_docs: dict[tuple[int, str, int], set[str]]
    indicators: list[dict]
    docs: list[str]

    def only_doc(self, doc: str) -> Gold:
        return Gold(
            [e for e in self.entities if doc in e.docs],
            {r for r in self.relations if doc in self.relation_docs[r]},
            self.relation_docs,
            [i for i in self.indicators if i["doc"] == doc],
            [doc],
        )


def load_gold(gold_dir: str | Path) -> Gold:
    """Read every gold file and merge entities that share a type and a name or alias."""
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold *.json files in {gold_dir}")
    entities: list[GEntity] = []
    by_key: dict[tuple[str, str], GEntity] = {}
    relations: set[tuple[int, str, int]] = set()
    relation_docs: dict[tuple[int, str, int], set[str]] = defaultdict(set)
    indicators: list[dict] = []
    docs = []
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        doc = Path(data.get("doc", f.stem)).stem
        docs.append(doc)
        local: dict[str, list[GEntity]] = defaultdict(list)
        for e in data.get("entities", []):
            ordered = [norm(e["name"]), *(norm(a) for a in e.get("aliases") or [])]
            names = set(ordered)
            match = None
            for n in ordered:  # (in the file's order, name first: a set's order changes with the hash seed)
                match = by_key.get((e["type"], n))
                if match:
                    break
            if match is None:
                match = GEntity(len(entities), e["type"], set(), set(), norm(e["name"]), bool(e.get("optional")))
                entities.append(match)
            else:
                match.optional = match.optional and bool(e.get("optional"))
            match.alt_types |= set(e.get("alt_types") or [])
            match.names |= names
            match.docs.add(doc)
            for n in names:
                by_key[(e["type"], n)] = match
            local[norm(e["name"])].append(match)
        for r in data.get("relations", []):
            s = local.get(norm(r["s"]))
            o = local.get(norm(r["o"]))
            if not s or not o:
                raise ValueError(f"{f.name}: relation {r['s']} {r['p']} {r['o']} names an entity not in the file")
            key = (s[0].id, r["p"], o[0].id)
            relations.add(key)
            relation_docs[key].add(doc)
        for i in data.get("indicators", []):
            s = local.get(norm(i["s"]))
            indicators.append({**i, "doc": doc, "sid": s[0].id if s else None})
    return Gold(entities, relations, relation_docs, indicators, docs)


# --------------------------------------------------------------- scoring


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Report:
    entities: dict[str, PRF]
    relations: dict[str, PRF]
    indicators: PRF
    indicator_year_ok: int
    false_positives: list[str]
    misses: list[str]

    @property
    def entity_micro(self) -> PRF:
        m = PRF()
        for v in self.entities.values():
            m.add(v)
        return m

    @property
    def relation_micro(self) -> PRF:
        m = PRF()
        for v in self.relations.values():
            m.add(v)
        return m

    @property
    def year_share(self) -> float:
        return self.indicator_year_ok / self.indicators.tp if self.indicators.tp else 0.0


def _gold_index(gold: Gold) -> dict[str, list[GEntity]]:
    idx: dict[str, list[GEntity]] = defaultdict(list)
    for g in gold.entities:
        for n in g.names:
            idx[n].append(g)
    return idx


def _matches(names: list[str], idx: dict[str, list[GEntity]], type_: str | None = None) -> list[GEntity]:
    """Gold entities a predicted node matches: canonical name first, then aliases."""
    for n in names:
        found = [g for g in idx.get(norm(n), []) if type_ is None or type_ == g.type or type_ in g.alt_types]
        if found:
            return found
    return []


def score(pred: Prediction, gold: Gold) -> Report:
    """Score a merged prediction against merged gold."""
    idx = _gold_index(gold)
    ents = {t: PRF() for t in SCORED_TYPES}
    fps: list[str] = []
    misses: list[str] = []
    found: set[int] = set()
    # Entities: deterministic order so that duplicates are judged the same way every run.
    for pe in sorted(pred.entities.values(), key=lambda e: (e.type, e.names[0], e.id)):
        if pe.type not in SCORED_TYPES:
            continue
        cands = _matches(pe.names, idx, pe.type)
        if not cands:
            ents[pe.type].fp += 1
            fps.append(f"entity {pe.type} {pe.names[0]}")
            continue
        req = [g for g in cands if not g.optional]
        if not req:
            continue  # optional: neither rewarded nor penalised
        fresh = [g for g in req if g.id not in found]
        if fresh:
            found.add(fresh[0].id)
            ents[pe.type].tp += 1
        else:
            ents[pe.type].fp += 1
            fps.append(f"entity {pe.type} {pe.names[0]} (duplicate node)")
    for g in gold.entities:
        if g.type in SCORED_TYPES and not g.optional and g.id not in found:
            ents[g.type].fn += 1
            misses.append(f"entity {g.type} {g.canonical}")

    # Relations, lifted through hasPark.
    rels = set(pred.relations)
    parks_of: dict[str, set[str]] = defaultdict(set)
    for s, p, o in pred.relations:
        if p == "hasPark":
            parks_of[o].add(s)
    for s, p, o in pred.relations:
        for zone in parks_of.get(s, ()):
            rels.add((zone, p, o))
    gold_by_pred: dict[str, set[tuple[int, str, int]]] = defaultdict(set)
    for r in gold.relations:
        gold_by_pred[r[1]].add(r)
    preds = sorted({r[1] for r in gold.relations} | {r[1] for r in rels if r[1] != "locatedIn"})
    relp = {p: PRF() for p in preds}
    gold_ents = {g.id: g for g in gold.entities}
    found_r: set[tuple[int, str, int]] = set()
    for s, p, o in sorted(rels):
        if p == "locatedIn":
            continue
        se, oe = pred.entities.get(s), pred.entities.get(o)
        sm = _matches(se.names, idx) if se else []
        om = _matches(oe.names, idx) if oe else []
        if any(g.optional for g in sm) or any(g.optional for g in om):
            if not any((a.id, p, b.id) in gold.relations and not (a.optional or b.optional) for a in sm for b in om):
                continue
        hits = [(a.id, p, b.id) for a in sm for b in om if (a.id, p, b.id) in gold.relations]
        label = f"{p} {se.names[0] if se else s} -> {oe.names[0] if oe else o}"
        if not hits:
            relp[p].fp += 1
            fps.append(f"relation {label}")
            continue
        fresh = [h for h in hits if h not in found_r]
        if fresh:
            found_r.add(fresh[0])
            relp[p].tp += 1
        else:
            relp[p].fp += 1
            fps.append(f"relation {label} (duplicate)")
    for r in sorted(gold.relations):
        a, p, b = gold_ents[r[0]], r[1], gold_ents[r[2]]
        if a.optional or b.optional:
            continue
        if r not in found_r:
            relp[p].fn += 1
            misses.append(f"relation {p} {a.canonical} -> {b.canonical}")

    # Indicators: (subject, value to 0.01, unit).
    ind = PRF()
    year_ok = 0
    used: set[int] = set()
    for pi in pred.indicators:
        pe = pred.entities.get(pi.subject)
        sids = {g.id for g in _matches(pe.names, idx)} if pe else set()
        cands = [
            k
            for k, gi in enumerate(gold.indicators)
            if k not in used
            and gi["sid"] in sids
            and abs(float(gi["value"]) - pi.value) <= 0.01
            and norm(gi["unit"]) == norm(pi.unit)
        ]
        # Among equal (subject, value, unit) gold figures, take the one whose year agrees,
        # so the score does not depend on the order predictions come in.
        hit = next((k for k in cands if gold.indicators[k].get("year") == pi.year), cands[0] if cands else None)
        if hit is None:
            ind.fp += 1
            fps.append(f"indicator {pe.names[0] if pe else pi.subject} {pi.name} {pi.value:g}{pi.unit}")
        else:
            used.add(hit)
            ind.tp += 1
            if gold.indicators[hit].get("year") == pi.year:
                year_ok += 1
    for k, gi in enumerate(gold.indicators):
        if k not in used:
            ind.fn += 1
            misses.append(f"indicator {gi['s']} {gi['name']} {gi['value']:g}{gi['unit']}")
    return Report(ents, relp, ind, year_ok, fps, misses)


def format_report(report: Report, baseline: Report | None = None, title: str = "") -> str:
    """A plain-text table: per type, per predicate, micro-averages, indicators."""
    cols = "  P      R      F1     TP   FP   FN"
    head = f"{'':28}{cols}" + (f"   | baseline{cols}" if baseline else "")
    lines = [title, head] if title else [head]

    def row(label: str, a: PRF, b: PRF | None) -> str:
        s = f"{label:28}{a.precision:6.3f} {a.recall:6.3f} {a.f1:6.3f} {a.tp:5d}{a.fp:5d}{a.fn:5d}"
        if baseline is not None:
            b = b or PRF()
            s += f"   | {'':8}{b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f} {b.tp:5d}{b.fp:5d}{b.fn:5d}"
        return s

    for t, prf in report.entities.items():
        lines.append(row(f"entity {t}", prf, baseline.entities.get(t) if baseline else None))
    lines.append(row("entity micro", report.entity_micro, baseline.entity_micro if baseline else None))
    for p, prf in report.relations.items():
        lines.append(row(f"relation {p}", prf, baseline.relations.get(p) if baseline else None))
    lines.append(row("relation micro", report.relation_micro, baseline.relation_micro if baseline else None))
    lines.append(row("indicators", report.indicators, baseline.indicators if baseline else None))
    lines.append(f"{'indicator year right':28}{report.year_share:6.3f} of {report.indicators.tp} matches")
    return "\n".join(lines)
