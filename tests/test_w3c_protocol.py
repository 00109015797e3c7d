"""The W3C SPARQL 1.1 Protocol test suite (shared/reference/w3c-sparql11-protocol),
read from its manifest and run request by request against live servers.

Query tests go to a read-only server whose store holds data1..3.nt in the named
graphs their labels give (every ut:graphData in the manifest is one of those).
Update tests (update_*, bad_update_*) go to a server started with updates
enabled, each request carrying the bearer token, so a negative update test is
refused for the protocol reason it tests and not for lack of a token.
"""

from __future__ import annotations

import json
import os
import xml.dom.minidom
from pathlib import Path

import pytest
import rdflib
from rdflib.collection import Collection

from kg.serve import start_server
from tests.test_serve_support import make_w3c_store, request

HERE = Path(__file__).resolve().parent
SUITE = Path(os.environ.get("KG_W3C_PROTOCOL_DIR", HERE.parent.parent / "shared" / "reference" / "w3c-sparql11-protocol"))
MANIFEST = SUITE / "manifest.ttl"
TOKEN = "w3c-update-token"

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"

RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = RESULT_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml"}


def _load_tests() -> list[dict]:
    if not MANIFEST.is_file():
        return []
    g = rdflib.Graph().parse(MANIFEST, format="turtle")
    manifest = next(g.subjects(rdflib.RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(manifest, MF.entries)):
        action = g.value(entry, MF.action)
        reqs = []
        for r in Collection(g, g.value(action, HT.requests)):
            body = g.value(r, HT.body)
            resp = g.value(r, HT.resp)
            headers = {}
            hl = g.value(r, HT.headers)
            if hl is not None:
                for h in Collection(g, hl):
                    headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            expected_bool = g.value(resp, MF.expectedBoolean)
            reqs.append(
                {
                    "method": str(g.value(r, HT.methodName)),
                    "path": str(g.value(r, HT.absolutePath)),
                    "body": None if body is None else str(g.value(body, CNT.chars)),
                    "encoding": None if body is None else str(g.value(body, CNT.characterEncoding) or "UTF-8"),
                    "headers": headers,
                    "status": sorted(int(str(s)[len(HTS)]) for s in g.objects(resp, MF.expectedStatus)),
                    "format": None if g.value(resp, MF.expectedFormat) is None else str(g.value(resp, MF.expectedFormat)),
                    "boolean": None if expected_bool is None else expected_bool.toPython(),
                }
            )
        name = str(entry).rsplit("#", 1)[-1]
        tests.append(
            {
                "id": name,
                "name": str(g.value(entry, MF.name)),
                "graph_data": sorted(str(g.value(gd, rdflib.RDFS.label)) for gd in g.objects(entry, UT.graphData)),
                "update": name.startswith(("update_", "bad_update_")),
                "requests": reqs,
            }
        )
    return tests


TESTS = _load_tests()
pytestmark = pytest.mark.skipif(not TESTS, reason=f"W3C protocol manifest not found at {MANIFEST} (set KG_W3C_PROTOCOL_DIR)")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    q_root = make_w3c_store(tmp_path_factory.mktemp("w3c") / "query-store", SUITE)
    u_root = make_w3c_store(tmp_path_factory.mktemp("w3c") / "update-store", SUITE)
    qs = start_server(q_root, port=0, timeout=10, workers=2)
    us = start_server(u_root, port=0, timeout=10, workers=1, allow_update=True, update_token=TOKEN)
    yield {"query": qs, "update": us}
    qs.shutdown()
    us.shutdown()


def test_the_manifest_is_read_whole():
    assert len(TESTS) == 34
    assert sum(t["id"].startswith("bad_") for t in TESTS) == 14
    assert all(t["requests"] and all(r["status"] for r in t["requests"]) for t in TESTS)
    # Every graph a test needs loaded is one the query store holds.
    needed = {g for t in TESTS for g in t["graph_data"]}
    assert needed <= {f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)}


def _boolean(resp) -> bool:
    if resp.ctype == "application/sparql-results+json":
        return resp.json()["boolean"]
    doc = xml.dom.minidom.parseString(resp.body)
    return doc.getElementsByTagName("boolean")[0].firstChild.data.strip() == "true"


def _check_format(resp, fmt: str) -> None:
    if fmt == "boolean":
        assert resp.ctype in RESULT_TYPES, resp.ctype
        _boolean(resp)
    elif fmt == "tabular":
        assert resp.ctype in TABULAR_TYPES, resp.ctype
        if resp.ctype == "application/sparql-results+json":
            assert "bindings" in resp.json()["results"]
    elif fmt == "RDF":
        assert resp.ctype in RDF_TYPES, resp.ctype
        rdflib.Graph().parse(data=resp.body, format=RDF_TYPES[resp.ctype])
    else:
        raise AssertionError(f"unknown expected format {fmt}")


@pytest.mark.parametrize("test", TESTS, ids=[t["id"] for t in TESTS])
def test_w3c_protocol(test, servers):
    srv = servers["update" if test["update"] else "query"]
    for i, r in enumerate(test["requests"]):
        assert r["path"].startswith("/sparql/")
        path = "/sparql" + r["path"][len("/sparql/") :]  # the manifest's /sparql/ is our /sparql
        headers = dict(r["headers"])
        if test["update"]:
            headers["Authorization"] = f"Bearer {TOKEN}"
        body = None if r["body"] is None else r["body"].encode("utf-16" if r["encoding"].upper() == "UTF-16" else "utf-8")
        resp = request(srv.url, r["method"], path, body=body, headers=headers)
        where = f"{test['id']} request {i + 1}: {r['method']} {path[:80]} -> {resp.status} {resp.body[:200]!r}"
        assert resp.status // 100 in r["status"], where
        assert resp.status < 500, where
        if test["id"].startswith("bad_"):
            # Refused for the protocol reason under test, not for want of a token or of update rights.
            assert resp.status not in (401, 403), where
        if r["format"]:
            _check_format(resp, r["format"])
        if r["boolean"] is not None:
            assert _boolean(resp) is r["boolean"], where


def test_results_are_json_by_default_and_xml_on_request(servers):
    """Beyond the manifest: the boolean tests pass with either result format."""
    srv = servers["query"]
    r = request(srv.url, "GET", "/sparql?query=ASK%20%7B%7D", headers={"Accept": "application/sparql-results+xml"})
    assert r.ctype == "application/sparql-results+xml" and _boolean(r) is True
    r = request(srv.url, "GET", "/sparql?query=ASK%20%7B%7D")
    assert r.ctype == "application/sparql-results+json" and json.loads(r.body)["boolean"] is True
