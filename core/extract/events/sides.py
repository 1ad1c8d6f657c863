"""Which side of an event an actor of its clause is on, by the words around it (used by ``roles``): a target cue
before it ("على"، "مواقع"، "لـ"), a casualty word (a victim), "بين X و Y" and "بينها وبين Y" (the two sides of a
fight), the subject of a relative clause about a place, victims who are the subject of the event's own verb.
Cue lists: ``event_cues.yaml`` and ``role_cues.yaml``."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from core import vocab
from core.extract.events.cues import bare, count_word, event_cues, norm_slice, strip_clitic, words_between
from core.extract.events.draft import Draft
from core.extract.events.ownership import nisba_like
from core.extract.mentions.actors import allied
from core.model import ActorMention
from core.text import normalize

UNARMED = frozenset({"civilians"})  # never the agent of a strike, a fight or an advance ("قتلت ... 3 مدنيين بغارة")


def has_target_cue(text: str, clause_start: int, actor: ActorMention) -> bool:
    """The actor is introduced as a target (على/ضد/مواقع/لـ ...) rather than as a subject."""
    return target_cue_before(text, clause_start, actor.start)


@lru_cache(maxsize=1024)  # asked again and again for the same actors of a clause
def target_cue_before(text: str, clause_start: int, start: int) -> bool:
    if norm_slice(text, start - 1, start) == "ل":
        return True
    before = words_between(text, max(clause_start, start - 25), start)
    all_cues = event_cues()
    if before and before[-1] in all_cues["complementizers"]:
        return False  # "لفت المراسل إلى أن وحدات الجيش ردت": a subject after أن
    if before and before[-1] in all_cues["agent_nouns"]:
        return False  # "بعد قيام الطيران الروسي بشن غارات": the genitive of قيام does the action
    cues = all_cues["target"]
    return any(w in cues or strip_clitic(w) in cues for w in before[-2:])


def gap_has_target_cue(text: str, gap: list[str], actor: ActorMention) -> bool:
    """Like :func:`has_target_cue`, over the given words only (those after the trigger)."""
    if norm_slice(text, actor.start - 1, actor.start) == "ل":
        return True
    cues = event_cues()["target"]
    return any(w in cues or strip_clitic(w) in cues for w in gap[-2:])


@lru_cache(maxsize=1024)
def is_victim(text: str, clause_start: int, start: int) -> bool:
    """The actor is named right after a casualty word ("مقتل جندي تركي", "مقتل 3 مدنيين"): it suffered
    the event and is never its agent."""
    cues = event_cues()
    victims = cues["victims"]
    before = words_between(text, max(clause_start, start - 60), start)
    # "قتل 5 عناصر من X", "إصابة ثلاثة جنود من X": the count and members before the party are the victims' phrase
    if len(before) >= 2 and before[-1] == "من" and before[-2] in role_cues()["heads"]:
        before = before[:-2] if len(before) < 3 or not count_word(before[-3]) else before[:-3]
    before = before[-cues["victim_window"]:]
    # "قتل مدني بقصف تركي": the strike noun's adjective is its agent; "بمجزرة للطيران": the massacre's author
    strikes = cues["from_agent_nouns"] | cues["massacre_nouns"]
    # (definite too: "ضحايا القصف الروسي" are the Russian shelling's victims, the nation its agent)
    cut = max((i for i, w in enumerate(before) if w in strikes or strip_clitic(w) in strikes
               or strip_clitic(w).removeprefix("ال") in strikes), default=-1)
    before = before[cut + 1:]
    verbs = role_cues()["victim_verbs_before"]
    return any(w in victims or strip_clitic(w) in victims or bare(w) in verbs for w in before)


KILLER_GAP_WORDS = 4  # "قتل X (في كمين محكم) 12 من Y": the circumstance between the killer and the count


def active_killer(text: str, clause_start: int, a: ActorMention) -> bool:
    """"قتل X في هجوم ليلي 9 من جنود Y", "أسر X خلال المعارك 4 عناصر من Y": after
    a casualty verb whose form is also its passive, the actor followed by a count of victims (the victims' phrase
    after it) is the subject who killed or captured them, not a victim."""
    cues = role_cues()
    before = words_between(text, max(clause_start, a.start - 40), a.start)
    while before and (before[-1] in cues["heads"] or before[-1] == "من"):
        before.pop()  # "قتل عناصر من هيئة ...": the members named with the party
    if not before or bare(before[-1]) not in cues["active_casualty_verbs"]:
        return False
    after = words_between(text, a.end, a.end + 90)[:KILLER_GAP_WORDS + 3]
    for i, w in enumerate(after[:KILLER_GAP_WORDS + 1]):
        if count_word(w) and i + 1 < len(after):
            nxt = after[i + 1]
            return nxt == "من" or nxt in cues["heads"] or bare(nxt) in cues["victim_nouns"]
        if i == 0 and not (w in cues["circumstance_preps"] or w[:1] == "ب" and len(w) > 3):
            return False  # the count (or its circumstance) right after the actor, or this is another phrase
    return False


def victim_before_verb(text: str, a: ActorMention) -> bool:
    """The actor is the subject of a casualty verb right after it ("عشرة مدنيين قتلوا جراء قصف"): a victim."""
    after = words_between(text, a.end, a.end + 16)[:1]
    return bool(after) and after[0] in event_cues()["victim_verbs"]


@cache
def role_cues() -> dict[str, frozenset[str]]:
    """The word lists of ``lexicons/role_cues.yaml`` (normalized), and the head nouns of ``actor_cues.yaml``."""
    raw = vocab.load_yaml("role_cues.yaml")
    out = {key: frozenset(normalize(str(w)) for w in words) for key, words in raw.items()}
    heads = vocab.load_yaml("actor_cues.yaml")
    out["heads"] = frozenset(normalize(str(w)) for key in ("heads", "member_heads") for w in heads[key])
    return out


@lru_cache(maxsize=1024)
def relative_subject(text: str, clause_start: int, start: int) -> bool:
    """The actor is the subject of a relative clause describing a place ("البلدة التي تحاول قوات X التقدم
    فيها"): neither the agent nor the target of the event told around it."""
    cues = role_cues()
    before = words_between(text, max(clause_start, start - 40), start)[-3:]
    if before and before[-1] in cues["heads"]:  # "الذي يحاول مقاتلو X"
        before.pop()
    return len(before) >= 2 and before[-2] in cues["relative_words"] and bare(before[-1]) in cues[
        "relative_attempt_verbs"]


def pronoun_between_other(text: str, d: Draft, actors: list[ActorMention]) -> ActorMention | None:
    """"سيطرت X على البلدة عقب اشتباكات بينها وبين Y": Y, the other side (the pronoun is the agent); ``actors``
    those of the draft's sentence (the و of "وبين" may open a new clause)."""
    cues = role_cues()
    first = d.start
    for a in actors:
        if a.start < first:
            continue
        before = words_between(text, max(d.sentence.start, a.start - 30), a.start)[-2:]
        if len(before) == 2 and before[1] in cues["second_between"] and bare(before[0]) in cues["pronoun_between"]:
            return a
    return None


def victim_subject(text: str, d: Draft, actors: list[ActorMention], pool: list[ActorMention]) -> ActorMention | None:
    """"قتل 40 عنصرا من X هاجموا حواجز للجيش": victims (or members after a count, read as a target cue) named as
    the subject of the draft's own verb right after them (a relative or a time word between) are its agent; not
    with an object pronoun on the verb ("هاجمهم")."""
    cues = role_cues()
    kept = {id(a) for a in pool}
    for t in sorted((t for t in d.triggers if t.pos == "verb"), key=lambda t: t.start):
        own = words_between(text, t.start, t.end)[:1]
        if not own or any(own[0].endswith(e) for e in cues["object_pronoun_endings"]):
            continue
        for a in reversed([a for a in actors if d.clause.start <= a.start and a.end <= t.start]):
            gap = words_between(text, a.end, t.start)
            if len(gap) > 3 or not all(bare(w) in cues["victim_agent_gaps"] or w in cues["victim_agent_gaps"]
                                       for w in gap):
                break
            if a.actor.actor_id not in UNARMED and a.role_hint != "supporter" and (id(a) not in kept and is_victim(
                    text, d.clause.start, a.start) or has_target_cue(text, d.clause.start, a)):
                return a
            break
    return None


def subject_head_gap(gap: list[str]) -> bool:
    """The words between a verb and its subject's name begin the subject's noun phrase: a head noun and its
    adjectives ("استهدفت الفصائل السورية المعارضة ...")."""
    cues = event_cues()
    return 1 <= len(gap) <= 3 and bare(gap[0]) in role_cues()["heads"] and all(
        nisba_like(w) or w in cues["vso_skip"] for w in gap[1:])


@lru_cache(maxsize=1024)  # asked again by every draft of the clause
def after_between(text: str, clause_start: int, start: int) -> bool:
    """The actor follows "بين" (titles between skipped: "بين الرئيسين الروسي ... والتركي")."""
    cues = event_cues()
    words = words_between(text, max(clause_start, start - 24), start)
    while words and words[-1] in cues["titles"]:
        words.pop()
    return bool(words) and words[-1] in cues["between"]


def between_sides(text: str, in_clause: list[ActorMention], i: int) -> tuple[ActorMention, ActorMention | None]:
    """(actor1, actor2) of "بين X و Y" whose first actor is ``in_clause[i]``: "بين فصائل المعارضة والجبهة الوطنية
    ... من جهة وقوات النظام من جهة أخرى" gives the first side's most specific actor, against the first actor of
    another side; "بين الجيش التركي والفصائل الموالية له، وقسد": a comma before و closes the first side."""
    cues = event_cues()
    a = in_clause[i]
    rest = in_clause[i + 1:]
    closed = _after_side_closer(text, a, rest)
    if closed is not None:
        same_side = [b for b in [a, *rest] if b.start < closed.start and b.role_hint != "supporter"]
        return next((b for b in same_side if b.actor.actor_id not in cues["generic_actors"]), a), closed
    after_comma = next((b for b in rest if comma_joined(text, b)), None)
    other = after_comma if after_comma is not None and after_comma.actor.side != a.actor.side else next(
        (b for b in rest if b.actor.side != a.actor.side), None)
    if other is None:
        return a, next((b for b in rest if b.actor.actor_id != a.actor.actor_id), None)
    same_side = [b for b in [a, *rest] if b.start < other.start and b.actor.side == a.actor.side]
    return next((b for b in same_side if b.actor.actor_id not in cues["generic_actors"]), a), other


def _after_side_closer(text: str, a: ActorMention, rest: list[ActorMention]) -> ActorMention | None:
    """The first actor (not a supporter, not ``a``'s own) after "من جهة" (طرف، ناحية، جانب) closes ``a``'s side of a
    "بين" pair ("بين X وطيران Y من جهة وZ من جهة أخرى" → Z); None when no closer ends a side before an actor."""
    nouns = role_cues()["side_closer_nouns"]
    prev = a.end
    for b in rest:
        gap = words_between(text, prev, b.start)
        prev = b.end
        for k in range(len(gap) - 1):
            tail = gap[k + 2:]
            if gap[k] == "من" and gap[k + 1] in nouns and (not tail or tail == ["و"] or (
                    len(tail) == 1 and tail[0][:1] == "و" and tail[0][1:] in role_cues()["heads"])):
                return next((c for c in rest if c.start >= b.start and c.role_hint != "supporter"
                             and c.actor.actor_id != a.actor.actor_id), None)
    return None


def comma_joined(text: str, a: ActorMention) -> bool:
    """The actor opens a second member after a comma: "، و" right before it, or with one head noun ("، ومقاتلي")."""
    before = norm_slice(text, max(0, a.start - 24), a.start)
    if "،" not in before:
        return False
    tail = before.rsplit("،", 1)[1].strip()
    return tail == "و" or (tail.startswith("و") and len(tail.split()) == 1)


def referred_other_side(text: str, d: Draft, actors: list[ActorMention]) -> ActorMention | None:
    """"حاولت X اقتحام البلدة، لكن Y نجحت في صدهم" / "تصدت لها": a fight word whose object is a pronoun has the
    actor named before it in the sentence (another side than the agent's) as its other side; ``actors``: those
    of the draft's sentence before its trigger."""
    cues = role_cues()
    t = min(d.triggers, key=lambda t: t.start)
    own = words_between(text, t.start, t.end)[-1:]
    after = words_between(text, t.end, t.end + 8)[:1]
    first_after = words_between(text, t.end, t.end + 16)[:1]  # (the attack noun may be longer than 8 characters)
    back = own and own[0] in cues["object_back_nouns"] and len(words_between(text, t.start, t.end)) > 1 or (
        first_after and first_after[0] in cues["object_back_nouns"])
    if not (own and any(own[0].endswith(p) and len(own[0]) > len(p) + 1 for p in cues["object_pronouns"])
            or after and after[0] in cues["object_pronoun_words"] or back):
        return None
    if back and not (d.agent is not None and d.agent.end <= t.start):
        return None  # "صدت Y الهجوم": the repeller is its subject, named before it; without one it is unsure
    if after and after[0][:1] == "ل" and after[0] not in cues["object_pronoun_words"] and not back and not (
            d.agent is not None and d.agent.start > t.end):
        return None  # "أعلنت X تصديها لهجوم": the pronoun is the masdar's subject (unless the attacker follows: من جانب Y)
    side = d.agent.actor.side if d.agent is not None else None
    return next((a for a in reversed(actors) if a is not d.agent and a.role_hint != "supporter"
                 and a.actor.side != side and a.actor.actor_id not in UNARMED), None)


ATTRIBUTION_WINDOW = 6  # words between an attribution verb and the actor it puts the event down to


def attributed_agent(text: str, d: Draft, in_clause: list[ActorMention]) -> ActorMention | None:
    """"غارات نسبها المرصد للطيران الحربي التابع للنظام": the first actor after the draft's trigger introduced by
    ل (or إلى) after an attribution verb, its source between, is the agent."""
    cues = role_cues()
    first = d.start
    for a in in_clause:
        if a.start < first:
            continue
        before = words_between(text, max(d.clause.start, a.start - 60), a.start)[-ATTRIBUTION_WINDOW:]
        verb = next((i for i in range(len(before) - 1, -1, -1) if bare(before[i]) in cues["attribution_verbs"]), None)
        if verb is None:
            continue
        lam = norm_slice(text, a.start - 1, a.start) == "ل" or (before and before[-1] in ("ل", *cues[
            "attribution_preps"]))
        if lam:
            return a  # (an actor without ل there is the source: "نسبها مصدر معارض")
    return None


HOLDER_SIDES = frozenset({"pro-government", "opposition", "isis", "sdf"})  # parties that hold ground


def former_holder(text: str, d: Draft, actors: list[ActorMention]) -> ActorMention | None:
    """"شنت قوات X هجوما على البلدة، واستعادت الفصائل السيطرة عليها": a capture with no named loser loses it to
    the nearest party of another side named before it in the sentence (``actors``: those of the draft's sentence
    before its trigger); never a supporter, a nationality adjective ("نقطة تركية") or a state."""
    agent = d.agent
    if agent is None or agent.actor.side not in HOLDER_SIDES:  # (a state's capture: its allies are named with it)
        return None
    holder = next((a for a in reversed(actors) if a is not agent and a.role_hint != "supporter"
                   and a.kind != "adjective" and a.actor.side in HOLDER_SIDES and a.actor.side != agent.actor.side
                   and not allied(a.actor.actor_id, agent.actor.actor_id)), None)
    if holder is None:
        return None
    # "X تحاول التقدم على القرية ... للتمكن أخيرا من السيطرة عليها": who tries to advance is not who held it
    # "إن قوات X سيطرت على البلدة بعدما أبعدت هجمات من قبل Y": the subject right before the capture verb took it
    if not words_between(text, holder.end, min(t.start for t in d.triggers)):
        return None
    after = words_between(text, holder.end, holder.end + 16)[:2]
    return None if any(bare(w) in role_cues()["relative_attempt_verbs"] for w in after) else holder


def member_subject(text: str, d: Draft, a: ActorMention) -> bool:
    """"هاجم عناصر من داعش حاجزا", "نفذ مقاتلو الهيئة هجوما": members of the party right after the verb that opens
    its sentence (a conjunction or an opener before it at most) are its subject, though a member word elsewhere
    introduces the hit; not after a casualty verb ("قتل عناصر من X": they died)."""
    lead = words_between(text, d.sentence.start, a.start)
    if lead[-1:] == ["من"]:
        lead.pop()
    if len(lead) < 2 or bare(lead[-1]) not in role_cues()["heads"]:
        return False
    verb, opening = bare(lead[-2]), lead[:-2]
    cues = event_cues()  # (not a casualty or undergo verb: "أصيب عناصر من X", "تعرض عناصر من X لقصف")
    if verb in role_cues()["active_casualty_verbs"] or any(verb in cues[k] for k in (
            "victims", "victim_verbs", "undergo")) or verb in ("من", "في"):
        return False
    return len(opening) <= 1 and all(bare(w) in event_cues()["openers"] or w in ("و", "ف") for w in opening)


NEW_CLAUSE_RE = re.compile(r"[،,؛]\s*و")  # "، و…" after a fight's sides: a new clause begins


def between_members(text: str, d: Draft, actors: list[ActorMention]) -> set[int]:
    """Ids of the actors of a "بين X و Y" phrase closed by "، و" right before the draft's first word ("اشتباكات بين X وY،
    واستهدف قصف البلدة", "، وسقطت قذائف"): the two sides of the fight told before, never the subject of the new
    clause (a strike that goes with the fight, "تترافق مع قصف", keeps them)."""
    first = min(t.start for t in d.triggers)
    clause_start = d.clause.start
    actors = [a for a in actors if a.end <= first]
    out: set[int] = set()
    for i, a in enumerate(actors):
        if id(a) in out or not after_between(text, clause_start, a.start):
            continue
        _, other = between_sides(text, actors, i)
        last = other if other is not None else a
        members = []
        for b in actors[i:]:
            if b.start > last.start:
                gap = words_between(text, last.end, b.start)
                if not (gap and len(gap) <= 2 and gap[0].startswith("و")):
                    break  # (the other side goes on through و: "والجيش التركي وفصائل تابعة له")
                last = b
            members.append(b)
        opening = [m.start() for m in NEW_CLAUSE_RE.finditer(text, last.end, first)]  # "، وسقطت قذائف": the
        lead = words_between(text, opening[-1], first) if opening else []  # clause opens right before the draft
        if opening and len(lead) <= 2 and not (lead and lead[0] in role_cues()["clause_non_openers"]):
            out.update(id(b) for b in members)
    return out


OFFSET_OPENERS = frozenset(normalize(w) for w in ("بعد", "عقب", "إثر", "اثر", "وذلك", "ذلك"))


def main_clause_subject(text: str, d, sentence_actors: list[ActorMention]) -> ActorMention | None:
    """"تجولت وحدات الجيش في شوارع البلدة، وذلك بعد استعادة السيطرة عليها": a capture told by a verbal noun in a
    clause that opens with "بعد"/"عقب" (after the main clause of its sentence) was made by that clause's subject, the
    first actor of the sentence not introduced as a target."""
    if d.clause.start <= d.sentence.start or not all(t.pos == "noun" for t in d.triggers):
        return None
    opening = words_between(text, d.clause.start, d.start)[:2]
    if not any(w in OFFSET_OPENERS for w in opening):
        return None
    for a in sentence_actors:
        if a.start >= d.clause.start:
            break
        if a.kind != "adjective" and not has_target_cue(text, d.sentence.start, a):
            return a
    return None
