"""Convert the shared NER corpora into character-level spaCy DocBins with our four labels.

Usage: ``python -m pipeline.training.ner_data --out build/ner``

Label maps live in ``configs/ner_labels.json``. Corpora label different things, so labels a
corpus does not annotate are *missing*, not *outside*: in sources without TITLE (MSRA,
People's Daily) every occurrence of a curated post, or of a string the TITLE corpora label
as a post at least twice, is marked missing, and spans of labels
outside our scheme that may hide ours (CLUENER scene, Resume CONT) are missing too; labels
that hold none of ours (CLUENER book/game/movie) are outside (``outside`` in the map).
Overlapping gold spans (which a flat tagger cannot learn) are counted and reported.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Iterator

import spacy
from spacy.tokens import Doc, DocBin, Span

from pipeline.corpora import is_dev, read_jsonl, record_key
from pipeline.facts import CONFIGS, load_json, posts, surnames
from pipeline.repair import normalize_width

Entity = tuple[int, int, str]  # char start, char end (exclusive), label; label "" = missing


def persons_of_name_run(words: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The persons of a run of ``nr`` tokens (token offsets): the corpus joins adjacent names
    into one run (本报记者|严 正 孙 勇军), but each person is a surname token with its given
    name, so a surname token starts a new person once the current one has a given name and
    another token follows (陈 方 安生 stays one: 方 is its given name)."""
    persons, begin = [], start
    for i in range(start + 1, end - 1):
        if words[i] in surnames() and i - begin >= 2 - (words[begin] not in surnames()):
            persons.append((begin, i))
            begin = i
    return persons + [(begin, end)]


def char_spans_of_pd(record: dict, spec: dict) -> tuple[str, list[Entity]]:
    """Text and character entities of a People's Daily paragraph (token offsets → chars);
    a run of names is split into its persons (``persons_of_name_run``)."""
    words = [normalize_width(w) for w in record["words"]]
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word))
    spans = [(a, b, label) for s, e, label in record["entities"]
             for a, b in (persons_of_name_run(words, s, e) if label == "nr" else [(s, e)])]
    entities = [(starts[s], starts[e], spec["labels"].get(label, "")) for s, e, label in spans]
    return "".join(words), entities


def char_spans_of_span_corpus(record: dict, spec: dict) -> tuple[str, list[Entity]]:
    """Text and entities of a span corpus (MSRA, CLUENER, Resume); unmapped labels → missing."""
    outside = set(spec.get("outside", []))
    entities = [
        (s, e, spec["labels"].get(label, ""))
        for s, e, label, _ in record["entities"]
        if label not in outside
    ]
    return normalize_width(record["text"]), entities


def corpus_titles(maps: dict, min_count: int = 2) -> set[str]:
    """Strings labelled TITLE at least ``min_count`` times in the training part of the corpora
    that annotate TITLE (CLUENER, Resume): their occupations (专家, 教练, 总统) are posts too."""
    counts: Counter = Counter()
    for source, spec in maps.items():
        if "TITLE" in spec["labels"].values():
            for dev, text, entities in corpus_examples(source, maps):
                if not dev:
                    counts.update(text[s:e] for s, e, label in entities if label == "TITLE")
    return {title for title, n in counts.items() if n >= min_count and len(title) >= 2}


def post_pattern(titles: set[str]) -> re.Pattern:
    """Regex matching any curated post or any of ``titles``, longest first."""
    return re.compile("|".join(sorted(map(re.escape, posts() | titles), key=len, reverse=True)))


def to_doc(
    nlp, text: str, entities: list[Entity], mask_posts: re.Pattern | None, stats: Counter
) -> Doc:
    """Character doc with entities set and missing spans marked missing."""
    doc = nlp.make_doc(text)
    ents, missing, taken = [], [], set()
    for start, end, label in sorted(entities, key=lambda x: (x[0], -x[1])):
        if taken.intersection(range(start, end)):
            stats["overlapping_dropped"] += 1
            continue
        taken.update(range(start, end))
        (ents if label else missing).append(Span(doc, start, end, label=label or "MISSING"))
        if label:
            stats[label] += 1
    if mask_posts is not None:
        for m in mask_posts.finditer(text):
            if not taken.intersection(range(m.start(), m.end())):
                taken.update(range(m.start(), m.end()))
                missing.append(Span(doc, m.start(), m.end()))
                stats["title_masked_missing"] += 1
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def corpus_examples(source: str, maps: dict) -> Iterator[tuple[bool, str, list[Entity]]]:
    """Yield (is_dev, text, entities) for one corpus, following its label map."""
    spec = maps[source]
    share = spec.get("dev_share")
    for record in read_jsonl(spec["file"]):
        if spec["format"] == "pd":
            text, entities = char_spans_of_pd(record, spec)
        else:
            text, entities = char_spans_of_span_corpus(record, spec)
        if text.strip():
            dev = spec.get("dev_file") is None and is_dev(record_key(record), share)
            yield dev, text, entities
    if spec.get("dev_file"):
        for record in read_jsonl(spec["dev_file"]):
            text, entities = char_spans_of_span_corpus(record, spec)
            yield True, text, entities


def convert(out: Path) -> dict:
    """Write ``train.spacy`` and one ``dev/<source>.spacy`` per corpus into ``out``."""
    import pipeline.ner  # noqa: F401  (registers the character tokenizer)

    maps = load_json("ner_labels.json")["sources"]
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhkg.char_bigrams.v1"}}})
    pattern = post_pattern(corpus_titles(maps))
    (out / "dev").mkdir(parents=True, exist_ok=True)
    train_bin = DocBin(attrs=["ENT_IOB", "ENT_TYPE"])
    report = {}
    for source, spec in maps.items():
        dev_bin = DocBin(attrs=["ENT_IOB", "ENT_TYPE"])
        stats: Counter = Counter()
        mask = pattern if "TITLE" not in spec["labels"].values() else None
        for dev, text, entities in corpus_examples(source, maps):
            doc = to_doc(nlp, text, entities, mask, stats)
            (dev_bin if dev else train_bin).add(doc)
            stats["dev_docs" if dev else "train_docs"] += 1
        dev_bin.to_disk(out / "dev" / f"{source}.spacy")
        report[source] = dict(stats)
        print(source, dict(stats), flush=True)
    train_bin.to_disk(out / "train.spacy")
    (out / "conversion.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return report


def write_common_surnames(path: Path, min_count: int = 10) -> list[str]:
    """Write the surnames that really start names in news: every compound surname, and each
    single one that starts at least ``min_count`` PERSON names (2+ characters) in the MSRA and
    People's Daily training splits. The full list holds function words (表, 但, 所 …) that the
    name rules would otherwise take for surnames (负责人|表示 → PERSON 表示)."""
    maps = load_json("ner_labels.json")["sources"]
    starts: Counter = Counter()
    for source in ("msra", "pd1998"):
        for dev, text, entities in corpus_examples(source, maps):
            if not dev:
                starts.update(text[s] for s, e, label in entities if label == "PERSON" and e - s >= 2)
    kept = [name for name in sorted(surnames()) if len(name) > 1 or starts[name] >= min_count]
    header = [
        "# Surnames of surnames.txt that start names in news: all compound ones, and single ones that",
        f"# start at least {min_count} PERSON names in the MSRA and People's Daily training splits.",
        "# Written by `python -m pipeline.training.ner_data --surnames` (needs ../shared/corpora).",
    ]
    path.write_text("\n".join(header + kept) + "\n", encoding="utf-8")
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/ner"))
    parser.add_argument("--surnames", action="store_true", help="only write configs/common_surnames.txt")
    args = parser.parse_args()
    if args.surnames:
        print(len(write_common_surnames(CONFIGS / "common_surnames.txt")), "common surnames")
    else:
        convert(args.out)


if __name__ == "__main__":
    main()
