"""Paragraphs, sentences and clauses of a news text, with spans into the ORIGINAL text.

Rules (cues in ``core/lexicons/segment_cues.yaml``):

- A paragraph is a non-blank line (outlets put headlines and paragraphs on their own lines).
- A sentence ends at ``. ! ? ؟ …`` (closing quotes/brackets stay with it; a dot between two
  digits is a decimal point), at a line break, and before a bullet/headline star that
  outlets leave inside flattened text ("... سدى . *إسقاط مروحية ...").
- A clause ends at "؛" and before a clause joiner (كما، في حين، بينما، فيما ...) that is not the
  first word of its sentence; "، حيث" and "، ثم" also start a clause. The Arabic comma "،"
  alone does NOT split: it separates list items (villages, actors) as often as clauses.
- A run-on text often starts a new report with "و" + a reporting verb ("... في إدلب وأفادت
  مصادر ..."): a boundary is placed there when the running clause has enough words and the
  verb is not followed by a particle ("وطالب بتنفيذ" stays). It is a CLAUSE boundary by
  default (``reporting_verb_boundary`` in the cues file), so the sentence still gives the
  time/place context of both parts: such reports often date the event right after the
  verb. Other "و" + verb ("... استهدف ... وأسفر عن مقتل") never split. Clauses partition
  their sentence exactly.

Hard-wrapped text (a line break every 60-100 characters inside sentences: text copied from a PDF, an
e-mail or a narrow page) is re-flowed first by :func:`unwrap_lines`: a break inside a wrapped block
becomes a space, in a text of the SAME length (every offset still points into the original).

Indices (``paragraph``, ``sentence``, ``clause``) are 0-based over the whole document. A
sentence carries the index of its first clause, a paragraph those of its first sentence
and clause, so any segment can be located in the other lists.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

import ahocorasick

from core.model import dict_init
from core.text import NormalizedText, normalize, normalize_with_offsets
from core.vocab import load_yaml


@dict_init
@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    paragraph: int
    sentence: int
    clause: int


@dataclass(frozen=True)
class Segmentation:
    paragraphs: tuple[Segment, ...]
    sentences: tuple[Segment, ...]
    clauses: tuple[Segment, ...]

    def _index(self, segments: tuple[Segment, ...], offset: int) -> int | None:
        starts = [s.start for s in segments]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and segments[i].start <= offset < max(segments[i].end, segments[i].start + 1):
            return i
        return None

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence containing the character at ``offset`` (None between sentences)."""
        return self._index(self.sentences, offset)

    def clause_of(self, offset: int) -> int | None:
        return self._index(self.clauses, offset)

    def paragraph_of(self, offset: int) -> int | None:
        return self._index(self.paragraphs, offset)


@lru_cache(maxsize=64)
def normalized(text: str) -> NormalizedText:
    """Cached :func:`core.text.normalize_with_offsets` (several recognizers read the same text)."""
    return normalize_with_offsets(text)


@cache
def _cues() -> dict:
    raw = load_yaml("segment_cues.yaml")
    verbs = sorted({normalize(v) for v in raw["sentence_verbs"]}, key=len, reverse=True)
    suffixes = sorted(raw["verb_suffixes"], key=len, reverse=True)
    verb_forms = sorted({v + s for v in verbs for s in suffixes}, key=len, reverse=True)
    particles = {normalize(p) for p in raw["particles_after_verb"]}
    joiners = sorted({normalize(j) for j in raw["clause_joiners"]}, key=len, reverse=True)
    comma_joiners = sorted({normalize(j) for j in raw["clause_joiners_after_comma"]}, key=len, reverse=True)
    exceptions = {normalize(k): {normalize(w) for w in v or []} for k, v in raw["joiner_exceptions"].items()}
    bullets = "".join(re.escape(b) for b in raw["bullet_marks"])
    return {
        # patterns start with a literal or a character set (fast to search); the left
        # context is checked in Python (_word_start)
        # the definition of a reporting-verb boundary; scanned with the equivalent automaton (_verb_spans)
        "verb_re": re.compile(r"و(?:" + "|".join(map(re.escape, verb_forms)) + r")(?=[\s،,:])"),
        "verb_automaton": _automaton("و" + v for v in verb_forms),
        "particles": particles,
        "min_words": int(raw["min_words_before_verb"]),
        "verb_boundary": raw.get("reporting_verb_boundary", "clause"),
        "joiner_re": re.compile(r"(" + "|".join(map(re.escape, joiners)) + r")(?=\s)"),
        "comma_joiner_re": re.compile(r"[،,]\s*[وف]?(" + "|".join(map(re.escape, comma_joiners)) + r")(?=\s)"),
        "exceptions": exceptions,
        "bullet_re": re.compile(r"[" + bullets + r"](?=\s*[^\W\d_])"),
        "bullet_marks": "".join(raw["bullet_marks"]),
        "max_sentence_chars": int(raw.get("max_sentence_chars", 2000)),
    }


_TERMINAL_RE = re.compile(r"[.!?؟…]+[\"'»”’)\]]*")
_LEFT_OK = frozenset(" \t\n\r\u00a0،,\"«“(")
_WORD_RE = re.compile(r"[^\W_]+")
_SEMICOLON_RE = re.compile(r"[؛;]\s*")
_LINE_RE = re.compile(r"[^\n\r\u2028\u2029]+")


# hard wrapping (unwrap_lines): a wrapped line is WRAP_MIN-WRAP_MAX characters long; a document is wrapped when
# WRAP_RUN such lines follow each other within WRAP_SLACK characters, or WRAP_SPREAD of them anywhere are within
# WRAP_BAND characters of each other (short wrapped paragraphs)
WRAP_MIN, WRAP_MAX, WRAP_RUN, WRAP_SLACK, WRAP_SPREAD, WRAP_BAND = 40, 100, 2, 25, 3, 12
_LINE_END_TERMINAL_RE = re.compile(r"[.!?؟…:：][\"'»”’)\]]*\s*$")
_LIST_ITEM_RE = re.compile(r"\s*(?:[-–—]\s|\d{1,2}\s*[-.)]\s)")


def _starts_item(line: str) -> bool:
    """A line that opens a bullet or list item ("* ...", "- ...", "2) ...") starts a paragraph of its own."""
    stripped = line.lstrip()
    return bool(stripped) and (stripped[0] in _cues()["bullet_marks"] or _LIST_ITEM_RE.match(line) is not None)


def unwrap_lines(text: str) -> str:
    """``text`` with the line breaks of hard-wrapped blocks turned into spaces (same length, so every offset
    still points into the original).

    A line is wrap-like when it is long (``WRAP_MIN``-``WRAP_MAX`` characters), ends in no terminal mark and a
    non-empty line follows it. A document is hard-wrapped when ``WRAP_RUN`` wrap-like lines of similar length
    follow each other, or ``WRAP_SPREAD`` of them anywhere have nearly the same length; its wrap width is the
    longest of them. Then a break is soft (a space) after a wrap-like line that is within a quarter of the
    width (a long word or two) of it and is followed by a line that
    opens no bullet or list item. Empty lines, short lines (titles, datelines, list items), lines ending a
    sentence and unwrapped texts (long paragraph lines) keep their breaks."""
    if text.count("\n") < WRAP_RUN:
        return text
    lines = text.split("\n")
    lengths = [len(line.strip()) for line in lines]

    def wrapped_like(i: int) -> bool:
        return (i + 1 < len(lines) and WRAP_MIN <= lengths[i] <= WRAP_MAX and lengths[i + 1] > 0
                and not _LINE_END_TERMINAL_RE.search(lines[i]))

    width, run = 0, []
    for i in range(len(lines)):
        if wrapped_like(i) and (not run or abs(lengths[i] - lengths[run[-1]]) <= WRAP_SLACK):
            run.append(i)
        else:
            run = [i] if wrapped_like(i) else []
        if len(run) >= WRAP_RUN:
            width = max(width, *(lengths[j] for j in run))
    candidates = sorted(lengths[i] for i in range(len(lines)) if wrapped_like(i))
    for k in range(len(candidates) - 1, WRAP_SPREAD - 2, -1):
        if candidates[k] - candidates[k - WRAP_SPREAD + 1] <= WRAP_BAND:
            width = max(width, candidates[k])
            break
    if not width:
        return text
    slack = max(10, width // 4)  # a wrapped line falls short of the width by at most a long word or two
    out = list(text)
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)  # the "\n" after line i
        if (lengths[i] >= width - slack and wrapped_like(i) and not _starts_item(lines[i + 1])):
            out[pos] = " "
        pos += 1
    return "".join(out)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _has_words(text: str, start: int, end: int) -> bool:
    return _WORD_RE.search(text, start, end) is not None


@dataclass(frozen=True)
class _Scan:
    """Every candidate boundary of a text, found in one pass per cue (sorted by position)."""

    terminals: list[int]  # cut after . ! ؟ …
    bullets: list[int]  # cut before * •
    semicolons: list[int]  # cut after ؛ (and its spaces)
    joiners: list[tuple[int, int, str]]  # (start, end, joiner) of كما/في حين/بينما/فيما
    comma_joiners: list[tuple[int, int]]  # (comma, clause start) of "، حيث" ...
    verbs: list[tuple[int, int]]  # (start, end) of "و" + reporting verb
    joiner_starts: list[int] = field(default_factory=list)  # sort keys of the lists above (for bisect)
    comma_starts: list[int] = field(default_factory=list)
    verb_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "joiner_starts", [j[0] for j in self.joiners])
        object.__setattr__(self, "comma_starts", [c[0] for c in self.comma_joiners])
        object.__setattr__(self, "verb_starts", [v[0] for v in self.verbs])

    @classmethod
    def of(cls, norm: str) -> _Scan:
        cues = _cues()
        comma_joiners = []
        for m in _finditer_at(cues["comma_joiner_re"], norm, "،,"):
            j = m.start() + 1
            while j < len(norm) and norm[j].isspace():
                j += 1
            comma_joiners.append((m.start(), j))
        joiners = []
        for m in cues["joiner_re"].finditer(norm):
            start = m.start()
            if start and norm[start - 1] in "وف":  # وكما، فيما ← "ف" + "يما" is not a joiner
                start -= 1
            if _word_start(norm, start):
                joiners.append((start, m.end(), m.group(1)))
        return cls(
            terminals=[m.end() for m in _finditer_at(_TERMINAL_RE, norm, ".!?؟…") if not _decimal_point(norm, m)],
            bullets=[m.start() for m in _finditer_at(cues["bullet_re"], norm, cues["bullet_marks"])
                     if m.start() == 0 or norm[m.start() - 1].isspace()],
            semicolons=[m.end() for m in _finditer_at(_SEMICOLON_RE, norm, "؛;")],
            joiners=joiners,
            comma_joiners=comma_joiners,
            verbs=[(a, b) for a, b in _verb_spans(norm, cues["verb_automaton"]) if _word_start(norm, a, "،,")],
        )


def _finditer_at(pattern: re.Pattern, text: str, firsts: str):
    """``pattern.finditer(text)`` for a pattern whose every match starts with one of the characters ``firsts``:
    tried only where they occur (found with str.find), left to right without overlaps as finditer goes (the
    regex search tests a character class at every position)."""
    starts = []
    for ch in firsts:
        i = text.find(ch)
        while i >= 0:
            starts.append(i)
            i = text.find(ch, i + 1)
    starts.sort()
    last_end = 0
    match = pattern.match
    for start in starts:
        if start >= last_end and (m := match(text, start)) is not None:
            yield m
            last_end = m.end()


def _automaton(words) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, len(w))
    automaton.make_automaton()
    return automaton


def _verb_spans(norm: str, automaton: ahocorasick.Automaton) -> list[tuple[int, int]]:
    """The spans ``verb_re.finditer`` gives, found with one Aho-Corasick pass: at each start the longest form
    followed by a space, comma or colon, then left to right without overlaps (the regex, an alternation tried at
    every "و", is several times slower)."""
    n = len(norm)
    longest: dict[int, int] = {}
    for end, length in automaton.iter(norm):
        if end + 1 < n and (norm[end + 1].isspace() or norm[end + 1] in "،,:"):
            start = end - length + 1
            if longest.get(start, -1) < end + 1:
                longest[start] = end + 1
    spans, last_end = [], 0
    for start in sorted(longest):
        if start >= last_end:
            spans.append((start, longest[start]))
            last_end = longest[start]
    return spans


def _word_start(norm: str, i: int, extra: str = "") -> bool:
    return i == 0 or norm[i - 1] in _LEFT_OK or norm[i - 1] in extra


def _decimal_point(norm: str, m: re.Match) -> bool:
    """A single "." between two digits (2.5) ends no sentence."""
    s, e = m.start(), m.end()
    return (m.group() == "." and 0 < s and e < len(norm) and norm[s - 1].isdigit() and norm[e].isdigit())


def _between(items: list, start: int, end: int, keys: list[int] | None = None) -> list:
    """Items of a sorted list whose position (``keys``, parallel to the items, or the item) lies in [start, end)."""
    keys = items if keys is None else keys
    return items[bisect.bisect_left(keys, start):bisect.bisect_left(keys, end)]


def _sentence_cuts(norm: str, scan: _Scan, start: int, end: int) -> list[int]:
    """Cut points (normalized offsets) inside the paragraph norm[start:end]."""
    cuts = set(_between(scan.terminals, start + 1, end)) | set(_between(scan.bullets, start + 1, end))
    if _cues()["verb_boundary"] == "sentence":
        _verb_cuts(norm, scan, start, end, cuts)
    return sorted(cuts)


def _verb_cuts(norm: str, scan: _Scan, start: int, end: int, cuts: set[int]) -> None:
    """Add a cut before "و" + reporting verb when enough words precede it since the last cut."""
    cues = _cues()
    for v_start, v_end in _between(scan.verbs, start, end, scan.verb_starts):
        nxt = _WORD_RE.search(norm, v_end, end)
        if nxt is None or nxt.group() in cues["particles"]:
            continue
        last_cut = max([start] + [c for c in cuts if c <= v_start])
        # count the words since the last cut (a bounded look back keeps huge texts linear)
        if len(_WORD_RE.findall(norm, max(last_cut, v_start - 40 * cues["min_words"]), v_start)) < cues["min_words"]:
            continue
        cuts.add(v_start)


def _clause_cuts(norm: str, scan: _Scan, start: int, end: int) -> list[int]:
    cues = _cues()
    cuts: set[int] = set(_between(scan.semicolons, start + 1, end))  # spaces after "؛" stay with its clause
    for j_start, j_end, joiner in _between(scan.joiners, start, end, scan.joiner_starts):
        nxt = _WORD_RE.search(norm, j_end, end)
        if nxt is None or nxt.group() in cues["exceptions"].get(joiner, ()):
            continue
        if _has_words(norm, start, j_start):
            cuts.add(j_start)
    for comma, clause_start in _between(scan.comma_joiners, start, end, scan.comma_starts):
        if _has_words(norm, start, comma):
            cuts.add(clause_start)
    if cues["verb_boundary"] == "clause":
        _verb_cuts(norm, scan, start, end, cuts)
    return sorted(c for c in cuts if start < c < end)


def _run_on_pieces(norm: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """A sentence longer than ``limit`` (a run-on text without punctuation) cut at the last comma, else
    space, in the second half of each ``limit`` characters: every sentence-level rule stays local."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = norm.rfind("،", lo, hi) + 1 or norm.rfind(",", lo, hi) + 1
        if not cut:
            space = max(norm.rfind(" ", lo, hi), norm.rfind("\t", lo, hi))
            cut = space + 1 if space >= 0 else hi
        a, b = _strip_span(norm, start, cut)
        if a < b:
            pieces.append((a, b))
        start = cut
    a, b = _strip_span(norm, start, end)
    if a < b:
        pieces.append((a, b))
    return pieces


def _orig(nt: NormalizedText, i: int) -> int:
    """Original offset of normalized offset ``i`` (a cut point between characters)."""
    if i >= len(nt.offsets):
        return len(nt.original)
    return nt.offsets[i]


@lru_cache(maxsize=64)
def segment(text: str) -> Segmentation:
    """Paragraphs, sentences and clauses of ``text`` (cached: callers may ask repeatedly)."""
    nt = normalized(text)
    norm = nt.text
    scan = _Scan.of(norm)
    paragraphs: list[Segment] = []
    sentences: list[Segment] = []
    clauses: list[Segment] = []
    for line in _LINE_RE.finditer(norm):
        p_start, p_end = _strip_span(norm, line.start(), line.end())
        if p_start >= p_end or not _has_words(norm, p_start, p_end):
            continue
        p_index, first_sentence, first_clause = len(paragraphs), len(sentences), len(clauses)
        bounds = [p_start, *_sentence_cuts(norm, scan, p_start, p_end), p_end]
        pieces: list[tuple[int, int]] = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            a, b = _strip_span(norm, a, b)
            if a >= b:
                continue
            if pieces and not _has_words(norm, a, b):  # stray punctuation joins the previous sentence
                pieces[-1] = (pieces[-1][0], b)
            else:
                pieces.extend(_run_on_pieces(norm, a, b, _cues()["max_sentence_chars"]))
        for a, b in pieces:
            s_index, c_first = len(sentences), len(clauses)
            c_bounds = [a, *_clause_cuts(norm, scan, a, b), b]
            for ca, cb in zip(c_bounds, c_bounds[1:], strict=False):
                oa, ob = _orig(nt, ca), _orig(nt, cb)
                clauses.append(Segment(oa, ob, text[oa:ob], p_index, s_index, len(clauses)))
            oa, ob = _orig(nt, a), _orig(nt, b)
            sentences.append(Segment(oa, ob, text[oa:ob], p_index, s_index, c_first))
        oa, ob = _orig(nt, p_start), _orig(nt, p_end)
        paragraphs.append(Segment(oa, ob, text[oa:ob], p_index, first_sentence, first_clause))
    return Segmentation(tuple(paragraphs), tuple(sentences), tuple(clauses))


def paragraphs(text: str) -> list[Segment]:
    return list(segment(text).paragraphs)


def sentences(text: str) -> list[Segment]:
    return list(segment(text).sentences)


def clauses(text: str) -> list[Segment]:
    return list(segment(text).clauses)
