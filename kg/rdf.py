"""Extraction -> RDF, in the document's own named graph, written as N-Quads text.

Design of provenance: every document's facts live in the named graph whose
IRI is the document's IRI, so re-ingesting a document replaces exactly its
graph. Each relation is stated twice in that graph: as the plain triple
(zone zkg:hasPark park), which users query, and as a zkg:Statement (an
rdf:Statement with rdf:subject/predicate/object) carrying the evidence
sentence, its offsets, the rule and the confidence, linked to the document
with prov:wasDerivedFrom.

The mapping writes N-Quads lines directly (`extraction_nquads`), because
that is what workers send to the store's bulk loader: making ~260 pyoxigraph
Quad objects per document only to serialize them cost 3x as much.
`extraction_quads` parses the same text, so there is one mapping. The
escaping is the N-Quads serializer's own (tests compare it byte for byte).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab as v
from kg.model import Evidence, Extraction

# ----------------------------------------------------------------- N-Quads terms

_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_NAMED_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape_char(m: re.Match) -> str:
    c = m.group()
    return _NAMED_ESCAPES.get(c) or f"\\u{ord(c):04X}"


def _quoted(text: str) -> str:
    """A string literal's lexical form in N-Quads quotes, escaped as pyoxigraph's serializer does."""
    return '"' + (_ESCAPE.sub(_escape_char, text) if _ESCAPE.search(text) else text) + '"'


def _zh(text: str) -> str:
    return _quoted(text) + "@zh"


def _decimal_lex(x: float) -> str:
    """xsd:decimal lexical form without exponent or float noise."""
    d = Decimal(repr(float(x))).normalize()
    text = format(d, "f")
    if "." not in text:
        text += ".0"
    return text


_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_checked: set[str] = set()


def _z(local: str) -> str:
    """<zkg:local>; a local name from the extractor (a type, a predicate) must be a plain name,
    because the store's loader trusts these IRIs (it loads them without validating)."""
    if local not in _checked:
        if not _LOCAL_NAME.fullmatch(local):
            raise ValueError(f"not a valid ontology term name: {local!r}")
        _checked.add(local)
    return f"<{v.ZKG}{local}>"


_DECIMAL = f"^^<{v.XSD}decimal>"
_INTEGER = f"^^<{v.XSD}integer>"
_GYEAR = f"^^<{v.XSD}gYear>"
_DATE = f"^^<{v.XSD}date>"

TYPE = f"<{v.RDF}type>"
LABEL = f"<{v.RDFS}label>"
ALT_LABEL = f"<{v.SKOS}altLabel>"
DERIVED = f"<{v.PROV}wasDerivedFrom>"
TITLE, DATE = f"<{v.DCT}title>", f"<{v.DCT}date>"
SUBJECT, PREDICATE, OBJECT = f"<{v.RDF}subject>", f"<{v.RDF}predicate>", f"<{v.RDF}object>"
MEMBER, ORGANIZATION = f"<{v.ORG}member>", f"<{v.ORG}organization>"
EVIDENCE, START, END, RULE, CONFIDENCE = (_z(x) for x in ("evidence", "startOffset", "endOffset", "rule", "confidence"))
STATEMENT, OBSERVATION, MEMBERSHIP = _z("Statement"), _z("Observation"), _z("Membership")

# ------------------------------------------------------- Literals for other modules


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def decimal(x: float) -> Literal:
    """An xsd:decimal literal written without exponent or float noise."""
    return Literal(_decimal_lex(x), datatype=NamedNode(v.XSD + "decimal"))


def integer(n: int) -> Literal:
    return Literal(str(int(n)), datatype=NamedNode(v.XSD + "integer"))


def gyear(year: int) -> Literal:
    return Literal(f"{int(year):04d}", datatype=NamedNode(v.XSD + "gYear"))


# ------------------------------------------------------------------ the mapping


def _provenance(stmt: str, doc: str, ev: Evidence, rule: str, conf: float, g: str) -> Iterator[str]:
    yield f"{stmt} {DERIVED} {doc} {g} .\n"
    yield f"{stmt} {EVIDENCE} {_zh(ev.sentence)} {g} .\n"
    yield f'{stmt} {START} "{int(ev.start)}"{_INTEGER} {g} .\n'
    yield f'{stmt} {END} "{int(ev.end)}"{_INTEGER} {g} .\n'
    if rule:
        yield f"{stmt} {RULE} {_quoted(rule)} {g} .\n"
    yield f'{stmt} {CONFIDENCE} "{_decimal_lex(round(conf, 4))}"{_DECIMAL} {g} .\n'


def _lines(ex: Extraction) -> Iterator[str]:
    d = ex.doc
    g = doc = f"<{v.document_iri(d.doc_id)}>"
    yield f"{doc} {TYPE} {_z('Document')} {g} .\n"
    if d.title:
        yield f"{doc} {TITLE} {_zh(d.title)} {g} .\n"
    if d.date:
        yield f"{doc} {DATE} {_quoted(d.date)}{_DATE if len(d.date) == 10 else _GYEAR} {g} .\n"
    if d.sha256:
        yield f"{doc} {_z('sha256')} {_quoted(d.sha256)} {g} .\n"
    if d.path:
        yield f"{doc} {_z('sourcePath')} {_quoted(d.path)} {g} .\n"
    yield f"{doc} {_z('encoding')} {_quoted(d.encoding)} {g} .\n"

    iri_of: dict[str, str] = {}
    mentioned = f"{_z('mentionedIn')} {doc} {g} .\n"
    for e in ex.entities:
        node = iri_of[e.key] = f"<{v.entity_iri(e.type, e.key)}>"
        yield f"{node} {TYPE} {_z(e.type)} {g} .\n"
        yield f"{node} {LABEL} {_zh(e.name)} {g} .\n"
        for alias in sorted(e.aliases - {e.name}):
            yield f"{node} {ALT_LABEL} {_zh(alias)} {g} .\n"
        yield f"{node} {mentioned}"
        level = e.attrs.get("level")
        if level:
            yield f"{node} {_z('level')} {_quoted(str(level))} {g} .\n"
        year = e.attrs.get("approval_year")
        if year:
            yield f'{node} {_z("approvalYear")} "{int(year):04d}"{_GYEAR} {g} .\n'

    for f in ex.facts:
        s, o = iri_of.get(f.subject), iri_of.get(f.object)
        if s is None or o is None:
            raise ValueError(f"{d.doc_id}: fact {f.subject} {f.predicate} {f.object} names an unknown entity")
        p = _z(f.predicate)
        yield f"{s} {p} {o} {g} .\n"
        stmt = f"<{v.fact_iri(d.doc_id, f.subject, f.predicate, f.object, f.evidence.start)}>"
        yield f"{stmt} {TYPE} {STATEMENT} {g} .\n"
        yield f"{stmt} {SUBJECT} {s} {g} .\n"
        yield f"{stmt} {PREDICATE} {p} {g} .\n"
        yield f"{stmt} {OBJECT} {o} {g} .\n"
        yield from _provenance(stmt, doc, f.evidence, f.rule, f.confidence, g)

    for i in ex.indicators:
        s = iri_of.get(i.subject)
        if s is None:
            raise ValueError(f"{d.doc_id}: indicator {i.name} is about an unknown entity {i.subject}")
        obs = f"<{v.fact_iri(d.doc_id, 'obs', i.subject, i.name, i.value, i.unit, i.evidence.start)}>"
        yield f"{obs} {TYPE} {OBSERVATION} {g} .\n"
        yield f"{obs} {_z('about')} {s} {g} .\n"
        yield f"{obs} {_z('indicator')} {_zh(i.name)} {g} .\n"
        yield f'{obs} {_z("value")} "{_decimal_lex(i.value)}"{_DECIMAL} {g} .\n'
        yield f"{obs} {_z('unit')} {_zh(i.unit)} {g} .\n"
        if i.year is not None:
            yield f'{obs} {_z("year")} "{int(i.year):04d}"{_GYEAR} {g} .\n'
        if i.growth_pct is not None:
            yield f'{obs} {_z("growthRate")} "{_decimal_lex(i.growth_pct)}"{_DECIMAL} {g} .\n'
        yield from _provenance(obs, doc, i.evidence, i.rule, i.confidence, g)

    for r in ex.roles:
        person = iri_of.get(r.person)
        if person is None:
            continue
        m = f"<{v.fact_iri(d.doc_id, 'role', r.person, r.title, r.evidence.start)}>"
        yield f"{m} {TYPE} {MEMBERSHIP} {g} .\n"
        yield f"{m} {MEMBER} {person} {g} .\n"
        if r.zone and r.zone in iri_of:
            yield f"{m} {ORGANIZATION} {iri_of[r.zone]} {g} .\n"
        yield f"{m} {_z('roleTitle')} {_zh(r.title)} {g} .\n"
        yield from _provenance(m, doc, r.evidence, r.rule, r.confidence, g)


def extraction_nquads(ex: Extraction) -> tuple[bytes, int]:
    """One document's extraction as N-Quads (UTF-8) in the document's graph, and the number of quads."""
    lines = list(_lines(ex))
    return "".join(lines).encode("utf-8"), len(lines)


def extraction_quads(ex: Extraction) -> Iterator[Quad]:
    """The same quads as pyoxigraph objects (parsed from `extraction_nquads`, so the two never differ)."""
    data, _ = extraction_nquads(ex)
    return ox.parse(data, format=ox.RdfFormat.N_QUADS)
