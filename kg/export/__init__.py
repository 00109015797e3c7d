"""Exports of the graph: RDF serialisations (kg.export.rdf) and networks for Gephi (kg.export.network)."""
