"""Exports: round trips through each reader, typed attributes, XML safety, GEXF schema."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from pipeline import export
from pipeline.corpora import shared_dir
from pipeline.export import FORMATS, GEXF_VERSION, scalar, write_exports, xml_safe
from pipeline.graph import build_graph

HOSTILE_ORG = 'A&B<贸易>"公司\x00\x01'
HOSTILE_PERSON = "王\x0b五"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def record(aid: str, text: str, date, headline: str, org: str, person: str, title: str, topic: str) -> dict:
    start = text.index(person)
    return {
        "id": aid, "source": f"seeds/{aid}.txt", "headline": headline, "byline": None, "date": date,
        "kind": "news", "text": text, "topics": [{"label": topic, "score": 0.5}],
        "entities": [
            {"start": text.index(org), "end": text.index(org) + len(org), "label": "ORG", "text": org},
            {"start": start, "end": start + len(person), "label": "PERSON", "text": person, "role": "official"},
        ],
        "places": [{"start": text.index("昌吉州"), "end": text.index("昌吉州") + 3, "text": "昌吉州", "code": "652300"}],
        "organizations": [{"name": org, "written": [org], "type": "company", "parent": None,
                           "place": "昌吉州", "place_code": "652300"}],
        "relations": [{
            "person": person, "person_role": "official", "title": title, "title_norm": title, "org": org,
            "org_as_written": org, "former": False, "start": start - len(title), "end": start + len(person),
            "evidence": text, "evidence_start": 0, "evidence_end": len(text), "confidence": 0.8,
        }],
    }


def articles() -> list[dict]:
    """One ordinary article and one full of characters XML cannot or must escape."""
    plain = "记者刘茜报道：昌吉州民政局党组成员、副局长朴世峰和王刚说。"
    hostile = f"昌吉州{HOSTILE_ORG}总经理{HOSTILE_PERSON}说：<“1 & 2”>\x7f。"
    first = record("a#1", plain, "2024-03-14", "民生<清单>", "昌吉州民政局", "朴世峰", "副局长", "民生社会")
    first["entities"].append({"start": 2, "end": 4, "label": "PERSON", "text": "刘茜", "role": "journalist"})
    first["entities"].append({"start": plain.index("王刚"), "end": plain.index("王刚") + 2, "label": "PERSON",
                              "text": "王刚", "role": "other"})
    return [
        first,
        record("a#2", hostile, None, 'x<&>"\x00\ud800y', HOSTILE_ORG, HOSTILE_PERSON, "总经理", "金融&<税>"),
    ]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph(articles())


@pytest.fixture(scope="module")
def exported(graph, tmp_path_factory) -> dict[str, list[Path]]:
    return write_exports(graph, tmp_path_factory.mktemp("out"))


READERS = {
    "gexf": lambda files: export.read_gexf(files[0]),
    "graphml": lambda files: export.read_graphml(files[0]),
    "json": lambda files: export.read_json(files[0]),
    "csv": lambda files: export.read_csv(files[0].parent),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_back_with_same_nodes_and_edges(graph, exported, fmt):
    back = READERS[fmt](exported[fmt])
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    expected = set(graph) if fmt == "json" else {xml_safe(n) for n in graph}
    assert set(back) == expected


def test_saved_graph_is_lossless(graph, tmp_path):
    path = export.save_graph(graph, tmp_path / "graph.json")
    assert nx.utils.graphs_equal(export.load_graph(path), graph)
    assert HOSTILE_PERSON in export.load_graph(path).nodes[f"person:{HOSTILE_PERSON}@{HOSTILE_ORG}"]["name"]


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv"])
def test_typed_exports_hold_no_control_characters(exported, fmt):
    for path in exported[fmt]:
        text = path.read_text(encoding="utf-8")
        assert not CONTROL.search(text), path.name
        assert not text.startswith("\ufeff")


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_xml_exports_are_well_formed_and_keep_escaped_text(exported, fmt):
    ET.parse(exported[fmt][0])
    back = READERS[fmt](exported[fmt])
    names = {d.get("name") for d in back.nodes.values()}
    assert {"A&B<贸易>\"公司", "王五"} <= names


def test_gexf_attributes_are_typed_scalars(exported):
    back = export.read_gexf(exported["gexf"][0])
    for data in [*back.nodes.values(), *(d for *_, d in back.edges(data=True))]:
        assert all(isinstance(v, (str, int, float, bool)) for k, v in data.items() if k != "viz"), data
    post = next(d for *_, d in back.edges(data=True) if d["relation"] == "HOLDS_POST" and d["title"] == "副局长")
    assert (post["label"], post["former"], post["confidence"]) == ("副局长", False, 0.8)
    assert post["article_ids"] == "a#1" and post["start"] == "2024-03-14"
    about = next(d for *_, d in back.edges(data=True) if d["relation"] == "ABOUT")
    assert about["label"] == "ABOUT" and about["weight"] == 0.5
    assert back.nodes["org:昌吉州民政局"]["written_forms"] == "昌吉州民政局"
    assert back.nodes["article:a#1"]["start"] == "2024-03-14"
    assert "start" not in back.nodes["article:a#2"]


def test_graphml_attributes_are_typed_scalars(exported):
    back = export.read_graphml(exported["graphml"][0])
    post = next(d for *_, d in back.edges(data=True) if d["relation"] == "HOLDS_POST" and d["title"] == "副局长")
    assert (post["label"], post["former"], post["confidence"], post["article_ids"]) == ("副局长", False, 0.8, "a#1")
    about = next(d for *_, d in back.edges(data=True) if d["relation"] == "ABOUT")
    assert about["weight"] == 0.5
    assert back.nodes["org:昌吉州民政局"]["label"] == "昌吉州民政局"


def test_gexf_has_viz_for_every_node_and_a_date_timeline(graph, exported):
    root = ET.parse(exported["gexf"][0]).getroot()
    graph_element = root.find("{*}graph")
    assert root.get("version") == export.GEXF_VERSION.removesuffix("draft")
    assert (graph_element.get("mode"), graph_element.get("timeformat")) == ("dynamic", "date")
    nodes = graph_element.find("{*}nodes")
    assert all(n.find("{*}color") is not None and n.find("{*}size") is not None for n in nodes)
    sizes = {n.get("id"): float(n.find("{*}size").get("value")) for n in nodes}
    assert sizes["place:6523"] > sizes["topic:民生社会"]


def strip_known_deviations(tree: ET.ElementTree) -> None:
    """Drop the ``viz:*`` elements: Gephi writes and reads them in their own namespace, which
    the XSDs reject (../shared/schemas/README.md)."""
    for element in tree.getroot().iter():
        for child in [c for c in element if c.tag.split("}")[0].endswith("/viz")]:
            element.remove(child)


@pytest.mark.shared
def test_gexf_validates_against_official_schema(exported):
    xmlschema = pytest.importorskip("xmlschema")
    xsd = shared_dir() / "schemas" / f"gexf-{GEXF_VERSION}" / "gexf.xsd"
    if not xsd.exists():
        pytest.skip(f"{xsd} not found: the shared GEXF schemas are needed for this test")
    schema = xmlschema.XMLSchema(str(xsd))
    tree = ET.parse(exported["gexf"][0])
    strip_known_deviations(tree)
    assert [str(e) for e in schema.iter_errors(tree)] == []
    tree.getroot().find("{*}graph/{*}attributes/{*}attribute").set("type", "list")
    assert list(schema.iter_errors(tree)), "the schema check must catch a wrong attribute type"


def test_csv_files_are_gephi_spreadsheets(exported):
    nodes_csv, edges_csv = exported["csv"]
    with nodes_csv.open(encoding="utf-8", newline="") as rows:
        nodes = list(csv.DictReader(rows))
    with edges_csv.open(encoding="utf-8", newline="") as rows:
        edges = list(csv.DictReader(rows))
    assert list(nodes[0])[:3] == ["Id", "Label", "type"]
    assert list(edges[0])[:9] == ["Source", "Target", "Type", "Id", "Label", "Weight", "relation", "title", "article_ids"]
    assert {e["Type"] for e in edges if e["relation"] == "CO_MENTIONED"} == {"Undirected"}
    assert not any("刘茜" in e["Source"] + e["Target"] for e in edges if e["relation"] == "CO_MENTIONED")  # the author
    assert {e["Type"] for e in edges if e["relation"] != "CO_MENTIONED"} == {"Directed"}
    post = next(e for e in edges if e["relation"] == "HOLDS_POST" and e["Target"] == "org:昌吉州民政局")
    assert (post["Label"], post["title"], post["article_ids"]) == ("副局长", "副局长", "a#1")


def test_write_exports_reports_files_and_leaves_no_temporaries(exported):
    assert set(exported) == set(FORMATS)
    folder = exported["json"][0].parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for ps in exported.values() for p in ps)


def test_failed_write_keeps_the_previous_files(graph, tmp_path, monkeypatch):
    written = write_exports(graph, tmp_path, ["csv", "gexf"])
    before = {path: path.read_bytes() for paths in written.values() for path in paths}

    def broken(self, edge, u, v, attrs):
        self.xml.characters("half an edge")
        raise OSError("disk full")

    monkeypatch.setattr(export.GexfStream, "edge", broken)
    with pytest.raises(OSError):
        write_exports(graph, tmp_path, ["csv", "gexf"])
    assert {path: path.read_bytes() for path in before} == before  # the CSV files too: the formats are written together
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "graph.gexf", "nodes.csv"]


def test_a_format_asked_for_twice_is_written_once(graph, tmp_path):
    written = write_exports(graph, tmp_path, ["gexf", "csv", "gexf"])
    assert list(written) == ["gexf", "csv"]
    assert export.read_gexf(written["gexf"][0]).number_of_edges() == graph.number_of_edges()


def test_unknown_format_is_refused(graph, tmp_path):
    with pytest.raises(ValueError, match="pdf"):
        write_exports(graph, tmp_path, ["gexf", "pdf"])
    assert list(tmp_path.iterdir()) == []


def test_scalar_joins_lists_and_serialises_the_rest():
    np = pytest.importorskip("numpy")
    assert scalar(["a", "b<"]) == "a|b<"
    assert scalar([{"start": 1}]) == '[{"start": 1}]'
    assert scalar({"b": 1, "a": "\x00x"}) == '{"a": "\\u0000x", "b": 1}'
    assert scalar(np.float64(0.5)) == 0.5 and type(scalar(np.int64(3))) is int
    assert scalar("a\x00b\ud800c") == "abc"
    assert scalar(None) is None


def test_xml_writer_writes_what_xmlgenerator_writes():
    import io
    from xml.sax.saxutils import XMLGenerator

    def generator_leaf(xml: XMLGenerator, name: str, attrs: dict, text: str = "") -> None:
        xml.startElement(name, attrs)
        xml.characters(text)
        xml.endElement(name)

    values = ["plain 文本", 'say "hi"', "it's", "both \"'", "a&b<c>d", "line\nbreak\ttab\r", ""]
    outputs = []
    for make, leaf in ((lambda out: XMLGenerator(out, encoding="utf-8", short_empty_elements=True), generator_leaf),
                       (export.XmlWriter, export.xml_leaf)):
        out = io.StringIO()
        xml = make(out)
        xml.startDocument()
        xml.startElement("root", {"a": values[0]})
        for value in values:
            leaf(xml, "empty", {"v": value, "w": value[::-1]})
            leaf(xml, "text", {"v": value}, value)
            xml.startElement("open", {"v": value})
            xml.endElement("open")
        xml.endElement("root")
        xml.endDocument()
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    assert "<empty" in outputs[1] and "/>" in outputs[1] and "&amp;" in outputs[1] and "&#10;" in outputs[1]
