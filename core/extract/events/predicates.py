"""Predicate typing: what an event word means in its frame, once agents are known.

- an entry ("دخل"، "دخول"، "انتشر") under a deal, a coordination or a welcome is a deployment, not a
  capture; the other bare entries of the same side in the document tell the same handover;
- a withdrawal told with a capture of the same place in one sentence ("سيطرت ... بعد انسحاب الفصائل منها"،
  "انسحبت ... بعد سيطرة X على المدينة") is the same transfer of territory: one event, the capture, whose
  target is the side that withdrew (the convention of the real-reporting gold; the project's devset2 follows it);
- approaching a town is not taking it ("باتت على بعد 3 كم من X"، "وصلت إلى مشارف X"، "تقترب من X"): the
  approached place is dropped from the capture, which keeps its other places;
- a casualty count over a period ("خلال الأيام العشرة الماضية"، "خلال 11 أسبوعا") after a strike word is a
  tally of many strikes, not a new event of the reporting day.
Cue lists: ``event_cues.yaml`` (entry_words, handover_cues, approach_*, tally_*)."""

from __future__ import annotations

import bisect

from core.extract.events.cues import event_cues, strip_clitic, words_between
from core.extract.events.draft import Draft
from core.extract.events.places import PLACE_NOUNS
from core.model import PlaceMention, TimeMention, TriggerMention
from core.text import normalize

CAPTURE = "territory_taken"
WITHDRAWAL = "withdrawal"
DEPLOYMENT = "military_deployment"
ON, DISTANCE, FROM = normalize("على"), normalize("بعد"), normalize("من")  # "على بعد 3 كم من X"


def _entry_only(text: str, d: Draft) -> bool:
    entries = event_cues()["entry_words"]
    own = [t for t in d.triggers if t.event_type == CAPTURE]  # a fight word beside it ("للتصدي") does not count
    return d.event_type == CAPTURE and all(set(words_between(text, t.start, t.end)) & entries for t in own)


def _side(d: Draft) -> str | None:
    return d.agent.actor.side if d.agent is not None else None


def _place_keys(d: Draft) -> set[str]:
    return {p.place.place_id if p.place else p.surface for p in d.places}


def retype_handover(text: str, drafts: list[Draft]) -> None:
    """Entries under a deal (in their sentence) become deployments; so do the document's other bare entries
    of the same side at a place one of them names (or with no place of their own)."""
    cues = event_cues()["handover_cues"]
    handed: list[Draft] = []
    for d in drafts:
        if _entry_only(text, d) and set(words_between(text, d.sentence.start, d.sentence.end)) & cues:
            handed.append(d)
    if not handed:
        return
    sides = {_side(d) for d in handed}
    places = set().union(*(_place_keys(d) for d in handed))
    for d in drafts:
        if d in handed or (_entry_only(text, d) and _side(d) in sides
                           and (not d.places or _place_keys(d) & places)):
            d.event_type, d.layer = DEPLOYMENT, "other"


def _same_place(a: Draft, b: Draft) -> bool:
    if not a.places or not b.places:
        return True  # "انسحبت منها"، "من المدينة": the place is the one just named
    anaphoric = {p for p in a.places + b.places if p.place is None}
    return bool(_place_keys(a) & _place_keys(b)) or bool(anaphoric)


def merge_handover_withdrawals(drafts: list[Draft]) -> list[Draft]:
    """A withdrawal told in the sentence of a capture of the same place by another actor, or in the sentence
    right before or after it in the paragraph ("انسحبت الفصائل من القرية. ودخلت قوات النظام القرية"), is that
    capture's other side: dropped, its agent the capture's target when the capture has none."""
    captures: dict[tuple[int, int], list[Draft]] = {}  # per (paragraph, sentence index)
    for d in drafts:
        if d.event_type == CAPTURE:
            captures.setdefault((d.sentence.paragraph, d.sentence.sentence), []).append(d)
    out: list[Draft] = []
    for d in drafts:
        if d.event_type == WITHDRAWAL:
            here = (d.sentence.paragraph, d.sentence.sentence)
            same = [c for c in captures.get(here, []) if _same_place(c, d) and (
                c.agent is None or d.agent is None or c.agent.actor.actor_id != d.agent.actor.actor_id
                or c.start < d.start)]
            # (a neighbour sentence: only a capture by a named party of another side, the loser's retreat told apart)
            near = [c for k in (1, -1) for c in captures.get((here[0], here[1] + k), [])
                    if c.places and d.places and _same_place(c, d) and c.agent is not None and d.agent is not None
                    and c.agent.actor.side != d.agent.actor.side]
            capture = next(iter(same + near), None)
            if capture is not None:
                if capture.target is None and d.agent is not None and (
                        capture.agent is None or d.agent.actor.side != capture.agent.actor.side):
                    capture.target = d.agent
                continue
        out.append(d)
    return out


def tally_words(text: str, d: Draft) -> bool:
    """The draft's own span, after its trigger, names a period of days ("خلال الأيام العشرة الماضية"), or its
    clause does before the trigger ("قتل 40 مدنيا خلال الأسبوع الماضي بغارات على ..."): a toll summed over it."""
    cues = event_cues()
    lo, hi = d.own_span or (d.clause.start, d.clause.end)
    window = cues["tally_window"]

    def names_period(words: list[str]) -> bool:
        return any(w in cues["tally_openers"] and set(words[i + 1:i + 1 + window]) & cues["tally_units"]
                   for i, w in enumerate(words))
    return (names_period(words_between(text, d.end, min(hi, d.clause.end)))
            or names_period(words_between(text, d.clause.start, d.start)))


def is_tally(text: str, d: Draft, times: list[TimeMention], starts: list[int]) -> bool:
    """A strike or casualty report with a toll whose own span, after the trigger, is timed by a period of
    several days ("قتل 103 مدنيين في غارات ... خلال الأيام العشرة الماضية")."""
    if d.fatalities is None or d.layer not in ("strike", "other") or d.event_type not in (
            "airstrike", "shelling", "drone_strike", "casualties"):
        return False
    lo, hi = d.own_span or (d.clause.start, d.clause.end)
    hi = min(hi, d.clause.end)
    min_days = event_cues()["tally_min_days"]
    # ``starts``: the times' starts (sorted): only those after the trigger, in its span, are read
    for t in times[bisect.bisect_left(starts, d.end):bisect.bisect_left(starts, hi)]:
        if t.date_start and t.date_end and (t.date_end - t.date_start).days >= min_days:
            return True
    return tally_words(text, d)


def _approached(text: str, d: Draft, place: PlaceMention) -> bool:
    cues = event_cues()
    vocab_words = cues["approach_verbs"] | cues["approach_edges"]
    before = words_between(text, max(d.clause.start, place.start - 80), place.start)
    before = [w if w in vocab_words or strip_clitic(w) not in vocab_words else strip_clitic(w) for w in before]
    before += [w for w in words_between(text, place.start, place.end)[:1] if w in cues["approach_edges"]]
    words = before[-cues["approach_window"]:]
    near = [w for w in words[-3:] if w not in PLACE_NOUNS]
    if near and near[-1] in cues["approach_directions"]:
        return True  # "تقدمت نحو مدينة X"
    if any(w in cues["approach_verbs"] and FROM in words[i + 1:] for i, w in enumerate(words)):
        return True  # "تقترب من X"، "باتت على بعد كيلومترين من X"
    if any(a == ON and b == DISTANCE and FROM in words[i + 2:] for i, (a, b) in enumerate(zip(words, words[1:], strict=False))):
        return True  # "على بعد 5 كم من X"
    edge = len(before) - 3  # the edge noun right before the place, its verb anywhere before in the clause
    return any(w in cues["approach_edges"] and any(v in cues["approach_verbs"] for v in before[:i])
               for i, w in enumerate(before) if i >= edge)  # "وصلت القوات اليوم إلى مشارف X"


def drop_approached(text: str, d: Draft) -> bool:
    """A capture keeps only the places it took, not the ones its forces came near; True when it only came near
    ("تقدمت القوات باتجاه مدينة X"، "باتت على مشارف X"): no capture at all."""
    if d.event_type != CAPTURE or not d.places:
        return False
    kept = [p for p in d.places if not _approached(text, d, p)]
    approached_only = not kept and d.fatalities is None
    d.places = kept
    return approached_only


HOLDER_RESUMPTIVES = frozenset(normalize(w) for w in ("عليها", "عليه", "عليهما", "فيها", "فيه"))
HOLDER_REACH = 5  # words between a relative and its capture verb ("التي كانت قوات النظام قد سيطرت")


def holder_relative(text: str, sentence_start: int, t: TriggerMention) -> bool:
    """A capture verb in a relative clause after a place ("البلدة والتي سيطرت عليها قوات النظام"، "التي كانت
    الفصائل قد سيطرت عليها"): it tells who holds the place, not a capture of the sentence's news."""
    if t.event_type != "territory_taken" or t.pos != "verb":
        return False
    cues = event_cues()
    before = words_between(text, max(sentence_start, t.start - 60), t.start)[-HOLDER_REACH:]
    rel = max((i for i, w in enumerate(before) if w in cues["relatives"] or (
        w.startswith("و") and w[1:] in cues["relatives"])), default=None)
    if rel is None:
        return False
    between = before[rel + 1:]
    if between and between[-1] != "قد":
        return False  # neither right after it nor after a pluperfect "كانت X قد"
    # the place is the verb's object, resumed by a pronoun ("سيطرت عليها"، "دخلتها"); "الذين سيطروا على المدينة"
    # describes a party by what it did: a capture
    own = words_between(text, t.start, t.end)
    if own and (own[0].startswith("ي") or own[0].startswith("ت") and not own[0].endswith("ت")):
        return False  # "الذي تسيطر عليه المعارضة": the holder named now is the strike's target (roles read it)
    nxt = words_between(text, t.end, min(len(text), t.end + 12))[:1]
    return any(w in HOLDER_RESUMPTIVES for w in own[1:] + nxt) or (bool(own) and own[-1].endswith(("ها", "ه")))
