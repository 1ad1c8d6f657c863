"""When two event mentions of one article agree on their days and places (for ``linking``): the span of days a
mention may report, its settlements, and whether a later mention's places fit an earlier one's (a district of the
city it names, a region holding its settlements, a named area near them). See ``linking``'s module docstring."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache, lru_cache

from core import vocab
from core.distance import haversine_km
from core.extract.events.cues import WORD_RE, strip_clitic
from core.extract.events.draft import Draft
from core.extract.events.retelling import told_outside_city
from core.text import normalize

FALLBACK_DAYS = 6  # a draft dated by the publication fallback spans the week before it (as records.py writes it)
OWN_TIME_RULES = ("time:clause", "time:sentence", "time:paragraph", "time:discourse")
NAMED_AREA_KM = 10.0  # a settlement this near a named area's point (the mean of its towns) may lie in it


def day_span(d: Draft, published: date | None) -> tuple[date | None, date | None, bool]:
    """(first day, last day, exact) a draft may report; (None, None, False) when unknown."""
    tm = d.time
    if tm is not None and tm.date is not None:
        exact = tm.precision == "day" and d.time_rule in OWN_TIME_RULES
        if exact:
            return tm.date, tm.date, True
        return tm.date_start or tm.date, tm.date_end or tm.date, False
    if published is not None:
        return published - timedelta(days=FALLBACK_DAYS), published, False
    return None, None, False


def days_agree(a: Draft, b: Draft, published: date | None) -> bool:
    a0, a1, a_exact = day_span(a, published)
    b0, b1, b_exact = day_span(b, published)
    if a0 is None or b0 is None:
        # an undated report: a mention whose clause names a weekday ("الجمعة") is not of a day the text gives with
        # another weekday ("الثلاثاء 6 تشرين الثاني")
        exact, other = (a0, b) if a_exact else (b0, a) if b_exact else (None, None)
        return exact is None or other.time is not None or not (named := clause_weekdays(other.clause.text)) or (
            exact.weekday() in named)
    if a_exact and b_exact:
        return a0 == b0
    return a0 <= b1 and b0 <= a1


def points_of(d: Draft) -> frozenset[str]:
    """Settlement-level places (resolved or unresolved names) of a draft."""
    return _points_memo(d)[1]


def resolved_points_of(d: Draft) -> frozenset[str]:
    """The settlements of a draft the gazetteer resolved (``points_of`` without the unresolved names)."""
    return _points_memo(d)[2]


def _points_memo(d: Draft) -> tuple:
    memo = d.points_memo
    if memo is None or memo[0] is not d.places:
        points = frozenset(p.place.place_id if p.place is not None else "?" + normalize(p.surface)
                           for p in d.places if p.precision in (1, 2) or p.place is None)
        memo = d.points_memo = (d.places, points, frozenset(k for k in points if not k.startswith("?")))
    return memo


def _admin1s(d: Draft) -> set[str]:
    return {p.place.admin1_pcode for p in d.places if p.place is not None and p.place.admin1_pcode}


def places_agree(a: Draft, b: Draft) -> bool:
    """``b`` (the later mention) names no settlement ``a`` does not; or a region holds the other's."""
    if not a.places or not b.places:
        return True
    pa, pb = points_of(a), points_of(b)
    if pa and pb:
        # a later list naming more places is a new report that includes the first; names the
        # gazetteer lacks count only when neither names a known settlement (they are often not places)
        ra, rb = {k for k in pa if not k.startswith("?")}, {k for k in pb if not k.startswith("?")}
        return (not rb - ra or rb - ra <= districts_of(a, b)) if ra and rb else pb <= pa
    # a region and what lies in it, or two regions: the vaguer covers no governorate beyond the other
    ga, gb = _admin1s(a), _admin1s(b)
    if pa or pb:
        vague, precise = (gb, ga) if pa else (ga, gb)
        return bool(vague) and vague <= precise and _areas_hold((b, a) if pa else (a, b))
    return bool(ga) and (ga <= gb or gb <= ga)


def districts_of(city_draft: Draft, d: Draft) -> set[str]:
    """The neighbourhoods ``d`` names that lie in a city ``city_draft`` names ("غارات على مدينة X" then "استهدفت
    الغارات حي Y" of X)."""
    cities = [p.place for p in city_draft.places
              if p.place is not None and p.place.kind == "community" and p.precision in (1, 2)]
    if not cities:
        return set()
    return {p.place.place_id for p in d.places if p.place is not None and p.place.kind == "neighbourhood"
            and any(_in_city(p.place, c) for c in cities) and not told_outside_city(p, d)}


def _in_city(quarter, city) -> bool:
    """A quarter lies in a city: the gazetteer names the city as its qualifier, or (a quarter the project adds,
    coded at its city) none and it lies near the city, in its sub-district."""
    if quarter.admin3_pcode != city.admin3_pcode:
        return False
    if quarter.qualifier_ar:
        return normalize(quarter.qualifier_ar) == normalize(city.name_ar)
    return (None not in (quarter.lat, city.lat)
            and haversine_km(quarter.lat, quarter.lon, city.lat, city.lon) <= NAMED_AREA_KM)


def _named_areas(d: Draft) -> list:
    """The draft's named areas (a mountain, a plain: "جبل الأربعين", "سهل الغاب"): regions of one governorate that
    are neither the governorate nor one of its countrysides."""
    return [p.place for p in d.places if p.place is not None and p.place.kind == "region" and p.place.lat is not None
            and p.place.place_id.count(":") == 1 and len(p.place.admin1_pcodes) <= 1]


def _areas_hold(pair: tuple[Draft, Draft]) -> bool:
    """(vague, precise): each named area of the vague mention lies near a settlement of the precise one, so "غارتين
    على جبل الأربعين" after a strike on a village of another mountain is another strike, not its summary."""
    vague, precise = pair
    areas = _named_areas(vague)
    if not areas:
        return True
    points = [(p.place.lat, p.place.lon) for p in precise.places
              if p.place is not None and p.place.lat is not None and p.precision in (1, 2)]
    return bool(points) and all(any(haversine_km(a.lat, a.lon, la, lo) <= NAMED_AREA_KM for la, lo in points)
                                for a in areas)


@lru_cache(maxsize=4096)
def clause_weekdays(text: str) -> frozenset[int]:
    """The weekdays a clause names ("يوم الجمعة" → 4), read once per clause text."""
    from core.extract.mentions.times.patterns import _lex

    weekday = _lex().weekday
    return frozenset(weekday[w] for w in WORD_RE.findall(normalize(text)) if w in weekday)


@cache
def _near_cues() -> tuple[frozenset[str], int]:
    raw = vocab.load_yaml("linking.yaml")
    return frozenset(normalize(w) for w in raw["near_locators"]), int(raw["near_window"])


def told_near(p, d: Draft) -> bool:
    """A place of ``d`` told as what the event lies near ("قاعدة X بالقرب من مدينة Y"، "على مقربة من بلدة Y"): a near
    word among the few words before it in its sentence (a settlement word may stand between)."""
    words, window = _near_cues()
    s = d.sentence
    if not s.start <= p.start <= s.end:
        return False
    before = WORD_RE.findall(normalize(s.text[max(0, p.start - s.start - 40):p.start - s.start]))[-window:]
    return any(w in words or strip_clitic(w) in words for w in before)
