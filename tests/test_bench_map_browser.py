"""Benchmark of the map page in a real browser at 1,000 / 10,000 / 100,000 events (prints the figures;
asserts only what must hold at any speed: every event drawn, nothing fetched from outside)."""

from __future__ import annotations

import pytest


@pytest.mark.bench
@pytest.mark.browser
def test_bench_map_browser(capsys):
    from bench import bench_map_browser

    results = bench_map_browser.run()
    with capsys.disabled():
        print()
        print(bench_map_browser.report(results))
    for n, r in results.items():
        assert r["external"] == [], (n, r["external"])
        assert 0 < r["drawn_party"] < r["drawn"] <= n
        assert 0 < r["load_s"] < 300 and 0 < r["filter_s"] < 300 and 0 < r["script_s"] < 60, (n, r)
    # the event layers stay compact: 100,000 events in well under 5 MB
    assert results[100_000]["layers_bytes_all"] < 5e6
