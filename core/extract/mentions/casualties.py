"""Casualty counts: the numbers of a text bound to a killed/injured word.

``find_casualty_counts(text)``: numbers bound to a killed/injured word, conservatively:
  right after "مقتل/قتل/مصرع/استشهاد/جرح/إصابة ..." (only a cue between: "مقتل نحو 48"),
  after "نعى/نعت" + a short subject ("نعى الفصيل سبعة"), right before "قتلى/قتيلا/جرحى ...",
  or one or two words before "قتلوا/لقوا حتفهم/أصيبوا"; dual nouns count 2 ("مقتل جنديين"،
  "سقط قتيلان"). Vague plurals, years (19xx/20xx in digits) and parts of a toll ("بين
  القتلى 11 ضابطا") are never casualty counts. A singular person noun right after a killed/
  injured word counts one ("استشهاد طفلة"، "مقتل ممرض"); counts joined by "و" after their counted
  noun add up ("21 عنصرا من قوات النظام و9 مقاتلين" = 30, "مقتل طفل وامرأة" = 2), never across a
  comma, بينهم/منهم, or another word with "و" ("وإصابة").

Lexicon: ``core/lexicons/number_casualties.yaml``.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

import ahocorasick

from core.extract.mentions.numbers import find_numbers
from core.extract.segment import normalized
from core.extract.wordforms import dual_forms
from core.model import NumberMention
from core.text import NormalizedText, normalize
from core.vocab import load_yaml


class _Prefilter:
    """Is one of a word list's forms possibly in the text? Each form's last word is looked up with one
    Aho-Corasick pass (every match of the list's pattern contains it): when none is there, the caller skips
    the regex, which would find nothing (a regex starting with a look-behind tries every position)."""

    def __init__(self, forms) -> None:
        self.automaton = ahocorasick.Automaton()
        for f in forms:
            piece = normalize(f).split()[-1]
            self.automaton.add_word(piece, piece)
        self.automaton.make_automaton()

    def __call__(self, text: str) -> bool:
        for _ in self.automaton.iter(text):
            return True
        return False


class _WordScan:
    """``pattern.finditer(text)`` for a pattern "(?<!…)[وف]?(?:form|form …)(?!…)": one Aho-Corasick pass finds
    where a form's first word occurs, and the pattern is tried only there and one character before (a leading
    و/ف), left to right without overlaps as finditer goes (the regex alone tries its alternation everywhere)."""

    def __init__(self, pattern: re.Pattern, forms) -> None:
        self.pattern = pattern
        self.automaton = ahocorasick.Automaton()
        for f in forms:
            if normalize(f)[:1].isspace():
                raise ValueError(f"number_casualties.yaml: a form starting with a space: {f!r}")
            first = normalize(f).split()[0]
            self.automaton.add_word(first, len(first))
        self.automaton.make_automaton()

    def finditer(self, text: str):
        starts = set()
        for end, length in self.automaton.iter(text):
            start = end - length + 1
            starts.add(start)
            if start and text[start - 1] in "وف":
                starts.add(start - 1)
        last_end = 0
        match = self.pattern.match
        for start in sorted(starts):
            if start >= last_end and (m := match(text, start)) is not None:
                yield m
                last_end = m.end()


@cache
def _casualty_patterns() -> dict:
    raw = load_yaml("number_casualties.yaml")

    def alts(forms) -> str:
        return "|".join(sorted({re.escape(normalize(f)).replace(r"\ ", r"\s+") for f in forms}, key=len, reverse=True))

    bridge = alts(raw["bridge_words"])
    before = {
        kind: re.compile(r"(?<!\w)[وفبل]?(?:" + alts(forms) + r")(?:\s+(?:" + bridge + r"))*\s*$")
        for kind, forms in raw["before_number"].items()
    }
    after = {
        kind: re.compile(r"^\s+[وفبل]?(?:ال)?(?:" + alts(forms) + r")(?!\w)") for kind, forms in raw["after_number"].items()
    }
    dual_words = list(raw["duals"]) + _person_duals(raw["singular_persons"], raw["sound_plural_persons"]) + [
        f"{noun} {two}" for noun in raw["person_nouns"] if noun.endswith(("ين", "ون", "ات")) for two in raw["dual_numerals"]]
    duals = re.compile(r"(?<![^\W_])[وف]?(?:" + alts(dual_words) + r")(?![^\W_])")
    k = int(raw["max_subject_words"])
    for kind, forms in raw["before_number_after_subject"].items():
        subject = re.compile(r"(?<!\w)[وف]?(?:" + alts(forms) + r")(?:\s+[^\W\d_]+){1," + str(k) + r"}\s+$")
        before[kind + "_subject"] = subject
    for kind, forms in raw["after_noun_verbs"].items():
        # "3 مسعفين منهم امرأة قتلوا": a subset phrase (a cue and one or two words) may stand before the verb, and
        # so may their origin and an aside in brackets ("خمسة مدنيين من عائلة واحدة (أب وأم وأطفالهم) استشهدوا")
        after[kind + "_verb"] = re.compile(r"^(?:\s+[^\W\d_]+){1,2}(?:\s+(?:" + alts(raw["subset_cues"])
                                           + r")(?:\s+[^\W\d_]+){1,2})?(?:\s+من(?:\s+[^\W\d_]+){1,2})?"
                                           r"(?:\s*\([^()\n]{1,60}\))?\s+[وف]?(?:" + alts(forms) + r")(?!\w)")
    for kind, forms in raw["before_person_number"].items():
        before[kind + "_person"] = re.compile(r"(?<!\w)[وف]?(?:" + alts(forms) + r")(?:\s+[^\W\d_]+){0," + str(k) + r"}\s+$")
    dual_nouns = {kind: _WordScan(re.compile(r"(?<![^\W_])[وف]?(?:" + alts(forms) + r")(?![^\W_])"), forms)
                  for kind, forms in raw["dual_nouns"].items()}
    subset = re.compile(r"(?<![^\W_])(?:" + alts(raw["subset_cues"]) + r")\s*$")
    singular = alts(raw["singular_persons"])
    cue_words = ahocorasick.Automaton()  # killed/injured words (one-word forms, with a clitic)
    for kind, forms in raw["before_number"].items():
        for f in forms:
            f = normalize(f)
            if " " not in f:
                for c in ("", "و", "ف", "ب", "ل"):
                    if not cue_words.exists(c + f):
                        cue_words.add_word(c + f, (len(c + f), kind))
    cue_words.make_automaton()
    accusatives = alts([f + "ا" if not normalize(f).endswith("ه") else f for f in raw["singular_persons"]])
    verbs = "|".join(f"(?P<{kind}>{alts(forms)})" for kind, forms in (raw.get("singular_before_verbs") or {}).items())
    before_verb_nouns = [w + "ين" for w in raw["sound_plural_persons"]] + _person_duals(
        raw["singular_persons"], raw["sound_plural_persons"]) + list(raw["duals"])
    plural_duals = alts(before_verb_nouns)
    dual_verbs = "|".join(f"(?P<{kind}>{alts(forms)})" for kind, forms in (raw.get("dual_verbs") or {}).items())
    dual_before_verb = _WordScan(re.compile(r"(?<![^\W_])[وف]?(?P<noun>" + plural_duals + r")(?:\s+[^\W\d_]+)?\s+(?:"
                                            + dual_verbs + r")(?![^\W_])"),
                                 before_verb_nouns)
    # one pass for every kind; "ان" found first by the regex engine's literal search
    # (a short qualifier may stand between: "أن جنديا من تركيا قتل"، "إن مدنيا آخر استشهد")
    singular_before = re.compile(r"ان\s+(?P<noun>" + accusatives + r")(?:\s+من)?(?:\s+[^\W\d_]+){0,2}\s+(?:" + verbs
                                 + r")(?![^\W_])")
    return {"before": before, "after": after, "duals": duals, "duals_scan": _WordScan(duals, dual_words),
            "dual_nouns": dual_nouns, "subset": subset, "duals_any": _Prefilter(dual_words),
            "cue_words": cue_words, "singular_after": re.compile(r"\s+(?P<the>ال)?(?P<noun>" + singular + r")(?![^\W_])"),
            # (as written: a normalized "على" would be the name "علي")
            "definite_stops": frozenset(raw["definite_person_stops"]),
            "singular_word": re.compile(r"(?:" + singular + r")(?![^\W_])"),
            "singular_before": singular_before, "dual_before_verb": dual_before_verb,
            "person_after": re.compile(r"\s+(?:ال)?(?:" + alts(raw["person_nouns"]) + r")(?![^\W_])"),
            "subset_words": {normalize(w) for w in raw["subset_cues"]},
            "max_between": int(raw["max_words_between_summands"])}


def _person_duals(singulars, sound_plurals) -> list[str]:
    """Duals of the singular person nouns; the oblique only where it is not also the sound plural."""
    sound = {normalize(w) for w in sound_plurals}
    return [f for w in singulars
            for f in dual_forms(w, oblique=normalize(w) not in sound)]


_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def find_casualty_counts(text: str) -> list[tuple[NumberMention, str]]:
    """Numbers bound to a killed/injured word: [(number, "killed" | "injured")], by position."""
    if not text:
        return []
    nt = normalized(text)
    norm = nt.text
    pats = _casualty_patterns()
    out: list[tuple[NumberMention, str]] = []
    for num in find_numbers(text):
        n_start, n_end = _to_norm(nt, num.start), _to_norm(nt, num.end)
        if _YEAR_RE.fullmatch(normalize(num.surface).strip()):
            continue
        kind = None
        window = norm[max(0, n_start - 60):n_start]
        if pats["subset"].search(window):
            continue  # "بينهم 3 أطفال قتلى": a part of the toll
        for k, pat in pats["before"].items():
            if pat.search(window) and (not k.endswith("_person") or pats["person_after"].match(norm, n_end)):
                kind = k.removesuffix("_subject").removesuffix("_person")
                break
        if kind is None:
            for k, pat in pats["after"].items():
                if pat.match(norm[n_end:n_end + 50]):
                    kind = k.removesuffix("_verb")
                    break
        if kind is not None:
            out.append((num, kind))
    for m in pats["duals_scan"].finditer(norm):  # "مقتل جنديين" = 2 killed
        window = norm[max(0, m.start() - 60):m.start()]
        kind = next((k.removesuffix("_subject").removesuffix("_person") for k, pat in pats["before"].items()
                     if pat.search(window)), None)
        if kind is not None:
            s_ = m.start() + (1 if norm[m.start()] in "وف" and pats["duals_any"](m.group()[1:]) else 0)
            os_, oe = nt.span_to_original(s_, m.end())
            out.append((NumberMention(text[os_:oe], os_, oe, 2, False), kind))
    for kind, scan in pats["dual_nouns"].items():  # "سقط قتيلان" = 2 killed
        for m in scan.finditer(norm):
            s_, e_ = m.start() + (1 if norm[m.start()] in "وف" and m.group()[1:] else 0), m.end()
            if any(n.start <= nt.offsets[s_] < n.end for n, _k in out):
                continue  # "5 قتيلين"? the number was taken already
            os_, oe = nt.span_to_original(s_, e_)
            out.append((NumberMention(text[os_:oe], os_, oe, 2, False), kind))
    n_norm = len(norm)
    for end, (length, kind) in pats["cue_words"].iter(norm):  # "استشهاد طفلة" = 1
        start = end - length + 1
        if (start > 0 and norm[start - 1].isalnum()) or (end + 1 < n_norm and norm[end + 1].isalnum()):
            continue
        m = pats["singular_after"].match(norm, end + 1)
        if m is not None:
            after = norm[m.end():m.end() + 12]
            if re.match(r"\s*(?:\d|اثن)", after):
                continue  # "مقتل مدني 3"? "مقتل عنصر اثنين"? not a singular count
            if m.group("the") and not _name_follows(text, nt.span_to_original(m.start("noun"), m.end())[1],
                                                    pats["definite_stops"]):
                continue  # "مقتل الطفل في القصف": one told before, not a count
            s_, e_ = m.span("noun")
            if any(n.start <= nt.offsets[s_] < n.end for n, _k in out):
                continue
            os_, oe = nt.span_to_original(s_, e_)
            out.append((NumberMention(text[os_:oe], os_, oe, 1, False), kind))
    for m in pats["singular_before"].finditer(norm):  # "إن شخصا قتل" = 1 (after ان، بان، وان، فان only)
        i = m.start()
        if i > 0 and norm[i - 1].isalnum() and (norm[i - 1] not in "بوف" or (i > 1 and norm[i - 2].isalnum())):
            continue
        s_, e_ = m.span("noun")
        if not any(n.start <= nt.offsets[s_] < n.end for n, _k in out):
            os_, oe = nt.span_to_original(s_, e_)
            out.append((NumberMention(text[os_:oe], os_, oe, 1, False), m.lastgroup))
    for m in pats["dual_before_verb"].finditer(norm):  # "مدنيين آخرين استشهدا" = 2
        s_, e_ = m.span("noun")
        if not any(n.start <= nt.offsets[s_] < n.end for n, _k in out):
            os_, oe = nt.span_to_original(s_, e_)
            out.append((NumberMention(text[os_:oe], os_, oe, 2, False), m.lastgroup))
    out.sort(key=lambda pair: pair[0].start)
    return _sums(text, nt, out, pats)


_WORD_RE = re.compile(r"\S+")
_PUNCTUATION = "،,.؛:!؟()\""
# "36 من قوات النظام و25 من الفصائل": a count of the members of a group counts persons like a person noun
_OF_GROUP_AFTER = re.compile(r"\s+من\s+(?!(?:الشهر|الجاري|العام|الاسبوع|اليوم|الساعات|الجرحي|المصابين)(?![^\W_]))"
                             r"(?:ال[^\W\d_]+|قوات|عناصر|مقاتلي|صفوف|جنود)(?![^\W_])")


def _name_follows(text: str, pos: int, stops: frozenset[str]) -> bool:
    """The word after ``pos`` (original text) may begin a person's name: no article or clitic, no function word
    (compared as written), no number."""
    m = _WORD_RE.match(text, pos + 1) if pos < len(text) and text[pos] == " " else None
    if m is None:
        return False
    word = m.group().rstrip(_PUNCTUATION).strip("“”«»'\"")
    return bool(word) and word.isalpha() and not word.startswith(("ال", "و", "ب", "ل", "ف", "ك")) and word not in stops


def _sums(text: str, nt: NormalizedText, counts: list[tuple[NumberMention, str]],
          pats: dict) -> list[tuple[NumberMention, str]]:
    """"قتل 21 عنصرا من قوات النظام و9 مقاتلين" = 30; "مقتل طفل وامرأة" = 2. A count grows by the
    number (or singular noun) joined to it by "و" after its counted noun, within a few words,
    with no punctuation or بينهم/منهم between."""
    norm = nt.text
    numbers = {_to_norm(nt, n.start): n for n in find_numbers(text)}
    out: list[tuple[NumberMention, str]] = []
    for num, kind in counts:
        if out and out[-1][0].end > num.start:
            continue  # absorbed by the previous sum
        pos = _to_norm(nt, num.end)
        surface = normalize(num.surface)
        if not (num.value == 1 and pats["singular_word"].fullmatch(surface)
                or num.value == 2 and pats["duals"].fullmatch(surface)):  # the count is its own noun
            m = pats["person_after"].match(norm, pos) or _OF_GROUP_AFTER.match(norm, pos)
            if m is None:
                out.append((num, kind))
                continue
            pos = m.end()
        value, end, approx = num.value, num.end, num.approximate
        while True:
            added = _next_summand(norm, pos, numbers, pats)
            if added is None:
                break
            add_value, add_end, add_approx, pos = added
            value, end, approx = value + add_value, nt.span_to_original(add_end - 1, add_end)[1], approx or add_approx
        if end != num.end:
            num = NumberMention(text[num.start:end], num.start, end, value, approx)
        out.append((num, kind))
    return out


def _next_summand(norm: str, pos: int, numbers: dict, pats: dict) -> tuple[int, int, bool, int] | None:
    """(value, end of its span, approximate, position after its noun) of the summand after ``pos``."""
    for i, w in enumerate(_WORD_RE.finditer(norm, pos, min(len(norm), pos + 80))):
        if i > pats["max_between"]:
            return None
        word = w.group()
        # a punctuation mark right after the word ends the toll after it ("مقتل طفلين وامرأة.")
        word_end = w.start() + len(word.rstrip(_PUNCTUATION))
        word = word[:word_end - w.start()]
        if not word or any(ch in word for ch in _PUNCTUATION) or word in pats["subset_words"] or word == "بين":
            return None
        if not word.startswith("و") or len(word) < 2:
            if word_end != w.end():
                return None
            continue
        start = w.start() + 1
        num = numbers.get(start) or numbers.get(w.start())
        if num is not None:
            after = start + len(normalize(num.surface))
            m = pats["person_after"].match(norm, after) or _OF_GROUP_AFTER.match(norm, after)
            if m is None:
                return None
            return num.value, start + len(normalize(num.surface)), num.approximate, m.end()
        if pats["singular_word"].fullmatch(word[1:]):
            return 1, word_end, False, word_end
        if pats["duals"].fullmatch(word[1:]):  # "قتلت امرأة وطفلين"
            return 2, word_end, False, word_end
        return None  # "وإصابة ..."، "والميليشيات ...": the toll ends here
    return None


def _to_norm(nt: NormalizedText, original_offset: int) -> int:
    """Normalized offset of the first normalized character at or after ``original_offset``."""
    return bisect.bisect_left(nt.offsets, original_offset)
