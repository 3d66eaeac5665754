"""Dask engine: same store and graph as the local engine, a killed worker, Dask absent."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from test_batch import PAGES, QUIET, STAGES, done_count, inputs, reference, store_state, write_inputs  # noqa: F401 (fixtures)
from test_batch import pytestmark as needs_models

from pipeline.batch import batch
from pipeline.cli import main
from pipeline.store import STORE_NAME

needs_dask = pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                reason="dask is not installed (optional extra: pip install 'zhkg[dask]')")


def graph(out: Path) -> dict:
    return json.loads((out / "graph.json").read_text(encoding="utf-8"))


@needs_models
@needs_dask
def test_local_cluster_gives_the_local_engines_store_and_graph(inputs, reference, tmp_path):
    out, progress = tmp_path / "dask", io.StringIO()

    summary = batch([inputs], out, workers=2, batch_size=4, stages=STAGES, progress_stream=progress, engine="dask")

    assert "dask: local cluster of 2 workers, dashboard" in progress.getvalue()
    assert summary["counts"]["processed"] == PAGES + 2 and summary["engine"] == "dask"
    assert store_state(out) == store_state(reference)
    assert graph(out) == graph(reference)


def kill_once_started(database: Path, pid: int, seen: list[int], timeout: float = 60.0) -> None:
    """SIGKILL worker ``pid`` as soon as the first documents are stored; note how many were."""
    deadline = time.monotonic() + timeout
    while done_count(database) < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    seen.append(done_count(database))
    os.kill(pid, signal.SIGKILL)


@needs_models
@needs_dask
def test_killed_worker_still_gives_the_complete_result(inputs, reference, tmp_path):
    from distributed import Client, LocalCluster

    out, seen = tmp_path / "killed", []
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
        victim = next(iter(client.run(os.getpid).values()))
        killer = threading.Thread(target=kill_once_started, args=(out / STORE_NAME, victim, seen))
        killer.start()
        summary = batch([inputs], out, batch_size=1, stages=STAGES, progress_stream=QUIET,
                        engine="dask", scheduler_address=cluster.scheduler_address)
        killer.join()

    assert 0 < seen[0] < PAGES + 2, f"the kill should land mid-run ({seen[0]} of {PAGES + 2} done)"
    assert summary["counts"]["failed"] == 0 and summary["counts"]["processed"] == PAGES + 2
    assert store_state(out) == store_state(reference)


def test_missing_dask_is_a_clear_error(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    monkeypatch.delitem(sys.modules, "pipeline.dask_engine", raising=False)

    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "out"), "--engine", "dask"]) == 2

    assert "needs Dask, an optional extra: pip install 'zhkg[dask]'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_scheduler_address_needs_the_dask_engine(tmp_path, capsys):
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "needs --engine dask" in capsys.readouterr().err
