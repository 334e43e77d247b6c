"""The SPARQL twins in queries/*.sparql give the answers of their Cypher twins, on the sample corpus.

Each query runs over the Turtle export of the ``sample_graph`` fixture with pyoxigraph (parameters bound
with ``substitutions``, the same pre-binding as rdflib's ``initBindings``). The Cypher side is computed
from the GraphData directly, following the .cypher file clause by clause (no server needed), then
projected onto what the RDF export carries (docs/rdf-mapping.md): each projection is named below, next to
the header comment of the .sparql file that documents the same difference.

rdflib runs the simpler queries too (``graph.query(q, initBindings=...)``) and must agree with pyoxigraph;
its engine takes minutes on the UNION-heavy ones (coattendance, law_history) and fails on
GROUP_CONCAT(DISTINCT ...) over unbound values (body_members), so pyoxigraph is the reference engine.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib import Literal as RdfLiteral

from kg.models import GraphData, GraphEdge, GraphNode
from kg.rdf import write_rdf

QUERIES = Path(__file__).resolve().parent.parent / "queries"
GENERATED = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
SPECIFIC_ROLES = ("nonvoting", "rostrum", "guest")
CHINA = "中华人民共和国"

# --- running the SPARQL ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def turtle_path(sample_graph: GraphData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sparql") / "sample.ttl"
    write_rdf(sample_graph, path, "ttl", generated_at=GENERATED)
    return path


@pytest.fixture(scope="module")
def store(turtle_path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(turtle_path), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def rdflib_graph(turtle_path: Path) -> Graph:
    return Graph().parse(turtle_path, format="turtle")


@pytest.fixture(scope="module")
def cy(sample_graph: GraphData) -> Cypher:
    return Cypher(sample_graph)


def query_text(name: str) -> str:
    return (QUERIES / f"{name}.sparql").read_text(encoding="utf-8")


def sparql(store: ox.Store, query: str, /, **params: str) -> list[dict[str, str | None]]:
    """Rows of queries/<query>.sparql as dicts of lexical values (None where unbound)."""
    result = store.query(query_text(query), substitutions={ox.Variable(k): ox.Literal(v) for k, v in params.items()})
    columns = [v.value for v in result.variables]
    return [{c: (row[c].value if row[c] is not None else None) for c in columns} for row in result]


def sparql_rdflib(graph: Graph, query: str, /, **params: str) -> list[dict[str, str | None]]:
    result = graph.query(query_text(query), initBindings={k: RdfLiteral(v) for k, v in params.items()})
    columns = [str(v) for v in result.vars]
    return [{c: (str(row[c]) if row[c] is not None else None) for c in columns} for row in result]


def split(value: str | None) -> frozenset[str]:
    """A GROUP_CONCAT(...; separator="|") column as a set."""
    return frozenset(value.split("|")) if value else frozenset()


def local_id(iri: str) -> str:
    return unquote(iri.rsplit("/", 1)[1])


# --- the Cypher side, computed from the GraphData -------------------------------------------------------

_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")


def exported_date(value: Any) -> str | None:
    """The value as kg.rdf exports it into a typed date (xsd:date / gYearMonth / gYear), else None."""
    if value is None:
        return None
    text = str(value).strip()
    if _FULL_DATE.fullmatch(text):
        try:
            date.fromisoformat(text)
            return text
        except ValueError:
            return None
    return text if _PARTIAL_DATE.fullmatch(text) else None


def cypher_min(values: Iterable[Any]) -> Any:
    present = [v for v in values if v is not None]
    return min(present) if present else None


class Cypher:
    """The graph as Cypher sees it: nodes with a label and properties, typed directed relationships."""

    def __init__(self, graph: GraphData):
        self.graph = graph
        self.nodes: dict[str, GraphNode] = {n.id: n for n in graph.nodes}
        self.out: dict[str, list[GraphEdge]] = defaultdict(list)
        self.into: dict[str, list[GraphEdge]] = defaultdict(list)
        self.by_type: dict[str, list[GraphEdge]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)  # name or alias -> node ids, in node order
        for n in graph.nodes:
            for value in dict.fromkeys([n.properties.get("name"), *(n.properties.get("aliases") or [])]):
                self.by_name[value].append(n.id)
        for e in graph.edges:
            if e.source in self.nodes and e.target in self.nodes:
                self.out[e.source].append(e)
                self.into[e.target].append(e)
                self.by_type[e.type].append(e)

    def label(self, node_id: str) -> str:
        return self.nodes[node_id].label

    def prop(self, node_id: str, key: str) -> Any:
        return self.nodes[node_id].properties.get(key)

    def name(self, node_id: str) -> Any:
        return self.prop(node_id, "name")

    def match(self, value: str, label: str | None = None) -> list[str]:
        """``MATCH (x:label) WHERE x.name = $value OR $value IN x.aliases``."""
        return [x for x in self.by_name.get(value, []) if label is None or self.label(x) == label]

    def edges_out(self, node_id: str, *types: str) -> list[GraphEdge]:
        return [e for e in self.out[node_id] if e.type in types]

    def edges_in(self, node_id: str, *types: str) -> list[GraphEdge]:
        return [e for e in self.into[node_id] if e.type in types]

    def names_of(self, *labels: str, with_aliases: bool = True) -> list[str]:
        found: set[str] = set()
        for n in self.graph.nodes:
            if n.label in labels:
                found.add(n.properties["name"])
                if with_aliases:
                    found.update(n.properties.get("aliases") or [])
        return sorted(found)


def attendance_roles(edges: Iterable[GraphEdge]) -> set[str]:
    """Projection: the roles of one agent at one event as the RDF states them. ``schema:attendee`` is written
    for every ATTENDED edge, so a plain "attendee" edge next to a specific role cannot be told apart."""
    roles = {e.properties.get("role") or "attendee" for e in edges}
    specific = roles & set(SPECIFIC_ROLES)
    return specific or {"attendee"}


# --- presided_over ----------------------------------------------------------------------------------------


def cypher_presided_over(cy: Cypher) -> set[tuple]:
    rows = set()
    for r in cy.by_type["PRESIDED_OVER"]:
        if cy.label(r.source) == "Person" and cy.label(r.target) == "Event":
            rows.add((cy.name(r.source), cy.name(r.target), exported_date(cy.prop(r.target, "date"))))
    return rows


def test_presided_over(store: ox.Store, cy: Cypher) -> None:
    got = {(r["person"], r["event"], r["date"]) for r in sparql(store, "presided_over")}
    expected = cypher_presided_over(cy)
    assert expected, "the sample has PRESIDED_OVER facts"
    assert got == expected
    assert ("赵乐际", "第十四届全国人民代表大会常务委员会第八次会议", "2024-02-26") in got


# --- positions_of_person ------------------------------------------------------------------------------------


def cypher_positions_of_person(cy: Cypher, name: str) -> Counter:
    rows: Counter = Counter()
    for p in cy.match(name, "Person"):
        for r in cy.edges_out(p, "HOLDS_POSITION"):
            if cy.label(r.target) != "Organization":
                continue
            props = r.properties
            rows[
                (
                    cy.name(p),
                    props.get("title") or None,
                    cy.name(r.target),
                    exported_date(props.get("as_of")),
                    props.get("change") or None,
                    props.get("doc_id"),
                )
            ] += 1
    return rows


def test_positions_of_person(store: ox.Store, cy: Cypher) -> None:
    holders = {e.source for e in cy.by_type["HOLDS_POSITION"]}
    names = sorted({n for pid in holders for n in [cy.name(pid), *(cy.prop(pid, "aliases") or [])]})
    names += ["不存在的人"]
    checked = 0
    for name in names:
        rows = sparql(store, "positions_of_person", name=name)
        got = Counter(
            (r["person"], r["title"], r["organization"], r["as_of"], r["change"], r["document"] and local_id(r["document"]))
            for r in rows
        )
        assert got == cypher_positions_of_person(cy, name), name
        checked += bool(rows)
    assert checked >= 20


# --- event_attendance -------------------------------------------------------------------------------------


def cypher_event_attendance(cy: Cypher, event: str, *, projected: bool) -> set[tuple]:
    rows = set()
    for e in cy.match(event, "Event"):
        by_agent: dict[str, list[GraphEdge]] = defaultdict(list)
        for r in cy.edges_in(e, "ATTENDED"):
            by_agent[r.source].append(r)
        for x, edges in by_agent.items():
            roles = attendance_roles(edges) if projected else {r.properties.get("role") for r in edges}
            rows.update((cy.name(x), cy.label(x), role) for role in roles)
    return rows


def test_event_attendance(store: ox.Store, cy: Cypher) -> None:
    lost = set()
    for event in cy.names_of("Event"):
        got = {(r["attendee"], r["type"], r["role"]) for r in sparql(store, "event_attendance", event=event)}
        assert got == cypher_event_attendance(cy, event, projected=True), event
        literal = cypher_event_attendance(cy, event, projected=False)
        assert got <= literal, event
        lost |= {row for row in literal - got}
    # what the projection drops is exactly the plain "attendee" rows of agents who also have a specific role
    assert all(role == "attendee" for _, _, role in lost)
    got = {(r["attendee"], r["role"]) for r in sparql(store, "event_attendance", event="十四届全国人大常委会第八次会议")}
    assert ("赵乐际", "attendee") not in got and len(got) >= 15


# --- entity_aliases ------------------------------------------------------------------------------------------

EXPORTED_KIND = {"Organization", "Event", "Policy"}


def cypher_entity_aliases(cy: Cypher, name: str) -> set[tuple]:
    rows = set()
    for x in cy.match(name):
        props = cy.nodes[x].properties
        canonical = props.get("title") or props.get("name") if cy.label(x) == "Document" else props.get("name")
        # projection: the RDF keeps the aliases that differ from the name, and kind for three types only
        aliases = frozenset(a for a in props.get("aliases") or [] if a != props.get("name"))
        kind = props.get("kind") if cy.label(x) in EXPORTED_KIND else None
        rows.add((cy.label(x), x, canonical, aliases, kind))
    return rows


def test_entity_aliases(store: ox.Store, cy: Cypher) -> None:
    names = cy.names_of("Person", "Organization", "Event", "Policy", "Place", "Document")
    names += [n.properties["name"] for n in cy.graph.nodes if n.label == "Figure"][:20] + ["不存在的名字"]
    for name in names:
        got = {
            (r["type"], r["id"], r["canonical"], split(r["aliases"]), r["kind"])
            for r in sparql(store, "entity_aliases", name=name)
        }
        assert got == cypher_entity_aliases(cy, name), name
    (row,) = sparql(store, "entity_aliases", name="全国人大常委会")
    assert row["canonical"] == "全国人民代表大会常务委员会" and "人大常委会" in split(row["aliases"])


# --- issued_by_body ------------------------------------------------------------------------------------------


def cypher_issued_by_body(cy: Cypher, body: str) -> set[tuple]:
    groups: dict[tuple, list[GraphEdge]] = defaultdict(list)
    for o in cy.match(body, "Organization"):
        for r in cy.edges_out(o, "ISSUED", "ADOPTED"):
            if cy.label(r.target) == "Policy":
                groups[(o, r.target, "issued" if r.type == "ISSUED" else "adopted", None)].append(r)
        for org_edge in cy.edges_out(o, "ORGANIZED"):
            e = org_edge.target
            if cy.label(e) != "Event":
                continue
            for r in cy.edges_out(e, "ADOPTED"):
                if cy.label(r.target) == "Policy":
                    groups[(o, r.target, "adopted", cy.name(e))].append(r)
    rows = set()
    for o, p, action, via in groups:
        # projection: the date of ISSUED / ADOPTED is kept on the policy (dcterms:issued / dateAccepted), so it
        # is the earliest such date of the policy, whoever issued or adopted it
        edge_type = "ISSUED" if action == "issued" else "ADOPTED"
        when = cypher_min(exported_date(r.properties.get("date")) for r in cy.edges_in(p, edge_type))
        rows.add((cy.name(o), when, action, cy.name(p), cy.prop(p, "kind"), via))
    return rows


def test_issued_by_body(store: ox.Store, cy: Cypher) -> None:
    answered = 0
    for body in cy.names_of("Organization"):
        got = {
            (r["body_name"], r["date"], r["action"], r["policy"], r["kind"], r["via"])
            for r in sparql(store, "issued_by_body", body=body)
        }
        assert got == cypher_issued_by_body(cy, body), body
        answered += bool(got)
    assert answered >= 5
    got = sparql(store, "issued_by_body", body="中华人民共和国")
    assert {(r["policy"], r["date"]) for r in got} >= {("中华人民共和国网络安全法", "2024-02-26")}


# --- law_history -----------------------------------------------------------------------------------------------


def law_names(cy: Cypher, law: str) -> list[str]:
    props = cy.nodes[law].properties
    aliases = list(props.get("aliases") or [])
    forms = [a.removeprefix(CHINA) for a in [*aliases, props["name"]]] + aliases
    return [f for f in forms if len(f) >= 4]


def cypher_law_history(cy: Cypher, law_name: str) -> set[tuple]:
    """law_history.cypher, less its "promulgated" branch and evidence / doc_id columns (not exported)."""
    rows = set()
    policies = [n.id for n in cy.graph.nodes if n.label == "Policy"]
    for law in cy.match(law_name, "Policy"):
        name = cy.name(law)
        names = law_names(cy, law)

        def about(doc: str, name: str = name, names: list[str] = names) -> bool:
            return cy.prop(doc, "draft_of") == name or any(n in cy.name(doc) for n in names)

        for doc in policies:
            if doc == law or about(doc):
                for r in cy.edges_in(doc, "REVIEWED", "ADOPTED", "ISSUED"):
                    step = {"REVIEWED": "reviewed", "ADOPTED": "adopted", "ISSUED": "issued"}[r.type]
                    when = exported_date(r.properties.get("date"))
                    if r.type != "REVIEWED":  # projection: dates of ADOPTED / ISSUED are kept per policy
                        when = cypher_min(exported_date(o.properties.get("date")) for o in cy.edges_in(doc, r.type))
                    when = when or exported_date(cy.prop(r.source, "date"))
                    rows.add((name, when, step, cy.name(r.source), cy.name(doc)))
            if about(doc):
                doc_names = {cy.name(doc), *(cy.prop(doc, "aliases") or [])}
                for r in cy.by_type["SPOKE_AT"]:
                    if (
                        cy.label(r.source) == "Person"
                        and cy.label(r.target) == "Event"
                        and r.properties.get("about") in doc_names
                    ):
                        rows.add((name, exported_date(cy.prop(r.target, "date")), "reported", cy.name(r.source), cy.name(doc)))
        for draft in policies:
            if cy.prop(draft, "draft_of") == name:
                dates = [
                    exported_date(cy.prop(m.source, "date"))
                    for m in cy.edges_in(draft, "MENTIONS")
                    if cy.label(m.source) == "Document"
                ]
                rows.add((name, cypher_min(dates), "draft", None, cy.name(draft)))
        for key, step in (("adopted_date", "adopted"), ("effective_date", "in force")):
            if cy.prop(law, key) is not None:
                rows.add((name, exported_date(cy.prop(law, key)), step, None, name))
    return rows


def test_law_history(store: ox.Store, cy: Cypher) -> None:
    acted_on = {e.target for e in cy.graph.edges if e.type in ("REVIEWED", "ADOPTED", "ISSUED")}
    policies = [n for n in cy.graph.nodes if n.label == "Policy"]
    names = {n.properties["name"] for n in policies if n.id in acted_on}  # documents acted on: by name
    for n in policies:  # laws and drafts: by every name
        if n.properties.get("kind") in ("law", "draft"):
            names.update([n.properties["name"], *(n.properties.get("aliases") or [])])
    assert len(names) >= 10
    for law in sorted(names):
        got = {(r["law_name"], r["date"], r["step"], r["actor"], r["document"]) for r in sparql(store, "law_history", law=law)}
        assert got == cypher_law_history(cy, law), law
    steps = {r["step"] for r in sparql(store, "law_history", law="保密法")}
    assert {"draft", "reported", "reviewed", "in force"} <= steps


# --- figures_about ----------------------------------------------------------------------------------------------


def cypher_figures_about(cy: Cypher, subject: str) -> set[tuple]:
    rows = set()
    for s in cy.match(subject):
        for r in cy.edges_in(s, "MEASURES"):
            f = r.source
            if cy.label(f) != "Figure":
                continue
            value = cy.prop(f, "value")
            # projection: an empty unit or measure is not exported
            rows.add(
                (
                    cy.name(s),
                    cy.label(s),
                    cy.name(f),
                    None if value is None else float(value),
                    cy.prop(f, "unit") or None,
                    cy.prop(f, "measure") or None,
                    exported_date(cy.prop(f, "date") or r.properties.get("date")),
                )
            )
    return rows


def test_figures_about(store: ox.Store, cy: Cypher) -> None:
    subjects = sorted({n for e in cy.by_type["MEASURES"] for n in [cy.name(e.target), *(cy.prop(e.target, "aliases") or [])]})
    assert subjects
    for subject in [*subjects, "人民大会堂"]:
        got = {
            (
                r["subject_name"],
                r["type"],
                r["figure"],
                None if r["value"] is None else float(r["value"]),
                r["unit"],
                r["measure"],
                r["date"],
            )
            for r in sparql(store, "figures_about", subject=subject)
        }
        assert got == cypher_figures_about(cy, subject), subject
    assert len(sparql(store, "figures_about", subject="中国")) >= 10


# --- events_in_range ----------------------------------------------------------------------------------------------


def cypher_events_in_range(cy: Cypher, start: str, end: str) -> set[tuple]:
    rows = set()
    for n in cy.graph.nodes:
        when = n.properties.get("date")
        if n.label != "Event" or when is None:
            continue
        if not (when[: len(start)] >= start[: len(when)] and when[: len(end)] <= end[: len(when)]):
            continue
        chairs = frozenset(cy.name(r.source) for r in cy.edges_in(n.id, "PRESIDED_OVER") if cy.label(r.source) == "Person")
        organizers = frozenset(cy.name(r.source) for r in cy.edges_in(n.id, "ORGANIZED") if cy.label(r.source) == "Organization")
        places = frozenset(cy.name(r.target) for r in cy.edges_out(n.id, "HELD_IN") if cy.label(r.target) == "Place")
        # projection: attendance_records counts ATTENDED edges; the RDF has one schema:attendee per person
        attendees = len({r.source for r in cy.edges_in(n.id, "ATTENDED") if cy.label(r.source) == "Person"})
        rows.add((when, n.properties["name"], n.properties.get("kind"), chairs, organizers, places, attendees))
    return rows


@pytest.mark.parametrize(
    "start, end",
    [
        ("2024-02-01", "2024-03-31"),
        ("2024-03-05", "2024-03-05"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("2023-01-01", "2023-12-31"),
        ("2024-07-01", "2024-12-31"),
        ("1900-01-01", "2100-12-31"),
    ],
)
def test_events_in_range(store: ox.Store, cy: Cypher, start: str, end: str) -> None:
    got = {
        (r["date"], r["event"], r["kind"], split(r["chairs"]), split(r["organizers"]), split(r["places"]), int(r["attendees"]))
        for r in sparql(store, "events_in_range", **{"from": start, "to": end})
    }
    assert got == cypher_events_in_range(cy, start, end)
    if start == "2024-02-01":
        assert len(got) >= 3


# --- coattendance --------------------------------------------------------------------------------------------------

PARTS = ("PRESIDED_OVER", "ATTENDED", "SPOKE_AT")


def cypher_coattendance(cy: Cypher, a: str, b: str) -> set[tuple]:
    groups: dict[tuple, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for p1 in cy.match(a, "Person"):
        for p2 in cy.match(b, "Person"):
            if p1 == p2:
                continue
            for r1 in cy.edges_out(p1, *PARTS):
                if cy.label(r1.target) != "Event":
                    continue
                for r2 in cy.edges_out(p2, *PARTS):
                    if r2.target == r1.target:
                        e = r1.target
                        key = (cy.name(e), exported_date(cy.prop(e, "date")), cy.name(p1), cy.name(p2))
                        groups[key][0].add(r1.type)
                        groups[key][1].add(r2.type)
    return {(*key, frozenset(pa), frozenset(pb)) for key, (pa, pb) in groups.items()}


def test_coattendance(store: ox.Store, cy: Cypher) -> None:
    active = sorted(
        {cy.name(e.source) for e in cy.graph.edges if e.type in ("PRESIDED_OVER", "SPOKE_AT") and cy.label(e.source) == "Person"}
    )
    assert len(active) >= 8
    active = active[:8]
    pairs = [(a, b) for a in active for b in active] + [("李鸿忠", "王东明"), ("李鸿忠", "赵乐际委员长")]
    found = 0
    for a, b in pairs:
        got = {
            (r["event"], r["date"], r["person_a"], r["person_b"], split(r["parts_a"]), split(r["parts_b"]))
            for r in sparql(store, "coattendance", a=a, b=b)
        }
        assert got == cypher_coattendance(cy, a, b), (a, b)
        found += bool(got)
    assert found >= 10


# --- event_participants ----------------------------------------------------------------------------------------------


def cypher_event_participants(cy: Cypher, event: str) -> set[tuple]:
    groups: dict[tuple, list[GraphEdge]] = defaultdict(list)
    for e in cy.match(event, "Event"):
        for r in cy.edges_in(e, *PARTS):
            how = {"PRESIDED_OVER": "presided", "SPOKE_AT": "spoke", "ATTENDED": "attended"}[r.type]
            groups[(e, r.source, how)].append(r)
    rows = set()
    for (e, x, how), edges in groups.items():
        if how == "attended":
            details = attendance_roles(edges)  # projection, as in event_attendance
        else:
            details = {r.properties.get("role") or r.properties.get("about") for r in edges} - {None}
        rows.add((cy.name(e), exported_date(cy.prop(e, "date")), how, cy.name(x), cy.label(x), frozenset(details)))
    return rows


def test_event_participants(store: ox.Store, cy: Cypher) -> None:
    for event in cy.names_of("Event"):
        got = {
            (r["event_name"], r["date"], r["part"], r["participant"], r["type"], split(r["details"]))
            for r in sparql(store, "event_participants", event=event)
        }
        assert got == cypher_event_participants(cy, event), event
    parts = {(r["part"], r["participant"]) for r in sparql(store, "event_participants", event="十四届全国人大常委会第八次会议")}
    assert ("presided", "赵乐际") in parts and ("spoke", "骆源") in parts


# --- event_agenda ------------------------------------------------------------------------------------------------------


def cypher_event_agenda(cy: Cypher, event: str) -> set[tuple]:
    rows = set()
    for e in cy.match(event, "Event"):
        head = (cy.name(e), exported_date(cy.prop(e, "date")))
        for r in cy.edges_out(e, "REVIEWED", "ADOPTED"):
            p = r.target
            if cy.label(p) != "Policy":
                continue
            when = None
            if r.type == "ADOPTED":  # projection: the adoption date is kept per policy
                when = cypher_min(exported_date(o.properties.get("date")) for o in cy.edges_in(p, "ADOPTED"))
            item = "reviewed" if r.type == "REVIEWED" else "adopted"
            rows.add((*head, item, cy.name(p), cy.prop(p, "kind"), None, when))
        for r in cy.edges_in(e, "SPOKE_AT"):
            if cy.label(r.source) == "Person" and r.properties.get("about") is not None:
                rows.add((*head, "report", r.properties["about"], None, cy.name(r.source), None))
    return rows


def test_event_agenda(store: ox.Store, cy: Cypher) -> None:
    for event in cy.names_of("Event"):
        got = {
            (r["event_name"], r["event_date"], r["item"], r["document"], r["kind"], r["speaker"], r["date"])
            for r in sparql(store, "event_agenda", event=event)
        }
        assert got == cypher_event_agenda(cy, event), event
    items = {r["item"] for r in sparql(store, "event_agenda", event="十四届全国人大二次会议")}
    assert items == {"report", "reviewed", "adopted"}


# --- documents_mentioning ------------------------------------------------------------------------------------------------


def cypher_documents_mentioning(cy: Cypher, name: str) -> set[tuple]:
    rows = set()
    for x in cy.match(name):
        for m in cy.edges_in(x, "MENTIONS"):
            d = m.source
            if cy.label(d) == "Document":
                rows.add((cy.name(x), exported_date(cy.prop(d, "date")), cy.prop(d, "title"), cy.prop(d, "source"), d))
    return rows


def test_documents_mentioning(store: ox.Store, cy: Cypher) -> None:
    names = cy.names_of("Person", "Policy", "Place", with_aliases=False) + cy.names_of("Organization", "Event")
    for name in names:
        got = {
            (r["entity"], r["date"], r["title"], r["source"], r["doc_id"])
            for r in sparql(store, "documents_mentioning", name=name)
        }
        assert got == cypher_documents_mentioning(cy, name), name
    assert len(sparql(store, "documents_mentioning", name="赵乐际")) >= 3


# --- organization_hierarchy -------------------------------------------------------------------------------------------------


def cypher_organization_hierarchy(cy: Cypher, body: str) -> set[tuple]:
    rows = set()
    for o in cy.match(body, "Organization"):
        for relation, step in (
            ("parent", lambda n: [(e, e.target) for e in cy.edges_out(n, "PART_OF")]),
            ("child", lambda n: [(e, e.source) for e in cy.edges_in(n, "PART_OF")]),
        ):
            paths = [(o, frozenset())]
            for distance in range(1, 7):  # PART_OF*1..6, no relationship twice on a path
                paths = [(nxt, used | {e.key}) for node, used in paths for e, nxt in step(node) if e.key not in used]
                rows.update((cy.name(o), relation, distance, cy.name(n)) for n, _ in paths if cy.label(n) == "Organization")
    return rows


def test_organization_hierarchy(store: ox.Store, cy: Cypher) -> None:
    for body in cy.names_of("Organization"):
        got = {
            (r["body_name"], r["relation"], int(r["distance"]), r["other"])
            for r in sparql(store, "organization_hierarchy", body=body)
        }
        assert got == cypher_organization_hierarchy(cy, body), body
    got = {(r["relation"], int(r["distance"]), r["other"]) for r in sparql(store, "organization_hierarchy", body="中国共产党")}
    assert ("child", 2, "中共中央办公厅") in got


# --- body_members ---------------------------------------------------------------------------------------------------------


def cypher_body_members(cy: Cypher, body: str) -> set[tuple]:
    groups: dict[tuple, list[GraphEdge]] = defaultdict(list)
    for o in cy.match(body, "Organization"):
        units, frontier = [o], [o]  # (o)<-[:PART_OF*0..2]-(unit:Organization), one entry per path
        for _ in range(2):
            frontier = [e.source for n in frontier for e in cy.edges_in(n, "PART_OF")]
            units += frontier
        for unit in units:
            if cy.label(unit) != "Organization":
                continue
            for r in cy.edges_in(unit, "HOLDS_POSITION"):
                if cy.label(r.source) == "Person":
                    groups[(unit, r.source, r.properties.get("title"))].append(r)
    rows = set()
    for (unit, p, title), edges in groups.items():
        dates = [exported_date(r.properties.get("as_of")) for r in edges]  # projection: only dates are exported
        changes = frozenset(r.properties["change"] for r in edges if r.properties.get("change"))
        first = cypher_min(dates)
        last = max((d for d in dates if d is not None), default=None)
        rows.add((cy.name(unit), title or None, cy.name(p), first, last, changes, len({r.key for r in edges})))
    return rows


def test_body_members(store: ox.Store, cy: Cypher) -> None:
    answered = 0
    for body in cy.names_of("Organization"):
        got = {
            (
                r["unit_name"],
                r["title"],
                r["person"],
                r["first_reported"],
                r["last_reported"],
                split(r["changes"]),
                int(r["sources"]),
            )
            for r in sparql(store, "body_members", body=body)
        }
        assert got == cypher_body_members(cy, body), body
        answered += bool(got)
    assert answered >= 5
    assert len(sparql(store, "body_members", body="全国人大")) >= 15  # the NPC and its standing committee


# --- the queries themselves ------------------------------------------------------------------------------------------------

TWINS = [
    "presided_over",
    "positions_of_person",
    "event_attendance",
    "entity_aliases",
    "issued_by_body",
    "law_history",
    "figures_about",
    "events_in_range",
    "coattendance",
    "event_participants",
    "event_agenda",
    "documents_mentioning",
    "organization_hierarchy",
    "body_members",
]


@pytest.mark.parametrize("name", TWINS)
def test_every_twin_has_its_cypher_and_a_documented_header(name: str) -> None:
    text = query_text(name)
    assert (QUERIES / f"{name}.cypher").exists(), f"{name}.sparql has no Cypher twin"
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[0].startswith("# Question: ") and header[1].startswith("# Parameters: ")
    cypher_header = (QUERIES / f"{name}.cypher").read_text(encoding="utf-8").splitlines()
    params = set(re.findall(r"\$(\w+)", "\n".join(cypher_header)))
    for param in params:  # the Cypher's $param is the SPARQL's ?param, documented and projected
        assert f"?{param}" in header[1], (name, param)
        select = text[text.index("SELECT") : text.index("WHERE")]
        assert f"?{param}" in select, (name, param)  # pyoxigraph substitutes projected variables only


def test_every_sparql_file_is_a_tested_twin() -> None:
    assert sorted(p.stem for p in QUERIES.glob("*.sparql")) == sorted(TWINS)


CROSS_CHECK = [
    ("presided_over", {}),
    ("positions_of_person", {"name": "赵乐际"}),
    ("entity_aliases", {"name": "全国人大常委会"}),
    ("issued_by_body", {"body": "中华人民共和国"}),
    ("events_in_range", {"from": "2024-02-01", "to": "2024-03-31"}),
    ("documents_mentioning", {"name": "赵乐际"}),
    ("event_agenda", {"event": "十四届全国人大二次会议"}),
    ("organization_hierarchy", {"body": "中国共产党"}),
]


def _canonical(rows: list[dict[str, str | None]]) -> set[tuple]:
    """GROUP_CONCAT in any order; over no values rdflib gives "" and pyoxigraph leaves it unbound."""
    return {tuple(sorted((k, split(v) if v and "|" in v else (v or None)) for k, v in row.items())) for row in rows}


@pytest.mark.parametrize("query, params", CROSS_CHECK, ids=[c[0] for c in CROSS_CHECK])
def test_rdflib_init_bindings_agree_with_pyoxigraph(rdflib_graph: Graph, store: ox.Store, query: str, params: dict) -> None:
    expected = sparql(store, query, **params)
    assert expected
    assert _canonical(sparql_rdflib(rdflib_graph, query, **params)) == _canonical(expected)
