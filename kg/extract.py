"""Extract stage: run the spaCy pipeline over articles and write SCHEMA.md's document JSON.

Every mention is canonicalised here (kg.canonical), so entity ids in the JSON are already the
graph's stable ids; merging across articles is then a matter of grouping by id (kg.resolve).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.canonical import (
    Canonical,
    canonical_event,
    canonical_figure,
    canonical_named,
    canonical_policy,
    clean,
    term_event,
)
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import resolve_relative_day
from kg.models import Article, DocumentResult, Entity, Evidence, Mention, Relation
from kg.nlp import load_pipeline
from kg.nlp.entities import SITTING_RE
from kg.nlp.relations import AUTHOR_JOINERS, NamedRef, SpanRelation, figure_measure, sentences
from kg.numbers import FIGURE_RE, figure_value

TYPE_OF = {"PERSON": "Person", "ORG": "Organization", "EVENT": "Event", "POLICY": "Policy", "PLACE": "Place", "FIGURE": "Figure"}
TERM_PREFIX_RE = re.compile(r"第[一二三四五六七八九十百]+届")
NUMBER_IN_MEETING_RE = re.compile(r"(?:\d{4}年)?第[一二三四五六七八九十\d]+次(?=(?:常务|委员长|主任|主席|党组)?会议$)")
AUTHORS = ("中国共产党", "中华人民共和国", "中共中央", "中共")  # 中国共产党巡视工作条例 is 巡视工作条例
DAY_AFTER_RE = re.compile(r"^[^，。；\d]{0,4}?((?:\d{1,2}月)?\d{1,2}日)")  # …会议11月8日表决
EFFECTIVE_RE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
THIS_INSTRUMENT_RE = re.compile(r"本(法|条例|办法|规定)")


class _DocEntities:
    """Entities of one document, keyed by id, with their mentions and the surface forms seen."""

    def __init__(self) -> None:
        self.by_id: dict[str, Entity] = {}

    def add(self, c: Canonical, span: tuple[int, int, str] | None = None, **extra) -> str:
        ent = self.by_id.get(c.id)
        if ent is None:
            props = {**c.properties, **{k: v for k, v in extra.items() if v is not None}}
            ent = Entity(id=c.id, type=c.type, name=c.name, aliases=[c.name, *c.aliases], properties=props)
            self.by_id[c.id] = ent
        else:
            for k, v in extra.items():
                if v is not None:
                    ent.properties.setdefault(k, v)
        if span is not None:
            start, end, surface = span
            ent.mentions.append(Mention(start=start, end=end, text=surface))
            form = clean(surface)
            if form and form not in ent.aliases:
                ent.aliases.append(form)
        return c.id


class Extractor:
    """Turns articles into :class:`DocumentResult` records with the configured pipeline."""

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None):
        self.nlp = nlp or load_pipeline()
        self.gaz = gazetteer or load_gazetteer()

    def __call__(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[DocumentResult]:
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.document(doc, article)

    def document(self, doc: Doc, article: Article) -> DocumentResult:
        text = article.text  # the Doc's text, without rebuilding it from tokens
        ents = _DocEntities()
        span_ids: dict[tuple[int, int], str] = {}
        journalists = {(s.start_char, s.end_char) for s in doc.spans["journalists"]}
        session_of: dict = doc._.session_of or {}
        derived: list[Relation] = []
        spans = sorted([*doc.ents, *doc.spans["nested"]], key=lambda s: (_belongs_to_session(s), s.start_char))
        # events and policies are canonicalised once, before the loop, to find the short forms among them
        named = {id(s): self._canonical(s, text, article) for s in spans if s.label_ in ("EVENT", "POLICY")}
        fuller = self._fuller_names(named.values())
        ends_at = {s.end_char: s for s in doc.ents if s.label_ in ("ORG", "EVENT")}  # the author before a 关于… title
        ent_keys = {(s.start_char, s.end_char) for s in doc.ents}
        for span in spans:
            key = (span.start_char, span.end_char)
            if span.kb_id_ == "presidium":  # 大会主席团: the presidium of the session under way
                host = span_ids.get(session_of.get(key, (-1, -1)))
                if host is not None:
                    session = ents.by_id[host]
                    c = Canonical("Organization", f"{session.name}主席团", f"organization|{session.name}主席团", {"kind": "legislature"})
                    if span.label_ == "EVENT":  # 大会主席团第三次会议: the presidium's meeting, PART_OF the session
                        presidium, evidence = ents.add(c), _evidence(text, span.start_char)
                        name = c.name + span.text[span.text.index("主席团") + 3 :]
                        c = Canonical("Event", name, f"event|{name}", {"kind": "meeting"})
                        derived += [_rel("ORGANIZED", presidium, c.id, evidence, "event-name", 0.95), _rel("PART_OF", c.id, host, evidence, "event-name", 0.95)]
                    span_ids[key] = ents.add(c, (key[0], key[1], span.text))
                continue
            if span.label_ == "EVENT" and SITTING_RE.fullmatch(span.text):
                host = span_ids.get(session_of.get(key, (-1, -1)))
                if host is not None:  # a sitting is an alias of its session
                    span_ids[key] = host
                    ents.by_id[host].mentions.append(Mention(start=key[0], end=key[1], text=span.text))
                    if span.text not in ents.by_id[host].aliases:
                        ents.by_id[host].aliases.append(span.text)
                continue
            if span.label_ == "ORG" and span.text.endswith("政治局") and text.startswith("常委", span.end_char) and not text.startswith("常委会", span.end_char):
                continue  # 中共中央政治局常委: a post in the standing committee, no mention of the Politburo
            pre = named.get(id(span))
            c = fuller.get(pre.name, pre) if pre is not None else self._canonical(span, text, article)
            if c is None:
                continue
            role = None
            if key in journalists:  # a reporter is not the official of the same name
                role = "journalist"
                c = replace(c, key=f"{c.key}|journalist")
            if c.id not in ents.by_id:
                derived += self._derived(c, span, text, ents)
            span_ids[key] = ents.add(c, (key[0], key[1], span.text), role=role)
            author = ends_at.get(span.start_char)
            if c.type == "Policy" and span.text.startswith("关于") and author is not None and key in ent_keys:
                while (joint := ends_at.get(author.start_char) or ends_at.get(author.start_char - 1)) is not None and (
                    joint.end_char == author.start_char or text[joint.end_char] in AUTHOR_JOINERS
                ):
                    author = joint  # 中共中央 国务院关于…的意见: all its authors
                form = clean(text[author.start_char : span.end_char])  # …第二次会议关于…的决议: the name with its author
                if form not in ents.by_id[c.id].aliases:
                    ents.by_id[c.id].aliases.append(form)
        statistical = {(s.start_char, s.end_char) for s in doc.spans.get("statistical", ())}
        relations = [r for r in (self._relation(r, span_ids, ents, text, article, statistical) for r in doc._.relations) if r]
        self._effective_dates(doc, text, span_ids, ents, article)
        return DocumentResult(
            doc_id=article.doc_id,
            title=article.title,
            date=article.date,
            source=article.source,
            entities=list(ents.by_id.values()),
            relations=_dedupe(relations + derived + self._org_parents(text, ents)),
        )

    # -- canonicalisation of one span ---------------------------------------------------------------
    def _canonical(self, span: Span, text: str, article: Article) -> Canonical | None:
        etype = TYPE_OF[span.label_]
        if etype == "Policy":
            return canonical_policy(span.kb_id_ or span.text, self.gaz)
        if etype == "Event":
            date = self._event_date(span, text, article)
            c = canonical_event(span.kb_id_ or span.text, article.date, self.gaz)  # an unnamed event is one per article day
            if date:
                c.properties.setdefault("date", date)
            return c
        if etype == "Figure":
            m = FIGURE_RE.fullmatch(span.text)
            if m is None:
                return None
            value, unit = figure_value(m.group("num"), m.group("mag"), m.group("unit"))
            core = "".join(m.group(g) or "" for g in ("num", "mag", "more", "unit"))  # 近70次 → 70次
            measure = figure_measure(text, span.start_char, span.end_char)
            return canonical_figure(core, value, unit, measure, article.date, article.doc_id)
        return canonical_named(etype, span.kb_id_ or span.text, self.gaz)

    def _fuller_names(self, named: Iterable[Canonical]) -> dict[str, Canonical]:
        """Short forms the article also names in full: a body's numbered meeting without its term (a
        headline's 全国人大常委会第十次会议 → 十四届全国人大常委会第十次会议, when one term is named) or its
        number (省政府常务会议 → 省政府第四十九次常务会议, when one is named), and an
        instrument without its author (巡视工作条例 → 中国共产党巡视工作条例)."""
        found: dict[str, list[Canonical]] = {}
        policies: list[Canonical] = []
        for c in named:
            m = TERM_PREFIX_RE.match(c.name)
            if c.type == "Event" and m and c.body:
                found.setdefault(c.name[m.end() :], []).append(c)
            if c.type == "Event" and c.body and (n := NUMBER_IN_MEETING_RE.search(c.name)):  # 省政府常务会议 → …第49次常务会议
                found.setdefault(c.name[: n.start()] + c.name[n.end() :], []).append(c)
            elif c.type == "Policy":
                policies.append(c)
        for c in policies:
            for short in {p.name for p in policies if len(p.name) >= 4 and c.name.endswith(p.name) and c.name != p.name}:
                author = c.name[: -len(short)]
                if author in AUTHORS or self.gaz.lookup(author, "Organization"):
                    found.setdefault(short, []).append(c)
        return {short: cs[0] for short, cs in found.items() if len({c.name for c in cs}) == 1}

    @staticmethod
    def _event_date(span: Span, text: str, article: Article) -> str | None:
        """The day right after the mention (…会议26日上午在北京…), else the article's if in its headline."""
        m = DAY_AFTER_RE.match(text[span.end_char : span.end_char + 12])
        if m and article.date:
            return resolve_relative_day(m.group(1), article.date)
        if span.start_char < len(article.title) + 2 and article.date:
            return article.date
        return None

    def _derived(self, c: Canonical, span: Span, text: str, ents: _DocEntities) -> list[Relation]:
        """Facts a session's name itself states: who holds it, which term it belongs to."""
        out = []
        evidence = _evidence(text, span.start_char)
        if c.body:
            body = ents.add(canonical_named("Organization", c.body, self.gaz))
            out.append(_rel("ORGANIZED", body, c.id, evidence, "event-name", 0.95))
        if c.parent_event:
            term = ents.add(term_event(*c.parent_event))
            out.append(_rel("PART_OF", c.id, term, evidence, "event-name", 0.95))
        return out

    def _org_parents(self, text: str, ents: _DocEntities) -> list[Relation]:
        """PART_OF between two bodies of the article when the gazetteer says one is part of the other."""
        orgs = {e.name: e for e in ents.by_id.values() if e.type == "Organization"}  # also a body a title implies
        out = []
        for org in (o for o in orgs.values() if o.mentions):
            entry = self.gaz.lookup(org.name, "Organization")
            parent = orgs.get(entry.properties.get("parent", "")) if entry else None
            if parent is None:  # a name that extends another body's name: 最高人民检察院党组 → 最高人民检察院
                bodies = (o for n, o in orgs.items() if o.mentions and org.name.startswith(n) and n != org.name and o.properties.get("kind") != "state")
                parent = max(bodies, key=lambda o: len(o.name), default=None)
            if parent is not None:
                out.append(_rel("PART_OF", org.id, parent.id, _evidence(text, org.mentions[0].start), "gazetteer-parent", 0.9))
        return out

    def _effective_dates(self, doc: Doc, text: str, span_ids: dict, ents: _DocEntities, article: Article) -> None:
        """自2024年5月1日起施行 → effective_date of the policy the sentence (or the article) is about."""
        for m in EFFECTIVE_RE.finditer(text):
            date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            lo = max((e for _, e in sentences(text[: m.start()])), default=0)
            policies = [
                (s.start_char, ents.by_id[span_ids[(s.start_char, s.end_char)]])
                for s in doc.ents
                if s.label_ == "POLICY" and (s.start_char, s.end_char) in span_ids and s.end_char <= m.start()
            ]
            in_sentence = [p for start, p in policies if start >= lo]
            # else the nearest law or regulation before the sentence (never a report or a resolution)
            laws = [p for _, p in policies if p.properties.get("kind") in ("law", "regulation")]
            this = THIS_INSTRUMENT_RE.search(text, lo, m.start())  # 本法自…起施行 in a law's text: the law of its title
            titled = [p for start, p in policies if start < len(article.title) + 2 and this and p.name.endswith(this.group(1))]
            target = in_sentence[-1] if in_sentence else titled[0] if titled else (laws[-1] if laws else None)
            if target is not None:
                target.properties.setdefault("effective_date", date)

    # -- relations ----------------------------------------------------------------------------------
    def _relation(
        self, r: SpanRelation, span_ids: dict, ents: _DocEntities, text: str, article: Article, statistical: set
    ) -> Relation | None:
        source, target = self._end(r.source, span_ids, ents), self._end(r.target, span_ids, ents)
        if source is None or target is None or source == target:
            return None
        extractor, confidence = r.extractor, r.confidence
        if r.source in statistical or r.target in statistical:  # an end found by the trained model, not a rule
            extractor, confidence = f"{extractor}+ner", round(confidence * 0.8, 2)
        props = dict(r.properties)
        if r.type == "HOLDS_POSITION" and article.date:
            props.setdefault("as_of", article.date)
        if r.type in ("ADOPTED", "ISSUED"):
            date = ents.by_id[source].properties.get("date") or article.date
            if date:
                props.setdefault("date", date)
        lo, hi = r.sentence
        return Relation(
            type=r.type,
            source=source,
            target=target,
            properties=props,
            evidence=Evidence(sentence=_sentence(text, lo, hi), start=lo, end=hi),
            extractor=extractor,
            confidence=confidence,
        )

    def _end(self, end, span_ids: dict, ents: _DocEntities) -> str | None:
        if isinstance(end, NamedRef):
            return ents.add(canonical_named(end.type, end.name, self.gaz))
        return span_ids.get(end)


def _belongs_to_session(span: Span) -> bool:
    """Sittings and the presidium resolve after the sessions they belong to."""
    return span.kb_id_ == "presidium" or (span.label_ == "EVENT" and SITTING_RE.fullmatch(span.text) is not None)


def _evidence(text: str, pos: int) -> Evidence:
    lo, hi = next(((a, b) for a, b in sentences(text) if a <= pos < b), (0, len(text)))
    return Evidence(sentence=_sentence(text, lo, hi), start=lo, end=hi)


@lru_cache(maxsize=64)
def _sentence(text: str, lo: int, hi: int) -> str:
    """One string per evidence sentence: the thousands of relations a very long sentence can hold
    (a 100k-character line without a full stop) share it instead of holding a copy each."""
    return text[lo:hi].strip()


def _rel(rtype: str, source: str, target: str, evidence: Evidence, extractor: str, conf: float) -> Relation:
    return Relation(type=rtype, source=source, target=target, evidence=evidence, extractor=extractor, confidence=conf)


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (type, ends, properties, sentence): rules may find a fact twice."""
    seen: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.type, r.source, r.target, tuple(sorted(r.properties.items())), r.evidence.start)
        if key not in seen or seen[key].confidence < r.confidence:
            seen[key] = r
    return list(seen.values())
