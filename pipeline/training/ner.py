"""Train the character NER model with spaCy's config system.

Usage: ``python -m pipeline.training.ner --config configs/ner_char.cfg --out build/ner/model``

This is ``spacy train`` with the project's tokenizer registered; settings live in the config.
``--resume MODEL`` continues training a saved model: its components are sourced
(spaCy resumes sourced components instead of initialising them) with the same settings.
``--export BEST DIR`` copies a trained model into ``DIR`` (``models/ner``) without the
strings of its vocabulary: the 481k character bigrams seen in training, which hash
embeddings never look up (8.3 MB, 1 s of loading; the entities on every dev set are the same).
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import spacy

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


def export_model(best: Path, out: Path) -> None:
    """Copy the model ``best`` into ``out``, its string store cut down to the entity labels."""
    labels = sorted(spacy.load(best).get_pipe("ner").labels)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(best, out)
    (out / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("configs/ner_char.cfg"))
    parser.add_argument("--out", type=Path, default=Path("build/ner/model"))
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--resume", type=Path, default=None, help="saved model to continue training")
    parser.add_argument("--learn-rate", type=float, default=None, help="override the config's learning rate")
    parser.add_argument("--export", nargs=2, type=Path, metavar=("BEST", "DIR"),
                        help="only copy the trained model BEST into DIR, without its string store")
    args = parser.parse_args()
    if args.export:
        export_model(*args.export)
        return
    overrides = {} if args.max_steps is None else {"training.max_steps": args.max_steps}
    if args.learn_rate is not None:
        overrides["training.optimizer.learn_rate"] = args.learn_rate
    config = args.config if args.resume is None else resume_config(args.config, args.resume, args.out)
    train(config, args.out, overrides=overrides)


if __name__ == "__main__":
    main()
