"""The shared, immutable recognizer: lexicons and cues, highway patterns, the Aho-Corasick automaton over
every gazetteer key with its proclitics, per-ids memo tables; and the public ``find_places`` / ``get_recognizer``."""

from __future__ import annotations

import gc
import json
import os
import re
from functools import cache
from pathlib import Path

import ahocorasick
import numpy as np
import yaml

from core.extract.mentions.places.common import _ASCII_UPPER, PROCLITICS, _Candidates, _norm_list, _strip_proclitics
from core.extract.mentions.places.document import _Doc
from core.extract.segment import normalized
from core.extract.wordforms import participle_forms
from core.geo.gazetteer import Gazetteer, load_gazetteer
from core.geo.names import name_key
from core.model import PlaceMention
from core.paths import PLACE_LEXICON_DIR as LEXICON_DIR
from core.text import NormalizedText, bmp_codes

_QUOTE_CHARS = "\"«»“”„‟'‘’`()"  # (brackets too: "مدينتي (الحراك) و(طفس)")
_QUOTES = re.compile("[" + re.escape(_QUOTE_CHARS) + "]")  # (a regex: str.translate is slow on Arabic text)


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
        self.countryside_any = frozenset(self.countryside | self.countryside_definite)
        self.countryside_nisba = {name_key("ال" + k): v for k, v in (cues.get("countryside_nisba") or {}).items()}
        self.near_definite = _norm_list(cues.get("near_definite", []))
        self.country_names = _norm_list(cues.get("country_names", []))
        self.capture_stems = tuple(sorted(_norm_list(cues.get("capture_stems", []))))
        self.directions = {name_key(k): v for k, v in cues["directions"].items()}
        self.not_names = _norm_list(cues["not_names"]) | _norm_list(
            [f for w in cues.get("not_name_participles", []) for f in participle_forms(w)])
        self.locator_gap = _norm_list(cues.get("locator_gap_words", []))
        self.name_prefixes = _norm_list(cues["name_prefixes"])
        self.non_distributive = _norm_list(cues["non_distributive"])
        self.unresolved_after_rare = _norm_list(cues.get("unresolved_after_rare", []))
        self.unresolved_after = _norm_list(cues["unresolved_after"]) | self.unresolved_after_rare
        self.unresolved_prefixes = _norm_list(cues.get("unresolved_prefixes", []))
        self.naming = _norm_list(cues.get("naming", []))
        self.list_cues = _norm_list(cues.get("list_cues", []))
        self.name_titles = _norm_list(cues.get("name_titles", []))
        self.name_suffixes = _norm_list(cues.get("name_suffixes", []))
        self.droppable_prefixes = _norm_list(cues.get("droppable_prefixes", []))
        self.name_forming = _norm_list(cues.get("name_forming", []))
        self.describing_plurals = _norm_list(cues.get("describing_plurals", []))
        self.plural_adjectives = _norm_list(cues.get("plural_adjectives", []))
        swaps: dict[str, set[str]] = {}
        for a, b in cues.get("letter_swaps", []):
            swaps.setdefault(name_key(a), set()).add(name_key(b))
            swaps.setdefault(name_key(b), set()).add(name_key(a))
        self.letter_swaps = {k: tuple(sorted(v)) for k, v in swaps.items()}
        self.vowel_letters = tuple(name_key(v) for v in cues.get("vowel_letters", []))
        self.reporter_words = _norm_list(cues.get("reporter_words", []))
        self.reporter_window = int(cues.get("reporter_window", 6))
        self.affiliation_words = _norm_list(cues.get("affiliation_words", []))
        self.title_nouns = _norm_list(cues.get("title_nouns", []))
        self.title_middles = _norm_list(cues.get("title_middles", []))
        self.organisation_adjectives = _norm_list(cues.get("organisation_adjectives", []))
        self.metonym_verbs = _norm_list(cues.get("metonym_verbs", []))
        self.metonym_seat_verbs = _norm_list(cues.get("metonym_seat_verbs", []))
        self.metonym_capitals = _norm_list(cues.get("metonym_capitals", []))
        self.metonym_heads = _norm_list(cues.get("metonym_heads", []))
        self.metonym_strike_nouns = _norm_list(cues.get("metonym_strike_nouns", []))
        self.metonym_pronoun_objects = _norm_list(cues.get("metonym_pronoun_objects", []))
        self.attribution_stems = tuple(_norm_list(cues.get("attribution_stems", [])))
        self.government_nouns = _norm_list(cues.get("government_nouns", []))
        self.reference_nouns = _norm_list(cues.get("reference_nouns", []))
        self.relation_adjectives = _norm_list(cues.get("relation_adjectives", []))
        self.speech_verbs = _norm_list(cues.get("speech_verbs", []))
        self.speech_window = int(cues.get("speech_window", 10))
        self.relation_prepositions = _norm_list(cues.get("relation_prepositions", []))
        self.relation_nouns = _norm_list(cues.get("relation_nouns", []))
        self.reference_pronouns = _norm_list(cues.get("reference_pronouns", []))
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
        self.aoi_far_km = float(dis.get("aoi_far_km", 150))
        self.list_far_km = float(dis.get("list_far_km", 60))
        self.focus_share = float(dis.get("focus_share", 0.6))
        self.part_near_km = float(dis.get("part_near_km", 10))
        self.unresolved_triggers = {p + w for p in PROCLITICS for w in self.unresolved_after | self.name_prefixes}
        self.unresolved_triggers |= {"ل" + w[1:] for w in self.unresolved_triggers if w.startswith("ال")}
        self.cue_words = (self.settlement | self.near | set(self.admin) | self.countryside | set(self.directions))
        self._build_roads(roads)
        self._build_automaton()
        self._candidates: dict[tuple[str, ...], _Candidates] = {}
        self._road_ids: dict[tuple[str, ...], bool] = {}
        self._cue_of: dict[str, str | None] = {}
        self._risky: dict[tuple[str, tuple[str, ...]], bool] = {}
        self._one_letter: dict[str, tuple | None] = {}  # variants.one_letter_neighbour
        self._region_places: dict[tuple[str, str, str], tuple] = {}  # RegionsAndRoads.region_place
        self._road_lines: dict[str, list[tuple[float, float]]] | None = None  # RegionsAndRoads.road_mention
        self._road_points: dict[tuple[str, float, float], tuple] = {}  # RegionsAndRoads.road_at

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
        both_words = {name_key(w) for w in spec["both"]}
        self.both_head = os.path.commonprefix(sorted(both_words))  # where a "both highways" phrase can begin
        both = "|".join(sorted({re.escape(w) for w in both_words}, key=len, reverse=True))
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
        # added in sorted order: the trie's nodes are allocated in depth-first order, so the nodes a scan walks
        # through lie close together in memory (a scan of the text is a third faster, fewer cache misses)
        for pattern in sorted(entries):
            auto.add_word(pattern, entries[pattern])
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
        codes = bmp_codes(nt.text)
        if codes is not None:  # both replacements below in one pass, by a code-point table
            codes = _case_and_quotes_lut()[codes]  # (the code points of s, read again by the document's steps)
            s = codes.tobytes().decode("utf-32-le")
        else:
            s = _ASCII_UPPER.sub(lambda m: m.group().lower(), nt.text)  # "M5" → "m5" (length kept)
            # quotes around names ("قرى "البانة وتل عثمان"") do not stand between a cue and its names (length kept)
            s = _QUOTES.sub(" ", s)
        doc = _Doc(self, nt, s, codes)
        return doc.run()


@cache
def _case_and_quotes_lut():
    """Per BMP code point: A-Z lowered, the quotes of ``_QUOTES`` a space, any other character itself."""
    lut = np.arange(0x10000, dtype=np.uint32)
    lut[ord("A"):ord("Z") + 1] += 32
    lut[[ord(c) for c in _QUOTE_CHARS]] = 32
    return lut


def fast_normalize(text: str) -> NormalizedText:
    """The document's normalization (:func:`core.extract.segment.normalized`: cached, shared with the other recognizers)."""
    return normalized(text)


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
