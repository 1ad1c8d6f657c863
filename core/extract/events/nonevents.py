"""Non-events: drafts too weak, denied, background or without the agent their type needs."""

from __future__ import annotations

from functools import cache

from core import vocab
from core.extract.events.cues import denied_before, event_cues, norm_slice, strip_clitic, words_between
from core.extract.events.draft import Draft
from core.extract.mentions.triggers import is_lexicon_past
from core.text import normalize

AGENT_REQUIRED = ("diplomacy", "statement", "agreement", "joint_patrol", "other_strategic", "territory_taken")


def keep_draft(text: str, d: Draft) -> bool:
    """Drafts too weak to be an event: a vague word ("التصعيد") without "بين X و Y"; a generic
    attack word with neither agent nor toll; a map event named only by a noun, without agent, toll, a
    party that underwent it or a precise place (background: "تشكل استعادة الطريق هدفا")."""
    if d.event_type in AGENT_REQUIRED and d.agent is None or d.headed:
        return False  # (headed: "تقدمت القوات باتجاه البلدة" took no place)
    if d.time_rule == "time:background" and d.fatalities is None or d.time_rule == "time:tally":
        return False
    # (the checks are pure: the cheap ones on the draft's fields come before the ones that read its words)
    if all(t.weight <= 0.4 for t in d.triggers) and d.agent_rule != "agent:between":
        return False
    if all(t.generic or t.weight <= 0.4 for t in d.triggers) and d.agent is None and d.fatalities is None:
        return False
    if d.layer in vocab.MAP_LAYERS and not d.places and d.fatalities is None and d.time_rule not in (
            "time:clause", "time:sentence"):
        return False  # background: an unplaced, undated fight ("قوات النظام التي تشن هجوما")
    if d.layer in vocab.MAP_LAYERS and d.agent is None and not d.undergone and d.fatalities is None and all(
            t.pos == "noun" for t in d.triggers) and not any(p.precision in (1, 2) and p.place for p in d.places):
        return False
    if d.event_type != "statement" and denied_before(text, d.sentence.start, d.start):
        return False  # "نفت الوزارة أن تكون طائراتها قد قصفت ..."
    return d.event_type == "statement" or factual(text, d)


@cache
def _scope_cues() -> dict:
    raw = vocab.load_yaml("event_cues.yaml")
    return {
        "purpose_heads": frozenset(normalize(w) for w in raw["purpose_heads"]),
        "purpose_window": int(raw["purpose_window"]),
        "count_rise": frozenset(normalize(w) for w in raw["count_rise"]),
        "count_nouns": frozenset(normalize(w) for w in raw["count_nouns"]),
        "ongoing_present": frozenset(normalize(w) for w in raw["ongoing_present"]),
        "purpose_captures": frozenset(normalize(w) for w in raw["purpose_captures"]),
        "storming_verbs": frozenset(normalize(w) for w in raw["storming_verbs"]),
    }


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and "\u0621" <= text[pos - 1] <= "\u064a":
        pos -= 1
    return pos


def _purpose(text: str, clause_start: int, start: int) -> bool:
    """An event noun after the lam of purpose that completes a deadline, demand, plan or attempt head a few words
    before it ("المهلة التي منحتها أنقرة للنظام للانسحاب"، "في محاولة لاقتحام"): asked or tried, not done."""
    ws = _word_start(text, start)
    if normalize(text[ws:start]).lstrip("وف") not in ("ل", "لل"):
        return False
    cues = _scope_cues()
    word = words_between(text, ws, start + 24)[:1]
    aims = cues["purpose_captures"]
    if word and (word[0][1:] in aims or "ال" + word[0][2:] in aims) and len(words_between(text, clause_start, ws)) > 1:
        return True  # "اقتحمت القوات البلدة لاستعادتها"، "للسيطرة عليها": the capture is the aim of the verb before
    before = words_between(text, clause_start, ws)[-cues["purpose_window"]:]
    return any(w in cues["purpose_heads"] or strip_clitic(w) in cues["purpose_heads"] for w in before)


def _counted_capture(text: str, d: Draft) -> bool:
    """A capture named only by a masdar after "ب"/"مع" in a sentence whose count rises ("وبالسيطرة على البلدة صار
    عدد المواقع المستعادة 30"، "ومع السيطرة على التل يرتفع عدد القرى"): the tally recalls a capture told before."""
    cues = _scope_cues()

    def count_after(t) -> bool:
        after = words_between(text, t.end, d.sentence.end)
        return any(w in cues["count_rise"] and n in cues["count_nouns"] for w, n in zip(after, after[1:], strict=False))

    told = [t for t in d.triggers if count_after(t)]  # (a trigger after the count is the tally's own clause)
    if not told:
        return False
    for t in told:
        if t.pos != "noun":
            return False
        ws = _word_start(text, t.start)
        prefix = normalize(text[ws:t.start])
        before = words_between(text, max(d.sentence.start, ws - 12), ws)[-1:]
        if not (prefix in ("ب", "وب", "فب") or before in (["مع"], ["ومع"])):
            return False
    return True


def _nonfactual_before(text: str, clause_start: int, start: int, subject: tuple[int, int] | None = None,
                       capture: bool = False) -> bool:
    """An aim, plan, threat, preparation, fear, failure, condition or negation cue, a modal "قد" + imperfect, or
    "منذ بدء" (a background campaign), in the few words before a trigger in its clause; the words of its
    ``subject`` (the agent's span, when it stands between) do not count ("فشلت قوات النظام في التقدم")."""
    cues = event_cues()
    lo = max(clause_start, start - 40)
    if subject is not None and lo <= subject[0] and subject[1] <= start:
        before = (words_between(text, max(clause_start, subject[0] - 40), subject[0])
                  + words_between(text, subject[1], start))
    else:
        before = words_between(text, lo, start)
    stops = cues["nonfactual"] | cues["nonfactual_capture"] if capture else cues["nonfactual"]
    since = cues["since"]
    words = [b if (b := strip_clitic(w)) in stops or b in since else w for w in before[-cues["nonfactual_window"]:]]
    if any(w in stops for w in words):
        return True
    if words and words[-1] in since:
        return True  # "منذ سيطرت على المدينة"، "منذ توغلها": the event is the start of a period, told as background
    words_on = words + words_between(text, start, start + 12)[:1]  # the trigger's own first word: "قد يشن"
    if any(w in cues["modal"] and nxt[:1] in ("ي", "ن") and len(nxt) > 2
           for w, nxt in zip(words_on, words_on[1:], strict=False)):
        return True  # "قد يشن": may
    return any(w in since and nxt in cues["campaign_starts"] for w, nxt in zip(words, words[1:], strict=False))


def _ongoing(text: str, clause_start: int, start: int, subject: tuple[int, int] | None) -> int | None:
    """Where the verb of becoming or going on ends when it is the last word before the capture word, its subject
    aside ("باتت قوات النظام تسيطر"، "تواصل تقدمها"): a state of the front; None otherwise."""
    cue_end = start
    if subject is not None and clause_start <= subject[0] and subject[1] <= start:
        before = words_between(text, subject[1], start)
        if not before:
            before, cue_end = words_between(text, max(clause_start, subject[0] - 30), subject[0]), subject[0]
    else:
        before = words_between(text, max(clause_start, start - 30), start)
    ongoing = event_cues()["ongoing"]
    return cue_end if before and (before[-1] in ongoing or strip_clitic(before[-1]) in ongoing) else None


def _campaign_goes_on(text: str, d: Draft, subject: tuple[int, int] | None) -> bool:
    """Every trigger right after an ongoing verb in the imperfect, its subject aside ("يواصل الجيش هجماته على شمال
    البلاد"), in a clause with no time and no town of its own: a campaign that goes on, not an event of the day."""
    if d.time_rule == "time:clause" or any(p.precision in (1, 2) and p.place for p in d.places):
        return False
    present = _scope_cues()["ongoing_present"]
    for t in d.triggers:
        at = _ongoing(text, d.clause.start, t.start, subject)
        if at is None:
            return False
        cue = words_between(text, max(d.clause.start, at - 30), at)[-1:]
        if not cue or strip_clitic(cue[0]) not in present and cue[0] not in present:
            return False
    return bool(d.triggers)


def retype_purposed_capture(text: str, d: Draft) -> None:
    """A capture verb followed in its clause by a capture word after the lam of purpose ("اقتحمت القوات البلدة
    لاستعادتها"): an assault aimed at the capture, whose outcome the clause does not tell, so an armed clash."""
    if d.event_type != "territory_taken":
        return
    done = [t for t in d.triggers if not _purpose(text, d.clause.start, t.start)]
    storming = _scope_cues()["storming_verbs"]
    words = [norm_slice(text, t.start, t.end) for t in done if t.pos == "verb"]
    if not done or len(words) < len(done) or not all(w in storming or strip_clitic(w) in storming for w in words):
        return
    aims = _scope_cues()["purpose_captures"]
    after = words_between(text, max(t.end for t in done), d.clause.end)
    if any(w[:1] == "ل" and (w[1:] in aims or w.startswith("لل") and "ال" + w[2:] in aims) for w in after):
        d.event_type, d.layer = "armed_clash", vocab.layer_of("armed_clash")


def _imperfect_verb(text: str, t) -> bool:
    """A verb trigger in the imperfect (ي/ت + a stem of three letters or more: يسيطر، تسيطر، وتسيطر)."""
    if t.pos != "verb":
        return False
    word = strip_clitic(norm_slice(text, t.start, t.end))
    return word[:1] in ("ي", "ت") and len(word) >= 4 and not word.endswith("ت") and not is_lexicon_past(word)


def factual(text: str, d: Draft) -> bool:
    """The draft reports something that happened: not every trigger is an aim, plan, threat, condition,
    negation or background campaign ("بهدف السيطرة"، "وسوف تقصف"، "في حال تقدمت"، "لم تتقدم"، "منذ بدء
    التصعيد"), and the sentence is not a question. Cues are looked for in the trigger's own clause only,
    clitics stripped."""
    subject = (d.agent.start, d.agent.end) if d.agent is not None else None
    capture = d.event_type in ("territory_taken", "other_strategic")  # a front or a siege that goes on is a state
    if capture and d.fatalities is None:
        states = [_ongoing(text, d.clause.start, t.start, subject) for t in d.triggers]
        dated = d.time is not None and d.time_rule == "time:clause"
        if all(at is not None and not (dated and d.time.start >= at - 12) for at in states):
            return False  # "باتت قوات النظام تسيطر على ..." (no time of its own after the cue): a state, not a capture
        own = [t for t in d.triggers if not t.generic]
        if own and not dated and all(_imperfect_verb(text, t) for t in own) and (
                subject is None or subject[0] > own[0].start) and norm_slice(
                text, d.sentence.start, d.sentence.end).rstrip().endswith("."):
            # a body sentence opening with the verb, "وتسيطر قوات النظام على المدينة", tells who holds it; the
            # news present puts the subject first ("قوات النظام تسيطر على قرية"), and so may a headline
            return False
    if not capture and d.fatalities is None and d.layer in vocab.MAP_LAYERS and _campaign_goes_on(text, d, subject):
        return False
    if capture and d.fatalities is None and d.triggers and _counted_capture(text, d):
        return False
    if d.fatalities is None and all(_nonfactual_before(text, d.clause.start, t.start, subject, capture)
                                    or _purpose(text, d.clause.start, t.start) for t in d.triggers):
        return False
    return not norm_slice(text, d.sentence.start, d.sentence.end).rstrip().endswith(("؟", "?"))
