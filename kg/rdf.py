"""The resolved graph as RDF: Turtle, N-Triples, JSON-LD and TriG on standard vocabularies.

The mapping (FOAF, schema.org, SKOS, W3C ORG, OWL-Time, SEM, ELI, Dublin Core, Data Cube, PROV,
and ``zhkg:`` only where nothing standard fits) is written down in ``docs/rdf-mapping.md``; the
``zhkg:`` terms are declared in ``kg/data/ontology.ttl``. Every fact taken from an article's
sentence lives in that article's named graph ``<base>graph/<doc_id>`` (TriG); Turtle, N-Triples
and JSON-LD hold the union of all graphs. Statements are streamed: nothing builds an in-memory
RDF graph, so the writers scale with the GraphData itself.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timezone
from os import PathLike
from pathlib import Path
from typing import IO, Any, Union
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, serialize

from kg.errors import KGError
from kg.models import GraphData, GraphEdge, GraphNode

FORMATS = ("ttl", "nt", "jsonld", "trig")
BASE = "https://zhkg.org/id/"
ZHKG = "https://zhkg.org/ontology#"
DATA_DIR = Path(__file__).parent / "data"
ONTOLOGY_PATH = DATA_DIR / "ontology.ttl"
CONTEXT_PATH = DATA_DIR / "context.jsonld"

PREFIXES: dict[str, str] = {
    "zhkg": ZHKG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "http://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "qb": "http://purl.org/linked-data/cube#",
    "prov": "http://www.w3.org/ns/prov#",
}

Object = Union[NamedNode, Literal]
QuadTuple = tuple[NamedNode, NamedNode, Object, Union[NamedNode, None]]  # graph None = default graph


def _t(curie: str) -> NamedNode:
    prefix, local = curie.split(":", 1)
    return NamedNode(PREFIXES[prefix] + local)


A = _t("rdf:type")
PREF, ALT, LABEL = _t("skos:prefLabel"), _t("skos:altLabel"), _t("rdfs:label")
KIND, CHANGE = _t("zhkg:kind"), _t("zhkg:change")
XSD_STRING, XSD_DOUBLE, XSD_DATETIME = _t("xsd:string"), _t("xsd:double"), _t("xsd:dateTime")
XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR = _t("xsd:date"), _t("xsd:gYearMonth"), _t("xsd:gYear")

CLASSES: dict[str, tuple[NamedNode, ...]] = {
    "Person": (_t("foaf:Person"), _t("schema:Person")),
    "Organization": (_t("org:Organization"), _t("schema:Organization")),
    "Event": (_t("sem:Event"), _t("schema:Event")),
    "Policy": (_t("eli:LegalResource"), _t("schema:Legislation")),
    "Place": (_t("schema:Place"), _t("dcterms:Location")),
    "Figure": (_t("qb:Observation"),),
    "Document": (_t("foaf:Document"), _t("schema:NewsArticle")),
}
GOVERNMENT = _t("schema:GovernmentOrganization")
GOVERNMENT_KINDS = frozenset({"state", "party", "legislature", "government", "judiciary", "procuratorate", "military"})

# node property -> (predicate, value kind): "date" (typed by precision), "text" (@zh), "plain" (xsd:string)
NODE_PROPS: dict[str, dict[str, tuple[NamedNode, str]]] = {
    "Organization": {"kind": (KIND, "plain")},
    "Event": {"date": (_t("schema:startDate"), "date"), "kind": (KIND, "plain")},
    "Policy": {
        "kind": (KIND, "plain"),
        "adopted_date": (_t("eli:date_document"), "date"),
        "effective_date": (_t("eli:first_date_entry_in_force"), "date"),
    },
    "Figure": {
        "value": (_t("schema:value"), "double"),
        "unit": (_t("schema:unitText"), "plain"),
        "measure": (_t("zhkg:measure"), "text"),
        "date": (_t("dcterms:date"), "date"),
    },
    "Document": {"title": (_t("dcterms:title"), "text"), "date": (_t("dcterms:date"), "date"), "source": (_t("dcterms:source"), "iri")},
}

# relationship type -> (predicate, reversed: the triple runs target -> source)
SIMPLE_EDGES: dict[str, tuple[NamedNode, bool]] = {
    "PRESIDED_OVER": (_t("zhkg:presidedOver"), False),
    "ATTENDED": (_t("schema:attendee"), True),
    "SPOKE_AT": (_t("schema:performer"), True),
    "REVIEWED": (_t("zhkg:reviewed"), False),
    "ADOPTED": (_t("eli:passed_by"), True),
    "ISSUED": (_t("dcterms:creator"), True),
    "ORGANIZED": (_t("schema:organizer"), True),
    "HELD_IN": (_t("schema:location"), False),
    "MEASURES": (_t("zhkg:about"), False),
    "MENTIONS": (_t("schema:mentions"), False),
}
ATTENDED_ROLES = {
    "nonvoting": _t("zhkg:nonvotingAttendee"),
    "rostrum": _t("zhkg:rostrumAttendee"),
    "guest": _t("zhkg:guestAttendee"),
}
EDGE_DATES = {"ADOPTED": _t("dcterms:dateAccepted"), "ISSUED": _t("dcterms:issued")}
PART_OF = {
    ("Event", "Event"): _t("schema:superEvent"),
    ("Organization", "Organization"): _t("org:subOrganizationOf"),
}
IS_PART_OF = _t("dcterms:isPartOf")
MEMBERSHIP, ROLE = _t("org:Membership"), _t("org:Role")
MEMBER, ORGANIZATION, ORG_ROLE, MEMBER_DURING = _t("org:member"), _t("org:organization"), _t("org:role"), _t("org:memberDuring")
INTERVAL, INSTANT = _t("time:Interval"), _t("time:Instant")
BEGINNING, END, INSIDE = _t("time:hasBeginning"), _t("time:hasEnd"), _t("time:inside")
IN_XSD = {XSD_DATE: _t("time:inXSDDate"), XSD_GYEARMONTH: _t("time:inXSDgYearMonth"), XSD_GYEAR: _t("time:inXSDgYear")}
SPEECH, SUPER_EVENT, PERFORMER, SUBJECT = _t("zhkg:Speech"), _t("schema:superEvent"), _t("schema:performer"), _t("dcterms:subject")
DERIVED_FROM, GENERATED_AT = _t("prov:wasDerivedFrom"), _t("prov:generatedAtTime")
CONFIDENCE, EXTRACTOR = _t("zhkg:confidence"), _t("zhkg:extractor")

_SAFE_ID = re.compile(r"[A-Za-z0-9._~-]+")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_YEAR = re.compile(r"\d{4}")


def _escape(local: str) -> str:
    """``local`` as an IRI path segment: ASCII ids pass unchanged, anything else is percent-encoded."""
    if _SAFE_ID.fullmatch(local):
        return local
    return quote(local, safe="-._~!$&'()*+,;=:@")


def _date(value: Any) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear by the precision given; a plain literal if not a date."""
    if isinstance(value, datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    if _FULL_DATE.fullmatch(text):
        try:
            date.fromisoformat(text)
            return Literal(text, datatype=XSD_DATE)
        except ValueError:
            pass
    elif _YEAR_MONTH.fullmatch(text):
        return Literal(text, datatype=XSD_GYEARMONTH)
    elif _YEAR.fullmatch(text):
        return Literal(text, datatype=XSD_GYEAR)
    return Literal(text)


def _double(value: Any) -> Literal:
    """An xsd:double in its shortest exact form (5.02e+13, 0.9, INF, NaN); a plain literal if not a number."""
    if isinstance(value, bool):
        return Literal(str(value))
    try:
        number = float(value)
    except (TypeError, ValueError):
        return Literal(str(value))
    text = repr(number)
    return Literal(_SPECIAL_DOUBLES.get(text, text), datatype=XSD_DOUBLE)


_SPECIAL_DOUBLES = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}


def _iri_or_text(value: str) -> Object:
    """An http(s) URL as an IRI, anything else (a file path) as a plain literal."""
    if re.match(r"https?://[^\s]+$", value):
        try:
            return NamedNode(quote(value, safe=":/?#[]@!$&'()*+,;=%~"))
        except ValueError:
            pass
    return Literal(value)


def _timestamp(generated_at: datetime | None) -> Literal:
    """An xsd:dateTime; a naive datetime is taken as UTC, None means now."""
    moment = generated_at or datetime.now(timezone.utc).replace(microsecond=0)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return Literal(moment.isoformat().replace("+00:00", "Z"), datatype=XSD_DATETIME)


def _values(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


Emit = Callable[[NamedNode, NamedNode, Object, Union[NamedNode, None]], Any]


def _as_tuple(s: NamedNode, p: NamedNode, o: Object, g: NamedNode | None) -> QuadTuple:
    return s, p, o, g


def _as_triple(s: NamedNode, p: NamedNode, o: Object, g: NamedNode | None) -> Triple:
    return Triple(s, p, o)


def _as_quad(s: NamedNode, p: NamedNode, o: Object, g: NamedNode | None) -> Quad:
    return Quad(s, p, o) if g is None else Quad(s, p, o, g)  # (passing DefaultGraph() is twice as slow)


def _edge_order(edge: GraphEdge) -> tuple[str, str]:
    """Edges by article (each named graph one block in TriG), then by the subject of their main triple."""
    simple = SIMPLE_EDGES.get(edge.type)
    subject = edge.target if simple is not None and simple[1] else edge.source
    return str(edge.properties.get("doc_id") or ""), subject


class _Mapper:
    """Turns nodes and edges into statements; remembers what it wrote so that none is repeated.

    ``union`` drops the graph from the repeat check (a fact stated by two articles is one triple
    of the union); ``emit`` builds the statement objects the consumer wants.
    """

    def __init__(self, graph: GraphData, base: str, generated_at: datetime | None, union: bool, emit: Emit):
        try:
            NamedNode(base + "x")
        except ValueError as exc:
            raise KGError(f"RDF base {base!r} is not an absolute IRI: {exc}") from None
        self.graph = graph
        self.base = base
        self.union = union
        self.emit = emit
        self.count = 0
        self.generated = _timestamp(generated_at)
        self.labels = {node.id: node.label for node in graph.nodes}
        self._entities: dict[str, NamedNode] = {}
        self._seen: set[tuple[str, ...]] = set()  # keys of relationship triples (+ graph) already written
        self._roles: set[str] = set()
        self._graphs: dict[str, NamedNode] = {}
        self._earliest: dict[tuple[str, str], str] = {}  # (ADOPTED|ISSUED, policy id) → its earliest date
        for edge in graph.edges:
            date = edge.properties.get("date") if edge.type in EDGE_DATES else None
            if date:
                key = (edge.type, edge.target)
                self._earliest[key] = min(self._earliest.get(key, str(date)), str(date))

    def entity(self, node_id: str) -> NamedNode:
        iri = self._entities.get(node_id)
        if iri is None:
            iri = self._entities[node_id] = NamedNode(self.base + _escape(node_id))
        return iri

    def statements(self) -> Iterator[Any]:
        emit = self.emit
        for node in self.graph.nodes:
            for s, p, o in self.node(node):
                self.count += 1
                yield emit(s, p, o, None)
        for edge in sorted(self.graph.edges, key=_edge_order):
            for s, p, o, g in self.edge(edge):
                self.count += 1
                yield emit(s, p, o, g)

    def node(self, node: GraphNode) -> Iterator[tuple[NamedNode, NamedNode, Object]]:
        s = self.entity(node.id)
        props = node.properties
        for cls in CLASSES[node.label]:
            yield s, A, cls
        if node.label == "Organization" and props.get("kind") in GOVERNMENT_KINDS:
            yield s, A, GOVERNMENT
        name = props.get("name")
        if node.label == "Document":
            if name or props.get("title"):
                yield s, LABEL, Literal(str(props.get("title") or name), language="zh")
        elif name:
            label = Literal(str(name), language="zh")
            yield s, PREF, label
            yield s, LABEL, label
        seen = {name}
        for alias in _values(props.get("aliases")):
            if alias not in seen:
                seen.add(alias)
                yield s, ALT, Literal(str(alias), language="zh")
        for key, (predicate, kind) in NODE_PROPS.get(node.label, {}).items():
            for value in _values(props.get(key)):
                if kind == "date":
                    yield s, predicate, _date(value)
                elif kind == "text":
                    yield s, predicate, Literal(str(value), language="zh")
                elif kind == "double":
                    yield s, predicate, _double(value)
                elif kind == "iri":
                    yield s, predicate, _iri_or_text(str(value))
                else:
                    yield s, predicate, Literal(str(value))

    def edge(self, edge: GraphEdge) -> Iterator[QuadTuple]:
        props = edge.properties
        doc_id = props.get("doc_id")
        g = None
        if doc_id:
            doc_id = str(doc_id)
            g = self._graphs.get(doc_id)
            if g is None:  # first fact of this article: its graph's provenance, in the default graph
                g = self._graphs[doc_id] = NamedNode(f"{self.base}graph/{_escape(doc_id)}")
                yield g, DERIVED_FROM, self.entity(doc_id), None
                yield g, GENERATED_AT, self.generated, None
        rtype = edge.type
        source, target = self.entity(edge.source), self.entity(edge.target)
        seen, scope = self._seen, ("",) if self.union else (doc_id or "",)
        simple = SIMPLE_EDGES.get(rtype)
        if simple is not None:  # one triple, which other edges may state too
            key = (rtype, edge.source, edge.target, *scope)
            if key not in seen:
                seen.add(key)
                yield (target, simple[0], source, g) if simple[1] else (source, simple[0], target, g)
        if rtype == "HOLDS_POSITION":
            title = props.get("title")
            if title and str(title) not in self._roles:
                self._roles.add(str(title))
                role = self.role(str(title))
                yield role, A, ROLE, None
                yield role, PREF, Literal(str(title), language="zh"), None
                yield role, LABEL, Literal(str(title), language="zh"), None
            for s, p, o in self.membership(edge, source, target):
                yield s, p, o, g
        elif rtype == "PART_OF":
            key = (rtype, edge.source, edge.target, *scope)
            if key not in seen:
                seen.add(key)
                pair = (self.labels.get(edge.source), self.labels.get(edge.target))
                yield source, PART_OF.get(pair, IS_PART_OF), target, g
        elif rtype == "ATTENDED" and props.get("role") in ATTENDED_ROLES:
            key = (rtype, props["role"], edge.source, edge.target, *scope)
            if key not in seen:
                seen.add(key)
                yield target, ATTENDED_ROLES[props["role"]], source, g
        elif rtype in EDGE_DATES and props.get("date") and str(props["date"]) == self._earliest[(rtype, edge.target)]:
            when = _date(props["date"])  # one date per policy, its earliest (a law adopted, then revised)
            key = (rtype, "date", edge.target, when.value, *scope)
            if key not in seen:
                seen.add(key)
                yield target, EDGE_DATES[rtype], when, g
        elif rtype == "SPOKE_AT" and props.get("about"):
            speech = NamedNode(f"{self.base}speech-{_escape(edge.key)}")
            yield speech, A, SPEECH, g
            yield speech, SUPER_EVENT, target, g
            yield speech, PERFORMER, source, g
            yield speech, SUBJECT, Literal(str(props["about"]), language="zh"), g
            for s, p, o in self.evidence(speech, props):
                yield s, p, o, g

    def role(self, title: str) -> NamedNode:
        """One org:Role per title, its IRI derived like the entities' ids."""
        digest = hashlib.sha1(f"Role|{title}".encode("utf-8")).hexdigest()[:16]
        return NamedNode(f"{self.base}role-{digest}")

    def membership(self, edge: GraphEdge, person: NamedNode, org: NamedNode) -> Iterator[tuple[NamedNode, NamedNode, Object]]:
        """HOLDS_POSITION as an org:Membership named after the edge key, with its role and date."""
        props = edge.properties
        m = NamedNode(f"{self.base}membership-{_escape(edge.key)}")
        yield m, A, MEMBERSHIP
        yield m, MEMBER, person
        yield m, ORGANIZATION, org
        if props.get("title"):
            yield m, ORG_ROLE, self.role(str(props["title"]))
        change = props.get("change")
        if change:
            yield m, CHANGE, Literal(str(change))
        yield from self.evidence(m, props)
        as_of = _date(props["as_of"]) if props.get("as_of") else None
        if as_of is not None and as_of.datatype in IN_XSD:
            link, name = {"appointed": (BEGINNING, "begin"), "removed": (END, "end")}.get(str(change), (INSIDE, "at"))
            during, instant = NamedNode(f"{m.value}-during"), NamedNode(f"{m.value}-{name}")
            yield m, MEMBER_DURING, during
            yield during, A, INTERVAL
            yield during, link, instant
            yield instant, A, INSTANT
            yield instant, IN_XSD[as_of.datatype], as_of

    def evidence(self, subject: NamedNode, props: dict[str, Any]) -> Iterator[tuple[NamedNode, NamedNode, Object]]:
        """The compact evidence kept on nodes minted for an edge: source article, extractor, confidence."""
        if props.get("doc_id"):
            yield subject, DERIVED_FROM, self.entity(str(props["doc_id"]))
        if props.get("extractor"):
            yield subject, EXTRACTOR, Literal(str(props["extractor"]))
        if props.get("confidence") is not None:
            yield subject, CONFIDENCE, _double(props["confidence"])


def graph_to_dataset(graph: GraphData, *, base: str = BASE, generated_at: datetime | None = None) -> Iterator[QuadTuple]:
    """Stream the graph as quads ``(subject, predicate, object, graph)`` of pyoxigraph terms.

    ``graph`` is None for the default graph (entities, roles, the named graphs' provenance) and
    ``<base>graph/<doc_id>`` for the facts an article's edges state. No quad is repeated.
    """
    return _Mapper(graph, base, generated_at, union=False, emit=_as_tuple).statements()


def graph_to_triples(graph: GraphData, *, base: str = BASE, generated_at: datetime | None = None) -> Iterator[Triple]:
    """Stream the union of all graphs as distinct pyoxigraph Triples (what ttl, nt and jsonld hold)."""
    return _Mapper(graph, base, generated_at, union=True, emit=_as_triple).statements()


def write_rdf(
    graph: GraphData,
    path: Path | str | IO[bytes],
    fmt: str,
    *,
    base: str = BASE,
    generated_at: datetime | None = None,
) -> int:
    """Write ``graph`` as ``fmt`` (one of FORMATS) to a file path or binary stream; return the statement count.

    ``trig`` keeps one named graph per article and counts quads; ``ttl``, ``nt`` and ``jsonld``
    hold the union and count distinct triples. ``generated_at`` pins ``prov:generatedAtTime``.
    """
    if fmt not in FORMATS:
        raise KGError(f"RDF format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    emit = _as_quad if fmt == "trig" else _as_tuple if fmt == "jsonld" else _as_triple
    mapper = _Mapper(graph, base, generated_at, union=fmt != "trig", emit=emit)
    prefixes = {**PREFIXES, "id": base, "ng": f"{base}graph/"}
    output: Any = str(path) if isinstance(path, (str, PathLike)) else path
    try:
        if fmt == "jsonld":
            _write_jsonld(mapper.statements(), output, base)
        elif fmt == "nt":
            serialize(mapper.statements(), output, RdfFormat.N_TRIPLES)
        else:
            rdf_format = RdfFormat.TRIG if fmt == "trig" else RdfFormat.TURTLE
            serialize(mapper.statements(), output, rdf_format, prefixes=prefixes)
    except OSError as exc:
        raise KGError(f"cannot write the RDF dump to {path}: {exc}") from None
    return mapper.count


# --- JSON-LD ------------------------------------------------------------------------------------


def load_context() -> dict[str, Any]:
    """The JSON-LD context of ``kg/data/context.jsonld`` (the value of its ``@context``)."""
    return json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]


class _Compactor:
    """Compacts IRIs and values against the project's context, the way a JSON-LD processor reads them back."""

    _RELATIVE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.~-]*(?:/[A-Za-z0-9][A-Za-z0-9_.~-]*)*")

    def __init__(self, context: dict[str, Any], base: str):
        self.base = base
        self.namespaces = sorted(
            ((iri, term) for term, iri in context.items() if isinstance(iri, str) and iri[-1:] in "/#" and ":" in iri),
            key=lambda pair: -len(pair[0]),
        )
        self.terms: dict[str, tuple[str, Any]] = {}  # predicate IRI -> (term, coercion)
        for term, definition in context.items():
            if term.startswith("@") or not isinstance(definition, dict) or "@container" in definition:
                continue
            iri = self.expand(definition["@id"], context)
            if "@type" in definition:
                coercion: Any = "@id" if definition["@type"] == "@id" else ("@type", self.expand(definition["@type"], context))
            elif "@language" in definition:
                coercion = ("@language", definition["@language"])
            else:
                coercion = None
            self.terms.setdefault(iri, (term, coercion))
        self._keys: dict[str, tuple[str, Any]] = {}

    @staticmethod
    def expand(curie: str, context: dict[str, Any]) -> str:
        prefix, _, local = curie.partition(":")
        namespace = context.get(prefix)
        return namespace + local if isinstance(namespace, str) and not local.startswith("//") else curie

    def iri(self, iri: str) -> str:
        """A vocabulary IRI as a compact IRI (prefix:local) where a prefix fits."""
        for namespace, prefix in self.namespaces:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    def node_id(self, iri: str) -> str:
        """A node IRI relative to @base where that reads back unchanged (a base ending in "/" only)."""
        if self.base.endswith("/") and iri.startswith(self.base) and self._RELATIVE.fullmatch(iri[len(self.base) :]):
            return iri[len(self.base) :]
        return iri

    def key(self, predicate: str) -> tuple[str, Any]:
        found = self._keys.get(predicate)
        if found is None:
            found = self._keys[predicate] = self.terms.get(predicate) or (self.iri(predicate), None)
        return found

    def value(self, obj: Object, coercion: Any) -> Any:
        if isinstance(obj, NamedNode):
            ref = self.node_id(obj.value)
            return ref if coercion == "@id" else {"@id": ref}
        if obj.language:
            if coercion == ("@language", obj.language):
                return obj.value
            return {"@value": obj.value, "@language": obj.language}
        datatype = obj.datatype.value
        if coercion is not None and coercion != "@id" and coercion[0] == "@type" and coercion[1] == datatype:
            return obj.value
        if datatype == XSD_STRING.value:
            return obj.value if coercion is None else {"@value": obj.value}
        return {"@value": obj.value, "@type": self.iri(datatype)}


def _write_jsonld(stream: Iterable[QuadTuple], output: str | IO[bytes], base: str) -> None:
    """Stream a JSON-LD document: the project's context (+ @base), then one node object per run of a subject."""
    context = load_context()
    compactor = _Compactor(context, base)
    handle = open(output, "wb") if isinstance(output, str) else output  # noqa: SIM115 - closed below
    try:
        head = {"@context": [context, {"@base": base}]}
        handle.write(json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8") + b', "@graph": [\n')
        current: NamedNode | None = None
        node: dict[str, Any] = {}
        first = True

        def flush() -> None:
            nonlocal first
            if node:
                for key, values in node.items():
                    if isinstance(values, list) and len(values) == 1:
                        node[key] = values[0]
                handle.write((b"" if first else b",\n") + json.dumps(node, ensure_ascii=False).encode("utf-8"))
                first = False

        for s, p, o, _ in stream:
            if s != current:
                flush()
                current = s
                node = {"@id": compactor.node_id(s.value)}
            if p == A:
                node.setdefault("@type", []).append(compactor.iri(o.value))
                continue
            key, coercion = compactor.key(p.value)
            node.setdefault(key, []).append(compactor.value(o, coercion))
        flush()
        handle.write(b"\n]}\n")
    finally:
        if handle is not output:
            handle.close()
