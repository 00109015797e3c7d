"""Where extraction runs, and how many cores a build may use (`kg.executors`)."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from kg.executors import SerialExecutor, confined_to, imap_unordered, usable_cores

needs_two_cores = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or usable_cores() < 2, reason="needs CPU affinity and at least 2 cores"
)

# Run in a child process: confining pytest's own process would slow every test after it.
_PROBE = textwrap.dedent(
    """
    import json, os, threading
    from kg.executors import confined_to

    def cpus():
        return len(os.sched_getaffinity(0))

    seen = {}
    go, went, stop = threading.Event(), threading.Event(), threading.Event()

    def earlier_thread():  # started before the block: must be confined too, and released after
        go.wait(); seen["earlier_in"] = cpus(); went.set()
        stop.wait(); seen["earlier_after"] = cpus()

    t0 = threading.Thread(target=earlier_thread); t0.start()
    seen["before"] = cpus()
    with confined_to(1) as got:
        seen["got"] = got
        seen["main_in"] = cpus()
        go.set(); went.wait()
        t = threading.Thread(target=lambda: seen.setdefault("new_thread", cpus())); t.start(); t.join()
        pid = os.fork()
        if pid == 0:
            os._exit(cpus())
        seen["forked_child"] = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    seen["main_after"] = cpus()
    stop.set(); t0.join()
    print(json.dumps(seen))
    """
)


@needs_two_cores
def test_confined_to_one_core_holds_for_every_thread_and_child_then_lets_go():
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=60)
    seen = json.loads(out.stdout)
    n = usable_cores()
    assert seen["before"] == n
    # Inside: this thread, a thread that was already running, a new thread and a forked child
    # (what the writer thread, RocksDB's threads and the pool's workers are) all on one CPU.
    assert (seen["got"], seen["main_in"], seen["earlier_in"], seen["new_thread"], seen["forked_child"]) == (1, 1, 1, 1, 1)
    # After: the old mask again, for the thread that ran the block and the one that was running.
    assert seen["main_after"] == n and seen["earlier_after"] == n


def test_confined_to_nothing_or_more_than_there_is_changes_nothing():
    n = usable_cores()
    before = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    for budget in (None, n, n + 3):
        with confined_to(budget) as got:
            assert got == n
            if before is not None:
                assert os.sched_getaffinity(0) == before


def test_imap_unordered_keeps_at_most_in_flight_tasks_drawn():
    drawn = []

    def tasks():
        for i in range(100):
            drawn.append(i)
            yield i

    out = []
    for r in imap_unordered(SerialExecutor(), lambda x: x * 2, tasks(), in_flight=4):
        out.append(r)
        assert len(drawn) - len(out) <= 2 * 4  # never the whole iterator ahead of the consumer
    assert sorted(out) == [2 * i for i in range(100)]
