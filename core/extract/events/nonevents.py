"""Non-events: drafts too weak, denied, background or without the agent their type needs."""

from __future__ import annotations

from functools import cache, lru_cache

from core import vocab
from core.extract.events.cues import (
    clitic_particle,
    count_word,
    denied_before,
    event_cues,
    norm_slice,
    strip_clitic,
    without_conjunction,
    words_between,
)
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
    if all(t.weight <= 0.4 for t in d.triggers) and d.fatalities is None and not _escalation_placed(d):
        return False  # "وسط تصعيد كبير بين أنقرة وموسكو": a climate between two parties, no fight told
    if all(t.generic or t.weight <= 0.4 for t in d.triggers) and d.agent is None and d.fatalities is None:
        return False
    if d.layer in vocab.MAP_LAYERS and not d.places and d.fatalities is None and d.time_rule not in (
            "time:clause", "time:sentence"):
        return False  # background: an unplaced, undated fight ("قوات النظام التي تشن هجوما")
    if d.layer in vocab.MAP_LAYERS and d.agent is None and not d.undergone and d.fatalities is None and all(
            t.pos == "noun" for t in d.triggers) and not any(p.precision in (1, 2) and p.place for p in d.places):
        return False
    if d.event_type == "military_deployment" and _no_deployment(text, d):
        return False
    if d.event_type != "statement" and denied_before(text, d.sentence.start, d.start):
        return False  # "نفت الوزارة أن تكون طائراتها قد قصفت ..."
    if d.layer == "strike" and d.fatalities is None and d.time_rule not in ("time:clause", "time:sentence") and (
            d.agent is None or d.agent.end <= d.start) and _general_comment(text, d):
        return False  # "حذرت المنظمة من أن الغارات على المدينة قد ...": strikes in general, no strike of the day
    return d.event_type == "statement" or factual(text, d)


def _general_comment(text: str, d: Draft) -> bool:
    """A condemnation or warning verb opens the sentence before the strike (and before its agent, then the one who
    condemns: "دانت الأمم المتحدة الغارات")."""
    comments = event_cues()["general_comments"]
    for t in d.triggers:
        first = words_between(text, t.start, t.end)[:1]
        if t.pos == "verb" and first and not first[0].startswith(("ي", "ت", "سي", "ست")):
            return False  # "دانت الخارجية الغارات التي استهدفت المدينة": a strike that was carried out
    end = d.agent.start if d.agent is not None else d.start
    return any(w in comments or strip_clitic(w) in comments for w in words_between(text, d.sentence.start, end))


def _escalation_placed(d: Draft) -> bool:
    """A vague word ("تصعيد بين X وY") tells a fight only at a town or a site of its own, not at the names of the
    two parties themselves (a capital: "بين أنقرة وموسكو")."""
    parties = [(a.start, a.end) for a in (d.agent, d.target) if a is not None]
    return any(p.place is not None and p.precision in (1, 2) and not any(
        a <= p.start < b or p.start <= a < p.end for a, b in parties) for p in d.places)


_SCOPE_WORD_LISTS = ("purpose_heads", "count_rise", "count_nouns", "ongoing_present", "purpose_captures",
                     "storming_verbs", "media_objects", "standing_posts", "since_periods", "since_first_days", "to",
                     "post_setup_words", "after_period_heads", "background_periods", "period_qualifiers",
                     "seize_words", "seized_fillers", "loss_words", "loss_winner_cues", "purpose_verb_lams", "help_verbs",
                     "help_past_verbs", "provide_forms", "provision_objects")


@cache
def _scope_cues() -> dict:
    raw = vocab.load_yaml("event_cues.yaml")
    cues: dict = {key: frozenset(normalize(w) for w in raw[key]) for key in _SCOPE_WORD_LISTS}
    cues["purpose_window"] = int(raw["purpose_window"])
    cues["loss_window"] = int(raw["loss_window"])
    cues["help_past_window"] = int(raw["help_past_window"])
    cues["provision_window"] = int(raw["provision_window"])
    return cues


_SINCE = normalize("منذ")  # (a clause without it needs no reading for a period)
SINCE_AFTER_WORDS = 1  # words that may stand between a trigger and "منذ" + a period start after it
MEDIA_WINDOW = 3  # words before a deployment word, or after its verb, where a picture or a clip is looked for


def _no_deployment(text: str, d: Draft) -> bool:
    """A deployment told through media that show it ("نشر ناشطون صورة لرتل"، "بث مقطعا يظهر تعزيزات"), or an
    observation post named alone, without a word of setting up or arriving ("نقطة المراقبة التركية في البلدة"):
    what a picture shows or a post that exists, not a deployment of the day."""
    cues = _scope_cues()
    media, posts = cues["media_objects"], cues["standing_posts"]
    for t in d.triggers:
        near = words_between(text, max(d.clause.start, t.start - 40), t.start)[-MEDIA_WINDOW:]
        if t.pos == "verb":
            near += words_between(text, t.end, min(d.clause.end, t.end + 40))[:MEDIA_WINDOW]
        if any(w in media or strip_clitic(w) in media for w in near):
            return True
    setup = cues["post_setup_words"]

    def standing(t) -> bool:
        if t.pos != "noun" or strip_clitic(norm_slice(text, t.start, t.end)) not in posts:
            return False
        near = (words_between(text, max(d.clause.start, t.start - 30), t.start)[-2:]
                + words_between(text, t.end, min(d.clause.end, t.end + 20))[:1])
        return not any(w in setup or strip_clitic(w) in setup for w in near)

    return bool(d.triggers) and all(standing(t) for t in d.triggers)


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and "\u0621" <= text[pos - 1] <= "\u064a":
        pos -= 1
    return pos


def _purpose(text: str, clause_start: int, start: int) -> bool:
    """An event noun after the lam of purpose that completes a deadline, demand, plan or attempt head a few words
    before it ("المهلة التي منحتها أنقرة للنظام للانسحاب"، "في محاولة لاقتحام"): asked or tried, not done."""
    ws = _word_start(text, start)
    prefix = normalize(text[ws:start])
    cues = _scope_cues()
    if clitic_particle(prefix) != "ل":
        # "إلى" after an aim ("تهدف القوات بعمليتها إلى السيطرة"، "يسعى الجيش إلى التقدم")
        last = words_between(text, max(clause_start, ws - 8), ws)[-1:]
        if prefix not in ("", "ال") or not last or last[0] not in cues["to"]:
            return False
        aims, heads = event_cues()["aims"], cues["purpose_heads"]
        before = words_between(text, clause_start, ws)[-cues["purpose_window"]:-1]
        return any(w in aims or w in heads or strip_clitic(w) in aims or strip_clitic(w) in heads for w in before)
    word = words_between(text, ws, start + 24)[:1]
    if word and _purpose_capture(word[0]) and len(words_between(text, clause_start, ws)) > 1:
        return True  # "اقتحمت القوات البلدة لاستعادتها"، "للسيطرة عليها": the capture is the aim of the verb before
    before = words_between(text, clause_start, ws)[-cues["purpose_window"]:]
    return any(w in cues["purpose_heads"] or strip_clitic(w) in cues["purpose_heads"] for w in before)


@lru_cache(maxsize=4096)
def _purpose_capture(word: str) -> bool:
    """A capture word after the lam of purpose, conjunction allowed ("لاستعادتها"، "للسيطرة"، "وللسيطرة")."""
    aims = _scope_cues()["purpose_captures"]
    rest = without_conjunction(word)
    if rest.startswith("لل"):
        return "ال" + rest[2:] in aims
    return rest[:1] == "ل" and rest[1:] in aims


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
        if not (clitic_particle(prefix) == "ب" or before and without_conjunction(before[0]) == "مع"):
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
    stops = cues["nonfactual_or_capture"] if capture else cues["nonfactual"]
    since = cues["since"]
    words = [b if (b := strip_clitic(w)) in stops or b in since else w for w in before[-cues["nonfactual_window"]:]]
    if any(w in stops for w in words):
        return True
    if capture and subject is not None and clause_start <= subject[0] and subject[1] <= start and _masdar_of_verb_before(
            text, clause_start, start, subject, stops):
        return True
    if words and words[-1] in since:
        return True  # "منذ سيطرت على المدينة"، "منذ توغلها": the event is the start of a period, told as background
    if words and words[-1] in cues["subjunctive"] and not cues["imperfect_support_verbs"].isdisjoint(
            words_between(text, start, start + 12)[:1]):
        return True  # "قبل أن تتمكن من السيطرة": what it could not (or may yet) manage
    modal = cues["modal"]
    if not modal.isdisjoint(words):  # (most triggers: no modal word before them, the trigger's word not needed)
        words_on = words + words_between(text, start, start + 12)[:1]  # the trigger's own first word: "قد يشن"
        if any(w in modal and nxt[:1] in ("ي", "ن") and len(nxt) > 2
               for w, nxt in zip(words_on, words_on[1:], strict=False)):
            return True  # "قد يشن": may
    return any(w in since and nxt in cues["campaign_starts"] for w, nxt in zip(words, words[1:], strict=False))


def _masdar_of_verb_before(text: str, clause_start: int, start: int, subject: tuple[int, int],
                           stops: frozenset[str]) -> bool:
    """"حاولت قوات X مدعومة بمقاتلين من Y التقدم نحو القرية": the verb right before the subject is an attempt or
    failure verb and the trigger a verbal noun with no verb between (the subject's supporters may stand there):
    the noun is what that verb tried, however long the subject's phrase."""
    verb = words_between(text, max(clause_start, subject[0] - 20), subject[0])[-1:]
    if not verb or strip_clitic(verb[0]) not in stops and verb[0] not in stops:
        return False
    trigger_word = words_between(text, start, start + 16)[:1]
    if not trigger_word or not (trigger_word[0].startswith("ال") or trigger_word[0].startswith("لل")):
        return False  # (a verbal noun with the article: "التقدم"، "اقتحام" stays unsure, a verb is its own predicate)
    gap = words_between(text, subject[1], start)
    return len(gap) <= SUPPORT_GAP_WORDS and not any(is_lexicon_past(w) for w in gap)


SUPPORT_GAP_WORDS = 10  # words of the subject's supporters between it and the verbal noun


def _since_period(text: str, clause_start: int, start: int) -> bool:
    """"منذ" and a long period or a first day ("منذ العام 2013"، "منذ سنوات"، "منذ يومها الأول") among the
    nonfactual_window words before a trigger, clitics stripped: the trigger tells the campaign of that period."""
    cues, since = _scope_cues(), event_cues()["since"]
    words = [strip_clitic(w) for w in words_between(text, max(clause_start, start - 40), start)]
    words = words[-event_cues()["nonfactual_window"] - 1:]
    for i, w in enumerate(words[:-1]):
        if w in since and (words[i + 1] in cues["since_periods"] or any(
                x in cues["since_first_days"] for x in words[i + 2:i + 3])):
            return True
    return False


PERIOD_REACH = 6  # words before the "من" of "بعد أسابيع من" where the head and its period are looked for
CONJUNCT_WORDS = 2  # words of the first noun of a span (with its adjective) before "و" and the second one
SEIZE_REACH = 8  # words before a weapon noun where a verb or masdar of seizing is looked for


def _after_period(text: str, clause_start: int, start: int) -> bool:
    """A noun trigger as the span of a period before something else: "بعد"/"عقب"/"إثر", a period of days or longer
    (a count, "عدة" or an adjective beside it), then "من" right before it ("بعد أسابيع من الاشتباكات"، "عقب عدة
    أشهر من القصف"): the fighting that led up to the news, not an event of the day."""
    cues = _scope_cues()
    words = [without_conjunction(w) for w in words_between(text, max(clause_start, start - 90), start)]
    if words and words[-1] in ("و", "ف"):  # a second noun of the span: "بعد أسابيع من الاشتباكات (العنيفة) والقصف"
        words.pop()
        for _ in range(CONJUNCT_WORDS):
            if words and words[-1] != "من":
                words.pop()
    if len(words) < 3 or words[-1] != "من":
        return False
    period = False
    for w in reversed(words[-PERIOD_REACH - 1:-1]):
        if w in cues["background_periods"]:
            period = True
        elif w in cues["after_period_heads"] or "و" + w in cues["after_period_heads"]:
            return period
        elif not (w in cues["period_qualifiers"] or count_word(w)):
            return False
    return False


def _seized_object(text: str, clause_start: int, start: int) -> bool:
    """A weapon noun as the object of a seizure ("استولوا على ثماني دبابات وقذائف"، "ضبطت القوات مستودعا
    للذخائر والقذائف"): a verb or masdar of seizing a few words before, with only counts, materiel and
    quantity words between."""
    cues = _scope_cues()
    seize, fillers = cues["seize_words"], cues["seized_fillers"]
    words = words_between(text, max(clause_start, start - 80), start)[-SEIZE_REACH:]
    for w in reversed(words):
        bare_word = without_conjunction(w)
        forms = {bare_word, strip_clitic(w), bare_word[2:] if bare_word.startswith("ال") else bare_word}
        if not forms.isdisjoint(seize):
            return True
        if not (w in ("و", "ف") or not forms.isdisjoint(fillers) or count_word(bare_word)):
            return False
    return False


def _since_start_after(text: str, clause_end: int, end: int) -> bool:
    """"منذ" and the start of a campaign or a long period right after a trigger ("دارت معارك منذ بدء الحرب"،
    "تدور اشتباكات منذ سنوات"): the fighting of that period, not of the day."""
    after = words_between(text, end, min(clause_end, end + 30))[:SINCE_AFTER_WORDS + 2]
    cues, ev = _scope_cues(), event_cues()
    for i, w in enumerate(after[:SINCE_AFTER_WORDS + 1]):
        if w in ev["since"] or strip_clitic(w) in ev["since"]:
            nxt = after[i + 1:i + 2]
            return bool(nxt) and (nxt[0] in ev["campaign_starts"] or nxt[0] in cues["since_periods"])
    return False


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


def _describes(text: str, clause_start: int, start: int) -> bool:
    """A trigger right after a relative describes a place or a party ("الأحياء التي يسيطر عليها الجيش")."""
    last = words_between(text, max(clause_start, start - 12), start)[-1:]
    return bool(last) and last[0] in event_cues()["relatives"]


def _before_subject_aside(text: str, clause_start: int, start: int, subject: tuple[int, int] | None,
                          n: int) -> list[str]:
    """The last ``n`` words before a trigger in its clause, the words of its subject (when it stands between) left out."""
    if subject is not None and clause_start <= subject[0] and subject[1] <= start:
        words = words_between(text, max(clause_start, subject[0] - 40), subject[0]) + words_between(
            text, subject[1], start)
    else:
        words = words_between(text, max(clause_start, start - 40), start)
    return words[-n:] if n else []


def _purpose_verb(text: str, clause_start: int, t) -> bool:
    """A capture verb in the imperfect after the lam of purpose or "كي" ("ليتقدم مقاتلوها"، "لتسيطر القوات"، "كي
    تتقدم"): the aim of what comes before it, not a capture told done."""
    if t.pos != "verb":
        return False
    word = words_between(text, _word_start(text, t.start), t.end)[:1]
    if not word:
        return False
    lams = _scope_cues()["purpose_verb_lams"]
    w = word[0]
    for lam in sorted(lams, key=len, reverse=True):
        if w.startswith(lam) and w[len(lam):len(lam) + 1] in ("ي", "ت", "ن") and len(w) - len(lam) >= 4:
            return True
    last = words_between(text, max(clause_start, t.start - 12), _word_start(text, t.start))[-1:]
    return bool(last) and last[0] in lams and w[:1] in ("ي", "ت", "ن")


def _helped(text: str, clause_start: int, start: int, subject: tuple[int, int] | None) -> bool:
    """A help or ease verb in the imperfect a few words before a capture word ("تساعد الفصائل على التقدم"، "يسهل
    تقدم القوات"): what is alleged to help a capture, not a capture told done."""
    cues = _scope_cues()
    helps = cues["help_verbs"]
    words = _before_subject_aside(text, clause_start, start, subject, event_cues()["nonfactual_window"])
    if any(w in helps or strip_clitic(w) in helps for w in words):
        return True
    if subject is None or subject[0] >= start:
        return False
    past = cues["help_past_verbs"]
    near = words_between(text, max(clause_start, start - 80), start)[-cues["help_past_window"]:]
    at = next((i for i, w in enumerate(near) if w in past or without_conjunction(w) in past), None)
    # the agent is the helper: named before the help verb or as its subject after it, "ساعد القصف التركي X على"
    return at is not None and subject[0] < start


def _provides(text: str, t) -> bool:
    """"تقدم" as "provides": a thing given a few words after it, not after "تحت" ("وتقدم روسيا دعما جويا"; but
    "تقدم الجيش تحت غطاء جوي" advanced)."""
    cues = _scope_cues()
    own = words_between(text, t.start, t.end)
    if len(own) != 1 or own[0] not in cues["provide_forms"]:
        return False
    after = words_between(text, t.end, t.end + 60)[:cues["provision_window"]]
    objects = cues["provision_objects"]
    return any((w in objects or without_conjunction(w) in objects) and (i == 0 or after[i - 1] != "تحت")
               for i, w in enumerate(after))


def _not_done_capture(text: str, clause_start: int, t, subject: tuple[int, int] | None) -> bool:
    return t.event_type == "territory_taken" and (
        _purpose_verb(text, clause_start, t) or _helped(text, clause_start, t.start, subject) or _provides(text, t))


def _lost_control(text: str, d: Draft) -> None:
    """A capture whose every capture word follows a loss word ("فقد الجيش سيطرته على البلدة"، "خسرت القوات
    السيطرة على القرية") with the agent as the loss's subject: the agent lost the place, so its withdrawal, never
    its capture (an agent named elsewhere, "أمام هجوم الفصائل", is the winner and keeps the capture)."""
    caps = [t for t in d.triggers if t.event_type == "territory_taken"]
    if not caps:
        return
    if d.agent is not None and d.agent.end > caps[0].start:
        return  # the winner named after the loss ("... أمام هجوم الفصائل") keeps the capture
    subject = (d.agent.start, d.agent.end) if d.agent is not None else None
    cues = _scope_cues()
    loss = cues["loss_words"]
    for t in caps:
        last = words_between(text, max(d.clause.start, t.start - 12), t.start)[-1:]
        own = words_between(text, t.start, t.end + 6)[:1]
        if last and last[0] in ("فقد", "وفقد") and own and not own[0].endswith(("ته", "تها", "تهم")):
            return  # "فقد سيطرت القوات على البلدة": ف + قد before a perfect verb, "indeed", no loss
        words = _before_subject_aside(text, d.clause.start, t.start, subject, cues["loss_window"])
        if not any(w in loss or strip_clitic(w) in loss or without_conjunction(w) in loss for w in words):
            return
    winner = d.target
    if winner is not None and d.agent is not None and winner.start > caps[-1].end and words_between(
            text, max(d.clause.start, winner.start - 14), winner.start)[-1:] in ([w] for w in cues["loss_winner_cues"]):
        d.agent, d.target, d.agent_rule = winner, d.agent, "agent:winner"  # "... لصالح قوات النظام": its capture
        return
    d.event_type, d.layer = "withdrawal", vocab.layer_of("withdrawal")


def _attempted_capture(text: str, d: Draft) -> None:
    """A capture draft whose capture words were only tried or aimed at (or describe a place), joined with a fight
    word ("شنت القوات هجوما في محاولتها التقدم نحو البلدة"، "كان الهجوم يهدف إلى الاستيلاء على الأحياء التي يسيطر
    عليها الجيش"): the fight happened, the capture did not; an armed clash of the rest."""
    subject = (d.agent.start, d.agent.end) if d.agent is not None else None
    tried = [t for t in d.triggers if t.event_type == "territory_taken" and (
        _nonfactual_before(text, d.clause.start, t.start, subject, True) or _purpose(text, d.clause.start, t.start)
        or _describes(text, d.clause.start, t.start) or _not_done_capture(text, d.clause.start, t, subject))]
    rest = [t for t in d.triggers if t not in tried]
    # (the fight told before the aim: a fight word after it belongs to the aim, "للتقدم في المدينة واقتحامها")
    if tried and rest and all(t.event_type == "armed_clash" and t.start < tried[0].start for t in rest):
        d.triggers, d.event_type, d.layer = rest, "armed_clash", vocab.layer_of("armed_clash")
        fought = [p for p in d.places if p.start < tried[0].start]
        if fought and len(fought) < len(d.places):
            d.places = fought  # "... على بلدة X ليتقدم مقاتلوها نحو Y": Y is the aim, the fight was at X


def retype_purposed_capture(text: str, d: Draft) -> None:
    """A capture verb followed in its clause by a capture word after the lam of purpose ("اقتحمت القوات البلدة
    لاستعادتها"): an assault aimed at the capture, whose outcome the clause does not tell, so an armed clash; so is
    a capture word only tried beside a fight word (:func:`_attempted_capture`)."""
    if d.event_type != "territory_taken":
        return
    _lost_control(text, d)
    if d.event_type != "territory_taken":
        return
    _attempted_capture(text, d)
    if d.event_type != "territory_taken":
        return
    done = [t for t in d.triggers if not _purpose(text, d.clause.start, t.start)]
    storming = _scope_cues()["storming_verbs"]
    words = [norm_slice(text, t.start, t.end) for t in done if t.pos == "verb"]
    if not done or len(words) < len(done) or not all(w in storming or strip_clitic(w) in storming for w in words):
        return
    after = words_between(text, max(t.end for t in done), d.clause.end)
    if any(_purpose_capture(w) for w in after):
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
    if capture and any(t.event_type == "territory_taken" and _provides(text, t) for t in d.triggers):
        return False  # "وتقدم روسيا دعما جويا للقوات في معاركها": support given, the clause tells no advance
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
    own_day = d.time is not None and d.time_rule == "time:clause" and d.time.precision == "day" and (
        d.time.start > min(t.start for t in d.triggers) if d.triggers else False)
    if d.triggers and not own_day and _SINCE in norm_slice(text, d.clause.start, d.clause.end) and all(
            _since_period(text, d.clause.start, t.start) or _since_start_after(text, d.clause.end, t.end)
            for t in d.triggers):
        return False  # "منذ العام 2013 ... ولم تشهد قتالا"، "منذ يومها الأول وقصفت": a period, not the day's news
    nouns = [t for t in d.triggers if t.pos == "noun"]
    # (a capture after "بعد أسبوع من" is one dated event recalled, "بعد أسبوع من دخول الجيش البلدة": it stays)
    if d.fatalities is None and nouns and len(nouns) == len(d.triggers) and all(
            not capture and _after_period(text, d.clause.start, t.start) or _seized_object(text, d.clause.start, t.start)
            for t in nouns):
        return False  # "بعد أسابيع من الاشتباكات": the lead-up; "استولوا على دبابات وقذائف": materiel, no attack
    # (in a capture, a trigger after a relative describes a place held: "الأحياء التي يسيطر عليها الجيش")
    told = [t for t in d.triggers if not (capture and _describes(text, d.clause.start, t.start))] or d.triggers
    if d.fatalities is None and all(_nonfactual_before(text, d.clause.start, t.start, subject, capture)
                                    or _purpose(text, d.clause.start, t.start)
                                    or _not_done_capture(text, d.clause.start, t, subject) for t in told):
        return False
    return not norm_slice(text, d.sentence.start, d.sentence.end).rstrip().endswith(("؟", "?"))
