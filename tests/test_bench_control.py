"""Benchmark of the areas of control: 100,000 events, 8,000 communities (prints its figures)."""

from __future__ import annotations

import pytest


@pytest.mark.bench
def test_bench_control(capsys):
    from bench import bench_control

    results = bench_control.run(100_000, 8_000, n_days=4)
    with capsys.disabled():
        print()
        print(bench_control.report(results))
    assert results["claims"] > 50_000 and results["busiest"] is not None
    assert max(results["state"]) <= bench_control.STATE_LIMIT_S  # the limit: ≤ 2 s per date
    assert results["bytes"] <= bench_control.BROWSER_LIMIT_BYTES  # a date's areas in the browser: ≤ 2 MB
    assert results["outlined_bytes"] <= bench_control.BROWSER_LIMIT_BYTES
    assert max(results["map"]) < 10 and results["cached"] < 0.05  # areas + line: cold once, then cached
