"""The build pipeline at scale: bad input, batching, bulk loading, checkpoints, incremental updates, parallel workers."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import store as st
from kg import vocab as v
from kg.build import BuildError, DocumentWriter, build
from kg.cli import main as kg_main
from kg.executors import SerialExecutor, imap_unordered

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_corpus import make_corpus  # noqa: E402

SHA = f"<{v.ZKG}sha256>"
ENC = f"<{v.ZKG}encoding>"
TITLE = "<http://purl.org/dc/terms/title>"

GOOD = "{title}\n\n{zone}位于{prov}省{city}市。{zone}以生物医药为主导产业。2023年，{zone}实现地区生产总值120.5亿元，同比增长8.1%。\n"


def graph_dump(store_dir) -> dict[str, set[str]]:
    """Published graph -> its quads (as N-Quads lines), for every named graph."""
    out: dict[str, set[str]] = {}
    for q in st.open_read(store_dir):
        out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def doc_graphs(dump: dict[str, set[str]]) -> dict[str, set[str]]:
    return {g: qs for g, qs in dump.items() if g.startswith(v.ID + "doc/")}


def value(store_dir, graph: str, pred: str) -> str:
    res = list(st.open_read(store_dir).query(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <{graph}> {pred} ?o }} }}"))
    assert len(res) == 1, res
    return res[0]["o"].value


@pytest.fixture
def bad_dir(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "utf8.txt").write_text(GOOD.format(title="海口高新区新闻", zone="海口国家高新区", prov="海南", city="海口"), encoding="utf-8")
    (d / "gbk.txt").write_bytes(GOOD.format(title="苏州工业园区动态", zone="苏州高新区", prov="江苏", city="苏州").encode("gb18030"))
    (d / "u16.txt").write_bytes(GOOD.format(title="合肥高新区速递", zone="合肥高新区", prov="安徽", city="合肥").encode("utf-16"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blob.txt").write_bytes(b"\x00\x01\x02\x03\xff\x00\x00\x10" * 300)
    (d / "page.txt").write_text("<!DOCTYPE html><html><body><p>海口高新区</p></body></html>", encoding="utf-8")
    with open(d / "huge.txt", "wb") as f:  # sparse: 25 MB on paper, nothing on disk
        f.truncate(25 * 1024 * 1024)
    return d


def test_bad_files_are_skipped_by_name_and_reason_and_good_encodings_decoded(bad_dir, tmp_path):
    s = build([bad_dir], tmp_path / "s")
    skipped = {Path(k.path).name: k.reason.lower() for k in s.skipped}
    assert set(skipped) == {"empty.txt", "blob.txt", "page.txt", "huge.txt"}
    assert "empty" in skipped["empty.txt"]
    assert "html" in skipped["page.txt"]
    assert "too large" in skipped["huge.txt"]
    assert skipped["blob.txt"]  # some reason (binary / undecodable), never silence
    assert (s.new, s.documents, s.updated, s.unchanged) == (3, 3, 0, 0)
    # The GB18030 and UTF-16 files were decoded to the right text, not mojibake.
    assert value(tmp_path / "s", v.document_iri("gbk"), TITLE) == "苏州工业园区动态"
    assert value(tmp_path / "s", v.document_iri("gbk"), ENC) == "gb18030"
    assert value(tmp_path / "s", v.document_iri("u16"), TITLE) == "合肥高新区速递"
    assert value(tmp_path / "s", v.document_iri("u16"), ENC).startswith("utf-16")
    assert value(tmp_path / "s", v.document_iri("utf8"), TITLE) == "海口高新区新闻"


def test_cli_exit_status_zero_with_skips_and_strict_fails_leaving_store_unchanged(bad_dir, tmp_path, capsys):
    store = tmp_path / "s"
    assert kg_main(["build", str(bad_dir), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    for name in ("empty.txt", "blob.txt", "page.txt", "huge.txt"):
        assert f"skipped {bad_dir / name}:" in err
    before = (store / "current").read_text()
    before_dump = graph_dump(store)
    # A changed good file plus the same bad ones: --strict fails and publishes nothing.
    (bad_dir / "utf8.txt").write_text(GOOD.format(title="改过的标题", zone="海口国家高新区", prov="海南", city="海口"), encoding="utf-8")
    assert kg_main(["build", str(bad_dir), "--store", str(store), "--strict"]) != 0
    err = capsys.readouterr().err
    assert "empty.txt" in err and "huge.txt" in err and "not changed" in err
    assert (store / "current").read_text() == before
    assert graph_dump(store) == before_dump
    # And the next ordinary build still works from the rolled-back state.
    assert kg_main(["build", str(bad_dir), "--store", str(store)]) == 0
    assert value(store, v.document_iri("utf8"), TITLE) == "改过的标题"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(60, tmp_path_factory.mktemp("corpus") / "c", seed=7)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, set[str]]:
    """A build the plain way: one process, every batch in one transaction, no checkpoints."""
    store = tmp_path_factory.mktemp("ref") / "s"
    s = build([corpus], store, bulk=False, checkpoint_docs=10**9, checkpoint_seconds=1e9)
    assert s.checkpoints == 1 and s.new > 50
    return graph_dump(store)


def test_bulk_batches_and_checkpoints_give_the_same_graph(corpus, reference, tmp_path):
    store = tmp_path / "s"
    s = build([corpus], store, bulk=True, batch_quads=500, checkpoint_docs=10)
    assert s.batches >= 5 and s.checkpoints >= 3
    assert not (store / st.DIRTY).exists()
    assert graph_dump(store) == reference


def test_two_workers_give_the_same_graph_as_one(corpus, reference, tmp_path):
    s = build([corpus], tmp_path / "s", workers=2, batch_quads=2000)
    assert s.workers == 2
    assert graph_dump(tmp_path / "s") == reference


def test_every_document_graph_carries_its_hash_and_skips_are_counted(corpus, reference):
    manifest = dict(line.split("\t") for line in (corpus / ".manifest.tsv").read_text().splitlines()[1:])
    good = {rel for rel, enc in manifest.items() if not enc.startswith("broken")}
    docs = doc_graphs(reference)
    assert set(docs) == {v.document_iri(rel.rsplit(".", 1)[0]) for rel in good}
    for g, qs in docs.items():
        assert sum(f"<{g}> {SHA} " in q for q in qs) == 1


@pytest.mark.parametrize("lookup", [512, 3])  # stored hashes fetched for all files at once, or 3 at a time
def test_incremental_unchanged_skipped_changed_replaced_new_added(corpus, tmp_path, monkeypatch, lookup):
    monkeypatch.setattr("kg.build.HASH_LOOKUP_FILES", lookup)
    src = tmp_path / "c"
    shutil.copytree(corpus, src)
    store = tmp_path / "s"
    first = build([src], store)
    snap = (store / "current").read_text()
    again = build([src], store)
    assert (again.new, again.updated, again.documents) == (0, 0, 0)
    assert again.unchanged == first.new
    assert (store / "current").read_text() == snap  # nothing changed, nothing published
    # Change one document, add one.
    changed = src / "000" / "doc000003.txt"
    changed.write_text("宁波高新区简讯\n\n宁波国家高新区以新材料为主导产业。\n", encoding="utf-8")
    (src / "000" / "extra.txt").write_text("厦门火炬高新区简讯\n\n厦门火炬高新区以电子信息为主导产业。\n", encoding="utf-8")
    third = build([src], store)
    assert (third.new, third.updated, third.documents) == (1, 1, 2)
    assert third.unchanged == first.new - 1
    with st.writer(store) as w:  # hashes are looked up for exactly the documents asked about
        asked = [v.document_iri("000/extra"), v.document_iri("000/doc000003"), v.document_iri("no/such/doc")]
        hashes = w.document_hashes(asked)
        assert sorted(hashes) == sorted(asked[:2])
        assert len(w.document_hashes()) == first.new + 1
        assert all(len(h) == 64 for h in hashes.values())
    g = v.document_iri("000/doc000003")
    assert value(store, g, TITLE) == "宁波高新区简讯"
    assert value(store, v.document_iri("000/extra"), TITLE) == "厦门火炬高新区简讯"
    # The changed document's graph is exactly what a fresh build of the new text gives: nothing old is left.
    build([src], tmp_path / "fresh")
    assert graph_dump(store)[g] == graph_dump(tmp_path / "fresh")[g]
    assert graph_dump(store) == graph_dump(tmp_path / "fresh")


def test_killed_bulk_load_is_discarded_by_the_next_writer(corpus, tmp_path):
    store = tmp_path / "s"
    build([corpus], store)
    published = graph_dump(store)
    # Simulate a kill inside a bulk load: marker left behind, part of a batch in work/.
    with st.writer(store) as w:
        w.store.bulk_load(b'<http://x/s> <http://x/p> "half" <http://x/g> .\n', format=ox.RdfFormat.N_QUADS)
        (store / st.DIRTY).write_text("bulk load in progress\n")
        w.dirty = False
    assert (store / st.DIRTY).exists()
    with st.writer(store) as w:
        assert not list(w.store.quads_for_pattern(None, None, None, ox.NamedNode("http://x/g")))
    assert not (store / st.DIRTY).exists()
    assert graph_dump(store) == published


def test_a_batch_waits_in_a_spool_file_not_in_memory_and_leftovers_are_removed(tmp_path):
    store = tmp_path / "s"
    nq = b'<http://x/s> <http://x/p> "o" <http://x/g> .\n'
    with st.writer(store) as w:
        dw = DocumentWriter(w, batch_quads=10**9)
        dw.add("http://x/g", nq, 1)
        dw.add("http://x/h", nq.replace(b"x/g", b"x/h"), 1)
        dw.file.flush()
        (spooled,) = (store / st.SPOOL).iterdir()
        assert spooled.read_bytes() == nq + nq.replace(b"x/g", b"x/h")
        dw.flush()  # loaded (no background thread: at once) and the file removed
        dw.close()
        assert not list((store / st.SPOOL).iterdir())
    graphs = {q.graph_name.value for q in st.open_read(store) if q.graph_name.value.startswith("http://x/")}
    assert graphs == {"http://x/g", "http://x/h"}
    # A kill leaves spool files behind: the next writer removes them and loads nothing from them.
    (store / st.SPOOL / "tmp123.nq").write_bytes(b'<http://x/s> <http://x/p> "stale" <http://x/k> .\n')
    with st.writer(store):
        assert not (store / st.SPOOL).exists()
    assert not list(st.open_read(store).quads_for_pattern(None, None, None, ox.NamedNode("http://x/k")))


def test_in_flight_tasks_are_bounded():
    """Submission is lazy: in flight plus finished-but-not-consumed never exceeds 2 x in_flight."""
    drawn = 0

    def tasks():
        nonlocal drawn
        for i in range(1000):
            drawn += 1
            yield i

    consumed, ahead = 0, []
    for r in imap_unordered(SerialExecutor(), lambda x: x * 2, tasks(), in_flight=4):
        consumed += 1
        ahead.append(drawn - consumed)
        assert r % 2 == 0
    assert consumed == 1000
    assert 4 <= max(ahead) <= 8


def test_snapshot_pruning_keeps_recent_ones_for_readers(tmp_path, monkeypatch):
    store = tmp_path / "s"
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"d{i}.txt").write_text(GOOD.format(title=f"标题{i}", zone="海口国家高新区", prov="海南", city="海口"), encoding="utf-8")
    monkeypatch.setattr(st, "SNAPSHOT_GRACE", 3600.0)
    build([d], store, checkpoint_docs=1, batch_quads=1)
    snaps = sorted(p.name for p in store.glob("snap-*"))
    assert len(snaps) >= 4  # superseded a moment ago: still there for readers
    monkeypatch.setattr(st, "SNAPSHOT_GRACE", 0.0)
    (d / "d0.txt").write_text(GOOD.format(title="新标题", zone="海口国家高新区", prov="海南", city="海口"), encoding="utf-8")
    build([d], store)
    left = sorted(p.name for p in store.glob("snap-*"))
    assert len(left) == st.KEEP_SNAPSHOTS and (store / "current").read_text().strip() == left[-1]
    assert Counter(p.name.split(".")[0] for p in store.iterdir())["work"] == 1  # no leftovers


# --------------------------------------------------------------------------- kg extract: N-Quads hand-off


def nq_dump(files) -> dict[str, set[str]]:
    """The quads of N-Quads files as a store holds them (loaded, so literals are in the store's canonical form)."""
    store = ox.Store()
    for f in files:
        store.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
    out: dict[str, set[str]] = {}
    for q in store:
        out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def test_extract_to_nquads_gives_the_stores_graph_in_whole_documents_per_part(corpus, reference, tmp_path):
    from kg.handoff import extract_to_nquads

    out = tmp_path / "nq"
    s = extract_to_nquads([corpus], out, workers=2, part_quads=2000)
    assert len(s.parts) > 3  # ~60 documents of ~250 quads: several parts
    assert sorted(p.name for p in out.iterdir()) == sorted(["ontology.nq", "skipped.tsv", *(p.name for p in s.parts)])
    # Loaded into a store, exactly the quads a build stores: every document graph and the ontology graph.
    assert nq_dump([out / "ontology.nq", *s.parts]) == reference
    # A document never straddles two parts (a killed run leaves only whole parts, hence whole documents).
    owner: dict[str, str] = {}
    for part in s.parts:
        for g in nq_dump([part]):
            assert owner.setdefault(g, part.name) == part.name, f"{g} in {owner[g]} and {part.name}"


def test_extract_lists_bad_files_and_refuses_a_folder_with_files(bad_dir, tmp_path, capsys):
    out = tmp_path / "nq"
    assert kg_main(["extract", str(bad_dir), "-o", str(out)]) == 0
    listed = dict(line.split("\t") for line in (out / "skipped.tsv").read_text(encoding="utf-8").splitlines())
    assert sorted(Path(p).name for p in listed) == ["blob.txt", "empty.txt", "huge.txt", "page.txt"]
    assert all(listed.values())
    graphs = nq_dump(out.glob("part-*.nq"))
    assert sorted(graphs) == sorted(v.document_iri(n) for n in ("gbk", "u16", "utf8"))
    # --strict: the same files, exit status 2; and a folder that already holds files is refused, untouched.
    assert kg_main(["extract", str(bad_dir), "-o", str(tmp_path / "nq2"), "--strict"]) == 2
    assert kg_main(["extract", str(bad_dir), "-o", str(out)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert (out / "skipped.tsv").exists() and len(list(out.glob("part-*.nq"))) == 1


def test_two_files_with_one_document_id_keep_the_first_and_report_the_other(tmp_path, monkeypatch):
    """a.txt and a.md in one folder both have the id "a". Stored together they would merge into one
    graph, and every later build would find one of the two hashes changed and flip the graph."""
    from kg.handoff import extract_to_nquads

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD.format(title="宁波高新区简讯", zone="宁波国家高新区", prov="浙江", city="宁波"), encoding="utf-8")
    (d / "a.md").write_text(GOOD.format(title="厦门高新区简讯", zone="厦门火炬高新区", prov="福建", city="厦门"), encoding="utf-8")
    (d / "b.txt").write_text(GOOD.format(title="合肥高新区速递", zone="合肥高新区", prov="安徽", city="合肥"), encoding="utf-8")
    store = tmp_path / "s"
    first = build([d], store, fresh=True)
    assert [(Path(k.path).name, "same document id as a.md" in k.reason) for k in first.skipped] == [("a.txt", True)]
    assert (first.new, first.documents) == (2, 2)
    g = v.document_iri("a")
    assert value(store, g, TITLE) == "厦门高新区简讯"  # a.md sorts first; value() also checks there is one title
    again = build([d], store)
    assert (again.unchanged, again.updated, again.new) == (2, 0, 0)
    assert [Path(k.path).name for k in again.skipped] == ["a.txt"]
    with pytest.raises(BuildError, match="a.txt: same document id as a.md"):
        build([d], tmp_path / "strict", strict=True)
    s = extract_to_nquads([d], tmp_path / "nq")
    assert [Path(k.path).name for k in s.skipped] == ["a.txt"]
    assert s.documents == 2


def test_a_fresh_build_looks_up_no_stored_hashes(corpus, tmp_path, monkeypatch):
    """The store starts empty; the lookups would only fill RocksDB's block caches in the writer."""

    def refuse(self, graphs=None):
        raise AssertionError("hashes looked up in a fresh build")

    build([corpus], tmp_path / "s")
    monkeypatch.setattr(st.Writer, "document_hashes", refuse)
    s = build([corpus], tmp_path / "s", fresh=True)
    assert s.new == s.documents > 0
    with pytest.raises(AssertionError, match="fresh build"):
        build([corpus], tmp_path / "s")


def test_a_fresh_build_caps_open_table_files_and_an_incremental_one_does_not(corpus, tmp_path):
    """The cap bounds a fresh build's writer memory; an incremental build's hash lookups would reopen files."""
    resource = pytest.importorskip("resource")
    if min(resource.getrlimit(resource.RLIMIT_NOFILE)) < 200:
        pytest.skip("descriptor limit already small")
    from tests.test_store import _rocksdb_option

    build([corpus], tmp_path / "s", fresh=True)
    assert _rocksdb_option(tmp_path / "s" / "work", "max_open_files") == str(st.WRITER_OPEN_FILES)
    build([corpus], tmp_path / "s")
    assert int(_rocksdb_option(tmp_path / "s" / "work", "max_open_files")) > st.WRITER_OPEN_FILES
