"""Run the stages end to end: inputs → articles → spaCy pipeline → records → graph exports.

``annotate`` serves the evaluation contract (clean texts in, one record per line out);
``run`` processes page dumps, folders and JSONL into ``articles.jsonl``, the graph exports
and ``run.json``. Every output file is written to a temporary name and renamed when done.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from contextlib import contextmanager
from dataclasses import asdict
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from pipeline.articles import Article, split_page
from pipeline.corpora import PROJECT_ROOT
from pipeline.export import FORMATS, temporary, write_exports
from pipeline.facts import load_json, surnames
from pipeline.graph import build_graph
from pipeline.ingest import InputFailure, iter_inputs
from pipeline.nlp import ALL_STAGES, MODELS_DIR
from pipeline.workers import in_memory_zones, run_chunks, worker_pipeline

PACKAGES = ("zhkg", "spacy", "spacy-pkuseg", "networkx", "scikit-learn", "numpy")


def doc_record(doc: Doc) -> dict:
    """The annotation of one doc: tokens, entities, places, organisations, relations, topics."""
    return {
        "tokens": [t.text_with_ws for t in doc],
        "entities": [entity_record(e) for e in doc.ents],
        "places": doc._.places or [],
        "organizations": doc._.organizations or [],
        "relations": doc._.relations or [],
        "topics": (doc._.topics if Doc.has_extension("topics") else None) or [],  # None: stage not loaded
    }


def entity_record(ent) -> dict:
    record = {"start": ent.start_char, "end": ent.end_char, "label": ent.label_, "text": ent.text}
    if ent.label_ == "PERSON":
        record["role"] = ent._.role or "other"
    return record


@contextmanager
def atomic_text(path: Path) -> Iterator:
    """Open ``path`` for writing through a temporary file renamed into place on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(path)
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            yield handle
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_jsonl_line(handle, record: dict) -> None:
    handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def annotate(in_path: Path, out_path: Path, stages: Sequence[str] = ALL_STAGES, workers: int = 1,
             models: Path = MODELS_DIR, chunk_size: int = 128) -> int:
    """Annotate a JSONL of clean ``{"id","text"}`` lines; return the number of failed lines.

    Each input line gives exactly one output line in the same order; a line that cannot be
    read or annotated gives ``{"id", "error"}`` and the others go on. ``workers`` > 1 runs
    the pipeline in that many processes, forked once it is loaded here, on chunks of
    ``chunk_size`` lines (same output).
    """
    failures = 0
    chunks = minibatch(input_lines(in_path), chunk_size)
    with atomic_text(out_path) as out:
        for records in run_chunks(annotate_lines, lost_lines, chunks, workers, tuple(stages), models, fork=True):
            for record in records:
                failures += "error" in record
                write_jsonl_line(out, record)
    return failures


def input_lines(path: Path) -> Iterator[dict]:
    """``{"id","text"}`` per JSONL line, or ``{"id": None, "error"}`` naming the bad line."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
                if not isinstance(record.get("text"), str):
                    raise ValueError("missing 'text'")
                paper = {"paper": record["paper"]} if record.get("paper") else {}
                yield {"id": record.get("id"), "text": record["text"], **paper}
            except (ValueError, AttributeError) as exc:
                yield {"id": None, "error": f"{path}:{number}: {exc}"}


def annotate_lines(lines: list[dict]) -> list[dict]:
    """Task: a chunk of input lines through one ``nlp.pipe``; if that fails, line by line."""
    nlp = worker_pipeline()
    return in_memory_zones(nlp, partial(annotated, nlp), failed_line, lines)


def annotated(nlp: Language, lines: list[dict]) -> list[dict]:
    """Each line with its ``doc_record``; error lines as they are."""
    docs = ((paper_doc(nlp, line["text"], line.get("paper")), number) for number, line in enumerate(lines) if "error" not in line)
    records = list(lines)
    for doc, number in nlp.pipe(docs, as_tuples=True):
        records[number] = with_paper({**lines[number], **doc_record(doc)}, lines[number].get("paper"))
    return records


def failed_line(line: dict, exc: BaseException) -> dict:
    return {"id": line.get("id"), "error": f"{type(exc).__name__}: {exc}"}


def lost_lines(lines: list[dict], exc: BaseException) -> list[dict]:
    """A chunk whose worker died: every line gets the error."""
    return [failed_line(line, exc) for line in lines]


BYLINE_ORG = {"name": "本报", "written": ["本报"], "type": "media", "parent": None, "place": None, "place_code": None}


def byline_relations(byline: str) -> list[dict]:
    """Journalists named in a byline printed apart from the text (□本报记者 何龙摄)."""
    rules = load_json("relation_rules.json")
    titles = "|".join(sorted(rules["journalist_titles"], key=len, reverse=True))
    found = []
    for m in re.finditer(rf"(?P<title>{titles})\s*(?P<names>[\u4e00-\u9fff、\s]+?)(?:摄|报道|$)", byline):
        for name in re.split(r"[、\s]+", m.group("names")):
            if 2 <= len(name) <= 4 and (name[0] in surnames() or name[:2] in surnames()):
                start = byline.find(name, m.start("names"))
                found.append({
                    "person": name, "person_role": "journalist", "title": m.group("title").removeprefix("本报"),
                    "title_norm": m.group("title").removeprefix("本报"), "org": "本报", "org_as_written": "本报",
                    "former": False, "proposed": False, "start": start, "end": start + len(name), "evidence": byline,
                    "evidence_field": "byline", "evidence_start": 0, "evidence_end": len(byline), "confidence": 0.9,
                })
    return found


def article_record(article: Article, doc: Doc, meta: dict, headline: Doc | None = None) -> dict:
    """The articles.jsonl record of one article; ``headline`` is its headline annotated."""
    record = {**asdict(article), "date": meta.get("date") or article.date, **doc_record(doc)}
    record.pop("tokens")
    add_relations(record, byline_relations(article.byline), [BYLINE_ORG])
    if headline is not None:
        add_relations(record, headline_relations(headline), headline._.organizations or [])
    return with_paper(record, meta.get("paper") or article.paper)


def headline_relations(headline: Doc) -> list[dict]:
    """The relations a headline states (访州农业农村局局长马明辉: an interview names its subject
    only there), its whole text as their evidence."""
    return [{**relation, "evidence": headline.text, "evidence_field": "headline",
             "evidence_start": 0, "evidence_end": len(headline.text)}
            for relation in headline._.relations or []]


def add_relations(record: dict, relations: list[dict], organizations: list[dict]) -> None:
    """Add to ``record`` the ``relations`` of a byline or headline that its text does not
    state (same person and organisation), and the ``organizations`` they name that it lacks."""
    known = {(r["person"], r["org"]) for r in record["relations"]}
    extra = [r for r in relations if (r["person"], r["org"]) not in known]
    if not extra:
        return
    record["relations"] = record["relations"] + extra
    named = {r["org"] for r in extra}
    listed = {o["name"] for o in record["organizations"] or []}
    record["organizations"] = (record["organizations"] or []) + [
        dict(o) for o in organizations if o["name"] in named and o["name"] not in listed]


def with_paper(record: dict, paper: str | None) -> dict:
    """The record with 本报 ("this paper") named: the input's ``paper`` (a JSONL field or
    ``--paper``), so that the journalists of two papers are not one paper's."""
    if not paper:
        return record
    for relation in record["relations"]:
        if relation["org"] == "本报":
            relation["org"] = paper
    for org in record["organizations"] or []:
        if org["name"] == "本报":
            org["name"] = paper
    return record


def iter_articles(inputs: Iterable[Path], failures: list[dict],
                  paper: str | None = None) -> Iterator[tuple[str, tuple[Article, dict]]]:
    """Articles of every input (pages are split, JSONL records are one article each);
    ``paper`` names the paper of inputs that do not name their own."""
    for item in iter_inputs(inputs):
        if isinstance(item, InputFailure):
            failures.append({"source": item.source, "error": item.error})
            print(f"error: {item.error}", flush=True)
            continue
        try:
            articles = split_page(item)
        except Exception as exc:  # a bug on one document must not stop the batch
            failures.append({"source": item.source, "error": f"{item.source}: {type(exc).__name__}: {exc}"})
            continue
        if not articles:
            print(f"warning: {item.source}: no article text found (only headlines, labels or a folio line)", flush=True)
        for article in articles:
            yield article.text, (article, {"paper": paper, **item.meta, "encoding": item.encoding})


def annotated_articles(nlp: Language, items: Iterable[tuple[str, tuple]],
                       batch_size: int | None = None) -> Iterator[tuple[dict, tuple]]:
    """``(record, context)`` of each article of ``items`` (text, (…, article, meta)): its
    text and its headline go through one ``nlp.pipe``."""
    headline = None
    for doc, (part, context) in nlp.pipe(article_docs(nlp, items), as_tuples=True, batch_size=batch_size):
        if part == "headline":
            headline = doc
            continue
        article, meta = context[-2:]
        yield article_record(article, doc, meta, headline), context
        headline = None


def article_docs(nlp: Language, items: Iterable[tuple[str, tuple]]) -> Iterator[tuple[Doc, tuple[str, tuple]]]:
    """Each article's headline, if it has one, then its text, as Docs that know its paper
    (``doc._.paper``: the input's ``paper``, else the folio's), whose place the relation
    stage falls back on (州党委 in 昌吉日报 → 昌吉州党委); ``("headline" or "text", context)``."""
    for text, context in items:
        article, meta = context[-2:]
        paper = meta.get("paper") or article.paper
        if article.headline:
            yield paper_doc(nlp, article.headline, paper), ("headline", context)
        yield paper_doc(nlp, text, paper), ("text", context)


def paper_doc(nlp: Language, text: str, paper: str | None) -> Doc:
    """``text`` tokenised, with ``doc._.paper`` set when the relation stage reads it."""
    doc = nlp.make_doc(text)
    if Doc.has_extension("paper"):
        doc._.paper = paper
    return doc


def model_checksums(models: Path = PROJECT_ROOT / "models") -> dict[str, str]:
    """sha256 of every model file, so a run records exactly which models produced it."""
    sums = {}
    for path in sorted(p for p in models.rglob("*") if p.is_file() and p.suffix != ".md"):
        sums[str(path.relative_to(models))] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return sums


def run(nlp: Language, inputs: list[Path], out_dir: Path, formats: Iterable[str] = FORMATS,
        batch_size: int = 32, paper: str | None = None) -> dict:
    """Process ``inputs`` into ``out_dir``; return the run summary (also ``run.json``).
    ``paper`` names 本报 for inputs that do not name their paper."""
    started = time.time()
    failures: list[dict] = []
    counts = {"articles": 0, "entities": 0, "relations": 0}
    records = []
    with atomic_text(out_dir / "articles.jsonl") as out:
        for record, _context in annotated_articles(nlp, iter_articles(inputs, failures, paper), batch_size):
            write_jsonl_line(out, record)
            records.append(record)
            counts["articles"] += 1
            counts["entities"] += len(record["entities"])
            counts["relations"] += len(record["relations"])
    nlp_seconds = time.time() - started
    graph = build_graph(records)
    written = write_exports(graph, out_dir, {"json", *formats})  # graph.json: the saved graph
    summary = {
        "inputs": [str(p) for p in inputs],
        "counts": {**counts, "failures": len(failures), "nodes": graph.number_of_nodes(),
                   "edges": graph.number_of_edges()},
        "timings": {"nlp_seconds": round(nlp_seconds, 2), "total_seconds": round(time.time() - started, 2)},
        "outputs": sorted(p.name for paths in written.values() for p in paths) + ["articles.jsonl"],
        "versions": {name: version(name) for name in PACKAGES},
        "models": model_checksums(),
        "failures": failures,
    }
    with atomic_text(out_dir / "run.json") as out:
        json.dump(summary, out, ensure_ascii=False, indent=1)
    return summary
