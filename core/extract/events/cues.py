"""The cue words of event assembly (``core/lexicons/event_cues.yaml``) and word access over
the document's normalized text, shared by every step."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import numpy as np

from core import vocab
from core.extract.segment import normalized
from core.extract.wordforms import expand_all, participle_forms
from core.text import alnum_table, bmp_codes, normalize

WORD_RE = re.compile(r"\w+")


@cache
def event_cues() -> dict:
    raw = vocab.load_yaml("event_cues.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(normalize(w) for w in raw[key])

    aims = _aim_words(raw)
    nonfactual = words("nonfactual_cues") | aims
    nonfactual_capture = words("nonfactual_capture_cues") | frozenset(
        normalize(w) for w in expand_all(raw["attempt_nouns"], "noun") + raw["attempt_plurals"])
    return {
        "target": words("target_cues"),
        "between": words("between_cues"),
        "vso_skip": words("vso_skippable"),
        "noun_skip": words("noun_modifier_skippable"),
        "titles": words("titles"),
        "relatives": words("relatives"),
        "allies": words("ally_nouns"),
        "victim_negations": words("victim_negations"),
        "similar": words("similar_words"),
        "hedges": frozenset(w for c in raw["belief_hedges"] for w in WORD_RE.findall(normalize(c))),
        "split": words("split_cues"),
        "reply_verbs": words("reply_verbs"),
        "air_launched_too": words("air_launched_too"),
        "generic_actors": frozenset(raw["generic_actors"]),
        "denials": words("denials"),
        "passive": frozenset(" ".join(WORD_RE.findall(normalize(w))) for w in raw["passive_agent_cues"]),
        "owner": words("owner_cues"),
        "firing_positions": words("firing_positions"),
        "struck_objects": words("struck_objects"),
        "undergo": words("undergo_verbs"),
        "weapons": words("weapons"),
        "complementizers": words("complementizers"),
        "light_verbs": words("light_verbs_after_noun"),
        "massacre_nouns": words("massacre_nouns"),
        "massacre_verbs": words("massacre_verbs"),
        "signatures": {normalize(w): actor for actor, ws in raw["signature_agents"].items() for w in ws},
        "genitive_heads": words("genitive_heads"),
        "meeting": tuple(" ".join(WORD_RE.findall(normalize(w))) for w in raw["meeting_context"]),
        "origin": words("origin_cues"),
        "origin_stops": words("origin_stops"),
        "destination": words("destination_cues"),
        "movement_types": frozenset(raw["movement_types"]),
        "heading": words("heading_cues"),
        "moving_target": tuple(sorted(words("moving_target_stems"))),
        "back_pronouns": words("back_pronouns"),
        "anaphors": words("place_anaphors"),
        "continuation": words("continuation_verbs"),
        "victims": words("victim_cues"),
        "victim_window": int(raw["victim_window"]),
        "victim_verbs": words("victim_verbs_after"),
        "lam_stops": words("lam_object_stops"),
        "instruments": {normalize(w): kind for kind, ws in raw["instrument_types"].items() for w in ws},
        "twin_adjectives": {normalize(w): kind for kind, ws in raw["twin_adjectives"].items() for w in ws},
        "aircraft": words("aircraft_nouns"),
        "crew": words("aircraft_crew"),
        "air_forces": frozenset(raw["air_forces"]),
        "air_only_forces": frozenset(raw["air_only_forces"]),
        "general_comments": words("general_comment_verbs"),
        "made_in": words("made_in"),
        "used_with": words("used_with"),
        "use_verbs": words("use_verbs"),
        "amid_targets": words("amid_target_words"),
        "celebration": words("celebration_words"),
        "use_reach": int(raw["use_reach"]),
        "vehicle_phrase_heads": words("vehicle_phrase_heads"),
        "drone_adjectives": words("drone_adjectives"),
        "instrument_preps": words("instrument_prepositions"),
        "ground_attack_targets": words("ground_attack_targets"),
        "ground_attack_reach": int(raw["ground_attack_reach"]),
        "use_instrument_words": words("use_instrument_words"),
        "use_instrument_reach": int(raw["use_instrument_reach"]),
        "ground_attackers": words("ground_attackers"),
        "attack_words": words("attack_words"),
        "root_ba": words("root_ba_words"),
        "downing": words("downing_results"),
        "crash": words("crash_verbs"),
        "downing_naming": words("downing_results_naming"),
        "openers": words("agent_continuing_openers"),
        "nonfactual": nonfactual,
        "aims": aims,
        "nonfactual_window": int(raw["nonfactual_window"]),
        "nonfactual_or_capture": nonfactual | nonfactual_capture,  # (one set: read before every capture trigger)
        "modal": words("modal_particles"),
        "subjunctive": words("subjunctive_particles"),
        "imperfect_support_verbs": words("imperfect_support_verbs"),
        "nonfactual_capture": nonfactual_capture,
        "ongoing": words("ongoing_cues"),
        "since": words("since"),
        "campaign_starts": words("campaign_starts"),
        "propositions": words("proposition_cues"),
        "framing": words("framing_verbs"),
        "framing_window": int(raw["framing_window"]),
        "describing": words("describing_cues"),
        "describing_window": int(raw["describing_window"]),
        "projectiles": words("projectiles"),
        "agent_nouns": words("agent_light_nouns"),
        "from_agent_nouns": words("from_agent_nouns"),
        "amid": tuple(tuple(WORD_RE.findall(normalize(w))) for w in raw["amid_cues"]),
        "entry_words": words("entry_words"),
        "handover_cues": words("handover_cues"),
        "tally_openers": words("tally_openers"),
        "tally_units": words("tally_units"),
        "tally_window": int(raw["tally_window"]),
        "tally_min_days": int(raw["tally_min_days"]),
        "approach_verbs": words("approach_verbs"),
        "approach_edges": words("approach_edges"),
        "approach_window": int(raw["approach_window"]),
        "approach_directions": words("approach_directions"),
        "fatality_causes": frozenset(normalize(w) for w in raw.get("fatality_cause_cues") or []),
        "fatality_prior": frozenset(normalize(w) for w in raw.get("fatality_prior_cues") or []),
        "fatality_contrast": frozenset(normalize(w) for w in raw.get("fatality_contrast_cues") or []),
        "fatality_cause_window": int(raw.get("fatality_cause_window") or 0),
        "support_verbs": frozenset(normalize(w) for w in raw.get("support_verbs") or []),
    }


def _aim_words(raw: dict) -> frozenset[str]:
    """Every form of the aim verbs (persons of the imperfect from :mod:`core.extract.wordforms`, and the past
    endings of a regular stem), their participles and nouns."""
    forms = expand_all(raw["aim_verbs"], "verb")
    for lemma in raw["aim_verbs"]:
        past = lemma.partition("/")[0].strip()
        if not past.endswith(("ى", "ا")):
            forms += [past + "ت", past + "وا", past + "تا"]
    for participle in raw["aim_participles"]:
        forms += participle_forms(participle)
    return frozenset(normalize(w) for w in forms + list(raw["aim_nouns"]))


@lru_cache(maxsize=8)
def _norm_offsets(text: str) -> tuple[str, np.ndarray]:
    """The normalized text and, per original offset (an array), the normalized offset where it starts."""
    nt = normalized(text)
    if not nt.has_drops and len(nt.offsets) == len(text):
        return nt.text, np.arange(len(text) + 1)  # one character for one: the identity mapping
    # o2n[i] = number of normalized characters that come from original characters before i
    return nt.text, np.searchsorted(np.asarray(nt.offsets, dtype=np.int64), np.arange(len(text) + 1), side="left")


@lru_cache(maxsize=8)
def _norm_index(text: str) -> tuple[str, list[int]]:
    """:func:`_norm_offsets` with the offsets as a list (read one at a time)."""
    nt = normalized(text)
    if not nt.has_drops and len(nt.offsets) == len(text):
        return nt.text, range(len(text) + 1)  # one character for one: the identity mapping
    return nt.text, _norm_offsets(text)[1].tolist()


def norm_slice(text: str, a: int, b: int) -> str:
    """normalize(text[a:b]), read from the document's normalized text."""
    if b <= a:
        return ""
    norm, o2n = _norm_index(text)
    n = len(text)
    return norm[o2n[a if a > 0 else 0]:o2n[b if b < n else n]]  # (not max/min: called ~300 times a document)


@cache
def _word_char() -> np.ndarray:
    """Per BMP code point: a regex ``\\w`` character (a letter, a digit or "_")."""
    table = alnum_table().copy()
    table[ord("_")] = True
    return table


@lru_cache(maxsize=8)
def _word_index(text: str) -> tuple:
    """The document's normalized words (``WORD_RE``), found once: (normalized text, starts, ends, words, o2n, where),
    ``where`` giving per original offset the first word ending after it, times two, plus one when the offset falls
    strictly inside that word (so :func:`words_between` reads each end of a window in one lookup)."""
    norm, o2n = _norm_index(text)
    codes = bmp_codes(norm)
    if codes is None:
        spans = [m.span() for m in WORD_RE.finditer(norm)]
        starts, ends = [a for a, _ in spans], [b for _, b in spans]
        start_at, end_at = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    else:  # runs of word characters, from the changes of a per-character flag
        flags = np.zeros(len(codes) + 2, dtype=np.int8)
        flags[1:-1] = _word_char()[codes]
        edges = np.flatnonzero(np.diff(flags))
        start_at, end_at = edges[::2], edges[1::2]
        starts, ends = start_at.tolist(), end_at.tolist()
    at = _norm_offsets(text)[1]
    first = np.searchsorted(end_at, at, side="right")  # the first word ending after each offset
    inside = np.zeros(len(at), dtype=np.int64)
    some = first < len(starts)
    inside[some] = start_at[first[some]] < at[some]
    return norm, starts, ends, [norm[a:b] for a, b in zip(starts, ends, strict=True)], o2n, (2 * first + inside).tolist()


_LAST_INDEX: tuple = (None,) * 8  # (text, len(text), *its _word_index) of the last call, flat: one unpack per call


def words_between(text: str, a: int, b: int) -> list[str]:
    """Normalized words of text[a:b] (original offsets): ``WORD_RE.findall`` on the normalized window,
    read from the document's word index (a word cut by an end of the window is cut the same way)."""
    if b <= a:
        return []
    global _LAST_INDEX
    last = _LAST_INDEX  # (one read: another thread may swap it)
    if last[0] is not text:  # (the same document asks hundreds of times in a row: no cache lookup)
        last = _LAST_INDEX = (text, len(text), *_word_index(text))
    _, n, norm, starts, ends, words, o2n, where = last
    at_a, at_b = where[a if a > 0 else 0], where[b if b < n else n]
    # the first word ending after a; the first word starting at or after b (the next one when b is inside a word)
    i, j = at_a >> 1, (at_b >> 1) + (at_b & 1)
    if i >= j:
        return []
    if not (at_a | at_b) & 1:  # (most windows: no word cut by an end)
        return words[i:j]
    na, nb = o2n[a if a > 0 else 0], o2n[b if b < n else n]
    if na >= nb:
        return []
    out = words[i:j]
    if starts[i] < na or ends[i] > nb:
        out[0] = norm[starts[i] if starts[i] > na else na:ends[i] if ends[i] < nb else nb]
    if j - 1 > i and ends[j - 1] > nb:
        out[-1] = norm[starts[j - 1]:nb]
    return out


@lru_cache(maxsize=1024)  # asked for each draft by the sentence's choice, then again when drafts are kept
def denied_before(text: str, a: int, b: int) -> bool:
    """A denial word ("نفت") among the words of text[a:b]."""
    return not event_cues()["denials"].isdisjoint(words_between(text, a, b))


def original_words(text: str, a: int, b: int) -> list[tuple[int, str]]:
    """(offset, normalized word) of each ``WORD_RE`` word of the original text[a:b] (unlike :func:`words_between`,
    a diacritic splits a word here)."""
    return [(m.start(), normalize_word(m.group())) for m in WORD_RE.finditer(text, a, b)] if b > a else []


@lru_cache(maxsize=1 << 16)  # words recur across documents (Zipf): normalize each once
def normalize_word(word: str) -> str:
    return normalize(word)


CONJUNCTIONS = ("و", "ف")
PARTICLES = ("ب", "ل")
_PROCLITICS = ("وب", "ول", "فب", "و", "ف", "ب", "ل")


@lru_cache(maxsize=1 << 16)  # called for every word near every draft; the same few hundred words per document
def strip_clitic(word: str) -> str:
    for p in _PROCLITICS:
        if word.startswith(p) and len(word) > len(p) + 2:
            return word[len(p):]
    return word


def bare(word: str) -> str:
    """The word without a leading و/ف when more than three letters remain ("وقصفت" → "قصفت"; "وقع" stays)."""
    return word[1:] if len(word) > 3 and word[0] in CONJUNCTIONS else word


def without_conjunction(word: str) -> str:
    """The word without a leading و/ف when a word of two letters or more is left ("ومع" → "مع")."""
    return word[1:] if word[:1] in CONJUNCTIONS and len(word) > 2 else word


@lru_cache(maxsize=256)
def clitic_particle(prefix: str) -> str | None:
    """The particle of a run of proclitics before a word's stem, its conjunction (و، ف) aside: "وب" → "ب",
    "فلل" → "ل" (the lam before the article), "و" → ""; None when ``prefix`` is not such a run."""
    rest = prefix[1:] if prefix[:1] in CONJUNCTIONS else prefix
    if rest in ("", *PARTICLES):
        return rest
    return "ل" if rest == "لل" else None


@cache
def _number_words() -> frozenset[str]:
    """The cardinal words of ``number_words.yaml`` (one-word forms, normalized)."""
    raw = vocab.load_yaml("number_words.yaml")
    return frozenset(normalize(str(w)) for key in ("units", "tens", "hundreds") for forms in raw.get(key, {}).values()
                     for w in forms if " " not in str(w))


def count_word(word: str) -> bool:
    """A count: digits ("12", "١٢") or a cardinal word ("تسعة", "عشرين")."""
    return word.isdigit() or word in _number_words()


IN = normalize("في")


def used_before(text: str, clause_start: int, start: int) -> list[str] | None:
    """A strike word after the lam of purpose (or "في") of a verb of using ("تستخدم القوات الطائرات الحربية لدك
    مواقع"، "استخدمت المروحيات في قصف"): the words between that verb and the strike word (the user and what it
    uses), or None."""
    cues = event_cues()
    words = words_between(text, max(clause_start, start - 160), start)[-cues["use_reach"] - 1:]
    if norm_slice(text, start - 1, start) != "ل" and words[-1:] != [IN]:
        return None
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in cues["use_verbs"] or without_conjunction(w) in cues["use_verbs"]:
            return words[i + 1:]
    return None
