"""Run SPARQL against the store and format the answer (table, csv, tsv, json).

Our prefixes (zkg:, rdfs:, skos:, prov: …) are predeclared, and the default
graph is the union of all named graphs, so `SELECT … WHERE { ?z zkg:hasPark ?p }`
works without GRAPH.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pyoxigraph as ox

from kg import vocab as v

RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


class QueryError(Exception):
    """A query that cannot be parsed or run, with the parser's message."""


def query_text(file_or_text: str) -> str:
    """The query itself: the file's content if the argument names a file, else the argument."""
    p = Path(file_or_text)
    if len(file_or_text) < 1024 and "\n" not in file_or_text and p.suffix in {".rq", ".sparql", ".txt"}:
        if not p.is_file():
            raise QueryError(f"{file_or_text}: no such query file")
        return p.read_text(encoding="utf-8")
    return file_or_text


def run(store: ox.Store, sparql: str):
    """Execute a query with our prefixes and the union default graph."""
    try:
        return store.query(sparql, prefixes=dict(v.PREFIXES), use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(f"malformed query: {e}") from e
    except OSError as e:
        raise QueryError(f"query failed: {e}") from e


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _compact(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _compact(iri: str) -> str:
    for prefix, ns in v.PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def table(variables: list[str], rows: list[list[str]], max_cell: int = 60) -> str:
    """A plain-text table aligned for CJK (double-width) characters."""
    rows = [[c if _width(c) <= max_cell else c[: max_cell // 2 - 1] + "…" for c in r] for r in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(variables)]
    out = [" | ".join(_pad(h, w) for h, w in zip(variables, widths)), "-+-".join("-" * w for w in widths)]
    out += [" | ".join(_pad(c, w) for c, w in zip(r, widths)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_result(result, fmt: str = "table") -> str:
    """Render a query result: SELECT/ASK as table/csv/tsv/json, CONSTRUCT/DESCRIBE as Turtle (or nt/jsonld)."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            return "true" if bool(result) else "false"
        return result.serialize(format=RESULT_FORMATS.get(fmt, ox.QueryResultsFormat.JSON)).decode()
    if isinstance(result, ox.QuerySolutions):
        if fmt == "table":
            variables = [var.value for var in result.variables]
            rows = [[_cell(sol[var]) for var in variables] for sol in result]
            return table(variables, rows)
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"format {fmt} is not for SELECT results (use table, csv, tsv or json)")
        return result.serialize(format=RESULT_FORMATS[fmt]).decode()
    # Triples (CONSTRUCT / DESCRIBE)
    buf = io.BytesIO()
    gfmt = GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
    ox.serialize(result, buf, format=gfmt, prefixes=dict(v.PREFIXES) if gfmt == ox.RdfFormat.TURTLE else None)
    return buf.getvalue().decode()
