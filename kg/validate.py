"""SHACL validation of a built graph (the union of its document graphs) with pyshacl."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"


def validate(store: ox.Store, shapes: Path = SHAPES) -> tuple[bool, str]:
    """(conforms, report text) for the union graph of `store` against `shapes`."""
    import pyshacl
    import rdflib

    data = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    g = rdflib.Graph()
    g.parse(data=ox.serialize(data, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    conforms, _, text = pyshacl.validate(g, shacl_graph=str(shapes), shacl_graph_format="turtle", inference="none")
    return bool(conforms), text
