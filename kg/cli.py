"""The ``kg`` command: build, extract, load, export, query and run the local graph server."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.config import SAMPLE_CORPUS, GraphSettings
from kg.errors import InputError, KGError
from kg.models import DocumentResult, GraphData

app = typer.Typer(
    help="zhkg: Chinese political news → a knowledge graph of people, bodies, events and policies "
    "(Neo4j over Bolt, RDF dumps).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
server_app = typer.Typer(help="Start, stop or inspect the local graph server (ArcadeDB speaking Bolt).", no_args_is_help=True)
app.add_typer(server_app, name="server")
console = Console(stderr=True)
out = Console()

SAMPLE_YEAR = 2024  # the sample corpus is 2024 news; its Xinhua datelines carry no year
YearOpt = Annotated[
    Optional[int], typer.Option("--year", help="Year of datelines that give none (新华社北京2月26日电), when the file shows no year.")
]
PathsArg = Annotated[Optional[list[Path]], typer.Argument(help="Article files or folders (default: the shipped sample corpus).")]


class _State:
    settings: GraphSettings = GraphSettings()


state = _State()


@app.callback()
def main(
    uri: Annotated[Optional[str], typer.Option(help="Bolt URI of Neo4j (env NEO4J_URI; default: the local server).")] = None,
    user: Annotated[Optional[str], typer.Option(help="User (env NEO4J_USER).")] = None,
    password: Annotated[Optional[str], typer.Option(help="Password (env NEO4J_PASSWORD).")] = None,
    database: Annotated[Optional[str], typer.Option(help="Database (env NEO4J_DATABASE; default neo4j).")] = None,
) -> None:
    """Set the graph connection for every subcommand (options override the environment)."""
    for name, value in (("NEO4J_URI", uri), ("NEO4J_USER", user), ("NEO4J_PASSWORD", password), ("NEO4J_DATABASE", database)):
        if value:
            os.environ[name] = value
    state.settings = GraphSettings()


@contextmanager
def _errors() -> Iterator[None]:
    """Print a KGError as one clear line and exit 1, without a traceback."""
    try:
        yield
    except KGError as exc:
        console.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True
    )


def _extract(paths: list[Path], year: int | None) -> tuple[list[DocumentResult], dict[str, str]]:
    """Extraction results, and each article's text by doc_id (for near-duplicate detection)."""
    from kg.extract import Extractor
    from kg.ingest import iter_articles

    articles = list(iter_articles(paths, default_year=year))
    if not articles:
        raise InputError(f"no articles found in {', '.join(map(str, paths))}")
    extractor = Extractor()
    with _progress() as bar:
        task = bar.add_task("extracting", total=len(articles))
        results = []
        for result in extractor(articles):
            results.append(result)
            bar.advance(task)
    return results, {a.doc_id: a.text for a in articles}


def _store():
    from kg.server import connect, ensure_local_server
    from kg.store import GraphStore

    ensure_local_server(state.settings)
    return GraphStore(connect(state.settings), state.settings.database)


def _load(graph: GraphData) -> None:
    store = _store()
    with _progress() as bar:
        task = bar.add_task("loading", total=len(graph.nodes) + len(graph.edges))
        store.load(graph, progress=lambda n: bar.advance(task, n))
    store.driver.close()


def _read_jsonl(path: Path) -> list[DocumentResult]:
    results = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read extracted JSON: {exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            results.append(DocumentResult.model_validate_json(line))
        except ValueError as exc:
            first = str(exc).splitlines()[0]
            raise InputError(f"{path}, line {number}: not a document record of SCHEMA.md ({first}); nothing was loaded") from None
    return results


def _write_jsonl(results: list[DocumentResult], path: Path | None) -> None:
    lines = "".join(r.model_dump_json() + "\n" for r in results)
    if path is None:
        sys.stdout.write(lines)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(lines, encoding="utf-8")


def _summary(title: str, graph: GraphData, seconds: float, articles: int) -> None:
    from kg.resolve import summary

    labels, types = summary(graph)
    table = Table(title=f"{title}: {articles} articles, {len(graph.nodes)} nodes, {len(graph.edges)} relationships, {seconds:.1f} s")
    table.add_column("node label")
    table.add_column("count", justify="right")
    table.add_column("relationship type")
    table.add_column("count", justify="right")
    rows_l, rows_t = sorted(labels.items()), sorted(types.items())
    for i in range(max(len(rows_l), len(rows_t))):
        l = rows_l[i] if i < len(rows_l) else ("", "")
        t = rows_t[i] if i < len(rows_t) else ("", "")
        table.add_row(l[0], str(l[1]), t[0], str(t[1]))
    out.print(table)


@app.command()
def build(
    paths: PathsArg = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for extracted.jsonl and the RDF dump.")] = Path("out"),
    rdf_format: Annotated[str, typer.Option("--format", help="RDF format of the dump: ttl, nt, jsonld or trig.")] = "ttl",
    year: YearOpt = None,
) -> None:
    """The main job: ingest → extract → resolve → load into the graph → write the RDF dump."""
    from kg.rdf import write_rdf
    from kg.resolve import build_graph

    with _errors():
        started = time.perf_counter()
        results, texts = _extract(paths or [SAMPLE_CORPUS], year if paths or year else SAMPLE_YEAR)
        _write_jsonl(results, out_dir / "extracted.jsonl")
        graph = build_graph(results, texts)
        _load(graph)
        dump = out_dir / f"graph.{rdf_format}"
        triples = write_rdf(graph, dump, rdf_format)
        _summary("kg build", graph, time.perf_counter() - started, len(results))
        console.print(f"wrote {out_dir / 'extracted.jsonl'}, {dump} ({triples} statements); graph at {state.settings.uri}")


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="JSONL file (default: standard output).")] = None,
    year: YearOpt = None,
) -> None:
    """Extract entities and relationships: one JSON object per article (SCHEMA.md); no database needed."""
    with _errors():
        _write_jsonl(_extract(paths, year)[0], output)


@app.command()
def load(file: Annotated[Path, typer.Argument(help="JSONL written by `kg extract`.")]) -> None:
    """Load extracted JSON into the graph (idempotent: loading twice changes nothing)."""
    from kg.resolve import build_graph

    with _errors():
        started = time.perf_counter()
        results = _read_jsonl(file)
        graph = build_graph(results)
        _load(graph)
        _summary("kg load", graph, time.perf_counter() - started, len(results))


@app.command()
def export(
    source: Annotated[Optional[Path], typer.Argument(help="JSONL from `kg extract` (default: read the graph server).")] = None,
    rdf_format: Annotated[str, typer.Option("--format", help="ttl, nt, jsonld or trig.")] = "ttl",
    output: Annotated[Path, typer.Option("-o", "--output", help="Output file.")] = Path("out/graph.ttl"),
) -> None:
    """Write the graph as RDF (Turtle, N-Triples, JSON-LD or TriG with one named graph per article)."""
    from kg.rdf import FORMATS, write_rdf
    from kg.resolve import build_graph

    with _errors():
        if rdf_format not in FORMATS:
            raise KGError(f"--format must be one of {', '.join(FORMATS)}, not {rdf_format!r}")
        if source is not None:
            graph = build_graph(_read_jsonl(source))
        else:
            store = _store()
            graph = store.read_graph()
            store.driver.close()
        output.parent.mkdir(parents=True, exist_ok=True)
        count = write_rdf(graph, output, rdf_format)
        console.print(f"wrote {count} statements to {output}")


@app.command()
def query(
    file: Annotated[Optional[Path], typer.Argument(help="A .cypher file.")] = None,
    expression: Annotated[Optional[str], typer.Option("-e", "--expression", help="Cypher text instead of a file.")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="Query parameter k=v (repeatable).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON lines.")] = False,
) -> None:
    """Run Cypher against the graph and print the rows as a table (or JSON)."""
    with _errors():
        if (file is None) == (expression is None):
            raise KGError("give either a .cypher FILE or -e CYPHER")
        cypher = expression if expression is not None else _read_query(file)
        params = dict(p.split("=", 1) for p in param or [] if "=" in p)
        store = _store()
        rows = store.run(cypher, **params)
        store.driver.close()
        if as_json:
            sys.stdout.write("".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows))
            return
        table = Table(*(rows[0].keys() if rows else ["(no rows)"]))
        for row in rows:
            table.add_row(*(json.dumps(v, ensure_ascii=False, default=str) if not isinstance(v, str) else v for v in row.values()))
        out.print(table)


@app.command()
def stats(
    source: Annotated[Optional[Path], typer.Argument(help="JSONL from `kg extract` (default: read the graph server).")] = None,
    top: Annotated[int, typer.Option(help="How many most-aliased entities to list.")] = 10,
) -> None:
    """Resolution quality: node counts before/after merging, most-aliased entities, suspected duplicates."""
    from kg.resolve import build_graph
    from kg.stats import report

    with _errors():
        if source is not None:
            results = _read_jsonl(source)
            out.print(report(build_graph(results), results, top), markup=False, highlight=False)
        else:
            store = _store()
            graph = store.read_graph()
            store.driver.close()
            out.print(report(graph, None, top), markup=False, highlight=False)


@app.command()
def analyze(
    source: Annotated[Optional[Path], typer.Argument(help="JSONL from `kg extract` (default: read the graph server).")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for CSV, GraphML and PNG.")] = Path("out/analysis"),
    top: Annotated[int, typer.Option(help="How many officials to list.")] = 10,
) -> None:
    """Co-attendance network of officials, centrality, communities and timeline (CSV, GraphML, PNG)."""
    from kg.analytics import analyze as run_analysis
    from kg.resolve import build_graph

    with _errors():
        if source is not None:
            graph = build_graph(_read_jsonl(source))
        else:
            store = _store()
            graph = store.read_graph()
            store.driver.close()
        result = run_analysis(graph, out_dir, top=top)
        table = Table(
            title=f"top {len(result['top'])} officials by centrality: {result['persons']} persons, "
            f"{result['links']} co-attendance links, {len(result['communities'])} communities"
        )
        for col in ("rank", "person", "events", "co-attendees", "shared events", "betweenness", "PageRank"):
            table.add_column(col, justify="left" if col == "person" else "right")
        for r in result["top"]:
            table.add_row(
                str(r["rank"]), r["name"], str(r["events"]), str(r["degree"]), str(r["weighted_degree"]),
                f"{r['betweenness']:.4f}", f"{r['pagerank']:.4f}",
            )
        out.print(table)
        console.print("wrote " + ", ".join(str(p) for p in result["files"].values()))


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def evaluate(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Argument(help="Folder of gold annotations (tests/data/gold).")],
) -> None:
    """Precision/recall/F1 per type against gold annotations; options: --split dev|heldout|all, --show-errors, --json."""
    from kg.evaluate import main as evaluate_main

    raise typer.Exit(evaluate_main([str(gold), *ctx.args]))


def _read_query(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read query: {exc.strerror}") from None


@server_app.command("start")
def server_start() -> None:
    """Start the local server (data in ./var, Bolt on 127.0.0.1:7687)."""
    from kg.server import LocalServer

    with _errors():
        server = LocalServer.default()
        server.start()
        console.print(f"local graph server running at {server.uri} (data in {server.home})")


@server_app.command("stop")
def server_stop() -> None:
    """Stop the local server."""
    from kg.server import LocalServer

    with _errors():
        LocalServer.default().stop()
        console.print("local graph server stopped")


@server_app.command("status")
def server_status() -> None:
    """Say whether the local server runs, where, and its process id."""
    from kg.server import LocalServer

    status = LocalServer.default().status()
    state_text = f"running (pid {status.pid})" if status.running else "not running"
    out.print(f"local graph server: {state_text}; {status.uri}; data in {status.home}")
    raise typer.Exit(0 if status.running else 3)
