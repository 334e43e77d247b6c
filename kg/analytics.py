"""Graph analytics on networkx: who meets whom, who is central, what happened when.

Everything works on a :class:`GraphData` (from ``kg.resolve.build_graph`` or ``GraphStore.read_graph``),
so no graph server is needed. ``analyze`` runs the whole report: co-attendance network, centrality,
communities, timeline, and writes CSV, GraphML and PNG files.
"""

from __future__ import annotations

import csv
import logging
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from kg.models import GraphData

log = logging.getLogger(__name__)

PARTICIPATION = ("PRESIDED_OVER", "ATTENDED", "SPOKE_AT")  # Person -> Event: "was there"
CENTRALITY_KEYS = ("pagerank", "weighted_degree", "degree", "betweenness", "events")
EXACT_BETWEENNESS_UP_TO = 2000  # more nodes than this: betweenness estimated from a fixed sample of sources
BETWEENNESS_SAMPLE = 500


def to_networkx(graph: GraphData) -> nx.MultiDiGraph:
    """The whole graph: nodes keyed by id (attrs ``label``, ``name`` and the other properties),
    one edge per relationship keyed by its edge key (attrs ``type`` and its properties)."""
    g = nx.MultiDiGraph()
    for node in graph.nodes:
        g.add_node(node.id, **{**node.properties, "label": node.label, "name": node.properties.get("name", node.id)})
    for edge in graph.edges:
        g.add_edge(edge.source, edge.target, key=edge.key, type=edge.type, **edge.properties)
    return g


def _participation(graph: GraphData) -> tuple[dict[str, set[str]], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Event id -> ids of persons who presided, attended or spoke; plus the person and event nodes' properties."""
    persons = {n.id: n.properties for n in graph.nodes if n.label == "Person"}
    events = {n.id: n.properties for n in graph.nodes if n.label == "Event"}
    present: dict[str, set[str]] = defaultdict(set)
    for edge in graph.edges:
        if edge.type in PARTICIPATION and edge.source in persons and edge.target in events:
            present[edge.target].add(edge.source)
    return present, persons, events


def coattendance(graph: GraphData) -> nx.Graph:
    """Persons linked when they presided over, attended or spoke at the same event.

    Nodes are person ids (attrs ``name``, ``events``: how many events they took part in); an edge's
    ``weight`` is the number of shared events and ``events`` their names, sorted.
    """
    present, persons, events = _participation(graph)
    g = nx.Graph()
    taken_part: dict[str, int] = defaultdict(int)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id, people in present.items():
        event_name = events[event_id].get("name", event_id)
        for person in people:
            taken_part[person] += 1
        for a, b in combinations(sorted(people), 2):
            shared[(a, b)].append(event_name)
    for person in sorted(taken_part):
        g.add_node(person, name=persons[person].get("name", person), events=taken_part[person])
    for (a, b), names in sorted(shared.items()):
        g.add_edge(a, b, weight=len(names), events=sorted(names))
    return g


def _pagerank(g: nx.Graph, alpha: float = 0.85, weight: str = "weight", tol: float = 1.0e-10, max_iter: int = 500) -> dict:
    """Weighted PageRank by power iteration, as nx.pagerank computes it (which needs scipy)."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    strength = {u: sum(d.get(weight, 1) for d in g[u].values()) for u in g}
    x = dict.fromkeys(g, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(x[u] for u in g if not strength[u]) / n
        new = dict.fromkeys(g, dangling + (1.0 - alpha) / n)
        for u in g:
            if strength[u]:
                share = alpha * x[u] / strength[u]
                for v, d in g[u].items():
                    new[v] += share * d.get(weight, 1)
        err = sum(abs(new[u] - x[u]) for u in g)
        x = new
        if err < n * tol:
            break
    return x


def pagerank(g: nx.Graph, weight: str = "weight") -> dict:
    """networkx's PageRank when scipy is installed, else the same power iteration in pure Python."""
    try:
        return nx.pagerank(g, weight=weight)
    except ImportError:
        return _pagerank(g, weight=weight)


def centrality(g: nx.Graph, top: int | None = 10, by: str = "pagerank") -> list[dict]:
    """Per person of a co-attendance graph: degree, weighted degree, betweenness and PageRank.

    Rows (dicts with rank, id, name, events, degree, weighted_degree, betweenness, pagerank) sorted by
    ``by`` (descending, ties by weighted degree then name); at most ``top`` rows (all with None).
    """
    if by not in CENTRALITY_KEYS:
        raise ValueError(f"by must be one of {', '.join(CENTRALITY_KEYS)}, not {by!r}")
    if g.number_of_nodes() == 0:
        return []
    if g.number_of_nodes() > EXACT_BETWEENNESS_UP_TO:
        betweenness = nx.betweenness_centrality(g, k=BETWEENNESS_SAMPLE, seed=0)
    else:
        betweenness = nx.betweenness_centrality(g)
    ranks = pagerank(g)
    rows = [
        {
            "id": node,
            "name": g.nodes[node].get("name", node),
            "events": g.nodes[node].get("events", 0),
            "degree": g.degree(node),
            "weighted_degree": g.degree(node, weight="weight"),
            "betweenness": round(betweenness[node], 6),
            "pagerank": round(ranks[node], 6),
        }
        for node in g
    ]
    rows.sort(key=lambda r: (-r[by], -r["weighted_degree"], r["name"]))
    rows = rows if top is None else rows[:top]
    return [{"rank": i, **row} for i, row in enumerate(rows, 1)]


def communities(g: nx.Graph) -> list[set[str]]:
    """Groups of persons who meet more among themselves (greedy modularity on the weights), largest first;
    each group is a set of person names."""
    if g.number_of_nodes() == 0:
        return []
    groups = nx.community.greedy_modularity_communities(g, weight="weight") if g.number_of_edges() else [{n} for n in g]
    named = [{g.nodes[n].get("name", n) for n in group} for group in groups]
    return sorted(named, key=lambda s: (-len(s), sorted(s)))


def timeline(graph: GraphData) -> list[dict]:
    """Dated events in date order: date, event, kind, chairs (who presided), speakers, attendees
    (distinct persons and bodies that attended)."""
    chairs: dict[str, set[str]] = defaultdict(set)
    speakers: dict[str, set[str]] = defaultdict(set)
    attendees: dict[str, set[str]] = defaultdict(set)
    names = {n.id: n.properties.get("name", n.id) for n in graph.nodes}
    for edge in graph.edges:
        if edge.type == "PRESIDED_OVER":
            chairs[edge.target].add(names.get(edge.source, edge.source))
        elif edge.type == "SPOKE_AT":
            speakers[edge.target].add(names.get(edge.source, edge.source))
        elif edge.type == "ATTENDED":
            attendees[edge.target].add(edge.source)
    rows = [
        {
            "date": node.properties["date"],
            "event": node.properties.get("name", node.id),
            "kind": node.properties.get("kind"),
            "chairs": sorted(chairs[node.id]),
            "speakers": sorted(speakers[node.id]),
            "attendees": len(attendees[node.id]),
        }
        for node in graph.nodes
        if node.label == "Event" and node.properties.get("date")
    ]
    return sorted(rows, key=lambda r: (r["date"], r["event"]))


def _write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "、".join(v) if isinstance(v, list) else v for k, v in row.items()})


def write_outputs(graph: GraphData, out_dir: Path | str, plots: bool = True) -> dict[str, Path]:
    """Write centrality.csv (every person), timeline.csv, coattendance.graphml (with a ``community``
    number per node) and, with ``plots``, coattendance.png and timeline.png. Returns name -> path."""
    return _report(graph, Path(out_dir), plots)["files"]


def _report(graph: GraphData, out: Path, plots: bool) -> dict[str, Any]:
    """Compute everything once and write the files; the computed parts are returned with them."""
    out.mkdir(parents=True, exist_ok=True)
    g = coattendance(graph)
    central = centrality(g, top=None)
    groups = communities(g)
    rows = timeline(graph)
    files = {
        "centrality": out / "centrality.csv",
        "timeline": out / "timeline.csv",
        "coattendance": out / "coattendance.graphml",
    }
    _write_csv(files["centrality"], central, ["rank", "name", "events", "degree", "weighted_degree", "betweenness", "pagerank", "id"])
    _write_csv(files["timeline"], rows, ["date", "event", "kind", "chairs", "speakers", "attendees"])
    nx.write_graphml(_graphml_ready(g, groups), files["coattendance"])
    if plots:
        files["coattendance_png"] = plot_coattendance(g, out / "coattendance.png", ranking=[r["id"] for r in central])
        files["timeline_png"] = plot_timeline(rows, out / "timeline.png")
    return {"files": files, "graph": g, "centrality": central, "communities": groups}


def _graphml_ready(g: nx.Graph, groups: list[set[str]]) -> nx.Graph:
    """A copy GraphML can hold (scalars only): events joined with '|', a community number per node."""
    h = nx.Graph()
    by_name: dict[str, list[str]] = defaultdict(list)
    for node, data in g.nodes(data=True):
        h.add_node(node, label="Person", name=data.get("name", node), events=data.get("events", 0))
        by_name[data.get("name", node)].append(node)
    for number, group in enumerate(groups):
        for name in group:
            for node in by_name.get(name, []):
                h.nodes[node]["community"] = number
    for a, b, data in g.edges(data=True):
        h.add_edge(a, b, weight=data["weight"], events="|".join(data["events"]))
    return h


def analyze(graph: GraphData, out_dir: Path | str, top: int = 10) -> dict[str, Any]:
    """The whole report, for ``kg analyze``: writes the files of :func:`write_outputs` and returns
    ``{"top": the first ``top`` rows of centrality, "communities": list of name sets (largest first),
    "files": name -> path, "persons": persons in the co-attendance graph, "links": its edges}``."""
    report = _report(graph, Path(out_dir), plots=True)
    g = report["graph"]
    return {
        "top": report["centrality"][:top],
        "communities": report["communities"],
        "files": report["files"],
        "persons": g.number_of_nodes(),
        "links": g.number_of_edges(),
    }


# --- plots -------------------------------------------------------------------------------------

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "SimHei",
    "Microsoft YaHei",
)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs that matplotlib can use, or None.

    Asks fontconfig (``fc-list :lang=zh``) and registers its files with matplotlib (whose font cache
    may predate the font's installation); else looks for well-known CJK families matplotlib knows.
    """
    from matplotlib import font_manager

    try:
        listing = subprocess.run(["fc-list", ":lang=zh", "file"], check=False, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    for line in sorted(listing.splitlines()):
        path = line.split(":")[0].strip()
        if not path:
            continue
        try:
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
        except (OSError, RuntimeError, ValueError):
            continue
    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in known), None)


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_coattendance(g: nx.Graph, path: Path | str, max_nodes: int = 60, ranking: list[str] | None = None) -> Path:
    """PNG of the co-attendance network's ``max_nodes`` most central persons (as ranked by :func:`centrality`): node size by weighted
    degree, edge width by shared events. Without a CJK font, nodes are labelled by their rank in
    centrality.csv instead of their names. ``ranking``: node ids in centrality order, if already computed."""
    plt = _pyplot()
    path = Path(path)
    ranked = (ranking or [row["id"] for row in centrality(g, top=None)])[:max_nodes]
    sub = g.subgraph(ranked)
    font = cjk_font()
    if font:
        labels = {n: sub.nodes[n].get("name", n) for n in sub}
    else:
        log.warning("no CJK font installed (e.g. Debian's fonts-wqy-microhei): persons are labelled by rank")
        labels = {n: str(i) for i, n in enumerate(ranked, 1)}
    fig, ax = plt.subplots(figsize=(14, 11), dpi=100)
    try:
        if sub.number_of_nodes():
            pos = nx.spring_layout(sub, weight="weight", seed=42, k=1.5 / max(1, sub.number_of_nodes()) ** 0.5)
            strength = [sub.degree(n, weight="weight") for n in sub]
            biggest = max(strength) or 1
            heaviest = max((w for _, _, w in sub.edges(data="weight")), default=1)
            widths = [0.3 + 2.5 * w / heaviest for _, _, w in sub.edges(data="weight")]
            nx.draw_networkx_edges(sub, pos, ax=ax, width=widths, alpha=0.25, edge_color="#555555")
            nx.draw_networkx_nodes(sub, pos, ax=ax, node_size=[80 + 900 * s / biggest for s in strength], node_color=strength, cmap="viridis", alpha=0.9)
            nx.draw_networkx_labels(sub, pos, labels=labels, ax=ax, font_size=9, font_family=font or "sans-serif")
        ax.set_title(f"Co-attendance: {sub.number_of_nodes()} of {g.number_of_nodes()} persons, edges = shared events")
        ax.axis("off")
        fig.tight_layout()
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path


def _as_date(value: str) -> date:
    """ISO date, or YYYY-MM / YYYY (first day of the month / year)."""
    parts = [int(p) for p in value.split("-")[:3]]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def plot_timeline(rows: Iterable[dict], path: Path | str, max_events: int = 80) -> Path:
    """PNG of a timeline (rows of :func:`timeline`): one line per event (the first ``max_events``),
    a dot at its date sized by its number of attendees, labelled with its date, name and chairs
    (with no CJK font: its date and its row number in timeline.csv)."""
    plt = _pyplot()
    from matplotlib import dates as mdates

    path = Path(path)
    rows = [r for r in rows if r.get("date")][:max_events]
    font = cjk_font()
    fig, ax = plt.subplots(figsize=(14, min(40.0, 2.0 + 0.4 * max(1, len(rows)))), dpi=100)
    try:
        if rows:
            xs = [_as_date(r["date"]) for r in rows]
            ys = list(range(len(rows)))
            most = max(1, *(r.get("attendees", 0) for r in rows))
            sizes = [30 + 400 * r.get("attendees", 0) / most for r in rows]
            ax.hlines(ys, min(xs), xs, color="#cccccc", linewidth=0.8)
            ax.scatter(xs, ys, s=sizes, color="#4477aa", alpha=0.8, zorder=3)
            for x, y, row in zip(xs, ys, rows):
                ax.annotate(str(row.get("attendees", 0)), (x, y), xytext=(8, -3), textcoords="offset points", fontsize=8)
            if font:
                labels = [f"{r['date']}  {r['event']}" + (f"（{'、'.join(r['chairs'])}）" if r.get("chairs") else "") for r in rows]
            else:
                labels = [f"{r['date']}  #{i}" for i, r in enumerate(rows, 1)]
            ax.set_yticks(ys, labels, fontsize=9, fontfamily=font or "sans-serif")
            ax.set_ylim(len(rows) - 0.5, -0.5)  # earliest on top
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
            ax.margins(x=0.08)
        ax.set_xlabel("date (dot size and number: attendees)")
        ax.set_title(f"Timeline of {len(rows)} dated events" + ("" if font else " (numbered as in timeline.csv)"))
        fig.tight_layout()
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path
