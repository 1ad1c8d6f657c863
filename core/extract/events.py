"""Assemble the mentions of a document into events (one row per place, ACLED style).

The only module where the recognizers meet. For each clause (``core.extract.segment``):

1. triggers of one family (strike; ground + advance; each non-map type) merge into one
   event typed by the most specific trigger; a second *verb* of the same type starts a
   new event ("سيطرت على الطريق بعد أن سيطرت على ضاحية"), and so does a trigger after a
   split cue ("بالتزامن مع قصف صاروخي"، "عقب سيطرة"، "ردت ... بقصف"); a verb with the
   purpose ل ("لبحث الوضع") only describes an event;
2. the agent (actor1) is found by position: after a verb (VSO, "قصفت القوات التركية"),
   before it (SVO, "القوات الحكومية سيطرت"), as an adjective or genitive after a noun
   ("غارات روسية", "قصف الطيران الروسي"), or as the subject of a light verb before the
   noun ("نفذت الطائرات الروسية غارات"); "بين X و Y" gives both actors. Supporters
   ("المدعومة من روسيا") are never agent or target. Without an agent in the clause the
   agent of the previous event of the paragraph is used (rule ``agent:context``);
3. the target (actor2) is the next actor after the trigger, preferring one introduced by
   a target cue (على، ضد، مواقع ...);
4. places of the clause (else of the sentence) give one row each; an unresolved name
   gives an unresolved row without coordinates, plus the enclosing region given in the
   sentence when there is one; the origin of a strike ("مصدره ... في X") and the
   destination of a movement ("باتجاه X") are dropped; "انسحاب ... منها" takes the places
   of the event it follows, "محيط البلدة" the last settlement named before;
5. the date is the time of the clause (the one right after the trigger first), else of the
   sentence, else the last one of the paragraph before it (a paragraph opening with
   "وأضافت" continues the one before), else the publication date (coarse, flagged) —
   never a date from another paragraph; future or deadline times never date an event, and
   a clause dated only by a long past period ("خلال العام الماضي") is background;
6. fatalities come from casualty counts of the same sentence.

Repeated sentences of a document yield one event; events of one document with the same
type, date and places (or, for non-map types, the same agent) are reported once.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import takewhile

import numpy as np

from core import vocab
from core.extract import budget
from core.extract.mentions.actors import find_actors
from core.extract.mentions.triggers import find_triggers, type_priority
from core.extract.segment import Segment, normalized, segment
from core.extract.summary import summarize
from core.model import ActorMention, Document, Event, PlaceMention, TimeMention, TriggerMention
from core.text import normalize

OWN_FAMILY_TYPES = ("withdrawal",)  # "دخلت ... بعد انسحاب الفصائل": two events, two agents


def _family(layer: str, event_type: str) -> str:
    return event_type if event_type in OWN_FAMILY_TYPES else vocab.LAYER_FAMILY.get(layer, event_type)
MAX_EVENT_SPAN_DAYS = 31  # coarser time mentions ("عام 2012") do not date an event
TALK_TYPES = ("diplomacy", "statement", "agreement")
NO_AGENT_TYPES = ("displacement",)
# taking ground is always by someone: without an agent "دخل" is a convoy or a ceasefire entering
AGENT_REQUIRED = ("diplomacy", "statement", "agreement", "joint_patrol", "other_strategic", "territory_taken")
SPEAKER_KINDS = ("person", "office", "name", "adjective")
_WORD_RE = re.compile(r"\w+")


@cache
def _cues() -> dict:
    raw = vocab.load_yaml("event_cues.yaml")
    return {
        "target": frozenset(normalize(w) for w in raw["target_cues"]),
        "between": frozenset(normalize(w) for w in raw["between_cues"]),
        "vso_skip": frozenset(normalize(w) for w in raw["vso_skippable"]),
        "noun_skip": frozenset(normalize(w) for w in raw["noun_modifier_skippable"]),
        "titles": frozenset(normalize(w) for w in raw["titles"]),
        "relatives": frozenset(normalize(w) for w in raw["relatives"]),
        "split": frozenset(normalize(w) for w in raw["split_cues"]),
        "generic_actors": frozenset(raw["generic_actors"]),
        "denials": frozenset(normalize(w) for w in raw["denials"]),
        "passive": frozenset(" ".join(_WORD_RE.findall(normalize(w))) for w in raw["passive_agent_cues"]),
        "owner": frozenset(normalize(w) for w in raw["owner_cues"]),
        "weapons": frozenset(normalize(w) for w in raw["weapons"]),
        "complementizers": frozenset(normalize(w) for w in raw["complementizers"]),
        "light_verbs": frozenset(normalize(w) for w in raw["light_verbs_after_noun"]),
        "signatures": {normalize(w): actor for actor, ws in raw["signature_agents"].items() for w in ws},
        "genitive_heads": frozenset(normalize(w) for w in raw["genitive_heads"]),
        "meeting": tuple(" ".join(_WORD_RE.findall(normalize(w))) for w in raw["meeting_context"]),
        "origin": frozenset(normalize(w) for w in raw["origin_cues"]),
        "origin_stops": frozenset(normalize(w) for w in raw["origin_stops"]),
        "destination": frozenset(normalize(w) for w in raw["destination_cues"]),
        "movement_types": frozenset(raw["movement_types"]),
        "back_pronouns": frozenset(normalize(w) for w in raw["back_pronouns"]),
        "anaphors": frozenset(normalize(w) for w in raw["place_anaphors"]),
        "continuation": frozenset(normalize(w) for w in raw["continuation_verbs"]),
    }


@dataclass
class Draft:
    """An event being assembled from the mentions of one clause."""

    event_type: str
    layer: str
    triggers: list[TriggerMention]
    clause: Segment
    sentence: Segment
    agent: ActorMention | None = None
    agent_rule: str = ""
    target: ActorMention | None = None
    places: list[PlaceMention] = field(default_factory=list)
    place_rule: str = ""
    time: TimeMention | None = None
    time_rule: str = ""
    fatalities: int | None = None
    char_start: int = 0
    char_end: int = 0
    own_span: tuple[int, int] | None = None  # the part of the clause this draft reports (up to the next draft)

    @property
    def start(self) -> int:
        return min([t.start for t in self.triggers])

    @property
    def end(self) -> int:
        return max([t.end for t in self.triggers])

    @property
    def family(self) -> str:
        return _family(self.layer, self.event_type)


# ---------------------------------------------------------------------------------------
# helpers over the normalized text


@lru_cache(maxsize=8)
def _norm_index(text: str) -> tuple[str, list[int]]:
    """The normalized text and, per original offset, the normalized offset where it starts."""
    nt = normalized(text)
    if not nt.has_drops and len(nt.offsets) == len(text):
        return nt.text, range(len(text) + 1)  # one character for one: the identity mapping
    # o2n[i] = number of normalized characters that come from original characters before i
    o2n = np.searchsorted(np.asarray(nt.offsets, dtype=np.int64), np.arange(len(text) + 1), side="left").tolist()
    return nt.text, o2n


def _norm_slice(text: str, a: int, b: int) -> str:
    """normalize(text[a:b]), read from the document's normalized text."""
    if b <= a:
        return ""
    norm, o2n = _norm_index(text)
    n = len(text)
    return norm[o2n[a if a > 0 else 0]:o2n[b if b < n else n]]  # (not max/min: called ~300 times a document)


def _words_between(text: str, a: int, b: int) -> list[str]:
    """Normalized words of text[a:b] (original offsets)."""
    if b <= a:
        return []
    norm, o2n = _norm_index(text)
    n = len(text)
    return _WORD_RE.findall(norm, o2n[a if a > 0 else 0], o2n[b if b < n else n])


def _strip_clitic(word: str) -> str:
    for p in ("وب", "ول", "فب", "و", "ف", "ب", "ل"):
        if word.startswith(p) and len(word) > len(p) + 2:
            return word[len(p):]
    return word


def _has_target_cue(text: str, clause_start: int, actor: ActorMention) -> bool:
    """The actor is introduced as a target (على/ضد/مواقع/لـ ...) rather than as a subject."""
    return _target_cue_before(text, clause_start, actor.start)


@lru_cache(maxsize=1024)  # asked again and again for the same actors of a clause
def _target_cue_before(text: str, clause_start: int, start: int) -> bool:
    before = _words_between(text, max(clause_start, start - 25), start)
    if _norm_slice(text, start - 1, start) == "ل":
        return True
    if before and before[-1] in _cues()["complementizers"]:
        return False  # "لفت المراسل إلى أن وحدات الجيش ردت": a subject after أن
    cues = _cues()["target"]
    return any(w in cues or _strip_clitic(w) in cues for w in before[-2:])


OWN_TIME_CHARS = 40
NOT_EVENT_TIME_FLAGS = frozenset({"future", "deadline"})  # "سيستقبل يوم الخميس المقبل", "مع نهاية الشهر الجاري"


def _background_period(tm: TimeMention, published: date | None) -> bool:
    """A long past period ("خلال العام الماضي", "منذ سنوات"): the clause tells history, not news."""
    if tm.date_start is None or tm.date_end is None or "future" in tm.flags:
        return False
    if (tm.date_end - tm.date_start).days <= MAX_EVENT_SPAN_DAYS:
        return False
    return published is None or tm.date_end < published - timedelta(days=MAX_EVENT_SPAN_DAYS)


def _gap_has_target_cue(text: str, gap: list[str], actor: ActorMention) -> bool:
    """Like :func:`_has_target_cue`, over the given words only (those after the trigger)."""
    if _norm_slice(text, actor.start - 1, actor.start) == "ل":
        return True
    cues = _cues()["target"]
    return any(w in cues or _strip_clitic(w) in cues for w in gap[-2:])


def _time_ok(tm: TimeMention, published: date | None) -> bool:
    if tm.date is None or NOT_EVENT_TIME_FLAGS.intersection(tm.flags):
        return False
    if tm.date_start and tm.date_end and (tm.date_end - tm.date_start).days > MAX_EVENT_SPAN_DAYS:
        return False
    if published and tm.date > published + timedelta(days=1):
        return False
    return True


# ---------------------------------------------------------------------------------------
# building drafts


def _drafts_of_clause(text: str, clause: Segment, sentence: Segment,
                      triggers: list[TriggerMention]) -> list[Draft]:
    """Merge the triggers of one clause into event drafts (see module docstring, step 1)."""
    drafts: list[Draft] = []
    split_cues = _cues()["split"]
    for trig in triggers:
        family = _family(trig.layer, trig.event_type)
        target = None
        for d in reversed(drafts):
            if d.family == family:
                target = d
                break
        same_verb = (target is not None and trig.layer in vocab.MAP_LAYERS and trig.pos == "verb" and not trig.generic
                     and any(t.pos == "verb" and not t.generic and t.event_type == trig.event_type
                             for t in target.triggers))
        before = _words_between(text, max(clause.start, trig.start - 12), trig.start)
        if drafts and before and before[-1] in _cues()["relatives"]:
            drafts[-1].triggers.append(trig)  # "المواقع التي تقدموا إليها": describes, not a new event
            continue
        reply = target is not None and any(w in split_cues for w in _words_between(text, target.end, trig.start))
        if target is None and trig.pos == "verb" and _norm_slice(text, trig.start - 1, trig.start) == "ل":
            continue  # ل + verb is a purpose ("سيستقبله لبحث الوضع"): an aim; it only describes an event
        if target is None or same_verb or reply:
            drafts.append(Draft(trig.event_type, trig.layer, [trig], clause, sentence))
            continue
        target.triggers.append(trig)
        best = max(target.triggers, key=lambda t: (not t.generic, type_priority(t.event_type)))
        target.event_type, target.layer = best.event_type, best.layer
    return drafts


def _find_agent(text: str, d: Draft, actors: list[ActorMention], lower: int) -> tuple[ActorMention | None, str,
                                                                                      ActorMention | None]:
    """(agent, rule, target-from-between) for a draft, from the actors of its clause after ``lower``."""
    cues = _cues()
    clause = d.clause
    in_clause = [a for a in actors if max(clause.start, lower) <= a.start < clause.end
                 and a.role_hint != "supporter"]
    if not in_clause:
        return None, "", None
    first = min(d.triggers, key=lambda t: t.start)
    # "بين X و Y": X is actor1, Y actor2
    for i, a in enumerate(in_clause):
        if a.start >= first.start:
            words = _words_between(text, max(clause.start, a.start - 24), a.start)
            while words and words[-1] in cues["titles"]:  # "بين الرئيسين الروسي ... والتركي"
                words.pop()
            if words and words[-1] in cues["between"]:
                # "بين فصائل المعارضة والجبهة الوطنية ... من جهة وقوات النظام من جهة أخرى": the first
                # side's most specific actor, against the first actor of another side
                rest = in_clause[i + 1:]
                other = next((b for b in rest if b.actor.side != a.actor.side), None)
                if other is None:
                    other = next((b for b in rest if b.actor.actor_id != a.actor.actor_id), None)
                    return a, "agent:between", other
                same_side = [b for b in [a, *rest] if b.start < other.start and b.actor.side == a.actor.side]
                agent = next((b for b in same_side if b.actor.actor_id not in cues["generic_actors"]), a)
                return agent, "agent:between", other
    # passive: "تعرضت البلدة لقصف من قبل قوات النظام", "على يد"
    for a in in_clause:
        if a.start >= first.start:
            words = _words_between(text, max(clause.start, a.start - 14), a.start)
            if " ".join(words[-2:]) in cues["passive"] or (words and words[-1] in cues["passive"]):
                return a, "agent:passive", None
    # verb: the subject right after it (VSO), skipping adverbs and time words
    for trig in sorted(d.triggers, key=lambda t: t.start):
        if trig.pos != "verb":
            continue
        after = [a for a in in_clause if a.start >= trig.end]
        if after:
            a = after[0]
            gap = _words_between(text, trig.end, a.start)
            titled = bool(gap) and all(w in cues["titles"] or w in cues["vso_skip"] for w in gap) and any(
                w in cues["titles"] for w in gap)
            if titled and len(gap) <= 5 and not _gap_has_target_cue(text, gap, a):
                return a, "agent:vso", None  # "استهدفت مدفعية النظام بلدة ...": the verb is not a target cue
            if all(w in cues["vso_skip"] for w in gap) and len(gap) <= 3 and not _has_target_cue(
                    text, clause.start, a) and a.kind != "adjective":
                return a, "agent:vso", None
    # noun: an adjective or genitive right after it ("غارات روسية", "قصف الطيران الروسي")
    for trig in sorted((t for t in d.triggers if t.pos == "noun"), key=lambda t: t.start):
        for a in in_clause:
            if a.start < trig.end:
                continue
            gap = _words_between(text, trig.end, a.start)
            light = bool(gap) and gap[0] in cues["light_verbs"]
            if len(gap) > (3 if light else 2) or (not light and any(
                    w not in cues["noun_skip"] and w not in cues["genitive_heads"] for w in gap)):
                if not (len(gap) == 1 and _norm_slice(text, a.start - 1, a.start) == "ل"):
                    break
            if gap and gap[0] in cues["light_verbs"] and len(gap) <= 3:
                return a, "agent:light_verb", None  # "غارة نفذتها طائرات النظام", "قصف شنته قوات النظام"
            heads = all(w in cues["genitive_heads"] for w in gap)  # "انسحاب مقاتلي هيئة تحرير الشام"
            # the noun's own genitive: "إنشاء القوات التركية نقطة" (agent), "استهداف قوات النظام" and
            # "حول هجوم النظام" (target, topic); "من" before the noun is temporal ("بعد يومين من إنشاء")
            near = [w for w in _words_between(text, max(clause.start, trig.start - 14), trig.end)[-2:] if w != "من"]
            if a.kind == "adjective" or ((not gap or heads) and not _gap_has_target_cue(text, near + gap, a)):
                return a, "agent:noun_modifier", None
            genitive_l = _norm_slice(text, a.start - 1, a.start) == "ل"
            if genitive_l and len(gap) <= 1 and not any(w in cues["target"] for w in gap):
                return a, "agent:genitive", None
            break
    # subject before the trigger (SVO, or the subject of a light verb before a noun)
    verbs = sorted((t for t in d.triggers if t.pos == "verb"), key=lambda t: t.start)
    anchor = verbs[0].start if verbs else first.start
    # the first verb with a subject before it ("لبحث تهدئة ... جيفري توجه إلى أنقرة")
    for v in verbs:
        if any(a.end <= v.start and not _has_target_cue(text, clause.start, a) for a in in_clause):
            anchor = v.start
            break
    # "قوات النظام التي تشن هجوما": the noun before the relative pronoun is the agent
    for a in reversed([a for a in in_clause if a.end <= anchor]):
        gap = _words_between(text, a.end, anchor)
        if gap and gap[0] in cues["relatives"] and len(gap) <= 2:
            return a, "agent:relative", None
        break
    before = [a for a in in_clause if a.end <= anchor and not _has_target_cue(text, clause.start, a)]
    if not before and d.layer == "strike" and d.event_type != "aircraft_downed":
        # the owner of the aircraft or guns: "ألقت المروحيات التابعة للنظام براميل"
        for a in in_clause:
            words = [w for w in _words_between(text, max(clause.start, a.start - 30), a.start) if w != "ل"]
            if len(words) >= 2 and words[-1] in cues["owner"] and _strip_clitic(words[-2]) in cues["weapons"]:
                return a, "agent:owner", None
    if before:
        agent = before[-1]
        # "القوات التركية والروسية", "موسكو وأنقرة أكدتا": the first of coordinated actors
        i = len(before) - 1
        group = [agent]
        while i > 0 and _norm_slice(text, before[i - 1].end, before[i].start).strip(" \"'«»“”") in ("و", "،", ""):
            i -= 1
            group.insert(0, before[i])
        agent = group[0]
        if len({a.actor.side for a in group}) == 1:  # one side: the most specific actor names it best
            agent = next((a for a in group if a.actor.actor_id not in cues["generic_actors"]), agent)
        return agent, "agent:svo", None
    return None, "", None


def _find_target(text: str, d: Draft, actors: list[ActorMention]) -> ActorMention | None:
    clause = d.clause
    agent_id = d.agent.actor.actor_id if d.agent else None
    end = d.end if d.layer in vocab.MAP_LAYERS else min(t.end for t in d.triggers)
    after = [a for a in actors if end <= a.start < clause.end and a.role_hint != "supporter"
             and a.actor.actor_id != agent_id and a is not d.agent]
    cued = [a for a in after if _has_target_cue(text, clause.start, a)]
    if cued:
        return cued[0]
    if after:
        return after[0]
    return None


def _places_for(drafts_in_clause: list[Draft], places: list[PlaceMention], clause: Segment,
                sentence_places: list[PlaceMention]) -> None:
    """Give each draft of a clause the places after its trigger (before the next draft's)."""
    in_clause = [p for p in places if clause.start <= p.start < clause.end]
    ordered = sorted(drafts_in_clause, key=lambda d: d.start)
    for i, d in enumerate(ordered):
        lo = clause.start if i == 0 else d.start
        hi = ordered[i + 1].start if i + 1 < len(ordered) else clause.end
        own = [p for p in in_clause if lo <= p.start < hi]
        d.own_span = (lo, hi)
        if own:
            d.places, d.place_rule = own, "place:clause"
        elif sentence_places:
            d.places, d.place_rule = sentence_places, "place:sentence"


def _pick_time(d: Draft, times: list[TimeMention], paragraph_times: list[TimeMention],
               published: date | None, source: str = "published", since: int = 0) -> None:
    anchor = d.start
    for scope, rule in ((d.clause, "time:clause"), (d.sentence, "time:sentence")):
        in_scope = [t for t in times if scope.start <= t.start < scope.end]
        cands = [t for t in in_scope if _time_ok(t, published)]
        # "دخلت ... اليوم، عقب سيطرتها مساء أمس على ...": a time right after the trigger, inside the
        # part of the clause this event reports, is its own even when an earlier one is nearer
        own = [t for t in cands if d.own_span and d.start <= t.start < min(d.own_span[1], d.end + OWN_TIME_CHARS)]
        if rule == "time:clause" and own:
            cands = own
        if cands:
            d.time = min(cands, key=lambda t: abs(t.start - anchor))
            d.time_rule = rule
            return
        if rule == "time:clause" and any(_background_period(t, published) for t in in_scope):
            d.time, d.time_rule = None, "time:background"  # "شهدت معارك متكررة خلال العام الماضي"
            return
    # ``paragraph_times``: the document's usable times (:func:`_paragraph_time_ok`) in text order; the
    # last one ending before the sentence, if it starts in the report (paragraphs) the sentence belongs to
    i = bisect.bisect_left(paragraph_times, d.sentence.start, key=lambda t: t.start)
    while i > 0 and paragraph_times[i - 1].end > d.sentence.start:
        i -= 1
    if i and paragraph_times[i - 1].start >= since:
        d.time, d.time_rule = paragraph_times[i - 1], "time:paragraph"
        return
    # no time in the paragraph: the publication (or dateline) date, never the last date seen in
    # another paragraph ("أمس الخميس" of one report does not date the next one)
    d.time, d.time_rule = None, f"time:{source}" if published else "time:none"


def _paragraph_time_ok(t: TimeMention, published: date | None) -> bool:
    return _time_ok(t, published) and t.precision in ("day", "week", "range")


def _reference_date(doc: Document) -> tuple[date | None, str]:
    """The day relative times count from: the publication date, else the date the text gives
    itself at its start (a dateline, "الثلاثاء 10 جمادى الآخرة 1441 هـ"), with its source."""
    if doc.published:
        return doc.published, "published"
    from core.extract.mentions import times as times_module

    finder = getattr(times_module, "reference_date", None) or getattr(times_module, "dateline", None)
    found = finder(doc.text) if finder is not None else None
    return (found, "dateline") if isinstance(found, date) else (None, "none")


# ---------------------------------------------------------------------------------------
# rows


def _event_id(doc_id: str, event_type: str, char_start: int, place_key: str) -> str:
    return hashlib.sha1(f"{doc_id}|{event_type}|{char_start}|{place_key}".encode()).hexdigest()[:16]


def _confidence(d: Draft, geo_precision: int | None) -> float:
    trig = max(t.weight for t in d.triggers)
    c = 0.3 + 0.2 * trig
    if d.agent is not None:
        c += 0.07 if d.agent_rule in ("agent:context", "agent:signature") else 0.15
    if geo_precision in (1, 2):
        c += 0.15
    elif geo_precision == 3:
        c += 0.08
    if d.time_rule in ("time:clause", "time:sentence"):
        c += 0.1
    elif d.time_rule == "time:paragraph":
        c += 0.05
    return round(min(c, 0.95), 3)


def _rows(doc: Document, d: Draft, reference: date | None, source: str) -> list[Event]:
    text = doc.text
    if d.time is not None:
        tm = d.time
        ev_date, d_start, d_end, precision = tm.date, tm.date_start or tm.date, tm.date_end or tm.date, tm.precision
        time_surface, time_flags = tm.surface, ",".join(tm.flags)
        if precision not in ("day", "week", "month", "range"):
            precision = "unknown"
    elif reference:
        ev_date, d_start, d_end, precision = reference, reference - timedelta(days=6), reference, "week"
        time_surface, time_flags = None, f"date_from_{source}"
    else:
        ev_date = d_start = d_end = None
        precision, time_surface, time_flags = "unknown", None, "no_published_date"
    actor1 = d.agent.actor.actor_id if d.agent else None
    actor2 = d.target.actor.actor_id if d.target else None
    core = d.layer in vocab.MAP_LAYERS
    rule = "+".join(r for r in (f"trigger:{'/'.join(sorted({t.pos for t in d.triggers}))}", d.agent_rule,
                                d.place_rule, d.time_rule) if r)
    evidence = text[d.char_start:d.char_end].strip()
    base = dict(
        doc_id=doc.doc_id, type=d.event_type, layer=d.layer, date=ev_date, date_start=d_start, date_end=d_end,
        time_precision=precision, actor1=actor1, actor1_side=vocab.side_of(actor1), actor2=actor2,
        actor2_side=vocab.side_of(actor2), fatalities=d.fatalities, evidence=evidence, char_start=d.char_start,
        char_end=d.char_end, rule=rule, group_id="", time_surface=time_surface, time_flags=time_flags, core=core,
        outlet=doc.outlet, url=doc.url, published=doc.published,
    )
    # one row per place; an unresolved name adds the region the sentence gives for it
    rows: list[tuple[str, dict]] = []
    seen: set[str] = set()
    for pm in d.places:
        if pm.status == "unresolved" or pm.place is None:
            key = "unresolved:" + normalize(pm.surface)
            if key not in seen:
                seen.add(key)
                rows.append((key, dict(place_ar=pm.surface, place_en=None, pcode=None, admin1_pcode=None, lat=None,
                                       lon=None, geo_precision=None, geo_status="unresolved", admin1_name=None,
                                       admin2_name=None, place_kind=None, place_surface=pm.surface,
                                       geo_reason=pm.reason)))
            fb = getattr(pm, "fallback", None)
            if fb is not None and fb.place_id not in seen:
                seen.add(fb.place_id)
                region_fields = _place_fields(fb, pm, 3, "region", f"enclosing region of unresolved '{pm.surface}'")
                region_fields["place_surface"] = fb.name_ar  # the row locates the region, not the name
                rows.append((fb.place_id, region_fields))
            continue
        place = pm.place
        if place.place_id in seen:
            continue
        seen.add(place.place_id)
        status = "region" if pm.status == "region" else "resolved"
        precision = int(pm.precision) if pm.precision in (1, 2, 3) else (3 if status == "region" else 1)
        rows.append((place.place_id, _place_fields(place, pm, precision, status, pm.reason)))
    if not rows:
        rows.append(("none", dict(place_ar=None, place_en=None, pcode=None, admin1_pcode=None, lat=None, lon=None,
                                  geo_precision=None, geo_status="none", admin1_name=None, admin2_name=None,
                                  place_kind=None, place_surface=None, geo_reason=None)))
    out = []
    for key, place_fields in rows:
        fields = {**base, **place_fields}
        fields["confidence"] = _confidence(d, fields["geo_precision"])
        fields["event_id"] = _event_id(doc.doc_id, d.event_type, d.char_start, key)
        fields["summary"] = summarize(event_type=d.event_type, actor1=actor1, actor2=actor2,
                                      place_en=fields["place_en"], place_ar=fields["place_ar"],
                                      admin1_name=fields["admin1_name"], fatalities=d.fatalities)
        out.append(Event(**fields))
    return out


def _place_fields(place, pm: PlaceMention, precision: int, status: str, reason: str) -> dict:
    has_point = place.lat is not None and place.lon is not None
    return dict(
        place_ar=place.name_ar, place_en=place.name_en, pcode=place.place_id,
        admin1_pcode=place.admin1_pcode or None, lat=place.lat if has_point else None,
        lon=place.lon if has_point else None, geo_precision=precision, geo_status=status,
        admin1_name=place.admin1_name_en or None, admin2_name=place.admin2_name_en or None,
        place_kind=place.kind, place_surface=pm.surface, geo_reason=reason,
    )


# ---------------------------------------------------------------------------------------
# document level


def _mentions(doc: Document, reference: date | None):
    from core.extract.mentions.places import find_places
    from core.extract.mentions.times import find_times

    text = doc.text
    nt = normalized(text)
    triggers = find_triggers(text, nt)
    if not triggers:  # nothing happens in this text: skip the costlier recognizers
        return [], [], [], []
    budget.check()
    actors = find_actors(text, nt)
    budget.check()
    places = find_places(text)
    budget.check()
    return triggers, actors, places, find_times(text, reference)


def _casualty_counts(text: str) -> list:
    from core.extract.mentions import numbers

    if hasattr(numbers, "find_casualty_counts"):
        return [num for num, kind in numbers.find_casualty_counts(text) if kind == "killed"]
    return []


def extract_events(doc: Document) -> list[Event]:
    """All events of a document, one row per place (see the module docstring)."""
    text = doc.text
    if not text or not text.strip():
        return []
    reference, source = _reference_date(doc)
    triggers, actors, places, times = _mentions(doc, reference)
    if not triggers:
        return []
    seg = segment(text)
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
    casualty_counts = sorted(_casualty_counts(text), key=lambda c: c.start)
    count_starts = [c.start for c in casualty_counts]
    seen_sentences: set[str] = set()
    drafts: list[Draft] = []
    clauses = seg.clauses
    headlines = {p.paragraph for p in seg.paragraphs if _is_headline(p, seg)}
    triggers.sort(key=lambda t: t.start)
    places = sorted(places, key=lambda p: p.start)
    trigger_starts = [t.start for t in triggers]
    place_starts = [p.start for p in places]
    for sentence in seg.sentences:
        budget.check()
        if sentence.paragraph in headlines:
            continue
        lo, hi = bisect.bisect_left(trigger_starts, sentence.start), bisect.bisect_left(trigger_starts, sentence.end)
        if lo == hi:
            continue  # no trigger: no event in this sentence
        key = " ".join(_norm_slice(text, sentence.start, sentence.end).split())
        if key in seen_sentences:  # a repeated sentence (copied paragraph) reports the same events
            continue
        seen_sentences.add(key)
        s_index = sentence.sentence
        s_clauses = list(takewhile(lambda c, i=s_index: c.sentence == i, clauses[sentence.clause:])) or [sentence]
        s_places = places[bisect.bisect_left(place_starts, sentence.start):bisect.bisect_left(place_starts,
                                                                                              sentence.end)]
        s_drafts: list[Draft] = []
        for clause in s_clauses:
            c_trigs = [t for t in triggers[lo:hi] if clause.start <= t.start < clause.end]
            s_drafts.extend(_drafts_of_clause(text, clause, sentence, c_trigs))
        s_drafts = _filter_sentence(text, s_drafts, actors)
        for clause in s_clauses:
            _places_for([d for d in s_drafts if d.clause == clause], s_places, clause, [])
        # a clause without events continues the previous event ("..، إضافة إلى مدينتي كفرنبل وأريحا")
        for clause in s_clauses:
            if any(d.clause == clause for d in s_drafts):
                continue
            c_places = [p for p in s_places if clause.start <= p.start < clause.end]
            prev = [d for d in s_drafts if d.clause.start < clause.start]
            if c_places and prev:
                host = max(prev, key=lambda d: d.start)
                host.places = host.places + c_places
                host.place_rule = host.place_rule or "place:clause"
        # clauses without their own places share the places of the sentence's other clauses
        placed = [p for d in s_drafts for p in d.places]
        free = [p for p in s_places if p not in placed]
        for d in s_drafts:
            if not d.places and (free or placed):
                d.places, d.place_rule = (free or placed), "place:sentence"
        for d in s_drafts:
            d.char_start, d.char_end = sentence.start, sentence.end
        _places_from_pronoun(text, s_drafts)
        _attach_fatalities(s_drafts, casualty_counts[bisect.bisect_left(count_starts, sentence.start):
                                                     bisect.bisect_left(count_starts, sentence.end)], sentence)
        drafts.extend(s_drafts)
    # same type in one sentence twice: give the second its own span so both are kept
    used: set[tuple[str, int]] = set()
    for d in drafts:
        if (d.event_type, d.char_start) in used:
            d.char_start = d.start
        used.add((d.event_type, d.char_start))
    budget.check()
    _assign_actors(text, drafts, actors)
    # a paragraph's times reach back to the start of its report (position-based: linear cost)
    report_start: dict[int, int] = {}
    continuation = _cues()["continuation"]
    for p in seg.paragraphs:
        first_word = _words_between(text, p.start, min(p.end, p.start + 20))[:1]
        if p.paragraph and first_word and first_word[0] in continuation:
            # "وأضافت المصادر أن ...": the paragraph goes on with the report of the one before it
            report_start[p.paragraph] = report_start.get(p.paragraph - 1, p.start)
        else:
            report_start[p.paragraph] = p.start
    times = sorted(times, key=lambda t: t.start)  # (already in text order)
    time_starts = [t.start for t in times]
    usable_times = [t for t in times if _paragraph_time_ok(t, reference)]
    for d in drafts:
        s_times = times[bisect.bisect_left(time_starts, d.sentence.start):bisect.bisect_left(time_starts,
                                                                                           d.sentence.end)]
        _pick_time(d, s_times, usable_times, reference, source,
                   since=report_start.get(d.sentence.paragraph, d.sentence.start))
    antecedents = [p for p in places if _anaphora_antecedent(p)]
    for d in drafts:
        _drop_origin_and_destination(text, d)
        _place_from_anaphora(text, d, antecedents)
    drafts = [d for d in drafts if _keep(text, d)]
    for d in drafts:
        _drop_stray_foreign(d)
        _drop_topic_places(d)
        _venue_from_context(d, places, seg, place_starts)
    drafts = _drop_meeting_statements(drafts)
    budget.check()
    drafts = _dedupe(drafts, reference)
    events: list[Event] = []
    for d in drafts:
        events.extend(_rows(doc, d, reference, source))
    return events


HEADLINE_MAX_WORDS = 6
TITLE_MAX_WORDS = 20


def _is_headline(p: Segment, seg) -> bool:
    """A subheading ("غارات وقصف") or a title line: it repeats what the body reports."""
    if len(seg.paragraphs) < 2:
        return False
    words = len(p.text.split())
    ends = p.text.rstrip()[-1:] in ".!؟?:"
    if words <= HEADLINE_MAX_WORDS and not ends:
        return True
    return p.paragraph == 0 and words <= TITLE_MAX_WORDS and not ends


def _filter_sentence(text: str, drafts: list[Draft], actors: list[ActorMention]) -> list[Draft]:
    """Sentence-level rules for the non-map types: statements and casualties are kept only
    when the sentence reports nothing else, and one statement per sentence."""
    denials = _cues()["denials"]
    drafts = [d for d in drafts if d.event_type == "statement"
              or not set(_words_between(text, d.sentence.start, d.start)) & denials]
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


def _attach_fatalities(drafts: list[Draft], counts: list, sentence: Segment) -> None:
    in_sentence = [c for c in counts if sentence.start <= c.start < sentence.end]
    candidates = [d for d in drafts if d.layer in vocab.MAP_LAYERS or d.event_type == "casualties"]
    for count in in_sentence:
        before = [d for d in candidates if d.start <= count.start]
        target = max(before, key=lambda d: d.start) if before else (candidates[0] if candidates else None)
        if target is not None:
            target.fatalities = max(int(count.value), target.fatalities or 0)


def _signature_agent(text: str, d: Draft) -> tuple[ActorMention | None, str]:
    """A weapon only one party used names it ("البراميل المتفجرة" → the government); rule agent:signature."""
    clause_words = " " + " ".join(_words_between(text, d.clause.start, d.clause.end)) + " "
    for phrase, actor_id in _cues()["signatures"].items():
        if f" {phrase} " in clause_words or f" ب{phrase} " in clause_words or f" و{phrase} " in clause_words:
            actor = vocab.actors()[actor_id]
            return ActorMention(actor=actor, surface=phrase, start=d.start, end=d.start, kind="signature"), \
                "agent:signature"
    return None, ""


def _assign_actors(text: str, drafts: list[Draft], all_actors: list[ActorMention]) -> None:
    starts = [a.start for a in all_actors]
    previous: Draft | None = None
    with_agent: Draft | None = None
    for d in drafts:
        # actors before the previous event's trigger in the same clause belong to that event
        lower = d.clause.start
        if previous is not None and previous.clause == d.clause:
            prev_first = min(previous.triggers, key=lambda t: t.start)
            lower = prev_first.end if prev_first.end <= d.start else d.clause.start
        actors = all_actors[bisect.bisect_left(starts, d.clause.start):bisect.bisect_left(starts, d.clause.end)]
        agent, rule, between_target = _find_agent(text, d, actors, lower)
        if d.event_type in NO_AGENT_TYPES:  # the displaced are not the agent; the cause is rarely named
            agent, rule, between_target = None, "", None
        if d.event_type == "statement" and agent is not None and agent.kind not in SPEAKER_KINDS:
            agent = None
        d.agent, d.agent_rule = agent, rule
        # a verb without a named subject ("إنها استهدفت", "كما دفعت"): the agent of the previous event
        if agent is None and with_agent is not None and (
                any(t.pos == "verb" and not t.generic for t in d.triggers)
                and with_agent.sentence.paragraph == d.sentence.paragraph
                and d.sentence.sentence - with_agent.sentence.sentence <= 1
                and d.event_type != "statement"):
            d.agent, d.agent_rule = with_agent.agent, "agent:context"
        if d.agent is None and d.layer == "strike":
            d.agent, d.agent_rule = _signature_agent(text, d)
        d.target = between_target or _find_target(text, d, actors)
        if d.target is not None and d.agent is not None and d.target.actor.actor_id == d.agent.actor.actor_id:
            d.target = None
        previous = d
        if d.agent is not None:
            with_agent = d


def _keep(text: str, d: Draft) -> bool:
    """Drafts too weak to be an event: a vague word ("التصعيد") without "بين X و Y"; a generic
    attack word with neither agent nor toll; a map event named only by a noun, without agent,
    toll or a precise place (background: "تشكل استعادة الطريق هدفا")."""
    if d.event_type in AGENT_REQUIRED and d.agent is None:
        return False
    if d.time_rule == "time:background" and d.fatalities is None:
        return False
    if d.event_type != "statement" and set(_words_between(text, d.sentence.start, d.start)) & _cues()["denials"]:
        return False  # "نفت الوزارة أن تكون طائراتها قد قصفت ..."
    if all(t.weight <= 0.4 for t in d.triggers) and d.agent_rule != "agent:between":
        return False
    if all(t.generic or t.weight <= 0.4 for t in d.triggers) and d.agent is None and d.fatalities is None:
        return False
    if d.layer in vocab.MAP_LAYERS and not d.places and d.fatalities is None and d.time_rule not in (
            "time:clause", "time:sentence"):
        return False  # background: an unplaced, undated fight ("قوات النظام التي تشن هجوما")
    if d.layer in vocab.MAP_LAYERS and d.agent is None and d.fatalities is None and all(
            t.pos == "noun" for t in d.triggers) and not any(p.precision in (1, 2) and p.place for p in d.places):
        return False
    return True


PLACE_NOUNS = frozenset(normalize(w) for w in ("قرية", "بلدة", "مدينة", "بلدتي", "قريتي", "مدينتي", "محيط",
                                                "أطراف", "منطقة", "مناطق", "قرى", "بلدات", "مدن", "ريف", "محور"))


def _drop_origin_and_destination(text: str, d: Draft) -> None:
    """Strikes keep where they fell, not where they came from ("مصدره معسكرات النظام في X");
    displacement and withdrawals keep where they happened, not where people went ("باتجاه Y")."""
    cues = _cues()
    if not d.places:
        return
    keep = []
    for p in d.places:
        before = _words_between(text, max(d.clause.start, d.start), p.start)
        if d.layer == "strike":
            last_origin = max((i for i, w in enumerate(before) if w in cues["origin"]), default=-1)
            if last_origin >= 0 and not any(_strip_clitic(w) in cues["origin_stops"] or w in cues["origin_stops"]
                                            for w in before[last_origin + 1:]):
                continue
        if d.event_type in cues["movement_types"]:
            near = [w for w in before[-3:] if w not in PLACE_NOUNS]
            if near and near[-1] in cues["destination"]:
                continue
        keep.append(p)
    if len(keep) < len(d.places):
        d.places = keep


ANAPHORA_KINDS = ("community",)


def _anaphora_antecedent(p: PlaceMention) -> bool:
    return p.status == "resolved" and p.place is not None and p.place.kind in ANAPHORA_KINDS and p.precision == 1


def _place_from_anaphora(text: str, d: Draft, places: list[PlaceMention]) -> None:
    """A map event without a place that says "البلدة"/"المدينة" (the town, named before) happened at
    the last settlement the document named before its sentence, rule ``place:anaphora``."""
    if d.places or d.layer not in vocab.MAP_LAYERS:
        return
    lo, hi = d.own_span or (d.clause.start, d.clause.end)
    words = _words_between(text, max(lo, d.start), hi)
    anaphors = _cues()["anaphors"]
    stops = _cues()["destination"]
    for i, w in enumerate(words):
        if _strip_clitic(w) in anaphors and not (i and words[i - 1] in stops):
            break
    else:
        return
    # ``places``: the antecedent candidates in text order; the last one ending before the sentence
    i = bisect.bisect_left(places, d.sentence.start, key=lambda p: p.start)
    while i > 0 and places[i - 1].end > d.sentence.start:
        i -= 1
    if i:
        d.places, d.place_rule = [places[i - 1]], "place:anaphora"


def _places_from_pronoun(text: str, drafts: list[Draft]) -> None:
    """"سيطرت على سراقب بعد انسحاب الفصائل منها": the withdrawal happened at the places of the
    event it follows in the sentence."""
    pronouns = _cues()["back_pronouns"]
    for i, d in enumerate(drafts):
        if d.event_type != "withdrawal" or i == 0:
            continue
        host = drafts[i - 1]
        if host.sentence != d.sentence or not host.places:
            continue
        after = _words_between(text, d.end, min(d.clause.end, d.end + 40))[:4]
        if any(w in pronouns for w in after):
            d.places, d.place_rule = [p for p in host.places if p.precision in (1, 2)] or host.places, \
                "place:pronoun"


def _drop_stray_foreign(d: Draft) -> None:
    """A foreign place among Syrian places of a map event is a false hit, not a second location."""
    if d.layer not in vocab.MAP_LAYERS:
        return
    syrian = [p for p in d.places if not (p.place and p.place.kind == "foreign")]
    if syrian and len(syrian) < len(d.places):
        d.places = syrian


def _drop_topic_places(d: Draft) -> None:
    """Talks and statements happen in a city, not in the region they are about ("بحثا الوضع في
    إدلب"): keep their foreign places and named settlements, not governorates or countrysides."""
    if d.event_type not in TALK_TYPES:
        return
    d.places = [p for p in d.places if p.place is not None and (
        p.place.kind == "foreign" or (p.status == "resolved" and p.precision in (1, 2)
                                      and p.place.kind in ("community", "neighbourhood", "site")))]


VENUE_LOOKBACK_SENTENCES = 3


def _venue_from_context(d: Draft, places: list[PlaceMention], seg, place_starts: list[int]) -> None:
    """Talks without a venue ("عقد اجتماعا مع وفد روسيا") take the foreign city named in the
    previous sentences of the paragraph ("توجه إلى أنقرة"), with rule ``place:context``."""
    if d.event_type != "diplomacy" or d.places:
        return
    first = seg.sentences[max(0, d.sentence.sentence - VENUE_LOOKBACK_SENTENCES)].start
    lo = max(first, seg.paragraphs[d.sentence.paragraph].start)
    window = places[bisect.bisect_left(place_starts, lo):bisect.bisect_left(place_starts, d.sentence.start)]
    venues = [p for p in window if p.place is not None and p.place.kind == "foreign"]
    if venues:
        d.places, d.place_rule = [venues[-1]], "place:context"


def _drop_meeting_statements(drafts: list[Draft]) -> list[Draft]:
    """What a leader says to a counterpart during a call or meeting ("قال الرئيس التركي لنظيره
    الروسي", "أعرب بوتين خلال الاتصال") belongs to that diplomacy event, not to a new statement."""
    cues = _cues()["meeting"]
    parties = {_actor_id(d.agent) for d in drafts if d.event_type == "diplomacy"} | {
        _actor_id(d.target) for d in drafts if d.event_type == "diplomacy"}
    out = []
    for d in drafts:
        if d.event_type == "statement" and _actor_id(d.agent) in parties:
            words = " " + " ".join(_WORD_RE.findall(normalize(d.sentence.text))) + " "
            if any(f" {c} " in words for c in cues):
                continue
        out.append(d)
    return out


def _actor_id(mention: ActorMention | None) -> str | None:
    return mention.actor.actor_id if mention else None


def _dedupe(drafts: list[Draft], published: date | None) -> list[Draft]:
    """One event per (type, date, place set) in a document; statements without a speaker are dropped."""
    out: list[Draft] = []
    # earlier events that can be a draft's duplicate, in order (linear cost): map events under
    # (type, date, each place) — a duplicate holds all the draft's places; the others under (type, date)
    earlier: dict[tuple, list[Draft]] = {}
    for d in drafts:
        if d.event_type == "statement" and d.agent is None:
            continue
        if d.event_type == "casualties" and d.fatalities is None:
            continue
        d_places = {p.place.place_id if p.place else normalize(p.surface) for p in d.places}
        d_date = d.time.date if d.time else published
        dup = False
        if d.layer in vocab.MAP_LAYERS:
            candidates = earlier.get((d.event_type, d_date, min(d_places)), []) if d_places else []
        else:
            candidates = earlier.get((d.event_type, d_date), [])
        for o in candidates:
            o_places = {p.place.place_id if p.place else normalize(p.surface) for p in o.places}
            same_agent = d.agent is None or o.agent is None or _actor_id(d.agent) == _actor_id(o.agent)
            if d.layer in vocab.MAP_LAYERS:
                dup = same_agent and bool(d_places) and d_places <= o_places
            else:  # the same actors (in either order), the same day, the same (or no) place or governorate
                pair_d = {_actor_id(d.agent), _actor_id(d.target)}
                pair_o = {_actor_id(o.agent), _actor_id(o.target)}
                same_actors = True if d.event_type in NO_AGENT_TYPES else pair_d == pair_o if d.event_type == "statement" else (
                    pair_d == pair_o or (_actor_id(d.agent) == _actor_id(o.agent)
                                         and _actor_id(d.target) == _actor_id(o.target)))
                dup = same_actors and (not d_places or not o_places or bool(d_places & o_places)
                                       or bool(_admin1s(d) & _admin1s(o)))
                if dup:  # a second mention may name the place more precisely: keep both
                    o.places = o.places + [p for p in d.places if p not in o.places]
            if dup:
                if o.fatalities is None and d.fatalities is not None:
                    o.fatalities = d.fatalities
                if o.agent is None and d.agent is not None:
                    o.agent, o.agent_rule = d.agent, d.agent_rule
                break
        if not dup:
            out.append(d)
            if d.layer in vocab.MAP_LAYERS:
                for key in d_places:
                    earlier.setdefault((d.event_type, d_date, key), []).append(d)
            else:
                earlier.setdefault((d.event_type, d_date), []).append(d)
    # only a map event without a settlement-level place can be a summary of another (same type and agent)
    vague = [d for d in out if d.layer in vocab.MAP_LAYERS and d.agent is not None
             and not any(p.precision in (1, 2) for p in d.places)]
    by_type_agent: dict[tuple, list[Draft]] = {}
    for o in out:
        if o.agent is not None:
            by_type_agent.setdefault((o.event_type, _actor_id(o.agent)), []).append(o)
    dropped = {id(d) for d in vague if any(_subsumed(d, o, published)
                                           for o in by_type_agent.get((d.event_type, _actor_id(d.agent)), ())
                                           if o is not d)}
    return [d for d in out if id(d) not in dropped]


def _admin1s(d: Draft) -> set[str]:
    return {p.place.admin1_pcode for p in d.places if p.place and p.place.admin1_pcode}


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
