"""Places of events (step 4): the places of each draft's clause or sentence, then the places
a draft does not report (origin, destination, topic, stray foreign) dropped and the ones it
names only by a pronoun or "البلدة" found."""

from __future__ import annotations

import bisect
import re
from functools import cache
from operator import attrgetter

import yaml

from core import vocab
from core.extract.events.cues import event_cues, strip_clitic, without_conjunction, words_between
from core.extract.events.draft import Draft
from core.extract.events.locators import PLACE_NOUNS, locator_words, place_cues
from core.extract.segment import Segment
from core.model import EVENT_PLACE_ROLES, PlaceMention
from core.paths import PLACE_LEXICON_DIR
from core.text import normalize

TALK_TYPES = ("diplomacy", "statement", "agreement")
_start = attrgetter("start")  # bisect key over the document's places, sorted by start




ANAPHORA_KINDS = ("community",)


VENUE_LOOKBACK_SENTENCES = 3


def places_for(drafts_in_clause: list[Draft], places: list[PlaceMention], clause: Segment,
                sentence_places: list[PlaceMention]) -> None:
    """Give each draft of a clause the places after its trigger (before the next draft's). ``places`` are
    sorted by start."""
    in_clause = places[bisect.bisect_left(places, clause.start, key=_start):
                       bisect.bisect_left(places, clause.end, key=_start)]
    ordered = sorted(drafts_in_clause, key=lambda d: d.start)
    cuts = [_predicate_cut(clause, a, b, in_clause) for a, b in zip(ordered, ordered[1:], strict=False)]
    for i, d in enumerate(ordered):
        lo = clause.start if i == 0 else d.start
        hi = ordered[i + 1].start if i + 1 < len(ordered) else clause.end
        d.own_span = (lo, hi)
        # the places: from the comma that opens this draft's predicate, if any, to the one that opens the next's
        own = [p for p in in_clause if (lo if i == 0 else cuts[i - 1]) <= p.start < (cuts[i] if i < len(cuts) else hi)]
        if own:
            d.places, d.place_rule = own, "place:clause"
        elif sentence_places:
            d.places, d.place_rule = sentence_places, "place:sentence"


_COMMAS = re.compile(r"[،,]")
_FIRST_WORD = re.compile(r"\s*(\w+)")


@cache
def place_phrase_words() -> frozenset[str]:
    """Words that open a place phrase (a settlement, near or toward cue, a place noun, a locating word): a comma
    before one of them goes on naming places, it opens no new predicate."""
    raw = place_cues()
    words = {normalize(w) for key in ("settlement", "near", "toward", "near_definite") for w in raw.get(key, [])
             if " " not in w}
    return frozenset(words | PLACE_NOUNS | locator_words())


def _predicate_cut(clause: Segment, a: Draft, b: Draft, in_clause: list[PlaceMention]) -> int:
    """Where the places of ``a`` end and those of the next draft ``b`` of the same clause begin: at ``b``'s
    trigger, or earlier at the last comma between them when ``a`` already has a place before that comma and the
    comma opens no place phrase ("قصف على بلدة X، وشهدت أطراف Y اشتباكات": Y is the clash's, not the shelling's)."""
    cs = clause.start
    if a.end < cs or b.start <= a.end:
        return b.start
    commas = list(_COMMAS.finditer(clause.text, a.end - cs, b.start - cs))
    if not commas:
        return b.start
    pos = cs + commas[-1].start()
    if not any(a.start <= p.start < pos for p in in_clause):
        return b.start
    m = _FIRST_WORD.match(clause.text, pos + 1 - cs)
    if m is None or cs + m.start(1) >= b.start:
        return b.start
    w0, w1 = cs + m.start(1), cs + m.end(1)
    if any(w0 <= p.start < w1 for p in in_clause):
        return b.start  # "X، وY": a list of places
    word = normalize(m.group(1))
    phrase = place_phrase_words()
    if any(f in phrase for f in (word, without_conjunction(word), strip_clitic(word))):
        return b.start
    return pos


def places_from_pronoun(text: str, drafts: list[Draft]) -> None:
    """"سيطرت على سراقب بعد انسحاب الفصائل منها": the withdrawal happened at the places of the
    event it follows in the sentence."""
    pronouns = event_cues()["back_pronouns"]
    for i, d in enumerate(drafts):
        if d.event_type != "withdrawal" or i == 0:
            continue
        host = drafts[i - 1]
        if host.sentence != d.sentence or not host.places:
            continue
        after = words_between(text, d.end, min(d.clause.end, d.end + 40))[:4]
        if any(w in pronouns for w in after):
            d.places, d.place_rule = [p for p in host.places if p.precision in (1, 2)] or host.places, \
                "place:pronoun"



@cache
def launch_verbs() -> frozenset[str]:
    raw = place_cues()
    return frozenset(normalize(w) for w in raw.get("launch_verbs", []))


@cache
def launch_site_phrases() -> frozenset[tuple[str, ...]]:
    """Normalized word sequences of the launch-site nouns with their attached pronouns ("مواقعها", "مناطق سيطرته")."""
    raw = place_cues()
    out = set()
    for phrase in raw.get("launch_site_nouns", []):
        words = normalize(phrase).split()
        for suffix in ("", "ها", "ه", "هم"):
            last = words[-1][:-1] + "ت" if suffix and words[-1].endswith("ه") else words[-1]  # نقطة → نقطتها
            out.add((*words[:-1], last + suffix))
    return frozenset(out)


@cache
def people_origin_nouns() -> frozenset[str]:
    raw = place_cues()
    return frozenset(normalize(w) for w in raw.get("people_origin_nouns", []))


def people_origins(text: str, d: Draft) -> set[int]:
    """Starts of the places that only say where people come from: "من أهالي سراقب", "نازحين من خان شيخون"
    (an origin noun, then من and/or a settlement word, then the place)."""
    nouns = people_origin_nouns()
    out: set[int] = set()
    for p in d.places:
        before = words_between(text, max(d.clause.start, p.start - 40), p.start)[-3:]
        while before and (before[-1] in ("من", "في") or before[-1] in PLACE_NOUNS):
            before = before[:-1]
        if before and (strip_clitic(before[-1]) in nouns or before[-1] in nouns):
            out.add(p.start)
    return out


@cache
def agent_descriptors() -> frozenset[str]:
    raw = place_cues()
    return frozenset(normalize(w) for w in raw.get("agent_descriptors", []))


AGENT_DESCRIPTION_WORDS = 4  # the agent, its descriptor and the place: "الفصائل العسكرية العاملة في شمال"


def drop_agent_descriptions(text: str, d: Draft) -> None:
    """A place that tells where the agent operates ("الفصائل العاملة شمال غرب سوريا") is not where the event
    happened: dropped when the event keeps another place."""
    if d.agent is None or len(d.places) < 2:
        return
    descriptors = agent_descriptors()
    keep = []
    for p in d.places:
        between = words_between(text, d.agent.end, p.start) if d.agent.end <= p.start else None
        if between and len(between) <= AGENT_DESCRIPTION_WORDS and any(w in descriptors for w in between) \
                and not set(between) & event_cues()["target"]:
            continue
        keep.append(p)
    if keep and len(keep) < len(d.places):
        d.places = keep


@cache
def support_cues() -> tuple[frozenset[str], int]:
    raw = place_cues()
    return frozenset(normalize(w) for w in raw.get("support_words", [])), int(raw.get("support_window", 6))


def drop_supporter_deployments(text: str, d: Draft) -> None:
    """"استعادت الفصائل X بتمهيد من مدفعية تركية منتشرة في الشمال السوري": a place after a deployment word
    (``agent_descriptors``) whose force follows a support word says where the supporter stands; dropped even when
    the event keeps no other place (the report's earlier place then applies)."""
    if not d.places:
        return
    support, window = support_cues()
    descriptors = agent_descriptors()
    keep = []
    for p in d.places:
        before = words_between(text, max(d.clause.start, p.start - 120), p.start)
        while before and (before[-1] in ("في", "ب", "من") or before[-1] in PLACE_NOUNS):
            before = before[:-1]
        if before and before[-1] in descriptors and any(
                w in support or strip_clitic(w) in support for w in before[-window - 1:-1]):
            continue
        keep.append(p)
    if len(keep) < len(d.places):
        d.places = keep


@cache
def frame_cues() -> tuple[frozenset[str], frozenset[str]]:
    raw = place_cues()
    return (frozenset(normalize(w) for w in raw.get("frame_words", [])),
            frozenset(normalize(w) for w in raw.get("frame_pairs", [])))


_LIST_JOINS = frozenset({"و", "،", ","})
ROAD_DASHES = frozenset({"-", "–", "—"})


def drop_framed_places(text: str, d: Draft) -> None:
    """A place inside a purpose or frame phrase ("في محاولة لتأمين الطريق الدولي", "ضمن حملة ... على ريفي إدلب
    وحلب") says what the action serves or belongs to, not where it happened: dropped when the event keeps a place
    outside such phrases. The phrase runs from its cue word through the places joined to the first by و/،."""
    if len(d.places) < 2:
        return
    words, pairs = frame_cues()
    keep, framed, prev_end = [], False, d.clause.start
    for p in sorted(d.places, key=_start):
        between = words_between(text, prev_end, p.start) if p.start >= prev_end else []
        cue = any(w in words or strip_clitic(w) in words or (w in pairs and i and between[i - 1] == "في")
                  for i, w in enumerate(between))
        joined = framed and all(w in _LIST_JOINS or w in PLACE_NOUNS for w in between)
        framed = cue or joined
        if not framed:
            keep.append(p)
        prev_end = max(prev_end, p.end)
    if keep and len(keep) < len(d.places):
        d.places = keep


@cache
def road_words() -> frozenset[str]:
    raw = yaml.safe_load((PLACE_LEXICON_DIR / "roads.yaml").read_text(encoding="utf-8"))
    return frozenset(normalize(w) for w in raw.get("road_words", []))


def drop_road_names(text: str, d: Draft) -> None:
    """"على طريق حلب الدولي قرب بلدة الزربة", "كفرنبل الواقعة على طريق معرة النعمان": a town right after a road
    word (and the town after it across a dash: "طريق سراقب - أريحا") names the road, where it leads, not where the
    event happened: dropped when the event keeps another place."""
    if len(d.places) < 2:
        return
    words = road_words()
    keep, prev = [], None
    for p in sorted(d.places, key=_start):
        before = words_between(text, max(d.clause.start, p.start - 30), p.start)
        named = bool(before) and (before[-1] in words or strip_clitic(before[-1]) in words)
        if not named and prev is not None and prev[1] and p.start >= prev[0].end:
            named = text[prev[0].end:p.start].strip(" ()") in ROAD_DASHES  # "طريق (القامشلي- القحطانية)"
        if not named:
            keep.append(p)
        prev = (p, named)
    if keep and len(keep) < len(d.places):
        d.places = keep


def launch_sites(text: str, d: Draft) -> set[int]:
    """Starts of the places a strike was launched from: "من مواقعها في X", "المنطلقة من X" (and the places joined
    to X by و/،)."""
    phrases = launch_site_phrases()
    out: set[int] = set()
    lo = max(d.clause.start, d.start)
    prev_end = None
    for p in d.places:
        if prev_end is not None and words_between(text, prev_end, p.start) in ([], ["و"], ["،"]) and \
                text[prev_end:p.start].strip(" ،,و") == "":
            out.add(p.start)  # "من مواقعها في X وY": Y too
            prev_end = p.end
            continue
        prev_end = None
        # a place before the trigger ("انطلقت الطائرات من X وقصفت ...") is read from its sentence's start
        before = words_between(text, lo if p.start >= lo else d.sentence.start, p.start)[-9:]
        while before and before[-1] in PLACE_NOUNS:  # "من مواقعها في بلدة X"
            before = before[:-1]
        if before and before[-1] in ("في", "ب"):
            before = before[:-1]
        launched = launched_from(before) or deployed_at_launch_site(before, phrases)
        before = before[-6:]
        for n in (1, 2):
            if launched or (len(before) > n and before[-n - 1] == "من" and tuple(before[-n:]) in phrases):
                out.add(p.start)
                prev_end = p.end
                break
    return out


def launched_from(before: list[str]) -> bool:
    """"انطلقت من X", "انطلقت عدة طائرات حربية من X": "من" right before the place, a launch verb before it with
    at most four words (its subject) between."""
    if len(before) < 2 or before[-1] != "من":
        return False
    verbs = launch_verbs()
    return any(strip_clitic(w) in verbs or w in verbs for w in before[-6:-1])


def deployed_at_launch_site(before: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    """"من مواقع الميليشيات المتمركزة في X": "من" + a launch-site noun, its force and a deployment word
    (``agent_descriptors``) right before the place: X is where the fire came from."""
    if len(before) < 3 or before[-1] not in agent_descriptors():
        return False
    for j in range(len(before) - 3, -1, -1):
        if before[j] == "من":
            return any(tuple(before[j + 1:j + 1 + n]) in phrases for n in (1, 2))
    return False


def drop_origin_and_destination(text: str, d: Draft) -> None:
    """Strikes keep where they fell, not where they came from ("مصدره معسكرات النظام في X", "من مواقعها في
    X"); displacement and withdrawals keep where they happened, not where people went ("باتجاه Y")."""
    cues = event_cues()
    if not d.places:
        return
    keep = []
    launched = launch_sites(text, d) if d.layer == "strike" else set()
    if d.event_type not in cues["movement_types"]:
        origins = people_origins(text, d)
        if origins and len(origins) < len(d.places):  # "قتل مدني من أهالي سراقب بقصف على النيرب"
            launched |= origins
    strike, moving = d.layer == "strike", d.event_type in cues["movement_types"]
    heading = d.event_type == "territory_taken"
    # a clash keeps where it was fought, a strike where it fell: a destination ("حاولت التقدم نحو بلدة X من محور
    # قرية Y", "رتلا متجها نحو X قرب Y") goes when another place is left
    clash = d.event_type == "armed_clash"
    towards: list = []
    headed_end: int | None = None
    dest_end: int | None = None
    for p in d.places:
        if p.start in launched:
            continue
        before = words_between(text, max(d.clause.start, d.start), p.start) if strike or moving or heading \
            or clash else []
        if clash or strike:
            near = [w for w in before if w not in PLACE_NOUNS][-2:]
            if near and near[-1] in cues["heading"] and (clash or (
                    len(near) == 2 and strip_clitic(near[0]).startswith(cues["moving_target"]))):
                towards.append(p)  # (a strike: only a target on the move, "رتلا متجها نحو X")
                continue
        if heading:
            near = [w for w in before[-3:] if w not in PLACE_NOUNS]
            if near and near[-1] in cues["heading"] or (
                    headed_end is not None and len(words_between(text, headed_end, p.start)) <= 3):
                headed_end = p.end  # "تقدمت القوات باتجاه بلدة سراقب" (and "... في ريف إدلب" locating it): not taken
                continue
        if strike:
            last_origin = max((i for i, w in enumerate(before) if w in cues["origin"]), default=-1)
            if last_origin >= 0 and not any(strip_clitic(w) in cues["origin_stops"] or w in cues["origin_stops"]
                                            for w in before[last_origin + 1:]):
                continue
        if moving:
            near = [w for w in before[-3:] if w not in PLACE_NOUNS]
            joined = dest_end is not None and p.start >= dest_end and text[dest_end:p.start].strip(" ،,و") == "" \
                and len(words_between(text, dest_end, p.start)) <= 1  # "انسحبت إلى X وY": Y too
            if near and near[-1] in cues["destination"] or joined:
                dest_end = p.end
                continue
            dest_end = None
        keep.append(p)
    if towards and not keep:
        keep = towards  # the destination is all the clash names
    if len(keep) < len(d.places):
        d.headed = heading and not keep
        d.places = keep


def place_from_anaphora(text: str, d: Draft, places: list[PlaceMention]) -> None:
    """A map event without a place that says "البلدة"/"المدينة" (the town, named before) happened at
    the last settlement the document named before its sentence, rule ``place:anaphora``."""
    if d.places or d.layer not in vocab.MAP_LAYERS:
        return
    lo, hi = d.own_span or (d.clause.start, d.clause.end)
    words = words_between(text, max(lo, d.start), hi)
    anaphors = event_cues()["anaphors"]
    stops = event_cues()["destination"]
    for i, w in enumerate(words):
        if strip_clitic(w) in anaphors and not (i and words[i - 1] in stops):
            break
    else:
        return
    # ``places``: the antecedents (:func:`anaphora_antecedents`) in text order; the last one ending before the sentence
    i = bisect.bisect_left(places, d.sentence.start, key=lambda p: p.start)
    while i > 0 and places[i - 1].end > d.sentence.start:
        i -= 1
    if i:
        d.places, d.place_rule = [places[i - 1]], "place:anaphora"


def anaphora_antecedents(places: list[PlaceMention]) -> list[PlaceMention]:
    """The places "البلدة"/"المدينة" can refer back to: resolved settlements (in text order, as given)."""
    return [p for p in places if p.status == "resolved" and p.place is not None
            and p.place.kind in ANAPHORA_KINDS and p.precision == 1]


def drop_stray_foreign(d: Draft) -> None:
    """A foreign place among Syrian places of a map event is a false hit, not a second location."""
    if d.layer not in vocab.MAP_LAYERS:
        return
    syrian = [p for p in d.places if not (p.place and p.place.kind == "foreign")]
    if syrian and len(syrian) < len(d.places):
        d.places = syrian


def drop_topic_places(d: Draft) -> None:
    """Talks and statements happen in a city, not in the region they are about ("بحثا الوضع في
    إدلب"): keep their foreign places and named settlements, not governorates or countrysides."""
    if d.event_type not in TALK_TYPES:
        return
    d.places = [p for p in d.places if p.place is not None and (
        p.place.kind == "foreign" or (p.status == "resolved" and p.precision in (1, 2)
                                      and p.place.kind in ("community", "neighbourhood", "site")))]


def venue_from_context(d: Draft, places: list[PlaceMention], seg, place_starts: list[int]) -> None:
    """Talks without a venue ("عقد اجتماعا مع وفد روسيا") take the foreign city named in the
    previous sentences of the paragraph ("توجه إلى أنقرة"), with rule ``place:context``."""
    if d.event_type != "diplomacy" or d.places:
        return
    first = seg.sentences[max(0, d.sentence.sentence - VENUE_LOOKBACK_SENTENCES)].start
    lo = max(first, seg.paragraphs[d.sentence.paragraph].start)
    window = places[bisect.bisect_left(place_starts, lo):bisect.bisect_left(place_starts, d.sentence.start)]
    venues = [p for p in window if p.place is not None and p.place.kind == "foreign"]
    if venues:
        d.places, d.place_rule = [venues[-1]], "place:context"


@cache
def calm_pattern() -> re.Pattern:
    """A word holding one of the calm stems ("هدوءا"، "الهدوء"، "هادئة")."""
    stems = "|".join(re.escape(w) for w in place_cues().get("calm_stems", []))
    return re.compile(rf"\w*(?:{stems})\w*")


_PHRASE_MARKS = "،,.؛;:"


def drop_calm_places(text: str, sentence: Segment, drafts: list[Draft],
                     sentence_places: list[PlaceMention]) -> list[PlaceMention]:
    """The sentence's places without those of a calm statement ("، بينما تشهد الجبهات من X إلى Y هدوءا حذرا"،
    "شهدت X هدوءا نسبيا، بعد قصف على Y"): the stretch around a calm word, between punctuation marks and not
    reaching an event word, names where nothing happened. Kept when the sentence would be left with no place."""
    if not sentence_places:
        return sentence_places
    quiet: list[tuple[int, int]] = []
    for m in calm_pattern().finditer(text, sentence.start, sentence.end):
        lo = max([sentence.start] + [d.end for d in drafts if d.end <= m.start()])
        hi = min([sentence.end] + [d.start for d in drafts if d.start >= m.end()])
        lo = max([lo] + [i + 1 for i in range(lo, m.start()) if text[i] in _PHRASE_MARKS])
        hi = min([hi] + [i for i in range(m.end(), hi) if text[i] in _PHRASE_MARKS])
        quiet.append((lo, hi))
    if not quiet:
        return sentence_places
    kept = [p for p in sentence_places if not any(a <= p.start < b for a, b in quiet)]
    return kept if kept else sentence_places


def place_sentence(drafts: list[Draft], clauses: list[Segment], places: list[PlaceMention],
                   sentence_places: list[PlaceMention]) -> None:
    """Places of the drafts of one sentence: each clause's own places, the places of an eventless
    clause for the event before it, and the sentence's places for drafts still without any."""
    # (a clause lies in its sentence: its places are among the sentence's; the drafts hold these very clauses)
    for clause in clauses:
        places_for([d for d in drafts if d.clause is clause], sentence_places, clause, [])
    # a clause without events continues the previous event ("..، إضافة إلى مدينتي كفرنبل وأريحا")
    for clause in clauses:
        if any(d.clause is clause for d in drafts):
            continue
        c_places = [p for p in sentence_places if clause.start <= p.start < clause.end]
        prev = [d for d in drafts if d.clause.start < clause.start]
        if c_places and prev:
            host = max(prev, key=lambda d: d.start)
            host.places = host.places + c_places
            host.place_rule = host.place_rule or "place:clause"
    # clauses without their own places take the places of the sentence's eventless clauses, else those of the
    # nearest placed event (its own clause first): a long sentence listing events in several towns does not
    # give every town to every event
    hosts = [d for d in drafts if d.places]
    placed = {id(p) for d in hosts for p in d.places}
    free = [p for p in sentence_places if id(p) not in placed]
    for d in drafts:
        if d.places or not (free or hosts):
            continue
        if free:
            d.places = free
        else:
            near = [h for h in hosts if h.clause == d.clause] or hosts
            d.places = min(near, key=lambda h: abs(h.start - d.start)).places
        d.place_rule = "place:sentence"


def event_places(places: list[PlaceMention]) -> list[PlaceMention]:
    """Only event places (and landmarks, and locators until :func:`drop_located_locators`) place events: not the
    correspondent's location, a source's affiliation or a capital that speaks or acts (``PlaceMention.role``, set
    by the place recognizer)."""
    return [p for p in places if p.role in EVENT_PLACE_ROLES or p.role == "locator"]


def drop_located_locators(d: Draft) -> None:
    """"سيطرت على X جنوب غرب مدينة Y": Y only says where X lies when X is a place of the same event; an event
    whose places hold no name Y locates ("سيطرت على خمس قرى جنوب غرب مدينة Y") happened there, by Y (the
    direction's precision)."""
    if not any(p.role == "locator" for p in d.places):
        return
    spans = [(p.start, p.end) for p in d.places if p.role != "locator"]
    dropped: set[int] = set()
    for p in sorted((p for p in d.places if p.role == "locator"), key=_start):
        if any(a < p.locates[1] and p.locates[0] < b for a, b in spans):
            dropped.add(id(p))
            spans.append((p.start, p.end))  # "X (42 كم شمال مدينة Y) شمال سوريا": a chain of locators goes with X
    if dropped:
        d.places = [p for p in d.places if id(p) not in dropped]
