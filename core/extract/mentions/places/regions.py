"""Step 4: regions ("ريف إدلب الجنوبي الشرقي", "شرق إدلب", "سراقب وريفها") and highways coded to a
representative point."""

from __future__ import annotations

import dataclasses

from core.extract.mentions.places.common import _km_pt, _Match, _strip_proclitics, countryside_name
from core.model import Place, PlaceMention


class RegionsAndRoads:
    """Region and road mentions, mixed into :class:`~core.extract.mentions.places.document._Doc`."""

    def region_mention(self, m: _Match, base: Place, a: int, b: int, surface: str, cue: str) -> PlaceMention:
        dirs = m.directions
        region, area = self.region_place(base, m.region_form, dirs)
        # the span covers the cue and the direction words: "ريف إدلب الجنوبي الشرقي"
        t_first = m.t0
        if m.region_form == "countryside" and not m.inherited_cue:
            k = m.t0 - 1
            words = self.rec.countryside_any
            while k >= 0 and m.t0 - k <= 5 and not any(f in words for f in self.forms(k)):
                k -= 1
            if k >= 0 and m.t0 - k <= 5:
                t_first = k
        elif m.region_form == "direction":
            t_first = (m.direction_tok if m.direction_tok >= 0 else m.t0 - 1)
        t_last = m.t1
        while t_last - m.t1 < 2 and self.direction_at(t_last + 1) is not None:
            t_last += 1
        st = m.start if t_first == m.t0 else self.tok_starts[t_first]
        forms = _strip_proclitics(self.words[t_first])
        if t_first != m.t0 and forms[-1] != self.words[t_first] and (
                forms[-1] in self.rec.countryside or forms[-1] in self.rec.directions):
            st = self.tok_ends[t_first] - len(forms[-1])
        a, b, surface = self.span(st, self.tok_ends[t_last])
        if area is not None:  # "شمال غربي سوريا": the region spanning governorates (regions.yaml: areas)
            return PlaceMention(surface, a, b, area, 3, 1.0, f"region '{area.name_en}' spanning governorates "
                                f"{', '.join(area.admin1_pcodes)}", "region", (base,), cue)
        reason = (f"{m.region_form} of {base.kind} '{base.name_en}'"
                  + (f", {dirs} part" if dirs else "") + " coded to a representative point")
        return PlaceMention(surface, a, b, region, 3, 1.0, reason, "region", (base,), cue)

    def region_place(self, base: Place, region_form: str, dirs: str) -> tuple[Place, Place | None]:
        """The region record of a countryside/direction construction of ``base`` (a gazetteer place), and the area
        spanning governorates it stands for (or None): built once per (place, form, directions) on the recognizer
        (a pure function of them and the gazetteer)."""
        memo = self.rec._region_places
        key = (base.place_id, region_form, dirs)
        hit = memo.get(key)
        if hit is None or hit[0] is not base:
            hit = memo[key] = (base, *self._region_place(base, region_form, dirs))
        return hit[1], hit[2]

    def _region_place(self, base: Place, region_form: str, dirs: str) -> tuple[Place, Place | None]:
        gaz = self.rec.gaz
        label = {"N": "شمال", "S": "جنوب", "E": "شرق", "W": "غرب"}
        area = gaz.by_id(gaz.country_areas.get(dirs, "")) if base.kind == "admin0" and dirs else None
        if base.kind == "admin1":
            lat, lon = gaz.directional_point(base.place_id, dirs) if dirs else (base.lat, base.lon)
            admin = base
        elif base.kind == "admin0":  # "شمال غربي سوريا": the governorate holding the point
            lat, lon = gaz.directional_point("SY", dirs) if dirs else (base.lat, base.lon)
            admin = gaz.by_id(gaz.admin1_of(lat, lon) or "") or base
        elif base.kind in ("admin2", "admin3"):
            # "ريف ناحية الدرباسية", "ريف منبج": coded at the unit's seat town (as analysts code "rural X"), not at
            # the polygon's centre, often 10-50 km away in an empty steppe
            seat = self.seat_of(base)
            lat, lon = (seat.lat, seat.lon) if seat is not None else (base.lat, base.lon)
            admin = base
        else:  # countryside of a town: coded to the town
            lat, lon = base.lat, base.lon
            admin = base
        name_ar = countryside_name(base.name_ar) if region_form == "countryside" else base.name_ar
        if dirs:
            name_ar += " (" + " ".join(label[d] for d in dirs) + ")"
        en_prefix = "rural " if region_form == "countryside" else ""
        region = Place(
            place_id=f"region:{base.place_id}:{region_form}{(':' + dirs) if dirs else ''}", name_ar=name_ar,
            name_en=f"{en_prefix}{base.name_en}{(' ' + dirs) if dirs else ''}".strip(), kind="region",
            lat=lat, lon=lon, admin1_pcode=admin.admin1_pcode, admin1_name_en=admin.admin1_name_en,
            admin1_name_ar=admin.admin1_name_ar,
            admin2_pcode=admin.admin2_pcode if base.kind not in ("admin0", "admin1") else "",
            admin2_name_en=admin.admin2_name_en if base.kind not in ("admin0", "admin1") else "",
            admin2_name_ar=admin.admin2_name_ar if base.kind not in ("admin0", "admin1") else "",
            country="SY")
        return region, area

    def seat_of(self, unit: Place) -> Place | None:
        """The community named like an admin2/admin3 unit and lying inside it (its seat), or None."""
        name = unit.name_ar.removeprefix("ال")
        for form in (name, "ال" + name):  # OCHA writes the unit "درباسية", the town "الدرباسية"
            for c in self.rec.gaz.lookup(form):
                if c.kind == "community" and c.lat is not None and unit.place_id in (c.admin2_pcode, c.admin3_pcode):
                    return c
        return None

    def road_mention(self, m: _Match, places: list[Place], a: int, b: int, surface: str, cue: str) -> PlaceMention:
        road = places[0]
        if self.rec._road_lines is None:  # (the gazetteer copies its lines per call: read once, only read here)
            self.rec._road_lines = self.rec.gaz.road_lines()
        lines = self.rec._road_lines
        code = road.place_id.split(":", 1)[1]
        reason = f"highway {code}"
        line = lines.get(code, [])
        if line and self.resolved_points:
            clat = sum(p[0] for p in self.resolved_points) / len(self.resolved_points)
            clon = sum(p[1] for p in self.resolved_points) / len(self.resolved_points)
            lat, lon = min(line, key=lambda q: _km_pt(q[0], q[1], (clat, clon)))
            if (lat, lon) != (road.lat, road.lon):
                road = self.road_at(road, lat, lon)
                reason += ": point on the road nearest the document's other places"
        if len(places) > 1:
            reason += " (both highways named: M5 chosen, M4 runner-up)"
        return PlaceMention(surface, a, b, road, 3, 1.0, reason, "region", tuple(places[1:]), cue)

    def road_at(self, road: Place, lat: float, lon: float) -> Place:
        """The highway record moved to its line point (lat, lon), in the governorate there: built once per road and
        point on the recognizer (a road line has a few dozen points)."""
        memo, key = self.rec._road_points, (road.place_id, lat, lon)
        hit = memo.get(key)
        if hit is None or hit[0] is not road:
            adm1 = self.rec.gaz.admin1_of(lat, lon) or road.admin1_pcode
            gov = self.rec.gaz.by_id(adm1)
            hit = memo[key] = (road, dataclasses.replace(
                road, lat=lat, lon=lon, admin1_pcode=adm1, admin1_name_en=gov.admin1_name_en if gov else "",
                admin1_name_ar=gov.admin1_name_ar if gov else "", admin2_pcode="", admin2_name_en="", admin2_name_ar="",
                admin3_pcode="", admin3_name_en="", admin3_name_ar=""))
        return hit[1]

    # -- 4b. "سراقب وريفها" ----------------------------------------------------------------------------------
    def countryside_pronouns(self) -> list[tuple[int, PlaceMention]]:
        out = []
        for i, m in enumerate(self.matches):
            if not m.accepted or m.road:
                continue
            k = m.t1 + 1
            if self.word(k) == "و":
                k += 1
            if not self.word(k).endswith(("ريفها", "ريفه")):
                continue  # (its forms are the word and its endings: none can be "ريفها" / "ريفه")
            forms = self.forms(k)
            if not forms or not any(f in ("ريفها", "ريفه") for f in forms):
                continue
            base = self.region_base(self.rec.candidates(m.ids).by_kind, m, i)
            if base is None:
                continue
            st = self.tok_ends[k] - len(forms[-1]) if forms[-1] in ("ريفها", "ريفه") else self.tok_starts[k]
            a, b, surface = self.span(st, self.tok_ends[k])
            region = dataclasses.replace(base, place_id=f"region:{base.place_id}:countryside",
                                         name_ar=countryside_name(base.name_ar), name_en="rural " + base.name_en,
                                         kind="region", qualifier_ar="")
            out.append((st, PlaceMention(surface, a, b, region, 3, 0.9,
                                         f"countryside of '{base.name_en}' (pronoun)", "region", (base,), "ريف")))
        return out
