"""Build: files -> documents -> extractions -> quads -> store, with a summary.

The pipeline streams; nothing proportional to the corpus is held in Python
(the store's own memory grows with the store, see docs/scale.md):

1. The writer (this process, the store's single writer) counts the files, then
   walks them again lazily, asking the store for the content hashes of a few
   hundred at a time; a file whose SHA-256 is already stored is skipped.
2. The rest go out in small chunks to an executor (`kg.executors`: this
   process, a local process pool, or a Dask cluster), at most a few chunks per
   worker in flight. A worker reads and decodes the file, runs the extractor,
   turns the extraction into quads and serializes them as N-Quads, so what
   comes back is compact bytes plus a few counts.
3. The writer gathers results into batches (~50k quads) and writes each
   batch as one unit, in a background thread so results keep flowing
   meanwhile: changed documents' old graphs are dropped in one transaction,
   then the batch is loaded — by pyoxigraph's bulk loader when the batch is
   big (fast, fenced by a marker so a kill cannot leave half a batch, see
   kg/store.py), in one transaction when small. Either way a document is in
   the store entirely or not at all.
4. Every `checkpoint_docs` documents or `checkpoint_seconds` seconds the
   writer publishes a snapshot, so readers see progress and a killed build
   loses at most that much; the next build skips what is stored (same hash)
   and does the rest. `--strict` builds publish only at the end, and only if
   no file was skipped.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO, TypeVar

from kg import store as st
from kg import vocab as v
from kg.executors import imap_unordered, make_executor
from kg.ingest import InputError, Skipped, doc_id_for, duplicate_skipped, find_files, read_document
from kg.rdf import extraction_nquads

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "zonekg.ttl"
DEFAULT_EXTRACTOR = "kg.extract:extract"
# Quads per write; one batch is one unit of work for the store. Bigger batches mean fewer
# RocksDB compactions but more bulk-loader memory. On 100k documents: 50k quads 575 s and a
# 333 MiB writer, 100k quads 471 s and 372 MiB, 250k quads 409 s and 507 MiB (benchmarks/RESULTS.md).
BATCH_QUADS = 100_000
BATCH_DOCS = 1_000
BULK_MIN_QUADS = 10_000  # smaller batches go in one transaction: the bulk loader's fixed cost is not worth it
CHECKPOINT_DOCS = 5_000
CHECKPOINT_SECONDS = 60.0
# Chunks in flight per worker: enough queued work that the workers keep going
# while the writer spends a second or two loading a batch.
IN_FLIGHT_PER_WORKER = 6
HASH_LOOKUP_FILES = 512  # files whose stored hashes are fetched in one query


class BuildError(Exception):
    """The build did not complete; the published store is unchanged."""


@dataclass
class Summary:
    documents: int = 0  # read and extracted in this run (new or changed)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)  # per type, in the documents processed
    facts: Counter = field(default_factory=Counter)  # per relation
    indicators: int = 0
    quads: int = 0
    seconds: float = 0.0
    store: str = ""
    executor: str = ""
    workers: int = 0  # parallel extraction slots
    batches: int = 0
    checkpoints: int = 0  # snapshots published during the build, the final one included
    load_seconds: float = 0.0  # time spent writing quads into the store


Progress = Callable[[int, int, str], None]  # (done, total, document id or path)


@dataclass
class Extracted:
    """What a worker sends back for one document: its quads as N-Quads bytes and a few counts."""

    doc_id: str
    nquads: bytes
    quads: int
    entities: Counter
    facts: Counter
    indicators: int


# --------------------------------------------------------------------------- worker side


class _MemFile(PurePosixPath):
    """A file whose bytes were shipped with the task (Dask workers need no shared filesystem).

    It answers the three things `read_document` asks of a path: its name, its size and its bytes.
    """

    _data: bytes = b""

    def stat(self):
        return os.stat_result((0o100644, 0, 0, 1, 0, 0, len(self._data), 0, 0, 0))

    def read_bytes(self) -> bytes:
        return self._data


_extractors: dict[str, Callable] = {}


def _extractor(spec: str) -> Callable:
    fn = _extractors.get(spec)
    if fn is None:
        module, _, name = spec.partition(":")
        fn = _extractors[spec] = getattr(importlib.import_module(module), name or "extract")
    return fn


T = TypeVar("T")
Task = tuple[str, str | None, bytes | None]  # (path, root, the file's bytes for a remote executor)


def _process_one(path: str, root: str | None, data: bytes | None, extractor: str) -> Extracted | Skipped:
    if data is None:
        doc = read_document(Path(path), Path(root) if root is not None else None)
    else:
        f = _MemFile(path)
        f._data = data
        doc = read_document(f, PurePosixPath(root) if root is not None else None)  # type: ignore[arg-type]
    if isinstance(doc, Skipped):
        return doc
    try:
        ex = _extractor(extractor)(doc)
        nq, n_quads = extraction_nquads(ex)
    except Exception as e:  # an extractor bug must name the file, not kill the build
        return Skipped(path, f"extraction failed: {type(e).__name__}: {e}")
    return Extracted(
        doc.doc_id,
        nq,
        n_quads,
        Counter(e.type for e in ex.entities),
        Counter(f.predicate for f in ex.facts),
        len(ex.indicators),
    )


def _process_chunk(chunk: list[Task], extractor: str) -> list[Extracted | Skipped]:
    """One task: read, extract and serialize a few documents."""
    return [_process_one(p, r, d, extractor) for p, r, d in chunk]


# --------------------------------------------------------------------------- writer side


def _task(path: Path, root: Path | None, ship: bool, data: bytes | None = None) -> Task:
    """One document's task; a remote executor's workers get the bytes (None if unreadable: the worker says so)."""
    if ship and data is None:
        try:
            data = path.read_bytes()
        except OSError:
            data = None
    return (str(path), None if root is None else str(root), data if ship else None)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` consecutive items (the last one shorter), drawn lazily."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _sha256(path: Path) -> tuple[str, bytes | None]:
    try:
        data = path.read_bytes()
    except OSError:
        return "", None
    return hashlib.sha256(data).hexdigest(), data


class DocumentWriter:
    """Batches documents' N-Quads into the store: the write half of a build, usable on its own.

    `add(graph, nquads, n_quads, replace)` queues one document; a batch is
    written when it holds `batch_quads` quads — old graphs of changed documents
    dropped in one transaction, then the batch loaded by the bulk loader (full
    batches) or in one transaction (small ones) — and a snapshot is published
    every `checkpoint_docs` documents or `checkpoint_seconds` seconds (never if
    `checkpoints` is False: then only the writer's exit publishes).
    `trusted=True` loads without validating IRIs; only for kg.rdf's own output.

    With `background=True` batches are written by one background thread (the
    store still has a single writer) while the caller goes on collecting
    results: pyoxigraph releases the GIL while it loads, so the workers are fed
    during a load. At most one batch waits behind the one being written.
    `close()` waits for the writes and re-raises the first error; call it
    before leaving `st.writer()`.

    A batch is collected in a spool file in the store's folder (`Writer.spool`),
    not in memory, and loaded from there: the writer's memory does not depend
    on the batch size or on how far the workers run ahead of the loads.
    """

    def __init__(
        self,
        w: st.Writer,
        *,
        batch_quads: int = BATCH_QUADS,
        bulk: bool | None = None,
        checkpoints: bool = True,
        checkpoint_docs: int = CHECKPOINT_DOCS,
        checkpoint_seconds: float = CHECKPOINT_SECONDS,
        background: bool = False,
        trusted: bool = False,
    ):
        self.w = w
        self.trusted = trusted
        self.batch_quads = batch_quads
        self.bulk = bulk
        self.checkpoints = checkpoints
        self.checkpoint_docs = checkpoint_docs
        self.checkpoint_seconds = checkpoint_seconds
        self.batches = self.published = 0
        self.seconds = 0.0  # time spent writing and publishing
        self._since, self._t_ckpt = 0, time.monotonic()
        self._error: BaseException | None = None
        self._queue: queue.Queue | None = None
        self._thread: threading.Thread | None = None
        if background:
            self._queue = queue.Queue(maxsize=1)
            self._thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)
            self._thread.start()
        self._reset()

    def _reset(self) -> None:
        self.file: BinaryIO | None = None  # the spool file of the batch being collected, opened on its first document
        self.replace: list[str] = []
        self.docs = self.quads = 0

    def add(self, graph: str, nquads: bytes, n_quads: int, replace: bool = False) -> None:
        if self.file is None:
            self.file = self.w.spool()
        self.file.write(nquads)
        if replace:
            self.replace.append(graph)
        self.docs += 1
        self.quads += n_quads
        if self.quads >= self.batch_quads or self.docs >= BATCH_DOCS:
            self.flush()

    def flush(self) -> None:
        """Hand the current batch to the store (in the background thread if there is one)."""
        if self._error is not None:
            raise self._error
        if self.docs == 0:
            return
        self.file.close()
        job = (Path(self.file.name), self.replace, self.docs, self.quads)
        self._reset()
        if self._queue is None:
            self._write(*job)
        else:
            self._queue.put(job)

    def close(self) -> None:
        """Write what is queued, stop the background thread; re-raise its first error.

        A batch still being collected (not flushed) is discarded."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        if self.file is not None:
            self.file.close()
            Path(self.file.name).unlink(missing_ok=True)
            self._reset()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if self._error is None:
                try:
                    self._write(*job)
                except BaseException as e:  # noqa: BLE001 - handed to the caller by flush()/close()
                    self._error = e
            else:  # after an error, drain without writing
                job[0].unlink(missing_ok=True)

    def _write(self, spooled: Path, replace: list[str], docs: int, quads: int) -> None:
        t = time.perf_counter()
        try:
            self.w.drop_graphs(replace)
            # A full batch goes through the bulk loader; the last, partial one and small
            # incremental updates go in one transaction (cheaper for a few documents).
            use_bulk = (quads >= min(self.batch_quads, BULK_MIN_QUADS)) if self.bulk is None else self.bulk
            self.w.load_nquads(spooled, bulk=use_bulk, trusted=self.trusted)
        finally:
            spooled.unlink(missing_ok=True)
        self.batches += 1
        self._since += docs
        if self.checkpoints and (
            self._since >= self.checkpoint_docs or time.monotonic() - self._t_ckpt >= self.checkpoint_seconds
        ):
            self.w.publish()
            self.published += 1
            self._since, self._t_ckpt = 0, time.monotonic()
        self.seconds += time.perf_counter() - t


def build(
    paths: Iterable[str | Path],
    store_dir: str | Path,
    *,
    fresh: bool = False,
    workers: int = 1,
    strict: bool = False,
    progress: Progress | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    batch_quads: int = BATCH_QUADS,
    checkpoint_docs: int = CHECKPOINT_DOCS,
    checkpoint_seconds: float = CHECKPOINT_SECONDS,
    bulk: bool | None = None,
    chunk_docs: int | None = None,
) -> Summary:
    """Build or update the graph in `store_dir` from the documents under `paths`.

    executor: "local" (this machine; `workers` processes, 1 = in this process) or
    "dask" (the cluster at `scheduler`, or a LocalCluster of `workers` processes).
    extractor: "module:function" taking a Document and returning an Extraction.
    bulk: None = bulk-load full batches, transactions for small ones; True/False = always/never bulk.
    """
    t0 = time.perf_counter()
    paths = list(paths)
    # Count first and walk again below, rather than hold 10^5-10^6 paths in a list.
    total = sum(1 for _ in find_files(paths))
    if not total:
        raise InputError(f"no files in {', '.join(map(str, paths))}")
    summary = Summary(store=str(store_dir), executor=executor)
    done = 0
    ex = make_executor(executor, workers, scheduler)
    summary.workers = ex.slots
    ship_bytes = getattr(ex, "remote", False)
    per_chunk = chunk_docs or (32 if ship_bytes else 8)
    try:
        # Capping RocksDB's open table files bounds the writer's memory (100k documents: 220 ->
        # 187 MiB) but makes point reads reopen files: the stored-hash lookups of an incremental
        # build ran 4-6x slower on a 200k-document store. A fresh build does no lookups.
        with st.writer(store_dir, fresh=fresh, open_files=st.WRITER_OPEN_FILES if fresh else None) as w:
            st.load_ontology(w, ONTOLOGY)
            in_store: set[str] = set()  # graphs of documents in flight that the store already holds (updates)

            def files_with_hashes() -> Iterator[tuple[Path, Path | None, str, str | None]]:
                """(file, root, graph IRI, stored hash or None), looking hashes up a group at a time."""
                found = find_files(paths, on_duplicate=lambda f, first: summary.skipped.append(duplicate_skipped(f, first)))
                files = ((p, r, v.document_iri(doc_id_for(p, r))) for p, r in found)
                if fresh:
                    # The store starts empty: nothing to look up. (The lookups are not free: at 10k
                    # documents they cost the writer ~50 MiB of RocksDB block cache.)
                    yield from ((p, r, g, None) for p, r, g in files)
                    return
                for group in _chunks(files, HASH_LOOKUP_FILES):
                    known = w.document_hashes([g for *_, g in group])
                    yield from ((p, r, g, known.get(g)) for p, r, g in group)

            def tasks() -> Iterator[Task]:
                nonlocal done
                for path, root, graph, h in files_with_hashes():
                    data = None
                    if h is not None:
                        digest, data = _sha256(path)
                        if digest == h:
                            summary.unchanged += 1
                            done += 1
                            continue
                        in_store.add(graph)
                    yield _task(path, root, ship_bytes, data)

            dw = DocumentWriter(
                w,
                batch_quads=batch_quads,
                bulk=bulk,
                checkpoints=not strict,  # --strict publishes only at the end, and only if nothing was skipped
                checkpoint_docs=checkpoint_docs,
                checkpoint_seconds=checkpoint_seconds,
                background=True,
                # The workers' N-Quads are kg.rdf's output only (IRIs from fixed namespaces, hex
                # digests, percent-encoded ids, checked term names): the loader need not validate them.
                trusted=True,
            )
            try:
                for results in imap_unordered(
                    ex, _process_chunk, _chunks(tasks(), per_chunk), extractor, in_flight=ex.slots * IN_FLIGHT_PER_WORKER
                ):
                    for res in results:
                        done += 1
                        if isinstance(res, Skipped):
                            summary.skipped.append(res)
                            if progress:
                                progress(done, total, res.path)
                            continue
                        if strict and summary.skipped:
                            continue  # this build will fail: go on only to name every bad file
                        g = v.document_iri(res.doc_id)
                        update = g in in_store
                        in_store.discard(g)
                        dw.add(g, res.nquads, res.quads, replace=update)
                        summary.quads += res.quads
                        summary.documents += 1
                        if update:
                            summary.updated += 1
                        else:
                            summary.new += 1
                        summary.entities.update(res.entities)
                        summary.facts.update(res.facts)
                        summary.indicators += res.indicators
                        if progress:
                            progress(done, total, res.doc_id)
                if strict and summary.skipped:
                    names = "; ".join(f"{s.path}: {s.reason}" for s in summary.skipped)
                    raise BuildError(f"--strict: {len(summary.skipped)} file(s) skipped: {names}")
                dw.flush()
            finally:
                dw.close()  # never leave the writer block (which may roll work/ back) with a load running
            summary.batches, summary.checkpoints, summary.load_seconds = dw.batches, dw.published, dw.seconds
            if summary.documents == 0 and summary.unchanged == 0:
                names = "; ".join(f"{s.path}: {s.reason}" for s in summary.skipped)
                raise InputError(f"no readable document in {', '.join(map(str, paths))} ({names})")
            if w.dirty or st._current_snapshot(Path(store_dir)) is None:
                summary.checkpoints += 1  # the writer publishes on leaving the block
    finally:
        ex.close()
    summary.seconds = time.perf_counter() - t0
    return summary
