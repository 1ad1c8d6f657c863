"""Run extraction over many documents: in this process, on all local cores, or on Dask distributed.

Extraction is a pure function of one document (:func:`extract_item`); an engine runs it over
partitions of a few hundred documents (:func:`extract_partition`) and hands the results back to
this process, which commits them (every ``commit_docs`` documents, so a killed run
loses at most the documents since the last commit and resumes without duplicates: documents whose
content hash is in the registry are skipped). Each worker loads the gazetteer, automata and
lexicons once (:func:`warm_up`: the loaders are cached per process; a Dask worker plugin or the
process pool's initializer calls it), never shipped with the tasks. Workers that see the store's disk
write their events there as staged part files (:func:`core.table.dataset.event_parts`) and hand back only
the registry records and the file names: the committing process converts and writes no event rows.

* ``inline``: this process (``--engine local --workers 1``);
* ``local``: a process pool over the machine's cores;
* ``dask``: ``distributed`` — a LocalCluster, or the scheduler given (``tcp://host:8786``).
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace

import pandas as pd

from core.extract.budget import DOC_SECONDS, time_budget
from core.extract.inputs import Item, partitions
from core.table import registry

PARTITION_SIZE = 250  # documents per task: large enough to amortize a task (its parts' validation and files),
# small enough to balance
COMMIT_DOCS = 2_000  # documents per store commit
MAX_WARNINGS = 1_000  # document warnings kept for the report (a big run would print too many)


# ---- the per-document function ------------------------------------------------------------------
def warm_up() -> None:
    """Load everything extraction needs (cached for the life of the process)."""
    from core.extract.events import extract_events
    from core.extract.ingest import document_from_text
    from core.table.dataset import event_parts
    from core.table.store import events_to_frame

    doc, _ = document_from_text("warm-up", "قصفت القوات التركية مواقع في سراقب أمس.", published="2020-02-01")
    event_parts(events_to_frame(extract_events(doc)))


def extract_item(item: Item) -> tuple[registry.DocumentRecord, list, list[str]]:
    """One document → its registry record, events and warnings; a failure is recorded, never raised."""
    from core.extract.events import extract_events
    from core.extract.ingest import document_from_text

    m = item.meta
    base = registry.DocumentRecord(doc_id=item.doc_id, content_hash=item.content_hash, source=item.source,
                                   outlet=m.get("outlet", "").strip(), url=m.get("url", "").strip(),
                                   title=m.get("title", "").strip(), extracted_at=registry.now(),
                                   rasd_version=registry.rasd_version())
    if item.error:
        return replace(base, status="error", error=item.error), [], list(item.warnings)
    try:
        doc, issues = document_from_text(item.doc_id, item.raw, published=m.get("published"), outlet=base.outlet,
                                         url=base.url, title=base.title, date_basis=m.get("date_basis", ""),
                                         source_path=item.source)
        if not doc.title:
            doc = replace(doc, title=doc.text.strip().split("\n", 1)[0][:120])
        record = replace(base, title=doc.title, published=doc.published,
                         published_inferred="inferred" in doc.date_basis.lower())
        warnings = list(item.warnings) + [f"{i.level}: {i.doc_id}: {i.message}" for i in issues
                                          if i.level == "warning"]
        if "empty" in doc.flags:
            return replace(record, status="empty", error="document is empty"), [], warnings
        errors = [i.message for i in issues if i.level == "error"]
        if errors:  # a binary file: recorded with the reason, nothing extracted
            return replace(record, status="error", error=errors[0]), [], warnings
        with time_budget(DOC_SECONDS):
            return record, extract_events(doc), warnings
    except TimeoutError as exc:
        return replace(base, status="timeout", error=f"{type(exc).__name__}: {exc}"), [], []
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
        return replace(base, status="error", error=f"{type(exc).__name__}: {exc}"), [], []


def extract_partition(items: list[Item], staging: str | None = None, as_frame: bool = False
                      ) -> tuple[list[registry.DocumentRecord], list | pd.DataFrame, list[str]]:
    """Records (with their number of events), the events as validated Arrow parts by month (group ids not yet
    assigned) and the warnings of a partition of documents. With ``staging`` (a folder of the store) the parts
    are written there as files and only their names travel back: the process that commits does not convert
    or write event rows. ``as_frame``: the events as a frame, converted by the sink once per commit (the
    in-process engine: there is no other process to hand the work to)."""
    from core.table.dataset import event_parts
    from core.table.store import events_to_frame

    records, events, warnings = [], [], []
    for item in items:
        record, doc_events, doc_warnings = extract_item(item)
        records.append(replace(record, n_events=len(doc_events)))
        events.extend(doc_events)
        warnings.extend(doc_warnings)
    frame = events_to_frame(events)
    return records, frame if as_frame else event_parts(frame, staging), warnings


# ---- engines ------------------------------------------------------------------------------------
class InlineEngine:
    """This process: the baseline, and what a one-document ingest uses."""

    description = "in-process"
    workers = 1
    shared_disk = False  # nothing to stage: this process converts and writes the events at each commit

    def __init__(self) -> None:
        warm_up()

    def submit(self, fn: Callable, arg, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(arg, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed back through the future like the other engines
            future.set_exception(exc)
        return future

    def wait_any(self, futures: set) -> tuple[set, set]:
        return set(futures), set()

    def close(self) -> None:
        pass


class LocalEngine:
    """A pool of processes (forkserver: started clean, each warmed up once)."""

    def __init__(self, workers: int | None = None):
        import multiprocessing

        self.workers = workers or os.cpu_count() or 1
        self.shared_disk = True
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["core.extract.engines", "core.extract.events"])
        self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=warm_up)
        # start and warm every worker now, so the timing and the progress bar see a ready pool
        list(self.pool.map(_noop, range(self.workers * 2)))
        self.description = f"local, {self.workers} processes"

    def submit(self, fn: Callable, arg, **kwargs) -> Future:
        return self.pool.submit(fn, arg, **kwargs)

    def wait_any(self, futures: set) -> tuple[set, set]:
        done, pending = wait(futures, return_when=FIRST_COMPLETED)
        return set(done), set(pending)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _noop(_: int) -> None:
    return None


class WarmUpPlugin:
    """Dask worker plugin: the gazetteer and lexicons are loaded once per worker, when it starts."""

    name = "rasd-warm-up"

    def setup(self, worker) -> None:
        warm_up()


# Dask's own sampling: a stack profiler every 10 ms and a GIL monitor every 1 ms in each worker, a system
# monitor every 0.5 s. On a machine whose cores all run workers it took CPU from the extraction; the Dask
# dashboard still shows tasks, progress and memory. (On other machines: the same keys as environment
# variables, e.g. DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False, see README "Scale".)
QUIET_WORKERS = {"distributed.worker.profile.enabled": False,
                 "distributed.admin.system-monitor.gil.enabled": False,
                 "distributed.admin.system-monitor.interval": "2s",
                 "distributed.worker.memory.monitor-interval": "1s"}
# The LocalCluster's scheduler runs in this process, which also reads the input and commits: on a machine whose
# cores all run workers its time is taken from them. Its periodic work is made rare: no work stealing (the
# tasks are alike and queued a few per worker), no active memory manager (results are small and go at once),
# event-loop health checks and the client's cluster polling every few seconds instead of every few ms.
QUIET_SCHEDULER = {"distributed.scheduler.work-stealing": False,
                   "distributed.scheduler.active-memory-manager.start": False,
                   "distributed.admin.tick.interval": "1s",
                   "distributed.client.scheduler-info-interval": "10s",
                   "distributed.deploy.cluster-repr-interval": "10s"}


class DaskEngine:
    """Dask distributed: a LocalCluster of ``workers`` processes, or the cluster at ``scheduler``."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None):
        import dask
        from distributed import Client, LocalCluster

        self.cluster = None
        # workers of a LocalCluster see the store's folder: they write their parts there (see dataset.event_parts);
        # those of another machine send the parts back as Arrow tables
        self.shared_disk = not scheduler
        if scheduler:
            self.client = Client(scheduler)
        else:
            # QUIET_WORKERS is handed to the worker processes by their nannies; QUIET_SCHEDULER is read when the
            # scheduler and the client start, here
            with dask.config.set({**QUIET_WORKERS, **QUIET_SCHEDULER}):
                self.cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                            processes=True, dashboard_address=":0", silence_logs=40)
                self.client = Client(self.cluster)
        self.client.register_plugin(_as_worker_plugin(WarmUpPlugin()))
        self.client.wait_for_workers(1)
        self.workers = len(self.client.scheduler_info()["workers"])
        self.description = f"dask, {self.workers} workers"
        self.dashboard = self.client.dashboard_link

    def submit(self, fn: Callable, arg, **kwargs):
        return self.client.submit(fn, arg, pure=False, **kwargs)

    def wait_any(self, futures: set) -> tuple[set, set]:
        from distributed import wait as dask_wait

        done, pending = dask_wait(list(futures), return_when="FIRST_COMPLETED")
        return set(done), set(pending)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _as_worker_plugin(plugin: WarmUpPlugin):
    from distributed.diagnostics.plugin import WorkerPlugin

    class _Plugin(WorkerPlugin):
        name = plugin.name

        def setup(self, worker) -> None:
            plugin.setup(worker)

    return _Plugin()


def make_engine(name: str = "local", workers: int | None = None, scheduler: str | None = None):
    if scheduler or name == "dask":
        return DaskEngine(workers, scheduler)
    if name != "local":
        raise ValueError(f"unknown engine {name!r} (local or dask)")
    if (workers or os.cpu_count() or 1) <= 1:
        return InlineEngine()
    return LocalEngine(workers)


# ---- the driver ---------------------------------------------------------------------------------
@dataclass
class RunStats:
    seen: int = 0
    skipped: int = 0
    extracted: int = 0
    failed: int = 0
    duplicates: int = 0
    events: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # documents not extracted: empty, error, timeout

    @property
    def docs_per_second(self) -> float:
        return self.extracted / self.seconds if self.seconds else 0.0


def run(items: Iterable[Item], sink, engine, *, skip: Callable[[Item], bool] | None = None,
        partition_size: int = PARTITION_SIZE, max_in_flight: int | None = None, progress=None) -> RunStats:
    """Extract ``items`` with ``engine`` into ``sink`` (``sink.add(records, events)``; the caller finishes it).

    At most ``max_in_flight`` partitions are out at a time, so the input is read as the work goes.
    An interruption (Ctrl-C, SIGTERM) hands what is done to the sink before it propagates.
    """
    stats = RunStats()
    # where the workers write their parts: the sink's staging folder when they see its disk
    staging = getattr(sink, "staging", None) if getattr(engine, "shared_disk", False) else None
    staging = str(staging) if staging else None
    as_frame = isinstance(engine, InlineEngine)
    max_in_flight = max_in_flight or max(2, engine.workers * 3)
    seen_ids: set[str] = set()
    t0 = time.perf_counter()

    def wanted(stream: Iterable[Item]):
        for item in stream:
            stats.seen += 1
            if item.doc_id in seen_ids:
                stats.duplicates += 1
                print(f"warning: {item.source}: doc_id {item.doc_id!r} appears twice in the input: skipped",
                      file=sys.stderr)
                _tick(progress, 1)
                continue
            seen_ids.add(item.doc_id)
            if skip is not None and skip(item):
                stats.skipped += 1
                _tick(progress, 1)
                continue
            yield item

    def collect(done: set) -> None:
        for future in done:
            records, events, warnings = future.result()
            sink.add(records, events)
            stats.warnings.extend(warnings[: max(0, MAX_WARNINGS - len(stats.warnings))])
            problems = [f"{r.status}: {r.doc_id}: {r.error}" for r in records if r.status != "ok"]
            stats.problems.extend(problems[: max(0, MAX_WARNINGS - len(stats.problems))])
            stats.extracted += len(records)
            stats.failed += sum(r.status in registry.RETRIED_STATUSES for r in records)
            stats.events += len(events) if isinstance(events, pd.DataFrame) else sum(p.rows for p in events)
            _tick(progress, len(records), events=stats.events, failed=stats.failed)

    pending: set = set()
    try:
        for part in partitions(wanted(items), partition_size):
            if len(pending) >= max_in_flight:
                done, pending = engine.wait_any(pending)
                collect(done)
            pending.add(engine.submit(extract_partition, part, staging=staging, as_frame=as_frame))
        while pending:
            done, pending = engine.wait_any(pending)
            collect(done)
    except BaseException:
        finished = {f for f in pending if f.done() and not f.exception()}
        try:
            collect(finished)
            sink.flush()
        except Exception:  # noqa: BLE001 - keep the original interruption
            traceback.print_exc(file=sys.stderr)
        raise
    finally:
        stats.seconds = time.perf_counter() - t0
    sink.flush()
    return stats


def _tick(progress, n: int, **postfix) -> None:
    if progress is not None:
        progress.update(n)
        if postfix:
            progress.set_postfix(postfix, refresh=False)
