"""Step 6: unknown names after a place cue, unknown list items, "تل X" for the village X, article variants,
and the fallback region of each unresolved mention."""

from __future__ import annotations

import bisect
import dataclasses

from core.extract.mentions.places.common import _LIST_SEPARATORS, STRICT_STEM_RANK, _km_pt, _strip_proclitics
from core.model import PlaceMention

NOT_WHERE_ROLES = ("source", "reporter", "actor")  # a region in these roles names no event's whereabouts
DETERMINER_RANK = 25_000  # a word this frequent after a plural cue ("قرى المنطقة") describes, not names


class UnresolvedNames:
    """Unresolved names, mixed into :class:`~core.extract.mentions.places.document._Doc`."""

    def unresolved(self) -> list[tuple[int, PlaceMention]]:
        rec = self.rec
        starts = {m.t0 for m in self.matches if m.accepted or m.cue_kinds}
        covered = set()
        for m in self.matches:
            covered.update(range(m.t0, m.t1 + 1))
        out = []
        emitted = set()
        seeds: list[tuple[int, str, bool]] = []  # (last token, cue, may report unresolved) of list members
        named_after: dict[int, int] = {}  # cue token → last token of the name after it
        triggers = rec.unresolved_triggers
        for j in self.positions(triggers):
            forms = self.forms(j)
            cue = next((f for f in forms if f in rec.unresolved_after), None)
            list_item = False
            if cue is None:
                # an unknown "خربة نواف" inside a list of places
                if j in covered or not forms or not any(f in rec.name_prefixes for f in forms[1:2] or forms[:1]):
                    continue
                standalone = any(f in rec.unresolved_prefixes for f in forms)  # "في تل الطوقان"
                if not standalone and (not forms[0].startswith("و") or not self.next_to_place(j)):
                    continue
                list_item = True
                k = j
            else:
                k = j + 1
            forming = cue in rec.name_forming  # "مزارع العبدالله": whatever follows is the farm's name
            if (k in starts or k in covered) and not (forming and not self.accepted_at(k)) or not self.is_word(k):
                continue
            if self.lam_phrase(self.word(k)):
                continue  # "مخيم للاجئين", "مزرعة لتربية الدواجن": what the place is for, not its name
            if cue in rec.describing_plurals and self.is_determiner(self.word(k)) and not self.construct_next(k):
                continue  # "قرى المنطقة", "بلدات الريف": not a name ("قرى عون الدادات" is one)
            if cue in rec.unresolved_after_rare and self.common_word(self.word(k)) and not self.construct_next(k):
                continue  # "منطقة آمنة", "منطقة العمليات": not a name
            if not self.construct_next(k) and self.frequent_indefinite(self.word(k)) and (
                    not forming or self.nisba_written(k)) and self.final_letter_neighbour(self.word(k)) is None:
                continue  # "تلة استراتيجية", "محور عسكري", "أول بلدة تسيطر": an adjective or a verb, not a name
                # (after a cue that is part of the name, "مزرعة حسن", only a nisba adjective is set aside; a word
                # that is a place of the document's area but for its final letter, "قرية جدية" / "جديا", stays)
            name = self.name_tokens(k, list_item, forming)
            if not name:
                continue
            if name[0] in emitted:
                continue
            emitted.add(name[0])
            if cue:
                named_after[j] = name[-1]
            pm = self.unknown_name(j, name, cue, list_item)
            out.append((pm.start, pm))
            if list_item or cue in rec.list_cues:
                seeds.append((name[-1], cue or "", True))
        self.named_after = named_after
        for pm in self.partial_names(starts, emitted):
            out.append((pm.start, pm))
        for m in self.matches:
            cue = m.cues[0] if m.cues else m.inherited_cue
            if m.accepted and not m.road:  # any place may open a list; only a plural cue vouches for unknowns
                seeds.append((m.t1, cue, cue in rec.list_cues))
        out += self.list_continuations(seeds, starts, covered, emitted)
        return out

    def lam_phrase(self, word: str) -> bool:
        """A word made of the preposition ل on a definite noun ("للاجئين") or on a common word ("لتربية")."""
        return len(word) > 3 and (word.startswith("لل") or (word.startswith("ل") and self.common_word(word[1:])))

    def unknown_name(self, j: int, name: list[int], cue: str | None, list_item: bool) -> PlaceMention:
        """The mention of an unknown name (tokens ``name``) after the cue at token ``j`` or as a list item: a
        known place under another spelling, "تل X" for the village X, else unresolved, kept whole."""
        rec = self.rec
        st = self.tok_starts[name[0]]
        if list_item:
            f = _strip_proclitics(self.words[name[0]])
            st = self.tok_ends[name[0]] - len(f[-1]) if f[-1] in rec.name_prefixes else st
        tell = self.tell_of_village(st, name)
        if tell is not None:
            return tell
        if cue or list_item:
            variant = self.gazetteer_variant(st, self.tok_ends[name[-1]], name, cue or "")
            if variant is not None:
                return variant
        if cue in rec.name_forming and self.words[j].endswith(cue):
            st = self.tok_ends[j] - len(cue)  # "مزرعة الراضي": the farm's name, with its cue
        a, b, surface = self.span(st, self.tok_ends[name[-1]])
        prec = 2 if cue and cue in rec.near else 1
        reason = (f"unknown name after cue '{cue}': not in the gazetteer" if cue else
                  "unknown name (a list item or a village-name prefix): not in the gazetteer")
        cue_text = cue or ""
        if cue and self.words[j].endswith(cue):
            cue_text = self.span(self.tok_ends[j] - len(cue), self.tok_ends[j])[2]
        return PlaceMention(surface, a, b, None, prec, 0.0, reason, "unresolved", (), cue_text)

    def frequent_indefinite(self, word: str) -> bool:
        """A frequent word without the article ("عسكري", "استراتيجية", "تسيطر"): after a cue it describes or
        acts; an unknown village name after a cue is a rare word or carries the article ("المناخ")."""
        rec = self.rec
        forms = _strip_proclitics(word)
        if any(f.startswith("ال") or f in rec.name_prefixes for f in forms):
            return False
        return rec.word_rank.get(forms[0], STRICT_STEM_RANK) < STRICT_STEM_RANK

    def nisba_written(self, k: int) -> bool:
        """Token k is written as a nisba adjective ("عسكرية", "استراتيجي"; not a name in ى like "عيسى")."""
        surface = self.span(self.tok_starts[k], self.tok_ends[k])[2]
        return surface.endswith(("ي", "ية", "يه"))

    def partial_names(self, starts: set[int], emitted: set[int]) -> list[PlaceMention]:
        """"بمنطقة شير مغار": a short or common gazetteer name ("شير") accepted only through its cue, followed
        at once by a rare word that is no cue, adjective or place: the text names a longer place the gazetteer
        lacks, reported whole as unresolved (not the short homonym, which may lie anywhere)."""
        rec, out = self.rec, []
        for m in self.matches:
            k = m.t1 + 1
            if not (m.accepted and m.risky and m.cues and m.via_list is None) or m.road or m.region_form:
                continue
            w = self.word(k)
            if not self.is_word(k) or k in emitted or w.startswith("و") or len(w) < 3:
                continue
            silent = self.silent_match_at(k) if k in starts else None
            if k in starts and (silent is None or silent.t1 != k):
                continue  # a known place of its own ("بلدة كفرنبل سراقب" is no name), or a longer name
            if w in rec.word_rank or w in rec.ordinary or w in rec.not_names or w in rec.cue_words or \
                    w in rec.directions or w in rec.name_suffixes or w.isdigit() or not w[0].isalpha():
                continue
            if any(f in rec.word_rank for f in _strip_proclitics(w)):
                continue  # "بحماة" ← a frequent word with a proclitic
            cue = self.cue_surface(m, m.cues[0])
            a, b, surface = self.span(m.start, self.tok_ends[k])
            emitted.add(m.t0)
            out.append(PlaceMention(surface, a, b, None, 2 if "near" in m.cue_kinds else 1, 0.0,
                                    f"unknown name after cue '{cue}': '{m.key}' is in the gazetteer but the name goes "
                                    f"on with a rare word; not in the gazetteer", "unresolved", (), cue))
        return out

    def common_word(self, word: str) -> bool:
        """A frequent word, a word that never names a place or a cue, with or without the article."""
        rec = self.rec
        forms = set(_strip_proclitics(word))
        if any(f in rec.not_names or f in rec.cue_words or f in rec.directions for f in forms):
            return True
        stems = {f[2:] for f in forms if f.startswith("ال") and len(f) > 4}
        return any(rec.word_rank.get(f, STRICT_STEM_RANK) < STRICT_STEM_RANK for f in forms | stems)

    def is_determiner(self, word: str) -> bool:
        """A frequent word ("المنطقة", "محيطة", "عدة") after a plural cue: the places are described, not named."""
        forms = _strip_proclitics(word)
        if forms[-1] in self.rec.name_prefixes:
            return False  # "قرى شيخ عيسى": the first word of a village name
        # (a rare word is a name: "بلدات الحولة والبياضة"; the describing words rank well within DETERMINER_RANK)
        return any(self.rec.word_rank.get(f, DETERMINER_RANK) < DETERMINER_RANK or f in self.rec.not_names
                   for f in forms)

    def list_continuations(self, seeds: list[tuple[int, str, bool]], starts: set[int], covered: set[int],
                           emitted: set[int]) -> list[tuple[int, PlaceMention]]:
        """"قرى بابيلا وكفرومة والغدفة", "مزارع الدربو والكنيهر": an unknown word joined by و right after a
        member of a list of places is one more place of the list: a known place under another spelling, else
        (in a list opened by a plural cue: قرى، بلدات، قريتي ...) a place missing from the gazetteer."""
        rec, out = self.rec, []
        accepted_at = {m.t0: m for m in self.matches if m.accepted and not m.road}
        work = sorted(seeds, reverse=True)
        done: set[int] = set()
        while work:
            last, cue, report = work.pop()
            if last in done:
                continue
            done.add(last)
            k = last + 1
            while self.word(k) in ("،", ","):
                k += 1
            w = self.word(k)
            if w == "و" and self.is_word(k + 1):  # "و "المحمدية"": the quote parted و from the name
                k += 1
                w = "و" + self.word(k)
            if report and self.is_word(k) and not w.startswith("و") and k not in emitted and \
                    self.unknown_between_items(k, starts, covered):
                w = "و" + w  # "قرى شيخ عيسى البيلونة وحربل": a list item whose comma the text left out
            if not self.is_word(k) or not w.startswith("و") or k in emitted:
                continue
            if k in self.named_after:  # "ومزرعة الراضي": a cued name of the list, already read
                work.append((self.named_after[k], cue, report))
                continue
            silent = None
            if k in starts or k in covered:
                nxt = accepted_at.get(k)
                if nxt is not None and nxt.t0 in self.mentioned_t0:  # a known place: the list goes on after it
                    work.append((nxt.t1, cue, report))
                    continue
                silent = self.silent_match_at(k) if report else None
                if silent is None:
                    continue
            stem = w[1:]
            frequent = False
            if silent is not None:
                # "قريتي المناخ والفيصلية": the gazetteer's homonyms were all set aside (far from the story), yet a
                # list opened by a plural cue names a village: a place the gazetteer lacks
                name = list(range(k, silent.t1 + 1))
                st = silent.start
            elif stem in rec.name_prefixes:
                name = self.name_tokens(k, True)
                st = self.tok_ends[k] - len(stem)
            else:
                bare = stem[2:] if stem.startswith("ال") else stem
                if len(bare) < 3 or stem in rec.not_names or stem in rec.cue_words or stem in rec.directions or \
                        stem in rec.countryside or stem.isdigit():
                    continue
                # a frequent word ("وتقدمت", "والقرى") is no unknown village name; in a list opened by a plural cue
                # it may still be a known one under another spelling ("بلدات كنصفرة والفطيرة": OCHA "فطيرة")
                frequent = stem in rec.ordinary or stem in rec.word_rank or bare in rec.word_rank
                if frequent and not report:
                    continue
                name = [k] + list(range(k + 1, self.name_end(k) + 1))
                st = self.tok_ends[k] - len(stem)
            if not name:
                continue
            emitted.add(k)
            en = self.tok_ends[name[-1]]
            pm = self.gazetteer_variant(st, en, name, cue) if silent is None else None
            if pm is None:
                if not report or (stem not in rec.name_prefixes and frequent):
                    continue
                a, b, surface = self.span(st, en)
                pm = PlaceMention(surface, a, b, None, 2 if cue in rec.near else 1, 0.0,
                                  (f"unknown item of a list opened by '{cue}'" if cue else "unknown item of a list of "
                                   "places") + ": not in the gazetteer", "unresolved",
                                  (), cue)
            out.append((st, pm))
            work.append((name[-1], cue, report))
        return out

    def silent_match_at(self, k: int):
        """The gazetteer match starting at token k that gave no mention (its homonyms were set aside), unless it is
        a common word ("والمدينة"), else None."""
        i = self.first_match_at(k)
        m = self.matches[i] if i < len(self.matches) else None
        if m is None or m.t0 != k or m.t0 in self.mentioned_t0 or m.road or self.is_strict(m):
            return None
        forms = _strip_proclitics(self.word(k))
        if any(f in self.rec.ordinary or f in self.rec.not_names or f in self.rec.cue_words for f in forms):
            return None
        return m

    def unknown_between_items(self, k: int, starts: set[int], covered: set[int]) -> bool:
        """Token k is a rare word standing alone between a list member and a next member joined by و."""
        w = self.word(k)
        if k in starts or k in covered or len(w) < 4 or w.isdigit() or any(
                f in self.rec.word_rank or f in self.rec.not_names or f in self.rec.cue_words
                for f in _strip_proclitics(w)):
            return False
        nxt = self.word(k + 1)
        return nxt.startswith("و") and (k + 1 in starts or k + 1 in self.named_after)

    def tell_of_village(self, st: int, name: list[int]) -> PlaceMention | None:
        """"تل مرديخ" where the gazetteer has the village "مرديخ": the village, when it fits the document (in
        one of its governorates, or near its other places); else None (the whole name stays unresolved)."""
        rec = self.rec
        if len(name) < 2 or _strip_proclitics(self.words[name[0]])[-1] not in rec.droppable_prefixes:
            return None
        idx = next((i for i, x in enumerate(self.matches) if x.t0 == name[1] and x.accepted), None)
        if idx is None or self.matches[idx].t1 > name[-1]:
            return None
        inner = self.matches[idx]
        pm = self.resolve(idx, inner)
        if pm is None or pm.status != "resolved" or pm.place is None or pm.place.kind != "community":
            return None
        p = pm.place
        others = [q for q in self.resolved_points if q != (p.lat, p.lon)]
        d = min((_km_pt(p.lat, p.lon, q) for q in others), default=float("inf"))
        if not self.in_document_admin1(p.admin1_pcode, inner.key) and d > rec.homonym_far_km:
            return None
        a, b, surface = self.span(st, self.tok_ends[name[-1]])
        prefix = _strip_proclitics(self.words[name[0]])[-1]
        return dataclasses.replace(pm, surface=surface, start=a, end=b, score=round(pm.score * 0.9, 3),
                                   reason=f"'{surface}' named after the village '{p.name_ar}' (the gazetteer has it "
                                          f"without '{prefix}'); " + pm.reason)

    def next_to_place(self, j: int) -> bool:
        """Token j follows or precedes a place match, with only "و"/"،" between."""
        for m in self.matches:
            if not m.accepted:
                continue
            if 0 < j - m.t1 <= 2 and all(self.word(t) in _LIST_SEPARATORS for t in range(m.t1 + 1, j)):
                return True
            if 0 < m.t0 - j <= 3 and self.word(m.t0 - 1) in _LIST_SEPARATORS | {""} or (
                    0 < m.t0 - j <= 3 and m.prefix.startswith("و")):
                return True
        return False

    def accepted_at(self, k: int) -> bool:
        i = self.first_match_at(k)
        return any(m.t0 == k and m.accepted for m in self.matches[i:i + 3])

    def first_match_at(self, k: int) -> int:
        cached = getattr(self, "_match_t0s", None)
        if cached is None or cached[0] is not self.matches:  # built once per match list (a bisect per call)
            cached = self._match_t0s = (self.matches, [m.t0 for m in self.matches])
        return bisect.bisect_left(cached[1], k)

    def name_tokens(self, k: int, list_item: bool, forming: bool = False) -> list[int]:
        """Tokens of an unknown name starting at token ``k``; ``forming``: after a cue that is part of the name
        ("مزرعة"), so a common word is a name too ("مزرعة العبدالله")."""
        rec = self.rec
        w = self.word(k)
        forms = _strip_proclitics(w)
        if list_item:  # the word is a village-name prefix ("خربة", "تل"): only the next word is checked
            base = next((f for f in forms if f in rec.name_prefixes), None)
            if base is None:
                return []
        else:
            base = w
            if any(f in rec.not_names or f in rec.cue_words or f in rec.unresolved_after for f in forms):
                return []  # "قرى وبلدات ريف إدلب": another cue, not a name
            if base.startswith("و") and base not in rec.name_prefixes and base[1:] in rec.word_rank:
                return []  # "قرى ومدنا": a second thing joined by و, not the name
            if base in rec.not_names or base in rec.cue_words or (
                    base in rec.ordinary and not forming and base not in rec.name_prefixes):
                return []
            if base.isdigit() or len(base) < 3:
                return []
        toks = [k]
        if not list_item and base not in rec.name_prefixes and self.construct_next(k):
            return [k, k + 1] + list(range(k + 2, self.name_end(k + 1) + 1))  # "عون الدادات"
        if base in rec.name_prefixes or list_item:
            nxt = k + 1
            nw = self.word(nxt)
            if self.is_word(nxt) and nw not in rec.not_names and nw not in rec.cue_words and \
                    not any(f in rec.countryside for f in _strip_proclitics(nw)) and not nw.startswith("و"):
                toks.append(nxt)
            elif list_item:
                return []
        return toks + list(range(toks[-1] + 1, self.name_end(toks[-1]) + 1))

    def construct_next(self, k: int) -> bool:
        """"عون الدادات": the word after token k is a rare definite word, no cue, adjective, place or frequent
        word: the two make one name (a construct), even when the first is a common word ("عون" help)."""
        rec = self.rec
        nxt = self.word(k + 1)
        if not (self.is_word(k) and self.is_word(k + 1) and nxt.startswith("ال") and len(nxt) >= 5):
            return False
        if nxt in rec.word_rank or nxt[2:] in rec.word_rank or nxt in rec.not_names or nxt in rec.cue_words or \
                nxt in rec.directions or nxt in rec.name_suffixes or nxt in rec.countryside_definite:
            return False
        w = self.word(k)
        if any(f in rec.not_names or f in rec.cue_words or f in rec.directions for f in _strip_proclitics(w)):
            return False
        i = self.first_match_at(k + 1)
        return not (i < len(self.matches) and self.matches[i].t0 == k + 1 and self.matches[i].t0 in self.mentioned_t0)

    def name_end(self, last: int) -> int:
        """Last token of an unknown name ending at ``last`` or continuing after it: a title takes one more word
        ("تل النبي أيوب"), an adjective ends the name ("الدير الشرقي")."""
        rec = self.rec
        nw = self.word(last + 1)
        if self.word(last) in rec.name_titles and self.is_word(last + 1) and nw not in rec.not_names and \
                nw not in rec.cue_words and not nw.startswith("و"):
            last += 1
        if self.word(last + 1) in rec.name_suffixes:
            last += 1
        return last

    # -- fallbacks ----------------------------------------------------------------------------------------
    def add_fallbacks(self, mentions: list[PlaceMention]) -> list[PlaceMention]:
        if not any(pm.status == "unresolved" for pm in mentions):
            return mentions
        ends = [self.nt.span_to_original(self.tok_starts[i], self.tok_ends[i])[0] for i in self.sentence_bounds]

        def sentence(pos: int) -> int:
            return bisect.bisect_left(ends, pos)

        out = []
        regions_by_sentence: dict[int, list[PlaceMention]] = {}
        focus = self.focus_region()
        for r in mentions:
            if r.status == "region" and r.place is not None and r.place.kind != "road" and \
                    r.role not in NOT_WHERE_ROLES:  # ("مراسل "حلب اليوم"": a source's name is no fallback)
                regions_by_sentence.setdefault(sentence(r.start), []).append(r)
        for pm in mentions:
            if pm.status == "unresolved":
                regions = regions_by_sentence.get(sentence(pm.start), [])
                if regions:
                    after = [r for r in regions if r.start > pm.start]
                    best = after[0] if after else regions[-1]
                    pm = dataclasses.replace(pm, fallback=best.place,
                                             reason=pm.reason + f"; falls back to region '{best.surface}'")
                elif focus is not None:
                    pm = dataclasses.replace(pm, fallback=focus, reason=pm.reason + (
                        f"; falls back to the document's governorate ('{focus.name_ar}')"))
            out.append(pm)
        return out
