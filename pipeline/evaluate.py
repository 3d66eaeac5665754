"""``make eval``: precision / recall / F1 per stage on dev splits and on the seed page gold.

Dev splits are carved from ../shared/corpora by a stable hash (never trained on); the seed
gold is hand-written in ``tests/gold``. Sections needing ../shared are skipped with a note
when it is absent.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterable

from pipeline.corpora import PROJECT_ROOT, CorporaMissing, read_jsonl
from pipeline.facts import load_json

GOLD = PROJECT_ROOT / "tests" / "gold"
SEED = PROJECT_ROOT / "seeds" / "000_2c208e8a64df7321.txt"


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": n_gold, "pred": n_pred}


def multiset_prf(pred: Counter, gold: Counter) -> dict:
    return prf(sum((pred & gold).values()), sum(pred.values()), sum(gold.values()))


def word_spans(words: Iterable[str]) -> set[tuple[int, int]]:
    spans, start = set(), 0
    for word in words:
        spans.add((start, start + len(word)))
        start += len(word)
    return spans


def show(title: str, rows: dict) -> None:
    print(f"\n== {title}")
    for name, m in rows.items():
        if isinstance(m, dict) and "f1" in m:
            print(f"  {name:<28} P {m['p']:.4f}  R {m['r']:.4f}  F1 {m['f1']:.4f}  (gold {m['gold']}, pred {m['pred']})")
        else:
            print(f"  {name:<28} {m}")


# --- segmentation -----------------------------------------------------------------------


def segmentation_scores(nlp, sentences: list[list[str]]) -> dict:
    """Word P/R/F1 of the tokenizer against gold word lists."""
    tp = n_pred = n_gold = 0
    texts = ["".join(words) for words in sentences]
    for words, doc in zip(sentences, nlp.pipe(texts)):
        gold = word_spans(words)
        pred = {(t.idx, t.idx + len(t)) for t in doc}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    return prf(tp, n_pred, n_gold)


def baseline_scores(model_dir: Path, sentences: list[list[str]]) -> dict:
    """Word P/R/F1 of a plain pkuseg model (e.g. pkuseg's shipped mixed model)."""
    import spacy_pkuseg

    seg = spacy_pkuseg.pkuseg(str(model_dir), user_dict=None)
    tp = n_pred = n_gold = 0
    for words in sentences:
        gold, pred = word_spans(words), word_spans(seg.cut("".join(words)))
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    return prf(tp, n_pred, n_gold)


def boundary_share(nlp, records: list[dict]) -> dict:
    """Share of gold entity boundaries (start and end) that fall on token boundaries."""
    hits = total = 0
    texts = [r["text"] for r in records]
    for record, doc in zip(records, nlp.pipe(texts)):
        cuts = {t.idx for t in doc} | {len(doc.text)}
        for start, end, *_ in record["entities"]:
            total += 2
            hits += (start in cuts) + (end in cuts)
    return {"boundaries_on_tokens": round(hits / total, 4) if total else 0.0, "entities": total // 2}


def evaluate_segmentation() -> dict:
    from pipeline.nlp import load_pipeline
    from pipeline.training.seg import gold_sentences

    results = {}
    nlp = load_pipeline(stages=())
    dev = list(gold_sentences("dev"))
    results["pd1998 dev (PKU standard)"] = segmentation_scores(nlp, dev)
    weibo = [r["words"] for r in read_jsonl("nlpcc2016_weibo_dev.jsonl")]
    results["nlpcc2016 weibo dev"] = segmentation_scores(nlp, weibo)
    for name in ("msra", "cluener"):
        records = dev_records(name)
        results[f"{name} dev entity boundaries"] = boundary_share(nlp, records)
    mixed = PROJECT_ROOT / "build" / "pkuseg_mixed"
    if mixed.exists():
        results["pd1998 dev, pkuseg mixed (baseline)"] = baseline_scores(mixed, dev)
    else:
        results["pkuseg mixed baseline"] = "not fetched (make baseline-seg)"
    nlp.tokenizer.pkuseg_update_user_dict([], reset=True)
    results["pd1998 dev, no user dict"] = segmentation_scores(nlp, dev)
    results["msra dev boundaries, no user dict"] = boundary_share(nlp, dev_records("msra"))
    show("segmentation", results)
    return results


# --- NER --------------------------------------------------------------------------------


def dev_records(source: str) -> list[dict]:
    """Dev records of an NER corpus as {"text", "entities": [(start, end, label)]} (our labels)."""
    from pipeline.training.ner_data import corpus_examples

    maps = load_json("ner_labels.json")["sources"]
    return [
        {"text": text, "entities": [(s, e, label) for s, e, label in ents if label]}
        for dev, text, ents in corpus_examples(source, maps)
        if dev
    ]


def span_scores(pred: list[set], gold: list[set], labels: Iterable[str]) -> dict:
    """Exact-span P/R/F1 per label and micro over ``labels``."""
    out = {}
    labels = list(labels)
    for label in labels + ["micro"]:
        keep = set(labels) if label == "micro" else {label}
        p = [{s for s in doc if s[2] in keep} for doc in pred]
        g = [{s for s in doc if s[2] in keep} for doc in gold]
        out[label] = prf(sum(len(a & b) for a, b in zip(p, g)), sum(map(len, p)), sum(map(len, g)))
    return out


def evaluate_ner() -> dict:
    from pipeline.nlp import load_pipeline

    nlp = load_pipeline(stages=("zhkg_ner",))
    ner = nlp.get_pipe("zhkg_ner")
    maps = load_json("ner_labels.json")["sources"]
    results = {}
    for source, spec in maps.items():
        records = dev_records(source)
        labels = sorted(set(spec["labels"].values()))
        gold = [set(r["entities"]) for r in records]
        texts = [r["text"] for r in records]
        combined = [{(e.start_char, e.end_char, e.label_) for e in doc.ents} for doc in nlp.pipe(texts)]
        with ner.char_nlp.select_pipes(disable=["gazetteer"]):
            alone = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in ner.char_nlp.pipe(texts)]
        for mode, pred in (("model+rules", combined), ("model alone", alone)):
            scores = span_scores(pred, gold, labels)
            results[f"{source} {mode}"] = scores
            show(f"NER {source} dev ({mode}, labels {'/'.join(labels)})", scores)
    return results


# --- seed page --------------------------------------------------------------------------


def seed_records() -> list[dict]:
    """Run the whole pipeline on the seed page; the article records in page order."""
    from pipeline.articles import split_page
    from pipeline.ingest import SourceDoc, iter_inputs
    from pipeline.nlp import load_pipeline
    from pipeline.run import annotated_articles

    nlp = load_pipeline()
    doc = next(d for d in iter_inputs([SEED]) if isinstance(d, SourceDoc))
    articles = split_page(doc)
    return [record for record, _ in annotated_articles(nlp, ((a.text, (a, {})) for a in articles))]


def evaluate_seed() -> dict:
    records = seed_records()
    gold_ents = json.loads((GOLD / "seed_entities.json").read_text(encoding="utf-8"))
    gold_rels = json.loads((GOLD / "seed_relations.json").read_text(encoding="utf-8"))
    results = {}
    for label in ("PERSON", "TITLE", "ORG", "LOC"):
        pred, gold = Counter(), Counter()
        for number, record in enumerate(records, 1):
            pred.update({(number, e["text"]) for e in record["entities"] if e["label"] == label})
            gold.update({(number, t) for l, t in gold_ents.get(str(number), []) if l == label})
        results[f"entities {label}"] = multiset_prf(pred, gold)
    pred = Counter({(n, r["person"], r["title"], r["org"]) for n, rec in enumerate(records, 1) for r in rec["relations"]})
    gold = Counter({(int(n), *t) for n, triples in gold_rels.items() if not n.startswith("_") for t in triples})
    results["relations (person, title, org)"] = multiset_prf(pred, gold)
    results["missed triples"] = sorted(gold - pred)
    results["extra triples"] = sorted(pred - gold)
    gold_roles = json.loads((GOLD / "seed_roles.json").read_text(encoding="utf-8"))
    pred = Counter({(n, e["text"], e.get("role")) for n, rec in enumerate(records, 1) for e in rec["entities"] if e["label"] == "PERSON"})
    gold = Counter({(int(n), name, role) for n, roles in gold_roles.items() if not n.startswith("_") for name, role in roles.items()})
    results["person roles (official, journalist, other)"] = multiset_prf(pred, gold)
    results["topics"] = [(n, (r["topics"] or [{}])[0].get("label")) for n, r in enumerate(records, 1)]
    show("seed page (hand-written gold in tests/gold)", results)
    return results


def evaluate_relations() -> dict:
    """Pairing of gold entities on the hand-annotated dev sentences (CLUENER, Resume)."""
    from pipeline.training import relations

    results = relations.evaluate()
    print("\n== relations dev (own annotations on CLUENER / Resume sentences, gold entities)")
    print(relations.report(results))
    return results


DUIE_POSTS = ("董事长", "校长")  # DuIE predicates that are posts (organisation → person)


def found_in(gold: tuple[str, str, str], relations: list[dict]) -> bool:
    """A DuIE (person, post, organisation) triple among the pipeline's relations: same person,
    a title holding the post, an organisation holding the gold one or held by it."""
    person, post, org = gold
    return any(r["person"] == person and post in r["title"] and r["org"] and (org in r["org"] or r["org"] in org)
               for r in relations)


def evaluate_duie() -> dict:
    """Outside check of the whole pipeline, not tuned on: recall of DuIE 2.0's 董事长 / 校长
    triples (dev sample). DuIE also labels relations the sentence does not state, and
    nothing else, so precision cannot be read off it."""
    from pipeline.nlp import load_pipeline

    records = [r for r in read_jsonl("duie2_sample_dev.jsonl")
               if any(x["predicate"] in DUIE_POSTS for x in r["relations"])]
    nlp = load_pipeline(stages=("zhkg_ner", "zhkg_relations"))
    found = total = 0
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records)):
        gold = {(x["object"], x["predicate"], x["subject"]) for x in record["relations"] if x["predicate"] in DUIE_POSTS}
        found += sum(found_in(g, doc._.relations) for g in gold)
        total += len(gold)
    results = {"recall": round(found / total, 4), "found": found, "gold": total, "sentences": len(records)}
    show("relations, outside check (DuIE 2.0 dev sample, 董事长/校长 triples, whole pipeline)", results)
    return results


def pd_relation_gold() -> list[tuple[str, set[tuple[str, str, str]]]]:
    """People's Daily dev paragraphs with their hand-written (person, post, organisation)
    triples. The gold file holds paragraph ids and offsets only; the text is read from
    ../shared, and an organisation may join pieces (黑龙江 + 省政协)."""
    from pipeline.repair import normalize_width

    lines = (GOLD / "pd_relations_dev.jsonl").read_text(encoding="utf-8").splitlines()
    gold = {record["id"]: record["relations"] for record in map(json.loads, lines)}
    paragraphs = []
    for record in read_jsonl("pd1998_jan_full_train.jsonl"):
        if record["id"] in gold:
            text = "".join(normalize_width(w) for w in record["words"])
            triples = {(text[slice(*g["person"])], text[slice(*g["title"])], "".join(text[s:e] for s, e in g["org"]))
                       for g in gold[record["id"]]}
            paragraphs.append((text, triples))
    return paragraphs


def holds(gold: tuple[str, str, str], relation: dict, expand) -> bool:
    """A relation states the gold triple: same person, the post (or a post ending with it:
    政协主席 for 主席), an organisation holding the gold one as written or expanded (中宣部 →
    中共中央宣传部)."""
    person, post, org = gold
    title = relation["title_norm"]
    return (relation["person"] == person and (title.endswith(post) or post.endswith(title))
            and (org in relation["org"] or expand(org) in relation["org"]))


def evaluate_pd_relations() -> dict:
    """Whole pipeline on 68 People's Daily dev paragraphs that name a person and a post, against
    the triples they state (hand-written before the pipeline was run on them)."""
    from pipeline.nlp import load_pipeline
    from pipeline.relations import OrgResolver

    paragraphs = pd_relation_gold()
    expand = OrgResolver().expand_short_form
    nlp = load_pipeline(stages=("zhkg_ner", "zhkg_relations"))
    right_pred = n_pred = found = n_gold = 0
    for (_text, gold), doc in zip(paragraphs, nlp.pipe(text for text, _ in paragraphs)):
        relations = doc._.relations
        n_pred, n_gold = n_pred + len(relations), n_gold + len(gold)
        right_pred += sum(any(holds(g, r, expand) for g in gold) for r in relations)
        found += sum(any(holds(g, r, expand) for r in relations) for g in gold)
    results = {"p": round(right_pred / max(n_pred, 1), 4), "r": round(found / max(n_gold, 1), 4),
               "predicted": n_pred, "gold": n_gold, "paragraphs": len(paragraphs)}
    results["f1"] = round(2 * results["p"] * results["r"] / max(results["p"] + results["r"], 1e-9), 4)
    show("relations, whole pipeline (People's Daily dev paragraphs, hand-written triples)", results)
    return results


def main() -> None:
    sections = {"segmentation": evaluate_segmentation, "ner": evaluate_ner}
    report = {}
    for name, evaluate in sections.items():
        try:
            report[name] = evaluate()
        except CorporaMissing as exc:
            print(f"\n== {name}: skipped ({exc})")
    from pipeline.training.topics import evaluate as evaluate_topics

    for name, evaluate in (("relations", evaluate_relations), ("pd_relations", evaluate_pd_relations),
                           ("duie", evaluate_duie), ("topics", evaluate_topics)):
        try:
            report[name] = evaluate()
        except CorporaMissing as exc:
            print(f"\n== {name}: skipped ({exc})")
    report["seed"] = evaluate_seed()
    out = PROJECT_ROOT / "build" / "eval.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"\nwritten {out.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
