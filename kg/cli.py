"""The ``kg`` command: build, extract, load, export, query and run the local graph server."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.config import DEFAULT_BATCH_ARTICLES, SAMPLE_CORPUS, GraphSettings
from kg.errors import InputError, KGError
from kg.models import Article, DocumentResult, GraphData

if TYPE_CHECKING:  # kg.streaming imports the driver and numpy: not at start-up
    from kg.streaming import StreamStats

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
StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Stop at the first file that cannot be read, writing and loading nothing "
        "(default: report it, skip it, process the other files, exit 1 at the end).",
    ),
]


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
    # The driver logs its retries and dropped connections; the error that ends the command says it in one line.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False


def _say(text: str, prefix: str = "", style: str = "") -> None:
    """One line on stderr as it is: file names are not rich markup, and long lines are not wrapped."""
    head = f"[{style}]{prefix}[/] " if prefix and style else f"{prefix} " if prefix else ""
    console.print(head + escape(text), soft_wrap=True, highlight=False)


@contextmanager
def _errors() -> Iterator[None]:
    """Print a KGError as one clear line and exit 1, without a traceback."""
    try:
        yield
    except KGError as exc:
        _say(str(exc), "error:", "bold red")
        raise typer.Exit(1) from None


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True,
        disable=not console.is_terminal,  # else it leaves an empty line in a log
    )


class _Input:
    """The articles of the input files, read lazily, and the files that could not be read.

    A file that cannot be read as articles is reported on its own line ("skipped: …", once the
    next readable article shows the run goes on) and skipped; with ``strict`` every file is read
    (not extracted) first and the first bad one stops the command before anything is written or
    loaded. When no file could be read, that is the error (a single bad file: its own message).
    """

    def __init__(self, paths: list[Path], year: int | None, strict: bool):
        from kg.ingest import iter_articles

        self.paths, self.skipped, self.count, self._told = paths, [], 0, 0
        if strict:
            for _ in iter_articles(paths, default_year=year):
                pass
        self._articles = iter_articles(paths, default_year=year, on_error=lambda _, exc: self.skipped.append(exc))

    def _tell(self) -> None:
        for exc in self.skipped[self._told :]:
            _say(str(exc), "skipped:", "bold yellow")
        self._told = len(self.skipped)

    def __iter__(self) -> Iterator[Article]:
        for article in self._articles:
            self._tell()
            self.count += 1
            yield article

    def require_articles(self) -> None:
        """No article at all is the error (a single bad file: its own message)."""
        if not self.count:
            if len(self.skipped) == 1:
                raise self.skipped[0]
            self._tell()
            raise InputError(f"no articles found in {', '.join(map(str, self.paths))}")
        self._tell()


def _check_skipped(skipped: int) -> None:
    """Files were skipped: the other files were processed, and the command exits 1."""
    if skipped:
        files = "file" if skipped == 1 else "files"
        raise InputError(f"skipped {skipped} input {files} (see above); the other files were processed")


def _extracted(articles: Iterable[Article], workers: int) -> Iterator[DocumentResult]:
    """Extraction results in input order, as they come (nothing is kept: big inputs stay small in memory)."""
    from kg.parallel import extract_parallel

    with _progress() as bar:
        task = bar.add_task("extracting", total=None)
        for result in extract_parallel(articles, workers):
            bar.advance(task)
            yield result


def _store():
    from kg.server import connect, ensure_local_server
    from kg.store import GraphStore

    ensure_local_server(state.settings)
    return GraphStore(connect(state.settings), state.settings.database)


def _graph_from(source: Path | None) -> GraphData:
    """The graph of a `kg extract` JSONL file, or (without one) the graph stored in the server."""
    from kg.resolve import build_graph

    if source is not None:
        return build_graph(_read_jsonl(source))
    store = _store()
    graph = store.read_graph()
    store.driver.close()
    return graph


def _load(graph: GraphData) -> None:
    store = _store()
    with _progress() as bar:
        task = bar.add_task("loading", total=len(graph.nodes) + len(graph.edges))
        store.load(graph, progress=lambda n: bar.advance(task, n))
    store.driver.close()


def _read_jsonl(path: Path) -> list[DocumentResult]:
    """Every record of a `kg extract` file, all checked before anything is loaded: a bad record on
    any line (the last one too) is an InputError naming the line, and nothing is loaded."""
    from kg.ingest import read_text

    text = read_text(path, max_bytes=1 << 36)  # missing, a folder, binary, not UTF-8 (iconv hint), empty
    results = []
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines(): U+2028 may sit inside a JSON string
        if not line.strip():
            continue
        try:
            result = DocumentResult.model_validate_json(line)
        except ValidationError as exc:
            raise InputError(
                f"{path}, line {number}: not a document record of SCHEMA.md ({_first_problem(exc)}); nothing was loaded"
            ) from None
        problem = _inconsistency(result)
        if problem:
            raise InputError(f"{path}, line {number}: {problem}; nothing was loaded")
        results.append(result)
    return results


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(map(str, error["loc"]))
    more = f" and {exc.error_count() - 1} more" if exc.error_count() > 1 else ""
    return f"{where + ': ' if where else ''}{error['msg']}{more}"


def _inconsistency(result: DocumentResult) -> str | None:
    """A relation whose end is not one of the record's entities (a hand-edited file), else None."""
    ids = {e.id for e in result.entities}
    for k, rel in enumerate(result.relations):
        for end in (rel.source, rel.target):
            if end not in ids:
                return f"relation {k} ({rel.type}) points at {end}, which is not among the record's entities"
    return None


class _JsonlWriter:
    """Writes results as JSON lines as they come: to standard output, or to FILE.part renamed to
    FILE once complete (a failed run never leaves half a file, nor clobbers the previous one)."""

    def __init__(self, path: Path | None):
        self.path = path
        self._file = None
        self._part = None

    def __enter__(self) -> _JsonlWriter:
        if self.path is None:
            self._file = sys.stdout
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._part = self.path.with_name(self.path.name + ".part")
            self._file = open(self._part, "w", encoding="utf-8")
        return self

    def write(self, result: DocumentResult) -> DocumentResult:
        self._file.write(result.model_dump_json() + "\n")
        return result

    def __exit__(self, kind, value, traceback) -> None:
        if self._part is None:
            self._file.flush()
            return
        self._file.close()
        if kind is None:
            os.replace(self._part, self.path)
        else:
            self._part.unlink(missing_ok=True)


def _summary(title: str, labels: dict[str, int], types: dict[str, int]) -> None:
    out.print(f"{title}: {sum(labels.values())} nodes, {sum(types.values())} relationships", soft_wrap=True, highlight=False, markup=False)
    table = Table()
    table.add_column("node label")
    table.add_column("count", justify="right")
    table.add_column("relationship type")
    table.add_column("count", justify="right")
    rows_l = sorted((k, v) for k, v in labels.items() if v)
    rows_t = sorted((k, v) for k, v in types.items() if v)
    for i in range(max(len(rows_l), len(rows_t))):
        l = rows_l[i] if i < len(rows_l) else ("", "")
        t = rows_t[i] if i < len(rows_t) else ("", "")
        table.add_row(l[0], str(l[1]), t[0], str(t[1]))
    out.print(table)


WorkersOpt = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Processes extracting side by side (output identical to 1).")
]


@app.command()
def build(
    paths: PathsArg = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for extracted.jsonl and the RDF dump.")] = Path("out"),
    rdf_format: Annotated[
        str, typer.Option("--format", help="RDF format of the dump of the stored graph: ttl, nt, jsonld, trig, or none.")
    ] = "ttl",
    year: YearOpt = None,
    strict: StrictOpt = False,
    workers: WorkersOpt = 1,
    batch: Annotated[int, typer.Option(min=1, help="Articles merged per load (bounds memory).")] = DEFAULT_BATCH_ARTICLES,
    dask: Annotated[
        Optional[str],
        typer.Option(help="Extract on a Dask cluster instead: a scheduler address (tcp://host:8786) or 'local'."),
    ] = None,
) -> None:
    """The main job: ingest → extract → resolve → load, as a stream; then the RDF dump of the stored graph."""
    from kg.rdf import FORMATS, write_rdf

    with _errors():
        if rdf_format != "none" and rdf_format not in FORMATS:
            raise KGError(f"--format must be one of {', '.join(FORMATS)} or none, not {rdf_format!r}")
        started = time.perf_counter()
        paths = paths or [SAMPLE_CORPUS]
        year = year if paths != [SAMPLE_CORPUS] or year else SAMPLE_YEAR
        store = _store()
        jsonl_path = out_dir / "extracted.jsonl"
        if dask:
            from kg.distributed import run_distributed

            with _JsonlWriter(jsonl_path) as jsonl:
                run = run_distributed(
                    paths, store, scheduler=dask, workers=workers, default_year=year, strict=strict, on_result=jsonl.write,
                    batch_articles=batch, on_skip=lambda exc: _say(str(exc), "skipped:", "bold yellow"),
                )
            stats, skipped = run.stream, run.skipped
        else:
            stats, skipped = _build_stream(paths, year, strict, workers, batch, store, jsonl_path)
        dump = None
        if rdf_format != "none":
            dump = out_dir / f"graph.{rdf_format}"
            triples = write_rdf(store.read_graph(), dump, rdf_format)
        nodes, edges = store.counts()
        store.driver.close()
        seconds = time.perf_counter() - started
        title = f"kg build: {stats.articles} articles in {seconds:.1f} s ({stats.load_seconds:.1f} s writing to the graph); stored"
        _summary(title, nodes, edges)
        _say(f"wrote {jsonl_path}" + (f", {dump} ({triples} statements)" if dump else "") + f"; graph at {state.settings.uri}")
        _check_skipped(skipped)


def _build_stream(
    paths: list[Path], year: int | None, strict: bool, workers: int, batch: int, store, jsonl_path: Path
) -> tuple[StreamStats, int]:
    """Articles → extraction on ``workers`` processes → JSONL and batched loads; (stats, files skipped)."""
    from kg.streaming import StreamingLoader, with_signatures

    source = _Input(paths, year, strict)
    loader = StreamingLoader(store, batch)
    signatures: dict = {}
    with _JsonlWriter(jsonl_path) as jsonl:
        for result in _extracted(with_signatures(source, signatures), workers):
            loader.add(jsonl.write(result), signatures.pop(result.doc_id, None))
        source.require_articles()
        stats = loader.finish()
    return stats, len(source.skipped)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="JSONL file (default: standard output).")] = None,
    year: YearOpt = None,
    strict: StrictOpt = False,
    workers: WorkersOpt = 1,
) -> None:
    """Extract entities and relationships: one JSON object per article (SCHEMA.md); no database needed."""
    with _errors():
        source = _Input(paths, year, strict)
        with _JsonlWriter(output) as jsonl:
            for result in _extracted(source, workers):
                jsonl.write(result)
            source.require_articles()
        _check_skipped(len(source.skipped))


@app.command()
def load(file: Annotated[Path, typer.Argument(help="JSONL written by `kg extract`.")]) -> None:
    """Load extracted JSON into the graph (idempotent: loading twice changes nothing)."""
    from kg.resolve import build_graph, summary

    with _errors():
        started = time.perf_counter()
        results = _read_jsonl(file)
        graph = build_graph(results)
        _load(graph)
        labels, types = summary(graph)
        _summary(f"kg load: {len(results)} articles in {time.perf_counter() - started:.1f} s", labels, types)


@app.command()
def export(
    source: Annotated[Optional[Path], typer.Argument(help="JSONL from `kg extract` (default: read the graph server).")] = None,
    rdf_format: Annotated[str, typer.Option("--format", help="ttl, nt, jsonld or trig.")] = "ttl",
    output: Annotated[Path, typer.Option("-o", "--output", help="Output file.")] = Path("out/graph.ttl"),
) -> None:
    """Write the graph as RDF (Turtle, N-Triples, JSON-LD or TriG with one named graph per article)."""
    from kg.rdf import FORMATS, write_rdf

    with _errors():
        if rdf_format not in FORMATS:
            raise KGError(f"--format must be one of {', '.join(FORMATS)}, not {rdf_format!r}")
        graph = _graph_from(source)
        output.parent.mkdir(parents=True, exist_ok=True)
        count = write_rdf(graph, output, rdf_format)
        _say(f"wrote {count} statements to {output}")


@app.command("bulk-csv")
def bulk_csv(
    source: Annotated[Optional[Path], typer.Argument(help="JSONL from `kg extract` (default: read the graph server).")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the CSV files and import.sh.")] = Path("out/neo4j-import"),
    database: Annotated[str, typer.Option(help="Neo4j database the import creates.")] = "neo4j",
) -> None:
    """CSV files and the `neo4j-admin database import full` command for a first load of a very large graph."""
    from kg.bulk_csv import write_bulk_csv

    with _errors():
        written = write_bulk_csv(_graph_from(source), out_dir, database=database)
        _say(f"wrote {sum(written.values())} rows in {len(written)} CSV files to {out_dir}; run {out_dir / 'import.sh'} on the Neo4j host")


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
        table = Table(*(map(escape, rows[0].keys()) if rows else ["(no rows)"]))
        for row in rows:  # values are data, not rich markup ("[/b]" in a sentence)
            table.add_row(*(escape(json.dumps(v, ensure_ascii=False, default=str) if not isinstance(v, str) else v) for v in row.values()))
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
            out.print(report(_graph_from(None), None, top), markup=False, highlight=False)


@app.command()
def analyze(
    source: Annotated[Optional[Path], typer.Argument(help="JSONL from `kg extract` (default: read the graph server).")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for CSV, GraphML and PNG.")] = Path("out/analysis"),
    top: Annotated[int, typer.Option(help="How many officials to list.")] = 10,
) -> None:
    """Co-attendance network of officials, centrality, communities and timeline (CSV, GraphML, PNG)."""
    from kg.analytics import analyze as run_analysis

    with _errors():
        graph = _graph_from(source)
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
        _say(f"local graph server running at {server.uri} (data in {server.home})")


@server_app.command("stop")
def server_stop() -> None:
    """Stop the local server."""
    from kg.server import LocalServer

    with _errors():
        server = LocalServer.default()
        if not server.status().running:
            _say(f"local graph server: not running ({server.uri}; data in {server.home}); nothing to stop")
            return
        server.stop()
        _say("local graph server stopped")


@server_app.command("status")
def server_status() -> None:
    """Say whether the local server runs, where, and its process id."""
    from kg.server import LocalServer

    status = LocalServer.default().status()
    state_text = f"running (pid {status.pid})" if status.running else "not running"
    out.print(f"local graph server: {state_text}; {status.uri}; data in {status.home}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(0 if status.running else 3)
