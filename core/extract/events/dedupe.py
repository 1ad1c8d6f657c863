"""Each event reported once in a document: a statement made during a meeting belongs to it,
repeats of the same type, date and places (or actors) merge, and a vague summary of a
precise report goes."""

from __future__ import annotations

from datetime import date
from functools import cache

from core import vocab
from core.extract.events.casualty_leads import fold_casualty_leads
from core.extract.events.cues import WORD_RE, event_cues
from core.extract.events.draft import NO_AGENT_TYPES, Draft
from core.extract.events.linking import link_map_events
from core.model import ActorMention, PlaceMention
from core.text import normalize


def drop_meeting_statements(drafts: list[Draft]) -> list[Draft]:
    """What a leader says to a counterpart during a call or meeting ("قال الرئيس التركي لنظيره
    الروسي", "أعرب بوتين خلال الاتصال") belongs to that diplomacy event, not to a new statement."""
    cues = event_cues()["meeting"]
    parties = {_actor_id(d.agent) for d in drafts if d.event_type == "diplomacy"} | {
        _actor_id(d.target) for d in drafts if d.event_type == "diplomacy"}
    out = []
    for d in drafts:
        if d.event_type == "statement" and _actor_id(d.agent) in parties:
            words = " " + " ".join(WORD_RE.findall(normalize(d.sentence.text))) + " "
            if any(f" {c} " in words for c in cues):
                continue
        out.append(d)
    return out


def _actor_id(mention: ActorMention | None) -> str | None:
    return mention.actor.actor_id if mention else None


def dedupe(drafts: list[Draft], published: date | None) -> list[Draft]:
    """Each event once per document: map events are linked (:func:`link_map_events`); other types
    merge by type, date and actors; statements without a speaker are dropped."""
    drafts = [d for d in drafts if not (d.event_type == "statement" and d.agent is None)
              and not (d.event_type == "casualties" and d.fatalities is None)]
    drafts = _drop_earlier_readings(drafts)
    out: list[Draft] = []
    earlier: dict[tuple, list[Draft]] = {}  # the kept non-map events by (type, date), in order: linear cost
    # per kept event (by id), grown as duplicates merge into it: its place keys, governorates and place mentions,
    # so a comparison does not re-read a place list that keeps growing
    kept_places: dict[int, tuple[set[str], set[str], set[PlaceMention]]] = {}
    for d in drafts:
        if d.layer in vocab.MAP_LAYERS:
            out.append(d)
            continue
        d_places = _place_keys(d.places)
        d_admin1s = _admin1s_of(d.places)
        d_date = d.time.date if d.time else published
        dup = False
        for o in earlier.get((d.event_type, d_date), ()):
            o_places, o_admin1s, o_mentions = kept_places[id(o)]
            # the same actors (in either order), the same day, the same (or no) place or governorate
            pair_d = {_actor_id(d.agent), _actor_id(d.target)}
            pair_o = {_actor_id(o.agent), _actor_id(o.target)}
            same_actors = True if d.event_type in NO_AGENT_TYPES else pair_d == pair_o if d.event_type == "statement" else (
                pair_d == pair_o or (_actor_id(d.agent) == _actor_id(o.agent)
                                     and _actor_id(d.target) == _actor_id(o.target)))
            dup = same_actors and (not d_places or not o_places or bool(d_places & o_places)
                                   or bool(d_admin1s & o_admin1s))
            if dup:  # a second mention may name the place more precisely: keep both
                added = [p for p in d.places if p not in o_mentions]
                o.places = o.places + added
                o_places |= _place_keys(added)
                o_admin1s |= _admin1s_of(added)
                o_mentions.update(added)
                if o.fatalities is None and d.fatalities is not None:
                    o.fatalities = d.fatalities
                if o.agent is None and d.agent is not None:
                    o.agent, o.agent_rule = d.agent, d.agent_rule
                break
        if not dup:
            out.append(d)
            earlier.setdefault((d.event_type, d_date), []).append(d)
            kept_places[id(d)] = (d_places, d_admin1s, set(d.places))
    out = fold_casualty_leads(link_map_events(out, published), published)
    # only a map event without a settlement-level place can be a summary of another
    vague = [d for d in out if d.layer in vocab.MAP_LAYERS and d.agent is not None
             and not any(p.precision in (1, 2) for p in d.places)]
    by_type_agent = _same_type_and_agent(out, vague)
    dropped = {id(d) for d in vague if any(_subsumed(d, o, published) for o in
                                           by_type_agent.get((d.event_type, _actor_id(d.agent)), ()) if o is not d)}
    return [d for d in out if id(d) not in dropped]


@cache
def _earlier_reading() -> tuple[str, ...]:
    return tuple(" " + " ".join(WORD_RE.findall(normalize(p))) + " "
                 for p in vocab.load_yaml("linking.yaml")["earlier_reading"])


def _drop_earlier_readings(drafts: list[Draft]) -> list[Draft]:
    """A casualty count told as an earlier reading ("وكانت مصادر محلية ذكرت سابقاً مقتل 9") no higher than the
    toll of the map event told last before it, in its paragraph or the one before: that toll as first reported."""
    out: list[Draft] = []
    last: Draft | None = None  # the last map event with a toll
    for d in drafts:
        if d.layer in vocab.MAP_LAYERS and d.fatalities is not None:
            last = d
        elif (d.event_type == "casualties" and last is not None and d.fatalities is not None
              and d.fatalities <= (last.fatalities or 0) and d.sentence.paragraph - last.sentence.paragraph <= 1
              and last.sentence.start < d.sentence.start):
            words = " " + " ".join(WORD_RE.findall(normalize(d.sentence.text))) + " "
            if any(p in words for p in _earlier_reading()):
                continue
        out.append(d)
    return out


def _same_type_and_agent(events: list[Draft], vague: list[Draft]) -> dict[tuple, list[Draft]]:
    """The events by (type, agent): the only ones :func:`_subsumed` can match (linear cost)."""
    if not vague:
        return {}
    index: dict[tuple, list[Draft]] = {}
    for o in events:
        if o.agent is not None:
            index.setdefault((o.event_type, _actor_id(o.agent)), []).append(o)
    return index


def _admin1s(d: Draft) -> set[str]:
    return _admin1s_of(d.places)


def _admin1s_of(places: list[PlaceMention]) -> set[str]:
    return {p.place.admin1_pcode for p in places if p.place and p.place.admin1_pcode}


def _place_keys(places: list[PlaceMention]) -> set[str]:
    """A resolved place by its id, an unresolved one by its normalized name."""
    return {p.place.place_id if p.place else normalize(p.surface) for p in places}


def _subsumed(vague: Draft, precise: Draft, published: date | None) -> bool:
    """A summary sentence ("تقدم قوات الأسد ... بسيطرتها على قرى في المحافظة") repeats a more
    precise report of the same document: same type and agent, only region-level places
    in the same governorates, a date range that covers the precise one."""
    if vague.layer not in vocab.MAP_LAYERS or vague.event_type != precise.event_type:
        return False
    if vague.agent is None or precise.agent is None or _actor_id(vague.agent) != _actor_id(precise.agent):
        return False
    if any(p.precision in (1, 2) for p in vague.places) or not any(
            p.precision in (1, 2) and p.place is not None and p.status == "resolved" for p in precise.places):
        return False
    if not _admin1s(vague) or not _admin1s(vague) <= _admin1s(precise):
        return False
    p_date = precise.time.date if precise.time else published
    if vague.time is None or p_date is None:
        return False
    start = vague.time.date_start or vague.time.date
    end = vague.time.date_end or vague.time.date
    return start is not None and end is not None and start <= p_date <= end and vague.time.date != p_date
