"""Extraction cost per character from 10,000 to 1,000,000 characters in ONE document, and the Sources
page's view of a 1 MB document. Run: ``python bench/bench_linear.py``.

The documents are built from the hand-written sentences of bench_extract (every sentence reports an
event), in three shapes: paragraphs (one sentence a line), one long line, and one run-on sentence
without punctuation. Times are CPU seconds of one core (the best of ``repeats``).
"""

from __future__ import annotations

import gc
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import bench_extract  # noqa: E402

from core.extract.events import extract_events  # noqa: E402
from core.extract.ingest import document_from_text  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
SHAPES = ("paragraphs", "one line", "run-on")


def make_document(size: int, shape: str):
    text = bench_extract.make_articles(1, size=size, seed=11)[0][:size]
    if shape == "one line":
        text = text.replace("\n", " ")
    elif shape == "run-on":
        text = re.sub(r"[.،\n]", " ", text)
    return document_from_text(f"linear-{size}", text, published="2020-02-12")[0]


def _cpu(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()  # garbage left by the previous size is not charged to this one
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def extraction(sizes=SIZES, shapes=SHAPES) -> list[dict]:
    extract_events(make_document(3_000, "paragraphs"))  # warm-up: gazetteer, automata, lexicons
    rows = []
    for shape in shapes:
        for size in sizes:
            doc = make_document(size, shape)
            seconds = _cpu(lambda d=doc: extract_events(d), 5 if size <= 10_000 else 3 if size <= 100_000 else 2)
            rows.append({"shape": shape, "chars": len(doc.text), "seconds": round(seconds, 3),
                         "us_per_char": round(seconds / len(doc.text) * 1e6, 2)})
    return rows


def sources_view(megabytes: float = 1.0) -> dict:
    """The Sources page's view model (mentions, highlighting, event links) of a 1 MB document."""
    import pandas as pd

    from core.extract.pipeline import extract_documents
    from core.views.sources import source_view

    text = bench_extract.make_articles(1, size=int(megabytes * 600_000), seed=5)[0]
    text = text.encode("utf-8")[: int(megabytes * 1_000_000)].decode("utf-8", "ignore")
    doc = document_from_text("sources-1mb", text, published="2020-02-12")[0]
    events = extract_documents([doc])
    source_view(make_document(3_000, "paragraphs"), events.iloc[:0])  # warm-up
    t0 = time.perf_counter()
    view = source_view(doc, events, part=0)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    source_view(doc, events, part=view.n_parts - 1)
    last = time.perf_counter() - t0
    assert isinstance(events, pd.DataFrame)
    return {"bytes": len(text.encode("utf-8")), "chars": len(text), "events": len(events), "parts": view.n_parts,
            "first_part_seconds": round(first, 3), "last_part_seconds": round(last, 3)}


def ratios(rows: list[dict]) -> dict[str, float]:
    """Per shape: the largest over the smallest time per character."""
    out = {}
    for shape in {r["shape"] for r in rows}:
        per_char = [r["us_per_char"] for r in rows if r["shape"] == shape]
        out[shape] = round(max(per_char) / min(per_char), 2)
    return out


if __name__ == "__main__":
    rows = extraction()
    for r in rows:
        print(r)
    print("max/min time per character:", ratios(rows))
    print("sources view, 1 MB:", sources_view())
