"""Whole-word lexicon matching on normalized Arabic text, with proclitics and suffixes.

Shared by the actor and trigger recognizers (each builds its own :class:`LexiconMatcher`
from its YAML lexicon). Forms are normalized with :func:`core.text.normalize`; a form may
be preceded by the proclitics و ف ب ل ك (and their pairs: وب، ول، فب …); a form starting
with the article "ال" also matches after ل as "لل" (للقوات). A match must end at a word
boundary, or be followed by one of the entry's allowed suffixes (attached pronouns,
verb endings). Overlaps are resolved leftmost-longest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from core.text import NormalizedText, normalize

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


@lru_cache(maxsize=32)
def _padded(text: str) -> str:
    """" " + text with every non-word character turned into a space (same length, shifted by one)."""
    return " " + _NON_WORD_RE.sub(" ", text)


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


@dataclass(frozen=True)
class _Key:
    key: str  # the exact string in the automaton
    core_offset: int  # where the form itself starts inside ``key`` (after the proclitic)
    form: str
    proclitic: str
    payload: Any
    suffixes: tuple[str, ...]


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
        for end_idx, value in automaton.iter(_padded(text)):
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
        seen: set[str] = set()
        count = 0
        for surface, payload, suffix_set in entries:
            form = " ".join(normalize(surface).split())
            if not form:
                continue
            suffixes = SUFFIX_SETS[suffix_set]
            variants = [(p + form, len(p), p) for p in PROCLITICS]
            if form.startswith("ال") and len(form) > 3:
                # ل + القوات → للقوات: the article's alef is dropped
                variants += [(p + form[1:], len(p), p) for p in ARTICLE_AFTER_LAM]
            for key, core_offset, proclitic in variants:
                if key in seen:
                    continue
                seen.add(key)
                # a leading space anchors every key at a word start (see :func:`_padded`)
                entry = _Key(key, core_offset, form, proclitic, payload, suffixes)
                self._automaton.add_word(" " + key, entry)
                self._keys.append((" " + key, entry))
                count += 1
        if count:
            self._automaton.make_automaton()
        self.size = count
        self._shared_index: int | None = None
        if shared and count:
            self._shared_index = len(_SHARED)
            _SHARED.append(self)

    def _raw_hits(self, text: str) -> Iterable[tuple[int, _Key]]:
        if self._shared_index is None:
            return self._automaton.iter(_padded(text))
        return _shared_scan(text, len(_SHARED))[self._shared_index]

    def find(self, nt: NormalizedText) -> list[LexMatch]:
        """All whole-word matches in ``nt``, leftmost-longest, non-overlapping."""
        if not self.size:
            return []
        text = nt.text
        n = len(text)
        cands: list[tuple[int, int, _Key, str]] = []
        for end_idx, key in self._raw_hits(text):
            end = end_idx  # the padded text is shifted by one character
            start = end - len(key.key)
            suffix = ""
            if end < n and text[end].isalnum() and text[end] != "ـ":  # is_word_char, inlined (hot loop)
                j = end + 1
                while j < n and text[j].isalnum() and text[j] != "ـ":
                    j += 1
                tail = text[end:j]
                if tail not in key.suffixes:
                    continue
                if tail.startswith("ه") and nt.original[nt.offsets[end]] == "ة":
                    continue  # a ta marbuta (طاولة، استعادة), not the pronoun ه
                suffix = tail
            cands.append((start, end + len(suffix), key, suffix))
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), len(c[3])))  # exact forms before suffixed ones
        out: list[LexMatch] = []
        last_end = -1
        for start, end, key, suffix in cands:
            if start < last_end:
                continue
            core_start = start + key.core_offset
            o_start, o_end = nt.span_to_original(core_start, end)
            out.append(LexMatch(core_start, end, o_start, o_end, key.form, key.payload, key.proclitic, suffix))
            last_end = end
        return out
