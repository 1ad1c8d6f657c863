"""Actor mentions: names, people, offices and nisba adjectives from ``lexicons/actors.yaml``.

Each mention carries its actor (id, side) and a ``kind`` (name | person | office |
adjective). Actors introduced by a "backed by" cue (``lexicons/actor_cues.yaml``:
"المدعومة من روسيا وإيران", "بدعم روسي") get ``role_hint="supporter"``: they back the
agent and are never the agent or the target of the event.
"""

from __future__ import annotations

import re
from functools import cache

from core import vocab
from core.extract.lexmatch import LexiconMatcher
from core.extract.segment import normalized
from core.model import ActorMention
from core.text import NormalizedText

KINDS = ("forms", "people", "offices", "adjectives")
_KIND_NAMES = {"forms": "name", "people": "person", "offices": "office", "adjectives": "adjective"}
_JOINER_RE = re.compile(r"^[\s،,]*(و|او|أو)?[\s\"'«»“”]*$")


@cache
def _actor_matcher() -> LexiconMatcher:
    raw = vocab.load_yaml("actors.yaml")
    entries = []
    # longest forms are preferred by the matcher; order here only breaks exact duplicates
    for actor_id, spec in raw.items():
        for kind in KINDS:
            for form in spec.get(kind) or []:
                entries.append((str(form), (actor_id, _KIND_NAMES[kind]), "none"))
    return LexiconMatcher(entries, shared=True)


@cache
def _cue_matcher() -> tuple[LexiconMatcher, int]:
    raw = vocab.load_yaml("actor_cues.yaml")
    cues = [(c, "supporter", "none") for c in raw.get("supporter", [])]
    return LexiconMatcher(cues, shared=True), int(raw["supporter_window"])


def find_actors(text: str, nt: NormalizedText | None = None) -> list[ActorMention]:
    """Actor mentions in ``text`` (spans in the original text), sorted by start."""
    if not text:
        return []
    nt = nt or normalized(text)  # the document's one cached normalization
    actors = vocab.actors()
    hits = _actor_matcher().find(nt)
    cue_matcher, window = _cue_matcher()
    cues = cue_matcher.find(nt)
    supporter_idx: set[int] = set()
    for cue in cues:
        prev_end = None
        for i, hit in enumerate(hits):
            if hit.norm_start < cue.norm_end:
                continue
            if prev_end is None:
                if hit.norm_start - cue.norm_end > window:
                    break
                supporter_idx.add(i)
                prev_end = hit.norm_end
                continue
            # actors coordinated with the first supporter ("من روسيا وإيران")
            if _JOINER_RE.match(nt.text[prev_end:hit.norm_start]) and hit.norm_start - prev_end <= 4:
                supporter_idx.add(i)
                prev_end = hit.norm_end
                continue
            break
    out = []
    for i, hit in enumerate(hits):
        actor_id, kind = hit.payload
        out.append(ActorMention(actor=actors[actor_id], surface=text[hit.start:hit.end], start=hit.start,
                                end=hit.end, role_hint="supporter" if i in supporter_idx else "", kind=kind))
    return out
