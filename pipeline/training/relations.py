"""Train and evaluate the pairing scorer of the relation stage (models/relations/).

Usage: ``python -m pipeline.training.relations`` trains (fixed seed), writes
models/relations/model.json and prints dev numbers; ``--eval`` only evaluates the saved model;
``--cv`` also cross-validates on the train split (how the keep/add thresholds were chosen).

Data: tests/gold/relation_annotations.jsonl holds hand-written (person, post, organisation)
triples on CLUENER and Resume training sentences, as character offsets of their entity
spans keyed by the md5 of the sentence (no corpus text is stored). The sentences are read
from the shared corpora; one annotated sentence in ``DEV_SHARE`` is dev and never trained on.
Candidates are every (PERSON, TITLE, ORG or none) combination of gold spans in a sentence.
The DuIE 2.0 董事长/校长/创始人 relations were tried as extra training data and lowered the
cross-validated F1 (their other entities are not annotated), so they are not used.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from pipeline.corpora import PROJECT_ROOT, is_dev, read_jsonl
from pipeline.relations import (
    RELATION_MODEL_DIR, Mention, PairScorer, Post, chains, clauses_of, pair_features, post_mentions, posts_after_name,
    posts_in_chain,
)

ANNOTATIONS = PROJECT_ROOT / "tests" / "gold" / "relation_annotations.jsonl"
CORPORA = {"cluener": "cluener_train.jsonl", "resume": "resume_ner_train.jsonl"}
LABELS = {"name": "PERSON", "position": "TITLE", "organization": "ORG", "government": "ORG", "company": "ORG",
          "address": "LOC", "NAME": "PERSON", "TITLE": "TITLE", "ORG": "ORG", "LOC": "LOC"}
DEV_SHARE = 5
SEED = 13

Span2 = tuple[int, int]
Triple = tuple[Span2, Span2, Optional[Span2]]
Candidate = tuple[Mention, Mention, Optional[Mention]]


@dataclass
class Sentence:
    """An annotated corpus sentence: its text, gold entity mentions and gold triples."""

    corpus: str
    key: str
    text: str
    mentions: list[Mention]
    gold: set[Triple]

    @property
    def dev(self) -> bool:
        return is_dev(self.key, DEV_SHARE)


def text_key(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def span(m: Optional[Mention]) -> Optional[Span2]:
    return (m.start, m.end) if m is not None else None


def triple(person: Mention, title: Mention, org: Optional[Mention]) -> Triple:
    return span(person), span(title), span(org)


def load_sentences(path: Path = ANNOTATIONS) -> list[Sentence]:
    """Annotated sentences with their text and mentions, read back from the shared corpora."""
    wanted: dict[str, dict[str, set[Triple]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        wanted.setdefault(row["corpus"], {})[row["key"]] = {
            (tuple(p), tuple(t), tuple(o) if o else None) for p, t, o in row["triples"]}
    sentences = []
    for corpus, keys in wanted.items():
        for record in read_jsonl(CORPORA[corpus]):
            key = text_key(record["text"])
            if key in keys:
                mentions = sorted((Mention(s, e, LABELS[label], record["text"][s:e])
                                   for s, e, label, *_ in record["entities"] if label in LABELS),
                                  key=lambda m: m.start)
                sentences.append(Sentence(corpus, key, record["text"], mentions, keys.pop(key)))
    return sentences


def candidates(mentions: list[Mention]) -> Iterator[Candidate]:
    """Every (person, title, organisation or None) of one clause."""
    orgs = [None] + [m for m in mentions if m.label == "ORG"]
    for person in (m for m in mentions if m.label == "PERSON"):
        for title in (m for m in mentions if m.label == "TITLE"):
            for org in orgs:
                yield person, title, org


def rule_posts(sentence: Sentence) -> list[tuple[Mention, list[Post]]]:
    """Posts the chain rules find on the gold mentions (no journalist default org)."""
    found = []
    for chain in chains(sentence.mentions, sentence.text):
        found.extend(posts_in_chain(chain, sentence.text, set()))
        found.extend(posts_after_name(chain, sentence.text))
    return found


def as_triples(found: list[tuple[Mention, list[Post]]], sentence: Sentence) -> set[Triple]:
    return {triple(person, *post_mentions(person, post, sentence.mentions)) for person, posts in found for post in posts}


def rule_triples(sentence: Sentence) -> set[Triple]:
    return as_triples(rule_posts(sentence), sentence)


def classifier_triples(sentence: Sentence, scorer: PairScorer) -> set[Triple]:
    """Classifier alone: each (person, title) with its best organisation option, if above threshold."""
    return {triple(person, title, org) for person, title, org, p in scorer.best_pairings(sentence.mentions, sentence.text)
            if p >= scorer.threshold}


def combined_triples(sentence: Sentence, scorer: PairScorer) -> set[Triple]:
    """Rules rescored by the classifier, plus the pairings it adds, as the relation stage does."""
    return as_triples(scorer.rescore(rule_posts(sentence), sentence.mentions, sentence.text)[0], sentence)


def make_pipeline(c: float = 1.0) -> Pipeline:
    """Feature dicts → one-hot vector → logistic regression."""
    return Pipeline([("vectorize", DictVectorizer()),
                     ("classify", LogisticRegression(C=c, max_iter=2000, random_state=SEED))])


def training_rows(sentences: list[Sentence]) -> tuple[list[dict[str, float]], list[int]]:
    """Features and labels of every candidate of the sentences."""
    x, y = [], []
    for s in sentences:
        for _lo, _hi, mentions in clauses_of(s.mentions, s.text):
            for person, title, org in candidates(mentions):
                x.append(pair_features(person, title, org, mentions, s.text))
                y.append(int(triple(person, title, org) in s.gold))
    return x, y


def to_scorer(pipeline: Pipeline, **thresholds: float) -> PairScorer:
    """The fitted pipeline as the plain scorer the relation stage loads."""
    names = pipeline.named_steps["vectorize"].get_feature_names_out()
    model = pipeline.named_steps["classify"]
    return PairScorer(dict(zip(names, model.coef_[0].tolist())), float(model.intercept_[0]), **thresholds)


def save(scorer: PairScorer, out: Path = RELATION_MODEL_DIR) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    names = sorted(scorer.weights)
    data = {"features": names, "coef": [round(scorer.weights[n], 6) for n in names],
            "intercept": round(scorer.intercept, 6),
            "threshold": scorer.threshold, "keep": scorer.keep, "add": scorer.add}
    path = out / "model.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return path


def prf(predicted: set, gold: set) -> dict[str, float]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "tp": tp, "predicted": len(predicted), "gold": len(gold)}


def score_system(sentences: list[Sentence], system: Callable[[Sentence], set[Triple]]) -> dict[str, dict]:
    """Micro P/R/F1 on triples with an organisation, and on (person, post) pairs."""
    predicted, gold = set(), set()
    for i, s in enumerate(sentences):
        predicted |= {(i, t) for t in system(s)}
        gold |= {(i, t) for t in s.gold}
    return {"triples": prf(*({(i, t) for i, t in ts if t[2] is not None} for ts in (predicted, gold))),
            "posts": prf(*({(i, t[:2]) for i, t in ts} for ts in (predicted, gold)))}


def compare(sentences: list[Sentence], scorer_of: Callable[[Sentence], PairScorer]) -> dict[str, dict]:
    """Rules alone, classifier alone and rules with the classifier, on all sentences and per corpus."""
    systems = {"rules": rule_triples, "classifier": lambda s: classifier_triples(s, scorer_of(s)),
               "combined": lambda s: combined_triples(s, scorer_of(s))}
    parts = {"all": sentences, **{c: [s for s in sentences if s.corpus == c] for c in CORPORA}}
    return {part: {name: score_system(group, system) for name, system in systems.items()}
            for part, group in parts.items()}


def evaluate(scorer: Optional[PairScorer] = None, sentences: Optional[list[Sentence]] = None) -> dict:
    """Dev P/R/F1 of the rules alone, the classifier alone and the rules with the classifier."""
    scorer = scorer or PairScorer.load()
    dev = [s for s in (sentences or load_sentences()) if s.dev]
    return {"sentences": len(dev), **compare(dev, lambda _s: scorer)}


def train(sentences: list[Sentence], c: float = 1.0, **thresholds: float) -> PairScorer:
    """Fit the scorer on the given sentences (callers pass the train split only)."""
    x, y = training_rows(sentences)
    return to_scorer(make_pipeline(c).fit(x, y), **thresholds)


def cross_validate(sentences: list[Sentence], folds: int = 5, c: float = 1.0, **thresholds: float) -> dict:
    """``folds``-fold cross-validation on the train split (how the thresholds were chosen)."""
    train_split = [s for s in sentences if not s.dev]
    fold_of = {s.key: int(s.key, 16) % folds for s in train_split}
    scorers = [train([s for s in train_split if fold_of[s.key] != fold], c, **thresholds) for fold in range(folds)]
    return {"sentences": len(train_split), **compare(train_split, lambda s: scorers[fold_of[s.key]])}


def report(results: dict) -> str:
    lines = [f"sentences: {results['sentences']}"]
    for part in ("all", *CORPORA):
        for system, units in results[part].items():
            for unit, m in units.items():
                lines.append(f"{part:<8} {system:<10} {unit:<8} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}"
                             f"  ({m['tp']}/{m['predicted']} of {m['gold']})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", action="store_true", help="only evaluate the saved model on the dev split")
    parser.add_argument("--cv", action="store_true", help="also cross-validate on the train split")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--keep", type=float, default=0.3, help="min score of a rule-found post")
    parser.add_argument("--add", type=float, default=0.5, help="min score of a pairing the rules missed")
    parser.add_argument("--out", type=Path, default=RELATION_MODEL_DIR)
    args = parser.parse_args()
    sentences = load_sentences()
    thresholds = {"keep": args.keep, "add": args.add}
    if args.cv:
        print("cross-validation on the train split\n" + report(cross_validate(sentences, c=args.c, **thresholds)))
    if args.eval:
        scorer = PairScorer.load(args.out)
    else:
        scorer = train([s for s in sentences if not s.dev], args.c, **thresholds)
        path = save(scorer, args.out)
        print(f"trained on {sum(not s.dev for s in sentences)} sentences; saved {path} ({path.stat().st_size} bytes)")
    print("dev split\n" + report(evaluate(scorer, sentences)))


if __name__ == "__main__":
    main()
