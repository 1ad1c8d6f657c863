"""Strike type from the instrument: "قصف"/"استهدف" alone is shelling, but made with aircraft it is an
airstrike, with a drone a drone strike, with an IED or a car bomb a bombing; targeting an aircraft with
a result ("ما أدى إلى سقوطها") is a downing. Cue lists: ``event_cues.yaml`` (instrument_types,
aircraft_nouns, downing_results)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from core import vocab
from core.extract.events.cues import event_cues, strip_clitic, used_before, without_conjunction, words_between
from core.extract.events.draft import INFERRED_AGENT_RULES, Draft
from core.model import ActorMention

RETYPABLE = ("shelling",)  # the type "قصف/استهدف/ضربة" get when nothing names the instrument
PREFERENCE = ("drone_strike", "bombing", "airstrike")  # "من الطائرات المسيرة ومدفعية الهاون": a drone strike


DRONE_MARK = "\0drone"  # an aircraft made a drone by its adjective


def _kind(word: str) -> str | None:
    if word == DRONE_MARK:
        return "drone_strike"
    kinds = event_cues()["instruments"]
    return kinds.get(word) or kinds.get(strip_clitic(word))


def instrument_kind(word: str) -> str | None:
    """The strike type a (normalized) word names as an instrument, or None."""
    return _kind(word)


def _instrument_words(text: str, d: Draft) -> list[str]:
    """Words that can name the strike's instrument: the agent's own words and the three before it
    ("طائرة حربية تركية", "طائرات النظام"), the subject right before or after a verb trigger
    ("الطائرات قصفت", "قصفت الطائرات"), and weapons after ب in the draft's own span ("بطائرة مسيرة")."""
    clause = d.clause
    out: list[str] = []
    a = d.agent
    if a is not None and d.agent_rule not in INFERRED_AGENT_RULES and clause.start <= a.start < clause.end:
        out += words_between(text, a.start, a.end)
        out += words_between(text, max(clause.start, a.start - 30), a.start)[-3:]
    cues = event_cues()
    for t in d.triggers:
        own = words_between(text, t.start, t.end)
        if own and _kind(own[-1]) == "airstrike" and words_between(text, t.end, min(clause.end, t.end + 20))[:1] in (
                [w] for w in cues["drone_adjectives"]):
            out.append(DRONE_MARK)  # "قصف الطيران المسير"
        used = used_before(text, clause.start, t.start)
        if used:
            out += used  # "تستخدم القوات المروحيات لقصف ...": what the strike is done with
        if t.pos == "verb":
            out += words_between(text, max(clause.start, t.start - 20), t.start)[-1:]
            # with its subject before it ("قوات النظام استهدفت طائرة حربية") the word after the verb is its object
            if not (a is not None and d.agent_rule == "agent:svo" and a.end <= t.start):
                out += words_between(text, t.end, min(clause.end, t.end + 20))[:1]
    lo, hi = d.own_span or (clause.start, clause.end)
    span = words_between(text, max(lo, d.start), min(hi, clause.end))
    for i, w in enumerate(span):
        after_prep = i > 0 and span[i - 1] in cues["instrument_preps"]  # "عبر مسيرات"، "بواسطة طائرة"
        if _kind(w) is not None and (after_prep or (w.startswith("ب") and strip_clitic(w) != w)):
            out.append(w)
            # "بطائرات انتحارية"، "بالطيران المسير": an aircraft that its adjective makes a drone
            if i + 1 < len(span) and _kind(w) == "airstrike" and span[i + 1] in cues["drone_adjectives"]:
                out.append(DRONE_MARK)
    return out


def retype_by_instrument(text: str, d: Draft) -> None:
    """A strike typed only from "قصف/استهدف" takes the type of its instrument; an air strike made with a drone
    ("قصف الطيران المسير"، "غارة بطائرة انتحارية") is a drone strike."""
    if d.layer == "strike" and d.event_type == "airstrike":
        if any(_kind(w) == "drone_strike" for w in _instrument_words(text, d)) and "drone_strike" in vocab.event_types():
            d.event_type = "drone_strike"
        return
    if d.layer != "strike" or d.event_type not in RETYPABLE:
        return
    trigger_words = [w for t in d.triggers for w in words_between(text, t.start, t.end)]
    if any(_kind(w) == "shelling" for w in trigger_words):
        return  # "قصف مدفعي", "قذائف": the text names artillery
    kinds = {_kind(w) for w in _instrument_words(text, d)}
    for kind in PREFERENCE:
        if kind in kinds and kind in vocab.event_types():
            d.event_type = kind
            return
    if not kinds - {None} and _ground_attack(text, d):
        d.event_type, d.layer = "armed_clash", vocab.layer_of("armed_clash")
    elif not kinds - {None} and _air_only_agent(d) and "airstrike" in vocab.event_types():
        d.event_type = "airstrike"  # "قصف التحالف الدولي قرية ...": a party that fights only from the air


def retype_air_massacre(text: str, d: Draft) -> None:
    """A killing told as a massacre whose author is aircraft ("بمجزرة للطيران الروسي"، "مجزرة ارتكبتها الطائرات
    الروسية") is their air strike, with its toll."""
    a = d.agent
    if d.event_type != "casualties" or d.agent_rule != "agent:massacre" or a is None:
        return
    words = words_between(text, max(d.clause.start, a.start - 16), a.end)[-4:]
    kinds = {_kind("ال" + w[2:] if w.startswith("لل") else w) for w in words} - {None}  # "للطيران"
    kind = next((k for k in PREFERENCE if k in kinds and k != "bombing"), None)
    if kind is not None and kind in vocab.event_types():
        d.event_type, d.layer = kind, vocab.layer_of(kind)


def _air_only_agent(d: Draft) -> bool:
    """The strike's agent is named in the text (not inferred) and has only aircraft in this conflict."""
    return (d.agent is not None and d.agent_rule not in INFERRED_AGENT_RULES
            and d.agent_id in event_cues()["air_only_forces"])


def _ground_attack(text: str, d: Draft) -> bool:
    """A strike named only by a generic attack word ("استهدف"), no weapon in its clause, made by men or a cell
    ("مسلحون"، "عناصر من الفصائل") and whose object right after it is a patrol, a checkpoint, a vehicle or soldiers
    ("استهدف مسلحون دورية لقوات النظام"): a ground attack, not a shelling."""
    if not all(t.generic for t in d.triggers):
        return False
    cues = event_cues()
    t, a = d.triggers[0], d.agent
    # the object: after the subject when it follows the verb ("استهدف عناصر من الفصائل دورية")
    start = a.end if a is not None and t.end <= a.start < d.clause.end else t.end
    after = words_between(text, start, min(d.clause.end, start + 60))[:cues["ground_attack_reach"]]
    if not any(w in cues["ground_attack_targets"] or strip_clitic(w) in cues["ground_attack_targets"] for w in after):
        return False
    if any(_kind(w) is not None for w in words_between(text, d.clause.start, d.clause.end)):
        return False  # "صاروخ حراري استهدف سيارة": the weapon is named
    # the attackers: the agent's phrase with the words before it in the clause ("عناصر من الفصائل"), or the subject
    men = (words_between(text, max(d.clause.start, a.start - 24), a.end) if a is not None
           else words_between(text, t.end, t.end + 40)[:2])
    return any(strip_clitic(w) in cues["ground_attackers"] for w in men)


TWIN_WINDOW = 4  # the head noun, its first adjective, "و" + the second (one word may stand between)


def _twin_kind(text: str, d: Draft) -> str | None:
    """The other instrument kind coordinated with the draft's own in its head trigger phrase (the first one naming
    an instrument: "بقصف جوي روسي ... في ظل استمرار القصف الجوي والصاروخي" is one air strike), or None."""
    adjectives = event_cues()["twin_adjectives"]
    for t in sorted(d.triggers, key=lambda t: t.start):
        ws = words_between(text, t.start, d.clause.end)[:TWIN_WINDOW]
        for first, second in zip(ws, ws[1:], strict=False):
            k1, k2 = adjectives.get(first), adjectives.get(second[1:]) if second.startswith("و") else None
            if k1 and k2 and k1 != k2 and d.event_type in (k1, k2):
                return k2 if d.event_type == k1 else k1
        if any(w in adjectives for w in ws[:2]):
            return None  # its head names one instrument
    return None


def _used_kinds(text: str, d: Draft) -> list[str]:
    """The strike kinds of the instruments an attack is told to use in its clause ("باستخدام الطيران الحربي
    والمدفعية"، "مستخدمة الطائرات والصواريخ"), in order."""
    cues = event_cues()
    words = words_between(text, d.clause.start, d.clause.end)
    out: list[str] = []
    for i, w in enumerate(words):
        if without_conjunction(w) not in cues["use_instrument_words"]:
            continue
        for v in words[i + 1:i + 1 + cues["use_instrument_reach"]]:
            kind = _kind(v) or _kind(without_conjunction(v))
            if kind is not None and kind != "bombing" and kind not in out:
                out.append(kind)
        break
    # coordinated subjects of a strike verb ("قصفت الطائرات الحربية والمدفعية مواقع"): the first names an instrument,
    # one after it with و another kind
    for t in d.triggers:
        if t.pos != "verb" or d.layer != "strike":
            continue
        after = words_between(text, t.end, min(d.clause.end, t.end + 40))[:cues["use_instrument_reach"] - 2]
        first = _kind(after[0]) if after else None
        if first is None or first == "bombing":
            continue
        for v in after[1:]:
            if v in cues["target"] or strip_clitic(v) in cues["target"]:
                break  # the object begins ("قصفت الطائرات مواقع وراجمات"): no more subjects
            kind = _kind(v[1:]) if v.startswith("و") else None
            if kind is not None and kind != "bombing":
                out += [k for k in (first, kind) if k not in out]
                break
    return out


def _twin(d: Draft, kind: str, air_half: str) -> Draft:
    """``d`` again as a strike of ``kind``, without toll; when ``air_half`` (the half read as an air strike) is an
    air strike and its agent has no air force, the twin gets no agent (a misread air strike agent is neither's)."""
    twin = replace(d, event_type=kind, layer=vocab.layer_of(kind), fatalities=None, triggers=list(d.triggers),
                   points_memo=None)
    if air_half == "airstrike" and d.agent_id not in event_cues()["air_forces"]:
        twin.agent, twin.agent_rule = None, ""
    return twin


def twin_strikes(text: str, drafts: Sequence[Draft]) -> list[Draft]:
    """"قصف جوي ومدفعي على X" is an air strike and a shelling at X: the strike gets a twin of the other kind,
    with its agent, places and time; the toll stays with the strike told first (it is counted once). An attack
    told to use aircraft and artillery ("هاجمت القوات البلدة باستخدام الطيران والمدفعية") gets a strike per kind."""
    out: list[Draft] = []
    kinds = vocab.event_types()
    for d in drafts:
        out.append(d)
        if d.layer == "strike":
            other = _twin_kind(text, d)
            if other is not None and other in kinds:
                out.append(_twin(d, other, d.event_type))
                continue
        if d.layer == "strike" or d.event_type == "armed_clash":
            out += [_twin(d, k, k) for k in _used_kinds(text, d) if k in kinds and k != d.event_type]
    return out


def _own_kinds(text: str, d: Draft) -> set[str]:
    """The instrument kinds the draft's own words name (trigger words, subject, weapons after ب)."""
    words = [w for t in d.triggers for w in words_between(text, t.start, t.end)] + _instrument_words(text, d)
    return {k for k in map(_kind, words) if k is not None}


def retype_like_antecedent(text: str, drafts: Sequence[Draft], starts: Sequence[int]) -> None:
    """A strike named without its instrument takes the type of the last strike of its report when the text
    ties it to that one: called similar ("وطال قصف مماثل قرية ..."), or made by the same agent named only by
    a nationality adjective or not named at all ("أغارت المقاتلات الروسية على ... ثم امتد القصف الروسي إلى ...")."""
    similar = event_cues()["similar"]
    last: dict[int, Draft] = {}
    named: dict[int, set[str]] = {}  # per report, the instrument kinds its strikes named so far
    for d in drafts:
        if d.layer != "strike" or d.event_type == "aircraft_downed":
            continue
        report = starts[d.sentence.paragraph]
        prev = last.get(report)
        own = _own_kinds(text, d)
        if prev is not None and d.event_type in RETYPABLE and prev.event_type in PREFERENCE and not own:
            after = [w for t in d.triggers for w in words_between(text, t.end, min(d.clause.end, t.end + 24))[:2]]
            same_agent = (d.agent is not None and prev.agent is not None
                          and d.agent.actor.actor_id == prev.agent.actor.actor_id
                          and (d.agent_rule in INFERRED_AGENT_RULES or d.agent.kind == "adjective"))
            # in a later sentence, the same agent alone says which instrument only when the report named one kind
            # so far: after artillery and a drone, "وطال القصف قرية X" may be either
            if any(w in similar for w in after) or (same_agent and (prev.sentence.start == d.sentence.start or named.get(
                    report, set()) <= {prev.event_type})):
                d.event_type = prev.event_type
        elif prev is not None and d.event_type in RETYPABLE and prev.event_type == "airstrike" and _same_aircraft(
                text, d, prev):
            d.event_type = prev.event_type
        if d.event_type in own:  # (an air raid's missiles or bombs name no other kind: aircraft fire them too)
            named.setdefault(report, set()).add(d.event_type)
        last[report] = d


def _toll_cause_only(text: str, d: Draft) -> bool:
    """Every trigger is a generic noun ("استهداف"، "قصف") right after a cause word of a toll ("قتل خمسة جراء استهداف
    حافلة"), with no instrument of its own: the cause of the toll, named without agent."""
    causes = event_cues()["fatality_causes"]
    for t in d.triggers:
        before = words_between(text, max(d.sentence.start, t.start - 16), t.start)[-1:]
        if t.pos != "noun" or not before or not (before[0] in causes or strip_clitic(before[0]) in causes):
            return False
    return bool(d.triggers) and not _own_kinds(text, d)


def toll_cause_of_previous(text: str, drafts: Sequence[Draft], starts: Sequence[int]) -> None:
    """A toll's cause named without agent ("وقتل خمسة مدنيين جراء استهداف حافلات") in the sentence after a strike of
    its report tells that strike's toll: it takes the strike's type and agent (linked to it, not a strike of its
    own by nobody)."""
    last: dict[int, Draft] = {}
    for d in drafts:
        if d.layer != "strike" or d.event_type == "aircraft_downed":
            continue
        report = starts[d.sentence.paragraph]
        prev = last.get(report)
        if (prev is not None and d.agent is None and d.event_type in RETYPABLE and prev.agent is not None
                and prev.sentence.start < d.sentence.start and _toll_cause_only(text, d)):
            d.event_type, d.agent, d.agent_rule = prev.event_type, prev.agent, "agent:context"
        last[report] = d


def retype_from_title(text: str, drafts: Sequence[Draft], title_triggers: Sequence, starts: Sequence[int]) -> None:
    """A strike of the lead report headed by a definite noun ("أسفر القصف عن مقتل ...") and naming no instrument takes the instrument of
    the title when the title names one kind of strike only ("مقتل أربعة بقصف مسيرة"): the body tells that strike.
    ``title_triggers``: the triggers of the title paragraph; ``starts``: per paragraph, the start of its report."""
    kinds = {t.event_type for t in title_triggers if t.layer == "strike"}
    if len(kinds) != 1 or not kinds <= set(PREFERENCE) or len(starts) < 2:
        return
    kind, lead = kinds.pop(), starts[1]
    for d in drafts:
        if d.layer != "strike" or d.event_type not in RETYPABLE or starts[d.sentence.paragraph] != lead:
            continue
        head = min(d.triggers, key=lambda t: t.start)
        first = words_between(text, head.start, head.end)[:1]
        if head.pos == "noun" and first and strip_clitic(first[0]).startswith("ال") and not _own_kinds(text, d):
            d.event_type = kind


def _same_aircraft(text: str, d: Draft, prev: Draft) -> bool:
    """A verb without its own subject, carrying the agent of the air strike before, whose only instrument is a
    weapon aircraft fire too ("شنت المقاتلات الروسية غارات على X، كما قصفت بالصواريخ Y"): the aircraft again."""
    if d.agent_rule != "agent:context" or d.agent is not prev.agent or not all(t.pos == "verb" for t in d.triggers):
        return False
    both = event_cues()["air_launched_too"]
    words = [w for w in _instrument_words(text, d) if _kind(w) is not None]
    return bool(words) and all(w in both or strip_clitic(w) in both for w in words)


def _subject_before(text: str, actors: Sequence[ActorMention], starts: Sequence[int], d: Draft, at: int) -> bool:
    """An actor named right before the verb in its clause ("الطيران التركي استهدف المقاتلة"): the verb's
    subject stands before it, so the noun right after the verb is its object."""
    i = bisect.bisect_left(starts, at) - 1
    if i < 0:
        return False
    a = actors[i]
    return a.start >= d.clause.start and a.end <= at and not text[a.end:at].strip()


CRASH_WINDOW = 12  # words before a targeting verb searched for the aircraft and its crash


def _crashed_before(text: str, d: Draft, t) -> bool:
    """"تحطمت طائرة حربية للنظام أمس بعدما استهدفتها الفصائل": a targeting verb with an object pronoun, after an
    aircraft and a crash verb of the same sentence, tells what downed it."""
    own = words_between(text, t.start, t.end)
    if not own or not own[-1].endswith("ها"):
        return False
    cues = event_cues()
    before = words_between(text, max(d.sentence.start, t.start - 120), t.start)[-CRASH_WINDOW:]
    crash = [i for i, w in enumerate(before) if w.removeprefix("و") in cues["crash"]]
    return bool(crash) and any(w in cues["aircraft"] or strip_clitic(w) in cues["aircraft"]
                               for w in before[max(0, crash[0] - 6):crash[0] + 4])


def retype_downing(text: str, d: Draft, actors: Sequence[ActorMention] = (),
                   actor_starts: Sequence[int] = ()) -> None:
    """"استهدفت الفصائل مروحية للنظام ما أدى إلى سقوطها": targeting an aircraft (the object, not the
    subject right after the verb) with a downing result later in the sentence is a downing. With the
    subject before the verb ("الطيران التركي استهدف المقاتلة ... ما أدى لسقوطها") the word after it is the object.
    ``actor_starts`` are the starts of ``actors`` (sorted)."""
    if d.layer != "strike" or d.event_type == "aircraft_downed":
        return
    cues = event_cues()
    aircraft, results = cues["aircraft"], cues["downing"]
    object_aircraft = []  # verb triggers whose object, right after them, is the aircraft
    for t in d.triggers:
        if t.pos == "verb" and _crashed_before(text, d, t):
            d.event_type = "aircraft_downed"
            return
        if not (t.generic or t.pos == "verb"):  # a verb retyped by the aircraft it names still qualifies
            continue
        after = words_between(text, t.end, min(d.sentence.end, t.end + 40))[:4]
        hit = next((i for i, w in enumerate(after) if w in aircraft or strip_clitic(w) in aircraft), None)
        if hit is None or (t.pos == "verb" and hit == 0 and not _subject_before(text, actors, actor_starts, d, t.start)):
            continue  # "استهدفت مروحية للنظام بلدة ...": the aircraft is the subject
        if t.pos == "verb" and hit == 0:
            object_aircraft.append(t)
        rest = words_between(text, t.end, d.sentence.end)
        for i, w in enumerate(rest):
            if w in results or strip_clitic(w) in results:
                # a bare result noun must name the aircraft ("سقوط المروحية"), not victims ("سقوط قتلى")
                bare = w in cues["downing_naming"] or strip_clitic(w) in cues["downing_naming"]
                if not bare or (i + 1 < len(rest) and (rest[i + 1] in aircraft or strip_clitic(rest[i + 1]) in aircraft)):
                    d.event_type = "aircraft_downed"
                    return
    # "قوات النظام استهدفت طائرة حربية" with no result: the aircraft is the target, not the instrument, so the
    # verb keeps the type of an attack without aircraft (fire at an aircraft: shelling/missile attack)
    air = [t for t in d.triggers if t.event_type == "airstrike"]
    if object_aircraft and d.event_type == "airstrike" and all(t in object_aircraft for t in air):
        d.event_type = "shelling"
