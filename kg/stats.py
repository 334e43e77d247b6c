"""Resolution quality at a glance: counts before and after merging, most-aliased entities, and
pairs of nodes that still look like one thing (same type, similar names)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

import re

from kg.models import DocumentResult, GraphData
from kg.nlp.entities import SITTING_RE

SKIP = {"Figure", "Document"}
ORDINALS = re.compile(r"[零〇一二两三四五六七八九十百千\d]+")


@dataclass(frozen=True)
class Suspect:
    label: str
    a: str
    b: str
    score: float
    why: str


def counts_before(results: Iterable[DocumentResult]) -> tuple[Counter, Counter]:
    """Mentions per type, and entities per type summed over articles (before merging across them)."""
    mentions, per_doc = Counter(), Counter()
    for r in results:
        for e in r.entities:
            mentions[e.type] += len(e.mentions)
            per_doc[e.type] += 1
    return mentions, per_doc


def most_aliased(graph: GraphData, top: int = 10) -> list[tuple[str, str, list[str]]]:
    nodes = [n for n in graph.nodes if n.label not in SKIP]
    nodes.sort(key=lambda n: (-len(n.properties.get("aliases", [])), n.properties["name"]))
    return [(n.label, n.properties["name"], n.properties.get("aliases", [])) for n in nodes[:top]]


def suspected_duplicates(graph: GraphData, threshold: float = 0.8) -> list[Suspect]:
    """Same-type pairs whose names contain one another or are nearly equal (difflib ratio)."""
    by_label: dict[str, list[tuple[str, set[str]]]] = {}
    for n in graph.nodes:
        if n.label not in SKIP:
            forms = {a for a in (n.properties["name"], *n.properties.get("aliases", [])) if not SITTING_RE.fullmatch(a)}
            by_label.setdefault(n.label, []).append((n.properties["name"], forms))
    names = {n.id: n.properties.get("name") for n in graph.nodes}
    linked = {frozenset((names[e.source], names[e.target])) for e in graph.edges if e.type != "MENTIONS"}
    linked |= {frozenset((n.properties["name"], n.properties["draft_of"])) for n in graph.nodes if "draft_of" in n.properties}
    out = []
    for label, items in by_label.items():
        for i, (name_a, forms_a) in enumerate(items):
            for name_b, forms_b in items[i + 1 :]:
                if frozenset((name_a, name_b)) in linked or ORDINALS.sub("#", name_a) == ORDINALS.sub("#", name_b):
                    continue  # related things (a body and its part, a law and its draft), or other ordinals
                shared = forms_a & forms_b
                if shared:
                    out.append(Suspect(label, name_a, name_b, 1.0, f"share the alias {sorted(shared)[0]}"))
                    continue
                if label == "Person":
                    continue  # 2-3 character names are similar by nature
                short, long = sorted((name_a, name_b), key=len)
                if len(short) >= 4 and short in long and len(long) - len(short) <= 3:
                    out.append(Suspect(label, name_a, name_b, len(short) / len(long), "one name inside the other"))
                    continue
                ratio = SequenceMatcher(None, name_a, name_b).ratio()
                if ratio >= threshold and min(len(name_a), len(name_b)) >= 4:
                    out.append(Suspect(label, name_a, name_b, ratio, "nearly the same name"))
    return sorted(out, key=lambda s: -s.score)


def report(graph: GraphData, results: list[DocumentResult] | None = None, top: int = 10) -> str:
    """A plain-text report: counts (before/after), most-aliased entities, suspected duplicates."""
    after = Counter(n.label for n in graph.nodes)
    lines = []
    if results is not None:
        mentions, per_doc = counts_before(results)
        lines.append("label          mentions  per-article entities  nodes after resolution")
        for label in sorted(set(mentions) | set(after)):
            if label != "Document":
                lines.append(f"{label:<14}{mentions[label]:>9}{per_doc[label]:>22}{after[label]:>24}")
    else:
        lines += [f"{label:<14}{count:>8} nodes" for label, count in sorted(after.items())]
    lines.append("")
    lines.append(f"most-aliased entities (top {top}):")
    for label, name, aliases in most_aliased(graph, top):
        lines.append(f"  {label:<13}{name}  ← {' | '.join(a for a in aliases if a != name)}")
    suspects = suspected_duplicates(graph)
    lines.append("")
    lines.append(f"suspected duplicates left: {len(suspects)}")
    for s in suspects:
        lines.append(f"  {s.label:<13}{s.a}  ~  {s.b}  ({s.why}, {s.score:.2f})")
    return "\n".join(lines)
