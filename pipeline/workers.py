"""Worker processes that load the pipeline once and run tasks on chunks, results in input order.

Used by ``zhkg batch`` (chunks of documents into the store) and ``zhkg annotate --workers N``
(chunks of clean texts into records). Workers receive plain texts and return plain dicts, so
neither side serialises spaCy ``Doc`` objects, and the parent does no NLP work at all.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Generic, Iterable, Iterator, TypeVar

from threadpoolctl import threadpool_limits

if TYPE_CHECKING:
    from spacy.language import Language

WINDOW_PER_WORKER = 2  # chunks in flight per worker: one running, one queued
MAX_DEFAULT_WORKERS = 4  # each worker holds a pipeline (0.5–1 GB)

Item = TypeVar("Item")
Result = TypeVar("Result")
Task = Callable[[list[Item]], list[Result]]
LostChunk = Callable[[list[Item], BaseException], list[Result]]

_nlp: Language | None = None


@lru_cache(maxsize=1)
def cached_pipeline(stages: tuple[str, ...], models: str) -> Language:
    """The pipeline, loaded once per process (repeated in-process runs reuse it). spaCy is
    imported here, not with the module, so that the command line starts fast."""
    from pipeline.nlp import load_pipeline

    return load_pipeline(stages, Path(models))


def init_worker(stages: tuple[str, ...], models: str, parent: int | None = None) -> None:
    """Load the pipeline for this process; a pool worker also exits when its parent dies."""
    global _nlp
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _nlp = cached_pipeline(stages, models)
    if parent is not None:  # once loaded: the limit reaches only BLAS libraries already loaded
        threadpool_limits(1)  # the pool has a worker per core: BLAS threads would only contend


def worker_pipeline() -> Language:
    """The pipeline ``init_worker`` loaded in this process."""
    if _nlp is None:
        raise RuntimeError("init_worker has not run in this process")
    return _nlp


def in_memory_zones(nlp: Language, process: Callable[[list[Item]], list[Result]],
                    failed: Callable[[Item, Exception], Result], items: list[Item]) -> list[Result]:
    """``process(items)``; if that raises, each item alone, an item that still fails giving
    ``failed(item, exc)``. Each attempt runs inside ``nlp.memory_zone()`` and ``process``
    returns plain data, so the vocab and string store do not grow over a long run."""
    try:
        with nlp.memory_zone():
            return process(items)
    except Exception:
        results = []
        for item in items:
            try:
                with nlp.memory_zone():
                    results.extend(process([item]))
            except Exception as exc:
                results.append(failed(item, exc))
        return results


def usable_cores() -> int:
    """The cores this process may run on, at most ``MAX_DEFAULT_WORKERS``: a default worker count."""
    return max(1, min(len(os.sched_getaffinity(0)), MAX_DEFAULT_WORKERS))


def _exit_with_parent(parent: int) -> None:
    """A parent killed with SIGKILL cannot stop its pool: leave no orphan holding a model."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


class WorkerPool(Generic[Item, Result]):
    """Worker processes with a bounded window of chunks in flight, results in input order.

    ``task`` (a module-level function, run in a worker) maps a chunk to its results. If a
    worker dies (killed for memory, crashed), ``lost`` gives the results of each chunk in
    flight and a fresh pool takes over. Workers are spawned (fresh interpreters), or with
    ``fork`` forked from this process after it has loaded the pipeline: no start-up per
    worker, and the model's pages are shared until written.
    """

    def __init__(self, workers: int, stages: tuple[str, ...], models: str, task: Task,
                 lost: LostChunk, fork: bool = False) -> None:
        self.workers, self.task, self.lost = workers, task, lost
        self.initargs = (stages, models, os.getpid())
        self.context = get_context("fork" if fork else "spawn")
        if fork:
            cached_pipeline(stages, models)
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=self.context,
                                   initializer=init_worker, initargs=self.initargs)

    def map(self, chunks: Iterable[list[Item]]) -> Iterator[list[Result]]:
        window: deque[tuple[list[Item], Future]] = deque()
        try:
            for chunk in chunks:
                window.append((chunk, self._submit(chunk)))
                if len(window) >= WINDOW_PER_WORKER * self.workers:
                    yield self._collect(*window.popleft())
            while window:
                yield self._collect(*window.popleft())
        finally:
            self.executor.shutdown(cancel_futures=True)

    def _submit(self, chunk: list[Item]) -> Future:
        try:
            return self.executor.submit(self.task, chunk)
        except BrokenProcessPool:
            self.executor.shutdown(cancel_futures=True)
            self.executor = self._start()
            return self.executor.submit(self.task, chunk)

    def _collect(self, chunk: list[Item], future: Future) -> list[Result]:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            return self.lost(chunk, RuntimeError(f"worker process died ({exc})"))


def run_chunks(task: Task, lost: LostChunk, chunks: Iterable[list[Item]], workers: int,
               stages: tuple[str, ...], models: Path, fork: bool = False) -> Iterator[list[Result]]:
    """``task`` over each chunk, results in order: in this process for one worker, else in a pool."""
    if workers <= 1:
        return _in_process(task, chunks, stages, str(models))
    return WorkerPool(workers, stages, str(models), task, lost, fork).map(chunks)


def _in_process(task: Task, chunks: Iterable[list[Item]], stages: tuple[str, ...],
                models: str) -> Iterator[list[Result]]:
    """Chunks processed here; the pipeline loads with the first chunk (not at all if none)."""
    for chunk in chunks:
        init_worker(stages, models)
        yield task(chunk)
