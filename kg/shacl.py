"""SHACL validation of the RDF export against ``kg/data/shapes.ttl`` (with pyshacl).

The shapes say what ``kg/rdf.py`` promises in ``docs/rdf-mapping.md``: classes, @zh labels, typed
dates, the classes at both ends of every relationship, and the cardinalities the mapping guarantees.
``kg/data/ontology.ttl`` is mixed into the data graph (its ``rdfs:subClassOf`` counts for
``sh:class``), but no inference runs: an ``rdfs:domain`` must not make a wrongly typed node right.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import ConjunctiveGraph, Dataset, Graph

from kg.errors import KGError
from kg.rdf import DATA_DIR, ONTOLOGY_PATH

SHAPES_PATH = DATA_DIR / "shapes.ttl"

_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads"}


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def load(path: Path | str) -> Graph:
    """An export file as one rdflib Graph; the named graphs of TriG / N-Quads are merged (their union)."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KGError(f"cannot tell the RDF format of {path} from its suffix (one of {', '.join(_FORMATS)})")
    try:
        if fmt in ("trig", "nquads"):
            union = Graph()
            for s, p, o, _ in Dataset().parse(path, format=fmt).quads():
                union.add((s, p, o))
            return union
        return Graph().parse(path, format=fmt)
    except (OSError, SyntaxError, ValueError) as exc:
        raise KGError(f"cannot read {path} as {fmt}: {exc}") from None


def validate(data_graph: Graph | Path | str) -> tuple[bool, str]:
    """Validate an export (an rdflib Graph or a file) against the shapes: ``(conforms, report text)``.

    The data graph is not modified (pyshacl works on a copy with the ontology mixed in).
    """
    from pyshacl import validate as shacl_validate

    graph = data_graph if isinstance(data_graph, Graph) else load(data_graph)
    if isinstance(graph, ConjunctiveGraph):  # a Dataset: validate the union, as the shapes describe it
        union = Graph()
        for s, p, o, _ in graph.quads():
            union.add((s, p, o))
        graph = union
    conforms, _, text = shacl_validate(
        graph,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        advanced=False,
        allow_warnings=False,
    )
    return bool(conforms), str(text)
