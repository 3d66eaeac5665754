"""The knowledge graph of a large collection, built in bounded memory.

``pipeline.graph`` builds the graph of a batch folder's store in two passes over its records,
but a ``networkx.MultiDiGraph`` of 10,000 articles holds 0.4 GB, growing with every article.
Here the same passes keep their state in a scratch SQLite file: the person keys of the first
pass are worked out one name at a time, and the graph's nodes and edges stay in memory only
while recently used (``CACHE_SIZE``), the rest pickled into the file. ``DiskGraph`` offers the
part of the networkx API that the graph stage and the exports use, so ``write_exports`` writes
the same files from it (its edges come out in the exports' sorted order).
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import tempfile
from collections import OrderedDict
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.graph import add_articles, article_contexts, person_node_ids, short_form_aliases

SCRATCH_PREFIX = ".zhkg-graph-"  # then the building process's id
CACHE_SIZE = 2_000  # nodes, and as many edges, held in memory (the 10k-document bench graph: 72k and 269k)
SCHEMA = """
CREATE TABLE nodes (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, data BLOB NOT NULL);
CREATE INDEX nodes_seq ON nodes (seq);
CREATE TABLE edges (u TEXT, v TEXT, key TEXT, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (u, v, key));
CREATE INDEX edges_v ON edges (v);
CREATE TABLE contexts (name TEXT NOT NULL, article TEXT NOT NULL, org TEXT);  -- org NULL: a name with no post
CREATE TABLE named (article TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE persons (article TEXT, name TEXT, node TEXT NOT NULL, PRIMARY KEY (article, name));
"""


class SpilledTable:
    """A table of pickled dicts keyed by ``columns``, the ``capacity`` most recently used held
    in memory (and changed there); when more are, the least recently used tenth is written back."""

    def __init__(self, db: sqlite3.Connection, table: str, columns: tuple[str, ...], capacity: int) -> None:
        self.db, self.table, self.columns, self.capacity = db, table, columns, capacity
        self.cache: OrderedDict[tuple, tuple[int, dict]] = OrderedDict()
        self.size = 0
        self.absent: tuple | None = None  # the last key looked up and not found: ``add`` usually follows
        where = " AND ".join(f"{c} = ?" for c in columns)
        self.select = f"SELECT seq, data FROM {table} WHERE {where}"
        names, marks = ", ".join(columns), ", ".join("?" * (len(columns) + 2))
        self.upsert = (f"INSERT INTO {table} ({names}, seq, data) VALUES ({marks}) "
                       f"ON CONFLICT ({names}) DO UPDATE SET data = excluded.data")

    def get(self, key: tuple) -> dict | None:
        """The dict of ``key`` (the live one: changes to it are kept), or None."""
        if key in self.cache:
            self.cache.move_to_end(key)
            return self.cache[key][1]
        if key == self.absent:
            return None
        row = self.db.execute(self.select, key).fetchone()
        if row is None:
            self.absent = key
            return None
        self.hold(key, row[0], pickle.loads(row[1]))
        return self.cache[key][1]

    def add(self, key: tuple, data: dict) -> None:
        """A new entry (``key`` must not exist)."""
        self.absent = None
        self.hold(key, self.size, data)
        self.size += 1

    def hold(self, key: tuple, seq: int, data: dict) -> None:
        self.cache[key] = (seq, data)
        if len(self.cache) > self.capacity:
            self.write(max(1, self.capacity // 10))

    def write(self, count: int) -> None:
        """Write the ``count`` least recently used entries back to the table."""
        entries = [self.cache.popitem(last=False) for _ in range(min(count, len(self.cache)))]
        self.db.executemany(self.upsert, ((*key, seq, pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
                                          for key, (seq, data) in entries))

    def flush(self) -> None:
        """Write every entry held in memory back to the table."""
        self.write(len(self.cache))

    def rows(self, order: str) -> Iterator[tuple]:
        """``(*key, data)`` of every entry, by ``order`` (an SQL ORDER BY list); call ``flush`` first."""
        query = f"SELECT {', '.join(self.columns)}, data FROM {self.table} ORDER BY {order}"
        for *key, data in self.db.execute(query):
            yield *key, pickle.loads(data)


class NodeView:
    """``G.nodes``: ``G.nodes[node]`` and ``G.nodes(data=True)`` as networkx has them."""

    def __init__(self, table: SpilledTable) -> None:
        self.table = table

    def __getitem__(self, node: str) -> dict:
        data = self.table.get((node,))
        if data is None:
            raise KeyError(node)
        return data

    def __call__(self, data: bool = False) -> Iterator:
        rows = self.table.rows("seq")
        return ((node, attrs) for node, attrs in rows) if data else (node for node, _attrs in rows)

    def values(self) -> Iterator[dict]:
        return (attrs for _node, attrs in self.table.rows("seq"))


class EdgeView:
    """``G.edges``: ``G.edges[u, v, key]`` and ``G.edges(keys=True, data=...)`` as networkx has
    them, the edges sorted by ``(u, v, key)``."""

    def __init__(self, table: SpilledTable) -> None:
        self.table = table

    def __getitem__(self, edge: tuple[str, str, str]) -> dict:
        data = self.table.get(edge)
        if data is None:
            raise KeyError(edge)
        return data

    def __call__(self, keys: bool = False, data: bool | str = False) -> Iterator[tuple]:
        for u, v, key, attrs in self.table.rows("u, v, key"):
            value = attrs if data is True else attrs.get(data) if data else None
            yield (u, v) + ((key,) if keys else ()) + ((value,) if data else ())


class DiskGraph:
    """A directed multigraph whose nodes and edges live in a ``SpilledTable`` each; build it,
    ``flush`` it, then read it like a ``networkx.MultiDiGraph`` (``write_exports``)."""

    edges_sorted = True  # ``edges()`` yields in the exports' order, so they need not sort

    def __init__(self, db: sqlite3.Connection, capacity: int = CACHE_SIZE) -> None:
        self.db = db
        self.graph = {"name": "zhkg"}
        self._nodes = SpilledTable(db, "nodes", ("id",), capacity)
        self._edges = SpilledTable(db, "edges", ("u", "v", "key"), capacity)
        self.nodes, self.edges = NodeView(self._nodes), EdgeView(self._edges)

    def __contains__(self, node: str) -> bool:
        return self._nodes.get((node,)) is not None

    def add_node(self, node: str, **attrs: object) -> None:
        data = self._nodes.get((node,))
        if data is None:
            self._nodes.add((node,), attrs)
        else:
            data.update(attrs)

    def has_edge(self, u: str, v: str, key: str) -> bool:
        return self._edges.get((u, v, key)) is not None

    def add_edge(self, u: str, v: str, key: str, **attrs: object) -> None:
        """Add or update edge ``u→v`` ``key``, adding ``u`` and ``v`` if new (as networkx does)."""
        for node in (u, v):
            if node not in self:
                self.add_node(node)
        data = self._edges.get((u, v, key))
        if data is None:
            self._edges.add((u, v, key), attrs)
        else:
            data.update(attrs)

    def flush(self) -> None:
        """Write every node and edge held in memory to the file, for reading."""
        self._nodes.flush()
        self._edges.flush()

    def number_of_nodes(self) -> int:
        return self._nodes.size

    def number_of_edges(self) -> int:
        return self._edges.size

    def degree(self, node: str) -> int:
        """Edges in and out of ``node`` (after ``flush``)."""
        query = "SELECT (SELECT count(*) FROM edges WHERE u = ?) + (SELECT count(*) FROM edges WHERE v = ?)"
        return self.db.execute(query, (node, node)).fetchone()[0]


class DiskPersons:
    """``(article id, name) → person node id`` as ``graph.person_node_ids`` gives it, worked out
    one name at a time from the contexts saved in the file (the mentions of one name are the
    only ones its keys depend on)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.article: str | None = None  # the article whose keys ``keys`` holds
        self.keys: dict[str, str] = {}

    def add_contexts(self, articles: Iterable[dict]) -> set[str]:
        """Save every article's ``graph.article_contexts``; return the organizations named."""
        org_names: set[str] = set()
        for article in articles:
            persons, orgs_named, named = article_contexts(article)
            org_names.update(orgs_named)
            self.db.executemany("INSERT INTO contexts VALUES (?, ?, ?)",
                                ((name, aid, org) for (aid, name), orgs in persons.items() for org in orgs or [None]))
            self.db.executemany("INSERT INTO named VALUES (?, ?)", ((article["id"], n) for n in named or ()))
        return org_names

    def key_persons(self, aliases: dict[str, str]) -> None:
        """Key every saved mention, organizations named as ``aliases`` say."""
        self.db.execute("CREATE INDEX contexts_name ON contexts (name)")
        self.db.execute("CREATE INDEX named_article ON named (article)")
        for _name, group in groupby(self.db.execute("SELECT name, article, org FROM contexts ORDER BY name"),
                                    key=lambda row: row[0]):
            contexts: dict[tuple[str, str], set[str]] = {}
            for name, aid, org in group:
                orgs = contexts.setdefault((aid, name), set())
                if org is not None:
                    orgs.add(aliases.get(org, org))
            named = {aid: self.named(aid, aliases) for aid, _name in contexts}
            ids = person_node_ids(contexts, named)
            self.db.executemany("INSERT INTO persons VALUES (?, ?, ?)", ((a, n, node) for (a, n), node in ids.items()))

    def named(self, aid: str, aliases: dict[str, str]) -> set[str]:
        rows = self.db.execute("SELECT name FROM named WHERE article = ?", (aid,))
        return {aliases.get(name, name) for (name,) in rows}

    def __getitem__(self, key: tuple[str, str]) -> str:
        """The node of ``(article id, name)``; an article's keys are read together, as
        ``add_articles`` asks for one article's at a time."""
        aid, name = key
        if aid != self.article:
            self.article = aid
            self.keys = dict(self.db.execute("SELECT name, node FROM persons WHERE article = ?", (aid,)))
        return self.keys[name]


def remove_stale_scratch(folder: Path) -> None:
    """Remove the scratch folders in ``folder`` left by processes that are gone (killed mid-build)."""
    for path in Path(folder).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = path.name.removeprefix(SCRATCH_PREFIX).split("-")[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def process_alive(pid: int) -> bool:
    """Whether a process with id ``pid`` runs (signal 0 tests without sending)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


@contextmanager
def graph_on_disk(read_articles: Callable[[], Iterable[dict]], folder: Path,
                  capacity: int = CACHE_SIZE) -> Iterator[DiskGraph]:
    """The knowledge graph of ``read_articles()`` (as ``graph.build_graph_streamed`` builds it),
    in a scratch file under ``folder`` that is removed when the block ends (or, if the process
    is killed, by the next build in that folder)."""
    remove_stale_scratch(folder)
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=folder) as scratch:
        db = sqlite3.connect(Path(scratch) / "graph.sqlite")
        try:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
            persons = DiskPersons(db)
            aliases = short_form_aliases(persons.add_contexts(read_articles()))
            persons.key_persons(aliases)
            G = DiskGraph(db, capacity)
            add_articles(G, read_articles(), aliases, persons)
            G.flush()
            yield G
        finally:
            db.close()
