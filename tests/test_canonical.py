"""Canonical keys: ordinal session names, figures and ids."""

import pytest

from kg.canonical import parse_session, stable_id
from kg.numbers import cn_to_int, figure_value, int_to_cn


@pytest.mark.parametrize(
    "surface",
    ["十四届全国人大二次会议", "第十四届全国人民代表大会第二次会议", "十四届全国人大第二次会议", "全国人大十四届二次会议"],
)
def test_npc_session_forms_are_one_event(surface):
    c = parse_session(surface)
    assert c is not None
    assert c.key == "session|NPC|14|2"
    assert c.name == "第十四届全国人民代表大会第二次会议"
    assert c.body == "全国人民代表大会"


def test_standing_committee_and_cppcc_sessions():
    a = parse_session("十四届全国人大常委会第八次会议")
    b = parse_session("第十四届全国人民代表大会常务委员会第八次会议")
    assert a is not None and b is not None and a.id == b.id
    assert a.key == "session|NPCSC|14|8" and a.body == "全国人民代表大会常务委员会"
    c = parse_session("全国政协十四届二次会议")
    d = parse_session("中国人民政治协商会议第十四届全国委员会第二次会议")
    e = parse_session("政协第十四届全国委员会第二次会议")
    assert c is not None and d is not None and e is not None
    assert c.id == d.id == e.id != a.id


def test_party_plenum_and_congress():
    assert parse_session("二十届三中全会").key == "session|PLENUM|20|3"
    assert parse_session("党的二十大").key == "session|CONGRESS|20"
    assert parse_session("中国共产党第二十次全国代表大会").key == "session|CONGRESS|20"
    assert parse_session("国务院常务会议") is None


def test_ids_are_stable_and_typed():
    assert stable_id("Person", "person|赵乐际") == stable_id("Person", "person|赵乐际")
    assert stable_id("Person", "person|赵乐际").startswith("person-")
    assert stable_id("Person", "x") != stable_id("Place", "x")


@pytest.mark.parametrize(
    ("num", "mag", "unit", "expected"),
    [("50.2", "万亿", "元", (5.02e13, "元")), ("41.5", None, "%", (0.415, "%")), ("10.79", None, "亿", (1.079e9, "")),
     ("4.4", None, "亿吨", (4.4e8, "吨")), ("166", None, "人", (166.0, "人"))],
)
def test_figure_values(num, mag, unit, expected):
    assert figure_value(num, mag, unit) == expected


def test_chinese_numerals():
    assert [cn_to_int(x) for x in ("十四", "二十", "八", "一百零五", "二〇二四")] == [14, 20, 8, 105, 2024]
    assert [int_to_cn(x) for x in (14, 20, 8, 10, 21, 1937)] == ["十四", "二十", "八", "十", "二十一", "1937"]


def test_the_draft_of_a_plan_or_budget_names_it():
    from kg.canonical import canonical_policy
    from kg.gazetteer import load_gazetteer

    c = canonical_policy("2024年中央和地方预算草案", load_gazetteer())
    assert c.properties == {"kind": "draft", "draft_of": "2024年中央和地方预算"}
