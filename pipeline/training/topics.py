"""Train and evaluate the article-topic model (models/topics/).

Usage: ``python -m pipeline.training.topics`` trains (fixed seed), writes models/topics/ and
prints dev numbers; ``python -m pipeline.training.topics --eval`` only evaluates.

Training data: the shared topic corpora mapped to the taxonomy (configs/topic_maps.json) plus
unlabelled news text (People's Daily paragraphs, MSRA sentences) labelled by the taxonomy's
keyword rules (weak supervision). Dev splits are carved by ``pipeline.corpora.is_dev`` and never
trained on; the hand-labelled People's Daily dev paragraphs are in tests/gold/topics_dev.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from sklearn.metrics import f1_score

from pipeline.corpora import PROJECT_ROOT, is_dev, read_jsonl, record_key
from pipeline.topics import DEFAULT_MODEL_DIR, TopicModel, compact, load_taxonomy, make_pipeline

MAPS_PATH = PROJECT_ROOT / "configs" / "topic_maps.json"
GOLD_PATH = PROJECT_ROOT / "tests" / "gold" / "topics_dev.jsonl"
SEED = 13


@dataclass
class Split:
    """Texts with their gold label lists (first label = main topic; others also accepted)."""

    texts: list[str] = field(default_factory=list)
    labels: list[list[str]] = field(default_factory=list)

    def add(self, text: str, labels: list[str]) -> None:
        self.texts.append(text)
        self.labels.append(labels)


def load_maps(path: Path = MAPS_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def record_text(record: dict, field_name: str = "text") -> str:
    """Text of a corpus record: ``text``, or the joined ``words`` of People's Daily."""
    value = record[field_name]
    return "".join(value) if isinstance(value, list) else value


def mapped_corpus(source: dict) -> tuple[Split, Split]:
    """(train, dev) of a labelled corpus, classes mapped to the taxonomy, unmapped dropped."""
    train, dev = Split(), Split()
    for record in read_jsonl(source["file"]):
        label = source["labels"].get(record["label"])
        if label:
            split = dev if is_dev(record_key(record), source["dev_share"]) else train
            split.add(record["text"], [label])
    return train, dev


def keyword_label(text: str, keywords: dict[str, list[str]], min_hits: int, min_margin: int) -> Optional[str]:
    """The label whose keywords occur most often, if clear enough; else None."""
    hits = Counter({label: sum(text.count(word) for word in words) for label, words in keywords.items()})
    (best, top), (_, second) = hits.most_common(2)
    return best if top >= min_hits and top - second >= min_margin else None


def weak_corpus(source: dict, keywords: dict[str, list[str]], min_hits: int, min_margin: int) -> Split:
    """Train part of an unlabelled corpus, labelled by the keyword rules (unclear texts skipped)."""
    split = Split()
    for record in read_jsonl(source["file"]):
        if is_dev(record_key(record), source["dev_share"]):
            continue
        text = record_text(record, source["text"])
        label = keyword_label(text, keywords, min_hits, min_margin)
        if label:
            split.add(text, [label])
    return split


def cap_per_label(split: Split, cap: int, seed: int) -> Split:
    """At most ``cap`` random texts per label (e.g. 文化体育 dominates the headline sets)."""
    order = list(range(len(split.texts)))
    random.Random(seed).shuffle(order)
    kept, counts = Split(), Counter()
    for i in order:
        label = split.labels[i][0]
        if counts[label] < cap:
            counts[label] += 1
            kept.add(split.texts[i], split.labels[i])
    return kept


def weak_training_data(maps: dict) -> dict[str, Split]:
    """Keyword-labelled training text per weak source."""
    keywords = {label: entry["keywords"] for label, entry in load_taxonomy().items()}
    weak = maps["weak"]
    return {name: weak_corpus(source, keywords, weak["min_hits"], weak["min_margin"])
            for name, source in weak["sources"].items()}


def hand_dev(path: Path = GOLD_PATH) -> Split:
    """Hand-labelled People's Daily dev paragraphs (ids + labels in tests/gold; text from the corpus)."""
    gold = {record["id"]: record["labels"] for record in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    split = Split()
    for record in read_jsonl(load_maps()["weak"]["sources"]["pd1998"]["file"]):
        if record["id"] in gold:
            split.add(record_text(record, "words"), gold[record["id"]])
    return split


def load_train(cap: int, seed: int) -> dict[str, Split]:
    """Training split per source (mapped corpora, then keyword-labelled), ≤ ``cap`` texts per label
    (or the source's own ``cap`` in topic_maps.json)."""
    maps = load_maps()
    splits = {name: mapped_corpus(source)[0] for name, source in maps["sources"].items()}
    splits.update(weak_training_data(maps))
    caps = {name: source.get("cap", cap) for name, source in maps["sources"].items()}
    return {name: cap_per_label(split, caps.get(name, cap), seed) for name, split in splits.items()}


def load_dev() -> dict[str, Split]:
    """Dev split per mapped corpus, plus the hand-labelled People's Daily paragraphs."""
    splits = {name: mapped_corpus(source)[1] for name, source in load_maps()["sources"].items()}
    splits["pd_hand"] = hand_dev()
    return splits


def train(train_splits: dict[str, Split], **pipeline_params) -> TopicModel:
    """Fit the pipeline on all training splits, each text weighted by its source's ``weight``."""
    maps = load_maps()
    texts, labels, weights = [], [], []
    for name, split in train_splits.items():
        texts += split.texts
        labels += [gold[0] for gold in split.labels]
        weights += [maps["sources"].get(name, {}).get("weight", 1.0)] * len(split.texts)
    pipeline = make_pipeline(**pipeline_params)
    pipeline.fit(texts, labels, clf__sample_weight=weights)
    return TopicModel(compact(pipeline))


def score(model: TopicModel, split: Split) -> dict:
    """Accuracy of the best label (correct if among the gold labels) and macro-F1 over gold labels."""
    best = [topics[0]["label"] for topics in model.predict(split.texts)]
    truth = [pred if pred in gold else gold[0] for pred, gold in zip(best, split.labels)]
    correct = sum(pred == true for pred, true in zip(best, truth))
    macro = f1_score(truth, best, labels=sorted(set(truth)), average="macro", zero_division=0)
    return {"n": len(truth), "accuracy": round(correct / len(truth), 4), "macro_f1": round(float(macro), 4)}


def evaluate(model: Optional[TopicModel] = None, dev: Optional[dict[str, Split]] = None) -> dict:
    """Print and return accuracy / macro-F1 of ``model`` (default: models/topics) per dev set."""
    model = model or TopicModel.load(DEFAULT_MODEL_DIR)
    dev = dev if dev is not None else load_dev()
    results = {name: score(model, split) for name, split in dev.items()}
    for name, numbers in results.items():
        print(f"{name:10s} n={numbers['n']:6d}  accuracy={numbers['accuracy']:.4f}  macro-F1={numbers['macro_f1']:.4f}")
    return results


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", action="store_true", help="only evaluate the saved model")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--cap", type=int, default=2500,
                        help="max training texts per label and source (unless the source sets its cap)")
    args = parser.parse_args(argv)
    if args.eval:
        evaluate(TopicModel.load(args.out))
        return
    start = time.time()
    train_splits = load_train(args.cap, SEED)
    print({name: len(split.texts) for name, split in train_splits.items()})
    model = train(train_splits, seed=SEED)
    model.save(args.out)
    print(f"trained and saved to {args.out} in {time.time() - start:.0f}s")
    evaluate(model)


if __name__ == "__main__":
    main()
