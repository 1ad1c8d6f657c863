"""Find place names in Arabic news text and resolve them to gazetteer entries.

One Aho-Corasick automaton holds every normalized gazetteer key (with its spelling variants and aliases),
each padded with word boundaries and prefixed with the proclitics و ف ب ل ك (and their pairs), so a single
pass over the normalized text finds "وسراقب", "بريف", "لمدينة", "للأتارب" at word boundaries only.

Then, over the whole document:
1. longest non-overlapping matches; highway phrases ("الطريق الدولي حلب - دمشق", "إم فايف") first;
2. cue words before a name (قرية، قرب، محور، ريف، شرق ...) → kind preference and precision;
3. ordinary-word gating: a name that is also a common word ("سمكة", "النصر") or has ≤ 3 letters needs a cue
   or a list of other places around it; a common noun with the article ("المدينة", "الملجأ") needs a naming
   cue ("قرية", "بلدة"), since "غرب المدينة" means the city already named;
4. regions: "ريف إدلب الجنوبي الشرقي", "شرق إدلب", "الريف الشرقي لإدلب", named regions → precision 3;
   "X شرق مدينة Y" uses Y to locate X (not emitted as a region);
5. disambiguation among same-named places: admin units and regions named in the sentence/document, the OCHA
   qualifier, distance to the document's unambiguous places, the area of interest; the reason is kept.
   Document coherence: when every candidate lies outside the document's governorates and far from its other
   places ("محور الحويز" in a report on Hama; the gazetteer's الحويز are in Latakia and Aleppo), the text is
   taken to name a place the gazetteer lacks (unresolved after a cue, ignored without one); "بلدة X" where X
   is only an admin unit is unresolved too;
6. unknown names after a place cue, kept whole ("قرية الدير الشرقي", "تل النبي أيوب"), unknown "خربة ..." list
   items and unknown last items of a "قرى X وY وZ" list → status "unresolved", no coordinates, with
   ``fallback`` = the region named in the same sentence, else the countryside of the document's main
   governorate; "تل X" where the gazetteer has only the village X is resolved to X when X fits the document.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from itertools import chain as iter_chain
from operator import itemgetter
from pathlib import Path

import ahocorasick
import yaml

from core.extract.segment import normalized
from core.geo.gazetteer import Gazetteer, load_gazetteer
from core.geo.names import name_key
from core.model import Place, PlaceMention
from core.paths import PLACE_LEXICON_DIR as LEXICON_DIR
from core.text import NormalizedText

PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
_WORD = re.compile(r"[\u0621-\u064aa-z0-9]+|[^\s]")
_SPACE_WORD = re.compile(r"(\s*)(" + _WORD.pattern + ")")  # a _WORD token with the spaces before it
_NONWORD_NOT_SPACE = re.compile(r"[^\u0621-\u064aa-z0-9 ]")
_WORD_CHARS = frozenset([chr(c) for c in range(0x621, 0x64B)] + list("abcdefghijklmnopqrstuvwxyz0123456789"))
_SENTENCE_END = set(".!?؟\n;؛")
_LIST_SEPARATORS = {"،", ",", "و"}
_ASCII_UPPER = re.compile(r"[A-Z]+")
# A definite common-word name whose indefinite form is among this many most frequent words is a common noun
# ("المدينة" ← "مدينة"): it needs a naming cue (cues.yaml: naming). Same cut as the build's ORDINARY_STEM_TOP_N.
STRICT_STEM_RANK = 15_000
ADMIN_RANK = {"admin0": -1, "admin1": 0, "admin2": 1, "admin3": 2}


def _norm_list(words) -> set[str]:
    return {name_key(w) for w in words}


@cache
def _strip_proclitics(word: str) -> tuple[str, ...]:
    """The word and its forms without proclitics ("بريف" → ("بريف", "ريف"), "للمدينة" → (..., "المدينه"))."""
    forms = [word]
    if len(word) > 3 and word[:2] in ("وب", "ول", "وك", "فب", "فل", "فك"):
        forms.append(word[2:])
    if len(word) > 2 and word[0] in "وفبلك":
        forms.append(word[1:])
    if word.startswith("لل") and len(word) > 3:
        forms.append("ا" + word[1:])
    if word.startswith(("ولل", "فلل")) and len(word) > 4:
        forms.append("ا" + word[2:])
    return tuple(forms)


@dataclass(slots=True)
class _Match:
    start: int  # normalized text, without proclitics
    end: int
    key: str
    ids: tuple[str, ...]
    t0: int  # first token index
    t1: int  # last token index
    prefix: str = ""
    cues: list[str] = field(default_factory=list)  # normalized cue words, nearest first
    cue_tok: int = -1  # token of the nearest cue word (for its surface in the original text)
    cue_kinds: set[str] = field(default_factory=set)  # settlement | near | admin:adminN | city | countryside
    directions: str = ""  # compass code of a countryside/direction construction ("SE")
    region_form: str = ""  # countryside | direction | ""
    locator_for: int | None = None  # index of the match this one locates ("X شرق مدينة Y")
    hints: list[int] = field(default_factory=list)  # locator matches pointing at this match
    risky: bool = False
    accepted: bool = False
    via_list: int | None = None  # accepted thanks to the list partner with this index
    inherited_cue: str = ""
    road: bool = False
    direction_tok: int = -1  # first token of a direction construction ("شمال غربي")


@dataclass(frozen=True)
class _Candidates:
    """What the disambiguation reads of a match's candidate places, computed once per distinct tuple of ids."""

    places: list[Place]
    by_kind: dict[str, list[Place]]
    admin_units: list[Place]  # admin0..3, by ADMIN_RANK
    admin1: str  # the governorate this name alone points to ("" if none or several): admin1_weights
    multi_points: list[tuple[float, float]]  # points of several community/site candidates (else empty)
    anchor: tuple[float, float] | None  # the point of a single community/site candidate

    @classmethod
    def of(cls, places: list[Place]) -> _Candidates:
        by_kind: dict[str, list[Place]] = {}
        for p in places:
            by_kind.setdefault(p.kind, []).append(p)
        admins = [p for p in places if p.kind in ("admin1", "admin2", "admin3", "region")]
        local = [p for p in places if p.kind in ("community", "site")]
        # a name that is an admin unit in one governorate and villages in others ("الحواش") says nothing
        a1s = {p.admin1_pcode for p in admins + local if p.admin1_pcode}
        a1 = a1s.pop() if len(a1s) == 1 and (admins or len(local) == 1) else ""
        located = [c for c in local if c.lat is not None]
        return cls(places=places, by_kind=by_kind,
                   admin_units=sorted((p for p in places if p.kind in ADMIN_RANK), key=lambda p: ADMIN_RANK[p.kind]),
                   admin1=a1,
                   multi_points=[(c.lat, c.lon) for c in located] if len(located) > 1 else [],
                   anchor=(local[0].lat, local[0].lon) if len(local) == 1 and local[0].lat is not None else None)


class PlaceRecognizer:
    """Gazetteer matcher + disambiguator. Build once (``get_recognizer()``), call :meth:`find` per document."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon_dir: Path = LEXICON_DIR,
                 area_of_interest: list[str] | None = None):
        self.gaz = gazetteer or load_gazetteer()
        cues = yaml.safe_load((lexicon_dir / "cues.yaml").read_text(encoding="utf-8"))
        dis = yaml.safe_load((lexicon_dir / "disambiguation.yaml").read_text(encoding="utf-8"))
        roads = yaml.safe_load((lexicon_dir / "roads.yaml").read_text(encoding="utf-8"))
        self.settlement = _norm_list(cues["settlement"]) | _norm_list(cues.get("toward", []))
        near = [name_key(w) for w in cues["near"]]
        self.near = {w for w in near if " " not in w}
        self.near_pairs = {tuple(w.split()) for w in near if " " in w}
        self.admin = {name_key(k): v for k, v in cues["admin"].items()}
        self.city = _norm_list(cues["city"])
        self.countryside = _norm_list(cues["countryside"])
        self.countryside_definite = _norm_list(cues["countryside_definite"])
        self.directions = {name_key(k): v for k, v in cues["directions"].items()}
        self.not_names = _norm_list(cues["not_names"])
        self.name_prefixes = _norm_list(cues["name_prefixes"])
        self.non_distributive = _norm_list(cues["non_distributive"])
        self.unresolved_after = _norm_list(cues["unresolved_after"])
        self.unresolved_prefixes = _norm_list(cues.get("unresolved_prefixes", []))
        self.naming = _norm_list(cues.get("naming", []))
        self.list_cues = _norm_list(cues.get("list_cues", []))
        self.name_titles = _norm_list(cues.get("name_titles", []))
        self.name_suffixes = _norm_list(cues.get("name_suffixes", []))
        self.droppable_prefixes = _norm_list(cues.get("droppable_prefixes", []))
        words = (lexicon_dir / "ordinary_words.txt").read_text(encoding="utf-8").splitlines()
        self.ordinary = _norm_list(w.strip() for w in words if w.strip() and not w.startswith("#"))
        frequent = self.gaz.build_dir / "ordinary_keys.json"
        if frequent.exists():  # written by the geodata build from word frequencies
            self.ordinary |= set(json.loads(frequent.read_text(encoding="utf-8")))
        ranks = self.gaz.build_dir / "frequent_words.json"
        self.word_rank: dict[str, int] = json.loads(ranks.read_text(encoding="utf-8")) if ranks.exists() else {}
        self.aoi = set(area_of_interest or dis["area_of_interest"])
        self.w = dis["weights"]
        self.coherence_km = float(dis.get("coherence_km", 60))
        self.homonym_far_km = float(dis.get("homonym_far_km", 25))
        self.single_far_km = float(dis.get("single_far_km", 100))
        self.focus_share = float(dis.get("focus_share", 0.6))
        self.unresolved_triggers = {p + w for p in PROCLITICS for w in self.unresolved_after | self.name_prefixes}
        self.unresolved_triggers |= {"ل" + w[1:] for w in self.unresolved_triggers if w.startswith("ال")}
        self.cue_words = (self.settlement | self.near | set(self.admin) | self.countryside | set(self.directions))
        self._build_roads(roads)
        self._build_automaton()
        self._candidates: dict[tuple[str, ...], _Candidates] = {}
        self._road_ids: dict[tuple[str, ...], bool] = {}
        self._cue_of: dict[str, str | None] = {}
        self._risky: dict[tuple[str, tuple[str, ...]], bool] = {}

    # -- construction -------------------------------------------------------------------------------------
    def _build_roads(self, spec: dict) -> None:
        self.road_codes: dict[str, str] = {}
        for code, road in spec["roads"].items():
            for c in road["codes"]:
                self.road_codes[name_key(c).lower()] = f"road:{code}"
        words = "|".join(sorted({re.escape(name_key(w)) for w in spec["road_words"]}, key=len, reverse=True))
        adjs = "|".join(sorted({re.escape(name_key(w)) for w in spec["road_adjectives"]}, key=len, reverse=True))
        alts = []
        self.endpoint_road: dict[frozenset, str] = {}
        for code, road in spec["roads"].items():
            for a, b in road["endpoints"]:
                self.endpoint_road[frozenset((name_key(a), name_key(b)))] = f"road:{code}"
                alts += [re.escape(name_key(a)), re.escape(name_key(b))]
        city = "|".join(sorted(set(alts), key=len, reverse=True))
        sep = r"\s*(?:-|–|—|/|\s)\s*(?:و)?\s*"
        # matched only where a road word starts (see _Doc.road_word_starts), not at every position
        self.road_re = re.compile(
            rf"(?:{words})(?:\s+(?:{adjs}))*\s+(?:بين\s+)?"
            rf"(?P<a>{city}){sep}(?P<b>{city})(?:\s+(?:{adjs}))?(?![\u0621-\u064a])")
        both = "|".join(sorted({re.escape(name_key(w)) for w in spec["both"]}, key=len, reverse=True))
        self.both_re = re.compile(rf"(?<![\u0621-\u064a])[وفبل]?(?:{both})(?![\u0621-\u064a])")

    def _build_automaton(self) -> None:
        auto = ahocorasick.Automaton()
        entries: dict[str, tuple[str, str, tuple[str, ...], bool]] = {}
        all_keys = dict(self.gaz.keys)
        for code, pid in self.road_codes.items():
            all_keys[code] = (pid,)
        for key, ids in all_keys.items():
            for pre in PROCLITICS:
                entries[f" {pre}{key} "] = (key, pre, ids, False)
            if key.startswith("ال") and len(key) > 3:
                for pre in ("", "و", "ف"):
                    entries[f" {pre}ل{key[1:]} "] = (key, pre, ids, True)  # للأتارب = ل + الأتارب (alef elided)
        for pattern, value in entries.items():
            auto.add_word(pattern, value)
        auto.make_automaton()
        self.automaton = auto

    def candidates(self, ids: tuple[str, ...]) -> _Candidates:
        """The places of a match's ids, grouped once per distinct id tuple (read-only: never mutate)."""
        info = self._candidates.get(ids)
        if info is None:
            info = self._candidates[ids] = _Candidates.of([self.gaz.places[p] for p in ids])
        return info

    def cue_of(self, word: str) -> str | None:
        """The cue word a token is, proclitics removed ("بريف" → "ريف"), or None (memoized per token)."""
        try:
            return self._cue_of[word]
        except KeyError:
            if len(self._cue_of) > 200_000:  # bounded: a long-running process sees ever new tokens
                self._cue_of.clear()
            hit = self._cue_of[word] = next((f for f in _strip_proclitics(word) if f in self.cue_words), None)
            return hit

    def has_road_id(self, ids: tuple[str, ...]) -> bool:
        road = self._road_ids.get(ids)
        if road is None:
            road = self._road_ids[ids] = any(i.startswith("road:") for i in ids)
        return road

    def is_word_not_clitic(self, pre: str, key: str) -> bool:
        """"وزارة" is a word, not و + the village "زارة": the whole token is more frequent than the name."""
        whole = self.word_rank.get(pre + key)
        return whole is not None and whole < self.word_rank.get(key, 10**9)

    # -- main entry ---------------------------------------------------------------------------------------
    def find(self, text: str) -> list[PlaceMention]:
        if not text or not text.strip():
            return []
        nt = normalized(text)
        s = _ASCII_UPPER.sub(lambda m: m.group().lower(), nt.text)  # "M5" → "m5" (length kept)
        doc = _Doc(self, nt, s)
        return doc.run()


def _any_inside(spans, found) -> bool:
    """Whether some span of ``found`` lies strictly inside some span of ``spans`` (both (start, end, ...))."""
    inner = sorted((f[0], f[1]) for f in found)
    starts = [f[0] for f in inner]
    for r in spans:
        for i in range(bisect.bisect_left(starts, r[0]), bisect.bisect_right(starts, r[1])):
            if inner[i][1] <= r[1] and inner[i] != (r[0], r[1]):
                return True
    return False


def fast_normalize(text: str) -> NormalizedText:
    """The document's normalization (:func:`core.extract.segment.normalized`: cached, shared with the other recognizers)."""
    return normalized(text)


class _Doc:
    """The work on one document (kept apart from the recognizer, which is shared and immutable)."""

    def __init__(self, rec: PlaceRecognizer, nt, s: str):
        self.rec, self.nt, self.s = rec, nt, s
        # (spaces, token) pairs: the running sum of their lengths gives each token's start and end
        pairs = _SPACE_WORD.findall(s)
        self.words = list(map(itemgetter(1), pairs))
        self.n_tokens = len(self.words)
        bounds = list(accumulate(map(len, iter_chain.from_iterable(pairs))))
        self.tok_starts, self.tok_ends = bounds[::2], bounds[1::2]
        self.sentence_bounds = [i for i, w in enumerate(self.words) if w in _SENTENCE_END]
        self._sentence_admin: dict[int | None, Counter] = {}
        self._admin1_weights: tuple[Counter, dict[str, Counter]] | None = None

    def sentence_of(self, tok: int) -> int:
        return bisect.bisect_left(self.sentence_bounds, tok)

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.n_tokens else ""

    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n_tokens and self.words[i][0] in _WORD_CHARS

    def forms(self, i: int) -> tuple[str, ...]:
        return _strip_proclitics(self.word(i)) if self.is_word(i) else ()

    # -- pipeline -----------------------------------------------------------------------------------------
    def analyse(self, matches: list[_Match]) -> None:
        self.matches = matches
        self._sentence_admin = {}
        self._admin1_weights = None
        for i, m in enumerate(matches):
            self.read_cues(i, m)
        self.find_locators()
        self.gate()

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
        for i, m in enumerate(matches):
            if not m.accepted or m.locator_for is not None:
                continue
            pm = self.resolve(i, m)
            if pm is not None:
                out.append((m.start, pm))
        out += [(st, pm) for st, pm in self.countryside_pronouns()]
        unknown = self.unresolved()
        # "خربة القصير" (unknown) is another place than "القصير": drop mentions inside an unknown name (and the
        # bare "مرديخ" inside "تل مرديخ", which unresolved() resolved as a whole)
        spans = [(pm.start, pm.end) for _, pm in unknown]
        out = [(st, pm) for st, pm in out if not any(a <= pm.start and pm.end <= b for a, b in spans)]
        out += unknown
        out.sort(key=lambda x: x[1].start)
        return self.add_fallbacks([pm for _, pm in out])

    # -- 1. matching --------------------------------------------------------------------------------------
    def raw_matches(self) -> list[_Match]:
        """Every gazetteer key / highway phrase found at word boundaries (kept in self.found)."""
        s = self.s
        padded = " " + _NONWORD_NOT_SPACE.sub(" ", s) + " "  # (a space stays a space)
        found: list[tuple[int, int, str, str, tuple[str, ...], bool]] = []
        # highways by endpoint phrase and "both highways" phrases
        for p in self.road_word_starts():
            m = None
            for q in range(p, min(p + 3, len(s))):  # after a proclitic: "بالطريق", "وطريق"
                m = self.rec.road_re.match(s, q)
                if m:
                    break
            pid = m and self.rec.endpoint_road.get(frozenset((m.group("a"), m.group("b"))))
            if pid:
                found.append((m.start(), m.end(), s[m.start():m.end()], "", (pid,), True))
        if "الدولي" in s:
            for m in self.rec.both_re.finditer(s):
                found.append((m.start(), m.end(), s[m.start():m.end()], "", ("road:M5", "road:M4"), True))
        never = self.rec.cue_words | self.rec.countryside_definite
        for end, (key, pre, ids, elided) in self.rec.automaton.iter(padded):
            if key in never:
                continue
            if pre and not elided and " " not in key and self.rec.is_word_not_clitic(pre, key):
                continue
            # the pattern " pre+key " ends at padded index `end` (its trailing space) → exclusive end end-1 in s
            t_end = end - 1
            name_start = t_end - (len(key) - 1 if elided else len(key))  # "للأتارب" → "لأتارب"
            found.append((name_start, t_end, key, pre + ("ل" if elided else ""), ids, False))
        self.found = found
        return self.select(set())

    def select(self, excluded: set[tuple[int, int, str]]) -> list[_Match]:
        """Longest non-overlapping matches (roads first), leaving out ``excluded`` (start, end, key)."""
        s = self.s
        found = [f for f in self.found if (f[0], f[1], f[2]) not in excluded]
        found.sort(key=lambda f: (not f[5], -(f[1] - f[0]), f[0]))
        taken = bytearray(len(s) + 1)
        chosen = []
        for f in found:
            if taken.find(1, f[0], f[1]) != -1:
                continue
            taken[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
            chosen.append(f)
        chosen.sort(key=lambda f: f[0])
        out = []
        for st, en, key, pre, ids, road in chosen:
            t0 = bisect.bisect_right(self.tok_starts, st) - 1
            t1 = bisect.bisect_left(self.tok_ends, en)
            out.append(_Match(st, en, key, ids, max(t0, 0), min(t1, self.n_tokens - 1), pre, road=road
                              or self.rec.has_road_id(ids)))
        # drop a "both highways" phrase when the codes follow it ("الطريقين الدوليين إم فور وإم فايف")
        keep = []
        for i, m in enumerate(out):
            if len(m.ids) == 2 and m.road and i + 1 < len(out) and out[i + 1].road and out[i + 1].t0 - m.t1 <= 2:
                continue
            keep.append(m)
        return keep

    def road_word_starts(self) -> list[int]:
        """Start of each word containing "طريق" or "ستراد" (str.find: much faster than a regex scan)."""
        s, starts = self.s, set()
        for core in ("طريق", "ستراد"):
            i = s.find(core)
            while i != -1:
                w = i
                while w > 0 and s[w - 1] in _WORD_CHARS and i - w < 6:
                    w -= 1
                starts.add(w)
                i = s.find(core, i + 1)
        return sorted(starts)

    # -- 2. cues ------------------------------------------------------------------------------------------
    def read_cues(self, i: int, m: _Match) -> None:
        rec = self.rec
        j = m.t0 - 1
        # countryside and direction constructions after the name: "ريف إدلب الجنوبي الشرقي"
        after = m.t1 + 1
        dirs = ""
        while self.is_word(after) and self.word(after) in rec.directions and len(dirs) < 2:
            dirs += rec.directions[self.word(after)]
            after += 1
        # "الريف الشرقي لإدلب", "المحور الجنوبي من محافظة حماة": countryside word + directions + ل/من + name
        k: int | None = j
        joined = m.prefix.endswith("ل")
        if not joined and self.is_word(j) and any(f in ("محافظه", "مدينه") for f in self.forms(j)):
            joined = self.word(j).startswith("ل")
            k = j - 1
        if not joined:
            k = k - 1 if self.word(k) in ("من", "في") else None
        if k is not None:
            pre_dirs = ""
            while self.is_word(k) and self.word(k) in rec.directions and len(pre_dirs) < 2:
                pre_dirs = rec.directions[self.word(k)] + pre_dirs
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

    def find_locators(self) -> None:
        """"النيرب شرق مدينة إدلب": the direction construction locates the preceding place."""
        for i, m in enumerate(self.matches):
            if m.region_form != "direction" or i == 0:
                continue
            prev = self.matches[i - 1]
            dtok = (m.direction_tok if m.direction_tok >= 0 else m.t0 - 1)
            if self.word(dtok).startswith("و") and self.word(dtok) not in self.rec.directions:
                continue  # "سراقب وجنوبي إدلب": a second place, not a locator
            if prev.t1 == dtok - 1 and self.sentence_of(prev.t1) == self.sentence_of(m.t0):
                m.locator_for = i - 1
                prev.hints.append(i)

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
        return all(p.kind == "neighbourhood" for p in places)

    def gate(self) -> None:
        for m in self.matches:
            m.risky = self.is_risky(m)
            m.accepted = not m.risky or (bool(m.cue_kinds) and (not self.is_strict(m) or self.named_by(m.cues)))
        # lists: "حلبان وسمكة وتل خطرة", "محيط كفرنوران والأتارب", "قريتي كالوتة وباشمرة"
        chains = self.chains()  # depends on the matches and their own cues only: computed once
        for chain in chains:
            head = chain[0]
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
                    if self.is_strict(m) and not self.named_by(head_m.cues):
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
                while self.is_word(after) and self.word(after) in self.rec.directions and len(dirs) < 2:
                    dirs += self.rec.directions[self.word(after)]
                    after += 1
                for x in ms:
                    x.region_form = "countryside"
                    x.directions = x.directions or _compass(dirs)

    def is_strict(self, m: _Match) -> bool:
        """A common noun with the article that is also a village name ("المدينة" the city, "الملجأ" the shelter):
        it refers to something of the text unless a naming cue ("قرية", "بلدة") calls it a place. Told by its
        indefinite form being a frequent word ("مدينة", "ملجأ"), unlike "الراشدين" (frequent only with the article)."""
        return m.risky and m.key.startswith("ال") and self.rec.word_rank.get(m.key[2:], 10**9) < STRICT_STEM_RANK

    def named_by(self, cues: list[str]) -> bool:
        return bool(cues) and cues[0] in self.rec.naming

    def chains(self) -> list[list[int]]:
        """Runs of matches separated only by "و", "،" or ","; each run is a list of place names."""
        runs: list[list[int]] = []
        cur: list[int] = []
        for i, m in enumerate(self.matches):
            if cur:
                prev = self.matches[cur[-1]]
                between = self.words[prev.t1 + 1:m.t0]  # (valid token indices: a slice is word() of each)
                if prev.cues and prev.cues[0] == "ريفي":  # "ريفي إدلب الجنوبي وحماة الشمالي"
                    between = [w for w in between if w not in self.rec.directions]
                joined = all(w in _LIST_SEPARATORS for w in between) and (between or m.prefix.startswith("و"))
                if joined and (m.prefix.startswith("و") or "و" in between or between):
                    cur.append(i)
                    continue
                runs.append(cur)
            cur = [i]
        if cur:
            runs.append(cur)
        return [r for r in runs if len(r) > 1]

    # -- 5. disambiguation --------------------------------------------------------------------------------
    def anchor_points(self) -> list[tuple[float, float]]:
        """Points of accepted Syrian names with a single community/site candidate (spatial coherence)."""
        pts = []
        for m in self.matches:
            if not m.accepted or m.road or m.locator_for is not None:  # a locator is a relation, not a place
                continue
            anchor = self.rec.candidates(m.ids).anchor
            if anchor is not None:
                pts.append(anchor)
        return pts

    def admin_context(self, sentence: int | None) -> Counter:
        """Admin P-codes named (as admin units or regions) in a sentence, or in the document (None)."""
        if sentence not in self._sentence_admin:
            self._sentence_admin[sentence] = self._admin_context(sentence)
        return self._sentence_admin[sentence]

    def _admin_context(self, sentence: int | None) -> Counter:
        c: Counter = Counter()
        for m in self.matches:
            if not m.accepted or (sentence is not None and self.sentence_of(m.t0) != sentence):
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

    def admin1_weights(self) -> tuple[Counter, dict[str, Counter]]:
        """Governorates of the document's admin units, regions and unambiguous places: in total and per key."""
        if self._admin1_weights is None:
            total: Counter = Counter()
            by_key: dict[str, Counter] = {}
            for m in self.matches:
                if not m.accepted or m.road:
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
        return dataclasses.replace(gov, place_id=f"region:{a1}:countryside", name_ar="ريف " + gov.name_ar,
                                   name_en="rural " + gov.name_en, kind="region", qualifier_ar="",
                                   admin2_pcode="", admin2_name_en="", admin2_name_ar="",
                                   admin3_pcode="", admin3_name_en="", admin3_name_ar="")

    def out_of_document(self, m: _Match, local: list[Place]) -> str:
        """Why the same-named communities ``local`` are all unlikely to be the place the text means ("" when
        one may be): they lie outside every governorate of the document and far from its other places, so the
        text more likely names a place the gazetteer lacks ("محور الحويز" in a report on Hama, while the
        gazetteer's الحويز are in Latakia and Aleppo)."""
        rec = self.rec
        if m.hints or not local or any(p.kind != "community" or p.lat is None for p in local):
            return ""
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
        if len(local) == 1 and (local[0].admin1_pcode in rec.aoi or d <= rec.single_far_km):
            return ""
        where = ", ".join(sorted({p.admin1_name_en or p.admin1_pcode for p in local}))
        dist = f"{d:.0f} km from its other places" if d < float("inf") else "and it has no other place"
        return (f"the gazetteer's '{m.key}' ({len(local)} place{'s' if len(local) > 1 else ''}, {where}) lies "
                f"outside the document's governorates ({', '.join(sorted(govs))}), {dist}: "
                "taken for a place the gazetteer lacks")

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
        doc_keys = {x.key for x in self.matches if x.accepted}
        hints = []
        for h in m.hints:
            loc = self.matches[h]
            places = rec.candidates(loc.ids).places
            anchor = next((x for x in places if x.kind == "community"), places[0])
            if anchor.lat is not None:
                hints.append((loc, anchor))
        others = [pt for pt in self.resolved_points]
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
            elif own & admins:
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
            if p.qualifier_ar and name_key(p.qualifier_ar).removeprefix("مركز ") in doc_keys - {m.key}:
                score += w["qualifier_in_document"]
                why.append(f"its OCHA qualifier '{p.qualifier_ar}' is named")
            if p.lat is not None:
                d = self.distance_to_others(i, m, p, others)
                if d is not None:
                    score += w["near_other_places"] * math.exp(-d / rec.coherence_km)
                    if d < rec.coherence_km:
                        why.append(f"{d:.0f} km from the document's other places")
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

    # -- building mentions --------------------------------------------------------------------------------
    def span(self, st: int, en: int) -> tuple[int, int, str]:
        a, b = self.nt.span_to_original(st, en)
        return a, b, self.nt.original[a:b]

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
        if set(by_kind) == {"admin0"}:
            return None  # "سوريا" alone names the country (or the state as an actor), not a place to map
        for kind in ("region", "foreign", "site"):
            if kind in by_kind and not ({"community"} & set(by_kind) and kind == "foreign"):
                p = by_kind[kind][0]
                prec = 3 if kind == "region" else (2 if near else 1)
                status = "region" if kind == "region" else "resolved"
                return PlaceMention(surface, a, b, p, prec, 1.0, f"{kind} '{p.name_en}'{risky_note}", status,
                                    tuple(places[1:]), cue)
        admin_units = info.admin_units
        local = by_kind.get("community", []) + by_kind.get("site", [])
        nbh = by_kind.get("neighbourhood", [])
        if nbh and self.neighbourhood_ok(m, nbh):
            local = local + nbh
        want_admin = next((k.split(":")[1] for k in m.cue_kinds if k.startswith("admin:")), "")
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
        use_admin = admin_units and (not local or (admin_units[0].kind == "admin1" and not m.cue_kinds))
        if use_admin:
            p = admin_units[0]
            return PlaceMention(surface, a, b, p, 3, 1.0,
                                f"{p.kind} name without a settlement cue: coded as a region", "region",
                                tuple(x for x in places if x is not p), cue)
        if not local:
            return None
        # (a name that is also a district / sub-district is a known town, wherever it lies: "مدينة القامشلي")
        far = "" if admin_units else self.out_of_document(m, local)
        if far:
            if not m.cues and (m.risky or not m.inherited_cue):
                return None  # an uncued word far from the story ("التلال المطلة على ...", "سراقب وتركيا")
            last = self.name_end(m.t1)  # "تل السيد موسى": the unknown name is longer than the homonym
            if last > m.t1:
                a, b, surface = self.span(m.start, self.tok_ends[last])
            return PlaceMention(surface, a, b, None, 2 if near else 1, 0.0, f"after cue '{cue}'; {far}",
                                "unresolved", tuple(local), cue)
        p, score, reason, runners = self.choose(i, m, local)
        if m.risky:
            score = round(score * 0.9, 3)
        prec = 2 if near else 1
        why = (f"after cue '{cue}'; " if cue else "") + reason + risky_note
        if m.hints:
            loc = self.matches[m.hints[0]]
            why += f"; located by '{self.span(loc.start, loc.end)[2]}'"
        extra = [x for x in admin_units if x is not p]
        return PlaceMention(surface, a, b, p, prec, score, why, "resolved", tuple(runners + extra), cue)

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
        places = self.rec.candidates(m.ids).places
        if places and all(p.kind == "neighbourhood" for p in places):
            return self.neighbourhood_ok(m, places)
        return True

    def neighbourhood_ok(self, m: _Match, nbh: list[Place]) -> bool:
        if any(self.word(m.t0 - 1).endswith(c) for c in ("حي", "احياء", "حيي")):
            return True
        if m.cues and m.cues[0] in self.rec.settlement:  # "بلدة النيرب": a town, not a city quarter
            return False
        sent = self.sentence_of(m.t0)
        cities = {name_key(p.qualifier_ar) for p in nbh} | {name_key(p.admin1_name_ar) for p in nbh}
        keys = self.sentence_keys().get(sent, Counter())
        return any(keys[c] > (m.key == c) for c in cities)  # another match in the sentence names the city

    def sentence_keys(self) -> dict[int, Counter]:
        """Sentence → count of each match key (built once per match list: linear cost)."""
        cached = getattr(self, "_sentence_keys", None)
        if cached is None or cached[0] is not self.matches:
            keys: dict[int, Counter] = {}
            for x in self.matches:
                keys.setdefault(self.sentence_of(x.t0), Counter())[x.key] += 1
            cached = self._sentence_keys = (self.matches, keys)
        return cached[1]

    def region_base(self, by_kind: dict[str, list[Place]], m: _Match, i: int) -> Place | None:
        for kind in ("admin0", "admin1", "admin2", "admin3"):
            if kind in by_kind and not ("city" in m.cue_kinds and "community" in by_kind):
                return by_kind[kind][0]
        if "community" in by_kind:
            cands = by_kind["community"]
            return self.choose(i, m, cands)[0] if len(cands) > 1 else cands[0]
        return None

    def region_mention(self, m: _Match, base: Place, a: int, b: int, surface: str, cue: str) -> PlaceMention:
        gaz = self.rec.gaz
        dirs = m.directions
        label = {"N": "شمال", "S": "جنوب", "E": "شرق", "W": "غرب"}
        if base.kind == "admin1":
            lat, lon = gaz.directional_point(base.place_id, dirs) if dirs else (base.lat, base.lon)
            admin = base
        elif base.kind == "admin0":  # "شمال غربي سوريا": the governorate holding the point
            lat, lon = gaz.directional_point("SY", dirs) if dirs else (base.lat, base.lon)
            admin = gaz.by_id(gaz.admin1_of(lat, lon) or "") or base
        elif base.kind in ("admin2", "admin3"):
            lat, lon = base.lat, base.lon
            admin = base
        else:  # countryside of a town: coded to the town
            lat, lon = base.lat, base.lon
            admin = base
        name_ar = ("ريف " if m.region_form == "countryside" else "") + base.name_ar
        if dirs:
            name_ar += " (" + " ".join(label[d] for d in dirs) + ")"
        en_prefix = "rural " if m.region_form == "countryside" else ""
        region = Place(
            place_id=f"region:{base.place_id}:{m.region_form}{(':' + dirs) if dirs else ''}", name_ar=name_ar,
            name_en=f"{en_prefix}{base.name_en}{(' ' + dirs) if dirs else ''}".strip(), kind="region",
            lat=lat, lon=lon, admin1_pcode=admin.admin1_pcode, admin1_name_en=admin.admin1_name_en,
            admin1_name_ar=admin.admin1_name_ar,
            admin2_pcode=admin.admin2_pcode if base.kind not in ("admin0", "admin1") else "",
            admin2_name_en=admin.admin2_name_en if base.kind not in ("admin0", "admin1") else "",
            admin2_name_ar=admin.admin2_name_ar if base.kind not in ("admin0", "admin1") else "",
            country="SY")
        # the span covers the cue and the direction words: "ريف إدلب الجنوبي الشرقي"
        t_first = m.t0
        if m.region_form == "countryside" and not m.inherited_cue:
            k = m.t0 - 1
            words = self.rec.countryside | self.rec.countryside_definite
            while k >= 0 and m.t0 - k <= 5 and not any(f in words for f in self.forms(k)):
                k -= 1
            if k >= 0 and m.t0 - k <= 5:
                t_first = k
        elif m.region_form == "direction":
            t_first = (m.direction_tok if m.direction_tok >= 0 else m.t0 - 1)
        t_last = m.t1
        while self.is_word(t_last + 1) and self.word(t_last + 1) in self.rec.directions and t_last - m.t1 < 2:
            t_last += 1
        st = m.start if t_first == m.t0 else self.tok_starts[t_first]
        forms = _strip_proclitics(self.words[t_first])
        if t_first != m.t0 and forms[-1] != self.words[t_first] and (
                forms[-1] in self.rec.countryside or forms[-1] in self.rec.directions):
            st = self.tok_ends[t_first] - len(forms[-1])
        a, b, surface = self.span(st, self.tok_ends[t_last])
        reason = (f"{m.region_form} of {base.kind} '{base.name_en}'"
                  + (f", {dirs} part" if dirs else "") + " coded to a representative point")
        return PlaceMention(surface, a, b, region, 3, 1.0, reason, "region", (base,), cue)

    def road_mention(self, m: _Match, places: list[Place], a: int, b: int, surface: str, cue: str) -> PlaceMention:
        road = places[0]
        lines = self.rec.gaz.road_lines()
        code = road.place_id.split(":", 1)[1]
        reason = f"highway {code}"
        line = lines.get(code, [])
        if line and self.resolved_points:
            clat = sum(p[0] for p in self.resolved_points) / len(self.resolved_points)
            clon = sum(p[1] for p in self.resolved_points) / len(self.resolved_points)
            lat, lon = min(line, key=lambda q: _km_pt(q[0], q[1], (clat, clon)))
            if (lat, lon) != (road.lat, road.lon):
                adm1 = self.rec.gaz.admin1_of(lat, lon) or road.admin1_pcode
                gov = self.rec.gaz.by_id(adm1)
                road = dataclasses.replace(road, lat=lat, lon=lon, admin1_pcode=adm1,
                                           admin1_name_en=gov.admin1_name_en if gov else "",
                                           admin1_name_ar=gov.admin1_name_ar if gov else "",
                                           admin2_pcode="", admin2_name_en="", admin2_name_ar="",
                                           admin3_pcode="", admin3_name_en="", admin3_name_ar="")
                reason += ": point on the road nearest the document's other places"
        if len(places) > 1:
            reason += " (both highways named: M5 chosen, M4 runner-up)"
        return PlaceMention(surface, a, b, road, 3, 1.0, reason, "region", tuple(places[1:]), cue)

    # -- 4b. "سراقب وريفها" ----------------------------------------------------------------------------------
    def countryside_pronouns(self) -> list[tuple[int, PlaceMention]]:
        out = []
        for i, m in enumerate(self.matches):
            if not m.accepted or m.road:
                continue
            k = m.t1 + 1
            if self.word(k) == "و":
                k += 1
            forms = self.forms(k)
            if not forms or not any(f in ("ريفها", "ريفه") for f in forms):
                continue
            base = self.region_base(self.rec.candidates(m.ids).by_kind, m, i)
            if base is None:
                continue
            st = self.tok_ends[k] - len(forms[-1]) if forms[-1] in ("ريفها", "ريفه") else self.tok_starts[k]
            a, b, surface = self.span(st, self.tok_ends[k])
            region = dataclasses.replace(base, place_id=f"region:{base.place_id}:countryside",
                                         name_ar="ريف " + base.name_ar, name_en="rural " + base.name_en,
                                         kind="region", qualifier_ar="")
            out.append((st, PlaceMention(surface, a, b, region, 3, 0.9,
                                         f"countryside of '{base.name_en}' (pronoun)", "region", (base,), "ريف")))
        return out

    # -- 6. unresolved names ------------------------------------------------------------------------------
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


def _compass(dirs: str) -> str:
    """Canonical order: N/S before E/W ("ES" → "SE"), duplicates dropped."""
    ns = "".join(d for d in dict.fromkeys(dirs) if d in "NS")[:1]
    ew = "".join(d for d in dict.fromkeys(dirs) if d in "EW")[:1]
    return ns + ew


def _km_pt(lat: float, lon: float, q: tuple[float, float]) -> float:
    """Equirectangular distance in km: exact enough at the scale of a country, and cheap."""
    dy = (q[0] - lat) * 110.95
    dx = (q[1] - lon) * 111.32 * math.cos(math.radians((q[0] + lat) / 2))
    return math.hypot(dx, dy)


def _lies_towards(p: Place, anchor: Place, directions: str) -> bool:
    """Is ``p`` in the compass direction(s) ``directions`` ("NW") from ``anchor``?"""
    tests = {"N": p.lat > anchor.lat, "S": p.lat < anchor.lat, "E": p.lon > anchor.lon, "W": p.lon < anchor.lon}
    return all(tests[d] for d in directions)


def _km(p: Place, q: Place) -> float:
    if p.lat is None or q.lat is None:
        return float("inf")
    return _km_pt(p.lat, p.lon, (q.lat, q.lon))


@cache
def get_recognizer() -> PlaceRecognizer:
    """The shared recognizer over the built gazetteer (built once per process).

    The gazetteer's records, keys and lexicons (~100k objects) live as long as the process: they are moved out of
    the cyclic garbage collector's generations (``gc.freeze``), which otherwise walks them again and again while
    documents are processed (about a tenth of the extraction time)."""
    recognizer = PlaceRecognizer()
    gc.freeze()
    return recognizer


def find_places(text: str, *, recognizer: PlaceRecognizer | None = None) -> list[PlaceMention]:
    """Place mentions of a whole document, sorted by start; spans index the original ``text``."""
    return (recognizer or get_recognizer()).find(text)


__all__ = ["PlaceRecognizer", "fast_normalize", "find_places", "get_recognizer"]
