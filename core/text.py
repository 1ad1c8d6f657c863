"""Arabic text normalization with camel-tools, keeping a map back to the original offsets.

Matching (places, actors, triggers) runs on the normalized text; every span found there
is mapped back to the original text with :attr:`NormalizedText.offsets`, so the evidence
and highlights always point at what the outlet wrote.

Only ``camel_tools.utils`` and ``camel_tools.tokenizers`` are used (no models, no downloads).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain

import numpy as np
from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

TATWEEL = "\u0640"
_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


@cache
def _normalize_char(ch: str) -> str:
    """Normalize one character with camel-tools; returns '' for diacritics and tatweel."""
    if ch == TATWEEL:
        return ""
    if ch in _ARABIC_INDIC:
        return str(_ARABIC_INDIC.index(ch))
    if ch in _PERSIAN_DIGITS:
        return str(_PERSIAN_DIGITS.index(ch))
    if ch in "\u200c\u200d\u200e\u200f\u061c\ufeff":  # joiners and direction marks
        return ""
    out = normalize_unicode(ch)  # presentation forms → base letters (may expand: ﻻ → لا)
    out = dediac_ar(out)
    out = normalize_alef_ar(out)
    out = normalize_alef_maksura_ar(out)
    out = normalize_teh_marbuta_ar(out)
    if out and unicodedata.category(out[0]) == "Zs":
        out = " "
    return out


class _CharTable(dict):
    """``str.translate`` table: code point → :func:`_normalize_char` of it, filled on first sight of a character
    (so normalization stays camel-tools' own, per character, but runs at C speed). Characters whose normalization
    is not exactly one character (dropped diacritics, expanded ligatures) are also kept in ``special``."""

    def __init__(self) -> None:
        super().__init__()
        self.special: set[str] = set()
        self._special_re: re.Pattern | None = None

    def __missing__(self, code: int) -> str:
        out = _normalize_char(chr(code))
        self[code] = out
        if len(out) != 1:
            self.special.add(chr(code))
            self._special_re = None
        return out

    def special_re(self) -> re.Pattern | None:
        """A character class of the special characters seen so far (None while there are none)."""
        if self._special_re is None and self.special:
            self._special_re = re.compile("[" + "".join(re.escape(c) for c in sorted(self.special)) + "]")
        return self._special_re


_TABLE = _CharTable()


# A word split to dodge platform filters ("قــ.ـصـف"، "الغـ.ـارات"، "سيـ ـطرته"): a dot between Arabic letters with a
# tatweel on either side, or a space followed by a tatweel (no word starts with one), inside a word. The dot or
# spaces are dropped with the tatweel, so the word matches; a real full stop ("القصف. ثم") has no tatweel.
_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"  # Arabic letters (no tatweel)
_MARK = "\u064b-\u0652"  # diacritics
_SPLIT_WORD_RE = re.compile(
    f"(?<=[{_LETTER}{_MARK}])(?:{TATWEEL}+\\.{TATWEEL}*|{TATWEEL}*\\.{TATWEEL}+|{TATWEEL}*[ \u00a0]+{TATWEEL}+)"
    f"(?=[{_LETTER}])")


def _split_separators(text: str) -> list[int]:
    """Positions of the dots and spaces that split an obfuscated word (see _SPLIT_WORD_RE), in order."""
    if TATWEEL not in text:
        return []
    return [m.start() + i for m in _SPLIT_WORD_RE.finditer(text) for i, ch in enumerate(m.group())
            if ch != TATWEEL]


def _without(text: str, positions: list[int]) -> str:
    if not positions:
        return text
    drop = set(positions)
    return "".join(ch for i, ch in enumerate(text) if i not in drop)


_WORD_MAX_CHARS = 32  # texts up to this length (words, short phrases) are memoized by normalize()
_normalized_words: dict[str, str] = {}


def normalize(text: str) -> str:
    """Normalized form of ``text`` (alef/ya/ta-marbuta unified, no diacritics or tatweel, split words rejoined)."""
    if TATWEEL in text:
        text = _without(text, _split_separators(text))
    if len(text) <= _WORD_MAX_CHARS:  # words recur across documents (the callers normalize word by word)
        norm = _normalized_words.get(text)
        if norm is None:
            if len(_normalized_words) > 200_000:  # bounded: a long-running process sees ever new words
                _normalized_words.clear()
            norm = _normalized_words[text] = text.translate(_TABLE)
        return norm
    if len(text) >= _LUT_MIN_CHARS:  # (str.translate looks every character up in a dict: slow for long texts)
        norm = _normalize_by_table(text)
        if norm is not None:
            return norm
    return text.translate(_TABLE)


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text plus, for each of its characters, the index in the original text."""

    original: str
    text: str
    offsets: tuple[int, ...]
    # False when no character of the original was dropped (then no span has trailing diacritics to take back)
    has_drops: bool = field(default=True, compare=False, repr=False)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalized text to the original text."""
        offsets = self.offsets
        if start >= len(offsets):
            return len(self.original), len(self.original)
        o_start = offsets[start]
        o_end = offsets[end - 1] + 1 if end > start else o_start
        if not self.has_drops or (end < len(offsets) and offsets[end] == o_end):
            return o_start, o_end  # (the next normalized character is the next original one: nothing dropped)
        # include trailing diacritics/tatweel that normalization dropped
        while o_end < len(self.original) and _normalize_char(self.original[o_end]) == "":
            if self.original[o_end].isspace():
                break
            o_end += 1
        return o_start, o_end


# The same per-character normalization as lookup tables over every code point, for whole texts (numpy: a few
# microseconds for 2,500 characters; filled on first sight of a character).
_BMP = 0x10000
_CODES = 0x110000
_LUT = np.arange(_CODES, dtype=np.uint32)  # code point → its normalized code point (one-to-one characters)
# per code point: 0 = one-to-one, or the flags _UNSEEN (not normalized yet), _DROPPED (normalized to "": diacritics,
# tatweel, direction marks), _EXPANDED (to 2+ characters: presentation-form ligatures)
_UNSEEN, _DROPPED, _EXPANDED = 1, 2, 4
_KIND = np.full(_CODES, _UNSEEN, dtype=np.uint8)
_identity: tuple[int, ...] = ()


def _identity_offsets(n: int) -> tuple[int, ...]:
    """(0, 1, ..., n - 1), sliced from a shared tuple (no new int objects per document)."""
    global _identity
    if n > len(_identity):
        _identity = tuple(range(max(n, 2 * len(_identity), 4096)))
    return _identity[:n]


@cache
def alnum_table() -> np.ndarray:
    """Per BMP code point: ``chr(c).isalnum()`` (a letter or digit: regex ``\\w`` without "_"), for scans by table."""
    return np.fromiter((chr(c).isalnum() for c in range(_BMP)), dtype=bool, count=_BMP)


def bmp_codes(text: str) -> np.ndarray | None:
    """The code points of ``text`` as an array, or None when one lies outside the BMP (or is a lone surrogate)."""
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:
        return None
    return codes if len(codes) and int(codes.max()) < _BMP else None


@cache
def _decimal_table() -> np.ndarray:
    """Per BMP code point: ``chr(c).isdecimal()`` (what the regex ``\\d`` matches)."""
    return np.fromiter((chr(c).isdecimal() for c in range(_BMP)), dtype=bool, count=_BMP)


_DIGIT_RUN_RE = re.compile(r"\d+")


@lru_cache(maxsize=8)
def digit_runs(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every run of digits in ``text``, as ``re.finditer(r"\\d+", text)`` gives them (by table:
    the regex tests every character's category; several recognizers read the runs of one document)."""
    codes = bmp_codes(text)
    if codes is None:
        return tuple(m.span() for m in _DIGIT_RUN_RE.finditer(text))
    digits = _decimal_table()[codes]
    if not digits.any():
        return ()
    steps = np.diff(digits.astype(np.int8), prepend=0, append=0)
    return tuple(zip(np.flatnonzero(steps == 1).tolist(), np.flatnonzero(steps == -1).tolist(), strict=True))


def _code_points(text: str) -> np.ndarray | None:
    """The code points of ``text`` as an array, or None for a lone surrogate."""
    try:
        return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:
        return None


def _learn(codes: np.ndarray) -> None:
    for code in np.unique(codes).tolist():
        out = _TABLE[code]
        if len(out) == 1:
            _LUT[code] = ord(out)
        _KIND[code] = 0 if len(out) == 1 else _EXPANDED if out else _DROPPED


def _kinds(codes: np.ndarray) -> np.ndarray:
    """The kinds of ``codes``, learning the characters not seen before."""
    kinds = _KIND[codes]
    if kinds.any() and (kinds & _UNSEEN).any():
        _learn(codes[(kinds & _UNSEEN) != 0])
        kinds = _KIND[codes]
    return kinds


_LUT_MIN_CHARS = 256  # from this length on, normalize() reads the code-point table (str.translate is faster below)


def _normalize_by_table(text: str) -> str | None:
    """normalize(text) from the code-point table, or None for a text it cannot map (a lone surrogate, ligatures)."""
    codes = _code_points(text)
    if codes is None:
        return None
    kinds = _kinds(codes)
    if not kinds.any():
        return _LUT[codes].tobytes().decode("utf-32-le")
    if (kinds & _EXPANDED).any():
        return None
    return _LUT[codes[kinds == 0]].tobytes().decode("utf-32-le")


def normalize_with_offsets(text: str) -> NormalizedText:
    """Normalized text with the original offset of each character (split words rejoined, see _SPLIT_WORD_RE)."""
    splits = _split_separators(text)
    if not splits:
        return _normalize_with_offsets(text)
    nt = _normalize_with_offsets(text)
    drop = set(splits)  # (dots and spaces normalize to themselves, one character each)
    kept = [(c, o) for c, o in zip(nt.text, nt.offsets, strict=True) if o not in drop]
    return NormalizedText(original=text, text="".join(c for c, _ in kept), offsets=tuple(o for _, o in kept))


def _normalize_with_offsets(text: str) -> NormalizedText:
    n = len(text)
    codes = _code_points(text)
    if codes is None or n == 0:  # a lone surrogate
        return _normalize_with_offsets_table(text)
    kinds = _kinds(codes)
    if not kinds.any():  # one character for one character: the offsets are the identity
        return NormalizedText(original=text, text=_LUT[codes].tobytes().decode("utf-32-le"),
                              offsets=_identity_offsets(n), has_drops=False)
    if (kinds & _EXPANDED).any():
        return _normalize_with_offsets_table(text)
    # only drops (usually a few diacritics): the identity offsets without the dropped positions
    dropped = np.flatnonzero(kinds).tolist()
    if len(dropped) <= 16:
        kept = list(_identity_offsets(n))
        for i in reversed(dropped):
            del kept[i]
        offsets = tuple(kept)
    else:
        parts, prev = [], 0
        for i in dropped:
            parts.append(range(prev, i))
            prev = i + 1
        parts.append(range(prev, n))
        offsets = tuple(chain.from_iterable(parts))
    return NormalizedText(original=text, text=_LUT[codes[kinds == 0]].tobytes().decode("utf-32-le"), offsets=offsets)


def _normalize_with_offsets_table(text: str) -> NormalizedText:
    """Any text (also outside the BMP, with expansions): str.translate and runs of one-to-one characters."""
    norm = text.translate(_TABLE)  # also registers every character of the text in the table
    special = _TABLE.special_re()
    hits = [m.start() for m in special.finditer(text)] if special is not None else []
    if not hits:  # one character for one character: the offsets are the identity
        return NormalizedText(original=text, text=norm, offsets=_identity_offsets(len(text)))
    # runs of one-to-one characters between the dropped (0 characters) or expanded (2+) ones
    parts: list = []
    prev = 0
    for i in hits:
        parts.append(range(prev, i))
        parts.append((i,) * len(_TABLE[ord(text[i])]))
        prev = i + 1
    parts.append(range(prev, len(text)))
    return NormalizedText(original=text, text=norm, offsets=tuple(chain.from_iterable(parts)))


def tokenize(text: str) -> list[str]:
    """Word tokens (punctuation split off), camel-tools' simple tokenizer."""
    return simple_word_tokenize(text)
