"""Geocoder benchmark (prints MB/s; asserts only loose sanity). Run: pytest -m bench -s."""

import importlib.util
from pathlib import Path

import pytest

from core.geo import build

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_geocoder.py"


@pytest.mark.bench
@pytest.mark.skipif(not build.is_built(), reason="geodata not built: python -m core geodata build")
def test_geocoder_throughput():
    spec = importlib.util.spec_from_file_location("bench_geocoder", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.run(0.5)
    for name in ("synthetic", "seeds"):
        x = result[name]
        print(f"\ngeocoder {name}: {x['megabytes']:.2f} MB, {x['mentions']} mentions, {x['mb_per_s']:.2f} MB/s (CPU)")
        assert x["mentions"] > 0 and x["mb_per_s"] > 0.05
