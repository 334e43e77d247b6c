"""``zhkg_repeated_names``: a person named once is that person wherever the name recurs in the article.

Rules and the statistical NER find a name where its context announces it (主任委员信春鹰); a later
bare mention (会议由信春鹰主持) has no such context and is often missed. This component tags every
later occurrence of a person already found, where it sits in no entity and stands as a word of its
own: after punctuation, a line start or a function word (由, 和, 同 …), and before a name's end
(主持, 说, 、 …). A foreign name's last part (迪萨纳亚克 of 阿努拉·库马拉·迪萨纳亚克) is that person too:
its mentions get the full name as kb_id. The statistical model's slips are mended against the names
found: 林武在 is 林武, and 金勇共 (in 颜金勇共同主持) is 颜金勇. Place it after the NER components and
before ``zhkg_relation_rules``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.entities import CJK, NAME_END, NAME_END_RE

BEFORE_NAME = rf"(?:(?<![{CJK}])|(?<=[由和与同及向对在将把请经据是为以了等]))"


class RepeatedNames:
    def __call__(self, doc: Doc) -> Doc:
        persons = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text) >= 2}
        if not persons:
            return doc
        text = doc.text  # (built anew from the tokens at each access)
        full = {p.rsplit("·", 1)[1]: p for p in persons if "·" in p and len(p.rsplit("·", 1)[1]) >= 2}
        ents = [self._mended(doc, text, e, persons, full) for e in doc.ents]
        persons = {e.text for e in ents if e.label_ == "PERSON" and len(e.text) >= 2}  # as mended (林武, not 林武在)
        ents = self._realigned(doc, text, ents, persons)
        taken = bytearray(len(doc))
        for ent in ents:
            taken[ent.start : ent.end] = b"\x01" * len(ent)
        names = sorted(persons | full.keys(), key=len, reverse=True)
        rx = re.compile(BEFORE_NAME + "(?:" + "|".join(map(re.escape, names)) + ")" + NAME_END)
        for m in rx.finditer(text):
            span = doc.char_span(m.start(), m.end(), label="PERSON", kb_id=full.get(m.group(), ""))
            if span is not None and not any(taken[span.start : span.end]):
                taken[span.start : span.end] = b"\x01" * len(span)
                ents.append(span)
        doc.ents = sorted(ents, key=lambda s: s.start)
        return doc


    @staticmethod
    def _realigned(doc: Doc, text: str, ents: list[Span], persons: set[str]) -> list[Span]:
        """A person span that cuts across a known name of three or more characters (金勇共 in
        颜金勇共同主持, 颜金勇 found elsewhere) is that name."""
        known = sorted((p for p in persons if len(p) >= 3), key=len, reverse=True)
        if not known:
            return ents
        for m in re.finditer("|".join(map(re.escape, known)), text):
            crossing = [e for e in ents if e.start_char < m.end() and m.start() < e.end_char and (e.start_char, e.end_char) != m.span()]
            if crossing and all(e.label_ == "PERSON" and not (e.start_char <= m.start() and m.end() <= e.end_char) for e in crossing):
                span = doc.char_span(m.start(), m.end(), label="PERSON")
                if span is not None:
                    ents = [e for e in ents if e not in crossing] + [span]
        return ents

    @staticmethod
    def _mended(doc: Doc, text: str, e: Span, persons: set[str], full: dict[str, str]) -> Span:
        """A short foreign name already found names the full one; 林武在 (a name and the next word's
        first character) is 林武 when 林武 is found elsewhere."""
        if e.label_ != "PERSON":
            return e
        if e.text in full:
            return Span(doc, e.start, e.end, label=e.label_, kb_id=full[e.text])
        if len(e) >= 3 and e.text[:-1] in persons and NAME_END_RE.match(text, e.end_char - 1):
            return Span(doc, e.start, e.end - 1, label=e.label_)
        return e


@Language.factory("zhkg_repeated_names")
def make_repeated_names(nlp: Language, name: str) -> RepeatedNames:
    return RepeatedNames()
