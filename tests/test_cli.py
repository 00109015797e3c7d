"""The `kg` command end to end, in subprocesses, on temporary stores."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]

DOC_A = "合肥高新区2021年实现营业收入1000亿元，同比增长12%。合肥高新区下辖合肥软件园。\n"
DOC_B = "成都高新区出台《关于支持生物医药产业发展的若干政策》，推进“放管服”改革。\n"


def kg(*args, check=True, cwd=ROOT):
    env = {**os.environ, "KG_STORE": ""}
    env.pop("KG_STORE")
    p = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(f"kg {' '.join(map(str, args))} failed ({p.returncode}):\n{p.stderr}")
    return p


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text(DOC_A, encoding="utf-8")
    (d / "b.txt").write_bytes(DOC_B.encode("gb18030"))
    return d


def _nquads(store):
    return sorted(kg("export", "--store", store, "--format", "nq").stdout.splitlines())


def test_help_names_every_command():
    out = kg("--help").stdout
    for cmd in ("build", "query", "export", "eval", "stats", "serve", "metrics"):
        assert cmd in out
    assert "--store" in kg("build", "--help").stdout


def test_build_reports_summary_and_progress(corpus, tmp_path):
    p = kg("build", corpus, "--store", tmp_path / "s")
    assert "documents: 2 new, 0 updated, 0 unchanged, 0 skipped (2 in store)" in p.stdout
    assert "entities:" in p.stdout and "facts:" in p.stdout
    assert "[2/2]" in p.stderr  # progress on stderr


def test_workers_is_the_builds_share_of_the_cores(corpus, tmp_path):
    from kg.executors import usable_cores

    n = usable_cores()
    default = kg("build", corpus, "--store", tmp_path / "a")
    k = min(n, 2)  # default: every usable core, but no more workers than the corpus's 2 files
    assert f"({k} worker{'s' * (k != 1)} on {k} of {n} cores)" in default.stderr
    one = kg("build", corpus, "--store", tmp_path / "b", "--workers", "1")
    assert f"(1 worker on 1 of {n} cores)" in one.stderr
    assert _nquads(tmp_path / "a") == _nquads(tmp_path / "b")  # the same graph either way
    for bad in ("0", "-2", "two"):
        p = kg("build", corpus, "--store", tmp_path / "c", "--workers", bad, check=False)
        assert p.returncode == 2 and "--workers" in p.stderr
        assert not (tmp_path / "c").exists()


def test_rebuild_is_identical_and_skips_unchanged(corpus, tmp_path):
    s = tmp_path / "s"
    kg("build", corpus, "--store", s)
    first = _nquads(s)
    p = kg("build", corpus, "--store", s)
    assert "0 new, 0 updated, 2 unchanged" in p.stdout
    assert _nquads(s) == first
    # A fresh build elsewhere gives the very same quads: IRIs do not depend on the run.
    kg("build", corpus, "--store", tmp_path / "t")
    assert _nquads(tmp_path / "t") == first


def test_changed_document_replaces_only_its_own_graph(corpus, tmp_path):
    s = tmp_path / "s"
    kg("build", corpus, "--store", s)
    graph_b = "<https://w3id.org/zonekg/id/doc/b>"
    b_before = [q for q in _nquads(s) if q.endswith(graph_b + " .")]
    (corpus / "a.txt").write_text(DOC_A.replace("1000亿元", "1200亿元"), encoding="utf-8")
    p = kg("build", corpus, "--store", s)
    assert "0 new, 1 updated, 1 unchanged" in p.stdout
    after = _nquads(s)
    assert [q for q in after if q.endswith(graph_b + " .")] == b_before
    graph_a = [q for q in after if q.endswith("<https://w3id.org/zonekg/id/doc/a> .")]
    assert not any('"1000' in q for q in graph_a)


def test_gb18030_document_is_read_as_chinese(corpus, tmp_path):
    s = tmp_path / "s"
    kg("build", corpus, "--store", s)
    out = kg("query", "SELECT ?e WHERE { ?d zkg:encoding ?e }", "--store", s, "--format", "csv").stdout
    assert sorted(out.split()[1:]) == ["gb18030", "utf-8"]
    title = kg("query", "SELECT ?t WHERE { ?d zkg:encoding 'gb18030' ; dcterms:title ?t }", "--store", s, "--format", "csv")
    assert "成都高新区" in title.stdout


def test_bad_files_are_skipped_by_name_and_strict_fails_without_changing_the_store(corpus, tmp_path):
    s = tmp_path / "s"
    kg("build", corpus, "--store", s)
    before = _nquads(s)
    (corpus / "empty.txt").write_text("")
    (corpus / "page.txt").write_text("<html><body>高新区</body></html>", encoding="utf-8")
    (corpus / "a.txt").write_text(DOC_A.replace("1000亿元", "900亿元"), encoding="utf-8")
    p = kg("build", corpus, "--store", s, "--strict", check=False)
    assert p.returncode != 0
    assert "empty.txt" in p.stderr and "page.txt" in p.stderr
    assert _nquads(s) == before  # the changed a.txt was not published either
    p = kg("build", corpus, "--store", s)  # without --strict: reported, skipped, exit 0
    assert p.returncode == 0
    assert "skipped" in p.stderr and "empty.txt: empty file" in p.stderr
    assert "2 skipped" in p.stdout


def test_nothing_readable_is_an_error_and_creates_no_graph(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "x.txt").write_bytes(b"\x00\x01\x02" * 100)
    p = kg("build", d, "--store", tmp_path / "s", check=False)
    assert p.returncode == 2
    assert "no readable document" in p.stderr and "x.txt" in p.stderr
    q = kg("stats", "--store", tmp_path / "s", check=False)
    assert q.returncode == 2 and "no published graph" in q.stderr
    p = kg("build", tmp_path / "missing", "--store", tmp_path / "s", check=False)
    assert p.returncode == 2 and "no such file" in p.stderr


def test_query_formats_and_errors(corpus, tmp_path):
    s = tmp_path / "s"
    kg("build", corpus, "--store", s)
    q = "SELECT ?d WHERE { ?d a zkg:Document } ORDER BY ?d"
    table = kg("query", q, "--store", s).stdout
    assert "(2 rows)" in table
    csv = kg("query", q, "--store", s, "--format", "csv").stdout.split()
    assert csv == ["d", "https://w3id.org/zonekg/id/doc/a", "https://w3id.org/zonekg/id/doc/b"]
    tsv = kg("query", q, "--store", s, "--format", "tsv").stdout.split()
    assert tsv == ["?d", "<https://w3id.org/zonekg/id/doc/a>", "<https://w3id.org/zonekg/id/doc/b>"]
    js = json.loads(kg("query", q, "--store", s, "--format", "json").stdout)
    assert [b["d"]["value"] for b in js["results"]["bindings"]] == csv[1:]
    assert kg("query", "ASK { ?d a zkg:Document }", "--store", s).stdout.strip() == "true"
    bad = kg("query", "SELECT ?x WHERE { ?x", "--store", s, check=False)
    assert bad.returncode == 2 and "malformed query" in bad.stderr and "Traceback" not in bad.stderr
    missing = kg("query", "nope.rq", "--store", s, check=False)
    assert missing.returncode == 2 and "no such query file" in missing.stderr


def test_export_formats_parse_with_rdflib(corpus, tmp_path):
    s = tmp_path / "s"
    kg("build", corpus, "--store", s)
    nq = tmp_path / "g.nq"
    kg("export", "--store", s, "--format", "nq", "-o", nq)
    ds = rdflib.Dataset()
    ds.parse(nq, format="nquads")
    graphs = {str(g.identifier) for g in ds.graphs()}
    assert {"https://w3id.org/zonekg/id/doc/a", "https://w3id.org/zonekg/id/doc/b"} <= graphs
    trig = tmp_path / "g.trig"
    kg("export", "--store", s, "--format", "trig", "-o", trig)
    ds2 = rdflib.Dataset()
    ds2.parse(trig, format="trig")
    assert len(ds2) == len(ds)
    union = {(t[0], t[1], t[2]) for t in ds.quads()}
    for fmt, rdflib_fmt in (("ttl", "turtle"), ("jsonld", "json-ld")):
        out = tmp_path / f"g.{fmt}"
        kg("export", "--store", s, "--format", fmt, "-o", out)
        g = rdflib.Graph()
        g.parse(out, format=rdflib_fmt)
        assert set(g) == union, fmt  # the union graph, each triple once


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    s = tmp_path_factory.mktemp("seeds") / "store"
    kg("build", "--store", s)  # default input: the bundled seeds/
    return s


def test_default_build_reads_the_bundled_seeds(seed_store):
    out = kg("stats", "--store", seed_store).stdout
    assert "documents     5" in out


def test_eval_prints_micro_averages(seed_store):
    gold = ROOT.parent / "shared" / "gold"
    if not gold.is_dir():
        pytest.skip("../shared/gold is not beside the repository")
    out = kg("eval", "--gold", gold, "--store", seed_store, "--per-doc").stdout
    assert "entity micro" in out and "relation micro" in out and "indicators" in out
    assert out.count("000_e3fa52a2fb91f3ab") == 1


def test_triple_exports_state_each_triple_once(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    # two documents about the same zone: its type and label are stated in both graphs
    (d / "a.txt").write_text(DOC_A, encoding="utf-8")
    (d / "c.txt").write_text("合肥高新区推进“放管服”改革。\n", encoding="utf-8")
    s = tmp_path / "s"
    kg("build", d, "--store", s)
    nt = kg("export", "--store", s, "--format", "nt").stdout.splitlines()
    assert len(nt) == len(set(nt))
    is_zone = "rdf-syntax-ns#type> <https://w3id.org/zonekg/ontology#Zone>"
    assert len([t for t in nt if is_zone in t]) == 1
    nq = kg("export", "--store", s, "--format", "nq").stdout.splitlines()
    assert len([q for q in nq if is_zone in q]) == 2  # once in each document's graph


def test_default_workers_are_the_cores_but_no_more_than_the_files(monkeypatch, corpus):
    import argparse

    from kg import cli

    monkeypatch.setattr(cli, "usable_cores", lambda: 64)  # a big machine, a 2-file corpus
    local = argparse.Namespace(workers=None, executor="local")
    assert cli._workers(local, [corpus]) == (2, 2)
    assert cli._workers(argparse.Namespace(workers=8, executor="local"), [corpus]) == (8, 8)  # asked for: kept
    assert cli._workers(argparse.Namespace(workers=None, executor="dask"), [corpus]) == (2, None)  # not confined
    monkeypatch.setattr(cli, "usable_cores", lambda: 1)
    assert cli._workers(local, [corpus]) == (1, 1)
