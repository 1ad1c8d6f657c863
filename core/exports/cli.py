"""``python -m core export``: the filters, the format and the file, from the command line (core.exports.files
makes the bytes)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from core import vocab
from core.exports.files import (
    DEFAULT_EVENTS,
    FORMATS,
    ExportError,
    acled_rows,
    export_bytes,
)
from core.table.query import Filters


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Export the filtered event table. Formats: png = the interactive map's view as an image "
                          "(headless Chromium); print-png (300 dpi), svg, pdf = the print map; html = the map, "
                          "offline; csv (UTF-8 with BOM), xlsx, geojson, acled = the data.")
    parser.add_argument("--format", "-f", required=True, choices=list(FORMATS), help="export format")
    parser.add_argument("--out", "-o", help="output file (default: a name saying format and period)")
    parser.add_argument("--events", default=os.environ.get("RASD_EVENTS") or str(DEFAULT_EVENTS),
                        help="event table (.parquet/.csv file or store folder; default: $RASD_EVENTS, else "
                             f"{DEFAULT_EVENTS})")
    parser.add_argument("--title", default="", help="title printed on maps and in the file's metadata")
    parser.add_argument("--from", dest="date_from", type=_iso_date, help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", type=_iso_date, help="last day (YYYY-MM-DD)")
    for flag, help_text in (("--side", "party: " + ", ".join(vocab.sides())), ("--actor", "actor id"),
                            ("--type", "event type"), ("--layer", "map layer: strike, ground, advance, other"),
                            ("--admin1", "governorate P-code, e.g. SY07")):
        parser.add_argument(flag, action="append", default=[], help=help_text + " (repeatable or comma-separated)")
    parser.add_argument("--place", default="", help="place name (Arabic or English) or P-code")
    parser.add_argument("--min-confidence", type=float, default=0.0)
    parser.add_argument("--grouped-once", action="store_true", help="one row per group of reports")
    parser.add_argument("--side-role", choices=["any", "actor1"], default="actor1",
                        help="which actor --side looks at: the agent (actor1, as the dashboard) or either actor")
    parser.add_argument("--width", type=int, default=1600, help="png view image width in pixels")
    parser.add_argument("--height", type=int, default=1000, help="png view image height in pixels")
    parser.add_argument("--dpi", type=int, default=300, help="print map resolution (print-png)")
    parser.add_argument("--weekly", action="store_true", help="print map: add one small panel per week")
    parser.add_argument("--as-of", dest="as_of", type=_iso_date,
                        help="control-* formats: the day control is shown for (default: --to, else the last day)")
    parser.add_argument("--baseline", help="control-* formats: baseline CSV (pcode, side, as_of); see the README")


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def filters_from_args(args: argparse.Namespace) -> Filters:
    """Filters from command-line options; unknown vocabulary is an error that lists what is known."""
    known = {"side": set(vocab.sides()), "actor": set(vocab.actors()), "type": set(vocab.event_types()),
             "layer": {spec["layer"] for spec in vocab.event_types().values()}}
    chosen = {name: _split(getattr(args, name)) for name in ("side", "actor", "type", "layer", "admin1")}
    for name, allowed in known.items():
        unknown = [v for v in chosen[name] if v not in allowed]
        if unknown:
            raise ExportError(f"unknown --{name} {', '.join(unknown)}; known: {', '.join(sorted(allowed))}")
    if not 0.0 <= args.min_confidence <= 1.0:
        raise ExportError("--min-confidence must be between 0 and 1")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ExportError(f"--from {args.date_from} is after --to {args.date_to}")
    return Filters(date_from=args.date_from, date_to=args.date_to, sides=chosen["side"], actors=chosen["actor"],
                   types=chosen["type"], layers=chosen["layer"], admin1=chosen["admin1"], place=args.place,
                   min_confidence=args.min_confidence, grouped_once=args.grouped_once, side_role=args.side_role)


def write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # a normal file, not mkstemp's private 0600
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def run(args: argparse.Namespace) -> int:
    from core.table.atomic import writable_problem
    from core.table.schema import TableError
    from core.table.store import read_table

    try:
        filters = filters_from_args(args)
        if Path(args.events).is_dir():  # an event store: the filters run in DuckDB, only matching rows are read
            from core.table import duckquery

            table, total = duckquery.filtered(args.events, filters), duckquery.count(args.events)
        else:
            table = read_table(args.events)
            total = len(table)
    except (ExportError, FileNotFoundError, TableError) as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # unreadable or invalid table: say which file and why
        print(f"export: cannot read event table {args.events}: {exc}", file=sys.stderr)
        return 2
    if args.out and (problem := writable_problem(args.out)):  # before rendering, which can take a while
        print(f"export: {problem}", file=sys.stderr)
        return 2
    baseline = None
    if getattr(args, "baseline", None):
        from core.control.model import BaselineError, read_baseline

        try:
            baseline = read_baseline(args.baseline)
        except BaselineError as exc:
            print(f"export: {exc}", file=sys.stderr)
            return 2
    try:
        content, _mime, filename = export_bytes(table, args.format, filters=filters, title=args.title,
                                                width=args.width, height=args.height, dpi=args.dpi,
                                                weekly=args.weekly, as_of=getattr(args, "as_of", None),
                                                baseline=baseline,
                                                baseline_name=Path(args.baseline).name if baseline is not None else "")
    except (ExportError, RuntimeError, OSError) as exc:  # no browser, no font, no geodata: say which
        print(f"export: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path(filename)
    try:
        write_atomic(out, content)
    except OSError as exc:
        print(f"export: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if FORMATS[args.format].kind == "control":
        print(f"exported the areas of control ({filename}) as {args.format} to {out}")
        return 0
    shown = filters.apply(table)
    message = f"exported {len(shown)} of {total} events ({filters.describe()}) as {args.format} to {out}"
    if args.format == "acled":
        _, skipped = acled_rows(shown)
        if skipped:
            message += f"; {skipped} rows of types ACLED does not code (diplomacy, statements...) left out"
    if shown.empty:
        message += " — no event passes the filters"
    print(message)
    return 0
