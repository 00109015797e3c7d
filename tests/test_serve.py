"""The SPARQL endpoint, live on a loopback port: real clients (SPARQLWrapper, rdflib's
SPARQLStore), content negotiation, and the safety cases (timeout, read-only,
token-protected updates, SERVICE refusal, body and row caps, CORS)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, RDFXML, XML, SPARQLWrapper

from kg.serve import start_server
from kg.store import writer
from tests.test_serve_support import PARK1, ZONE1, ZONE2, get_query, make_store, request

LABELS = {"苏州工业园区", "天津经济技术开发区"}
ZONES_Q = "SELECT ?z ?label WHERE { ?z a zkg:Zone ; rdfs:label ?label } ORDER BY ?label"
# Eight-way cross product of the 16 quads with themselves: 16**8 = 4.3 billion solutions to count, minutes of work.
RUNAWAY_Q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u . ?v ?w ?x }"
TIMEOUT = 1.5


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(store):
    srv = start_server(store, port=0, timeout=TIMEOUT, workers=2)
    yield srv
    srv.shutdown()


@pytest.fixture(scope="module")
def capped(store):
    """A second server with tiny caps and CORS allowed for one origin."""
    srv = start_server(store, port=0, timeout=5, workers=1, max_rows=2, max_body=1000, cors_origins=("http://yasgui.example",))
    yield srv
    srv.shutdown()


@pytest.fixture()
def update_server(tmp_path):
    root = make_store(tmp_path / "store")
    srv = start_server(root, port=0, timeout=10, workers=1, allow_update=True, update_token="s3cret-token")
    srv.root = root
    yield srv
    srv.shutdown()


# --------------------------------------------------------------------------- real clients


def test_sparqlwrapper_select_json_xml_csv(server):
    sw = SPARQLWrapper(server.endpoint)
    sw.setQuery(ZONES_Q)
    sw.setReturnFormat(JSON)
    res = sw.query()
    assert res.response.headers["Content-Type"].startswith("application/sparql-results+json")
    data = res.convert()
    assert data["head"]["vars"] == ["z", "label"]
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == sorted(LABELS)
    assert {b["z"]["value"] for b in data["results"]["bindings"]} == {ZONE1, ZONE2}
    assert data["results"]["bindings"][0]["label"]["xml:lang"] == "zh"

    sw.setReturnFormat(XML)
    sw.setMethod(POST)
    doc = sw.query().convert()  # an xml.dom Document
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert sorted(literals) == sorted(LABELS)

    sw.setReturnFormat(CSV)
    text = sw.query().convert().decode("utf-8")
    assert text.splitlines()[0] == "z,label"
    assert set(line.split(",")[1] for line in text.splitlines()[1:]) == LABELS


def test_sparqlwrapper_ask_and_construct(server):
    sw = SPARQLWrapper(server.endpoint)
    sw.setReturnFormat(JSON)
    sw.setQuery(f"ASK {{ <{ZONE1}> zkg:hasPark <{PARK1}> }}")
    assert sw.query().convert()["boolean"] is True
    sw.setQuery(f"ASK {{ <{ZONE2}> zkg:hasPark <{PARK1}> }}")
    assert sw.query().convert()["boolean"] is False

    sw.setQuery("CONSTRUCT { ?z rdfs:label ?l } WHERE { ?z a zkg:Zone ; rdfs:label ?l }")
    sw.setReturnFormat(RDFXML)
    g = sw.query().convert()
    assert isinstance(g, rdflib.Graph)
    assert {str(o) for o in g.objects(None, rdflib.RDFS.label)} == LABELS


def test_rdflib_sparqlstore(server):
    g = rdflib.Graph(store=SPARQLStore(server.endpoint))
    rows = list(g.query(ZONES_Q.replace("zkg:Zone", "<https://w3id.org/zonekg/ontology#Zone>").replace("rdfs:label", f"<{rdflib.RDFS.label}>")))
    assert [str(r.label) for r in rows] == sorted(LABELS)
    assert rows[0].label.language == "zh"
    # Triple-pattern access, which SPARQLStore turns into its own queries.
    parks = list(g.triples((rdflib.URIRef(ZONE1), rdflib.URIRef("https://w3id.org/zonekg/ontology#hasPark"), None)))
    assert [str(o) for _, _, o in parks] == [PARK1]
    assert g.query(f"ASK {{ <{ZONE1}> ?p ?o }}").askAnswer is True


# --------------------------------------------------------------------------- protocol details


def test_content_negotiation_for_select(server):
    r = get_query(server.url, ZONES_Q, "text/tab-separated-values")
    assert r.status == 200 and r.ctype == "text/tab-separated-values"
    lines = r.text.splitlines()
    assert lines[0] == "?z\t?label" and f"<{ZONE1}>\t\"苏州工业园区\"@zh" in lines
    r = get_query(server.url, ZONES_Q, "text/csv;q=0.2, application/sparql-results+xml")
    assert r.ctype == "application/sparql-results+xml" and "苏州工业园区" in r.text
    r = get_query(server.url, ZONES_Q, "image/png")
    assert r.status == 406 and "application/sparql-results+json" in r.text
    r = get_query(server.url, ZONES_Q, "text/turtle")  # a graph type for a SELECT
    assert r.status == 406


def test_content_negotiation_for_construct(server):
    q = "CONSTRUCT { ?z rdfs:label ?l } WHERE { ?z a zkg:Zone ; rdfs:label ?l }"
    for accept, fmt in [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")]:
        r = get_query(server.url, q, accept)
        assert r.status == 200 and r.ctype == accept, accept
        assert r.headers["x-result-rows"] == "2"
        g = rdflib.Graph().parse(data=r.body, format=fmt)
        assert {str(o) for o in g.objects(None, rdflib.RDFS.label)} == LABELS, accept
    r = get_query(server.url, q, "application/sparql-results+json")
    assert r.status == 406 and "text/turtle" in r.text
    r = get_query(server.url, q, None, format="nt")  # the page's download links
    assert r.ctype == "application/n-triples"


def test_service_description(server):
    r = request(server.url, "GET", "/sparql", headers={"Accept": "text/turtle"})
    assert r.status == 200 and r.ctype == "text/turtle"
    g = rdflib.Graph().parse(data=r.body, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    svc = next(g.subjects(rdflib.RDF.type, SD.Service))
    assert g.value(svc, SD.endpoint) == rdflib.URIRef(server.endpoint)
    langs = set(g.objects(svc, SD.supportedLanguage))
    assert SD.SPARQL11Query in langs and SD.SPARQL11Update not in langs
    r = request(server.url, "GET", "/sparql", headers={"Accept": "application/ld+json"})
    assert r.ctype == "application/ld+json" and isinstance(r.json(), list)


def test_malformed_query_is_400_with_the_parser_message(server):
    r = get_query(server.url, "SELECT * WHERE { ?s ")
    assert r.status == 400
    assert r.text.startswith("malformed query: error at 1:")
    assert "Traceback" not in r.text
    r = request(server.url, "POST", "/sparql", body=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"})
    assert r.status == 400 and "UTF-8" in r.text


def test_protocol_misuse_is_4xx(server):
    assert request(server.url, "PUT", "/sparql?query=ASK%7B%7D").status == 405
    assert request(server.url, "POST", "/sparql", body="ASK {}").status == 415  # no Content-Type
    assert request(server.url, "POST", "/sparql", body="ASK {}", headers={"Content-Type": "text/plain"}).status == 415
    assert request(server.url, "GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D").status == 400
    assert request(server.url, "GET", "/sparql?update=CLEAR%20ALL").status == 400
    assert request(server.url, "GET", "/nothing-here").status == 404


def test_default_graph_is_the_union_unless_the_request_names_one(server):
    r = get_query(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?z a zkg:Zone }")
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "2"
    doc1 = "https://w3id.org/zonekg/id/doc/001"
    r = get_query(server.url, "SELECT ?z WHERE { ?z a zkg:Zone }", **{"default-graph-uri": doc1})
    assert [b["z"]["value"] for b in r.json()["results"]["bindings"]] == [ZONE1]
    r = get_query(server.url, f"SELECT ?z FROM <{doc1}> WHERE {{ ?z a zkg:Zone }}")  # the query's own FROM
    assert [b["z"]["value"] for b in r.json()["results"]["bindings"]] == [ZONE1]


# --------------------------------------------------------------------------- safety


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0): look at its state.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    return out


def test_timeout_stops_a_runaway_query_and_others_are_served_meanwhile(server):
    before = set(server.app.pool.pids())
    assert len(before) == 2
    out = {}

    def runaway():
        t0 = time.monotonic()
        out["resp"] = get_query(server.url, RUNAWAY_Q)
        out["secs"] = time.monotonic() - t0

    t = threading.Thread(target=runaway)
    t.start()
    time.sleep(0.3)  # the runaway now holds one worker
    t0 = time.monotonic()
    r = get_query(server.url, ZONES_Q)
    quick = time.monotonic() - t0
    assert r.status == 200 and {b["label"]["value"] for b in r.json()["results"]["bindings"]} == LABELS
    assert quick < TIMEOUT
    assert "resp" not in out  # answered while the runaway was still running
    t.join(TIMEOUT + 10)
    resp = out["resp"]
    assert resp.status == 503
    assert "--timeout" in resp.text and "1.5 s" in resp.text
    assert TIMEOUT - 0.1 <= out["secs"] < TIMEOUT + 1.5
    # The worker that ran it was killed (not left burning CPU) and a fresh one replaces it.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(server.app.pool.pids()) < 2:
        time.sleep(0.1)
    after = set(server.app.pool.pids())
    assert len(after) == 2
    killed = before - after
    assert len(killed) == 1
    assert not _alive(killed.pop())
    assert get_query(server.url, ZONES_Q).status == 200


def test_read_only_by_default(server, store):
    r = request(server.url, "POST", "/sparql", body="INSERT DATA { GRAPH <http://x/g> { <http://x/s> <http://x/p> 1 } }", headers={"Content-Type": "application/sparql-update"})
    assert r.status == 403 and "--allow-update" in r.text
    r = request(server.url, "POST", "/sparql", body="update=CLEAR%20ALL", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 403
    assert get_query(server.url, "ASK { GRAPH <http://x/g> { ?s ?p ?o } }").json()["boolean"] is False
    assert get_query(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?z a zkg:Zone }").json()["results"]["bindings"][0]["n"]["value"] == "2"


class _Listener:
    """A loopback TCP listener that counts connections (stands in for a remote SPARQL service)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self._stop:
            try:
                c, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            c.close()

    def close(self):
        self._stop = True
        self.thread.join(2)
        self.sock.close()


def test_service_is_refused_and_no_request_goes_out(server, store):
    lis = _Listener()
    try:
        q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{lis.port}/sparql> {{ ?s ?p ?o }} }}"
        r = get_query(server.url, q)
        assert r.status == 403 and "SERVICE" in r.text and "--allow-service" in r.text
        r = get_query(server.url, q.replace("SERVICE", "service"))
        assert r.status == 403
        time.sleep(0.3)
        assert lis.connections == 0
        # The refusal is what stops it: with --allow-service the same query does reach out.
        with start_server(store, port=0, timeout=5, workers=1, allow_service=True) as open_srv:
            r = get_query(open_srv.url, q)
            assert r.status == 500 and "query evaluation failed" in r.text
        assert lis.connections >= 1
    finally:
        lis.close()


def test_body_cap(capped):
    small = "query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
    r = request(capped.url, "POST", "/sparql", body=small, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 200 and r.json()["boolean"] is True
    big = "query=" + urllib.parse.quote("ASK { ?s ?p ?o }" + " " * 1200)
    r = request(capped.url, "POST", "/sparql", body=big, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 413 and "1000 bytes" in r.text


def test_row_cap_is_reported_not_silent(capped):
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    r = get_query(capped.url, q)
    assert r.status == 200
    assert r.headers["x-result-truncated"] == "2" and r.headers["x-result-rows"] == "2"
    assert "truncated" in r.headers["warning"]
    doc = r.json()
    assert len(doc["results"]["bindings"]) == 2 and doc["truncated"]["limit"] == 2
    r = get_query(capped.url, q, "text/csv")
    assert len(r.text.strip().splitlines()) == 3 and r.headers["x-result-truncated"] == "2"
    r = get_query(capped.url, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert r.text.startswith("# result truncated to the first 2 rows")
    assert len(rdflib.Graph().parse(data=r.body, format="turtle")) == 2
    # Under the cap: no truncation reported.
    r = get_query(capped.url, "SELECT ?z WHERE { ?z a zkg:Zone }")
    assert "x-result-truncated" not in r.headers and "truncated" not in r.json()


def test_cors_is_off_by_default_and_configurable(server, capped):
    h = {"Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST"}
    r = request(server.url, "OPTIONS", "/sparql", headers=h)
    assert "access-control-allow-origin" not in r.headers
    r = request(server.url, "GET", "/sparql?query=ASK%7B%7D", headers={"Origin": "http://yasgui.example"})
    assert r.status == 200 and "access-control-allow-origin" not in r.headers

    r = request(capped.url, "OPTIONS", "/sparql", headers=h)
    assert r.status == 204 and r.headers["access-control-allow-origin"] == "http://yasgui.example"
    assert "POST" in r.headers["access-control-allow-methods"]
    r = request(capped.url, "GET", "/sparql?query=ASK%7B%7D", headers={"Origin": "http://yasgui.example"})
    assert r.headers["access-control-allow-origin"] == "http://yasgui.example"
    r = request(capped.url, "GET", "/sparql?query=ASK%7B%7D", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_updates_need_the_token_and_publish_a_snapshot(update_server):
    srv = update_server
    ins = "INSERT DATA { GRAPH <http://x/g> { <http://x/s> rdfs:label \"新区\"@zh } }"
    ask = "ASK { GRAPH <http://x/g> { <http://x/s> rdfs:label \"新区\"@zh } }"
    ct = {"Content-Type": "application/sparql-update"}
    r = request(srv.url, "POST", "/sparql", body=ins, headers=ct)
    assert r.status == 401 and r.headers["www-authenticate"].startswith("Bearer")
    r = request(srv.url, "POST", "/sparql", body=ins, headers={**ct, "Authorization": "Bearer wrong"})
    assert r.status == 401
    assert get_query(srv.url, ask).json()["boolean"] is False

    before = (srv.root / "current").read_text()
    sw = SPARQLWrapper(srv.url + "/sparql", updateEndpoint=srv.url + "/sparql")
    sw.addCustomHttpHeader("Authorization", "Bearer s3cret-token")
    sw.setMethod(POST)
    sw.setQuery(ins)
    assert sw.query().response.status == 200
    assert (srv.root / "current").read_text() != before  # published as a new snapshot
    assert get_query(srv.url, ask).json()["boolean"] is True

    r = request(srv.url, "POST", "/sparql", body="LOAD <http://127.0.0.1:1/data.ttl>", headers={**ct, "Authorization": "Bearer s3cret-token"})
    assert r.status == 403 and "LOAD" in r.text
    r = request(srv.url, "POST", "/sparql", body="CLEAR XYZ", headers={**ct, "Authorization": "Bearer s3cret-token"})
    assert r.status == 400 and r.text.startswith("malformed update")


def test_a_new_published_snapshot_is_picked_up(update_server):
    """A build publishing while the server runs: the next query sees the new graph."""
    srv = update_server
    assert get_query(srv.url, "ASK { <http://x/new> ?p ?o }").json()["boolean"] is False
    with writer(srv.root) as w:
        w.store.update("INSERT DATA { GRAPH <http://x/g2> { <http://x/new> <http://x/p> 1 } }")
        w.dirty = True
    assert get_query(srv.url, "ASK { <http://x/new> ?p ?o }").json()["boolean"] is True


def test_access_log_line_per_request(server, caplog):
    with caplog.at_level(logging.INFO, logger="kg.serve.access"):
        get_query(server.url, ZONES_Q)
        get_query(server.url, "SELECT * WHERE { ?s ")
        time.sleep(0.1)
    lines = [r.getMessage() for r in caplog.records if r.name == "kg.serve.access"]
    assert len(lines) == 2
    assert re.fullmatch(r'127\.0\.0\.1 "GET /sparql\?query=SELECT\S+" 200 \d+\.\dms rows=2', lines[0])
    assert re.fullmatch(r'127\.0\.0\.1 "GET /sparql\?query=\S+" 400 \d+\.\dms rows=-', lines[1])


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_cli_serve_prints_the_url_and_stops_cleanly(store, sig):
    kg = shutil.which("kg", path=os.path.dirname(sys.executable)) or "kg"
    proc = subprocess.Popen([kg, "serve", "--store", str(store), "--port", "0", "--workers", "1"], stderr=subprocess.PIPE, text=True)
    try:
        url = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            m = re.search(r"endpoint: (http://127\.0\.0\.1:\d+)/sparql", line)
            if m:
                url = m.group(1)
                break
        assert url, "kg serve did not print its URL"
        r = get_query(url, "SELECT ?z WHERE { ?z a zkg:Zone }")
        assert r.status == 200 and len(r.json()["results"]["bindings"]) == 2
        workers = _children(proc.pid)
        assert workers, "no worker processes under kg serve"
        proc.send_signal(sig)
        assert proc.wait(15) == 0
        assert not any(_alive(w) for w in workers)
        log = proc.stderr.read()
        assert '"GET /sparql?query=' in log and "rows=2" in log
        assert "Traceback" not in log
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)


def test_start_server_refuses_updates_without_a_token(store):
    with pytest.raises(ValueError, match="token"):
        start_server(store, port=0, allow_update=True)


def test_head_and_a_browser_at_the_endpoint(server):
    r = request(server.url, "HEAD", "/sparql?query=" + urllib.parse.quote(ZONES_Q))
    assert r.status == 200 and r.body == b"" and int(r.headers["content-length"]) > 0
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = request(server.url, "GET", "/sparql", headers={"Accept": browser_accept})
    assert r.status == 303 and r.headers["location"] == "/"
    r = request(server.url, "GET", "/", headers={"Accept": browser_accept})
    assert r.status == 200 and r.ctype == "text/html" and "script-src 'self'" in r.headers["content-security-policy"]
    assert request(server.url, "GET", "/sparql", headers={"Accept": "text/turtle, text/html;q=0.5"}).ctype == "text/turtle"
