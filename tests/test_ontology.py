"""The ontology: the public local names exist, every term is labelled in Chinese and English and commented."""

from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

ZKG = rdflib.Namespace("https://w3id.org/zonekg/ontology#")
TTL = Path(__file__).resolve().parent.parent / "ontology" / "zonekg.ttl"

CLASSES = "Zone Park Enterprise Policy Reform Program Industry Organization Person Region Document Observation".split()
OBJECT_PROPERTIES = "hasPark hasEnterprise adoptsPolicy implementsReform runsProgram focusesOn locatedIn".split()
OBSERVATION_PROPERTIES = "about indicator value unit year growthRate".split()


def _graph():
    g = rdflib.Graph()
    g.parse(TTL)
    return g


def test_contract_terms_exist_with_the_right_kind():
    g = _graph()
    for c in CLASSES:
        assert (ZKG[c], RDF.type, OWL.Class) in g, c
    for p in OBJECT_PROPERTIES:
        assert (ZKG[p], RDF.type, OWL.ObjectProperty) in g, p
    for p in OBSERVATION_PROPERTIES:
        assert (ZKG[p], RDFS.domain, ZKG.Observation) in g, p
    assert (ZKG.hasPark, RDFS.domain, ZKG.Zone) in g and (ZKG.hasPark, RDFS.range, ZKG.Park) in g


def test_every_term_has_zh_and_en_labels_and_a_comment():
    g = _graph()
    terms = {s for s in g.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(str(ZKG))}
    assert len(terms) > 30
    for t in terms:
        langs = {lit.language for lit in g.objects(t, RDFS.label)}
        assert {"zh", "en"} <= langs, t
        assert any(True for _ in g.objects(t, RDFS.comment)), t


def test_aligned_with_standard_vocabularies():
    g = _graph()
    supers = {str(o) for s in (ZKG.Zone, ZKG.Enterprise, ZKG.Observation, ZKG.Document, ZKG.Industry) for o in g.objects(s, RDFS.subClassOf)}
    assert "http://www.w3.org/ns/org#Organization" in supers
    assert "http://purl.org/linked-data/cube#Observation" in supers
    assert "http://www.w3.org/ns/prov#Entity" in supers
    assert "http://www.w3.org/2004/02/skos/core#Concept" in supers
