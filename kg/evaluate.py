"""Extraction quality against hand-made gold annotations (SCHEMA.md, "How extraction quality is judged").

Per document, as sets: a predicted entity counts when its type matches and its name or any alias
equals a gold entity's name or alias once 《》, quotes and spaces are removed; a relation counts when
its type matches and both of its ends match that way. Each gold item and each predicted item is
used at most once (a maximum one-to-one matching). Precision, recall and F1 are given per type and
micro-averaged over entities and over relations.

Gold files (tests/data/gold/*.json, see its README) are matched to articles by (source file name,
index in that file), never by doc_id, which changes whenever normalisation does.

    python -m kg.evaluate tests/data/gold [--split dev|heldout|all] [--json] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from kg.canonical import clean
from kg.models import ENTITY_TYPES, RELATION_TYPES, DocumentResult, Entity

SPLITS = ("dev", "heldout")
EVALUATED_RELATIONS = tuple(t for t in RELATION_TYPES if t != "MENTIONS")


# --- gold ------------------------------------------------------------------------------------------
class GoldEntity(BaseModel):
    type: str
    name: str
    aliases: list[str] = Field(default_factory=list)


class GoldRelation(BaseModel):
    type: str
    source: str  # canonical name of an entity of the same document
    target: str
    properties: dict[str, Any] = Field(default_factory=dict)


class GoldDocument(BaseModel):
    source_file: str  # file name in the corpus, e.g. "000_6f195bff2fcc0277.txt"
    index: int  # position of the article inside that file
    title: str
    split: Literal["dev", "heldout"]
    entities: list[GoldEntity]
    relations: list[GoldRelation]

    @property
    def key(self) -> tuple[str, int]:
        return (self.source_file, self.index)


def load_gold(directory: str | Path) -> list[GoldDocument]:
    """Every ``*.json`` file of a directory, sorted by (source file, index)."""
    docs = [GoldDocument.model_validate_json(p.read_text(encoding="utf-8")) for p in sorted(Path(directory).glob("*.json"))]
    return sorted(docs, key=lambda d: d.key)


def document_key(source: str) -> tuple[str, int]:
    """``…/000_x.txt#3`` → ("000_x.txt", 3); a source without ``#`` is article 0 of its file."""
    path, _, index = source.rpartition("#") if "#" in source else (source, "", "0")
    return (Path(path).name, int(index))


# --- matching --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    """An entity (type, forms) or a relation (type, source forms, target forms), with a label to print."""

    type: str
    label: str
    forms: frozenset[str] = frozenset()
    source: tuple[str, frozenset[str]] | None = None  # (entity type, forms) of each end
    target: tuple[str, frozenset[str]] | None = None


def _forms(name: str, aliases: Iterable[str]) -> frozenset[str]:
    return frozenset(f for f in (clean(x) for x in (name, *aliases)) if f)


def _end_matches(a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> bool:
    return a[0] == b[0] and bool(a[1] & b[1])


def entity_matches(pred: Item, gold: Item) -> bool:
    return pred.type == gold.type and bool(pred.forms & gold.forms)


def relation_matches(pred: Item, gold: Item) -> bool:
    return pred.type == gold.type and _end_matches(pred.source, gold.source) and _end_matches(pred.target, gold.target)


def match(pred: list[Item], gold: list[Item], ok: Callable[[Item, Item], bool]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching (augmenting paths): no gold item or predicted item counts twice."""
    edges = [[g for g, gi in enumerate(gold) if ok(p, gi)] for p in pred]
    owner: dict[int, int] = {}  # gold index -> predicted index

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g not in seen:
                seen.add(g)
                if g not in owner or augment(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    for p in range(len(pred)):
        augment(p, set())
    return sorted((p, g) for g, p in owner.items())


def _relation_item(rtype: str, s: Entity | GoldEntity, t: Entity | GoldEntity) -> Item:
    label = f"{rtype} {s.name} → {t.name}"
    return Item(rtype, label, source=(s.type, _forms(s.name, s.aliases)), target=(t.type, _forms(t.name, t.aliases)))


def predicted_items(result: DocumentResult) -> tuple[list[Item], list[Item]]:
    ents = {e.id: e for e in result.entities if e.type in ENTITY_TYPES}
    merged: dict[tuple[str, str], Item] = {}  # a set: one item per (type, name), e.g. "2次" said of three things
    for e in ents.values():
        key = (e.type, clean(e.name))
        forms = _forms(e.name, e.aliases) | (merged[key].forms if key in merged else frozenset())
        merged[key] = Item(e.type, f"{e.type} {e.name}", forms)
    entities = list(merged.values())
    relations, seen = [], set()
    for r in result.relations:
        key = (r.type, r.source, r.target)
        if r.type in EVALUATED_RELATIONS and r.source in ents and r.target in ents and key not in seen:
            seen.add(key)
            relations.append(_relation_item(r.type, ents[r.source], ents[r.target]))
    return entities, relations


def gold_items(doc: GoldDocument) -> tuple[list[Item], list[Item]]:
    by_name = {e.name: e for e in doc.entities}
    entities = [Item(e.type, f"{e.type} {e.name}", _forms(e.name, e.aliases)) for e in doc.entities]
    relations, seen = [], set()
    for r in doc.relations:
        if (r.type, r.source, r.target) in seen:
            continue  # one fact, whatever its properties (two titles in the same body)
        seen.add((r.type, r.source, r.target))
        relations.append(_relation_item(r.type, by_name[r.source], by_name[r.target]))
    return entities, relations


# --- scores ----------------------------------------------------------------------------------------
@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class DocumentErrors:
    source_file: str
    index: int
    title: str
    split: str
    predicted: bool  # False when the pipeline produced no document for this gold file
    entity_fp: list[str] = field(default_factory=list)
    entity_fn: list[str] = field(default_factory=list)
    relation_fp: list[str] = field(default_factory=list)
    relation_fn: list[str] = field(default_factory=list)


@dataclass
class Report:
    split: str
    documents: int
    entities: dict[str, Counts]  # per type
    relations: dict[str, Counts]
    entity_total: Counts
    relation_total: Counts
    errors: list[DocumentErrors]

    def as_dict(self, error_splits: Iterable[str] = SPLITS) -> dict[str, Any]:
        """JSON-ready; per-document errors only for documents of ``error_splits``."""
        keep = set(error_splits)
        return {
            "split": self.split,
            "documents": self.documents,
            "entities": {t: c.as_dict() for t, c in self.entities.items()},
            "relations": {t: c.as_dict() for t, c in self.relations.items()},
            "entity_total": self.entity_total.as_dict(),
            "relation_total": self.relation_total.as_dict(),
            "errors": [asdict(e) for e in self.errors if e.split in keep],
        }


def _score(pred: list[Item], gold: list[Item], ok, counts: dict[str, Counts]) -> tuple[list[str], list[str]]:
    pairs = match(pred, gold, ok)
    hit_p, hit_g = {p for p, _ in pairs}, {g for _, g in pairs}
    for p, _ in pairs:
        counts.setdefault(pred[p].type, Counts()).tp += 1
    fps = [x for i, x in enumerate(pred) if i not in hit_p]
    fns = [x for i, x in enumerate(gold) if i not in hit_g]
    for x in fps:
        counts.setdefault(x.type, Counts()).fp += 1
    for x in fns:
        counts.setdefault(x.type, Counts()).fn += 1
    return sorted(x.label for x in fps), sorted(x.label for x in fns)


def evaluate(predicted: Iterable[DocumentResult], gold: list[GoldDocument], split: str | None = None) -> Report:
    """Score predictions against the gold documents of a split (None or "all": every gold document).

    Predicted documents without a gold file are ignored; a gold file without a predicted document
    counts all its items as false negatives.
    """
    chosen = [g for g in gold if split in (None, "all") or g.split == split]
    by_key = {document_key(r.source): r for r in predicted}
    entities: dict[str, Counts] = {t: Counts() for t in ENTITY_TYPES}
    relations: dict[str, Counts] = {t: Counts() for t in EVALUATED_RELATIONS}
    errors = []
    for g in chosen:
        result = by_key.get(g.key)
        p_ent, p_rel = predicted_items(result) if result else ([], [])
        g_ent, g_rel = gold_items(g)
        e_fp, e_fn = _score(p_ent, g_ent, entity_matches, entities)
        r_fp, r_fn = _score(p_rel, g_rel, relation_matches, relations)
        errors.append(DocumentErrors(g.source_file, g.index, g.title, g.split, result is not None, e_fp, e_fn, r_fp, r_fn))
    e_total, r_total = Counts(), Counts()
    for c in entities.values():
        e_total.add(c)
    for c in relations.values():
        r_total.add(c)
    return Report(split or "all", len(chosen), entities, relations, e_total, r_total, errors)


# --- output ----------------------------------------------------------------------------------------
def format_report(report: Report) -> str:
    """A plain text table: tp/fp/fn, precision, recall, F1 per type and micro-averaged."""
    head = f"{'':<16}{'tp':>6}{'fp':>6}{'fn':>6}{'prec':>8}{'rec':>8}{'f1':>8}"

    def row(label: str, c: Counts) -> str:
        return f"{label:<16}{c.tp:>6}{c.fp:>6}{c.fn:>6}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"

    lines = [f"split: {report.split} ({report.documents} documents)", head, "Entities"]
    lines += [row("  " + t, c) for t, c in report.entities.items() if c.tp + c.fp + c.fn]
    lines += [row("  micro", report.entity_total), "Relations"]
    lines += [row("  " + t, c) for t, c in report.relations.items() if c.tp + c.fp + c.fn]
    lines.append(row("  micro", report.relation_total))
    missing = [f"{e.source_file}#{e.index}" for e in report.errors if not e.predicted]
    if missing:
        lines.append("no prediction for: " + ", ".join(missing))
    return "\n".join(lines)


def format_errors(report: Report) -> str:
    out = []
    for e in report.errors:
        out.append(f"== {e.source_file}#{e.index} [{e.split}] {e.title}")
        for label, items in (("entity FP", e.entity_fp), ("entity FN", e.entity_fn),
                             ("relation FP", e.relation_fp), ("relation FN", e.relation_fn)):
            out += [f"  {label}: {x}" for x in items]
    return "\n".join(out)


def _predict(corpus: list[Path], year: int) -> list[DocumentResult]:
    from kg.extract import Extractor
    from kg.ingest import iter_articles

    return list(Extractor()(iter_articles(corpus, default_year=year)))


def main(argv: list[str] | None = None) -> int:
    from kg.config import SAMPLE_CORPUS

    ap = argparse.ArgumentParser(prog="python -m kg.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path, help="directory of gold JSON files (tests/data/gold)")
    ap.add_argument("--split", choices=("dev", "heldout", "all"), default="dev",
                    help="which gold documents to score (default dev; 'all' prints dev, heldout and both)")
    ap.add_argument("--corpus", type=Path, action="append", help="articles to extract (default: the sample corpus)")
    ap.add_argument("--year", type=int, default=2024, help="year of datelines that give none (default 2024)")
    ap.add_argument("--predictions", type=Path, help="score this JSONL of DocumentResult instead of running the pipeline")
    ap.add_argument("--json", action="store_true", help="print the report(s) as JSON")
    ap.add_argument("--show-errors", action="store_true",
                    help="print false positives and negatives per document (held-out documents only with --split heldout)")
    args = ap.parse_args(argv)

    gold = load_gold(args.gold)
    if args.predictions:
        lines = args.predictions.read_text(encoding="utf-8").splitlines()
        predicted = [DocumentResult.model_validate_json(x) for x in lines if x.strip()]
    else:
        predicted = _predict(args.corpus or [SAMPLE_CORPUS], args.year)
    splits = [*SPLITS, "all"] if args.split == "all" else [args.split]
    reports = [evaluate(predicted, gold, s) for s in splits]
    if args.json:
        visible = ("dev", "heldout") if args.split == "heldout" else ("dev",)  # held-out errors: only when asked for alone
        print(json.dumps([r.as_dict(visible) for r in reports], ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(format_report(r) for r in reports))
    if args.show_errors:
        # held-out errors are not for rule writers: show them only when that split is asked for alone
        shown = [r for r in reports if r.split == args.split and r.split != "all"] or [r for r in reports if r.split == "dev"]
        for r in shown:
            print("\n" + format_errors(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
