"""Extraction -> RDF quads, in the document's own named graph.

Design of provenance: every document's facts live in the named graph whose
IRI is the document's IRI, so re-ingesting a document replaces exactly its
graph. Each relation is stated twice in that graph: as the plain triple
(zone zkg:hasPark park), which users query, and as a zkg:Statement (an
rdf:Statement with rdf:subject/predicate/object) carrying the evidence
sentence, its offsets, the rule and the confidence, linked to the document
with prov:wasDerivedFrom.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab as v
from kg.model import Evidence, Extraction

_nn_cache: dict[str, NamedNode] = {}


def nn(iri: str) -> NamedNode:
    node = _nn_cache.get(iri)
    if node is None:
        if len(_nn_cache) > 10000:
            _nn_cache.clear()
        node = _nn_cache[iri] = NamedNode(iri)
    return node


def z(local: str) -> NamedNode:
    return nn(v.ZKG + local)


RDF_TYPE = nn(v.RDF + "type")
RDFS_LABEL = nn(v.RDFS + "label")
SKOS_ALT = nn(v.SKOS + "altLabel")
PROV_DERIVED = nn(v.PROV + "wasDerivedFrom")
DCT_TITLE = nn(v.DCT + "title")
DCT_DATE = nn(v.DCT + "date")
XSD_DECIMAL = nn(v.XSD + "decimal")
XSD_INTEGER = nn(v.XSD + "integer")
XSD_GYEAR = nn(v.XSD + "gYear")
XSD_DATE = nn(v.XSD + "date")
ORG_MEMBER = nn(v.ORG + "member")
ORG_ORGANIZATION = nn(v.ORG + "organization")


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def decimal(x: float) -> Literal:
    """An xsd:decimal literal written without exponent or float noise."""
    d = Decimal(repr(float(x))).normalize()
    text = format(d, "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD_DECIMAL)


def integer(n: int) -> Literal:
    return Literal(str(int(n)), datatype=XSD_INTEGER)


def gyear(year: int) -> Literal:
    return Literal(f"{int(year):04d}", datatype=XSD_GYEAR)


def _provenance(stmt: NamedNode, doc: NamedNode, ev: Evidence, rule: str, conf: float, g: NamedNode):
    yield Quad(stmt, PROV_DERIVED, doc, g)
    yield Quad(stmt, z("evidence"), zh(ev.sentence), g)
    yield Quad(stmt, z("startOffset"), integer(ev.start), g)
    yield Quad(stmt, z("endOffset"), integer(ev.end), g)
    if rule:
        yield Quad(stmt, z("rule"), Literal(rule), g)
    yield Quad(stmt, z("confidence"), decimal(round(conf, 4)), g)


def extraction_quads(ex: Extraction) -> Iterator[Quad]:
    """All quads for one document's extraction, in the document's graph."""
    d = ex.doc
    g = nn(v.document_iri(d.doc_id))
    doc = g
    yield Quad(doc, RDF_TYPE, z("Document"), g)
    if d.title:
        yield Quad(doc, DCT_TITLE, zh(d.title), g)
    if d.date:
        dt = XSD_DATE if len(d.date) == 10 else XSD_GYEAR
        yield Quad(doc, DCT_DATE, Literal(d.date, datatype=dt), g)
    if d.sha256:
        yield Quad(doc, z("sha256"), Literal(d.sha256), g)
    if d.path:
        yield Quad(doc, z("sourcePath"), Literal(d.path), g)
    yield Quad(doc, z("encoding"), Literal(d.encoding), g)

    iri_of: dict[str, NamedNode] = {}
    for e in ex.entities:
        node = nn(v.entity_iri(e.type, e.key))
        iri_of[e.key] = node
        yield Quad(node, RDF_TYPE, z(e.type), g)
        yield Quad(node, RDFS_LABEL, zh(e.name), g)
        for alias in sorted(e.aliases - {e.name}):
            yield Quad(node, SKOS_ALT, zh(alias), g)
        yield Quad(node, z("mentionedIn"), doc, g)
        level = e.attrs.get("level")
        if level:
            yield Quad(node, z("level"), Literal(str(level)), g)
        year = e.attrs.get("approval_year")
        if year:
            yield Quad(node, z("approvalYear"), gyear(int(year)), g)

    for f in ex.facts:
        s, o = iri_of.get(f.subject), iri_of.get(f.object)
        if s is None or o is None:
            raise ValueError(f"{d.doc_id}: fact {f.subject} {f.predicate} {f.object} names an unknown entity")
        p = z(f.predicate)
        yield Quad(s, p, o, g)
        stmt = nn(v.fact_iri(d.doc_id, f.subject, f.predicate, f.object, f.evidence.start))
        yield Quad(stmt, RDF_TYPE, z("Statement"), g)
        yield Quad(stmt, nn(v.RDF + "subject"), s, g)
        yield Quad(stmt, nn(v.RDF + "predicate"), p, g)
        yield Quad(stmt, nn(v.RDF + "object"), o, g)
        yield from _provenance(stmt, doc, f.evidence, f.rule, f.confidence, g)

    for i in ex.indicators:
        s = iri_of.get(i.subject)
        if s is None:
            raise ValueError(f"{d.doc_id}: indicator {i.name} is about an unknown entity {i.subject}")
        obs = nn(v.fact_iri(d.doc_id, "obs", i.subject, i.name, i.value, i.unit, i.evidence.start))
        yield Quad(obs, RDF_TYPE, z("Observation"), g)
        yield Quad(obs, z("about"), s, g)
        yield Quad(obs, z("indicator"), zh(i.name), g)
        yield Quad(obs, z("value"), decimal(i.value), g)
        yield Quad(obs, z("unit"), zh(i.unit), g)
        if i.year is not None:
            yield Quad(obs, z("year"), gyear(i.year), g)
        if i.growth_pct is not None:
            yield Quad(obs, z("growthRate"), decimal(i.growth_pct), g)
        yield from _provenance(obs, doc, i.evidence, i.rule, i.confidence, g)

    for r in ex.roles:
        person = iri_of.get(r.person)
        if person is None:
            continue
        m = nn(v.fact_iri(d.doc_id, "role", r.person, r.title, r.evidence.start))
        yield Quad(m, RDF_TYPE, z("Membership"), g)
        yield Quad(m, ORG_MEMBER, person, g)
        if r.zone and r.zone in iri_of:
            yield Quad(m, ORG_ORGANIZATION, iri_of[r.zone], g)
        yield Quad(m, z("roleTitle"), zh(r.title), g)
        yield from _provenance(m, doc, r.evidence, r.rule, r.confidence, g)
