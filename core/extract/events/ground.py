"""Ground events told with their circumstances: the fighting a capture or a withdrawal followed ("سيطرت القوات على
القرية، وذلك بعد معارك مع الفصائل") is part of it, not a second event, and names whom it was taken from; an
observation post's party beside a capture is no former holder (cues: ``core/lexicons/ground_cues.yaml``)."""

from __future__ import annotations

from functools import cache

from core import vocab
from core.extract.events.cues import strip_clitic, words_between
from core.extract.events.draft import Draft
from core.model import ActorMention
from core.text import normalize

ADVANCES = ("territory_taken", "withdrawal")
LEAD_REACH = 24  # characters before a battle noun where its offset word is looked for
FOUGHT_WORDS = 3  # words between the battle noun and "مع" ("معارك عنيفة جدا مع")


@cache
def ground_cues() -> dict:
    raw = vocab.load_yaml("ground_cues.yaml")
    cues = {k: frozenset(normalize(w) for w in v) for k, v in raw.items() if isinstance(v, list)}
    cues["post_window"] = raw["post_window"]
    return cues


def lead_fight_word(text: str, lower: int, t) -> bool:
    """A battle noun right after an offset word ("بعد معارك"، "عقب اشتباكات"), no earlier than ``lower``."""
    if t.event_type != "armed_clash" or t.pos != "noun":
        return False
    cues = ground_cues()
    own = words_between(text, t.start, t.end)[:1]
    before = words_between(text, max(lower, t.start - LEAD_REACH), t.start)[-1:]
    return bool(own and before) and strip_clitic(own[0]) in cues["battle_nouns"] and before[0] in cues["lead_offsets"]


def _lead_fight(text: str, d: Draft) -> bool:
    """A fight draft told by a battle noun right after an offset word ("بعد معارك"، "عقب اشتباكات")."""
    if d.event_type != "armed_clash" or any(t.pos != "noun" for t in d.triggers):
        return False
    return lead_fight_word(text, d.sentence.start, min(d.triggers, key=lambda t: t.start))


def _fought(text: str, d: Draft, actors: list[ActorMention]) -> list[ActorMention]:
    """The parties the fight was fought with: after "مع"/"ضد"/"بين" a few words after its noun, in its clause."""
    cues = ground_cues()
    end = max(t.end for t in d.triggers)
    out: list[ActorMention] = []
    for a in actors:
        if not (end <= a.start < d.clause.end):
            continue
        if out and words_between(text, out[-1].end, a.start) in ([], ["و"]):
            out.append(a)  # "بين X وY"، "مع X والميليشيات"
            continue
        gap = words_between(text, end, a.start)
        if len(gap) <= FOUGHT_WORDS + 1 and any(w in cues["fought_with"] for w in gap):
            out.append(a)
    return out


def absorb_lead_fights(text: str, drafts: list[Draft], actors: list[ActorMention]) -> list[Draft]:
    """Drop a sentence's fight drafts that tell the lead-up of a capture or withdrawal beside them (the one before,
    else the one after), keeping the parties fought with on it (``Draft.fought``)."""
    if len(drafts) < 2 or not any(d.event_type in ADVANCES for d in drafts):
        return drafts
    out: list[Draft] = []
    for i, d in enumerate(drafts):
        if _lead_fight(text, d):
            host = next((o for o in reversed(drafts[:i]) if o.event_type in ADVANCES), None) or next(
                (o for o in drafts[i + 1:] if o.event_type in ADVANCES), None)
            if host is not None:
                host.fought = host.fought + _fought(text, d, actors)
                continue
        out.append(d)
    return out


def holder_from_fight(drafts: list[Draft]) -> None:
    """A capture or withdrawal without a target takes the first party it was fought with of another side."""
    for d in drafts:
        if d.target is not None or not d.fought or d.event_type not in ADVANCES:
            continue
        side = d.agent.actor.side if d.agent is not None else None
        d.target = next((a for a in d.fought if a.role_hint != "supporter" and a.actor.side != side
                         and a.actor.side not in ("civilians", "unknown")), None)


def post_party(text: str, clause_start: int, a: ActorMention) -> bool:
    """The party of an observation post named right before it ("نقطة المراقبة التركية"، "نقطة مراقبة للقوات
    التركية")."""
    cues = ground_cues()
    before = [strip_clitic(w) for w in words_between(text, max(clause_start, a.start - 40), a.start)]
    return any(w in cues["post_words"] for w in before[-cues["post_window"]:])
