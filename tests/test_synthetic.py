"""kg.synthetic: larger corpora made from the sample, varied so that resolution has work to do."""

from __future__ import annotations

from kg.config import SAMPLE_CORPUS
from kg.ingest import iter_articles
from kg.synthetic import generate


def test_three_copies_cut_into_three_times_the_articles_all_different(tmp_path):
    corpus = generate(tmp_path / "a", 3, seed=0)
    assert len(corpus.files) == 15 and corpus.articles == 3 * 29
    articles = list(iter_articles([tmp_path / "a"], default_year=2024))
    assert len(articles) == corpus.articles
    assert len({a.doc_id for a in articles}) == len(articles)  # no copy equals another article
    sample = "".join(a.text for a in iter_articles([SAMPLE_CORPUS], default_year=2024))
    copy = "".join(a.text for a in articles if "/001-" in a.source)
    assert "赵乐际" in copy  # the Standing Committee stays
    assert "胡喆" in sample and "胡喆" not in copy  # a reporter of the sample gets another name
    assert {a.date for a in articles if "/001-" in a.source} != {a.date for a in articles if "/000-" in a.source}


def test_the_same_seed_gives_the_same_bytes(tmp_path):
    one, two = generate(tmp_path / "a", 2, seed=7), generate(tmp_path / "b", 2, seed=7)
    assert [p.read_bytes() for p in one.files] == [p.read_bytes() for p in two.files]
