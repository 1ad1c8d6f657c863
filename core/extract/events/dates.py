"""Dates of events (step 5): the reference day, the times that may date an event, and the
choice of clause, sentence or paragraph time (a paragraph opening with a continuation verb
inherits the times of the one before)."""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from functools import cache, lru_cache

from core import vocab
from core.extract.events.cues import WORD_RE, event_cues, norm_slice, original_words, words_between
from core.extract.events.draft import Draft
from core.extract.published import is_relative_day, own_day
from core.extract.segment import Segmentation
from core.model import Document, TimeMention
from core.text import normalize

MAX_EVENT_SPAN_DAYS = 31  # coarser time mentions ("عام 2012") do not date an event


OWN_TIME_CHARS = 40


NOT_EVENT_TIME_FLAGS = frozenset({"future", "deadline"})  # "سيستقبل يوم الخميس المقبل", "مع نهاية الشهر الجاري"


def _background_period(tm: TimeMention) -> bool:
    """A long past period ("خلال العام الماضي", "منذ سنوات") or a long one still running ("منذ مطلع
    العام"، "منذ بدء الحملة قبل ثلاثة أشهر"، "خلال الأشهر الماضية"): the clause tells history or a tally, not news."""
    if tm.date_start is None or tm.date_end is None or "future" in tm.flags:
        return False
    return (tm.date_end - tm.date_start).days > MAX_EVENT_SPAN_DAYS


def _time_ok(tm: TimeMention, published: date | None) -> bool:
    if tm.date is None or NOT_EVENT_TIME_FLAGS.intersection(tm.flags):
        return False
    if tm.date_start and tm.date_end and (tm.date_end - tm.date_start).days > MAX_EVENT_SPAN_DAYS:
        return False
    if published and tm.date > published + timedelta(days=1):
        return False
    return True


HISTORY_DAYS = 183  # an event dated this long before publication is recalled history, not news of the report


def is_history(d: Draft, published: date | None) -> bool:
    """"أعلنت أنقرة في أيار 2018 ..." in a report of 2019: an event the text itself dates half a year or more
    before publication is background (an old event copied into a report a month later stays news)."""
    return (published is not None and d.time is not None and d.time.date is not None
            and d.time.date < published - timedelta(days=HISTORY_DAYS))


def reference_date(doc: Document) -> tuple[date | None, str]:
    """The day relative times count from, with its source: the manifest's publication date
    ("published"), or the day the lead states for itself a few days before it ("dateline":
    :func:`core.extract.published.own_day`, a page published or updated later), else the day
    :mod:`core.extract.published` inferred (its basis: "url", "dateline", "text"; see
    ``with_reference_date``), else None ("none")."""
    if doc.published is None:
        return None, "none"
    if doc.published_inferred:
        return doc.published, doc.published_basis or "published"
    own = own_day(doc)
    return (own.day, "dateline") if own is not None else (doc.published, "published")


@cache
def _since_cues() -> tuple[frozenset[str], frozenset[str]]:
    raw = vocab.load_yaml("event_cues.yaml")
    return (frozenset(normalize(w) for w in raw["since_words"]), frozenset(normalize(w) for w in raw["since_onsets"]))


@cache
def _period_anaphors() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("event_cues.yaml")["period_anaphors"])


@cache
def _reply_cues() -> frozenset[str]:
    return frozenset(w for c in vocab.load_yaml("event_cues.yaml")["reply_cues"] for w in WORD_RE.findall(normalize(c))
                     if w != normalize("على"))


def _replied_time(text: str, d: Draft, scope, t: TimeMention) -> bool:
    """A time after the event word with a reply cue between ("ردا على الضربة في 27 شباط"): the replied-to event's."""
    if t.start <= d.end:
        return False
    cues = _reply_cues()  # (t lies in the scope: the words from the event word, or the scope's start, up to t)
    return any(w.removeprefix("و") in cues for w in words_between(text, max(scope.start, d.end), t.start))


def _period_anaphor(text: str, d: Draft) -> bool:
    """"سيطرت خلاله على عشرات القرى": "during it" right after the event word refers to a period told before (a
    campaign), not a day ("اشتباكات قتل خلالها" is another word's, and so is "غارة استهدف خلالها")."""
    if any(t.end < d.end for t in d.triggers):
        return False  # "شن (الطيران) غارة جوية استهدف خلالها أطراف القرية": "during it" is the raid named before
    anaphors = _period_anaphors()
    after = max(d.clause.start, d.end)  # the 30 characters after the event word, within its clause
    return any(w.removeprefix("و") in anaphors for w in words_between(text, after, min(after + 30, d.clause.end))[:2])


def _since_onset(text: str, clause) -> bool:
    """"منذ بدء الحملة"، "منذ انطلاق العملية": a period since an earlier event of unknown date."""
    since, onsets = _since_cues()
    norm = norm_slice(text, clause.start, clause.end)
    if not any(w in norm for w in since):
        return False  # (most clauses: no need to read their words)
    words = words_between(text, clause.start, clause.end)
    return any(w.removeprefix("و") in since and words[i + 1].removeprefix("ال") in onsets
               for i, w in enumerate(words[:-1]))


@cache
def _signing_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("event_cues.yaml")["signing_words"])


NOUN_DATE_WINDOW = 8  # words before a time searched for the signing or onset it dates


def _dates_background_noun(text: str, d: Draft, scope, t: TimeMention) -> bool:
    """A time that dates an agreement's signing ("خرقا للهدنة المبرمة في سوتشي يوم 9 أيار") or the
    onset of a campaign ("منذ انطلاق الهجوم في 3 شباط"), among the few words before it, never the event
    of the clause (unless the event word itself stands between them: "منذ بدء القصف ..." is not this)."""
    lo = max(scope.start, t.start - 90)
    since, onsets = _since_cues()
    signing = _signing_words()
    norm = norm_slice(text, lo, t.start)
    if not any(w in norm for w in signing) and not any(w in norm for w in onsets):
        return False  # (most times: no head word can be among the words before them)
    words = original_words(text, lo, t.start)[-NOUN_DATE_WINDOW:]
    for i, (pos, w) in enumerate(words):
        bare = w.removeprefix("و")
        head = (bare in signing or bare.removeprefix("ال") in signing
                or (bare.removeprefix("ال") in onsets and i > 0 and words[i - 1][1].removeprefix("و") in since))
        if head and not pos <= d.start < t.start:
            return True
    return False


def _offset_dates(t: TimeMention, d: Draft) -> bool:
    """An offset ("بعد يوم من"، "غداة") dates the event named after it in its clause, never one told before it, which
    it is counted from ("قتل ثلاثة اليوم بقصف، غداة غارات ..." dates the raids, not the shelling)."""
    return "event_offset" not in t.flags or t.end <= d.start and t.start >= d.clause.start
    # (its own clause only: "بعد يوم على غارات X، في حين استهدف الطيران Y" leaves the second clause undated by it)


CAUSE_TIME_WORDS = 8  # words before a time (in another clause) searched for the cause cue of a toll


def _dates_other_cause(d: Draft, t: TimeMention) -> bool:
    """A time in another clause of the sentence after a cause cue ("، في حين توفي مدنيان جراء غارات يوم أمس") or a
    toll word ("ليرتفع عدد ضحايا أمس إلى 8") dates the cause of that toll, not this clause's event: today's strike
    keeps its own day."""
    if d.clause.start <= t.start < d.clause.end:
        return False
    s = d.sentence
    lo = d.clause.end if t.start >= d.clause.end else s.start
    words = WORD_RE.findall(normalize(s.text[max(0, lo - s.start):max(0, t.start - s.start)]))[-CAUSE_TIME_WORDS:]
    causes, tolls = event_cues()["fatality_causes"], _toll_time_cues()
    return any((w.removeprefix("و") in causes and i < len(words) - 1) or w.removeprefix("و") in tolls
               for i, w in enumerate(words))


@cache
def _toll_time_cues() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("event_cues.yaml")["toll_time_cues"])


APPOSITION_GAP = 3  # characters between "اليوم الأربعاء" and "(18 يناير)": a space, a comma, a bracket


@lru_cache(maxsize=1024)  # asked for the same few times by every draft of their sentence
def _relative_day(tm: TimeMention) -> bool:
    return is_relative_day(tm)


def _explicit_apposition(chosen: TimeMention, cands: list[TimeMention]) -> TimeMention:
    """"اليوم الأربعاء (18 كانون الثاني)": a written date right after a day named relative to the
    publication gives the day (a re-published or wire text keeps its own date; "اليوم" is stale)."""
    if chosen.precision != "day" or not _relative_day(chosen):
        return chosen
    for t in cands:
        if (0 <= t.start - chosen.end <= APPOSITION_GAP and t.precision == "day" and t.date is not None
                and not _relative_day(t)):
            return t
    return chosen


OWN_RELATIVE_WORDS = 3  # a relative this near the event word is its own ("الغارات الجوية الروسية التي شنتها ... أمس")


def _in_later_relative(text: str, d: Draft, t: TimeMention) -> bool:
    """The time stands in a relative clause on a later noun, a place or a party ("قصفت الطائرات البلدة التي سيطر
    عليها التنظيم منذ عامين"): it tells that clause's verb, not the event."""
    if t.start <= d.end:
        return False
    relatives = event_cues()["relatives"]
    words = words_between(text, d.end, t.start)
    return any((w in relatives or (w.startswith("و") and w[1:] in relatives)) for w in words[OWN_RELATIVE_WORDS:])


def pick_time(text: str, d: Draft, times: list[TimeMention], paragraph_times: list[TimeMention],
               published: date | None, source: str = "published", since: int = 0,
               skip: set[int] | frozenset[int] = frozenset()) -> None:
    """``times``: those of the draft's sentence (at least); ``paragraph_times``: the usable times of the
    document in text order, of which those from ``since`` on belong to the sentence's report (:func:`report_times`);
    ``skip``: where the times of recalled events start (they date no other sentence)."""
    anchor = d.start
    for scope, rule in ((d.clause, "time:clause"), (d.sentence, "time:sentence")):
        in_scope = [t for t in times if scope.start <= t.start < scope.end]
        # (a period in a relative clause on a later noun dates that clause, it makes no background of the event)
        periods = [t for t in in_scope if _background_period(t) and not _in_later_relative(text, d, t)]
        cands = [t for t in in_scope if _time_ok(t, published) and _offset_dates(t, d)
                 and not _replied_time(text, d, scope, t) and not _dates_background_noun(text, d, scope, t)
                 and not (rule == "time:sentence" and _dates_other_cause(d, t))]
        # "دخلت ... اليوم، عقب سيطرتها مساء أمس على ...": a time right after the trigger, inside the
        # part of the clause this event reports, is its own even when an earlier one is nearer
        own = [t for t in cands if d.own_span and d.start <= t.start < min(d.own_span[1], d.end + OWN_TIME_CHARS)]
        if rule == "time:clause" and own:
            cands = own
        if cands:
            nearest = min(cands, key=lambda t: abs(t.start - anchor))
            if rule == "time:clause" and any(t.end <= anchor and anchor - t.start < abs(nearest.start - anchor)
                                             for t in periods):
                # a period before the event word, nearer than any day: "تشهد منذ 25 تشرين الثاني هجوما ... ازدادت
                # في 20 ..." ("سيطرت لأول مرة منذ 2012 أمس" has it after)
                d.time, d.time_rule = None, "time:background"
                return
            d.time = _explicit_apposition(nearest, cands)
            d.time_rule = rule
            return
        # (an offset after the event word, "سيطرت … إثر سنوات من الحصار", spans what came before the event: no period
        # it tells)
        if rule == "time:clause" and (any(_offset_dates(t, d) for t in periods)
                                      or _since_onset(text, d.clause) or _period_anaphor(text, d)):
            d.time, d.time_rule = None, "time:background"  # "شهدت معارك متكررة خلال العام الماضي"
            return
    earlier = _last_ending_before(paragraph_times, d.sentence.start, skip)
    if earlier is not None and earlier.start >= since:
        d.time, d.time_rule = earlier, "time:paragraph"
        return
    # no time in the paragraph: the publication (or dateline) date, never the last date seen in
    # another paragraph ("أمس الخميس" of one report does not date the next one)
    d.time, d.time_rule = None, f"time:{source}" if published else "time:none"


SKIPPED_TIMES = 3  # recalled times passed over back to an earlier time of the paragraph (bounded: linear cost)


def _last_ending_before(times: list[TimeMention], pos: int, skip: set[int] | frozenset[int] = frozenset()
                        ) -> TimeMention | None:
    """The last of ``times`` (in text order) ending at or before ``pos`` and not starting at one of ``skip``: a
    bisect, then back over the few that start before ``pos`` but end after it (linear cost in a one-paragraph
    document), and over up to ``SKIPPED_TIMES`` skipped ones (None beyond)."""
    i = bisect.bisect_left(times, pos, key=lambda t: t.start)
    while i > 0 and times[i - 1].end > pos:
        i -= 1
    for _ in range(SKIPPED_TIMES + 1):
        if not i or times[i - 1].start not in skip:
            break
        i -= 1
    else:
        return None
    return times[i - 1] if i else None


def _paragraph_time_ok(t: TimeMention, published: date | None) -> bool:
    """A time that can date the events of the rest of its paragraph."""
    return _time_ok(t, published) and t.precision in ("day", "week", "range")


def report_times(text: str, seg: Segmentation, times: list[TimeMention],
                 published: date | None) -> tuple[list[TimeMention], dict[int, int]]:
    """The times that can date the later events of their paragraph (:func:`_paragraph_time_ok`), in text
    order (``times`` are), and where each paragraph's times begin: its start, or for one opening with a
    continuation verb that of the paragraph before (it goes on with its report). Positions, not lists
    per paragraph: linear cost however many paragraphs continue one report."""
    since: dict[int, int] = {}
    continuation = event_cues()["continuation"]
    for p in seg.paragraphs:
        first_word = words_between(text, p.start, min(p.end, p.start + 20))[:1]
        if p.paragraph and first_word and first_word[0] in continuation:
            # "وأضافت المصادر أن ...": the paragraph goes on with the report of the one before it
            since[p.paragraph] = since.get(p.paragraph - 1, p.start)
        else:
            since[p.paragraph] = p.start
    return [t for t in times if _paragraph_time_ok(t, published)], since
