"""Shared fixtures: one real local graph server (ArcadeDB over Bolt) for the whole test session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import neo4j
import pytest

from kg.config import LOCAL_USER, GraphSettings
from kg.models import GraphData
from kg import server as kg_server
from kg.server import LocalServer, connect

TEST_PASSWORD = "zhkg-test-password"


def _new_server(home: Path, password: str = TEST_PASSWORD) -> LocalServer:
    """A LocalServer under ``home`` on free ports (not started)."""
    return LocalServer.on_free_ports(home, password=password, heap="1g")


@pytest.fixture
def free_ports() -> Callable[[int], list[int]]:
    """``free_ports(n)``: n distinct free ports on 127.0.0.1."""
    return kg_server.free_ports


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[Callable[..., LocalServer]]:
    """Factory of extra servers (not started) under tmp_path; whatever they started is stopped afterwards."""
    made: list[LocalServer] = []

    def make(password: str = TEST_PASSWORD, home: Path | None = None) -> LocalServer:
        server = _new_server(home or tmp_path, password)
        made.append(server)
        return server

    yield make
    for server in made:
        server.stop()


@pytest.fixture(scope="session")
def graph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """The session's running server, stopped at the end."""
    server = _new_server(tmp_path_factory.mktemp("kg-home"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def graph_settings(graph_server: LocalServer) -> GraphSettings:
    return GraphSettings(uri=graph_server.uri, user=LOCAL_USER, password=graph_server.password, database="neo4j")


@pytest.fixture
def driver(graph_settings: GraphSettings) -> Iterator[neo4j.Driver]:
    """A connected driver on an empty database (schema objects stay: create them with IF NOT EXISTS)."""
    drv = connect(graph_settings)
    try:
        drv.execute_query("MATCH (n) DETACH DELETE n", database_=graph_settings.database)
        yield drv
    finally:
        drv.close()


@pytest.fixture(scope="session")
def sample_results():
    """The shipped sample corpus, extracted once for the session (real spaCy pipeline)."""
    from kg.config import SAMPLE_CORPUS
    from kg.extract import Extractor
    from kg.ingest import iter_articles

    return list(Extractor()(iter_articles([SAMPLE_CORPUS], default_year=2024)))


@pytest.fixture(scope="session")
def sample_graph(sample_results):
    from kg.resolve import build_graph

    return build_graph(sample_results)


def comparable(graph: GraphData) -> tuple[dict, dict]:
    """Every node and edge of a graph with every property, for equality; aliases as sets (their
    order is the order in which articles were loaded)."""
    nodes = {n.id: (n.label, {k: set(v) if k == "aliases" else v for k, v in n.properties.items()}) for n in graph.nodes}
    edges = {e.key: (e.type, e.source, e.target, e.properties) for e in graph.edges}
    return nodes, edges
