"""The map page in a real browser at 1,000 / 10,000 / 100,000 events (median of 3 each).

A synthetic table (the fixture's rows repeated, no real data) spreads the events over thousands of
made-up places in north-west Syria, with every layer, side and precision (some region-level events on
admin units). For each size the dashboard (app.py) is served by ``streamlit run`` and opened in headless
Chromium (Debian's, through Playwright), every non-local request blocked:

* **payload**: bytes the server sends over the websocket while the map page loads (the map iframe's
  arguments are nearly all of it), and the event layers' own share;
* **navigation → drawn**: from opening /map to the event layers reporting every expected event drawn;
* **filter → redrawn**: from the keystroke that changes the Party filter in the sidebar (Enter on the
  party typed in the open box, Backspace to remove it) to the map reporting the filtered count (party on,
  off, on);
* **server script**: the map page script's own time per rerun (``map_script_s``, streamlit.testing).

Run: ``python bench/bench_map_browser.py [N ...]`` (or ``make bench``).
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
N_PLACES = 2_500
SIDES = ("pro-government", "turkey", "opposition")
ACTOR_OF = {"pro-government": "russia", "turkey": "turkey", "opposition": "nlf"}
TYPES = {"airstrike": "strike", "shelling": "strike", "drone_strike": "strike", "armed_clash": "ground",
         "territory_taken": "advance", "withdrawal": "advance", "joint_patrol": "other"}
PARTY = "turkey"


def synthetic_events(n: int, places: int = N_PLACES, seed: int = 11) -> pd.DataFrame:
    """``n`` events over ``places`` made-up places (70 % exact, 20 % near, 10 % region-level)."""
    from bench.bench_dashboard import synthetic_table
    from core.views import maps

    rng = np.random.default_rng(seed)
    df = synthetic_table(n, seed=seed)
    place = rng.integers(0, places, n)
    place_lat = rng.uniform(35.2, 36.6, places).round(5)
    place_lon = rng.uniform(36.2, 37.4, places).round(5)
    df["lat"], df["lon"] = place_lat[place], place_lon[place]
    df["place_ar"] = [f"موقع {i}" for i in place]
    df["place_en"] = [f"Place {i}" for i in place]
    df["pcode"] = [f"X{i:05d}" for i in place]
    types = rng.choice(list(TYPES), n, p=[0.25, 0.25, 0.1, 0.15, 0.1, 0.05, 0.1])
    df["type"], df["layer"] = types, [TYPES[t] for t in types]
    precision = rng.choice([1, 2, 3], n, p=[0.7, 0.2, 0.1])
    df["geo_precision"] = pd.array(precision, dtype="Int64")
    df["geo_status"] = np.where(precision == 3, "region", "resolved")
    units = sorted(p for p in maps.admin_pcodes() if p.startswith("SY07") and len(p) == 8) or ["SY07"]
    region = precision == 3
    df.loc[region, "pcode"] = rng.choice(units, int(region.sum()))
    df["date"] = pd.Timestamp("2019-12-01") + pd.to_timedelta(rng.integers(0, 120, n), unit="D")
    df["date_start"] = df["date_end"] = df["date"]
    df["evidence"] = [f"نص تجريبي رقم {i}" for i in range(n)]
    return df


def expected_drawn(df: pd.DataFrame) -> int:
    from core.views import maps

    return maps.map_counts(df)["visible"]


# ---- the browser side -----------------------------------------------------------------------------

def _map_frame(page):
    from tests import browser_harness as bh

    frames = bh.map_frames(page)
    return frames[0] if frames else None


def _wait_drawn(page, n: int, timeout: float) -> float:
    """Seconds until the map reports ``n`` drawn events (polled every 50 ms)."""
    from tests import browser_harness as bh

    t0 = time.perf_counter()
    bh.wait_for_drawn(page, n, timeout=timeout, poll_ms=50)
    return time.perf_counter() - t0


def _party_open(page, on: bool) -> None:
    """Open the Party box (and type the party's name when choosing one): the analyst's reach, not the
    dashboard's reaction."""
    party = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Party").first
    party.locator("input").click()
    if on:
        page.keyboard.type("Turkey")
        page.get_by_role("option", name=re.compile("Turkey")).first.wait_for()


def _party_change(page, on: bool) -> None:
    """The keystroke that changes the filter: Enter chooses the party, Backspace removes it."""
    page.keyboard.press("Enter" if on else "Backspace")


def browser_figures(server_url: str, df: pd.DataFrame, repeat: int = 3, timeout: float = 180.0) -> dict:
    from tests import browser_harness as bh

    n_all = expected_drawn(df)
    n_party = expected_drawn(df[df["actor1_side"] == PARTY])
    loads, payloads, filters, problems = [], [], [], []
    with bh.launch_browser() as browser:
        for _ in range(repeat):
            page = bh.open_page(browser)
            received = []
            page.on("websocket", lambda ws, r=received: ws.on("framereceived", lambda f: r.append(len(f))))
            t0 = time.perf_counter()
            page.goto(server_url + "/map")
            bh.wait_for_map(page, timeout=timeout)
            bh.wait_for_drawn(page, n_all, timeout=timeout, poll_ms=50)
            loads.append(time.perf_counter() - t0)
            bh.wait_for_app(page, timeout=timeout)
            payloads.append(sum(received))
            for on, n in ((True, n_party), (False, n_all), (True, n_party)):
                _party_open(page, on)
                t1 = time.perf_counter()
                _party_change(page, on)
                bh.wait_for_drawn(page, n, timeout=timeout, poll_ms=50)
                filters.append(time.perf_counter() - t1)
                page.keyboard.press("Escape")
                bh.wait_for_app(page, timeout=timeout)
            problems += page.watch.problems(console=False)
            page.context.close()
    return {"payload_bytes": statistics.median(payloads), "load_s": statistics.median(loads),
            "filter_s": statistics.median(filters), "drawn": n_all, "drawn_party": n_party,
            "external": problems}


def server_figures(path: Path, repeat: int = 3) -> dict:
    """The map page script's own time per rerun (median of ``repeat`` party changes), its payload size."""
    import os

    from streamlit.testing.v1 import AppTest

    previous = os.environ.get("RASD_EVENTS")
    os.environ["RASD_EVENTS"] = str(path)
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.run()
        at.switch_page("pages/map.py").run()
        times, sizes = [], []
        for i in range(repeat * 2):
            at.sidebar.multiselect(key="f_sides").set_value([PARTY] if i % 2 == 0 else [])
            at.run()
            if at.exception:
                raise RuntimeError(at.exception)
            times.append(at.session_state["map_script_s"])
            sizes.append(at.session_state["map_payload_bytes"])
        return {"script_s": statistics.median(times), "layers_bytes_all": max(sizes)}
    finally:
        if previous is None:
            os.environ.pop("RASD_EVENTS", None)
        else:
            os.environ["RASD_EVENTS"] = previous


def run(sizes=SIZES, repeat: int = 3) -> dict[int, dict]:
    from tests import browser_harness as bh

    results = {}
    for n in sizes:
        df = synthetic_events(n)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "events.parquet"
            df.to_parquet(path, index=False)
            figures = server_figures(path, repeat)
            server = bh.start_app("app.py", env={"RASD_EVENTS": str(path)}, name=f"bench-map-{n}")
            try:
                figures.update(browser_figures(server.url, df, repeat))
            finally:
                server.stop()
        results[n] = figures
    return results


def report(results: dict[int, dict]) -> str:
    lines = ["Map page in headless Chromium, synthetic events over 2,500 places (median of 3)",
             f"  {'events':>8} {'drawn':>8} {'websocket':>10} {'layers':>9} {'nav→drawn':>10} "
             f"{'filter→redrawn':>15} {'server script':>14}"]
    for n, r in results.items():
        lines.append(f"  {n:>8,} {r['drawn']:>8,} {r['payload_bytes'] / 1e6:>8.2f}MB {r['layers_bytes_all'] / 1e6:>7.2f}MB "
                     f"{r['load_s']:>9.2f}s {r['filter_s']:>14.2f}s {r['script_s']:>13.2f}s")
        if r["external"]:
            lines.append(f"           problems: {r['external'][:3]}")
    return "\n".join(lines)


if __name__ == "__main__":
    chosen = tuple(int(a) for a in sys.argv[1:]) or SIZES
    print(report(run(chosen)))
