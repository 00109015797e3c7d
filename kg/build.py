"""Build: files -> documents -> extractions -> quads -> store, with a summary.

Only the extraction step is CPU-heavy and pure, so it runs in worker processes;
this process is the single writer of the store. Unchanged documents (same
content hash as in the store) are skipped; a changed document's graph is
replaced as a whole; nothing is published unless the build succeeds.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg import store as st
from kg import vocab as v
from kg.ingest import InputError, Skipped, doc_id_for, find_files, read_document
from kg.model import Document, Extraction
from kg.rdf import extraction_quads

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "zonekg.ttl"


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


Progress = Callable[[int, int, str], None]  # (done, total, document id)


def _extract(doc: Document) -> Extraction:
    from kg.extract import extract

    return extract(doc)


def _read_and_extract(item: tuple[Path, Path | None]) -> Extraction | Skipped:
    path, root = item
    doc = read_document(path, root)
    if isinstance(doc, Skipped):
        return doc
    try:
        return _extract(doc)
    except Exception as e:  # an extractor bug must name the file, not kill the build
        return Skipped(str(path), f"extraction failed: {type(e).__name__}: {e}")


def _results(items: list[tuple[Path, Path | None]], workers: int) -> Iterator[Extraction | Skipped]:
    if workers <= 1 or len(items) < 2:
        yield from map(_read_and_extract, items)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_read_and_extract, items, chunksize=max(1, min(64, len(items) // (workers * 8))))


def build(
    paths: Iterable[str | Path],
    store_dir: str | Path,
    *,
    fresh: bool = False,
    workers: int = 1,
    strict: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Build or update the graph in `store_dir` from the documents under `paths`."""
    t0 = time.perf_counter()
    items = list(find_files(paths))
    if not items:
        raise InputError(f"no files in {', '.join(map(str, paths))}")
    summary = Summary(store=str(store_dir))
    with st.writer(store_dir, fresh=fresh) as w:
        st.load_ontology(w, ONTOLOGY)
        known = w.document_hashes()
        # Cheap pre-pass: skip files whose bytes are already in the store.
        todo = []
        for path, root in items:
            doc_iri = v.document_iri(doc_id_for(path, root))
            h = known.get(doc_iri)
            if h is not None and h == _sha256(path):
                summary.unchanged += 1
            else:
                todo.append((path, root))
        total = len(items)
        done = summary.unchanged
        for res in _results(todo, workers):
            done += 1
            if isinstance(res, Skipped):
                summary.skipped.append(res)
                if progress:
                    progress(done, total, res.path)
                continue
            g = v.document_iri(res.doc.doc_id)
            summary.quads += w.replace_graph(g, extraction_quads(res))
            summary.documents += 1
            if g in known:
                summary.updated += 1
            else:
                summary.new += 1
            summary.entities.update(e.type for e in res.entities)
            summary.facts.update(f.predicate for f in res.facts)
            summary.indicators += len(res.indicators)
            if progress:
                progress(done, total, res.doc.doc_id)
        if strict and summary.skipped:
            names = "; ".join(f"{s.path}: {s.reason}" for s in summary.skipped)
            raise BuildError(f"--strict: {len(summary.skipped)} file(s) skipped: {names}")
        if summary.documents == 0 and summary.unchanged == 0:
            names = "; ".join(f"{s.path}: {s.reason}" for s in summary.skipped)
            raise InputError(f"no readable document in {', '.join(map(str, paths))} ({names})")
    summary.seconds = time.perf_counter() - t0
    return summary


def _sha256(path: Path) -> str:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
