"""Load benchmark: a synthetic graph shaped like the extractor's output, loaded through GraphStore.load.

    .venv/bin/python benchmarks/load_benchmark.py                      # 100k nodes, 300k relationships
    .venv/bin/python benchmarks/load_benchmark.py --nodes 10000 --edges 30000

It starts its own local server (ArcadeDB over Bolt) in a temporary folder on free ports, loads the
graph, prints nodes/s, relationships/s and the server's memory, checks the stored counts, and stops
the server on every way out (normal end, exception, Ctrl-C, SIGTERM).

``--loader`` picks the loader: ``store`` is kg.store.GraphStore exactly as it is; experiments
(subclasses that change one thing each) can be added to LOADERS to compare against it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.config import LOCAL_USER, GraphSettings
from kg.models import GraphData, GraphEdge, GraphNode
from kg.server import DATABASE, LocalServer, connect
from kg.store import LABELS, GraphStore

# Shares of nodes per label and of relationships per type, from the sample corpus's resolved graph
# scaled to a large corpus (documents and mentions grow fastest; people, bodies and events recur).
NODE_SHARES = {
    "Document": 0.10,
    "Person": 0.22,
    "Organization": 0.12,
    "Event": 0.06,
    "Policy": 0.15,
    "Place": 0.08,
    "Figure": 0.27,
}
# type -> share of relationships, and the (source label, target label, weight) shapes it takes (SCHEMA.md)
EDGE_SHAPES: dict[str, tuple[float, list[tuple[str, str, float]]]] = {
    "MENTIONS": (0.45, [("Document", t, w) for t, w in
                        (("Person", 0.3), ("Organization", 0.25), ("Place", 0.15), ("Policy", 0.1), ("Event", 0.1), ("Figure", 0.1))]),
    "ATTENDED": (0.17, [("Person", "Event", 0.9), ("Organization", "Event", 0.1)]),
    "HOLDS_POSITION": (0.10, [("Person", "Organization", 1.0)]),
    "MEASURES": (0.08, [("Figure", "Place", 0.5), ("Figure", "Organization", 0.3), ("Figure", "Event", 0.1), ("Figure", "Policy", 0.1)]),
    "PART_OF": (0.03, [("Event", "Event", 0.5), ("Organization", "Organization", 0.5)]),
    "ORGANIZED": (0.03, [("Organization", "Event", 1.0)]),
    "SPOKE_AT": (0.03, [("Person", "Event", 1.0)]),
    "HELD_IN": (0.025, [("Event", "Place", 1.0)]),
    "ADOPTED": (0.02, [("Event", "Policy", 0.8), ("Organization", "Policy", 0.2)]),
    "REVIEWED": (0.02, [("Event", "Policy", 1.0)]),
    "ISSUED": (0.015, [("Organization", "Policy", 0.85), ("Person", "Policy", 0.15)]),
    "PRESIDED_OVER": (0.01, [("Person", "Event", 1.0)]),
}
# Where the hubs are: mostly at the target (中国 is mentioned and measured everywhere, a plenary session
# has thousands of attendees, 全国人大常委会 has hundreds of members); but a body organises, adopts and
# issues many things that each have one or two authors, and a session reviews many documents.
HUB_SOURCES = frozenset({"ORGANIZED", "REVIEWED", "ADOPTED", "ISSUED", "PRESIDED_OVER"})
HANZI = "的国会议全人民代表大会常务委员主席副总理部长中央政治局发展经济社会法律改革建设工作报告审议通过举行出席北京人民大会堂新华社记者电习近平李强赵乐际王沪宁蔡奇丁薛祥李希"
TITLES = ("委员长", "副委员长", "秘书长", "主任委员", "院长", "检察长", "部长", "副部长", "主席", "副主席", "总理", "国务委员")
ROLES = ("attendee", "attendee", "attendee", "rostrum", "nonvoting", "guest")
KINDS = {
    "Organization": ("state", "party", "legislature", "government", "judiciary", "military", "company", "social", "other"),
    "Event": ("session", "plenary", "meeting", "conference", "briefing", "summit", "other"),
    "Policy": ("law", "draft", "regulation", "plan", "strategy", "report", "decision", "opinion", "campaign", "other"),
    "Place": ("country", "province", "city", "county", "venue"),
}


# --- the synthetic graph ------------------------------------------------------------------------


def _split(total: int, shares: dict[str, float]) -> dict[str, int]:
    """``total`` split by ``shares``, rounding so that the parts add up exactly."""
    raw = {k: total * v / sum(shares.values()) for k, v in shares.items()}
    parts = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - parts[k], reverse=True)[: total - sum(parts.values())]:
        parts[k] += 1
    return parts


def _text(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choices(HANZI, k=rng.randint(low, high)))


def _date(rng: random.Random) -> str:
    return f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _skewed(rng: random.Random, n: int, power: float) -> int:
    """An index in [0, n) drawn so that low indices are hubs: power 1 is uniform, higher is more skewed."""
    return min(n - 1, int(n * rng.random() ** power))


def _node_props(rng: random.Random, label: str, i: int) -> dict:
    name = _text(rng, 2, 4) if label == "Person" else _text(rng, 4, 14)
    props: dict = {"name": f"{name}{i}", "aliases": [f"{name}{i}"] + ([_text(rng, 2, 6)] if rng.random() < 0.4 else [])}
    if label in KINDS:
        props["kind"] = rng.choice(KINDS[label])
    if label == "Event":
        props["date"] = _date(rng)
    elif label == "Policy" and rng.random() < 0.2:
        props["effective_date"] = _date(rng)
    elif label == "Figure":
        props.update(value=round(rng.uniform(1, 1e6), 2), unit=rng.choice(("元", "人", "吨", "%", "个")), measure=_text(rng, 3, 10))
        props["date"] = _date(rng)
    elif label == "Document":
        props = {"name": _text(rng, 8, 24), "title": _text(rng, 8, 24), "date": _date(rng), "source": f"corpus/{i // 20:05d}.txt#{i % 20}"}
    return props


def _edge_props(rng: random.Random, rtype: str, doc_id: str) -> dict:
    props: dict = {}
    if rtype == "MENTIONS":
        return {"count": rng.randint(1, 9), "doc_id": doc_id, "doc_ids": [doc_id]}
    if rtype == "HOLDS_POSITION":
        props = {"title": rng.choice(TITLES), "as_of": _date(rng)}
    elif rtype == "ATTENDED":
        props = {"role": rng.choice(ROLES)}
    elif rtype == "SPOKE_AT" and rng.random() < 0.5:
        props = {"about": _text(rng, 6, 20)}
    elif rtype in ("ADOPTED", "ISSUED"):
        props = {"date": _date(rng)}
    start = rng.randint(0, 20000)
    sentence = _text(rng, 20, 90)
    return {
        **props,
        "doc_id": doc_id,
        "sentence": sentence,
        "start": start,
        "end": start + len(sentence),
        "extractor": rng.choice(("presided-verb", "attend-list", "title-name", "held-in", "event-name", "issue-verb")),
        "confidence": rng.choice((0.75, 0.8, 0.85, 0.9, 0.95)),
        "doc_ids": [doc_id],
    }


def synthetic_graph(nodes: int = 100_000, edges: int = 300_000, seed: int = 0) -> GraphData:
    """A deterministic GraphData with ``nodes`` nodes over the labels and ``edges`` relationships over
    the types, with the evidence properties, skewed degrees (hubs such as 中国 or 全国人大, see
    HUB_SOURCES) and unique edge keys, as kg.resolve builds them."""
    rng = random.Random(seed)
    ids: dict[str, list[str]] = {}
    out_nodes: list[GraphNode] = []
    for label, count in _split(nodes, NODE_SHARES).items():
        ids[label] = []
        for i in range(count):
            node_id = f"{label.lower()}-{rng.getrandbits(64):016x}"
            ids[label].append(node_id)
            out_nodes.append(GraphNode.model_construct(id=node_id, label=label, properties=_node_props(rng, label, i)))
    docs = ids["Document"]
    out_edges: list[GraphEdge] = []
    seen: set[tuple[str, str, str]] = set()
    serial = 0
    for rtype, count in _split(edges, {t: share for t, (share, _) in EDGE_SHAPES.items()}).items():
        shapes = EDGE_SHAPES[rtype][1]
        made = 0
        while made < count:
            source_label, target_label, _ = rng.choices(shapes, weights=[w for *_, w in shapes])[0]
            sources, targets = ids[source_label], ids[target_label]
            hub_is_source = rtype in HUB_SOURCES
            source = sources[_skewed(rng, len(sources), 2.5 if hub_is_source else 1.3)]
            target = targets[_skewed(rng, len(targets), 1.3 if hub_is_source else 2.5)]
            if source == target or (rtype, source, target) in seen:
                continue
            seen.add((rtype, source, target))
            serial += 1
            doc_id = source if source_label == "Document" else docs[_skewed(rng, len(docs), 1.0)]
            key = hashlib.sha1(f"{seed}:{serial}".encode()).hexdigest()[:20]
            out_edges.append(GraphEdge.model_construct(key=key, type=rtype, source=source, target=target, properties=_edge_props(rng, rtype, doc_id)))
            made += 1
    return GraphData.model_construct(nodes=out_nodes, edges=out_edges)


# --- loaders to compare -------------------------------------------------------------------------


# An experiment is a GraphStore subclass that changes one thing, added here under a name; the ones
# tried so far and their figures are in benchmarks/README.md (the losers were removed).
LOADERS: dict[str, Callable[[neo4j.Driver, str], GraphStore]] = {
    "store": lambda d, db: GraphStore(d, db),
}


# --- the run ------------------------------------------------------------------------------------


def _memory(pid: int | None) -> dict[str, float]:
    """The server's resident memory now and at its peak (VmRSS, VmHWM), in MiB."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except (OSError, ValueError, TypeError):
        pass
    return out


def _cpu_seconds(pid: int | None) -> float:
    """CPU time (user + system) the process has used so far, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return 0.0


_signalled: list[int] = []


def _stop_on_sigterm() -> None:
    """SIGTERM ends the run like Ctrl-C: the exception unwinds through run()'s ``finally: server.stop()``."""
    def handler(signum, frame):
        _signalled.append(signum)
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, handler)


def _warm_up(store: GraphStore, args: argparse.Namespace) -> None:
    """Load another synthetic graph and delete it: the server's JIT has compiled the write path, as
    in a server that has been running (the measured load then starts from an empty database again)."""
    started = time.perf_counter()
    store.load(synthetic_graph(args.warmup, 3 * args.warmup, args.seed + 1), batch_size=args.batch_size)
    for label in LABELS:
        while store.run(f"MATCH (n:{label}) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c")[0]["c"]:
            pass
    print(f"warm-up: {args.warmup:,} nodes and {3 * args.warmup:,} relationships loaded and deleted in {time.perf_counter() - started:.1f} s")


def run(args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.edges, args.seed)
    generated = time.perf_counter() - started
    labels = Counter(n.label for n in graph.nodes)
    types = Counter(e.type for e in graph.edges)
    print(f"synthetic graph: {len(graph.nodes):,} nodes, {len(graph.edges):,} relationships (seed {args.seed}, {generated:.1f} s)")
    print("  " + ", ".join(f"{k} {v:,}" for k, v in labels.most_common()))
    print("  " + ", ".join(f"{k} {v:,}" for k, v in types.most_common()))
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as home:
        server = LocalServer.on_free_ports(Path(home), password="zhkg-bench-password", heap=args.heap)
        try:
            server.start(timeout=120)
            pid = server.status().pid
            print(f"server: pid {pid}, {server.uri}, heap {args.heap}, loader {args.loader!r}, batch size {args.batch_size}")
            settings = GraphSettings(uri=server.uri, user=LOCAL_USER, password=server.password, database=DATABASE)
            driver = connect(settings)
            try:
                store = LOADERS[args.loader](driver, DATABASE)
                if args.warmup:
                    _warm_up(store, args)
                return _measure(store, graph, args, pid)
            finally:
                driver.close()
        finally:
            server.stop()
            print("server stopped")


def _measure(store: GraphStore, graph: GraphData, args: argparse.Namespace, pid: int | None) -> dict:
    total_nodes, total_edges = len(graph.nodes), len(graph.edges)
    done = 0
    marks: dict[str, float] = {}
    peak = {"rss": 0.0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.5):
            peak["rss"] = max(peak["rss"], _memory(pid).get("VmRSS", 0.0))

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if done >= total_nodes and "nodes" not in marks:
            marks["nodes"] = time.perf_counter()
            marks["nodes_cpu"] = _cpu_seconds(pid)
        if args.verbose and done % (20 * args.batch_size) < n:
            elapsed = time.perf_counter() - t0
            print(f"  {done:,} items in {elapsed:.1f} s", flush=True)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    store.ensure_schema()
    load_before = os.getloadavg()[0]
    cpu0 = (_cpu_seconds(pid), time.process_time())
    t0 = time.perf_counter()
    try:
        store.load(graph, batch_size=args.batch_size, progress=progress)
    finally:
        stop.set()
    t1 = time.perf_counter()
    cpu1 = (_cpu_seconds(pid), time.process_time())
    t_nodes = marks.get("nodes", t1) - t0
    t_edges = t1 - marks.get("nodes", t0)
    items = total_nodes + total_edges
    memory = _memory(pid)
    nodes, edges = store.counts()
    stored_nodes, stored_edges = sum(nodes.values()), sum(edges.values())
    result = {
        "loader": args.loader,
        "batch_size": args.batch_size,
        "heap": args.heap,
        "nodes": total_nodes,
        "relationships": total_edges,
        "node_seconds": round(t_nodes, 2),
        "relationship_seconds": round(t_edges, 2),
        "nodes_per_s": round(total_nodes / t_nodes) if t_nodes else None,
        "relationships_per_s": round(total_edges / t_edges) if t_edges else None,
        "total_seconds": round(t1 - t0, 2),
        "server_cpu_us_per_item": round((cpu1[0] - cpu0[0]) / items * 1e6),
        "server_cpu_us_per_node": round((marks.get("nodes_cpu", cpu1[0]) - cpu0[0]) / max(1, total_nodes) * 1e6),
        "server_cpu_us_per_relationship": round((cpu1[0] - marks.get("nodes_cpu", cpu0[0])) / max(1, total_edges) * 1e6),
        "client_cpu_us_per_item": round((cpu1[1] - cpu0[1]) / items * 1e6),
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "server_rss_mib": round(memory.get("VmRSS", 0.0)),
        "server_peak_rss_mib": round(max(memory.get("VmHWM", 0.0), peak["rss"])),
        "stored_ok": stored_nodes == total_nodes and stored_edges == total_edges,
    }
    print(f"nodes:         {total_nodes:>9,} in {t_nodes:7.1f} s = {result['nodes_per_s']:>8,} nodes/s")
    print(f"relationships: {total_edges:>9,} in {t_edges:7.1f} s = {result['relationships_per_s']:>8,} relationships/s")
    print(f"cpu per item:  server {result['server_cpu_us_per_node']} µs per node, {result['server_cpu_us_per_relationship']} µs per "
          f"relationship; this client {result['client_cpu_us_per_item']} µs per item "
          f"(machine load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores)")
    print(f"server memory: RSS {result['server_rss_mib']:,} MiB now, {result['server_peak_rss_mib']:,} MiB at peak (heap -Xmx{args.heap})")
    print(f"stored counts: {stored_nodes:,} nodes, {stored_edges:,} relationships ({'as loaded' if result['stored_ok'] else 'MISMATCH'})")
    if args.twice:
        t2 = time.perf_counter()
        store.load(graph, batch_size=args.batch_size)
        again = time.perf_counter() - t2
        same = tuple(sum(c.values()) for c in store.counts()) == (stored_nodes, stored_edges)
        result["reload_seconds"] = round(again, 2)
        print(f"second load (idempotence): {again:.1f} s, counts {'unchanged' if same else 'CHANGED'}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=100_000, help="nodes to generate (default 100000)")
    parser.add_argument("--edges", type=int, default=300_000, help="relationships to generate (default 300000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--batch-size", type=int, default=1000, help="rows per UNWIND batch (default 1000, as GraphStore.load)")
    parser.add_argument("--heap", default="2g", help="server JVM heap, -Xmx (default 2g, as `kg server start`)")
    parser.add_argument("--loader", choices=sorted(LOADERS), default="store", help="which loader (default: kg.store.GraphStore as is)")
    parser.add_argument("--warmup", type=int, default=0, metavar="N",
                        help="first load and delete a graph of N nodes and 3N relationships (a server that has been running)")
    parser.add_argument("--twice", action="store_true", help="load a second time and report it (idempotence)")
    parser.add_argument("--json", type=Path, help="append the result as one JSON line to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="print progress")
    args = parser.parse_args(argv)
    _stop_on_sigterm()
    try:
        result = run(args)
    except KeyboardInterrupt:
        print("interrupted: server stopped", file=sys.stderr)
        return 130
    except Exception:
        if _signalled:  # the signal landed inside the driver, which reports it as a broken connection
            print("interrupted: server stopped", file=sys.stderr)
            return 130
        raise
    if args.json:
        with open(args.json, "a", encoding="utf-8") as out:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
