"""Reading inputs: encodings, folders, JSONL records and one failure per bad input."""

import codecs
import json
import re
from pathlib import Path

import pytest

from pipeline.ingest import InputFailure, SourceDoc, decode_bytes, iter_inputs

TEXT = "本报讯 记者王薇报道：昌吉市棉花种植大户周炜最近忙得停不下来。\n"

ENCODED = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8-sig": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf-16-le": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf-16-be": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "gb18030": TEXT.encode("gb18030"),
}


@pytest.mark.parametrize("encoding", ENCODED)
def test_decode_bytes_reads_each_encoding_identically(encoding):
    assert decode_bytes(ENCODED[encoding]) == (TEXT, encoding)


@pytest.mark.parametrize("encoding", ENCODED)
def test_page_file_records_its_encoding(tmp_path, encoding):
    page = tmp_path / "page.txt"
    page.write_bytes(ENCODED[encoding])
    [doc] = iter_inputs([page])
    assert (doc.text, doc.encoding, doc.is_page) == (TEXT, encoding, True)


def test_decode_bytes_reads_gbk_text_as_gb18030():
    assert decode_bytes("昌吉州统计局".encode("gbk")) == ("昌吉州统计局", "gb18030")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text (binary data)"),
        (TEXT.encode("utf-16-le"), "not text (binary data)"),  # UTF-16 without a BOM
        (bytes(range(1, 32)) * 4 + "正文".encode(), "not text (binary data)"),
        (b"\xff\xfe\x00\xd8", "cannot decode as utf-16-le"),
        (b"\xff\xff\xff\x80", "cannot decode as UTF-8, UTF-16 or GB18030"),
    ],
)
def test_decode_bytes_rejects_non_text_with_a_clear_message(data, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        decode_bytes(data)


def test_decode_bytes_never_replaces_characters():
    with pytest.raises(ValueError):
        decode_bytes("昌吉".encode("utf-8")[:-1] + b"\xff")


def test_page_doc_id_is_file_stem_and_source_is_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("pages").mkdir()
    Path("pages/000_2c208e8a64df7321.txt").write_text(TEXT, encoding="utf-8")
    [doc] = iter_inputs([Path("pages")])
    assert (doc.id, doc.source) == ("000_2c208e8a64df7321", str(Path("pages/000_2c208e8a64df7321.txt")))


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_and_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    for name in ("b/2.txt", "a.txt", "c", ".hidden.txt", ".cache/x.txt", "scan.pdf", "photo.png"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert [doc.id for doc in iter_inputs([tmp_path])] == ["a", "2", "c"]


def test_jsonl_records_become_clean_article_docs(tmp_path):
    records = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "第一篇。", "title": "标题", "date": "2024-03-15"}, ensure_ascii=False),
        "",
        json.dumps({"text": "第二篇。"}, ensure_ascii=False),
    ]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second = iter_inputs([records])
    assert (first.id, first.text, first.is_page, first.meta) == ("a1", "第一篇。", False, {"title": "标题", "date": "2024-03-15"})
    assert (second.id, second.source, second.encoding) == ("news:3", str(records), "utf-8")


def test_inputs_are_streamed_as_they_are_read(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")

    def paths():
        yield page
        raise AssertionError("read ahead of the consumer")

    assert next(iter_inputs(paths())).id == "page"


def _write_bad_input(folder: Path, kind: str) -> Path:
    """Create one bad input of the given kind and return its path."""
    if kind == "binary":
        path = folder / "scan.txt"
        path.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    elif kind == "empty":
        path = folder / "blank.txt"
        path.write_bytes(b"")
    elif kind == "undecodable":
        path = folder / "broken.txt"
        path.write_bytes(b"\xff\xff\xff\x80\x80")
    elif kind == "missing":
        path = folder / "absent.txt"
    else:
        path = folder / "bad.jsonl"
        path.write_text('{"text": "好的一条。"}\n{"text": oops}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("binary", "scan.txt: not text (binary data)"),
        ("empty", "blank.txt: empty file"),
        ("undecodable", "broken.txt: cannot decode as UTF-8, UTF-16 or GB18030"),
        ("missing", "absent.txt: no such file or folder"),
        ("bad_jsonl", "bad.jsonl:2: invalid JSON: "),
    ],
)
def test_bad_input_yields_a_failure_and_other_inputs_still_come_through(tmp_path, kind, message):
    good_before, good_after = tmp_path / "before.txt", tmp_path / "after.txt"
    good_before.write_text(TEXT, encoding="utf-8")
    good_after.write_text(TEXT, encoding="utf-8")
    results = list(iter_inputs([good_before, _write_bad_input(tmp_path, kind), good_after]))
    failures = [result for result in results if isinstance(result, InputFailure)]
    docs = [result.id for result in results if isinstance(result, SourceDoc)]
    assert len(failures) == 1 and message in failures[0].error
    assert "\n" not in failures[0].error
    assert docs[0] == "before" and docs[-1] == "after"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x"}', "a.jsonl:1: missing 'text'"),
        ('{"text": "  "}', "a.jsonl:1: empty 'text'"),
        ('["not", "an object"]', "a.jsonl:1: expected a JSON object"),
    ],
)
def test_jsonl_line_without_usable_text_is_a_failure(tmp_path, line, message):
    records = tmp_path / "a.jsonl"
    records.write_text(line + "\n", encoding="utf-8")
    [failure] = iter_inputs([records])
    assert isinstance(failure, InputFailure) and failure.error.endswith(message)
