"""Stage 1a: read input files (page dumps and JSONL article records) as a stream of documents.

Bad inputs never stop a run: each one becomes an ``InputFailure`` with a one-line message
naming the file, and the remaining inputs still come through.
"""

from __future__ import annotations

import codecs
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

JSONL_SUFFIX = ".jsonl"
PAGE_SUFFIXES = {".txt", ""}  # page dumps are plain text, with or without an extension
# Control characters that legitimately occur in page dumps (line and page breaks).
ALLOWED_CONTROLS = set("\n\r\t\f\v")
MAX_CONTROL_SHARE = 0.05  # above this share of other control characters the data is binary


@dataclass
class SourceDoc:
    """One input document: a raw page dump (``is_page``) or one clean article from JSONL."""

    id: str
    source: str
    text: str
    encoding: str
    is_page: bool
    meta: dict = field(default_factory=dict)


@dataclass
class InputFailure:
    """An input that could not be read; ``error`` names the file and the problem."""

    source: str
    error: str


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file content strictly, returning ``(text, encoding)``; raise ValueError if not text.

    Tries UTF-8 (with or without BOM), UTF-16 with a BOM, then GB18030 (a superset of GBK and
    GB2312, the usual legacy encodings of Chinese pages). Nothing is silently replaced.
    """
    if not data.strip():
        raise ValueError("empty file")
    text, encoding = _decode_text(data)
    if not text.strip():
        raise ValueError("empty file (whitespace only)")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise ValueError("not text (binary data)")
    return text, encoding


def _decode_text(data: bytes) -> tuple[str, str]:
    """Pick the encoding from the BOM, else try UTF-8 then GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig"), "utf-8-sig"
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding), encoding
    if b"\x00" in data:
        raise ValueError("not text (binary data)")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValueError("cannot decode as UTF-8, UTF-16 or GB18030")


def _strict(data: bytes, encoding: str) -> str:
    """Decode with a BOM-declared encoding; a decoding error is reported as a ValueError."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"cannot decode as {encoding} despite its byte order mark ({exc.reason})") from exc


def _control_share(text: str) -> float:
    """Share of control characters other than line/page breaks and tabs."""
    controls = sum(1 for ch in text if ch not in ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return controls / len(text)


def iter_inputs(paths: Iterable[Path]) -> Iterator[SourceDoc | InputFailure]:
    """Yield documents (or failures) from files and folders, streaming as it goes."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in text_files(path):
                yield from _read_file(file)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield InputFailure(str(path), f"{path}: no such file or folder")


def text_files(folder: Path) -> Iterator[Path]:
    """Text-like files under ``folder`` in sorted order, skipping hidden files and folders."""
    for file in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in file.relative_to(folder).parts)
        if file.is_file() and not hidden and file.suffix.lower() in PAGE_SUFFIXES | {JSONL_SUFFIX}:
            yield file


def _read_file(path: Path) -> Iterator[SourceDoc | InputFailure]:
    """Read one file given explicitly or found in a folder: JSONL records or one page dump."""
    if path.suffix.lower() == JSONL_SUFFIX:
        yield from _read_jsonl(path)
    else:
        yield _read_page(path)


def _read_page(path: Path) -> SourceDoc | InputFailure:
    """One page dump file as a SourceDoc whose id is the file stem."""
    try:
        text, encoding = decode_bytes(path.read_bytes())
    except (OSError, ValueError) as exc:
        return InputFailure(str(path), f"{path}: {_reason(exc)}")
    return SourceDoc(id=path.stem, source=str(path), text=text, encoding=encoding, is_page=True)


def _read_jsonl(path: Path) -> Iterator[SourceDoc | InputFailure]:
    """Stream the records of a JSONL file line by line; bad lines become failures."""
    try:
        with path.open("rb") as lines:
            for number, raw in enumerate(lines, start=1):
                if raw.strip():
                    yield _jsonl_record(path, number, raw)
    except OSError as exc:
        yield InputFailure(str(path), f"{path}: {_reason(exc)}")


def _jsonl_record(path: Path, number: int, raw: bytes) -> SourceDoc | InputFailure:
    """Parse one JSONL line into a SourceDoc; the id defaults to ``<stem>:<line number>``."""
    where = f"{path}:{number}"
    try:
        record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError:
        return InputFailure(str(path), f"{where}: cannot decode as UTF-8")
    except json.JSONDecodeError as exc:
        return InputFailure(str(path), f"{where}: invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return InputFailure(str(path), f"{where}: expected a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        return InputFailure(str(path), f"{where}: missing 'text'")
    if not text.strip():
        return InputFailure(str(path), f"{where}: empty 'text'")
    doc_id = record.get("id")
    meta = {key: value for key, value in record.items() if key not in ("id", "text")}
    return SourceDoc(
        id=str(doc_id) if doc_id is not None else f"{path.stem}:{number}",
        source=str(path),
        text=text,
        encoding="utf-8",
        is_page=False,
        meta=meta,
    )


def _reason(exc: Exception) -> str:
    """Short reason for a failure: the ValueError message or the OS error description."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
