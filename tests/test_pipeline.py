"""The assembled spaCy pipeline with the committed models: segmentation, NER, contract."""


import pytest
import spacy

from pipeline.nlp import MODELS_DIR, load_pipeline

pytestmark = pytest.mark.skipif(
    not (MODELS_DIR / "seg" / "weights.npz").exists() or not (MODELS_DIR / "ner" / "meta.json").exists(),
    reason="trained models not in models/ (make train)",
)

TEXT = "昌吉州民政局党组成员、副局长朴世峰说，2024年将持续推进基本养老服务体系建设。"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def segmenter():
    return load_pipeline(stages=())


def test_segmenter_loads_project_model_offline(segmenter):
    assert segmenter.tokenizer.segmenter == "pkuseg"
    words = [t.text for t in segmenter(TEXT)]
    assert "".join(words) == TEXT and "朴世峰" not in words[:3]
    assert "昌吉州" in words or "民政局" in words


def test_user_dictionary_keeps_posts_whole_when_switched_on(segmenter):
    from pipeline.segment import pkuseg_settings

    pkuseg_settings(user_dict=True)(segmenter)
    try:
        assert "党组成员" in [t.text for t in segmenter(TEXT)]
    finally:
        pkuseg_settings(user_dict=False)(segmenter)


def test_tokens_concatenate_to_the_text_with_whitespace(segmenter):
    text = "新疆 昌吉州\n2024 年，GDP 增长 5%。"
    doc = segmenter(text)
    assert "".join(t.text_with_ws for t in doc) == text


def test_pipeline_round_trips_through_to_disk(nlp, tmp_path):
    before = nlp(TEXT)
    nlp.to_disk(tmp_path / "zhkg")
    reloaded = spacy.load(tmp_path / "zhkg")
    after = reloaded(TEXT)
    assert [t.text for t in after] == [t.text for t in before]
    assert [(e.text, e.label_) for e in after.ents] == [(e.text, e.label_) for e in before.ents]


def test_entity_spans_split_words_and_stay_aligned(nlp):
    doc = nlp(TEXT)
    for ent in doc.ents:
        assert doc.text[ent.start_char:ent.end_char] == ent.text
    assert ("朴世峰", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert {"党组成员", "副局长"} <= {e.text for e in doc.ents if e.label_ == "TITLE"}


def test_places_nested_in_organisation_names_are_kept(nlp):
    doc = nlp(TEXT)
    assert "昌吉州" in [s.text for s in doc.spans["places"]]


def test_relations_and_roles_on_a_chain(nlp):
    doc = nlp(TEXT)
    triples = {(r["person"], r["title"], r["org"]) for r in doc._.relations}
    assert ("朴世峰", "副局长", "昌吉州民政局") in triples
    assert [e._.role for e in doc.ents if e.text == "朴世峰"] == ["official"]


def test_topics_are_sorted_best_first(nlp):
    topics = nlp(TEXT)._.topics
    assert topics and [t["score"] for t in topics] == sorted((t["score"] for t in topics), reverse=True)
