"""What the words around an event mention say about retelling (cue words: ``core/lexicons/linking.yaml``), for
within-article linking (``linking``): a place the text puts outside a city, air defence meeting a strike, an aircraft
aimed at, a toll told as a part of an earlier one, a retake."""

from __future__ import annotations

from functools import cache

from core import vocab
from core.extract.events.cues import WORD_RE, event_cues, strip_clitic
from core.extract.events.draft import Draft
from core.text import normalize

SYMMETRIC_TYPES = ("armed_clash",)


@cache
def _quarter_cues() -> dict:
    raw = vocab.load_yaml("linking.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(normalize(w) for w in raw[key])

    return {"countryside": words("countryside_after"), "directions": words("direction_words"),
            "cities": words("city_nouns"), "settlement": words("settlement_before"),
            "after": int(raw["quarter_context_after"]), "before": int(raw["quarter_context_before"])}


def told_outside_city(p, d: Draft) -> bool:
    """The text puts a place the gazetteer also knows as a city quarter outside the city: a countryside right
    after it ("Y بريف X"، "Y وريفها"), a direction towards a city ("Y جنوب مدينة X"، "Y إلى الشرق من مدينة X"),
    or a town or surroundings word right before it ("بلدة Y"، "قريتي A وY"، "في محيط Y"). A same-named town of
    the countryside is then meant, not the quarter, and it is no detail of the city's lead."""
    cues = _quarter_cues()
    s = d.sentence
    if not s.start <= p.start < p.end <= s.end:
        return False  # a place carried from another sentence: its words are not read here
    if normalize(p.cue) in cues["settlement"]:
        return True
    before = WORD_RE.findall(normalize(s.text[max(0, p.start - s.start - 60):p.start - s.start]))[-cues["before"]:]
    if any(w in cues["settlement"] or strip_clitic(w) in cues["settlement"] for w in before):
        return True
    after = WORD_RE.findall(normalize(s.text[p.end - s.start:p.end - s.start + 80]))[:cues["after"]]
    for i, w in enumerate(after):
        if w in cues["countryside"] or strip_clitic(w) in cues["countryside"]:
            return True
        if (w in cues["directions"] or strip_clitic(w) in cues["directions"]) and any(
                x in cues["cities"] or strip_clitic(x) in cues["cities"] for x in after[i + 1:]):
            return True
        if w.startswith("و") and i > 0:
            return False  # the next item of a list: what follows describes it, not this place
    return False



@cache
def _air_defence_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str], int]:
    raw = vocab.load_yaml("linking.yaml")
    return (frozenset(normalize(w) for w in raw["air_defence_heads"]),
            frozenset(normalize(w) for w in raw["air_defence_mods"]),
            frozenset(normalize(w) for w in raw["air_defence_not_before"]), int(raw["air_defence_window"]))


def air_defence(d: Draft) -> bool:
    """A clash whose event word stands beside air defence as its subject ("تصدت الدفاعات الجوية لصواريخ"،
    "وسائط دفاعنا الجوي تتصدى لعدوان"، "محاولات المضادات الأرضية إفشال الهجوم"): the defender's side of a strike,
    no clash."""
    if d.event_type not in SYMMETRIC_TYPES:
        return False
    heads, mods, not_before, window = _air_defence_cues()
    c = d.clause
    for t in d.triggers:
        lo, hi = max(0, t.start - c.start), max(0, t.end - c.start)
        before = WORD_RE.findall(normalize(c.text[max(0, lo - 80):lo]))
        after = WORD_RE.findall(normalize(c.text[hi:hi + 80]))[:window]
        words = before[-window - 1:] + ["\0"] + after  # (the event word itself is not read)
        for i, w in enumerate(words[:-1]):
            if (w in heads or strip_clitic(w) in heads) and words[i + 1] in mods and not (
                    i > 0 and (words[i - 1] in not_before or strip_clitic(words[i - 1]) in not_before)):
                return True
    return False


AIRCRAFT_OBJECT_WORDS = 10  # words after a targeting verb searched for the aircraft it aims at


def targets_aircraft(d: Draft) -> bool:
    """A strike draft whose event word aims at an aircraft named after it, with its subject between or before
    ("استهدفت الفصائل ... طائرة مروحية"، "أطلقت الفصائل صاروخا على مقاتلة"): a downing attempt, not an air strike."""
    aircraft = event_cues()["aircraft"]
    c = d.clause
    for t in d.triggers:
        hi = max(0, t.end - c.start)
        after = WORD_RE.findall(normalize(c.text[hi:hi + 120]))[:AIRCRAFT_OBJECT_WORDS]
        hit = next((i for i, w in enumerate(after) if w in aircraft or strip_clitic(w) in aircraft), None)
        if hit is not None and (hit > 0 or (d.agent is not None and d.agent.end <= t.start)):
            return True
    return False



@cache
def _subset_cues() -> tuple[frozenset[str], frozenset[str], int]:
    raw = vocab.load_yaml("linking.yaml")
    nouns = frozenset(normalize(w) for w in vocab.load_yaml("number_casualties.yaml")["toll_nouns"])
    return frozenset(normalize(w) for w in raw["subset_pronouns"]), nouns, int(raw["subset_opening_words"])


def opens_with_part(d: Draft) -> bool:
    """The draft's sentence opens with a part of a toll told before ("ومن بين القتلى"، "ومن بينهم")."""
    pronouns, nouns, window = _subset_cues()
    words = WORD_RE.findall(normalize(d.sentence.text[:120]))[:window]
    for i, w in enumerate(words):
        if w in pronouns or w.removeprefix("و") in pronouns:
            return True
        if w.removeprefix("و") == "بين" and i + 1 < len(words) and words[i + 1] in nouns:
            return True
    return False



@cache
def retake_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("linking.yaml")["retake_words"])


def count_parts_once(events: list[Draft], lookback: int) -> None:
    """A later event whose toll is a part of an earlier one's ("وقتل 23 مدنيا في غارات على المدينة" … "ومن بين
    القتلى 15 قضوا في غارة على حي X"): the earlier keeps the rest, so no one is counted twice. Looks back over
    the last ``lookback`` map events (linear cost)."""
    for k, d in enumerate(events):
        if d.fatalities is None or d.layer not in vocab.MAP_LAYERS or not opens_with_part(d):
            continue
        for o in reversed(events[max(0, k - lookback):k]):
            if o.layer in vocab.MAP_LAYERS and o.fatalities is not None and o.sentence.start < d.sentence.start:
                if o.fatalities > d.fatalities:
                    o.fatalities -= d.fatalities
                break


def names_city_area(d: Draft, city) -> bool:
    """``d`` names the city's area as a region of its name ("جنوب دمشق"، "محيط حلب" read as the governorate or a
    part of it): the city's surroundings, where the detail's other settlements lie."""
    name = normalize(city.name_ar)
    return any(p.place is not None and p.precision == 3 and p.place.admin1_pcode == city.admin1_pcode
               and name in normalize(p.surface) for p in d.places)


@cache
def side_generic_agents() -> frozenset[str]:
    """Actor ids that name a whole side loosely (``linking.yaml`` side_generic_agents)."""
    return frozenset(vocab.load_yaml("linking.yaml").get("side_generic_agents") or [])
