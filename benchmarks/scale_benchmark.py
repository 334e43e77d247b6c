"""Scale benchmark: `kg build` on the sample corpus ×1, ×10, ×100 (synthetic copies, kg.synthetic).

    .venv/bin/python benchmarks/scale_benchmark.py                         # ×1 ×10 ×100, serial and 2 workers
    .venv/bin/python benchmarks/scale_benchmark.py --scales 1 10 --modes serial workers dask

Each (scale, mode) runs the real command, ``kg build CORPUS --format none --workers N [--dask local]``,
as a subprocess against a fresh local server (ArcadeDB over Bolt, temporary folder, free ports)
that this script starts and stops. The RDF dump is left out (it serialises the stored graph,
whatever the corpus). Columns:

* ``wall s`` the command's wall time; ``chars/s`` characters of article text per second, and
  ``per worker`` divided by the extracting processes;
* ``load s`` the time the command spent writing to the graph server (it prints it);
* ``kg MB`` the peak RSS of the ``kg`` process itself (kernel high-water mark, VmHWM, read from
  /proc), ``worker MB`` the largest peak among its descendants (pool or Dask worker processes);
* ``nodes`` and ``rels`` as stored at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.config import LOCAL_USER, SAMPLE_CORPUS, GraphSettings  # noqa: E402
from kg.ingest import iter_articles  # noqa: E402
from kg.server import LocalServer, connect  # noqa: E402
from kg.store import GraphStore  # noqa: E402
from kg.synthetic import generate  # noqa: E402

YEAR = 2024
MODES = {"serial": [], "workers": ["--workers", "2"], "dask": ["--dask", "local", "--workers", "2"]}
WORKERS = {"serial": 1, "workers": 2, "dask": 2}


class PeakRss:
    """Peak RSS (VmHWM) of a process and of the largest of its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid, self.own, self.child = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _tree(self) -> set[int]:
        parent = {}
        for entry in filter(str.isdigit, os.listdir("/proc")):
            try:
                parent[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
        found, frontier = set(), {self.pid}
        while frontier:
            frontier = {pid for pid, ppid in parent.items() if ppid in frontier} - found
            found |= frontier
        return found

    @staticmethod
    def _hwm(pid: int) -> int:
        try:
            line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmHWM:"))
            return int(line.split()[1]) // 1024
        except (OSError, StopIteration):
            return 0

    def _watch(self) -> None:
        while not self._stop.wait(0.25):
            self.own = max(self.own, self._hwm(self.pid))
            self.child = max([self.child, *(self._hwm(p) for p in self._tree())])

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def corpus(scale: int, work: Path) -> tuple[Path, int, int]:
    """The ×scale corpus (×1: the sample itself), its article and character counts."""
    folder = SAMPLE_CORPUS if scale == 1 else work / f"x{scale}"
    if scale > 1 and not folder.exists():
        generate(folder, scale, seed=0, default_year=YEAR)
    articles = list(iter_articles([folder], default_year=YEAR))
    return folder, len(articles), sum(len(a.text) for a in articles)


def run(scale: int, mode: str, folder: Path, work: Path) -> dict:
    home = Path(tempfile.mkdtemp(dir=work, prefix=f"server-{scale}-{mode}-"))
    server = LocalServer.on_free_ports(home, password="zhkg-bench-password")
    server.start(timeout=120)
    try:
        env = {**os.environ, "NEO4J_URI": server.uri, "NEO4J_USER": LOCAL_USER, "NEO4J_PASSWORD": server.password, "COLUMNS": "400"}
        command = [sys.executable, "-m", "kg", "build", str(folder), "--year", str(YEAR), "--format", "none",
                   "--out", str(home / "out"), *MODES[mode]]
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak = PeakRss(process.pid)
        stdout, stderr = process.communicate()
        wall = time.perf_counter() - started
        peak.stop()
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
        load = float(re.search(r"([\d.]+) s writing to the graph", stdout).group(1))
        settings = GraphSettings(uri=server.uri, user=LOCAL_USER, password=server.password, database="neo4j")
        store = GraphStore(connect(settings), settings.database)
        nodes, edges = store.counts()
        store.driver.close()
        return {"wall": wall, "load": load, "own": peak.own, "child": peak.child,
                "nodes": sum(nodes.values()), "rels": sum(edges.values())}
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--modes", nargs="+", choices=list(MODES), default=["serial", "workers"])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "zhkg-scale")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start", flush=True)
    header = f"{'scale':>5} {'mode':>8} {'articles':>8} {'chars':>10} {'wall s':>8} {'chars/s':>8} {'per worker':>10} " \
             f"{'load s':>7} {'kg MB':>6} {'worker MB':>9} {'nodes':>8} {'rels':>9} {'time/×1':>7}"
    print(header, flush=True)
    first: dict[str, float] = {}
    for scale in args.scales:
        folder, articles, chars = corpus(scale, args.work)
        for mode in args.modes:
            r = run(scale, mode, folder, args.work)
            first.setdefault(mode, r["wall"] / scale)
            rate = chars / r["wall"]
            print(f"{scale:>5} {mode:>8} {articles:>8} {chars:>10} {r['wall']:>8.1f} {rate:>8.0f} {rate / WORKERS[mode]:>10.0f} "
                  f"{r['load']:>7.1f} {r['own']:>6} {r['child']:>9} {r['nodes']:>8} {r['rels']:>9} "
                  f"{r['wall'] / (first[mode] * scale):>7.2f}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end; time/×1: wall time relative to scale × the first run's", flush=True)


if __name__ == "__main__":
    main()
