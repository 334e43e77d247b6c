"""Regression guard on extraction quality: held-out micro-F1 (corpus articles and made-up articles kept
aside) may not drop by more than 0.02."""

import json
from pathlib import Path

import pytest

from kg.evaluate import evaluate, load_gold

GOLD = Path(__file__).parent / "data" / "gold"
MADEUP = Path(__file__).parent / "data" / "madeup"
TOLERANCE = 0.02


@pytest.fixture(scope="module")
def baseline():
    return json.loads((GOLD.parent / "quality_baseline.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["entities", "relations"])
def test_heldout_micro_f1_does_not_regress(sample_results, baseline, kind):
    report = evaluate(sample_results, load_gold(GOLD), "heldout")
    total = report.entity_total if kind == "entities" else report.relation_total
    assert report.documents >= 5
    assert total.f1 >= baseline["heldout"][kind] - TOLERANCE, f"held-out {kind} micro-F1 {total.f1:.3f}"


@pytest.fixture(scope="module")
def madeup_results():
    from kg.extract import Extractor
    from kg.ingest import iter_articles

    return list(Extractor()(iter_articles([MADEUP / "corpus"], default_year=2024)))


@pytest.mark.parametrize("kind", ["entities", "relations"])
def test_madeup_heldout_micro_f1_does_not_regress(madeup_results, baseline, kind):
    report = evaluate(madeup_results, load_gold(MADEUP / "gold"), "heldout")
    total = report.entity_total if kind == "entities" else report.relation_total
    assert report.documents == 32
    assert total.f1 >= baseline["madeup_heldout"][kind] - TOLERANCE, f"made-up held-out {kind} micro-F1 {total.f1:.3f}"
