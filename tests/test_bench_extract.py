"""Benchmark: end-to-end extraction throughput (prints figures; asserts only sanity)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


@pytest.mark.bench
def test_extraction_throughput(capsys):
    import bench_extract

    for corpus in ("seeds", "synthetic"):
        result = bench_extract.run(200, corpus)
        with capsys.disabled():  # printed in `make test` too, as the other benchmarks are
            print("\nextraction throughput (one core):", result)
        assert result["docs_per_second"] > 1 and result["events"] > result["documents"]
        assert 2000 <= result["mean_chars"] <= 3000
