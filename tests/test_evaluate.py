"""kg.evaluate: the matcher on handmade cases, the gold files themselves, and a real run on dev."""

import json
import re
from pathlib import Path

import pytest

from kg.canonical import clean
from kg.evaluate import GoldDocument, document_key, evaluate, format_report, load_gold, main
from kg.models import ENTITY_TYPES, RELATION_TYPES, DocumentResult, Entity, Evidence, Relation

GOLD_DIR = Path(__file__).parent / "data" / "gold"
MADEUP_DIR = Path(__file__).parent / "data" / "madeup"  # made-up articles with their gold (README there)
SOURCE = "kg/data/sample_corpus/000_test.txt#2"


# --- helpers ---------------------------------------------------------------------------------------
def _ent(eid, etype, name, *aliases):
    return Entity(id=eid, type=etype, name=name, aliases=[name, *aliases])


def _rel(rtype, source, target):
    evidence = Evidence(sentence="s", start=0, end=1)
    return Relation(type=rtype, source=source, target=target, evidence=evidence, extractor="t", confidence=0.9)


def _pred(entities, relations=(), source=SOURCE):
    return DocumentResult(doc_id="doc-x", title="t", date=None, source=source, entities=list(entities), relations=list(relations))


def _gold(entities, relations=(), split="dev", source_file="000_test.txt", index=2):
    return GoldDocument.model_validate(
        {
            "source_file": source_file,
            "index": index,
            "title": "t",
            "split": split,
            "entities": [{"type": t, "name": n, "aliases": [n, *a]} for t, n, *a in entities],
            "relations": [{"type": t, "source": s, "target": g} for t, s, g in relations],
        }
    )


def _counts(c):
    return (c.tp, c.fp, c.fn)


# --- matcher ---------------------------------------------------------------------------------------
def test_document_key_uses_file_name_and_index():
    assert document_key("kg/data/sample_corpus/000_6f195bff2fcc0277.txt#3") == ("000_6f195bff2fcc0277.txt", 3)
    assert document_key("/abs/path/single.txt") == ("single.txt", 0)


def test_alias_matches_gold_name_and_gold_alias_matches_predicted_name():
    pred = _pred([_ent("o1", "Organization", "全国人大常委会"), _ent("p1", "Person", "赵乐际", "赵乐际委员长")])
    gold = _gold([("Organization", "全国人民代表大会常务委员会", "全国人大常委会"), ("Person", "赵乐际")])
    report = evaluate([pred], [gold])
    assert _counts(report.entity_total) == (2, 0, 0)
    assert report.entities["Organization"].f1 == 1.0


def test_book_title_marks_quotes_and_spaces_are_ignored():
    pred = _pred(
        [
            _ent("a", "Policy", "《中华人民共和国保守国家秘密法》"),
            _ent("b", "Policy", "十四五规划"),
            _ent("c", "Policy", "“清朗” 系列专项行动"),
        ]
    )
    gold = _gold([("Policy", "中华人民共和国保守国家秘密法"), ("Policy", "“十四五”规划"), ("Policy", "'清朗'系列专项行动")])
    assert _counts(evaluate([pred], [gold]).entity_total) == (3, 0, 0)


def test_wrong_entity_type_does_not_count():
    pred = _pred([_ent("x", "Place", "中华人民共和国", "我国")])
    gold = _gold([("Organization", "中华人民共和国", "我国")])
    report = evaluate([pred], [gold])
    assert _counts(report.entity_total) == (0, 1, 1)
    assert _counts(report.entities["Place"]) == (0, 1, 0)
    assert _counts(report.entities["Organization"]) == (0, 0, 1)


def test_one_gold_entity_is_matched_at_most_once_and_one_prediction_at_most_once():
    # two predictions for one gold entity: one tp, one fp
    pred = _pred([_ent("a", "Figure", "100次"), _ent("b", "Figure", "100次左右")])
    gold = _gold([("Figure", "100次", "100次左右")])
    assert _counts(evaluate([pred], [gold]).entity_total) == (1, 1, 0)
    # one prediction whose aliases cover two gold entities: one tp, one fn
    pred = _pred([_ent("a", "Place", "中国", "我国", "北京")])
    gold = _gold([("Place", "中国", "我国"), ("Place", "北京市", "北京")])
    assert _counts(evaluate([pred], [gold]).entity_total) == (1, 0, 1)


def test_matching_is_maximal_not_greedy():
    # a matches both gold items, b only the first: the best pairing uses both predictions
    pred = _pred([_ent("a", "Organization", "全国政协", "政协"), _ent("b", "Organization", "政协全国委员会")])
    gold = _gold([("Organization", "政协全国委员会", "全国政协"), ("Organization", "中国人民政治协商会议", "政协")])
    assert _counts(evaluate([pred], [gold]).entity_total) == (2, 0, 0)


def test_same_name_predicted_twice_is_one_set_member():
    pred = _pred([_ent("f1", "Figure", "2次"), _ent("f2", "Figure", "2次"), _ent("f3", "Figure", "2次")])
    gold = _gold([("Figure", "2次")])
    assert _counts(evaluate([pred], [gold]).entity_total) == (1, 0, 0)


def test_relation_ends_match_by_name_or_alias_and_type():
    ents = [
        _ent("p", "Person", "赵乐际"),
        _ent("o", "Organization", "全国人大常委会"),
        _ent("e", "Event", "十四届全国人大常委会第八次会议", "第一次全体会议"),
    ]
    rels = [_rel("HOLDS_POSITION", "p", "o"), _rel("PRESIDED_OVER", "p", "e")]
    gold = _gold(
        [
            ("Person", "赵乐际"),
            ("Organization", "全国人民代表大会常务委员会", "全国人大常委会"),
            ("Event", "第十四届全国人民代表大会常务委员会第八次会议", "十四届全国人大常委会第八次会议"),
        ],
        [
            ("HOLDS_POSITION", "赵乐际", "全国人民代表大会常务委员会"),
            ("PRESIDED_OVER", "赵乐际", "第十四届全国人民代表大会常务委员会第八次会议"),
        ],
    )
    report = evaluate([_pred(ents, rels)], [gold])
    assert _counts(report.relation_total) == (2, 0, 0)
    assert report.relations["PRESIDED_OVER"].f1 == 1.0


def test_relation_with_wrong_type_or_wrong_end_does_not_count():
    ents = [_ent("p", "Person", "赵乐际"), _ent("q", "Person", "王沪宁"), _ent("e", "Event", "会议甲")]
    gold = _gold([("Person", "赵乐际"), ("Person", "王沪宁"), ("Event", "会议甲")], [("PRESIDED_OVER", "赵乐际", "会议甲")])
    wrong_type = evaluate([_pred(ents, [_rel("ATTENDED", "p", "e")])], [gold])
    assert _counts(wrong_type.relation_total) == (0, 1, 1)
    wrong_end = evaluate([_pred(ents, [_rel("PRESIDED_OVER", "q", "e")])], [gold])
    assert _counts(wrong_end.relation_total) == (0, 1, 1)
    # an end whose name matches but whose type does not
    ents2 = [_ent("p", "Person", "赵乐际"), _ent("e", "Place", "会议甲")]
    wrong_end_type = evaluate([_pred(ents2, [_rel("PRESIDED_OVER", "p", "e")])], [gold])
    assert _counts(wrong_end_type.relation_total) == (0, 1, 1)


def test_relations_are_sets_and_mentions_are_not_scored():
    ents = [_ent("p", "Person", "赵乐际"), _ent("e", "Event", "会议甲")]
    rels = [_rel("PRESIDED_OVER", "p", "e"), _rel("PRESIDED_OVER", "p", "e"), _rel("MENTIONS", "p", "e")]
    gold = _gold([("Person", "赵乐际"), ("Event", "会议甲")], [("PRESIDED_OVER", "赵乐际", "会议甲")])
    report = evaluate([_pred(ents, rels)], [gold])
    assert _counts(report.relation_total) == (1, 0, 0)
    assert "MENTIONS" not in report.relations


def test_errors_are_kept_per_document_and_missing_predictions_are_false_negatives():
    pred = _pred([_ent("a", "Person", "赵乐际"), _ent("b", "Person", "某甲")])
    gold = [_gold([("Person", "赵乐际"), ("Person", "骆源")]), _gold([("Place", "北京市")], index=5, split="heldout")]
    report = evaluate([pred], gold)
    first, second = report.errors
    assert first.entity_fp == ["Person 某甲"] and first.entity_fn == ["Person 骆源"]
    assert not second.predicted and second.entity_fn == ["Place 北京市"]
    assert _counts(report.entity_total) == (1, 1, 2)
    assert evaluate([pred], gold, "dev").documents == 1
    assert evaluate([pred], gold, "heldout").documents == 1


def test_empty_counts_do_not_divide_by_zero():
    report = evaluate([], [])
    assert report.entity_total.precision == report.entity_total.recall == report.entity_total.f1 == 0.0
    assert "0 documents" in format_report(report)


# --- the gold files ----------------------------------------------------------------------------------
GOLD = load_gold(GOLD_DIR)
MADEUP_GOLD = load_gold(MADEUP_DIR / "gold")
SCHEMA_ENTITIES = set(ENTITY_TYPES)  # Person … Figure (Document is the article itself)
SCHEMA_RELATIONS = set(RELATION_TYPES) - {"MENTIONS"}


@pytest.mark.parametrize(("directory", "gold"), [(GOLD_DIR, GOLD), (MADEUP_DIR / "gold", MADEUP_GOLD)], ids=["corpus", "madeup"])
def test_every_gold_file_parses_and_is_named_after_its_article(directory, gold):
    files = sorted(directory.glob("*.json"))
    assert len(files) == len(gold) >= 16
    for path in files:
        doc = GoldDocument.model_validate(json.loads(path.read_text(encoding="utf-8")))
        assert path.name == f"{Path(doc.source_file).stem}_{doc.index}.json"


@pytest.mark.parametrize("doc", GOLD + MADEUP_GOLD, ids=lambda d: f"{d.source_file}#{d.index}")
def test_gold_document_is_consistent_with_schema(doc):
    names = [e.name for e in doc.entities]
    assert len(names) == len(set(names)), "entity names must be unique within a file"
    for e in doc.entities:
        assert e.type in SCHEMA_ENTITIES, e
        assert e.name in e.aliases, e
        assert "《" not in e.name and "》" not in e.name, e
        assert not (e.name.startswith("“") and e.name.endswith("”")), e
    by_name = {e.name: e for e in doc.entities}
    for r in doc.relations:
        assert r.type in SCHEMA_RELATIONS, r
        assert r.source in by_name and r.target in by_name, r
        src, tgt = by_name[r.source].type, by_name[r.target].type
        if r.type == "HOLDS_POSITION":
            assert (src, tgt) == ("Person", "Organization"), r
            assert r.properties.get("title"), r
        if r.type in ("PRESIDED_OVER", "SPOKE_AT"):
            assert (src, tgt) == ("Person", "Event"), r
        if r.type == "ATTENDED":
            assert src in ("Person", "Organization") and tgt == "Event", r
            assert r.properties.get("role") in ("attendee", "nonvoting", "rostrum", "guest"), r
        if r.type == "REVIEWED":
            assert (src, tgt) == ("Event", "Policy"), r
        if r.type == "ADOPTED":
            assert src in ("Event", "Organization") and tgt == "Policy", r
        if r.type == "ISSUED":
            assert src in ("Organization", "Person") and tgt == "Policy", r
        if r.type == "ORGANIZED":
            assert (src, tgt) == ("Organization", "Event"), r
        if r.type == "HELD_IN":
            assert (src, tgt) == ("Event", "Place"), r
        if r.type == "PART_OF":
            assert src == tgt and src in ("Event", "Organization"), r
        if r.type == "MEASURES":
            assert src == "Figure", r


@pytest.fixture(scope="module")
def corpus_articles():
    from kg.config import SAMPLE_CORPUS
    from kg.ingest import iter_articles

    return {document_key(a.source): a for a in iter_articles([SAMPLE_CORPUS, MADEUP_DIR / "corpus"], default_year=2024)}


def test_gold_documents_exist_in_the_corpus_and_their_aliases_in_the_text(corpus_articles):
    for doc in GOLD + MADEUP_GOLD:
        article = corpus_articles.get(doc.key)
        assert article is not None, f"no article {doc.key}"
        text = clean(article.text)
        for e in doc.entities:
            assert any(clean(a) in text for a in e.aliases) or e.type in ("Organization", "Event"), (doc.key, e)
            for alias in e.aliases[1:]:  # every surface form recorded must be in the article
                assert clean(alias) in text, (doc.key, e.name, alias)


def test_split_sizes():
    splits = [d.split for d in GOLD]
    assert splits.count("heldout") >= 5
    assert splits.count("dev") >= 10
    heldout = {d.key for d in GOLD if d.split == "heldout"}
    assert ("004_e14114da0821eb09.txt", 5) in heldout and ("000_6f195bff2fcc0277.txt", 2) in heldout
    assert {d.source_file for d in MADEUP_GOLD if d.split == "heldout"} == {f"m{i}_b.txt" for i in (1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 29, 30, 31, 32)}


# --- a real run ----------------------------------------------------------------------------------------
def _in_unit_interval(report):
    for c in [*report.entities.values(), *report.relations.values(), report.entity_total, report.relation_total]:
        for v in (c.precision, c.recall, c.f1):
            assert 0.0 <= v <= 1.0


def test_real_pipeline_on_dev_split(sample_results):
    report = evaluate(sample_results, GOLD, "dev")
    assert report.documents == sum(d.split == "dev" for d in GOLD)
    assert all(e.predicted for e in report.errors), "every dev gold file must find its article"
    assert report.entity_total.tp + report.entity_total.fn > 0
    _in_unit_interval(report)
    table = format_report(report)
    assert "split: dev" in table and re.search(r"micro\s+\d+", table)


def test_command_line_on_saved_predictions(sample_results, tmp_path, capsys):
    preds = tmp_path / "pred.jsonl"
    preds.write_text("\n".join(r.model_dump_json() for r in sample_results) + "\n", encoding="utf-8")
    assert main([str(GOLD_DIR), "--split", "all", "--json", "--predictions", str(preds)]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [r["split"] for r in reports] == ["dev", "heldout", "all"]
    for r in reports:
        assert 0.0 <= r["entity_total"]["f1"] <= 1.0 and 0.0 <= r["relation_total"]["f1"] <= 1.0
        assert all(e["split"] == "dev" for e in r["errors"]), "held-out errors must not be shown"
    assert main([str(GOLD_DIR), "--split", "all", "--show-errors", "--predictions", str(preds)]) == 0
    out = capsys.readouterr().out
    assert "[dev]" in out and "[heldout]" not in out
