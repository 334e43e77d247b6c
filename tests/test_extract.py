"""The extraction pipeline on the sample corpus: SCHEMA-valid output and specific facts."""

import json

import pytest

from kg.models import ENTITY_TYPES, RELATION_TYPES, DocumentResult


def _facts(results, rtype):
    """(source name, target name, properties) of every relation of a type."""
    out = []
    for r in results:
        names = {e.id: e.name for e in r.entities}
        out += [(names[x.source], names[x.target], x.properties) for x in r.relations if x.type == rtype]
    return out


def _entity(results, etype, name):
    for r in results:
        for e in r.entities:
            if e.type == etype and e.name == name:
                return e
    raise AssertionError(f"no {etype} {name}")


def test_every_article_is_schema_valid_json(sample_results):
    assert len(sample_results) == 29
    for result in sample_results:
        line = result.model_dump_json()
        again = DocumentResult.model_validate(json.loads(line))
        assert again == result
        ids = {e.id for e in result.entities}
        assert len(ids) == len(result.entities)
        for rel in result.relations:
            assert rel.source in ids and rel.target in ids
            assert 0 <= rel.evidence.start < rel.evidence.end
            assert 0 < rel.confidence <= 1 and rel.extractor
        for ent in result.entities:
            assert ent.name in ent.aliases
            assert "《" not in ent.name and "》" not in ent.name  # quotes inside (“十四五”规划) stay
            assert not (ent.name.startswith("“") and ent.name.endswith("”"))


def test_evidence_offsets_point_into_the_article(sample_results):
    from kg.config import SAMPLE_CORPUS
    from kg.ingest import iter_articles

    texts = {a.doc_id: a.text for a in iter_articles([SAMPLE_CORPUS], default_year=2024)}
    for result in sample_results:
        text = texts[result.doc_id]
        for rel in result.relations:
            assert text[rel.evidence.start : rel.evidence.end].strip() == rel.evidence.sentence
        for ent in result.entities:
            for m in ent.mentions:
                assert text[m.start : m.end] == m.text


def test_every_label_and_relationship_type_is_produced(sample_results):
    types = {e.type for r in sample_results for e in r.entities}
    assert types == set(ENTITY_TYPES)
    rtypes = {x.type for r in sample_results for x in r.relations}
    assert rtypes == set(RELATION_TYPES) - {"MENTIONS"}  # MENTIONS is made from mentions when merging


def test_presiding_and_posts(sample_results):
    presided = {(s, t) for s, t, _ in _facts(sample_results, "PRESIDED_OVER")}
    assert ("赵乐际", "第十四届全国人民代表大会常务委员会第八次会议") in presided
    assert ("赵乐际", "第十四届全国人民代表大会第二次会议") in presided
    posts = {(s, t, p["title"]) for s, t, p in _facts(sample_results, "HOLDS_POSITION")}
    assert ("赵乐际", "全国人民代表大会常务委员会", "委员长") in posts
    assert ("张军", "最高人民法院", "院长") in posts
    assert ("李鸿忠", "全国人民代表大会常务委员会", "副委员长") in posts
    assert ("雪克来提·扎克尔", "全国人民代表大会常务委员会", "副委员长") in posts


def test_attendance_roles(sample_results):
    attended = {(s, t, p["role"]) for s, t, p in _facts(sample_results, "ATTENDED")}
    session = "第十四届全国人民代表大会常务委员会第八次会议"
    assert ("刘奇", session, "attendee") in attended
    assert ("应勇", session, "nonvoting") in attended


def test_sessions_fold_their_sittings_and_short_names(sample_results):
    event = _entity(sample_results, "Event", "第十四届全国人民代表大会常务委员会第八次会议")
    assert "十四届全国人大常委会第八次会议" in event.aliases
    assert "第一次全体会议" in event.aliases
    assert event.properties["date"] == "2024-02-26"


@pytest.mark.parametrize(
    ("etype", "name"),
    [("Organization", "全国人民代表大会常务委员会"), ("Policy", "中华人民共和国保守国家秘密法"), ("Place", "人民大会堂")],
)
def test_canonical_names(sample_results, etype, name):
    assert _entity(sample_results, etype, name)


def test_journalists_are_persons_with_their_role(sample_results):
    for name in ("胡喆", "宋晨"):
        assert _entity(sample_results, "Person", name).properties.get("role") == "journalist"


def test_figures_are_normalised(sample_results):
    fig = _entity(sample_results, "Figure", "4.4亿吨")
    assert fig.properties["value"] == 4.4e8 and fig.properties["unit"] == "吨"
    assert "成交量" in fig.properties["measure"]
