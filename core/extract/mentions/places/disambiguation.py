"""Step 5: the document's admin context and anchor points, document coherence, and the choice among
same-named places (the reason is kept)."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter

from core.extract.mentions.places.common import ADMIN_RANK, _km, _km_pt, _lies_towards, _Match, countryside_name
from core.geo.names import name_key
from core.model import Place

_QUALIFIER_JOINS = frozenset({"-", "_", "–"})


def _unit_names(p: Place, key: str) -> set[str]:
    """The names (without the article) of the district, sub-district and OCHA qualifier of ``p`` other than its own."""
    names = {name_key(x).removeprefix("مركز ").removeprefix("ال") for x in
             (p.qualifier_ar, p.admin2_name_ar, p.admin3_name_ar) if x}
    return names - {key.removeprefix("ال"), ""}


COUNTRYSIDE_SLACK_DEG = 0.1  # (about 10 km) a village of "the eastern countryside" may lie this far west of the centre
TOWN_COUNTRYSIDE_KM = 30.0  # "الريف الشمالي للقصير": how far from the town (or its district) its countryside reaches


class Disambiguation:
    """Disambiguation, mixed into :class:`~core.extract.mentions.places.document._Doc`."""

    def anchor_points(self) -> list[tuple[float, float]]:
        """Points of accepted Syrian names with a single community/site candidate (spatial coherence)."""
        pts = []
        for m in self.matches:
            if not m.accepted or m.road or m.locator_for is not None or self.frames_report(m):
                continue  # a locator is a relation, a speaker's seat ("قال مصدر في دمشق إن") no place of the story
            anchor = self.rec.candidates(m.ids).anchor
            if anchor is not None:
                pts.append(anchor)
        return pts

    def frames_report(self, m: _Match) -> bool:
        """The match is the seat of a speaker (:meth:`speaker_seat`), told before its mention exists."""
        a, b, _ = self.span(m.start, m.end)
        return self.speaker_seat(a, b)

    def admin_context(self, sentence: int | None) -> Counter:
        """Admin P-codes named (as admin units or regions) in a sentence, or in the document (None)."""
        if sentence not in self._sentence_admin:
            self._sentence_admin[sentence] = self._admin_context(sentence)
        return self._sentence_admin[sentence]

    def _admin_context(self, sentence: int | None) -> Counter:
        c: Counter = Counter()
        for m in (self.matches if sentence is None else self.matches_in_sentence(sentence)):
            if not m.accepted:
                continue
            for pid in m.ids:
                p = self.rec.gaz.places[pid]
                if p.kind in ADMIN_RANK:
                    c[pid] += 1
                elif p.kind == "region" and p.admin1_pcode:  # "سهل الغاب" → Hama
                    c[p.admin1_pcode] += 1
                elif p.kind == "community" and len(m.ids) <= 3 and m.region_form:
                    c[p.admin1_pcode] += 0.5
        return c

    def matches_in_sentence(self, sentence: int) -> list[_Match]:
        """The matches of a sentence, in order (an index built once per match list: linear cost)."""
        cached = getattr(self, "_matches_by_sentence", None)
        if cached is None or cached[0] is not self.matches:
            index: dict[int, list[_Match]] = {}
            for x in self.matches:
                index.setdefault(self.sentence_of(x.t0), []).append(x)
            cached = self._matches_by_sentence = (self.matches, index)
        return cached[1].get(sentence, [])

    def admin1_weights(self) -> tuple[Counter, dict[str, Counter]]:
        """Governorates of the document's admin units, regions and unambiguous places: in total and per key."""
        if self._admin1_weights is None:
            total: Counter = Counter()
            by_key: dict[str, Counter] = {}
            for m in self.matches:
                if not m.accepted or m.road or self.frames_report(m):
                    continue
                a1 = self.rec.candidates(m.ids).admin1
                if a1:
                    total[a1] += 1
                    by_key.setdefault(m.key, Counter())[a1] += 1
            self._admin1_weights = (total, by_key)
        return self._admin1_weights

    def document_admin1s(self, without_key: str = "") -> set[str]:
        """The document's governorates, leaving out the contribution of the name ``without_key`` itself."""
        total, by_key = self.admin1_weights()
        return set(total - by_key.get(without_key, Counter()))

    def in_document_admin1(self, admin1: str, without_key: str = "") -> bool:
        total, by_key = self.admin1_weights()
        return total.get(admin1, 0) - by_key.get(without_key, {}).get(admin1, 0) > 0

    def focus_region(self) -> Place | None:
        """The countryside of the governorate holding most of the document's places (share ≥ focus_share)."""
        total, _ = self.admin1_weights()
        if not total:
            return None
        a1, n = total.most_common(1)[0]
        gov = self.rec.gaz.by_id(a1)
        if n / sum(total.values()) < self.rec.focus_share or gov is None or gov.lat is None:
            return None
        return dataclasses.replace(gov, place_id=f"region:{a1}:countryside", name_ar=countryside_name(gov.name_ar),
                                   name_en="rural " + gov.name_en, kind="region", qualifier_ar="",
                                   admin2_pcode="", admin2_name_en="", admin2_name_ar="",
                                   admin3_pcode="", admin3_name_en="", admin3_name_ar="")

    def out_of_document(self, m: _Match, local: list[Place]) -> str:
        """Why the same-named communities ``local`` are all unlikely to be the place the text means ("" when
        one may be): they lie outside every governorate of the document and far from its other places, so the
        text more likely names a place the gazetteer lacks ("محور العطيرة" in a report on Hama, while the
        gazetteer's العطيرة are in Latakia and Aleppo)."""
        rec = self.rec
        if not local or any(p.kind != "community" or p.lat is None for p in local):
            return ""
        if m.hints:
            return self.against_locator(m, local)
        if m.region_hint and not any(p.admin1_pcode in m.region_hint for p in local) and not self.near_others(local):
            where = ", ".join(sorted({p.admin1_name_en or p.admin1_pcode for p in local}))
            return (f"the gazetteer's '{m.key}' ({len(local)} place{'s' if len(local) > 1 else ''}, {where}) lies "
                    f"outside the governorate the text locates it in ({', '.join(sorted(m.region_hint))}): "
                    "taken for a place the gazetteer lacks")
        apart = self.apart_from_list(m, local)
        if apart:
            return apart
        if any(self.in_document_admin1(p.admin1_pcode, m.key) for p in local):
            return ""
        govs = self.document_admin1s(m.key)
        if not govs:
            return ""
        own = {(p.lat, p.lon) for p in local}
        others = [q for q in self.resolved_points if q not in own]
        d = min((_km_pt(p.lat, p.lon, q) for p in local for q in others), default=float("inf"))
        if len(local) > 1 and d <= rec.homonym_far_km:
            return ""
        # the area of interest vouches for a lone far name only in a document about it, and not from the far side
        # of it (aoi_far_km: another governorate of the area, farther than any front a report spans)
        if len(local) == 1 and ((local[0].admin1_pcode in rec.aoi and govs & rec.aoi and d <= rec.aoi_far_km)
                                or d <= rec.single_far_km):
            return ""
        where = ", ".join(sorted({p.admin1_name_en or p.admin1_pcode for p in local}))
        dist = f"{d:.0f} km from its other places" if d < float("inf") else "and it has no other place"
        return (f"the gazetteer's '{m.key}' ({len(local)} place{'s' if len(local) > 1 else ''}, {where}) lies "
                f"outside the document's governorates ({', '.join(sorted(govs))}), {dist}: "
                "taken for a place the gazetteer lacks")

    def against_countryside(self, m: _Match, cands: list[Place]) -> str:
        """Why none of several same-named places is the one the countryside after the name puts it in ("" when
        one fits; a lone name is not undone by a reporter's loose direction, only by another governorate: "قرية X في
        ريف اللاذقية" when the gazetteer's only X is in Hama)."""
        if not m.region_unit or any(self.fits_countryside(m, p) for p in cands):
            return ""
        unit = self.rec.gaz.by_id(m.region_unit)
        if len(cands) < 2 and (unit is None or any(p.admin1_pcode in (unit.place_id, unit.admin1_pcode)
                                                   for p in cands)):
            return ""
        where = f"the {m.region_dirs + ' ' if m.region_dirs else ''}countryside of '{unit.name_en}'"
        return (f"none of the gazetteer's '{m.key}' ({len(cands)} place{'s' if len(cands) > 1 else ''}) lies in {where}, where the text puts it: "
                "taken for a place the gazetteer lacks")

    def fits_countryside(self, m: _Match, p: Place) -> bool:
        """``p`` lies where the countryside after the name puts it ("X في ريف إدلب الشرقي": in the governorate,
        east of its capital, give or take ``COUNTRYSIDE_SLACK_DEG``; "الريف الشمالي للقصير": within
        ``TOWN_COUNTRYSIDE_KM`` of the town or in its district, to its north)."""
        unit = self.rec.gaz.by_id(m.region_unit)
        if unit is None or unit.lat is None or p.lat is None:
            return True
        if unit.kind == "admin1":
            inside = p.admin1_pcode == unit.place_id
        else:
            inside = p.admin2_pcode == unit.place_id or _km(p, unit) <= TOWN_COUNTRYSIDE_KM
        centre = self.unit_centre(unit)
        slack = COUNTRYSIDE_SLACK_DEG
        towards = {"N": p.lat > centre.lat - slack, "S": p.lat < centre.lat + slack,
                   "E": p.lon > centre.lon - slack, "W": p.lon < centre.lon + slack}
        return inside and all(towards[d] for d in m.region_dirs if d in towards)

    def unit_centre(self, unit: Place) -> Place:
        """The town a countryside's directions are told from: a governorate's or district's seat of the same
        name ("ريف حماة الشمالي" is north of Hama city, not of the governorate's centroid), else the unit."""
        cache = self.rec.__dict__.setdefault("_unit_centres", {})
        hit = cache.get(unit.place_id)
        if hit is None:
            code = "admin1_pcode" if unit.kind == "admin1" else "admin2_pcode"
            seats = [p for p in self.rec.gaz.lookup(unit.name_ar) if p.kind == "community" and p.lat is not None
                     and getattr(p, code) == unit.place_id]
            hit = cache[unit.place_id] = seats[0] if seats else unit
        return hit

    def near_others(self, local: list[Place]) -> bool:
        """A same-named place lies within homonym_far_km of the document's other places (a village by a border the
        text places in the next governorate's countryside)."""
        own = {(p.lat, p.lon) for p in local}
        return any(_km_pt(p.lat, p.lon, q) <= self.rec.homonym_far_km
                   for p in local for q in self.resolved_points if q not in own)

    def against_locator(self, m: _Match, local: list[Place]) -> str:
        """"الفيصلية شمال غربي محافظة الحسكة" while the gazetteer's الفيصلية lies in Aleppo: when no same-named
        candidate lies in the governorate, or near the town, that the text locates it by, the text names a
        place the gazetteer lacks ("" when one agrees, or the locator is itself ambiguous)."""
        for h in m.hints:
            loc_places = self.rec.candidates(self.matches[h].ids).places
            govs = {x.place_id for x in loc_places if x.kind == "admin1"}
            towns = self.locator_towns(self.matches[h], loc_places)
            if not govs and len(towns) != 1:
                return ""
            if any(p.admin1_pcode in govs or any(_km(p, t) <= self.rec.single_far_km / 2 for t in towns)
                   for p in local):
                return ""
        where = ", ".join(sorted({p.admin1_name_en or p.admin1_pcode for p in local}))
        return (f"the gazetteer's '{m.key}' ({len(local)} place{'s' if len(local) > 1 else ''}, {where}) lies away "
                f"from where the text locates it: taken for a place the gazetteer lacks")

    def locator_towns(self, loc: _Match, loc_places: list[Place]) -> list[Place]:
        """The towns a locating name may be: those of the document's governorates when it has several and that
        leaves one ("شمال مدينة عين عيسى" in a report on Raqqa: not the Latakia homonym)."""
        towns = [x for x in loc_places if x.kind == "community" and x.lat is not None]
        if len(towns) > 1:
            govs = self.document_admin1s(loc.key)
            inside = [x for x in towns if x.admin1_pcode in govs]
            if len(inside) == 1:
                return inside
        return towns

    def apart_from_list(self, m: _Match, local: list[Place]) -> str:
        """"قرى الرشيدية والقاسمية والريحانية": when the list's places read before this one were placed, and
        every same-named candidate of this one lies more than list_far_km from all of them, the list names a
        place the gazetteer lacks (a far homonym, even inside the document's governorate)."""
        if m.list_id < 0:
            return ""
        partners = [self.placed[c] for c in self.lists[m.list_id] if c in self.placed and self.matches[c] is not m]
        if not partners:
            return ""
        d = min(_km_pt(p.lat, p.lon, q) for p in local for q in partners)
        if d <= self.rec.list_far_km:
            return ""
        return (f"the gazetteer's '{m.key}' ({len(local)} place{'s' if len(local) > 1 else ''}) lies {d:.0f} km "
                "from the other places of its list: taken for a place the gazetteer lacks")

    def choose(self, i: int, m: _Match, cands: list[Place]) -> tuple[Place, float, str, list[Place]]:
        if len(cands) == 1:
            return cands[0], 1.0, "only candidate", []
        rec, w = self.rec, self.rec.w
        sent = self.admin_context(self.sentence_of(m.t0))
        docc = self.admin_context(None)
        # the name's own admin-unit homonym is no context for it ("الحواش" is also a sub-district of Homs): it
        # only makes the candidate inside that unit (its seat) a little likelier ("مدينة عفرين")
        own = {pid for pid in m.ids if rec.gaz.places[pid].kind in ADMIN_RANK}
        if own:
            same = [x for x in self.matches if x.accepted and x.key == m.key]
            n_sent = sum(1 for x in same if self.sentence_of(x.t0) == self.sentence_of(m.t0))
            sent, docc = Counter(sent), Counter(docc)
            for pid in own:
                sent[pid] -= n_sent
                docc[pid] -= len(same)
        if m.region_form and len(m.ids) <= 3:
            # nor are its own same-named towns, counted for a direction construction ("شمال مدينة عين عيسى" adds
            # half a point to each of its governorates): only the other names of the sentence say which one
            same = [x for x in self.matches if x.accepted and x.key == m.key and x.region_form]
            n_sent = sum(1 for x in same if self.sentence_of(x.t0) == self.sentence_of(m.t0))
            sent, docc = Counter(sent), Counter(docc)
            for pid in m.ids:
                p = rec.gaz.places[pid]
                if p.kind == "community":
                    sent[p.admin1_pcode] -= 0.5 * n_sent
                    docc[p.admin1_pcode] -= 0.5 * len(same)
        doc_keys = self.accepted_keys()
        sent_keys = self.sentence_matches_by_key().get(self.sentence_of(m.t0), {})
        hints = []
        for h in m.hints:
            loc = self.matches[h]
            places = rec.candidates(loc.ids).places
            anchor = next(iter(self.locator_towns(loc, places)), places[0])
            if anchor.lat is not None:
                hints.append((loc, anchor))
        others = [pt for pt in self.resolved_points]
        unit_after = self.unit_after(m)
        # a seat outside the document's governorates gets no seat bonus over a same-named place inside them
        # ("قرية الزيارة" in a report on Afrin: not the Hama sub-district's seat)
        doc_govs = self.document_admin1s(m.key) if own else set()
        seat_ok = not doc_govs or not any(c.admin1_pcode in doc_govs for c in cands)
        scored = []
        for p in cands:
            score, why = 0.0, []
            if p.admin1_pcode in rec.aoi:
                score += w["area_of_interest"]
                why.append("in the area of interest")
            admins = {p.admin1_pcode, p.admin2_pcode, p.admin3_pcode} - {""}
            if any(sent[a] > 0 for a in admins):
                score += w["admin_in_sentence"]
                why.append("its governorate/district is named in the sentence")
            elif own & admins and (seat_ok or p.admin1_pcode in doc_govs):
                score += w["seat_of_admin"]
                why.append("seat of the same-named admin unit")
            elif any(docc[a] > 0 for a in admins):
                score += w["admin_in_document"]
                why.append("its governorate/district is named in the document")
            for loc, anchor in hints:
                # "X شمال غرب حلب": X lies in that direction from the city, not too far away
                d = _km(p, anchor)
                if d < 60 and _lies_towards(p, anchor, loc.directions):
                    score += w["admin_in_sentence"] + w["near_other_places"]
                    why.append(f"lies {loc.directions or 'near'} of '{anchor.name_en}' ({d:.0f} km) as the text says")
                elif p.admin1_pcode == anchor.admin1_pcode:
                    score += w["admin_in_document"]
            if m.region_unit and m.region_dirs and self.fits_countryside(m, p):
                score += w["admin_in_sentence"]  # "X في ريف إدلب الشرقي": the homonym in that part of the governorate
                why.append(f"lies in the {m.region_dirs} countryside the text names")
            if unit_after and unit_after in _unit_names(p, m.key):
                score += w["unit_after_name"]  # "صوران اعزاز", "صوران-الباب": the writer's own qualifier
                why.append(f"the text writes its district '{unit_after}' right after the name")
            qualifier = name_key(p.qualifier_ar).removeprefix("مركز ") if p.qualifier_ar else ""
            # the qualifier named as itself, not as the countryside around it ("ريف حلب" names no quarter's city)
            if qualifier and qualifier != m.key and any(x.accepted and x.region_form != "countryside"
                                                        for x in sent_keys.get(qualifier, ())):
                score += w["qualifier_in_sentence"]
                why.append(f"its OCHA qualifier '{p.qualifier_ar}' is named in the sentence")
            elif qualifier and qualifier != m.key and qualifier in doc_keys:
                # named in another sentence: weaker than a list's or a sentence's governorate
                score += w["qualifier_in_document"]
                why.append(f"its OCHA qualifier '{p.qualifier_ar}' is named in the document")
            if p.lat is not None:
                d = self.distance_to_others(i, m, p, others)
                if d is not None:
                    score += w["near_other_places"] * math.exp(-d / rec.coherence_km)
                    if d < rec.coherence_km:
                        why.append(f"{d:.0f} km from the document's other places")
            if p.lat is not None and m.list_id >= 0:
                partners = [self.placed[c] for c in self.lists[m.list_id] if c in self.placed and c != i]
                if partners:  # "بلدات كفرعويد ومحمبل والحامدية": a list names neighbours
                    d = min(_km_pt(p.lat, p.lon, q) for q in partners)
                    score += w["list_partner"] * math.exp(-d / rec.coherence_km)
                    if d < rec.coherence_km:
                        why.append(f"{d:.0f} km from the other places of its list")
                    govs = {self.placed_admin1.get(c) for c in self.lists[m.list_id] if c in self.placed and c != i}
                    if govs == {p.admin1_pcode}:  # "بلدات A وB وC": every placed partner in its governorate
                        score += w.get("list_governorate", 0.0)
                        why.append("in the governorate of every other place of its list")
            if p.kind == "community":
                score += w["kind_community"]
            if p.qualifier_ar.startswith("مركز"):
                score += w["centre_qualifier"]
            scored.append((score, p, why))
        scored.sort(key=lambda x: -x[0])
        best, runner = scored[0], scored[1]
        total = sum(math.exp(x[0]) for x in scored)
        conf = math.exp(best[0]) / total
        reason = (f"chosen among {len(cands)} same-named places: " + ("; ".join(best[2]) or "default order")
                  + f" (runner-up {runner[1].place_id} {runner[1].admin1_name_en})")
        return best[1], round(conf, 3), reason, [x[1] for x in scored[1:]]

    def unit_after(self, m: _Match) -> str:
        """The word right after a name (across a dash or an underscore: "صوران-اعزاز"), without its article, that
        may be the district or sub-district the writer names to tell homonyms apart ("" when none)."""
        t = m.t1 + 1
        if self.word(t) in _QUALIFIER_JOINS:
            t += 1
        word = self.word(t)
        return word.removeprefix("ال") if len(word) > 2 and self.is_word(t) else ""

    def accepted_keys(self) -> set[str]:
        """Keys of the document's accepted matches (built once per match list, not per choice)."""
        cached = getattr(self, "_accepted_keys", None)
        if cached is None or cached[0] is not self.matches:
            cached = self._accepted_keys = (self.matches, {x.key for x in self.matches if x.accepted})
        return cached[1]

    def distance_to_others(self, i: int, m: _Match, p: Place, anchors: list[tuple[float, float]],
                           window: int = 15) -> float | None:
        """km from ``p`` to the nearest other place of the document: the unambiguous ones, and any candidate
        of the ambiguous names nearby in the text (so two ambiguous neighbours pull each other home)."""
        pts = [q for q in anchors if q != (p.lat, p.lon)]
        for x in self.matches[max(0, i - window): i + window + 1]:
            if x is m or not x.accepted or x.key == m.key or x.road:
                continue
            pts += self.rec.candidates(x.ids).multi_points
        if not pts:
            return None
        return min(_km_pt(p.lat, p.lon, q) for q in pts)
