"""A clash told by meeting aircraft or missiles ("التصدي لطائرات مسيرة"، "اعترضت القوات صاروخين"): the defender's
side of a strike the article tells, no clash of its own (``linking`` drops it, as it drops one told with the
words "air defence": ``retelling.air_defence``). Cue words: ``interception_words``, ``aerial_objects`` in
``core/lexicons/linking.yaml``."""

from __future__ import annotations

from functools import cache

from core import vocab
from core.extract.events.cues import WORD_RE, strip_clitic
from core.extract.events.draft import Draft
from core.text import normalize

AFTER_CHARS = 60  # the characters after the event word read for its object


@cache
def _cues() -> tuple[frozenset[str], frozenset[str], int]:
    raw = vocab.load_yaml("linking.yaml")
    return (frozenset(normalize(w) for w in raw["interception_words"]),
            frozenset(normalize(w) for w in raw["aerial_objects"]), int(raw["interception_window"]))


def _known(word: str, words: frozenset[str]) -> bool:
    return word in words or strip_clitic(word) in words


def intercepts_aerial(d: Draft) -> bool:
    """A clash whose event words are all interception words, each with an aerial object right after it."""
    if d.event_type != "armed_clash" or not d.triggers:
        return False
    verbs, objects, window = _cues()
    c = d.clause
    for t in d.triggers:
        words = WORD_RE.findall(normalize(t.surface))
        if not words or not all(_known(w, verbs) for w in words):
            return False
        hi = max(0, t.end - c.start)
        after = WORD_RE.findall(normalize(c.text[hi:hi + AFTER_CHARS]))[:window]
        if not any(_known(w, objects) for w in after):
            return False
    return True
