"""kg.distributed on a local Dask cluster gives the serial graph."""

from __future__ import annotations

import pytest

from kg.config import SAMPLE_CORPUS
from kg.distributed import Shard, run_distributed, shards_of
from kg.errors import InputError
from kg.ingest import iter_articles
from kg.resolve import build_graph
from kg.store import GraphStore
from tests.conftest import comparable


def test_shards_of_a_file():
    assert shards_of(0, "f.txt", 3, 4) == [Shard(0, "f.txt", 0, 3)]
    assert shards_of(2, "f.txt", 10, 4) == [Shard(2, "f.txt", 0, 4), Shard(2, "f.txt", 4, 8), Shard(2, "f.txt", 8, 10)]


def test_local_dask_cluster_stores_the_serial_graph(driver, graph_settings, sample_results):
    store = GraphStore(driver, graph_settings.database)
    articles = list(iter_articles([SAMPLE_CORPUS], default_year=2024))
    serial = build_graph(sample_results, {a.doc_id: a.text for a in articles})

    returned = []
    run = run_distributed(
        [SAMPLE_CORPUS], store, scheduler="local", workers=2, shard_size=4, default_year=2024,
        on_result=returned.append, batch_articles=6,
    )
    assert run.stream.articles == 29 and run.shards == 9  # 7+2+3+5+12 articles in shards of 4
    assert run.stream.duplicates == 1 and run.skipped == 0
    assert comparable(store.read_graph()) == comparable(serial)
    # extraction is a pure map: the results are the serial results (in the order shards finished)
    lines = [r.model_dump_json() for r in returned]
    assert sorted(lines) == sorted(r.model_dump_json() for r in sample_results)


def test_a_bad_file_is_skipped_or_stops_a_strict_run(driver, graph_settings, tmp_path):
    store = GraphStore(driver, graph_settings.database)
    (tmp_path / "bad.txt").write_bytes(b"\xd6\xd0\xb9\xfa" * 50)
    good = sorted(SAMPLE_CORPUS.glob("001_*.txt"))[0]
    with pytest.raises(InputError, match="bad.txt: not UTF-8"):
        run_distributed([tmp_path / "bad.txt", good], store, workers=1, strict=True, retries=0)
    assert store.counts()[0]["Document"] == 0  # nothing loaded
    skipped = []
    run = run_distributed([tmp_path / "bad.txt", good], store, workers=1, default_year=2024, retries=0, on_skip=skipped.append)
    assert run.skipped == 1 and "bad.txt" in str(skipped[0])
    assert run.stream.articles == store.counts()[0]["Document"] == 2
