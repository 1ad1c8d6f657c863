"""The public recognizer: matches in a text turned into :class:`TimeMention` records with spans
in the original text; and the future-cue test the event assembler asks for."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from core.extract.mentions.times.datelines import _dateline_hit
from core.extract.mentions.times.lexicon import _has_future_cue
from core.extract.mentions.times.patterns import _lex
from core.extract.mentions.times.scan import _hits
from core.extract.segment import normalized
from core.model import TimeMention
from core.text import normalize
from core.vocab import load_yaml

FIRST_TIME_REACH = 40  # characters before a since-phrase searched for "for the first time"


@lru_cache(maxsize=1)
def _first_time_before() -> re.Pattern:
    words = sorted({normalize(w) for w in load_yaml("time_words.yaml")["first_time_words"]}, key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, words)) + r")\s*$")


def _compares_with_past(nt_text: str, start: int, flags: tuple[str, ...]) -> bool:
    """"للمرة الأولى منذ عام 2016": the since-phrase measures how new the event is; it is not its time."""
    return "since" in flags and _first_time_before().search(nt_text[max(0, start - FIRST_TIME_REACH):start]) is not None


def find_times(text: str, published: date | None) -> list[TimeMention]:
    """Time expressions in ``text`` resolved against ``published``; sorted by position."""
    if not text:
        return []
    nt = normalized(text)
    out: list[TimeMention] = []
    hits = _hits(nt.text, published)
    head = _dateline_hit(nt.text, hits)
    for h in hits:
        v = h.value
        if _compares_with_past(nt.text, h.start, v.flags):
            continue
        flags = tuple(dict.fromkeys(v.flags))
        if published is None and v.relative:
            start = end = best = None
            flags = (*flags, "no_published_date")
        else:
            start, end, best = v.start, v.end, v.best
            if published is not None and start is not None and start > published and "future" not in flags:
                flags = (*flags, "future")
        if h is head:
            flags = (*flags, "dateline")
        flags = tuple(dict.fromkeys(flags))
        os_, oe = nt.span_to_original(h.start, h.end)
        out.append(TimeMention(surface=text[os_:oe], start=os_, end=oe, date=best, date_start=start, date_end=end,
                               precision=v.precision, flags=flags))
    return out


def has_future_cue(text: str) -> bool:
    """Whether ``text`` (a clause) speaks of the future: "سوف"، "من المقرر"، or a سيـ/ستـ/سنـ verb
    ("سيستقبل"، "ستعقد"); for the event assembler, which should not report such clauses as events."""
    if not text:
        return False
    return _has_future_cue(normalized(text).text, _lex())
