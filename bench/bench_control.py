"""Areas of control at scale: 100,000 events over 8,000 communities.

Run: ``python bench/bench_control.py [--events 100000] [--communities 8000] [--days 6]`` (or ``make bench``).
The table is synthetic: the gazetteer's OCHA communities (all of them, ~7,700; the rest up to
``--communities`` are extra P-codes without a cell, so the state still covers that many), a front that moves
west over a year, 70 % territory events (taken / withdrawal, 5 % of them claiming the wrong side: same-day
conflicts happen) and 30 % strikes. Figures printed:

* model: building the claims once (the table is read once per session);
* state per day: the controller of every community as of a day (the issue's ≤ 2 s per date);
* control map per day: state + cells + dissolved areas + front line, cold (the first time a day is drawn);
* browser: the folium map of the day with the most held communities, in bytes (≤ 2 MB), and of the largest
  day whose cells are drawn one by one (outlines with tooltips).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.control import cells as cells_mod  # noqa: E402
from core.control.areas import ControlMaps  # noqa: E402
from core.control.model import ControlModel  # noqa: E402

START = pd.Timestamp("2019-04-01")
SPAN_DAYS = 365
STATE_LIMIT_S = 2.0
BROWSER_LIMIT_BYTES = 2_000_000


def synthetic_table(n_events: int, n_communities: int, seed: int = 7) -> tuple[pd.DataFrame, int]:
    """(events, how many communities have a cell)."""
    rng = np.random.default_rng(seed)
    cells = cells_mod.load_cells()
    pcodes = list(cells["pcode"])
    lons, lats = list(cells["lon"]), list(cells["lat"])
    extra = max(0, n_communities - len(pcodes))
    pcodes += [f"C9{i:05d}" for i in range(extra)]
    lons += list(rng.uniform(36.0, 37.5, extra))
    lats += list(rng.uniform(35.0, 36.5, extra))
    pcodes, lons, lats = np.array(pcodes[:n_communities]), np.array(lons[:n_communities]), np.array(lats[:n_communities])
    place = rng.integers(0, len(pcodes), n_events)
    day = rng.integers(0, SPAN_DAYS, n_events)
    front = 38.5 - 2.0 * day / SPAN_DAYS + 0.15 * np.sin(lats[place] * 7)  # moves west over the year
    side = np.where(lons[place] > front, "pro-government", "opposition")
    wrong = rng.random(n_events) < 0.05
    side = np.where(wrong, np.where(side == "opposition", "pro-government", "opposition"), side)
    kind = rng.random(n_events)
    types = np.where(kind < 0.6, "territory_taken", np.where(kind < 0.7, "withdrawal", "shelling"))
    actor1_side = np.where(types == "withdrawal", np.where(side == "opposition", "pro-government", "opposition"), side)
    events = pd.DataFrame({
        "event_id": [f"e{i}" for i in range(n_events)], "doc_id": [f"d{i // 4}" for i in range(n_events)],
        "type": types, "layer": np.where(types == "shelling", "strike", "advance"),
        "date": START + pd.to_timedelta(day, unit="D"), "actor1_side": actor1_side, "actor2_side": None,
        "pcode": pcodes[place], "lat": lats[place], "lon": lons[place], "geo_precision": 1,
        "evidence": "سيطرت القوات على البلدة", "summary": "", "outlet": "bench", "url": "",
        "published": START + pd.to_timedelta(day, unit="D"), "place_en": "", "place_ar": "",
        "confidence": rng.uniform(0.5, 1.0, n_events), "group_id": "",
    })
    return events, int(np.isin(pcodes, cells["pcode"]).sum())


def run(n_events: int = 100_000, n_communities: int = 8_000, n_days: int = 6) -> dict:
    from core.views import control_layer

    cells_mod.load_cells()  # built once and cached on disk: not part of a day's cost
    events, with_cells = synthetic_table(n_events, n_communities)
    t = time.perf_counter()
    model = ControlModel(events)
    build = time.perf_counter() - t
    days = [START + pd.Timedelta(days=int(d)) for d in np.linspace(30, SPAN_DAYS - 1, n_days)]
    state_times, map_times, held = [], [], []
    maps = ControlMaps(model)
    for day in days:
        t = time.perf_counter()
        state = model.state(day)
        state_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        control = maps.at(day)
        map_times.append(time.perf_counter() - t)
        held.append((len(state), len(control.cells), day))
    t = time.perf_counter()
    maps.at(days[-1])
    cached = time.perf_counter() - t
    _, _, busiest = max(held)
    t = time.perf_counter()
    fmap = control_layer.build_control_map(maps.at(busiest), events[(events["layer"] == "strike")
                                                                    & (events["date"] == busiest)], window="day")
    size = control_layer.map_html_size(fmap)
    draw = time.perf_counter() - t
    # the largest day whose cells are drawn one by one (outlines + tooltips): MAX_CELL_OUTLINES communities
    outlined_pcodes = set(maps.at(busiest).cells["pcode"][:control_layer.MAX_CELL_OUTLINES])
    outlined = ControlMaps(ControlModel(events[events["pcode"].isin(outlined_pcodes)])).at(busiest)
    outlined_bytes = control_layer.map_html_size(control_layer.build_control_map(outlined))
    return {"outlined": len(outlined.cells), "outlined_bytes": outlined_bytes,
            "events": n_events, "communities": n_communities, "with_cells": with_cells, "claims": len(model.claims),
            "build": build, "state": state_times, "map": map_times, "cached": cached, "held": held,
            "busiest": busiest, "bytes": size, "draw": draw, "contested": int(
                (model.state(busiest)["controller"] == "contested").sum())}


def report(r: dict) -> str:
    lines = [f"areas of control: {r['events']:,} events, {r['communities']:,} communities "
             f"({r['with_cells']:,} with an OCHA cell), {r['claims']:,} claims",
             f"  model (claims, sorted once)        {r['build']:.3f} s",
             f"  state per day                      median {statistics.median(r['state']):.3f} s, "
             f"max {max(r['state']):.3f} s (limit {STATE_LIMIT_S:.0f} s)",
             f"  control map per day (cold)         median {statistics.median(r['map']):.3f} s, "
             f"max {max(r['map']):.3f} s (state + cells + areas + front line)",
             f"  control map per day (cached)       {r['cached'] * 1000:.2f} ms"]
    for n_state, n_cells, day in r["held"]:
        lines.append(f"    {day:%Y-%m-%d}: {n_state:,} communities held, {n_cells:,} cells drawn")
    lines.append(f"  browser map of {r['busiest']:%Y-%m-%d} ({r['contested']} contested): {r['bytes'] / 1e6:.2f} MB "
                 f"(limit {BROWSER_LIMIT_BYTES / 1e6:.0f} MB), built in {r['draw']:.2f} s")
    lines.append(f"  browser map with {r['outlined']:,} cells outlined (tooltips): {r['outlined_bytes'] / 1e6:.2f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--communities", type=int, default=8_000)
    parser.add_argument("--days", type=int, default=6)
    args = parser.parse_args(argv)
    print(report(run(args.events, args.communities, args.days)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
