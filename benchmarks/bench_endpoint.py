"""Benchmark the SPARQL endpoint against its limit and an alternative, in one run.

    .venv/bin/python benchmarks/bench_endpoint.py [--zones 1000] [--seconds 4] [--store DIR]

Three targets answer the same two queries (a simple lookup and a join with
aggregation), at 1 and 8 concurrent clients, each client on its own keep-alive
HTTP connection:

  pyoxigraph   the same queries run in-process on pyoxigraph, results
               serialised to SPARQL JSON: the limit for any server on this store
  kg serve     this project's endpoint, `kg serve` in its own process (2 workers)
  rdflib-endpoint  what a user might pick instead: rdflib's SPARQL engine behind
               FastAPI/uvicorn, the same triples in an in-memory rdflib Graph.
               Not a dependency of ZoneKG: `pip install "rdflib-endpoint[cli]" uvicorn`
               (the target is skipped, with a note, when it is not installed)

The store is synthetic (made with kg.store.writer, one named graph per zone:
zone, parks, enterprises, observations) unless --store names a built one.
Every cell warms each client up once, then runs for --seconds or --max-requests,
whichever ends first; the
servers listen on 127.0.0.1 only and are stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

from kg import vocab as v
from kg.store import open_read, writer

PREFIX = f"PREFIX zkg: <{v.ZKG}>\nPREFIX rdfs: <{v.RDFS}>\n"
QUERIES = {
    "simple": PREFIX + "SELECT ?z ?label WHERE { ?z a zkg:Zone ; rdfs:label ?label } LIMIT 20",
    "join": PREFIX
    + "SELECT ?zl ?pl ?el WHERE { ?z a zkg:Zone ; rdfs:label ?zl ; zkg:hasPark ?p . "
    "?p rdfs:label ?pl ; zkg:hasEnterprise ?e . ?e a zkg:Enterprise ; rdfs:label ?el } LIMIT 500",
}
ACCEPT = "application/sparql-results+json"


def synthetic_store(root: Path, zones: int, seed: int = 7) -> int:
    rnd = random.Random(seed)
    n = lambda s: ox.NamedNode(s)  # noqa: E731
    typ, label = n(v.RDF + "type"), n(v.RDFS + "label")
    zh = lambda s: ox.Literal(s, language="zh")  # noqa: E731
    batch, total = [], 0
    for i in range(zones):
        g = n(f"{v.ID}doc/bench{i:06d}")
        z = n(f"{v.ID}zone/b{i}")
        qs = [ox.Quad(z, typ, n(v.ZKG + "Zone"), g), ox.Quad(z, label, zh(f"开发区{i}号"), g)]
        for j in range(3):
            p = n(f"{v.ID}park/b{i}_{j}")
            qs += [ox.Quad(z, n(v.ZKG + "hasPark"), p, g), ox.Quad(p, typ, n(v.ZKG + "Park"), g), ox.Quad(p, label, zh(f"园区{i}-{j}"), g)]
            for k in range(rnd.randint(1, 6)):
                e = n(f"{v.ID}enterprise/b{i}_{j}_{k}")
                qs += [ox.Quad(p, n(v.ZKG + "hasEnterprise"), e, g), ox.Quad(e, typ, n(v.ZKG + "Enterprise"), g)]
                qs.append(ox.Quad(e, label, zh(f"企业{rnd.randint(1, 99)}公司"), g))
        for year in (2021, 2022):
            o = n(f"{v.ID}stmt/b{i}_{year}")
            qs += [
                ox.Quad(o, typ, n(v.ZKG + "Observation"), g),
                ox.Quad(o, n(v.ZKG + "about"), z, g),
                ox.Quad(o, n(v.ZKG + "value"), ox.Literal(f"{rnd.uniform(10, 5000):.1f}", datatype=n(v.XSD + "decimal")), g),
            ]
        batch.append((g.value, qs))
        total += len(qs)
    with writer(root, fresh=True) as w:
        for k in range(0, len(batch), 500):
            w.add_documents(batch[k : k + 500])
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    u = urllib.parse.urlsplit(url)
    q = urllib.parse.quote("ASK { ?s ?p ?o }")
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
            c.request("GET", f"{u.path}?query={q}", headers={"Accept": ACCEPT})
            if c.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


def http_target(url: str):
    """A per-client callable that sends one query over a kept-alive connection."""
    u = urllib.parse.urlsplit(url)

    def make():
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)

        def call(query: str) -> None:
            conn.request("GET", f"{u.path}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": ACCEPT})
            r = conn.getresponse()
            body = r.read()
            if r.status != 200:
                raise RuntimeError(f"HTTP {r.status}: {body[:200]!r}")

        return call

    return make


def inprocess_target(store_dir: Path):
    store = open_read(store_dir)

    def make():
        def call(query: str) -> None:
            store.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)

        return call

    return make


def run_cell(make, query: str, clients: int, seconds: float, max_requests: int) -> dict:
    """`clients` threads, each warmed up once, then timed together for `seconds` (or `max_requests`).

    A first probe request decides whether that is possible: a target that needs
    longer than `seconds` for one request gets that one request as its figure
    (marked `slow`) instead of holding the run for minutes.
    """
    t0 = time.perf_counter()
    try:
        make()(query)
    except Exception as e:
        return {"n": 0, "rps": 0.0, "p50": float("nan"), "p99": float("nan"), "errors": [str(e)[:120]], "slow": False}
    probe = time.perf_counter() - t0
    if probe > seconds:
        ms = probe * 1000
        return {"n": 1, "rps": 1 / probe, "p50": ms, "p99": ms, "errors": [], "slow": True}
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    budget = [max_requests]
    ready = threading.Barrier(clients + 1)
    window = {}

    def client():
        call = make()
        try:
            call(query)  # warm-up (connection, caches), not timed
        except Exception as e:
            errors.append(str(e)[:120])
        ready.wait()
        while time.monotonic() < window["stop"]:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            t0 = time.perf_counter()
            try:
                call(query)
            except Exception as e:  # report, don't crash the run
                with lock:
                    errors.append(str(e)[:120])
                return
            with lock:
                lat.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    window["stop"] = time.monotonic() + 3600  # set for real once everyone is warm
    ready.wait()
    t0 = time.monotonic()
    window["stop"] = t0 + seconds
    for t in threads:
        t.join(seconds + 180)
    wall = time.monotonic() - t0  # includes the requests in flight at the deadline
    lat.sort()
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")  # noqa: E731
    return {
        "n": len(lat),
        "rps": len(lat) / wall if wall else 0.0,
        "p50": statistics.median(lat) * 1000 if lat else float("nan"),
        "p99": pct(0.99),
        "errors": errors,
        "slow": False,
    }


RDFLIB_LAUNCHER = """
import sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
g = rdflib.Graph()
g.parse(sys.argv[1], format="nt")
app = SparqlEndpoint(graph=g, path="/sparql", cors_enabled=False, public_url="http://127.0.0.1:%s/" % sys.argv[2])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zones", type=int, default=1000, help="synthetic zones (one named graph each; default 1000)")
    ap.add_argument("--store", type=Path, help="benchmark this built store instead of a synthetic one")
    ap.add_argument("--seconds", type=float, default=5.0, help="time per cell (default 5)")
    ap.add_argument("--max-requests", type=int, default=20000, help="request cap per cell")
    ap.add_argument("--clients", default="1,8", help="concurrency levels (default 1,8)")
    ap.add_argument("--workers", type=int, default=2, help="kg serve worker processes (default 2)")
    ap.add_argument("--no-rdflib", action="store_true", help="skip rdflib-endpoint")
    args = ap.parse_args(argv)
    levels = [int(x) for x in args.clients.split(",")]

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    store_dir = args.store
    if store_dir is None:
        store_dir = tmp / "store"
        t0 = time.monotonic()
        quads = synthetic_store(store_dir, args.zones)
        print(f"synthetic store: {args.zones} zones, {quads} quads ({time.monotonic() - t0:.1f}s)", file=sys.stderr)
    nt = tmp / "data.nt"
    with open(nt, "wb") as f:
        ox.serialize((q.triple for q in open_read(store_dir)), f, format=ox.RdfFormat.N_TRIPLES)

    procs: list[subprocess.Popen] = []
    targets: list[tuple[str, object]] = [("pyoxigraph in-process", inprocess_target(store_dir))]
    notes = []
    try:
        port = free_port()
        kg = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", str(port), "--workers", str(args.workers)]
        kg += ["--max-rows", "0", "--timeout", "120"]
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        procs.append(subprocess.Popen(kg, stderr=subprocess.DEVNULL, env=env))
        wait_ready(f"http://127.0.0.1:{port}/sparql", procs[-1])
        targets.append((f"kg serve ({args.workers} workers)", http_target(f"http://127.0.0.1:{port}/sparql")))

        if args.no_rdflib:
            notes.append("rdflib-endpoint: skipped (--no-rdflib)")
        elif not (importlib.util.find_spec("rdflib_endpoint") and importlib.util.find_spec("uvicorn")):
            notes.append('rdflib-endpoint: not installed (pip install "rdflib-endpoint[cli]" uvicorn)')
        else:
            rport = free_port()
            procs.append(subprocess.Popen([sys.executable, "-c", RDFLIB_LAUNCHER, str(nt), str(rport)], stderr=subprocess.DEVNULL))
            wait_ready(f"http://127.0.0.1:{rport}/sparql", procs[-1])
            from importlib.metadata import version

            targets.append((f"rdflib-endpoint {version('rdflib-endpoint')}", http_target(f"http://127.0.0.1:{rport}/sparql")))

        rows = []
        too_slow: set[tuple[str, str]] = set()
        for qname, query in QUERIES.items():
            for clients in levels:
                for tname, make in targets:
                    if (qname, tname) in too_slow:
                        notes.append(f"{tname}, {qname} query, {clients} clients: not run (one request takes longer than a cell)")
                        continue
                    r = run_cell(make, query, clients, args.seconds, args.max_requests)
                    if r["slow"]:
                        too_slow.add((qname, tname))
                    rows.append((qname, clients, tname, r))
                    err = f"  ERRORS: {len(r['errors'])} e.g. {r['errors'][0]}" if r["errors"] else ""
                    print(
                        f"{qname:6} c={clients}  {tname:28} {r['rps']:9.1f} req/s  p50 {r['p50']:8.2f} ms  p99 {r['p99']:8.2f} ms  (n={r['n']}){err}",
                        file=sys.stderr,
                    )
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()

    print(f"\nstore: {store_dir if args.store else f'synthetic, {args.zones} zones'}; {os.cpu_count()} CPUs; {args.seconds:g} s per cell")
    print("| query | clients | target | req/s | p50 ms | p99 ms | requests |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for qname, clients, tname, r in rows:
        flag = " (errors)" if r["errors"] else " (one request, longer than the cell)" if r["slow"] else ""
        print(f"| {qname} | {clients} | {tname} | {r['rps']:.1f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['n']}{flag} |")
    for n in notes:
        print(f"\nnote: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
