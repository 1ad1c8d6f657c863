"""A strike or fight told as a campaign going on ("تواصل الطائرات شن الغارات على المدينة"، "يواصل الطيران قصفه
لأحياء X"، "ومع استمرار القصف على X"): more of an event the article told before, not a second one (``linking``
joins it to the nearest earlier event of its layer at the same places). Cue words: ``continuation_cues`` in
``core/lexicons/linking.yaml``."""

from __future__ import annotations

from functools import cache

from core import vocab
from core.extract.events.cues import WORD_RE, strip_clitic
from core.extract.events.draft import Draft
from core.text import normalize

CHARS_BEFORE = 60  # the characters before the first event word read for the cue (its subject may stand between)


@cache
def _cues() -> tuple[frozenset[str], int]:
    raw = vocab.load_yaml("linking.yaml")
    return frozenset(normalize(w) for w in raw["continuation_cues"]), int(raw["continuation_window"])


def _first_own(d: Draft):
    own = [t for t in d.triggers if t.event_type == d.event_type] or d.triggers
    return min(own, key=lambda t: t.start) if own else None


def continues_campaign(d: Draft) -> bool:
    """The draft's first event word of its own type follows a going-on verb or masdar within a few words of its
    clause ("واصلت الطائرات الحربية الروسية شن ..."، "وسط استمرار الغارات")."""
    first = _first_own(d)
    if first is None:
        return False
    lo = max(d.clause.start, first.start - CHARS_BEFORE)
    before = WORD_RE.findall(normalize(d.clause.text[lo - d.clause.start:first.start - d.clause.start]))
    cues, window = _cues()
    return any(w in cues or strip_clitic(w) in cues for w in before[-window:])


def names_own_agent(d: Draft) -> bool:
    """The draft's agent is the subject told right before its first event word ("ويواصل الطيران السوري قصفه"): a
    party the text names for this strike, not one read from elsewhere in its sentence ("... دعما لقوات X")."""
    first = _first_own(d)
    return (first is not None and d.agent is not None
            and max(d.clause.start, first.start - CHARS_BEFORE) <= d.agent.start < first.start)
