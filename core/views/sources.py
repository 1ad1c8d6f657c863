"""The Sources page's view of one document: its text in parts, mentions highlighted, events linked.

A long document is shown in parts of about :data:`PART_CHARS` characters (cut at a paragraph end,
else a space): the recognizers and the highlighting run on the part shown, so a 1 MB article costs
what its part costs. A normal article (a few thousand characters) is one part.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from core.model import Document
from core.views import highlight

PART_CHARS = 20_000


@dataclass(frozen=True)
class SourceView:
    doc_id: str
    part: int  # 0-based
    n_parts: int
    start: int  # the part's span in the document
    end: int
    body_html: str  # escaped text with <mark> mentions and event links
    counts: dict[str, int]  # mentions per kind in the part
    unresolved: tuple[str, ...]  # unresolved place names of the part and of its events
    missing: tuple[str, ...]  # recognizers that could not run
    refs: dict[str, str]  # event_id → the marker shown after its evidence ("1", "2", ...)
    n_events: int  # events of the document with evidence in this part


def document_parts(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """Spans covering ``text`` in order, each at most ``size`` characters, cut at a line end when
    there is one in the second half of the part, else at a space."""
    parts: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        lo, hi = start + size // 2, start + size
        cut = text.rfind("\n", lo, hi) + 1 or text.rfind(" ", lo, hi) + 1 or hi
        parts.append((start, cut))
        start = cut
    parts.append((start, n))
    return parts


def source_view(doc: Document, doc_events: pd.DataFrame, part: int = 0, size: int = PART_CHARS) -> SourceView:
    """What the Sources page shows of ``doc`` (its events: ``doc_events``, in display order) for ``part``."""
    parts = document_parts(doc.text, size)
    part = min(max(part, 0), len(parts) - 1)
    start, end = parts[part]
    piece = doc if (start, end) == (0, len(doc.text)) else replace(doc, text=doc.text[start:end])
    mentions = highlight.document_mentions(piece)
    refs = {str(eid): str(i + 1) for i, eid in enumerate(dict.fromkeys(doc_events["event_id"]))}
    spans = []
    in_part = set()
    for r in doc_events.itertuples():
        a, b = max(int(r.char_start), start), min(int(r.char_end), end)
        if a < b:
            spans.append(highlight.EventSpan(str(r.event_id), a - start, b - start, refs[str(r.event_id)]))
            in_part.add(str(r.event_id))
    unresolved = dict.fromkeys(mentions.unresolved)
    rows = doc_events[doc_events["geo_status"] == "unresolved"]
    for name in list(rows["place_surface"]) + list(rows["place_ar"]):
        if isinstance(name, str) and name:
            unresolved.setdefault(name)
    return SourceView(
        doc_id=doc.doc_id, part=part, n_parts=len(parts), start=start, end=end,
        body_html=highlight.highlight_html(piece.text, mentions.highlights, spans),
        counts={k: mentions.count(k) for k in highlight.KINDS}, unresolved=tuple(unresolved),
        missing=mentions.missing, refs=refs, n_events=len(in_part),
    )
