"""Steps 2-3: cue words around each match (kind, precision, countryside and direction constructions,
locators) and ordinary-word gating, with lists of places sharing their head's cue."""

from __future__ import annotations

from core.extract.mentions.places.common import (
    _LIST_SEPARATORS,
    STRICT_STEM_RANK,
    _compass,
    _km_pt,
    _Match,
    _strip_proclitics,
)
from core.geo.names import name_key

# "محور كفرنبل - حاس": two places joined by a dash name both ends of an axis or a front
_GOVERNORATE_OR_CITY = frozenset({"محافظه", "مدينه"})  # "الريف الشرقي لمحافظة حماة": the word before the name
_AXIS_SEPARATORS = frozenset({"-", "–", "—"})
_GAP_PUNCTUATION = frozenset({"،", ",", "("})  # "X، شمال Y", "X (شمال Y)"; not "و": "X وشمال Y" is a second place
# "X، في ريف Y", "X (ريف Y)", "قريتي A وB الواقعتين في ريف Y"
_HINT_GAP = frozenset({"،", ",", "في", "(", "الواقعه", "التابعه", "الواقع", "التابع", "الواقعتين", "الواقعتان",
                       "التابعتين", "التابعتان", "الواقعين", "التابعين", "الواقعات", "التابعات"})
_NEAR_WORDS = frozenset({"قرب", "بقرب"})  # "X قرب Y": a landmark locating X ("وقرب Y" is a second place)
_NEAR_PAIR_HEADS = frozenset({"بالقرب", "قريبا"})
_NOT_LOCATED = frozenset({"near", "countryside", "admin:admin1", "admin:admin2", "admin:admin3", "area"})
_SETTLEMENT_CUES = frozenset({"settlement", "city"})
LOCATOR_REACH_KM = 60.0  # "X (42 كم شمال مدينة حلب)": how far a town may lie from the city that locates it


class CueReading:
    """Cues and gating, mixed into :class:`~core.extract.mentions.places.document._Doc`."""

    def read_cues(self, i: int, m: _Match) -> None:
        rec = self.rec
        j = m.t0 - 1
        # countryside and direction constructions after the name: "ريف إدلب الجنوبي الشرقي"
        after = m.t1 + 1
        dirs = ""
        while len(dirs) < 2 and (d := self.direction_at(after)) is not None:
            dirs += d
            after += 1
        if m.key in rec.countryside_nisba and "الريف" in self.forms(m.t0 - 1):  # "الريف الإدلبي الجنوبي"
            m.region_form, m.directions = "countryside", _compass(dirs)
            m.cues.append(self.word(m.t0 - 1))
            m.cue_tok = m.t0 - 1
            m.cue_kinds.add("countryside")
            return
        # "الريف الشرقي لإدلب", "المحور الجنوبي من محافظة حماة": countryside word + directions + ل/من + name
        k: int | None = j
        joined = m.prefix.endswith("ل")
        if not joined and self.is_word(j) and not _GOVERNORATE_OR_CITY.isdisjoint(self.forms(j)):
            joined = self.word(j).startswith("ل")
            k = j - 1
        if not joined:
            k = k - 1 if self.word(k) in ("من", "في") else None
        if k is not None:
            pre_dirs = ""
            while len(pre_dirs) < 2 and (d := self.direction_at(k)) is not None:
                pre_dirs = d + pre_dirs
                k -= 1
            if pre_dirs and any(f in rec.countryside_definite for f in self.forms(k)):
                m.region_form, m.directions = "countryside", _compass(pre_dirs)
                m.cues.append(self.word(k))
                m.cue_tok = k
                m.cue_kinds.add("countryside")
                return
        seen = 0
        while seen < 3 and self.is_word(j):
            hit = rec.cue_of(self.words[j])
            if hit is None and j > 0 and self.words[j] == "من" and self.word(j - 1):
                p2 = _strip_proclitics(self.word(j - 1))
                if any((f, "من") in rec.near_pairs for f in p2):
                    m.cues.append(f"{self.word(j - 1)} من")
                    m.cue_kinds.add("near")
                    j -= 2
                    seen += 1
                    continue
            if hit is None or (hit in rec.directions and hit.startswith("ال")):
                break  # "الجنوبي" is an adjective of what precedes, not "south of" the name
            if not m.cues:
                m.cue_tok = j
            m.cues.append(hit)
            if hit in rec.countryside:
                m.cue_kinds.add("countryside")
                m.region_form = "countryside"
                m.directions = _compass(dirs)
                return
            if hit in rec.directions:
                # "شرق إدلب", "شمال غربي سراقب": direction(s) before the name
                d = rec.directions[hit]
                first = j
                k_hit = next((f for f in self.forms(j - 1) if f in rec.directions), None)
                if k_hit and hit == self.word(j):  # "شمال غربي": two direction words, no proclitic on the 2nd
                    d = rec.directions[k_hit] + d
                    first = j - 1
                m.cue_kinds.add("direction")
                m.region_form = "direction"
                m.directions = _compass(d)
                m.direction_tok = first
                return
            if hit in rec.admin:
                m.cue_kinds.add("admin:" + rec.admin[hit])
            if hit in rec.city:
                m.cue_kinds.add("city")
            if hit in rec.settlement:
                m.cue_kinds.add("settlement")
            if hit in rec.near and hit not in rec.admin:
                m.cue_kinds.add("near")
            if hit in rec.admin and hit in rec.near:  # منطقة: near for a town, admin for a district
                m.cue_kinds.add("area")
            j -= 1
            seen += 1
        self.read_side_of(m, j)

    def read_side_of(self, m: _Match, j: int) -> None:
        """"الأطراف الجنوبية لقرية إبلين", "المحيط الشرقي لسراقب": a definite near-word, direction adjectives, then
        the name (or its cue) with ل: the event is at a side of the place (near, precision 2). ``j``: the token
        before the name and its cues."""
        first = self.word(j + 1) if j + 1 < m.t0 else m.prefix
        if not first.startswith("ل") and not m.prefix.endswith("ل"):
            return
        k, dirs = j, 0
        while dirs < 2 and self.direction_at(k) is not None:
            k, dirs = k - 1, dirs + 1
        near = next((f for f in self.forms(k) if f in self.rec.near_definite), None) if dirs else None
        if near:
            m.cue_kinds.add("near")
            m.cues.append(near)
            if m.cue_tok < 0:
                m.cue_tok = k

    def find_locators(self) -> None:
        """"النيرب شرق مدينة إدلب": the direction construction locates the preceding place; so does one after an
        adjective of the place, a relative "التي تقع", a distance ("(42 كم شمال مدينة حلب)") or a chain of
        directions ("جنوب غرب وشمال غرب X")."""
        for i, m in enumerate(self.matches):
            if i == 0:
                continue
            prev = self.matches[i - 1]
            if m.region_form == "direction":
                dtok = (m.direction_tok if m.direction_tok >= 0 else m.t0 - 1)
                if self.word(dtok).startswith("و") and self.word(dtok) not in self.rec.directions:
                    if self.direction_at(dtok - 1) is None:
                        continue  # "سراقب وجنوبي إدلب": a second place, not a locator
                    while self.direction_at(dtok - 1) is not None:  # "جنوب غرب وشمال غرب X": one locator
                        dtok -= 1
            elif not m.region_form and "near" in m.cue_kinds and prev.cue_kinds & _SETTLEMENT_CUES:
                dtok = self.near_word_tok(m)  # "قرية X قرب مدينة Y", "بلدة X بالقرب من Y" (not "أوتوستراد X قرب Y")
                if dtok is None:
                    continue
            else:
                continue
            if self.sentence_of(prev.t1) != self.sentence_of(m.t0) or prev.t1 >= dtok:
                continue
            if m.region_form == "direction" and prev.t1 == dtok - 1 or not prev.region_form and not (
                    prev.cue_kinds & _NOT_LOCATED) and self.locator_gap(prev, m, prev.t1 + 1, dtok):
                # (a landmark or a gap locates only a settlement: "في ريف إدلب بالقرب من بلدة X" names X)
                m.locator_for = i - 1
                prev.hints.append(i)

        self.find_region_hints()

    def find_region_hints(self) -> None:
        """"قرية X بريف حماة", "X، في محافظة حماة": the governorate of the countryside (or governorate) right after a
        place says where that place lies (``_Match.region_hint``), read when X's only same-named places lie
        elsewhere (Disambiguation.out_of_document)."""
        for i, m in enumerate(self.matches):
            if i == 0 or m.cue_tok < 0 or not (m.region_form == "countryside" or "admin:admin1" in m.cue_kinds):
                continue
            prev = self.matches[i - 1]
            if self.word(m.cue_tok).startswith("و"):
                continue  # "X وريف حلب": a second place
            gap = range(prev.t1 + 1, m.cue_tok)
            if len(gap) > 2 or any(self.words[t] not in _HINT_GAP for t in gap) or prev.t1 >= m.cue_tok:
                continue
            places = self.rec.candidates(m.ids).places
            govs = {p.place_id for p in places if p.kind == "admin1"} or {p.admin1_pcode for p in places}
            unit = self.countryside_unit(places) if m.region_form == "countryside" else None
            if unit is not None:  # "الريف الشمالي للقصير": the district's, whatever towns bear the name
                govs = {unit.place_id if unit.kind == "admin1" else unit.admin1_pcode}
            if len(govs) == 1 and "" not in govs:
                prev.region_hint = frozenset(govs)
                if unit is not None:
                    prev.region_unit, prev.region_dirs = unit.place_id, m.directions

    def spread_region_hints(self) -> None:
        """"قرى A وB الواقعة في الريف الشمالي لـ Y": the countryside after the last item of a list locates every
        item (once the lists are known, after gating)."""
        for m in self.matches:
            if m.region_unit and m.list_id >= 0:
                for c in self.lists[m.list_id]:
                    x = self.matches[c]
                    if x is not m and x.t1 < m.t0 and not x.region_unit:
                        x.region_hint, x.region_unit, x.region_dirs = m.region_hint, m.region_unit, m.region_dirs

    @staticmethod
    def countryside_unit(places: list):
        """The unit a countryside construction is of: the governorate ("ريف إدلب"), else the district
        ("الريف الشمالي للقصير"), else a lone town; None when the name is ambiguous."""
        by_kind: dict[str, list] = {}
        for p in places:
            by_kind.setdefault(p.kind, []).append(p)
        for kind in ("admin1", "admin2", "community"):
            if len(by_kind.get(kind, ())) == 1:
                return by_kind[kind][0]
        return None

    def near_word_tok(self, m: _Match) -> int | None:
        """The token of "قرب" (or "بالقرب"/"قريبا" of "... من") before ``m`` and at most one settlement word: a
        landmark the place before it is located by; None for other near-cues ("محيط", "أطراف": a second place)."""
        k = m.t0 - 1
        if any(f in self.rec.settlement for f in self.forms(k)):
            k -= 1
        if self.word(k) == "من" and self.word(k - 1) in _NEAR_PAIR_HEADS:
            return k - 1
        w = self.word(k)
        return k if w in _NEAR_WORDS and not w.startswith("و") else None

    LOCATOR_GAP_TOKENS = 6

    def locator_gap(self, prev: _Match, m: _Match, lo: int, hi: int) -> bool:
        """Tokens ``lo``..``hi``-1 between a place and the direction construction after it only describe the
        place or give a distance ("الاستراتيجية", "التي تقع", "، على بعد 5 كم"), and the located place lies
        within reach of the locating one when both are known (one candidate each)."""
        if hi - lo > self.LOCATOR_GAP_TOKENS:
            return False
        rec = self.rec
        for t in range(lo, hi):
            w = self.words[t]
            if w.isdigit() or w in rec.locator_gap or w in _GAP_PUNCTUATION:
                continue
            if w.startswith("ال") and w.endswith(("ه", "ي")) and w in rec.not_names and w not in rec.directions:
                continue  # an adjective of the place ("الاستراتيجية", "الحدودية"), not "القوات"
            return False
        a, b = rec.candidates(prev.ids).anchor, rec.candidates(m.ids).anchor
        return a is None or b is None or _km_pt(a[0], a[1], b) <= LOCATOR_REACH_KM

    # -- 3. gating ----------------------------------------------------------------------------------------
    def is_risky(self, m: _Match) -> bool:
        """A common word, a name of ≤ 3 letters or only a quarter's name (needs a cue or a list): memoized per
        (key, ids) on the recognizer, as it depends on nothing else."""
        if m.road:
            return False
        risky = self.rec._risky.get((m.key, m.ids))
        if risky is None:
            risky = self.rec._risky[(m.key, m.ids)] = self._is_risky(m)
        return risky

    def _is_risky(self, m: _Match) -> bool:
        places = self.rec.candidates(m.ids).places
        if any(p.kind == "admin1" for p in places):
            return False
        bare = m.key.replace(" ", "")
        bare = bare[2:] if bare.startswith("ال") else bare
        if m.key in self.rec.ordinary or len(bare) <= 3:
            return True
        if m.key.split(" ", 1)[0].isdigit():
            return True  # "6 تشرين" (a village) is mostly a date: "الثلاثاء 6 تشرين الثاني"; needs a cue
        return all(p.kind == "neighbourhood" for p in places) and not any(
            c and m.key.startswith(name_key(c) + " ") for p in places for c in (p.qualifier_ar, p.admin1_name_ar))
        # ("درعا البلد": a quarter named as its city and a qualifier says what it is by itself)

    def after_plural_cue(self, m: _Match) -> bool:
        """The match stands right after a describing plural cue ("بلدات", "وقرى")."""
        plurals = self.rec.describing_plurals
        return any(c in plurals or (c[:1] in "وف" and c[1:] in plurals) for c in m.cues)

    def gate(self) -> None:
        for m in self.matches:
            m.risky = self.is_risky(m)
            m.accepted = not m.risky or (bool(m.cue_kinds) and (not self.is_strict(m) or self.named_by(m.cues)
                                                                 or self.countryside_of_unit(m))) \
                or self.quarter_of_named_city(m)
            if m.risky and m.accepted and m.key in self.rec.plural_adjectives and self.after_plural_cue(m):
                m.accepted = False  # "قرى وبلدات جديدة": the adjective of the plural, not the village جديدة
        # lists: "حلبان وسمكة وتل خطرة", "محيط كفرنوران والأتارب", "قريتي كالوتة وباشمرة"
        chains = self.chains()  # depends on the matches and their own cues only: computed once
        self.lists = chains
        for n, chain in enumerate(chains):
            head = chain[0]
            for c in chain:
                self.matches[c].in_list, self.matches[c].list_id = True, n
            anchor = next((c for c in chain if self.matches[c].accepted and not self.matches[c].risky), None)
            if anchor is None:
                anchor = next((c for c in chain if self.matches[c].accepted), None)
            if anchor is None:
                continue
            head_m = self.matches[head]
            for c in chain[1:]:
                m = self.matches[c]
                if not m.cue_kinds and head_m.cue_kinds:
                    kinds = set(head_m.cue_kinds)
                    if head_m.cues and head_m.cues[0] in self.rec.non_distributive:
                        kinds.discard("near")
                    m.cue_kinds |= kinds - {"direction"}
                    m.inherited_cue = head_m.cues[0] if head_m.cues else ""
                    m.cue_tok = head_m.cue_tok
                    if head_m.region_form == "countryside":
                        m.region_form = "countryside"
                if not m.accepted:
                    if self.is_strict(m) and not self.named_by(head_m.cues) and not self.listed_by(chain, c):
                        continue  # "حلبان والمدينة": "the city", unless the list opens with "قرى"/"بلدات"
                    m.accepted = True
                    m.via_list = anchor if anchor != c else head
            if not head_m.accepted and len(chain) > 1 and not self.is_strict(head_m):
                head_m.accepted = True
                head_m.via_list = anchor
        # the dual countryside "ريفي إدلب وحلب": the directions after the last name apply to all
        for chain in chains:
            ms = [self.matches[c] for c in chain]
            if ms[0].region_form == "countryside":
                after = ms[-1].t1 + 1
                dirs = ""
                while len(dirs) < 2 and (d := self.direction_at(after)) is not None:
                    dirs += d
                    after += 1
                for x in ms:
                    x.region_form = "countryside"
                    x.directions = x.directions or _compass(dirs)

    def quarter_of_named_city(self, m: _Match) -> bool:
        """"الفرقان والشهباء في مدينة حلب": a quarter's name (no common word) in a sentence that names its city."""
        rec = self.rec
        if m.key in rec.ordinary or any(w in rec.cue_words or w in rec.ordinary or w in rec.naming
                                        for w in m.key.split()):
            return False  # "مركز المدينة": words, not a quarter's name
        places = rec.candidates(m.ids).places
        if not places or any(p.kind != "neighbourhood" for p in places):
            return False
        cities = {p.qualifier_ar for p in places} | {p.admin1_name_ar for p in places}
        by_key = self.sentence_matches_by_key().get(self.sentence_of(m.t0), {})
        # the city itself, not its countryside ("مقاطعة الشهباء في ريف حلب" is no quarter of Aleppo)
        return any(x is not m and not x.region_form for c in cities for x in by_key.get(name_key(c), ()))

    def countryside_of_unit(self, m: _Match) -> bool:
        """"ريف الباب": a countryside word names the district or sub-district, even one whose name is a common word."""
        return "countryside" in m.cue_kinds and any(
            p.kind in ("admin2", "admin3") for p in self.rec.candidates(m.ids).admin_units)

    def is_strict(self, m: _Match) -> bool:
        """A common noun with the article that is also a village name ("المدينة" the city, "الملجأ" the shelter):
        it refers to something of the text unless a naming cue ("قرية", "بلدة") calls it a place. Told by its
        indefinite form being a frequent word ("مدينة", "ملجأ"), unlike "الراشدين" (frequent only with the article)."""
        return m.risky and m.key.startswith("ال") and self.rec.word_rank.get(m.key[2:], 10**9) < STRICT_STEM_RANK

    def listed_by(self, chain: list[int], c: int) -> bool:
        """"في مناطق قبر فضة وكفرعقيد والكريم": a list of three or more names opened by a plural cue (مناطق، قرى
        ...) whose other members are plain place names names its last member too, even a common noun."""
        head = self.matches[chain[0]]
        others = [self.matches[x] for x in chain if x != c]
        return len(chain) >= 3 and c == chain[-1] and bool(head.cues) and head.cues[0] in self.rec.list_cues and \
            all(x.accepted and not x.risky for x in others)

    def named_by(self, cues: list[str]) -> bool:
        return bool(cues) and cues[0] in self.rec.naming

    def chains(self) -> list[list[int]]:
        """Runs of matches separated only by "و", "،" or ","; each run is a list of place names."""
        runs: list[list[int]] = []
        cur: list[int] = []
        for i, m in enumerate(self.matches):
            if cur:
                if self.joined_to(self.matches[cur[-1]], m):
                    cur.append(i)
                    continue
                runs.append(cur)
            cur = [i]
        if cur:
            runs.append(cur)
        return [r for r in runs if len(r) > 1]

    def joined_to(self, prev: _Match, m: _Match) -> bool:
        """Only "و", "،", "," or a dash between the two matches, or "و" on the second: the words between are read
        one by one up to the first other word (not copied: two matches may lie far apart)."""
        skip_directions = bool(prev.cues) and prev.cues[0] == "ريفي"  # "ريفي إدلب الجنوبي وحماة الشمالي"
        directions, words = self.rec.directions, self.words
        between = False
        for t in range(prev.t1 + 1, m.t0):  # (valid token indices)
            w = words[t]
            if skip_directions and w in directions:
                continue
            if w not in _LIST_SEPARATORS and w not in _AXIS_SEPARATORS:
                return False
            between = True
        return between or m.prefix.startswith("و")
