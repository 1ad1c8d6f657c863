"""Fatalities of events (step 6): killed counts of a sentence go to the event before them."""

from __future__ import annotations

import bisect
from functools import cache

from core import vocab
from core.extract.events.cues import event_cues, strip_clitic, words_between
from core.extract.events.draft import Draft
from core.extract.events.predicates import tally_words
from core.extract.mentions.casualties import find_casualty_counts
from core.extract.segment import Segment
from core.text import normalize


def casualty_counts(text: str) -> list:
    return [num for num, kind in find_casualty_counts(text) if kind == "killed"]


@cache
def _subset_cues() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("number_casualties.yaml")["subset_cues"])


def _caused_by(text: str, count_end: int, nxt: Draft) -> bool:
    """"قتل تسعة مدنيين جراء قصف", "بينهم أطفال بقصف": a cause word (or ب on the event word) leads from the count
    to the next event, within the window."""
    cues = event_cues()
    gap = words_between(text, count_end, nxt.start)
    if len(gap) > cues["fatality_cause_window"] or any(
            w in _subset_cues() and nxt_w.isdigit() for w, nxt_w in zip(gap, gap[1:], strict=False)):
        return False  # "61 قتيلا هم 40 ... بينهم 30 ... جراء قصف": a breakdown of a tally, not one event's toll
    first = words_between(text, nxt.start, nxt.end)[:1]
    return any(w in cues["fatality_causes"] for w in gap) or (
        bool(first) and first[0].startswith(("ب", "وب")) and strip_clitic(first[0]) != first[0])


ANCHOR_WORDS_BEFORE = 4  # words before a count searched for "بعد/عقب/إثر" ("عقب يومين من مقتل 30")
ANCHOR_PHRASE_WORDS = 4  # words from such a count to the event word it belongs to ("30 مدنيا بغارات")


def _in_anchor(text: str, sentence: Segment, count_start: int) -> bool:
    """The count is inside a phrase after "بعد/عقب/إثر" that names an earlier event (an anchor or a cause)."""
    before = words_between(text, max(sentence.start, count_start - 50), count_start)[-ANCHOR_WORDS_BEFORE:]
    return any(w.removeprefix("و") in event_cues()["fatality_prior"] for w in before)


def _same_phrase(text: str, count_end: int, nxt: Draft) -> bool:
    gap = text[count_end:nxt.start]
    return not any(c in gap for c in "،,.؛;") and len(words_between(text, count_end, nxt.start)) <= ANCHOR_PHRASE_WORDS


def _prior_cause(text: str, sentence: Segment, count_start: int) -> bool:
    """"بعد مقتل 37 جنديا، قصفت ...": a count opening the sentence after بعد/عقب/ردا is a past cause."""
    before = words_between(text, max(sentence.start, count_start - 30), count_start)[-3:]
    return any(w in event_cues()["fatality_prior"] for w in before)


TALLY_WORDS_BEFORE = 14  # words before a count searched for the period it sums ("خلال 72 ساعة ... بلغ 40 قتيلا")
TALLY_WORDS_AFTER = 5  # and after it ("قضى 30 مدنيا خلال 36 ساعة")
SINCE_SCOPE_CHARS = 80  # the opening of a sentence read for a since phrase ("ومنذ بدء الهجوم، …")
SINCE_OPENING_WORDS = 4
CUMULATIVE_WORDS_BEFORE = 6  # words right before a count read for a since phrase or a total ("منذ بدء الهجوم قتل 46")


@cache
def _tally_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str], int]:
    raw = vocab.load_yaml("event_cues.yaml")
    return (frozenset(normalize(w) for w in raw["tally_openers"]), frozenset(normalize(w) for w in raw["tally_units"]),
            frozenset(normalize(w) for w in raw["tally_hour_units"]), int(raw["tally_min_hours"]))


def _hours(word: str) -> int:
    """The number of hours a word states ("48"، "الـ24"، "والعشرين" of "الأربع والعشرين"), 0 when none."""
    digits = word.removeprefix("ال")
    if digits.isdigit():
        return int(digits)
    return 24 if word.endswith(("والعشرين", "والاربعين")) else 0


@cache
def _cumulative_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str], int]:
    raw = vocab.load_yaml("linking.yaml")
    months = {normalize(str(f)).split()[0] for forms in vocab.load_yaml("time_words.yaml")["months"].values()
              for f in forms}
    return (frozenset(normalize(w) for w in raw["cumulative_since"]),
            frozenset(normalize(w) for w in raw["cumulative_starts"]) | frozenset(months),
            frozenset(normalize(w) for w in raw["cumulative_totals"]), int(raw["cumulative_window"]))


def _year(word: str) -> bool:
    digits = word.removeprefix("ال")
    return len(digits) == 4 and digits.isdigit() and digits[:2] in ("19", "20")


def _cumulative(words: list[str]) -> bool:
    """Words around a count sum a campaign: since its start or a date ("منذ بدء الهجوم"، "منذ انطلاق العملية"،
    "منذ السابع من أكتوبر"، "منذ العام 2012") or a total ("الحصيلة الإجمالية"، "إجمالي القتلى")."""
    since, starts, totals, window = _cumulative_cues()
    for i, w in enumerate(words):
        if strip_clitic(w) in totals or w in totals:
            return True
        if (w in since or w.removeprefix("و") in since) and any(
                x in starts or strip_clitic(x) in starts or _year(x) for x in words[i + 1:i + 1 + window]):
            return True
    return False


def _period_tally(text: str, sentence: Segment, count) -> bool:
    """A count summed over a day or more ("بلغ عدد الضحايا في 72 ساعة … 40"، "خلال 36 ساعة ...
    قضى 30"): the toll of many events, none's own (a rising toll of one raid names no period)."""
    openers, units, hour_units, min_hours = _tally_cues()
    before = words_between(text, max(sentence.start, count.start - 160), count.start)[-TALLY_WORDS_BEFORE:]
    after = words_between(text, count.end, min(sentence.end, count.end + 60))[:TALLY_WORDS_AFTER]
    words = before + after
    # a since phrase opening the sentence governs all of it ("ومنذ بدء الهجوم، قتل 46 جنديا … فضلا عن مقتل 30
    # مدنيا"); one inside it only its clause ("أول تقدم منذ بدء الحملة … أوقعت 61 قتيلا")
    if _cumulative(before[-CUMULATIVE_WORDS_BEFORE:] + after[:TALLY_WORDS_AFTER]) or _cumulative(words_between(text, sentence.start, min(count.start, sentence.start
                                                                                 + SINCE_SCOPE_CHARS))[:SINCE_OPENING_WORDS]):
        return True
    for i, w in enumerate(words):
        if w.removeprefix("و") in openers:
            nxt = words[i + 1:i + 4]
            if set(nxt) & units or (set(nxt) & hour_units and any(_hours(x) >= min_hours for x in nxt)):
                return True
    return False


def attach_fatalities(drafts: list[Draft], counts: list, sentence: Segment, text: str = "") -> None:
    """Each killed count of the sentence goes to the event it reports: the next event when a cause word leads
    to it, else the event before the count, else the sentence's first event (unless the count is a past cause)."""
    in_sentence = [c for c in counts if sentence.start <= c.start < sentence.end]
    candidates = [d for d in drafts if d.layer in vocab.MAP_LAYERS or d.event_type == "casualties"]
    for count in in_sentence:
        period = bool(text) and _period_tally(text, sentence, count)
        before = [d for d in candidates if d.start <= count.start]
        after = [d for d in candidates if d.start > count.start]
        nxt = min(after, key=lambda d: d.start) if after else None
        if text and _in_anchor(text, sentence, count.start):
            # "غداة مقتل 30 مدنيا بغارات جوية …": the toll of the earlier event the anchor names, when
            # its phrase goes on to it; never of the news told before or after it ("بعد مقتل 37 جنديا، قصفت …")
            target = nxt if nxt is not None and _same_phrase(text, count.end, nxt) else None
        elif text and nxt is not None and _caused_by(text, count.end, nxt):
            target = nxt
        elif before:
            target = max(before, key=lambda d: d.start)
        elif text and _prior_cause(text, sentence, count.start):
            target = None
        else:
            target = candidates[0] if candidates else None
            if target is not None and text and any(w in event_cues()["fatality_contrast"] for w in words_between(
                    text, count.end, target.start)):
                target = None  # "قتلت القوات 4 أطفال، فيما أصيب طفلان في قصف مماثل": not that strike's toll
        if target is not None and not (period and not tally_words(text, target)):
            # (a strike told over the same period keeps the count: it is then dropped as a tally, not a day's event)
            target.fatalities = max(int(count.value), target.fatalities or 0)


@cache
def _rise_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("number_casualties.yaml")["rising_toll_words"])


TOLLED_BY_NEXT_SENTENCE = "strike"  # the layer whose victims a next sentence without an event may tell
RISE_WINDOW_WORDS = 12  # words before a count searched for the rise of a toll ("ارتفعت حصيلة ... إلى 3 قتلى")


def _toll_reference(text: str, d: Draft) -> bool:
    """Every event word of the draft is the genitive of a toll noun ("حصيلة الهجوم"، "ضحايا القصف"): it names an
    event told before to give its toll, not a new one."""
    nouns = _rise_words() | _toll_nouns()
    verbs = _lexicon_words("toll_reference_verbs")

    def reference(t) -> bool:
        before = words_between(text, max(0, t.start - 24), t.start)[-2:]
        if any(w in nouns for w in before):
            return True
        # "واستشهد في القصف ثلاثة أطفال": a killed verb, في and the definite event noun
        own = words_between(text, t.start, t.end)[:1]
        return (len(before) == 2 and before[1] == "في" and before[0].removeprefix("و").removeprefix("ف") in verbs
                and bool(own) and own[0].startswith("ال"))

    return all(t.pos == "noun" and reference(t) for t in d.triggers)


@cache
def _lexicon_words(key: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("number_casualties.yaml")[key])


def _raises(text: str, d: Draft) -> bool:
    """A rise word stands before the draft's event word in its sentence, which names no period or sum of its own
    (next_sentence_toll_stops: "وارتفعت حصيلة ضحايا الحملة منذ بدايتها إلى 300")."""
    before = words_between(text, max(d.sentence.start, d.start - 120), d.start)[-RISE_WINDOW_WORDS:]
    stops = _lexicon_words("next_sentence_toll_stops")
    return any(w in _rise_words() or strip_clitic(w) in _rise_words() for w in before) and not _cumulative(
        before) and not any(w in stops or w.removeprefix("و") in stops
                            for w in words_between(text, d.sentence.start, d.sentence.end))


@cache
def _toll_nouns() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("number_casualties.yaml")["toll_nouns"])


def attach_rising_tolls(text: str, drafts: list[Draft], counts: list, seg) -> list[Draft]:
    """A sentence that only raises a toll gives the new total to the map event told last before it, in its
    paragraph or the one before: a count after a rise word in a sentence without events ("وارتفعت الحصيلة إلى 3
    قتلى"), or the toll of an event named only as the genitive of a toll noun ("ارتفاع حصيلة الهجوم على البلدة
    إلى 4 قتلى"), which then is no event of its own. ``drafts`` in text order; returns those kept."""
    events = [d for d in drafts if d.layer in vocab.MAP_LAYERS]
    if not events:
        return drafts
    event_starts = [d.sentence.start for d in events]

    def told_before(pos: int) -> Draft | None:
        """The map event of the last sentence before the one at ``pos``, in its paragraph or the one before."""
        sentence = seg.sentence_of(pos)
        j = bisect.bisect_left(event_starts, seg.sentences[sentence].start if sentence is not None else pos) - 1
        paragraph = seg.paragraph_of(pos)
        if j < 0 or paragraph is None or events[j].sentence.paragraph < paragraph - 1:
            return None
        return events[j]

    def strike_just_before(pos: int) -> Draft | None:
        """The strike without a toll told in the sentence right before the one at ``pos`` (same paragraph)."""
        sentence = seg.sentence_of(pos)
        earlier = told_before(pos)
        if sentence is None or earlier is None or earlier.layer != TOLLED_BY_NEXT_SENTENCE:
            return None
        s = seg.sentences[sentence]
        stops = _lexicon_words("next_sentence_toll_stops")
        if any(w in stops or w.removeprefix("و") in stops for w in words_between(text, s.start, s.end)):
            return None
        return earlier if (earlier.sentence.sentence == s.sentence - 1 and earlier.sentence.paragraph == s.paragraph
                           and earlier.fatalities is None) else None

    dropped: set[int] = set()
    for d in drafts:
        if d.fatalities is not None and (d.layer in vocab.MAP_LAYERS or d.event_type == "casualties") and (
                _toll_reference(text, d)) and (earlier := told_before(d.start)) is not None and earlier is not d and (
                not _cumulative(words_between(text, d.sentence.start, d.sentence.end))):  # "منذ بدايتها": a campaign's
            earlier.fatalities = max(d.fatalities, earlier.fatalities or 0)
            dropped.add(id(d))
        elif d.event_type == "casualties" and d.fatalities is not None and not d.places and _raises(text, d) and (
                earlier := told_before(d.start)) is not None and earlier.agent_id in (None, d.agent_id):
            # "وارتفعت حصيلة ضحايا استهداف المستشفى إلى سبعة": the toll noun is the count's only event word
            earlier.fatalities = max(d.fatalities, earlier.fatalities or 0)
            dropped.add(id(d))
        elif d.event_type == "casualties" and d.fatalities is not None and d.agent is None and not d.places and (
                (strike := strike_just_before(d.start)) is not None and not _period_tally(text, d.sentence, d)):
            # "قصفت الطائرات بلدة X. وأفاد مراسلنا بمقتل أربعة مدنيين": the victims of the strike told just before
            strike.fatalities = d.fatalities
            dropped.add(id(d))
    tolled = [d for d in drafts if d.layer in vocab.MAP_LAYERS or d.event_type == "casualties"]
    starts = [d.sentence.start for d in tolled]
    for count in counts:
        i = bisect.bisect_right(starts, count.start) - 1
        if i >= 0 and tolled[i].sentence.end > count.start:
            continue  # the count's sentence has events of its own that take it (attach_fatalities)
        earlier = told_before(count.start)
        before = words_between(text, max(0, count.start - 120), count.start)[-RISE_WINDOW_WORDS:]
        if earlier is not None and any(w in _rise_words() or strip_clitic(w) in _rise_words() for w in before) and (
                not _cumulative(before)):  # "ارتفعت الحصيلة منذ بدء الحملة إلى 300": a campaign's, not the event's
            earlier.fatalities = max(int(count.value), earlier.fatalities or 0)
        elif (strike := strike_just_before(count.start)) is not None and not _period_tally(
                text, seg.sentences[seg.sentence_of(count.start)], count):
            # "استهدفت الغارات بلدة X. وقال الدفاع المدني إن خمسة مدنيين قتلوا": a sentence without an event of its
            # own right after a strike tells its victims (the first count: a subset after it finds the toll set)
            strike.fatalities = int(count.value)
    return [d for d in drafts if id(d) not in dropped] if dropped else drafts
