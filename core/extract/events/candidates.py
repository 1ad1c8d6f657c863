"""Candidate events of a sentence (step 1): the triggers left after actor names, merged by
family into drafts clause by clause, then the sentence-level choice among the non-map types."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from core import vocab
from core.extract.events.cues import (
    denied_before,
    event_cues,
    norm_slice,
    strip_clitic,
    used_before,
    without_conjunction,
    words_between,
)
from core.extract.events.draft import Draft, family_of
from core.extract.events.ground import ADVANCES, lead_fight_word
from core.extract.events.nonevents import _nonfactual_before
from core.extract.mentions.triggers import type_priority
from core.extract.segment import Segment
from core.model import ActorMention, PlaceMention, TriggerMention
from core.text import normalize

HEADLINE_MAX_WORDS = 6


TITLE_MAX_WORDS = 20


def is_headline(p: Segment, seg) -> bool:
    """A subheading ("غارات وقصف") or a title line: it repeats what the body reports."""
    if len(seg.paragraphs) < 2 or p.text.rstrip()[-1:] in ".!؟?:":
        return False  # (a paragraph ending a sentence is no heading: no need to count its words)
    words = len(p.text.split(maxsplit=TITLE_MAX_WORDS))  # (more words than that all count as one more)
    return words <= HEADLINE_MAX_WORDS or (p.paragraph == 0 and words <= TITLE_MAX_WORDS)


def _framed(text: str, clause: Segment, trig: TriggerMention) -> bool:
    """An event noun that is the subject of a framing verb ("ويتزامن التقدم مع ..."، "العدوان جاء بعد ...")
    refers back to an event already reported."""
    if trig.pos != "noun":
        return False
    cues = event_cues()
    framing = cues["framing"]
    near = norm_slice(text, max(clause.start, trig.start - 16), min(clause.end, trig.end + 40))
    if not any(w in near for w in framing):
        return False  # (most event nouns: no framing verb can be among the words around them)
    window = cues["framing_window"]
    before = words_between(text, max(clause.start, trig.start - 16), trig.start)[-1:]
    after = words_between(text, trig.end, min(clause.end, trig.end + 40))[:window]
    return any(w in cues["framing"] for w in before + after)


def _not_a_downing(text: str, clause: Segment, trig: TriggerMention) -> bool:
    """A downing needs an aircraft: named by the trigger ("إسقاط مروحية"), after it in its clause ("أسقطت
    الدفاعات الجوية طائرة"), or through an attached pronoun ("تمكنت من إسقاطها"). Without one the verb has
    another sense ("المطالبة بإسقاط النظام": toppling a regime); with a projectile first it tells of an
    intercepted strike ("أسقطت الدفاعات الجوية عددا من الصواريخ"). An aircraft right before it is its subject
    ("طائرة مسيرة أُسقطت فوق البلدة")."""
    if trig.event_type != "aircraft_downed":
        return False
    cues = event_cues()
    own = words_between(text, trig.start, trig.end)
    if any(_is_aircraft(w, cues) for w in own[1:]) or (own and own[0].endswith(("ه", "ها", "هم", "هما"))):
        return False  # the aircraft is in the trigger, or a pronoun refers back to it
    for w in words_between(text, trig.end, min(clause.end, trig.end + 60))[:8]:
        bare = "ال" + w[2:] if w.startswith("لل") else strip_clitic(w)  # "إسقاط الجيش للطائرة"
        if _is_aircraft(w, cues) or bare in cues["aircraft"]:
            return False
        if w in cues["projectiles"] or bare in cues["projectiles"]:
            return True  # "أسقطت الدفاعات الجوية عددا من الصواريخ"، "طائرات حربية أسقطت قنابل"
    return not any(_is_aircraft(w, cues)  # "طائرة مسيرة أُسقطت فوق ..."
                   for w in words_between(text, max(clause.start, trig.start - 40), trig.start)[-4:])


def _is_aircraft(word: str, cues: dict) -> bool:
    """An aircraft noun, also with a proclitic or a possessive pronoun ("طائرته"، "مروحيتهم": ة written ت)."""
    if word in cues["aircraft"] or strip_clitic(word) in cues["aircraft"]:
        return True
    for suffix in ("هما", "هم", "ها", "ه"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)]
            stem = normalize(stem[:-1] + "ة") if stem.endswith("ت") else stem
            return stem in cues["aircraft"] or strip_clitic(stem) in cues["aircraft"]
    return False


def _earlier_attack(text: str, clause: Segment, target: Draft, trig: TriggerMention,
                    actors: list[ActorMention]) -> bool:
    """"قصفت القوات التركية القرى، بعد هجوم صاروخي نفذته قوات النظام على المدينة": an attack noun after "بعد",
    whose relative clause names its own agent of another side, is the earlier event the first answers."""
    if trig.pos != "noun" or words_between(text, max(clause.start, trig.start - 12), trig.start)[-1:] not in (
            ["بعد"], ["وبعد"]):
        return False
    light = event_cues()["light_verbs"]
    after = words_between(text, trig.end, min(clause.end, trig.end + 40))[:3]
    lv = next((k for k, w in enumerate(after) if w in light), None)
    if lv is None:
        return False
    earlier = {a.actor.side for a in actors if clause.start <= a.start < target.end and a.kind != "adjective"}
    agent = next((a for a in actors if trig.end < a.start < trig.end + 60 and a.start < clause.end), None)
    return agent is not None and bool(earlier) and agent.actor.side not in earlier


def _own_subject(text: str, clause: Segment, target: Draft, trig: TriggerMention,
                 actors: list[ActorMention]) -> bool:
    """The trigger has its own subject, of another side than the actors of the draft before it: a verb with its
    subject right after it ("... واستهدفت الفصائل مواقع") or right before it ("والفصائل تقصف"), a verbal noun
    after "قيام X ب" ("قصفت قوات النظام ... بالإضافة إلى قيام الفصائل باستهداف ...")."""
    cues = event_cues()
    earlier = {a.actor.side for a in actors if clause.start <= a.start < target.end}

    def other(a: ActorMention) -> bool:
        # another side, or (same side) an agent not named before of another type: "قصفت قوات النظام ...،
        # وقصفت الطائرات الروسية ..." are an artillery shelling and an airstrike, two events
        if earlier and a.actor.side not in earlier:
            return True
        prior = {b.actor.actor_id for b in actors if clause.start <= b.start and b.end <= trig.start and b is not a}
        return bool(prior) and a.actor.actor_id not in prior and trig.event_type != target.event_type

    for a in actors:
        if a.end <= target.end or a.start >= clause.end or a.kind == "adjective":
            continue
        before = words_between(text, max(clause.start, a.start - 25), a.start)[-2:]
        if (trig.pos == "noun" and trig.layer == "strike" and a.start >= trig.end
                and norm_slice(text, a.start - 1, a.start) == "ل" and not words_between(text, trig.end, a.start - 1)
                and not any(w in cues["target"] for w in words_between(text, trig.start, trig.end)[:1])
                and not any(w in cues["aircraft"] for w in words_between(text, trig.start, trig.end))):
            # "وقصف مدفعي لقوات النظام على ...": a strike noun with its agent as genitive ("التصدي للعدوان"،
            # "استهداف لمواقع": the ل names the object of other nouns; after an aircraft, its owner: "أسقطت
            # الفصائل طائرة مسيرة لقوات النظام")
            return other(a)
        if a.end <= trig.start:
            gap = words_between(text, a.end, trig.start)
            light = bool(before) and before[-1] in cues["agent_nouns"] and bool(gap) and gap[-1] == "ب" and len(gap) <= 2
            if not (light or (trig.pos == "verb" and not gap)):
                continue
        elif not (trig.pos == "verb" and a.start >= trig.end and not words_between(text, trig.end, a.start)):
            continue
        if before and before[-1] in cues["agent_nouns"]:
            return other(a)
        if norm_slice(text, a.start - 1, a.start) == "ل" or any(w in cues["victims"] for w in before):
            continue
        if any(w in cues["target"] or strip_clitic(w) in cues["target"] for w in before[-1:]):
            # "واستهدفت الطائرات الروسية ..." after a shelling by its ally: the trigger verb's own subject (an
            # ally of the agent before is not what it strikes)
            if a.start >= trig.end and earlier and a.actor.side in earlier and other(a):
                return True
            continue
        return other(a)
    return False


def _new_proposition(text: str, target: Draft, trig: TriggerMention, actors: list[ActorMention]) -> bool:
    """"أفاد باستمرار الاشتباكات ...، لافتا إلى أن الجيش تمكن من السيطرة": a complementizer with a named
    subject right after it, between two event words of one family, opens a new proposition, and the second is its
    own event."""
    cues = event_cues()
    for a in actors:
        if target.end <= a.start < trig.start:
            before = words_between(text, max(target.end, a.start - 12), a.start)
            if before and before[-1] in cues["propositions"]:
                return True
    return False


def _names_aircraft(text: str, trig: TriggerMention) -> bool:
    first = words_between(text, trig.start, trig.end)[:1]
    return bool(first) and (first[0] in event_cues()["aircraft"] or strip_clitic(first[0]) in event_cues()["aircraft"])


def drafts_of_clause(text: str, clause: Segment, sentence: Segment, triggers: list[TriggerMention],
                     actors: list[ActorMention] = (), places: list[PlaceMention] = ()) -> list[Draft]:
    """Merge the triggers of one clause into event drafts (see module docstring, step 1). ``places``: the
    clause's places (an anonymous strike "amid" an advance with a target town of its own is an event)."""
    drafts: list[Draft] = []
    split_cues, relatives = event_cues()["split"], event_cues()["relatives"]
    told_as_aim: dict[int, bool] = {}  # per trigger start: _nonfactual_before (a trigger is weighed at each merge)

    def factual_rank(t: TriggerMention) -> tuple:
        aim = told_as_aim.get(t.start)
        if aim is None:
            aim = told_as_aim[t.start] = _nonfactual_before(text, clause.start, t.start)
        return not t.generic, not aim, type_priority(t.event_type)

    recalled_advance = False  # a capture recalled in the clause ("وجاءت السيطرة على القرية المذكورة بعد معارك")
    for trig in triggers:
        if _framed(text, clause, trig) or _not_a_downing(text, clause, trig):
            recalled_advance = recalled_advance or trig.event_type in ADVANCES
            continue  # a back-reference to an event told before; an interception of the strike reported
        if recalled_advance and lead_fight_word(text, clause.start, trig):
            continue  # the fighting that recalled capture followed: its lead-up, told with it before
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
        if drafts and before and before[-1] in relatives:
            host = drafts[-1]
            host.triggers.append(trig)  # "المواقع التي تقدموا إليها": describes, not a new event
            if trig.event_type == "aircraft_downed" and trig.pos == "verb" and host.layer == "strike" and all(
                    t is trig or t.pos == "noun" and _names_aircraft(text, t) for t in host.triggers):
                host.event_type, host.layer = trig.event_type, trig.layer  # "الطائرة المسيرة التي أسقطتها الفصائل"
            continue
        if _imperfect(text, trig) and (bool(before) and before[-1] in relatives
                                       or words_between(text, trig.end, trig.end + 12)[:1] in (["عليها"], ["عليه"])):
            continue  # "المناطق التي تسيطر عليها"، "أول بلدة تسيطر عليها": a state or a description, not an event
        # a downing and a strike are two events ("أسقطت ... طائرة، في وقت قتل فيه ... جراء قصف صاروخي")
        downing_apart = target is not None and not trig.generic and "aircraft_downed" in (
            target.event_type, trig.event_type) and target.event_type != trig.event_type and not _names_aircraft(
            text, trig)  # "أسقطت الدفاعات الجوية طائرة مسيرة": the drone is what was downed
        if (target is not None and trig.event_type == "aircraft_downed" and trig.pos == "verb"
                and target.layer == "strike" and target.event_type != trig.event_type
                and all(t.pos == "noun" and _names_aircraft(text, t) for t in target.triggers)
                and len(words_between(text, target.end, trig.start)) <= 3):
            target.triggers.append(trig)  # "طائرة مسيرة تركية أُسقطت": the aircraft is what was downed
            target.event_type, target.layer = trig.event_type, trig.layer
            continue
        reply = target is not None and (downing_apart
                                        or any(w in split_cues for w in words_between(text, target.end, trig.start))
                                        or _opens_reply(text, trig, split_cues)
                                        or _after_offset(text, clause, trig)
                                        or _answered_with(text, target, trig)
                                        or _new_proposition(text, target, trig, actors)
                                        or _own_subject(text, clause, target, trig, actors)
                                        or _earlier_attack(text, clause, target, trig, actors))
        if target is None and trig.pos == "verb" and norm_slice(text, trig.start - 1, trig.start) == "ل" and (
                used_before(text, clause.start, trig.start) is None):
            continue  # ل + verb is a purpose ("سيستقبله لبحث الوضع"): an aim; it only describes an event (but what
            # a weapon is used for is done with it: "تستخدم القوات الطائرات لدك مواقع")
        if (target is None or drafts[-1] is not target) and _attack_instrument(text, drafts, trig):
            host = drafts[-1]  # "شنت ... هجوما بطائرتين مسيرتين": the attack is the strike its instrument names
            host.triggers.append(trig)
            host.event_type, host.layer = trig.event_type, trig.layer
            continue
        if target is None and _struck_object(text, drafts, trig):
            continue  # "استهدفت قوات النظام نقطة مراقبة تركية": the post is what was hit, not a deployment
        if target is None or same_verb or reply:
            drafts.append(Draft(trig.event_type, trig.layer, [trig], clause, sentence))
            continue
        target.triggers.append(trig)
        # an aim ("بغية استعادة المناطق") does not give its type to the fight that is told as done
        best = max(target.triggers, key=factual_rank)
        target.event_type, target.layer = best.event_type, best.layer
    return _drop_anonymous_amid(text, drafts, clause, actors, places)


@cache
def _offset_words(hours: bool = False) -> tuple[frozenset[str], frozenset[str]]:
    """The offset words ("بعد"، "عقب"، "إثر"، "قبل") and the day-or-longer units of ``time_words.yaml`` (with
    ``hours``, the hour units too)."""
    raw = vocab.load_yaml("time_words.yaml")
    units = {normalize(f) for unit, forms in raw["units"].items() if hours or unit != "hour"
             for fs in forms.values() for f in fs}
    heads = {normalize(w) for w in raw["offset_after_words"] + raw["offset_before_words"]}
    return frozenset(heads), frozenset(units)


def _after_offset(text: str, clause: Segment, trig: TriggerMention) -> bool:
    """The trigger names the event an offset of a day or more counts from ("بعد يوم من استهداف القرى"، "بعد أيام
    على سيطرة"، "قبل أسبوعين من الهجوم"): an event of another day, its own draft (dated by that offset). A capture
    noun after an offset of hours is another capture too ("استعادت الفصائل القرية بعد ساعات من سيطرة القوات
    عليها": the other side's, hours before)."""
    before = words_between(text, max(clause.start, trig.start - 40), trig.start)[-4:]
    if len(before) < 3 or before[-1] not in ("من", "على"):
        return False
    heads, units = _offset_words(trig.event_type == "territory_taken" and trig.pos == "noun")
    return before[-2] in units and (before[-3] in heads or before[-4:-3] and before[-4] in heads
                                    or strip_clitic(before[-3]) in heads)


def _opens_reply(text: str, trig: TriggerMention, split_cues: frozenset[str]) -> bool:
    """The trigger itself opens with a reply verb ("ورد مقاتلو المعارضة باستهداف ..."): a second event."""
    first = words_between(text, trig.start, trig.end)[:1]
    return trig.pos == "verb" and bool(first) and (first[0] in split_cues or strip_clitic(first[0]) in split_cues)


def _answered_with(text: str, target: Draft, trig: TriggerMention) -> bool:
    """"ورد مقاتلو الفصائل باستهداف مواقع ...": a reply verb with its clitic between two strikes, the second one
    introduced by ب, is an answer to the first, not the same event."""
    first = words_between(text, trig.start, trig.end)[:1]
    by = norm_slice(text, trig.start - 1, trig.start) == "ب" or (
        bool(first) and first[0].startswith("ب") and strip_clitic(first[0]) != first[0])
    return by and any(w in event_cues()["reply_verbs"] for w in words_between(text, target.end, trig.start))


def _imperfect(text: str, trig: TriggerMention) -> bool:
    """A verb in the imperfect (ي/ت + a stem of three letters or more: يسيطر، تستهدف)."""
    if trig.pos != "verb":
        return False
    word = norm_slice(text, trig.start, trig.end)
    return word[:1] in ("ي", "ت") and len(word) >= 4 and not word.endswith("ت")


ATTACK_GAP_WORDS = 3
STRUCK_GAP_WORDS = 12


def _attack_instrument(text: str, drafts: list[Draft], trig: TriggerMention) -> bool:
    """A strike word after ب (or عبر) right after an attack ("هجوما بطائرتين مسيرتين"، "هاجمت ... بمسيرة"), or a
    strike noun as its genitive ("لهجوم طائرة مسيرة"), names the attack's weapon: the attack is that strike (also
    when a strike of the clause came before: the weapon is this attack's, not that strike's)."""
    if trig.layer != "strike" or not drafts or drafts[-1].event_type != "armed_clash":
        return False
    host = drafts[-1]
    if not any(t.generic or t.pos == "verb" for t in host.triggers):
        return False
    first = words_between(text, trig.start, trig.end)[:1]
    gap = words_between(text, host.end, trig.start)
    prep = bool(first) and (first[0].startswith("ب") and strip_clitic(first[0]) != first[0]
                            and first[0] not in event_cues()["root_ba"]) or norm_slice(
        text, trig.start - 1, trig.start) == "ب" or (bool(gap) and gap[-1] in event_cues()["instrument_preps"])
    attack = event_cues()["attack_words"]
    # "تعرضوا لهجوم طائرة مسيرة": the aircraft as its genitive
    prep = prep or (not gap and trig.pos == "noun" and _names_aircraft(text, trig))
    # the pattern "شن … هجوما" spans its head only: its noun may stand right before the weapon
    near = len(gap) <= ATTACK_GAP_WORDS or (len(gap) <= STRUCK_GAP_WORDS and strip_clitic(gap[-1]) in attack)
    return bool(prep) and near and all(
        set(words_between(text, t.start, t.end)) & attack or t.generic for t in host.triggers)


def _struck_object(text: str, drafts: list[Draft], trig: TriggerMention) -> bool:
    """A deployment noun ("نقطة مراقبة"، "رتلا") that is the object of the strike before it in the clause."""
    if trig.pos != "noun" or trig.event_type != "military_deployment" or not drafts:
        return False
    host = drafts[-1]
    if host.layer != "strike":
        return False
    gap = words_between(text, host.end, trig.start)
    return len(gap) <= STRUCK_GAP_WORDS and not any(w in event_cues()["split"] for w in gap)


def _amid(text: str, clause: Segment, trig: TriggerMention) -> bool:
    if trig.pos != "noun":
        return False
    before = tuple(words_between(text, max(clause.start, trig.start - 16), trig.start))
    return any(before[-len(cue):] == cue for cue in event_cues()["amid"])


def _drop_anonymous_amid(text: str, drafts: list[Draft], clause: Segment, actors: list[ActorMention],
                         places: list[PlaceMention] = ()) -> list[Draft]:
    """"وسط قصف عنيف": a strike or fight named after "amid" without an actor in its own phrase (up to the next
    draft) is background to the event before it; with one ("وسط غارات لطائرات روسيا"، "وسط اشتباكات مع
    الفصائل") it is an event of its own, and so is a strike with a target town of its own ("تقدمت القوات إلى X وسط
    قصف جوي على Y": Y was struck, not taken), which then does not share the places of the event it accompanies."""
    out = []
    for i, d in enumerate(drafts):
        first = min(d.triggers, key=lambda t: t.start)
        if d.layer in vocab.MAP_LAYERS and _amid(text, clause, first):
            end = drafts[i + 1].start if i + 1 < len(drafts) else clause.end
            own_target = d.layer == "strike" and _own_target(text, clause, first, end, places)
            if not own_target and not any(first.end <= a.start < end for a in actors):
                continue
            d.amid_of = None if own_target else (out[-1] if out else None)
        out.append(d)
    return out


TARGET_GAP_WORDS = 4  # words between a strike noun and "على" + its target town ("قصف جوي روسي مكثف على")


def _own_target(text: str, clause: Segment, trig: TriggerMention, end: int, places: list[PlaceMention]) -> bool:
    """A settlement (or its outskirts) after "على" or a targeting verb in the strike's own phrase (``trig`` up to
    ``end``) that the clause did not name before it: the strike's own target."""
    before = {p.place.place_id for p in places if p.place is not None and clause.start <= p.start < trig.start}
    targets = event_cues()["amid_targets"]
    for p in places:
        if not (trig.end <= p.start < end) or p.precision not in (1, 2) or p.place is None or (
                p.place.place_id in before):
            continue
        gap = words_between(text, trig.end, p.start)
        on = next((k for k, w in enumerate(gap) if w in targets or without_conjunction(w) in targets), None)
        if on is not None and on <= TARGET_GAP_WORDS and len(gap) - on <= 3:
            return True
    return False


def drop_described(text: str, drafts: list[Draft]) -> list[Draft]:
    """A generic attack word after "في/خلال/أول" or a missile ("قصفت طائرات ... في أول هجوم من نوعه"، "أسقطت
    الدفاعات عددا من صواريخ العدوان") describes the specific
    strike or fight reported before it in the sentence: it is no second event (unless a split cue stands
    between: "بالتزامن مع هجوم")."""
    cues = event_cues()
    out: list[Draft] = []
    for d in drafts:
        host = next((o for o in reversed(out) if o.layer in vocab.MAP_LAYERS
                     and any(not t.generic for t in o.triggers)), None)
        if host is not None and d.layer in vocab.MAP_LAYERS and all(t.generic and t.pos == "noun" for t in d.triggers):
            first = min(d.triggers, key=lambda t: t.start)
            before = words_between(text, max(d.sentence.start, first.start - 20), first.start)
            between = words_between(text, host.end, first.start)
            # "في أول هجوم"، "عددا من صواريخ العدوان": the generic word names the strike reported before it
            described = any(w in cues["describing"] for w in before[-cues["describing_window"]:]) or (
                bool(before) and strip_clitic(before[-1]) in cues["projectiles"])
            if described and not any(w in cues["split"] for w in between):
                continue
        out.append(d)
    return out


def places_of_amid(drafts: list[Draft]) -> None:
    """An event told "amid" another ("تقدمت القوات على محور X، وسط اشتباكات مع الفصائل") happens at its
    settlements too."""
    for d in drafts:
        host = d.amid_of
        if host is not None:
            d.places = [p for p in host.places if p.precision in (1, 2) and p not in d.places] + d.places


def filter_sentence(text: str, drafts: list[Draft], actors: list[ActorMention]) -> list[Draft]:
    """Sentence-level rules for the non-map types: statements and casualties are kept only
    when the sentence reports nothing else, and one statement per sentence."""
    drafts = [d for d in drafts if d.event_type == "statement" or not denied_before(text, d.sentence.start, d.start)]
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
    # a trigger inside an actor name ("هيئة تحرير الشام") is not an event; one that only overlaps an actor's
    # start is ("قصف الطيران" before "الطيران الروسي": the noun and its genitive agent)
    actor_len = [0] * (len(text) + 1)  # per character: length of the actor name covering it
    actor_end = [0] * (len(text) + 1)  # per character: end of the actor name covering it
    for a in actors:
        if a.end > a.start:
            actor_len[a.start:a.end] = [a.end - a.start] * (a.end - a.start)
            actor_end[a.start:a.end] = [a.end] * (a.end - a.start)
    triggers = [t for t in triggers if not (actor_len[t.start] and t.end <= actor_end[t.start])]
    triggers = [_clipped(text, t, actor_len, actor_end) for t in triggers]
    in_trigger = [False] * (len(text) + 1)
    for t in triggers:
        if t.end > t.start:
            in_trigger[t.start:t.end] = [True] * (t.end - t.start)
    # a place inside a longer actor name or a trigger ("قوات سوريا الديمقراطية", "إسقاط") is not a place
    places = [p for p in places if actor_len[p.start] <= p.end - p.start and not in_trigger[p.start]]
    return triggers, places


def _clipped(text: str, t: TriggerMention, actor_len: list[int], actor_end: list[int]) -> TriggerMention:
    """A trigger whose last words are the start of an actor name ("قصف الطيران" + "الطيران الروسي") ends
    before the actor, so the actor is its genitive agent."""
    for i in range(t.start + 1, t.end):
        if actor_len[i] and not actor_len[i - 1] and actor_end[i] >= t.end:
            end = len(text[t.start:i].rstrip()) + t.start
            return replace(t, end=end, surface=text[t.start:end]) if end > t.start else t
    return t


def separate_spans(drafts: list[Draft]) -> None:
    """Same type in one sentence twice: give the second its own span so both are kept."""
    used: set[tuple[str, int]] = set()
    for d in drafts:
        if (d.event_type, d.char_start) in used:
            d.char_start = d.start
        used.add((d.event_type, d.char_start))
