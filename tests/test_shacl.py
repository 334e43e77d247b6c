"""SHACL validation of the RDF export (kg/data/shapes.ttl via kg/shacl.py).

The sample corpus's export conforms; each deliberately broken graph does not, and fails for the reason
it was broken (the report names the property or carries the shape's message).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef

from kg.models import GraphData, GraphEdge, GraphNode
from kg.rdf import FORMATS, write_rdf
from kg.shacl import SHAPES_PATH, validate

# rdflib's own TriG and JSON-LD parsers use its deprecated ConjunctiveGraph internally
pytestmark = pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning", "ignore:Dataset.default_context is deprecated:DeprecationWarning"
)

RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ID = Namespace("https://zhkg.org/id/")
ZHKG = Namespace("https://zhkg.org/ontology#")
SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
GENERATED = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)

ZHAO, NPCSC, XINHUA, SESSION, HALL, LAW, FIGURE, DOC1, DOC2 = (
    "person-zhaoleji",
    "organization-npcsc",
    "organization-xinhua",
    "event-npcsc-14-8",
    "place-greathall",
    "policy-baomifa",
    "figure-attendance",
    "doc-0001",
    "doc-0002",
)


def _ev(doc: str, **props: object) -> dict:
    sentence = "十四届全国人大常委会第八次会议26日在北京人民大会堂举行。"
    return {
        **props,
        "doc_id": doc,
        "sentence": sentence,
        "start": 0,
        "end": len(sentence),
        "extractor": "rule:test",
        "confidence": 0.9,
    }


def small_graph() -> GraphData:
    """Every node type and relationship type the mapping knows, once or twice."""
    nodes = [
        GraphNode(id=ZHAO, label="Person", properties={"name": "赵乐际", "aliases": ["赵乐际", "赵乐际委员长"]}),
        GraphNode(
            id=NPCSC,
            label="Organization",
            properties={"name": "全国人民代表大会常务委员会", "aliases": ["全国人大常委会"], "kind": "legislature"},
        ),
        GraphNode(
            id="organization-npc",
            label="Organization",
            properties={"name": "全国人民代表大会", "aliases": [], "kind": "legislature"},
        ),
        GraphNode(id=XINHUA, label="Organization", properties={"name": "新华通讯社", "aliases": ["新华社"], "kind": "other"}),
        GraphNode(
            id=SESSION,
            label="Event",
            properties={
                "name": "第十四届全国人民代表大会常务委员会第八次会议",
                "aliases": ["第八次会议"],
                "date": "2024-02-26",
                "kind": "session",
            },
        ),
        GraphNode(
            id="event-npc-14", label="Event", properties={"name": "第十四届全国人民代表大会", "aliases": [], "date": "2023-03"}
        ),
        GraphNode(id=HALL, label="Place", properties={"name": "人民大会堂", "aliases": ["北京人民大会堂"], "kind": "venue"}),
        GraphNode(
            id=LAW,
            label="Policy",
            properties={
                "name": "中华人民共和国保守国家秘密法",
                "aliases": ["保守国家秘密法", "保密法"],
                "kind": "law",
                "adopted_date": "2024-02-27",
                "effective_date": "2024-05-01",
            },
        ),
        GraphNode(
            id=FIGURE,
            label="Figure",
            properties={"name": "166人", "aliases": [], "value": 166, "unit": "人", "measure": "出席人数", "date": "2024-02-26"},
        ),
        GraphNode(
            id=DOC1,
            label="Document",
            properties={
                "name": "十四届全国人大常委会第八次会议在京举行",
                "title": "十四届全国人大常委会第八次会议在京举行",
                "date": "2024-02-26",
                "source": "a.txt#0",
            },
        ),
        GraphNode(
            id=DOC2,
            label="Document",
            properties={
                "name": "保密法修订通过",
                "title": "保密法修订通过",
                "date": "2024",
                "source": "https://example.org/news/2",
            },
        ),
    ]
    edges = [
        GraphEdge(
            key="e01", type="HOLDS_POSITION", source=ZHAO, target=NPCSC, properties=_ev(DOC1, title="委员长", as_of="2024-02-26")
        ),
        GraphEdge(
            key="e02",
            type="HOLDS_POSITION",
            source=ZHAO,
            target="organization-npc",
            properties=_ev(DOC2, title="代表", as_of="2023-03", change="appointed"),
        ),
        GraphEdge(
            key="e03", type="HOLDS_POSITION", source=ZHAO, target=NPCSC, properties=_ev(DOC2, title="委员长", as_of="不详")
        ),
        GraphEdge(key="e04", type="PRESIDED_OVER", source=ZHAO, target=SESSION, properties=_ev(DOC1)),
        GraphEdge(key="e05", type="ATTENDED", source=ZHAO, target=SESSION, properties=_ev(DOC1, role="rostrum")),
        GraphEdge(key="e06", type="ATTENDED", source=XINHUA, target=SESSION, properties=_ev(DOC1, role="attendee")),
        GraphEdge(key="e07", type="SPOKE_AT", source=ZHAO, target=SESSION, properties=_ev(DOC1, about="闭幕会讲话")),
        GraphEdge(key="e08", type="REVIEWED", source=SESSION, target=LAW, properties=_ev(DOC1)),
        GraphEdge(key="e09", type="ADOPTED", source=SESSION, target=LAW, properties=_ev(DOC2, date="2024-02-27")),
        GraphEdge(key="e10", type="ISSUED", source=ZHAO, target=LAW, properties=_ev(DOC2, date="2024-02-27")),
        GraphEdge(key="e11", type="ORGANIZED", source=NPCSC, target=SESSION, properties=_ev(DOC1)),
        GraphEdge(key="e12", type="HELD_IN", source=SESSION, target=HALL, properties=_ev(DOC1)),
        GraphEdge(key="e13", type="PART_OF", source=SESSION, target="event-npc-14", properties=_ev(DOC1)),
        GraphEdge(key="e14", type="PART_OF", source=NPCSC, target="organization-npc", properties=_ev(DOC1)),
        GraphEdge(key="e15", type="MEASURES", source=FIGURE, target=SESSION, properties=_ev(DOC1)),
        GraphEdge(key="e16", type="MENTIONS", source=DOC1, target=ZHAO, properties={"count": 3, "doc_id": DOC1}),
        GraphEdge(key="e17", type="MENTIONS", source=DOC2, target=LAW, properties={"count": 2, "doc_id": DOC2}),
    ]
    return GraphData(nodes=nodes, edges=edges)


def export(graph: GraphData, folder: Path, fmt: str = "ttl") -> Path:
    path = folder / f"graph.{fmt}"
    write_rdf(graph, path, fmt, generated_at=GENERATED)
    return path


@pytest.fixture(scope="module")
def small_turtle(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return Graph().parse(export(small_graph(), tmp_path_factory.mktemp("shacl")), format="turtle")


def copy(graph: Graph) -> Graph:
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True)
    for triple in graph:
        out.add(triple)
    return out


# --- what conforms --------------------------------------------------------------------------------------------


def test_sample_export_conforms(sample_graph: GraphData, tmp_path: Path) -> None:
    path = export(sample_graph, tmp_path)
    graph = Graph().parse(path, format="turtle")
    started = time.perf_counter()
    conforms, report = validate(graph)
    elapsed = time.perf_counter() - started
    print(f"\npyshacl: {len(graph)} triples of the sample export validated in {elapsed:.2f}s")
    assert conforms, report
    assert len(graph) > 3000  # the real sample, not an empty file


def test_a_person_without_a_label_in_the_sample_export_does_not_conform(sample_graph: GraphData, tmp_path: Path) -> None:
    graph = Graph().parse(export(sample_graph, tmp_path), format="turtle")
    person = next(graph.subjects(RDF.type, FOAF.Person))
    graph.remove((person, SKOS.prefLabel, None))
    conforms, report = validate(graph)
    assert not conforms
    assert "prefLabel" in report and str(person).rsplit("/", 1)[1] in report


def test_the_small_graph_conforms(small_turtle: Graph) -> None:
    """The baseline of the broken graphs below: every class and relationship, conforming."""
    conforms, report = validate(small_turtle)
    assert conforms, report
    for cls in (ORG.Membership, ORG.Role, TIME.Interval, TIME.Instant, ZHKG.Speech, SCHEMA.GovernmentOrganization):
        assert (None, RDF.type, cls) in small_turtle, cls


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_validates_from_a_file(tmp_path: Path, fmt: str) -> None:
    conforms, report = validate(export(small_graph(), tmp_path, fmt))  # TriG: the union of its graphs
    assert conforms, report


def test_a_dataset_is_validated_as_the_union_of_its_graphs(tmp_path: Path) -> None:
    dataset = Dataset().parse(export(small_graph(), tmp_path, "trig"), format="trig")
    conforms, report = validate(dataset)
    assert conforms, report


def test_the_shapes_parse_and_cover_every_class_of_the_mapping() -> None:
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    targets = set(shapes.objects(None, sh.targetClass))
    for cls in (
        FOAF.Person,
        ORG.Organization,
        URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event"),
        URIRef("http://data.europa.eu/eli/ontology#LegalResource"),
        SCHEMA.Place,
        URIRef("http://purl.org/linked-data/cube#Observation"),
        FOAF.Document,
        ORG.Membership,
        ORG.Role,
        TIME.Interval,
        TIME.Instant,
        ZHKG.Speech,
    ):
        assert cls in targets, cls
    assert PROV.generatedAtTime in set(shapes.objects(None, sh.targetSubjectsOf))  # the named graphs' descriptions


# --- what does not conform ---------------------------------------------------------------------------------------


def _set(s: str, p: URIRef, o: object) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        g.remove((ID[s], p, None))
        g.add((ID[s], p, o))

    return mutate


def _remove(s: str | URIRef, p: URIRef, o: object = None) -> Callable[[Graph], None]:
    subject = s if isinstance(s, URIRef) else ID[s]
    return lambda g: g.remove((subject, p, o))


def _add(s: str | URIRef, p: URIRef, o: object) -> Callable[[Graph], None]:
    subject = s if isinstance(s, URIRef) else ID[s]
    return lambda g: g.add((subject, p, o))


def _both(*mutations: Callable[[Graph], None]) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        for m in mutations:
            m(g)

    return mutate


def _membership(key: str) -> URIRef:
    return ID[f"membership-{key}"]


BROKEN: dict[str, tuple[Callable[[Graph], None], str]] = {
    # labels
    "person without prefLabel": (_remove(ZHAO, SKOS.prefLabel), "prefLabel"),
    "label without @zh": (
        _both(_set(ZHAO, SKOS.prefLabel, Literal("赵乐际")), _set(ZHAO, RDFS.label, Literal("赵乐际"))),
        "prefLabel",
    ),
    "label in English": (
        _both(
            _set(ZHAO, SKOS.prefLabel, Literal("Zhao Leji", lang="en")), _set(ZHAO, RDFS.label, Literal("Zhao Leji", lang="en"))
        ),
        "prefLabel",
    ),
    "two names": (_add(ZHAO, SKOS.prefLabel, Literal("赵乐际同志", lang="zh")), "prefLabel"),
    "rdfs:label differs from the name": (
        _set(ZHAO, RDFS.label, Literal("赵委员长", lang="zh")),
        "rdfs:label repeats skos:prefLabel",
    ),
    "name in book-title marks": (
        _both(
            _set(LAW, SKOS.prefLabel, Literal("《保密法》", lang="zh")), _set(LAW, RDFS.label, Literal("《保密法》", lang="zh"))
        ),
        "prefLabel",
    ),
    "name with surrounding space": (
        _both(_set(ZHAO, SKOS.prefLabel, Literal(" 赵乐际", lang="zh")), _set(ZHAO, RDFS.label, Literal(" 赵乐际", lang="zh"))),
        "prefLabel",
    ),
    "alias equal to the name": (_add(ZHAO, SKOS.altLabel, Literal("赵乐际", lang="zh")), "altLabel"),
    "document with a prefLabel": (_add(DOC1, SKOS.prefLabel, Literal("标题", lang="zh")), "prefLabel"),
    # dates and numbers
    # (ill-typed literals are made when the test runs, so that rdflib's warning about them is captured)
    "event date 2024-13-45": (
        lambda g: g.set((ID[SESSION], SCHEMA.startDate, Literal("2024-13-45", datatype=XSD.date))),
        "startDate",
    ),
    "untyped event date": (_set(SESSION, SCHEMA.startDate, Literal("2024-02-26")), "startDate"),
    "event date as dateTime": (
        _set(SESSION, SCHEMA.startDate, Literal("2024-02-26T09:00:00", datatype=XSD.dateTime)),
        "startDate",
    ),
    "two event dates": (_add(SESSION, SCHEMA.startDate, Literal("2024-02-27", datatype=XSD.date)), "startDate"),
    "untyped policy date": (
        _set(LAW, URIRef("http://data.europa.eu/eli/ontology#first_date_entry_in_force"), Literal("2024年5月1日", lang="zh")),
        "first_date_entry_in_force",
    ),
    "document date 2024-02-30": (lambda g: g.set((ID[DOC1], DCT.date, Literal("2024-02-30", datatype=XSD.date))), "date"),
    "figure value as integer": (_set(FIGURE, SCHEMA.value, Literal(166)), "value"),
    "figure value as text": (_set(FIGURE, SCHEMA.value, Literal("166人")), "value"),
    "figure without value": (_remove(FIGURE, SCHEMA.value), "value"),
    "confidence above 1": (lambda g: g.set((_membership("e01"), ZHKG.confidence, Literal(1.5))), "confidence"),
    "membership date untyped": (lambda g: g.set((ID["membership-e01-at"], TIME.inXSDDate, Literal("2024-02-26"))), "inXSDDate"),
    # classes at both ends
    "org:member is an organization": (lambda g: g.set((_membership("e01"), ORG.member, ID[NPCSC])), "member"),
    "membership in two bodies": (_add(_membership("e01"), ORG.organization, ID[XINHUA]), "organization"),
    "membership without member": (_remove(_membership("e01"), ORG.member), "member"),
    "attendee is a place": (_add(SESSION, SCHEMA.attendee, ID[HALL]), "attendee"),
    "location is a person": (_add(SESSION, SCHEMA.location, ID[ZHAO]), "location"),
    "organizer is a person": (_add(SESSION, SCHEMA.organizer, ID[ZHAO]), "organizer"),
    "creator is an event": (_add(LAW, DCT.creator, ID[SESSION]), "creator"),
    "presided by an organization": (_add(NPCSC, ZHKG.presidedOver, ID[SESSION]), "presidedOver"),
    "sub-organization of an event": (_add(NPCSC, ORG.subOrganizationOf, ID[SESSION]), "subOrganizationOf"),
    "mention of an unknown id": (_add(DOC1, SCHEMA.mentions, ID["person-nobody"]), "mentions"),
    "untyped subject presiding": (_add("person-ghost", ZHKG.presidedOver, ID[SESSION]), "person-ghost"),
    "person typed as an organization too": (_add(ZHAO, RDF.type, ORG.Organization), "Organization"),
    "class the mapping does not use": (_add("person-x", RDF.type, URIRef("http://xmlns.com/foaf/0.1/person")), "person-x"),
    "predicate typo": (
        _add(ZHAO, URIRef("http://www.w3.org/2004/02/skos/core#preflabel"), Literal("赵乐际", lang="zh")),
        "preflabel",
    ),
    # rules of the mapping
    "rostrum without the plain attendee": (_remove(SESSION, SCHEMA.attendee, ID[ZHAO]), "also a schema:attendee"),
    "government type on a news agency": (_add(XINHUA, RDF.type, SCHEMA.GovernmentOrganization), "GovernmentOrganization"),
    "legislature without the government type": (
        _remove(NPCSC, RDF.type, SCHEMA.GovernmentOrganization),
        "GovernmentOrganization",
    ),
    "unknown organization kind": (_set(NPCSC, ZHKG.kind, Literal("parliament")), "kind"),
    "unknown change": (_add(_membership("e01"), ZHKG.change, Literal("promoted")), "change"),
    "removed but dated as a beginning": (lambda g: g.set((_membership("e02"), ZHKG.change, Literal("removed"))), "hasBeginning"),
    "interval with two links": (
        lambda g: g.add((ID["membership-e02-during"], TIME.inside, ID["membership-e02-begin"])),
        "inside",
    ),
    "speech without speaker": (
        lambda g: g.remove((next(g.subjects(RDF.type, ZHKG.Speech)), SCHEMA.performer, None)),
        "performer",
    ),
    "named graph without time": (_remove(f"graph/{DOC1}", PROV.generatedAtTime), "wasDerivedFrom"),
    "named graph time untyped": (
        lambda g: g.set((ID[f"graph/{DOC1}"], PROV.generatedAtTime, Literal("2024-03-01T08:00:00Z"))),
        "generatedAtTime",
    ),
    "named graph of the wrong article": (
        lambda g: g.set((ID[f"graph/{DOC1}"], PROV.wasDerivedFrom, ID[DOC2])),
        "named <base>graph/<doc id>",
    ),
}


@pytest.mark.parametrize("mutation, expected", BROKEN.values(), ids=list(BROKEN))
def test_a_broken_graph_does_not_conform(small_turtle: Graph, mutation: Callable[[Graph], None], expected: str) -> None:
    graph = copy(small_turtle)
    before = len(graph)
    mutation(graph)
    assert len(graph) != before or set(graph) != set(small_turtle), "the mutation changed nothing"
    conforms, report = validate(graph)
    assert not conforms, report
    assert expected in report, report


def test_broken_graph_data_exports_to_a_graph_that_does_not_conform(tmp_path: Path) -> None:
    """Mistakes made upstream (extractor, resolver) that kg.rdf writes through and the shapes catch."""
    cases: dict[str, Callable[[GraphData], None]] = {
        "impossible date": lambda g: g.nodes[4].properties.update(date="2024-13-45"),
        "date in words": lambda g: g.nodes[4].properties.update(date="二〇二四年二月"),
        "value not a number": lambda g: g.nodes[8].properties.update(value="一百六十六"),
        "unknown kind": lambda g: g.nodes[1].properties.update(kind="parliament"),
        "edge to a node that does not exist": lambda g: g.edges.append(
            GraphEdge(key="x1", type="PRESIDED_OVER", source=ZHAO, target="event-missing", properties=_ev(DOC1))
        ),
        "relationship between the wrong types": lambda g: g.edges.append(
            GraphEdge(key="x2", type="HELD_IN", source=SESSION, target=ZHAO, properties=_ev(DOC1))
        ),
        "post held by an organization": lambda g: g.edges.append(
            GraphEdge(key="x3", type="HOLDS_POSITION", source=XINHUA, target=NPCSC, properties=_ev(DOC1, title="成员"))
        ),
        "confidence missing": lambda g: g.edges[0].properties.pop("confidence"),
    }
    for name, breaks in cases.items():
        graph = small_graph()
        breaks(graph)
        folder = tmp_path / name.replace(" ", "_")
        folder.mkdir()
        conforms, report = validate(export(graph, folder))
        assert not conforms, f"{name}: {report}"
