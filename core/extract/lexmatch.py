"""Whole-word lexicon matching on normalized Arabic text, with proclitics and suffixes.

Shared by the actor and trigger recognizers (each builds its own :class:`LexiconMatcher`
from its YAML lexicon). Forms are normalized with :func:`core.text.normalize`; a form may
be preceded by the proclitics و ف ب ل ك (and their pairs: وب، ول، فب …); a form starting
with the article "ال" also matches after ل as "لل" (للقوات). A match must end at a word
boundary, or be followed by one of the entry's allowed suffixes (attached pronouns,
verb endings). Overlaps are resolved leftmost-longest.

A form may be a gap pattern: "شن … غارات|هجوما" (up to 2 words between), "سيطر …3 على" (up to 3).
Its head (before the first gap) is a key of the automaton like any form; the parts after it are
checked on the next few words of the same clause, so the cost per hit is bounded and one pass
stays linear. The match spans the head only (the words between may be the actor), but it
covers the whole pattern when overlaps are resolved, so a trigger inside the gap is absorbed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import ahocorasick
import numpy as np

from core.model import dict_init
from core.text import NormalizedText, alnum_table, bmp_codes, normalize

GAP = "…"
DEFAULT_GAP_WORDS = 2
_CLAUSE_STOPS = ".،؛:!؟\n"
_WORD_OR_STOP_RE = re.compile(r"[^\W_]+|[.،؛:!؟\n]")

PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")
ARTICLE_AFTER_LAM = ("ل", "ول", "فل")  # ل + ال → لل

SUFFIX_SETS: dict[str, tuple[str, ...]] = {
    "none": (),
    # attached pronouns on nouns (هجومها، قصفهم)
    "noun": ("ه", "ها", "هم", "هما", "نا"),
    # past/imperfect endings and object pronouns on verbs (قصفوا، قصفتا، استهدفته)
    "verb": ("ت", "تا", "ا", "وا", "ن", "ه", "ها", "هم", "هما", "نا", "ته", "تها", "تهم", "وه", "وها", "وهم"),
}


def is_word_char(ch: str) -> bool:
    return ch.isalnum() and ch not in "ـ"


_NON_WORD_RE = re.compile(r"[^\w]|_")
_WORD_REST_RE = re.compile(r"[^\W_ـ]+")  # word characters as :func:`is_word_char` has them (no tatweel)


@cache
def _keep_lut() -> np.ndarray:
    """Per BMP code point: itself if a letter or digit (not _), else a space."""
    return np.where(alnum_table(), np.arange(len(alnum_table()), dtype=np.uint32), np.uint32(32)).astype(np.uint32)


@lru_cache(maxsize=32)
def padded_words(text: str) -> str:
    """" " + text with every non-word character turned into a space (same length, shifted by one): by a lookup
    table over the code points (the regex substitution cost as much as the automaton pass)."""
    codes = bmp_codes(text)
    if codes is None:
        return " " + _NON_WORD_RE.sub(" ", text)
    return " " + _keep_lut()[codes].tobytes().decode("utf-32-le")


@dict_init
@dataclass(frozen=True)
class LexMatch:
    """A lexicon hit: span in normalized text (without its proclitic) and in the original text."""

    norm_start: int
    norm_end: int
    start: int
    end: int
    form: str
    payload: Any
    proclitic: str = ""
    suffix: str = ""
    extent_end: int = -1  # normalized end of the whole gap pattern (-1: same as norm_end)


@dataclass(frozen=True)
class _Tail:
    """What must follow the head of a gap pattern: per part, (max words skipped, alternatives as word tuples)."""

    parts: tuple[tuple[int, tuple[tuple[str, ...], ...]], ...]
    form: str
    payload: Any
    budget: int = 0  # how many words after the head the parts can reach (derived from ``parts``)
    firsts: tuple[tuple[str, ...], ...] = ()  # per part, the first words of its alternatives (derived)

    @staticmethod
    def of(parts: tuple[tuple[int, tuple[tuple[str, ...], ...]], ...], form: str, payload: Any) -> _Tail:
        return _Tail(parts, form, payload, sum(g + max(len(a) for a in alts) for g, alts in parts),
                     tuple(tuple(dict.fromkeys(a[0] for a in alts)) for _, alts in parts))


@dataclass(frozen=True)
class _Key:
    key: str  # the exact string in the automaton
    core_offset: int  # where the form itself starts inside ``key`` (after the proclitic)
    form: str
    proclitic: str
    payload: Any
    suffixes: tuple[str, ...]
    plain: bool = True  # the head alone is a form (else only its gap patterns are)
    tails: tuple[_Tail, ...] = ()
    length: int = 0  # len(key)
    quoted: bool = False  # a quoted variant: its doubled spaces must stand over quote marks


def _parse_tail(rest: str) -> tuple[tuple[int, tuple[tuple[str, ...], ...]], ...]:
    """"2 غارات|هجوما …3 على" → ((2, (("غارات",), ("هجوما",))), (3, (("على",),)))."""
    parts = []
    for chunk in rest.split(GAP):
        m = re.match(r"\s*(\d*)\s*(.*)", chunk)
        gap = int(m.group(1)) if m.group(1) else DEFAULT_GAP_WORDS
        alts = tuple(tuple(normalize(a).split()) for a in m.group(2).split("|") if normalize(a).split())
        if not alts:
            raise ValueError(f"gap pattern with an empty part: {rest!r}")
        parts.append((gap, alts))
    return tuple(parts)


def _match_tail(text: str, pos: int, tail: _Tail) -> int:
    """End (in ``text``) of ``tail`` matched on the words from ``pos`` within the clause, or -1."""
    budget = tail.budget
    limit = min(len(text), pos + 25 * budget)
    for firsts in tail.firsts:  # a part none of whose words is in the window cannot match (most hits)
        for w in firsts:
            if text.find(w, pos, limit) >= 0:
                break
        else:
            return -1
    words: list[str] = []
    ends: list[int] = []
    for m in _WORD_OR_STOP_RE.finditer(text, pos, limit):
        w = m.group()
        if w[0] in _CLAUSE_STOPS:
            break
        words.append(w)
        ends.append(m.end())
        if len(words) >= budget:
            break
    i = 0
    end = -1
    for gap, alts in tail.parts:
        found = False
        for skip in range(gap + 1):
            j = i + skip
            for alt in alts:
                if tuple(words[j:j + len(alt)]) == alt:
                    i = j + len(alt)
                    end = ends[i - 1]
                    found = True
                    break
            if found:
                break
        if not found:
            return -1
    return end


QUOTES = frozenset('"«»“”„\'‘’')
MAX_QUOTED_GAPS = 2  # the inner spaces of a form that may each hold a quote mark (2**n variants per form)


def _quoted_variants(key: str) -> list[str]:
    """A multiword key with one or more of its (first ``MAX_QUOTED_GAPS``) inner spaces doubled: the padded text
    turns a quote mark into a space, so 'عملية "نوعية"' reads "عملية  نوعية"."""
    parts = key.split(" ")
    gaps = len(parts) - 1
    if gaps < 1 or gaps > MAX_QUOTED_GAPS:
        return []
    out = []
    for mask in range(1, 2 ** gaps):
        out.append(parts[0] + "".join(("  " if mask >> i & 1 else " ") + w for i, w in enumerate(parts[1:])))
    return out


def _quotes_at_gaps(text: str, start: int, key: str) -> bool:
    """Every doubled space of a matched key stands over a quote mark in the normalized text."""
    i = key.find("  ")
    while i >= 0:
        if not (text[start + i] in QUOTES or text[start + i + 1] in QUOTES):
            return False
        i = key.find("  ", i + 2)
    return True


_SHARED: list[LexiconMatcher] = []  # matchers scanned together in one pass over a document


@lru_cache(maxsize=1)
def _shared_automaton(n_shared: int) -> ahocorasick.Automaton:
    """One automaton over the keys of every shared matcher; a value lists (matcher index, key)."""
    values: dict[str, list[tuple[int, _Key]]] = {}
    for i, matcher in enumerate(_SHARED[:n_shared]):
        for word, key in matcher._keys:
            values.setdefault(word, []).append((i, key))
    automaton = ahocorasick.Automaton()
    for word, v in values.items():
        automaton.add_word(word, tuple(v))
    if values:
        automaton.make_automaton()
    return automaton


@lru_cache(maxsize=4)
def _shared_scan(text: str, n_shared: int) -> tuple[list[tuple[int, _Key]], ...]:
    """Raw hits (end index, key) of each shared matcher in ``text``, from one pass."""
    per: tuple[list[tuple[int, _Key]], ...] = tuple([] for _ in range(n_shared))
    automaton = _shared_automaton(n_shared)
    if len(automaton):
        for end_idx, value in automaton.iter(padded_words(text)):
            for i, key in value:
                per[i].append((end_idx, key))
    return per


class LexiconMatcher:
    """Aho-Corasick automaton over normalized forms and their proclitic variants.

    ``shared=True`` (for the long-lived lexicons) scans the document once for all shared
    matchers together: each Aho-Corasick pass over a 2,500-character text costs about as much
    as the work on its hits.
    """

    def __init__(self, entries: Iterable[tuple[str, Any, str]], shared: bool = False):
        """``entries``: (surface form, payload, suffix-set name). Later duplicates of a form are ignored."""
        self._automaton = ahocorasick.Automaton()
        self._keys: list[tuple[str, _Key]] = []
        built: dict[str, dict] = {}  # key → fields of its _Key (a head may gather several gap patterns)
        for surface, payload, suffix_set in entries:
            head, gap, rest = str(surface).partition(GAP)
            form = " ".join(normalize(head).split())
            if not form:
                continue
            tail = _Tail.of(_parse_tail(rest), " ".join(normalize(str(surface)).split()), payload) if gap else None
            suffixes = SUFFIX_SETS[suffix_set]
            variants = [(p + form, len(p), p) for p in PROCLITICS]
            if form.startswith("ال") and len(form) > 3:
                # ل + القوات → للقوات: the article's alef is dropped
                variants += [(p + form[1:], len(p), p) for p in ARTICLE_AFTER_LAM]
            for key, core_offset, proclitic in variants:
                b = built.get(key)
                if b is None:
                    b = built[key] = dict(key=key, core_offset=core_offset, form=form, proclitic=proclitic,
                                          payload=None if tail else payload, suffixes=suffixes, plain=tail is None,
                                          tails=[])
                elif tail is None and not b["plain"]:  # a plain form after a gap pattern of the same head
                    b.update(payload=payload, suffixes=suffixes, plain=True)
                if tail is not None and tail not in b["tails"]:
                    b["tails"].append(tail)
        for key, b in built.items():
            # a leading space anchors every key at a word start (see :func:`padded_words`)
            entry = _Key(**{**b, "tails": tuple(b["tails"]), "length": len(b["key"])})
            self._automaton.add_word(" " + key, entry)
            self._keys.append((" " + key, entry))
            for quoted in _quoted_variants(key):  # 'عملية "نوعية"': a quote mark between the words of a form
                q_entry = _Key(**{**b, "key": quoted, "tails": tuple(b["tails"]), "length": len(quoted),
                                  "quoted": "  " in quoted})
                self._automaton.add_word(" " + quoted, q_entry)
                self._keys.append((" " + quoted, q_entry))
        count = len(built)
        if count:
            self._automaton.make_automaton()
        self.size = count
        self._shared_index: int | None = None
        if shared and count:
            self._shared_index = len(_SHARED)
            _SHARED.append(self)

    def _raw_hits(self, text: str) -> Iterable[tuple[int, _Key]]:
        if self._shared_index is None:
            return self._automaton.iter(padded_words(text))
        return _shared_scan(text, len(_SHARED))[self._shared_index]

    def find(self, nt: NormalizedText) -> list[LexMatch]:
        """All whole-word matches in ``nt``, leftmost-longest, non-overlapping."""
        if not self.size:
            return []
        text = nt.text
        n = len(text)
        # (start, -length, len(suffix), sequence, head end, extent end, key, suffix, form, payload): sorted,
        # leftmost-longest with exact forms before suffixed ones; the sequence keeps ties in hit order
        cands: list[tuple[int, int, int, int, int, int, _Key, str, str, Any]] = []
        word_rest = _WORD_REST_RE.match
        for end, key in self._raw_hits(text):  # (``end`` in the padded text, shifted by one: the end in ``text``)
            start = end - key.length
            if key.quoted and not _quotes_at_gaps(text, start, key.key):
                continue  # two words a comma or a dash parts are no form
            if end < n and text[end] != " ":  # (most keys end at a space: no word goes on)
                rest = word_rest(text, end)  # the word goes on after the key: only an allowed suffix may follow
                if rest is not None:
                    suffix = rest.group()
                    if suffix not in key.suffixes:
                        continue
                    if suffix[0] == "ه" and nt.original[nt.offsets[end]] == "ة":
                        continue  # a ta marbuta (طاولة، استعادة), not the pronoun ه
                    head_end = end + len(suffix)
                else:
                    suffix, head_end = "", end
            else:
                suffix, head_end = "", end
            if key.plain:
                cands.append((start, start - head_end, len(suffix), len(cands), head_end, head_end, key, suffix,
                              key.form, key.payload))
            if key.tails:
                for t in key.tails:
                    extent = _match_tail(text, head_end, t)
                    if extent >= 0:
                        cands.append((start, start - extent, len(suffix), len(cands), head_end, extent, key, suffix,
                                      t.form, t.payload))
        cands.sort()
        out: list[LexMatch] = []
        last_end = -1
        span = nt.span_to_original
        for start, _, _, _, end, extent, key, suffix, form, payload in cands:
            if start < last_end:
                continue
            core_start = start + key.core_offset
            o_start, o_end = span(core_start, end)
            out.append(LexMatch(core_start, end, o_start, o_end, form, payload, key.proclitic, suffix,
                                extent if extent != end else -1))
            last_end = extent
        return out
