"""Benchmark of the dashboard's data path on a large synthetic table (prints timings; loose sanity only)."""

from __future__ import annotations

import os

import pytest


@pytest.mark.bench
def test_bench_dashboard(capsys, monkeypatch):
    from bench import bench_dashboard

    monkeypatch.setenv("RASD_CORPUS", "data/corpus")
    monkeypatch.delenv("RASD_EVENTS", raising=False)
    n = 100_000
    results = bench_dashboard.run(n)
    with capsys.disabled():
        print()
        print(bench_dashboard.report(results, n))
    assert "RASD_EVENTS" not in os.environ  # the benchmark restores the environment (later tests read it)
    assert results["read + validate table"]["rows"] == n
    assert 0 < results["party = turkey (agent)"]["rows"] < n
    assert n // 2 <= results["grouped reports once"]["rows"] < n  # pairs of reports at one place merge
    assert results["Overview page, party changed"]["rows"] == results["party = turkey (agent)"]["rows"]
    # the map draws every event of the filtered view (no cap): the party filter set above still applies
    assert results["Map page (every filtered event, canvas)"]["rows"] == results["party = turkey (agent)"]["rows"]
    for label, r in results.items():
        assert 0 < r["s"] < 300, (label, r)
