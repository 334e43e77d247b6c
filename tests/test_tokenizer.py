"""kg.nlp.tokenizer.char_doc makes exactly the tokens of spaCy's char segmenter (which it replaces
for speed), whatever the whitespace: on the sample corpus and on any text (hypothesis)."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.config import SAMPLE_CORPUS
from kg.ingest import iter_articles
from kg.nlp import load_pipeline
from kg.nlp.tokenizer import char_doc

SPACY_CHAR = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})


def _tokens(doc):
    return [(t.text, t.whitespace_) for t in doc]


def _same_as_spacy(text: str) -> None:
    doc = char_doc(SPACY_CHAR.vocab, text)
    assert _tokens(doc) == _tokens(SPACY_CHAR.make_doc(text))
    assert doc.text == text


def test_corpus_articles_get_spacys_tokens():
    for article in iter_articles([SAMPLE_CORPUS], default_year=2024):
        _same_as_spacy(article.text)


def test_whitespace_runs_leading_trailing_and_wide_spaces():
    for text in ["", " ", "  甲", "甲  乙", "甲 \n乙", "甲\n", "甲 ", "甲  ", " \u3000甲\t乙 丙\n\n", "甲\u3000 乙"]:
        _same_as_spacy(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("甲乙a1，。 \t\n\r\u3000\u2028\x0c\x85"), max_size=40))
def test_any_text(text):
    _same_as_spacy(text)


def test_the_extraction_pipeline_uses_it():
    nlp = load_pipeline()
    text = "赵乐际 主持\n会议。"
    assert _tokens(nlp.make_doc(text)) == _tokens(SPACY_CHAR.make_doc(text))
    assert type(nlp.tokenizer).__name__ == "CharTokenizer"
