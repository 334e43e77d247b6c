"""Resolve stage: merge per-article results into one graph, one node per real thing.

Entities already carry canonical ids (kg.canonical); here nodes with the same id are merged
(aliases united, earliest date kept). A fact is one edge whatever the number of articles stating
it: its key leaves the article out, ``doc_ids`` lists every supporting article and the evidence
properties (doc_id, sentence, start, end, extractor, confidence) are those of its best statement.
Near-duplicate articles (the same story in two files) are marked on their Document nodes.

The merge does not depend on the order in which articles arrive, so that any split of a corpus
into batches or shards, loaded in any order, gives the same graph (kg.store merges the same way):
dates keep the earliest value, aliases and doc_ids are unions, and the evidence is the statement
with the highest confidence (ties: the smallest doc_id, then the earliest offset). Other
properties are functions of the canonical key (kg.canonical), so every article gives the same.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable

from kg.dedup import find_duplicates, signature
from kg.models import DocumentResult, GraphData, GraphEdge, GraphNode

DATE_PROPS = ("date", "adopted_date", "effective_date", "as_of")
EVIDENCE = ("doc_id", "sentence", "start", "end", "extractor", "confidence")


def edge_key(rtype: str, source: str, target: str, props: dict) -> str:
    """A fact's identity: type, ends and the properties that distinguish facts (title, role…)."""
    fact = sorted((k, v) for k, v in props.items() if k not in DATE_PROPS)
    raw = json.dumps([rtype, source, target, fact], ensure_ascii=False, default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def better_evidence(new: dict, old: dict) -> bool:
    """Whether statement ``new`` is better evidence of a fact than ``old``: higher confidence, then
    the smaller doc_id, then the earlier offset (a total order: the choice is order-independent)."""
    return (-new["confidence"], new["doc_id"], new["start"]) < (-old["confidence"], old["doc_id"], old["start"])


def _merge_props(into: dict, new: dict) -> None:
    for key, value in new.items():
        if value is None:
            continue
        if key in DATE_PROPS and key in into:
            into[key] = min(into[key], value)  # ISO dates sort as strings; a session starts on its first day
        else:
            into.setdefault(key, value)


class GraphBuilder:
    """Accumulates document results into nodes and fact edges (usable as a stream)."""

    def __init__(self) -> None:
        self.nodes: dict[str, GraphNode] = {}
        self.edges: dict[str, GraphEdge] = {}

    def add(self, result: DocumentResult) -> None:
        if result.doc_id in self.nodes:  # the very same article in two files
            return
        doc_props = {"name": result.title, "title": result.title, "date": result.date, "source": result.source}
        self.nodes[result.doc_id] = GraphNode(
            id=result.doc_id, label="Document", properties={k: v for k, v in doc_props.items() if v is not None}
        )
        for ent in result.entities:
            node = self.nodes.get(ent.id)
            if node is None:
                node = self.nodes[ent.id] = GraphNode(id=ent.id, label=ent.type, properties={"name": ent.name, "aliases": []})
            aliases = node.properties["aliases"]
            aliases.extend(a for a in ent.aliases if a not in aliases)
            _merge_props(node.properties, ent.properties)
            if ent.mentions:
                key = edge_key("MENTIONS", result.doc_id, ent.id, {})
                props = {"count": len(ent.mentions), "doc_id": result.doc_id, "doc_ids": [result.doc_id]}
                self.edges[key] = GraphEdge(key=key, type="MENTIONS", source=result.doc_id, target=ent.id, properties=props)
        for rel in result.relations:
            evidence = {
                "doc_id": result.doc_id,
                "sentence": rel.evidence.sentence,
                "start": rel.evidence.start,
                "end": rel.evidence.end,
                "extractor": rel.extractor,
                "confidence": rel.confidence,
            }
            key = edge_key(rel.type, rel.source, rel.target, rel.properties)
            edge = self.edges.get(key)
            if edge is None:
                props = {**rel.properties, **evidence, "doc_ids": [result.doc_id]}
                self.edges[key] = GraphEdge(key=key, type=rel.type, source=rel.source, target=rel.target, properties=props)
                continue
            props = edge.properties
            if result.doc_id not in props["doc_ids"]:
                props["doc_ids"] = sorted([*props["doc_ids"], result.doc_id])
            if better_evidence(evidence, props):
                props.update(evidence)
            _merge_props(props, rel.properties)

    def mark_near_duplicates(self, texts: dict[str, str]) -> dict[str, str]:
        """Record on each Document node which earlier article (in ``texts`` order) tells the same story."""
        duplicate_of = find_duplicates(signature(doc_id, text) for doc_id, text in texts.items())
        for doc_id, original in duplicate_of.items():
            if doc_id in self.nodes:
                self.nodes[doc_id].properties["duplicate_of"] = original
        return duplicate_of

    def graph(self) -> GraphData:
        for edge in self.edges.values():
            edge.properties["support"] = len(edge.properties["doc_ids"])
        return GraphData(nodes=list(self.nodes.values()), edges=list(self.edges.values()))


def build_graph(results: Iterable[DocumentResult], texts: dict[str, str] | None = None) -> GraphData:
    """Merge document results into one graph; ``texts`` (doc_id → text) enables near-duplicate marks."""
    builder = GraphBuilder()
    for result in results:
        builder.add(result)
    if texts:
        builder.mark_near_duplicates(texts)
    return builder.graph()


def summary(graph: GraphData) -> tuple[Counter, Counter]:
    """Node counts per label and edge counts per type."""
    return Counter(n.label for n in graph.nodes), Counter(e.type for e in graph.edges)
