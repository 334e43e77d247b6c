"""CSV files for Neo4j's offline bulk importer (``neo4j-admin database import full``).

For a first load of a very large graph into an empty Neo4j database, the importer is one to two
orders of magnitude faster than Cypher MERGE over Bolt: it writes the store files directly. This
module writes one node file per label and one relationship file per type from a GraphData, with
the importer's typed headers:

    nodes-Person.csv        id:ID,:LABEL,name,aliases:string[],…
    rels-ATTENDED.csv       :START_ID,:END_ID,:TYPE,key,doc_ids:string[],support:long,…

and ``import.sh`` with the command that reads them. Node ids are globally unique (``person-…``,
``doc-…``), so one ID space serves every label. Lists become arrays (``--array-delimiter``,
default ``;``); an empty field is no property. Property types are inferred per file: all integers
→ ``long``, any float → ``double``, booleans → ``boolean``, lists → ``string[]`` / ``long[]`` /
``double[]``, anything else ``string``.

    kg bulk-csv out/extracted.jsonl --out out/neo4j-import   # JSONL of `kg extract`, merged by build_graph
    sh out/neo4j-import/import.sh                            # on the Neo4j host, database stopped

After the import, create the uniqueness constraints (``GraphStore(driver, db).ensure_schema()`` or
the first ``kg load``): the importer does not; later incremental loads then MERGE on them.
"""

from __future__ import annotations

import csv
import shlex
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from kg.models import GraphData, GraphEdge, GraphNode

NODE_FIXED = ("id:ID", ":LABEL")
EDGE_FIXED = (":START_ID", ":END_ID", ":TYPE", "key")


def _scalar_type(values: Iterable) -> str:
    kinds = {type(v) for v in values}
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    return "string"


def _column_types(rows: list[dict]) -> dict[str, str]:
    """property -> importer type, over every row of one file (None and [] are no property)."""
    seen: dict[str, list] = defaultdict(list)
    for props in rows:
        for key, value in props.items():
            if value is not None and value != []:
                seen[key].append(value)
    types = {}
    for key, values in seen.items():
        if all(isinstance(v, (list, tuple)) for v in values):
            types[key] = _scalar_type(x for v in values for x in v) + "[]"
        else:
            types[key] = _scalar_type(values)
    return types


def _cell(value, kind: str, delimiter: str) -> str:
    if value is None or value == []:
        return ""
    if kind.endswith("[]"):
        items = [_cell(v, kind[:-2], delimiter) for v in value]
        if any(delimiter in item for item in items):
            raise ValueError(f"an array element contains the array delimiter {delimiter!r}: {items}")
        return delimiter.join(items)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "string" and not isinstance(value, str):
        return str(value)
    return repr(value) if isinstance(value, float) else str(value)


def _header(fixed: tuple[str, ...], types: dict[str, str]) -> tuple[list[str], list[str]]:
    keys = sorted(types)
    return [*fixed, *(k if types[k] == "string" else f"{k}:{types[k]}" for k in keys)], keys


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def _node_props(node: GraphNode) -> dict:
    return {k: v for k, v in node.properties.items() if k != "id"}


def _edge_props(edge: GraphEdge) -> dict:
    props = {k: v for k, v in edge.properties.items() if k != "key"}
    props.setdefault("support", len(props.get("doc_ids", [])))
    return props


def write_bulk_csv(graph: GraphData, out_dir: Path | str, *, array_delimiter: str = ";", database: str = "neo4j") -> dict[str, int]:
    """Write ``nodes-<Label>.csv``, ``rels-<TYPE>.csv`` and ``import.sh`` into ``out_dir``;
    returns rows written per file name."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    by_label: dict[str, list[GraphNode]] = defaultdict(list)
    for node in graph.nodes:
        by_label[node.label].append(node)
    by_type: dict[str, list[GraphEdge]] = defaultdict(list)
    for edge in graph.edges:
        by_type[edge.type].append(edge)
    for label, nodes in sorted(by_label.items()):
        props = [_node_props(n) for n in nodes]
        types = _column_types(props)
        header, keys = _header(NODE_FIXED, types)
        rows = ([n.id, n.label, *(_cell(p.get(k), types[k], array_delimiter) for k in keys)] for n, p in zip(nodes, props))
        written[f"nodes-{label}.csv"] = _write(out / f"nodes-{label}.csv", header, rows)
    for rtype, edges in sorted(by_type.items()):
        props = [_edge_props(e) for e in edges]
        types = _column_types(props)
        header, keys = _header(EDGE_FIXED, types)
        rows = ([e.source, e.target, e.type, e.key, *(_cell(p.get(k), types[k], array_delimiter) for k in keys)]
                for e, p in zip(edges, props))
        written[f"rels-{rtype}.csv"] = _write(out / f"rels-{rtype}.csv", header, rows)
    command = import_command(out, written, array_delimiter=array_delimiter, database=database)
    (out / "import.sh").write_text("#!/bin/sh\n# Neo4j 5, server stopped or database absent; see docs/scale.md\n" + command + "\n",
                                   encoding="utf-8")
    return written


def import_command(out_dir: Path, files: Iterable[str], *, array_delimiter: str = ";", database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command line for the written files."""
    parts = ["neo4j-admin", "database", "import", "full", "--overwrite-destination=true", "--multiline-fields=true",
             f"--array-delimiter={array_delimiter}"]
    for name in sorted(files):
        option = "--nodes" if name.startswith("nodes-") else "--relationships"
        parts.append(f"{option}={Path(out_dir) / name}")
    parts.append(database)
    return " ".join(shlex.quote(p) for p in parts)
