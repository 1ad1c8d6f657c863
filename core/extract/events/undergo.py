"""Who undergoes an event ("تعرضت قوات النظام لقصف"): its target, never its agent (used by ``roles``)."""

from __future__ import annotations

from functools import lru_cache

from core.extract.events.cues import event_cues, strip_clitic, words_between
from core.extract.events.draft import Draft
from core.model import ActorMention

UNDERGO_GAP_WORDS = 8  # "أعلنت X تعرض سفارتها (أمس في المدينة) لقصف": the undergo verb before the event word


@lru_cache(maxsize=1024)
def undergoes(text: str, clause_start: int, start: int, end: int, trigger_start: int) -> bool:
    """The actor suffers the event: an undergo verb stands between it and the event word ("قوات النظام تعرضت
    لقصف", "أعلنت X تعرض مقرها لقصف") or right before it ("تعرضت قوات النظام لقصف")."""
    if end > trigger_start:
        return False
    undergo = event_cues()["undergo"]
    gap = words_between(text, end, trigger_start)
    if len(gap) <= UNDERGO_GAP_WORDS and any(w in undergo or strip_clitic(w) in undergo for w in gap):
        return True
    before = words_between(text, max(clause_start, start - 16), start)[-1:]
    return bool(before) and (before[0] in undergo or strip_clitic(before[0]) in undergo)


def undergoer(text: str, d: Draft, actors: list[ActorMention], lower: int) -> ActorMention | None:
    """The first actor of the draft's clause (after ``lower``) that suffers it (:func:`undergoes`)."""
    first = d.start
    return next((a for a in actors if max(d.clause.start, lower) <= a.start and a.end <= first
                 and undergoes(text, d.clause.start, a.start, a.end, first)), None)
