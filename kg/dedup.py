"""Near-duplicate articles (the same story in two files), found in linear time with MinHash + LSH.

Each article is reduced to a compact :class:`Signature` (its number of 8-character shingles and
``PERMUTATIONS`` MinHash values, ~0.6 KB) as it streams by, so the check never holds the texts.
:func:`find_duplicates` then visits the articles in input order and compares each only with the
earlier articles that share an LSH band with it (not with every earlier article). Two articles are
the same story when most of the shorter one's shingles are in the longer one (containment
≥ ``NEAR_DUPLICATE``), estimated from the MinHash Jaccard and the two shingle counts.

Hashes are stable (BLAKE2b, fixed seeds), so a signature computed on a cluster worker equals the
one computed here, and the result depends only on the texts and their order.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

SHINGLE = 8  # characters per shingle
NEAR_DUPLICATE = 0.8  # share of the shorter article's shingles found in the longer one
PERMUTATIONS = 128
BANDS = 32  # LSH bands of PERMUTATIONS / BANDS rows: a pair with Jaccard 0.6 is a candidate with p > 0.99
_PRIME = (1 << 31) - 1  # a·h + b < 2^63 for a, h, b below it: the permutations vectorise in uint64
_rng = np.random.default_rng(20240226)
_A = _rng.integers(1, _PRIME, (PERMUTATIONS, 1), dtype=np.uint64)
_B = _rng.integers(0, _PRIME, (PERMUTATIONS, 1), dtype=np.uint64)


@dataclass(frozen=True)
class Signature:
    """What the duplicate check keeps of an article: its shingle count and MinHash values."""

    doc_id: str
    shingles: int
    minhash: bytes  # PERMUTATIONS little-endian uint32

    def values(self) -> np.ndarray:
        return np.frombuffer(self.minhash, dtype="<u4")


def _shingle_hashes(text: str) -> np.ndarray:
    compact = "".join(text.split())
    grams = {compact[i : i + SHINGLE] for i in range(0, max(len(compact) - SHINGLE + 1, 1))}
    digests = b"".join(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest() for g in grams)
    return np.frombuffer(digests, dtype="<u4").astype(np.uint64) % np.uint64(_PRIME)


def signature(doc_id: str, text: str) -> Signature:
    """The article's signature (computed where the text is: in the extracting process)."""
    hashes = _shingle_hashes(text)
    mins = ((_A * hashes[None, :] + _B) % np.uint64(_PRIME)).min(axis=1)
    return Signature(doc_id=doc_id, shingles=len(hashes), minhash=mins.astype("<u4").tobytes())


def _containment(a: Signature, b: Signature) -> float:
    jaccard = float(np.mean(a.values() == b.values()))
    smaller = min(a.shingles, b.shingles)
    # |A∩B| = J·|A∪B| and |A∪B| = (|A|+|B|)/(1+J)
    return jaccard * (a.shingles + b.shingles) / ((1 + jaccard) * max(smaller, 1))


def find_duplicates(signatures: Iterable[Signature]) -> dict[str, str]:
    """doc_id → the first earlier article of the same story (its own original, if it is a copy too).

    ``signatures`` in input order; an article is compared with the earlier ones sharing a band.
    """
    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    seen: list[Signature] = []
    duplicate_of: dict[str, str] = {}
    for sig in signatures:
        bands = [(band, sig.minhash[band * rows * 4 : (band + 1) * rows * 4]) for band in range(BANDS)]
        candidates = sorted({position for key in bands for position in buckets[key]})
        for position in candidates:  # the earliest matching article first
            other = seen[position]
            if other.doc_id != sig.doc_id and _containment(sig, other) >= NEAR_DUPLICATE:
                duplicate_of[sig.doc_id] = duplicate_of.get(other.doc_id, other.doc_id)
                break
        for key in bands:
            buckets[key].append(len(seen))
        seen.append(sig)
    return duplicate_of
