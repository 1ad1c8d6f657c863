"""Helpers for the event assembler: which time mention best dates a sentence, and the time a
sentence without one inherits from its paragraph."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from core.model import TimeMention

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "range": 3, "unknown": 4}
BACKGROUND_FLAGS = frozenset({"year_only", "future"})


def time_rank(t: TimeMention) -> tuple:
    """Sort key: resolved before unresolved, event dates before background years, finer first."""
    return (t.date is None, bool(BACKGROUND_FLAGS & set(t.flags)), PRECISION_RANK.get(t.precision, 9))


def best_time(mentions: Sequence[TimeMention]) -> TimeMention | None:
    """The mention that best dates a clause/sentence: resolved, not a background year, finest
    precision, first in the text. None if there are no mentions or only background ones."""
    usable = [t for t in mentions if not (BACKGROUND_FLAGS & set(t.flags))]
    if not usable:
        return None
    return min(usable, key=lambda t: (*time_rank(t), t.start))


def resolve_inherited(times_by_sentence: Sequence[Sequence[TimeMention]],
                      paragraph_of_sentence: Sequence[int] | None = None) -> list[TimeMention | None]:
    """The time of each sentence: its own best time, else the last one earlier in the same
    paragraph, else the first one later in that paragraph, else None (the caller then falls back
    to the publication date, flagged). Without ``paragraph_of_sentence`` all sentences form one
    paragraph."""
    paras = list(paragraph_of_sentence) if paragraph_of_sentence is not None else [0] * len(times_by_sentence)
    own = [best_time(ts) for ts in times_by_sentence]
    out: list[TimeMention | None] = []
    for i, t in enumerate(own):
        if t is not None:
            out.append(t)
            continue
        found = None
        for j in range(i - 1, -1, -1):
            if paras[j] != paras[i]:
                break
            if own[j] is not None:
                found = own[j]
                break
        if found is None:
            for j in range(i + 1, len(own)):
                if paras[j] != paras[i]:
                    break
                if own[j] is not None:
                    found = own[j]
                    break
        out.append(found)
    return out


def mark_inherited(t: TimeMention) -> TimeMention:
    """A copy of ``t`` flagged ``inherited`` (for a sentence that had no time of its own)."""
    return t if "inherited" in t.flags else replace(t, flags=(*t.flags, "inherited"))
