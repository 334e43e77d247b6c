"""The statistical NER: the shipped model, the component that adds its spans, and its training."""

from __future__ import annotations

import io
import socket

import pytest
import spacy

from kg.config import PIPELINES_DIR, SAMPLE_CORPUS
from kg.nlp import statistical
from kg.nlp.statistical import LABELS, MODEL_DIR, SPAN_KEY, clean_span, sentence_bounds

FACTORY = "zhkg_statistical_ner"


def _pipeline_config():
    """pipelines/zh_news.cfg with the statistical NER right after the entity rules (if not there yet)."""
    config = spacy.util.load_config(PIPELINES_DIR / "zh_news.cfg")
    factories = {name: comp.get("factory") for name, comp in config["components"].items()}
    if FACTORY not in factories.values():
        pipeline = list(config["nlp"]["pipeline"])
        pipeline.insert(pipeline.index("zhkg_entity_rules") + 1, FACTORY)
        config["nlp"]["pipeline"] = pipeline
        config["components"][FACTORY] = {"factory": FACTORY}
    return config


@pytest.fixture(scope="module")
def nlp():
    import kg.nlp  # noqa: F401  (registers the rule components)

    return spacy.util.load_model_from_config(_pipeline_config(), auto_fill=True, validate=True)


@pytest.fixture(scope="module")
def stat_name(nlp):
    return next(name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory == FACTORY)


def test_shipped_model_loads_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the NER model must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert (MODEL_DIR / "config.cfg").is_file()
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    assert size < 5_000_000
    model = spacy.load(MODEL_DIR)
    assert model.pipe_names == ["tok2vec", "ner"]
    assert set(model.get_pipe("ner").labels) == set(LABELS)
    assert statistical.load_model(str(MODEL_DIR)) is statistical.load_model(str(MODEL_DIR))  # loaded once


def test_component_sits_between_the_rules(nlp, stat_name):
    names = nlp.pipe_names
    assert names.index("zhkg_entity_rules") < names.index(stat_name) < names.index("zhkg_relation_rules")


def test_adds_spans_only_where_the_rules_marked_nothing(nlp, stat_name):
    from kg.ingest import iter_articles

    texts = [a.text for a in iter_articles([SAMPLE_CORPUS], default_year=2024)][:12]
    with nlp.select_pipes(disable=[stat_name, "zhkg_repeated_names", "zhkg_relation_rules"]):
        rule_docs = list(nlp.pipe(texts))
    with nlp.select_pipes(disable=["zhkg_repeated_names", "zhkg_relation_rules"]):
        docs = list(nlp.pipe(texts))
    added = 0
    for rules, doc in zip(rule_docs, docs):
        rule_ents = {(e.start_char, e.end_char, e.label_) for e in rules.ents}
        ents = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        stat = {(s.start_char, s.end_char, s.label_) for s in doc.spans[SPAN_KEY]}
        assert rule_ents <= ents  # the rules' entities all stay
        assert ents - rule_ents == stat  # and what was added is marked
        for start, end, label in stat:
            added += 1
            assert label in LABELS
            assert not any(s < end and start < e for s, e, _ in rule_ents)
            assert clean_span(doc.text, start, end, label) == (start, end)
    assert added < sum(len(t) for t in texts) / 200  # a few additions, not a flood


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("国家发展改革委主任郑栅洁出席会议。", "郑栅洁"),
        ("会上，副部长张三丰表示，要进一步加强合作。", "张三丰"),
    ],
)
def test_model_finds_an_unknown_official(nlp, stat_name, text, name):
    component = nlp.get_pipe(stat_name)
    doc = component(nlp.make_doc(text))  # the model alone: no rule has marked anything
    assert (name, "PERSON") in {(s.text, s.label_) for s in doc.spans[SPAN_KEY]}
    full = nlp(text)  # and with the rules
    assert (name, "PERSON") in {(e.text, e.label_) for e in full.ents}


COMPOUND_SURNAMES = [
    ("全国人大常委会副委员长欧阳明远主持会议。", "欧阳明远"),
    ("副委员长欧阳晓东主持会议。", "欧阳晓东"),
    ("全国人大常委会副委员长司马光明主持会议。", "司马光明"),
    ("省委书记欧阳明远出席会议。", "欧阳明远"),
]


def test_the_model_finds_names_with_a_compound_surname(nlp, stat_name):
    component = nlp.get_pipe(stat_name)
    docs = [(text, name, component(nlp.make_doc(text))) for text, name in COMPOUND_SURNAMES]
    found = [text for text, name, doc in docs if (name, "PERSON") in {(s.text, s.label_) for s in doc.spans[SPAN_KEY]}]
    assert len(found) >= len(COMPOUND_SURNAMES) // 2  # rare in the training text (no rule knows 4-character names)
    for text in found:  # and the pipeline keeps them
        assert any(e.label_ == "PERSON" and len(e.text) == 4 for e in nlp(text).ents)


def test_filters_and_sentences():
    assert clean_span("的张三丰", 0, 4, "PERSON") == (1, 4)
    assert clean_span("前进", 0, 2, "PERSON") is None  # no surname
    assert clean_span("雪克来提·扎克尔", 0, 8, "PERSON") == (0, 8)
    assert clean_span("政务公", 0, 3, "ORG") is None
    assert clean_span("在江苏省发展改革委", 0, 9, "ORG") == (1, 9)
    assert clean_span("2024", 0, 4, "EVENT") is None
    assert clean_span("保密，工作会议", 0, 7, "EVENT") is None
    assert clean_span("坚持中国特色", 2, 4, "PLACE") is None  # as the rules: 中国 inside a set phrase is no mention
    assert clean_span("我国经济", 0, 2, "PLACE") == (0, 2)
    assert clean_span("深化东西部协作", 2, 5, "ORG") is None
    assert clean_span("对任何国家来说", 2, 5, "PERSON") is None  # 何 + 国家: a surname before a common word
    text = "第一句。第二句“引语。”\n" + "很长，" * 80 + "结束。"
    bounds = sentence_bounds(text)
    assert [text[s:e] for s, e in bounds][:2] == ["第一句。", "第二句“引语。”"]
    assert len(bounds) == 4
    assert all(e - s <= statistical.MAX_SENTENCE for s, e in bounds)
    assert sentence_bounds("甲。乙", protected=[(0, 3)]) == [(0, 3)]


def test_training_is_reproducible(tmp_path):
    from kg.train_ner import train

    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        train(out, seed=0, max_steps=2, limit=20, log=io.StringIO())
        runs.append({f.relative_to(out): f.read_bytes() for f in out.rglob("*") if f.is_file() and f.name != "meta.json"})
    assert runs[0] == runs[1]
    assert (tmp_path / "a" / "ner" / "model").is_file()
    model = spacy.load(tmp_path / "a")
    assert model.pipe_names == ["tok2vec", "ner"]
