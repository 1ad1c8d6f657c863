"""Step 1: every gazetteer key and highway phrase at word boundaries, then the longest non-overlapping matches."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from operator import itemgetter

import numpy as np

from core.extract.mentions.places.common import _NONWORD_NOT_SPACE, _WORD_CHARS, _Match


@cache
def _name_chars_lut() -> np.ndarray:
    """Per BMP code point: itself if ``_NONWORD_NOT_SPACE`` keeps it (Arabic letters, a-z, 0-9, space), else a space."""
    keep = np.zeros(0x10000, dtype=bool)
    for lo, hi in (("\u0621", "\u064a"), ("a", "z"), ("0", "9"), (" ", " ")):
        keep[ord(lo):ord(hi) + 1] = True
    return np.where(keep, np.arange(0x10000, dtype=np.uint32), np.uint32(32)).astype(np.uint32)


class MatchFinding:
    """Matching, mixed into :class:`~core.extract.mentions.places.document._Doc`."""

    def raw_matches(self) -> list[_Match]:
        """Every gazetteer key / highway phrase found at word boundaries (kept in self.found)."""
        s = self.s
        codes = self.codes
        if codes is not None:  # the substitution below by a code-point table
            padded = " " + _name_chars_lut()[codes].tobytes().decode("utf-32-le") + " "
        else:
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
            for m in self.both_highway_phrases():
                found.append((m.start(), m.end(), s[m.start():m.end()], "", ("road:M5", "road:M4"), True))
        never = self.rec.cue_words | self.rec.countryside_definite
        qualified = self.rec.gaz.qualified
        named: dict[str, bool] = {}  # unit name → does the text name it (searched once per document, not per match)
        for end, (key, pre, ids, elided) in self.rec.automaton.iter(padded):
            if key in never:
                continue
            if key in qualified:  # "الجديدة" is OCHA's "جديدة الجسر" only in a text naming جسر الشغور
                units = qualified[key]
                ids = tuple(i for i in ids if i not in units or _names(named, units[i], s))
                if not ids:
                    continue
            if pre and not elided and " " not in key and self.rec.is_word_not_clitic(pre, key):
                continue
            # the pattern " pre+key " ends at padded index `end` (its trailing space) → exclusive end end-1 in s
            t_end = end - 1
            name_start = t_end - (len(key) - 1 if elided else len(key))  # "للأتارب" → "لأتارب"
            found.append((name_start, t_end, key, pre + ("ل" if elided else ""), ids, False))
        if self.rec.countryside_nisba:
            found += self.countryside_nisba_matches()
        self.found = found
        return self.select(set())

    def countryside_nisba_matches(self) -> list[tuple[int, int, str, str, tuple[str, ...], bool]]:
        """"الريف الإدلبي": a governorate's nisba right after "الريف" stands for the governorate."""
        nisba, out = self.rec.countryside_nisba, []
        for t in self.positions(nisba.keys()):
            pcode = nisba[self.words[t]]
            if t and pcode and "الريف" in self.forms(t - 1):
                out.append((self.tok_starts[t], self.tok_ends[t], self.words[t], "", (pcode,), False))
        return out

    def select(self, excluded: set[tuple[int, int, str]]) -> list[_Match]:
        """Longest non-overlapping matches (roads first), leaving out ``excluded`` (start, end, key)."""
        s = self.s
        found = [f for f in self.found if (f[0], f[1], f[2]) not in excluded] if excluded else list(self.found)
        found.sort(key=_selection_order)
        taken = bytearray(len(s) + 1)
        chosen = []
        for f in found:
            a, b = f[0], f[1]
            if taken.find(1, a, b) != -1:
                continue
            taken[a:b] = b"\x01" * (b - a)
            chosen.append(f)
        chosen.sort(key=itemgetter(0))
        out = []
        tok_starts, tok_ends, last, has_road_id = self.tok_starts, self.tok_ends, self.n_tokens - 1, self.rec.has_road_id
        for st, en, key, pre, ids, road in chosen:
            t0 = bisect_right(tok_starts, st) - 1
            t1 = bisect_left(tok_ends, en)
            out.append(_Match(st, en, key, ids, t0 if t0 > 0 else 0, t1 if t1 < last else last, pre,
                              road=road or has_road_id(ids)))
        # drop a "both highways" phrase when the codes follow it ("الطريقين الدوليين إم فور وإم فايف")
        keep = []
        for i, m in enumerate(out):
            if len(m.ids) == 2 and m.road and i + 1 < len(out) and out[i + 1].road and out[i + 1].t0 - m.t1 <= 2:
                continue
            keep.append(m)
        return keep

    def both_highway_phrases(self) -> list[re.Match]:
        """The matches of ``both_re`` over the text, as its ``finditer`` gives them, tried only where a phrase can
        begin: at each occurrence of the phrases' common beginning, or one proclitic letter before it (a regex
        that opens with a look-behind is otherwise tried at every position of the text)."""
        s, both_re, head = self.s, self.rec.both_re, self.rec.both_head
        if not head:
            return list(both_re.finditer(s))
        out: list[re.Match] = []
        end = 0  # finditer goes on after the end of its last match
        i = s.find(head)
        while i != -1:
            for st in (i - 1, i):
                m = both_re.match(s, st) if st >= end else None
                if m:
                    out.append(m)
                    end = m.end()
                    break
            i = s.find(head, i + 1)
        return out

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


def _selection_order(f: tuple) -> tuple:
    """Roads first, then the longest, then the first."""
    return (not f[5], f[0] - f[1], f[0])


def _names(named: dict[str, bool], unit: str, text: str) -> bool:
    found = named.get(unit)
    if found is None:
        found = named[unit] = unit in text
    return found
