"""Tests for the article-topic model (pipeline/topics.py) and its training helpers."""

from __future__ import annotations

import json

import numpy as np
import pytest
import spacy

from pipeline.corpora import CorporaMissing, is_dev
from pipeline.topics import (DEFAULT_MODEL_DIR, META_FILE, TopicModel, compact, load_taxonomy, load_umbrellas,
                             make_pipeline)
from pipeline.training.topics import GOLD_PATH, hand_dev, keyword_label, load_maps

LABELS = {"党建政务", "工业经济", "农业农村", "财政税收", "金融", "就业", "教育", "医疗卫生", "养老",
          "住房城建", "科技创新", "生态环保", "文化体育", "民生社会", "其他"}

TINY = {
    "财政税收": ["全县一般公共预算收入同比增长", "税务部门落实减税降费政策", "财政支出重点保障民生支出"],
    "教育": ["学校开展素质教育课堂教学改革", "高校毕业生招生考试工作", "教师培训提高教学质量"],
    "文化体育": ["运动员在比赛中获得冠军", "文艺演出丰富群众文化生活", "足球联赛赛事精彩"],
    "农业农村": ["农民春耕备耕购买化肥种子", "乡村振兴推动农业发展", "粮食种植面积稳定丰收"],
}
PROBES = ["县财政局公布预算收入和税收数据", "学校组织学生参加考试", "春耕时节农民忙着播种", "冠军"]


@pytest.fixture(scope="module")
def tiny_model() -> TopicModel:
    """A model trained on the hand-written TINY texts (not on corpora)."""
    texts = [text for examples in TINY.values() for text in examples]
    labels = [label for label, examples in TINY.items() for _ in examples]
    pipeline = make_pipeline(min_df=1, max_features=None)
    return TopicModel(compact(pipeline.fit(texts, labels)), threshold=0.2, max_labels=3)


def test_taxonomy_has_exactly_the_15_labels():
    taxonomy = load_taxonomy()
    assert set(taxonomy) == LABELS and len(taxonomy) == 15
    for entry in taxonomy.values():
        assert entry["description"] and entry["keywords"]


def test_every_map_target_is_a_taxonomy_label():
    for source in load_maps()["sources"].values():
        assert set(source["labels"].values()) <= LABELS


def test_gold_dev_holds_only_ids_and_taxonomy_labels():
    records = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 100
    for record in records:
        assert set(record) == {"id", "labels"} and is_dev(record["id"])
        assert record["labels"] and set(record["labels"]) <= LABELS


def test_keyword_label_needs_a_clear_winner():
    keywords = {"财政税收": ["财政", "税收"], "教育": ["学校"]}
    assert keyword_label("财政收入和税收增长", keywords, min_hits=2, min_margin=1) == "财政税收"
    assert keyword_label("财政局到学校", keywords, min_hits=2, min_margin=1) is None


def test_predictions_are_sorted_and_thresholded(tiny_model):
    for topics in tiny_model.predict(PROBES):
        scores = [topic["score"] for topic in topics]
        assert 1 <= len(topics) <= 3 and scores == sorted(scores, reverse=True)
        assert all(score >= 0.2 for score in scores[1:])
        assert all(score == round(score, 4) for score in scores)
    assert [topics[0]["label"] for topics in tiny_model.predict(PROBES[:3])] == ["财政税收", "教育", "农业农村"]


def test_umbrella_heads_an_article_spread_over_its_labels(tiny_model):
    labels = tiny_model.labels
    rule = {"covers": ["教育", "农业农村"], "best_below": 0.4, "min_mass": 0.6}
    model = TopicModel(tiny_model.pipeline, umbrellas={"文化体育": rule})
    spread = np.array([{"财政税收": 0.3, "教育": 0.3, "农业农村": 0.25, "文化体育": 0.15}[label] for label in labels])
    raised = model.apply_umbrellas(spread)
    assert labels[int(raised.argmax())] == "文化体育" and raised.max() == pytest.approx(0.7)
    focused = np.array([{"财政税收": 0.1, "教育": 0.5, "农业农村": 0.25, "文化体育": 0.15}[label] for label in labels])
    assert np.array_equal(model.apply_umbrellas(focused), focused)


def test_taxonomy_umbrellas_cover_taxonomy_labels():
    taxonomy = load_taxonomy()
    for label, rule in load_umbrellas().items():
        assert label in taxonomy and set(rule["covers"]) <= set(taxonomy) and 0 < rule["best_below"] < rule["min_mass"]


def test_saved_model_predicts_exactly_like_the_trained_one(tiny_model, tmp_path):
    tiny_model.save(tmp_path)
    loaded = TopicModel.load(tmp_path)
    assert loaded.labels == tiny_model.labels
    assert np.array_equal(loaded.scores(PROBES), tiny_model.scores(PROBES))
    assert loaded.predict(PROBES) == tiny_model.predict(PROBES)
    assert not any(path.suffix in {".pkl", ".pickle", ".joblib"} for path in tmp_path.iterdir())


def test_spacy_component_sets_topics_and_round_trips(tiny_model, tmp_path):
    tiny_model.save(tmp_path / "model")
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhkg_topics", config={"model_dir": str(tmp_path / "model")})
    doc = nlp(PROBES[0])
    assert doc._.topics[0]["label"] == "财政税收"
    assert [t["score"] for t in doc._.topics] == sorted((t["score"] for t in doc._.topics), reverse=True)
    piped = [doc._.topics for doc in nlp.pipe(PROBES, batch_size=2)]
    assert piped == tiny_model.predict(PROBES)
    nlp.to_disk(tmp_path / "nlp")
    reloaded = spacy.load(tmp_path / "nlp")
    assert [doc._.topics for doc in reloaded.pipe(PROBES)] == piped


def test_component_initialize_loads_the_model(tiny_model, tmp_path):
    tiny_model.save(tmp_path)
    nlp = spacy.blank("zh")
    component = nlp.add_pipe("zhkg_topics")
    component.initialize(nlp=nlp, model_dir=str(tmp_path))
    assert nlp(PROBES[1])._.topics[0]["label"] == "教育"


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / META_FILE).exists(), reason="models/topics not trained yet")
def test_committed_model_puts_budget_text_under_finance_and_tax():
    model = TopicModel.load(DEFAULT_MODEL_DIR)
    text = ("据财政部门数据显示，1—2月，全州一般公共预算收入43.96亿元，同比增长9.96%。"
            "其中，税收收入26.19亿元，增值税10.09亿元，非税收入17.77亿元。")
    assert model.predict([text])[0][0]["label"] == "财政税收"


def test_committed_model_files_are_small_and_not_pickled():
    if not (DEFAULT_MODEL_DIR / META_FILE).exists():
        pytest.skip("models/topics not trained yet")
    files = list(DEFAULT_MODEL_DIR.iterdir())
    assert sum(path.stat().st_size for path in files) <= 30 * 1024 * 1024
    with np.load(DEFAULT_MODEL_DIR / "model.npz", allow_pickle=False) as arrays:
        assert set(arrays.files) == {"terms", "idf", "coef", "intercept", "classes"}


@pytest.mark.shared
def test_gold_ids_are_people_daily_dev_paragraphs():
    try:
        split = hand_dev()
    except CorporaMissing as error:
        pytest.skip(f"shared corpora absent: {error}")
    assert len(split.texts) == len(GOLD_PATH.read_text(encoding="utf-8").splitlines())



def test_taxonomy_keywords_label_factory_text_as_industry():
    keywords = {label: entry["keywords"] for label, entry in load_taxonomy().items()}
    text = "该厂新建两条自动化生产线，年产能提高一倍，全年工业产值突破十亿元。"
    assert keyword_label(text, keywords, min_hits=2, min_margin=1) == "工业经济"


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / META_FILE).exists(), reason="models/topics not trained yet")
def test_committed_model_puts_factory_text_under_industry():
    model = TopicModel.load(DEFAULT_MODEL_DIR)
    text = "工人在车间的智能生产线上组装设备。该企业去年新增三条生产线，年产能达20万台，年产值5亿元。"
    assert model.predict([text])[0][0]["label"] == "工业经济"
