"""Extraction speed and memory on a corpus (default: the shipped sample), as `kg extract` runs it.

    .venv/bin/python benchmarks/extract_benchmark.py [PATH ...] [--repeat 3]

Prints characters per second (one process, so per core), articles, wall time of each stage,
and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from kg.config import SAMPLE_CORPUS
from kg.extract import Extractor
from kg.ingest import iter_articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=[SAMPLE_CORPUS])
    ap.add_argument("--repeat", type=int, default=3, help="timed runs after one warm-up (best is reported)")
    ap.add_argument("--year", type=int, default=2024)
    args = ap.parse_args()

    started = time.perf_counter()
    extractor = Extractor()
    load_s = time.perf_counter() - started
    best = None
    for _ in range(args.repeat + 1):
        t0 = time.perf_counter()
        articles = list(iter_articles(args.paths, default_year=args.year))
        t1 = time.perf_counter()
        lines = [r.model_dump_json() for r in extractor(articles)]
        t2 = time.perf_counter()
        run = (t1 - t0, t2 - t1, t2 - t0)
        best = run if best is None or run[2] < best[2] else best
    chars = sum(len(a.text) for a in articles)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ingest_s, extract_s, total_s = best
    print(f"articles            {len(articles)}  ({len(lines)} JSON lines)")
    print(f"characters          {chars}")
    print(f"pipeline load       {load_s:.2f} s (once per process)")
    print(f"ingest              {ingest_s:.3f} s")
    print(f"extract + JSON      {extract_s:.3f} s")
    print(f"chars/s per core    {chars / total_s:,.0f}  (ingest + extract + JSON; best of {args.repeat})")
    print(f"peak RSS            {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
