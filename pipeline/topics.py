"""Article topics: a TF-IDF character n-gram + linear SVM model and its spaCy stage.

The model is a fitted sklearn ``Pipeline`` (vectorizer → classifier). It is saved without
pickle: the vocabulary, idf weights, coefficients and intercepts go to ``model.npz`` and the
settings to ``meta.json``; ``TopicModel.load`` rebuilds the same ``Pipeline`` from them.
Long articles are scored by sentence chunks whose probabilities are averaged (weighted by
length), so an article that covers several topics gets them as best and secondary labels.
Labels come from ``configs/taxonomy.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

import numpy as np
from scipy.special import softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from pipeline.corpora import PROJECT_ROOT

TAXONOMY_PATH = PROJECT_ROOT / "configs" / "taxonomy.json"
DEFAULT_MODEL_DIR = PROJECT_ROOT / "models" / "topics"
MODEL_FILE, META_FILE = "model.npz", "meta.json"
FORMAT = "zhkg-topics-1"
DEFAULT_THRESHOLD = 0.2
DEFAULT_CHUNK_CHARS = 800
VECTORIZER_PARAMS = ("ngram_range", "sublinear_tf", "norm")

_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")

PathLike = Union[str, Path]


def load_taxonomy(path: PathLike = TAXONOMY_PATH) -> dict:
    """Return ``{label: {"description", "keywords"}}`` from the taxonomy config."""
    return json.loads(Path(path).read_text(encoding="utf-8"))["labels"]


def load_umbrellas(path: PathLike = TAXONOMY_PATH) -> dict:
    """Return ``{label: {"covers", "best_below", "min_mass"}}``: labels that head a spread article."""
    umbrellas = json.loads(Path(path).read_text(encoding="utf-8")).get("umbrellas", {})
    return {label: rule for label, rule in umbrellas.items() if not label.startswith("_")}


def normalize(text: str) -> str:
    """Unify text before n-grams: NFKC width, no whitespace (hard line breaks), digits → 0."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _DIGIT.sub("0", _SPACE.sub("", text))


class SoftmaxLinearSVC(LinearSVC):
    """LinearSVC (one-vs-rest) whose ``predict_proba`` is a softmax of ``scale`` × its scores.

    ``scale`` is a temperature chosen on the dev sets (lowest log-loss), so the scores behave
    like probabilities for the secondary-label threshold. LinearSVC trains in seconds where a
    multinomial LogisticRegression took 5–10 minutes on this data, and was more accurate.
    """

    def __init__(self, C: float = 0.3, scale: float = 3.5, max_iter: int = 2000, random_state: int = 0) -> None:
        super().__init__(C=C, max_iter=max_iter, random_state=random_state)
        self.scale = scale

    def predict_proba(self, X) -> np.ndarray:
        return softmax(self.scale * self.decision_function(X), axis=1)


def chunks(text: str, size: int) -> list[str]:
    """Normalized text cut after sentence ends into pieces of about ``size`` characters."""
    pieces = [""]
    for sentence in _SENTENCE_END.split(normalize(text)):
        if pieces[-1] and len(pieces[-1]) + len(sentence) > size:
            pieces.append("")
        pieces[-1] += sentence
    return pieces


def make_pipeline(
    ngram_max: int = 3,
    min_df: int = 2,
    max_features: Optional[int] = 400_000,
    sublinear_tf: bool = True,
    C: float = 0.3,
    scale: float = 3.5,
    seed: int = 0,
) -> Pipeline:
    """An unfitted TF-IDF char n-gram (1..ngram_max) + softmax-scored linear SVM."""
    vectorizer = TfidfVectorizer(
        analyzer="char",
        preprocessor=normalize,
        ngram_range=(1, ngram_max),
        min_df=min_df,
        max_features=max_features,
        sublinear_tf=sublinear_tf,
        dtype=np.float32,
    )
    classifier = SoftmaxLinearSVC(C=C, scale=scale, random_state=seed)
    return Pipeline([("tfidf", vectorizer), ("clf", classifier)])


def compact(pipeline: Pipeline) -> Pipeline:
    """Round a fitted pipeline's weights to their stored precision (float32 idf, float16 coef).

    Applied right after fitting, so the model in memory is exactly the one saved.
    """
    vectorizer, classifier = pipeline.named_steps["tfidf"], pipeline.named_steps["clf"]
    vectorizer.stop_words_ = None  # pruned terms: not needed to predict
    vectorizer.idf_ = np.asarray(vectorizer.idf_, dtype=np.float32)
    classifier.coef_ = classifier.coef_.astype(np.float16).astype(np.float32)
    classifier.intercept_ = classifier.intercept_.astype(np.float32)
    return pipeline


class TopicModel:
    """Multi-label article topics from a fitted TF-IDF + classifier ``Pipeline``."""

    def __init__(self, pipeline: Pipeline, threshold: float = DEFAULT_THRESHOLD, max_labels: int = 3,
                 chunk_chars: int = DEFAULT_CHUNK_CHARS, umbrellas: Optional[dict] = None) -> None:
        self.pipeline = pipeline
        self.threshold = threshold
        self.max_labels = max_labels
        self.chunk_chars = chunk_chars
        self.umbrellas = load_umbrellas() if umbrellas is None else umbrellas

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.pipeline.named_steps["clf"].classes_]

    def scores(self, texts: list[str]) -> np.ndarray:
        """Probabilities, shape (len(texts), len(labels)): length-weighted mean over chunks."""
        pieces, owners = [], []
        for i, text in enumerate(texts):
            for piece in chunks(text, self.chunk_chars):
                pieces.append(piece)
                owners.append(i)
        weights = np.array([max(len(piece), 1) for piece in pieces], dtype=np.float64)
        totals = np.zeros((len(texts), len(self.labels)))
        np.add.at(totals, owners, self.pipeline.predict_proba(pieces) * weights[:, None])
        return totals / np.bincount(owners, weights=weights, minlength=len(texts))[:, None]

    def predict(self, texts: list[str], threshold: Optional[float] = None,
                max_labels: Optional[int] = None) -> list[list[dict]]:
        """Per text, ``[{"label", "score"}]`` best first: the best label, then others ≥ threshold."""
        threshold = self.threshold if threshold is None else threshold
        max_labels = self.max_labels if max_labels is None else max_labels
        if not texts:
            return []
        return [self._rank(self.apply_umbrellas(row), threshold, max_labels) for row in self.scores(texts)]

    def apply_umbrellas(self, row: np.ndarray) -> np.ndarray:
        """Scores with an umbrella label raised to its group's mass when the article is spread
        over the labels it covers (see ``umbrellas`` in configs/taxonomy.json)."""
        row = row.copy()
        for label, rule in self.umbrellas.items():
            group = [self.labels.index(name) for name in [label, *rule["covers"]] if name in self.labels]
            mass = row[group].sum()
            if label in self.labels and row.max() < rule["best_below"] and mass >= rule["min_mass"]:
                row[self.labels.index(label)] = mass
        return row

    def _rank(self, row: np.ndarray, threshold: float, max_labels: int) -> list[dict]:
        order = np.argsort(-row, kind="stable")[:max_labels]
        return [
            {"label": self.labels[i], "score": round(float(row[i]), 4)}
            for rank, i in enumerate(order)
            if rank == 0 or row[i] >= threshold
        ]

    def save(self, path: PathLike) -> None:
        """Write ``model.npz`` (vocabulary, idf, coef, intercept, classes) and ``meta.json``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        vectorizer, classifier = self.pipeline.named_steps["tfidf"], self.pipeline.named_steps["clf"]
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        np.savez_compressed(
            path / MODEL_FILE,
            terms=np.array(terms),
            idf=np.asarray(vectorizer.idf_, dtype=np.float32),
            coef=classifier.coef_.astype(np.float16),
            intercept=classifier.intercept_.astype(np.float32),
            classes=np.array(self.labels),
        )
        meta = {
            "format": FORMAT,
            "threshold": self.threshold,
            "max_labels": self.max_labels,
            "chunk_chars": self.chunk_chars,
            "scale": classifier.scale,
            "vectorizer": {key: vectorizer.get_params()[key] for key in VECTORIZER_PARAMS},
        }
        (path / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: PathLike = DEFAULT_MODEL_DIR) -> "TopicModel":
        """Rebuild the fitted ``Pipeline`` from the files written by ``save``."""
        path = Path(path)
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} model")
        with np.load(path / MODEL_FILE, allow_pickle=False) as arrays:
            pipeline = _rebuild(meta["vectorizer"], meta["scale"], dict(arrays))
        return cls(pipeline, meta["threshold"], meta["max_labels"], meta["chunk_chars"])


def _rebuild(vectorizer_params: dict, scale: float, arrays: dict) -> Pipeline:
    """A fitted Pipeline equal to the saved one."""
    params = dict(vectorizer_params, ngram_range=tuple(vectorizer_params["ngram_range"]))
    terms = [str(term) for term in arrays["terms"]]
    vectorizer = TfidfVectorizer(analyzer="char", preprocessor=normalize, dtype=np.float32,
                                 vocabulary={term: i for i, term in enumerate(terms)}, **params)
    vectorizer.idf_ = arrays["idf"]
    classifier = SoftmaxLinearSVC(scale=scale)
    classifier.classes_ = arrays["classes"]
    classifier.coef_ = arrays["coef"].astype(np.float32)
    classifier.intercept_ = arrays["intercept"]
    classifier.n_features_in_ = len(terms)
    return Pipeline([("tfidf", vectorizer), ("clf", classifier)])


if not Doc.has_extension("topics"):
    Doc.set_extension("topics", default=None)


@Language.factory(
    "zhkg_topics",
    default_config={"model_dir": None, "threshold": DEFAULT_THRESHOLD, "max_labels": 3},
)
def make_topics_component(nlp: Language, name: str, model_dir: Optional[str], threshold: float,
                          max_labels: int) -> "TopicsComponent":
    return TopicsComponent(nlp, name, model_dir=model_dir, threshold=threshold, max_labels=max_labels)


class TopicsComponent:
    """spaCy stage: sets ``doc._.topics`` = ``[{"label", "score"}]``, best first."""

    def __init__(self, nlp: Language, name: str = "zhkg_topics", *, model_dir: Optional[str] = None,
                 threshold: float = DEFAULT_THRESHOLD, max_labels: int = 3) -> None:
        self.name = name
        self.threshold = threshold
        self.max_labels = max_labels
        self.model_dir = model_dir
        self.model: Optional[TopicModel] = None

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Predict in batches of ``batch_size`` docs."""
        for batch in minibatch(docs, size=batch_size):
            topics = self._model().predict([doc.text for doc in batch], self.threshold, self.max_labels)
            for doc, doc_topics in zip(batch, topics):
                doc._.topics = doc_topics
                yield doc

    def initialize(self, get_examples=None, *, nlp: Optional[Language] = None,
                   model_dir: Optional[str] = None) -> None:
        """Load the model from ``model_dir`` (default: the component's setting, else models/topics)."""
        self.model = TopicModel.load(model_dir or self.model_dir or DEFAULT_MODEL_DIR)

    def _model(self) -> TopicModel:
        """The model: loaded by from_disk/initialize, else lazily from the ``model_dir`` setting."""
        if self.model is None and self.model_dir:
            self.model = TopicModel.load(self.model_dir)
        if self.model is None:
            raise ValueError(f"{self.name}: no topic model; call nlp.initialize() or set model_dir")
        return self.model

    def to_disk(self, path: PathLike, *, exclude: Iterable[str] = tuple()) -> None:
        self._model().save(path)

    def from_disk(self, path: PathLike, *, exclude: Iterable[str] = tuple()) -> "TopicsComponent":
        self.model = TopicModel.load(path)
        return self
