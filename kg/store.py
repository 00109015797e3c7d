"""The on-disk RDF store: pyoxigraph, embedded, with published snapshots.

Layout of a store directory::

    STORE/
      work/            the writer's read-write pyoxigraph store (one writer at a time)
      snap-000007/     published, never-modified copies (RocksDB checkpoints: hard links)
      current          text file naming the published snapshot readers use
      .lock            held by the writer
      work.unpublished present while work/ is ahead of the published snapshot
      work.dirty       present while a bulk load is writing work/ (see below)
      spool/           batches of N-Quads waiting to be loaded

A writer killed after writing to `work/` but before publishing leaves
`work.unpublished`; the next writer then publishes even if it has nothing new
to write (its documents would otherwise be skipped as already stored, yet
never reach readers).

Writers change `work/` in transactions of whole documents (one document, or a
batch of documents) and publish it by checkpointing it into a new snapshot and
then atomically replacing `current`. Readers (kg query, kg serve) open the
snapshot named by `current` read-only, so they never see half a document and
never share files with the writer. A build that fails rolls `work/` back to
the published snapshot; a killed build leaves `work/` with whole documents only,
which the next build completes.

Bulk loading (`Writer.load_nquads(..., bulk=True)`, pyoxigraph's `bulk_load`) is
2-3x faster than a transaction but not atomic: a kill in the middle may leave
part of a batch in `work/`. So it is fenced by a marker file, `work.dirty`,
written before and removed after; a writer that finds the marker discards
`work/` and starts again from the published snapshot (which a long build
refreshes every few thousand documents, so little is lost).

Superseded snapshots are deleted once they are neither among the newest
KEEP_SNAPSHOTS nor younger than SNAPSHOT_GRACE seconds (measured from the
snapshot that replaced them), so a reader that opened one just before a
publish can finish its query.

This module knows quads and graphs, nothing about Chinese or extraction.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

try:
    import resource
except ImportError:  # not POSIX: no descriptor limit to work with
    resource = None

from kg import vocab as v

DEFAULT_STORE_ENV = "KG_STORE"
KEEP_SNAPSHOTS = 2
SNAPSHOT_GRACE = 120.0  # seconds a superseded snapshot stays for readers that still use it
DIRTY = "work.dirty"  # present while a non-transactional bulk load is writing work/
UNPUBLISHED = "work.unpublished"  # present while work/ may hold changes not yet published
SPOOL = "spool"  # the writer's batches of N-Quads waiting to be loaded (removed by the next writer if left)
# Table files a writer may ask RocksDB to keep open (`writer(open_files=…)`; kg.build does for a
# fresh build). Each open file holds its index block in memory, so without a cap the writer's
# memory grows with the store (oxigraph opens RocksDB with max_open_files = RLIMIT_NOFILE - 48,
# 19,952 on a usual Linux: every file stays open); with one, point reads reopen files.
WRITER_OPEN_FILES = 64
_OXIGRAPH_FD_RESERVE = 48  # oxigraph: max_open_files = soft RLIMIT_NOFILE - 48, and it needs >= 96


class StoreError(Exception):
    """A store that cannot be opened or written, with a message for people."""


def default_store_path() -> Path:
    """`$KG_STORE` if set, else `./store` in the current directory."""
    return Path(os.environ.get(DEFAULT_STORE_ENV, "store"))


def _current_snapshot(root: Path) -> Path | None:
    try:
        name = (root / "current").read_text().strip()
    except FileNotFoundError:
        return None
    snap = root / name
    return snap if snap.is_dir() else None


def snapshot_path(root: str | Path) -> Path:
    """The published snapshot readers should open, or StoreError if there is none."""
    root = Path(root)
    snap = _current_snapshot(root)
    if snap is None:
        if not root.exists():
            raise StoreError(f"no store at {root}: run `kg build` first (or pass --store DIR)")
        raise StoreError(f"{root} holds no published graph: run `kg build` first")
    return snap


def open_read(root: str | Path) -> ox.Store:
    """Open the published graph read-only."""
    snap = snapshot_path(root)
    try:
        return ox.Store.read_only(str(snap))
    except OSError as e:
        raise StoreError(f"cannot open store {snap}: {e}") from e


def query(store: ox.Store, sparql: str, union: bool = True):
    """Run a SPARQL query; by default the default graph is the union of all named graphs."""
    return store.query(sparql, use_default_graph_as_union=union)


_SNAP = re.compile(r"snap-\d{6}")


def _snapshots(root: Path) -> list[Path]:
    """Snapshot directories (not RocksDB's `snap-N.tmp` left by a checkpoint a kill interrupted)."""
    return [p for p in root.glob("snap-*") if _SNAP.fullmatch(p.name) and p.is_dir()]


def _publish(root: Path, work: ox.Store) -> Path:
    """Checkpoint `work` into a new snapshot and point `current` at it."""
    work.flush()
    existing = sorted(p.name for p in _snapshots(root))
    n = int(existing[-1].split("-")[1]) + 1 if existing else 1
    snap = root / f"snap-{n:06d}"
    if snap.exists():
        shutil.rmtree(snap)
    work.backup(str(snap))
    tmp = root / f"current.tmp{os.getpid()}"
    with open(tmp, "w") as f:
        f.write(snap.name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, root / "current")
    _prune(root, snap)
    return snap


def _prune(root: Path, current: Path) -> None:
    """Delete superseded snapshots that no reader should still be using (see the module docstring)."""
    snaps = sorted(_snapshots(root))
    now = time.time()
    for old, newer in zip(snaps[:-KEEP_SNAPSHOTS], snaps[1:]):
        if old == current:
            continue
        try:
            superseded_for = now - newer.stat().st_mtime
        except OSError:
            continue
        if superseded_for > SNAPSHOT_GRACE:
            shutil.rmtree(old, ignore_errors=True)


class Writer:
    """The single writer of a store: replaces documents' graphs, publishes snapshots."""

    def __init__(self, root: Path, store: ox.Store):
        self.root = root
        self.store = store
        # work/ holds changes readers do not see yet. Also true when a killed writer left
        # such changes (the UNPUBLISHED marker): then the next writer publishes them even
        # if it has nothing new to write.
        self.dirty = (root / UNPUBLISHED).exists()

    def _changing(self) -> None:
        """Called before every write: mark work/ as ahead of the published snapshot, on disk first."""
        marker = self.root / UNPUBLISHED
        if not marker.exists():
            with open(marker, "w") as f:
                f.write("work/ holds changes not yet published\n")
                f.flush()
                os.fsync(f.fileno())
        self.dirty = True

    def document_hashes(self, graphs: Iterable[str] | None = None) -> dict[str, str]:
        """Graph IRI -> content hash of the given documents (all documents if None) in the working store."""
        values = "" if graphs is None else "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " } "
        q = f"SELECT ?g ?h WHERE {{ {values}GRAPH ?g {{ ?g <{v.ZKG}sha256> ?h }} }}"
        return {s["g"].value: s["h"].value for s in self.store.query(q)}

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> int:
        """Atomically replace one named graph's content; returns the number of quads written."""
        g = ox.NamedNode(graph)
        new = list(quads)
        old = list(self.store.quads_for_pattern(None, None, None, g))
        self._changing()
        if old:
            # One SPARQL update is one transaction: readers of `work` (none but us)
            # and a crash both see either the old graph or the new one.
            body = " ".join(str(q.triple) + " ." for q in new)
            self.store.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {body} }} }}")
        else:
            self.store.extend(new)
        return len(new)

    def add_documents(self, batch: list[tuple[str, list[ox.Quad]]]) -> int:
        """Add several new graphs in one transaction (faster than one per document)."""
        quads = [q for _, qs in batch for q in qs]
        self._changing()
        self.store.extend(quads)
        return len(quads)

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove several named graphs in one transaction."""
        body = " ; ".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)
        if body:
            self._changing()
            self.store.update(body)

    def spool(self) -> BinaryIO:
        """A new file in the store's spool folder, open for writing N-Quads to load later."""
        d = self.root / SPOOL
        d.mkdir(exist_ok=True)
        fd, name = tempfile.mkstemp(suffix=".nq", dir=d)
        os.close(fd)
        return open(name, "wb")  # noqa: SIM115 - the caller closes it when the batch is complete

    def load_nquads(self, data: bytes | Path, bulk: bool = False, trusted: bool = False) -> None:
        """Add N-Quads (bytes, or a file's path): in one transaction, or with `bulk=True`
        by the faster non-atomic bulk loader. `trusted=True` skips IRI validation
        (~10 % faster loads): only for N-Quads this program wrote itself.

        A bulk load is fenced by the `work.dirty` marker: if the process dies
        inside it, the next writer discards `work/` (see the module docstring).
        """
        src = {"path": str(data)} if isinstance(data, Path) else {"input": data}
        if (data.stat().st_size if isinstance(data, Path) else len(data)) == 0:
            return
        self._changing()
        if not bulk:
            self.store.load(format=ox.RdfFormat.N_QUADS, lenient=trusted, **src)
            return
        marker = self.root / DIRTY
        with open(marker, "w") as f:
            f.write(f"bulk load in progress (pid {os.getpid()})\n")
            f.flush()
            os.fsync(f.fileno())
        self.store.bulk_load(format=ox.RdfFormat.N_QUADS, lenient=trusted, **src)
        self.store.flush()
        marker.unlink()

    def publish(self) -> Path:
        """Make everything written so far visible to readers."""
        snap = _publish(self.root, self.store)
        (self.root / UNPUBLISHED).unlink(missing_ok=True)  # a kill before this line only publishes again
        self.dirty = False
        return snap


def _remove(path: Path) -> None:
    """Delete a directory so that a kill in the middle never leaves a half-deleted one under its name."""
    if path.exists():
        trash = path.with_name(f"{path.name}.trash{os.getpid()}")
        os.replace(path, trash)
        shutil.rmtree(trash, ignore_errors=True)


@contextmanager
def _open_files_cap(open_files: int | None) -> Iterator[None]:
    """While opening a store, lower the soft RLIMIT_NOFILE so that RocksDB keeps at most
    `open_files` table files open; restore it at once (RocksDB reads it only at open).

    pyoxigraph exposes no RocksDB option; this is the one it derives from the process.
    None, or a platform without `resource`: no cap."""
    if open_files is None or resource is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = max(open_files + _OXIGRAPH_FD_RESERVE, 96)
    if soft != resource.RLIM_INFINITY and want >= soft:
        yield  # already at or below the cap
        return
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def _open_writable(path: Path, open_files: int | None) -> ox.Store:
    """pyoxigraph's read-write store at `path`, its open table files capped (see `_open_files_cap`)."""
    try:
        with _open_files_cap(open_files):
            return ox.Store(str(path))
    except OSError as e:
        if e.errno != errno.EMFILE and "Too many open files" not in str(e):
            raise
    # This process already uses most descriptors below the cap: open without it.
    return ox.Store(str(path))


def _reset_work(root: Path) -> None:
    """Make `work/` a copy of the published snapshot (or empty), atomically as seen by the next writer."""
    work = root / "work"
    snap = _current_snapshot(root)
    if snap is not None:
        tmp = root / f"work.tmp{os.getpid()}"
        _remove(tmp)
        ox.Store.read_only(str(snap)).backup(str(tmp))
        _remove(work)
        os.replace(tmp, work)
    else:
        _remove(work)
    (root / DIRTY).unlink(missing_ok=True)
    (root / UNPUBLISHED).unlink(missing_ok=True)  # work/ is the published graph again


def _clean_leftovers(root: Path) -> None:
    """Remove what a killed writer may have left: half-made copies and half-deleted folders."""
    # (RocksDB checkpoints into `<dir>.tmp` and renames it when complete.)
    for p in list(root.glob("work.tmp*")) + list(root.glob("*.trash*")) + list(root.glob("snap-*.tmp")) + [root / SPOOL]:
        shutil.rmtree(p, ignore_errors=True)
    for p in root.glob("current.tmp*"):
        p.unlink(missing_ok=True)


@contextmanager
def writer(root: str | Path, fresh: bool = False, open_files: int | None = None) -> Iterator[Writer]:
    """Open the store for writing; publish on success, roll back `work/` on error.

    `fresh=True` starts from an empty graph (published only if the build succeeds).
    `open_files`: at most that many table files open, which bounds their index blocks'
    memory but slows point reads (None: oxigraph's default, all of them; see WRITER_OPEN_FILES).
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise StoreError(f"--store {root} is a file, not a directory")
    root.mkdir(parents=True, exist_ok=True)
    lock = open(root / ".lock", "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as e:
        lock.close()
        raise StoreError(f"another build is writing {root}; wait for it to finish") from e
    try:
        _clean_leftovers(root)
        work_dir = root / "work"
        if fresh:
            _remove(work_dir)
            (root / DIRTY).unlink(missing_ok=True)
            (root / UNPUBLISHED).unlink(missing_ok=True)
        elif not work_dir.exists() or (root / DIRTY).exists():
            # No working copy, or a bulk load was killed half-way: start from what was published.
            _reset_work(root)
        try:
            store = _open_writable(work_dir, open_files)
        except (OSError, RuntimeError):
            # A kill -9 in the middle of a RocksDB operation can leave work/ unopenable
            # ("Corruption: … .sst: No such file"). It holds only unpublished work, so
            # start again from the published snapshot: at most one checkpoint is redone.
            if fresh:
                _remove(work_dir)
            else:
                _reset_work(root)
            try:
                store = _open_writable(work_dir, open_files)
            except (OSError, RuntimeError) as e:
                raise StoreError(f"cannot open {work_dir} for writing: {e}") from e
        w = Writer(root, store)
        try:
            yield w
        except BaseException:
            del w.store, store
            _reset_work(root)
            raise
        if w.dirty or _current_snapshot(root) is None:
            w.publish()
        w.store.flush()
        del w.store, store  # close work/ (RocksDB's LOCK) before the next writer may open it
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


def ontology_quads(ttl_path: Path) -> list[ox.Quad]:
    """The ontology's triples as quads in the ontology's own named graph."""
    g = ox.NamedNode(v.ONTOLOGY_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(path=str(ttl_path), format=ox.RdfFormat.TURTLE)]


def load_ontology(w: Writer, ttl_path: Path) -> int:
    """(Re)load the ontology into its own named graph, so queries can use class labels."""
    quads = ontology_quads(ttl_path)
    existing = set(w.store.quads_for_pattern(None, None, None, ox.NamedNode(v.ONTOLOGY_GRAPH)))
    if existing == set(quads):
        return 0
    return w.replace_graph(v.ONTOLOGY_GRAPH, quads)
