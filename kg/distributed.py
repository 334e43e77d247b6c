"""The pipeline on a Dask cluster: extraction is a pure map over article shards; the client loads.

A *shard* is a run of up to ``shard_size`` consecutive articles of one file. A task reads its
file, cuts it into articles exactly as the serial run does (a file is the unit of date resolution:
its cover, colophon and footers date its articles), keeps its slice and returns the slice's
DocumentResults with each article's near-duplicate signature. Tasks share nothing, so any task
can run on any worker, in any order, and again after a failure (Dask ``retries``).

The client merges finished shards as they come, in whatever order, through a
:class:`~kg.streaming.StreamingLoader`: its MERGE is order-independent, so the stored graph is the
serial run's graph. At most ``max_in_flight`` shards are submitted and unfinished, which bounds
the memory of the client and of the workers.

    kg build corpus/ --dask local --workers 2          # a LocalCluster of 2 worker processes
    kg build /shared/corpus --dask tcp://10.0.0.5:8786  # a running `dask scheduler` and its workers
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.config import DEFAULT_BATCH_ARTICLES
from kg.dedup import Signature, signature
from kg.errors import InputError
from kg.models import DocumentResult
from kg.store import GraphStore
from kg.streaming import StreamingLoader, StreamStats

DEFAULT_SHARD_SIZE = 32  # articles per task (~80k characters of news: a few seconds of one core)

_local = threading.local()  # a worker thread's Extractor (spaCy pipelines are not shared by threads)


@dataclass(frozen=True)
class Shard:
    """Articles ``start`` (inclusive) to ``stop`` (exclusive) of the ``file``-th input file."""

    file: int
    path: str
    start: int
    stop: int


@dataclass
class ShardResult:
    """What a task returns: the shard's results and their articles' signatures."""

    shard: Shard
    results: list[DocumentResult]
    signatures: list[Signature]


@dataclass
class DistributedRun:
    """Totals of a run: the streaming load's stats, files skipped, shards."""

    stream: StreamStats = field(default_factory=StreamStats)
    skipped: int = 0
    shards: int = 0


def count_articles(path: str, default_year: int | None) -> int:
    """A task: how many articles kg.ingest cuts out of one file (raises InputError for a bad file)."""
    from kg.ingest import iter_articles

    return sum(1 for _ in iter_articles([path], default_year=default_year))


def shards_of(file: int, path: str, articles: int, shard_size: int) -> list[Shard]:
    """One file's shards: runs of ``shard_size`` articles."""
    return [Shard(file, path, lo, min(lo + shard_size, articles)) for lo in range(0, articles, shard_size)]


def extract_shard(shard: Shard, default_year: int | None) -> ShardResult:
    """A task: read the shard's file, extract its slice of articles (a pure function of the file)."""
    from kg.extract import Extractor
    from kg.ingest import iter_articles

    articles = list(iter_articles([shard.path], default_year=default_year))[shard.start : shard.stop]
    extractor = getattr(_local, "extractor", None)
    if extractor is None:
        extractor = _local.extractor = Extractor()
    return ShardResult(shard, list(extractor(articles)), [signature(a.doc_id, a.text) for a in articles])


def _client(scheduler: str, workers: int | None):
    """A Dask client and what to close after: a LocalCluster of processes for "local", else the address."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        n = workers or len(os.sched_getaffinity(0))
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        return client, [client, cluster]
    client = Client(scheduler)
    return client, [client]


def run_distributed(
    paths: Iterable[Path | str],
    store: GraphStore,
    *,
    scheduler: str = "local",
    workers: int | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    default_year: int | None = None,
    strict: bool = False,
    on_result: Callable[[DocumentResult], object] | None = None,
    batch_articles: int = DEFAULT_BATCH_ARTICLES,
    max_in_flight: int | None = None,
    retries: int = 2,
    on_skip: Callable[[InputError], None] | None = None,
) -> DistributedRun:
    """Extract ``paths`` on a Dask cluster and load the results into ``store``; returns the totals.

    scheduler: "local" (a LocalCluster of ``workers`` processes, default: the CPUs) or the address
    of a running scheduler, whose workers have this package installed and see ``paths`` under the
    same names. A file that cannot be read is passed to ``on_skip`` and skipped (``strict``: the
    InputError is raised before anything is loaded). ``on_result`` is given every result, in the
    order shards finish (the CLI writes them to its JSONL).
    max_in_flight: shards submitted and unfinished (default: 4 per worker thread).
    """
    from distributed import as_completed

    from kg.ingest import expand_paths

    run = DistributedRun()
    files = [str(p) for p in expand_paths(paths)]
    client, closing = _client(scheduler, workers)
    try:
        shards: list[Shard] = []
        counts = client.map(count_articles, files, default_year=default_year, retries=retries, pure=False)
        for index, (path, future) in enumerate(zip(files, counts)):
            try:
                shards += shards_of(index, path, future.result(), shard_size)
            except InputError as exc:
                if strict or on_skip is None:
                    raise
                on_skip(exc)
                run.skipped += 1
        if not shards:
            raise InputError(f"no articles found in {', '.join(map(str, paths))}")
        run.shards = len(shards)
        loader = StreamingLoader(store, batch_articles)
        window = max_in_flight or 4 * max(sum(client.nthreads().values()), 1)
        todo = iter(shards)

        def submit(shard: Shard):
            return client.submit(extract_shard, shard, default_year, retries=retries, pure=False)

        running = as_completed([submit(s) for _, s in zip(range(window), todo)])
        for future in running:
            done: ShardResult = future.result()
            future.release()
            shard = next(todo, None)
            if shard is not None:
                running.add(submit(shard))
            for k, (result, sig) in enumerate(zip(done.results, done.signatures)):
                if on_result:
                    on_result(result)
                loader.add(result, sig, position=(done.shard.file, done.shard.start + k))
        run.stream = loader.finish()
    finally:
        for thing in closing:
            thing.close()
    return run
