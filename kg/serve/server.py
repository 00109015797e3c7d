"""The HTTP side of `kg serve`: SPARQL 1.1 Protocol at /sparql, a query page at /.

Standard library only (ThreadingHTTPServer). Each request thread hands its
query to a worker process (kg.serve.pool) and waits at most --timeout.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.serve import protocol as p
from kg.serve.pool import PoolBusy, QueryTimeout, WorkerLost, WorkerPool
from kg.store import StoreError, snapshot_path
from kg.vocab import PREFIXES

log = logging.getLogger("kg.serve")
access_log = logging.getLogger("kg.serve.access")

ENDPOINT_PATHS = ("/sparql", "/sparql/")
WEB_FILES = {"/app.js": ("app.js", "text/javascript; charset=utf-8"), "/style.css": ("style.css", "text/css; charset=utf-8")}
PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"


@dataclass
class Options:
    """Everything `kg serve` can be told; the defaults are the safe ones."""

    timeout: float = 30.0
    workers: int = 2
    max_rows: int = 10_000  # 0 = no cap
    max_body: int = 1 << 20
    allow_update: bool = False
    update_token: str | None = None
    allow_service: bool = False
    cors_origins: tuple[str, ...] = ()
    queries_dir: Path | None = None
    page: bool = True  # serve the query page at /


def default_queries_dir() -> Path | None:
    """./queries if there is one, else the queries/ folder of the source tree."""
    for d in (Path("queries"), Path(__file__).resolve().parents[2] / "queries"):
        if d.is_dir():
            return d
    return None


def sample_queries(d: Path | None) -> list[dict]:
    """The sample queries in `d`: name, title (the first line, a # comment) and text."""
    out = []
    if d is None or not d.is_dir():
        return out
    for f in sorted(d.glob("*.rq")):
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        title = first.lstrip("#").strip() if first.startswith("#") else ""
        out.append({"name": f.stem, "title": title or f.stem, "query": text})
    return out


class App:
    """Server-wide state: the store, the worker pools and the options."""

    def __init__(self, root: Path, opts: Options):
        self.root = Path(root)
        self.opts = opts
        self.url = ""  # set once the socket is bound
        self._snap_key: tuple | None = None
        self._snap: str | None = None
        self._snap_lock = threading.Lock()
        self.snapshot()  # fail now, with StoreError, if there is nothing to serve
        self.pool = WorkerPool(opts.workers)
        self._update_pool: WorkerPool | None = None
        self._update_lock = threading.Lock()

    def snapshot(self) -> str:
        """The published snapshot to query: one stat() of `current` per request, re-read when it changed."""
        try:
            st = os.stat(self.root / "current")
        except FileNotFoundError:
            snapshot_path(self.root)  # raises StoreError with the right message
            raise
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        with self._snap_lock:
            if key != self._snap_key:
                self._snap = str(snapshot_path(self.root))
                self._snap_key = key
            return self._snap

    def update_pool(self) -> WorkerPool:
        with self._update_lock:
            if self._update_pool is None:
                self._update_pool = WorkerPool(1)
            return self._update_pool

    def close(self) -> None:
        self.pool.close()
        if self._update_pool is not None:
            self._update_pool.close()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ZoneKG"
    timeout = 60  # seconds a client may idle or dribble its request
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed-ACK stall on keep-alive

    server: _Server

    # ------------------------------------------------------------------ plumbing

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.debug("%s " + format, self.client_address[0], *args)

    def log_request(self, code="-", size="-") -> None:
        if not getattr(self, "_in_dispatch", False):  # requests the base class refused before we saw them
            access_log.info('%s "%s" %s - -', self.client_address[0], getattr(self, "requestline", ""), code)

    def _send(
        self, status: int, body: bytes | str, ctype: str = "text/plain; charset=utf-8", headers: dict | None = None
    ) -> None:
        if isinstance(body, str):
            body = body.encode()
        self._status = status
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        for k, v in self._cors_headers().items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _cors_headers(self) -> dict:
        origins = self.server.app.opts.cors_origins
        origin = self.headers.get("Origin")
        if not origins or not origin:
            return {}
        if "*" in origins:
            allow = "*"
        elif origin in origins:
            allow = origin
        else:
            return {}
        return {
            "Access-Control-Allow-Origin": allow,
            "Vary": "Origin",
            "Access-Control-Expose-Headers": "X-Result-Rows, X-Result-Truncated, Warning, Content-Type",
        }

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_OPTIONS(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        self._in_dispatch = True
        self._t0 = time.monotonic()
        self._status = 0
        self._rows: int | None = None
        try:
            self._route()
        except p.ProtocolError as e:
            self._send(e.status, e.message.rstrip("\n") + "\n", headers=e.headers)
        except StoreError as e:
            self._send(503, f"{e}\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:
            log.exception("internal error on %s %s", self.command, self.path[:200])
            self.close_connection = True
            try:
                self._send(500, "internal server error (the server log has the details)\n")
            except OSError:
                pass
        finally:
            ms = (time.monotonic() - self._t0) * 1000
            path = self.path if len(self.path) <= 200 else self.path[:197] + "..."
            access_log.info(
                '%s "%s %s" %s %.1fms rows=%s',
                self.client_address[0],
                self.command,
                path,
                self._status or "-",
                ms,
                "-" if self._rows is None else self._rows,
            )
            self._in_dispatch = False

    def _route(self) -> None:
        path = urlsplit(self.path).path
        if self.command == "OPTIONS":
            return self._options()
        if path in ENDPOINT_PATHS:
            return self._sparql()
        if self.command not in ("GET", "HEAD"):
            self._drain_body()
            raise p.ProtocolError(405, f"{self.command} is not allowed on {path}", {"Allow": "GET, HEAD"})
        if path in ("/", "/index.html") and self.server.app.opts.page:
            return self._web_file("index.html", "text/html; charset=utf-8", {"Content-Security-Policy": PAGE_CSP})
        if path in WEB_FILES and self.server.app.opts.page:
            return self._web_file(*WEB_FILES[path])
        if path == "/queries.json" and self.server.app.opts.page:
            body = json.dumps(
                {"prefixes": PREFIXES, "queries": sample_queries(self.server.app.opts.queries_dir)}, ensure_ascii=False
            )
            return self._send(200, body, "application/json", {"Cache-Control": "no-cache"})
        raise p.ProtocolError(404, f"nothing at {path}: the SPARQL endpoint is /sparql, the query page is /")

    def _web_file(self, name: str, ctype: str, headers: dict | None = None) -> None:
        data = (resources.files("kg") / "web" / name).read_bytes()
        self._send(200, data, ctype, {"Cache-Control": "no-cache", **(headers or {})})

    def _options(self) -> None:
        h = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if self._cors_headers():
            h["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
            h["Access-Control-Allow-Headers"] = "Content-Type, Accept, Authorization"
            h["Access-Control-Max-Age"] = "600"
        self._drain_body()
        self._status = 204
        self.send_response(204)
        for k, v in {**h, **self._cors_headers()}.items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    # ------------------------------------------------------------------ request body

    def _content_length(self) -> int:
        if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
            self.close_connection = True
            raise p.ProtocolError(411, "send the request body with a Content-Length (chunked bodies are not accepted)")
        raw = self.headers.get("Content-Length")
        if raw is None:
            return 0
        try:
            n = int(raw)
            if n < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            raise p.ProtocolError(400, f"bad Content-Length {raw!r}") from None
        return n

    def _read_body(self) -> bytes:
        n = self._content_length()
        cap = self.server.app.opts.max_body
        if n > cap:
            self.close_connection = True  # the body stays unread: this connection cannot be reused
            raise p.ProtocolError(413, f"request body of {n} bytes is over this server's limit of {cap} bytes (--max-body)")
        return self.rfile.read(n) if n else b""

    def _drain_body(self) -> None:
        try:
            n = self._content_length()
        except p.ProtocolError:
            return
        if n > self.server.app.opts.max_body:
            self.close_connection = True
        elif n:
            self.rfile.read(n)

    # ------------------------------------------------------------------ SPARQL protocol

    def _sparql(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if self.command in ("GET", "HEAD"):
            self._drain_body()  # a stray body would be read as the next request
            if "update" in params:
                raise p.ProtocolError(400, "SPARQL updates must be sent with POST (application/sparql-update or a form)")
            if "query" not in params:
                if self.server.app.opts.page and p.prefers_html(self.headers.get("Accept")):
                    return self._send(303, "the query page is at /\n", headers={"Location": "/"})  # a person with a browser
                return self._service_description()
        elif self.command == "POST":
            body = self._read_body()
            ctype = self.headers.get("Content-Type", "")
            mt, *ct_params = [x.strip() for x in ctype.split(";")]
            mt = mt.lower()
            charset = next(
                (x.split("=", 1)[1].strip().strip('"').lower() for x in ct_params if x.lower().startswith("charset=")), "utf-8"
            )
            if mt == "application/x-www-form-urlencoded":
                text = self._utf8(body, charset, "form")
                for k, vs in parse_qs(text, keep_blank_values=True).items():
                    params.setdefault(k, []).extend(vs)
            elif mt in ("application/sparql-query", "application/sparql-update"):
                key = "query" if mt.endswith("query") else "update"
                if "query" in params or "update" in params:
                    raise p.ProtocolError(400, f"the {key} is in the body ({mt}); the URL must not carry query= or update= too")
                params[key] = [self._utf8(body, charset, mt)]
            elif not mt:
                raise p.ProtocolError(
                    415,
                    "a POST needs a Content-Type: application/x-www-form-urlencoded, application/sparql-query or application/sparql-update",
                )
            else:
                raise p.ProtocolError(
                    415,
                    f"Content-Type {mt} is not accepted: use application/x-www-form-urlencoded, application/sparql-query or application/sparql-update",
                )
        else:
            self._drain_body()
            raise p.ProtocolError(
                405, f"{self.command} is not part of the SPARQL protocol: use GET or POST", {"Allow": "GET, HEAD, POST, OPTIONS"}
            )
        queries, updates = params.get("query", []), params.get("update", [])
        if queries and updates:
            raise p.ProtocolError(400, "a request carries either a query or an update, not both")
        if len(queries) > 1 or len(updates) > 1:
            raise p.ProtocolError(400, "give exactly one query (or update) per request")
        if updates:
            return self._update(updates[0], params)
        if not queries:
            raise p.ProtocolError(400, "no query: send query=… (GET or form POST) or an application/sparql-query body")
        return self._query(queries[0], params)

    @staticmethod
    def _utf8(body: bytes, charset: str, what: str) -> str:
        if charset.replace("-", "").replace("_", "") != "utf8":
            raise p.ProtocolError(415, f"{what} bodies must be UTF-8 (got charset={charset})")
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as e:
            raise p.ProtocolError(400, f"{what} body is not valid UTF-8: {e}") from None

    def _deadline(self) -> float:
        return self._t0 + self.server.app.opts.timeout

    def _run(self, pool: WorkerPool, task: dict, what: str) -> dict:
        app = self.server.app
        try:
            return pool.run(task, self._deadline())
        except QueryTimeout:
            raise p.ProtocolError(
                503,
                f"{what} stopped: it ran longer than this server's limit of {app.opts.timeout:g} s (--timeout). "
                "Make it more selective or add a LIMIT.",
            ) from None
        except PoolBusy:
            raise p.ProtocolError(
                503, f"all {pool.size} query workers stayed busy for {app.opts.timeout:g} s; retry shortly", {"Retry-After": "2"}
            ) from None
        except WorkerLost as e:
            raise p.ProtocolError(503, f"the worker running this {what} died ({e}); retry, or simplify the {what}") from None

    def _query(self, text: str, params: dict) -> None:
        app = self.server.app
        if not text.strip():
            raise p.ProtocolError(400, "empty query")
        if not app.opts.allow_service and p.has_keyword(text, "SERVICE"):
            raise p.ProtocolError(
                403,
                "SERVICE (federated query) is disabled: this endpoint makes no outbound requests. Start it with --allow-service to allow them.",
            )
        fmt = [v for v in params.get("format", []) + params.get("output", []) if v]
        task = {
            "op": "query",
            "snapshot": app.snapshot(),
            "query": text,
            "accept": self.headers.get("Accept"),
            "format": fmt,
            "default_graphs": params.get("default-graph-uri", []),
            "named_graphs": params.get("named-graph-uri", []),
            "base_iri": app.url + "/sparql",
            "max_rows": app.opts.max_rows,
        }
        reply = self._run(app.pool, task, "query")
        self._answer(reply)

    def _answer(self, reply: dict) -> None:
        self._rows = reply.get("rows")
        if reply["status"] >= 500:
            log.warning("%s %s: %s", self.command, self.path[:200], reply["body"][:500].decode("utf-8", "replace").strip())
        headers = {}
        if reply["status"] == 200 and reply.get("rows") is not None:
            headers["X-Result-Rows"] = str(reply["rows"])
        if reply.get("truncated"):
            headers["X-Result-Truncated"] = str(reply["truncated"])
            headers["Warning"] = f'199 ZoneKG "{p.truncation_message(reply["truncated"])}"'
        self._send(reply["status"], reply["body"], reply["ctype"], headers)

    def _update(self, text: str, params: dict) -> None:
        app = self.server.app
        if not app.opts.allow_update:
            raise p.ProtocolError(
                403, "this endpoint is read-only: start it with --allow-update (updates then need a bearer token)"
            )
        auth = self.headers.get("Authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        if not token or not hmac.compare_digest(token.encode(), (app.opts.update_token or "").encode()):
            raise p.ProtocolError(
                401,
                "updates need Authorization: Bearer <token> with the server's update token",
                {"WWW-Authenticate": 'Bearer realm="zonekg"'},
            )
        if not app.opts.allow_service:
            kw = p.has_keyword(text, "SERVICE", "LOAD")
            if kw:
                raise p.ProtocolError(
                    403, f"{kw} is disabled: this endpoint makes no outbound requests (start it with --allow-service)"
                )
        if not text.strip():
            raise p.ProtocolError(400, "empty update")
        text = p.add_using(text, params.get("using-graph-uri", []), params.get("using-named-graph-uri", []))
        task = {"op": "update", "root": str(app.root), "update": text, "base_iri": app.url + "/sparql"}
        reply = self._run(app.update_pool(), task, "update")
        self._answer(reply)

    def _service_description(self) -> None:
        app = self.server.app
        f = p.negotiate(self.headers.get("Accept"), p.GRAPH_FORMATS)
        body = p.service_description(app.url + "/sparql", app.opts.allow_update, app.opts.allow_service, f.key)
        self._send(200, body, p.content_type(f))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    app: App

    def handle_error(self, request, client_address) -> None:
        log.debug("connection error from %s", client_address, exc_info=True)


class _Server6(_Server):
    address_family = socket.AF_INET6


@dataclass
class ServerHandle:
    """A running server: `.url` (http://host:port), `.endpoint` (…/sparql), `.shutdown()`."""

    url: str
    endpoint: str
    app: App
    httpd: _Server
    thread: threading.Thread

    def shutdown(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.app.close()
        self.thread.join(5)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


def start_server(store_dir: str | Path, host: str = "127.0.0.1", port: int = 7878, **options) -> ServerHandle:
    """Serve the store's published graph in a background thread (port 0: any free port).

    Options are the fields of `Options` (timeout, workers, max_rows, max_body,
    allow_update, update_token, allow_service, cors_origins, queries_dir).
    Raises StoreError if the store has no published graph, OSError if the port is taken.
    """
    opts = Options(**options)
    if opts.allow_update and not opts.update_token:
        raise ValueError("allow_update needs an update_token: updates are only accepted with a bearer token")
    if opts.timeout <= 0:
        raise ValueError("timeout must be positive")
    if opts.queries_dir is None:
        opts.queries_dir = default_queries_dir()
    opts.cors_origins = tuple(opts.cors_origins)
    app = App(Path(store_dir), opts)
    try:
        cls = _Server6 if ":" in host else _Server
        httpd = cls((host, port), Handler)
    except BaseException:
        app.close()
        raise
    httpd.app = app
    bound_port = httpd.server_address[1]
    shown = f"[{host}]" if ":" in host else host
    app.url = f"http://{shown}:{bound_port}"
    t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="kg-serve", daemon=True)
    t.start()
    log.info("serving %s at %s/sparql (query page %s/)", store_dir, app.url, app.url)
    return ServerHandle(app.url, app.url + "/sparql", app, httpd, t)
