"""The graph built on disk: the same graph and export files as the one built in memory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from test_export import articles as hostile_articles
from test_graph import ent, org, rel, seed_articles

from pipeline.diskgraph import SCHEMA, SCRATCH_PREFIX, DiskGraph, graph_on_disk
from pipeline.export import FORMATS, load_graph, write_exports
from pipeline.graph import build_graph


def persons_across_pages() -> list[dict]:
    """A caption naming the person of its page's story; a body written short, then in full."""
    story, caption = "江苏省常务副省长樊金龙来昌考察。", "图为樊金龙一行考察。"
    short, full = "州人社局局长于峰山出席会议。", "昌吉州人力资源和社会保障局局长于峰山主持会议。"
    return [
        {"id": "p#1", "text": story, "entities": [ent(story, "樊金龙", "PERSON")],
         "relations": [rel(story, story, "樊金龙", "常务副省长", "江苏省人民政府", "江苏省人民政府")],
         "organizations": [org("江苏省人民政府", ["江苏省人民政府"], "government")]},
        {"id": "p#2", "text": caption, "entities": [ent(caption, "樊金龙", "PERSON")], "relations": [],
         "organizations": []},
        {"id": "s#1", "text": short, "entities": [ent(short, "于峰山", "PERSON")],
         "relations": [rel(short, short, "于峰山", "局长", "昌吉州人社局", "州人社局")],
         "organizations": [org("昌吉州人社局", ["州人社局"], "government", where="昌吉州", code="652300")]},
        {"id": "s#2", "text": full, "entities": [ent(full, "于峰山", "PERSON")],
         "relations": [rel(full, full, "于峰山", "局长", "昌吉州人力资源和社会保障局", "昌吉州人力资源和社会保障局")],
         "organizations": [org("昌吉州人力资源和社会保障局", ["昌吉州人力资源和社会保障局"], "government")]},
    ]


def exports_of(G, out: Path) -> dict[str, bytes]:
    written = write_exports(G, out)
    return {path.name: path.read_bytes() for fmt in FORMATS if fmt != "json" for path in written[fmt]}


@pytest.mark.parametrize("capacity", [1, 3, 1000])
@pytest.mark.parametrize("make_articles", [seed_articles, hostile_articles, persons_across_pages])
def test_the_graph_built_on_disk_exports_the_files_of_the_graph_built_in_memory(make_articles, capacity, tmp_path):
    records = sorted(make_articles(), key=lambda a: a["id"])
    G = build_graph(records)
    with graph_on_disk(lambda: iter(records), tmp_path, capacity) as disk:
        assert (disk.number_of_nodes(), disk.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
        on_disk = exports_of(disk, tmp_path / "disk")
    assert on_disk == exports_of(G, tmp_path / "memory")  # GEXF, GraphML and CSV byte for byte
    assert nx.utils.graphs_equal(load_graph(tmp_path / "disk" / "graph.json"), G)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["disk", "memory"]  # the scratch file is gone


def test_a_spilled_entry_keeps_the_changes_made_after_it_is_read_back(tmp_path):
    db = sqlite3.connect(tmp_path / "g.sqlite")
    db.executescript(SCHEMA)
    G = DiskGraph(db, capacity=1)
    G.add_node("a", written_forms=["甲"])
    G.add_edge("a", "b", key="K", article_ids=["1"])  # adds b, which pushes a out of memory, then the edge
    G.nodes["a"]["written_forms"].append("乙")  # a read back from the file, changed in memory
    G.edges["a", "b", "K"]["article_ids"].append("2")
    G.add_node("c")
    G.add_edge("c", "a", key="K")
    G.flush()
    assert list(G.nodes(data=True)) == [("a", {"written_forms": ["甲", "乙"]}), ("b", {}), ("c", {})]
    assert list(G.edges(keys=True, data="article_ids")) == [("a", "b", "K", ["1", "2"]), ("c", "a", "K", None)]
    assert (G.degree("a"), G.degree("b"), G.number_of_edges()) == (2, 1, 2)
    with pytest.raises(KeyError):
        G.nodes["d"]


def test_a_scratch_folder_left_by_a_killed_build_is_removed_by_the_next(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f"{SCRATCH_PREFIX}{dead.stdout.strip()}-abc"
    left.mkdir()
    (left / "graph.sqlite").write_bytes(b"x" * 100)
    mine = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-def"  # a build still running in this process
    mine.mkdir()
    with graph_on_disk(lambda: iter(seed_articles()), tmp_path) as G:
        assert G.number_of_nodes() > 0
    assert [p.name for p in tmp_path.iterdir()] == [mine.name]
