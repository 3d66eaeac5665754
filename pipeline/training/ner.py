"""Train the character NER model with spaCy's config system.

Usage: ``python -m pipeline.training.ner --config configs/ner_char.cfg --out build/ner/model``

This is ``spacy train`` with the project's tokenizer registered; settings live in the config.
``--resume MODEL`` continues training a saved model: its components are sourced
(spaCy resumes sourced components instead of initialising them) with the same settings.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spacy.cli.train import train
from spacy.util import load_config

import pipeline.ner  # noqa: F401  (registers zhkg.char_bigrams.v1)


def resume_config(config_path: Path, model: Path, out: Path) -> Path:
    """Write a copy of the config whose components are sourced from ``model``."""
    config = load_config(config_path, interpolate=False)
    for name in config["nlp"]["pipeline"]:
        config["components"][name] = {"source": str(model)}
    out.mkdir(parents=True, exist_ok=True)
    path = out / "resume.cfg"
    config.to_disk(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("configs/ner_char.cfg"))
    parser.add_argument("--out", type=Path, default=Path("build/ner/model"))
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--resume", type=Path, default=None, help="saved model to continue training")
    parser.add_argument("--learn-rate", type=float, default=None, help="override the config's learning rate")
    args = parser.parse_args()
    overrides = {} if args.max_steps is None else {"training.max_steps": args.max_steps}
    if args.learn_rate is not None:
        overrides["training.optimizer.learn_rate"] = args.learn_rate
    config = args.config if args.resume is None else resume_config(args.config, args.resume, args.out)
    train(config, args.out, overrides=overrides)


if __name__ == "__main__":
    main()
