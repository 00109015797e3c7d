"""The extractor's output: plain dataclasses, no RDF, no store.

Data flows one way: text -> mentions -> entities and facts (this module's
types) -> triples (kg.rdf) -> store. Everything here is picklable so that
extraction can run in worker processes or on a cluster.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = (
    "Zone",
    "Park",
    "Enterprise",
    "Policy",
    "Reform",
    "Program",
    "Industry",
    "Organization",
    "Person",
    "Region",
)
SCORED_TYPES = ("Zone", "Park", "Enterprise", "Policy", "Reform", "Program", "Industry")
PREDICATES = (
    "hasPark",
    "hasEnterprise",
    "adoptsPolicy",
    "implementsReform",
    "runsProgram",
    "focusesOn",
    "locatedIn",
)


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: document id, the sentence, its offsets in the document text."""

    doc_id: str
    sentence: str
    start: int  # character offset of the sentence in the document text
    end: int


@dataclass
class Entity:
    """A typed thing named in a document.

    `key` is the identity across documents: two entities with the same key are
    one node with one IRI (e.g. every way of writing 海口高新区 has key
    "Zone:海口:高新区"). It must depend only on the names, never on the
    document, so IRIs are stable across rebuilds.
    """

    key: str
    type: str
    name: str  # canonical name
    aliases: set[str] = field(default_factory=set)
    mentions: list[Evidence] = field(default_factory=list)
    # Optional attributes: level ("national"/"provincial"), approval_year (int),
    # province, city (str), role (for Person), zone (key, for Person).
    attrs: dict[str, object] = field(default_factory=dict)


@dataclass
class Fact:
    """A relation between two entities (by key) with its evidence and how it was found."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    rule: str = ""
    confidence: float = 1.0


@dataclass
class Indicator:
    """A numeric statistic about a zone or park (an Observation in the graph)."""

    subject: str  # entity key of the zone or park
    name: str  # indicator name as the text gives it
    value: float
    unit: str
    evidence: Evidence
    year: int | None = None
    growth_pct: float | None = None
    rule: str = ""
    confidence: float = 1.0


@dataclass
class Role:
    """A named person holding a title in an organisation or zone (党工委书记 …)."""

    person: str  # entity key of the Person
    title: str
    zone: str | None  # entity key of the zone, when stated
    evidence: Evidence
    rule: str = ""
    confidence: float = 1.0


@dataclass
class Document:
    """A source document, decoded to text."""

    doc_id: str
    text: str
    path: str = ""
    sha256: str = ""
    encoding: str = "utf-8"
    title: str = ""
    date: str | None = None  # ISO date (YYYY-MM-DD or YYYY) when the text states one


@dataclass
class Extraction:
    """Everything the extractor found in one document."""

    doc: Document
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
