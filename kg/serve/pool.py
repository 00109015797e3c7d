"""A small pool of query worker processes that can be killed at a deadline.

pyoxigraph cannot cancel a running query, so every query runs in a worker
process; when its time is up the server kills the process (SIGKILL), answers
503, and starts a fresh worker in the background. Other requests keep being
served by the other workers meanwhile.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

log = logging.getLogger("kg.serve")

START_TIMEOUT = 60.0
# The directory holding the kg package, so a worker imports the same code as we do.
_SRC = str(Path(__file__).resolve().parents[2])


class QueryTimeout(Exception):
    """The task ran past its deadline; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free before the deadline."""


class WorkerLost(Exception):
    """The worker died while running the task (killed from outside, out of memory …)."""


class _Worker:
    # A fresh interpreter (`python -m kg.serve.worker FD`), not multiprocessing: no fork of a
    # threaded server, and no re-import of the caller's __main__ (scripts, notebooks, stdin).
    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = _SRC + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kg.serve.worker", str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=env,
                start_new_session=True,  # Ctrl-C in a terminal goes to the server, which stops its workers
            )
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        try:
            ok = self.conn.poll(START_TIMEOUT)
            hello = self.conn.recv() if ok else None
        except (EOFError, OSError):
            hello = None
        if not hello:
            self.kill()
            raise RuntimeError("query worker did not start (see its error output above)")
        self.pid = hello.get("ready")

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:
            self.conn.close()
        except OSError:
            pass


class WorkerPool:
    """`size` workers; `run(task, deadline)` gives the task to a free one and waits at most until `deadline`."""

    def __init__(self, size: int = 2):
        if size < 1:
            raise ValueError("the pool needs at least one worker")
        self.size = size
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._add(_Worker())

    def _add(self, w: _Worker) -> None:
        with self._lock:
            if self._closed:
                w.kill()
                return
            self._all.add(w)
        self._idle.put(w)

    def _replace(self, dead: _Worker) -> None:
        with self._lock:
            self._all.discard(dead)
        dead.kill()

        def start() -> None:
            for attempt in range(3):
                if self._closed:
                    return
                try:
                    self._add(_Worker())
                    return
                except Exception as e:  # keep trying; a pool that shrinks to nothing is worse
                    log.error("could not start a query worker (attempt %d): %s", attempt + 1, e)
                    time.sleep(1)

        threading.Thread(target=start, name="kg-serve-respawn", daemon=True).start()

    def run(self, task: dict, deadline: float) -> dict:
        try:
            w = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise PoolBusy() from None
        try:
            w.conn.send(task)
            if w.conn.poll(max(0.0, deadline - time.monotonic())):
                reply = w.conn.recv()
            else:
                self._replace(w)
                raise QueryTimeout()
        except (EOFError, OSError) as e:
            self._replace(w)
            raise WorkerLost(str(e)) from e
        self._idle.put(w)
        return reply

    def pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._all]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()
