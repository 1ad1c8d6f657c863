"""Benchmark of the dashboard's data path on a large synthetic table (prints timings; loose sanity only)."""

from __future__ import annotations

import pytest


@pytest.mark.bench
def test_bench_dashboard(capsys, monkeypatch):
    from bench import bench_dashboard

    monkeypatch.setenv("RASD_CORPUS", "data/corpus")
    n = 100_000
    results = bench_dashboard.run(n)
    with capsys.disabled():
        print()
        print(bench_dashboard.report(results, n))
    assert results["read + validate table"]["rows"] == n
    assert 0 < results["party = turkey (agent)"]["rows"] < n
    assert results["grouped reports once"]["rows"] <= n // 2 + 1
    assert results["Overview page, party changed"]["rows"] == results["party = turkey (agent)"]["rows"]
    for label, r in results.items():
        assert 0 < r["s"] < 120, (label, r)
