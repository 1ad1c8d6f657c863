"""``python -m core geodata build [--source DIR]``."""

from __future__ import annotations

import sys

from core.geo import build


def add_arguments(parser) -> None:
    parser.add_argument("action", choices=["build"], help="build the artifacts into geodata/build")
    parser.add_argument("--source", help="folder with the OCHA files (default: $GEODATA_SOURCE or ../shared/geodata)")


def run(args) -> int:
    try:
        summary = build.build(args.source)
    except build.GeodataSourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"geodata built from {summary['source']}: {summary['gazetteer_rows']:,} gazetteer rows "
          f"({', '.join(f'{k} {v:,}' for k, v in summary['kinds'].items())}); layers: {summary['layers']}")
    return 0
