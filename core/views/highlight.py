"""A document's text with its extracted mentions highlighted, as escaped HTML (the Sources page).

``document_mentions`` runs the recognizers (actors, places, times, triggers) over one
document; ``highlight_html`` marks their spans and the spans of the document's events in
the text. Every character of the source text is escaped, so a hostile document cannot
inject markup into the dashboard.
"""

from __future__ import annotations

import heapq
import html
import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.model import Document

# kind → (module, function); each is called with the document text (times also with its date)
RECOGNIZERS: dict[str, tuple[str, str]] = {
    "actor": ("core.extract.mentions.actors", "find_actors"),
    "place": ("core.extract.mentions.places", "find_places"),
    "time": ("core.extract.mentions.times", "find_times"),
    "trigger": ("core.extract.mentions.triggers", "find_triggers"),
}
KINDS = tuple(RECOGNIZERS)
_SAFE_ID_RE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class Highlight:
    kind: str  # actor | place | time | trigger
    start: int
    end: int
    surface: str
    label: str  # what the recognizer made of it, for the tooltip
    status: str = ""  # places: resolved | region | unresolved


@dataclass(frozen=True)
class EventSpan:
    """Where an event's evidence lies in the document, and how the page refers to it."""

    event_id: str
    start: int
    end: int
    ref: str  # the marker shown after the span ("1", "2", ...)


@dataclass(frozen=True)
class DocumentMentions:
    doc_id: str
    highlights: tuple[Highlight, ...]
    unresolved: tuple[str, ...]  # unresolved place names, in text order, without repeats
    missing: tuple[str, ...] = ()  # recognizers that could not run, with the reason

    def count(self, kind: str) -> int:
        return sum(1 for h in self.highlights if h.kind == kind)


# ---- running the recognizers -----------------------------------------------------------------
def _recognizer(kind: str):
    module_name, func_name = RECOGNIZERS[kind]
    module = importlib.import_module(module_name)
    return getattr(module, func_name)


def _label(kind: str, m) -> tuple[str, str]:
    """(tooltip label, status) of a recognizer's mention."""
    if kind == "actor":
        actor = m.actor
        hint = f", {m.role_hint}" if getattr(m, "role_hint", "") else ""
        return f"actor: {actor.actor_id} ({actor.side}{hint})", ""
    if kind == "place":
        status = getattr(m, "status", "resolved") or "resolved"
        place = getattr(m, "place", None)
        if place is None:
            fallback = getattr(m, "fallback", None)
            extra = f"; region given: {fallback.name_en}" if fallback is not None else ""
            return f"place: unresolved ({getattr(m, 'reason', '')}{extra})", "unresolved"
        return (f"place: {place.name_en} {place.place_id} · precision {getattr(m, 'precision', '')}"
                f" · {status}"), status
    if kind == "time":
        if m.date_start and m.date_end and m.date_start != m.date_end:
            when = f"{m.date_start} – {m.date_end}"
        else:
            when = str(m.date) if m.date else "unresolved"
        flags = f" ({', '.join(m.flags)})" if m.flags else ""
        return f"date: {when} · {m.precision}{flags}", ""
    return f"trigger: {m.event_type} ({m.layer})", ""


def document_mentions(doc: Document, kinds: Sequence[str] = KINDS) -> DocumentMentions:
    """Run each recognizer over ``doc``; a recognizer that is missing or fails is reported, not fatal."""
    found: list[Highlight] = []
    missing: list[str] = []
    unresolved: dict[str, None] = {}  # ordered set
    for kind in kinds:
        try:
            func = _recognizer(kind)
        except (ImportError, AttributeError) as exc:
            missing.append(f"{kind}: recognizer not available ({exc})")
            continue
        try:
            mentions = func(doc.text, doc.published) if kind == "time" else func(doc.text)
        except Exception as exc:  # one broken recognizer must not hide the others
            missing.append(f"{kind}: recognizer failed ({type(exc).__name__}: {exc})")
            continue
        for m in mentions:
            label, status = _label(kind, m)
            found.append(Highlight(kind, int(m.start), int(m.end), m.surface, label, status))
            if kind == "place" and status == "unresolved":
                unresolved.setdefault(m.surface)
    found.sort(key=lambda h: (h.start, -h.end))
    return DocumentMentions(doc.doc_id, tuple(found), tuple(unresolved), tuple(missing))


# ---- HTML ------------------------------------------------------------------------------------
# characters Markdown (or Streamlit's Markdown extensions, KaTeX) could act on even next to HTML, as entities
_MARKDOWN_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "[]()!*_`~:\\|{}^="})


def escape_text(text: str, newlines: str = "<br>") -> str:
    """HTML-escaped text safe inside a Markdown HTML block: quotes, ``$`` (LaTeX) and line breaks too."""
    out = html.escape(text, quote=True).replace("$", "&#36;")
    return out.replace("\r", "").replace("\n", newlines)


def escape_body(text: str) -> str:
    """:func:`escape_text` for text shown (not attributes): every character Markdown could act on is an
    entity too, so no link, image or formula can come alive whatever renders the block."""
    return escape_text(text).translate(_MARKDOWN_ENTITIES)


def anchor_id(event_id: str) -> str:
    return "card-" + _SAFE_ID_RE.sub("_", str(event_id))


def highlight_html(text: str, highlights: Sequence[Highlight], events: Sequence[EventSpan] = ()) -> str:
    """``text`` as HTML: mentions in ``<mark class="m-KIND">``, event evidence underlined and followed by
    a link to the event's card (``#card-ID``). Overlaps are fine: the innermost mention wins a stretch.

    One sweep over the cut points (a heap of open mentions, innermost on top): linear in the text and
    the mentions, whatever their number."""
    n = len(text)
    marks = [h for h in highlights if 0 <= h.start < h.end <= n]
    spans = [e for e in events if 0 <= e.start < e.end <= n]
    cuts = sorted({0, n} | {h.start for h in marks} | {h.end for h in marks}
                  | {e.start for e in spans} | {e.end for e in spans})
    starting: dict[int, list[int]] = {}
    for i, h in enumerate(marks):
        starting.setdefault(h.start, []).append(i)
    events_starting: dict[int, list[int]] = {}
    ends_at: dict[int, list[EventSpan]] = {}
    for i, e in enumerate(spans):
        events_starting.setdefault(e.start, []).append(i)
        ends_at.setdefault(e.end, []).append(e)
    open_marks: list[tuple[int, int, int]] = []  # (length, kind rank, index): the innermost first
    open_events: set[int] = set()
    events_attr = ""
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for i in starting.get(a, ()):
            h = marks[i]
            heapq.heappush(open_marks, (h.end - h.start, KINDS.index(h.kind) if h.kind in KINDS else 9, i))
        while open_marks and marks[open_marks[0][2]].end <= a:
            heapq.heappop(open_marks)  # closed mentions leave once they reach the top
        if a in events_starting or a in ends_at:  # the open events change only at their own ends
            open_events.update(events_starting.get(a, ()))
            open_events = {i for i in open_events if spans[i].end > a}
            events_attr = escape_text(" ".join(anchor_id(spans[i].event_id) for i in sorted(open_events)))
        piece = escape_body(text[a:b])
        if open_marks:
            h = marks[open_marks[0][2]]
            classes = f"m-{h.kind}" + (f" {h.status}" if h.status else "")
            piece = (f'<mark class="{escape_text(classes)}" title="{escape_text(h.label, " ")}">'
                     f"{piece}</mark>")
        if open_events:
            piece = f'<span class="ev" data-events="{events_attr}">{piece}</span>'
        out.append(piece)
        for e in ends_at.get(b, ()):
            out.append(f'<a class="evref" href="#{anchor_id(e.event_id)}" title="event {escape_text(e.event_id)}">'
                       f"[{escape_text(e.ref)}]</a>")
    return "".join(out)


def legend_html() -> str:
    parts = [('m-actor', 'actor · جهة'), ('m-place', 'place · مكان'), ('m-place unresolved', 'unresolved place'),
             ('m-time', 'date · تاريخ'), ('m-trigger', 'event word · حدث')]
    marks = "".join(f'<mark class="{c}">{escape_text(t)}</mark>' for c, t in parts)
    return f'<div class="rasd-legend">{marks}<span class="ev">event evidence</span> [n] → event card</div>'


# every ASCII punctuation character as an entity: no Markdown syntax, autolink (http://, www., a@b) or
# Streamlit directive (:icon:, :red[...]) can form, while the text reads the same
_PUNCTUATION_ENTITIES = str.maketrans({**{c: f"&#{ord(c)};" for c in "!\"#$%'()*+,-./:=?@[\\]^_`{|}~"},
                                       "&": "&amp;", "<": "&lt;", ">": "&gt;"})


_LINKIFIED = re.compile(r"(?i)\b(?:https?|ftps?|mailto|file|javascript|data)(?=:)|\bwww(?=\.)|@(?=\w)")


def escape_markdown(text: object) -> str:
    """``text`` for st.markdown / st.caption / st.warning without Markdown: HTML-escaped, every ASCII
    punctuation character an entity, line breaks as spaces, so links, images, formulas and tags show
    as the characters they are."""
    flat = " ".join(str(text if text is not None else "").split())
    # Streamlit turns URLs and e-mail addresses in shown text into links (after entities are read): an
    # invisible word joiner inside "http", "www" and after "@" keeps them text
    flat = _LINKIFIED.sub(lambda m: m.group()[0] + "\u2060" + m.group()[1:], flat)  # "@" + joiner + name
    return flat.translate(_PUNCTUATION_ENTITIES)
