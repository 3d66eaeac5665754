"""The learned pairing scorer of the relation stage: features, saved model, training data."""

import json
import re
from pathlib import Path

import pytest
import spacy

from pipeline.corpora import CorporaMissing
from pipeline.relations import RELATION_MODEL_DIR, Mention, PairScorer, RelationExtractor, pair_features

ANNOTATIONS = Path(__file__).resolve().parent / "gold" / "relation_annotations.jsonl"
needs_model = pytest.mark.skipif(not (RELATION_MODEL_DIR / "model.json").exists(),
                                 reason="no models/relations/model.json (python -m pipeline.training.relations)")


def mentions(text: str, ents: list[tuple[str, str]]) -> list[Mention]:
    out, pos = [], 0
    for label, surface in ents:
        start = text.index(surface, pos)
        out.append(Mention(start, start + len(surface), label, surface))
        pos = start + len(surface)
    return out


CHAIN = "昌吉州民政局党组成员、副局长朴世峰说，"
CHAIN_ENTS = [("ORG", "昌吉州民政局"), ("TITLE", "党组成员"), ("TITLE", "副局长"), ("PERSON", "朴世峰")]
DISTANT = "昌吉州民政局副局长朴世峰介绍了工作情况，参加会议的还有昌吉市第一中学的学生代表王芳"
DISTANT_ENTS = [("ORG", "昌吉州民政局"), ("TITLE", "副局长"), ("PERSON", "朴世峰"), ("ORG", "昌吉市第一中学"), ("PERSON", "王芳")]


def test_features_of_an_appositive_chain():
    org, first, second, person = ms = mentions(CHAIN, CHAIN_ENTS)
    near = pair_features(person, second, org, ms, CHAIN)
    assert near["tp_first"] == 1 and near["tp_chain"] == 1 and near["tp_gap<=0"] == 1 and "tp_has_TITLE" not in near
    assert near["ot_first"] == 1 and near["ot_has_TITLE"] == 1 and near["ot_dun"] == 1 and near["ot_chain"] == 1
    assert near["order_tp_ot"] == 1 and near["sole_person"] == 1
    far = pair_features(person, first, org, ms, CHAIN)
    assert far["tp_has_TITLE"] == 1 and far["tp_dun"] == 1 and far["tp_nearer_title"] == 1
    assert far["ot_gap<=0"] == 1 and far["ot_between<=0"] == 1
    alone = pair_features(person, second, None, ms, CHAIN)
    assert alone["org_none"] == 1 and alone["none_org_before"] == 1 and "ot_first" not in alone


def test_features_across_a_clause():
    org, title, first, school, second = ms = mentions(DISTANT, DISTANT_ENTS)
    f = pair_features(second, title, org, ms, DISTANT)
    assert f["tp_comma"] == 1 and f["tp_de"] == 1 and f["tp_has_PERSON"] == 1 and f["tp_nearer_person"] == 1
    assert f["tp_chain"] == 0 and f["sole_person"] == 0 and f["tp_gap>15"] == 1


def test_scorer_reads_its_json(tmp_path):
    (tmp_path / "model.json").write_text(json.dumps(
        {"features": ["tp_chain"], "coef": [2.0], "intercept": -1.0, "threshold": 0.5, "keep": 0.3, "add": 0.5}))
    scorer = PairScorer.load(tmp_path)
    org, _, title, person = ms = mentions(CHAIN, CHAIN_ENTS)
    assert scorer.score(person, title, org, ms, CHAIN) == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)


@needs_model
def test_saved_model_scores_adjacent_chain_high_and_distant_pairing_low():
    scorer = PairScorer.load()
    org, first, second, person = ms = mentions(CHAIN, CHAIN_ENTS)
    assert scorer.score(person, second, org, ms, CHAIN) > 0.6
    assert scorer.score(person, first, org, ms, CHAIN) > 0.6
    org, title, near, school, far = ms = mentions(DISTANT, DISTANT_ENTS)
    assert scorer.score(near, title, org, ms, DISTANT) > 0.8
    assert scorer.score(far, title, org, ms, DISTANT) < 0.2
    assert scorer.score(far, title, school, ms, DISTANT) < 0.2


@needs_model
def test_extractor_takes_confidence_from_the_scorer_and_adds_what_rules_miss():
    nlp, extractor = spacy.blank("zh"), RelationExtractor()
    assert extractor.scorer is not None

    def run(text: str, ents: list[tuple[str, str]]):
        doc = nlp(text)
        doc.ents = [doc.char_span(m.start, m.end, label=m.label) for m in mentions(text, ents)]
        return {(r["person"], r["title"], r["org"]): r["confidence"] for r in extractor(doc)._.relations}

    found = run(CHAIN, CHAIN_ENTS)
    assert set(found) == {("朴世峰", "党组成员", "昌吉州民政局"), ("朴世峰", "副局长", "昌吉州民政局")}
    assert all(0.6 < c < 1 and c not in (0.7, 0.9) for c in found.values())
    # name, organisation, post: no chain rule covers it, the scorer adds it
    added = run("冯志明乌审旗建设局局长", [("PERSON", "冯志明"), ("ORG", "乌审旗建设局"), ("TITLE", "局长")])
    assert set(added) == {("冯志明", "局长", "乌审旗建设局")}


def test_annotations_hold_offsets_only():
    rows = [json.loads(line) for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 400 and {r["corpus"] for r in rows} == {"cluener", "resume"}
    for row in rows:
        assert set(row) == {"corpus", "key", "triples"} and re.fullmatch(r"[0-9a-f]{32}", row["key"])
        for person, title, org in row["triples"]:
            assert all(isinstance(x, int) for x in person + title + (org or []))


@pytest.mark.shared
def test_annotations_match_gold_spans_and_classifier_beats_rules_on_dev():
    from pipeline.training import relations as training

    try:
        sentences = training.load_sentences()
    except CorporaMissing as err:
        pytest.skip(f"{err} (annotated sentences are read from ../shared/corpora)")
    assert len(sentences) == len(ANNOTATIONS.read_text(encoding="utf-8").splitlines())
    for s in sentences:
        spans = {(m.start, m.end) for m in s.mentions}
        assert all(p in spans and t in spans and (o is None or o in spans) for p, t, o in s.gold)
    scorer = training.train([s for s in sentences if not s.dev])
    results = training.evaluate(scorer, sentences)["all"]
    assert results["combined"]["triples"]["f1"] > results["rules"]["triples"]["f1"]
    assert results["classifier"]["triples"]["f1"] >= 0.8
