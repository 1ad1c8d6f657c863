"""Benchmark of the image exports (prints cold/warm times; asserts only loose sanity)."""

from __future__ import annotations

import pytest

from tests.export_helpers import seed_table


@pytest.mark.bench
@pytest.mark.browser
def test_bench_exports(capsys):
    from bench import bench_exports

    events = seed_table()
    results = bench_exports.run(events, repeat=2, write=False)
    with capsys.disabled():
        print()
        print(bench_exports.report(results, len(bench_exports.FILTERS.apply(events)), "seed corpus"))
    assert set(results) == {label for label, _, _ in bench_exports.CASES}
    for label, r in results.items():
        assert r["bytes"] > 10_000, label
        assert 0 < r["warm"] < 120 and 0 < r["cold"] < 180, (label, r)
    # a warm view image reuses the running browser: it should not cost a browser start
    view = results["view PNG 1600x1000"]
    assert view["warm"] < view["cold"] + 1.0
