"""Resolve and load as a stream: the store keeps the resolution state, the process keeps a batch.

Results are merged by a :class:`~kg.resolve.GraphBuilder` until it holds ``batch_articles``
articles; that batch is then loaded (``GraphStore.load``, whose MERGE unites it with what is
stored exactly as the builder would have) and dropped. What stays in memory for the whole run is
one compact near-duplicate signature per article (kg.dedup), so memory does not grow with the
graph. Because the merge is order-independent, batches (or shards of a cluster, in the order they
finish) give the same graph as one load of the whole corpus.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kg.config import DEFAULT_BATCH_ARTICLES
from kg.dedup import Signature, find_duplicates, signature
from kg.models import Article, DocumentResult
from kg.resolve import GraphBuilder
from kg.store import GraphStore


@dataclass
class StreamStats:
    """What a streaming load did: articles, rows written (a node in two batches counts twice),
    near-duplicate articles marked, and the seconds spent writing."""

    articles: int = 0
    node_rows: int = 0
    edge_rows: int = 0
    duplicates: int = 0
    load_seconds: float = 0.0


class StreamingLoader:
    """Feed it results with :meth:`add`; :meth:`finish` loads the last batch and marks duplicates."""

    def __init__(
        self,
        store: GraphStore,
        batch_articles: int = DEFAULT_BATCH_ARTICLES,
        progress: Callable[[int], None] | None = None,
    ):
        self.store = store
        self.batch_articles = max(batch_articles, 1)
        self.progress = progress
        self.stats = StreamStats()
        self._builder = GraphBuilder()
        self._pending = 0
        self._signatures: list[tuple[tuple, Signature]] = []

    def add(self, result: DocumentResult, sig: Signature | None = None, position: tuple = ()) -> None:
        """Merge one article's result; ``position`` orders articles for the duplicate check
        (default: the order of the calls), ``sig`` is its text's signature (None: not checked)."""
        self._builder.add(result)
        self.stats.articles += 1
        if sig is not None:
            self._signatures.append((position or (self.stats.articles,), sig))
        self._pending += 1
        if self._pending >= self.batch_articles:
            self.flush()

    def flush(self) -> None:
        """Load the batch merged so far and start a new one."""
        if not self._pending:
            return
        graph = self._builder.graph()
        started = time.perf_counter()
        self.store.load(graph, progress=self.progress)
        self.stats.load_seconds += time.perf_counter() - started
        self.stats.node_rows += len(graph.nodes)
        self.stats.edge_rows += len(graph.edges)
        self._builder = GraphBuilder()
        self._pending = 0

    def finish(self) -> StreamStats:
        """Load what is left, then mark near-duplicate articles on their Document nodes."""
        self.flush()
        ordered = (sig for _, sig in sorted(self._signatures, key=lambda item: item[0]))
        duplicate_of = find_duplicates(ordered)
        self.store.mark_duplicates(duplicate_of)
        self.stats.duplicates = len(duplicate_of)
        return self.stats


def with_signatures(articles: Iterable[Article], into: dict[str, Signature]) -> Iterator[Article]:
    """Pass articles through, recording each one's signature (for when its result comes back)."""
    for article in articles:
        into[article.doc_id] = signature(article.doc_id, article.text)
        yield article
