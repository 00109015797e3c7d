"""Dump the store as N-Quads, TriG (named graphs kept), Turtle or JSON-LD (union graph)."""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from kg import vocab as v

FORMATS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
DATASET_FORMATS = {"nq", "trig"}


def export_rdf(store: ox.Store, fmt: str, out: BinaryIO) -> None:
    """Write the graph in `fmt`. Dataset formats keep one graph per document (provenance);
    triple formats write the union of all graphs, each triple once."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt in DATASET_FORMATS:
        prefixes = dict(v.PREFIXES) if fmt == "trig" else None
        store.dump(out, format=FORMATS[fmt], prefixes=prefixes)
        return
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    prefixes = dict(v.PREFIXES) if fmt in {"ttl"} else None
    ox.serialize(triples, out, format=FORMATS[fmt], prefixes=prefixes)
