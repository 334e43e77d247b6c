"""The `kg` command as a user runs it: a subprocess against the real local server."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.models import DocumentResult

KG = [sys.executable, "-m", "kg"]


@pytest.fixture
def env(graph_settings, tmp_path):
    return {
        **os.environ,
        "NEO4J_URI": graph_settings.uri,
        "NEO4J_USER": graph_settings.user,
        "NEO4J_PASSWORD": graph_settings.password,
        "KG_HOME": str(tmp_path / "home"),
        "COLUMNS": "200",
    }


def kg(*args, env, cwd=None):
    return subprocess.run([*KG, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_help_of_every_command():
    for args in ([], ["build"], ["extract"], ["load"], ["export"], ["query"], ["bulk-csv"], ["server"], ["server", "start"]):
        result = subprocess.run([*KG, *args, "--help"], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "Usage" in result.stdout


def test_build_end_to_end_then_query(env, driver, tmp_path):
    out = tmp_path / "out"
    result = kg("build", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "29 articles" in result.stdout and "PRESIDED_OVER" in result.stdout
    lines = (out / "extracted.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 29 and all(DocumentResult.model_validate_json(line) for line in lines)
    assert (out / "graph.ttl").stat().st_size > 10_000
    query = "MATCH (p:Person)-[:PRESIDED_OVER]->(e:Event) RETURN p.name AS person, e.name AS event, e.date AS date"
    result = kg("query", "-e", query, "--json", env=env)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert {"person": "赵乐际", "event": "第十四届全国人民代表大会常务委员会第八次会议", "date": "2024-02-26"} in rows


def test_build_on_two_workers_in_small_batches_stores_the_serial_graph(env, driver, graph_settings, tmp_path, sample_results):
    """--workers 2 --batch 5: the same JSONL, line for line, and the graph of one load."""
    from kg.config import SAMPLE_CORPUS
    from kg.ingest import iter_articles
    from kg.resolve import build_graph
    from kg.store import GraphStore
    from tests.conftest import comparable

    out = tmp_path / "out"
    result = kg("build", "--out", str(out), "--workers", "2", "--batch", "5", "--format", "none", env=env)
    assert result.returncode == 0, result.stderr
    assert not (out / "graph.ttl").exists()
    assert (out / "extracted.jsonl").read_text(encoding="utf-8").splitlines() == [r.model_dump_json() for r in sample_results]
    texts = {a.doc_id: a.text for a in iter_articles([SAMPLE_CORPUS], default_year=2024)}
    stored = GraphStore(driver, graph_settings.database).read_graph()
    assert comparable(stored) == comparable(build_graph(sample_results, texts))


def test_query_file_with_parameter(env, driver, tmp_path, sample_results):
    data = tmp_path / "x.jsonl"
    data.write_text("".join(r.model_dump_json() + "\n" for r in sample_results), encoding="utf-8")
    assert kg("load", str(data), env=env).returncode == 0
    result = kg("query", "queries/positions_of_person.cypher", "--param", "name=赵乐际", "--json", env=env, cwd=Path(__file__).parents[1])
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert any(r["title"] == "委员长" and r["organization"] == "全国人民代表大会常务委员会" for r in rows)


def test_extract_writes_schema_json_without_a_database(tmp_path):
    sample = Path(__file__).parents[1] / "kg" / "data" / "sample_corpus" / "000_6f195bff2fcc0277.txt"
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:9"}  # nothing listens there: not needed
    result = subprocess.run([*KG, "extract", str(sample), "--year", "2024"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    docs = [DocumentResult.model_validate_json(line) for line in result.stdout.splitlines()]
    assert docs[0].title == "十四届全国人大常委会第八次会议在京举行" and docs[0].date == "2024-02-26"


def test_load_rejects_malformed_json_naming_the_line(env, driver, tmp_path, sample_results):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(sample_results[0].model_dump_json() + "\n{not json\n", encoding="utf-8")
    result = kg("load", str(bad), env=env)
    assert result.returncode == 1
    assert "line 2" in result.stderr and "Traceback" not in result.stderr
    assert driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"] == 0


def test_unreachable_server_is_a_clear_error(tmp_path, free_ports):
    env = {**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{free_ports(1)[0]}", "COLUMNS": "200"}
    result = kg("query", "-e", "RETURN 1", env=env)
    assert result.returncode == 1
    assert "cannot reach" in result.stderr and "Traceback" not in result.stderr


def test_empty_input_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = subprocess.run([*KG, "extract", str(empty)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr
