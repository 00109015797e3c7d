"""Extraction straight to N-Quads files, for a server-class store's bulk loader.

`kg build` funnels every document through one embedded store, whose single
writer bounds a build on one machine (docs/scale.md). When the graph is going
to a server store anyway (QLever, Virtuoso, Jena TDB2, Oxigraph server …),
`kg extract` skips the local store: workers (local processes or a Dask
cluster) extract and serialize as in a build, and this process only appends
their N-Quads to part files, so nothing but extraction uses the CPU. The quads
are exactly those a build would store — each document in its own named graph,
plus the ontology graph — without the incremental skipping (there is no store
to compare hashes with).

Output folder::

    OUT/ontology.nq       the ontology, in its named graph
    OUT/part-000001.nq    documents' graphs, about `part_quads` quads per file
    OUT/skipped.tsv       files that could not be read or extracted: path, reason

A part is written under a temporary name and renamed when complete, so a
killed run leaves only whole parts (and whole documents in them).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.build import DEFAULT_EXTRACTOR, IN_FLIGHT_PER_WORKER, ONTOLOGY, Progress, _chunks, _process_chunk, _task
from kg.executors import imap_unordered, make_executor
from kg.ingest import InputError, Skipped, duplicate_skipped, find_files
from kg.store import ontology_quads

PART_QUADS = 1_000_000


@dataclass
class HandoffSummary:
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    quads: int = 0
    parts: list[Path] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    workers: int = 0


class _Parts:
    """Part files of about `limit` quads, each renamed into place when complete."""

    def __init__(self, out: Path, limit: int):
        self.out, self.limit = out, limit
        self.done: list[Path] = []
        self.file: BinaryIO | None = None  # the part being written, under a temporary name …
        self.final = out  # … and the name it gets when complete
        self.quads = 0

    def write(self, nquads: bytes, n: int) -> None:
        if self.file is None:
            name = self.out / f"part-{len(self.done) + 1:06d}.nq"
            self.file = open(name.with_name("." + name.name + ".tmp"), "wb")  # noqa: SIM115 - closed in close()
            self.final = name
        self.file.write(nquads)
        self.quads += n
        if self.quads >= self.limit:
            self.close()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            Path(self.file.name).replace(self.final)
            self.done.append(self.final)
            self.file, self.quads = None, 0


def extract_to_nquads(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    part_quads: int = PART_QUADS,
    chunk_docs: int | None = None,
    progress: Progress | None = None,
) -> HandoffSummary:
    """Extract the documents under `paths` into N-Quads part files in `out_dir` (which must be empty or new)."""
    t0 = time.perf_counter()
    paths = list(paths)
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(f"{out} is not an empty folder: choose a new one, the part files are not merged")
    total = sum(1 for _ in find_files(paths))
    if not total:
        raise InputError(f"no files in {', '.join(map(str, paths))}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "ontology.nq").write_bytes(ox.serialize(ontology_quads(ONTOLOGY), format=ox.RdfFormat.N_QUADS))

    s = HandoffSummary()
    ex = make_executor(executor, workers, scheduler)
    s.workers = ex.slots
    ship = getattr(ex, "remote", False)
    per_chunk = chunk_docs or (32 if ship else 8)

    found = find_files(paths, on_duplicate=lambda f, first: s.skipped.append(duplicate_skipped(f, first)))
    tasks = (_task(path, root, ship) for path, root in found)
    parts = _Parts(out, part_quads)
    done = 0
    try:
        for results in imap_unordered(ex, _process_chunk, _chunks(tasks, per_chunk), extractor, in_flight=ex.slots * IN_FLIGHT_PER_WORKER):
            for res in results:
                done += 1
                if isinstance(res, Skipped):
                    s.skipped.append(res)
                else:
                    parts.write(res.nquads, res.quads)
                    s.documents += 1
                    s.quads += res.quads
                    s.entities.update(res.entities)
                    s.facts.update(res.facts)
                if progress:
                    progress(done, total, res.path if isinstance(res, Skipped) else res.doc_id)
        parts.close()
    finally:
        ex.close()
    with open(out / "skipped.tsv", "w", encoding="utf-8") as f:
        for sk in s.skipped:
            f.write(f"{sk.path}\t{sk.reason}\n")
    s.parts = parts.done
    s.seconds = time.perf_counter() - t0
    return s
