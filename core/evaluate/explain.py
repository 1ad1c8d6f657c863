"""Why each error is an error: for every missed gold event, unmatched prediction and wrong attribute, the
nearest candidate on the other side and the criteria (README "Scoring") that failed.

Used by ``python -m core evaluate --explain``; a new class of error shows up at once in its reasons.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from core.distance import haversine_km
from core.evaluate.scoring import (
    MATCH_KM,
    GoldEvent,
    PredEvent,
    _road_lines,
    _side,
    gold_events,
    match,
    place_distance,
    predicted_events,
    types_compatible,
)

EVIDENCE_CHARS = 110


def failed_criteria(pred: PredEvent, gold: GoldEvent, roads: dict) -> list[str]:
    """The matching rules this (prediction, gold) pair breaks; empty when they could match."""
    failed = []
    if not types_compatible(pred.type, gold.type):
        failed.append(f"type {pred.type}≠{gold.type}")
    if gold.date is not None:
        if pred.date is None:
            failed.append("date missing")
        elif abs((pred.date - gold.date).days) > gold.tolerance:
            failed.append(f"date {pred.date} vs {gold.date}±{gold.tolerance}")
    if place_distance(pred, gold, roads) is None:
        if gold.points and pred.points:
            km = min(haversine_km(a, b, c, d) for a, b in pred.points for c, d in gold.points)
            failed.append(f"place {km:.0f} km away")
        elif gold.points:
            failed.append("place: prediction has no point")
        else:
            failed.append(f"place: admin1 {sorted(pred.admin1) or '-'} not in {sorted(gold.regions) or gold.roads}")
    return failed


def _nearest(item, others: Iterable, criteria) -> tuple[object | None, list[str]]:
    best, best_failed = None, None
    for other in others:
        failed = criteria(item, other)
        if best_failed is None or len(failed) < len(best_failed):
            best, best_failed = other, failed
    return best, best_failed or []


def _gold_label(g: GoldEvent) -> str:
    return f"{g.type} {g.date} actor1={g.actor1 or '-'}{' core' if g.core else ''}"


def _pred_label(p: PredEvent, evidence: dict) -> str:
    text = " ".join(str(evidence.get(p.key, "")).split())
    if len(text) > EVIDENCE_CHARS:
        text = text[:EVIDENCE_CHARS] + "…"
    return f"{p.type} {p.date} actor1={p.actor1 or '-'} @{p.key[3]} «{text}»"


def explain(gold: dict, events: pd.DataFrame, *, core_only: bool = True) -> str:
    """A plain-text report, one block per document with an error."""
    gold_docs = {d["doc_id"] for d in gold.get("documents", [])} or {g["doc_id"] for g in gold.get("events", [])}
    df = events[events["doc_id"].isin(gold_docs)] if len(events) else events
    golds = [g for g in gold_events(gold) if g.core or not core_only]
    preds = [p for p in (predicted_events(df) if len(df) else []) if p.core or not core_only]
    roads = _road_lines() if any(g.roads for g in golds) else {}
    evidence = {}
    if len(df):
        for row in df.to_dict("records"):
            key = (row["doc_id"], row["type"], pd.Timestamp(row["date"]).date() if pd.notna(row.get("date")) else None,
                   int(row.get("char_start") or 0))
            evidence.setdefault(key, row.get("evidence", ""))
    pairs = match(golds, preds, roads)
    paired_gold = {g.index: p for g, p in pairs}
    paired_pred = {id(p): g for g, p in pairs}
    lines: list[str] = []
    for doc in sorted(gold_docs):
        block = []
        doc_preds = [p for p in preds if p.doc_id == doc]
        doc_golds = [g for g in golds if g.doc_id == doc]
        for g in doc_golds:
            if g.index in paired_gold:
                p = paired_gold[g.index]
                wrong = []
                if p.type != g.type:
                    wrong.append(f"type {p.type}≠{g.type}")
                if g.date and p.date != g.date:
                    wrong.append(f"date {p.date}≠{g.date}")
                if g.actor1 and p.actor1 != g.actor1:
                    same_side = _side(p.actor1) == _side(g.actor1)
                    wrong.append(f"actor1 {p.actor1 or '-'}≠{g.actor1}{' (same side)' if same_side else ' (SIDE)'}")
                if wrong:
                    block.append(f"  WRONG  gold {_gold_label(g)}: {'; '.join(wrong)}\n"
                                 f"         pred {_pred_label(p, evidence)}")
                continue
            near, failed = _nearest(g, doc_preds, lambda gg, pp: failed_criteria(pp, gg, roads))
            if near is None:
                block.append(f"  MISS   gold {_gold_label(g)}: no prediction in this document")
            else:
                why = "; ".join(failed) if failed else f"its candidate went to another gold event ({MATCH_KM} km rule met)"
                block.append(f"  MISS   gold {_gold_label(g)}: nearest pred fails {why}\n"
                             f"         nearest {_pred_label(near, evidence)}")
        for p in doc_preds:
            if id(p) in paired_pred:
                continue
            near, failed = _nearest(p, doc_golds, lambda pp, gg: failed_criteria(pp, gg, roads))
            if near is None:
                block.append(f"  EXTRA  pred {_pred_label(p, evidence)}: no gold event in this document")
            else:
                why = "; ".join(failed) if failed else "its gold event was matched by another prediction (duplicate)"
                block.append(f"  EXTRA  pred {_pred_label(p, evidence)}\n"
                             f"         nearest gold {_gold_label(near)}: {why}")
        if block:
            lines.append(f"{doc}:")
            lines.extend(block)
    return "\n".join(lines) if lines else "no errors"
