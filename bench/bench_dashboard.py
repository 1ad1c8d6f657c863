"""Dashboard responsiveness on a large event table: what a filter change costs.

A synthetic table of N events is made by repeating the fixture's rows with shifted dates,
parties and places (no real data). Timed: reading the table, each filter, the place search,
"grouped once", the timeline's daily counts and figure, one page of event cards, and the
Overview page through streamlit.testing (cold first run, then a warm rerun after a filter
change: the cached table is not read again), then the Timeline and Map pages (the map draws every event
as canvas layers; bench/bench_map_browser.py measures it in a real browser).

Run: ``python bench/bench_dashboard.py [N_EVENTS]`` (default 200,000).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from core.table.query import Filters  # noqa: E402
from core.table.store import read_table  # noqa: E402
from core.views import timeline  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "events_sample.csv"
SIDES = ("pro-government", "turkey", "opposition")
ACTOR_OF = {"pro-government": "russia", "turkey": "turkey", "opposition": "nlf"}


def synthetic_table(n: int, seed: int = 7) -> pd.DataFrame:
    base = read_table(FIXTURE)
    rng = np.random.default_rng(seed)
    rows = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    shift = pd.to_timedelta(rng.integers(-60, 60, n), unit="D")
    for col in ("date", "date_start", "date_end", "published"):
        rows[col] = rows[col] + shift
    sides = rng.choice(SIDES, n)
    rows["actor1_side"] = sides
    rows["actor1"] = [ACTOR_OF[s] for s in sides]
    rows["event_id"] = [f"s{i}" for i in range(n)]
    rows["group_id"] = [f"g{i // 2}" for i in range(n)]  # pairs of reports of one event
    rows["confidence"] = rng.uniform(0.3, 1.0, n).round(2)
    return rows


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def run(n: int, app: bool = True) -> dict[str, dict]:
    df = synthetic_table(n)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.parquet"
        df.to_parquet(path, index=False)
        seconds, table = timed(lambda: read_table(path), repeat=2)
        results["read + validate table"] = {"s": seconds, "rows": len(table)}
        cases = {
            "party = turkey (agent)": Filters(sides=("turkey",), side_role="actor1"),
            "type = shelling": Filters(types=("shelling",)),
            "dates: one month": Filters(date_from=date(2020, 2, 1), date_to=date(2020, 2, 29)),
            "place search سراقب": Filters(place="سراقب"),
            "grouped reports once": Filters(grouped_once=True),
            "all filters at once": Filters(sides=("turkey",), layers=("strike",), place="سراقب",
                                           min_confidence=0.5, date_from=date(2020, 1, 1)),
        }
        for label, f in cases.items():
            seconds, out = timed(lambda f=f: f.apply(table))
            results[label] = {"s": seconds, "rows": len(out)}
        seconds, fig = timed(lambda: timeline.timeline_figure(table, by="side"), repeat=3)
        results["timeline figure (per day, by party)"] = {"s": seconds, "rows": len(table)}
        seconds, cards = timed(lambda: timeline.event_cards(table.head(50)))
        results["one page of event cards (50)"] = {"s": seconds, "rows": len(cards)}
        if app:
            results.update(_app_timings(path))
    return results


def _app_timings(path: Path) -> dict[str, dict]:
    """Timings of the real pages on ``path`` (RASD_EVENTS is set for the run and restored after it)."""
    previous = os.environ.get("RASD_EVENTS")
    os.environ["RASD_EVENTS"] = str(path)
    try:
        return _page_timings()
    finally:
        if previous is None:
            os.environ.pop("RASD_EVENTS", None)
        else:
            os.environ["RASD_EVENTS"] = previous


def _page_timings() -> dict[str, dict]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    t0 = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(at.exception)
    cold_rows = at.session_state["overview_events"]
    at.sidebar.multiselect(key="f_sides").set_value(["turkey"])
    t0 = time.perf_counter()
    at.run()
    warm = time.perf_counter() - t0
    out = {"Overview page, first run": {"s": cold, "rows": cold_rows},
           "Overview page, party changed": {"s": warm, "rows": at.session_state["overview_events"]}}
    for page, label, key in (("pages/timeline.py", "Timeline page", "timeline_events"),
                             ("pages/map.py", "Map page (every filtered event, canvas)", "map_events")):
        t0 = time.perf_counter()
        at.switch_page(page).run()
        out[label] = {"s": time.perf_counter() - t0, "rows": at.session_state[key]}
        if at.exception:
            raise RuntimeError(at.exception)
    return out


def report(results: dict[str, dict], n: int) -> str:
    lines = [f"Dashboard on a synthetic table of {n:,} events (median seconds)"]
    for label, r in results.items():
        lines.append(f"  {label:<40} {r['s'] * 1000:9.1f} ms   rows {r['rows']:>9,}")
    return "\n".join(lines)


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    print(report(run(size), size))
