"""Arabic text normalization with camel-tools, keeping a map back to the original offsets.

Matching (places, actors, triggers) runs on the normalized text; every span found there
is mapped back to the original text with :attr:`NormalizedText.offsets`, so the evidence
and highlights always point at what the outlet wrote.

Only ``camel_tools.utils`` and ``camel_tools.tokenizers`` are used (no models, no downloads).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

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


def normalize(text: str) -> str:
    """Normalized form of ``text`` (alef/ya/ta-marbuta unified, no diacritics or tatweel)."""
    return "".join(_normalize_char(c) for c in text)


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text plus, for each of its characters, the index in the original text."""

    original: str
    text: str
    offsets: tuple[int, ...]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalized text to the original text."""
        if start >= len(self.offsets):
            return len(self.original), len(self.original)
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        # include trailing diacritics/tatweel that normalization dropped
        while o_end < len(self.original) and _normalize_char(self.original[o_end]) == "":
            if self.original[o_end].isspace():
                break
            o_end += 1
        return o_start, o_end


def normalize_with_offsets(text: str) -> NormalizedText:
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        out = _normalize_char(ch)
        for o in out:
            chars.append(o)
            offsets.append(i)
    return NormalizedText(original=text, text="".join(chars), offsets=tuple(offsets))


def tokenize(text: str) -> list[str]:
    """Word tokens (punctuation split off), camel-tools' simple tokenizer."""
    return simple_word_tokenize(text)
