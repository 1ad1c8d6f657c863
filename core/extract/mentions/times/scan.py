"""The scan: the windows around anchor words, every pattern run inside its windows, the longest
non-overlapping matches kept, then "منذ X ... وحتى Y" joined into one range, offsets re-anchored to
their sentence's own day, and deadlines marked."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from core.extract.lexmatch import padded_words
from core.extract.mentions.times.lexicon import _alts, _Lex
from core.extract.mentions.times.patterns import _lex
from core.extract.mentions.times.relative_dates import _offset_value
from core.extract.mentions.times.values import _span, _Value
from core.model import dict_init
from core.text import digit_runs
from core.vocab import load_yaml


@dict_init
@dataclass(frozen=True)
class _Hit:
    start: int  # normalized offsets
    end: int
    order: int
    value: _Value


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading/trailing spaces, commas and a stray parenthesis from a match."""
    while start < end and (norm[start].isspace() or norm[start] in "،,-"):
        start += 1
    while end > start and (norm[end - 1].isspace() or norm[end - 1] in "،,-/"):
        end -= 1
    if norm[start:end].count("(") < norm[start:end].count(")") and norm[end - 1] == ")":
        end -= 1
        while end > start and norm[end - 1].isspace():
            end -= 1
    if norm[start:end].count("(") > norm[start:end].count(")") and norm[start] == "(":
        start += 1
        while start < end and norm[start].isspace():
            start += 1
    return start, end


WINDOW_BEFORE, WINDOW_AFTER = 35, 60  # chars around an anchor word that a time expression can span
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _windows(norm: str, lex: _Lex) -> dict[str, list[tuple[int, int]]]:
    """For each anchor category, the stretches of text around its anchor words (merged).
    A pattern only runs inside the windows of its category, which keeps the scan fast."""
    found: list[tuple[int, int, frozenset[str] | tuple[str, ...]]] = []
    n = len(norm)
    padded = padded_words(norm)  # the keys start with a space: at word starts only
    for end, (length, cats) in lex.anchor_automaton.iter(padded):
        if end == n or padded[end + 1] == " ":  # and end at a word end (``end`` is one past it in ``norm``)
            found.append((end - length, end, cats))
    for start, end in digit_runs(norm):
        cats = []
        if end - start == 4 and _YEAR_RE.fullmatch(norm, start, end):
            cats.append("year")
        if end + 1 < n and norm[end] in "/.-" and norm[end + 1].isdigit():
            cats.append("numdate")
        if end - start <= 2 and end < n and norm[end].isalpha():
            cats.append("month")  # a day glued to its month ("12مايو"): the month word opens no word of its own
        if cats:
            found.append((start, end, tuple(cats)))
    found.sort(key=lambda f: f[0])
    spans: dict[str, list[tuple[int, int]]] = {}
    for start, end, cats in found:
        a, b = max(0, start - WINDOW_BEFORE), min(n, end + WINDOW_AFTER)
        for cat in cats:
            lst = spans.setdefault(cat, [])
            if lst and a <= lst[-1][1]:
                lst[-1] = (lst[-1][0], b)
            else:
                lst.append((a, b))
    out: dict[str, list[tuple[int, int]]] = {}
    for cat, lst in spans.items():
        widened = []
        for a, b in lst:  # never cut a word: widen to whitespace
            while a > 0 and not norm[a - 1].isspace():
                a -= 1
            while b < len(norm) and not norm[b].isspace():
                b += 1
            widened.append((a, b))
        out[cat] = widened
    return out


@cache
def _literal_res() -> tuple[Callable[[str, int, int], re.Match | None] | None, ...]:
    """Per pattern, the search for any of its literals (one of which every match holds), or None: a window without
    any is not scanned (one regex search instead of a str.find per literal)."""
    return tuple(re.compile("|".join(map(re.escape, literals))).search if literals else None
                 for literals in _lex().pattern_literals)


def _hits(norm: str, pub: date | None) -> list[_Hit]:
    lex = _lex()
    candidates: list[_Hit] = []
    seen: set[tuple[int, int, int]] = set()
    windows = _windows(norm, lex)
    literal_res = _literal_res()
    for order, (_name, pattern, handler) in enumerate(lex.patterns):
        literal = literal_res[order]
        has_pc = "pc" in pattern.groupindex
        for m in (m for a, b in windows.get(lex.pattern_anchors[order], ())
                  if literal is None or literal(norm, a, b) is not None
                  for m in pattern.finditer(norm, a, b)):
            if m.end() == m.start() or (m.start(), m.end(), order) in seen:
                continue
            seen.add((m.start(), m.end(), order))
            value = handler(m, pub, lex, norm)
            if value is None:
                continue
            s, e = _trim(norm, m.end("pc") if has_pc and m.group("pc") else m.start(), m.end())
            if s < e:
                candidates.append(_Hit(s, e, order, value))
    candidates.sort(key=lambda h: (-(h.end - h.start), h.order, h.start))
    taken: list[_Hit] = []  # longest first; no overlaps (kept in text order: one neighbour decides)
    taken_starts: list[int] = []
    for h in candidates:
        i = bisect.bisect_left(taken_starts, h.end)
        if i == 0 or taken[i - 1].end <= h.start:
            taken.insert(i, h)
            taken_starts.insert(i, h.start)
    hits = _join_ranges(norm, taken, pub, lex)
    if pub is not None:
        _reanchor_offsets(norm, hits)
        _reanchor_quoted(norm, hits)
        _mark_deadlines(norm, hits, pub, lex)
    return hits


_SENTENCE_END = re.compile(r"[.؟?!\n]")
OFFSET_REFERENCE_FLAGS = frozenset({"future", "event_offset", "event_relative", "deadline", "year_only"})


def _reanchor_offsets(norm: str, hits: list[_Hit]) -> None:
    """"وذلك بعد يومين من إنشاء ...": the complement's date counts back from the sentence's own
    day-precise time (the nearest one before, else after), not from publication.

    Sentence bounds come from one scan of the text and the hits are walked outwards from each offset,
    so a long text with many offsets costs linear time."""
    if not any(h.value.offset is not None and h.value.offset[0] == "after" for h in hits):
        return  # (most texts: nothing to re-anchor, no sentence bounds needed)
    ends = [m.end() for m in _SENTENCE_END.finditer(norm)]
    by_start = sorted(range(len(hits)), key=lambda k: hits[k].start)
    starts = [hits[k].start for k in by_start]
    last_reference: _Hit | None = None  # the last hit before this one that gives a day (final once passed)
    for h in hits:
        if h.value.offset is None or h.value.offset[0] != "after":
            if _reference(h):
                last_reference = h
            continue
        k = bisect.bisect_right(ends, h.start) - 1
        lo = ends[k] if k >= 0 else 0
        k = bisect.bisect_left(ends, h.end + 1)
        hi = ends[k] - 1 if k < len(ends) else len(norm)
        ref = _nearest_reference(hits, by_start, starts, h, lo, hi)
        if ref is None:
            # "العدوان جاء بعد ساعات من قيام الطيران ...": a sentence without a day of its own refers back to
            # the event reported before it; its day is the last one the text gave (else publication)
            ref = last_reference
            if ref is None:
                last_reference = h if _reference(h) else last_reference
                continue
        _d, n, unit, vague = h.value.offset
        v = _offset_value(ref.value.best, n, unit, vague, h.value.flags)
        v.offset = h.value.offset
        h.value.start, h.value.end, h.value.best, h.value.precision = v.start, v.end, v.best, v.precision
        if _reference(h):
            last_reference = h


def _nearest_reference(hits: list[_Hit], by_start: list[int], starts: list[int], h: _Hit, lo: int,
                       hi: int) -> _Hit | None:
    """The day-giving hit in [lo, hi) nearest before ``h``, else nearest after it."""
    at = bisect.bisect_left(starts, h.start)
    for j in range(at - 1, -1, -1):
        if starts[j] < lo:
            break
        if _reference(hits[by_start[j]]):
            return hits[by_start[j]]
    for j in range(at, len(starts)):
        if starts[j] >= hi:
            break
        o = hits[by_start[j]]
        if o is not h and _reference(o):
            return o
    return None


@cache
def _quote_cues() -> tuple[re.Pattern, re.Pattern, int]:
    raw = load_yaml("time_words.yaml")
    verbs = re.compile(r"(?<![^\W_])[وف]?(?:" + _alts(raw["statement_verbs"]) + r")(?![^\W_])")
    comps = re.compile(r"(?<![^\W_])(?:" + _alts(raw["quote_complementizers"]) + r")(?![^\W_])")
    return verbs, comps, int(raw["quote_window"])


def _reanchor_quoted(norm: str, hits: list[_Hit]) -> None:
    """"قال المتحدث يوم الاثنين إن الطيران شن أمس غارات": a bare relative day after a statement dated by its own
    day (the day between the statement verb and its complementizer) counts from that day. One pass: each
    relative day looks only at the hit right before it."""
    verbs, comps, window = _quote_cues()
    for prev, h in zip(hits, hits[1:], strict=False):
        shift_from = prev.value.best
        if h.value.day_offset is None or h.value.best is None or not _reference(prev) or "since" in h.value.flags:
            continue
        if _SENTENCE_END.search(norm, prev.end, h.start):
            continue
        comp = comps.search(norm, prev.end, min(h.start, prev.end + 25))
        if comp is None or comps.search(norm, comp.end(), h.start):
            continue  # the day is not right before the statement's complementizer, or a second clause intervenes
        lead = norm[max(0, prev.start - window):prev.start]
        cut = max((m.end() for m in _SENTENCE_END.finditer(lead)), default=0)
        if not verbs.search(lead, cut) or comps.search(lead, cut):
            continue  # no statement verb before the day (in its sentence), or the day belongs to another clause
        days = shift_from - (h.value.best - timedelta(days=h.value.day_offset))
        if days.days == 0:
            continue
        v = h.value
        v.start, v.end, v.best = (None if x is None else x + days for x in (v.start, v.end, v.best))
        v.flags = tuple(dict.fromkeys((*v.flags, "statement_day")))


def _reference(o: _Hit) -> bool:
    """A time another can be counted from: a resolved day that is not itself relative to another event or future."""
    return o.value.best is not None and o.value.precision == "day" and not OFFSET_REFERENCE_FLAGS & set(o.value.flags)


def _mark_deadlines(norm: str, hits: list[_Hit], pub: date, lex: _Lex) -> None:
    """"مع نهاية الشهر الجاري"، "بحلول 15 آذار": a period still running at publication is a deadline."""
    for h in hits:
        v = h.value
        if v.end is None or v.end <= pub or "since" in v.flags:
            continue
        ends_a_period = any(lex.month_part.get(w) == "end" for w in norm[h.start:h.end].split())
        if (v.start is None or v.start <= pub) and not ends_a_period:
            continue  # "مع بداية الشهر الجاري" is no deadline
        if lex.deadline_re.search(norm, max(0, h.start - 25), h.start):
            v.best = v.end
            v.flags = tuple(dict.fromkeys((*v.flags, "deadline", "future")))


_OPENER_RE = re.compile(r"(?:^|\s)(?:من|منذ|بين)\s*$")


def _join_ranges(norm: str, hits: list[_Hit], pub: date | None, lex: _Lex) -> list[_Hit]:
    """"منذ بداية نوفمبر ... وحتى تاريخ أمس" → one range from the first to the second."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        if i + 1 < len(hits):
            nxt = hits[i + 1]
            opener = "since" in h.value.flags or _OPENER_RE.search(norm[max(0, h.start - 6):h.start])
            if (opener and lex.until_re.match(norm[h.end:nxt.start]) and h.value.start and nxt.value.end
                    and h.value.start <= nxt.value.end):
                flags = tuple(f for f in (*h.value.flags, *nxt.value.flags) if f != "since")
                v = _span(h.value.start, nxt.value.end, *dict.fromkeys(flags), relative=True, pub=pub)
                out.append(_Hit(h.start, nxt.end, h.order, v))
                i += 2
                continue
        out.append(h)
        i += 1
    return out
