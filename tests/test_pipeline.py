"""The assembled spaCy pipeline with the committed models: segmentation, NER, contract."""

import json

import pytest
import spacy

from pipeline.corpora import PROJECT_ROOT
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


LEAN_TEXTS = [
    TEXT,
    "新疆 昌吉州\n2024 年，GDP 增长 5%。",  # whitespace, digits, letters
    "B737－700垂尾部件、a.b_c-d|e/f*g:h，１２３ＡＢＣ",  # pkuseg's keywords, full-width digits and letters
    "州", "昌吉", "\x01昌吉州\x02民政局",  # one character; the marks LeanPkuseg uses itself
    "中共中央政治局常委、国务院总理李克强在北京人民大会堂会见了来访的美国国务卿。",
]


@pytest.fixture(scope="module")
def plain_pkuseg():
    import spacy_pkuseg

    seg = spacy_pkuseg.pkuseg(str(MODELS_DIR / "seg"), user_dict=None)
    seg.postprocesser.do_process = False
    return seg


def pkuseg_features(seg, text: str) -> list[list[int]]:
    """pkuseg's own feature indices for each character of ``text``."""
    nodes = list(seg.feature_extractor.normalize_text(text))
    return [seg.feature_extractor.get_node_features_idx(i, nodes) for i in range(len(nodes))]


def test_lean_pkuseg_is_in_use_and_segments_as_pkuseg_does(segmenter, plain_pkuseg):
    from pipeline.segment import NODE_NAMES, LeanPkuseg

    lean = segmenter.tokenizer.pkuseg_seg
    assert isinstance(lean, LeanPkuseg)
    for text in LEAN_TEXTS:
        assert lean.cut(text) == plain_pkuseg.cut(text), text
        for piece in text.split():
            if not any(mark in piece for mark in NODE_NAMES):
                assert lean.text_features(piece) == pkuseg_features(plain_pkuseg, piece), piece


@pytest.mark.shared
def test_lean_pkuseg_segments_corpus_text_as_pkuseg_does(segmenter, plain_pkuseg):
    from pipeline.corpora import CorporaMissing, corpus_path

    try:
        path = corpus_path("nlpcc2016_weibo_dev.jsonl")
    except CorporaMissing as missing:
        pytest.skip(str(missing))
    texts = ["".join(json.loads(line)["words"]) for line in path.open(encoding="utf-8")][:3000]
    lean = segmenter.tokenizer.pkuseg_seg
    assert [lean.cut(text) for text in texts] == [plain_pkuseg.cut(text) for text in texts]


def decoded_and_parsed(nlp, texts: list[str]) -> tuple[list, list]:
    """The character model's entities as ``zhkg_ner`` finds them (``CharEncoder`` and
    ``GreedyEntityDecoder``) and by spaCy's own tok2vec and parser."""
    ner = nlp.get_pipe("zhkg_ner")
    found = ner.predict(texts)
    decoded = [model for _doc, _normal, model in found]
    parsed = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in ner.char_nlp.pipe(n for _, n, _ in found)]
    return decoded, parsed


def seed_texts() -> list[str]:
    seed = next(PROJECT_ROOT.joinpath("seeds").glob("*.txt")).read_text(encoding="utf-8")
    return [TEXT, "", "州", "　昌吉州 民政局\n副局长朴世峰 ", seed, *seed.splitlines()]


def test_entity_decoder_finds_what_spacys_parser_finds(nlp):
    decoded, parsed = decoded_and_parsed(nlp, seed_texts())
    assert decoded == parsed
    assert sum(map(len, parsed)) > 50


def test_char_encoder_gives_thincs_vectors_bit_for_bit(nlp):
    ner = nlp.get_pipe("zhkg_ner")
    texts = seed_texts()
    docs = [ner.char_nlp.make_doc(text) for text in texts]
    thinc_tok2vec = ner.char_nlp.get_pipe("tok2vec").model
    for batch in (docs, docs[:1], docs[4:5]):  # the texts together (empty ones among them), one, the page alone
        for ours, theirs in zip(ner.encoder(batch), thinc_tok2vec.predict(batch), strict=True):
            assert ours.dtype == theirs.dtype == "float32" and ours.shape == theirs.shape
            assert (ours.view("uint32") == theirs.view("uint32")).all()
    assert [v.shape for v in ner.encoder(docs[1:2])] == [(0, 128)]  # thinc's layers fail on only empty docs


@pytest.mark.shared
def test_entity_decoder_finds_what_spacys_parser_finds_in_corpus_text(nlp):
    from pipeline.corpora import CorporaMissing, corpus_path

    try:
        path = corpus_path("cluener_train.jsonl")
    except CorporaMissing as missing:
        pytest.skip(str(missing))
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")][:1000]
    decoded, parsed = decoded_and_parsed(nlp, texts)
    assert decoded == parsed


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


LOCAL_NEWS = [  # sentences written as prefecture dailies write them, with the triples they state
    ("昌吉州召开会议。州党委副书记、州长米尔夏提·阿不都热合曼出席。州党委常委、常务副州长马建新主持。",
     {("米尔夏提·阿不都热合曼", "州长", "昌吉州人民政府"), ("马建新", "常务副州长", "昌吉州人民政府")}),
    ("吉木萨尔县北庭镇党委副书记、镇长马军说，", {("马军", "镇长", "吉木萨尔县北庭镇人民政府")}),
    ("州人民医院院长赵刚，副院长孙丽参加。昌吉州召开会议。", {("孙丽", "副院长", "昌吉州人民医院")}),
    ("新疆维吾尔自治区党委常委、自治区常务副主席陈伟俊到昌吉调研。", {("陈伟俊", "常务副主席", "新疆维吾尔自治区人民政府")}),
    ("州委常委、州纪委书记、州监委主任阿依古丽·买买提出席会议。", {("阿依古丽·买买提", "主任", "州监委")}),
    ("本报记者严正孙勇军", {("严正", "记者", "本报"), ("孙勇军", "记者", "本报")}),
    ("昌吉市副市长、公安局局长马强通报了情况。", {("马强", "局长", "昌吉市公安局")}),
    ("自治区党委常委、自治区副主席，州党委书记李四在会上讲话。", {("李四", "副主席", "自治区人民政府")}),
    ("新疆天业（集团）有限公司党委书记、董事长兼总经理孙健出席。", {("孙健", "董事长", "新疆天业（集团）有限公司")}),
    ("昌吉州人民医院心内科主任医师李华介绍。", {("李华", "主任医师", "昌吉州人民医院心内科")}),
    ("州人大常委会副主任、州总工会主席李明讲话。", {("李明", "主席", "州总工会")}),
    ("州林草局副局长王晓带队检查。", {("王晓", "副局长", "州林草局")}),
    ("新疆生产建设兵团第六师五家渠市党委书记、第六师政委李建华到昌吉调研。",
     {("李建华", "党委书记", "新疆生产建设兵团第六师五家渠市"), ("李建华", "政委", "新疆生产建设兵团第六师")}),
    ("州发展改革委党组成员、副主任，州粮食和物资储备局局长杨光出席。", {("杨光", "局长", "州粮食和物资储备局")}),
    ("奇台县副县长兼公安局局长刘伟介绍。", {("刘伟", "副县长", "奇台县人民政府"), ("刘伟", "局长", "奇台县公安局")}),
    ("州财政局驻呼图壁县二十里店镇小土古里村工作队队长周海涛说。村党支部书记阿不都热依木·买买提介绍，",
     {("周海涛", "队长", "昌吉州财政局驻呼图壁县二十里店镇小土古里村工作队"),
      ("阿不都热依木·买买提", "书记", "呼图壁县二十里店镇小土古里村党支部")}),
]


@pytest.mark.parametrize("text, stated", LOCAL_NEWS)
def test_local_news_triples_with_the_committed_models(nlp, text, stated):
    assert stated <= {(r["person"], r["title_norm"], r["org"]) for r in nlp(text)._.relations}


def test_word_vocabulary_skips_lexical_attributes_the_character_model_keeps_its_own(nlp):
    from spacy.attrs import NORM, SHAPE

    assert nlp.vocab.lex_attr_getters == {}
    char_vocab = nlp.get_pipe("zhkg_ner").char_nlp.vocab
    assert char_vocab is not nlp.vocab and {NORM, SHAPE} <= set(char_vocab.lex_attr_getters)
