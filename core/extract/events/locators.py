"""Places that only say where an event's place lies (step 4): a region or town locating a settlement (after a
direction, a distance, a relative clause or a landmark), a sub-district named after its village, the city of a
quarter, the place the wounded were taken to. Each ``drop_*`` removes such places from a draft."""

from __future__ import annotations

import re
from functools import cache
from operator import attrgetter

import yaml

from core.distance import haversine_km
from core.extract.events.cues import event_cues, strip_clitic, without_conjunction, words_between
from core.extract.events.draft import Draft
from core.extract.wordforms import PRONOUNS, expand_all, participle_forms
from core.model import PlaceMention
from core.paths import PLACE_LEXICON_DIR
from core.text import normalize

_start = attrgetter("start")

PLACE_NOUNS = frozenset(normalize(w) for w in ("قرية", "بلدة", "مدينة", "بلدتي", "قريتي", "مدينتي", "محيط",
                                                "أطراف", "منطقة", "مناطق", "قرى", "بلدات", "مدن", "ريف", "محور"))


@cache
def place_cues() -> dict:
    """The place-cue lexicon (core/lexicons/places/cues.yaml), read once for every rule below."""
    return yaml.safe_load((PLACE_LEXICON_DIR / "cues.yaml").read_text(encoding="utf-8"))


@cache
def locator_words() -> frozenset[str]:
    raw = place_cues()
    return frozenset(normalize(w) for w in [*raw.get("locator_words", []), *raw.get("directions", {})])


LOCATOR_GAP_WORDS = 6  # "X، التي تقع في محافظة Y": the words a locating region may stand after its settlement


def _governorates(p: PlaceMention) -> tuple[str, ...]:
    place = p.place
    if place is None:
        return ()
    return place.admin1_pcodes or ((place.admin1_pcode,) if place.admin1_pcode else ())


def _locates(region: PlaceMention, anchor: PlaceMention) -> bool:
    """``region`` contains ``anchor``: a settlement in its governorates, or a region of fewer governorates (a
    countryside in its governorate, a named area in its countryside, a governorate in a wider region); two
    countrysides of one governorate do not."""
    inner, outer = set(_governorates(anchor)), set(_governorates(region))
    if not inner or not inner <= outer:
        return False
    if anchor.status != "region":
        return True
    named_area = anchor.place.kind == "region" and anchor.place.place_id.count(":") == 1 and len(inner) == 1
    return len(inner) < len(outer) or (region.place.kind == "admin1" and anchor.place.kind != "admin1") or (
        named_area and ":countryside" in region.place.place_id)  # "جبل الزاوية في ريف إدلب الجنوبي"


def drop_locator_regions(text: str, d: Draft) -> None:
    """A region right after a place of the event ("X بريف Y", "X، التي تقع في محافظة Y شمال غربي سوريا", "غربي
    حلب، شمال غربي سورية") only says where that place lies: dropped when it contains it (its governorates), and
    may itself be located by the next one. A region joined by و ("X وريف Y") is a second place and stays."""
    if len(d.places) < 2:
        return
    words = locator_words()
    ordered = sorted(d.places, key=_start)
    dropped: set[int] = set()
    anchor: PlaceMention | None = None  # the settlement (or locating region) the next region may locate
    for p in ordered:
        if anchor is not None and p.status == "region" and p.precision == 3 and p.start >= anchor.end:
            between = words_between(text, anchor.end, p.start)
            # a part of the country ("X جنوبي سوريا") locates a settlement even where its governorates leave it out
            inside = _locates(p, anchor) or (_country_part(p) and anchor.status == "resolved")
            if inside and (len(between) <= LOCATOR_GAP_WORDS and all(
                    w in words or strip_clitic(w) in words for w in between) or _direction_phrase(between)):
                dropped.add(id(p))
                anchor = p
                continue
        anchor = p if p.place is not None and p.status in ("resolved", "region") else None
    dropped |= _units_holding_settlements(d.places)
    dropped |= _towns_locating_settlements(text, d.places)
    dropped |= _distance_references(text, d)
    if dropped:
        d.places = [p for p in d.places if id(p) not in dropped]


def _wide_region(p: PlaceMention) -> bool:
    """A governorate, a countryside or direction part of one ("ريف إدلب الغربي", "شمال غرب حماة") or a part of the
    country ("شمال غربي سوريا"): not a named area, a district or the countryside of a town."""
    place = p.place
    if p.status != "region" or p.precision != 3 or place is None:
        return False
    if place.kind == "admin1":
        return True
    if place.kind != "region":
        return False
    return len(place.admin1_pcodes) > 1 or place.place_id.startswith(f"region:{place.admin1_pcode}:")


_LIST_JOINER_RE = re.compile(r"[،,]|(?:^|\s)و")  # a comma, or و opening a word (not the و inside "محور")


def _joined(text: str, a: PlaceMention, b: PlaceMention) -> bool:
    """``b`` is listed with ``a`` ("X وريف حماة", "ريف إدلب الجنوبي وقرى X"): only a conjunction, a comma and
    place nouns between them, and a conjunction among them."""
    gap = text[a.end:b.start]
    words = words_between(text, a.end, b.start)
    if len(words) > 2 or not all(w == "و" or without_conjunction(w) in PLACE_NOUNS or w in PLACE_NOUNS
                                 for w in words):
        return False
    return bool(_LIST_JOINER_RE.search(gap)) or b.surface.startswith("و") or any(w.startswith("و") for w in words)


def drop_wide_regions(text: str, d: Draft) -> None:
    """"وفي ريف إدلب الغربي، قصف الطيران بلدة X", "هجوم على مواقع الجيش شمال غرب حماة باتجاه قرية X": a wide
    region (:func:`_wide_region`) that holds a named settlement of the same event (by governorate) only frames or
    qualifies it, wherever it stands: dropped. A region listed with a neighbour by و/، stays a second place; so
    does every region of an event with an unresolved place (the region is its fallback). Run after the other
    ``drop_*`` rules: only a settlement the event keeps (not a destination, a road's town, a launch site) counts."""
    if len(d.places) < 2 or any(p.status == "unresolved" for p in d.places):
        return
    ordered = sorted(d.places, key=_start)
    settled: set[str] = set()
    for p in ordered:
        if p.status == "resolved" and p.place is not None and p.place.kind in SETTLEMENT_KINDS \
                and p.role != "locator" and p.precision in (1, 2):
            settled.update(_governorates(p))
    if not settled:
        return
    out: set[int] = set()
    for i, p in enumerate(ordered):
        if not _wide_region(p) or not settled & set(_governorates(p)):
            continue
        if i and _joined(text, ordered[i - 1], p) or i + 1 < len(ordered) and _joined(text, p, ordered[i + 1]):
            continue
        out.add(id(p))
    if out:
        d.framing = [p for p in d.places if id(p) in out]
        d.places = [p for p in d.places if id(p) not in out]


DISTANCE_UNITS = frozenset(normalize(w) for w in ("كم", "كلم", "كيلومتر", "كيلومترات", "كيلومترا", "كيلو", "متر",
                                                  "مترا", "أمتار", "ميل", "أميال"))
DISTANCE_FILLERS = frozenset(normalize(w) for w in ("نحو", "حوالي", "قرابة", "بضعة", "بضع", "عدة", "مسافة", "أقل",
                                                    "أكثر", "من", "لا", "تزيد", "عن"))
_BUEID, _ALA, _MIN = normalize("بعد"), normalize("على"), normalize("من")


def _distance_references(text: str, d: Draft) -> set[int]:
    """"X، على بعد 5 كم من مدينة Y", "X الواقعة على بعد كيلومترات من Y": Y is measured from, not where the event
    happened: ids of such places after another place of the event ("بعد" counts only with "على" or a unit of
    length, never "بعد ثلاثة أيام من")."""
    ordered = sorted(d.places, key=_start)
    out: set[int] = set()
    for prev, p in zip(ordered, ordered[1:], strict=False):
        before = words_between(text, prev.end, p.start)
        if not before or len(before) > 9:
            continue
        while before and before[-1] in PLACE_NOUNS:
            before = before[:-1]
        if not before or before[-1] != _MIN:
            continue
        k = max((i for i, w in enumerate(before) if w == _BUEID or strip_clitic(w) == _BUEID), default=-1)
        if k < 0:
            continue
        span = before[k + 1:-1]
        unit = any(w in DISTANCE_UNITS for w in span)
        on = k > 0 and before[k - 1] == _ALA
        if (unit or on) and all(w.isdigit() or w in DISTANCE_UNITS or w in DISTANCE_FILLERS for w in span):
            out.add(id(p))
    return out


DIRECTION_PHRASE_WORDS = 9


def _direction_phrase(between: list[str]) -> bool:
    """"X جنوب غرب معرة النعمان بريف إدلب": the words between a settlement and a region open with a direction (after
    at most a place noun) that locates the settlement by a town ("X، جنوبي Y، شمال غربي سوريا"); no word joined by
    "و" but a direction ("جنوب غرب وشمال غرب")."""
    if not 2 <= len(between) <= DIRECTION_PHRASE_WORDS:
        return False
    dirs = _directions()
    head = between[1:] if between[0] in PLACE_NOUNS else between
    if not head or strip_clitic(head[0]) not in dirs and head[0] not in dirs:
        return False
    return not any(w.startswith("و") and strip_clitic(w) not in dirs for w in head)


@cache
def _directions() -> frozenset[str]:
    return frozenset(normalize(w) for w in place_cues().get("directions", {}))


def _country_part(p: PlaceMention) -> bool:
    """A region spanning governorates ("جنوب سوريا", "شمال غربي سوريا")."""
    return p.place is not None and p.place.kind == "region" and len(p.place.admin1_pcodes) > 1


UNIT_KINDS = ("admin2", "admin3")
SETTLEMENT_KINDS = ("community", "neighbourhood", "site")


def _units_holding_settlements(places: list[PlaceMention]) -> set[int]:
    """A district or sub-district of the event ("قرية X التابعة لناحية Y", "قريتي A وB، اليوم في ناحية Y") that
    holds a settlement of the same event only says where that settlement lies (by P-code): ids to drop."""
    units = [p for p in places if p.status == "region" and p.place is not None and p.place.kind in UNIT_KINDS]
    if not units:
        return set()
    held: dict[str, int] = {}  # unit P-code → start of the first settlement of the event it holds
    for p in places:
        if p.status == "resolved" and p.place is not None and p.place.kind in SETTLEMENT_KINDS:
            for code in (p.place.admin2_pcode, p.place.admin3_pcode):
                if code:
                    held[code] = min(held.get(code, p.start), p.start)
    # only a unit named after the settlement locates it ("ناحية X وقرى A وB" lists the sub-district as a target)
    return {id(p) for p in units if held.get(p.place.place_id, p.start) < p.start}


@cache
def _cue_set(key: str) -> frozenset[str]:
    """A word list of places/cues.yaml, normalized."""
    return frozenset(normalize(w) for w in place_cues().get(key, []))


TOWN_LOCATOR_KM = 30.0  # a town whose area ("بمنطقة X") may hold a village of the event


def _towns_locating_settlements(text: str, places: list[PlaceMention]) -> set[int]:
    """"قريتا A وB بمنطقة T", "قرية A التابعة لمدينة T", "بلدة A في ناحية T": a town right after a settlement of
    the event, named with the noun of an area or an administrative unit (منطقة، مدينة، ناحية), in the same
    district as that settlement and near it, only says where the settlement lies: ids to drop."""
    out: set[int] = set()
    links = _cue_set("unit_links")
    ordered = sorted(places, key=_start)
    for prev, p in zip(ordered, ordered[1:], strict=False):
        town, village = p.place, prev.place
        if p.status != "resolved" or prev.status != "resolved" or town is None or village is None:
            continue
        if town.kind != "community" or village.kind not in SETTLEMENT_KINDS or town.place_id == village.place_id:
            continue
        if not town.admin2_pcode or town.admin2_pcode != village.admin2_pcode or None in (
                town.lat, village.lat) or haversine_km(town.lat, town.lon, village.lat, village.lon) > TOWN_LOCATOR_KM:
            continue
        between = words_between(text, prev.end, p.start)
        if not 1 <= len(between) <= 3 or strip_clitic(between[-1]) not in _cue_set("unit_nouns"):
            continue  # the unit noun right before the town ("بمنطقة T", "لمدينة T", "في ناحية T")
        if all(w in links or strip_clitic(w) in links for w in between[:-1]) and not _joined(text, prev, p):
            out.add(id(p))
    return out


_TO = frozenset(normalize(w) for w in ("إلى", "الى", "لى"))
EVACUATION_WINDOW_WORDS = 10  # "أُسعف الجرحى إلى مشفى ميداني في حي X": the verb before the place


@cache
def evacuation_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in place_cues().get("evacuation_words", []))


def drop_evacuation_destinations(text: str, d: Draft) -> None:
    """The place the wounded were taken to ("نُقل المصابون إلى مستشفى في حي X", "أسعفوا إلى X") is not where
    the event happened: dropped when the event keeps another place."""
    if len(d.places) < 2:
        return
    verbs = evacuation_words()
    keep = []
    for p in d.places:
        before = words_between(text, max(d.clause.start, p.start - 120), p.start)[-EVACUATION_WINDOW_WORDS:]
        verb = max((i for i, w in enumerate(before) if w in verbs or strip_clitic(w) in verbs), default=-1)
        if verb >= 0 and any(w in _TO for w in before[verb + 1:]):
            continue
        keep.append(p)
    if keep and len(keep) < len(d.places):
        d.places = keep


@cache
def quarter_describers() -> frozenset[str]:
    """Adjectives a quarter may carry before its city ("حي الوعر المحاصر في حمص"): the place lexicon's not_names."""
    return frozenset(normalize(w) for w in place_cues().get("not_names", []))


QUARTER_CITY_KM = 12.0  # a city a quarter of the event may lie in (quarters the project codes at the city: 0 km)


def drop_quarter_cities(text: str, d: Draft) -> None:
    """"حي X الواقع في مدينة Y", "حي X بمدينة Y", "حي X المحاصر في Y": a city (or
    its governorate) right after a quarter of the event (locator words or a describing adjective between) only
    says where the quarter lies; the quarter is the event's place."""
    if len(d.places) < 2:
        return
    words = locator_words() | PLACE_NOUNS | quarter_describers()
    dropped: set[int] = set()
    quarter: PlaceMention | None = None
    for p in sorted(d.places, key=_start):
        place = p.place
        city = place is not None and place.kind == "community" and p.status == "resolved" and place.lat is not None
        governorate = place is not None and place.kind == "admin1" and p.status == "region"
        if quarter is not None and (city or governorate) and p.start >= quarter.end:
            between = words_between(text, quarter.end, p.start)
            near = governorate and place.place_id == quarter.place.admin1_pcode or city and haversine_km(
                place.lat, place.lon, quarter.place.lat, quarter.place.lon) <= QUARTER_CITY_KM
            if near and len(between) <= LOCATOR_GAP_WORDS and not _joined(text, quarter, p) and all(
                    w in words or strip_clitic(w) in words for w in between):
                dropped.add(id(p))
                quarter = None
                continue
        resolved = place is not None and p.status == "resolved" and place.lat is not None
        # a settlement the text calls a quarter ("حي X", "حيي X وY"; the gazetteer may hold it as a community)
        called = resolved and place.kind == "community" and (normalize(p.cue) in _cue_set("quarter_cues") or (
            quarter is not None and p.start >= quarter.end and _joined(text, quarter, p)))
        quarter = p if resolved and (place.kind == "neighbourhood" or called) else None
    if dropped:
        d.places = [p for p in d.places if id(p) not in dropped]


@cache
def retreat_words() -> tuple[frozenset[str], frozenset[str]]:
    """The normalized forms of the retreat/flight words (verbs conjugated, verbal nouns with their pronouns,
    participles) and of the destination words (place lexicon)."""
    raw = place_cues()
    forms: set[str] = set(raw.get("retreat_forms", []))
    for past in expand_all(raw.get("retreat_verbs", []), "verb"):
        forms.add(past)
        if not past.startswith(("ي", "ت")) or past in raw.get("retreat_verbs", []):
            forms.update(past + e for e in ("ت", "وا", "ا", "تا", "ن"))  # the past endings: تراجعت، فروا
    for noun in expand_all(raw.get("retreat_masdars", []), "masdar"):
        forms.add(noun)
        if not noun.startswith("ال"):
            forms.update(noun + p for p in PRONOUNS)  # انسحابهم
    for lemma in raw.get("retreat_participles", []):
        forms.update(participle_forms(lemma))
    return (frozenset(normalize(w) for w in forms),
            frozenset(normalize(w) for w in raw.get("destination_words", [])))


RETREAT_WINDOW_WORDS = 6  # "تراجع من تبقى من عناصره إلى مدينة X": the retreat word before the destination word


def drop_retreat_destinations(text: str, d: Draft) -> None:
    """Where the losing side withdrew or fled to ("... وتراجع البقية إلى مدينة X", "بعد فرار عناصره نحو X") is
    not where the capture, clash or strike happened: such a place (and the places joined to it by و) is dropped,
    even when a capture or clash keeps no other place (the report's earlier place then applies; a strike keeps it
    then). Movement events keep their own rule (:func:`core.extract.events.places.drop_origin_and_destination`)."""
    if not d.places or d.event_type in event_cues()["movement_types"]:
        return
    retreat, towards = retreat_words()
    keep, prev_end = [], None
    for p in sorted(d.places, key=_start):
        if prev_end is not None and text[prev_end:p.start].strip(" ،,و") == "" and len(
                words_between(text, prev_end, p.start)) <= 1:
            prev_end = p.end  # "إلى X وY": Y too
            continue
        prev_end = None
        before = words_between(text, max(d.clause.start, p.start - 90), p.start)
        while before and before[-1] in PLACE_NOUNS:
            before = before[:-1]
        last = strip_clitic(before[-1]) if before else ""
        if before and (before[-1] in towards or last in towards):
            window = before[-RETREAT_WINDOW_WORDS - 1:-1]
            if any(w in retreat or strip_clitic(w) in retreat or without_conjunction(w) in retreat
                   for w in window):  # ("وفر": too short for strip_clitic)
                prev_end = p.end
                continue
        keep.append(p)
    if len(keep) < len(d.places) and (keep or d.layer != "strike"):
        d.places = keep  # (a strike on people fleeing towards X keeps X when it has no other place)


def drop_celebration_venues(text: str, d: Draft) -> None:
    """A capture named right after a celebration word ("نظموا احتفالات في مدينة A احتفالا بسيطرة القوات على
    Y"): the places before that word are where it was celebrated, dropped when a place after it remains."""
    if d.event_type != "territory_taken" or len(d.places) < 2:
        return
    celebration = event_cues()["celebration"]
    first = min(t.start for t in d.triggers)
    before = words_between(text, max(d.clause.start, first - 30), first)[-2:]
    if not any(w in celebration or without_conjunction(w) in celebration for w in before):
        return
    keep = [p for p in d.places if p.start > first]
    if keep and len(keep) < len(d.places):
        d.places = keep
