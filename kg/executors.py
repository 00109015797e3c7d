"""Where extraction runs: in this process, a local process pool, or a Dask cluster.

All three offer the same two operations, `submit(fn, *args)` and
`wait_any(futures)`, and `imap_unordered` drives any of them with a bounded
number of tasks in flight, so memory stays flat however many documents there
are: results stream back to the caller (the single writer of the store) as
they complete.

Dask (`pip install 'zonekg[dask]'`) is imported only when asked for. The
function run as a task must be importable on the workers (it is:
`kg.build._process_chunk`, so the workers need the `zonekg` package installed).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any

EXECUTORS = ("local", "dask")


class ExecutorError(Exception):
    """The executor could not be started (Dask missing, scheduler unreachable …)."""


class SerialExecutor:
    """Runs each task at once, in this process (workers=1: no pickling, easy to debug and profile)."""

    name = "serial"
    slots = 1
    remote = False

    def submit(self, fn: Callable, *args: Any) -> Future:
        f: Future = Future()
        try:
            f.set_result(fn(*args))
        except BaseException as e:  # noqa: B036 - handed to the caller through the future
            f.set_exception(e)
        return f

    def wait_any(self, futures):
        return set(futures), set()

    def close(self) -> None:
        pass


class LocalExecutor:
    """A pool of worker processes on this machine.

    On Linux the workers are forked, and all of them at once when the pool is
    made: `build` makes it before it opens the store, so no RocksDB state or
    thread is duplicated into a child, and a script that calls build() needs
    no `if __name__ == "__main__"` guard. Elsewhere they are spawned.
    """

    name = "local"
    remote = False

    def __init__(self, workers: int):
        self.slots = max(1, workers)
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux" else "spawn"
        self.pool = ProcessPoolExecutor(max_workers=self.slots, mp_context=multiprocessing.get_context(method))
        self.pool.submit(int).result()  # start the workers now, before the caller opens anything

    def submit(self, fn: Callable, *args: Any) -> Future:
        return self.pool.submit(fn, *args)

    def wait_any(self, futures):
        done, pending = wait(futures, return_when=FIRST_COMPLETED)
        return done, pending

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """Tasks on a Dask cluster: the scheduler at `address`, or a LocalCluster of `workers` processes."""

    name = "dask"
    remote = True

    def __init__(self, address: str | None = None, workers: int = 2):
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise ExecutorError("--executor dask needs dask.distributed: pip install 'zonekg[dask]'") from e
        self.cluster = None
        try:
            if address:
                self.client = Client(address, timeout="30s")
            else:
                self.cluster = LocalCluster(
                    n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as e:
            if self.cluster is not None:
                self.cluster.close()
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {e}") from e
        self.slots = max(1, sum(self.client.nthreads().values()))

    def submit(self, fn: Callable, *args: Any):
        return self.client.submit(fn, *args, pure=False)

    def wait_any(self, futures):
        from distributed import wait as dwait

        res = dwait(list(futures), return_when="FIRST_COMPLETED")
        return set(res.done), set(res.not_done)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def usable_cores() -> int:
    """The CPUs this process may run on: its affinity mask where there is one (Linux), else cpu_count."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _threads() -> list[int]:
    """This process's thread ids (Linux); [0], the calling thread, where /proc is not there."""
    try:
        return [int(t) for t in os.listdir("/proc/self/task")]
    except OSError:
        return [0]


@contextmanager
def confined_to(cores: int | None) -> Iterator[int]:
    """Run the block on `cores` of the CPUs this process may use; yields how many it got.

    Every thread of the process is confined, and so is everything started in the block: the
    writer's thread, RocksDB's and the bulk loader's threads, forked workers. That is what makes
    `kg build --workers 1` a one-core build; without it the writer and RocksDB take a second core
    beside the extraction. Afterwards every thread gets the old mask back. None, or at least as
    many cores as there are, or no affinity support (not Linux): the block runs unconfined.
    """
    if cores is None or not hasattr(os, "sched_setaffinity") or cores >= usable_cores():
        yield usable_cores()
        return
    before = os.sched_getaffinity(0)
    mask = set(sorted(before)[: max(1, cores)])

    def set_all(m: set[int]) -> None:
        for tid in _threads():
            try:
                os.sched_setaffinity(tid, m)
            except OSError:  # a thread that ended meanwhile
                pass

    set_all(mask)
    try:
        yield len(mask)
    finally:
        set_all(before)


def make_executor(kind: str = "local", workers: int = 1, scheduler: str | None = None):
    """The executor for `kg build --executor KIND --workers N --scheduler ADDRESS`."""
    if kind == "dask":
        return DaskExecutor(scheduler, workers)
    if kind != "local":
        raise ExecutorError(f"unknown executor {kind!r} (choose from {', '.join(EXECUTORS)})")
    if scheduler:
        raise ExecutorError("--scheduler is for --executor dask")
    if workers <= 1:
        return SerialExecutor()
    return LocalExecutor(workers)


def imap_unordered(executor, fn: Callable, tasks: Iterable[Any], *args: Any, in_flight: int | None = None) -> Iterator[Any]:
    """fn(task, *args) for every task, results in completion order.

    Tasks are drawn from `tasks` lazily: at most `in_flight` are submitted and
    not yet returned, and the pool is refilled before the results of the last
    wait are handed out (so the workers never idle while the caller writes),
    which makes at most 2 x in_flight tasks drawn and not yet consumed. An
    iterator of a million items is fine.
    """
    limit = in_flight or executor.slots * 3
    it = iter(tasks)
    pending: set = set()

    def fill() -> None:
        while len(pending) < limit:
            try:
                task = next(it)
            except StopIteration:
                return
            pending.add(executor.submit(fn, task, *args))

    fill()
    while pending:
        done, rest = executor.wait_any(pending)
        pending = set(rest)
        fill()  # keep the workers busy while the caller handles these results
        for f in done:
            yield f.result()
