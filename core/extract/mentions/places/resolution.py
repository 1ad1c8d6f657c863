"""A match to a :class:`PlaceMention`: kind preference by cue, admin units, regions, quarters, and the
'not in the gazetteer' outcomes of a resolved name."""

from __future__ import annotations

from core.extract.mentions.places.common import ADMIN_RANK, _km_pt, _Match
from core.geo.names import name_key
from core.model import Place, PlaceMention

_ON = (name_key("على"),)  # ("دخلت القوات إلى إدلب": often the province; not read)
CAPTURE_REACH = 4  # words between a capture word and "على": its subject ("قوات النظام")


class Resolution:
    """Building mentions, mixed into :class:`~core.extract.mentions.places.document._Doc`."""

    def span(self, st: int, en: int) -> tuple[int, int, str]:
        """The original span and text of the normalized span ``st:en`` (memoized per document: the same spans are
        read by several steps)."""
        hit = self._spans.get((st, en))
        if hit is None:
            a, b = self.nt.span_to_original(st, en)
            hit = self._spans[(st, en)] = (a, b, self.nt.original[a:b])
        return hit

    def resolve(self, i: int, m: _Match) -> PlaceMention | None:
        rec = self.rec
        info = rec.candidates(m.ids)
        places = info.places
        a, b, surface = self.span(m.start, m.end)
        cue = self.cue_surface(m, m.cues[0] if m.cues else m.inherited_cue)
        near = "near" in m.cue_kinds
        if m.road:
            return self.road_mention(m, places, a, b, surface, cue)
        by_kind = info.by_kind
        risky_note = ""
        if m.risky:
            partner = self.matches[m.via_list] if m.via_list is not None else None
            risky_note = (f"; common word accepted after cue '{cue}'" if m.cues else
                          f"; common word accepted in a list with '{partner.key}'" if partner else
                          f"; accepted after inherited cue '{cue}'")
        # regions: countryside / direction constructions
        if m.region_form in ("countryside", "direction"):
            base = self.region_base(by_kind, m, i)
            town = m.region_form == "direction" and base is not None and base.kind in ("admin2", "admin3") \
                and "community" in by_kind
            if base is not None and not town and (m.region_form == "countryside" or base.kind in ADMIN_RANK):
                return self.region_mention(m, base, a, b, surface, cue)
            if base is not None:  # "شرق سراقب": near the town (precision 2)
                near = True
        if len(by_kind) == 1 and "admin0" in by_kind:
            return None  # "سوريا" alone names the country (or the state as an actor), not a place to map
        if m.key in rec.country_names and not self.named_by(m.cues) and "foreign" not in by_kind:
            return None  # "جنوب تركيا": the country, not the Syrian village of that name
        kind = info.first_kind
        if kind:
            p = by_kind[kind][0]
            prec = 3 if kind == "region" else (2 if near else 1)
            status = "region" if kind == "region" else "resolved"
            return PlaceMention(surface, a, b, p, prec, 1.0, f"{kind} '{p.name_en}'{risky_note}", status,
                                tuple(places[1:]), cue)
        admin_units = info.admin_units
        local = info.local  # (read only: a new list below when it changes)
        nbh = by_kind.get("neighbourhood", [])
        quarters_in = bool(nbh) and self.neighbourhood_ok(m, nbh)
        if quarters_in:
            local = local + nbh
        want_admin = next((k.split(":")[1] for k in m.cue_kinds if k.startswith("admin:")), "") if m.cue_kinds else ""
        if want_admin and m.cues and m.cues[0] in rec.city:
            want_admin = ""  # "سماء مدينة إدلب": the nearest cue names the city
        if "area" in m.cue_kinds:  # "منطقة إدلب" → governorate; "منطقة سراقب" → around the town (precision 2)
            if any(p.kind == "admin1" for p in admin_units):
                want_admin = "admin1"
            elif local:
                want_admin, near = "", True
        if want_admin:
            exact = [p for p in admin_units if p.kind == want_admin] or admin_units
            if exact:
                p = exact[0]
                return PlaceMention(surface, a, b, p, 3, 1.0, f"{p.kind} after cue '{cue}'", "region",
                                    tuple(x for x in places if x is not p), cue)
        if not local and admin_units and self.named_by(m.cues) and not want_admin and \
                all(p.kind in ("admin2", "admin3") for p in admin_units):
            # "بلدة سلحب": a town is meant, the gazetteer knows the name only as an admin unit (another place)
            u = admin_units[0]
            return PlaceMention(surface, a, b, None, 2 if near else 1, 0.0,
                                f"settlement cue '{cue}' but '{m.key}' is in the gazetteer only as the {u.kind} "
                                f"'{u.name_ar}': the town is not in the gazetteer", "unresolved",
                                tuple(admin_units), cue)
        use_admin = admin_units and (not local or (admin_units[0].kind == "admin1" and not m.cue_kinds
                                                   and not self.in_list_of_towns(m)
                                                   and m.key not in self.city_named_keys()
                                                   and not self.captured(m)))
        if use_admin:
            p = admin_units[0]
            return PlaceMention(surface, a, b, p, 3, 1.0,
                                f"{p.kind} name without a settlement cue: coded as a region", "region",
                                tuple(x for x in places if x is not p), cue)
        if not local:
            return None
        local, partial_note = self.near_partials(i, m, local)
        # (a name that is also a district / sub-district is a known town, wherever it lies: "مدينة القامشلي")
        # (a name that is also an admin unit is a known town, unless the countryside after it puts every
        # same-named place elsewhere: "قرى A وB في الريف الشمالي لـ Y")
        against = self.against_countryside(m, local + ([] if quarters_in else nbh))
        known_town = bool(admin_units) and not (len(local) > 1 and all(u.kind == "admin3" for u in admin_units))
        # (a sub-district's name borne by several villages is no well-known town: "قرية الحمراء" in a report on
        # Deir ez-Zor is none of the far الحمراء, not the Hama sub-district's seat)
        far = against or ("" if known_town else self.out_of_document(m, local))
        if far and nbh and not quarters_in and not against:
            # "بلدتي جوبر وعين ترما" in a report on Damascus: the far village yields to the city quarter of a
            # governorate the document names, or near its other places (Damascus's quarters by the Ghouta's towns)
            quarters = [p for p in nbh if p.lat is not None and (
                self.in_document_admin1(p.admin1_pcode, m.key) or min(
                    (_km_pt(p.lat, p.lon, q) for q in self.resolved_points), default=float("inf"))
                <= rec.homonym_far_km)]
            if quarters:
                local, far = quarters, ""
        if far:
            whole = self.longer_name_in_document(m)
            towns = []
            if whole is not None:
                towns = [x for x in rec.candidates(whole.ids).places if x.kind in ("community", "site")] or \
                    rec.candidates(whole.ids).places
            if towns and not self.out_of_document(whole, towns):
                # "بلدة المضيق" in a report naming "قلعة المضيق": the short form of that name (unless that name
                # too lies far from the story: then both are a place the gazetteer lacks)
                p, score, reason, _ = self.choose(i, whole, towns)
                return PlaceMention(surface, a, b, p, 2 if near else 1, round(score * 0.9, 3),
                                    f"'{surface}' is the short form of '{whole.key}' named in the document; {reason}",
                                    "resolved", (), cue)
            if not m.cues and (m.risky or not m.inherited_cue) and not self.plainly_a_place_name(m):
                return None  # an uncued word far from the story ("التلال المطلة على ...", "سراقب وتركيا")
            last = self.name_end(m.t1)  # "تل السيد موسى": the unknown name is longer than the homonym
            if last > m.t1:
                a, b, surface = self.span(m.start, self.tok_ends[last])
            return PlaceMention(surface, a, b, None, 2 if near else 1, 0.0, (f"after cue '{cue}'; " if cue else "in a list of places; ") + far,
                                "unresolved", tuple(local), cue)
        p, score, reason, runners = self.choose(i, m, local)
        if m.risky:
            score = round(score * 0.9, 3)
        stem = m.key in rec.gaz.stem_keys
        prec = 2 if near or stem else 1
        why = (f"after cue '{cue}'; " if cue else "") + reason + risky_note
        if stem:
            why += f"; '{m.key}' is the stem of villages close together: coded to '{p.name_ar}' at precision 2"
        written = rec.gaz.definite_keys.get(m.key)
        if written:
            why += f"; spelled '{written}' in the gazetteer (article)"
            score = round(score * 0.9, 3)
        if m.hints:
            loc = self.matches[m.hints[0]]
            why += f"; located by '{self.span(loc.start, loc.end)[2]}'"
        if partial_note and p.place_id in rec.gaz.partial.get(m.key, ()):
            why += f"; the gazetteer writes it '{p.name_ar}' (a direction adjective the text leaves out)"
        extra = [x for x in admin_units if x is not p]
        return PlaceMention(surface, a, b, p, prec, score, why, "resolved", tuple(runners + extra), cue)

    def near_partials(self, i: int, m: _Match, local: list[Place]) -> tuple[list[Place], bool]:
        """The candidates the name may mean, and whether one of them it names only in part: a village OCHA writes
        with a direction adjective ("لويبدة شمالية") is meant by the bare name ("اللويبدة") only in a report about
        its immediate area, within ``part_near_km`` of the document's other places; a farther one is dropped
        (unless no candidate is left: document coherence then decides)."""
        partial = self.rec.gaz.partial.get(m.key)
        if not partial or not any(p.place_id in partial for p in local):
            return local, False
        near_km = self.rec.part_near_km
        # in a list, its partners are its context (placed ones, else any of their candidates): a list names neighbours
        partners: list[tuple[float, float]] = []
        for c in (self.lists[m.list_id] if m.list_id >= 0 else ()):
            if c == i:
                continue
            if c in self.placed:
                partners.append(self.placed[c])
            else:
                partners += [(x.lat, x.lon) for x in self.rec.candidates(self.matches[c].ids).places
                             if x.kind in ("community", "site") and x.lat is not None]
        kept = []
        for p in local:
            if p.place_id not in partial:
                kept.append(p)
                continue
            if partners:
                d = min(_km_pt(p.lat, p.lon, q) for q in partners)
            else:
                d = self.distance_to_others(i, m, p, self.resolved_points)
            if d is not None and d <= near_km:
                kept.append(p)
        return (kept, True) if kept else (local, True)

    def city_named_keys(self) -> set[str]:
        """Governorate names the document writes with a city cue ("مدينة حمص") and never as a governorate or
        its parts ("ريف حمص", "محافظة حمص", "شرق حمص"): the report speaks of the city only, so the bare name
        elsewhere ("الكلية الحربية في حمص") is the city too. Built once per document."""
        if self._city_keys is None:
            city = {x.key for x in self.matches if x.accepted and "city" in x.cue_kinds}
            province = {x.key for x in self.matches if x.accepted and (
                x.region_form or any(k.startswith("admin:") or k == "area" for k in x.cue_kinds))}
            self._city_keys = city - province
        return self._city_keys

    def longer_name_in_document(self, m: _Match) -> _Match | None:
        """The document's accepted name "P X" (P a village-name prefix: قلعة، تل، خربة ...) whose rest is this
        match's name X (with or without the article), or None. The table of such names is built once."""
        if self._long_names is None:
            self._long_names = {}
            for x in self.matches:
                head, _, rest = x.key.partition(" ")
                if x.accepted and rest and head in self.rec.name_prefixes:
                    for k in (rest, rest.removeprefix("ال")):
                        self._long_names.setdefault(k, x)
        return self._long_names.get(m.key) or self._long_names.get(m.key.removeprefix("ال"))

    def captured(self, m: _Match) -> bool:
        """"سيطرتها على حلب", "استعادت حمص", "سيطرت قوات النظام على حمص": a capture word right before the name, or
        at most CAPTURE_REACH words before the "على" right before it: a governorate's name taken is its city."""
        stems = self.rec.capture_stems
        k = m.t0 - 1
        if not stems or not self.is_word(k):
            return False
        if self.word(k) not in _ON:
            return any(f.startswith(stems) for f in self.forms(k))
        sent = self.sentence_of(k)
        return any(self.is_word(j) and self.sentence_of(j) == sent and any(f.startswith(stems) for f in self.forms(j))
                   for j in range(k - 1, k - 1 - CAPTURE_REACH, -1))

    def in_list_of_towns(self, m: _Match) -> bool:
        """"قصف إدلب وجسر الشغور وأريحا": a governorate's name among towns is its capital city."""
        if m.list_id < 0:
            return False
        others = [self.matches[c] for c in self.lists[m.list_id] if self.matches[c] is not m]
        return bool(others) and all(
            x.accepted and not x.region_form and "admin1" not in self.rec.candidates(x.ids).by_kind
            for x in others)

    def plainly_a_place_name(self, m: _Match) -> bool:
        """Not a common word, and a village name by its form ("تل عثمان") or one of a list of places: a far
        homonym of it names a place the gazetteer lacks (reported unresolved), not a word to ignore."""
        if m.inherited_cue and self.named_by([self.rec.cue_of(m.inherited_cue) or m.inherited_cue]):
            return True  # "قريتي دير بلوط والمحمدية"
        return not m.risky and (m.in_list or m.key.split(" ", 1)[0] in self.rec.unresolved_prefixes)

    def cue_surface(self, m: _Match, cue: str) -> str:
        """The cue as written in the original text ("بلدة", not the normalized "بلده"), proclitics removed."""
        if m.cue_tok < 0 or not cue or " " in cue or not self.word(m.cue_tok).endswith(cue):
            return cue
        end = self.tok_ends[m.cue_tok]
        return self.span(end - len(cue), end)[2]

    def usable(self, m: _Match) -> bool:
        """Accepted, and not a quarter's name without its city or a حي cue."""
        if not m.accepted:
            return False
        info = self.rec.candidates(m.ids)
        if info.only_neighbourhoods:
            return self.neighbourhood_ok(m, info.places)
        return True

    def neighbourhood_ok(self, m: _Match, nbh: list[Place]) -> bool:
        if any(self.word(m.t0 - 1).endswith(c) for c in ("حي", "احياء", "حيي")):
            return True
        if m.cues and m.cues[0] in self.rec.settlement:  # "بلدة النيرب": a town, not a city quarter
            return False
        sent = self.sentence_of(m.t0)
        cities = {name_key(p.qualifier_ar) for p in nbh} | {name_key(p.admin1_name_ar) for p in nbh}
        if any(c and m.key.startswith(c + " ") for c in cities):
            return True  # "درعا البلد": the quarter's name is its city's name and a qualifier, no cue needed
        by_key = self.sentence_matches_by_key().get(sent, {})
        return any(x is not m for c in cities for x in by_key.get(c, ()))

    def sentence_matches_by_key(self) -> dict[int, dict[str, list[_Match]]]:
        """Sentence → key → its matches, built once per match list (linear cost, not a scan per match)."""
        cached = getattr(self, "_sentence_matches", None)
        if cached is None or cached[0] is not self.matches:
            index: dict[int, dict[str, list[_Match]]] = {}
            for x in self.matches:
                index.setdefault(self.sentence_of(x.t0), {}).setdefault(x.key, []).append(x)
            cached = self._sentence_matches = (self.matches, index)
        return cached[1]

    def region_base(self, by_kind: dict[str, list[Place]], m: _Match, i: int) -> Place | None:
        for kind in ("admin0", "admin1", "admin2", "admin3"):
            if kind in by_kind and not ("city" in m.cue_kinds and "community" in by_kind):
                return by_kind[kind][0]
        if "community" in by_kind:
            cands = by_kind["community"]
            return self.choose(i, m, cands)[0] if len(cands) > 1 else cands[0]
        return None
