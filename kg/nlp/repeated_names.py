"""``zhkg_repeated_names``: a person named once is that person wherever the name recurs in the article.

Rules and the statistical NER find a name where its context announces it (主任委员信春鹰); a later
bare mention (会议由信春鹰主持) has no such context and is often missed. This component tags every
later occurrence of a person already found, where it sits in no entity and stands as a word of its
own: after punctuation, a line start or a function word (由, 和, 同 …), and before a name's end
(主持, 说, 、 …). Place it after the NER components and before ``zhkg_relation_rules``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.entities import CJK, NAME_END

BEFORE_NAME = rf"(?:(?<![{CJK}])|(?<=[由和与同及向对在将把请经据是为以了等]))"


class RepeatedNames:
    def __call__(self, doc: Doc) -> Doc:
        names = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text) >= 2}
        if not names:
            return doc
        taken = bytearray(len(doc))
        for ent in doc.ents:
            taken[ent.start : ent.end] = b"\x01" * len(ent)
        rx = re.compile(BEFORE_NAME + "(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + ")" + NAME_END)
        added = []
        for m in rx.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), label="PERSON")
            if span is not None and not any(taken[span.start : span.end]):
                taken[span.start : span.end] = b"\x01" * len(span)
                added.append(span)
        if added:
            doc.ents = sorted([*doc.ents, *added], key=lambda s: s.start)
        return doc


@Language.factory("zhkg_repeated_names")
def make_repeated_names(nlp: Language, name: str) -> RepeatedNames:
    return RepeatedNames()
