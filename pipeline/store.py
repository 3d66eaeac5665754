"""Embedded store of a batch run: one SQLite file with a row per input document.

A document is one input ``SourceDoc`` (a page dump or one JSONL record), keyed by the
sha256 of its text, so a finished document is recognised wherever and however often it
reappears. Its article records are written in the same transaction as its ``done`` row:
after a crash (even SIGKILL) a document is either complete or absent, never half there.
The store is only ever written by one process (the batch parent); readers may look in at
any time (WAL mode).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.diskgraph import DiskGraph, graph_on_disk

STORE_NAME = "zhkg.sqlite"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id       INTEGER PRIMARY KEY,
    started  REAL NOT NULL,
    finished REAL,
    inputs   TEXT NOT NULL,          -- JSON list of the input paths as given
    settings TEXT NOT NULL,          -- JSON: stages, model checksums, versions
    summary  TEXT                    -- JSON counts, set when the run completes
);
CREATE TABLE IF NOT EXISTS documents (
    hash    TEXT PRIMARY KEY,        -- sha256 of the text; 'input:<sha256 of error>' if unreadable
    id      TEXT NOT NULL,
    source  TEXT NOT NULL,
    status  TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    error   TEXT,
    chars   INTEGER NOT NULL,
    run     INTEGER NOT NULL REFERENCES runs (id),
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_status ON documents (status, source);
CREATE TABLE IF NOT EXISTS articles (
    doc_hash TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,       -- article number within the document, from 0
    id       TEXT NOT NULL,
    record   TEXT NOT NULL,          -- the article record (entities, relations, topics) as JSON
    PRIMARY KEY (doc_hash, idx)
) WITHOUT ROWID;
"""


def text_hash(text: str) -> str:
    """Content key of a document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class DocResult:
    """What processing one document gave: its article records, or the error."""

    hash: str
    id: str
    source: str
    chars: int
    error: str | None = None
    records: list[dict] = field(default_factory=list)


class Store:
    """The SQLite store of one batch folder."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)  # explicit transactions only
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable across process kills
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def _migrate(self) -> None:
        """Create the tables, or refuse a store written by an incompatible version."""
        found = self.db.execute("PRAGMA user_version").fetchone()[0]
        if found not in (0, SCHEMA_VERSION):
            raise RuntimeError(f"{self.path}: store schema {found}, this zhkg reads {SCHEMA_VERSION}")
        if found == 0:  # executescript commits on its own, so the script is its own transaction
            self.db.executescript(f"BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``with store.transaction():`` BEGIN IMMEDIATE, COMMIT on success, ROLLBACK on error."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def begin_run(self, inputs: Iterable[str], settings: dict) -> int:
        """Record the start of a run; return its id."""
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO runs (started, inputs, settings) VALUES (?, ?, ?)",
                (time.time(), json.dumps(list(inputs), ensure_ascii=False), json.dumps(settings, ensure_ascii=False)),
            )
        return cursor.lastrowid

    def finish_run(self, run: int, summary: dict) -> None:
        with self.transaction():
            self.db.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
                            (time.time(), json.dumps(summary, ensure_ascii=False), run))

    def last_settings(self, before: int) -> dict | None:
        """Settings of the latest run before ``before``, to warn when models or stages changed."""
        row = self.db.execute("SELECT settings FROM runs WHERE id < ? ORDER BY id DESC LIMIT 1", (before,)).fetchone()
        return json.loads(row[0]) if row else None

    def is_handled(self, doc_hash: str, run: int) -> bool:
        """Finished in any run, or already failed in this one (a failure is retried next run)."""
        row = self.db.execute(
            "SELECT 1 FROM documents WHERE hash = ? AND (status = 'done' OR run = ?)", (doc_hash, run)
        ).fetchone()
        return row is not None

    def save(self, run: int, results: Iterable[DocResult]) -> None:
        """Write documents with their records in one transaction (replacing earlier failures)."""
        now = time.time()
        with self.transaction():
            for result in results:
                self.db.execute("DELETE FROM articles WHERE doc_hash = ?", (result.hash,))
                self.db.execute(
                    "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (result.hash, result.id, result.source, "failed" if result.error else "done",
                     result.error, result.chars, run, now),
                )
                self.db.executemany(
                    "INSERT INTO articles VALUES (?, ?, ?, ?)",
                    ((result.hash, idx, record["id"], json.dumps(record, ensure_ascii=False))
                     for idx, record in enumerate(result.records)),
                )

    def drop_unseen(self, sources: set[str], folders: Iterable[str], hashes: set[str]) -> int:
        """Delete documents of ``sources`` (or of files under ``folders``) whose text was not read.

        Called once a run has read its whole input: a stored document of a source that was
        read again, or of a file under an input folder, whose content hash did not occur
        anywhere in that input was edited, fixed or deleted since. Its articles go with it.
        Return the number of documents dropped.
        """
        folders = [Path(folder) for folder in folders]
        rows = self.db.execute("SELECT hash, source FROM documents").fetchall()
        stale = [(key,) for key, source in rows
                 if key not in hashes and (source in sources or any(Path(source).is_relative_to(f) for f in folders))]
        with self.transaction():
            self.db.executemany("DELETE FROM documents WHERE hash = ?", stale)
        return len(stale)

    def records(self) -> Iterator[dict]:
        """Article records of every finished document, in article-id order."""
        rows = self.db.execute(
            "SELECT a.record FROM articles a JOIN documents d ON d.hash = a.doc_hash "
            "WHERE d.status = 'done' ORDER BY a.id, a.doc_hash, a.idx"
        )
        for (record,) in rows:
            yield json.loads(record)

    def counts(self) -> dict[str, int]:
        """Documents done and failed, articles stored."""
        status = dict(self.db.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
        articles = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        return {"done": status.get("done", 0), "failed": status.get("failed", 0), "articles": articles}

    def failures(self) -> list[dict]:
        """Failed documents with their errors, by source."""
        rows = self.db.execute("SELECT id, source, error FROM documents WHERE status = 'failed' ORDER BY source, id")
        return [{"id": doc_id, "source": source, "error": error} for doc_id, source, error in rows]


def open_store(folder: Path) -> Store:
    """The store of batch folder ``folder`` (created when new)."""
    return Store(Path(folder) / STORE_NAME)


def has_store(folder: Path) -> bool:
    return (Path(folder) / STORE_NAME).is_file()


@contextmanager
def graph_from_store(folder: Path) -> Iterator[DiskGraph]:
    """The knowledge graph of every finished document in the folder's store, built on disk
    beside it (``pipeline.diskgraph``) and removed when the block ends."""
    with open_store(folder) as store, graph_on_disk(store.records, Path(folder)) as graph:
        yield graph
