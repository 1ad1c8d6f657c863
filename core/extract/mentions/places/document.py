"""The work on one document: tokens, the pipeline order (match → cues → gating → resolve → unresolved →
fallbacks); each step's methods live in their own module, mixed in here."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from functools import cache
from itertools import accumulate, compress
from itertools import chain as iter_chain
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np

from core.extract.mentions.places.common import (
    _SENTENCE_END,
    _SPACE_WORD,
    _WORD_CHARS,
    _Match,
    _strip_proclitics,
)
from core.extract.mentions.places.cues import CueReading
from core.extract.mentions.places.disambiguation import Disambiguation
from core.extract.mentions.places.matching import MatchFinding
from core.extract.mentions.places.quarters import QuartersInCities
from core.extract.mentions.places.regions import RegionsAndRoads
from core.extract.mentions.places.resolution import Resolution
from core.extract.mentions.places.roles import PlaceRoles
from core.extract.mentions.places.unresolved import UnresolvedNames
from core.extract.mentions.places.variants import SpellingVariants
from core.geo.names import name_key as _key
from core.model import PlaceMention
from core.text import bmp_codes

if TYPE_CHECKING:
    from core.extract.mentions.places.recognizer import PlaceRecognizer



LOCATED_BACK_WORDS = 4  # a locator's located word that is no place: how far back the place it describes may be
_WORDS = re.compile(r"[\u0621-\u064a]+")


def _any_inside(spans, found) -> bool:
    """Whether some span of ``found`` lies inside some span of ``spans`` and is not it (both (start, end, ...)):
    a bisect per span over the found spans sorted by start (not every pair)."""
    inner = sorted((f[0], f[1]) for f in found)
    starts = [f[0] for f in inner]
    for r in spans:
        for i in range(bisect.bisect_left(starts, r[0]), bisect.bisect_right(starts, r[1])):
            if inner[i][1] <= r[1] and inner[i] != (r[0], r[1]):
                return True
    return False

@cache
def _char_classes() -> tuple[np.ndarray, np.ndarray]:
    """Per BMP code point: a name character of ``_WORD`` (Arabic letter, a-z, 0-9), and a space (regex ``\\s``)."""
    name = np.zeros(0x10000, dtype=bool)
    for lo, hi in (("\u0621", "\u064a"), ("a", "z"), ("0", "9")):
        name[ord(lo):ord(hi) + 1] = True
    space = np.fromiter((chr(c).isspace() for c in range(0x10000)), dtype=bool, count=0x10000)
    return name, space


def _token_spans(s: str, codes: np.ndarray | None = None) -> tuple[list[int], list[int]] | None:
    """Starts and ends of the ``_WORD`` tokens of ``s`` (a run of name characters, or any other single character
    but a space), by table (``codes``: the code points of ``s`` when known); None for a text outside the BMP."""
    if codes is None:
        codes = bmp_codes(s)
    if codes is None:
        return None
    name_lut, space_lut = _char_classes()
    name = np.zeros(len(codes) + 2, dtype=bool)
    name[1:-1] = name_lut[codes]
    inner = name[1:-1]
    other = ~inner & ~space_lut[codes]
    starts = np.flatnonzero(other | (inner & ~name[:-2]))
    ends = np.flatnonzero(other | (inner & ~name[2:])) + 1
    return starts.tolist(), ends.tolist()


class _Doc(MatchFinding, CueReading, Disambiguation, Resolution, RegionsAndRoads, UnresolvedNames,
           SpellingVariants, PlaceRoles, QuartersInCities):
    """The work on one document (kept apart from the recognizer, which is shared and immutable)."""

    def __init__(self, rec: PlaceRecognizer, nt, s: str, codes: np.ndarray | None = None):
        """``codes``: the code points of ``s`` (an array), when the caller has them (else read here)."""
        self.rec, self.nt, self.s = rec, nt, s
        self.codes = bmp_codes(s) if codes is None else codes
        spans = _token_spans(s, self.codes) if self.codes is not None else None
        if spans is not None:
            self.tok_starts, self.tok_ends = spans
            self.words = [s[a:b] for a, b in zip(self.tok_starts, self.tok_ends, strict=True)]
        else:
            # (spaces, token) pairs: the running sum of their lengths gives each token's start and end
            pairs = _SPACE_WORD.findall(s)
            self.words = list(map(itemgetter(1), pairs))
            bounds = list(accumulate(map(len, iter_chain.from_iterable(pairs))))
            self.tok_starts, self.tok_ends = bounds[::2], bounds[1::2]
        self.n_tokens = len(self.words)
        self.word_set = set(self.words)
        self.sentence_bounds = self.positions(_SENTENCE_END)
        self._sentence_admin: dict[int | None, Counter] = {}
        self._admin1_weights: tuple[Counter, dict[str, Counter]] | None = None
        self.lists: list[list[int]] = []
        self.placed: dict[int, tuple[float, float]] = {}
        self.placed_admin1: dict[int, str] = {}
        self.named_after: dict[int, int] = {}
        self._long_names: dict | None = None
        self._city_keys: set[str] | None = None
        self.mentioned_t0: set[int] = set()
        self._spans: dict[tuple[int, int], tuple[int, int, str]] = {}  # span(): normalized → original span, text
        self._seats: dict[tuple[int, int], bool] = {}  # speaker_seat() per original span
        self._reporter_stems: tuple[list[int], list[int]] | None = None  # reporter_before(): stems' starts, ends
        self._sentence_ends: list[int] | None = None  # last_sentence_end(): sentence ends of the original text

    def positions(self, targets: set[str] | frozenset[str]) -> list[int]:
        """Indices of the tokens that are one of ``targets``, in order: a set intersection first (most documents hold
        none or one of them), then C-level scans (``list.index``, ``compress``), not a Python loop over every token."""
        present = self.word_set.intersection(targets)
        if not present:
            return []
        words = self.words
        if len(present) > 1:
            return list(compress(range(self.n_tokens), map(present.__contains__, words)))
        (w,) = present
        out = [words.index(w)]
        while True:
            try:
                out.append(words.index(w, out[-1] + 1))
            except ValueError:
                return out

    def sentence_of(self, tok: int) -> int:
        return bisect.bisect_left(self.sentence_bounds, tok)

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.n_tokens else ""

    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n_tokens and self.words[i][0] in _WORD_CHARS

    def direction_at(self, i: int) -> str | None:
        """The compass code of token ``i`` when it is a direction word ("الجنوبي" → "S"), else None (one call for
        ``is_word(i) and word(i) in rec.directions`` and the look-up)."""
        if 0 <= i < self.n_tokens:
            w = self.words[i]
            if w[0] in _WORD_CHARS:
                return self.rec.directions.get(w)
        return None

    def forms(self, i: int) -> tuple[str, ...]:
        """The forms of word ``i`` without proclitics (``_strip_proclitics``), () for no word."""
        if 0 <= i < self.n_tokens:
            w = self.words[i]
            if w[0] in _WORD_CHARS:
                return _strip_proclitics(w)
        return ()

    def drop_prefixed_known(self, unknown: list[tuple[int, PlaceMention]],
                            out: list[tuple[int, PlaceMention]]) -> list[tuple[int, PlaceMention]]:
        """"حاجز غور العاصي", "حاجز جسر غور العاصي": an unknown name of prefix words ending inside a known name
        that runs on past it ("حاجز غور" + "غور العاصي"), or right before one ("حاجز جسر" + "غور العاصي"), is a site
        of the known place (its checkpoint, its bridge), not an unknown village."""
        if not unknown:
            return unknown
        known = sorted((pm.start, pm.end) for _, pm in out if pm.status == "resolved")
        starts = [a for a, _ in known]
        text = self.nt.original
        keep = []
        for st, u in unknown:
            k = bisect.bisect_right(starts, u.start)
            if k < len(known) and known[k][0] < u.end < known[k][1]:
                continue
            last = u.surface.split()[-1] if u.surface else ""
            if k < len(known) and not text[u.end:known[k][0]].strip() and _key(last) in self.rec.name_prefixes:
                continue
            keep.append((st, u))
        return keep

    def drop_tails_of_unknown(self, out: list[tuple[int, PlaceMention]],
                              unknown: list[tuple[int, PlaceMention]]) -> list[tuple[int, PlaceMention]]:
        """"قرية حوش X" unknown, then "كتيبة حوش X" again without a cue: the gazetteer's X matched there is the
        tail of the unknown name written again, not the far village X (looked up by last word: linear)."""
        by_last: dict[str, set[str]] = {}
        for _, pm in unknown:
            words = pm.surface.split()
            if len(words) > 1:
                by_last.setdefault(words[-1], set()).add(pm.surface)
        if not by_last:
            return out
        keep = []
        for st, pm in out:
            longer = by_last.get(pm.surface.split()[-1], ()) if pm.surface else ()
            if any(len(u) > len(pm.surface) and u.endswith(pm.surface) and pm.end - len(u) >= 0
                   and self.nt.original[pm.end - len(u):pm.end] == u for u in longer):
                continue
            keep.append((st, pm))
        return keep

    # -- pipeline -----------------------------------------------------------------------------------------
    def analyse(self, matches: list[_Match]) -> None:
        self.matches = matches
        self._sentence_admin = {}
        self._admin1_weights = None
        self._long_names = None
        self._city_keys = None
        for i, m in enumerate(matches):
            self.read_cues(i, m)
        self.find_locators()
        self.gate()
        self.spread_region_hints()

    def run(self) -> list[PlaceMention]:
        self.analyse(self.raw_matches())
        # a long name rejected in context ("حلب الجديدة", a quarter, with no quarter cue) gives way to the
        # shorter names inside it ("حلب")
        rejected = {(m.start, m.end, m.key) for m in self.matches if not self.usable(m)}
        if rejected and _any_inside(rejected, self.found):
            self.analyse(self.select(rejected))
        matches = self.matches
        self.mentions: list[PlaceMention] = []
        self.resolved_points: list[tuple[float, float]] = list(dict.fromkeys(self.anchor_points()))
        out: list[tuple[int, PlaceMention]] = []
        self.placed: dict[int, tuple[float, float]] = {}  # match index → point of the place it was resolved to
        self.mentioned_t0: set[int] = set()  # first tokens of the matches that became mentions
        self.placed_admin1: dict[int, str] = {}  # match index → governorate of the place it was resolved to
        locators: list[int] = []
        for i, m in enumerate(matches):
            if not m.accepted:
                continue
            if m.locator_for is not None:
                locators.append(i)
                continue
            pm = self.resolve(i, m)
            if pm is not None:
                self.mentioned_t0.add(m.t0)
                out.append((m.start, pm))
                if pm.status == "resolved" and pm.place is not None and pm.place.lat is not None:
                    self.placed[i] = (pm.place.lat, pm.place.lon)
                    self.placed_admin1[i] = pm.place.admin1_pcode
        out += [(st, pm) for st, pm in self.countryside_pronouns()]
        unknown = self.drop_prefixed_known(self.unresolved(), out)
        # "خربة القصير" (unknown) is another place than "القصير": drop mentions inside an unknown name (and the
        # bare "مرديخ" inside "تل مرديخ", which unresolved() resolved as a whole)
        spans = [(pm.start, pm.end) for _, pm in unknown]
        if spans:
            out = [(st, pm) for st, pm in out if not any(a <= pm.start and pm.end <= b for a, b in spans)]
            out = self.drop_tails_of_unknown(out, unknown)
        out += unknown
        out.sort(key=lambda x: x[1].start)
        mentions = self.quarters_in_named_cities(self.add_fallbacks(self.assign_roles([pm for _, pm in out])))
        mentions = self.place_references(mentions)
        if locators:
            mentions = sorted(mentions + self.locator_mentions(locators, mentions), key=lambda pm: pm.start)
        return mentions

    def locator_mentions(self, indices: list[int], mentions: list[PlaceMention]) -> list[PlaceMention]:
        """"X جنوب غرب مدينة Y", "X قرب Y": Y as a mention of role "locator" with the span of X (``locates``), after
        the other mentions are settled (a locator is no anchor, fallback or antecedent). The events assembly drops
        it from an event holding X and keeps it, with its direction, for an event whose only place it names (X a
        common word the gate refused, or no place of that event)."""
        out: list[PlaceMention] = []
        relations = [pm for pm in mentions if pm.role == "relation" and pm.locates]
        starts = [pm.start for pm in mentions]
        text = self.nt.original
        for i in indices:
            m = self.matches[i]
            pm = self.resolve(i, m)
            if pm is None or pm.place is None:
                continue
            located = self.matches[m.locator_for]
            a, b, _ = self.span(located.start, located.end)
            # "X الحدودية مع تركيا شمال غربي إدلب": the locator of a relation locates the place it describes
            target = next((r.locates for r in relations if r.start < b and a < r.end), None)
            if target is None and not any(x.start < b and a < x.end for x in mentions[
                    max(0, bisect.bisect_left(starts, a) - 1):bisect.bisect_right(starts, b)]):
                # the located word is no place ("البلدة ومطارها العسكري غربي حماة"): the place named just
                # before it, a few words back in the sentence, is what the direction locates
                k = bisect.bisect_left(starts, a) - 1
                gap = text[mentions[k].end:a] if k >= 0 else ""
                if k >= 0 and len(_WORDS.findall(gap)) <= LOCATED_BACK_WORDS and not set(gap) & _SENTENCE_END:
                    target = (mentions[k].start, mentions[k].end)
            out.append(dataclasses.replace(pm, role="locator", locates=target or (a, b)))
        return out
