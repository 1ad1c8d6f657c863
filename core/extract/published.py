"""Publication date inference for documents whose manifest gives none (issue 11, item 8).

Relative times ("أمس"، "اليوم الخميس") need the day the report was written. When the manifest
has no date, this module looks for it, in order of trust:

1. ``url``: a date in the page address (``/2020/02/28/``, ``2020-02-28``, ``20200228`` as a
   whole path segment, ``?date=2020-02-28``); only real days not after today;
2. ``dateline``: a fully explicit date the text gives for its own day: the date a report opens
   with (a dateline or the first sentence's date), or one in apposition to "اليوم"/"أمس"/"أول
   أمس" ("أمس الاثنين 23 أيلول 2019" was written on the 24th);
3. ``text``: the latest explicit full date (day, month and year, or a weekday that pins the year)
   in the text: a report is written on or after the last day it names. A date told in a background
   clause is not one (a pluperfect "وكانت ... قد"، "سبق أن"، "منذ"، an anniversary "ذكرى"، "قبل تسع
   سنوات"; past the lead paragraph also a year written "من عام 2013"): it recalls an earlier event, and a
   report whose only full dates are such stays undated rather than dated years back
   (``core/lexicons/publication.yaml``).

A date whose written weekday disagrees with it ("الجمعة 9 أيار 2019", a Thursday) is not used.
A weekday that pins the year of a day and month ("الأربعاء 22 شباط") picks, among the years
where that day is that weekday, the one nearest a year the URL or text states. Future dates,
deadlines and "since" ranges never give the reference. Nothing found: ``None`` (the events are
kept, dated only where the text dates them fully).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from urllib.parse import unquote

from core.model import Document, TimeMention

EARLIEST_YEAR = 1990
_URL_YMD = re.compile(r"(?<![\d])((?:19|20)\d\d)[/_.-](\d{1,2})[/_.-](\d{1,2})(?![\d])")
_URL_DMY = re.compile(r"(?<![\d])(\d{1,2})[/_.-](\d{1,2})[/_.-]((?:19|20)\d\d)(?![\d])")
_URL_COMPACT = re.compile(r"(?:^|[/_=-])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:$|[/_.?&#-])")
_URL_YEAR = re.compile(r"(?:^|[/_=-])((?:19|20)\d\d)(?:$|[/_.?&#-])")
_APPOSITION = re.compile(r"^[\s،,()\-–:\"“”«»]*(?:الموافق\s*(?:ل)?\s*)?[\s،,()\-–:\"“”«»]*$")
NOT_REFERENCE_FLAGS = frozenset({"future", "deadline", "since", "event_offset", "event_relative", "year_only"})


@dataclass(frozen=True)
class InferredDate:
    day: date
    basis: str  # url | dateline | text
    start: int = -1  # where the text states it (dateline and text bases)
    in_lead: bool = False  # stated in the lead paragraph
    by_weekday: bool = False  # told by a relative day's weekday only ("اليوم (الأحد)")


def _valid(y: int, m: int, d: int, today: date) -> date | None:
    try:
        found = date(y, m, d)
    except ValueError:
        return None
    return found if EARLIEST_YEAR <= found.year and found <= today else None


def url_date(url: str, today: date | None = None) -> date | None:
    """The day a page address states (path or query), else None."""
    if not url:
        return None
    today = today or date.today()
    address = unquote(url)
    for m in _URL_YMD.finditer(address):
        if found := _valid(int(m[1]), int(m[2]), int(m[3]), today):
            return found
    for m in _URL_COMPACT.finditer(address):
        if found := _valid(int(m[1]), int(m[2]), int(m[3]), today):
            return found
    for m in _URL_DMY.finditer(address):
        if found := _valid(int(m[3]), int(m[2]), int(m[1]), today):
            return found
    return None


def _url_year(url: str) -> int | None:
    m = _URL_YEAR.search(unquote(url or ""))
    return int(m[1]) if m else None


def _words(surface: str) -> list[str]:
    from core.text import normalize

    return re.findall(r"[^\W\d_]+", normalize(surface))


def _relative_offset(tm: TimeMention, lex) -> int | None:
    """Days back from the writing day a relative mention names ("اليوم" 0, "أمس" 1), else None."""
    words = [w for w in _words(tm.surface) if w not in lex.weekday]
    for i in range(len(words)):
        back = lex.relative.get(" ".join(words[i:]))
        if back is not None:
            return -back if back <= 0 else None
    return None


def is_relative_day(tm: TimeMention) -> bool:
    """Whether a time names its day relative to the writing day ("أمس"، "ظهر اليوم الأربعاء")."""
    from core.extract.mentions.times.patterns import _lex

    return _relative_offset(tm, _lex()) is not None


def _apposed(gap: str, lex) -> bool:
    """Whether ``gap`` joins a relative day to the date after it: punctuation, "الموافق"، and a weekday the time
    recognizer left out (quoted: "أمس “الثلاثاء” 12 تشرين الثاني")."""
    from core.text import normalize

    if len(gap) > 40:
        return False
    gap = normalize(gap)
    for w in _words(gap):
        if w in lex.weekday:
            gap = gap.replace(w, " ", 1)
    return _APPOSITION.match(gap) is not None


def _weekday_agrees(tm: TimeMention, lex) -> bool:
    days = {lex.weekday[w] for w in _words(tm.surface) if w in lex.weekday}
    return tm.date is not None and (not days or days == {tm.date.weekday()})


def _future_or_deadline(text: str, tm: TimeMention, lex) -> bool:
    """A date after a deadline or future cue ("بحلول 15 آذار 2020"، "سيعقد في ..."): not yet happened."""
    from core.extract.mentions.times.lexicon import _future_before
    from core.text import normalize

    before = normalize(text[max(0, tm.start - 60):tm.start])
    return bool(lex.deadline_re.search(before[-25:])) or _future_before(before, len(before), lex)


def _repin_year(day: date, anchor_year: int | None, today: date, floor: int | None = None) -> date:
    """A day whose year came from its weekday: the year with the same weekday nearest ``anchor_year``; with
    none, not before ``floor`` (the latest year the text recalls: "الأحد 17 أيلول" of a text that recalls
    "3 آذار 2023" is not of 2017), nearest the corpus period it was taken from."""
    if anchor_year is None and (floor is None or day.year >= floor):
        return day
    lo = anchor_year if anchor_year is not None else floor
    options = [d for y in range(lo - (11 if anchor_year is not None else 0), lo + 12)
               if (d := _valid(y, day.month, day.day, today)) is not None and d.weekday() == day.weekday()]
    return min(options, key=lambda d: abs(d.year - lo)) if options else day


@cache
def _recall_cues() -> dict:
    from core import vocab
    from core.text import normalize

    raw = vocab.load_yaml("publication.yaml")
    words = lambda key: frozenset(normalize(w) for w in raw[key])  # noqa: E731
    return {"before": tuple(tuple(_words(p)) for p in raw["recall_before"]), "window": int(raw["recall_window"]),
            "span_head": normalize(raw["recall_span_head"]), "span_units": words("recall_span_units"),
            "after": words("recall_after"), "after_window": int(raw["recall_after_window"]),
            "year_nouns": words("year_nouns"), "lead_min_words": int(raw["lead_min_words"]),
            "own_day_reach": int(raw["own_day_reach"])}


_SENTENCE_END = re.compile(r"[.!؟?\n]")


def _bare(word: str) -> str:
    """A word without a clitic و/ف before it, when at least three letters are left (ب/ل stay)."""
    for clitic in ("و", "ف"):
        if word.startswith(clitic) and len(word) > 3:
            word = word[1:]
            break
    return word


def _lead_end(text: str, min_words: int) -> int:
    """Where the lead ends: the end of the first paragraph with at least ``min_words`` words (a title is shorter)."""
    pos = 0
    for para in text.split("\n"):
        pos += len(para) + 1
        if len(_words(para)) >= min_words:
            return pos
    return len(text)


def _recalled(text: str, tm: TimeMention, in_lead: bool) -> bool:
    """A date in a background clause (see the module doc): a recall cue among the words before it in its
    sentence, a memory word right after it, or (past the lead) its year written with "عام"."""
    cues = _recall_cues()
    start = max(0, tm.start - 160)
    before_text = text[start:tm.start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(before_text)), default=0)
    before = [_bare(w) for w in _words(before_text[cut:])][-cues["window"]:]
    for i in range(len(before)):
        for phrase in cues["before"]:
            if tuple(before[i:i + len(phrase)]) == phrase:
                return True
        if before[i] == cues["span_head"] and any(w in cues["span_units"] for w in before[i + 1:i + 4]):
            return True
    after_text = text[tm.end:tm.end + 120]
    end = next((m.start() for m in _SENTENCE_END.finditer(after_text)), len(after_text))
    if any(_bare(w) in cues["after"] for w in _words(after_text[:end])[:cues["after_window"]]):
        return True
    return not in_lead and any(w in cues["year_nouns"] for w in _words(tm.surface))


def _years(times: list[TimeMention]) -> list[int]:
    return [t.date_end.year for t in times if t.date_end is not None and not {"year_from_weekday", "no_published_date",
                                                                            "future", "deadline"}.intersection(t.flags)]


def _stated_year(times: list[TimeMention], url: str) -> int | None:
    """A year the document states outright: in its URL, else the latest in a full date or "عام 2021"."""
    year = _url_year(url)
    if year is not None:
        return year
    years = _years(times)
    return max(years) if years else None


def text_date(text: str, url: str = "", today: date | None = None,
              published: date | None = None) -> InferredDate | None:
    """The writing day the text itself gives (a dateline or a date next to "اليوم/أمس", else the
    latest explicit full date), else None. ``published``: a manifest date that gives the year of a
    date written without one ("اليوم الثلاثاء الموافق 19 أيلول الجاري"); days named relative to it
    ("اليوم"، "أمس") are not the text's own."""
    from core.extract.mentions.times import find_times
    from core.extract.mentions.times.patterns import _lex

    if not text:
        return None
    today = today or date.today()
    lex = _lex()
    times = find_times(text, published)
    lead_end = _lead_end(text, _recall_cues()["lead_min_words"])
    recalled = {id(tm) for tm in times if tm.date is not None and _recalled(text, tm, tm.start < lead_end)}
    anchor_year = _stated_year([tm for tm in times if id(tm) not in recalled], url)
    floor = max(_years([tm for tm in times if not _future_or_deadline(text, tm, lex)]), default=None)
    stated: list[tuple[date, int, bool]] = []
    latest: TimeMention | None = None
    latest_day: date | None = None
    previous: TimeMention | None = None
    for tm in times:
        prev, previous = previous, tm
        if published is not None and (back := _relative_offset(tm, lex)) is not None:
            if "weekday_conflict" in tm.flags and tm.date is not None and tm.precision == "day":
                # "اليوم (الأحد)" in a page dated Tuesday: the weekday wins (it dated the mention), and so the
                # writing day is that Sunday ("أمس السبت": the Sunday after it)
                stated.append((tm.date + timedelta(days=back), tm.start, True))
            continue  # (else named relative to the manifest date itself)
        if (tm.date is None or tm.precision != "day" or NOT_REFERENCE_FLAGS.intersection(tm.flags)
                or not _weekday_agrees(tm, lex) or _future_or_deadline(text, tm, lex)):
            continue
        repin = "year_from_weekday" in tm.flags and published is None  # (with a manifest date, its year holds)
        day = _repin_year(tm.date, anchor_year, today, floor) if repin else tm.date
        back = None
        if prev is not None and _apposed(text[prev.end:tm.start], lex):
            back = _relative_offset(prev, lex)  # "أمس الاثنين 23 أيلول 2019": written the day after
        if back is None and "dateline" in tm.flags and id(tm) not in recalled:
            back = 0  # (a date opening a line after "قبل خمس سنوات، ..." is no dateline)
        if back is not None:
            written = date.fromordinal(day.toordinal() + back)
            if written <= today:
                stated.append((written, tm.start, False))
        if day <= today and (latest_day is None or day > latest_day) and id(tm) not in recalled:
            latest, latest_day = tm, day
    if stated:
        return InferredDate(stated[0][0], "dateline", stated[0][1], stated[0][1] < lead_end, stated[0][2])
    if latest is None or latest_day is None:
        return None
    return InferredDate(latest_day, "text", latest.start, latest.start < lead_end)


def own_day(doc: Document) -> InferredDate | None:
    """The day a report dated by its manifest states for itself in its lead ("قصفت الطائرات اليوم الثلاثاء 6 تشرين
    الأول 2020"، "أمس الأحد 4 تشرين الأول") when it lies a few days (up to ``own_day_reach``) before the manifest date:
    a page published or updated later. Relative times and undated sentences count from it."""
    if doc.published is None or doc.published_inferred or not doc.text:
        return None
    lead = doc.text[:_lead_end(doc.text, _recall_cues()["lead_min_words"])]  # (only the lead is read: linear, cheap)
    found = text_date(lead, doc.url, today=doc.published, published=doc.published)
    if found is None or found.basis != "dateline" or not found.in_lead:
        return None
    # (a weekday one day off is the manifest's next-morning date: the mention keeps its flagged weekday, the rest
    # the manifest day)
    least = 2 if found.by_weekday else 1
    return found if least <= (doc.published - found.day).days <= _recall_cues()["own_day_reach"] else None


def infer_published(doc: Document, today: date | None = None) -> InferredDate | None:
    """The publication day of a document without one: from its URL, else its text (see module doc)."""
    found = url_date(doc.url, today)
    if found is not None:
        return InferredDate(found, "url")
    return text_date(doc.text, doc.url, today)


def with_reference_date(doc: Document) -> Document:
    """``doc`` itself when the manifest dates it; else with the inferred day as ``published``,
    ``published_inferred`` set and the basis recorded (unchanged when nothing is found)."""
    if doc.published is not None:
        return doc
    found = infer_published(doc)
    if found is None:
        return doc
    return dataclasses.replace(doc, published=found.day, published_inferred=True, published_basis=found.basis)
