"""Who owns a weapon or an aircraft named near an actor (used by ``roles``): "بطائرات روسية" (the agent's
instrument), "مروحية تابعة للنظام" (the aircraft's owner), "روسية الصنع" (where a weapon was made, no party)."""

from __future__ import annotations

from core.extract.events.cues import event_cues, norm_slice, strip_clitic, words_between
from core.model import ActorMention

FORCES = frozenset({"قوات", "القوات"})  # listed with the weapons, but "مواقع لقوات تابعة لـ X" are hit, not used


def nisba_like(word: str) -> bool:
    """An adjective-looking word ("جنوني", "وصاروخي", "مكثفة"): nisba endings, after a clitic و."""
    w = word[1:] if word.startswith("و") and len(word) > 3 else word
    return w.endswith(("ي", "يه", "يا")) and len(w) > 2


def instrument_words(text: str, clause_start: int, start: int, span: int = 40) -> list[str]:
    """The words before an actor (ل written apart dropped), for instrument and owner phrases."""
    return [w for w in words_between(text, max(clause_start, start - span), start) if w != "ل"]


def instrument_agent(text: str, clause_start: int, a: ActorMention) -> bool:
    """The actor owns the weapon the strike is made with: "بطائرات روسية", "بطائرة مسيرة تركية",
    "من المسيرات وراجمات الصواريخ التابعة للجيش التركي", "بقصف مدفعي لقوات النظام"."""
    cues = event_cues()
    words = instrument_words(text, clause_start, a.start)[-5:]
    owner = bool(words) and words[-1] in cues["owner"]
    body = words[:-1] if owner else words
    # walk back over adjectives and coordinated weapons to the first weapon word of the phrase
    for i in range(len(body) - 1, -1, -1):
        w = body[i]
        bare = strip_clitic(w)
        if bare in cues["instruments"] or w in cues["instruments"]:
            instrument = w.startswith("ب") and bare != w or (i > 0 and body[i - 1] == "من")
            if instrument:
                return True
            continue
        if w in cues["noun_skip"] or w in cues["titles"] or nisba_like(w) or strip_clitic(w) in cues["noun_skip"]:
            continue
        break
    return False


def owned_weapon(words: list[str]) -> bool:
    """The words before an owner cue end with a weapon and its adjectives ("المروحيات الحربية"), not with
    what was hit ("الطائرات الحربية مواقع")."""
    cues = event_cues()
    for w in reversed(words):
        if strip_clitic(w) in cues["weapons"] or w in cues["weapons"] or w in cues["instruments"] or strip_clitic(
                w) in cues["instruments"]:
            return True
        if not (w in cues["noun_skip"] or w in cues["titles"] or nisba_like(w)):
            return False
    return False


def owner_of_instrument(text: str, clause_start: int, a: ActorMention) -> bool:
    """The actor owns the weapon a strike is made with or put down to ("بطائرات تابعة لروسيا", "نسبها
    المرصد للطيران الحربي التابع للنظام"): a weapon word with ب or ل, its adjectives, an owner cue. Never the
    strike's target."""
    cues = event_cues()
    own = words_between(text, a.start, a.end)[:1]  # the mention holds the weapon: "(ل)الطيران الحربي التابع للنظام"
    head = {own[0], "ا" + own[0]} if own else set()  # (after ل the article's alif is dropped: "للطيران")
    if any(w in cues["weapons"] and w not in FORCES for w in head) and norm_slice(text, a.start - 1, a.start) in (
            "ب", "ل"):
        return True
    words = instrument_words(text, clause_start, a.start)
    if len(words) < 2 or words[-1] not in cues["owner"]:
        return False
    for w in reversed(words[-5:-1]):
        forms = {strip_clitic(w)} | ({"ال" + w[2:]} if w.startswith("لل") else set())
        if any((f in cues["weapons"] and f not in FORCES) or f in cues["instruments"] for f in forms):
            return w[0] in "بل" and w not in forms
        if not (w in cues["noun_skip"] or w in cues["titles"] or nisba_like(w)):
            return False
    return False


def aircraft_owner(text: str, clause_start: int, a: ActorMention) -> bool:
    """The actor names whose aircraft it is ("طائرة مسيرة تركية", "مروحية تابعة للنظام", "الطائرات الروسية")."""
    cues = event_cues()
    aircraft = cues["aircraft"] | cues["crew"]  # "طيارا روسيا": the pilot's nation owns the aircraft
    if any(w in aircraft for w in words_between(text, a.start, a.end)):
        return True
    words = instrument_words(text, clause_start, a.start, 30)[-3:]
    last = max((i for i, w in enumerate(words) if w in aircraft or strip_clitic(w) in aircraft), default=None)
    if last is None:
        return _owner_after_relative(text, clause_start, a)
    rest = words[last + 1:]
    if a.kind == "adjective" and rest and not rest[0].startswith("ال"):
        rest = rest[1:]  # the aircraft's kind as its genitive: "طائرة استطلاع روسية", "مروحية نقل تركية"
    return all(w in aircraft or w in cues["owner"] or w in cues["titles"] or w in cues["noun_skip"] or nisba_like(w)
               for w in rest)  # "مروحية عسكرية تابعة ل"


RELATIVE_CLAUSE_WORDS = 3  # words of a relative clause between the aircraft and its owner cue


def _owner_after_relative(text: str, clause_start: int, a: ActorMention) -> bool:
    """"الطائرة التي أسقطت (فوق البلدة) تابعة للجيش التركي": an aircraft, a short relative clause on it, then an
    owner cue right before the actor; the actor owns the aircraft (the downed one), it did not down it."""
    cues = event_cues()
    words = instrument_words(text, clause_start, a.start, 80)
    if not words or words[-1] not in cues["owner"]:
        return False
    words = words[:-1][-(RELATIVE_CLAUSE_WORDS + 2):]
    rel = max((i for i, w in enumerate(words) if w in cues["relatives"]), default=None)
    if rel is None or rel == 0:
        return False
    aircraft = cues["aircraft"]
    head = words[rel - 1]
    return head in aircraft or strip_clitic(head) in aircraft


def weapon_adjective(text: str, clause_start: int, a: ActorMention) -> bool:
    """A nationality adjective describing a weapon, not a party to the event: "قذائف روسية الصنع",
    "بقذائف كراسنوبول الروسية" / "بصواريخ غراد الروسية" (a weapon word at most two words before the adjective)."""
    if a.kind != "adjective":
        return False
    if made_in(text, a):
        return True
    cues = event_cues()
    instruments = cues["instruments"]
    before = instrument_words(text, clause_start, a.start, 30)[-3:]
    # "بقذائف الهاون دورية روسية": a struck object after the weapon owns the adjective, not the weapon
    cut = max((i for i, w in enumerate(before) if w in cues["struck_objects"] and w not in instruments), default=-1)
    before = before[cut + 1:]
    return any(w in instruments or strip_clitic(w) in instruments for w in before)


def made_in(text: str, a: ActorMention) -> bool:
    """"روسية الصنع": where a weapon was made, never who used it."""
    if a.kind != "adjective":
        return False
    after = words_between(text, a.end, a.end + 12)[:1]
    return bool(after) and after[0] in event_cues()["made_in"]


def vehicle_in_phrase(text: str, clause_start: int, a: ActorMention, used: bool = False) -> bool:
    """A nationality adjective of vehicles named inside a prepositional phrase ("باستخدام المدرعات التركية",
    "على الآليات الروسية", "بالعربات التركية"): whose vehicles they are, never the subject of a verb after them;
    ``used``: only the vehicles fought with (ب، باستخدام), never the target of the event either."""
    if a.kind != "adjective":
        return False
    cues = event_cues()
    words = instrument_words(text, clause_start, a.start, 40)[-4:]
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        forms = {w, strip_clitic(w)} | ({"ال" + w[2:]} if w.startswith(("بال", "لل")) else set())
        if forms & cues["struck_objects"]:
            heads = cues["used_with"] if used else cues["vehicle_phrase_heads"]
            return w[:1] in (("ب",) if used else ("ب", "ل")) and w not in cues["struck_objects"] or (
                i > 0 and words[i - 1] in heads)
        if not (nisba_like(w) or w in cues["noun_skip"]):
            return False
    return False
