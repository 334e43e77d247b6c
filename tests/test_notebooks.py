"""The notebooks of notebooks/ run top to bottom against the session's graph server, and are kept without outputs.

Each notebook is executed with nbclient in a fresh ``python3`` kernel, which jupyter_client starts with this
interpreter (the venv's ipykernel); a probe cell put in front checks that. The graph connection reaches the
kernel the way it reaches ``kg``: through NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, set from
the ``graph_settings`` fixture while the notebooks run and restored afterwards.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator

import pytest

from kg.config import PROJECT_DIR
from kg.evaluate import load_gold
from kg.server import connect

NOTEBOOKS = PROJECT_DIR / "notebooks"
NAMES = ("01_explore", "02_rdf", "03_quality")
ENV = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
NEEDS = ("nbformat", "nbclient", "ipykernel", "pandas", "matplotlib")
PROBE = "import sys\nprint(sys.prefix)\nprint(sys.executable)"
FACT = "赵乐际 presided over 第十四届全国人民代表大会常务委员会第八次会议 (2024-02-26)"


def _wipe(settings) -> None:
    with connect(settings) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.database)


@pytest.fixture(scope="module")
def kernel_env(graph_settings) -> Iterator[None]:
    """The session server's connection in the environment the kernels inherit; the graph wiped before and after."""
    for module in NEEDS:
        pytest.importorskip(module, reason=f"the notebook tests need {', '.join(NEEDS)}")
    saved = {name: os.environ.get(name) for name in ENV}
    os.environ.update(
        NEO4J_URI=graph_settings.uri,
        NEO4J_USER=graph_settings.user,
        NEO4J_PASSWORD=graph_settings.password,
        NEO4J_DATABASE=graph_settings.database,
    )
    _wipe(graph_settings)  # notebook 01 then builds the sample graph itself
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        _wipe(graph_settings)


def _execute(name: str, replace: tuple[str, str] | None = None):
    """Run notebooks/<name>.ipynb top to bottom (optionally with one line of its source replaced); fail on a cell error."""
    import nbclient
    import nbformat

    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    if replace:
        old, new = replace
        hits = [cell for cell in nb.cells if cell.cell_type == "code" and old in cell.source]
        assert hits, f"{name}: no cell contains {old!r}"
        for cell in hits:
            cell.source = cell.source.replace(old, new)
    nb.cells.insert(0, nbformat.v4.new_code_cell(PROBE))
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOKS)}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"{name}.ipynb: a cell failed:\n{exc}")
    prefix, executable = _text(nb.cells[0]).splitlines()[:2]
    assert prefix == sys.prefix, f"{name}.ipynb ran in {executable}, not in this environment's python {sys.executable}"
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    return nb


def _text(cell) -> str:
    """Everything a cell printed or displayed as text (streams, text/plain and text/html)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        else:
            data = output.get("data", {})
            parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def _all_text(nb) -> str:
    return "\n".join(_text(cell) for cell in nb.cells)


def _images(nb) -> int:
    return sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def _last_code_cell(nb):
    return [c for c in nb.cells if c.cell_type == "code"][-1]


@pytest.fixture(scope="module")
def explore(kernel_env):
    return _execute("01_explore")


@pytest.fixture(scope="module")
def rdf_notebook(kernel_env):
    return _execute("02_rdf")


@pytest.fixture(scope="module")
def quality(kernel_env):
    return _execute("03_quality")


# --- the committed files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_has_no_outputs(name):
    path = NOTEBOOKS / f"{name}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == [], f"{path.name}: a cell keeps its outputs (strip them before committing)"
        assert cell["execution_count"] is None, f"{path.name}: a cell keeps its execution count"


def test_every_notebook_is_tested():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(NAMES)


# --- running them ---------------------------------------------------------------------------------


def test_explore_builds_the_graph_and_finds_who_presided(explore, graph_settings):
    text = _all_text(explore)
    assert "the graph was empty: loaded" in text  # it built the sample corpus into the empty test server
    assert "赵乐际委员长主持。" in text  # the evidence sentence of his post 委员长
    assert FACT in _text(_last_code_cell(explore))
    assert _images(explore) >= 2  # co-attendance network and timeline
    with connect(graph_settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (p:Person {name: '赵乐际'})-[:PRESIDED_OVER]->(e:Event) RETURN e.name AS event", database_=graph_settings.database
        )
    assert "第十四届全国人民代表大会常务委员会第八次会议" in {r["event"] for r in records}


def test_explore_plots_without_a_cjk_font(kernel_env):
    nb = _execute("01_explore", replace=("FONT = analytics.cjk_font()", "FONT = None"))
    assert "CJK font for plots: none found" in _all_text(nb)
    assert _images(nb) >= 2
    assert FACT in _text(_last_code_cell(nb))


def test_rdf_answers_sparql(rdf_notebook):
    text = _all_text(rdf_notebook)
    assert "保守国家秘密法|保密法" in text  # entity_aliases.sparql found 保密法 by its alias
    assert "委员长" in text  # positions_of_person.sparql
    assert FACT in _text(_last_code_cell(rdf_notebook))
    assert _images(rdf_notebook) >= 1


def test_quality_scores_dev_and_hides_held_out_errors(quality):
    gold = load_gold(PROJECT_DIR / "tests" / "data" / "gold")
    dev = [g for g in gold if g.split == "dev"]
    heldout = [g for g in gold if g.split == "heldout"]
    last = _text(_last_code_cell(quality))
    assert f"dev: {len(dev)} documents" in last
    assert f"held-out (totals only): {len(heldout)} documents" in last
    entity_f1 = float(re.search(r"dev: .*entity F1 (\d\.\d+)", last).group(1))
    assert entity_f1 > 0.5
    assert _images(quality) >= 2  # scores per type, confusion heatmap
    text = _all_text(quality)
    for doc in heldout:  # no held-out document is shown one by one
        assert f"{doc.source_file}#{doc.index}" not in text
        assert doc.title not in text
