"""Where the map page's time goes, from a real-browser run (headless Chromium, performance APIs).

Opens /map of a dashboard served by ``streamlit run`` (the synthetic table of bench_map_browser.py) and
prints a timeline from navigation (ms, one clock for the page and the map iframe: ``performance.timeOrigin``
+ ``performance.now()``):

* the page: its HTML, Streamlit's own scripts (resource timings), the websocket opened, each script run
  seen by the browser (``data-test-script-state`` running → notRunning: how many runs, how long);
* the map iframe: created, its scripts and styles (Leaflet, leaflet-heat, streamlit-folium's bundle),
  the map made (``window.map``), the event layers reporting their drawn counts (``data-rasd-drawn``);
* long tasks (> 50 ms) on the page's and the iframe's main thread, and the websocket frames' sizes.

Run: ``python bench/map_load_breakdown.py [N] [--repeat K] [--filter]`` (default 100,000 events, 2 loads).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Runs in the page and in every frame before their own scripts: marks on one clock (epoch ms).
PROBE = r"""
(() => {
  const T = () => performance.timeOrigin + performance.now();
  const log = window.__rasdProbe = [];
  const mark = (what, extra) => log.push([T(), what, extra === undefined ? null : extra]);
  mark('frame start', location.pathname);
  try {
    new PerformanceObserver(list => list.getEntries().forEach(e =>
      log.push([performance.timeOrigin + e.startTime, 'longtask', Math.round(e.duration)])))
      .observe({type: 'longtask', buffered: true});
  } catch (e) {}
  let mapSet = false, mapValue;
  try {
    Object.defineProperty(window, 'map', {configurable: true, get() { return mapValue; },
      set(v) { if (!mapSet) { mapSet = true; mark('window.map set'); } mapValue = v; }});
  } catch (e) {}
  let rasdValue;  // the event layers' runtime: each draw of a points layer, how long, how many painted
  try {
    Object.defineProperty(window, 'rasd', {configurable: true, get() { return rasdValue; }, set(v) {
      rasdValue = v;
      queueMicrotask(() => {
        const P = v.Points && v.Points.prototype, draw = P && P.draw;
        if (!draw || draw.__probed) { return; }
        P.draw = function (ctx) {
          const t = performance.now(), out = draw.call(this, ctx);
          mark('points draw', `${this.entry.key} ${Math.round(performance.now() - t)} ms, ` +
               `${this.painted === undefined ? '?' : this.painted} painted of ${this.entry.n}`);
          return out;
        };
        P.draw.__probed = true;
      });
    }});
  } catch (e) {}
  const watch = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && !app.__rasdWatched) {
      app.__rasdWatched = true;
      mark('script state', app.getAttribute('data-test-script-state'));
      new MutationObserver(() => mark('script state', app.getAttribute('data-test-script-state')))
        .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    }
    document.querySelectorAll('iframe').forEach(f => {
      if (!f.__rasdSeen) { f.__rasdSeen = true; mark('iframe inserted', f.title || f.src); }
    });
    document.querySelectorAll('.leaflet-container').forEach(c => {
      if (!c.__rasdWatched) {
        c.__rasdWatched = true;
        mark('leaflet container');
        new MutationObserver(() => mark('drawn', c.dataset.rasdDrawn))
          .observe(c, {attributes: true, attributeFilter: ['data-rasd-drawn']});
      }
    });
  };
  // A component iframe starts as about:blank and keeps its window when its page loads: watch whichever
  // document is current.
  let observed = null;
  const observe = () => {
    if (observed !== document) {
      observed = document;
      new MutationObserver(watch).observe(document, {childList: true, subtree: true});
      document.addEventListener('DOMContentLoaded', () => mark('DOMContentLoaded'));
    }
    watch();
  };
  observe();
  const timer = setInterval(observe, 20);
  window.addEventListener('load', () => { mark('load'); observe(); setTimeout(() => clearInterval(timer), 60000); });
})();
"""

COLLECT = """() => ({origin: performance.timeOrigin, probe: window.__rasdProbe || [],
  resources: performance.getEntriesByType('resource').map(r => [performance.timeOrigin + r.startTime,
    performance.timeOrigin + r.responseEnd, r.name, r.transferSize || r.encodedBodySize || 0, r.initiatorType])})"""


def collect(page) -> list[tuple[float, str, str]]:
    """(epoch ms, frame, what) of the page and its frames, time-ordered."""
    out = []
    for frame in page.frames:
        name = "page" if frame == page.main_frame else "iframe"
        try:
            data = frame.evaluate(COLLECT)
        except Exception:  # a frame that went away
            continue
        for t, what, extra in data["probe"]:
            out.append((t, name, f"{what}{'' if extra is None else ' ' + str(extra)}"))
        for start, end, url, size, kind in data["resources"]:
            short = url.split("/")[-1][:60] if "component" in url or "static" in url else url[-60:]
            out.append((end, name, f"resource {kind} {short} {size / 1e3:.0f} kB ({end - start:.0f} ms)"))
    return sorted(out)


def summarise(events, t0: float, frames: list[tuple[float, int]]) -> list[str]:
    lines = []
    longtasks = {"page": 0, "iframe": 0}
    runs = []
    run_start = None
    for t, frame, what in events:
        if what.startswith("longtask"):
            ms = int(what.split()[1])
            longtasks[frame] += ms
            if ms < 200:
                continue
        if what.startswith("script state"):
            state = what.split()[-1]
            if state == "running" and run_start is None:
                run_start = t
            elif state == "notRunning" and run_start is not None:
                runs.append((run_start - t0, t - run_start))
                run_start = None
        lines.append(f"  {t - t0:>8.0f} ms  {frame:<6} {what}")
    lines.append(f"  script runs seen (start ms, length ms): {[(round(a), round(b)) for a, b in runs]}")
    lines.append(f"  long tasks total: page {longtasks['page']} ms, iframe {longtasks['iframe']} ms")
    big = sorted(frames, key=lambda f: -f[1])[:5]
    lines.append(f"  websocket frames: {len(frames)}, {sum(s for _, s in frames) / 1e6:.2f} MB; largest "
                 + ", ".join(f"{s / 1e6:.2f} MB at {t - t0:.0f} ms" for t, s in big))
    return lines


def one_load(browser, url: str, n_drawn: int, timeout: float, do_filter: bool, n_party: int) -> list[str]:
    from bench.bench_map_browser import _party_change, _party_open
    from tests import browser_harness as bh

    page = bh.open_page(browser)
    page.add_init_script(PROBE)
    frames: list[tuple[float, int]] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append((time.time() * 1000, len(f)))))
    t0 = time.time() * 1000
    page.goto(url + "/map")
    bh.wait_for_map(page, timeout=timeout)
    bh.wait_for_drawn(page, n_drawn, timeout=timeout, poll_ms=50)
    wall = time.time() * 1000 - t0
    bh.wait_for_app(page, timeout=timeout)
    out = [f"navigation → drawn {wall / 1000:.2f} s (load {os.getloadavg()[0]:.2f})"]
    out += summarise(collect(page), t0, frames)
    if do_filter:
        for on, n in ((True, n_party), (False, n_drawn)):
            del frames[:]
            page.evaluate("() => { window.__rasdProbe.length = 0; }")
            for frame in page.frames[1:]:
                frame.evaluate("() => { (window.__rasdProbe || []).length = 0; "
                               "performance.clearResourceTimings(); }")
            t1 = time.time() * 1000
            _party_open(page, on)
            t2 = time.time() * 1000
            _party_change(page, on)
            bh.wait_for_drawn(page, n, timeout=timeout, poll_ms=50)
            t3 = time.time() * 1000
            page.keyboard.press("Escape")
            out.append(f"filter {'on' if on else 'off'}: opening the box {(t2 - t1) / 1000:.2f} s, "
                       f"change → redrawn {(t3 - t2) / 1000:.2f} s")
            t1 = t2
            out += summarise(collect(page), t1, frames)
            bh.wait_for_app(page, timeout=timeout)
    out += [f"problems: {page.watch.problems(console=False)}"]
    page.context.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--filter", action="store_true", help="also a party filter on and off")
    parser.add_argument("--timeout", type=float, default=180.0)
    args = parser.parse_args()

    from bench.bench_map_browser import PARTY, expected_drawn, synthetic_events
    from tests import browser_harness as bh

    df = synthetic_events(args.n)
    n_all, n_party = expected_drawn(df), expected_drawn(df[df["actor1_side"] == PARTY])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.parquet"
        df.to_parquet(path, index=False)
        t_start = time.perf_counter()
        server = bh.start_app("app.py", env={"RASD_EVENTS": str(path)}, name=f"breakdown-{args.n}")
        print(f"{args.n:,} events ({n_all:,} drawn); server healthy after {time.perf_counter() - t_start:.1f} s")
        try:
            with bh.launch_browser() as browser:
                for i in range(args.repeat):
                    print(f"-- load {i + 1} ({'cold server' if i == 0 else 'warm server'})")
                    print("\n".join(one_load(browser, server.url, n_all, args.timeout, args.filter, n_party)))
        finally:
            server.stop()
        print(json.dumps({"uptime": os.getloadavg()}))


if __name__ == "__main__":
    main()
