"""SPARQL 1.1 Protocol pieces that need no server: negotiation, lexing, result writers.

Everything here is pure (text and bytes in, text and bytes out) so it can be
used by the HTTP layer in the server process and by the query workers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _xml_attr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_DIRLANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"


class ProtocolError(Exception):
    """A request the protocol says no to: carries the HTTP status and a message for people."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


# --------------------------------------------------------------------------- formats


@dataclass(frozen=True)
class Format:
    key: str  # the short name used by ?format= and the page's download links
    media_type: str  # what we answer with
    aliases: tuple[str, ...] = ()  # other media types a client may ask for


RESULT_FORMATS = [  # SELECT / ASK, in the order we prefer them
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
]
GRAPH_FORMATS = [  # CONSTRUCT / DESCRIBE / service description
    Format("ttl", "text/turtle", ("application/x-turtle",)),
    Format("nt", "application/n-triples", ("text/plain",)),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
    Format("jsonld", "application/ld+json", ("application/json",)),
]
FORMAT_KEYS = {f.key for f in RESULT_FORMATS + GRAPH_FORMATS} | {"turtle", "ntriples", "rdf", "json-ld", "text"}
_KEY_ALIASES = {"turtle": "ttl", "ntriples": "nt", "rdf": "rdfxml", "json-ld": "jsonld", "text": "tsv"}

OX_GRAPH = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def _parse_accept(accept: str | None) -> list[tuple[str, float, int]]:
    """[(media range, q, position)] of an Accept header; an absent header means */*."""
    if not accept or not accept.strip():
        return [("*/*", 1.0, 0)]
    out = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        mt = bits[0].lower()
        if not mt:
            continue
        if mt == "*":
            mt = "*/*"
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = max(0.0, min(1.0, float(b[2:])))
                except ValueError:
                    q = 0.0
        out.append((mt, q, i))
    return out


def negotiate(accept: str | None, offers: list[Format], fmt: str | list[str] | None = None) -> Format:
    """The offer the client likes best; ProtocolError(406) if it likes none.

    Ranked by q, then by the most specific matching range, then by where the
    client listed it, then by our own order. `fmt` (the ?format= / ?output=
    parameters, short names or media types) wins when one of its values is an
    offer; values we don't know are ignored, as SPARQLWrapper sends several.
    """
    for value in [fmt] if isinstance(fmt, str) else fmt or []:
        v = value.strip().lower()
        key = _KEY_ALIASES.get(v, v)
        for f in offers:
            if key == f.key or key == f.media_type:
                return f
    ranges = _parse_accept(accept)
    best = None
    for order, f in enumerate(offers):
        names = (f.media_type,) + f.aliases
        match = None  # (specificity, q, position)
        for mt, q, pos in ranges:
            if mt in names:
                spec = 2
            elif mt.endswith("/*") and f.media_type.startswith(mt[:-1]):
                spec = 1
            elif mt == "*/*":
                spec = 0
            else:
                continue
            if match is None or spec > match[0]:
                match = (spec, q, pos)
        if match is None or match[1] <= 0:
            continue
        rank = (match[1], match[0], -match[2], -order)
        if best is None or rank > best[0]:
            best = (rank, f)
    if best is None:
        raise ProtocolError(
            406,
            f"cannot answer in any of the accepted media types ({accept}); this result is available as "
            + ", ".join(f.media_type for f in offers),
        )
    return best[1]


def prefers_html(accept: str | None) -> bool:
    """Whether the client (a browser) names text/html and likes it at least as much as any RDF type."""
    ranges = _parse_accept(accept)
    html = max((q for mt, q, _ in ranges if mt == "text/html"), default=0.0)
    if html <= 0:
        return False
    rdf = {f.media_type for f in GRAPH_FORMATS} | {a for f in GRAPH_FORMATS for a in f.aliases}
    return all(q <= html for mt, q, _ in ranges if mt in rdf)


def content_type(f: Format) -> str:
    return f.media_type + ("; charset=utf-8" if f.media_type.startswith("text/") else "")


# --------------------------------------------------------------------------- lexing

# Strings (all four forms), IRIs and comments: the parts of a query where a
# keyword is not a keyword. Order matters: long strings before short ones.
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.S,
)
_UESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _decode_escapes(text: str) -> str:
    # SPARQL allows \u escapes anywhere in a query, keywords included.
    def sub(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except ValueError:
            return m.group(0)

    return _UESCAPE.sub(sub, text)


def code_only(text: str, decode: bool = True) -> str:
    """The query with strings, IRIs and comments blanked out (same length, same positions
    when `decode` is False; with it, \\u escapes are decoded first, as a parser does)."""
    if decode:
        text = _decode_escapes(text)
    return _SKIP.sub(
        lambda m: " " * len(m.group(0)) if m.group(0)[0] == "#" else m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1],
        text,
    )


def has_keyword(text: str, *keywords: str) -> str | None:
    """The first of `keywords` used as a keyword in the query (not inside a string, IRI,
    comment, variable or prefixed name), or None. Errs on the side of finding one."""
    code = code_only(text)
    for kw in keywords:
        if re.search(rf"(?<![\w:?$\-]){kw}(?![\w:\-])", code, re.I):
            return kw
    return None


_TOKEN = re.compile(r"[{}]|(?<![\w:?$\-])(WHERE|WITH|USING|DELETE|INSERT)(?![\w:\-])", re.I)


def add_using(update: str, using: list[str], using_named: list[str]) -> str:
    """Apply the protocol's using-graph-uri / using-named-graph-uri to every
    DELETE/INSERT ... WHERE operation, by writing USING clauses before its WHERE.

    ProtocolError(400) if the update names its own dataset (USING or WITH): the
    protocol says that is an error.
    """
    if not using and not using_named:
        return update
    text = update
    code = code_only(text, decode=False)
    clauses = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]) + " "
    depth = 0
    prev = ""
    cuts = []
    for m in _TOKEN.finditer(code):
        tok = m.group(0)
        if tok == "{":
            depth += 1
            prev = "{"
            continue
        if tok == "}":
            depth -= 1
            prev = "}"
            continue
        kw = tok.upper()
        if depth == 0:
            if kw in ("WITH", "USING"):
                raise ProtocolError(
                    400,
                    f"the update has a {kw} clause and the request gives using-graph-uri/using-named-graph-uri: use one or the other",
                )
            if kw == "WHERE" and prev != "DELETE":  # DELETE WHERE {…} takes no USING
                cuts.append(m.start())
        prev = kw
    for pos in reversed(cuts):
        text = text[:pos] + clauses + text[pos:]
    return text


# --------------------------------------------------------------------------- result writers


def _term_json(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
            if getattr(t, "direction", None) is not None:
                d["its:dir"] = str(t.direction.value if hasattr(t.direction, "value") else t.direction).lower()
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, ox.Triple):
        return {
            "type": "triple",
            "value": {"subject": _term_json(t.subject), "predicate": _term_json(t.predicate), "object": _term_json(t.object)},
        }
    return {"type": "literal", "value": str(t)}


def _term_xml(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={_xml_attr(t.language)}>{_xml_escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={_xml_attr(t.datatype.value)}>{_xml_escape(t.value)}</literal>"
        return f"<literal>{_xml_escape(t.value)}</literal>"
    if isinstance(t, ox.Triple):
        return (
            f"<triple><subject>{_term_xml(t.subject)}</subject><predicate>{_term_xml(t.predicate)}</predicate>"
            f"<object>{_term_xml(t.object)}</object></triple>"
        )
    return f"<literal>{_xml_escape(str(t))}</literal>"


def _term_csv(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    return str(t)


def _term_tsv(t) -> str:
    if t is None:
        return ""
    return str(t).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


TRUNCATION_LINK = "urn:zonekg:result-truncated"


def write_solutions(variables: list[str], rows: list[list], fmt: str, truncated_at: int | None = None) -> bytes:
    """SELECT results in one of the four SPARQL result formats.

    `truncated_at` (the row cap) is written where the format has room for it:
    JSON and XML get a head link and a note; CSV and TSV only the HTTP headers.
    """
    if fmt == "json":
        head: dict = {"vars": variables}
        doc: dict = {"head": head}
        if truncated_at is not None:
            head["link"] = [TRUNCATION_LINK]
            doc["truncated"] = {"limit": truncated_at, "message": truncation_message(truncated_at)}
        bindings = [{v: _term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        doc["results"] = {"bindings": bindings}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    if fmt == "xml":
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={_xml_attr(v)}/>" for v in variables]
        if truncated_at is not None:
            out.append(f'<link href="{TRUNCATION_LINK}"/><!-- {_xml_escape(truncation_message(truncated_at))} -->')
        out.append("</head>\n<results>")
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={_xml_attr(v)}>{_term_xml(t)}</binding>" for v, t in zip(variables, row) if t is not None]
            out.append("</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode()
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow([_term_csv(t) for t in row])
        return buf.getvalue().encode()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join(_term_tsv(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"unknown result format {fmt}")


def write_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    return b"true\n" if value else b"false\n"


def write_triples(triples: list, fmt: str, prefixes: dict[str, str] | None = None, truncated_at: int | None = None) -> bytes:
    """CONSTRUCT/DESCRIBE results; Turtle and N-Triples get a comment line when truncated."""
    body = ox.serialize(triples, format=OX_GRAPH[fmt], prefixes=prefixes if fmt == "ttl" else None)
    if truncated_at is not None:
        if fmt in ("ttl", "nt"):
            body = f"# {truncation_message(truncated_at)}\n".encode() + body
        elif fmt == "rdfxml" and body.startswith(b"<?xml"):
            end = body.index(b"?>") + 2
            body = body[:end] + f"\n<!-- {_xml_escape(truncation_message(truncated_at))} -->".encode() + body[end:]
    return body


def truncation_message(limit: int) -> str:
    return f"result truncated to the first {limit} rows (the server's row cap); add LIMIT/OFFSET to page through the rest"


# --------------------------------------------------------------------------- service description

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"


def service_description(endpoint: str, update: bool, allow_service: bool, fmt: str) -> bytes:
    """A SPARQL 1.1 Service Description of this endpoint, in the negotiated RDF format."""
    langs = "sd:SPARQL11Query" + (", sd:SPARQL11Update" if update else "")
    features = ["sd:UnionDefaultGraph", "sd:BasicFederatedQuery"] if allow_service else ["sd:UnionDefaultGraph"]
    ttl = f"""
@prefix sd: <{SD}> .
@prefix fmt: <{FORMATS_NS}> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
[] a sd:Service ;
   rdfs:label "ZoneKG SPARQL endpoint" ;
   rdfs:comment "A knowledge graph of China's development zones. The default graph is the union of all named graphs; prefixes zkg:, rdfs:, skos:, prov:, … are predeclared." ;
   sd:endpoint <{endpoint}> ;
   sd:supportedLanguage {langs} ;
   sd:feature {", ".join(features)} ;
   sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV, fmt:SPARQL_Results_TSV,
                   fmt:Turtle, fmt:N-Triples, fmt:RDF_XML, fmt:JSON-LD ;
   sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;
   sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""
    triples = [q.triple for q in ox.parse(ttl, format=ox.RdfFormat.TURTLE)]
    return write_triples(triples, fmt, prefixes={"sd": SD, "fmt": FORMATS_NS, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
