"""Stage 3: named entities (PERSON, ORG, LOC, TITLE) on top of the word tokens.

A character-level spaCy NER model finds spans whose boundaries may fall inside pkuseg
words; its spans then split those words (``doc.retokenize``) so ``doc.ents`` stays aligned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional, Union

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

BOS, EOS = "<s>", "</s>"


class CharBigramTokenizer:
    """One token per character; LEMMA and TAG carry the left and right character bigrams.

    The bigrams are features for the character NER model's ``MultiHashEmbed`` (attrs
    ``LEMMA`` and ``TAG``), set by the tokenizer so training and inference see the same doc.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        chars = list(text)
        left = [BOS] + chars[:-1]
        right = chars[1:] + [EOS]
        return Doc(
            self.vocab,
            words=chars,
            spaces=[False] * len(chars),
            lemmas=[a + b for a, b in zip(left, chars)],
            tags=[a + b for a, b in zip(chars, right)],
        )

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def to_disk(self, path: Union[str, Path], **kwargs) -> None:
        """Nothing to save: the tokenizer has no state."""

    def from_disk(self, path: Union[str, Path], **kwargs) -> "CharBigramTokenizer":
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CharBigramTokenizer":
        return self


@registry.tokenizers("zhkg.char_bigrams.v1")
def create_char_bigram_tokenizer():
    """Registered tokenizer factory for the character NER model's config."""

    def make(nlp) -> CharBigramTokenizer:
        return CharBigramTokenizer(nlp.vocab)

    return make
