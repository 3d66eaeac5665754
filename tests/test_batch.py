"""Batch engine: resume after SIGKILL, broken inputs, workers 1 vs 2, grown folders."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import run as run_module
from pipeline.batch import batch
from pipeline.cli import main
from pipeline.corpora import PROJECT_ROOT
from pipeline.nlp import ALL_STAGES, MODELS_DIR
from pipeline.store import STORE_NAME, open_store

pytestmark = pytest.mark.skipif(
    not ((MODELS_DIR / "seg").is_dir() and (MODELS_DIR / "ner").is_dir()),
    reason=f"needs the trained models in {MODELS_DIR}/seg and {MODELS_DIR}/ner (make train, or set ZHKG_MODELS)",
)
# The topic stage joins when its model is there (it trains separately from seg and NER).
STAGES = ALL_STAGES if (MODELS_DIR / "topics").is_dir() else tuple(s for s in ALL_STAGES if s != "zhkg_topics")
PAGES = 16
QUIET = open(os.devnull, "w")  # noqa: SIM115  (progress lines are not under test)

NAMES = ["王建国", "李明华", "张卫东", "刘海洋", "陈秀英", "杨立新", "赵志刚", "黄丽萍"]
ORGS = ["自治区发展改革委", "昌吉州人民政府", "玛纳斯县教育局", "乌鲁木齐市卫生健康委"]
TITLES = ["主任", "州长", "局长", "党组书记"]
PLACES = ["呼图壁县", "阜康市", "奇台县", "吉木萨尔县"]


def page(number: int) -> str:
    """A short page dump with one news article, distinct for every number."""
    name, org = NAMES[number % len(NAMES)], ORGS[number % len(ORGS)]
    title, place = TITLES[number % len(TITLES)], PLACES[(number // 2) % len(PLACES)]
    return (
        f"本报讯 记者何龙报道：{number + 1}日，{org}{title}{name}在{place}调研春耕备耕工作，"
        f"要求切实保障和改善民生。\n\n{name}指出，要加强城乡社区养老服务网络建设，"
        f"多措并举稳就业促增收，第{number + 1}批项目要尽快落地见效。\n"
    )


def write_inputs(folder: Path, pages: range) -> Path:
    """Page files plus a JSONL file of two clean records."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in pages:
        (folder / f"page_{number:03d}.txt").write_text(page(number), encoding="utf-8")
    lines = [{"id": f"rec-{i}", "text": page(100 + i), "date": "2024-03-0{i}"} for i in (1, 2)]
    (folder / "records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines),
                                          encoding="utf-8")
    return folder


def run_batch(inputs: Path, out: Path, **options) -> dict:
    return batch([inputs], out, stages=STAGES, progress_stream=QUIET, **options)


def store_state(out: Path) -> tuple[dict[str, str], list[tuple[str, int, str]]]:
    """``{hash: status}`` of the documents and every (hash, idx, record) row."""
    with open_store(out) as store:
        documents = dict(store.db.execute("SELECT hash, status FROM documents"))
        rows = store.db.execute("SELECT doc_hash, idx, record FROM articles ORDER BY doc_hash, idx").fetchall()
    return documents, rows


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("inputs"), range(PAGES))


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory) -> Path:
    """An uninterrupted run with one worker (in this process, the pipeline loaded once)."""
    out = tmp_path_factory.mktemp("reference")
    summary = run_batch(inputs, out, batch_size=4)
    assert summary["counts"]["processed"] == PAGES + 2 and summary["counts"]["failed"] == 0
    return out


def done_count(database: Path) -> int:
    """Finished documents, read while the writer runs (0 before the tables exist)."""
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM documents WHERE status = 'done'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def kill_mid_run(inputs: Path, out: Path, timeout: float = 120.0) -> int:
    """Start ``zhkg batch`` and SIGKILL it once some documents are done; return how many."""
    command = [sys.executable, "-m", "pipeline.cli", "batch", str(inputs), "--out", str(out),
               "--batch-size", "1", "--stages", ",".join(STAGES)]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while done_count(out / STORE_NAME) < 3 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return done_count(out / STORE_NAME)


def test_resume_after_sigkill_matches_uninterrupted_run(inputs, reference, tmp_path):
    out = tmp_path / "killed"
    done = kill_mid_run(inputs, out)
    assert 0 < done < PAGES + 2, f"the kill should land mid-run ({done} of {PAGES + 2} done)"

    summary = run_batch(inputs, out, batch_size=4)

    assert summary["counts"]["skipped"] == done
    assert summary["counts"]["processed"] == PAGES + 2 - done
    assert store_state(out) == store_state(reference)
    documents, rows = store_state(out)
    assert len({(h, i) for h, i, _ in rows}) == len(rows) and set(documents.values()) == {"done"}
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert graph == json.loads((reference / "graph.json").read_text(encoding="utf-8"))


def test_records_identical_with_one_and_two_workers(inputs, reference, tmp_path):
    summary = run_batch(inputs, tmp_path / "two", workers=2, batch_size=4)

    assert summary["counts"]["processed"] == PAGES + 2
    assert store_state(tmp_path / "two") == store_state(reference)


def blas_threads(chunk: list) -> list[int]:
    """Task for a pool worker: the thread count of each BLAS library it has loaded."""
    from threadpoolctl import threadpool_info

    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_spawned_workers_keep_blas_to_one_thread():
    from pipeline.workers import WorkerPool

    pool = WorkerPool(2, (), str(MODELS_DIR), blas_threads, lambda chunk, exc: [])
    threads = [n for result in pool.map([[1], [2]]) for n in result]
    assert threads and set(threads) == {1}  # two workers of two BLAS threads each would contend for two cores


def test_rerun_on_grown_folder_processes_only_the_new_file(inputs, reference, tmp_path):
    out = tmp_path / "grown"
    shutil.copytree(reference, out)
    grown = write_inputs(tmp_path / "grown_inputs", range(PAGES + 1))  # one page more
    (grown / "copy_of_page_000.txt").write_text(page(0), encoding="utf-8")  # same text: skipped

    summary = run_batch(grown, out, batch_size=4)

    assert (summary["counts"]["processed"], summary["counts"]["skipped"]) == (1, PAGES + 3)
    assert summary["store"]["done"] == PAGES + 3


def test_rerun_drops_documents_edited_or_deleted_since(tmp_path):
    folder = write_inputs(tmp_path / "inputs", range(3))
    out = tmp_path / "out"
    run_batch(folder, out)
    (folder / "page_001.txt").write_text(page(40), encoding="utf-8")  # edited
    (folder / "page_002.txt").unlink()  # deleted

    summary = run_batch(folder, out)

    assert (summary["counts"]["processed"], summary["counts"]["dropped"]) == (1, 2)
    with open_store(out) as store:
        sources = sorted(Path(doc["source"]).name for doc in store.records())
        texts = " ".join(doc["text"] for doc in store.records())
    assert sources == ["page_000.txt", "page_001.txt", "records.jsonl", "records.jsonl"]
    assert "第41批" in texts and "第2批" not in texts and "第3批" not in texts


def test_the_paper_named_for_a_batch_replaces_this_paper(tmp_path):
    folder = write_inputs(tmp_path / "inputs", range(1))
    run_batch(folder, tmp_path / "out", paper="昌吉日报")
    with open_store(tmp_path / "out") as store:
        journalists = {(r["person"], r["org"]) for doc in store.records() for r in doc["relations"] if r["title"].endswith("记者")}
    assert journalists == {("何龙", "昌吉日报")}


def test_export_rebuilds_the_graph_from_the_store(reference, tmp_path):
    assert main(["export", str(reference), "--out", str(tmp_path), "--format", "json"]) == 0
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == (reference / "graph.json").read_text(encoding="utf-8")


def test_broken_inputs_are_recorded_and_retried(tmp_path, monkeypatch):
    folder = write_inputs(tmp_path / "inputs", range(3))
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bad_encoding.txt").write_bytes("中文".encode() + b"\xff\xff" + "文本".encode())
    with (folder / "records.jsonl").open("a", encoding="utf-8") as lines:
        lines.write('{"id": "broken", "text": \n')
    (folder / "stage_bug.txt").write_text(page(50), encoding="utf-8")
    real_record = run_module.article_record

    def buggy_record(article, doc, meta, headline=None):  # a bug in a stage, hit by one document only
        if article.source.endswith("stage_bug.txt"):
            raise KeyError("simulated stage bug")
        return real_record(article, doc, meta, headline)

    monkeypatch.setattr(run_module, "article_record", buggy_record)
    out = tmp_path / "out"
    stages = ["--stages", ",".join(STAGES)]
    assert main(["batch", str(folder), "--out", str(out), "--batch-size", "8", *stages]) == 1
    with open_store(out) as store:
        assert store.counts()["done"] == 5  # three pages and two JSONL records
        errors = {Path(f["source"]).name: f["error"] for f in store.failures()}
    assert set(errors) == {"binary.txt", "empty.txt", "bad_encoding.txt", "records.jsonl", "stage_bug.txt"}
    assert "simulated stage bug" in errors["stage_bug.txt"] and "cannot decode" in errors["bad_encoding.txt"]

    (folder / "bad_encoding.txt").write_text(page(60), encoding="utf-8")  # fixed between runs
    monkeypatch.setattr(run_module, "article_record", real_record)  # and the bug too
    assert main(["batch", str(folder), "--out", str(out), *stages]) == 1  # binary, empty, bad line remain
    with open_store(out) as store:
        assert store.counts()["done"] == 7
        assert {Path(f["source"]).name for f in store.failures()} == {"binary.txt", "empty.txt", "records.jsonl"}
