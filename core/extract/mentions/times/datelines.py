"""The date a document gives itself: its dateline (a fully explicit date on one of the first
lines), else an explicit date put right after "اليوم"; the reference date when the manifest has none."""

from __future__ import annotations

import bisect
import re
from datetime import date

from core.extract.mentions.times.scan import _Hit, _hits
from core.extract.segment import normalized

DATELINE_LINES = 4  # a dateline is one of the first non-empty lines
DATELINE_PREFIX = 30  # characters allowed before the date on its line ("إدلب، "، "الثلاثاء ")
_DATELINE_AFTER = re.compile(r"[^\S\n]*(?:\n|$|[-–—(:|/،,])")


def _dateline_hit(norm: str, hits: list[_Hit]) -> _Hit | None:
    """The hit that is the document's dateline: a fully explicit day (a year, or a weekday that
    pins it) near the start of one of the first lines, with nothing but a separator after it."""
    lines_seen, pos = 0, 0
    while pos < len(norm) and lines_seen < DATELINE_LINES:
        end = norm.find("\n", pos)
        end = len(norm) if end < 0 else end
        if norm[pos:end].strip():
            lines_seen += 1
            for h in hits:
                if h.start >= end:
                    break
                v = h.value
                if (h.start >= pos and v.precision == "day" and (not v.relative or "year_from_weekday" in v.flags)
                        and len(norm[pos:h.start].strip()) <= DATELINE_PREFIX and _DATELINE_AFTER.match(norm, h.end)
                        and not {"since", "event_offset", "event_relative"} & set(v.flags)):
                    return h
        pos = end + 1
    return None


def dateline(text: str) -> date | None:
    """The date a document gives itself at its very start ("الثلاثاء 10 جمادى الآخرة 1441 هـ"،
    "إدلب، 4 شباط 2020 -"), Gregorian or Hijri; None if there is none. Use it as the reference date
    (``find_times(text, dateline(text))``) when the manifest gives no publication date."""
    if not text:
        return None
    cut = 0
    for _ in range(DATELINE_LINES + 2):  # the first lines only (blank ones included)
        nl = text.find("\n", cut)
        if nl < 0:
            cut = len(text)
            break
        cut = nl + 1
    # the head's normalization is a prefix of the (cached) document's: normalization is per character
    nt = normalized(text)
    norm = nt.text[:bisect.bisect_left(nt.offsets, min(cut, 600))]
    head = _dateline_hit(norm, _hits(norm, None))
    if head is None or head.value.relative:  # as find_times(head_text, None): a relative date stays unresolved
        return None
    return head.value.best


_TODAY_RE = re.compile(r"^(?:[^\W\d_]+\s+)?(?:يوم\s+)?اليوم(?:\s*[،,(]?\s*[^\W\d_]+\)?)?$")
_APPOSITION_RE = re.compile(r"^[\s،,(\-–]*(?:الموافق\s*(?:ل)?\s*)?$")


def reference_date(text: str) -> date | None:
    """The date a document gives for its own day when the manifest has none: its :func:`dateline`,
    else an explicit date put right after "اليوم" ("صباح اليوم، السبت 8 من شباط"، "اليوم الخميس
    الموافق 6 شباط 2020")."""
    found = dateline(text)
    if found is not None or not text:
        return found
    norm = normalized(text).text
    hits = _hits(norm, None)
    for h1, h2 in zip(hits, hits[1:], strict=False):
        v = h2.value
        if (v.precision == "day" and v.best is not None and (not v.relative or "year_from_weekday" in v.flags)
                and _TODAY_RE.match(norm[h1.start:h1.end]) and _APPOSITION_RE.match(norm[h1.end:h2.start])):
            return v.best
    return None
