"""Shared pieces for the endpoint tests (a small hand-written store, an HTTP helper),
plus unit tests of the protocol helpers that need no server."""

from __future__ import annotations

import csv
import http.client
import io
import json
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import vocab as v
from kg.serve import protocol as p
from kg.store import writer

ZKG = v.ZKG
ID = v.ID

ZONE1 = ID + "zone/suzhou"
ZONE2 = ID + "zone/tianjin"
PARK1 = ID + "park/biobay"
OBS1 = ID + "stmt/obs1"
DOC1 = ID + "doc/001"
DOC2 = ID + "doc/002"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def sample_quads() -> dict[str, list[ox.Quad]]:
    """Two documents: two zones with Chinese labels, a park, an observation."""
    typ, label = _n(v.RDF + "type"), _n(v.RDFS + "label")
    zh = lambda s: ox.Literal(s, language="zh")  # noqa: E731
    g1, g2 = _n(DOC1), _n(DOC2)
    d1 = [
        ox.Quad(_n(DOC1), typ, _n(ZKG + "Document"), g1),
        ox.Quad(_n(ZONE1), typ, _n(ZKG + "Zone"), g1),
        ox.Quad(_n(ZONE1), label, zh("苏州工业园区"), g1),
        ox.Quad(_n(ZONE1), _n(ZKG + "level"), ox.Literal("国家级"), g1),
        ox.Quad(_n(ZONE1), _n(ZKG + "hasPark"), _n(PARK1), g1),
        ox.Quad(_n(PARK1), typ, _n(ZKG + "Park"), g1),
        ox.Quad(_n(PARK1), label, zh("生物医药产业园"), g1),
        ox.Quad(_n(OBS1), typ, _n(ZKG + "Observation"), g1),
        ox.Quad(_n(OBS1), _n(ZKG + "about"), _n(ZONE1), g1),
        ox.Quad(_n(OBS1), _n(ZKG + "indicator"), zh("地区生产总值"), g1),
        ox.Quad(_n(OBS1), _n(ZKG + "value"), ox.Literal("3515.6", datatype=_n(v.XSD + "decimal")), g1),
        ox.Quad(_n(OBS1), _n(ZKG + "unit"), zh("亿元"), g1),
    ]
    d2 = [
        ox.Quad(_n(DOC2), typ, _n(ZKG + "Document"), g2),
        ox.Quad(_n(ZONE2), typ, _n(ZKG + "Zone"), g2),
        ox.Quad(_n(ZONE2), label, zh("天津经济技术开发区"), g2),
        ox.Quad(_n(ZONE2), _n(ZKG + "level"), ox.Literal("国家级"), g2),
    ]
    return {DOC1: d1, DOC2: d2}


def make_store(root: Path) -> Path:
    """A published store holding the sample documents."""
    with writer(root, fresh=True) as w:
        w.add_documents(list(sample_quads().items()))
    return root


def make_w3c_store(root: Path, data_dir: Path) -> Path:
    """A store with the W3C protocol tests' data1..3.nt, each in the named graph of its label."""
    with writer(root, fresh=True) as w:
        batch = []
        for i in (1, 2, 3):
            g = _n(f"http://kasei.us/2009/09/sparql/data/data{i}.rdf")
            triples = ox.parse(path=str(data_dir / f"data{i}.nt"), format=ox.RdfFormat.N_TRIPLES)
            batch.append((g.value, [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]))
        w.add_documents(batch)
    return root


class Resp:
    def __init__(self, status: int, headers: dict[str, str], body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def ctype(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(
    url: str,
    method: str = "GET",
    path: str = "/sparql",
    body: bytes | str | None = None,
    headers: dict | None = None,
    timeout: float = 20,
) -> Resp:
    """One raw HTTP request on a fresh connection (nothing added behind our back)."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        if isinstance(body, str):
            body = body.encode("utf-8")
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        return Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
    finally:
        conn.close()


def get_query(url: str, query: str, accept: str | None = None, **params) -> Resp:
    qs = urllib.parse.urlencode({"query": query, **params})
    return request(url, "GET", f"/sparql?{qs}", headers={"Accept": accept} if accept else {})


# --------------------------------------------------------------------------- unit tests (no server)


@pytest.mark.parametrize(
    "accept,expect",
    [
        (None, "json"),
        ("*/*", "json"),
        ("application/sparql-results+xml", "xml"),
        ("text/csv", "csv"),
        ("text/tab-separated-values", "tsv"),
        ("text/csv;q=0.5, application/sparql-results+xml", "xml"),
        ("text/*", "csv"),
        ("application/json", "json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "xml"),
        ("text/tab-separated-values, text/csv", "tsv"),
    ],
)
def test_negotiate_results(accept, expect):
    assert p.negotiate(accept, p.RESULT_FORMATS).key == expect


def test_negotiate_refuses_what_it_cannot_give():
    with pytest.raises(p.ProtocolError) as e:
        p.negotiate("image/png", p.RESULT_FORMATS)
    assert e.value.status == 406
    with pytest.raises(p.ProtocolError):
        p.negotiate("application/sparql-results+json;q=0", p.RESULT_FORMATS)
    assert p.negotiate("text/turtle", p.GRAPH_FORMATS, fmt="nt").key == "nt"
    assert p.negotiate("application/rdf+xml", p.GRAPH_FORMATS).key == "rdfxml"
    # SPARQLWrapper sends format=rdf+xml&format=application/rdf+xml&output=…: known values win, others are ignored.
    assert p.negotiate("text/turtle", p.GRAPH_FORMATS, ["rdf+xml", "application/rdf+xml"]).key == "rdfxml"
    assert p.negotiate("text/csv", p.RESULT_FORMATS, ["bogus"]).key == "csv"


@pytest.mark.parametrize(
    "query,found",
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
        ("select * { service ?svc { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * { ?s ?p ?o .SERVICE <http://x/> {} }", "SERVICE"),
        (r"SELECT * { S\u0045RVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
        ('SELECT * { ?s ?p "SERVICE" }', None),
        ("SELECT ?service { ?s ?p ?service } # SERVICE <x>", None),
        ("SELECT * { ?s <http://x/SERVICE> ?o }", None),
        ("PREFIX ex: <http://e/> SELECT * { ?s ex:SERVICE ?o }", None),
        ("SELECT * { ?s ?p '''multi\nSERVICE''' }", None),
    ],
)
def test_service_keyword_detection(query, found):
    assert p.has_keyword(query, "SERVICE") == found


def test_add_using_puts_using_before_each_where():
    upd = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } ; INSERT { ?s a <x> } WHERE { { SELECT ?s WHERE { ?s ?p ?o } } } ; DELETE WHERE { ?a ?b ?c }"
    out = p.add_using(upd, ["http://g/1"], ["http://g/2"])
    assert out.count("USING <http://g/1> USING NAMED <http://g/2> WHERE") == 2
    assert "DELETE WHERE { ?a ?b ?c }" in out  # DELETE WHERE takes no USING
    with pytest.raises(p.ProtocolError) as e:
        p.add_using("WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", [], ["http://g/2"])
    assert e.value.status == 400
    assert p.add_using("INSERT DATA { <a> <b> 'WHERE' }", ["http://g/1"], []) == "INSERT DATA { <a> <b> 'WHERE' }"


def test_result_writers_round_trip_through_pyoxigraph():
    rows = [[ox.NamedNode("http://a/1"), ox.Literal('苏州, "园区"', language="zh")], [ox.BlankNode("b0"), None]]
    for fmt, oxfmt in [
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ]:
        parsed = ox.parse_query_results(p.write_solutions(["s", "o"], rows, fmt), format=oxfmt)
        back = [list(s) for s in parsed]
        assert len(back) == 2, fmt
        assert back[0][0] == ox.NamedNode("http://a/1"), fmt
        assert back[0][1].value == '苏州, "园区"', fmt
        assert back[1][1] is None, fmt
    table = list(csv.reader(io.StringIO(p.write_solutions(["s", "o"], rows, "csv").decode())))
    assert table == [["s", "o"], ["http://a/1", '苏州, "园区"'], ["_:b0", ""]]
    doc = json.loads(p.write_solutions(["s"], [], "json", truncated_at=5))
    assert doc["truncated"]["limit"] == 5 and doc["head"]["link"] == [p.TRUNCATION_LINK]
