"""Resolve stage: merge per-article results into one graph, one node per real thing.

Entities already carry canonical ids (kg.canonical); here nodes with the same id are merged
(aliases united, earliest date kept), the same article seen in two files is counted once, each
article becomes a Document node with MENTIONS edges, and every relation becomes an edge with its
evidence flattened into properties.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable

from kg.models import DocumentResult, GraphData, GraphEdge, GraphNode

DATE_PROPS = ("date", "adopted_date", "effective_date")


def edge_key(rtype: str, source: str, target: str, doc_id: str, start: int, props: dict) -> str:
    """A relationship's identity: the same fact from the same sentence is the same edge."""
    raw = json.dumps([rtype, source, target, doc_id, start, sorted(props.items())], ensure_ascii=False, default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def _merge_props(into: dict, new: dict) -> None:
    for key, value in new.items():
        if value is None:
            continue
        if key in DATE_PROPS and key in into:
            into[key] = min(into[key], value)  # ISO dates sort as strings; a session starts on its first day
        else:
            into.setdefault(key, value)


def build_graph(results: Iterable[DocumentResult]) -> GraphData:
    """Merge document results into nodes and edges ready for the loader and the RDF writer."""
    nodes: dict[str, GraphNode] = {}
    edges: dict[str, GraphEdge] = {}
    seen_docs: set[str] = set()
    for result in results:
        if result.doc_id in seen_docs:  # the same article in two files: its facts once
            continue
        seen_docs.add(result.doc_id)
        doc_props = {"name": result.title, "title": result.title, "date": result.date, "source": result.source}
        nodes[result.doc_id] = GraphNode(
            id=result.doc_id, label="Document", properties={k: v for k, v in doc_props.items() if v is not None}
        )
        for ent in result.entities:
            node = nodes.get(ent.id)
            if node is None:
                node = nodes[ent.id] = GraphNode(id=ent.id, label=ent.type, properties={"name": ent.name, "aliases": []})
            aliases = node.properties["aliases"]
            aliases.extend(a for a in ent.aliases if a not in aliases)
            _merge_props(node.properties, ent.properties)
            if ent.mentions:
                props = {"count": len(ent.mentions), "doc_id": result.doc_id}
                key = edge_key("MENTIONS", result.doc_id, ent.id, result.doc_id, 0, {})
                edges[key] = GraphEdge(key=key, type="MENTIONS", source=result.doc_id, target=ent.id, properties=props)
        for rel in result.relations:
            key = edge_key(rel.type, rel.source, rel.target, result.doc_id, rel.evidence.start, rel.properties)
            props = {
                **rel.properties,
                "doc_id": result.doc_id,
                "sentence": rel.evidence.sentence,
                "start": rel.evidence.start,
                "end": rel.evidence.end,
                "extractor": rel.extractor,
                "confidence": rel.confidence,
            }
            edges[key] = GraphEdge(key=key, type=rel.type, source=rel.source, target=rel.target, properties=props)
    return GraphData(nodes=list(nodes.values()), edges=list(edges.values()))


def summary(graph: GraphData) -> tuple[Counter, Counter]:
    """Node counts per label and edge counts per type."""
    return Counter(n.label for n in graph.nodes), Counter(e.type for e in graph.edges)
