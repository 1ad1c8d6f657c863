"""The wording coverage table (tests/data/trigger_coverage.tsv): load it, run extraction on each sentence, and say
which rows yield their expected type. Shared by tests/test_trigger_coverage.py and a command-line report
(``python -m tests.trigger_coverage``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core import vocab
from core.extract.events import extract_events
from core.extract.ingest import document_from_text

TABLE = Path(__file__).parent / "data" / "trigger_coverage.tsv"
PUBLISHED = "2020-02-12"
EVENT_LAYERS = frozenset({"strike", "ground", "advance"})


@dataclass(frozen=True)
class Row:
    line: int
    expected: str  # an event type, or "none": no strike, ground or advance event
    sentence: str


def rows() -> list[Row]:
    out = []
    for i, raw in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        expected, sentence = raw.split("\t")
        out.append(Row(i, expected.strip(), sentence.strip()))
    return out


def found_types(sentence: str) -> list[str]:
    doc, _ = document_from_text("coverage", sentence, published=PUBLISHED)
    return [e.type for e in extract_events(doc)]


def passes(row: Row, types: list[str]) -> bool:
    if row.expected == "none":
        return not any(vocab.layer_of(t) in EVENT_LAYERS for t in types)
    return row.expected in types


def report() -> tuple[int, int, list[tuple[Row, list[str]]]]:
    table = rows()
    misses = []
    for row in table:
        types = found_types(row.sentence)
        if not passes(row, types):
            misses.append((row, types))
    return len(table) - len(misses), len(table), misses


if __name__ == "__main__":
    ok, total, misses = report()
    by_type: dict[str, list[int]] = {}
    for row in rows():
        by_type.setdefault(row.expected, [0, 0])[1] += 1
    for row, _ in misses:
        by_type[row.expected][0] += 1
    for t, (miss, n) in sorted(by_type.items()):
        print(f"{t:16} {n - miss:3}/{n}")
    print(f"coverage {ok}/{total} = {ok / total:.3f}")
    for row, types in misses:
        print(f"MISS line {row.line} [{row.expected}] got {types}: {row.sentence}")
