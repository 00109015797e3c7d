"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the published graph, and a query page.

Library use (tests, notebooks)::

    from kg.serve import start_server
    with start_server("store", port=0) as srv:
        print(srv.endpoint)        # http://127.0.0.1:PORT/sparql

`main(args, store_dir)` is the CLI glue behind `kg serve`; see docs/endpoint.md.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import sys
import time
from pathlib import Path

from kg.serve.server import Options, ServerHandle, start_server

__all__ = ["Options", "ServerHandle", "start_server", "main"]

TOKEN_ENV = "KG_UPDATE_TOKEN"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _token(args) -> tuple[str, str]:
    """The update token and where it came from: --update-token-file, $KG_UPDATE_TOKEN, or made up now."""
    path = getattr(args, "update_token_file", None)
    if path:
        tok = Path(path).read_text(encoding="utf-8").strip()
        if not tok:
            raise ValueError(f"{path} is empty")
        return tok, f"from {path}"
    if os.environ.get(TOKEN_ENV):
        return os.environ[TOKEN_ENV], f"from ${TOKEN_ENV}"
    return secrets.token_urlsafe(24), "generated"


def main(args, store_dir: Path) -> int:
    """Run the server until Ctrl-C. Prints the URL (and a generated token) on stderr."""
    from kg.store import StoreError

    root = logging.getLogger("kg.serve")
    if not root.handlers:
        h = logging.StreamHandler(sys.stderr)
        h.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        root.addHandler(h)
        root.setLevel(logging.INFO)
        root.propagate = False

    host = getattr(args, "host", "127.0.0.1")
    allow_update = bool(getattr(args, "allow_update", False))
    token = None
    if allow_update:
        try:
            token, source = _token(args)
        except (OSError, ValueError) as e:
            print(f"kg: error: update token: {e}", file=sys.stderr)
            return 2
    queries = getattr(args, "queries", None)
    try:
        srv = start_server(
            store_dir,
            host=host,
            port=getattr(args, "port", 7878),
            timeout=getattr(args, "timeout", 30.0),
            workers=getattr(args, "workers", 2),
            max_rows=getattr(args, "max_rows", 10_000),
            max_body=getattr(args, "max_body", 1 << 20),
            allow_update=allow_update,
            update_token=token,
            allow_service=bool(getattr(args, "allow_service", False)),
            cors_origins=tuple(getattr(args, "cors_origin", None) or ()),
            queries_dir=Path(queries) if queries else None,
        )
    except StoreError as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as e:
        print(f"kg: error: cannot serve on {host}:{getattr(args, 'port', 7878)}: {e}", file=sys.stderr)
        return 2
    print(f"ZoneKG SPARQL endpoint: {srv.endpoint}   query page: {srv.url}/   (Ctrl-C stops)", file=sys.stderr)
    if host not in LOOPBACK:
        print(f"warning: listening on {host}: anyone who can reach this address can query the graph", file=sys.stderr)
    if allow_update:
        shown = token if source == "generated" else "(" + source + ")"
        print(f"updates enabled: send Authorization: Bearer {shown}", file=sys.stderr)
    def _term(signum, frame):  # `kill` / a service manager: stop as cleanly as on Ctrl-C
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, _term)
    except ValueError:  # not the main thread: leave SIGTERM alone
        pass
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        srv.shutdown()
    return 0
