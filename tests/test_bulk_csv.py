"""kg bulk-csv: the files and command of neo4j-admin's offline import, checked cell by cell."""

from __future__ import annotations

import csv
import subprocess
import sys

from kg.bulk_csv import write_bulk_csv


def test_bulk_csv_headers_and_rows(sample_graph, tmp_path):
    written = write_bulk_csv(sample_graph, tmp_path)
    labels = {n.label for n in sample_graph.nodes}
    types = {e.type for e in sample_graph.edges}
    assert set(written) == {f"nodes-{label}.csv" for label in labels} | {f"rels-{t}.csv" for t in types}
    assert sum(v for k, v in written.items() if k.startswith("nodes-")) == len(sample_graph.nodes)
    assert sum(v for k, v in written.items() if k.startswith("rels-")) == len(sample_graph.edges)

    def read(name):
        with open(tmp_path / name, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        return rows[0], [dict(zip(rows[0], row)) for row in rows[1:]]

    ids = set()
    nodes = {n.id: n for n in sample_graph.nodes}
    for label in labels:
        header, rows = read(f"nodes-{label}.csv")
        assert header[:2] == ["id:ID", ":LABEL"]
        assert "name" in header and ("aliases:string[]" in header) == (label != "Document")
        for row in rows:
            node = nodes[row["id:ID"]]
            assert row[":LABEL"] == label == node.label
            assert row["name"] == node.properties["name"]
            if label != "Document":
                assert row["aliases:string[]"].split(";") == node.properties["aliases"]
            ids.add(row["id:ID"])
    header, rows = read("nodes-Figure.csv")
    assert "value:double" in header
    figure = nodes[rows[0]["id:ID"]]
    assert float(rows[0]["value:double"]) == figure.properties["value"]

    edges = {e.key: e for e in sample_graph.edges}
    for rtype in types:
        header, rows = read(f"rels-{rtype}.csv")
        assert header[:4] == [":START_ID", ":END_ID", ":TYPE", "key"]
        assert "doc_ids:string[]" in header and "support:long" in header
        for row in rows:
            edge = edges[row["key"]]
            assert (row[":START_ID"], row[":END_ID"], row[":TYPE"]) == (edge.source, edge.target, rtype)
            assert row[":START_ID"] in ids and row[":END_ID"] in ids  # one ID space: every end is a node
            assert row["doc_ids:string[]"].split(";") == edge.properties["doc_ids"]
    header, rows = read("rels-ATTENDED.csv")
    assert "confidence:double" in header and "start:long" in header and "sentence" in header
    script = (tmp_path / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script and "--nodes=" in script and "--relationships=" in script


def test_the_command_writes_the_files_from_extracted_json(tmp_path, sample_results):
    data = tmp_path / "x.jsonl"
    data.write_text("".join(r.model_dump_json() + "\n" for r in sample_results), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg", "bulk-csv", str(data), "--out", str(tmp_path / "csv")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "CSV files" in run.stderr and (tmp_path / "csv" / "nodes-Person.csv").exists()
    assert "neo4j-admin database import full" in (tmp_path / "csv" / "import.sh").read_text(encoding="utf-8")
