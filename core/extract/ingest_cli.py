"""``python -m core ingest DOCS_DIR [--manifest FILE]``: load documents and list problems."""

from __future__ import annotations

import sys
from pathlib import Path

from core.extract.ingest import IngestError, load_folder


def add_arguments(parser) -> None:
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("--manifest", type=Path)


def run(args) -> int:
    try:
        docs, issues = load_folder(args.docs_dir, args.manifest)
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for d in docs:
        print(f"{d.doc_id}\t{d.published or '-'}\t{len(d.text):>7,} chars\t{d.outlet}\t{','.join(d.flags)}")
    for i in issues:
        print(f"{i.level}: {i.doc_id}: {i.message}", file=sys.stderr)
    print(f"{len(docs)} documents, {sum(i.level == 'error' for i in issues)} errors, "
          f"{sum(i.level == 'warning' for i in issues)} warnings")
    return 0
