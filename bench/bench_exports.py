"""Export timings: the view image (headless Chromium) and the print map, cold and warm.

Run: ``python bench/bench_exports.py [--events data/build/events.parquet] [--repeat 3]``
(or ``make bench``). "Cold" is the first export with nothing cached: for the view image the
browser is started; for the print map the fonts and boundaries are loaded. "Warm" is the median
of the following exports. Files are written to bench/out/ (ignored by git) for a look.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.exports import files as exports  # noqa: E402
from core.exports import print_map, view_image  # noqa: E402
from core.table.query import Filters  # noqa: E402

OUT = ROOT / "bench" / "out"
FIXTURE = ROOT / "tests" / "fixtures" / "events_sample.csv"
FILTERS = Filters(layers=("strike", "ground", "advance"))

# (label, format, export options)
CASES = (
    ("view PNG 1600x1000", "png", {}),
    ("print map PNG 300 dpi", "print-png", {}),
    ("print map SVG", "svg", {}),
    ("print map PDF", "pdf", {}),
)


def load_events(path: str | None):
    from core.table.store import read_table

    candidates = [Path(path)] if path else [ROOT / "data" / "build" / "events.parquet", FIXTURE]
    for candidate in candidates:
        if candidate.exists():
            return read_table(candidate), candidate
    raise SystemExit(f"no event table found among {', '.join(map(str, candidates))} (run `make table`)")


def make_cold() -> None:
    """Forget what a first export pays for: the browser, fonts, boundaries."""
    view_image.close_browser()
    print_map.base_layers.cache_clear()
    print_map.arabic_font_family.cache_clear()
    exports.acled_mapping.cache_clear()


def run(events=None, repeat: int = 3, write: bool = True) -> dict[str, dict[str, float]]:
    """{case: {"cold": s, "warm": s, "bytes": n}} for every case in :data:`CASES`."""
    if events is None:
        events, _ = load_events(None)
    results: dict[str, dict[str, float]] = {}
    make_cold()
    for label, fmt, options in CASES:
        times, content, name = [], b"", ""
        for _ in range(1 + repeat):
            t0 = time.perf_counter()
            content, _mime, name = exports.export_bytes(events, fmt, filters=FILTERS, title="Rasd benchmark",
                                                        **options)
            times.append(time.perf_counter() - t0)
        results[label] = {"cold": times[0], "warm": statistics.median(times[1:]) if repeat else float("nan"),
                          "bytes": float(len(content))}
        if write:
            OUT.mkdir(parents=True, exist_ok=True)
            (OUT / name).write_bytes(content)
    return results


def report(results: dict[str, dict[str, float]], n_events: int, source: Path | str) -> str:
    lines = [f"export timings ({n_events} events in {source}, filter: {FILTERS.describe()})",
             f"{'export':<24}{'cold s':>9}{'warm s':>9}{'size kB':>10}"]
    for label, r in results.items():
        lines.append(f"{label:<24}{r['cold']:>9.2f}{r['warm']:>9.2f}{r['bytes'] / 1024:>10.0f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", help="event table (default: data/build/events.parquet, else the test fixture)")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per export")
    args = parser.parse_args(argv)
    events, source = load_events(args.events)
    results = run(events, repeat=args.repeat)
    print(report(results, len(FILTERS.apply(events)), source))
    view_image.close_browser()
    return 0


if __name__ == "__main__":
    sys.exit(main())
