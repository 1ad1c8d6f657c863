"""The public ``extract_events``: runs the recognizers once and the assembly steps in order."""

from __future__ import annotations

import bisect
from dataclasses import replace
from datetime import date
from itertools import takewhile

from core import vocab
from core.extract import budget
from core.extract.events.aspect import anchored, pluperfect_recall, retrospective
from core.extract.events.candidates import (
    drafts_of_clause,
    drop_described,
    drop_nested_mentions,
    filter_sentence,
    is_headline,
    places_of_amid,
    separate_spans,
)
from core.extract.events.cues import norm_slice
from core.extract.events.dates import is_history, pick_time, reference_date, report_times
from core.extract.events.dedupe import dedupe, drop_meeting_statements
from core.extract.events.discourse import (
    attributed_leads,
    carry_agents,
    carry_places,
    carry_time,
    lead_places_forward,
    report_starts,
)
from core.extract.events.draft import Draft
from core.extract.events.fatalities import attach_fatalities, attach_rising_tolls, casualty_counts
from core.extract.events.ground import absorb_lead_fights, holder_from_fight
from core.extract.events.instruments import (
    retype_air_massacre,
    retype_by_instrument,
    retype_downing,
    retype_from_title,
    retype_like_antecedent,
    toll_cause_of_previous,
    twin_strikes,
)
from core.extract.events.locators import (
    drop_celebration_venues,
    drop_evacuation_destinations,
    drop_locator_regions,
    drop_quarter_cities,
    drop_retreat_destinations,
    drop_wide_regions,
)
from core.extract.events.nonevents import keep_draft, retype_purposed_capture
from core.extract.events.places import (
    anaphora_antecedents,
    drop_agent_descriptions,
    drop_calm_places,
    drop_framed_places,
    drop_located_locators,
    drop_origin_and_destination,
    drop_road_names,
    drop_stray_foreign,
    drop_supporter_deployments,
    drop_topic_places,
    event_places,
    place_from_anaphora,
    place_sentence,
    places_from_pronoun,
    venue_from_context,
)
from core.extract.events.predicates import (
    drop_approached,
    holder_relative,
    is_tally,
    merge_handover_withdrawals,
    retype_handover,
)
from core.extract.events.records import event_rows
from core.extract.events.roles import assign_actors, drop_self_target
from core.extract.mentions.actors import find_actors
from core.extract.mentions.triggers import find_triggers
from core.extract.published import with_reference_date
from core.extract.segment import Segmentation, normalized, segment, unwrap_lines
from core.model import ActorMention, Document, Event, PlaceMention, TriggerMention


def _mentions(doc: Document, reference: date | None):
    from core.extract.mentions.places import find_places
    from core.extract.mentions.times import find_times

    text = doc.text
    nt = normalized(text)
    triggers = find_triggers(text, nt)
    if not triggers:  # nothing happens in this text: skip the costlier recognizers
        return [], [], [], []
    budget.check()  # between recognizers: a document past its time budget stops here (core.extract.budget)
    actors = find_actors(text, nt)
    budget.check()
    places = find_places(text)
    budget.check()
    return triggers, actors, places, find_times(text, reference)


def _sentence_drafts(text: str, seg: Segmentation, triggers: list[TriggerMention], actors: list[ActorMention],
                     places: list[PlaceMention], killed: list) -> list[Draft]:
    """The drafts of every sentence with a trigger, placed and with their toll (steps 1, 4, 6);
    headlines and repeated sentences give none. Sorts ``triggers`` in place."""
    seen_sentences: set[str] = set()
    drafts: list[Draft] = []
    clauses = seg.clauses
    headlines = {p.paragraph for p in seg.paragraphs if is_headline(p, seg)}
    triggers.sort(key=lambda t: t.start)
    trigger_starts = [t.start for t in triggers]
    place_starts = [p.start for p in places]
    actors = sorted(actors, key=lambda a: a.start)
    actor_starts = [a.start for a in actors]
    killed = sorted(killed, key=lambda c: c.start)
    killed_starts = [c.start for c in killed]
    for sentence in seg.sentences:
        budget.check()
        if sentence.paragraph in headlines:
            continue
        lo, hi = bisect.bisect_left(trigger_starts, sentence.start), bisect.bisect_left(trigger_starts, sentence.end)
        if lo == hi:
            continue  # no trigger: no event in this sentence
        key = " ".join(norm_slice(text, sentence.start, sentence.end).split())
        if key in seen_sentences:  # a repeated sentence (copied paragraph) reports the same events
            continue
        seen_sentences.add(key)
        s_index = sentence.sentence
        s_clauses = list(takewhile(lambda c, i=s_index: c.sentence == i, clauses[sentence.clause:])) or [sentence]
        s_places = places[bisect.bisect_left(place_starts, sentence.start):bisect.bisect_left(place_starts,
                                                                                              sentence.end)]
        s_drafts: list[Draft] = []
        s_place_starts = [p.start for p in s_places]
        for clause in s_clauses:
            # (a capture in a relative clause after an earlier event word of the sentence tells who holds a place)
            c_trigs = [t for t in triggers[lo:hi] if clause.start <= t.start < clause.end
                       and not (t.start > triggers[lo].start and holder_relative(text, sentence.start, t))]
            c_actors = actors[bisect.bisect_left(actor_starts, clause.start):bisect.bisect_left(actor_starts,
                                                                                                 clause.end)]
            c_places = s_places[bisect.bisect_left(s_place_starts, clause.start):bisect.bisect_left(s_place_starts,
                                                                                                   clause.end)]
            s_drafts.extend(drafts_of_clause(text, clause, sentence, c_trigs, c_actors, c_places))
        s_drafts = filter_sentence(text, drop_described(text, s_drafts), actors)
        s_drafts = absorb_lead_fights(text, s_drafts, actors[bisect.bisect_left(actor_starts, sentence.start):
                                                             bisect.bisect_left(actor_starts, sentence.end)])
        s_places = drop_calm_places(text, sentence, s_drafts, s_places)
        place_sentence(s_drafts, s_clauses, places, s_places)
        places_of_amid(s_drafts)
        for d in s_drafts:
            d.char_start, d.char_end = sentence.start, sentence.end
        places_from_pronoun(text, s_drafts)
        for d in s_drafts:
            drop_located_locators(d)
        attach_fatalities(s_drafts, killed[bisect.bisect_left(killed_starts, sentence.start):
                                           bisect.bisect_left(killed_starts, sentence.end)], sentence, text)
        drafts.extend(s_drafts)
    return drafts


def extract_events(doc: Document) -> list[Event]:
    """All events of a document, one row per place (see the package docstring)."""
    if not doc.text or not doc.text.strip():
        return []
    # hard-wrapped text read as flowing text (same length: offsets and spans stay those of the original)
    unwrapped = unwrap_lines(doc.text)
    if unwrapped != doc.text:
        doc = replace(doc, text=unwrapped)
    text = doc.text
    doc = with_reference_date(doc)
    reference, source = reference_date(doc)
    triggers, actors, places, times = _mentions(doc, reference)
    if not triggers:
        return []
    seg = segment(text)
    triggers, places = drop_nested_mentions(text, triggers, actors, places)
    places = event_places(places)
    places = sorted(places, key=lambda p: p.start)
    killed = casualty_counts(text)
    drafts = _sentence_drafts(text, seg, triggers, actors, places, killed)
    drafts = attach_rising_tolls(text, drafts, killed, seg)
    separate_spans(drafts)
    actor_starts = [a.start for a in actors]
    for d in drafts:
        retype_downing(text, d, actors, actor_starts)
    budget.check()
    assign_actors(text, drafts, actors)
    holder_from_fight(drafts)
    retype_handover(text, drafts)
    drafts = merge_handover_withdrawals(drafts)
    for d in drafts:
        retype_by_instrument(text, d)
        retype_air_massacre(text, d)
        retype_purposed_capture(text, d)
    starts = report_starts(text, seg)
    carry_agents(drafts, starts)
    retype_like_antecedent(text, drafts, starts)
    toll_cause_of_previous(text, drafts, starts)
    title = seg.paragraphs[0] if seg.paragraphs and is_headline(seg.paragraphs[0], seg) else None
    if title is not None:
        retype_from_title(text, drafts, [t for t in triggers if title.start <= t.start < title.end], starts)
    usable_times, times_since = report_times(text, seg, times, reference)
    last_dated: dict[int, Draft] = {}
    leads = attributed_leads(text, seg, starts)
    verb_starts = [t.start for t in triggers if t.pos == "verb"]  # (sorted: triggers are)
    trigger_starts = [t.start for t in triggers]
    time_starts = [t.start for t in times]
    recall_times: set[int] = set()  # where the times of recalled events start: they date no later sentence
    for d in drafts:
        s_times = times[bisect.bisect_left(time_starts, d.sentence.start):bisect.bisect_left(time_starts,
                                                                                           d.sentence.end)]
        pick_time(text, d, s_times, usable_times, reference, source,
                  since=times_since.get(d.sentence.paragraph, d.sentence.start), skip=recall_times)
        clause_verbs = verb_starts[bisect.bisect_left(verb_starts, d.clause.start):bisect.bisect_left(verb_starts,
                                                                                                   d.clause.end)]
        recalled = d.time is not None and d.time_rule == "time:clause" and pluperfect_recall(text, d, clause_verbs)
        if recalled:
            recall_times.add(d.time.start)  # "وكانت القوات قد تقدمت إلى المدينة قبل أسبوع"
        carry_time(d, last_dated, starts, text, leads, recalled=recalled)
        if is_tally(text, d, times, time_starts):
            d.time, d.time_rule = None, "time:tally"  # a count over days: no event of the reporting day
        d.retrospective = d.layer in vocab.MAP_LAYERS and (retrospective(text, d, clause_verbs)
            or anchored(text, d, triggers[bisect.bisect_left(trigger_starts, d.sentence.start):bisect.bisect_left(
                trigger_starts, d.sentence.end)]))
    antecedents = anaphora_antecedents(places)
    for d in drafts:
        drop_locator_regions(text, d)  # first: a region locating an origin or a launch site goes with it
        drop_quarter_cities(text, d)
        drop_origin_and_destination(text, d)
        drop_evacuation_destinations(text, d)
        drop_retreat_destinations(text, d)
        drop_celebration_venues(text, d)
        drop_agent_descriptions(text, d)
        drop_framed_places(text, d)
        drop_road_names(text, d)
        drop_supporter_deployments(text, d)
        if drop_approached(text, d):
            d.headed = True  # it only came near its places ("باتت على مشارف X"): nothing taken
        drop_wide_regions(text, d)
        place_from_anaphora(text, d, antecedents)
    lead_places_forward(drafts, starts, seg)
    drafts = [d for d in drafts if not is_history(d, reference) and keep_draft(text, d)]
    place_starts = [p.start for p in places]
    for d in drafts:
        drop_stray_foreign(d)
        drop_topic_places(d)
        venue_from_context(d, places, seg, place_starts)
    carry_places(drafts, starts)
    drafts = drop_meeting_statements(drafts)
    drafts = dedupe(twin_strikes(text, drafts), reference)
    events: list[Event] = []
    for d in drafts:
        drop_self_target(d)
        events.extend(event_rows(doc, d, reference, source))
    return events
