"""Reports of the same event across documents share a ``group_id``.

Two events (rows sharing doc_id, type, date, char_start) from different documents are one
event reported twice when they are in the same map layer (or, off the map, of the same
type), their dates are within a day, some place of one lies within 5 km of some place of
the other (events without coordinates: same governorate, or for non-map types the same
agent), and their agents are compatible (same side, or one unknown). Groups are the
connected components of that relation; a group's id is derived from its first event id,
so it is stable across runs.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from core import vocab

GROUP_KM = 5.0
GROUP_DAYS = 1
ORDINAL_EPOCH = 719163  # date(1970, 1, 1).toordinal()


@dataclass
class _Ev:
    key: tuple
    doc_id: str
    kind: str  # layer for map events, type otherwise
    day: int | None
    side: str | None
    actor1: str | None
    first_id: str
    points: list[tuple[float, float]] = field(default_factory=list)
    admin1: set[str] = field(default_factory=set)


def _is_number(x) -> bool:
    return x is not None and x is not pd.NA and x == x  # NaN != NaN


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _near(a: _Ev, b: _Ev) -> bool:
    if a.points and b.points:
        return any(_km(p, q) <= GROUP_KM for p in a.points for q in b.points)
    if a.points or b.points:
        return False
    if a.admin1 and b.admin1:
        return bool(a.admin1 & b.admin1)
    # neither has a place: only off-map events with the same named agent
    return a.kind not in vocab.MAP_LAYERS and a.actor1 is not None and a.actor1 == b.actor1


def same_event(a: _Ev, b: _Ev) -> bool:
    if a.doc_id == b.doc_id or a.kind != b.kind or a.day is None or b.day is None:
        return False
    if abs(a.day - b.day) > GROUP_DAYS:
        return False
    if a.side and b.side and a.side != b.side:
        return False
    return _near(a, b)


def _events(df: pd.DataFrame) -> tuple[list[_Ev], list[int]]:
    """Events (rows grouped by doc_id, type, date, char_start) and, per row, its event's index."""
    index: dict[tuple, int] = {}
    events: list[_Ev] = []
    row_event: list[int] = []
    map_layers = set(vocab.MAP_LAYERS)
    dates = pd.to_datetime(df["date"], errors="coerce")
    ordinals = dates.values.astype("datetime64[D]").astype("int64") + ORDINAL_EPOCH
    days = [None if missing else int(o) for o, missing in zip(ordinals, dates.isna().to_numpy(), strict=True)]
    for i, row in enumerate(df[["doc_id", "type", "layer", "char_start", "actor1", "actor1_side", "event_id",
                                "lat", "lon", "admin1_pcode"]].itertuples(index=False)):
        day = days[i]
        key = (row.doc_id, row.type, day, int(row.char_start))
        j = index.get(key)
        if j is None:
            kind = row.layer if row.layer in map_layers else row.type
            side = row.actor1_side if isinstance(row.actor1_side, str) and row.actor1_side else None
            actor1 = row.actor1 if isinstance(row.actor1, str) and row.actor1 else None
            j = index[key] = len(events)
            events.append(_Ev(key, row.doc_id, kind, day, side, actor1, str(row.event_id)))
        ev = events[j]
        row_event.append(j)
        if _is_number(row.lat) and _is_number(row.lon):
            ev.points.append((float(row.lat), float(row.lon)))
        elif isinstance(row.admin1_pcode, str) and row.admin1_pcode:
            ev.admin1.add(row.admin1_pcode)
    return events, row_event


CELL_DEG = 0.07  # >= 5 km in latitude and longitude (up to 44°N): near points share or neighbour a cell


def _cells(ev: _Ev) -> set[tuple]:
    if ev.points:
        return {(int(math.floor(lat / CELL_DEG)), int(math.floor(lon / CELL_DEG))) for lat, lon in ev.points}
    if ev.admin1:
        return {("admin1", a) for a in ev.admin1}
    return {("none",)}


def _neighbours(cell: tuple) -> list[tuple]:
    if len(cell) == 2 and isinstance(cell[0], int):
        return [(cell[0] + i, cell[1] + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]
    return [cell]


def assign_groups(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with ``group_id`` filled: the rows of one event, and reports of the same event, share it."""
    df = df.copy()
    if df.empty:
        df["group_id"] = pd.Series(dtype=str)
        return df
    events, row_event = _events(df)
    parent = list(range(len(events)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # candidates share a (kind, day, ~5 km cell) bucket with a neighbouring day and cell
    # (and a compatible side: the same one, or unknown on either part)
    buckets: dict[tuple, list[int]] = defaultdict(list)
    cells = [_cells(ev) for ev in events]
    all_sides = {ev.side for ev in events}
    for k, ev in enumerate(events):
        if ev.day is not None:
            for cell in cells[k]:
                buckets[(ev.kind, ev.day, cell, ev.side)].append(k)
    for k, ev in enumerate(events):
        if ev.day is None:
            continue
        seen: set[int] = set()
        rk = find(k)
        sides = all_sides if ev.side is None else {ev.side, None}
        for cell in cells[k]:
            for nb in _neighbours(cell):
                for day in range(ev.day - GROUP_DAYS, ev.day + GROUP_DAYS + 1):
                    for o in (o for side in sides for o in buckets.get((ev.kind, day, nb, side), ())):
                        if o <= k or o in seen:
                            continue
                        seen.add(o)
                        ro = find(o)
                        if rk != ro and same_event(ev, events[o]):
                            parent[max(rk, ro)] = min(rk, ro)  # the earliest event names the group
                            rk = min(rk, ro)
    root_id: dict[int, str] = {}
    group_ids = []
    for j in row_event:
        r = find(j)
        if r not in root_id:
            root_id[r] = "g_" + hashlib.sha1(events[r].first_id.encode()).hexdigest()[:12]
        group_ids.append(root_id[r])
    df["group_id"] = group_ids
    return df
