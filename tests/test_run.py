"""End to end: `zhkg run` on the seed page, `zhkg annotate` contract, bad inputs, re-export."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.nlp import MODELS_DIR, load_pipeline
from pipeline.run import annotate, run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
needs_models = pytest.mark.skipif(
    not (MODELS_DIR / "seg" / "weights.npz").exists() or not (MODELS_DIR / "ner" / "meta.json").exists(),
    reason="trained models not in models/ (make train)",
)


def test_every_subcommand_has_help():
    for sub in ([], ["run"], ["annotate"], ["export"]):
        out = subprocess.run([sys.executable, "-m", "pipeline.cli", *sub, "--help"], capture_output=True, text=True)
        assert out.returncode == 0 and "usage: zhkg" in out.stdout


def test_export_without_saved_graph_is_a_clear_error(tmp_path, capsys):
    assert main(["export", str(tmp_path)]) == 2
    assert "no saved graph" in capsys.readouterr().err


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def seed_run(nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    summary = run(nlp, [SEEDS], out)
    return out, summary


@needs_models
def test_run_on_seed_writes_seven_articles_and_every_export(seed_run):
    out, summary = seed_run
    records = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 7
    assert [r["text"][:6] for r in records[:2]] == ["民生无小事，", "本报讯记者王"]
    for name in ("graph.gexf", "graph.graphml", "graph.json", "nodes.csv", "edges.csv", "run.json"):
        assert (out / name).exists()
    assert summary["counts"]["articles"] == 7 and summary["counts"]["failures"] == 0
    assert set(summary["versions"]) >= {"spacy", "spacy-pkuseg", "networkx", "scikit-learn"}
    assert not list(out.glob(".*.tmp"))


@needs_models
def test_seed_relations_carry_evidence_with_person_and_post(seed_run):
    out, _ = seed_run
    for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for r in record["relations"]:
            assert r["person"] in r["evidence"] and r["title"].replace("农贷中心", "") in r["evidence"]
            if r.get("evidence_field") != "byline":
                assert record["text"][r["evidence_start"]:r["evidence_end"]].strip() == r["evidence"]


@needs_models
def test_seed_persons_have_the_roles_of_the_hand_written_gold(seed_run):
    out, _ = seed_run
    gold = json.loads((Path(__file__).parent / "gold" / "seed_roles.json").read_text(encoding="utf-8"))
    for number, line in enumerate((out / "articles.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        roles = {e["text"]: e["role"] for e in json.loads(line)["entities"] if e["label"] == "PERSON"}
        assert roles == gold.get(str(number), {})


@needs_models
def test_seed_places_are_in_xinjiang_or_named_as_such(seed_run):
    out, _ = seed_run
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    provinces = {n["name"] for n in graph["nodes"] if n["type"] == "Place" and n.get("level") == "province"}
    assert provinces == {"新疆维吾尔自治区", "福建省"}  # 福建援疆; no Hunan (新疆蓝山屯河…), no Hebei (…高新技术产业开发区)


@needs_models
def test_run_goes_on_after_a_bad_file_and_reports_it(nlp, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("本报讯 记者王薇报道：昌吉州民政局局长张明说，养老服务将提档升级。", encoding="utf-8")
    (inputs / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    summary = run(nlp, [inputs], tmp_path / "out")
    assert summary["counts"]["articles"] == 1
    assert [f["source"] for f in summary["failures"]] and "broken.txt" in summary["failures"][0]["error"]
    assert json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))["counts"]["failures"] == 1


@needs_models
def test_a_file_without_article_text_is_named_in_a_warning(nlp, tmp_path, capsys):
    (tmp_path / "folio.txt").write_text("昌吉日报\n\n导读\n\n春耕备耕正当时\n", encoding="utf-8")
    summary = run(nlp, [tmp_path / "folio.txt"], tmp_path / "out", formats=["csv"])
    assert summary["counts"]["articles"] == 0
    assert "folio.txt: no article text found" in capsys.readouterr().out


@needs_models
def test_this_paper_takes_the_name_given_or_the_records_own(nlp, tmp_path):
    text = "本报讯 记者王薇报道：昌吉州民政局局长张明说，养老服务将提档升级。"
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    (tmp_path / "other.jsonl").write_text(json.dumps({"id": "o1", "text": "本报记者李强报道：会议召开。", "paper": "新疆日报"},
                                                     ensure_ascii=False) + "\n", encoding="utf-8")
    run(nlp, [tmp_path / "page.txt", tmp_path / "other.jsonl"], tmp_path / "out", formats=["csv"], paper="昌吉日报")
    records = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    journalists = {(r["person"], r["org"]) for record in records for r in record["relations"] if r["title"].endswith("记者")}
    assert journalists == {("王薇", "昌吉日报"), ("李强", "新疆日报")}
    assert all(o["name"] != "本报" for record in records for o in record["organizations"] or [])


@needs_models
def test_a_pages_folio_line_names_its_paper_and_date(nlp, tmp_path):
    text = "昌吉日报 2024年11月26日 星期二 第2版\n\n本报讯（记者 王薇）昌吉州民政局局长张明说，养老服务将提档升级。"
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    run(nlp, [tmp_path / "page.txt"], tmp_path / "out", formats=["csv"])
    [record] = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (record["date"], record["paper"]) == ("2024-11-26", "昌吉日报")
    assert ("王薇", "昌吉日报") in {(r["person"], r["org"]) for r in record["relations"]}


@needs_models
def test_an_organ_named_by_its_level_takes_the_papers_place(nlp, tmp_path):
    (tmp_path / "page.txt").write_text("本报讯 州党委书记李刚主持召开会议，县委书记王强参加。", encoding="utf-8")
    run(nlp, [tmp_path / "page.txt"], tmp_path / "out", formats=["csv"], paper="昌吉日报")
    [record] = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    orgs = {(r["person"], r["org"]) for r in record["relations"]}
    assert ("李刚", "昌吉州党委") in orgs and ("王强", "县委") in orgs  # 昌吉日报 names no county


@needs_models
def test_an_interviews_subject_named_in_its_headline_holds_the_post(nlp, tmp_path):
    text = "访州农业农村局局长马明辉\n\n记者：今年我州在高标准农田建设方面有哪些新举措？\n马明辉：今年我们计划新建高标准农田50万亩。"
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    run(nlp, [tmp_path / "page.txt"], tmp_path / "out", formats=["json"], paper="昌吉日报")
    [record] = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    [relation] = record["relations"]
    assert (relation["person"], relation["title"], relation["org"]) == ("马明辉", "局长", "昌吉州农业农村局")
    assert (relation["evidence"], relation["evidence_field"]) == ("访州农业农村局局长马明辉", "headline")
    assert "昌吉州农业农村局" in {o["name"] for o in record["organizations"]}
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert [n["id"] for n in graph["nodes"] if n["type"] == "Person"] == ["person:马明辉@昌吉州农业农村局"]


@needs_models
def test_annotate_reads_a_lines_paper(tmp_path):
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "州党委书记李刚主持会议，本报记者王薇报道。", "paper": "昌吉日报"},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    assert annotate(source, out) == 0
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {(r["person"], r["org"]) for r in record["relations"]} == {("李刚", "昌吉州党委"), ("王薇", "昌吉日报")}


@needs_models
def test_annotate_keeps_order_and_text_and_flags_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "国务院总理李强在北京主持召开国务院常务会议。"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "text": "吉木萨尔县卫健委党组副书记、主任陈磊表示，县卫健委将改善群众就医。"}, ensure_ascii=False),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    failures = annotate(source, tmp_path / "out.jsonl")
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert failures == 1 and len(out) == 3
    assert [r.get("id") for r in out] == ["a", None, "c"] and "error" in out[1]
    for record, line in zip((out[0], out[2]), (lines[0], lines[2])):
        assert record["text"] == json.loads(line)["text"]
        assert "".join(record["tokens"]) == record["text"]
        for e in record["entities"]:
            assert record["text"][e["start"]:e["end"]] == e["text"] and e["label"] in {"PERSON", "ORG", "LOC", "TITLE"}
        assert record["topics"] and {"label", "score"} <= set(record["topics"][0])


@needs_models
def test_export_re_exports_the_saved_graph(seed_run, tmp_path):
    out, summary = seed_run
    assert main(["export", str(out), "--format", "graphml", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "graph.graphml").exists()


@needs_models
def test_annotate_with_two_processes_and_ner_only_matches_one(tmp_path):
    texts = ["国务院总理李强在北京主持召开国务院常务会议。", "吉木萨尔县卫健委党组副书记、主任陈磊表示，县卫健委将改善群众就医。"] * 3
    lines = [json.dumps({"id": str(i), "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines[:3] + ["[1, 2]"] + lines[3:]) + "\n", encoding="utf-8")
    outputs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}.jsonl"
        assert annotate(source, out, stages=("zhkg_ner",), workers=workers, chunk_size=2) == 1
        outputs.append([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
    assert outputs[0] == outputs[1]
    assert [r["id"] for r in outputs[0]] == ["0", "1", "2", None, "3", "4", "5"] and "error" in outputs[0][3]
    annotated = outputs[0][:3] + outputs[0][4:]
    assert all(r["entities"] and not r["relations"] and not r["topics"] for r in annotated)
    assert main(["annotate", str(source), str(tmp_path / "cli.jsonl"), "--stages", "zhkg_ner", "--workers", "2"]) == 1
    assert [json.loads(line) for line in (tmp_path / "cli.jsonl").read_text(encoding="utf-8").splitlines()] == outputs[0]


def test_unknown_stage_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["annotate", "in.jsonl", "out.jsonl", "--stages", "zhkg_nre"])
    assert "unknown stages ['zhkg_nre']" in capsys.readouterr().err
