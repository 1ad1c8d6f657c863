"""Candidate events of a sentence (step 1): the triggers left after actor names, merged by
family into drafts clause by clause, then the sentence-level choice among the non-map types."""

from __future__ import annotations

from core import vocab
from core.extract.events.cues import event_cues, norm_slice, words_between
from core.extract.events.draft import Draft, family_of
from core.extract.mentions.triggers import type_priority
from core.extract.segment import Segment
from core.model import ActorMention, PlaceMention, TriggerMention

HEADLINE_MAX_WORDS = 6


TITLE_MAX_WORDS = 20


def is_headline(p: Segment, seg) -> bool:
    """A subheading ("غارات وقصف") or a title line: it repeats what the body reports."""
    if len(seg.paragraphs) < 2:
        return False
    words = len(p.text.split())
    ends = p.text.rstrip()[-1:] in ".!؟?:"
    if words <= HEADLINE_MAX_WORDS and not ends:
        return True
    return p.paragraph == 0 and words <= TITLE_MAX_WORDS and not ends


def drafts_of_clause(text: str, clause: Segment, sentence: Segment,
                      triggers: list[TriggerMention]) -> list[Draft]:
    """Merge the triggers of one clause into event drafts (see module docstring, step 1)."""
    drafts: list[Draft] = []
    split_cues = event_cues()["split"]
    for trig in triggers:
        family = family_of(trig.layer, trig.event_type)
        target = None
        for d in reversed(drafts):
            if d.family == family:
                target = d
                break
        same_verb = (target is not None and trig.layer in vocab.MAP_LAYERS and trig.pos == "verb" and not trig.generic
                     and any(t.pos == "verb" and not t.generic and t.event_type == trig.event_type
                             for t in target.triggers))
        before = words_between(text, max(clause.start, trig.start - 12), trig.start)
        if drafts and before and before[-1] in event_cues()["relatives"]:
            drafts[-1].triggers.append(trig)  # "المواقع التي تقدموا إليها": describes, not a new event
            continue
        reply = target is not None and any(w in split_cues for w in words_between(text, target.end, trig.start))
        if target is None and trig.pos == "verb" and norm_slice(text, trig.start - 1, trig.start) == "ل":
            continue  # ل + verb is a purpose ("سيستقبله لبحث الوضع"): an aim; it only describes an event
        if target is None or same_verb or reply:
            drafts.append(Draft(trig.event_type, trig.layer, [trig], clause, sentence))
            continue
        target.triggers.append(trig)
        best = max(target.triggers, key=lambda t: (not t.generic, type_priority(t.event_type)))
        target.event_type, target.layer = best.event_type, best.layer
    return drafts


def filter_sentence(text: str, drafts: list[Draft], actors: list[ActorMention]) -> list[Draft]:
    """Sentence-level rules for the non-map types: statements and casualties are kept only
    when the sentence reports nothing else, and one statement per sentence."""
    denials = event_cues()["denials"]
    drafts = [d for d in drafts if d.event_type == "statement"
              or not set(words_between(text, d.sentence.start, d.start)) & denials]
    others = [d for d in drafts if d.event_type not in ("statement", "casualties")]
    if any(t.weight >= 1.0 for d in others for t in d.triggers):
        return others
    statements = [d for d in drafts if d.event_type == "statement"]
    if statements:  # vague or generic words ("التصعيد") do not hide the statement
        # one statement per clause: "قال أردوغان إن ...، فيما أكد بوتين أن ..." are two
        firsts = [d for i, d in enumerate(statements) if all(o.clause != d.clause for o in statements[:i])]
        return sorted(others + firsts, key=lambda d: d.start)
    if others:
        return others
    return [d for d in drafts if d.event_type == "casualties"][:1]


def drop_nested_mentions(text: str, triggers: list[TriggerMention], actors: list[ActorMention],
                         places: list[PlaceMention]) -> tuple[list[TriggerMention], list[PlaceMention]]:
    """The triggers and places that are not part of a longer actor name or trigger."""
    # a trigger inside an actor name ("هيئة تحرير الشام") is not an event
    actor_len = [0] * (len(text) + 1)  # per character: length of the actor name covering it
    for a in actors:
        if a.end > a.start:
            actor_len[a.start:a.end] = [a.end - a.start] * (a.end - a.start)
    triggers = [t for t in triggers if not any(actor_len[t.start:t.end])]
    in_trigger = [False] * (len(text) + 1)
    for t in triggers:
        if t.end > t.start:
            in_trigger[t.start:t.end] = [True] * (t.end - t.start)
    # a place inside a longer actor name or a trigger ("قوات سوريا الديمقراطية", "إسقاط") is not a place
    places = [p for p in places if actor_len[p.start] <= p.end - p.start and not in_trigger[p.start]]
    return triggers, places


def separate_spans(drafts: list[Draft]) -> None:
    """Same type in one sentence twice: give the second its own span so both are kept."""
    used: set[tuple[str, int]] = set()
    for d in drafts:
        if (d.event_type, d.char_start) in used:
            d.char_start = d.start
        used.add((d.event_type, d.char_start))
