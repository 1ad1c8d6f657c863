"""``python -m core store info|migrate|remove``: look at an event store, make one from a table file, remove documents."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core.table.dataset import EventStore, StoreError, migrate_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    info = sub.add_parser("info", help="documents, events, months and status counts of a store")
    info.add_argument("store", type=Path)
    migrate = sub.add_parser("migrate", help="make a store from a single .parquet/.csv table (schema version 0)")
    migrate.add_argument("table", type=Path)
    migrate.add_argument("store", type=Path)
    remove = sub.add_parser("remove", help="remove documents and their events")
    remove.add_argument("store", type=Path)
    remove.add_argument("doc_ids", nargs="+")


def run(args: argparse.Namespace) -> int:
    try:
        if args.action == "info":
            print(json.dumps(EventStore.open(args.store).info(), indent=1, ensure_ascii=False))
        elif args.action == "migrate":
            store = migrate_file(args.table, args.store)
            print(f"{args.table} → {args.store}: {store.n_events()} events from {len(store.documents())} documents")
        else:
            result = EventStore.open(args.store).remove(args.doc_ids)
            print(f"{args.store}: {result.describe()}")
    except (StoreError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
