"""Typed records passed between the pipeline's stages.

ingest -> :class:`Article`; extract -> :class:`DocumentResult` (the JSON contract of SCHEMA.md);
resolve -> :class:`GraphData` (nodes and edges, ready for the loader, the RDF writer and networkx).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

EntityType = Literal["Person", "Organization", "Event", "Policy", "Place", "Figure", "Document"]
ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Event", "Policy", "Place", "Figure")

RelationType = Literal[
    "HOLDS_POSITION",
    "PRESIDED_OVER",
    "ATTENDED",
    "SPOKE_AT",
    "REVIEWED",
    "ADOPTED",
    "ISSUED",
    "ORGANIZED",
    "HELD_IN",
    "PART_OF",
    "MEASURES",
    "MENTIONS",
]
RELATION_TYPES: tuple[str, ...] = RelationType.__args__  # type: ignore[attr-defined]


class Article(BaseModel):
    """One article cut out of an input file, its text normalised (PDF line breaks undone)."""

    doc_id: str
    title: str
    date: str | None = None  # ISO YYYY-MM-DD, or YYYY-MM / YYYY where only that is known
    source: str  # path of the file, with the article's index inside a compilation: "f.txt#3"
    text: str  # normalised text; every offset in the pipeline refers to it
    dateline: str | None = None  # e.g. "新华社北京2月26日电"


class Mention(BaseModel):
    start: int
    end: int
    text: str


class Entity(BaseModel):
    id: str
    type: EntityType
    name: str
    aliases: list[str]
    properties: dict[str, Any] = Field(default_factory=dict)
    mentions: list[Mention] = Field(default_factory=list)


class Evidence(BaseModel):
    sentence: str
    start: int
    end: int


class Relation(BaseModel):
    type: RelationType
    source: str
    target: str
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: Evidence
    extractor: str
    confidence: float = Field(ge=0.0, le=1.0)


class DocumentResult(BaseModel):
    """What ``kg extract`` writes for one article: one JSON line, exactly as SCHEMA.md says."""

    doc_id: str
    title: str
    date: str | None
    source: str
    entities: list[Entity]
    relations: list[Relation]


class GraphNode(BaseModel):
    """A node of the resolved graph; ``label`` is one of EntityType."""

    id: str
    label: EntityType
    properties: dict[str, Any]  # name, aliases and the type-specific properties


class GraphEdge(BaseModel):
    """A relationship of the resolved graph; ``key`` identifies it for idempotent MERGE."""

    key: str
    type: RelationType
    source: str
    target: str
    properties: dict[str, Any]  # type-specific properties plus the evidence (doc_id, sentence, …)


class GraphData(BaseModel):
    nodes: list[GraphNode] = Field(default_factory=list)
    edges: list[GraphEdge] = Field(default_factory=list)
