"""Character tokens for Chinese, built in linear time.

spaCy's ``spacy.zh.ChineseTokenizer`` with ``segmenter = "char"`` aligns ``list(text)`` with the text
through ``spacy.util.get_words_and_spaces``, which slices the rest of the text for every character
(quadratic in the length of an article). :func:`char_doc` makes the same tokens directly: every
non-space character is a token; a single " " after a token is that token's trailing space; any
other run of whitespace is a token of its own. ``zhkg.char_tokenizer.v1`` is the registered
tokenizer of the extraction pipeline (pipelines/zh_news.cfg).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

_WHITESPACE = re.compile(r"\s+")


def char_doc(vocab: Vocab, text: str) -> Doc:
    """The Doc that spaCy's char segmenter makes of ``text``, token for token."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for m in _WHITESPACE.finditer(text):
        start, end = m.span()
        words.extend(text[pos:start])
        spaces.extend([False] * (start - pos))
        if start > 0 and text[start] == " ":  # a token precedes every run but a leading one
            spaces[-1] = True
            start += 1
        if start < end:
            words.append(text[start:end])
            spaces.append(False)
        pos = end
    words.extend(text[pos:])
    spaces.extend([False] * (len(text) - pos))
    return Doc(vocab, words=words, spaces=spaces)


class CharTokenizer:
    """``nlp.tokenizer``: one token per character (see :func:`char_doc`)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return char_doc(self.vocab, text)


@registry.tokenizers("zhkg.char_tokenizer.v1")
def create_char_tokenizer() -> Callable[[Language], CharTokenizer]:
    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make
