"""Who a phrase names as the agent: an actor after ل, the author of a massacre ("بمجزرة للطيران الروسي"، "مجزرة
ارتكبتها قوات النظام") and the news a source gives after "عن" ("أفاد المرصد عن سيطرة قوات النظام"). Used by
``roles``."""

from __future__ import annotations

from functools import lru_cache

from core import vocab
from core.extract.events.cues import event_cues, norm_slice, strip_clitic, words_between
from core.extract.events.ownership import nisba_like
from core.model import ActorMention
from core.text import normalize


def lam_before(text: str, start: int) -> bool:
    """The actor is introduced by ل, attached ("لقوات") or written apart ("لـ قوات")."""
    if norm_slice(text, start - 1, start) == "ل":
        return True
    before = words_between(text, max(0, start - 4), start)
    return bool(before) and before[-1] == "ل"


def _weapon_word(w: str) -> bool:
    """A weapon or aircraft word, bare or after ل ("لمقاتلات"، "للطائرات")."""
    weapons = event_cues()["weapons"]
    return w in weapons or w[1:] in weapons or (w.startswith("لل") and "ال" + w[2:] in weapons)


def massacre_author(text: str, clause_start: int, a: ActorMention) -> bool:
    """The actor authors a massacre named before it ("بمجزرة جديدة للطيران الروسي"، "مجزرة ارتكبتها قوات النظام"):
    the agent of the killing the massacre tells."""
    cues = event_cues()
    words = words_between(text, max(clause_start, a.start - 48), a.start)
    if words and words[-1] == "ل":
        words = words[:-1]
    elif not lam_before(text, a.start):
        # the actor owns the aircraft or guns after ل ("بمجزرة لمقاتلات النظام"، "للطائرات الحربية الروسية")
        i = len(words)
        while i > 0 and len(words) - i < 3 and (_weapon_word(words[i - 1]) or words[i - 1] in cues["noun_skip"]
                                                 or nisba_like(words[i - 1])):
            i -= 1
        if i < len(words) and words[i].startswith("ل") and _weapon_word(words[i]):
            words = words[:i]
        elif words and words[-1] in cues["massacre_verbs"]:
            words = words[:-2] if len(words) > 1 and words[-2] in cues["relatives"] else words[:-1]
        else:
            return False
    for w in reversed(words[-3:]):
        head = strip_clitic(w)
        if head in cues["massacre_nouns"] or head.removeprefix("ال") in cues["massacre_nouns"]:
            return True
        if not (w in cues["noun_skip"] or nisba_like(w)):
            return False
    return False


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """The source verbs of event_cues.yaml in their past forms ("قال"، "قالت"، "قالوا"، "أفادت")."""
    base = {normalize(v) for v in vocab.load_yaml("event_cues.yaml")["source_verbs"]}
    return frozenset(v + s for v in base for s in ("", "ت", "وا"))


def reported_about(text: str, clause_start: int, start: int) -> bool:
    """The event noun at ``start`` follows "عن" right after a source verb ("أفاد عن"، "وأعلنت عن"): the news the
    source gives, so "عن" does not make the noun's genitive a topic or a target."""
    before = words_between(text, max(clause_start, start - 60), start)
    if len(before) < 2 or before[-1] != "عن":
        return False
    verbs = speech_verbs()
    # the source may stand between the verb and "عن" ("أفاد المرصد السوري لحقوق الإنسان عن")
    return any(w in verbs or w[1:] in verbs for w in before[-8:-1])
