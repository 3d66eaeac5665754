"""Train the character NER model with spaCy's config system.

Usage: ``python -m pipeline.training.ner --config configs/ner_char.cfg --out build/ner/model``

This is ``spacy train`` with the project's tokenizer registered; settings live in the config.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spacy.cli.train import train

import pipeline.ner  # noqa: F401  (registers zhkg.char_bigrams.v1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("configs/ner_char.cfg"))
    parser.add_argument("--out", type=Path, default=Path("build/ner/model"))
    parser.add_argument("--max-steps", type=int, default=None)
    args = parser.parse_args()
    overrides = {} if args.max_steps is None else {"training.max_steps": args.max_steps}
    train(args.config, args.out, overrides=overrides)


if __name__ == "__main__":
    main()
