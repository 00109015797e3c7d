"""A query worker: a process holding a read-only store, answering one task at a time.

The server sends a task (a dict) down a pipe and gets back a reply dict whose
body is already serialised, so only bytes cross the process boundary. A worker
that runs too long is killed by the server; nothing here needs to cooperate.
Updates run in a worker of their own, which opens the store's single writer
for each update and publishes a new snapshot.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from itertools import islice

import pyoxigraph as ox

from kg.serve import protocol as p
from kg.vocab import PREFIXES


def _reply(
    status: int,
    body: bytes | str,
    ctype: str = "text/plain; charset=utf-8",
    rows: int | None = None,
    truncated: int | None = None,
) -> dict:
    if isinstance(body, str):
        body = body.encode()
    return {"status": status, "ctype": ctype, "body": body, "rows": rows, "truncated": truncated}


class _State:
    def __init__(self) -> None:
        self.snapshot: str | None = None
        self.store: ox.Store | None = None

    def store_for(self, snapshot: str) -> ox.Store:
        if snapshot != self.snapshot or self.store is None:
            self.store = None
            self.store = ox.Store.read_only(snapshot)
            self.snapshot = snapshot
        return self.store


def run_query(store: ox.Store, task: dict) -> dict:
    text = task["query"]
    kwargs: dict = {"prefixes": dict(PREFIXES), "base_iri": task.get("base_iri")}
    dg, ng = task.get("default_graphs") or [], task.get("named_graphs") or []
    if dg or ng:
        # The protocol's dataset replaces the query's FROM / FROM NAMED.
        kwargs["default_graph"] = [ox.NamedNode(g) for g in dg]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in ng]
    elif not p.has_keyword(text, "FROM"):
        kwargs["use_default_graph_as_union"] = True
    try:
        result = store.query(text, **kwargs)
    except SyntaxError as e:
        return _reply(400, f"malformed query: {e}\n")
    except ValueError as e:
        return _reply(400, f"bad request: {e}\n")
    cap = task.get("max_rows") or 0
    try:
        if isinstance(result, ox.QueryBoolean):
            f = p.negotiate(task.get("accept"), p.RESULT_FORMATS, task.get("format"))
            return _reply(200, p.write_boolean(bool(result), f.key), p.content_type(f), rows=1)
        if isinstance(result, ox.QuerySolutions):
            f = p.negotiate(task.get("accept"), p.RESULT_FORMATS, task.get("format"))
            variables = [v.value for v in result.variables]
            rows = [list(s) for s in (islice(result, cap + 1) if cap else result)]
            truncated = cap if cap and len(rows) > cap else None
            if truncated:
                del rows[cap:]
            return _reply(
                200, p.write_solutions(variables, rows, f.key, truncated), p.content_type(f), rows=len(rows), truncated=truncated
            )
        f = p.negotiate(task.get("accept"), p.GRAPH_FORMATS, task.get("format"))
        triples = list(islice(result, cap + 1) if cap else result)
        truncated = cap if cap and len(triples) > cap else None
        if truncated:
            del triples[cap:]
        return _reply(
            200,
            p.write_triples(triples, f.key, dict(PREFIXES), truncated),
            p.content_type(f),
            rows=len(triples),
            truncated=truncated,
        )
    except p.ProtocolError as e:
        return _reply(e.status, e.message + "\n")
    except OSError as e:
        return _reply(500, f"query evaluation failed: {e}\n")


def run_update(task: dict) -> dict:
    from kg.store import StoreError, writer

    try:
        with writer(task["root"]) as w:
            w.store.update(task["update"], prefixes=dict(PREFIXES), base_iri=task.get("base_iri"))
            w.dirty = True
        with open(os.path.join(task["root"], "current")) as fh:
            name = fh.read().strip()
    except SyntaxError as e:
        return _reply(400, f"malformed update: {e}\n")
    except StoreError as e:
        return _reply(503, f"{e}\n")
    except OSError as e:
        return _reply(500, f"update failed: {e}\n")
    return _reply(200, f"update applied; published {name}\n")


def handle(task: dict, state: _State) -> dict:
    op = task.get("op")
    if op == "query":
        try:
            store = state.store_for(task["snapshot"])
        except OSError as e:
            return _reply(503, f"the published graph changed while opening it ({e}); retry\n")
        return run_query(store, task)
    if op == "update":
        state.store = None  # don't hold a snapshot the update may prune
        state.snapshot = None
        return run_update(task)
    if op == "ping":
        return _reply(200, "pong")
    return _reply(500, f"unknown task {op!r}\n")


def _watch_parent() -> None:
    """Exit if the server goes away (even by SIGKILL) while a long query is running."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(conn) -> None:
    """Entry point of a worker process: serve tasks until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    _watch_parent()
    state = _State()
    conn.send({"ready": os.getpid()})
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = handle(task, state)
        except Exception as e:  # a reply, never a dead worker, for anything unforeseen
            reply = _reply(500, f"internal error: {type(e).__name__}: {e}\n")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


if __name__ == "__main__":
    import sys
    from multiprocessing.connection import Connection

    main(Connection(int(sys.argv[1])))
