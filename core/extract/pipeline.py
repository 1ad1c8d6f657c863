"""Documents → validated event table: ``python -m core extract DOCS --manifest M --out F``.

A document that fails is reported and skipped (the others are kept); nothing is written
unless the whole table validates.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from core.extract.events import extract_events
from core.extract.groups import assign_groups
from core.extract.ingest import IngestError, IngestIssue, load_folder
from core.model import Document, Event
from core.table import schema
from core.table.store import events_to_frame, write_table

PROGRESS_MIN_DOCS = 20  # no progress bar for a handful of documents


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
            events.extend(extract_events(doc))
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
    parser.add_argument("docs", type=Path, help="folder of .txt/.html documents (doc_id = file stem)")
    parser.add_argument("--manifest", type=Path, default=None,
                        help="CSV/JSON with doc_id, published, outlet, url, title (default: DOCS/manifest.csv)")
    parser.add_argument("--out", type=Path, required=True, help="output table (.parquet or .csv)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--quiet", action="store_true", help="do not list document warnings")


def run(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() not in (".parquet", ".csv"):
        print(f"error: --out must end in .parquet or .csv (got {args.out.name})", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        df, issues = extract_folder(args.docs, args.manifest, progress=not args.no_progress)
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_table(df, args.out)
    elapsed = time.perf_counter() - t0
    n_docs = df["doc_id"].nunique() if len(df) else 0
    errors = [i for i in issues if i.level == "error"]
    for issue in issues:
        if issue.level == "error" or not args.quiet:
            print(f"{issue.level}: {issue.doc_id}: {issue.message}", file=sys.stderr)
    n_events = df.groupby(["doc_id", "type", "date", "char_start"], dropna=False).ngroups if len(df) else 0
    print(f"wrote {len(df)} rows ({n_events} events, {df['group_id'].nunique() if len(df) else 0} groups) "
          f"from {n_docs} documents with events to {args.out} in {elapsed:.1f}s"
          + (f"; {len(errors)} document errors" if errors else ""))
    return 0
