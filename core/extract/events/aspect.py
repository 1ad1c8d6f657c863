"""Aspect: mentions that tell an earlier event ("وكان جندي قد قتل في استهداف ..."، "حيث قتل في وقت سابق ...").

A news report tells the day's events and recalls earlier ones as background: a pluperfect ("وكان/وكانت ...
قد + verb") or an "earlier" adverb ("في وقت سابق"، "سابقاً") around the event word; or it tells a habit
("بشكل شبه يومي"، "اعتادت"، "قصفا متكررا"), not one event. Such a mention without a
time of its own is *retrospective*: it repeats an event the article already reported (linking joins it,
whatever agent its sentence seems to give) or recalls one of another day (it is dropped). With a time of
its own ("وكانت الطائرات قد قصفت أمس ...") it is an event of that day like any other. An aside that opens with a
recap phrase ("يذكر أن"، "تجدر الإشارة إلى أن"، "علما أن") tells background too, with or without قد. A reporting verb right
after قد ("وكان المرصد قد أفاد باستمرار الاشتباكات") dates the report, not the event it reports.
"""

from __future__ import annotations

from functools import cache

from core import vocab
from core.extract.events.cues import WORD_RE, bare, event_cues, norm_slice, strip_clitic, words_between
from core.extract.events.draft import Draft
from core.text import normalize

OWN_TIME_RULES = ("time:clause", "time:sentence")
AFTER_CHARS = 40  # an adverb after the event word is read in this many characters
RELATIVES = frozenset(normalize(w) for w in ("التي", "الذي", "الذين", "اللتين", "اللذين", "اللواتي"))


@cache
def _cues() -> dict:
    raw = vocab.load_yaml("event_cues.yaml")
    reporting = {normalize(v) for v in raw["source_verbs"]}
    raw_adverbs = [tuple(WORD_RE.findall(normalize(p))) for p in raw["retro_adverbs"]]
    habitual = [tuple(WORD_RE.findall(normalize(p))) for p in raw["retro_habitual"]]
    return {
        "aux": frozenset(normalize(w) for w in raw["retro_auxiliaries"]),
        "particles": frozenset(normalize(w) for w in raw["retro_particles"]),
        "window": int(raw["retro_particle_window"]),
        "adverbs": tuple(raw_adverbs),
        "habitual": tuple(habitual),
        "habitual_window": int(raw["retro_habitual_window"]),
        "recap": tuple(tuple(WORD_RE.findall(normalize(p))) for p in raw["recap_openers"]),
        "reporting": frozenset(v + s for v in reporting for s in ("", "ت", "وا", "ا")),
        # substrings one of which a clause must hold to be read at all: "كان" of the auxiliaries, the adverbs' words
        "probes": frozenset([normalize("كان")] + [p[-1] for p in raw_adverbs + habitual]),
        "anchors": frozenset(normalize(w) for w in raw["anchor_words"]),
        "capture_anchors": frozenset(normalize(w) for w in raw["capture_anchor_words"]),
    }


def _pluperfect(words: list[str], aux_before: int, verbs_at: set[int]) -> bool:
    """"كان ... قد <verb>" in the clause ``words``, its auxiliary among the first ``aux_before`` words (before the
    event word; the event noun may be its subject: "وكانت طائرات روسية قد قصفت"), its verb not a reporting verb;
    or, without قد, an event verb (at one of ``verbs_at``) a few words after the auxiliary ("وكان النظام استهدف"),
    no reporting verb between ("وكانت مصادر أفادت بمقتل" reports)."""
    cues = _cues()
    for i, w in enumerate(words[:aux_before]):
        if bare(w) not in cues["aux"]:
            continue
        for j in range(i + 1, min(len(words), i + 1 + cues["window"])):
            if words[j] in cues["particles"]:
                verb = words[j + 1] if j + 1 < len(words) else ""
                if bare(verb) not in cues["reporting"]:
                    return True
                break
            if bare(words[j]) in cues["reporting"]:
                break
            if j in verbs_at:
                return True
    return False


@cache
def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> tuple[dict[str, list[tuple[str, ...]]], bool]:
    """The phrases by their first word (their remaining words), and whether one of them is empty."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        if p:
            index.setdefault(p[0], []).append(p[1:])
    return index, any(not p for p in phrases)


def _has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """One of ``phrases`` at some word of ``words``, its first word read without a clitic و/ف."""
    index, has_empty = _by_first_word(phrases)
    if has_empty:
        return bool(words)
    for i, w in enumerate(words):
        rests = index.get(bare(w))
        if rests is not None:
            for rest in rests:
                if tuple(words[i + 1:i + 1 + len(rest)]) == rest:
                    return True
    return False


def _similar(text: str, d: Draft) -> bool:
    """An event word called "similar" ("يشار إلى أن غارة مماثلة طالت ..."): another strike like the one just told,
    added in the aside, not a recall of the background."""
    similar = event_cues()["similar"]
    return any(w in similar for t in d.triggers  # (the word may be the trigger's own: "ضربات مماثلة")
               for w in words_between(text, t.start, min(d.clause.end, t.end + 24))[:4])


@cache
def _complementizers() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("event_cues.yaml")["complementizers"])


def retrospective(text: str, d: Draft, verb_starts: list[int] = ()) -> bool:
    """The draft recalls an earlier event and has no time of its own (see the module docstring): a pluperfect
    before its event word in its clause, or an "earlier" adverb in its clause up to a few words after it; or it
    tells a habit and no day of its own ("خلال الأسابيع الماضية قصفا متكررا" is a pattern over weeks).
    ``verb_starts``: where the document's event verbs start (sorted; those of the draft's clause are read)."""
    own_time = d.time_rule in OWN_TIME_RULES
    if own_time and d.time is not None and d.time.precision == "day":
        return False
    cues = _cues()
    if _has_phrase(words_between(text, d.sentence.start, d.start), cues["recap"]) and not _similar(text, d):
        return True  # an aside recalling the background ("يذكر أن القوات قد سيطرت على ...")
    clause = norm_slice(text, d.clause.start, d.clause.end)
    if not any(w in clause for w in cues["probes"]):
        return False  # (most clauses: no need to read their words)
    before = words_between(text, d.clause.start, d.start)
    after = words_between(text, d.start, d.clause.end)
    # a relative clause after the event describes a noun, not the event ("استهدف المطار الذي عادة ما تستخدمه ..."),
    # and a proposition after "أن" is another one ("مشيرا إلى أن أعمال الإنقاذ ما تزال مستمرة")
    cut = next((i for i, w in enumerate(after) if w in RELATIVES or w in _complementizers()), len(after))
    if _has_phrase(before[-cues["habitual_window"]:] + after[:cut], cues["habitual"]):
        return True
    if own_time:
        return False
    verbs_at = {len(words_between(text, d.clause.start, v)) for v in verb_starts if d.clause.start <= v < d.clause.end}
    if _pluperfect(before + after, len(before), verbs_at):
        return True
    near = before + words_between(text, d.start, min(d.clause.end, d.end + AFTER_CHARS))
    return _has_phrase(near, cues["adverbs"]) and not any(bare(w) in cues["reporting"] for w in before)


def pluperfect_recall(text: str, d: Draft, verb_starts: list[int] = ()) -> bool:
    """The draft's clause is a pluperfect ("وكانت القوات قد تقدمت إلى المدينة قبل أسبوع"), whatever its time: it recalls
    an earlier event, so its time dates that event only, not the sentences after it. ``verb_starts``: as for
    :func:`retrospective`."""
    cues = _cues()
    if not any(w in norm_slice(text, d.clause.start, d.clause.end) for w in cues["probes"]):
        return False
    before = words_between(text, d.clause.start, d.start)
    verbs_at = {len(words_between(text, d.clause.start, v)) for v in verb_starts if d.clause.start <= v < d.clause.end}
    return _pluperfect(before + words_between(text, d.start, d.clause.end), len(before), verbs_at)


ANCHOR_LINKS = frozenset(normalize(w) for w in ("على", "ل", "لل", "من", "في"))  # words between an anchor and its event


def anchored(text: str, d: Draft, sentence_triggers: list) -> bool:
    """A noun event right after an anchor word ("في أعقاب إسقاط"، "غداة سيطرة"، "ردا على قصف"), with no day, no
    toll of its own and not a fight (the fight of an attack told with it is the day's), in a sentence whose
    news is another event (a verb, or a word before the anchor): the event that news is told against
    (``anchor_words``). ``sentence_triggers``: the triggers of the draft's sentence."""
    if d.fatalities is not None or d.event_type == "armed_clash" or not d.triggers or d.triggers[0].pos != "noun":
        return False
    if d.time_rule in OWN_TIME_RULES and d.time is not None and d.time.precision == "day":
        return False
    first = d.triggers[0]
    before = [w for w in words_between(text, max(d.sentence.start, first.start - 30), first.start) if len(w) > 1]
    while before and before[-1] in ANCHOR_LINKS:
        before.pop()
    anchors = _cues()["capture_anchors" if d.event_type == "territory_taken" else "anchors"]
    if not before or strip_clitic(before[-1]) not in anchors and before[-1] not in anchors:
        return False
    own = {t.start for t in d.triggers}
    return any(t.start not in own and (t.pos == "verb" or t.start < first.start) for t in sentence_triggers)
