"""``zhkg_repeated_names``: a person named once is that person wherever the name recurs in the article.

Rules and the statistical NER find a name where its context announces it (主任委员信春鹰); a later
bare mention (会议由信春鹰主持) has no such context and is often missed. This component tags every
later occurrence of a person already found, where it sits in no entity and stands as a word of its
own: after punctuation, a line start or a function word (由, 和, 同 …), and before a name's end
(主持, 说, 、 …). A foreign name's last part (迪萨纳亚克 of 阿努拉·库马拉·迪萨纳亚克) is that person too:
its mentions get the full name as kb_id. Place it after the NER components and before
``zhkg_relation_rules``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.entities import CJK, NAME_END

BEFORE_NAME = rf"(?:(?<![{CJK}])|(?<=[由和与同及向对在将把请经据是为以了等]))"


class RepeatedNames:
    def __call__(self, doc: Doc) -> Doc:
        persons = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text) >= 2}
        if not persons:
            return doc
        full = {p.rsplit("·", 1)[1]: p for p in persons if "·" in p and len(p.rsplit("·", 1)[1]) >= 2}
        ents = [  # a short foreign name already found names the full one
            Span(doc, e.start, e.end, label=e.label_, kb_id=full[e.text]) if e.label_ == "PERSON" and e.text in full else e
            for e in doc.ents
        ]
        taken = bytearray(len(doc))
        for ent in ents:
            taken[ent.start : ent.end] = b"\x01" * len(ent)
        names = sorted(persons | full.keys(), key=len, reverse=True)
        rx = re.compile(BEFORE_NAME + "(?:" + "|".join(map(re.escape, names)) + ")" + NAME_END)
        for m in rx.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), label="PERSON", kb_id=full.get(m.group(), ""))
            if span is not None and not any(taken[span.start : span.end]):
                taken[span.start : span.end] = b"\x01" * len(span)
                ents.append(span)
        doc.ents = sorted(ents, key=lambda s: s.start)
        return doc


@Language.factory("zhkg_repeated_names")
def make_repeated_names(nlp: Language, name: str) -> RepeatedNames:
    return RepeatedNames()
