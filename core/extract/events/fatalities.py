"""Fatalities of events (step 6): killed counts of a sentence go to the event before them."""

from __future__ import annotations

from core import vocab
from core.extract.events.draft import Draft
from core.extract.segment import Segment


def casualty_counts(text: str) -> list:
    from core.extract.mentions import numbers

    if hasattr(numbers, "find_casualty_counts"):
        return [num for num, kind in numbers.find_casualty_counts(text) if kind == "killed"]
    return []


def attach_fatalities(drafts: list[Draft], counts: list, sentence: Segment) -> None:
    in_sentence = [c for c in counts if sentence.start <= c.start < sentence.end]
    candidates = [d for d in drafts if d.layer in vocab.MAP_LAYERS or d.event_type == "casualties"]
    for count in in_sentence:
        before = [d for d in candidates if d.start <= count.start]
        target = max(before, key=lambda d: d.start) if before else (candidates[0] if candidates else None)
        if target is not None:
            target.fatalities = max(int(count.value), target.fatalities or 0)
