"""Access to the shared training corpora (never copied into the project) and dev splits.

The corpora live in ``../shared/corpora`` beside the project root, or wherever the
``ZHKG_SHARED`` environment variable points. Dev splits are carved by a stable hash of
each record's key, so every command sees the same split.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterator

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_SHARE = 50  # one record in DEV_SHARE goes to the dev split


class CorporaMissing(RuntimeError):
    """Raised when ``../shared/corpora`` is not available."""


def shared_dir() -> Path:
    """Return the shared folder (``$ZHKG_SHARED`` or ``../shared`` beside the project)."""
    return Path(os.environ.get("ZHKG_SHARED", PROJECT_ROOT.parent / "shared"))


def corpus_path(name: str) -> Path:
    """Path of corpus file ``name`` (e.g. ``msra_ner_train.jsonl``); raise if absent."""
    path = shared_dir() / "corpora" / name
    if not path.exists():
        raise CorporaMissing(f"{path} not found: the shared corpora are needed for this step")
    return path


def read_jsonl(name: str) -> Iterator[dict]:
    """Yield the records of corpus file ``name``."""
    with corpus_path(name).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def is_dev(key: str, share: int = DEV_SHARE) -> bool:
    """True when the record with this key belongs to the dev split (stable across runs)."""
    digest = hashlib.md5(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "little") % share == 0


def record_key(record: dict) -> str:
    """Stable key of a corpus record: its id, else its text or joined words."""
    if "id" in record:
        return str(record["id"])
    if "text" in record:
        return record["text"]
    return "".join(record["words"])
