"""Score an event table against a gold file (``../shared/eval/README.md``, "Scoring").

A predicted event (rows sharing doc_id, type, date and char_start) matches a gold event
of the same document when (1) the types are equal or in the same map family (strike;
ground + advance), (2) the date is within the gold tolerance, (3) a predicted point lies
within 5 km of a gold point place, or — when the gold event names only regions, roads or
unresolved places — inside the gold region's governorate (a predicted region spanning governorates, column
admin1_pcodes, is inside each of them) or within 5 km of the road; a
gold event without places matches on (1) and (2). Matching is one-to-one, greedy by
distance; among candidate pairs, the one that also agrees on exact type, exact date and actor1 side
is preferred, so an extra report never takes the gold event from the right one. Accuracies on matched pairs: exact type, exact date, actor1 id and actor1 side
(over pairs whose gold actor1 is set).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from core import vocab
from core.distance import haversine_km
from core.text import normalize

MATCH_KM = 5.0


def types_compatible(a: str, b: str) -> bool:
    """Same type, or the same map-layer family (README rule 1: strike; ground and advance together)."""
    family = vocab.LAYER_FAMILY.get(vocab.layer_of(a))
    return a == b or (family is not None and family == vocab.LAYER_FAMILY.get(vocab.layer_of(b)))


def _date(value) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    return None if pd.isna(ts) else ts.date()


def _str(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    s = str(value)
    return s or None


@dataclass
class PredEvent:
    key: tuple
    doc_id: str
    type: str
    date: date | None
    core: bool
    actor1: str | None
    points: list[tuple[float, float]] = field(default_factory=list)
    admin1: set[str] = field(default_factory=set)


@dataclass
class GoldEvent:
    index: int
    doc_id: str
    type: str
    date: date | None
    tolerance: int
    core: bool
    actor1: str | None
    points: list[tuple[float, float]]
    regions: set[str]
    roads: list[str]
    unresolved: list[str]


def _admin1_lookup():
    try:
        from core.geo.gazetteer import admin1_of
    except ImportError:  # geocoder module not available: fall back to the rows' admin1_pcode
        return None
    return admin1_of


def _road_lines() -> dict[str, list[tuple[float, float]]]:
    try:
        from core.geo.gazetteer import load_gazetteer
        gaz = load_gazetteer()
        return gaz.road_lines() if hasattr(gaz, "road_lines") else {}
    except Exception:  # noqa: BLE001 - roads are optional for scoring
        return {}


def predicted_events(df: pd.DataFrame) -> list[PredEvent]:
    """Group rows into predicted events by (doc_id, type, date, char_start)."""
    admin1_of = _admin1_lookup()
    out: dict[tuple, PredEvent] = {}
    map_layers = set(vocab.MAP_LAYERS)
    for row in df.to_dict("records"):
        d = _date(row.get("date"))
        key = (row["doc_id"], row["type"], d, int(row.get("char_start") or 0))
        ev = out.get(key)
        if ev is None:
            core_val = row.get("core")
            core = bool(core_val) if core_val is not None and not pd.isna(core_val) else (
                row.get("layer") in map_layers)
            ev = out[key] = PredEvent(key, row["doc_id"], row["type"], d, core, _str(row.get("actor1")))
        lat, lon = row.get("lat"), row.get("lon")
        if lat is not None and lon is not None and not pd.isna(lat) and not pd.isna(lon):
            ev.points.append((float(lat), float(lon)))
            a1 = admin1_of(float(lat), float(lon)) if admin1_of else None
            if a1:
                ev.admin1.add(a1)
        spans = [a for a in (_str(row.get("admin1_pcodes")) or "").split("|") if a]
        if len(spans) > 1:  # a region spanning governorates ("شمال غرب سوريا") is in each of them
            ev.admin1.update(spans)
        a1_row = _str(row.get("admin1_pcode"))
        if a1_row and not ev.points:
            ev.admin1.add(a1_row)
        elif a1_row and admin1_of is None:
            ev.admin1.add(a1_row)
    return list(out.values())


def gold_events(gold: dict) -> list[GoldEvent]:
    out = []
    for i, g in enumerate(gold.get("events", [])):
        points, regions, roads, unresolved = [], set(), [], []
        for p in g.get("places") or []:
            if "unresolved" in p:
                unresolved.append(p["unresolved"])
            elif "feature" in p:
                roads.append(p["feature"])
            elif "admin1" in p and "lat" not in p:
                regions.add(p["admin1"])
            elif p.get("lat") is not None and p.get("lon") is not None:
                points.append((float(p["lat"]), float(p["lon"])))
        out.append(GoldEvent(i, g["doc_id"], g["type"], _date(g.get("date")), int(g.get("date_tolerance_days", 0)),
                             bool(g.get("core")), g.get("actor1"), points, regions, roads, unresolved))
    return out


def _point_to_line_km(pt: tuple[float, float], line: list[tuple[float, float]]) -> float:
    """Distance from a point to a polyline (flat approximation, good to a few % at this scale)."""
    lat0 = math.radians(pt[0])
    kx, ky = 111.32 * math.cos(lat0), 110.57

    def xy(p):
        return ((p[1] - pt[1]) * kx, (p[0] - pt[0]) * ky)

    best = math.inf
    for a, b in zip(line, line[1:], strict=False):
        (ax, ay), (bx, by) = xy(a), xy(b)
        dx, dy = bx - ax, by - ay
        seg = dx * dx + dy * dy
        t = 0.0 if seg == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / seg))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def place_distance(pred: PredEvent, gold: GoldEvent, roads: dict) -> float | None:
    """Distance that qualifies the pair on rule 3 (km), or None when the places do not match."""
    if gold.points:
        if not pred.points:
            return None
        d = min(haversine_km(a, b, c, e) for a, b in pred.points for c, e in gold.points)
        return d if d <= MATCH_KM else None
    if not (gold.regions or gold.roads or gold.unresolved):
        return MATCH_KM  # no gold places: rules 1 and 2 only
    if gold.regions and pred.admin1 & gold.regions:
        return MATCH_KM
    for road in gold.roads:
        line = roads.get(road)
        if line and pred.points:
            d = min(_point_to_line_km(p, line) for p in pred.points)
            if d <= MATCH_KM:
                return d
        elif not line and not gold.regions:
            return MATCH_KM  # road geometry unknown: cannot test the place
    if gold.unresolved and not gold.regions and not gold.roads:
        return MATCH_KM  # only unresolved names: nothing to test against
    return None


def _side(actor: str | None) -> str | None:
    actors = vocab.actors()
    return actors[actor].side if actor in actors else None


def match(golds: list[GoldEvent], preds: list[PredEvent], roads: dict) -> list[tuple[GoldEvent, PredEvent]]:
    """One-to-one greedy matching by (distance, date gap, exact type)."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if p.doc_id != g.doc_id or not types_compatible(p.type, g.type):
                continue
            if g.date is not None:
                if p.date is None or abs((p.date - g.date).days) > g.tolerance:
                    continue
            dist = place_distance(p, g, roads)
            if dist is None:
                continue
            gap = abs((p.date - g.date).days) if (p.date and g.date) else 0
            disagreements = (p.type != g.type) + (p.date != g.date) + (bool(g.actor1) and _side(p.actor1) != _side(g.actor1))
            cands.append((disagreements, dist, gap, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((golds[gi], preds[pi]))
    return pairs


def _prf(n_match: int, n_pred: int, n_gold: int) -> dict:
    p = n_match / n_pred if n_pred else 0.0
    r = n_match / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "matched": n_match,
            "predicted": n_pred, "gold": n_gold}


def _pair_accuracy(pairs: list[tuple[GoldEvent, PredEvent]]) -> dict:
    n = len(pairs)
    with_actor = [(g, p) for g, p in pairs if g.actor1]

    def ratio(k, m):
        return round(k / m, 4) if m else None

    return {
        "pairs": n,
        "type_accuracy": ratio(sum(g.type == p.type for g, p in pairs), n),
        "date_accuracy": ratio(sum(g.date == p.date for g, p in pairs), n),
        "actor1_pairs": len(with_actor),
        "actor1_accuracy": ratio(sum(g.actor1 == p.actor1 for g, p in with_actor), len(with_actor)),
        "actor1_side_accuracy": ratio(sum(p.actor1 is not None and _side(g.actor1) == _side(p.actor1)
                                          for g, p in with_actor), len(with_actor)),
    }


def _place_names(df: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in ("place_surface", "place_ar") if c in df.columns]
    out = df.copy()
    out["_names"] = out[cols].astype(object).fillna("").astype(str).agg(" ".join, axis=1).map(normalize) if cols else ""
    return out


def geocoding(gold: dict, df: pd.DataFrame) -> dict:
    """Accuracy@5km per (document, gold pcode); unresolved names flagged or given invented coordinates."""
    targets: dict[tuple[str, str], tuple[float, float]] = {}
    unresolved: set[tuple[str, str]] = set()
    for g in gold.get("events", []):
        for p in g.get("places") or []:
            if p.get("pcode") and p.get("lat") is not None:
                targets[(g["doc_id"], p["pcode"])] = (float(p["lat"]), float(p["lon"]))
            if p.get("unresolved"):
                unresolved.add((g["doc_id"], p["unresolved"]))
    pts: dict[str, list[tuple[float, float]]] = {}
    for row in df[["doc_id", "lat", "lon"]].dropna().itertuples(index=False):
        pts.setdefault(row.doc_id, []).append((float(row.lat), float(row.lon)))
    hits, misses = [], []
    for (doc_id, pcode), (lat, lon) in sorted(targets.items()):
        ok = any(haversine_km(lat, lon, a, b) <= MATCH_KM for a, b in pts.get(doc_id, []))
        (hits if ok else misses).append(f"{doc_id}:{pcode}")
    named = _place_names(df)
    flagged, invented = [], []
    for doc_id, name in sorted(unresolved):
        key = normalize(name)
        rows = named[(named["doc_id"] == doc_id) & named["_names"].str.contains(key, regex=False)]
        if (rows["geo_status"] == "unresolved").any():
            flagged.append(f"{doc_id}:{name}")
        if rows["lat"].notna().any():
            invented.append(f"{doc_id}:{name}")
    return {
        "pcodes": len(targets),
        "accuracy_at_5km": round(len(hits) / len(targets), 4) if targets else None,
        "missed": misses,
        "unresolved_gold": len(unresolved),
        "unresolved_flagged": flagged,
        "invented_coordinates": invented,
    }


def evaluate(gold: dict, events: pd.DataFrame) -> dict:
    """All the figures of the evaluation README, as a dict (see :func:`format_report`)."""
    gold_docs = {d["doc_id"] for d in gold.get("documents", [])} or {g["doc_id"] for g in gold.get("events", [])}
    df = events[events["doc_id"].isin(gold_docs)] if len(events) else events
    golds = gold_events(gold)
    preds = predicted_events(df) if len(df) else []
    roads = _road_lines() if any(g.roads for g in golds) else {}
    core_golds = [g for g in golds if g.core]
    core_preds = [p for p in preds if p.core]
    core_pairs = match(core_golds, core_preds, roads)
    all_pairs = match(golds, preds, roads)
    matched_gold = {g.index for g, _ in all_pairs}
    matched_pred = {id(p) for _, p in all_pairs}
    return {
        "documents": len(gold_docs),
        "core": _prf(len(core_pairs), len(core_preds), len(core_golds)),
        "all": _prf(len(all_pairs), len(preds), len(golds)),
        "matched_core": _pair_accuracy(core_pairs),
        "matched_all": _pair_accuracy(all_pairs),
        "geocoding": geocoding(gold, df) if len(df) else {"pcodes": 0, "accuracy_at_5km": None},
        "missed_gold": [f"{g.doc_id}:{g.type}:{g.date}" for g in golds if g.index not in matched_gold],
        "unmatched_predicted": [f"{p.doc_id}:{p.type}:{p.date}:{p.key[3]}" for p in preds
                                if id(p) not in matched_pred],
    }


def format_report(r: dict) -> str:
    lines = [f"Evaluation over {r['documents']} documents"]
    for name in ("core", "all"):
        m = r[name]
        lines.append(f"  {name:4} events: P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
                     f"(matched {m['matched']}, predicted {m['predicted']}, gold {m['gold']})")
    for name in ("matched_core", "matched_all"):
        a = r[name]
        lines.append(f"  {name}: pairs={a['pairs']} type={a['type_accuracy']} date={a['date_accuracy']} "
                     f"actor1={a['actor1_accuracy']} actor1_side={a['actor1_side_accuracy']} "
                     f"(over {a['actor1_pairs']} pairs with a gold actor1)")
    g = r["geocoding"]
    lines.append(f"  geocoding: accuracy@5km={g.get('accuracy_at_5km')} over {g.get('pcodes')} (doc, pcode)")
    if g.get("missed"):
        lines.append("    missed: " + ", ".join(g["missed"]))
    if "unresolved_gold" in g:
        lines.append(f"    unresolved gold names: {g['unresolved_gold']}, flagged: {len(g['unresolved_flagged'])} "
                     f"{g['unresolved_flagged']}, invented coordinates: {len(g['invented_coordinates'])} "
                     f"{g['invented_coordinates']}")
    if r["missed_gold"]:
        lines.append("  missed gold events: " + ", ".join(r["missed_gold"]))
    if r["unmatched_predicted"]:
        lines.append("  unmatched predicted events: " + ", ".join(r["unmatched_predicted"]))
    return "\n".join(lines)
