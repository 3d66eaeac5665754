"""Exports of the knowledge graph: GEXF (Gephi), GraphML, node-link JSON, Gephi CSV.

Each format has a ``write_*`` / ``read_*`` pair. The JSON pair is lossless and doubles as
the saved graph (``save_graph`` / ``load_graph``); the other writers translate the graph's
lists and dicts into typed scalars: lists of scalars joined with ``|``, anything else as a
JSON string, ``None`` dropped, and text stripped of characters XML 1.0 cannot hold. The
graph's edge ``type`` is exported as ``relation`` because GEXF and Gephi's CSV import
reserve ``type`` for the edge direction.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from pipeline.graph import article_node

FORMATS = ("gexf", "graphml", "json", "csv")
GEXF_VERSION = "1.3"  # networkx 3.6 writes and reads GEXF 1.3
COLORS = {
    "Person": (228, 87, 46),
    "Organization": (41, 128, 185),
    "Place": (39, 174, 96),
    "Article": (149, 165, 166),
    "Topic": (243, 156, 18),
}
UNDIRECTED = {"CO_MENTIONED"}
NODE_COLUMNS = ("Id", "Label", "type")
EDGE_COLUMNS = (
    "Source", "Target", "Type", "Id", "Label", "Weight", "relation", "title", "article_ids",
)
EDGE_RESERVED = ("type", "label", "weight", "id")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without control characters, lone surrogates and non-characters."""
    return _NOT_XML.sub("", text)


def scalar(value: object) -> str | int | float | bool | None:
    """A typed scalar for ``value``: lists of scalars joined with ``|``, else JSON text."""
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        if all(isinstance(i, (str, int, float)) for i in items):
            return xml_safe("|".join(str(i) for i in items))
    return xml_safe(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


def node_label(data: dict, node: str) -> str:
    """Display label: name, topic label, headline or the node id."""
    return data.get("name") or data.get("label") or data.get("headline") or node


def edge_weight(data: dict) -> float:
    """Edge weight: co-mention weight, mention count, topic score, else article count."""
    for key in ("weight", "count", "score"):
        if data.get(key) is not None:
            return float(data[key])
    return float(len(data.get("article_ids", [])) or 1)


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Copy of ``G`` with XML-safe ids, scalar attributes, labels, weights and edge ids."""
    H = nx.MultiDiGraph(name=xml_safe(str(G.graph.get("name", ""))))
    for node, data in G.nodes(data=True):
        attrs = {k: scalar(v) for k, v in data.items() if k not in ("label", "id")}
        attrs["label"] = scalar(node_label(data, node))
        H.add_node(xml_safe(str(node)), **{k: v for k, v in attrs.items() if v is not None})
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: tuple(map(str, e[:3])))
    for u, v, key, data in edges:
        u, v, key = (xml_safe(str(x)) for x in (u, v, key))
        attrs = {k: scalar(val) for k, val in data.items() if k not in EDGE_RESERVED}
        attrs.update(
            relation=scalar(data.get("type")),
            label=scalar(data.get("title") or data.get("type") or key),
            weight=edge_weight(data),
            id=f"{u}|{v}|{key}",
        )
        H.add_edge(u, v, key=key, **{k: val for k, val in attrs.items() if val is not None})
    return H


def first_dates(G: nx.MultiDiGraph) -> tuple[dict[str, str], dict[tuple, str]]:
    """Earliest article date of each node and edge (articles by their own date)."""
    article_dates = {
        d["article_id"]: d["date"]
        for d in G.nodes.values()
        if d.get("type") == "Article" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d.get("date", "")))
    }
    edges: dict[tuple, str] = {}
    nodes = {article_node(aid): date for aid, date in article_dates.items()}
    for u, v, key, ids in G.edges(keys=True, data="article_ids"):
        dates = [article_dates[a] for a in ids or [] if a in article_dates]
        if dates:
            edges[u, v, key] = min(dates)
            for n in (u, v):
                nodes[n] = min(nodes.get(n, edges[u, v, key]), edges[u, v, key])
    return nodes, edges


def gexf_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Flat graph plus Gephi's viz (color by type, size by degree) and timeline starts."""
    H = flat_graph(G)
    node_dates, edge_dates = first_dates(G)
    for node, data in G.nodes(data=True):
        r, g, b = COLORS.get(data.get("type"), (127, 127, 127))
        color = {"r": r, "g": g, "b": b, "a": 1.0}
        size = 5.0 + 5.0 * math.log1p(G.degree(node))
        H.nodes[xml_safe(str(node))]["viz"] = {"color": color, "size": size}
        if node in node_dates:
            H.nodes[xml_safe(str(node))]["start"] = node_dates[node]
    for (u, v, key), date in edge_dates.items():
        H.edges[xml_safe(str(u)), xml_safe(str(v)), xml_safe(str(key))]["start"] = date
    return H


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_gexf(G: nx.MultiDiGraph, path: Path) -> Path:
    """Write GEXF for Gephi: typed attributes, viz, first-seen dates for the timeline."""
    return atomic_write(Path(path), lambda p: nx.write_gexf(gexf_graph(G), p, version=GEXF_VERSION))


def read_gexf(path: Path) -> nx.MultiDiGraph:
    """Read a GEXF file written by ``write_gexf``."""
    return nx.read_gexf(path, version=GEXF_VERSION)


def write_graphml(G: nx.MultiDiGraph, path: Path) -> Path:
    """Write GraphML with typed scalar attributes."""
    return atomic_write(
        Path(path), lambda p: nx.write_graphml(flat_graph(G), p, edge_id_from_attribute="id")
    )


def read_graphml(path: Path) -> nx.MultiDiGraph:
    """Read a GraphML file written by ``write_graphml``."""
    return nx.read_graphml(path, edge_key_type=str, force_multigraph=True)


def write_json(G: nx.MultiDiGraph, path: Path) -> Path:
    """Write the graph losslessly as node-link JSON (UTF-8)."""
    text = json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False, indent=1)
    # lone surrogates (only possible inside JSON strings) become \udXXXX escapes: same string
    data = text.encode("utf-8", "backslashreplace")
    return atomic_write(Path(path), lambda p: p.write_bytes(data))


def read_json(path: Path) -> nx.MultiDiGraph:
    """Read a graph written by ``write_json``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


save_graph = write_json  # the saved graph that ``zhkg export`` re-exports from
load_graph = read_json


def csv_rows(columns: Iterable[str], rows: Iterable[dict]) -> Callable[[Path], None]:
    """A writer of ``rows`` as UTF-8 CSV (no BOM) with ``columns`` in that order."""
    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(columns))
            writer.writeheader()
            writer.writerows(rows)
    return write


def write_csv(G: nx.MultiDiGraph, out_dir: Path) -> list[Path]:
    """Write Gephi spreadsheet files ``nodes.csv`` and ``edges.csv`` into ``out_dir``."""
    H = flat_graph(G)
    nodes = [
        {"Id": n, "Label": d["label"], **{k: v for k, v in d.items() if k != "label"}}
        for n, d in H.nodes(data=True)
    ]
    edges = [
        {
            "Source": u, "Target": v, "Id": d["id"], "Label": d["label"], "Weight": d["weight"],
            "Type": "Undirected" if d.get("relation") in UNDIRECTED else "Directed",
            **{k: val for k, val in d.items() if k not in ("id", "label", "weight")},
        }
        for u, v, d in H.edges(data=True)
    ]
    out_dir = Path(out_dir)
    return [
        atomic_write(out_dir / "nodes.csv", csv_rows(columns(NODE_COLUMNS, nodes), nodes)),
        atomic_write(out_dir / "edges.csv", csv_rows(columns(EDGE_COLUMNS, edges), edges)),
    ]


def columns(first: tuple[str, ...], rows: list[dict]) -> list[str]:
    """``first`` then every other key of ``rows``, sorted."""
    return list(first) + sorted({k for row in rows for k in row} - set(first))


def read_csv(out_dir: Path) -> nx.MultiDiGraph:
    """Read ``nodes.csv`` and ``edges.csv`` back (all attribute values as text)."""
    G = nx.MultiDiGraph()
    with (Path(out_dir) / "nodes.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            G.add_node(row.pop("Id"), **{k: v for k, v in row.items() if v != ""})
    with (Path(out_dir) / "edges.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            u, v, key = row.pop("Source"), row.pop("Target"), row.pop("Id")
            G.add_edge(u, v, key=key, **{k: val for k, val in row.items() if val != ""})
    return G


WRITERS: dict[str, tuple[str, Callable]] = {
    "gexf": ("graph.gexf", write_gexf),
    "graphml": ("graph.graphml", write_graphml),
    "json": ("graph.json", write_json),
}


def write_exports(
    G: nx.MultiDiGraph, out_dir: Path, formats: Iterable[str] = FORMATS
) -> dict[str, list[Path]]:
    """Write ``G`` into ``out_dir`` in each of ``formats``; return the files per format."""
    out_dir, formats = Path(out_dir), tuple(formats)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export formats {sorted(unknown)}; choose from {FORMATS}")
    written: dict[str, list[Path]] = {}
    for fmt in formats:
        if fmt == "csv":
            written[fmt] = write_csv(G, out_dir)
        else:
            name, write = WRITERS[fmt]
            written[fmt] = [write(G, out_dir / name)]
    return written
