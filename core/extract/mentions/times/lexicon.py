"""The time vocabulary as one record (:class:`_Lex`, built by :mod:`.patterns`), the form
normalization it is keyed by, and the lookups the pattern handlers make in it (weekday and month
names, future cues)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.text import normalize


def _n(form: str) -> str:
    return " ".join(normalize(str(form)).split())


def _alts(forms) -> str:
    """Regex alternation of normalized forms, longest first; spaces match any whitespace."""
    uniq = sorted({_n(f) for f in forms if str(f).strip()}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in uniq)


def _key(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True)
class _Lex:
    weekday: dict[str, int]
    ordinal_day: dict[str, int]  # "الثاني" -> 2, "الحادي والعشرين" -> 21
    ambiguous_weekdays: frozenset[str]
    # per ambiguous weekday form: (words ruling it out before, after, words one of which must follow or None)
    bare_weekdays: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str] | None]]
    month: dict[str, int]
    ambiguous_months: frozenset[str]
    hijri: dict[str, int]
    relative: dict[str, int]
    overnight: frozenset[str]
    unit: dict[str, tuple[str, str]]  # form -> (unit, number: singular|plural|dual)
    period: dict[str, str]  # الاسبوع -> week
    month_part: dict[str, str]
    past: frozenset[str]
    future: frozenset[str]
    current: frozenset[str]
    vague_count: int
    patterns: tuple[tuple[str, re.Pattern, Callable], ...]
    until_re: re.Pattern
    anchor_automaton: Any  # ahocorasick.Automaton: " " + anchor word (with clitics) -> (length, categories)
    pattern_anchors: tuple[str, ...]  # per pattern: the anchor category it needs
    offset_after: frozenset[str]  # بعد، عقب: the complement event is earlier than the reference
    offset_event_nouns: tuple[str, ...]  # what may follow "قبل يومين من"
    deadline_re: re.Pattern  # a deadline cue ending just before a time ("مع نهاية الشهر الجاري")
    future_cue_re: re.Pattern  # a future cue word ("سوف"، "سيستقبل")
    future_exceptions: tuple[str, ...]
    reference_years: tuple[int, int]
    # per pattern: words one of which every match contains (empty: no such list); a window without any of them
    # is not scanned
    pattern_literals: tuple[tuple[str, ...], ...] = ()


def _wd(lex: _Lex, form: str | None) -> int | None:
    return lex.weekday.get(_key(form)) if form else None


def _month_num(lex: _Lex, m: re.Match) -> int | None:
    first = lex.month.get(_key(m.group("mon")))
    second = lex.month.get(_key(m.group("mon2"))) if m.group("mon2") else None
    if first is None:
        return None
    if second is not None and second != first:
        return None  # "أيار/مايو" must agree
    return first


def _future_before(norm: str, pos: int, lex: _Lex) -> bool:
    """A future cue ("سوف"، "من المقرر"، "سيستقبل") earlier in the same clause, within 60 characters."""
    text = norm[max(0, pos - 60):pos]
    cut = max(text.rfind(c) for c in ".؟!\n؛،,")
    return _has_future_cue(text[cut + 1:], lex)


def _has_future_cue(text: str, lex: _Lex) -> bool:
    for fm in lex.future_cue_re.finditer(text):
        if fm.group("cue"):
            return True
        verb = fm.group("verb")
        if not verb.endswith("ه") and not verb.startswith(lex.future_exceptions):
            return True
    return False
