"""kg.parallel: the process pool gives exactly the serial output, in order, with bounded look-ahead."""

from __future__ import annotations

from kg.config import SAMPLE_CORPUS
from kg.ingest import iter_articles
from kg.parallel import extract_parallel


def _articles():
    return iter_articles([SAMPLE_CORPUS], default_year=2024)


def test_two_workers_equal_serial(sample_results):
    serial = [r.model_dump_json() for r in sample_results]
    parallel = [r.model_dump_json() for r in extract_parallel(_articles(), workers=2, chunk_size=3)]
    assert len(parallel) == len(serial) == 29
    assert parallel == serial  # same JSON for every DocumentResult, same order


def test_one_worker_is_the_serial_extractor(sample_results):
    first = list(_articles())[:4]
    assert [r.model_dump_json() for r in extract_parallel(first, workers=1)] == [
        r.model_dump_json() for r in sample_results[:4]
    ]


def test_input_is_read_lazily_and_early_close_stops_the_pool():
    consumed = 0

    def counting():
        nonlocal consumed
        for article in _articles():
            consumed += 1
            yield article

    results = extract_parallel(counting(), workers=2, chunk_size=2, max_in_flight=2)
    first = next(results)
    # two chunks in flight plus the one read before waiting for the oldest: never the whole corpus
    assert consumed <= 2 * (2 + 1) < 29
    assert first.doc_id == next(iter(_articles())).doc_id
    results.close()  # cancels what is queued, joins the workers; must not hang
