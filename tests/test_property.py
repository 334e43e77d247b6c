"""Property: any Unicode text goes through ingest and extraction without raising, and every record
is SCHEMA JSON with consistent ids and offsets (hypothesis; one Extractor for the whole module)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import Extractor
from kg.ingest import normalize, split_articles
from kg.models import DocumentResult

# Pieces that wake the rules up (names, bodies, sessions, laws, datelines, figures, footers, colophons)
FRAGMENTS = [
    "赵乐际", "李强", "王沪宁", "委员长", "主持", "出席", "列席", "会议", "在京举行", "国务院", "全国人大常委会",
    "全国人民代表大会常务委员会", "十四届全国人大二次会议", "第十四届全国人民代表大会第二次会议", "第八次会议",
    "全体会议", "开幕会", "《中华人民共和国保守国家秘密法》", "保密法", "《关于修改〈会计法〉的决定》", "审议", "通过",
    "发布", "新华社北京2月26日电", "（新华社北京3月5日电）", "本报北京3月11日电", "2024年3月5日", "二〇二四年三月五日",
    "26日上午", "3月", "同比增长5.2%", "1.2万亿元", "《人民日报》（2024年03月05日第01版）", "2024年8月10日印",
    "——", "■", "（完）", "自2024年5月1日起施行", "作关于", "的报告", "讲话", "强调", "北京", "人民大会堂", "以来", "精神",
]
PUNCTUATION = "《》“”‘’、。，；：！？（）【】〔〕…—·「」『』 \t\n\r\u3000\u2028\u2029\x85\x0c\ufeff\u200b(),.;:!?\"'"
CJK_SAMPLE = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"

text_parts = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRAGMENTS),  # twice: half the pieces are ones the rules know
    st.text(alphabet=CJK_SAMPLE, min_size=1, max_size=12),
    st.text(alphabet=PUNCTUATION, min_size=1, max_size=3),
    st.text(alphabet="0123456789０１２３年月日号%.", min_size=1, max_size=5),
    st.text(min_size=1, max_size=6),  # any Unicode: controls, surrogates excluded by hypothesis, U+2028, emoji…
)
texts = st.lists(text_parts, min_size=0, max_size=60).map("".join)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def check_record(result: DocumentResult, text: str) -> None:
    """SCHEMA JSON that reads back as itself, with ids and offsets that hold together."""
    line = result.model_dump_json()
    assert len(line.splitlines()) == 1, "a record must be one line of a JSONL file, whoever splits it (U+2028…)"
    assert DocumentResult.model_validate_json(line) == result
    ids = [e.id for e in result.entities]
    assert len(ids) == len(set(ids)), "one entity per id"
    for entity in result.entities:
        assert entity.name and entity.name in entity.aliases
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text), (entity.id, mention)
            assert text[mention.start : mention.end] == mention.text, (entity.id, mention)
    for relation in result.relations:
        assert relation.source in ids and relation.target in ids, relation
        assert relation.source != relation.target, relation
        evidence = relation.evidence
        assert 0 <= evidence.start <= evidence.end <= len(text), relation
        assert evidence.sentence == text[evidence.start : evidence.end].strip(), relation


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=texts, year=st.sampled_from([None, 2024]))
def test_any_text_gives_valid_consistent_records(extractor, raw, year):
    text = normalize(raw)
    articles = split_articles(text, "random.txt", default_year=year)
    assert all(article.text.strip() for article in articles)
    for article, result in zip(articles, extractor(articles), strict=True):
        assert result.doc_id == article.doc_id and result.source == article.source
        check_record(result, article.text)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=texts)
def test_every_line_of_the_text_is_in_some_article(raw):
    """Articles are the normalised paragraphs, in order (only covers and colophons are left out),
    and a text with any paragraph gives at least one article unless it is all colophon."""
    text = normalize(raw)
    paragraphs = iter(text.split("\n"))
    articles = split_articles(text, "random.txt")
    for article in articles:
        for line in article.text.split("\n"):
            assert any(line == p for p in paragraphs), f"{line!r} is not the next paragraph of the text"
    if text.strip() and not articles:
        assert any(c.isdigit() for c in text), f"no article from {text!r}"
