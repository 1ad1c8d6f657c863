"""Documents → validated event table: ``python -m core extract DOCS --out STORE|FILE [--engine local|dask]``.

A document that fails is recorded with its error and the run goes on; nothing is written unless
the events validate. ``--out`` names an event store folder (core.table.dataset: added to, re-runs
skip unchanged documents) or a single .parquet/.csv file (rewritten at the end, also adding to it).
An empty or unreadable input never replaces a table. Engines: core.extract.engines.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from core.extract import engines
from core.extract.budget import DOC_SECONDS, DocumentTimeout, time_budget
from core.extract.events import extract_events
from core.extract.groups import assign_groups
from core.extract.ingest import IngestError, IngestIssue, load_folder, read_manifest_checked
from core.extract.inputs import Item, count_items, default_manifest, iter_items
from core.extract.sinks import FileSink, StoreSink
from core.model import Document, Event
from core.table import registry, schema
from core.table.atomic import writable_problem
from core.table.dataset import EventStore, StoreError
from core.table.store import events_to_frame

PROGRESS_MIN_DOCS = 20  # no progress bar for a handful of documents
SMALL_RUN = 500  # fewer documents than this run in this process unless --workers says otherwise


def extract_documents(docs: Iterable[Document], progress: bool = False,
                      issues: list[IngestIssue] | None = None) -> pd.DataFrame:
    """Event table (validated, grouped) of ``docs``; failures are appended to ``issues``."""
    docs = list(docs)
    iterator: Iterable[Document] = docs
    if progress and len(docs) >= PROGRESS_MIN_DOCS:
        from tqdm import tqdm

        iterator = tqdm(docs, desc="extract", unit="doc", file=sys.stderr)
    events: list[Event] = []
    for doc in iterator:
        try:
            with time_budget(DOC_SECONDS):
                events.extend(extract_events(doc))
        except DocumentTimeout as exc:
            if issues is None:
                raise
            issues.append(IngestIssue(doc.doc_id, "error", str(exc)))
        except Exception as exc:  # noqa: BLE001 - one bad document must not lose the others
            if issues is None:
                raise
            issues.append(IngestIssue(doc.doc_id, "error", f"extraction failed: {exc!r}"))
            traceback.print_exc(file=sys.stderr)
    df = events_to_frame(events)
    df = assign_groups(df)
    return schema.validate(df)


def extract_folder(folder, manifest=None, progress: bool = True) -> tuple[pd.DataFrame, list[IngestIssue]]:
    docs, issues = load_folder(Path(folder), Path(manifest) if manifest else None)
    df = extract_documents(docs, progress=progress, issues=issues)
    return df, issues


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("docs", help="documents: a folder (tree) of .txt/.html/.jsonl, a quoted glob, or a .jsonl "
                                     "file (one article per line: doc_id, text and the manifest's fields)")
    parser.add_argument("--manifest", type=Path, default=None,
                        help="CSV/JSON with doc_id, published, outlet, url, title (default: DOCS/manifest.csv)")
    parser.add_argument("--out", type=Path, required=True,
                        help="an event store folder (created if needed), or a single .parquet/.csv table")
    parser.add_argument("--replace", action="store_true",
                        help="rebuild the table from these documents only (default: add to it)")
    parser.add_argument("--force", action="store_true",
                        help="re-extract documents already in the store with the same content")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local: processes on this machine; dask: Dask distributed (a LocalCluster, or --scheduler)")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes or Dask workers (default: all cores; --workers 1 runs in this process)")
    parser.add_argument("--scheduler", default=None, help="address of a running Dask scheduler (tcp://host:8786)")
    parser.add_argument("--partition-size", type=int, default=engines.PARTITION_SIZE, help="documents per task")
    parser.add_argument("--commit-every", type=int, default=engines.COMMIT_DOCS,
                        help="documents per store commit (what an interrupted run can lose)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--quiet", action="store_true", help="do not list document warnings")


def is_single_file(out: Path) -> bool:
    """A table file (.parquet/.csv); anything else not an existing file is a store folder."""
    return not out.is_dir() and out.suffix.lower() in (".parquet", ".csv")


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if not out.is_dir() and out.suffix and out.suffix.lower() not in (".parquet", ".csv"):
        print(f"error: --out must end in .parquet or .csv, or name a store folder (got {out.name})", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        total = count_items(args.docs)
        if total == 0:
            print(f"error: no documents (.txt, .html, .jsonl) in {args.docs}: {out} is left as it was",
                  file=sys.stderr)
            return 2
        if problem := writable_problem(out):  # before the run, not after it
            print(f"error: {problem}: nothing extracted, {out} is left as it was", file=sys.stderr)
            return 2
        manifest = args.manifest or default_manifest(args.docs)
        if manifest is not None:
            _, manifest_issues = read_manifest_checked(manifest)
            for issue in manifest_issues:
                print(f"{issue.level}: {issue.doc_id}: {issue.message}", file=sys.stderr)
        items = iter_items(args.docs, args.manifest)
        if is_single_file(out):
            sink, skip = FileSink(out, replace=args.replace), None
        else:
            store = EventStore.open(out, create=True)
            sink = StoreSink(store, replace=args.replace, force=args.force, commit_docs=args.commit_every)
            skip = None if (args.replace or args.force) else _unchanged(store)
        workers = args.workers
        if workers is None and args.engine == "local" and total < SMALL_RUN:
            workers = 1  # starting and warming a pool of processes costs more than a few documents
        engine = engines.make_engine(args.engine, workers, args.scheduler)
    except (IngestError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or out}", file=sys.stderr)
        return 2
    if getattr(engine, "dashboard", None):
        print(f"Dask dashboard: {engine.dashboard}", file=sys.stderr)
    progress = None
    if not args.no_progress and total >= PROGRESS_MIN_DOCS:
        from tqdm import tqdm

        progress = tqdm(total=total, desc=f"extract ({engine.description})", unit="doc", file=sys.stderr,
                        smoothing=0.1)
    try:
        stats = engines.run(items, sink, engine, skip=skip, partition_size=args.partition_size, progress=progress)
        result = sink.finish()
    except KeyboardInterrupt:
        print(f"interrupted: the documents committed so far are kept; run the same command again to resume "
              f"({out})", file=sys.stderr)
        return 130
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if progress is not None:
            progress.close()
        engine.close()
        sink.close()  # a stopped run's staged files (never committed) go with its staging folder
    if not args.quiet:
        for warning in stats.warnings:
            print(warning, file=sys.stderr)
    elapsed = time.perf_counter() - t0
    rate = f"{stats.docs_per_second:.0f} docs/s on {engine.description}"
    if isinstance(result, pd.DataFrame):
        df = result
        n_events = df.groupby(["doc_id", "type", "date", "char_start"], dropna=False).ngroups if len(df) else 0
        print(f"wrote {len(df)} rows ({n_events} events, {df['group_id'].nunique() if len(df) else 0} groups) "
              f"from {df['doc_id'].nunique() if len(df) else 0} documents with events to {out} in {elapsed:.1f}s "
              f"({rate})" + (f"; {stats.failed} document errors" if stats.failed else ""))
    else:
        info = sink.store.info()
        print(f"{out}: {result.describe()}; {stats.skipped} skipped (unchanged); {stats.failed} failed; "
              f"the store holds {info['events']} event rows from {info['documents']} documents "
              f"({elapsed:.1f}s, {rate})")
    for problem in stats.problems:
        print(problem, file=sys.stderr)
    return 0


def _unchanged(store: EventStore):
    """Skip test of a re-run: the document is in the registry with the same content hash and did not fail."""
    known = store.content_hashes()

    def skip(item: Item) -> bool:
        prior = known.get(item.doc_id)
        return prior is not None and prior[0] == item.content_hash and prior[1] not in registry.RETRIED_STATUSES

    return skip
