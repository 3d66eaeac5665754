"""Dask engine of ``zhkg batch --engine dask``: the same chunks and records, on a Dask cluster.

Only the annotation moves. Chunks of documents are submitted as tasks; each worker process
loads the pipeline with its first chunk and keeps it (the cache of ``pipeline.batch``), and
sends back the small ``DocResult`` lists. The client stays the single writer of the store,
so resume, error isolation and the graph are those of local runs. At most
``WINDOW_PER_WORKER`` chunks per worker thread are in flight, taken back as they complete.
A killed worker's chunks are rescheduled by Dask; a chunk that still cannot finish is
recorded as failed, like the chunks of a dead local worker, and retried on the next run.
"""

from __future__ import annotations

import importlib.util
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from distributed import Client, Future, LocalCluster, as_completed

from pipeline.batch import lost_documents, process_chunk
from pipeline.ingest import SourceDoc
from pipeline.nlp import MODELS_DIR
from pipeline.run import model_checksums
from pipeline.store import DocResult
from pipeline.workers import WINDOW_PER_WORKER, init_worker

RETRIES = 2  # resubmissions of a chunk whose task raised (besides Dask's own rescheduling)


# --- worker side ----------------------------------------------------------------------


def annotate_chunk(docs: list[SourceDoc], stages: tuple[str, ...], models: str | None) -> list[DocResult]:
    """Task: one chunk; the pipeline loads once per worker process (``models`` None: the worker's own)."""
    init_worker(stages, models or str(MODELS_DIR))
    return process_chunk(docs)


def worker_model_checksums() -> dict[str, str]:
    """Checksums of the models a worker of an existing cluster would load."""
    return model_checksums(MODELS_DIR)


# --- client side ----------------------------------------------------------------------


def dask_chunks(chunks: Iterable[list[SourceDoc]], workers: int, stages: tuple[str, ...], models: Path,
                *, address: str | None, stream: TextIO) -> Iterator[list[DocResult]]:
    """Results of each chunk, in completion order, from the cluster at ``address`` or a new local one."""
    with connect(workers, address, stream) as client:
        if address:
            check_models(client, models)
        yield from submit_window(client, chunks, stages, None if address else str(models))


@contextmanager
def connect(workers: int, address: str | None, stream: TextIO) -> Iterator[Client]:
    """A client of the existing cluster, or of a local one: ``workers`` processes of one thread."""
    if address:
        try:
            client = Client(address)
        except OSError as exc:  # no scheduler there: a one-line error, not a traceback
            raise RuntimeError(f"cannot reach the dask scheduler at {address}: {exc}") from None
        with client:
            yield client
        return
    dashboard = importlib.util.find_spec("bokeh") is not None  # the dashboard needs bokeh
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":8787" if dashboard else None) as cluster, Client(cluster) as client:
        where = f"dashboard {cluster.dashboard_link}" if dashboard else "dashboard unavailable (bokeh not installed)"
        stream.write(f"dask: local cluster of {workers} workers, {where}\n")
        yield client


def check_models(client: Client, models: Path) -> None:
    """Workers of an existing cluster load their own models: refuse ones that differ from the recorded ones."""
    expected = model_checksums(models)
    differ = sorted(w for w, sums in client.run(worker_model_checksums).items() if sums != expected)
    if differ:
        raise RuntimeError(f"models on dask workers {', '.join(differ)} differ from {models} here "
                           "(install the same models on every worker, or point ZHKG_MODELS at them)")


def submit_window(client: Client, chunks: Iterable[list[SourceDoc]], stages: tuple[str, ...],
                  models: str | None) -> Iterator[list[DocResult]]:
    """Submit chunks while fewer than the window are in flight; yield each result as it completes."""
    window = WINDOW_PER_WORKER * max(sum(client.nthreads().values()), 1)
    in_flight: dict[Future, list[SourceDoc]] = {}
    completed = as_completed()
    for chunk in chunks:
        future = client.submit(annotate_chunk, chunk, stages, models, retries=RETRIES, pure=False)
        in_flight[future] = chunk
        completed.add(future)
        if len(in_flight) >= window:
            yield collect(next(completed), in_flight)
    while in_flight:
        yield collect(next(completed), in_flight)


def collect(future: Future, in_flight: dict[Future, list[SourceDoc]]) -> list[DocResult]:
    """A chunk's results; if its task failed for good (worker killed too often), its documents failed."""
    chunk = in_flight.pop(future)
    try:
        return future.result()
    except Exception as exc:  # KilledWorker, or the task raised on every try
        return lost_documents(chunk, RuntimeError(f"dask task failed ({type(exc).__name__}: {exc})"))
