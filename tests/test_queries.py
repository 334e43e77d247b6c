"""The Cypher library in queries/: every file documented, every file run on the sample graph in the real server.

The graph is loaded once for this module (its own driver, the database wiped before and after).
Assertions name facts the sample articles certainly state, and check the presence of rows, not
exact counts, so they hold while the extractor improves.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.server import connect
from kg.store import GraphStore

QUERIES = Path(__file__).parents[1] / "queries"
NPCSC_8 = "第十四届全国人民代表大会常务委员会第八次会议"
NPC_2 = "第十四届全国人民代表大会第二次会议"
CPPCC_2 = "中国人民政治协商会议第十四届全国委员会第二次会议"
NPCSC = "全国人民代表大会常务委员会"


def _wipe(driver, database: str) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)


@pytest.fixture(scope="module")
def store(graph_settings, sample_graph) -> Iterator[GraphStore]:
    driver = connect(graph_settings)
    try:
        _wipe(driver, graph_settings.database)
        store = GraphStore(driver, graph_settings.database)
        store.load(sample_graph)
        yield store
        _wipe(driver, graph_settings.database)
    finally:
        driver.close()


def ask(store: GraphStore, query: str, /, **params: str) -> list[dict]:
    """Run queries/QUERY.cypher as `kg query` does: the file's text, every parameter a string."""
    assert all(isinstance(v, str) for v in params.values())
    return store.run((QUERIES / f"{query}.cypher").read_text(encoding="utf-8"), **params)


def _has(rows: list[dict], **expected) -> bool:
    return any(all(row.get(k) == v for k, v in expected.items()) for row in rows)


# --- the files themselves -----------------------------------------------------------------------


def _header(path: Path) -> tuple[str, str, str]:
    """(question, parameters line, Cypher body without comment lines)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    question = next((l.removeprefix("// Question:").strip() for l in lines if l.startswith("// Question:")), "")
    params = next((l.removeprefix("// Parameters:").strip() for l in lines if l.startswith("// Parameters:")), "")
    body = "\n".join(l for l in lines if not l.lstrip().startswith("//"))
    return question, params, body


def _declared(params: str) -> dict[str, str]:
    """Parameter name -> its example, from 'a (meaning, e.g. X), b (meaning, e.g. Y).'; {} for 'none.'."""
    declared, depth, name, inside = {}, 0, "", ""
    for ch in params:
        if ch == "(":
            depth += 1
            if depth == 1:
                inside = ""
                continue
        elif ch == ")":
            depth -= 1
            if depth == 0:
                example = re.search(r"e\.g\. (.+)$", inside)
                declared[name.strip(" ,.")] = example.group(1).strip() if example else ""
                name = ""
                continue
        if depth:
            inside += ch
        else:
            name += ch
    return declared


def _all_queries() -> list[Path]:
    return sorted(QUERIES.glob("*.cypher"))


def test_the_library_has_at_least_twelve_queries():
    assert len(_all_queries()) >= 12
    for kept in ("presided_over", "positions_of_person", "event_attendance"):
        assert (QUERIES / f"{kept}.cypher").exists()


@pytest.mark.parametrize("path", _all_queries(), ids=lambda p: p.stem)
def test_every_query_has_a_header_naming_its_parameters(path):
    question, params, body = _header(path)
    assert "?" in question, f"{path.name}: '// Question: …?' missing"
    assert params, f"{path.name}: '// Parameters: …' missing"
    used = set(re.findall(r"\$([A-Za-z_]\w*)", body))
    declared = {} if params.rstrip(".") == "none" else _declared(params)
    assert set(declared) == used, f"{path.name}: declares {sorted(declared)}, uses {sorted(used)}"
    assert all(declared.values()), f"{path.name}: every parameter needs an example ('e.g. …')"


def test_every_query_is_exercised_by_a_test():
    source = Path(__file__).read_text(encoding="utf-8")
    exercised = set(re.findall(r"""ask\(store, "(\w+)\"""", source))
    assert {p.stem for p in _all_queries()} <= exercised


@pytest.mark.parametrize("path", _all_queries(), ids=lambda p: p.stem)
def test_every_query_answers_its_own_example(store, path):
    _, params, _ = _header(path)
    examples = {} if params.rstrip(".") == "none" else _declared(params)
    assert ask(store, path.stem, **examples), f"{path.name}: no rows for its documented example {examples}"


# --- what each query answers --------------------------------------------------------------------


def test_presided_over(store):
    rows = ask(store, "presided_over")
    assert _has(rows, person="赵乐际", event=NPCSC_8, date="2024-02-26")
    assert _has(rows, person="赵乐际", event=NPC_2)
    zhao = next(r for r in rows if r["person"] == "赵乐际" and r["event"] == NPCSC_8)
    assert "赵乐际" in zhao["evidence"] and "主持" in zhao["evidence"]


def test_positions_of_person(store):
    rows = ask(store, "positions_of_person", name="赵乐际")
    assert _has(rows, person="赵乐际", title="委员长", organization=NPCSC, as_of="2024-02-26")
    assert all(r["evidence"] and r["doc_id"].startswith("doc-") for r in rows)
    rows = ask(store, "positions_of_person", name="王沪宁")
    assert _has(rows, title="主席", organization="中国人民政治协商会议全国委员会")


def test_event_attendance_by_alias(store):
    rows = ask(store, "event_attendance", event="十四届全国人大常委会第八次会议")
    assert _has(rows, attendee="李鸿忠", type="Person", role="attendee")
    assert _has(rows, attendee="张军", role="nonvoting")  # 列席
    assert len(rows) == len({tuple(r.values()) for r in rows})


def test_event_participants(store):
    rows = ask(store, "event_participants", event="十四届全国人大常委会第八次会议")
    assert {r["event"] for r in rows} == {NPCSC_8}
    assert _has(rows, part="presided", participant="赵乐际")
    assert _has(rows, part="attended", participant="王东明")
    luo = next(r for r in rows if r["part"] == "spoke" and r["participant"] == "骆源")
    assert "关于保守国家秘密法修订草案审议结果的报告" in luo["details"] and "骆源" in luo["evidence"]
    order = {"presided": 0, "spoke": 1, "attended": 2}
    assert [order[r["part"]] for r in rows] == sorted(order[r["part"]] for r in rows)
    cppcc = ask(store, "event_participants", event="全国政协十四届二次会议")
    assert _has(cppcc, part="presided", participant="王沪宁")


def test_body_members(store):
    rows = ask(store, "body_members", body="全国人大常委会")
    assert _has(rows, body=NPCSC, title="委员长", person="赵乐际")
    assert _has(rows, body=NPCSC, title="副委员长", person="李鸿忠")
    assert _has(rows, body=NPCSC, title="秘书长", person="刘奇")
    assert _has(rows, title="主任委员", person="杨晓超")  # of its 代表资格审查委员会
    assert all(r["first_reported"] <= r["last_reported"] for r in rows if r["first_reported"])


def test_law_history(store):
    rows = ask(store, "law_history", law="国务院组织法")
    assert {r["law"] for r in rows} == {"中华人民共和国国务院组织法"}
    adopted = [r for r in rows if r["step"] == "adopted" and r["document"] == "中华人民共和国国务院组织法"]
    assert any(r["date"] == "2024-03-11" and r["actor"] in (NPC_2, "全国人民代表大会") for r in adopted)
    assert _has(rows, step="reported", actor="李鸿忠", document="关于国务院组织法修订草案的说明")
    assert _has(rows, step="promulgated", actor="习近平")  # 签署第21号主席令予以公布
    dates = [r["date"] for r in rows if r["date"]]
    assert [r["date"] for r in rows[: len(dates)]] == sorted(dates)  # in date order, undated rows last
    secrets = ask(store, "law_history", law="保密法")
    assert _has(secrets, step="in force", date="2024-05-01")
    assert _has(secrets, step="reported", actor="骆源")
    assert _has(secrets, step="draft", document="中华人民共和国保守国家秘密法修订草案")


def test_issued_by_body(store):
    rows = ask(store, "issued_by_body", body="航天科技集团")
    assert _has(rows, body="中国航天科技集团有限公司", action="issued", policy="中国航天科技活动蓝皮书（2023年）", date="2024-02-26")
    npc = ask(store, "issued_by_body", body="全国人大")
    assert _has(npc, action="adopted", policy="中华人民共和国国务院组织法", date="2024-03-11")  # at (via) its session
    cac = ask(store, "issued_by_body", body="国家网信办")
    assert any("清朗" in r["policy"] for r in cac)


def test_events_in_range(store):
    rows = ask(store, "events_in_range", **{"from": "2024-02-01", "to": "2024-03-31"})
    assert all("2024-02-01" <= r["date"][:10] <= "2024-03-31" for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    npcsc = next(r for r in rows if r["event"] == NPCSC_8)
    assert npcsc["date"] == "2024-02-26" and "赵乐际" in npcsc["chairs"] and NPCSC in npcsc["organizers"]
    assert "王沪宁" in next(r for r in rows if r["event"] == CPPCC_2)["chairs"]
    july = ask(store, "events_in_range", **{"from": "2024-07", "to": "2024-07"})  # a month as the range
    assert _has(july, event="中国共产党第二十届中央委员会第三次全体会议", date="2024-07-18")
    assert not any(r["date"].startswith("2024-03") for r in july)


def test_coattendance(store):
    rows = ask(store, "coattendance", a="李鸿忠", b="王东明")
    session = next(r for r in rows if r["event"] == NPCSC_8)
    assert "ATTENDED" in session["parts_a"] and "ATTENDED" in session["parts_b"]
    assert ask(store, "coattendance", a="李鸿忠", b="李鸿忠") == []


def test_shortest_path(store):
    rows = ask(store, "shortest_path", **{"from": "赵乐际", "to": "习近平"})
    assert rows and rows[0]["hops"] == 2  # both at a session; no relationship links two persons directly
    path = rows[0]
    assert path["nodes"][0] == "Person:赵乐际" and path["nodes"][-1] == "Person:习近平"
    assert path["nodes"][1].startswith("Event:") and len(path["relationships"]) == 2 == len(path["evidence"])
    assert "MENTIONS" not in path["relationships"]
    assert ask(store, "shortest_path", **{"from": "杨晓超", "to": "全国人大"})[0]["nodes"][-1] == "Organization:全国人民代表大会"


def test_central_officials(store):
    rows = ask(store, "central_officials", top="10")
    assert 0 < len(rows) <= 10
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)
    assert all(r["events"] >= 1 and r["degree"] >= r["events"] for r in rows)
    assert len(ask(store, "central_officials", top="3")) == 3
    everyone = {r["person"]: r for r in ask(store, "central_officials", top="1000")}
    assert everyone["赵乐际"]["presided"] >= 2 and "委员长@" + NPCSC in everyone["赵乐际"]["posts"]


def test_figures_about(store):
    rows = ask(store, "figures_about", subject="中国")
    assert any(r["figure"] == "10.79亿" and r["value"] == pytest.approx(1.079e9) and "网民规模" in r["measure"] for r in rows)
    assert all(r["evidence"] for r in rows)
    npc = ask(store, "figures_about", subject="十四届全国人大二次会议")
    assert _has(npc, subject=NPC_2, figure="2956人", unit="人")


def test_entity_facts(store):
    rows = ask(store, "entity_facts", name="骆源")
    assert _has(rows, relationship="HOLDS_POSITION", direction="out", other=NPCSC)
    assert _has(rows, relationship="SPOKE_AT", direction="out", other=NPCSC_8)
    for row in rows:
        assert row["relationship"] != "MENTIONS"
        assert "骆源" in row["sentence"] and row["doc_id"].startswith("doc-") and row["extractor"]
        assert 0 < row["confidence"] <= 1 and 0 <= row["sentence_start"] < row["sentence_end"]
    incoming = ask(store, "entity_facts", name="十四届全国人大常委会第八次会议")
    assert _has(incoming, relationship="PRESIDED_OVER", direction="in", other="赵乐际")


def test_entity_aliases(store):
    rows = ask(store, "entity_aliases", name="全国人大常委会")
    assert _has(rows, type="Organization", name=NPCSC) and "全国人大常委会" in rows[0]["aliases"]
    law = ask(store, "entity_aliases", name="保密法")
    assert _has(law, type="Policy", name="中华人民共和国保守国家秘密法")
    assert ask(store, "entity_aliases", name="no such thing") == []


def test_documents_mentioning(store):
    rows = ask(store, "documents_mentioning", name="赵乐际")
    assert _has(rows, title="十四届全国人大常委会第八次会议在京举行", date="2024-02-26")
    assert all(r["mentions"] >= 1 and r["doc_id"].startswith("doc-") for r in rows)


def test_event_agenda(store):
    rows = ask(store, "event_agenda", event="十四届全国人大二次会议")
    assert _has(rows, item="adopted", document="中华人民共和国国务院组织法", date="2024-03-11")
    assert _has(rows, item="report", speaker="李强", document="政府工作报告")
    npcsc = ask(store, "event_agenda", event=NPCSC_8)
    assert _has(npcsc, item="reviewed", document="关于保守国家秘密法修订草案审议结果的报告")


def test_organization_hierarchy(store):
    rows = ask(store, "organization_hierarchy", body="全国人大常委会")
    assert _has(rows, relation="parent", distance=1, other="全国人民代表大会")
    assert _has(rows, relation="child", other="全国人民代表大会常务委员会代表资格审查委员会")


def test_kg_query_passes_parameters_as_strings(store, graph_settings, tmp_path):
    """`kg query FILE --param k=v` end to end: `top` arrives as the string '3'."""
    env = {
        **os.environ,
        "NEO4J_URI": graph_settings.uri,
        "NEO4J_USER": graph_settings.user,
        "NEO4J_PASSWORD": graph_settings.password,
        "KG_HOME": str(tmp_path / "home"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "kg", "query", str(QUERIES / "central_officials.cypher"), "--param", "top=3", "--json"],
        check=False, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(rows) == 3 and all("person" in r for r in rows)
