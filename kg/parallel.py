"""Extraction on several cores of one machine: a process pool with one Extractor per worker.

``extract_parallel(articles, workers)`` yields exactly what ``Extractor()(articles)`` yields, in
the same order, computed by ``workers`` processes. Articles are read lazily and sent in chunks of
``chunk_size``; at most ``max_in_flight`` chunks are queued or running at any time and results
are yielded as soon as the oldest chunk is done, so memory stays bounded whatever the corpus size
(the caller decides what to keep: write JSONL, feed a GraphBuilder…).

Why not ``nlp.pipe(n_process=…)``: the extractor needs the Doc's custom extensions
(``doc._.relations``, ``doc._.session_of``) and the Article next to it; spaCy's multiprocessing
ships Docs back as bytes and drops such user data. Each pool worker builds its own Extractor once
(the pool's initializer) and runs the whole ``Extractor.__call__`` on its chunk, so the code that
runs is the serial code; only the order of the chunks' completion differs, and that is undone here.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from kg.models import Article, DocumentResult

DEFAULT_CHUNK = 8  # articles per task: ~20k characters of the sample corpus, ~0.4 s of work
DEFAULT_BATCH = 16  # nlp.pipe batch size inside a worker (as Extractor's default)

_extractor = None  # the worker process's Extractor, built once by _init_worker


def default_start_method() -> str:
    """``forkserver`` on Linux (no fork of a parent that runs threads: drivers, dask), else ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def _init_worker(pipeline: str | None) -> None:
    global _extractor
    from kg.extract import Extractor
    from kg.nlp import load_pipeline

    _extractor = Extractor(load_pipeline(Path(pipeline)) if pipeline else None)


def _extract_chunk(articles: list[Article], batch_size: int) -> list[DocumentResult]:
    assert _extractor is not None, "worker not initialised"
    return list(_extractor(articles, batch_size=batch_size))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def extract_parallel(
    articles: Iterable[Article],
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    max_in_flight: int | None = None,
    pipeline: Path | str | None = None,
    start_method: str | None = None,
) -> Iterator[DocumentResult]:
    """Extract ``articles`` with ``workers`` processes; yields results in input order.

    workers: processes (default: the CPUs this process may use); 1 or less runs the serial
    ``Extractor`` in this process. chunk_size: articles per task. max_in_flight: chunks submitted
    and not yet yielded (default ``2 * workers``): the bound on articles and results held in memory.
    pipeline: a spaCy config other than pipelines/zh_news.cfg. start_method: multiprocessing's
    (default :func:`default_start_method`).

    Closing the generator early (``break``) cancels the chunks not started and stops the pool;
    an exception raised by a worker is re-raised here, at the position of its chunk.
    """
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    if workers <= 1:
        from kg.extract import Extractor
        from kg.nlp import load_pipeline

        yield from Extractor(load_pipeline(Path(pipeline)) if pipeline else None)(articles, batch_size=batch_size)
        return
    in_flight = max(max_in_flight or 2 * workers, 1)
    context = multiprocessing.get_context(start_method or default_start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["kg.extract"])  # spaCy and the rules imported once, not per worker
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(str(pipeline) if pipeline else None,),
    )
    pending: deque[Future[list[DocumentResult]]] = deque()
    try:
        for chunk in _chunks(articles, chunk_size):
            if len(pending) >= in_flight:
                yield from pending.popleft().result()
            pending.append(pool.submit(_extract_chunk, chunk, batch_size))
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
