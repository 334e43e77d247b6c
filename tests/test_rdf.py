"""The RDF writer: every format written, parsed back by rdflib and pyoxigraph, and queried."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef

from kg.errors import KGError
from kg.models import GraphData, GraphEdge, GraphNode
from kg.rdf import CONTEXT_PATH, FORMATS, ONTOLOGY_PATH, graph_to_dataset, graph_to_triples, write_rdf

RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ID = Namespace("https://zhkg.org/id/")
ZHKG = Namespace("https://zhkg.org/ontology#")
SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
TIME = Namespace("http://www.w3.org/2006/time#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

# rdflib's own TriG and JSON-LD parsers use its deprecated ConjunctiveGraph internally
pytestmark = pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning", "ignore:Dataset.default_context is deprecated:DeprecationWarning"
)

GENERATED = datetime(2024, 3, 1, 8, 0, tzinfo=timezone.utc)
PARSE_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}
OX_FORMAT = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "trig": pyoxigraph.RdfFormat.TRIG,
}

ZHAO, NPCSC, SESSION, HALL, LAW, FIGURE = (
    "person-zhaoleji",
    "organization-npcsc",
    "event-npcsc-14-8",
    "place-greathall",
    "policy-baomifa",
    "figure-attendance",
)
DOC1, DOC2 = "doc-0001", "doc-0002"
SENTENCE = "十四届全国人大常委会第八次会议26日在北京人民大会堂举行。赵乐际委员长主持会议。"


def _ev(doc: str, **props: object) -> dict:
    return {**props, "doc_id": doc, "sentence": SENTENCE, "start": 0, "end": len(SENTENCE), "extractor": "rule:test", "confidence": 0.9}


def _graph() -> GraphData:
    nodes = [
        GraphNode(id=ZHAO, label="Person", properties={"name": "赵乐际", "aliases": ["赵乐际", "赵乐际委员长"]}),
        GraphNode(
            id=NPCSC,
            label="Organization",
            properties={"name": "全国人民代表大会常务委员会", "aliases": ["全国人大常委会", "人大常委会"], "kind": "legislature"},
        ),
        GraphNode(id="organization-npc", label="Organization", properties={"name": "全国人民代表大会", "aliases": [], "kind": "legislature"}),
        GraphNode(
            id=SESSION,
            label="Event",
            properties={"name": "十四届全国人大常委会第八次会议", "aliases": ["第八次会议"], "date": "2024-02-26", "kind": "session"},
        ),
        GraphNode(id="event-npc-14", label="Event", properties={"name": "第十四届全国人民代表大会", "aliases": [], "date": "2023-03"}),
        GraphNode(id=HALL, label="Place", properties={"name": "人民大会堂", "aliases": []}),
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
            properties={"name": "十四届全国人大常委会第八次会议在京举行", "title": "十四届全国人大常委会第八次会议在京举行", "date": "2024-02-26", "source": "a.txt#0"},
        ),
        GraphNode(
            id=DOC2,
            label="Document",
            properties={"name": "保守国家秘密法修订通过", "title": "保守国家秘密法修订通过", "date": "2024-02-27", "source": "https://example.org/news/2"},
        ),
    ]
    edges = [
        GraphEdge(key="e01", type="HOLDS_POSITION", source=ZHAO, target=NPCSC, properties=_ev(DOC1, title="委员长", as_of="2024-02-26")),
        GraphEdge(key="e02", type="PRESIDED_OVER", source=ZHAO, target=SESSION, properties=_ev(DOC1)),
        GraphEdge(key="e03", type="PRESIDED_OVER", source=ZHAO, target=SESSION, properties=_ev(DOC2)),  # the same fact, another article
        GraphEdge(key="e04", type="HELD_IN", source=SESSION, target=HALL, properties=_ev(DOC1)),
        GraphEdge(key="e05", type="ORGANIZED", source=NPCSC, target=SESSION, properties=_ev(DOC1)),
        GraphEdge(key="e06", type="PART_OF", source=SESSION, target="event-npc-14", properties=_ev(DOC1)),
        GraphEdge(key="e07", type="PART_OF", source=NPCSC, target="organization-npc", properties=_ev(DOC1)),
        GraphEdge(key="e08", type="REVIEWED", source=SESSION, target=LAW, properties=_ev(DOC1)),
        GraphEdge(key="e09", type="ADOPTED", source=SESSION, target=LAW, properties=_ev(DOC2, date="2024-02-27")),
        GraphEdge(key="e10", type="ISSUED", source=ZHAO, target=LAW, properties=_ev(DOC2, date="2024-02-27")),
        GraphEdge(key="e11", type="ATTENDED", source=ZHAO, target=SESSION, properties=_ev(DOC1, role="rostrum")),
        GraphEdge(key="e12", type="SPOKE_AT", source=ZHAO, target=SESSION, properties=_ev(DOC1, about="闭幕会讲话")),
        GraphEdge(key="e13", type="MEASURES", source=FIGURE, target=SESSION, properties=_ev(DOC1)),
        GraphEdge(key="e14", type="MENTIONS", source=DOC1, target=ZHAO, properties={"count": 3, "doc_id": DOC1}),
        GraphEdge(key="e15", type="MENTIONS", source=DOC1, target=SESSION, properties={"count": 2, "doc_id": DOC1}),
        GraphEdge(key="e16", type="MENTIONS", source=DOC2, target=LAW, properties={"count": 4, "doc_id": DOC2}),
        GraphEdge(
            key="e17",
            type="HOLDS_POSITION",
            source=ZHAO,
            target="organization-npc",
            properties=_ev(DOC2, title="代表", as_of="2023-03", change="appointed"),
        ),
        GraphEdge(key="e18", type="HOLDS_POSITION", source=ZHAO, target=NPCSC, properties=_ev(DOC2, title="委员长", as_of="不详")),
    ]
    return GraphData(nodes=nodes, edges=edges)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    folder = tmp_path_factory.mktemp("rdf")
    out = {}
    for fmt in FORMATS:
        path = folder / f"graph.{fmt}"
        out[fmt] = (path, write_rdf(_graph(), path, fmt, generated_at=GENERATED))
    return out


@pytest.fixture(scope="module")
def turtle(written: dict[str, tuple[Path, int]]) -> Graph:
    return Graph().parse(written["ttl"][0], format="turtle")


@pytest.fixture(scope="module")
def trig(written: dict[str, tuple[Path, int]]) -> Dataset:
    return Dataset().parse(written["trig"][0], format="trig")


def _triples(fmt: str, path: Path) -> set[tuple]:
    if fmt == "trig":
        return {(s, p, o) for s, p, o, _ in Dataset().parse(path, format="trig").quads()}
    return set(Graph().parse(path, format=PARSE_FORMAT[fmt]))


def test_every_format_parses_to_the_same_triples(written: dict[str, tuple[Path, int]]) -> None:
    union = _triples("ttl", written["ttl"][0])
    for fmt in FORMATS:
        path, count = written[fmt]
        triples = _triples(fmt, path)
        assert triples == union, fmt  # TriG's graphs merged are exactly the Turtle file
        if fmt != "trig":
            assert count == len(triples), fmt  # the writer counts distinct triples
    quads = list(Dataset().parse(written["trig"][0], format="trig").quads())
    assert written["trig"][1] == len(quads) == len(set(quads)) > len(union)  # a fact from two articles is in two graphs


@pytest.mark.parametrize("fmt", FORMATS)
def test_pyoxigraph_reads_every_format(written: dict[str, tuple[Path, int]], fmt: str) -> None:
    path, count = written[fmt]
    quads = list(pyoxigraph.parse(path=str(path), format=OX_FORMAT[fmt]))
    assert len(quads) == count
    assert len({q.triple for q in quads}) == len(_triples("ttl", written["ttl"][0]))


def test_labels_keep_the_zh_tag(turtle: Graph) -> None:
    zhao = ID[ZHAO]
    assert (zhao, RDF.type, FOAF.Person) in turtle and (zhao, RDF.type, SCHEMA.Person) in turtle
    assert (zhao, SKOS.prefLabel, Literal("赵乐际", lang="zh")) in turtle
    assert (zhao, RDFS.label, Literal("赵乐际", lang="zh")) in turtle
    assert set(turtle.objects(zhao, SKOS.altLabel)) == {Literal("赵乐际委员长", lang="zh")}  # the name is not an alias
    npcsc = ID[NPCSC]
    assert {SCHEMA.GovernmentOrganization, ORG.Organization} <= set(turtle.objects(npcsc, RDF.type))
    assert (npcsc, ZHKG.kind, Literal("legislature")) in turtle
    assert (npcsc, ORG.subOrganizationOf, ID["organization-npc"]) in turtle


def test_membership_carries_role_and_date(turtle: Graph) -> None:
    rows = list(
        turtle.query(
            """SELECT ?m ?title ?date WHERE {
                 ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r ;
                    org:memberDuring/time:inside/time:inXSDDate ?date .
                 ?r a org:Role ; skos:prefLabel ?title .
               }""",
            initNs={"org": ORG, "skos": SKOS, "time": TIME},
            initBindings={"p": ID[ZHAO], "o": ID[NPCSC]},
        )
    )
    assert len(rows) == 1
    m, title, when = rows[0]
    assert title == Literal("委员长", lang="zh")
    assert when == Literal("2024-02-26", datatype=XSD.date)
    assert m == ID["membership-e01"]
    assert (m, PROV.wasDerivedFrom, ID[DOC1]) in turtle
    assert (m, ZHKG.confidence, Literal(0.9)) in turtle


def test_appointment_begins_the_membership(turtle: Graph) -> None:
    m = ID["membership-e17"]
    assert (m, ZHKG.change, Literal("appointed")) in turtle
    begin = turtle.value(turtle.value(m, ORG.memberDuring), TIME.hasBeginning)
    assert turtle.value(begin, TIME.inXSDgYearMonth) == Literal("2023-03", datatype=XSD.gYearMonth)
    # an undatable as_of leaves the membership without an interval; both posts share the role 委员长
    assert turtle.value(ID["membership-e18"], ORG.memberDuring) is None
    assert turtle.value(ID["membership-e18"], ORG.role) == turtle.value(ID["membership-e01"], ORG.role)
    assert len(set(turtle.subjects(RDF.type, ORG.Role))) == 2


def test_dates_are_typed_by_precision(turtle: Graph) -> None:
    start = turtle.value(ID[SESSION], SCHEMA.startDate)
    assert start == Literal("2024-02-26", datatype=XSD.date) and start.datatype == XSD.date
    assert turtle.value(ID["event-npc-14"], SCHEMA.startDate).datatype == XSD.gYearMonth
    law = ID[LAW]
    assert turtle.value(law, ELI.date_document) == Literal("2024-02-27", datatype=XSD.date)
    assert turtle.value(law, ELI.first_date_entry_in_force) == Literal("2024-05-01", datatype=XSD.date)
    assert turtle.value(law, DCT.issued) == Literal("2024-02-27", datatype=XSD.date)
    assert turtle.value(ID[FIGURE], SCHEMA.value) == Literal(166.0)  # xsd:double, compared by value
    assert turtle.value(ID[FIGURE], ZHKG.measure) == Literal("出席人数", lang="zh")


def test_relationships_use_standard_terms(turtle: Graph) -> None:
    session, zhao, law = ID[SESSION], ID[ZHAO], ID[LAW]
    for triple in [
        (session, SCHEMA.location, ID[HALL]),
        (session, SCHEMA.organizer, ID[NPCSC]),
        (session, SCHEMA.superEvent, ID["event-npc-14"]),
        (session, SCHEMA.attendee, zhao),
        (session, ZHKG.rostrumAttendee, zhao),
        (session, SCHEMA.performer, zhao),
        (session, ZHKG.reviewed, law),
        (law, ELI.passed_by, session),
        (law, DCT.creator, zhao),
        (ID[FIGURE], ZHKG.about, session),
        (ID[DOC1], SCHEMA.mentions, zhao),
    ]:
        assert triple in turtle, triple
    speech = turtle.value(predicate=SCHEMA.superEvent, object=session)
    assert (speech, DCT.subject, Literal("闭幕会讲话", lang="zh")) in turtle
    assert turtle.value(ID[DOC2], DCT.source) == URIRef("https://example.org/news/2")
    assert turtle.value(ID[DOC1], DCT.source) == Literal("a.txt#0")


def test_sparql_who_presided_over_the_session(turtle: Graph) -> None:
    rows = turtle.query(
        """SELECT ?name WHERE {
             ?event skos:prefLabel "十四届全国人大常委会第八次会议"@zh .
             ?person zhkg:presidedOver ?event ; skos:prefLabel ?name .
           }""",
        initNs={"skos": SKOS, "zhkg": ZHKG},
    )
    assert [str(row.name) for row in rows] == ["赵乐际"]


def test_trig_has_one_named_graph_per_article(trig: Dataset) -> None:
    graphs = {c.identifier for c in trig.graphs() if (None, None, None) in c and c.identifier != URIRef("urn:x-rdflib:default")}
    assert graphs == {ID[f"graph/{DOC1}"], ID[f"graph/{DOC2}"]}
    default = trig.default_graph
    for doc in (DOC1, DOC2):
        g = ID[f"graph/{doc}"]
        assert (g, PROV.wasDerivedFrom, ID[doc]) in default
        assert default.value(g, PROV.generatedAtTime) == Literal("2024-03-01T08:00:00Z", datatype=XSD.dateTime)
    # the fact each article states is in its graph; the entities themselves are in the default graph
    fact = (ID[ZHAO], ZHKG.presidedOver, ID[SESSION])
    assert fact in trig.graph(ID[f"graph/{DOC1}"]) and fact in trig.graph(ID[f"graph/{DOC2}"])
    assert fact not in default
    assert (ID[SESSION], SCHEMA.location, ID[HALL]) in trig.graph(ID[f"graph/{DOC1}"])
    assert (ID[ZHAO], SKOS.prefLabel, Literal("赵乐际", lang="zh")) in default


def test_dataset_stream_marks_the_default_graph() -> None:
    quads = list(graph_to_dataset(_graph(), generated_at=GENERATED))
    assert len(quads) == len(set(quads))
    named = {g.value for _, _, _, g in quads if g is not None}
    assert named == {f"https://zhkg.org/id/graph/{DOC1}", f"https://zhkg.org/id/graph/{DOC2}"}
    by_predicate = {(s.value, p.value): g for s, p, _, g in quads}
    assert by_predicate[(str(ID[ZHAO]), str(SKOS.prefLabel))] is None  # entities: default graph
    assert by_predicate[(str(ID[ZHAO]), str(ZHKG.presidedOver))] is not None  # facts: an article's graph
    triples = list(graph_to_triples(_graph(), generated_at=GENERATED))
    assert len(triples) == len(set(triples)) == len({(s, p, o) for s, p, o, _ in quads})


def test_jsonld_uses_the_project_context(written: dict[str, tuple[Path, int]]) -> None:
    doc = json.loads(written["jsonld"][0].read_text(encoding="utf-8"))
    context = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    assert doc["@context"][0] == context
    zhao = next(n for n in doc["@graph"] if n["@id"] == ZHAO and "prefLabel" in n)
    assert zhao["prefLabel"] == "赵乐际" and "foaf:Person" in zhao["@type"]


def test_zhkg_terms_are_declared_in_the_ontology(turtle: Graph) -> None:
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    used = {t for triple in turtle for t in triple if isinstance(t, URIRef) and t.startswith(str(ZHKG))}
    used |= {o for o in turtle.objects(None, RDF.type) if o.startswith(str(ZHKG))}
    assert used, "the sample uses zhkg: terms"
    for term in used:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_ids_that_are_not_iri_safe_are_escaped() -> None:
    graph = GraphData(
        nodes=[GraphNode(id="person 赵/乐际<>", label="Person", properties={"name": "赵乐际", "aliases": []})],
        edges=[GraphEdge(key="k", type="MENTIONS", source="doc #1", target="person 赵/乐际<>", properties={"doc_id": "doc #1"})],
    )
    for fmt in FORMATS:
        buffer = io.BytesIO()
        count = write_rdf(graph, buffer, fmt, generated_at=GENERATED)
        parsed = list(pyoxigraph.parse(buffer.getvalue(), format=OX_FORMAT[fmt]))
        assert len(parsed) == count
        subjects = {q.subject.value for q in parsed}
        assert "https://zhkg.org/id/person%20%E8%B5%B5%2F%E4%B9%90%E9%99%85%3C%3E" in subjects, fmt


def test_base_is_configurable_and_output_deterministic() -> None:
    first, second = io.BytesIO(), io.BytesIO()
    write_rdf(_graph(), first, "ttl", base="http://example.org/kg/", generated_at=GENERATED)
    write_rdf(_graph(), second, "ttl", base="http://example.org/kg/", generated_at=GENERATED)
    assert first.getvalue() == second.getvalue()
    g = Graph().parse(data=first.getvalue(), format="turtle")
    assert (URIRef(f"http://example.org/kg/{ZHAO}"), SKOS.prefLabel, Literal("赵乐际", lang="zh")) in g


def test_bad_arguments_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(KGError, match="one of"):
        write_rdf(_graph(), tmp_path / "x.xml", "rdfxml")
    with pytest.raises(KGError, match="base"):
        write_rdf(_graph(), tmp_path / "x.ttl", "ttl", base="not an iri")
    with pytest.raises(KGError, match="cannot write"):
        write_rdf(_graph(), tmp_path / "missing" / "x.ttl", "ttl")


def test_a_law_adopted_then_revised_keeps_its_earliest_adoption_date() -> None:
    sessions = ["event-npcsc-7-3", "event-npcsc-14-8"]
    graph = GraphData(
        nodes=[
            GraphNode(id=LAW, label="Policy", properties={"name": "中华人民共和国保守国家秘密法", "aliases": [], "kind": "law"}),
            *(GraphNode(id=s, label="Event", properties={"name": s, "aliases": []}) for s in sessions),
        ],
        edges=[
            GraphEdge(key=f"a{i}", type="ADOPTED", source=s, target=LAW, properties=_ev(DOC1, date=d))
            for i, (s, d) in enumerate(zip(sessions, ["2024-02-27", "1988-09-05"]))
        ],
    )
    triples = list(graph_to_triples(graph, generated_at=GENERATED))
    accepted = {t.object.value for t in triples if t.predicate.value == "http://purl.org/dc/terms/dateAccepted"}
    assert accepted == {"1988-09-05"}
    passed_by = {t.object.value for t in triples if t.predicate.value == "http://data.europa.eu/eli/ontology#passed_by"}
    assert len(passed_by) == 2
