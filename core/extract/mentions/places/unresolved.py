"""Step 6: unknown names after a place cue, unknown list items, "تل X" for the village X, article variants,
and the fallback region of each unresolved mention."""

from __future__ import annotations

import bisect
import dataclasses

from core.extract.mentions.places.common import _LIST_SEPARATORS, _km_pt, _Match, _strip_proclitics
from core.model import PlaceMention


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
        triggers = rec.unresolved_triggers
        for j in [j for j, word in enumerate(self.words) if word in triggers]:
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
            if k in starts or k in covered or not self.is_word(k):
                continue
            name = self.name_tokens(k, list_item)
            if not name:
                continue
            if name[0] in emitted:
                continue
            emitted.add(name[0])
            st = self.tok_starts[name[0]]
            if list_item:
                f = _strip_proclitics(self.words[name[0]])
                st = self.tok_ends[name[0]] - len(f[-1]) if f[-1] in rec.name_prefixes else st
            tell = self.tell_of_village(st, name)
            if tell is not None:
                out.append((st, tell))
                continue
            article = self.article_variant(st, self.tok_ends[name[-1]], name, cue)
            if article is not None:
                out.append((st, article))
                continue
            a, b, surface = self.span(st, self.tok_ends[name[-1]])
            prec = 2 if cue and cue in rec.near else 1
            reason = (f"unknown name after cue '{cue}': not in the gazetteer" if cue else
                      "unknown name (a list item or a village-name prefix): not in the gazetteer")
            cue_text = cue or ""
            if cue and self.words[j].endswith(cue):
                cue_text = self.span(self.tok_ends[j] - len(cue), self.tok_ends[j])[2]
            out.append((st, PlaceMention(surface, a, b, None, prec, 0.0, reason, "unresolved", (), cue_text)))
        out += self.unknown_list_items(starts, covered, emitted)
        return out

    def unknown_list_items(self, starts: set[int], covered: set[int], emitted: set[int]
                           ) -> list[tuple[int, PlaceMention]]:
        """"قرى بابيلا وكفرومة والغدفة": an unknown word joined by و right after a place of a list opened by a
        plural cue (قرى، بلدات، قريتي ...) is one more place of the list, missing from the gazetteer."""
        rec, out = self.rec, []
        for m in self.matches:
            cue = m.cues[0] if m.cues else m.inherited_cue
            if not m.accepted or m.road or cue not in rec.list_cues:
                continue
            k = m.t1 + 1
            while self.word(k) in ("،", ","):
                k += 1
            w = self.word(k)
            if not self.is_word(k) or not w.startswith("و") or k in starts or k in covered or k in emitted:
                continue
            stem = w[1:]
            bare = stem[2:] if stem.startswith("ال") else stem
            if len(bare) < 3 or stem in rec.not_names or stem in rec.ordinary or stem in rec.cue_words or \
                    stem in rec.directions or stem in rec.countryside or stem in self.rec.word_rank or \
                    bare in self.rec.word_rank or stem.isdigit():
                continue  # a frequent word ("وتقدمت", "والقرى") is not a village name
            emitted.add(k)
            a, b, surface = self.span(self.tok_ends[k] - len(stem), self.tok_ends[k])
            out.append((self.tok_ends[k] - len(stem), PlaceMention(
                surface, a, b, None, 2 if cue in rec.near else 1, 0.0,
                f"unknown item of a list opened by '{cue}': not in the gazetteer", "unresolved", (), cue)))
        return out

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

    def article_variant(self, st: int, en: int, name: list[int], cue: str | None) -> PlaceMention | None:
        """"قرية الطلحية" where OCHA writes "طلحية" (or the reverse): the name after a cue, with or without
        the article, is in the gazetteer. Tried only after a cue, where a place name is expected."""
        key = " ".join(self.s[st:en].split())
        alt = key[2:] if key.startswith("ال") else "ال" + key
        ids = self.rec.gaz.keys.get(alt)
        if not cue or not ids or len(alt.replace(" ", "")) < 4:
            return None
        m = _Match(st, en, alt, ids, name[0], name[-1], cues=[cue], accepted=True)
        m.cue_kinds.add("near" if cue in self.rec.near else "settlement")
        i = min(bisect.bisect_left([x.start for x in self.matches], st), max(len(self.matches) - 1, 0))
        pm = self.resolve(i, m)
        if pm is None:
            return None
        return dataclasses.replace(pm, reason=pm.reason + f"; spelled '{alt}' in the gazetteer (article)",
                                   score=round(pm.score * 0.9, 3))

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

    def name_tokens(self, k: int, list_item: bool) -> list[int]:
        rec = self.rec
        w = self.word(k)
        forms = _strip_proclitics(w)
        if list_item:  # the word is a village-name prefix ("خربة", "تل"): only the next word is checked
            base = next((f for f in forms if f in rec.name_prefixes), None)
            if base is None:
                return []
        else:
            base = w
            if base in rec.not_names or base in rec.ordinary or base in rec.cue_words:
                return []
            if base.isdigit() or len(base) < 3:
                return []
        toks = [k]
        if base in rec.name_prefixes or list_item:
            nxt = k + 1
            nw = self.word(nxt)
            if self.is_word(nxt) and nw not in rec.not_names and nw not in rec.cue_words and \
                    not any(f in rec.countryside for f in _strip_proclitics(nw)) and not nw.startswith("و"):
                toks.append(nxt)
            elif list_item:
                return []
        return toks + list(range(toks[-1] + 1, self.name_end(toks[-1]) + 1))

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
            if r.status == "region" and r.place is not None and r.place.kind != "road":
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
