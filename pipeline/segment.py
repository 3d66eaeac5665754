"""Stage 2: word segmentation with spaCy's Chinese tokenizer and the project's pkuseg model.

The tokenizer itself is spaCy's (``segmenter = "pkuseg"``, model loaded by path in
``[initialize.tokenizer]``); this module adds the domain user dictionary, built from the
fact lists, and switches off pkuseg's generic post-processing dictionary, both through a
registered ``after_init`` callback so the settings live in ``configs/pipeline.cfg``.
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.util import registry

from pipeline.facts import posts


def user_dict_words(include_posts: bool = True) -> list[str]:
    """Words the segmenter must keep whole: the curated posts (党组副书记, 副局长, …)."""
    return sorted(posts()) if include_posts else []


@registry.callbacks("zhkg.pkuseg_settings.v1")
def pkuseg_settings(user_dict: bool = True, postprocess: bool = False) -> Callable:
    """After ``nlp.initialize``: load the domain user dictionary, set post-processing.

    user_dict (bool): add the curated posts as pkuseg user-dictionary words.
    postprocess (bool): keep pkuseg's built-in dictionary merging (off: it follows
        another segmentation standard and costs time).
    """

    def apply(nlp: Language) -> Language:
        seg = nlp.tokenizer.pkuseg_seg
        seg.postprocesser.do_process = postprocess
        nlp.tokenizer.pkuseg_update_user_dict(user_dict_words(user_dict), reset=True)
        return nlp

    return apply
