"""Argument roles (steps 2 and 3): the agent (actor1) and target (actor2) of each draft."""

from __future__ import annotations

import bisect
from functools import lru_cache

from core import vocab
from core.extract.events.authors import lam_before, massacre_author, reported_about, speech_verbs
from core.extract.events.cues import bare, event_cues, norm_slice, strip_clitic, words_between
from core.extract.events.draft import NO_AGENT_TYPES, Draft
from core.extract.events.ground import post_party
from core.extract.events.ownership import (
    aircraft_owner,
    instrument_agent,
    instrument_words,
    made_in,
    nisba_like,
    owned_weapon,
    owner_of_instrument,
    vehicle_in_phrase,
    weapon_adjective,
)
from core.extract.events.sides import (
    UNARMED,
    active_killer,
    after_between,
    attributed_agent,
    between_members,
    between_sides,
    former_holder,
    gap_has_target_cue,
    has_target_cue,
    is_victim,
    main_clause_subject,
    member_subject,
    pronoun_between_other,
    referred_other_side,
    relative_subject,
    role_cues,
    subject_head_gap,
    victim_before_verb,
    victim_subject,
)
from core.extract.events.undergo import undergoer as undergoer_of
from core.extract.events.undergo import undergoes
from core.extract.mentions.actors import allied
from core.model import ActorMention
from core.text import normalize

SPEAKER_KINDS = ("person", "office", "name", "adjective")
UNDERGO_PRONOUNS = frozenset({"له", "لها", "لهم", "لهما", "لهن"})
PASSIVE_REACH = 4  # words after the event word within which "من قبل X" names the agent of an active verb
PASSIVE_FAR = 10  # the same for any event word ("القصف الذي تشهده القرى منذ الصباح من قبل X"); farther, it is
# another event's ("... نفى ناشطون مقتل قائد بعد تفجير استهدفه من قبل X")

TARGET_VERBS = frozenset(normalize(w) for w in ("استهدف", "استهدفت", "يستهدف", "تستهدف"))  # their subject follows them
TOPIC_LIGHT_REACH = 8  # words between a strike noun and the resumptive verb naming its doer


def _genitive_subject(text: str, a: ActorMention) -> bool:
    """A verbal noun's genitive followed by its object with ل ("استهداف قوات النظام لنقطة المراقبة"):
    the genitive is the agent."""
    after = words_between(text, a.end, a.end + 24)
    if not after:
        return False
    w = after[0]
    if w == "ل" and len(after) > 1:
        return after[1] not in event_cues()["lam_stops"]
    return w.startswith("ل") and len(w) > 3 and w not in event_cues()["lam_stops"]


def _undergone_between(text: str, lo: int, hi: int) -> bool:
    """An undergo verb or masdar stands between the event word and a passive cue ("سيطرت على البلدة لمنع تعرضها
    لهجمات من قبل X"): the passive agent is the undergone attack's, not this event's."""
    undergo = event_cues()["undergo"]
    words = words_between(text, lo, hi) if lo < hi else []
    # (its own event noun after it, "تعرضها لهجمات"; not a pronoun back to this event: "القصف الذي تتعرض له")
    return any((w in undergo or strip_clitic(w) in undergo) and i + 1 < len(words) and words[i + 1][:1] == "ل"
               and words[i + 1] not in UNDERGO_PRONOUNS for i, w in enumerate(words))


def _active_subject_before(text: str, d: Draft, in_clause: list[ActorMention]) -> bool:
    """A verb trigger of the draft has its subject right before it ("قوات النظام سيطرت على ..."): an active
    verb, whose agent a later "من قبل" (of another noun: "لهجمات من قبل X") does not name."""
    for t in d.triggers:
        if t.pos == "verb" and any(a.end <= t.start and not words_between(text, a.end, t.start) for a in in_clause):
            return True
    return False


def _may_act(text: str, clause_start: int, a: ActorMention) -> bool:
    """Whether an actor of a clause may be the agent of an event of that clause at all: no supporter, no victim,
    no maker of a weapon."""
    return (a.role_hint != "supporter" and not (is_victim(text, clause_start, a.start) and not active_killer(
        text, clause_start, a)) and not made_in(text, a)
            and not victim_before_verb(text, a) and not relative_subject(text, clause_start, a.start))


@lru_cache(maxsize=1024)
def _after_passive_cue(text: str, clause_start: int, start: int) -> bool:
    """The actor follows a passive agent cue ("من قبل"، "على يد"), or the cue and a weapon or a position of the
    actor's ("من قبل ثكنات النظام"، "من قبل مدفعية الجيش")."""
    cues = event_cues()
    passive = cues["passive"]
    words = words_between(text, max(clause_start, start - 24), start)
    if " ".join(words[-2:]) in passive or (bool(words) and words[-1] in passive):
        return True
    return len(words) >= 2 and (words[-1] in cues["firing_positions"] or words[-1] in cues["weapons"]) and (
        " ".join(words[-3:-1]) in passive or words[-2] in passive)


@lru_cache(maxsize=1024)
def _after_strike_from(text: str, clause_start: int, start: int) -> bool:
    """The actor follows "من" right after a strike noun ("غارات من موسكو", "هجوم من قوات النظام")."""
    words = words_between(text, max(clause_start, start - 16), start)
    return len(words) >= 2 and words[-1] == "من" and words[-2] in event_cues()["from_agent_nouns"]


def _after_preposition(text: str, start: int) -> bool:
    """The word at ``start`` carries ب/ل (in it or right before it), or follows a cause word ("نتيجة قصف روسي
    بالصواريخ"، "جراء قصف"): a verbal noun, not a verb."""
    word = text[start:start + 12].split(maxsplit=1)[:1]
    if word and norm_slice(text, start, start + 1) in ("ب", "ل") and len(word[0]) > 3:
        return True
    before = words_between(text, max(0, start - 12), start)[-1:]
    if before and bare(before[0]) in event_cues()["fatality_causes"]:
        return True
    return norm_slice(text, start - 1, start) in ("ب", "ل") and (start < 2 or not text[start - 2].strip())


def _find_agent(text: str, d: Draft, pool: list[ActorMention], lower: int) -> tuple[ActorMention | None, str,
                                                                                     ActorMention | None]:
    """(agent, rule, target-from-between) for a draft, from the actors of its clause after ``lower`` (``pool``: those
    of the clause that :func:`_may_act`, in text order)."""
    cues = event_cues()
    clause = d.clause
    lo = max(clause.start, lower)
    armed_only = d.layer in vocab.MAP_LAYERS
    in_clause = [a for a in pool if lo <= a.start < clause.end and not (armed_only and a.actor.actor_id in UNARMED)]
    if d.event_type == "aircraft_downed":  # "أسقطت الفصائل طائرة تركية": the aircraft's nation is the target,
        # in all its mentions ("أكدت وزارة الدفاع الروسية إسقاط مروحية تابعة للجيش الروسي": who tells it lost it)
        owners = {a.actor.actor_id for a in in_clause if aircraft_owner(text, clause.start, a)}
        in_clause = [a for a in in_clause if a.actor.actor_id not in owners]
    if not in_clause:
        return None, "", None
    first = min(d.triggers, key=lambda t: t.start)
    # "بين X و Y": X is actor1, Y actor2 (for a strike, the sides named after its own part of the clause, "غارات ...
    # بالتزامن مع اشتباكات بين X وY", are the fight's: its agent only when nothing else names one)
    own_end = d.own_span[1] if d.own_span and d.layer == "strike" else clause.end
    fallback: tuple[ActorMention | None, str, ActorMention | None] = (None, "", None)
    for i, a in enumerate(in_clause):
        if a.start >= first.start and after_between(text, clause.start, a.start):
            agent, other = between_sides(text, in_clause, i)
            if a.start < own_end:
                return agent, "agent:between", other
            fallback = (agent, "agent:between", other)
            break
    if d.event_type == "casualties":
        for a in in_clause:
            if a.start >= first.start and massacre_author(text, clause.start, a):
                return a, "agent:massacre", None  # "قتل ستة مدنيين بمجزرة للطيران الروسي"
    if d.layer == "strike" and (attributed := attributed_agent(text, d, in_clause)) is not None:
        return attributed, "agent:passive", None  # "غارات نسبها المرصد للطيران التابع للنظام"
    # passive: "تعرضت البلدة لقصف من قبل قوات النظام", "على يد"
    active = _active_subject_before(text, d, in_clause)
    for a in in_clause:
        if a.start >= first.start and _after_passive_cue(text, clause.start, a.start) and len(words_between(
                text, d.end, a.start)) <= (PASSIVE_REACH if active else PASSIVE_FAR) and not _undergone_between(
                    text, d.end, a.start):
            return a, "agent:passive", None
    # "نفذت 5 غارات من موسكو": a strike noun then "من" before the actor
    for a in in_clause:
        if a.start >= first.start and _after_strike_from(text, clause.start, a.start):
            return a, "agent:passive", None
    # a support verb's subject: "تمكنت الفصائل من طرد قوات النظام" (the noun after the verbal noun is its object)
    supported = _support_subject(text, d, in_clause) if d.layer in ("advance", "strike") else None
    if supported is not None:
        return supported, "agent:support", None
    # verb: the subject right after it (VSO), skipping adverbs and time words
    for trig in sorted(d.triggers, key=lambda t: t.start):
        if trig.pos != "verb":
            continue
        # a cue with words between ("شنت … ضربات"): its subject may stand inside it, after its first word
        head_end = trig.start + len(text[trig.start:trig.end].split(maxsplit=1)[0])
        trig_end = head_end if any(head_end <= a.start < trig.end for a in in_clause) else trig.end
        after = [a for a in in_clause if a.start >= trig_end]
        if after and any(b.end <= trig.start and not text[b.end:trig.start].strip() and not has_target_cue(
                text, clause.start, b) for b in in_clause):
            continue  # "إن الجيش استهدف نقطة تركية": the subject stands right before the verb (SVO)
        if after:
            a = after[0]
            gap = words_between(text, trig_end, a.start)
            own = words_between(text, trig.start, trig.end)[:1]
            if not gap and own and strip_clitic(own[0]) in cues["target"] and strip_clitic(own[0]) not in TARGET_VERBS:
                continue  # "طرد المسلحين من البلدة"، "دحر الإرهابيين": who is driven out is the object
            if member_subject(text, d, a):
                return a, "agent:vso", None  # "هاجم عناصر من داعش حاجزا" opening its sentence: the members act
            # "قصفت مقاتلات (يرجح أنها) روسية القرية": a hedge on the nation keeps it the subject
            titled = bool(gap) and all(w in cues["titles"] or w in cues["vso_skip"] or w in cues["hedges"]
                                       for w in gap) and any(w in cues["titles"] for w in gap)
            if titled and len(gap) <= 5 and not gap_has_target_cue(text, gap, a):
                return a, "agent:vso", None  # "استهدفت مدفعية النظام بلدة ...": the verb is not a target cue
            # the verb's own subject follows it, unless an event noun before it is the subject ("قصف مكثف
            # استهدف المدنيين"): then a target verb (استهدف) introduces the object
            noun_subject = any(t.pos == "noun" and t.end <= trig.start for t in d.triggers)
            cued = has_target_cue(text, clause.start, a) if noun_subject else gap_has_target_cue(text, gap, a)
            if all(w in cues["vso_skip"] for w in gap) and len(gap) <= 3 and not cued and a.kind != "adjective":
                return a, "agent:vso", None
            last = words_between(text, trig.start, trig_end)[-1:]
            if a.kind == "adjective" and not gap and last and (last[0] in cues["weapons"] or last[0] in cues[
                    "aircraft"]):
                return a, "agent:vso", None  # "شنت الطائرات الأمريكية": the cue holds the aircraft, the nation owns it
            if not noun_subject and subject_head_gap(gap) and not cued:
                return a, "agent:vso", None  # "استهدفت الفصائل السورية المعارضة (المدعومة من X) طائرة"
    # noun: an adjective or genitive right after it ("غارات روسية", "قصف الطيران الروسي")
    # (a verb form after ب/ل is its verbal noun: "قتل مدني بقصف تركي" names the shelling's agent)
    for trig in sorted((t for t in d.triggers if t.pos == "noun" or _after_preposition(text, t.start)),
                       key=lambda t: t.start):
        for a in in_clause:
            if a.start < trig.end:
                continue
            gap = [w for w in words_between(text, trig.end, a.start) if w != "ل"]
            light = bool(gap) and gap[0] in cues["light_verbs"]
            # "قصف مدفعي وجوي لـ قوات النظام", "قصف جوي جنوني لروسيا", "غارات مكثفة لطائرات روسيا"
            modifiers = gap[:-1] if gap and strip_clitic(gap[-1]) in cues["weapons"] and gap[-1].startswith("ل") \
                else gap
            # "عبوة ناسفة دورية للقوات الروسية", "غارة رتلا للقوات التركية": the struck object owns the actor
            struck = any(w in cues["struck_objects"] or strip_clitic(w) in cues["struck_objects"] for w in gap)
            if not struck and len(gap) <= 4 and (lam_before(text, a.start) or modifiers is not gap) and all(
                    w in cues["noun_skip"] or strip_clitic(w) in cues["noun_skip"] or nisba_like(w)
                    for w in modifiers) and not any(w in cues["target"] for w in gap):
                return a, "agent:instrument", None
            if d.layer in ("strike", "ground") and gap and gap[-1] == "من" and len(gap) <= 4 and all(
                    w in cues["noun_skip"] or nisba_like(w) for w in gap[:-1]):
                return a, "agent:passive", None  # "قصف صاروخي من قوات النظام", "برصاص قناص من قوات النظام"
            if d.layer == "strike" and 2 <= len(gap) <= 5 and gap[-2] == "من" and gap[-1] in cues[
                    "firing_positions"] and all(w in cues["noun_skip"] or nisba_like(w) for w in gap[:-2]):
                return a, "agent:passive", None  # "قصف مدفعي من مواقع قوات النظام": where it was fired from
            if gap and all(w in cues["weapons"] or w in cues["instruments"] for w in gap) and len(gap) <= 2:
                return a, "agent:noun_modifier", None  # "استهداف طيران النظام", "قصف مدفعية النظام"
            if a.kind == "adjective" and 2 <= len(gap) <= 3 and (gap[0] in cues["weapons"] or gap[0] in cues[
                    "instruments"]) and all(w in cues["noun_skip"] or nisba_like(w) for w in gap[1:]):
                return a, "agent:noun_modifier", None  # "قصف طيران حربي روسي مواقع": the weapon's nation
            if d.layer == "strike" and 3 < len(gap) <= 10 and gap[-1] in cues["light_verbs"] and gap[-1] in cues[
                    "origin"]:
                return a, "agent:light_verb", None  # "سقطت قذائف على حي X في حلب مصدرها الفصائل": where it came from
            if 3 < len(gap) <= 8 and gap[-1] in cues["light_verbs"] and not any(
                    w in cues["target"] or strip_clitic(w) in cues["target"] for w in gap):
                # "قصفا صاروخيا بقذائف موجهة شنته قوات النظام": the resumptive verb right before
                # the actor closes the strike's noun phrase, however long its instrument
                return a, "agent:light_verb", None
            lv = next((k for k, w in enumerate(gap) if w in cues["light_verbs"]), None)
            # "الضربات التي نفذتها المقاتلات الروسية"; an indefinite noun's relative clause has no pronoun:
            # "هجوم دموي نفذه عناصر التنظيم" (only adjectives before the resumptive verb)
            relative = bool(lv) and gap[lv - 1] in cues["relatives"]
            if lv and lv <= 3 and len(gap) - lv <= 3 and all(  # (the weapon named: "قذائف هاون أطلقها X")
                    w in cues["noun_skip"] or nisba_like(w) or w in cues["instruments"]
                    for w in gap[:lv - 1 if relative else lv]) and all(
                    w in cues["weapons"] or w in cues["instruments"] or w in cues["noun_skip"] or nisba_like(w)
                    or w in cues["genitive_heads"] for w in gap[lv + 1:]):
                return a, "agent:light_verb", None
            if d.layer == "strike" and lv is not None and lv <= TOPIC_LIGHT_REACH and len(gap) - lv <= 3 and all(
                    w in cues["weapons"] or w in cues["instruments"] or w in cues["noun_skip"] or nisba_like(w)
                    for w in gap[lv + 1:]):
                return a, "agent:light_verb", None  # "الضربات على البلدة نفذتها طائرات حربية روسية": the topic's doer
            if len(gap) > (3 if light else 2) or (not light and any(
                    w not in cues["noun_skip"] and w not in cues["genitive_heads"] for w in gap)):
                if not (len(gap) == 1 and norm_slice(text, a.start - 1, a.start) == "ل"):
                    break
            if gap and gap[0] in cues["light_verbs"] and len(gap) <= 3:
                return a, "agent:light_verb", None  # "غارة نفذتها طائرات النظام", "قصف شنته قوات النظام"
            heads = all(w in cues["genitive_heads"] for w in gap)  # "انسحاب مقاتلي هيئة تحرير الشام"
            # the noun's own genitive: "إنشاء القوات التركية نقطة" (agent), "استهداف قوات النظام" and
            # "حول هجوم النظام" (target, topic); "من" before the noun is temporal ("بعد يومين من إنشاء")
            near = [w for w in words_between(text, max(clause.start, trig.start - 14), trig.end)[-2:] if w != "من"]
            if reported_about(text, clause.start, trig.start):
                near = near[-1:]  # "أفاد المرصد عن سيطرة قوات النظام على البلدة": reported, not a topic
            if (not gap or heads) and a.kind != "adjective" and _genitive_subject(text, a):
                return a, "agent:genitive", None
            if a.kind == "adjective" or ((not gap or heads) and not gap_has_target_cue(text, near + gap, a)):
                return a, "agent:noun_modifier", None
            genitive_l = norm_slice(text, a.start - 1, a.start) == "ل"
            if genitive_l and len(gap) <= 1 and not struck and not any(w in cues["target"] for w in gap):
                return a, "agent:genitive", None
            break
    # the owner of the instrument: "قصفت البلدة بطائرات روسية", "لقصف من الطائرات المسيرة التابعة للجيش التركي"
    if d.layer == "strike" and d.event_type != "aircraft_downed":
        for a in in_clause:
            if a.start >= first.start and instrument_agent(text, clause.start, a):
                return a, "agent:instrument", None
    # subject before the trigger (SVO, or the subject of a light verb before a noun)
    verbs = sorted((t for t in d.triggers if t.pos == "verb"), key=lambda t: t.start)
    anchor = verbs[0].start if verbs else first.start
    # the first verb with a subject before it ("لبحث تهدئة ... جيفري توجه إلى أنقرة")
    for v in verbs:
        if any(a.end <= v.start and not has_target_cue(text, clause.start, a) for a in in_clause):
            anchor = v.start
            break
    # "قوات النظام التي تشن هجوما": the noun before the relative pronoun is the agent
    for a in reversed([a for a in in_clause if a.end <= anchor]):
        gap = words_between(text, a.end, anchor)
        if gap and gap[0] in cues["relatives"] and len(gap) <= 2:
            return a, "agent:relative", None
        break
    fighting = between_members(text, d, in_clause)
    before = [a for a in in_clause if a.end <= anchor and (not has_target_cue(text, clause.start, a) or active_killer(
        text, clause.start, a) or member_subject(text, d, a)) and id(a) not in fighting
              and not vehicle_in_phrase(text, clause.start, a) and not _reports_event_noun(text, d, a, anchor)
              and not undergoes(text, clause.start, a.start, a.end, first.start)]
    if not before and d.layer == "strike" and d.event_type != "aircraft_downed":
        # the owner of the aircraft or guns: "ألقت المروحيات التابعة للنظام براميل"
        for a in in_clause:
            words = instrument_words(text, clause.start, a.start)
            if len(words) >= 2 and words[-1] in cues["owner"] and owned_weapon(words[-4:-1]):
                return a, "agent:owner", None  # "المروحيات الحربية التابعة للنظام"
            if words and lam_before(text, a.start) and owned_weapon(words[-1:]):
                return a, "agent:owner", None  # "مسيرة للاحتلال قصفت حاجزا": the aircraft's owner after ل
    if before:
        agent = before[-1]
        # "القوات التركية والروسية", "موسكو وأنقرة أكدتا": the first of coordinated actors, also over an owned
        # noun whose owner has ل ("قوات النظام والمواقع التابعة للجيش الروسي وحزب الله")
        chain = [a for a in in_clause if a.end <= anchor]
        i = next(k for k, a in enumerate(chain) if a is agent)
        group = [agent]
        while i > 0 and _coordinated(text, chain[i - 1], chain[i]):
            i -= 1
            group.insert(0, chain[i])
        owners = cues["owner"]  # an owner after التابعة لـ acts with the weapons it owns
        kept = {id(a) for a in before}
        group = [a for a in group if id(a) in kept or instrument_words(text, clause.start, a.start)[-1:] in (
            [w] for w in owners)] or [agent]
        agent = group[0]
        if len({a.actor.side for a in group}) == 1:  # one side: the most specific actor names it best
            agent = next((a for a in group if a.actor.actor_id not in cues["generic_actors"]), agent)
        return agent, "agent:svo", None
    return fallback


def _reports_event_noun(text: str, d: Draft, a: ActorMention, anchor: int) -> bool:
    """"وأوضحت الجهة المسلحة أن الغارات أصابت ...": the actor stands before a bare "أن/إن" whose subject is the
    event noun itself; it tells of the event, it does not do it (with a pronoun, "أعلنت أنها قصفت", it does)."""
    complementizers = event_cues()["complementizers"]
    return any(t.pos == "noun" and a.end <= t.start <= anchor and words_between(text, a.end, t.start)[-1:] in (
        [w] for w in complementizers) for t in d.triggers)


def _speaker(text: str, a: ActorMention) -> bool:
    """The actor is the subject of a speech verb right before it ("قصف قالت المعارضة إنه ..."): a source."""
    before = words_between(text, max(0, a.start - 16), a.start)[-1:]
    return bool(before) and (before[0] in speech_verbs() or strip_clitic(before[0]) in speech_verbs())


def _support_subject(text: str, d: Draft, in_clause: list[ActorMention]) -> ActorMention | None:
    """The subject of a support verb ("تمكنت"، "نجحت") right before من/في and the event word."""
    cues = event_cues()
    first = min(d.triggers, key=lambda t: t.start)
    for a in reversed([a for a in in_clause if a.end <= first.start]):
        gap = [w for w in words_between(text, a.end, first.start) if w not in cues["vso_skip"]]
        if len(gap) == 2 and gap[0] in cues["support_verbs"] and gap[1] in ("من", "في"):
            return a  # SVO: "الفصائل تمكنت من طرد قوات النظام"
        if gap not in (["من"], ["في"]):
            return None
        before = [w for w in words_between(text, max(d.clause.start, a.start - 30), a.start)
                  if w not in cues["vso_skip"]]
        return a if before and strip_clitic(before[-1]) in cues["support_verbs"] or (
            before and before[-1] in cues["support_verbs"]) else None
    return None


def _coordinated(text: str, first: ActorMention, second: ActorMention) -> bool:
    """Two actors joined by و ("القوات التركية والروسية"), also through an owned noun ("قوات النظام
    والمواقع التابعة للجيش الروسي", "قوات النظام وميليشيات تابعة لإيران")."""
    joiner = norm_slice(text, first.end, second.start).strip(" \"'«»“”#*()")
    if joiner in ("و", "،", "") or joiner.replace(" ", "") == "،و":  # "المقاتلات الروسية، ومروحيات النظام"
        return True
    words = [w for w in words_between(text, first.end, second.start) if w != "ل"]
    gaps = role_cues()["coordination_time_gaps"]  # "سيطر الجيش أمس وميليشيات X على": a time between
    if len(words) > 1 and words[0] in gaps and all(w in gaps for w in words[:-1]) and words[-1] == "و":
        return True
    while words and not words[0].startswith("و") and nisba_like(words[0]):  # "قوات النظام السوري والمعسكرات"
        words.pop(0)
    cues = event_cues()
    if len(words) == 1 and words[0].startswith("و") and (words[0][1:] in cues["instruments"]
                                                          or words[0][1:] in cues["weapons"]):
        return True  # "المقاتلات الروسية ومروحيات النظام": the second actor owns the aircraft named with it
    if len(words) == 1 and words[0].startswith("و") and (words[0][1:] in cues["allies"] or words[0][1:2] == "ل" and words[
            0][2:] in cues["allies"]):  # ("للنظام ولحليفه الروسي")
        return True  # "قوات النظام وحليفها الروسي": an ally acting with the first
    return 2 <= len(words) <= 3 and words[0].startswith("و") and words[-1] in cues["owner"]


def _co_agents(text: str, d: Draft, actors: list[ActorMention]) -> set[int]:
    """Ids (``id()``) of the actors joined to the agent by و ("قصفت قوات النظام والميليشيات الإيرانية",
    "جيش الاحتلال التركي ومرتزقته"): they act with it and are never its target."""
    agent = d.agent
    first = next((k for k, a in enumerate(actors) if a is agent), None) if agent is not None else None
    if first is None:
        return set()
    out: set[int] = set()
    prev = agent
    for a in actors[first + 1:]:
        if a.start < prev.end or not _coordinated(text, prev, a) or not (
                a.actor.side == agent.actor.side or allied(agent.actor.actor_id, a.actor.actor_id)):
            break
        out.add(id(a))
        prev = a
    return out


NEGATION_WINDOW = 9  # words before a victims' mention searched for a denial


def _denied_victims(text: str, clause_start: int, a: ActorMention) -> bool:
    """"ولم يصب أحد من المدنيين": civilians named only to say nobody was hurt are no target."""
    if a.actor.actor_id not in UNARMED:
        return False
    words = words_between(text, max(clause_start, a.start - 80), a.start)[-NEGATION_WINDOW:]
    return any(w in event_cues()["victim_negations"] for w in words)


def _find_target(text: str, d: Draft, actors: list[ActorMention]) -> ActorMention | None:
    clause = d.clause
    agent_id = d.agent.actor.actor_id if d.agent else None
    end = d.end if d.layer in vocab.MAP_LAYERS else min(t.end for t in d.triggers)
    co = _co_agents(text, d, actors)
    between = event_cues()["between"]  # "غارات ... بالتزامن مع اشتباكات بين X و Y": the sides of another event
    # a strike's target: up to the next event of the clause ("تعرضت البلدة لقصف، ورد المقاتلون باستهداف قوات
    # النظام"); a capture keeps the whole clause ("سيطرت الهيئة على المدينة، وانسحب مقاتلو الجيش الوطني")
    hi = min(clause.end, d.own_span[1]) if d.own_span and d.layer == "strike" else clause.end
    after = [a for a in actors if end <= a.start < hi and a.role_hint != "supporter"
             and a.actor.actor_id != agent_id and a is not d.agent and id(a) not in co
             and not weapon_adjective(text, clause.start, a) and not _speaker(text, a)
             and not owner_of_instrument(text, clause.start, a) and not vehicle_in_phrase(text, clause.start, a, True)
             and not _denied_victims(text, clause.start, a) and not relative_subject(text, clause.start, a.start)
             and not _after_passive_cue(text, clause.start, a.start)  # "من قبل X": an agent, of some event
             and not (d.layer == "advance" and post_party(text, clause.start, a))  # "قرب نقطة المراقبة التركية"
             and not (d.layer == "strike" and a.actor.actor_id not in UNARMED  # ("إصابات بين المدنيين": among)
                      and any(w in between for w in words_between(text, end, a.start)))]
    if d.event_type == "aircraft_downed":  # "أسرت الفصائل طيارا روسيا بعدما أسقطت طائرته": the crew's nation
        owners = [a for a in actors if clause.start <= a.start < clause.end and a is not d.agent
                  and a.actor.actor_id != agent_id and aircraft_owner(text, clause.start, a)]
        if owners:
            return owners[0]
    cued = [a for a in after if has_target_cue(text, clause.start, a)]
    if cued:
        return cued[0]
    if after:
        return after[0]
    return None


VICTIM_GAP_WORDS = 3  # "مقتل جنديين تركيين (اليوم) بقصف": the victims right before the event word


def _victims_before(text: str, d: Draft, actors: list[ActorMention]) -> ActorMention | None:
    """"مقتل جنديين تركيين بقصف لقوات النظام", "قتل عنصر من قسد برصاص ...": the victims named before the event
    word are its target when nothing after it is (for the first event of a clause); civilians killed are told
    as victims, not as a party hit (the convention of the tests and gold)."""
    first = min(t.start for t in d.triggers)
    agent_id = d.agent.actor.actor_id if d.agent else None
    return next((a for a in actors if d.clause.start <= a.start and a.end <= first and a is not d.agent
                 and a.actor.actor_id != agent_id and a.actor.actor_id not in UNARMED
                 and len(words_between(text, a.end, first)) <= VICTIM_GAP_WORDS
                 and is_victim(text, d.clause.start, a.start) and not active_killer(text, d.clause.start, a)), None)


def _signature_agent(text: str, d: Draft) -> tuple[ActorMention | None, str]:
    """A weapon only one party used names it ("البراميل المتفجرة" → the government); rule agent:signature."""
    clause_words = " " + " ".join(words_between(text, d.clause.start, d.clause.end)) + " "
    for phrase, actor_id in event_cues()["signatures"].items():
        if f" {phrase} " in clause_words or f" ب{phrase} " in clause_words or f" و{phrase} " in clause_words:
            actor = vocab.actors()[actor_id]
            return ActorMention(actor=actor, surface=phrase, start=d.start, end=d.start, kind="signature"), \
                "agent:signature"
    return None, ""


def _continues(text: str, d: Draft, before: Draft) -> bool:
    """A draft without its own agent goes on with the event before it (rule agent:context): a verb
    without a named subject in the same or the next sentence of the paragraph ("إنها استهدفت", "كما
    دفعت"); a strike or fight in the same sentence ("لقصف مدفعي من قبل الجيش التركي، مع استمرار
    المعارك") or in the next sentence when it opens with "كما" or "وأضاف" ("كما طاول القصف ...")."""
    if before.agent_rule == "agent:between" and d.layer == "strike" and before.layer != "strike":
        return False  # "اشتباكات بين X وY، وطال قصف البلدة": either side of a fight, neither named the shelling's
    next_sentence = 0 <= d.sentence.sentence - before.sentence.sentence <= 1
    if any(t.pos == "verb" and not t.generic for t in d.triggers) and next_sentence and \
            before.sentence.paragraph == d.sentence.paragraph:
        return True
    if d.layer not in vocab.MAP_LAYERS or before.layer not in vocab.MAP_LAYERS:
        return False
    if before.sentence == d.sentence:
        # "شنت غاراتها ... في أعقاب إسقاط المقاتلة": who struck did not down the aircraft named by a noun
        return not (d.event_type == "aircraft_downed" and before.event_type != "aircraft_downed")
    first = words_between(text, d.sentence.start, min(d.sentence.end, d.sentence.start + 12))[:1]
    cues = event_cues()
    return next_sentence and bool(first) and (first[0] in cues["openers"] or first[0] in cues["continuation"])


def drop_self_target(d: Draft) -> None:
    """A target that is the agent itself (after the agent was carried, linked or merged) is no target; an
    airstrike's agent without an air force (a faction near "قصف جوي") is no agent."""
    if d.event_type == "airstrike" and d.agent is not None and d.agent.actor.actor_id not in event_cues()[
            "air_forces"]:
        d.agent, d.agent_rule = None, ""
    if d.target is not None and d.agent is not None and d.target.actor.actor_id == d.agent.actor.actor_id:
        d.target = None


def _owns_downed(text: str, d: Draft, all_actors: list[ActorMention], starts: list[int]) -> bool:
    """The agent carried to a downing is named in the downing's sentence as the aircraft's owner."""
    owner_id = d.agent.actor.actor_id
    return any(a.actor.actor_id == owner_id and aircraft_owner(text, d.sentence.start, a) for a in all_actors[
        bisect.bisect_left(starts, d.start):bisect.bisect_left(starts, d.sentence.end)])


def assign_actors(text: str, drafts: list[Draft], all_actors: list[ActorMention]) -> None:
    starts = [a.start for a in all_actors]
    pools: dict[tuple[int, int], list[ActorMention]] = {}  # per clause: its actors that may act (asked per draft)
    previous: Draft | None = None
    with_agent: Draft | None = None
    for d in drafts:
        # actors before the previous event's trigger in the same clause belong to that event
        lower = d.clause.start
        if previous is not None and previous.clause == d.clause:
            prev_first = min(previous.triggers, key=lambda t: t.start)
            lower = prev_first.end if prev_first.end <= d.start else d.clause.start
        actors = all_actors[bisect.bisect_left(starts, d.clause.start):bisect.bisect_left(starts, d.clause.end)]
        pool = pools.get((d.clause.start, d.clause.end))
        if pool is None:
            pool = pools[d.clause.start, d.clause.end] = [a for a in actors if _may_act(text, d.clause.start, a)]
        other_side = pronoun_between_other(text, d, all_actors[bisect.bisect_left(starts, d.start):bisect.bisect_left(
            starts, d.sentence.end)]) if d.layer in vocab.MAP_LAYERS else None
        agent, rule, between_target = _find_agent(text, d, [a for a in pool if a is not other_side], lower)
        if agent is None and d.layer in ("ground", "strike"):
            agent = victim_subject(text, d, actors, pool)
            rule = "agent:svo" if agent is not None else rule
        if other_side is not None and between_target is None and (
                agent is None or agent.actor.actor_id != other_side.actor.actor_id):
            between_target = other_side  # "عقب اشتباكات بينها وبين Y": Y is the other side
        if d.event_type in NO_AGENT_TYPES:  # the displaced are not the agent; the cause is rarely named
            agent, rule, between_target = None, "", None
        if d.event_type == "statement" and agent is not None and agent.kind not in SPEAKER_KINDS:
            agent = None
        d.agent, d.agent_rule = agent, rule
        # a verb without a named subject ("إنها استهدفت", "كما دفعت"): the agent of the previous event
        undergoer = undergoer_of(text, d, actors, lower) if d.layer in ("strike", "ground") else None
        if agent is None and with_agent is not None and d.event_type != "statement" and _continues(
                text, d, with_agent) and not (undergoer is not None and undergoer.actor.actor_id ==
                                              with_agent.agent.actor.actor_id):  # who suffered it did not do it
            d.agent, d.agent_rule = with_agent.agent, "agent:context"
            if d.event_type == "aircraft_downed" and _owns_downed(text, d, all_actors, starts):
                d.agent, d.agent_rule = None, ""  # "والطائرة التي أسقطت تابعة للجيش التركي": the owner lost it
        if d.agent is None and d.event_type == "territory_taken":
            d.agent = main_clause_subject(text, d, all_actors[bisect.bisect_left(starts, d.sentence.start):
                                                               bisect.bisect_left(starts, d.start)])
            d.agent_rule = "agent:context" if d.agent is not None else d.agent_rule
        carried = d.agent_rule == "agent:context" and d.event_type != "aircraft_downed"
        if d.layer == "strike" and (d.agent is None or carried):
            # a weapon only one party used outranks an agent carried from the event before ("قصف جوي روسي ...
            # كما ألقت المروحيات براميل متفجرة"): the helicopters are the government's, not Russia's
            signature, signature_rule = _signature_agent(text, d)
            if signature is not None and (d.agent is None or d.agent.actor.actor_id != signature.actor.actor_id):
                d.agent, d.agent_rule = signature, signature_rule
        d.target = between_target or _find_target(text, d, actors)
        if d.target is None and d.layer == "ground":  # "لكن الفصائل نجحت في صدهم": whom it repelled, named before
            d.target = referred_other_side(text, d, all_actors[bisect.bisect_left(starts, d.sentence.start):
                                                                bisect.bisect_left(starts, d.start)])
        if d.target is None and d.event_type == "territory_taken":  # the town's former holder, named before
            d.target = former_holder(text, d, all_actors[bisect.bisect_left(starts, d.sentence.start):bisect.bisect_left(
                starts, d.start)])
        if d.target is None and undergoer is not None and (
                d.agent is None or undergoer.actor.actor_id != d.agent.actor.actor_id):
            d.target, d.undergone = undergoer, True  # "تعرضت قوات النظام لقصف مدفعي"
        if d.target is None and d.layer in ("strike", "ground") and d.event_type != "aircraft_downed" and not (
                previous is not None and previous.clause == d.clause):  # victims after an earlier event are its own
            d.target = _victims_before(text, d, actors)
        if d.target is None and carried and d.event_type == "armed_clash" and with_agent.event_type in (
                "armed_clash", "territory_taken"):  # "اشتباكات بين X وY ...، كما دارت اشتباكات في Z": the same two
            d.target = with_agent.target
        if d.target is not None and d.agent is not None and d.target.actor.actor_id == d.agent.actor.actor_id:
            d.target = None
        if d.event_type == "aircraft_downed" and d.target is not None and aircraft_owner(text, d.clause.start,
                                                                                         d.target):
            d.undergone = True  # "أكدت موسكو إسقاط مروحية تابعة لجيشها": whose aircraft fell is told, not who shot
        if previous is not None and d.agent is not None and previous.target is d.agent and words_between(
                text, max(0, d.agent.start - 12), d.agent.start)[-1:] in ([w] for w in event_cues()["reply_verbs"]):
            previous.target = None  # "تعرضت البلدة لقصف، ورد مقاتلو الفصائل باستهداف ...": who answered was not hit
        previous = d
        if d.agent is not None:
            with_agent = d
