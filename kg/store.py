"""Load stage: write a :class:`GraphData` into a Neo4j 5 compatible server, and read it back.

Uniqueness constraints on ``id`` come first; nodes and relationships are written in batches of
``UNWIND $rows … MERGE`` inside managed write transactions (retried on transient errors), keyed
on the stable node ids and edge keys, so loading the same data twice changes nothing and a rerun
after a crash completes the same graph. What cannot be stored yet (a node whose id is not found, a
relationship with an end node this load created) takes a faster ``CREATE`` with the properties
the MERGE would have given it. Labels and types are interpolated only from the fixed lists in
kg.models, property names (quoted) from the data.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import neo4j

from kg.errors import BackendError, InputError
from kg.models import ENTITY_TYPES, RELATION_TYPES, GraphData, GraphEdge, GraphNode
from kg.resolve import DATE_PROPS, EVIDENCE

LABELS = (*ENTITY_TYPES, "Document")

# The merge of kg.resolve, in Cypher, so that batches and shards loaded in any order give the same
# graph: what is stored wins for ordinary properties (functions of the canonical key), the earliest
# of two dates is kept, aliases and doc_ids are unions, and the better statement is the evidence.
_EARLIEST = "".join(
    f"    x.{p} = CASE WHEN old.{p} < r.props.{p} THEN old.{p} ELSE coalesce(r.props.{p}, old.{p}) END,\n"
    for p in DATE_PROPS
)
_UNION = "reduce(acc = coalesce(old.{field}, []), v IN r.{field} | CASE WHEN v IN acc THEN acc ELSE acc + v END)"

# One SET clause: ArcadeDB rewrites the record once per SET clause, not once per item. The items read
# only ``old`` and ``r`` (never ``x``), so it does not matter whether a server evaluates them one by
# one (Neo4j) or all right-hand sides first (ArcadeDB); they are applied in order.
NODE_QUERY = (
    """
UNWIND $rows AS r
MERGE (x:{label} {{id: r.id}})
WITH x, r, properties(x) AS old
SET x += r.props, x += old,
"""
    + _EARLIEST
    + f"    x.aliases = CASE WHEN r.aliases = [] THEN old.aliases ELSE {_UNION.format(field='aliases')} END\n"
)

EDGE_QUERY = (
    """
UNWIND $rows AS r
MATCH (a:{source} {{id: r.source}})
MATCH (b:{target} {{id: r.target}})
MERGE (a)-[x:{type} {{key: r.key}}]->(b)
WITH x, r, properties(x) AS old
WITH x, r, old, """
    + _UNION.format(field="doc_ids")
    + """ AS doc_ids
SET x += r.props, x += old,
    x += CASE WHEN old.confidence IS NULL OR r.evidence.confidence > old.confidence
    OR (r.evidence.confidence = old.confidence AND (r.evidence.doc_id < old.doc_id
        OR (r.evidence.doc_id = old.doc_id AND r.evidence.start < old.start))) THEN r.evidence ELSE {{}} END,
"""
    + _EARLIEST
    + "    x.doc_ids = doc_ids, x.support = size(doc_ids)\n"
)
# ArcadeDB finds the existing relationship of a MERGE by walking the edge list of the node its pattern
# starts from: written from the end with fewer relationships of the type, a hub is not walked once per row.
EDGE_QUERY_FROM_TARGET = EDGE_QUERY.replace("MERGE (a)-[x:{type} {{key: r.key}}]->(b)", "MERGE (b)<-[x:{type} {{key: r.key}}]-(a)")

# The fast path for what cannot exist yet: a node whose id is not stored, and a relationship with an
# end node created by this load. Such a row is written by CREATE with the properties the merge above
# would give a new node or relationship (_node_props, _edge_props), inlined in the pattern for one
# shape (the property names, in order) and sent as a list of values: a MERGE plus a SET costs the
# server about twice as much, and packing maps (every key, every row) costs the driver half again.
NODE_CREATE = """
UNWIND $rows AS r
OPTIONAL MATCH (x:{label} {{id: r[0]}})
WITH r WHERE x IS NULL
CREATE (:{label} {{{props}}})
RETURN r[0] AS id
"""
EDGE_CREATE = """
UNWIND $rows AS r
MATCH (a:{source} {{id: r[0]}})
MATCH (b:{target} {{id: r[1]}})
CREATE (a)-[:{type} {{{props}}}]->(b)
"""
NODE_WRITERS = 2  # sessions writing node labels side by side
EDGE_WRITERS = 2  # sessions writing relationships side by side, between nodes of different labels


@dataclass(frozen=True)
class LoadStats:
    nodes: int
    edges: int


def _batches(rows: Sequence[dict], size: int) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield list(rows[i : i + size])


class _WriteFailed(BackendError):
    """A write transaction failed for good (after the driver's retries); ``load`` says how far it got."""

    def __init__(self, exc: Exception):
        self.gone = not isinstance(exc, neo4j.exceptions.Neo4jError)  # connection lost, server not there
        self.detail = _detail(exc)
        super().__init__(f"the graph server {'stopped answering' if self.gone else 'failed a write'} ({self.detail})")


def _detail(exc: Exception) -> str:
    text = " ".join((getattr(exc, "message", None) or str(exc) or type(exc).__name__).split())
    return text if len(text) <= 300 else text[:299] + "…"


def _plain(props: dict) -> dict:
    """Neo4j properties hold primitives and lists of them: drop None and empty lists."""
    return {k: v for k, v in props.items() if v is not None and v != []}


class GraphStore:
    """The graph server behind a driver: schema, batched writes, counts and reads."""

    def __init__(self, driver: neo4j.Driver, database: str):
        self.driver = driver
        self.database = database

    def run(self, cypher: str, **params) -> list[dict]:
        """Run one read or write query and return its rows as dicts."""
        try:
            records, _, _ = self.driver.execute_query(cypher, params, database_=self.database)
        except neo4j.exceptions.Neo4jError as exc:
            raise BackendError(f"query failed: {exc.message}") from exc
        except neo4j.exceptions.DriverError as exc:  # connection lost, server gone: retried, then this
            raise BackendError(f"the graph server stopped answering ({_detail(exc)})") from exc
        return [r.data() for r in records]

    def ensure_schema(self) -> None:
        """Uniqueness constraints on every label's id (and on relationship keys' lookups)."""
        for label in LABELS:
            self.run(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE")
        self.run("CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)")
        self.run("CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)")

    def _write(self, cypher: str, rows: list, then: tuple[str, Callable[[set], list[dict]]] | None = None) -> set:
        """Run ``cypher`` on ``rows`` in one managed transaction; returns the ``id`` column it answers.

        ``then``: a second query, in the same transaction, on the rows made from that answer
        (nodes: merge the rows whose id the CREATE found already stored).
        """
        def work(tx: neo4j.ManagedTransaction) -> set:
            answered = {record[0] for record in tx.run(cypher, rows=rows)}
            if then and (more := then[1](answered)):
                tx.run(then[0], rows=more).consume()
            return answered

        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(work)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise _WriteFailed(exc) from exc

    def _write_apart(self, jobs: list[tuple[frozenset[str], str, list]], tell: Callable[[int], None]) -> None:
        """Run (labels, query, rows) jobs on EDGE_WRITERS sessions, never two at once whose labels meet.

        Two transactions adding relationships to the same node collide on its edge list (ArcadeDB:
        DeadlockDetected, then a retry after a back-off of a second or more); relationships between
        nodes of different labels cannot, so MENTIONS from documents are written beside HOLDS_POSITION
        or MEASURES, say. Jobs are started in order, as soon as their labels are free.
        """
        pending, busy, failed = list(jobs), set(), []
        changed = threading.Condition()

        def writer() -> None:
            while True:
                with changed:
                    while not failed and pending and not (job := next((j for j in pending if not j[0] & busy), None)):
                        changed.wait()
                    if failed or not pending:
                        return
                    pending.remove(job)
                    busy.update(job[0])
                try:
                    self._write(job[1], job[2])
                    tell(len(job[2]))
                except BaseException:
                    failed.append(job)
                    raise
                finally:
                    with changed:
                        busy.difference_update(job[0])
                        changed.notify_all()

        with ThreadPoolExecutor(EDGE_WRITERS) as pool:
            for future in [pool.submit(writer) for _ in range(EDGE_WRITERS)]:
                future.result()

    def load(
        self, graph: GraphData, batch_size: int = 1000, progress: Callable[[int], None] | None = None
    ) -> LoadStats:
        """Write nodes, then edges, batch by batch; ``progress`` is told how many items each batch had.

        Every relationship must join two nodes of ``graph`` (else InputError, before anything is
        written). A server that stops answering or fails a write is a BackendError saying how far
        the load got; batches already committed stay, and loading again completes the same graph.
        """
        nodes = {node.id for node in graph.nodes}
        for edge in graph.edges:
            for end in (edge.source, edge.target):
                if end not in nodes:
                    raise InputError(
                        f"relationship {edge.type} {edge.source} -> {edge.target} ends at {end}, "
                        "which is not a node of the graph; nothing was loaded"
                    )
        total, done = len(graph.nodes) + len(graph.edges), [0]

        def count(n: int) -> None:
            done[0] += n
            if progress:
                progress(n)

        try:
            return self._load_batches(graph, batch_size, count)
        except _WriteFailed as exc:
            written = f"after {done[0]} of {total} nodes and relationships were written"
            if not exc.gone:
                raise BackendError(f"the graph server failed a write {written} ({exc.detail})") from exc
            raise BackendError(
                f"the graph server stopped answering during the load {written} ({exc.detail}); "
                "start it again (`kg server start`) and rerun the load: loading is idempotent"
            ) from exc

    def _load_batches(
        self, graph: GraphData, batch_size: int = 1000, progress: Callable[[int], None] | None = None
    ) -> LoadStats:
        """Write nodes, then edges, batch by batch; ``progress`` is told how many items each batch had."""
        self.ensure_schema()
        lock = threading.Lock()
        created: set[tuple[str, str]] = set()  # (label, id) of the nodes this load created, once committed

        def tell(n: int) -> None:
            if progress:
                with lock:
                    progress(n)

        def write_nodes(label: str, nodes: list[GraphNode]) -> None:
            merge = NODE_QUERY.format(label=label)
            for names, batch in _shaped([(node, _node_props(node)) for node in nodes], batch_size):
                # CREATE the nodes not stored; in the same transaction, MERGE those the CREATE found stored
                def stored(new: set, batch=batch) -> list[dict]:
                    return [_node_row(node) for node, _ in batch if node.id not in new]

                rows = [list(props.values()) for _, props in batch]
                new = self._write(NODE_CREATE.format(label=label, props=_inline(names, 0)), rows, (merge, stored))
                with lock:
                    created.update((label, i) for i in new)
                tell(len(batch))

        by_label: dict[str, list[GraphNode]] = defaultdict(list)
        again: list[GraphNode] = []  # a node met twice in this load: merged once the first is stored
        seen: set[tuple[str, str]] = set()
        for node in graph.nodes:
            if (node.label, node.id) in seen:
                again.append(node)
            else:
                seen.add((node.label, node.id))
                by_label[node.label].append(node)
        assert all(label in LABELS for label in by_label), list(by_label)
        with ThreadPoolExecutor(NODE_WRITERS) as pool:  # labels never share a node: no write conflicts
            largest_first = sorted(by_label.items(), key=lambda item: -len(item[1]))
            for future in [pool.submit(write_nodes, label, nodes) for label, nodes in largest_first]:
                future.result()
        for node in again:
            self._write(NODE_QUERY.format(label=node.label), [_node_row(node)])
            tell(1)

        label_of = {node.id: node.label for node in graph.nodes}
        by_shape: dict[tuple[str, str, str], list[GraphEdge]] = defaultdict(list)
        out_degree: Counter[tuple[str, str]] = Counter()
        in_degree: Counter[tuple[str, str]] = Counter()
        for edge in graph.edges:
            by_shape[(edge.type, label_of[edge.source], label_of[edge.target])].append(edge)
            out_degree[(edge.type, edge.source)] += 1
            in_degree[(edge.type, edge.target)] += 1
        creates: list[tuple[frozenset[str], str, list]] = []  # (labels of the ends, query, rows)
        merges: list[tuple[frozenset[str], str, list]] = []
        for (rtype, source, target), edges in by_shape.items():
            assert rtype in RELATION_TYPES and source in LABELS and target in LABELS
            ends = frozenset((source, target))
            # a relationship with an end this load created cannot be stored yet: CREATE it (a key met
            # again in this load is merged after it); MERGE the others
            new, merge, keys = [], [], set()
            for edge in edges:
                fresh = (source, edge.source) in created or (target, edge.target) in created
                (new if fresh and edge.key not in keys else merge).append(edge)
                keys.add(edge.key)
            for names, batch in _shaped([(edge, _edge_props(edge)) for edge in new], batch_size):
                query = EDGE_CREATE.format(type=rtype, source=source, target=target, props=_inline(names, 2))
                creates.append((ends, query, [[edge.source, edge.target, *props.values()] for edge, props in batch]))
            rows = [_edge_row(edge) for edge in merge]
            walk_source = sum(out_degree[(rtype, r["source"])] for r in rows)
            walk_target = sum(in_degree[(rtype, r["target"])] for r in rows)
            template = EDGE_QUERY_FROM_TARGET if walk_target < walk_source else EDGE_QUERY
            merges += [(ends, template.format(type=rtype, source=source, target=target), b) for b in _batches(rows, batch_size)]
        for jobs in (creates, merges):
            self._write_apart(jobs, tell)
        return LoadStats(nodes=len(graph.nodes), edges=len(graph.edges))

    def mark_duplicates(self, duplicate_of: dict[str, str]) -> None:
        """Record on Document nodes which earlier article tells the same story (kg.dedup)."""
        rows = [{"id": doc, "original": original} for doc, original in sorted(duplicate_of.items())]
        for batch in _batches(rows, 1000):
            self._write("UNWIND $rows AS r MATCH (d:Document {id: r.id}) SET d.duplicate_of = r.original", batch)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type, as stored."""
        nodes = {label: self.run(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"] for label in LABELS}
        edges = {t: self.run(f"MATCH ()-[r:{t}]->() RETURN count(r) AS c")[0]["c"] for t in RELATION_TYPES}
        return nodes, edges

    def read_graph(self) -> GraphData:
        """The stored graph as GraphData (for the RDF export and networkx)."""
        nodes = []
        for label in LABELS:
            for row in self.run(f"MATCH (n:{label}) RETURN n.id AS id, properties(n) AS props"):
                props = {k: v for k, v in row["props"].items() if k != "id"}
                nodes.append(GraphNode(id=row["id"], label=label, properties=props))
        edges = []
        for rtype in RELATION_TYPES:
            query = f"MATCH (a)-[r:{rtype}]->(b) RETURN a.id AS s, b.id AS t, properties(r) AS props"
            for row in self.run(query):
                props = {k: v for k, v in row["props"].items() if k != "key"}
                props["doc_ids"] = sorted(props.get("doc_ids", []))  # a union, in load order
                edges.append(GraphEdge(key=row["props"]["key"], type=rtype, source=row["s"], target=row["t"], properties=props))
        return GraphData(nodes=nodes, edges=edges)


def _node_row(node: GraphNode) -> dict:
    props = _plain({k: v for k, v in node.properties.items() if k != "aliases"})
    return {"id": node.id, "props": props, "aliases": list(node.properties.get("aliases", []))}


def _edge_row(edge: GraphEdge) -> dict:
    props = _plain({k: v for k, v in edge.properties.items() if k not in ("doc_ids", "support")})
    evidence = {k: props.pop(k) for k in EVIDENCE if k in props} if "confidence" in props else {}
    return {
        "key": edge.key, "source": edge.source, "target": edge.target,
        "props": props, "evidence": evidence, "doc_ids": edge.properties["doc_ids"],
    }


def _node_props(node: GraphNode) -> dict:
    """The properties NODE_QUERY gives a node it creates (id first)."""
    props = {"id": node.id, **_plain({k: v for k, v in node.properties.items() if k not in ("id", "aliases")})}
    if aliases := _union(node.properties.get("aliases", [])):
        props["aliases"] = aliases
    return props


def _edge_props(edge: GraphEdge) -> dict:
    """The properties EDGE_QUERY gives a relationship it creates (key first)."""
    row = _edge_row(edge)
    doc_ids = _union(row["doc_ids"])
    props = {k: v for k, v in row["props"].items() if k != "key"}
    return {"key": edge.key, **props, **row["evidence"], "doc_ids": doc_ids, "support": len(doc_ids)}


def _union(values: Sequence) -> list:
    """``values`` without repeats, in order (the union of the merge queries, from nothing)."""
    out: list = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


def _shaped(pairs: Sequence[tuple[object, dict]], size: int) -> Iterator[tuple[tuple[str, ...], list]]:
    """Batches of at most ``size`` (item, properties) pairs whose property names are the same, in the same order."""
    shapes: dict[tuple[str, ...], list] = defaultdict(list)
    for pair in pairs:
        shapes[tuple(pair[1])].append(pair)
    for names, group in shapes.items():
        yield from ((names, batch) for batch in _batches(group, size))


def _inline(names: Sequence[str], offset: int) -> str:
    """``name: r[offset], …`` for a CREATE pattern; names that are not plain identifiers are quoted."""
    def quoted(name: str) -> str:
        return name if name.isascii() and name.isidentifier() else "`" + name.replace("`", "``") + "`"

    return ", ".join(f"{quoted(name)}: r[{i}]" for i, name in enumerate(names, offset))
