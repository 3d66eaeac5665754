"""Stage 2: word segmentation with spaCy's Chinese tokenizer and the project's pkuseg model.

The tokenizer itself is spaCy's (``segmenter = "pkuseg"``, model loaded by path in
``[initialize.tokenizer]``). A registered ``after_init`` callback, so the settings live in
``configs/pipeline.cfg``, adds the domain user dictionary built from the fact lists, switches
off pkuseg's generic post-processing dictionary, and hands the loaded model to ``LeanPkuseg``,
which finds the same features as pkuseg with far fewer lookups (pkuseg's own feature strings
were a third of the pipeline's time) and decodes them with pkuseg's own Viterbi."""

from __future__ import annotations

from itertools import compress
from typing import Callable

from spacy.language import Language
from spacy.util import registry
from spacy_pkuseg import pkuseg
from spacy_pkuseg.config import config as pkuseg_config
from spacy_pkuseg.inference import decodeViterbi_fast

from pipeline.facts import posts

WORD_LENGTHS = range(6, 1, -1)  # pkuseg's config.wordMax … wordMin, longest first as it adds them
NO_WORD = "**noWord"  # pkuseg's filler for a slot with no dictionary word
NUMBER, LETTER = "\x01", "\x02"  # marks for the characters pkuseg normalises to **Num and **Letter
NODE_NAMES = {NUMBER: "**Num", LETTER: "**Letter"}


def user_dict_words(include_posts: bool = True) -> list[str]:
    """Words the segmenter must keep whole: the curated posts (党组副书记, 副局长, …)."""
    return sorted(posts()) if include_posts else []


@registry.callbacks("zhkg.pkuseg_settings.v1")
def pkuseg_settings(user_dict: bool = True, postprocess: bool = False) -> Callable:
    """After ``nlp.initialize``: load the domain user dictionary, set post-processing, and
    have the tokenizer look up only the features a text can have (``LeanPkuseg``).

    user_dict (bool): add the curated posts as pkuseg user-dictionary words.
    postprocess (bool): keep pkuseg's built-in dictionary merging (off: it follows
        another segmentation standard and costs time).
    """

    def apply(nlp: Language) -> Language:
        if not isinstance(nlp.tokenizer.pkuseg_seg, LeanPkuseg):
            nlp.tokenizer.pkuseg_seg = LeanPkuseg.from_pkuseg(nlp.tokenizer.pkuseg_seg)
        nlp.tokenizer.pkuseg_seg.postprocesser.do_process = postprocess
        nlp.tokenizer.pkuseg_update_user_dict(user_dict_words(user_dict), reset=True)
        return nlp

    return apply


class LeanPkuseg(pkuseg):
    """pkuseg that looks up only the features a text can have; same model, decoder and words.

    For every character pkuseg builds and looks up about 90 feature strings, 50 of them pairs
    of the dictionary words ending before and starting at it (``ww.l.小平*同志``), mostly with
    no word on one side (``**noWord``), which no feature of the project's model holds. This
    builds the pairs of real words only, and each word and character pair once per text. The
    feature lists, and so the scores and words, are pkuseg's own.
    """

    @classmethod
    def from_pkuseg(cls, seg: pkuseg) -> LeanPkuseg:
        """The loaded ``seg`` (model, user dictionary, settings), looking features up leanly."""
        if not (pkuseg_config.numLetterNorm and pkuseg_config.wordFeature
                and tuple(WORD_LENGTHS) == tuple(range(pkuseg_config.wordMax, pkuseg_config.wordMin - 1, -1))):
            raise ValueError("LeanPkuseg follows pkuseg's default feature configuration only")
        if any(NO_WORD in name for name in seg.feature_extractor.feature_to_idx):
            raise ValueError("this pkuseg model has features with no word on one side; use pkuseg itself")
        lean = cls.__new__(cls)
        lean.__dict__.update(seg.__dict__)
        extractor = seg.feature_extractor
        marks = {c: NUMBER for c in extractor.num} | {c: LETTER for c in extractor.letter}
        lean.normalization = str.maketrans(marks | {c: "&" for c in extractor.keywords})  # keywords win: "."
        lean.word_starts = {tag for tag, name in seg.idx_to_tag.items() if "B" in name}
        return lean

    def _cut(self, text: str) -> list[str]:
        """The words of one piece of text with no whitespace (``cut`` splits there and at
        user-dictionary words first), as pkuseg's ``_cut`` gives them."""
        if any(mark in text for mark in NODE_NAMES):  # the marks stand for digits and letters here
            return super()._cut(text)
        _, tags = decodeViterbi_fast(self.text_features(text), self.model)
        words = [text[0]]
        for tag, char in zip(tags[1:], text[1:]):
            if tag in self.word_starts:
                words.append(char)
            else:
                words[-1] += char
        return words

    def text_features(self, text: str) -> list[list[int]]:
        """pkuseg's feature indices for each character, in pkuseg's order."""
        normal = text.translate(self.normalization)  # one character per node, as pkuseg normalises
        nodes = list(map(NODE_NAMES.get, normal, normal))
        n = len(nodes)
        pairs = list(map("{}.{}".format, nodes, nodes[1:]))
        columns = [  # the character features, None at the text's edges
            self.looked_up("c.", nodes),
            [None, *self.looked_up("c-1.", nodes[:-1])],
            [None, *self.looked_up("c-1c.", pairs)],
            [*self.looked_up("c1.", nodes[1:]), None],
            [*self.looked_up("cc1.", pairs), None],
            [None, None, *self.looked_up("c-2.", nodes[:-2])][:n],
            [None, None, *self.looked_up("c-2c-1.", pairs[:-1])][:n],
            [*self.looked_up("c2.", nodes[2:]), None, None][:n],
        ]
        starting, ending = self.dictionary_words(normal)
        get = self.feature_extractor.feature_to_idx.get
        features = [[0, *filter(None, characters)] for characters in zip(*columns)]  # 0: $$, on every character
        for i, found in enumerate(features):
            here, starts = ending[i], starting[i]
            if starts or here:
                before, after = ending[i - 1] if i else [], starting[i + 1]
                names = (
                    [f"w-1.{w}" for w in here] + [f"w1.{w}" for w in starts]
                    + [f"ww.l.{a}*{b}" for a in before for b in starts]
                    + [f"ww.r.{a}*{b}" for a in here for b in after]
                )
                found.extend(filter(None, map(get, names)))
        return features

    def looked_up(self, prefix: str, values: list[str]) -> list[int | None]:
        """The index of feature ``prefix + value`` for each value, None where there is none."""
        return list(map(self.feature_extractor.feature_to_idx.get, map(prefix.__add__, values)))

    def dictionary_words(self, normal: str) -> tuple[list[list[str]], list[list[str]]]:
        """The dictionary words starting and ending at each character, longest first
        (the starting list has one more, empty, entry past the end)."""
        unigram = self.feature_extractor.unigram
        starting: list[list[str]] = [[] for _ in range(len(normal) + 1)]
        ending: list[list[str]] = [[] for _ in normal]
        for length in WORD_LENGTHS:
            words = [normal[i : i + length] for i in range(len(normal) - length + 1)]
            for i in compress(range(len(words)), map(unigram.__contains__, words)):
                starting[i].append(words[i])
                ending[i + length - 1].append(words[i])
        return starting, ending
