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
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from pipeline import __version__
from pipeline.graph import article_node

FORMATS = ("gexf", "graphml", "json", "csv")
GEXF_VERSION = "1.3"  # networkx 3.6 reads GEXF 1.3
GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
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


_XML_SPECIAL = re.compile("[&<>\"'\n\r\t]")


class XmlWriter:
    """The part of ``xml.sax.saxutils.XMLGenerator`` the writers use, with its output (UTF-8,
    short empty elements) at a fraction of its cost: text without markup characters, most of
    it, is written as it is, the rest escaped and quoted by saxutils as XMLGenerator does."""

    def __init__(self, out: TextIO) -> None:
        self.write = out.write
        self.pending = False  # a start tag not yet closed: it ends as "/>" if the element stays empty

    def startDocument(self) -> None:
        self.write('<?xml version="1.0" encoding="utf-8"?>\n')

    def endDocument(self) -> None:
        """Nothing to flush: every call writes to the file."""

    def startElement(self, name: str, attrs: dict[str, str]) -> None:
        self.close_start_tag()
        self.write(f"<{name}" + "".join(f" {key}={self.quoted(value)}" for key, value in attrs.items()))
        self.pending = True

    def endElement(self, name: str) -> None:
        self.write("/>" if self.pending else f"</{name}>")
        self.pending = False

    def emptyElement(self, name: str, attrs: dict[str, str]) -> None:
        """``startElement`` and ``endElement`` in one write."""
        self.close_start_tag()
        self.write(f"<{name}" + "".join(f" {key}={self.quoted(value)}" for key, value in attrs.items()) + "/>")

    def characters(self, content: str) -> None:
        if content:
            self.close_start_tag()
            self.write(escape(content) if _XML_SPECIAL.search(content) else content)

    def close_start_tag(self) -> None:
        if self.pending:
            self.write(">")
            self.pending = False

    @staticmethod
    def quoted(value: str) -> str:
        return quoteattr(value) if _XML_SPECIAL.search(value) else f'"{value}"'


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


def scalar_type(value: object) -> type | None:
    """The type of ``scalar(value)``, without building it."""
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()
    if value is None or isinstance(value, (bool, int, float)):
        return None if value is None else type(value)
    return str


def attribute_kinds(items: Iterable[dict], skip: Iterable[str] = ()) -> dict[str, set[type]]:
    """Every key of ``items`` but ``skip`` with the scalar types of its values (None left out)."""
    skip, seen = set(skip), {}
    for data in items:
        for key, value in data.items():
            if key not in skip and (kind := scalar_type(value)) is not None:
                seen.setdefault(key, set()).add(kind)
    return seen


def node_kinds(G: nx.MultiDiGraph) -> dict[str, set[type]]:
    """Attribute keys and types of the flat nodes (``flat_node``), in one cheap pass."""
    return attribute_kinds((data for _n, data in G.nodes(data=True)), ("label", "id"))


def edge_kinds(G: nx.MultiDiGraph) -> dict[str, set[type]]:
    """Attribute keys and types of the flat edges (``flat_edge``) but its element attributes
    (label, weight, id), in one cheap pass."""
    return attribute_kinds(({"relation": data.get("type"), **data} for *_e, data in G.edges(keys=True, data=True)),
                           EDGE_RESERVED)


def node_label(data: dict, node: str) -> str:
    """Display label: name, topic label, headline or the node id."""
    return data.get("name") or data.get("label") or data.get("headline") or node


def edge_weight(data: dict) -> float:
    """Edge weight: co-mention weight, mention count, topic score, else article count."""
    for key in ("weight", "count", "score"):
        if data.get(key) is not None:
            return float(data[key])
    return float(len(data.get("article_ids", [])) or 1)


def flat_node(node: object, data: dict) -> tuple[str, dict]:
    """XML-safe id and scalar attributes, with a display ``label``, of one node."""
    attrs = {k: scalar(v) for k, v in data.items() if k not in ("label", "id")}
    attrs["label"] = scalar(node_label(data, node))
    return xml_safe(str(node)), {k: v for k, v in attrs.items() if v is not None}


def flat_edge(u: object, v: object, key: object, data: dict) -> tuple[str, str, str, dict]:
    """XML-safe ends and key of one edge, its scalar attributes plus relation, label, weight, id."""
    u, v, key = (xml_safe(str(x)) for x in (u, v, key))
    attrs = {k: scalar(val) for k, val in data.items() if k not in EDGE_RESERVED}
    attrs.update(
        relation=scalar(data.get("type")),
        label=scalar(data.get("title") or data.get("type") or key),
        weight=edge_weight(data),
        id=f"{u}|{v}|{key}",
    )
    return u, v, key, {k: val for k, val in attrs.items() if val is not None}


def sorted_edges(G: nx.MultiDiGraph) -> list[tuple]:
    """``(u, v, key, data)`` of every edge, in a stable order."""
    return sorted(G.edges(keys=True, data=True), key=lambda e: tuple(map(str, e[:3])))


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


def xml_type(types: set[type]) -> str:
    """GEXF (and GraphML) attribute type of an attribute whose values have ``types``."""
    if types == {bool}:
        return "boolean"
    if types <= {int}:
        return "long"
    return "double" if types <= {int, float} else "string"


def gexf_text(value: str | int | float | bool) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


class GexfStream:
    """Writes GEXF 1.3 for Gephi one node and one edge at a time, so memory stays flat
    however large the graph: typed attributes, viz (color by type, size by degree) and the
    first-seen dates for Gephi's timeline. GEXF declares the attribute types before the
    nodes, so a first cheap pass over the raw attributes finds them. ``networkx.read_gexf``
    reads the file back."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.node_dates, self.edge_dates = first_dates(G)
        self.node_types = {k: xml_type(t) for k, t in sorted(node_kinds(G).items())}
        self.edge_types = {k: xml_type(t) for k, t in sorted(edge_kinds(G).items())}

    def write(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as out:
            xml = XmlWriter(out)
            xml.startDocument()
            xml.startElement("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "version": GEXF_VERSION})
            xml.startElement("meta", {"lastmodifieddate": time.strftime("%Y-%m-%d")})
            xml_leaf(xml, "creator", {}, f"zhkg {__version__}")
            xml.endElement("meta")
            dynamic = {"mode": "dynamic", "timeformat": "date"} if self.node_dates else {"mode": "static"}
            xml.startElement("graph", {"defaultedgetype": "directed", **dynamic})
            for kind, types in (("node", self.node_types), ("edge", self.edge_types)):
                xml.startElement("attributes", {"class": kind, "mode": "static"})
                for key, gexf in types.items():
                    xml_leaf(xml, "attribute", {"id": key, "title": key, "type": gexf})
                xml.endElement("attributes")
            xml.startElement("nodes", {})
            for node, data in self.G.nodes(data=True):
                self.node(xml, node, data)
            xml.endElement("nodes")
            xml.startElement("edges", {})
            for edge in sorted_edges(self.G):
                self.edge(xml, edge)
            xml.endElement("edges")
            xml.endElement("graph")
            xml.endElement("gexf")
            xml.endDocument()

    def node(self, xml: XmlWriter, node: object, data: dict) -> None:
        node_id, attrs = flat_node(node, data)
        element = {"id": node_id, "label": str(attrs.pop("label"))}
        if node in self.node_dates:
            element["start"] = self.node_dates[node]
        xml.startElement("node", element)
        self.attvalues(xml, attrs)
        r, g, b = COLORS.get(data.get("type"), (127, 127, 127))
        xml_leaf(xml, "viz:color", {"r": str(r), "g": str(g), "b": str(b), "a": "1.0"})
        xml_leaf(xml, "viz:size", {"value": str(5.0 + 5.0 * math.log1p(self.G.degree(node)))})
        xml.endElement("node")

    def edge(self, xml: XmlWriter, edge: tuple) -> None:
        u, v, key, attrs = flat_edge(*edge)
        element = {"id": attrs.pop("id"), "source": u, "target": v,
                   "label": str(attrs.pop("label")), "weight": str(attrs.pop("weight"))}
        if edge[:3] in self.edge_dates:
            element["start"] = self.edge_dates[edge[:3]]
        xml.startElement("edge", element)
        self.attvalues(xml, attrs)
        xml.endElement("edge")

    @staticmethod
    def attvalues(xml: XmlWriter, attrs: dict) -> None:
        if attrs:
            xml.startElement("attvalues", {})
            for key, value in attrs.items():
                xml_leaf(xml, "attvalue", {"for": key, "value": gexf_text(value)})
            xml.endElement("attvalues")


def xml_leaf(xml: XmlWriter, name: str, attrs: dict, text: str = "") -> None:
    """One element with attributes and optional text."""
    if text:
        xml.startElement(name, attrs)
        xml.characters(text)
        xml.endElement(name)
    else:
        xml.emptyElement(name, attrs)


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
    return atomic_write(Path(path), GexfStream(G).write)


def read_gexf(path: Path) -> nx.MultiDiGraph:
    """Read a GEXF file written by ``write_gexf``."""
    return nx.read_gexf(path, version=GEXF_VERSION)


class GraphmlStream:
    """Writes GraphML one node and one edge at a time (as ``GexfStream``), with typed keys
    declared from a first cheap pass; ``networkx.read_graphml`` reads it back."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.keys = {
            kind: {name: (f"{kind[0]}{i}", xml_type(types)) for i, (name, types) in enumerate(sorted(kinds.items()))}
            for kind, kinds in (("node", node_kinds(G) | {"label": {str}}),
                                ("edge", edge_kinds(G) | {"label": {str}, "weight": {float}}))
        }

    def write(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as out:
            xml = XmlWriter(out)
            xml.startDocument()
            xml.startElement("graphml", {"xmlns": GRAPHML_NS})
            for kind, keys in self.keys.items():
                for name, (key_id, kind_type) in keys.items():
                    xml_leaf(xml, "key", {"id": key_id, "for": kind, "attr.name": name, "attr.type": kind_type})
            xml.startElement("graph", {"edgedefault": "directed"})
            for node, data in self.G.nodes(data=True):
                node_id, attrs = flat_node(node, data)
                self.element(xml, "node", {"id": node_id}, attrs, self.keys["node"])
            for edge in sorted_edges(self.G):
                u, v, _key, attrs = flat_edge(*edge)
                self.element(xml, "edge", {"id": attrs.pop("id"), "source": u, "target": v}, attrs, self.keys["edge"])
            xml.endElement("graph")
            xml.endElement("graphml")
            xml.endDocument()

    @staticmethod
    def element(xml: XmlWriter, name: str, element: dict, attrs: dict, keys: dict) -> None:
        xml.startElement(name, element)
        for attr, value in attrs.items():
            xml_leaf(xml, "data", {"key": keys[attr][0]}, gexf_text(value))
        xml.endElement(name)


def write_graphml(G: nx.MultiDiGraph, path: Path) -> Path:
    """Write GraphML with typed scalar attributes, streamed."""
    return atomic_write(Path(path), GraphmlStream(G).write)


def read_graphml(path: Path) -> nx.MultiDiGraph:
    """Read a GraphML file written by ``write_graphml``."""
    return nx.read_graphml(path, edge_key_type=str, force_multigraph=True)


def write_json(G: nx.MultiDiGraph, path: Path) -> Path:
    """Write the graph losslessly as node-link JSON (UTF-8, ``networkx.node_link_data``'s
    layout), one node and one edge at a time, so no copy of the graph is made."""
    def items(head: str, rows: Iterator[dict], out) -> None:
        out.write(f', "{head}": [')
        for number, row in enumerate(rows):
            out.write((", " if number else "") + json.dumps(row, ensure_ascii=False))
        out.write("]")

    def write(p: Path) -> None:
        # lone surrogates (only possible inside JSON strings) become \udXXXX escapes: same string
        with p.open("w", encoding="utf-8", errors="backslashreplace") as out:
            out.write('{"directed": true, "multigraph": true, "graph": ' + json.dumps(G.graph, ensure_ascii=False))
            items("nodes", ({**data, "id": node} for node, data in G.nodes(data=True)), out)
            items("edges", ({**data, "source": u, "target": v, "key": key}
                            for u, v, key, data in G.edges(keys=True, data=True)), out)
            out.write("}")
    return atomic_write(Path(path), write)


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


def csv_node(node: object, data: dict) -> dict:
    """One row of ``nodes.csv``."""
    node_id, attrs = flat_node(node, data)
    return {"Id": node_id, "Label": attrs.pop("label"), **attrs}


def csv_edge(edge: tuple) -> dict:
    """One row of ``edges.csv``; co-mentions are undirected."""
    u, v, _key, attrs = flat_edge(*edge)
    return {
        "Source": u, "Target": v, "Id": attrs.pop("id"), "Label": attrs.pop("label"), "Weight": attrs.pop("weight"),
        "Type": "Undirected" if attrs.get("relation") in UNDIRECTED else "Directed", **attrs,
    }


def write_csv(G: nx.MultiDiGraph, out_dir: Path) -> list[Path]:
    """Write Gephi spreadsheet files ``nodes.csv`` and ``edges.csv`` into ``out_dir``, row by row."""
    def nodes() -> Iterator[dict]:
        return (csv_node(node, data) for node, data in G.nodes(data=True))

    def edges() -> Iterator[dict]:
        return (csv_edge(edge) for edge in sorted_edges(G))

    out_dir = Path(out_dir)
    return [
        atomic_write(out_dir / "nodes.csv", csv_rows(columns(NODE_COLUMNS, node_kinds(G)), nodes())),
        atomic_write(out_dir / "edges.csv", csv_rows(columns(EDGE_COLUMNS, edge_kinds(G)), edges())),
    ]


def columns(first: tuple[str, ...], keys: Iterable[str]) -> list[str]:
    """``first`` then every other of ``keys``, sorted."""
    return list(first) + sorted(set(keys) - set(first))


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
