"""Server faults against the real local server: not running, refusing the credentials, killed in
the middle of a load (then restarted: the rerun must give exactly the graph of one clean load),
and `kg server status|stop` when it is not running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.config import LOCAL_USER, GraphSettings
from kg.errors import BackendError
from kg.models import DocumentResult, Entity, Evidence, Mention, Relation
from kg.resolve import build_graph
from kg.server import connect
from kg.store import GraphStore

KG = [sys.executable, "-m", "kg"]


def kg(*args: str, env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], env={**os.environ, "COLUMNS": "80", **env}, capture_output=True, text=True, timeout=timeout)


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in result.stderr, result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def synthetic_results(n_docs: int) -> list[DocumentResult]:
    """n_docs articles of 10 entities and 10 relations each, entities shared across articles."""
    types = ["Person", "Organization", "Event", "Policy", "Place"]
    rtypes = {("Person", "Organization"): "HOLDS_POSITION", ("Organization", "Event"): "ORGANIZED",
              ("Event", "Policy"): "REVIEWED", ("Policy", "Place"): "MENTIONS", ("Place", "Person"): "MENTIONS"}
    results = []
    for d in range(n_docs):
        sentence = f"第{d}篇文章的句子。"
        ents = []
        for k in range(10):
            etype = types[k % 5]
            eid = f"{etype.lower()}-{(d * 10 + k) % (n_docs * 7):07d}"
            ents.append(Entity(id=eid, type=etype, name=f"名称{eid}", aliases=[f"名称{eid}", f"别名{d % 50}"],
                               mentions=[Mention(start=0, end=2, text="第0")]))
        rels = []
        for k in range(10):
            a, b = ents[k], ents[(k + 1) % 10]
            rels.append(Relation(type=rtypes.get((a.type, b.type), "PART_OF"), source=a.id, target=b.id, properties={"n": d % 97},
                                 evidence=Evidence(sentence=sentence, start=0, end=len(sentence)), extractor="synthetic", confidence=0.9))
        results.append(DocumentResult(doc_id=f"doc-{d:016x}", title=f"标题{d}", date="2024-03-05",
                                      source=f"synthetic.txt#{d}", entities=ents, relations=rels))
    return results


def snapshot(driver) -> tuple[list, list]:
    """The whole stored graph, comparable: nodes (labels, id, properties), edges (type, key, ends, properties)."""
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS l, n.id AS id, properties(n) AS p").records
    edges = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, r.key AS k, a.id AS s, b.id AS o, properties(r) AS p"
    ).records
    return (
        sorted((sorted(r["l"]), r["id"], repr(sorted(r["p"].items()))) for r in nodes),
        sorted((r["t"], r["k"], r["s"], r["o"], repr(sorted(r["p"].items()))) for r in edges),
    )


def _env_for(server, tmp_path: Path, password: str | None = None) -> dict:
    return {
        "NEO4J_URI": server.uri,
        "NEO4J_USER": LOCAL_USER,
        "NEO4J_PASSWORD": password or server.password,
        "KG_HOME": str(tmp_path / "home"),
    }


@pytest.fixture
def small_jsonl(tmp_path) -> Path:
    path = tmp_path / "small.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in synthetic_results(3)), encoding="utf-8")
    return path


# --- the server is not there ----------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_server_not_running_says_how_to_start_it(tmp_path, free_ports, small_jsonl, scheme):
    (port,) = free_ports(1)
    uri = f"{scheme}://127.0.0.1:{port}"
    env = {"NEO4J_URI": uri, "KG_HOME": str(tmp_path / "home")}
    for args in (["load", str(small_jsonl)], ["export", "-o", str(tmp_path / "g.ttl")], ["query", "-e", "RETURN 1"]):
        result = kg(*args, env=env, timeout=120)
        assert result.returncode == 1, result.stderr
        (line,) = error_lines(result)
        assert line.startswith(f"error: cannot reach the graph server at {uri}: start it with `kg server start` or set NEO4J_URI (")
        assert result.stderr == line + "\n", f"more than the one error line:\n{result.stderr}"
    assert not (tmp_path / "g.ttl").exists()


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "bolt://127.0.0.1:abc", "localhost:7687", "bolt://127.0.0.1:99999"])
def test_a_uri_that_is_not_bolt_is_clear(tmp_path, uri):
    result = kg("query", "-e", "RETURN 1", env={"NEO4J_URI": uri, "KG_HOME": str(tmp_path / "home")}, timeout=60)
    assert result.returncode == 1
    (line,) = error_lines(result)
    assert line.startswith(f"error: NEO4J_URI={uri!r} is not a Bolt URI"), line


# --- credentials ----------------------------------------------------------------------------------


def test_wrong_password_is_clear(graph_server, tmp_path):
    result = kg("query", "-e", "RETURN 1", env=_env_for(graph_server, tmp_path, password="not-the-password"))
    assert result.returncode == 1
    (line,) = error_lines(result)
    assert line.startswith(f"error: the graph server at {graph_server.uri} refused user root: check NEO4J_USER / NEO4J_PASSWORD (")
    assert result.stderr == line + "\n"


def test_unknown_user_is_not_told_the_password_is_wrong(graph_server, tmp_path):
    env = {**_env_for(graph_server, tmp_path), "NEO4J_USER": "nobody"}
    result = kg("query", "-e", "RETURN 1", env=env)
    assert result.returncode == 1
    (line,) = error_lines(result)
    assert line.startswith(f"error: the graph server at {graph_server.uri} refused user nobody: check NEO4J_USER / NEO4J_PASSWORD")
    assert "(the password is wrong)" not in line and "user name" in line  # it may be the user name


def test_wrong_password_given_as_an_option(graph_server, tmp_path):
    env = _env_for(graph_server, tmp_path)
    result = kg("--password", "not-the-password", "query", "-e", "RETURN 1", env=env)
    assert result.returncode == 1
    (line,) = error_lines(result)
    assert "refused user root" in line


# --- the server dies in the middle of a load ------------------------------------------------------


def test_server_killed_mid_load_then_rerun_gives_the_graph_of_one_clean_load(make_server, tmp_path):
    server = make_server()
    server.start()
    env = _env_for(server, tmp_path)
    results = synthetic_results(2000)
    data = tmp_path / "big.jsonl"
    data.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    expected = build_graph(results)
    total = len(expected.nodes) + len(expected.edges)
    assert len(expected.edges) > 30_000

    settings = GraphSettings(uri=server.uri, user=LOCAL_USER, password=server.password, database="neo4j")
    watcher = connect(settings)
    out, err = tmp_path / "load.out", tmp_path / "load.err"
    with open(out, "w") as o, open(err, "w") as e:
        load = subprocess.Popen([*KG, "load", str(data)], env={**os.environ, "COLUMNS": "80", **env}, stdout=o, stderr=e)
    try:
        java = server.status().pid
        deadline = time.monotonic() + 240
        while True:  # kill the server while the relationships are being written
            assert load.poll() is None, f"the load ended before the kill:\n{err.read_text()}"
            assert time.monotonic() < deadline, "the load did not reach its relationships"
            edges = watcher.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
            if edges >= len(expected.edges) // 3:
                break
            time.sleep(0.2)
        os.kill(java, signal.SIGKILL)
        watcher.close()
        started = time.monotonic()
        load.wait(timeout=180)
        failed_after = time.monotonic() - started
    finally:
        if load.poll() is None:
            load.kill()
            load.wait()
    stderr = err.read_text()
    assert load.returncode == 1 and "Traceback" not in stderr, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("error: the graph server stopped answering during the load after "), stderr
    assert f"of {total} nodes and relationships were written" in last and "rerun the load" in last
    print(f"\nafter SIGKILL the load failed in {failed_after:.0f} s with: {last}")
    assert not server.status().running

    server.start()
    with connect(settings) as driver:
        partial = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
        assert 0 < partial < len(expected.edges)  # committed batches survived the crash, the rest is missing
        rerun = kg("load", str(data), env=env)
        assert rerun.returncode == 0, rerun.stderr
        after_crash = snapshot(driver)
        counts = driver.execute_query("MATCH (n) RETURN count(n) AS n, count(DISTINCT n.id) AS ids").records[0]
        assert counts["n"] == counts["ids"] == len(expected.nodes)  # no duplicate node
        rel_counts = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS r, count(DISTINCT r.key) AS keys").records[0]
        assert rel_counts["r"] == rel_counts["keys"] == len(expected.edges)  # no duplicate relationship
        assert {n[1] for n in after_crash[0]} == {n.id for n in expected.nodes}
        assert {e[1] for e in after_crash[1]} == {e.key for e in expected.edges}

        driver.execute_query("MATCH (n) DETACH DELETE n")
        clean = kg("load", str(data), env=env)
        assert clean.returncode == 0, clean.stderr
        assert snapshot(driver) == after_crash  # every label, id, key, end and property


def test_store_load_is_a_backend_error_when_the_server_dies(make_server):
    server = make_server()
    server.start()
    graph = build_graph(synthetic_results(300))
    store = GraphStore(connect(GraphSettings(uri=server.uri, user=LOCAL_USER, password=server.password, database="neo4j")), "neo4j")
    java = server.status().pid
    written: list[int] = []
    killed: list[int] = []

    def progress(n: int) -> None:  # the server dies after the first batches were committed
        written.append(n)
        if sum(written) >= 1000 and not killed:
            os.kill(java, signal.SIGKILL)
            killed.append(java)

    try:
        with pytest.raises(BackendError, match=r"stopped answering during the load after \d+ of \d+ nodes and relationships"):
            store.load(graph, batch_size=500, progress=progress)
    finally:
        store.driver.close()


# --- kg server status / stop when it is not running -----------------------------------------------


@pytest.fixture
def stopped_env(tmp_path, free_ports) -> dict:
    bolt, http = free_ports(2)
    return {"KG_HOME": str(tmp_path / "home"), "KG_BOLT_PORT": str(bolt), "KG_HTTP_PORT": str(http)}


def test_status_when_not_running_exits_3(stopped_env):
    result = kg("server", "status", env=stopped_env)
    assert result.returncode == 3, result.stderr
    home = Path(stopped_env["KG_HOME"])
    assert result.stdout == f"local graph server: not running; bolt://127.0.0.1:{stopped_env['KG_BOLT_PORT']}; data in {home}\n"
    assert not home.exists()  # asking creates nothing


def test_status_with_a_stale_pid_file_exits_3(stopped_env):
    home = Path(stopped_env["KG_HOME"])
    home.mkdir()
    gone = subprocess.Popen(["true"])
    gone.wait()
    (home / "arcadedb.pid").write_text(f"{gone.pid}\n")
    result = kg("server", "status", env=stopped_env)
    assert result.returncode == 3 and "not running" in result.stdout
    assert not (home / "arcadedb.pid").exists()


def test_stop_when_not_running_is_no_error(stopped_env):
    result = kg("server", "stop", env=stopped_env)
    assert result.returncode == 0 and "error" not in result.stderr, result.stderr
    assert "not running" in result.stderr + result.stdout  # it says so, rather than "stopped"


# --- security: the password stays out of sight ------------------------------------------------------


def test_password_is_not_on_the_command_line_nor_left_on_disk(graph_server):
    """(Loopback-only listeners are tested in test_server.py.)"""
    pid = graph_server.status().pid
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    assert graph_server.password not in cmdline
    assert not (graph_server.data_dir / "root-password").exists()
    assert graph_server.password not in graph_server.log_file.read_text(encoding="utf-8", errors="replace")
    users = graph_server.data_dir / "config" / "server-users.jsonl"
    assert graph_server.password not in users.read_text(encoding="utf-8")  # a hash, not the password
