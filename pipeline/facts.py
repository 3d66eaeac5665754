"""Fact lists kept in ``configs/`` (posts, places, surnames, organisation short forms)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

CONFIGS = Path(__file__).resolve().parent.parent / "configs"


def load_json(name: str) -> dict:
    """Read ``configs/<name>``."""
    return json.loads((CONFIGS / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def posts() -> frozenset[str]:
    """Every post the curated list composes: standalone, heads, deputies, party-organ posts."""
    facts = load_json("posts.json")
    heads = facts["heads"]
    composed = {d + h for d in facts["deputy"] for h in heads}
    composed |= {p + h for p in facts["party_prefixes"] for h in facts["party_heads"]}
    return frozenset(facts["standalone"]) | frozenset(heads) | composed
