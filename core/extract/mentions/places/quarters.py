"""A city quarter named with its city ("حي المحطة داخل مدينة رأس العين", "حي X في مدينة Y", "حي X بحلب"): the quarter
must lie in that city. Many quarter names recur from city to city (المحطة، الصناعة، الجامع), so a same-named quarter
of another city is never meant: the quarter of that name in the city named is taken, else the name stays
unresolved, with the city as its fallback. One pass over the sorted mentions, each looking at its neighbour."""

from __future__ import annotations

import dataclasses
import re

from core.extract.mentions.places.common import _km_pt
from core.geo.names import name_key
from core.model import Place, PlaceMention

_WORDS = re.compile(r"[\u0621-\u064a]+")
# the words that may stand between a quarter and its city
_LINKS = frozenset(name_key(w) for w in ("في", "داخل", "وسط", "ضمن", "من", "ب", "مدينة", "بمدينة", "المدينة",
                                         "بمدينه", "مدينه", "لمدينة", "عاصمة"))
_QUARTER_CUES = frozenset(name_key(w) for w in ("حي", "أحياء", "حيي", "الحي"))
CITY_KINDS = ("community", "admin1", "admin2", "admin3")
QUARTER_IN_CITY_KM = 20.0  # a quarter (or a suburb the gazetteer lists as a village) lies this near its city's point


def _in_city(q: Place, city: Place) -> bool:
    names = {name_key(city.name_ar)}
    if city.kind != "community" and q.kind == "neighbourhood":
        return q.admin1_pcode == city.admin1_pcode if city.kind == "admin1" else \
            city.place_id in (q.admin2_pcode, q.admin3_pcode)
    own = {name_key(x) for x in (q.qualifier_ar, q.admin3_name_ar.removeprefix("مركز "),
                                 q.admin2_name_ar.removeprefix("مركز ")) if x}
    if q.kind == "neighbourhood" and names & own:
        return True
    return None not in (q.lat, city.lat) and q.admin1_pcode == city.admin1_pcode and \
        _km_pt(q.lat, q.lon, (city.lat, city.lon)) <= QUARTER_IN_CITY_KM


class QuartersInCities:
    """Mixed into :class:`~core.extract.mentions.places.document._Doc`."""

    def quarters_in_named_cities(self, mentions: list[PlaceMention]) -> list[PlaceMention]:
        text = self.nt.original
        out = list(mentions)
        for k in range(len(out) - 1):
            pm, city = out[k], out[k + 1]
            if pm.place is None or pm.status != "resolved" or city.place is None or \
                    city.place.kind not in CITY_KINDS or city.start - pm.end > 30:
                continue
            if pm.place.kind != "neighbourhood" and name_key(pm.cue) not in _QUARTER_CUES:
                continue
            words = [name_key(w) for w in _WORDS.findall(text[pm.end:city.start])]
            if not words or len(words) > 3 or any(w not in _LINKS for w in words) or \
                    set(text[pm.end:city.start]) & set(".!?؟\n;؛"):
                continue
            if _in_city(pm.place, city.place):
                continue
            ids = self.rec.gaz.keys.get(name_key(pm.surface), ())
            inside = [p for p in (self.rec.gaz.places[i] for i in ids) if p.kind in ("neighbourhood", "community")
                      and _in_city(p, city.place)]
            if len(inside) == 1:
                p = inside[0]
                out[k] = dataclasses.replace(pm, place=p, candidates=(), reason=(
                    f"the quarter '{p.name_ar}' of the city '{city.surface}' named right after it"))
            else:
                out[k] = dataclasses.replace(pm, place=None, status="unresolved", score=0.0, candidates=(),
                                             fallback=city.place, reason=(
                                                 f"'{pm.surface}' named as a quarter of '{city.surface}', "
                                                 f"where the gazetteer has no such quarter"))
        return out
