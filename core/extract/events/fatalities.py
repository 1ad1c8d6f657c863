"""Fatalities of events (step 6): killed counts of a sentence go to the event before them."""

from __future__ import annotations

from functools import cache

from core import vocab
from core.extract.events.cues import event_cues, strip_clitic, words_between
from core.extract.events.draft import Draft
from core.extract.mentions.casualties import find_casualty_counts
from core.extract.segment import Segment
from core.text import normalize


def casualty_counts(text: str) -> list:
    return [num for num, kind in find_casualty_counts(text) if kind == "killed"]


@cache
def _subset_cues() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("number_casualties.yaml")["subset_cues"])


def _caused_by(text: str, count_end: int, nxt: Draft) -> bool:
    """"قتل تسعة مدنيين جراء قصف", "بينهم أطفال بقصف": a cause word (or ب on the event word) leads from the count
    to the next event, within the window."""
    cues = event_cues()
    gap = words_between(text, count_end, nxt.start)
    if len(gap) > cues["fatality_cause_window"] or any(
            w in _subset_cues() and nxt_w.isdigit() for w, nxt_w in zip(gap, gap[1:], strict=False)):
        return False  # "61 قتيلا هم 40 ... بينهم 30 ... جراء قصف": a breakdown of a tally, not one event's toll
    first = words_between(text, nxt.start, nxt.end)[:1]
    return any(w in cues["fatality_causes"] for w in gap) or (
        bool(first) and first[0].startswith(("ب", "وب")) and strip_clitic(first[0]) != first[0])


def _prior_cause(text: str, sentence: Segment, count_start: int) -> bool:
    """"بعد مقتل 37 جنديا، قصفت ...": a count opening the sentence after بعد/عقب/ردا is a past cause."""
    before = words_between(text, max(sentence.start, count_start - 30), count_start)[-3:]
    return any(w in event_cues()["fatality_prior"] for w in before)


def attach_fatalities(drafts: list[Draft], counts: list, sentence: Segment, text: str = "") -> None:
    """Each killed count of the sentence goes to the event it reports: the next event when a cause word leads
    to it, else the event before the count, else the sentence's first event (unless the count is a past cause)."""
    in_sentence = [c for c in counts if sentence.start <= c.start < sentence.end]
    candidates = [d for d in drafts if d.layer in vocab.MAP_LAYERS or d.event_type == "casualties"]
    for count in in_sentence:
        before = [d for d in candidates if d.start <= count.start]
        after = [d for d in candidates if d.start > count.start]
        nxt = min(after, key=lambda d: d.start) if after else None
        if text and nxt is not None and _caused_by(text, count.end, nxt):
            target = nxt
        elif before:
            target = max(before, key=lambda d: d.start)
        elif text and _prior_cause(text, sentence, count.start):
            target = None
        else:
            target = candidates[0] if candidates else None
            if target is not None and text and any(w in event_cues()["fatality_contrast"] for w in words_between(
                    text, count.end, target.start)):
                target = None  # "قتلت القوات 4 أطفال، فيما أصيب طفلان في قصف مماثل": not that strike's toll
        if target is not None:
            target.fatalities = max(int(count.value), target.fatalities or 0)
