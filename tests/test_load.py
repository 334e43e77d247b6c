"""Loading the sample graph into the real local server: counts, facts, idempotence."""

from kg.resolve import summary
from kg.store import GraphStore


def _store(driver, graph_settings):
    return GraphStore(driver, graph_settings.database)


def test_load_matches_the_resolved_graph(driver, graph_settings, sample_graph):
    store = _store(driver, graph_settings)
    stats = store.load(sample_graph)
    assert stats.nodes == len(sample_graph.nodes) and stats.edges == len(sample_graph.edges)
    labels, types = summary(sample_graph)
    nodes, edges = store.counts()
    assert {k: v for k, v in nodes.items() if v} == dict(labels)
    assert {k: v for k, v in edges.items() if v} == dict(types)


def test_presided_over_answers_with_real_rows(driver, graph_settings, sample_graph):
    store = _store(driver, graph_settings)
    store.load(sample_graph)
    rows = store.run("MATCH (p:Person)-[:PRESIDED_OVER]->(e:Event) RETURN p.name AS p, e.name AS e, e.date AS d")
    assert {"p": "赵乐际", "e": "第十四届全国人民代表大会常务委员会第八次会议", "d": "2024-02-26"} in rows
    evidence = store.run(
        "MATCH (:Person {name: $p})-[r:PRESIDED_OVER]->(:Event {name: $e}) RETURN r.sentence AS s, r.doc_id AS doc, "
        "r.extractor AS x, r.confidence AS c",
        p="赵乐际",
        e="第十四届全国人民代表大会常务委员会第八次会议",
    )
    assert evidence and "赵乐际委员长主持" in evidence[0]["s"]
    assert evidence[0]["doc"].startswith("doc-") and evidence[0]["x"] and 0 < evidence[0]["c"] <= 1


def test_loading_twice_changes_nothing(driver, graph_settings, sample_graph):
    store = _store(driver, graph_settings)
    store.load(sample_graph)
    before = store.counts()
    snapshot = store.run("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    store.load(sample_graph)
    assert store.counts() == before
    assert store.run("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id") == snapshot


def test_aliases_are_united_across_loads(driver, graph_settings, sample_graph):
    store = _store(driver, graph_settings)
    store.load(sample_graph)
    rows = store.run("MATCH (o:Organization {name: '全国人民代表大会常务委员会'}) RETURN o.aliases AS a")
    assert len(rows) == 1 and "全国人大常委会" in rows[0]["a"]


def test_read_graph_round_trips(driver, graph_settings, sample_graph):
    store = _store(driver, graph_settings)
    store.load(sample_graph)
    back = store.read_graph()
    assert {n.id for n in back.nodes} == {n.id for n in sample_graph.nodes}
    assert {e.key for e in back.edges} == {e.key for e in sample_graph.edges}
