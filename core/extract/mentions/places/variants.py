"""Names the gazetteer spells another way: an unknown name after a cue or in a list of places is looked up
with the article added or dropped ("قرية الطلحية" / OCHA "طلحية", "الدير الشرقي" / "دير شرقي"), then with one
letter changed ("كبانة" / OCHA "كباني", "بينين" / "بنين"). A one-letter variant is taken only when it names
exactly one place of the area of interest and that place fits the document: the reader's guess must be as
safe as the text's own spelling, so anything less stays unresolved."""

from __future__ import annotations

import bisect
import dataclasses

from core.extract.mentions.places.common import _km_pt, _Match
from core.geo.names import name_key
from core.model import Place, PlaceMention

MIN_VARIANT_LETTERS = 4  # shorter names have too many one-letter neighbours
FINAL_VOWELS = ("ه", "ا", "ي")  # a word's last letter written as ta marbuta, alef or alef maqsura ("الشولا" / "الشوله")


def final_letter_variants(key: str) -> set[str]:
    """Keys with one word's final ta marbuta/alef/alef maqsura written as another of them."""
    out: set[str] = set()
    words = key.split()
    for i, w in enumerate(words):
        if len(w) >= 3 and w[-1] in FINAL_VOWELS:
            out |= {" ".join([*words[:i], w[:-1] + v, *words[i + 1:]]) for v in FINAL_VOWELS if v != w[-1]}
    return out


def _toggle_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else "ال" + word


def one_letter_variants(key: str, swaps: dict[str, tuple[str, ...]], vowels: tuple[str, ...]) -> set[str]:
    """Keys one spelling step from ``key``: a letter swapped for its look/sound-alike, a long vowel left out,
    written in or one letter further (not at the start of a word)."""
    out: set[str] = set()
    n = len(key)
    for i, c in enumerate(key):
        for alt in swaps.get(c, ()):
            out.add(key[:i] + alt + key[i + 1:])
        if c in vowels and i > 0 and key[i - 1] != " ":
            out.add(key[:i] + key[i + 1:])
    for i in range(1, n + 1):
        if key[i - 1] == " ":
            continue
        for v in vowels:
            out.add(key[:i] + v + key[i:])
    out.discard(key)
    return {k for k in out if "  " not in k and not k.startswith(" ") and not k.endswith(" ")}


def vowel_moves(key: str, vowels: tuple[str, ...]) -> set[str]:
    """Keys with a long vowel one letter further ("طليحة" / OCHA "طلحية"), not at a word's start nor in its article:
    tried only when no one-letter variant names a place."""
    n = len(key)
    article = {j + d for j in range(n - 1) if key[j:j + 2] == "ال" and (j == 0 or key[j - 1] == " ") for d in (0, 1)}
    out = set()
    for i in range(1, n - 1):
        a, b = key[i], key[i + 1]
        if (a in vowels) != (b in vowels) and " " not in (a, b) and key[i - 1] != " " and \
                i not in article and i + 1 not in article:
            out.add(key[:i] + b + a + key[i + 2:])
    out.discard(key)
    return out


def first_word_index(rec) -> dict[str, tuple]:
    """First word → communities named by two words beginning with it, where that word is a name of its own (not a
    village-name prefix like تل، كفر، عين, not a word the gazetteer names by itself). Built once per recognizer."""
    index = getattr(rec, "_first_word_index", None)
    if index is None:
        groups: dict[str, list] = {}
        for p in rec.gaz.places.values():
            if p.kind != "community" or p.lat is None:
                continue
            words = name_key(p.name_ar).split()
            if len(words) != 2 or len(words[0]) < MIN_VARIANT_LETTERS:
                continue
            head = words[0]
            bare = head[2:] if head.startswith("ال") else head
            if head in rec.name_prefixes or bare in rec.name_prefixes or head in rec.gaz.keys or \
                    head in rec.ordinary or head in rec.word_rank:
                continue
            groups.setdefault(head, []).append(p)
        index = rec._first_word_index = {k: tuple(v) for k, v in groups.items()}
    return index


def one_letter_neighbour(rec, key: str) -> tuple[str, Place] | None:
    """The only located community/site of the area of interest one spelling step from ``key`` (its key and place),
    or None: a pure function of the key, memoized on the recognizer (names recur from document to document)."""
    memo = rec._one_letter
    try:
        return memo[key]
    except KeyError:
        pass
    found: dict[str, tuple[str, Place]] = {}
    for variants in (one_letter_variants(key, rec.letter_swaps, rec.vowel_letters),
                     vowel_moves(key, rec.vowel_letters)):
        for alt in variants:
            for pid in rec.gaz.keys.get(alt, ()):
                p = rec.gaz.places[pid]
                if p.kind in ("community", "site") and p.lat is not None and p.admin1_pcode in rec.aoi:
                    found[pid] = (alt, p)
        if found:
            break  # the simpler spelling step first
    if len(memo) > 100_000:  # bounded: a long-running process sees ever new names
        memo.clear()
    hit = memo[key] = next(iter(found.values())) if len(found) == 1 else None
    return hit


class SpellingVariants:
    """Gazetteer look-ups of other spellings, mixed into :class:`~core.extract.mentions.places.document._Doc`."""

    def gazetteer_variant(self, st: int, en: int, name: list[int], cue: str) -> PlaceMention | None:
        """The gazetteer place an unknown name (tokens ``name``, normalized span ``st:en``) means under another
        spelling, or None. ``cue`` is the cue before it ("" for an item of an uncued list of places)."""
        key = " ".join(self.s[st:en].split())
        words = key.split()
        article_keys = [" ".join([_toggle_article(words[0]), *words[1:]])]
        if len(words) > 1:
            article_keys.append(" ".join(_toggle_article(w) for w in words))
        for alt in article_keys:
            ids = self.rec.gaz.keys.get(alt)
            if ids and len(alt.replace(" ", "")) >= MIN_VARIANT_LETTERS:
                pm = self._resolve_variant(st, en, name, alt, ids, cue)
                if pm is not None:
                    return dataclasses.replace(pm, reason=pm.reason + f"; spelled '{alt}' in the gazetteer (article)",
                                               score=round(pm.score * 0.9, 3))
        if len(key.replace(" ", "")) < MIN_VARIANT_LETTERS:
            return None
        return self.one_letter_place(st, en, key, cue) or self.partial_place(st, en, key, cue)

    def partial_place(self, st: int, en: int, key: str, cue: str) -> PlaceMention | None:
        """"ركايا" for OCHA's "ركايا سجنة" (two villages OCHA lists as one), "الخوين" for "خوين الكبير": a one-word
        unknown name (with or without the article) that begins a two-word name of the area of interest fitting the
        document, at precision 2. Of several such names, the one clearly nearest the document's other places."""
        rec = self.rec
        if " " in key:
            return None
        index = first_word_index(rec)
        heads = (key, _toggle_article(key)) if len(key) > 4 or not key.startswith("ال") else (key,)
        found = list(dict.fromkeys(p for h in heads for p in index.get(h, ()) if p.admin1_pcode in rec.aoi))
        if not found:
            return None
        if len(found) == 1:
            p = found[0]
            where = self.fits_document(p)
        else:
            p, where = self.clearly_nearest(found)
        if p is None or not where:
            return None
        a, b, surface = self.span(st, en)
        only = "the only such place in the area of interest" if len(found) == 1 else \
            f"the nearest of {len(found)} such places"
        reason = (f"{'after cue ' + repr(cue) + '; ' if cue else 'list item; '}'{surface}' begins the gazetteer's "
                  f"'{p.name_ar}', {only}, {where}")
        return PlaceMention(surface, a, b, p, 2, 0.6, reason, "resolved", (), cue)

    def clearly_nearest(self, places: list) -> tuple[Place | None, str]:
        """The place of ``places`` nearest the document's other places when it lies within ``homonym_far_km`` of them
        and the next one is at least half as far again (else None, ""): a guess between same-headed names is made
        only where the text's own geography settles it."""
        if not self.resolved_points:
            return None, ""
        dist = sorted((min(_km_pt(p.lat, p.lon, q) for q in self.resolved_points), i, p) for i, p in enumerate(places))
        (d0, _, p0), (d1, _, _) = dist[0], dist[1]
        if d0 > self.rec.homonym_far_km or d1 < 1.5 * max(d0, 1.0):
            return None, ""
        return p0, f"{d0:.0f} km from the document's other places (the next {d1:.0f} km)"

    def _resolve_variant(self, st: int, en: int, name: list[int], alt: str, ids: tuple[str, ...],
                         cue: str) -> PlaceMention | None:
        m = _Match(st, en, alt, ids, name[0], name[-1], cues=[cue] if cue else [], accepted=True)
        if cue:
            m.cue_kinds.add("near" if cue in self.rec.near else "settlement")
        i = min(bisect.bisect_left(self.match_starts(), st), max(len(self.matches) - 1, 0))
        pm = self.resolve(i, m)
        if pm is None or pm.status != "resolved":
            return None
        return pm

    def match_starts(self) -> list[int]:
        """Starts of the matches, built once per match list (a bisect per look-up)."""
        cached = getattr(self, "_match_starts", None)
        if cached is None or cached[0] is not self.matches:
            cached = self._match_starts = (self.matches, [x.start for x in self.matches])
        return cached[1]

    def one_letter_place(self, st: int, en: int, key: str, cue: str) -> PlaceMention | None:
        rec = self.rec
        hit = one_letter_neighbour(rec, key)
        where = self.fits_document(hit[1]) if hit is not None else ""
        only = "the only such place in the area of interest"
        if not where:
            hit = self.final_letter_neighbour(key)
            if hit is None:
                return None
            where, only = self.fits_document(hit[1]), "the only such place fitting the document"
        alt, p = hit
        a, b, surface = self.span(st, en)
        near = bool(cue) and cue in rec.near
        reason = (f"{'after cue ' + repr(cue) + '; ' if cue else 'list item; '}'{surface}' is one letter from the "
                  f"gazetteer's '{alt}', {only}, {where}")
        return PlaceMention(surface, a, b, p, 2 if near else 1, 0.7, reason, "resolved", (), cue)

    def final_letter_neighbour(self, key: str) -> tuple[str, Place] | None:
        """The only located community/site anywhere in the country that fits the document and is spelled as ``key``
        with a word's final ta marbuta/alef/alef maqsura written otherwise ("الشولا" / OCHA "الشوله", "جديه" /
        "جديا"): the commonest spelling variation of all, so the text's own context, not the area of interest,
        settles it."""
        gaz = self.rec.gaz
        found = {}
        for alt in final_letter_variants(key):
            for pid in gaz.keys.get(alt, ()):
                p = gaz.places[pid]
                if p.kind in ("community", "site") and p.lat is not None and self.fits_document(p):
                    found[pid] = (alt, p)
        return next(iter(found.values())) if len(found) == 1 else None

    def fits_document(self, p) -> str:
        """Why place ``p`` fits the document ("" when it does not): its governorate is the document's, or it
        lies near the document's other places."""
        if self.in_document_admin1(p.admin1_pcode):
            return f"in the document's governorate ({p.admin1_name_en})"
        d = min((_km_pt(p.lat, p.lon, q) for q in self.resolved_points), default=float("inf"))
        if d <= self.rec.homonym_far_km:
            return f"{d:.0f} km from the document's other places"
        return ""
