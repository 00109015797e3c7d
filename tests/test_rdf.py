"""The RDF mapping: IRIs from keys only, one graph per document, provenance on every fact."""

import pyoxigraph as ox
import pytest

from kg import vocab as v
from kg.rdf import _quoted, _zh, decimal, extraction_nquads, extraction_quads
from tests.helpers import make_extraction

Z = v.ZKG


def _store(*exs):
    s = ox.Store()
    for ex in exs:
        s.extend(extraction_quads(ex))
    return s


def test_entity_iri_depends_on_key_only():
    a, b = make_extraction("a"), make_extraction("b")
    zone_a = {q.subject for q in extraction_quads(a) if q.object == ox.NamedNode(Z + "Zone")}
    zone_b = {q.subject for q in extraction_quads(b) if q.object == ox.NamedNode(Z + "Zone")}
    assert zone_a == zone_b == {ox.NamedNode(v.entity_iri("Zone", "Zone:海口:高新区"))}
    assert v.entity_iri("Zone", "Zone:海口:高新区") != v.entity_iri("Zone", "Zone:海南:高新区")


def test_every_quad_is_in_the_document_graph():
    ex = make_extraction("doc-7")
    graphs = {q.graph_name for q in extraction_quads(ex)}
    assert graphs == {ox.NamedNode(v.document_iri("doc-7"))}


def test_union_default_graph_merges_documents():
    s = _store(make_extraction("a", park="药谷工业园"), make_extraction("b", park="云龙产业园"))
    q = f"SELECT ?l WHERE {{ ?z <{Z}hasPark> ?p . ?p <{v.RDFS}label> ?l }} ORDER BY ?l"
    assert [r["l"].value for r in s.query(q)] == []  # the store default graph is empty
    rows = [r["l"].value for r in s.query(q, use_default_graph_as_union=True)]
    assert rows == ["云龙产业园", "药谷工业园"]


def test_fact_provenance_sentence_offsets_rule_confidence():
    s = _store(make_extraction("a"))
    q = f"""SELECT ?doc ?ev ?start ?end ?rule ?conf WHERE {{
        ?st <{v.RDF}subject> ?z ; <{v.RDF}predicate> <{Z}hasPark> ; <{v.RDF}object> ?p ;
            <{v.PROV}wasDerivedFrom> ?doc ; <{Z}evidence> ?ev ; <{Z}startOffset> ?start ; <{Z}endOffset> ?end ;
            <{Z}rule> ?rule ; <{Z}confidence> ?conf }}"""
    (row,) = list(s.query(q, use_default_graph_as_union=True))
    assert row["doc"].value == v.document_iri("a")
    assert row["ev"].value == "海口国家高新区下辖美安科技新城。"
    assert (int(row["start"].value), int(row["end"].value)) == (0, 15)
    assert row["rule"].value == "test-rule"
    assert float(row["conf"].value) == pytest.approx(0.9)


def test_observation_values_are_typed():
    s = _store(make_extraction("a", value=4191.83))
    q = f"SELECT ?v ?y ?g ?u WHERE {{ ?o a <{Z}Observation> ; <{Z}value> ?v ; <{Z}year> ?y ; <{Z}growthRate> ?g ; <{Z}unit> ?u }}"
    (row,) = list(s.query(q, use_default_graph_as_union=True))
    assert row["v"].datatype.value == v.XSD + "decimal" and row["v"].value == "4191.83"
    assert row["y"].datatype.value == v.XSD + "gYear" and row["y"].value == "2021"
    assert float(row["g"].value) == 29.0
    assert row["u"].value == "亿元"


@pytest.mark.parametrize(
    "x,text", [(4191.83, "4191.83"), (70, "70.0"), (1e-7, "0.0000001"), (-3.5, "-3.5"), (1.2e10, "12000000000.0")]
)
def test_decimal_literals_never_use_exponents(x, text):
    assert decimal(x).value == text


def test_fact_naming_unknown_entity_is_an_error():
    ex = make_extraction("a")
    ex.facts[0].object = "Park:nowhere"
    with pytest.raises(ValueError, match="unknown entity"):
        list(extraction_quads(ex))


def _serialized(lit: ox.Literal) -> bytes:
    q = ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), lit, ox.NamedNode("http://x/g"))
    return ox.serialize([q], format=ox.RdfFormat.N_QUADS)


@pytest.mark.parametrize("code", [*range(0x00, 0x80), 0x85, 0xA0, 0x2028, 0xFEFF, 0x4E2D, 0x1F600])
def test_literal_escaping_is_the_nquads_serializers(code):
    # The mapping writes N-Quads itself; every character must come out as pyoxigraph writes it.
    text = f'a{chr(code)}b"\\'
    for mine, lit in ((_quoted(text), ox.Literal(text)), (_zh(text), ox.Literal(text, language="zh"))):
        assert f"<http://x/s> <http://x/p> {mine} <http://x/g> .\n".encode() == _serialized(lit)


def test_awkward_strings_survive_the_mapping():
    ex = make_extraction("a")
    ex.doc.title = '标题"含\\引号\n与换行\t和\x01控制符'
    ex.doc.path = 'dir with space/"q".txt'
    ex.entities[0].name = "海口\\国家\r高新区"
    data, n = extraction_nquads(ex)
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == n == data.count(b"\n")
    values = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert {ex.doc.title, ex.doc.path, "海口\\国家\r高新区"} <= values


def test_term_names_from_an_extractor_are_checked():
    # The store loads the workers' N-Quads without validating IRIs, so a bad name must stop here.
    ex = make_extraction("a")
    ex.facts[0].predicate = "has park>"
    with pytest.raises(ValueError, match="not a valid ontology term name"):
        extraction_nquads(ex)
