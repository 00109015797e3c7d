"""Namespaces and IRI minting: the one place where ZoneKG's IRIs are decided.

Entity IRIs are derived from the entity key alone (a hash of it), so the same
thing gets the same IRI in every document and on every rebuild.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

ZKG = "https://w3id.org/zonekg/ontology#"
ID = "https://w3id.org/zonekg/id/"
GRAPH = "https://w3id.org/zonekg/graph/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
QB = "http://purl.org/linked-data/cube#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "zkg": ZKG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCT,
    "schema": SCHEMA,
    "org": ORG,
    "qb": QB,
}

# Named graphs that are not documents.
ONTOLOGY_GRAPH = GRAPH + "ontology"
METRICS_GRAPH = GRAPH + "metrics"

_TYPE_SEGMENT = {
    "Zone": "zone",
    "Park": "park",
    "Enterprise": "enterprise",
    "Policy": "policy",
    "Reform": "reform",
    "Program": "program",
    "Industry": "industry",
    "Organization": "organization",
    "Person": "person",
    "Region": "region",
}


def _digest(text: str, n: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def entity_iri(entity_type: str, key: str) -> str:
    """The IRI of an entity: depends only on its type and key."""
    return f"{ID}{_TYPE_SEGMENT[entity_type]}/{_digest(key)}"


def document_iri(doc_id: str) -> str:
    """The IRI of a document; it is also the name of the graph holding the document's facts."""
    return f"{ID}doc/{quote(doc_id, safe='')}"


def fact_iri(doc_id: str, *parts: object) -> str:
    """IRI of one statement (fact, observation, role) read in one document."""
    return f"{ID}stmt/{_digest(doc_id + '|' + '|'.join(map(str, parts)), 20)}"


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to prepend to user queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
