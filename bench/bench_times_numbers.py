"""Speed of segmentation, time expressions, numbers and casualty counts (one core).

Run: ``python bench/bench_times_numbers.py [--docs 200] [--chars 2500]`` (or ``make bench``).
Documents of about ``--chars`` characters are cut from the seed corpus (each one made unique,
so no cache helps); the figures are CPU milliseconds per document for each step, after a
shared normalization, and the documents per second of the four steps together.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.extract.mentions.casualties import find_casualty_counts  # noqa: E402
from core.extract.mentions.numbers import find_numbers  # noqa: E402
from core.extract.mentions.times import find_times  # noqa: E402
from core.extract.segment import normalized, segment  # noqa: E402

CORPUS = ROOT / "data" / "corpus"
PUBLISHED = date(2020, 2, 11)


def make_docs(n: int, chars: int) -> list[str]:
    seed = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    docs = []
    for i in range(n):
        start = (i * 997) % max(1, len(seed) - chars)
        docs.append(f"{seed[start:start + chars]}\nوثيقة رقم {i}")
    return docs


def run(n_docs: int = 200, chars: int = 2500) -> dict[str, float]:
    docs = make_docs(n_docs, chars)
    steps = {
        "normalize": normalized,
        "segment": segment,
        "times": lambda t: find_times(t, PUBLISHED),
        "numbers": find_numbers,
        "casualties": find_casualty_counts,
    }
    for fn in steps.values():  # load lexicons, compile patterns
        fn("قتل ثلاثة مدنيين أمس الثلاثاء. وقال المرصد إن القصف استمر")
    totals = dict.fromkeys(steps, 0.0)
    for doc in docs:
        for name, fn in steps.items():
            t0 = time.process_time()
            fn(doc)
            totals[name] += time.process_time() - t0
    figures = {f"{name}_ms_per_doc": 1000 * total / len(docs) for name, total in totals.items()}
    all_ms = sum(figures.values())
    figures["all_ms_per_doc"] = all_ms
    figures["docs_per_s"] = 1000 / all_ms if all_ms else float("inf")
    figures["docs"] = len(docs)
    figures["chars_per_doc"] = sum(map(len, docs)) / len(docs)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--chars", type=int, default=2500)
    args = parser.parse_args(argv)
    figures = run(args.docs, args.chars)
    for key, value in figures.items():
        print(f"{key:28} {value:10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
