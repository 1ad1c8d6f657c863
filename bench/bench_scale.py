"""Scale: extraction documents/s per engine, and the dashboard's filter → frame on a million-event store.

1. Extraction of N generated documents (bench/corpus_gen.py, ~2,500 characters) into an event store:
   one process, ``--engine local`` with 2 processes, Dask LocalCluster with 2 workers; the rate counts
   the run itself (reading, extracting, committing), the engine's start-up (warming each worker) is
   given apart. Speed-up = rate / one-process rate. The CPU split: the command's own CPU (reading, shipping,
   committing, Dask's scheduler) and its workers' (per process, psutil); with the cores all busy the
   speed-up cannot pass ``cpu_ceiling_speedup`` = one-process CPU / ((command + workers CPU) / cores).
2. Filter → frame on a store of M events (DuckDB, core.table.duckquery) next to today's pandas path
   (read the file, ``Filters.apply``) on M/10 events.
3. Peak memory of a dashboard process (Streamlit AppTest of app.py: Overview, Timeline and Map pages) on
   the M-event store: one month chosen, unfiltered, and party = turkey (a third of the table).

Every wall time is printed beside the machine's load average, with the CPU seconds: other work on the
machine inflates the wall times, not the CPU.

Run: ``python bench/bench_scale.py [N_DOCS] [M_EVENTS]`` (default 20,000 and 1,000,000; ``make bench``
runs a smaller size through tests/test_bench_scale.py).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import corpus_gen  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from core.table.dataset import EventStore  # noqa: E402
from core.table.query import Filters  # noqa: E402

VIEW_LIMIT = 100_000  # rows the dashboard holds at most (pages/ui.store_view_limit)
CASES = {
    "party = turkey (agent)": Filters(sides=("turkey",), side_role="actor1"),
    "type = shelling, one month": Filters(types=("shelling",), date_from=date(2020, 2, 1), date_to=date(2020, 2, 29)),
    "dates: one month": Filters(date_from=date(2020, 2, 1), date_to=date(2020, 2, 29)),
    "governorate SY07 + confidence ≥ 0.8": Filters(admin1=("SY07",), min_confidence=0.8),
    "place search سراقب": Filters(place="سراقب"),
    "one month, grouped once": Filters(date_from=date(2020, 2, 1), date_to=date(2020, 2, 29), grouped_once=True),
}


# ---- 1. extraction -------------------------------------------------------------------------------
def extraction(n_docs: int, workers: int = 2, tmp: Path | None = None) -> dict:
    from core.extract import engines
    from core.extract.inputs import iter_items
    from core.extract.sinks import StoreSink

    tmp = Path(tmp or tempfile.mkdtemp(prefix="rasd-scale-"))
    corpus = corpus_gen.write_jsonl(tmp / "corpus.jsonl", n_docs)
    makers = {"one process": engines.InlineEngine, f"local, {workers} processes": lambda: engines.LocalEngine(workers),
              f"dask LocalCluster, {workers} workers": lambda: engines.DaskEngine(workers)}
    # fewer, larger tasks; at a small (CI) size still several per worker, so the work is shared
    partition_size = min(engines.PARTITION_SIZE, max(10, n_docs // (4 * workers)))
    out: dict = {"documents": n_docs, "mean_chars": round(corpus.stat().st_size / n_docs / 1.8),
                 "partition_size": partition_size, "cores": os.cpu_count()}
    for name, make in makers.items():
        # children alive before the engine starts are not its workers (an earlier engine's processes still
        # exiting, a test's server): left out, as an exiting one's CPU reads lower once it is a zombie
        earlier = set(children_cpu())
        t0 = time.perf_counter()
        engine = make()
        startup = time.perf_counter() - t0
        store = EventStore.open(tmp / f"store-{len(out)}", create=True)
        sink = StoreSink(store)
        load = load_average()
        cpu, helpers = time.process_time(), children_cpu()
        try:
            stats = engines.run(iter_items(corpus), sink, engine, partition_size=partition_size)
        finally:
            cpu = time.process_time() - cpu
            helpers = {pid: cpu_since(t, helpers.get(pid)) for pid, t in children_cpu().items() if pid not in earlier}
            engine.close()
        t1 = time.perf_counter()
        sink.finish()
        # the command's own CPU during the run (reading, shipping, committing; with Dask also its scheduler) is
        # taken from the workers on a machine whose cores they fill; the workers' CPU is read per process
        workers_cpu = sum(helpers.values())
        out[name] = {"docs_per_s": round(stats.docs_per_second, 1), "seconds": round(stats.seconds, 1),
                     "command_cpu_s": round(cpu, 2), "workers_cpu_s": round(workers_cpu, 2),
                     "workers_cpu_each_s": sorted((round(t, 2) for t in helpers.values() if t >= 0.05), reverse=True),
                     "command_cpu_share": round(cpu / (cpu + workers_cpu), 3) if cpu + workers_cpu else None,
                     "load_before": load, "startup_s": round(startup, 1),
                     "regroup_s": round(time.perf_counter() - t1, 1), "events": stats.events, "failed": stats.failed}
    base = out["one process"]["docs_per_s"]
    one_cpu = out["one process"]["command_cpu_s"]
    for name in makers:
        r = out[name]
        r["speedup"] = round(r["docs_per_s"] / base, 2) if base else None
        # what the CPU split allows on this machine's cores, whatever the load: the one-process CPU over the
        # time the cores need for the command and its workers (and no less than the busiest worker's)
        busiest = max(r["workers_cpu_each_s"], default=0.0)
        need = max((r["command_cpu_s"] + r["workers_cpu_s"]) / (os.cpu_count() or 1), busiest, r["command_cpu_s"])
        r["cpu_ceiling_speedup"] = round(one_cpu / need, 2) if need else None
        # the same, counting only the command's competition with its workers (worker CPU taken as the work itself:
        # on a loaded machine the workers' CPU seconds inflate as well)
        cores = min(os.cpu_count() or 1, max(1, len(r["workers_cpu_each_s"])))
        total = r["command_cpu_s"] + r["workers_cpu_s"]
        r["ceiling_from_command_share"] = round(cores * r["workers_cpu_s"] / total, 2) if r["workers_cpu_s"] else 1.0
    return out


def children_cpu() -> dict[int, float]:
    """CPU seconds (user + system) of each process this one started, and theirs (pool workers, nannies)."""
    import psutil

    out = {}
    for proc in psutil.Process().children(recursive=True):
        try:
            t = proc.cpu_times()
            out[proc.pid] = t.user + t.system
        except psutil.Error:
            pass
    return out


def cpu_since(now: float, before: float | None) -> float:
    """A child's CPU seconds since the first reading; a reading lower than the first is a new process on a
    reused process id (or a zombie's), counted from zero."""
    if before is None or now < before:
        return now
    return now - before


def load_average() -> str:
    """The machine's 1/5/15-minute load (other work inflates wall times: read the figures beside it)."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# ---- 2. queries ----------------------------------------------------------------------------------
def synthetic_events(n: int, seed: int = 5) -> pd.DataFrame:
    """``n`` event rows (bench_dashboard's fixture rows varied), dated over two years, 10 rows a document."""
    from bench_dashboard import synthetic_table

    df = synthetic_table(n, seed)
    rng = np.random.default_rng(seed)
    shift = pd.to_timedelta(rng.integers(-300, 400, n), unit="D")
    for col in ("date", "date_start", "date_end", "published"):
        df[col] = df[col] + shift
    df["doc_id"] = [f"d{i // 10:07d}" for i in range(n)]
    return df


def build_store(path: Path, n: int, chunk: int = 200_000) -> EventStore:
    from core.table import registry

    store = EventStore.open(path, create=True)
    df = synthetic_events(n)
    for start in range(0, n, chunk):
        part = df.iloc[start:start + chunk]
        records = [registry.DocumentRecord(doc_id=d, content_hash=registry.content_hash(d))
                   for d in part["doc_id"].unique()]
        store.add(records, part)
    return store


def timed(fn, repeat: int = 3) -> tuple[float, float, object, float]:
    """(first call, median of the next ``repeat``) seconds, the result, and the median CPU seconds."""
    t0 = time.perf_counter()
    out = fn()
    first = time.perf_counter() - t0
    times, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return first, statistics.median(times), out, statistics.median(cpus)


def queries(m_events: int, tmp: Path | None = None) -> tuple[dict, Path]:
    from core.table import duckquery
    from core.table.store import read_table

    tmp = Path(tmp or tempfile.mkdtemp(prefix="rasd-scale-"))
    t0 = time.perf_counter()
    store = build_store(tmp / "store", m_events)
    out: dict = {"events": store.n_events(), "parts": len(store.manifest()["parts"]),
                 "build_s": round(time.perf_counter() - t0, 1), "duckdb": {}, "pandas": {}}
    small = tmp / "small.parquet"
    synthetic_events(m_events // 10).to_parquet(small, index=False)
    out["pandas_events"] = m_events // 10
    first, warm, table, cpu = timed(lambda: read_table(small), repeat=1)
    out["pandas"]["read + validate the file"] = {"s": round(warm, 3), "cpu_s": round(cpu, 3)}
    out["load_before"] = load_average()
    limit = VIEW_LIMIT
    for name, f in CASES.items():
        # what the dashboard does on a filter change: count, then the view's columns of the matching rows
        # (the most recent `limit` when more match); then all matching rows with the view's columns; then
        # every column (the exports' query, and the dashboard's before the view's columns)
        first, warm, (rows, n), cpu = timed(lambda f=f: duckquery.view_frame(store.path, f, limit))
        _, all_warm, slim, all_cpu = timed(lambda f=f: duckquery.filtered(store.path, f,
                                                                          columns=duckquery.VIEW_COLUMNS))
        _, full_warm, full, full_cpu = timed(lambda f=f: duckquery.filtered(store.path, f), repeat=1)
        out["duckdb"][name] = {"view_first_s": round(first, 3), "view_s": round(warm, 3), "view_cpu_s": round(cpu, 3),
                               "view_rows": len(rows), "matching": n,
                               "all_matching_view_columns_s": round(all_warm, 3), "cpu_s": round(all_cpu, 3),
                               "every_column_s": round(full_warm, 3), "every_column_cpu_s": round(full_cpu, 3),
                               "rows": len(full)}
        _, pwarm, prow, pcpu = timed(lambda f=f: f.apply(table))
        out["pandas"][name] = {"s": round(pwarm, 3), "cpu_s": round(pcpu, 3), "rows": len(prow)}
    _, warm, counts, cpu = timed(lambda: duckquery.daily_counts(store.path, CASES["dates: one month"], "type"))
    out["duckdb"]["timeline counts, one month (aggregated in the query)"] = {"s": round(warm, 3), "cpu_s": round(cpu, 3),
                                                                             "rows": len(counts)}
    _, warm, cards, cpu = timed(lambda: duckquery.details(store.path, slim.head(50)))
    out["duckdb"]["texts of one page of cards (50 rows by row id)"] = {"s": round(warm, 3), "cpu_s": round(cpu, 3),
                                                                      "rows": len(cards)}
    out["load_after"] = load_average()
    return out, store.path


# ---- 3. dashboard memory -------------------------------------------------------------------------
MEMORY_SCRIPT = """
import json, os, sys, time
from datetime import date
from streamlit.testing.v1 import AppTest
os.environ["RASD_EVENTS"] = sys.argv[1]
at = AppTest.from_file("app.py", default_timeout=600)
t0 = time.perf_counter()
if sys.argv[2] == "month":
    at.query_params["date_from"] = "2020-02-01"
    at.query_params["date_to"] = "2020-02-29"
at.run()
first = time.perf_counter() - t0
assert not at.exception, at.exception
if sys.argv[2] == "party":
    at.sidebar.multiselect(key="f_sides").set_value(["turkey"]).run()
    assert not at.exception, at.exception
at.switch_page("pages/timeline.py").run()
assert not at.exception, at.exception
at.switch_page("pages/map.py").run()
assert not at.exception, at.exception
# VmHWM is this process's own peak; ru_maxrss would also count the parent's size at fork (Linux keeps it over exec)
hwm_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"first_run_s": round(first, 2), "events_shown": at.session_state["timeline_events"],
                  "peak_rss_mb": round(hwm_kb / 1024)}))
"""


def dashboard_memory(store_path: Path) -> dict:
    out = {}
    for view in ("month", "all", "party"):
        proc = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(store_path), view], cwd=ROOT,
                              capture_output=True, text=True, timeout=1800)
        if proc.returncode != 0:
            out[view] = {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
        else:
            out[view] = {**json.loads(proc.stdout.strip().splitlines()[-1]), "load_after": load_average()}
    return out


def run(n_docs: int, m_events: int, memory: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix="rasd-scale-") as tmp:
        results = {"extraction": extraction(n_docs, tmp=Path(tmp) / "x")}
        results["queries"], store = queries(m_events, Path(tmp) / "q")
        if memory:
            results["dashboard_memory"] = dashboard_memory(store)
    return results


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    print(json.dumps(run(n, m), indent=1, ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # do not wait for Dask's background threads
