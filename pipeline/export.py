"""Exports of the knowledge graph: GEXF (Gephi), GraphML, node-link JSON, Gephi CSV.

``write_exports`` writes them; each has a ``read_*`` that reads it back. The JSON is lossless
and doubles as the saved graph (``save_graph`` / ``load_graph``). GEXF, GraphML and CSV are
streams written together in one pass, each node and edge flattened once into typed scalars:
lists of scalars joined with ``|``, anything else as a JSON string, ``None`` dropped, and text
stripped of characters XML 1.0 cannot hold. The graph's edge ``type`` is exported as
``relation`` because GEXF and Gephi's CSV import reserve ``type`` for the edge direction.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, TextIO
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


def sorted_edges(G: nx.MultiDiGraph) -> Iterable[tuple]:
    """``(u, v, key, data)`` of every edge, in a stable order (a graph that keeps its edges in
    that order, ``DiskGraph``, streams them)."""
    edges = G.edges(keys=True, data=True)
    return edges if getattr(G, "edges_sorted", False) else sorted(edges, key=lambda e: tuple(map(str, e[:3])))


def article_dates(G: nx.MultiDiGraph) -> dict[str, str]:
    """Article id → its date, for the articles dated by day."""
    return {
        d["article_id"]: d["date"]
        for d in G.nodes.values()
        if d.get("type") == "Article" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d.get("date", "")))
    }


def first_date(article_ids: Iterable[str] | None, dates: dict[str, str]) -> str | None:
    """The earliest date of the dated ones of ``article_ids``."""
    return min((dates[a] for a in article_ids or [] if a in dates), default=None)


def node_dates(G: nx.MultiDiGraph, dates: dict[str, str]) -> dict[str, str]:
    """Earliest date of each dated article's node and of each node at an end of a dated edge."""
    nodes = {article_node(aid): date for aid, date in dates.items()}
    if dates:
        for u, v, ids in G.edges(data="article_ids"):
            if (date := first_date(ids, dates)):
                for n in (u, v):
                    nodes[n] = min(nodes.get(n, date), date)
    return nodes


def xml_type(types: set[type]) -> str:
    """GEXF (and GraphML) attribute type of an attribute whose values have ``types``."""
    if types == {bool}:
        return "boolean"
    if types <= {int}:
        return "long"
    return "double" if types <= {int, float} else "string"


def gexf_text(value: str | int | float | bool) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


class Kinds(NamedTuple):
    """Attribute keys and value types of the flat nodes and edges, found in a first cheap pass."""

    nodes: dict[str, set[type]]
    edges: dict[str, set[type]]


class GexfStream:
    """GEXF 1.3 for Gephi, one node and one edge at a time: typed attributes (GEXF declares
    them before the nodes), viz (color by type, size by degree) and the first-seen dates for
    Gephi's timeline. ``networkx.read_gexf`` reads it back."""

    names = ("graph.gexf",)
    newline = None

    def __init__(self, G: nx.MultiDiGraph, kinds: Kinds, outs: list[TextIO]) -> None:
        self.G, self.xml = G, XmlWriter(outs[0])
        self.dates = article_dates(G)
        self.node_dates = node_dates(G, self.dates)
        self.node_types = {k: xml_type(t) for k, t in sorted(kinds.nodes.items())}
        self.edge_types = {k: xml_type(t) for k, t in sorted(kinds.edges.items())}

    def begin(self) -> None:
        xml = self.xml
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

    def between(self) -> None:
        self.xml.endElement("nodes")
        self.xml.startElement("edges", {})

    def end(self) -> None:
        for name in ("edges", "graph", "gexf"):
            self.xml.endElement(name)
        self.xml.endDocument()

    def node(self, node: object, data: dict, node_id: str, attrs: dict) -> None:
        element = {"id": node_id, "label": str(attrs["label"])}
        if node in self.node_dates:
            element["start"] = self.node_dates[node]
        self.xml.startElement("node", element)
        self.attvalues({k: v for k, v in attrs.items() if k != "label"})
        r, g, b = COLORS.get(data.get("type"), (127, 127, 127))
        xml_leaf(self.xml, "viz:color", {"r": str(r), "g": str(g), "b": str(b), "a": "1.0"})
        xml_leaf(self.xml, "viz:size", {"value": str(5.0 + 5.0 * math.log1p(self.G.degree(node)))})
        self.xml.endElement("node")

    def edge(self, edge: tuple, u: str, v: str, attrs: dict) -> None:
        element = {"id": attrs["id"], "source": u, "target": v, "label": str(attrs["label"]), "weight": str(attrs["weight"])}
        if (date := first_date(edge[3].get("article_ids"), self.dates)):
            element["start"] = date
        self.xml.startElement("edge", element)
        self.attvalues({k: val for k, val in attrs.items() if k not in ("id", "label", "weight")})
        self.xml.endElement("edge")

    def attvalues(self, attrs: dict) -> None:
        if attrs:
            self.xml.startElement("attvalues", {})
            for key, value in attrs.items():
                xml_leaf(self.xml, "attvalue", {"for": key, "value": gexf_text(value)})
            self.xml.endElement("attvalues")


def xml_leaf(xml: XmlWriter, name: str, attrs: dict, text: str = "") -> None:
    """One element with attributes and optional text."""
    if text:
        xml.startElement(name, attrs)
        xml.characters(text)
        xml.endElement(name)
    else:
        xml.emptyElement(name, attrs)


def read_gexf(path: Path) -> nx.MultiDiGraph:
    """Read a GEXF file written by ``write_exports``."""
    return nx.read_gexf(path, version=GEXF_VERSION)


class GraphmlStream:
    """GraphML one node and one edge at a time (as ``GexfStream``), with typed keys;
    ``networkx.read_graphml`` reads it back."""

    names = ("graph.graphml",)
    newline = None

    def __init__(self, G: nx.MultiDiGraph, kinds: Kinds, outs: list[TextIO]) -> None:
        self.xml = XmlWriter(outs[0])
        self.keys = {
            kind: {name: (f"{kind[0]}{i}", xml_type(types)) for i, (name, types) in enumerate(sorted(found.items()))}
            for kind, found in (("node", kinds.nodes | {"label": {str}}),
                                ("edge", kinds.edges | {"label": {str}, "weight": {float}}))
        }

    def begin(self) -> None:
        self.xml.startDocument()
        self.xml.startElement("graphml", {"xmlns": GRAPHML_NS})
        for kind, keys in self.keys.items():
            for name, (key_id, kind_type) in keys.items():
                xml_leaf(self.xml, "key", {"id": key_id, "for": kind, "attr.name": name, "attr.type": kind_type})
        self.xml.startElement("graph", {"edgedefault": "directed"})

    def between(self) -> None:
        """Edges follow the nodes in the same element."""

    def end(self) -> None:
        self.xml.endElement("graph")
        self.xml.endElement("graphml")
        self.xml.endDocument()

    def node(self, node: object, data: dict, node_id: str, attrs: dict) -> None:
        self.element("node", {"id": node_id}, attrs, self.keys["node"])

    def edge(self, edge: tuple, u: str, v: str, attrs: dict) -> None:
        data = {k: val for k, val in attrs.items() if k != "id"}
        self.element("edge", {"id": attrs["id"], "source": u, "target": v}, data, self.keys["edge"])

    def element(self, name: str, element: dict, attrs: dict, keys: dict) -> None:
        self.xml.startElement(name, element)
        for attr, value in attrs.items():
            xml_leaf(self.xml, "data", {"key": keys[attr][0]}, gexf_text(value))
        self.xml.endElement(name)


def read_graphml(path: Path) -> nx.MultiDiGraph:
    """Read a GraphML file written by ``write_exports``."""
    return nx.read_graphml(path, edge_key_type=str, force_multigraph=True)


class CsvStream:
    """Gephi's spreadsheet files, ``nodes.csv`` and ``edges.csv`` (UTF-8, no BOM), row by row;
    co-mentions are undirected."""

    names = ("nodes.csv", "edges.csv")
    newline = ""

    def __init__(self, G: nx.MultiDiGraph, kinds: Kinds, outs: list[TextIO]) -> None:
        self.nodes = csv.DictWriter(outs[0], fieldnames=columns(NODE_COLUMNS, kinds.nodes))
        self.edges = csv.DictWriter(outs[1], fieldnames=columns(EDGE_COLUMNS, kinds.edges))

    def begin(self) -> None:
        self.nodes.writeheader()
        self.edges.writeheader()

    def between(self) -> None:
        """Nodes and edges go to their own files."""

    def end(self) -> None:
        """Nothing to close: the rows are written."""

    def node(self, node: object, data: dict, node_id: str, attrs: dict) -> None:
        self.nodes.writerow({"Id": node_id, "Label": attrs["label"], **{k: v for k, v in attrs.items() if k != "label"}})

    def edge(self, edge: tuple, u: str, v: str, attrs: dict) -> None:
        self.edges.writerow({
            "Source": u, "Target": v, "Id": attrs["id"], "Label": attrs["label"], "Weight": attrs["weight"],
            "Type": "Undirected" if attrs.get("relation") in UNDIRECTED else "Directed",
            **{k: val for k, val in attrs.items() if k not in ("id", "label", "weight")},
        })


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


def temporary(path: Path) -> Path:
    """The file a write goes to before it is moved to ``path``."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(path)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


@contextmanager
def replaced_together(paths: list[Path], newlines: list[str | None]) -> Iterator[list[TextIO]]:
    """Temporary files beside ``paths``, moved into place together when the block ends
    without an error, else removed (a failed write keeps the previous files)."""
    tmps = [temporary(path) for path in paths]
    try:
        with ExitStack() as stack:
            yield [stack.enter_context(tmp.open("w", encoding="utf-8", newline=newline))
                   for tmp, newline in zip(tmps, newlines)]
        for tmp, path in zip(tmps, paths):
            os.replace(tmp, path)
    except BaseException:
        for tmp in tmps:
            tmp.unlink(missing_ok=True)
        raise


STREAMS = {"gexf": GexfStream, "graphml": GraphmlStream, "csv": CsvStream}


def write_streams(G: nx.MultiDiGraph, out_dir: Path, formats: list[str]) -> dict[str, list[Path]]:
    """The GEXF, GraphML and CSV ``formats`` in one pass over the graph: each node, and each
    edge in a stable order, is flattened once for all of them."""
    kinds = Kinds(node_kinds(G), edge_kinds(G))
    paths = {fmt: [out_dir / name for name in STREAMS[fmt].names] for fmt in formats}
    newlines = [STREAMS[fmt].newline for fmt in formats for _ in paths[fmt]]
    with replaced_together([p for fmt in formats for p in paths[fmt]], newlines) as outs:
        files = iter(outs)
        streams = [STREAMS[fmt](G, kinds, [next(files) for _ in paths[fmt]]) for fmt in formats]
        for stream in streams:
            stream.begin()
        for node, data in G.nodes(data=True):
            node_id, attrs = flat_node(node, data)
            for stream in streams:
                stream.node(node, data, node_id, attrs)
        for stream in streams:
            stream.between()
        for edge in sorted_edges(G):
            u, v, _key, attrs = flat_edge(*edge)
            for stream in streams:
                stream.edge(edge, u, v, attrs)
        for stream in streams:
            stream.end()
    return paths


def write_exports(
    G: nx.MultiDiGraph, out_dir: Path, formats: Iterable[str] = FORMATS
) -> dict[str, list[Path]]:
    """Write ``G`` into ``out_dir`` in each of ``formats``; return the files per format."""
    out_dir, formats = Path(out_dir), tuple(dict.fromkeys(formats))  # each once, in the order given
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export formats {sorted(unknown)}; choose from {FORMATS}")
    out_dir.mkdir(parents=True, exist_ok=True)
    streamed = [fmt for fmt in formats if fmt in STREAMS]
    written = write_streams(G, out_dir, streamed) if streamed else {}
    if "json" in formats:
        written["json"] = [write_json(G, out_dir / "graph.json")]
    return {fmt: written[fmt] for fmt in formats}
