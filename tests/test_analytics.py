"""networkx analytics on the sample graph (no graph server): co-attendance, centrality, communities,
timeline, the files written and the plots."""

from __future__ import annotations

import csv

import networkx as nx
import pytest

from kg import analytics
from kg.models import GraphData, GraphEdge, GraphNode

PNG = b"\x89PNG\r\n\x1a\n"


def _person(g: nx.Graph, name: str) -> str:
    ids = [n for n, data in g.nodes(data=True) if data.get("name") == name]
    assert len(ids) == 1, f"{name}: {ids}"
    return ids[0]


@pytest.fixture(scope="module")
def coatt(sample_graph) -> nx.Graph:
    return analytics.coattendance(sample_graph)


def test_to_networkx_keeps_every_node_and_relationship(sample_graph):
    g = analytics.to_networkx(sample_graph)
    assert g.number_of_nodes() == len(sample_graph.nodes) and g.number_of_edges() == len(sample_graph.edges)
    zhao = next(n for n, d in g.nodes(data=True) if d["label"] == "Person" and d["name"] == "赵乐际")
    presided = [
        (g.nodes[t]["name"], data)
        for _, t, data in g.out_edges(zhao, data=True)
        if data["type"] == "PRESIDED_OVER"
    ]
    names = {name for name, _ in presided}
    assert "第十四届全国人民代表大会常务委员会第八次会议" in names
    assert all(data["sentence"] and data["doc_id"] and 0 < data["confidence"] <= 1 for _, data in presided)


def test_coattendance_links_persons_of_the_same_session(coatt):
    a, b = _person(coatt, "李鸿忠"), _person(coatt, "王东明")
    assert coatt.has_edge(a, b)
    edge = coatt.edges[a, b]
    assert "第十四届全国人民代表大会常务委员会第八次会议" in edge["events"]
    assert edge["weight"] == len(edge["events"]) >= 1
    # presiding counts as being there: the chair is linked to the session's members
    assert coatt.has_edge(_person(coatt, "赵乐际"), a)
    assert all(set(data) == {"name", "events"} for _, data in coatt.nodes(data=True))


def test_coattendance_weight_counts_distinct_shared_events():
    nodes = [
        GraphNode(id="p1", label="Person", properties={"name": "甲"}),
        GraphNode(id="p2", label="Person", properties={"name": "乙"}),
        GraphNode(id="p3", label="Person", properties={"name": "丙"}),
        GraphNode(id="e1", label="Event", properties={"name": "会一", "date": "2024-03-05"}),
        GraphNode(id="e2", label="Event", properties={"name": "会二", "date": "2024-02-26"}),
        GraphNode(id="o1", label="Organization", properties={"name": "某委员会"}),
    ]
    rel = [("p1", "PRESIDED_OVER", "e1"), ("p2", "ATTENDED", "e1"), ("p2", "SPOKE_AT", "e1"), ("p1", "ATTENDED", "e2"),
           ("p2", "ATTENDED", "e2"), ("p3", "ATTENDED", "e2"), ("o1", "ATTENDED", "e1")]
    edges = [GraphEdge(key=f"k{i}", type=t, source=s, target=o, properties={}) for i, (s, t, o) in enumerate(rel)]
    g = analytics.coattendance(GraphData(nodes=nodes, edges=edges))
    assert set(g.nodes) == {"p1", "p2", "p3"}  # bodies are not persons
    assert g.edges["p1", "p2"] == {"weight": 2, "events": ["会一", "会二"]}
    assert g.edges["p1", "p3"]["weight"] == 1 and g.nodes["p2"]["events"] == 2
    timeline = analytics.timeline(GraphData(nodes=nodes, edges=edges))
    assert [r["event"] for r in timeline] == ["会二", "会一"]
    assert timeline[1]["chairs"] == ["甲"] and timeline[1]["speakers"] == ["乙"] and timeline[1]["attendees"] == 2


def test_centrality_returns_at_most_top_rows_sorted(coatt):
    rows = analytics.centrality(coatt, top=10)
    assert 0 < len(rows) <= 10
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["pagerank"] for r in rows] == sorted((r["pagerank"] for r in rows), reverse=True)
    for row in rows:
        assert set(row) >= {"name", "degree", "weighted_degree", "betweenness", "pagerank"}
        assert row["weighted_degree"] >= row["degree"] > 0 and 0 <= row["betweenness"] <= 1 and 0 < row["pagerank"] < 1
    everyone = analytics.centrality(coatt, top=None)
    assert len(everyone) == coatt.number_of_nodes()
    assert sum(r["pagerank"] for r in everyone) == pytest.approx(1.0, abs=1e-4)
    by_degree = analytics.centrality(coatt, top=5, by="weighted_degree")
    assert [r["weighted_degree"] for r in by_degree] == sorted((r["weighted_degree"] for r in by_degree), reverse=True)
    with pytest.raises(ValueError):
        analytics.centrality(coatt, by="fame")


def test_pagerank_fallback_matches_the_stationary_distribution(coatt):
    """The pure-Python PageRank (used when scipy is missing) equals the Google matrix's leading eigenvector."""
    import numpy as np

    ranks = analytics._pagerank(coatt)
    nodes = list(coatt)
    matrix = nx.google_matrix(coatt, weight="weight", nodelist=nodes)
    values, vectors = np.linalg.eig(matrix.T)
    leading = np.real(vectors[:, np.argmax(np.real(values))])
    leading = leading / leading.sum()
    assert np.allclose([ranks[n] for n in nodes], leading, atol=1e-6)


def test_communities_partition_the_persons(coatt):
    groups = analytics.communities(coatt)
    assert groups and all(isinstance(g, set) for g in groups)
    names = [name for group in groups for name in group]
    assert sorted(names) == sorted(data["name"] for _, data in coatt.nodes(data=True))
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)


def test_timeline_is_date_sorted_and_has_the_npc_standing_committee_session(sample_graph):
    rows = analytics.timeline(sample_graph)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates) and "2024-02-26" in dates
    session = next(r for r in rows if r["event"] == "第十四届全国人民代表大会常务委员会第八次会议")
    assert session["date"] == "2024-02-26" and "赵乐际" in session["chairs"] and session["attendees"] >= 10


def test_outputs_are_written_and_read_back(sample_graph, tmp_path):
    files = analytics.write_outputs(sample_graph, tmp_path / "analysis")
    assert {"centrality", "timeline", "coattendance", "coattendance_png", "timeline_png"} <= set(files)
    with open(files["centrality"], encoding="utf-8", newline="") as f:
        central = list(csv.DictReader(f))
    assert {"rank", "name", "degree", "weighted_degree", "betweenness", "pagerank"} <= set(central[0])
    assert "李鸿忠" in {r["name"] for r in central}
    with open(files["timeline"], encoding="utf-8", newline="") as f:
        timeline = list(csv.DictReader(f))
    assert any(r["date"] == "2024-02-26" and "赵乐际" in r["chairs"] for r in timeline)
    back = nx.read_graphml(files["coattendance"])
    original = analytics.coattendance(sample_graph)
    assert back.number_of_nodes() == original.number_of_nodes() and back.number_of_edges() == original.number_of_edges()
    names = {data["name"]: n for n, data in back.nodes(data=True)}
    edge = back.edges[names["李鸿忠"], names["王东明"]]
    assert edge["weight"] >= 1 and "第十四届全国人民代表大会常务委员会第八次会议" in edge["events"].split("|")
    assert all(isinstance(data["community"], int) for _, data in back.nodes(data=True))
    for key in ("coattendance_png", "timeline_png"):
        assert files[key].read_bytes().startswith(PNG)


def test_analyze_returns_the_top_officials_and_the_files(sample_graph, tmp_path):
    result = analytics.analyze(sample_graph, tmp_path, top=10)
    assert 0 < len(result["top"]) <= 10 and result["persons"] >= len(result["top"]) and result["links"] > 0
    assert all(path.exists() for path in result["files"].values())


@pytest.mark.parametrize("font", ["installed", "none"])
def test_plots_are_png_with_or_without_a_cjk_font(sample_graph, coatt, tmp_path, monkeypatch, font):
    if font == "none":
        monkeypatch.setattr(analytics, "cjk_font", lambda: None)
    net = analytics.plot_coattendance(coatt, tmp_path / "c.png")
    line = analytics.plot_timeline(analytics.timeline(sample_graph), tmp_path / "t.png")
    for path in (net, line):
        data = path.read_bytes()
        assert data.startswith(PNG) and len(data) > 10_000


def test_plots_of_an_empty_graph_still_write_png(tmp_path):
    assert analytics.plot_coattendance(nx.Graph(), tmp_path / "c.png").read_bytes().startswith(PNG)
    assert analytics.plot_timeline([], tmp_path / "t.png").read_bytes().startswith(PNG)
    assert analytics.centrality(nx.Graph()) == [] and analytics.communities(nx.Graph()) == []
