"""Batch engine for large collections: stream inputs through worker processes into the store.

Inputs are read lazily; documents already finished in the folder's store (same text hash)
are skipped, the rest go in chunks to worker processes that each load the pipeline once.
At most two chunks per worker are in flight, so memory stays flat however large the
collection. The parent is the only writer of the store: each chunk's documents and records
land in one transaction, so a run killed at any moment resumes where it stopped. The graph
and its exports are rebuilt from the store at the end.

The engine runs the chunks: ``local`` (``pipeline.workers`` processes) or ``dask`` (a Dask cluster,
``pipeline.dask_engine``, the optional ``zhkg[dask]`` extra); both feed the same store.
"""

from __future__ import annotations

import fcntl
import json
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TextIO

from spacy.language import Language

from pipeline.articles import split_page
from pipeline.export import FORMATS, write_exports
from pipeline.diskgraph import graph_on_disk
from pipeline.ingest import JSONL_SUFFIX, InputFailure, SourceDoc, iter_inputs, text_files
from pipeline.nlp import ALL_STAGES, MODELS_DIR
from pipeline.run import PACKAGES, annotated_articles, atomic_text, model_checksums
from pipeline.store import DocResult, Store, open_store, text_hash
from pipeline.workers import in_memory_zones, run_chunks, worker_pipeline

SUMMARY_NAME = "batch.json"
LOCK_NAME = ".zhkg.lock"
LOG_EVERY = 10.0  # seconds between progress lines when stderr is not a terminal
BAR_EVERY = 0.2  # seconds between redraws of the progress bar
ENGINES = ("local", "dask")
DASK_MISSING = "--engine dask needs Dask, an optional extra: pip install 'zhkg[dask]'"


# --- worker side ----------------------------------------------------------------------


def process_chunk(docs: list[SourceDoc]) -> list[DocResult]:
    """Task: annotate a chunk together; if anything fails, redo it one document at a time."""
    nlp = worker_pipeline()
    return in_memory_zones(nlp, partial(annotate_docs, nlp), _failed, docs)


def annotate_docs(nlp: Language, docs: list[SourceDoc]) -> list[DocResult]:
    """Split every document into articles and run them through ``nlp.pipe`` as one stream."""
    results = [DocResult(text_hash(doc.text), doc.id, doc.source, len(doc.text)) for doc in docs]
    items = []
    for number, doc in enumerate(docs):
        try:
            articles = split_page(doc)
        except Exception as exc:
            results[number] = _failed(doc, exc)
            continue
        meta = {**doc.meta, "encoding": doc.encoding}
        items.extend((article.text, (number, article, meta)) for article in articles)
    for record, (number, _article, _meta) in annotated_articles(nlp, items):
        results[number].records.append(record)
    return results


def _failed(doc: SourceDoc, exc: BaseException) -> DocResult:
    error = f"{doc.source} ({doc.id}): {type(exc).__name__}: {exc}"
    return DocResult(text_hash(doc.text), doc.id, doc.source, len(doc.text), error=error)


def lost_documents(docs: list[SourceDoc], exc: BaseException) -> list[DocResult]:
    """A chunk whose worker died or whose task failed: every document failed (retried on the next run)."""
    return [_failed(doc, exc) for doc in docs]


# --- parent side ----------------------------------------------------------------------


ChunkRunner = Callable[..., Iterator[list[DocResult]]]


def chunk_runner(engine: str, address: str | None, stream: TextIO) -> ChunkRunner:
    """``run_chunks`` or its Dask twin; Dask is imported only when asked for, and said to be missing."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {ENGINES}")
    if address and engine != "dask":
        raise ValueError("a scheduler address needs --engine dask")
    if engine == "local":
        return partial(run_chunks, process_chunk, lost_documents)
    try:
        from pipeline.dask_engine import dask_chunks
    except ImportError as exc:
        raise RuntimeError(f"{DASK_MISSING} ({exc})") from None
    return partial(dask_chunks, address=address, stream=stream)


@dataclass
class Counts:
    """What this run has done so far."""

    processed: int = 0
    skipped: int = 0
    failed: int = 0
    articles: int = 0
    chars: int = 0
    dropped: int = 0  # stored documents whose source now reads differently or is gone

    def completed(self) -> int:
        """Documents (and unreadable inputs) dealt with: processed, skipped or failed."""
        return self.processed + self.skipped + self.failed


class Progress:
    """A one-line progress bar on a terminal, a log line every few seconds otherwise."""

    def __init__(self, total: int | None, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.stream = stream
        self.tty = stream.isatty()
        self.started = self.shown = time.monotonic()

    def update(self, counts: Counts, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.shown < (BAR_EVERY if self.tty else LOG_EVERY):
            return
        self.shown = now
        line = self.line(counts, now - self.started)
        self.stream.write(f"\r{line}\x1b[K" if self.tty else f"batch: {line}\n")
        self.stream.flush()

    def note(self, message: str) -> None:
        """A message on its own line (the bar is redrawn below it)."""
        self.stream.write(f"\r\x1b[K{message}\n" if self.tty else f"{message}\n")

    def close(self, counts: Counts) -> None:
        self.update(counts, force=True)
        if self.tty:
            self.stream.write("\n")

    def line(self, counts: Counts, elapsed: float) -> str:
        rate, completed = (counts.chars / elapsed if elapsed else 0.0), counts.completed()
        done = f"{completed}/{self.total}" if self.total else f"{completed}"
        parts = [f"{done} docs", f"{counts.processed} new", f"{counts.skipped} skipped",
                 f"{counts.failed} failed", f"{rate:,.0f} chars/s"]
        if self.total and completed:
            eta = max(self.total - completed, 0) * elapsed / completed
            parts.append(f"ETA {eta:,.0f} s")
        if self.tty and self.total:
            filled = min(round(20 * completed / self.total), 20)
            parts.insert(0, "[" + "#" * filled + "." * (20 - filled) + "]")
        return "  ".join(parts)


def count_documents(paths: Iterable[Path]) -> int:
    """Documents in the inputs (page files plus JSONL lines), for the ETA; cheap, no decoding."""
    total = 0
    for path in map(Path, paths):
        files = text_files(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            total += _jsonl_lines(file) if file.suffix.lower() == JSONL_SUFFIX else 1
    return total


def _jsonl_lines(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for line in lines if line.strip())


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Only one batch writes a folder at a time (the lock goes with the process, even if killed)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK_NAME).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"{folder}: another zhkg batch is writing this folder") from None
        yield


class Scheduler:
    """Turns the input stream into chunks of documents still to do, recording what it skips.

    Skipped: documents finished in the store, failed earlier in this run, or already in flight
    (the same text twice in the inputs). Unreadable inputs are recorded as failures at once.
    Every source and content hash read is remembered, so that once the whole input has been
    read, stored documents that no longer occur in it can be dropped (``Store.drop_unseen``).
    """

    def __init__(self, store: Store, run: int, counts: Counts, progress: Progress, paper: str | None = None) -> None:
        self.store, self.run, self.counts, self.progress, self.paper = store, run, counts, progress, paper
        self.in_flight: set[str] = set()
        self.seen_sources: set[str] = set()
        self.seen_hashes: set[str] = set()

    def chunks(self, inputs: Sequence[Path], size: int) -> Iterator[list[SourceDoc]]:
        chunk: list[SourceDoc] = []
        for item in iter_inputs(inputs):
            self.seen_sources.add(item.source)
            if isinstance(item, InputFailure):
                failure = DocResult(f"input:{text_hash(item.error)}", item.source, item.source, 0, item.error)
                self.seen_hashes.add(failure.hash)
                self.finish([failure])
            elif self._to_do(item):
                item.meta.setdefault("paper", self.paper)
                chunk.append(item)
                if len(chunk) >= size:
                    yield chunk
                    chunk = []
            self.progress.update(self.counts)
        if chunk:
            yield chunk

    def _to_do(self, doc: SourceDoc) -> bool:
        key = text_hash(doc.text)
        self.seen_hashes.add(key)
        if key in self.in_flight or self.store.is_handled(key, self.run):
            self.counts.skipped += 1
            return False
        self.in_flight.add(key)
        return True

    def finish(self, results: list[DocResult]) -> None:
        """Store a chunk's results (one transaction) and count them."""
        self.store.save(self.run, results)
        for result in results:
            self.in_flight.discard(result.hash)
            if result.error:
                self.counts.failed += 1
                self.progress.note(f"failed: {result.error}")
            else:
                self.counts.processed += 1
                self.counts.articles += len(result.records)
                self.counts.chars += result.chars
        self.progress.update(self.counts)


def batch(inputs: Sequence[Path], out_dir: Path, workers: int = 1, batch_size: int = 32,
          formats: Iterable[str] = FORMATS, stages: Sequence[str] = ALL_STAGES,
          models: Path = MODELS_DIR, progress_stream: TextIO = sys.stderr, engine: str = "local",
          scheduler_address: str | None = None, paper: str | None = None) -> dict:
    """Process ``inputs`` into the store of ``out_dir``, then export the graph; return the summary.

    paper: the name of 本报 for documents that do not name their paper (JSONL field ``paper``).

    engine: ``local`` (``workers`` processes) or ``dask``: a new local cluster of ``workers``
        processes, or the existing one at ``scheduler_address`` (``tcp://host:port``).
    """
    started = time.time()
    out_dir, stages = Path(out_dir), tuple(stages)
    if set(stages) - set(ALL_STAGES):
        raise ValueError(f"unknown stages {sorted(set(stages) - set(ALL_STAGES))}; choose from {ALL_STAGES}")
    runner = chunk_runner(engine, scheduler_address, progress_stream)
    with folder_lock(out_dir), open_store(out_dir) as store:
        settings = run_settings(stages, models, paper)
        run = store.begin_run(map(str, inputs), settings)
        previous = store.last_settings(before=run)
        progress = Progress(count_documents(inputs), progress_stream)
        if previous and previous != settings:
            progress.note("warning: stages, models, versions or --paper changed since the previous run; documents "
                          "already done keep their records (delete the store to redo them)")
        counts = Counts()
        scheduler = Scheduler(store, run, counts, progress, paper)
        for results in runner(scheduler.chunks(inputs, batch_size), workers, stages, models):
            scheduler.finish(results)
        progress.close(counts)
        folders = [str(path) for path in inputs if Path(path).is_dir()]
        counts.dropped = store.drop_unseen(scheduler.seen_sources, folders, scheduler.seen_hashes)
        nlp_seconds = time.time() - started
        with graph_on_disk(store.records, out_dir) as graph:
            written = write_exports(graph, out_dir, {"json", *formats})
            size = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
        summary = {
            "run": run,
            "inputs": [str(p) for p in inputs],
            "counts": {**vars(counts), **size},
            "store": store.counts(),
            "timings": {"nlp_seconds": round(nlp_seconds, 2), "total_seconds": round(time.time() - started, 2)},
            "outputs": sorted(p.name for paths in written.values() for p in paths),
            "workers": workers,
            "engine": engine,
        }
        store.finish_run(run, summary)
    with atomic_text(out_dir / SUMMARY_NAME) as out:
        json.dump(summary, out, ensure_ascii=False, indent=1)
    return summary


def run_settings(stages: tuple[str, ...], models: Path, paper: str | None = None) -> dict:
    """What determines the records: stages, model files, package versions, the paper's name."""
    return {"stages": list(stages), "models": model_checksums(models), "paper": paper,
            "versions": {name: version(name) for name in PACKAGES}}
