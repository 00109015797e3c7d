"""The on-disk store: published snapshots, whole-document replacement, failed writes leave it intact."""

import os
import threading

import pyoxigraph as ox
import pytest

from kg import store as st
from kg import vocab as v
from kg.rdf import extraction_quads
from tests.helpers import make_extraction

PARKS = f"SELECT ?l WHERE {{ ?z <{v.ZKG}hasPark> ?p . ?p <{v.RDFS}label> ?l }} ORDER BY ?l"


def _write(root, *exs, fresh=False):
    with st.writer(root, fresh=fresh) as w:
        for ex in exs:
            w.replace_graph(v.document_iri(ex.doc.doc_id), extraction_quads(ex))


def _parks(root):
    return [r["l"].value for r in st.query(st.open_read(root), PARKS)]


def test_nothing_to_read_before_a_build(tmp_path):
    with pytest.raises(st.StoreError, match="no store at"):
        st.open_read(tmp_path / "none")
    (tmp_path / "empty").mkdir()
    with pytest.raises(st.StoreError, match="no published graph"):
        st.open_read(tmp_path / "empty")


def test_write_publishes_and_persists_on_disk(tmp_path):
    root = tmp_path / "s"
    _write(root, make_extraction("a", park="药谷工业园"))
    assert _parks(root) == ["药谷工业园"]
    assert (root / "current").read_text().strip().startswith("snap-")
    # A second writer session sees the same data (it is on disk, not in memory).
    _write(root, make_extraction("b", park="云龙产业园"))
    assert _parks(root) == ["云龙产业园", "药谷工业园"]


def test_reingesting_a_document_replaces_its_facts_and_nothing_else(tmp_path):
    root = tmp_path / "s"
    _write(root, make_extraction("a", park="药谷工业园"), make_extraction("b", park="云龙产业园"))
    _write(root, make_extraction("a", park="海马工业园"))
    assert _parks(root) == ["云龙产业园", "海马工业园"]
    store = st.open_read(root)
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{v.document_iri('a')}> {{ ?o a <{v.ZKG}Observation> }} }}"
    assert int(next(iter(store.query(q)))["n"].value) == 1


def test_writing_the_same_input_twice_gives_the_same_graph(tmp_path):
    root = tmp_path / "s"
    _write(root, make_extraction("a"), make_extraction("b", park="云龙产业园"))
    first = sorted(map(str, st.open_read(root)))
    _write(root, make_extraction("a"), make_extraction("b", park="云龙产业园"))
    assert sorted(map(str, st.open_read(root))) == first


def test_failed_write_leaves_the_published_store_intact(tmp_path):
    root = tmp_path / "s"
    _write(root, make_extraction("a", park="药谷工业园"))
    before = sorted(map(str, st.open_read(root)))
    with pytest.raises(RuntimeError):
        with st.writer(root) as w:
            w.replace_graph(v.document_iri("a"), extraction_quads(make_extraction("a", park="海马工业园")))
            w.replace_graph(v.document_iri("c"), extraction_quads(make_extraction("c", park="狮子岭工业园")))
            raise RuntimeError("extractor crashed half-way")
    assert sorted(map(str, st.open_read(root))) == before
    # ... and the half-done work is not carried into the next build either.
    _write(root, make_extraction("b", park="云龙产业园"))
    assert _parks(root) == ["云龙产业园", "药谷工业园"]


def test_fresh_starts_from_empty(tmp_path):
    root = tmp_path / "s"
    _write(root, make_extraction("a", park="药谷工业园"))
    _write(root, make_extraction("b", park="云龙产业园"), fresh=True)
    assert _parks(root) == ["云龙产业园"]


def test_reader_keeps_its_snapshot_while_a_writer_publishes(tmp_path):
    root = tmp_path / "s"
    _write(root, make_extraction("a", park="药谷工业园"))
    reader = st.open_read(root)
    _write(root, make_extraction("b", park="云龙产业园"))
    assert [r["l"].value for r in st.query(reader, PARKS)] == ["药谷工业园"]  # old snapshot, whole
    assert _parks(root) == ["云龙产业园", "药谷工业园"]  # a new reader sees the new one


def test_only_one_writer_at_a_time(tmp_path):
    root = tmp_path / "s"
    entered, release = threading.Event(), threading.Event()

    def hold():
        with st.writer(root):
            entered.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    assert entered.wait(10)
    try:
        with pytest.raises(st.StoreError, match="another build"):
            with st.writer(root):
                pass
    finally:
        release.set()
        t.join()


def test_store_path_that_is_a_file_is_refused(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(st.StoreError, match="is a file"):
        with st.writer(f):
            pass


def test_an_unopenable_working_copy_is_rebuilt_from_the_published_snapshot(tmp_path):
    root = tmp_path / "s"
    _write(root, make_extraction("a", park="药谷工业园"))
    # What a kill -9 mid-compaction can leave: a MANIFEST naming a table file that is gone.
    for sst in (root / "work").glob("*.sst"):
        sst.unlink()
    _write(root, make_extraction("b", park="云龙产业园"))
    assert _parks(root) == ["云龙产业园", "药谷工业园"]  # published a, recovered, then b


def test_a_checkpoint_cut_by_a_kill_does_not_break_the_next_publish(tmp_path):
    root = tmp_path / "s"
    _write(root, make_extraction("a", park="药谷工业园"))
    # RocksDB checkpoints into `<dir>.tmp` and renames it when done: a kill leaves this behind.
    (root / "snap-000009.tmp").mkdir()
    (root / "snap-000009.tmp" / "000001.sst").write_bytes(b"partial")
    _write(root, make_extraction("b", park="云龙产业园"))
    assert _parks(root) == ["云龙产业园", "药谷工业园"]
    assert not (root / "snap-000009.tmp").exists()


def test_work_left_unpublished_by_a_killed_writer_is_published_by_the_next_one(tmp_path):
    """A build killed after loading its last documents but before publishing: the next build finds
    them stored (same hashes), has nothing to write, and must still publish them."""
    root = tmp_path / "s"
    with st.writer(root) as w:
        w.load_nquads(b'<http://x/a> <http://x/p> "1" <http://x/g1> .\n')
    with st.writer(root) as w:
        w.load_nquads(b'<http://x/b> <http://x/p> "2" <http://x/g2> .\n')
        assert (root / st.UNPUBLISHED).exists()
        w.dirty = False  # as if killed here: written to work/, never published
    assert (root / st.UNPUBLISHED).exists()
    assert not list(st.open_read(root).quads_for_pattern(None, None, None, ox.NamedNode("http://x/g2")))
    with st.writer(root):
        pass  # nothing new to write
    assert not (root / st.UNPUBLISHED).exists()
    assert len(list(st.open_read(root).quads_for_pattern(None, None, None, ox.NamedNode("http://x/g2")))) == 1


def _rocksdb_option(store_dir, name):
    """A DBOptions value from the newest OPTIONS file RocksDB wrote when it opened `store_dir`."""
    newest = max(store_dir.glob("OPTIONS-*"), key=lambda p: int(p.name.split("-")[1]))
    values = [line.split("=", 1)[1].strip() for line in newest.read_text().splitlines() if line.strip().startswith(f"{name}=")]
    assert len(values) == 1, values
    return values[0]


def test_the_writer_keeps_few_table_files_open_and_restores_the_descriptor_limit(tmp_path):
    """Every open table file holds its index block in memory: capping them keeps the writer's memory
    from growing with the store. The cap must not outlive opening the store."""
    resource = pytest.importorskip("resource")
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    if min(before) < 200:
        pytest.skip("descriptor limit already small")
    root = tmp_path / "s"
    with st.writer(root, open_files=st.WRITER_OPEN_FILES) as w:
        w.load_nquads(b'<http://x/a> <http://x/p> "1" <http://x/g1> .\n')
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == before
        assert _rocksdb_option(root / "work", "max_open_files") == str(st.WRITER_OPEN_FILES)
    with st.writer(root):  # by default, oxigraph's own choice: the limit less 48
        assert _rocksdb_option(root / "work", "max_open_files") == str(min(before) - 48)
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == before


def test_the_writer_opens_without_the_cap_when_descriptors_below_it_are_taken(tmp_path):
    """A process that already holds more descriptors than the cap allows still gets its store."""
    resource = pytest.importorskip("resource")
    if min(resource.getrlimit(resource.RLIMIT_NOFILE)) < 400:
        pytest.skip("descriptor limit too small for this test")
    held = [open(os.devnull) for _ in range(st.WRITER_OPEN_FILES + 100)]  # every fd below the cap's limit
    try:
        root = tmp_path / "s"
        with st.writer(root, open_files=st.WRITER_OPEN_FILES) as w:
            w.load_nquads(b'<http://x/a> <http://x/p> "1" <http://x/g1> .\n')
        assert int(_rocksdb_option(root / "work", "max_open_files")) > st.WRITER_OPEN_FILES
    finally:
        for f in held:
            f.close()
    assert len(list(st.open_read(root).quads_for_pattern(None, None, None, ox.NamedNode("http://x/g1")))) == 1
