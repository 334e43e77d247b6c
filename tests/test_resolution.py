"""One node per real thing: canonical names, aliases, ids, facts merged across articles."""

import pytest

from kg.extract import Extractor
from kg.ingest import iter_articles
from kg.config import SAMPLE_CORPUS
from kg.resolve import build_graph
from kg.stats import report, suspected_duplicates


def _nodes(graph, label, surface):
    return [n for n in graph.nodes if n.label == label and (n.properties["name"] == surface or surface in n.properties["aliases"])]


@pytest.mark.parametrize(
    ("label", "surface", "canonical", "aliases"),
    [
        ("Organization", "全国人大常委会", "全国人民代表大会常务委员会", {"全国人大常委会"}),
        ("Policy", "保守国家秘密法", "中华人民共和国保守国家秘密法", {"中华人民共和国保守国家秘密法"}),
        ("Event", "十四届全国人大二次会议", "第十四届全国人民代表大会第二次会议", {"十四届全国人大二次会议", "第十四届全国人民代表大会第二次会议"}),
        ("Event", "全国政协十四届二次会议", "中国人民政治协商会议第十四届全国委员会第二次会议", {"全国政协十四届二次会议"}),
        ("Person", "赵乐际", "赵乐际", {"赵乐际"}),
        ("Person", "王沪宁", "王沪宁", {"王沪宁"}),
    ],
)
def test_exactly_one_node_with_its_aliases(sample_graph, label, surface, canonical, aliases):
    nodes = _nodes(sample_graph, label, surface)
    assert len(nodes) == 1, [n.properties["name"] for n in nodes]
    assert nodes[0].properties["name"] == canonical
    assert aliases <= set(nodes[0].properties["aliases"])
    assert len(_nodes(sample_graph, label, canonical)) == 1


def test_ids_are_identical_across_runs(sample_graph):
    again = build_graph(Extractor()(iter_articles([SAMPLE_CORPUS], default_year=2024)))
    assert sorted(n.id for n in again.nodes) == sorted(n.id for n in sample_graph.nodes)
    assert sorted(e.key for e in again.edges) == sorted(e.key for e in sample_graph.edges)


def test_two_copies_of_one_story_create_no_duplicates():
    article = next(iter_articles([SAMPLE_CORPUS], default_year=2024))
    copy = article.model_copy(update={"doc_id": "doc-copy", "source": "elsewhere.txt#0", "text": article.text + "\n（责任编辑：某某）"})
    extractor = Extractor()
    one = build_graph(extractor([article]))
    both = build_graph(extractor([article, copy]), {article.doc_id: article.text, copy.doc_id: copy.text})
    entities = lambda g: sorted(n.id for n in g.nodes if n.label != "Document")  # noqa: E731
    facts = lambda g: sorted(e.key for e in g.edges if e.type != "MENTIONS")  # noqa: E731
    assert entities(both) == entities(one)
    assert facts(both) == facts(one)
    for edge in both.edges:
        if edge.type != "MENTIONS":
            assert edge.properties["doc_ids"] == sorted([article.doc_id, "doc-copy"])
            assert edge.properties["support"] == 2
    copy_node = next(n for n in both.nodes if n.id == "doc-copy")
    assert copy_node.properties["duplicate_of"] == article.doc_id


def test_a_journalist_is_not_the_official_of_the_same_name():
    from kg.models import Article

    text = "某某会议召开\n新华社北京2月26日电（记者王勇）国务委员王勇出席会议。"
    article = Article(doc_id="doc-t", title="某某会议召开", date="2024-02-26", source="t.txt#0", text=text)
    result = next(Extractor()([article]))
    wang = [e for e in result.entities if e.type == "Person" and e.name == "王勇"]
    assert len(wang) == 2
    assert sorted(e.properties.get("role", "") for e in wang) == ["", "journalist"]


def test_stats_report_lists_aliases_and_suspects(sample_results, sample_graph):
    text = report(sample_graph, sample_results)
    assert "most-aliased" in text and "全国政协十四届二次会议" in text
    suspects = suspected_duplicates(sample_graph)
    # sessions that differ only by their ordinals are different events, not suspects
    assert not any(s.label == "Event" and "第十一届" in s.a + s.b and "第十四届" in s.a + s.b for s in suspects)
