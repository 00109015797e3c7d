"""The `kg` command: the only place that reads argv and prints.

Each subcommand parses its options, calls the library, and turns library
exceptions into one clear line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg import __version__
from kg.build import BATCH_QUADS, CHECKPOINT_DOCS, CHECKPOINT_SECONDS
from kg.executors import confined_to, usable_cores
from kg.store import StoreError, default_store_path

EPILOG = """\
examples:
  kg build                       build the graph from the bundled seeds/ into ./store
  kg build news/ --store /data/kg
  kg query queries/zones_parks.rq
  kg query 'SELECT ?z ?label WHERE { ?z a zkg:Zone ; rdfs:label ?label }' --format csv
  kg export --format trig -o graph.trig
  kg eval --gold ../shared/gold
  kg stats

The store defaults to ./store (or $KG_STORE); every command takes --store DIR.
"""


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"store directory (default: $KG_STORE or ./store; now {default_store_path()})",
    )


def _store(args) -> Path:
    return args.store if args.store is not None else default_store_path()


def _err(msg: str) -> None:
    print(f"kg: error: {msg}", file=sys.stderr)


class _Progress:
    """Progress on stderr: a rewritten line on a terminal, a line every few seconds otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.t0 = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if done != total and now - self.last < (0.1 if self.tty else 5.0):
            return
        self.last = now
        rate = done / max(now - self.t0, 1e-9)
        msg = f"[{done}/{total}] {rate:.1f} docs/s  {name[-50:]}"
        if self.tty:
            print("\r" + msg.ljust(90), end="" if done != total else "\n", file=sys.stderr, flush=True)
        else:
            print(msg, file=sys.stderr, flush=True)


def _positive(text: str) -> int:
    """argparse type: an integer of at least 1."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _workers(args, paths) -> tuple[int, int | None]:
    """--workers N: (extraction workers, cores to confine the run to, or None for all).

    Locally N is the build's share of the machine: N cores for everything (extraction, the
    writer, RocksDB), so `--workers 1` is a one-core build. The default is every usable core,
    but no more workers than files (5 documents on a 64-core machine: 5 workers, not 64).
    With Dask, N is the number of workers of a local cluster and this machine is not confined.
    """
    if args.workers is not None:
        workers = args.workers
    else:
        from itertools import islice

        from kg.ingest import InputError, find_files

        cores = usable_cores()
        try:
            files = sum(1 for _ in islice(find_files(paths), cores))  # (stops counting at `cores`)
        except (InputError, OSError):
            files = cores  # a missing or unreadable path: the build reports it
        workers = max(1, min(cores, files))
    return workers, (workers if args.executor == "local" else None)


@contextmanager
def _cores_share(args, paths, doing: str) -> Iterator[int]:
    """Run the block on this run's share of the cores (--workers), saying so on stderr; yields the workers."""
    workers, budget = _workers(args, paths)
    total = usable_cores()  # (before confining: the machine's, not the share's)
    with confined_to(budget) as cores:
        share = f"{args.executor} executor" if args.executor != "local" else f"{workers} worker{'s' * (workers != 1)} on {cores} of {total} cores"
        print(f"{doing} ({share})", file=sys.stderr)
        yield workers


def cmd_build(args) -> int:
    from kg.build import BuildError, build
    from kg.executors import ExecutorError
    from kg.ingest import InputError
    from kg.stats import stats

    paths = args.paths or [Path(__file__).resolve().parent.parent / "seeds"]
    store_dir = _store(args)
    with _cores_share(args, paths, f"building {store_dir} from {', '.join(map(str, paths))}") as workers:
        try:
            s = build(
                paths,
                store_dir,
                fresh=args.fresh,
                workers=workers,
                strict=args.strict,
                progress=_Progress(),
                executor=args.executor,
                scheduler=args.scheduler,
                checkpoint_docs=args.checkpoint_docs,
                checkpoint_seconds=args.checkpoint_seconds,
                batch_quads=args.batch_quads,
            )
        except (InputError, BuildError, StoreError) as e:
            _err(f"{e} (the store was not changed)")
            return 2
        except ExecutorError as e:
            _err(str(e))
            return 2
    for sk in s.skipped:
        print(f"skipped {sk.path}: {sk.reason}", file=sys.stderr)
    from kg.store import open_read

    totals = stats(open_read(store_dir))
    print(
        f"documents: {s.new} new, {s.updated} updated, {s.unchanged} unchanged, {len(s.skipped)} skipped"
        f" ({totals.documents} in store) in {s.seconds:.1f}s"
    )
    print("entities:  " + ", ".join(f"{t} {n}" for t, n in totals.entities.items() if n))
    print("facts:     " + ", ".join(f"{p} {n}" for p, n in totals.facts.items() if n))
    print(f"indicators: {totals.observations}, roles: {totals.roles}, quads: {totals.quads}")
    return 0


def cmd_extract(args) -> int:
    from kg.executors import ExecutorError
    from kg.handoff import extract_to_nquads
    from kg.ingest import InputError

    paths = args.paths or [Path(__file__).resolve().parent.parent / "seeds"]
    with _cores_share(args, paths, f"extracting {', '.join(map(str, paths))} into {args.output}/") as workers:
        try:
            s = extract_to_nquads(
                paths,
                args.output,
                workers=workers,
                executor=args.executor,
                scheduler=args.scheduler,
                progress=_Progress(),
            )
        except (InputError, ExecutorError) as e:
            _err(str(e))
            return 2
    for sk in s.skipped:
        print(f"skipped {sk.path}: {sk.reason}", file=sys.stderr)
    print(
        f"documents: {s.documents} extracted, {len(s.skipped)} skipped (listed in {args.output}/skipped.tsv)"
        f" in {s.seconds:.1f}s; {s.quads} quads in {len(s.parts)} part file(s) + ontology.nq"
    )
    if args.strict and s.skipped:
        _err(f"--strict: {len(s.skipped)} file(s) skipped")
        return 2
    return 0


def cmd_query(args) -> int:
    from kg.query import QueryError, format_result, query_text, run
    from kg.store import open_read

    try:
        text = query_text(args.query)
        result = run(open_read(_store(args)), text)
        out = format_result(result, args.format)
    except (QueryError, StoreError) as e:
        _err(str(e))
        return 2
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def cmd_export(args) -> int:
    from kg.export.rdf import FORMATS, export_rdf
    from kg.store import open_read

    try:
        store = open_read(_store(args))
    except StoreError as e:
        _err(str(e))
        return 2
    if args.format in FORMATS:
        if args.output in (None, "-"):
            export_rdf(store, args.format, sys.stdout.buffer)
        else:
            tmp = Path(f"{args.output}.tmp{os.getpid()}")
            with open(tmp, "wb") as f:
                export_rdf(store, args.format, f)
            os.replace(tmp, args.output)
            print(f"wrote {args.output} ({Path(args.output).stat().st_size} bytes)", file=sys.stderr)
        return 0
    try:
        from kg.export import network
    except ImportError:
        _err(f"format {args.format} is not available in this version")
        return 2
    if args.output in (None, "-"):
        _err(f"--format {args.format} needs -o FILE")
        return 2
    try:
        written = network.export(store, args.format, Path(args.output), network=args.network)
    except ValueError as e:
        _err(str(e))
        return 2
    for path in written or [args.output]:
        print(f"wrote {path} ({Path(path).stat().st_size} bytes)", file=sys.stderr)
    return 0


def cmd_eval(args) -> int:
    from kg.evaluate import format_report, load_gold, prediction_from_store, score
    from kg.store import open_read

    try:
        gold = load_gold(args.gold)
        pred = prediction_from_store(open_read(_store(args)))
    except (StoreError, FileNotFoundError, ValueError) as e:
        _err(str(e))
        return 2
    report = score(pred, gold)
    base = None
    if args.baseline:
        from kg.evaluate import prediction_from_extractions
        from kg.extract.baseline import extract_baseline
        from kg.ingest import read_document

        docs = []
        for doc_id in gold.docs:
            cands = sorted(Path(args.seeds).glob(f"{doc_id}.*"))
            if cands:
                d = read_document(cands[0])
                if not hasattr(d, "reason"):
                    docs.append(d)
        base = score(prediction_from_extractions(extract_baseline(d) for d in docs), gold)
    print(format_report(report, base, title=f"whole set ({len(gold.docs)} documents)" + ("  — ours | baseline" if base else "")))
    if args.per_doc:
        for doc in gold.docs:
            r = score(pred.only_doc(doc), gold.only_doc(doc))
            em, rm = r.entity_micro, r.relation_micro
            print(
                f"{doc}: entities P {em.precision:.3f} R {em.recall:.3f} F1 {em.f1:.3f} | "
                f"relations P {rm.precision:.3f} R {rm.recall:.3f} F1 {rm.f1:.3f} | indicators F1 {r.indicators.f1:.3f}"
            )
    if args.errors:
        print("\nfalse positives:")
        print("\n".join("  " + x for x in report.false_positives) or "  (none)")
        print("misses:")
        print("\n".join("  " + x for x in report.misses) or "  (none)")
    return 0


def cmd_stats(args) -> int:
    from kg.stats import format_stats, stats
    from kg.store import open_read

    try:
        print(format_stats(stats(open_read(_store(args)))))
    except StoreError as e:
        _err(str(e))
        return 2
    return 0


def cmd_serve(args) -> int:
    try:
        from kg import serve
    except ImportError:
        _err("the SPARQL endpoint is not available in this version")
        return 2
    return serve.main(args, _store(args))


def cmd_metrics(args) -> int:
    try:
        from kg import metrics
    except ImportError:
        _err("graph metrics are not available in this version")
        return 2
    return metrics.main(args, _store(args))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg",
        description="ZoneKG: a knowledge graph of China's development zones, built from Chinese news and reports.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="extract documents into the store (default: the bundled seeds/)")
    b.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories of .txt documents")
    _store_arg(b)
    b.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="extraction processes, and the cores the whole build may use (default: all usable cores;"
        " with --executor dask and no --scheduler: local Dask workers)",
    )
    b.add_argument("--fresh", action="store_true", help="start from an empty graph instead of updating the store")
    b.add_argument("--strict", action="store_true", help="fail (and change nothing) if any file is skipped")
    b.add_argument(
        "--executor",
        choices=["local", "dask"],
        default="local",
        help="where extraction runs: local processes (default) or a Dask cluster (pip install 'zonekg[dask]'); the store is always written here",
    )
    b.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --workers processes)")
    b.add_argument(
        "--checkpoint-docs", type=int, default=CHECKPOINT_DOCS, metavar="N", help=f"publish a snapshot every N documents written (default {CHECKPOINT_DOCS})"
    )
    b.add_argument("--checkpoint-seconds", type=float, default=CHECKPOINT_SECONDS, metavar="S", help=f"… or every S seconds (default {CHECKPOINT_SECONDS:g})")
    b.add_argument(
        "--batch-quads",
        type=int,
        default=BATCH_QUADS,
        metavar="N",
        help=f"quads per write to the store (default {BATCH_QUADS}); larger is faster for big builds and costs the writer memory (docs/scale.md)",
    )
    b.set_defaults(func=cmd_build)

    x = sub.add_parser(
        "extract",
        help="extract documents straight to N-Quads files, no store (for a server store's bulk loader; see docs/scale.md)",
    )
    x.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories of .txt documents")
    x.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="a new (or empty) folder for the part files")
    x.add_argument("--workers", type=_positive, metavar="N", help="extraction processes, on N cores (default: all usable cores)")
    x.add_argument("--executor", choices=["local", "dask"], default="local", help="local processes (default) or a Dask cluster")
    x.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster of --workers processes)")
    x.add_argument("--strict", action="store_true", help="exit with status 2 if any file was skipped")
    x.set_defaults(func=cmd_extract)

    q = sub.add_parser("query", help="run a SPARQL query (file or text); prefixes zkg:, rdfs:, skos:, prov: … are predeclared")
    q.add_argument("query", metavar="FILE_OR_QUERY_TEXT")
    _store_arg(q)
    q.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", help="write the graph as RDF (nq, trig, ttl, jsonld) or a network (gexf, graphml, csv, png)")
    _store_arg(e)
    e.add_argument("--format", required=True, choices=["nq", "trig", "ttl", "nt", "jsonld", "gexf", "graphml", "csv", "png"])
    e.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout for RDF formats)")
    e.add_argument(
        "--network",
        choices=["entities", "zones"],
        default=None,
        help="for gexf/graphml/csv: the entity network (default) or the zone-zone projection; png draws the zones",
    )
    e.set_defaults(func=cmd_export)

    ev = sub.add_parser("eval", help="score the graph against gold annotations (P/R/F1 per type and relation)")
    ev.add_argument("--gold", required=True, type=Path, metavar="DIR", help="folder of gold *.json files")
    _store_arg(ev)
    ev.add_argument("--baseline", action="store_true", help="also score a naive jieba.posseg extractor, side by side")
    ev.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parent.parent / "seeds", help="documents for --baseline")
    ev.add_argument("--per-doc", action="store_true", help="also print P/R/F1 per document")
    ev.add_argument("--summary-only", dest="errors", action="store_false", help="do not list false positives and misses")
    ev.set_defaults(func=cmd_eval)

    s = sub.add_parser("stats", help="documents, entities per type, facts per relation")
    _store_arg(s)
    s.set_defaults(func=cmd_stats)

    sv = sub.add_parser("serve", help="SPARQL 1.1 endpoint at /sparql and a query page at /")
    _store_arg(sv)
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=7878)
    sv.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="stop a query after this long (503)")
    sv.add_argument("--workers", type=int, default=2, metavar="N", help="query worker processes (default 2)")
    sv.add_argument("--max-rows", type=int, default=10_000, metavar="N", help="row/triple cap per result, reported when hit (0: none)")
    sv.add_argument("--max-body", type=int, default=1 << 20, metavar="BYTES", help="largest request body accepted (default 1 MiB)")
    sv.add_argument("--allow-update", action="store_true", help="accept SPARQL updates (need a bearer token; they publish a new snapshot)")
    sv.add_argument(
        "--update-token-file", type=Path, metavar="FILE", help="file holding the update token (else $KG_UPDATE_TOKEN, else one is generated)"
    )
    sv.add_argument("--allow-service", action="store_true", help="allow SERVICE and LOAD, i.e. outbound requests (off by default)")
    sv.add_argument(
        "--cors-origin", action="append", metavar="ORIGIN", help="allow browser pages from ORIGIN (repeatable; '*' for any); off by default"
    )
    sv.add_argument("--queries", type=Path, metavar="DIR", help="sample queries (*.rq) listed on the page (default: ./queries)")
    sv.set_defaults(func=cmd_serve)

    m = sub.add_parser("metrics", help="compute graph metrics (degree, PageRank, betweenness, communities) into the store")
    _store_arg(m)
    m.add_argument("--top", type=int, default=10, help="top nodes to print per measure")
    m.add_argument(
        "--type",
        choices=["Zone", "Park", "Enterprise", "Policy", "Reform", "Program", "Industry", "Organization", "Person", "Region"],
        help="print only nodes of this class (e.g. Zone); all nodes are still computed and stored",
    )
    m.add_argument("--seed", type=int, default=42, help="seed of Louvain and of sampled betweenness (default 42)")
    m.add_argument(
        "--betweenness-k",
        type=int,
        default=None,
        metavar="K",
        help="estimate betweenness from K sampled sources (0 = exact; default: exact up to 5000 nodes, else 100)",
    )
    m.add_argument("--no-write", action="store_true", help="print only; leave the store's metrics graph as it is")
    m.set_defaults(func=cmd_metrics)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "func", None):
        p.print_help()
        return 0
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _err("interrupted; the published store is unchanged")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
