"""``python -m core evaluate``: one table against one gold file (``--explain`` for the reasons of each
error), or ``--sets``: the seeds, devset2 and realdev side by side (``make eval``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, help="gold JSON (see ../shared/eval/README.md)")
    parser.add_argument("--events", type=Path, help="event table (.parquet or .csv)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--explain", action="store_true",
                        help="for every miss, extra prediction and wrong attribute: the nearest candidate and "
                             "the criterion that failed (core events; add --all-events for every event)")
    parser.add_argument("--all-events", action="store_true", help="with --explain: not only core events")
    parser.add_argument("--sets", action="store_true",
                        help="extract and score seeds, devset2 and realdev (dev batches, held-out batch, undated)")


def run(args: argparse.Namespace) -> int:
    from core.evaluate.scoring import evaluate, format_report

    if args.sets:
        from core.evaluate.sets import format_table, run_sets

        results = run_sets()
        print(json.dumps(results, ensure_ascii=False, indent=1, default=str) if args.json else format_table(results))
        return 0
    if not (args.gold and args.events):
        print("error: give --gold and --events (or --sets)")
        return 2
    from core.table.store import read_table

    try:
        gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
        events = read_table(args.events)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}")
        return 2
    try:
        if args.explain:
            from core.evaluate.explain import explain

            print(explain(gold, events, core_only=not args.all_events))
            return 0
        result = evaluate(gold, events)
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json else format_report(result))
    except BrokenPipeError:  # output piped into head: not an error
        pass
    return 0
