"""Benchmark of the scale path at a CI size (prints figures; loose sanity only). The full size (20,000
documents, 1,000,000 events) runs by hand: ``python bench/bench_scale.py``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


@pytest.mark.bench
def test_bench_scale(capsys):
    import bench_scale

    results = bench_scale.run(n_docs=200, m_events=100_000)
    with capsys.disabled():
        print("\nscale benchmark (CI size: 200 documents, 100,000 events):")
        print(json.dumps(results, indent=1, ensure_ascii=False))
    x = results["extraction"]
    engines = [k for k in x if isinstance(x[k], dict)]
    assert len(engines) == 3 and len({x[k]["events"] for k in engines}) == 1  # the same events everywhere
    assert all(x[k]["docs_per_s"] > 0 and x[k]["failed"] == 0 for k in engines)
    for k in engines:
        split = {f: x[k][f] for f in ("command_cpu_s", "workers_cpu_s", "workers_cpu_each_s", "command_cpu_share",
                                      "cpu_ceiling_speedup", "ceiling_from_command_share")}
        assert x[k]["workers_cpu_s"] >= 0 and all(t >= 0 for t in x[k]["workers_cpu_each_s"]), (k, split)
        assert 0 < x[k]["command_cpu_share"] <= 1 and x[k]["cpu_ceiling_speedup"] > 0, (k, split)
        assert x[k]["ceiling_from_command_share"] > 0, (k, split)
    assert x["one process"]["workers_cpu_s"] < 0.5 * x["one process"]["command_cpu_s"]  # the work ran in-process
    q = results["queries"]
    assert q["events"] == 100_000
    for name, r in q["duckdb"].items():
        if name in q["pandas"]:  # the same rows on a table ten times larger: about ten times as many
            assert r["rows"] >= q["pandas"][name]["rows"], name
    assert all("peak_rss_mb" in m for m in results["dashboard_memory"].values())
