"""Article structure: which paragraphs continue one report, and what they inherit from it.

A news article opens with a lead that gives the day (often the place and the agent); the
paragraphs that follow and go on with the same report rarely repeat them. Each paragraph is
either the start of a report or a continuation of the one before:

- a report starts at the first paragraph, at a subheading, at a paragraph opening with a topic
  shift or an earlier/other matter ("في سياق آخر"، "في غضون ذلك"، "في وقت سابق"، "ويأتي ذلك
  بعد"; ``report_breaks``), and at a new source: a reporting verb among the first words ("وقال
  المرصد"، "بدورها أكدت وكالة"، "ومن جانبه، أفادت مصادر"، "وبحسب ..."; ``source_verbs``);
- openers that refer back ("جاء ذلك حسبما أفاد"، "وفي التفاصيل"، "وردا على ذلك") or go on with the
  same speaker ("وأضاف المراسل") continue it (``continuing_openers``), as do plain paragraphs.

Within a report, an event with no time of its own (no time in its clause, sentence or earlier in
its paragraph) takes the time of the last dated event of the report (rule ``time:discourse``),
instead of the publication date; an event without agent takes the agent of the last event of
the same layer in the report (``agent:discourse``); a map event without place takes the places
of the last placed event of the same layer in the report (``place:discourse``). A new report
inherits nothing: its undated events fall back to the publication date, and within-article
linking (``dedupe``) then joins those that repeat an event reported with its day.

One pass over the paragraphs and one over the drafts, in document order.
"""

from __future__ import annotations

from functools import cache

from core import vocab
from core.extract.events.candidates import is_headline
from core.extract.events.cues import words_between
from core.extract.events.draft import NO_AGENT_TYPES, Draft
from core.extract.segment import Segmentation
from core.text import normalize

OPENING_CHARS = 80  # the opening words of a paragraph are read from this many characters
FALLBACK_TIME_RULES = ("time:published", "time:url", "time:dateline", "time:text", "time:none")


@cache
def _cues() -> dict:
    raw = vocab.load_yaml("event_cues.yaml")

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(normalize(w) for w in str(p).split()) for p in raw[key] if str(p).split())

    verbs = {normalize(v) for v in raw["source_verbs"]}
    forms = {v + s for v in verbs for s in ("", "ت", "وا", "ا")}
    return {
        "breaks": _by_first_word(phrases("report_breaks")),
        "continuing": _by_first_word(phrases("continuing_openers")),
        "source_forms": frozenset(forms | {p + f for f in forms for p in ("و", "ف")}),
        "window": int(raw["source_verb_window"]),
        "complementizers": frozenset(normalize(w) for w in raw["complementizers"]),
        "anaphoric": frozenset(normalize(w).split()[0] for w in raw["anaphoric_event_nouns"]),
        "correspondents": frozenset(normalize(w) for w in raw["correspondent_nouns"]),
    }


def _retells_event(words: list[str], cues: dict) -> bool:
    """A source's "أن" whose subject is the bare definite event noun ("وذكر المرصد أن القصف طال قرى"): more of
    the event already reported, not a new report."""
    return any(w in cues["complementizers"] and words[i + 1] in cues["anaphoric"] for i, w in enumerate(words[:-1]))


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``phrases`` indexed by their first word (so a paragraph is compared only with the phrases it can open with)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        index.setdefault(p[0], []).append(p)
    return {w: tuple(ps) for w, ps in index.items()}


def _opens_with(words: list[str], phrases: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    """The paragraph's words begin with one of ``phrases`` (by first word; a leading و/ف on the first word allowed)."""
    if not words:
        return False
    first = words[0]
    heads = [words]
    if len(first) > 2 and first[0] in "وف":
        heads.append([first[1:], *words[1:]])
    return any(tuple(h[:len(p)]) == p for h in heads for p in phrases.get(h[0], ()))


def report_starts(text: str, seg: Segmentation) -> list[int]:
    """Per paragraph, the index of the paragraph that starts its report (itself when it starts one)."""
    cues = _cues()
    starts: list[int] = []
    for p in seg.paragraphs:
        words = words_between(text, p.start, min(p.end, p.start + OPENING_CHARS))
        if not starts or is_headline(p, seg):
            new = True
        elif _opens_with(words, cues["continuing"]):
            new = False
        elif _opens_with(words, cues["breaks"]):
            new = True
        else:
            new = any(w in cues["source_forms"] for w in words[:cues["window"]]) and not _retells_event(words, cues)
        starts.append(p.paragraph if new else starts[-1])
    return starts


def attributed_leads(text: str, seg: Segmentation, starts: list[int]) -> dict[int, int]:
    """Reports that open with the outlet's correspondent right after an unsourced lead paragraph ("قتل 4 مدنيين مساء
    اليوم بغارات على X" then "وقال مراسلنا إن طائرات روسية ...") mapped to the lead's report: the correspondent is
    where that lead came from and tells its detail, so a map event of it without a day takes the lead's
    (``carry_time``). Another source ("وقال ناشطون") stays a report of its own."""
    cues = _cues()
    out: dict[int, int] = {}
    lead: int | None = None  # the current report's first paragraph that is no headline, when it names no source
    for p in seg.paragraphs:
        report = starts[p.paragraph]
        if is_headline(p, seg):
            lead = None
            continue
        words = words_between(text, p.start, min(p.end, p.start + OPENING_CHARS))
        sourced = any(w in cues["source_forms"] for w in words[:cues["window"]])
        if report == p.paragraph and lead is not None and lead == p.paragraph - 1 and starts[lead] != report and (
                sourced and not _opens_with(words, cues["breaks"])
                and any(w in cues["correspondents"] for w in words[:cues["window"] + 2])):
            out[report] = starts[lead]
        if report == p.paragraph or (lead is None and starts[p.paragraph - 1] == report):
            lead = None if sourced else p.paragraph
        elif lead is not None and lead != p.paragraph - 1:
            lead = None
    return out


def _layer_key(d: Draft) -> str:
    return "map" if d.layer in vocab.MAP_LAYERS else d.event_type


def carry_agents(drafts: list[Draft], starts: list[int]) -> None:
    """An event without agent takes the one of the last event of its layer in the same report."""
    last: dict[tuple[int, str], Draft] = {}
    for d in drafts:
        key = (starts[d.sentence.paragraph], d.layer)
        if (d.agent is None and d.event_type not in NO_AGENT_TYPES and d.event_type != "statement"
                and key in last and last[key].sentence.paragraph != d.sentence.paragraph):
            src = last[key]
            d.agent, d.agent_rule = src.agent, "agent:discourse"
        if d.agent is not None:
            last[key] = d


def carry_time(d: Draft, last_dated: dict[int, Draft], starts: list[int], text: str = "",
               leads: dict[int, int] | None = None, recalled: bool = False) -> None:
    """After ``pick_time``: a draft dated only by the fallback takes the time of the last dated
    event of its report (or, for a map event of a report that attributes a lead, ``attributed_leads``, of the
    lead's report); a draft dated to a day by its own text becomes that report's last dated event (a
    week, "الأسبوع الماضي", is the time of a background clause more often than the day of a report), unless it is
    ``recalled`` (a pluperfect: "وكانت القوات قد دخلت المدينة قبل أسبوع" dates that entry only)."""
    report = starts[d.sentence.paragraph]
    if d.time_rule in FALLBACK_TIME_RULES:
        src = last_dated.get(report)
        if src is None and leads and report in leads and d.layer in vocab.MAP_LAYERS:
            src = last_dated.get(leads[report])
        if src is not None and src.time is not None:
            d.time, d.time_rule = src.time, "time:discourse"
    elif not recalled and d.time is not None and d.time.precision == "day" and "event_offset" not in d.time.flags and (
            not (text and _anchor_event(text, d))):
        last_dated[report] = d


def _anchor_event(text: str, d: Draft) -> bool:
    """The event named after "بعد/عقب/إثر" ("عقب خسارته القرية أمس، تقدم الجيش اليوم ..."): an earlier event
    the sentence's news is told against, so its day is not the day of the report that goes on."""
    before = words_between(text, max(d.sentence.start, d.start - 24), d.start)[-1:]
    return bool(before) and before[0].removeprefix("و") in _anchor_words()


@cache
def _anchor_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("time_words.yaml")["offset_after_words"])


def carry_places(drafts: list[Draft], starts: list[int]) -> None:
    """A map event without place takes the places of the last placed event of its layer in the same
    report ("... قصفت الطائرات بلدة X. وأسفر القصف عن مقتل ..." → X)."""
    last: dict[tuple[int, str], Draft] = {}
    for d in drafts:
        key = (starts[d.sentence.paragraph], _layer_key(d))
        if not d.places and d.layer in vocab.MAP_LAYERS and key in last:
            d.places, d.place_rule = list(last[key].places), "place:discourse"
        elif d.places:
            last[key] = d


LEAD_FORWARD_SENTENCES = 2  # a lead without place takes the places of a placed event this many sentences on


def lead_places_forward(drafts: list[Draft], starts: list[int], seg: Segmentation) -> None:
    """A map event of a report's lead sentence told without a place ("أسقطت الفصائل مروحية للجيش.") takes the
    places of the first placed map event in the next sentences (of its paragraph or the next one, even when that
    one cites a source: "وأفاد ناشطون أن ... بعد استهدافها في أجواء X"), which give its details, rule
    ``place:discourse`` (of a recalled earlier event, only the wide region framing it); without one it keeps none (and the usual rules decide whether it is an event)."""
    firsts = {seg.paragraphs[p].sentence for p in set(starts)}  # the first sentence of each report
    for i, d in enumerate(drafts):
        if d.places or d.layer not in vocab.MAP_LAYERS or d.sentence.sentence not in firsts:
            continue
        for o in drafts[i + 1:]:
            if (o.sentence.sentence - d.sentence.sentence > LEAD_FORWARD_SENTENCES
                    or o.sentence.paragraph > d.sentence.paragraph + 1):
                break
            if o.sentence.sentence != d.sentence.sentence and o.places and o.layer in vocab.MAP_LAYERS:
                # a recalled earlier event ("وكانت ... بعد أن هاجم ... بلدة X"): the lead shares the region its
                # sentence is told in, not the settlement of that other event
                borrowed = o.framing if o.retrospective and o.framing else o.places
                d.places, d.place_rule = list(borrowed), "place:discourse"
                break
