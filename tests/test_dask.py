"""kg build --executor dask: extraction as tasks on a Dask cluster, the same graph as the local build.

The cluster is a LocalCluster of 2 worker processes on loopback; the workers
get each file's bytes with the task, so they need no shared filesystem.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg import store as st
from kg.build import build
from kg.cli import main as kg_main

distributed = pytest.importorskip("distributed")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_corpus import make_corpus  # noqa: E402


def dump(store_dir) -> set[str]:
    return {str(q) for q in st.open_read(store_dir)}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    c = make_corpus(40, tmp_path_factory.mktemp("dask") / "c", seed=5)
    (c / "000" / "broken.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    return c


def test_dask_build_equals_local_build(cluster, corpus, tmp_path):
    local = build([corpus], tmp_path / "local")
    remote = build([corpus], tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address, batch_quads=1000)
    assert remote.executor == "dask" and remote.workers == 2
    assert dump(tmp_path / "dask") == dump(tmp_path / "local")
    assert (remote.new, remote.quads) == (local.new, local.quads)
    assert sorted(s.path for s in remote.skipped) == sorted(s.path for s in local.skipped)
    assert str(corpus / "000" / "broken.txt") in {s.path for s in remote.skipped}
    # Incremental on the cluster too: nothing changed, nothing sent.
    again = build([corpus], tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address)
    assert (again.new, again.updated, again.unchanged) == (0, 0, local.new)


def test_cli_executor_dask_with_scheduler(cluster, corpus, tmp_path, capsys):
    store = tmp_path / "s"
    code = kg_main(["build", str(corpus), "--store", str(store), "--executor", "dask", "--scheduler", cluster.scheduler_address])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "broken.txt" in out.err
    assert dump(store) == dump_local(corpus, tmp_path)


def dump_local(corpus: Path, tmp_path: Path) -> set[str]:
    build([corpus], tmp_path / "ref")
    return dump(tmp_path / "ref")


def test_scheduler_without_dask_executor_is_refused(corpus, tmp_path, capsys):
    assert kg_main(["build", str(corpus), "--store", str(tmp_path / "s"), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler is for --executor dask" in capsys.readouterr().err
    assert not (tmp_path / "s" / "current").exists()


def test_kg_extract_on_the_cluster_gives_the_local_builds_quads(cluster, corpus, tmp_path, capsys):
    """kg extract --executor dask: the workers get the bytes with the task; the parts, loaded, equal a local build."""
    import pyoxigraph as ox

    out = tmp_path / "nq"
    code = kg_main(["extract", str(corpus), "-o", str(out), "--executor", "dask", "--scheduler", cluster.scheduler_address])
    assert code == 0, capsys.readouterr().err
    loaded = ox.Store()
    for f in sorted(out.glob("*.nq")):
        loaded.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
    assert {str(q) for q in loaded} == dump_local(corpus, tmp_path)
    assert "broken.txt" in (out / "skipped.tsv").read_text(encoding="utf-8")
