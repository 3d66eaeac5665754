"""Assemble the spaCy pipeline from ``configs/pipeline.cfg`` and the models in ``models/``."""

from __future__ import annotations

import gc
import importlib
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from spacy.language import Language
from spacy.util import load_config, load_model_from_config
from thinc.api import use_ops

import pipeline.ner  # noqa: F401  (registers zhkg_ner and the character tokenizer)
import pipeline.relations  # noqa: F401  (registers zhkg_relations)
import pipeline.segment  # noqa: F401  (registers zhkg.pkuseg_settings.v1)
from pipeline.corpora import PROJECT_ROOT

CONFIG_PATH = PROJECT_ROOT / "configs" / "pipeline.cfg"
MODELS_DIR = Path(os.environ.get("ZHKG_MODELS", PROJECT_ROOT / "models"))
ALL_STAGES = ("zhkg_ner", "zhkg_relations", "zhkg_topics")
LAZY_FACTORIES = {"zhkg_topics": "pipeline.topics"}  # scikit-learn takes 1.4 s to import


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: loading creates millions of objects (pkuseg's
    829k features, the gazetteer's patterns) and none of them is garbage."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_pipeline(stages: Sequence[str] = ALL_STAGES, models: Path = MODELS_DIR) -> Language:
    """Build and initialise the pipeline with the given stages (tokenizer always included).

    stages: component names from ``configs/pipeline.cfg``, in pipeline order; ``()`` gives
        the segmenter alone.
    models: folder holding ``seg/``, ``ner/`` and ``topics/``.
    """
    for stage in stages:
        if stage in LAZY_FACTORIES:
            importlib.import_module(LAZY_FACTORIES[stage])
    config = load_config(CONFIG_PATH, overrides={"paths.models": str(models)}, interpolate=False)
    config["nlp"]["pipeline"] = [name for name in config["nlp"]["pipeline"] if name in stages]
    for name in list(config["components"]):
        if name not in stages:
            del config["components"][name]
            config["initialize"]["components"].pop(name, None)
    with collector_paused(), use_ops("numpy", use_blis=False):  # numpy's OpenBLAS: gemm 3x faster than blis here
        nlp = load_model_from_config(config, auto_fill=True, validate=True)
        nlp.initialize()
    gc.freeze()  # later collections skip the loaded models, and forked workers do not copy their pages
    # No stage reads a word token's lexical attributes (is_punct, like_num, shape …), and spaCy
    # computes them for every new word in every memory zone (building the docs of 4,148 MSRA
    # sentences in zones of 128: 1.2 s with them, 0.16 s without). The character model has its
    # own vocabulary, whose attributes (NORM, SHAPE) it needs.
    nlp.vocab.lex_attr_getters = {}
    return nlp
