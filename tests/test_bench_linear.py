"""Benchmark: extraction time per character stays flat from 10,000 to 1,000,000 characters in one document
(within 2×), and the Sources page's view of a 1 MB document takes at most 2 s. Prints the figures."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


@pytest.mark.bench
def test_extraction_is_linear_in_document_size():
    import bench_linear

    rows = bench_linear.extraction()
    for r in rows:
        print("\n", r, end="")
    ratios = bench_linear.ratios(rows)
    print("\nmax/min time per character:", ratios)
    assert all(r <= 2.0 for r in ratios.values()), ratios


@pytest.mark.bench
def test_sources_view_of_a_1mb_document():
    import bench_linear

    result = bench_linear.sources_view()
    print("\nsources view, 1 MB:", result)
    assert result["bytes"] >= 990_000 and result["first_part_seconds"] <= 2.0 and result["last_part_seconds"] <= 2.0
