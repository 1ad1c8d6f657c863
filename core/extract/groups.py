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
from collections import defaultdict, namedtuple
from dataclasses import dataclass, field

import pandas as pd

from core import vocab
from core.distance import haversine_km

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
    return haversine_km(a[0], a[1], b[0], b[1])


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
    columns = ("doc_id", "type", "layer", "char_start", "actor1", "actor1_side", "event_id", "lat", "lon",
               "admin1_pcode")
    row_type = namedtuple("row_type", columns)
    rows = map(row_type._make, zip(*(df[c].astype(object).tolist() for c in columns), strict=True))
    for i, row in enumerate(rows):
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


def _locations(ev: _Ev) -> set[tuple]:
    """Where an event is, as exact keys: its points, else its governorates, else (off the map) its agent."""
    if ev.points:
        return {("pt", lat, lon) for lat, lon in ev.points}
    # off the map, an event without a place joins one of the same agent, with or without a governorate
    agent = ev.kind not in vocab.MAP_LAYERS and ev.actor1 is not None
    if ev.admin1:
        return {("admin1", a) for a in ev.admin1} | ({("agent+admin1", ev.actor1)} if agent else set())
    return {("agent", ev.actor1)} if agent else set()


def _near_locations(locs: set[tuple]) -> dict[tuple, list[tuple]]:
    """For every location, the locations it is near: points within GROUP_KM (grid cells), else itself."""
    cells: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    for loc in locs:
        if loc[0] == "pt":
            cells[(math.floor(loc[1] / CELL_DEG), math.floor(loc[2] / CELL_DEG))].append(loc)
    near: dict[tuple, list[tuple]] = {}
    for loc in locs:
        if loc[0] == "agent":
            near[loc] = [loc, ("agent+admin1", loc[1])]
            continue
        if loc[0] == "agent+admin1":
            near[loc] = [("agent", loc[1])]  # two placed events compare by governorate, not by agent
            continue
        if loc[0] != "pt":
            near[loc] = [loc]
            continue
        ci, cj = math.floor(loc[1] / CELL_DEG), math.floor(loc[2] / CELL_DEG)
        near[loc] = [o for i in (-1, 0, 1) for j in (-1, 0, 1) for o in cells.get((ci + i, cj + j), ())
                     if _km(loc[1:], o[1:]) <= GROUP_KM]
    return near


def assign_groups(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with ``group_id`` filled: the rows of one event, and reports of the same event, share it.

    Events are put in buckets of one (kind, day, side, exact location). Two buckets whose kinds
    match, days are within GROUP_DAYS, sides are compatible and locations near each other relate
    all their events as soon as they hold two documents between them (an event relates to every
    event of another document in such a pair of buckets), so the components are found bucket by
    bucket, not pair by pair: the same groups as :func:`same_event` over all pairs, far faster.
    """
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

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the earliest event names the group

    connected: set[tuple] = set()

    def connect_bucket(key: tuple) -> None:
        """Join the events of a bucket (once): they all relate to the events of a paired bucket."""
        if key not in connected:
            connected.add(key)
            first, *rest = buckets[key]
            for k in rest:
                union(first, k)

    buckets: dict[tuple, list[int]] = defaultdict(list)
    for k, ev in enumerate(events):
        if ev.day is not None:
            for loc in _locations(ev):
                buckets[(ev.kind, ev.day, ev.side, loc)].append(k)
    docs = {key: {events[k].doc_id for k in members} for key, members in buckets.items()}
    near = _near_locations({key[3] for key in buckets})
    all_sides = {key[2] for key in buckets}
    for key, members in buckets.items():
        kind, day, side, loc = key
        sides = all_sides if side is None else (side, None)
        for other_loc in near[loc]:
            for other_day in range(day - GROUP_DAYS, day + GROUP_DAYS + 1):
                for other_side in sides:
                    other_key = (kind, other_day, other_side, other_loc)
                    others = buckets.get(other_key)
                    if others is None or len(docs[key] | docs[other_key]) < 2:
                        continue
                    connect_bucket(key)
                    connect_bucket(other_key)
                    union(members[0], others[0])
    root_id: dict[int, str] = {}
    group_ids = []
    for j in row_event:
        r = find(j)
        if r not in root_id:
            root_id[r] = "g_" + hashlib.sha1(events[r].first_id.encode()).hexdigest()[:12]
        group_ids.append(root_id[r])
    df["group_id"] = group_ids
    return df
