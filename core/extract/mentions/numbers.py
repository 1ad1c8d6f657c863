"""Numbers in Arabic news: digits (Latin or Arabic-Indic) and number words, as integers.

- ``find_numbers(text)``: every count in the text, spans in the ORIGINAL text. Digits may
  carry thousands separators (1,200 / ١٬٢٠٠) or a decimal point before a scale word
  (2.5 مليون); number words combine (خمسة وعشرون، ثلاثة عشر، مئتين، مليونين و800 ألف);
  "الـ24" is 24; fractions of a scale count (نصف مليون، مليون ونصف). "و" + number continues a
  number only where Arabic composes (units + tens, after a hundred or a scale): "3 و4" are two.
  A cue such as نحو/قرابة/حوالي/أكثر من makes the mention ``approximate`` and is part of its
  span (تقريبا/على الأقل after it also make it approximate). Ordinals (الثاني، الحادي عشر) are
  not counts, and a digit glued to a letter (M4, F16, إس400) is a name, not a number.
- Vague plurals (عشرات، مئات، آلاف) are no count: they are left out unless
  ``include_vague=True``, which returns them approximate with the smallest value the Arabic
  plural allows (عشرات = 30, مئات = 300, "عشرات الآلاف" = 30,000).
Lexicon: ``core/lexicons/number_words.yaml``. Casualty counts: :mod:`core.extract.mentions.casualties`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import ahocorasick

from core.extract.lexmatch import padded_words
from core.extract.segment import normalized
from core.model import NumberMention
from core.text import digit_runs, normalize
from core.vocab import load_yaml

CLITICS = ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل")


@dataclass(frozen=True)
class _Word:
    value: float
    kind: str  # unit | ten | hundred | fraction | scale | scale_dual | scale_plural


class _Token(NamedTuple):  # (a tuple: many are made per number window)
    text: str  # normalized; digits without their glued clitic (و800 → 800), words as written
    start: int  # normalized offsets of the whole token (clitic included)
    end: int
    clitic: str
    is_digit: bool


@cache
def _lexicon() -> dict:
    raw = load_yaml("number_words.yaml")
    words: dict[str, _Word] = {}
    phrases: dict[tuple[str, ...], _Word] = {}

    def add(form: str, word: _Word) -> None:
        parts = tuple(normalize(form).split())
        if len(parts) == 1:
            words.setdefault(parts[0], word)
        else:
            phrases.setdefault(parts, word)

    for value, forms in raw["units"].items():
        for f in forms:
            add(f, _Word(int(value), "unit"))
    for value, forms in raw["tens"].items():
        for f in forms:
            add(f, _Word(int(value), "ten"))
    for value, forms in raw["hundreds"].items():
        for f in forms:
            add(f, _Word(int(value), "hundred"))
    for value, forms in raw["fractions"].items():
        for f in forms:
            add(f, _Word(float(value), "fraction"))  # type: ignore[arg-type]
    for value, spec in raw["scales"].items():
        for f in spec["singular"]:
            add(f, _Word(int(value), "scale"))
        for f in spec["dual"]:
            add(f, _Word(int(value), "scale_dual"))
        for f in spec["plural"]:
            add(f, _Word(int(value), "scale_plural"))
    vague: dict[str, int] = {}
    for value, forms in raw["vague"].items():
        for f in forms:
            vague[normalize(f)] = int(value)

    def cue_re(forms: list[str], *, before: bool) -> re.Pattern:
        alts = "|".join(sorted({re.escape(normalize(f)).replace(r"\ ", r"\s+") for f in forms}, key=len, reverse=True))
        if before:
            return re.compile(r"(?<!\w)[وف]?(?P<cue>" + alts + r")\s*$")
        return re.compile(r"^(?P<word>\s+[^\W\d_]+)?\s*(?:" + alts + r")(?!\w)")  # "30 شخصا تقريبا"

    forms = [*words, *(p[0] for p in phrases), *vague]
    if not all(f.isalnum() for f in forms):
        raise ValueError("number_words.yaml: a number word must be letters only (the scan reads words)")
    automaton = ahocorasick.Automaton()  # " " + word: matched at word starts in the padded text (see _candidates)
    for w in {c + f for f in forms for c in ("", *CLITICS)}:
        automaton.add_word(" " + w, len(w))
    automaton.make_automaton()
    return {
        "start_words": automaton,
        "words": words,
        "phrases": phrases,
        "vague": vague,
        "approx_before": cue_re(raw["approx_before"], before=True),
        "approx_after": cue_re(raw["approx_after"], before=False),
        "ordinals": {normalize(w) for w in raw["ordinal_words"]},
        "not_with_article": {normalize(w) for w in raw["not_with_article"]},
    }


_TOKEN_RE = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+")
_DIGIT_START_RE = re.compile(r"(?:" + "|".join(CLITICS) + r")?\d+")
WINDOW = 90  # characters a number expression may span ("ثلاثمئة وخمسة وعشرين ألفا")
_LATIN_RE = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=4096)
def _digits_value(s: str) -> float | None:
    s = s.replace("٫", ".").replace("٬", ",")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return int(s.replace(",", ""))
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    return None


def _tokens(norm: str, pos: int = 0, endpos: int | None = None) -> list[_Token]:
    out: list[_Token] = []
    raw = list(_TOKEN_RE.finditer(norm, pos, len(norm) if endpos is None else endpos))
    for i, m in enumerate(raw):
        s = m.group()
        if s[0].isdigit():
            prev = raw[i - 1] if i else None
            clitic = ""
            start = m.start()
            if prev is not None and prev.end() == m.start():
                if prev.group() in CLITICS:  # "الـ24", "و800"
                    clitic = prev.group()
                    start = prev.start()
                    if out and out[-1].start == prev.start():
                        out.pop()
                else:
                    out.append(_Token("", m.start(), m.end(), "", False))  # glued to a word: a name
                    continue
            if _LATIN_RE.search(norm[max(0, m.start() - 1):m.start()]):
                out.append(_Token("", m.start(), m.end(), "", False))
                continue
            out.append(_Token(s, start, m.end(), clitic, True))
        else:
            out.append(_Token(s, m.start(), m.end(), "", False))
    return out


def _lookup(token: _Token, lex: dict) -> tuple[_Word | None, str]:
    """The number word of a token, trying it without each clitic; returns (word, clitic)."""
    if token.is_digit:
        return None, token.clitic
    words = lex["words"]
    if token.text in words:
        return words[token.text], ""
    for c in CLITICS:
        if token.text.startswith(c) and token.text[len(c):] in words:
            base = token.text[len(c):]
            if c.endswith(("ال", "لل")) and base in lex["not_with_article"]:
                return None, ""  # الاثنين = Monday
            return words[base], c
    return None, ""


@lru_cache(maxsize=16384)
def _phrase(first: str, second: str) -> tuple[_Word | None, str]:
    """The two-word number phrase (أحد عشر، ثلاث مئة) two tokens make, the first maybe with a clitic."""
    phrases = _lexicon()["phrases"]
    for c in ("", *CLITICS):
        if first.startswith(c) and (first[len(c):], second) in phrases:
            return phrases[(first[len(c):], second)], c
    return phrases.get((first, second)), ""


@lru_cache(maxsize=16384)
def _word_lookup(text: str) -> tuple[_Word | None, str]:
    """:func:`_lookup` of a word token (memoized: the same words recur across documents)."""
    return _lookup(_Token(text, 0, 0, "", False), _lexicon())


def _vague_value(token: _Token, lex: dict) -> tuple[int | None, str]:
    if token.is_digit:
        return None, ""
    if token.text in lex["vague"]:
        return lex["vague"][token.text], ""
    for c in CLITICS:
        if token.text.startswith(c) and token.text[len(c):] in lex["vague"]:
            return lex["vague"][token.text[len(c):]], c
    return None, ""


@dataclass
class _Group:
    start: int
    end: int
    value: int
    vague: bool = False


def _only_space(norm: str, a: int, b: int) -> bool:
    return norm[a:b].strip() == ""


def _candidates(norm: str, automaton) -> list[int]:
    """Start offsets of the words that may begin a number: a number word (with its clitics)
    or digits (with a clitic glued before them: و800، الـ24)."""
    starts = set()
    padded = padded_words(norm)  # " " + norm with every non-word character a space: keys start at a word start
    last = len(padded) - 1
    for end, length in automaton.iter(padded):
        if end == last or padded[end + 1] == " ":  # and end at a word end
            starts.add(end - length)
    for start, end in digit_runs(norm):
        while start > 0 and norm[start - 1].isalpha():
            start -= 1
        if _DIGIT_START_RE.fullmatch(norm, start, end):
            starts.add(start)
    return sorted(starts)


SHORT_WINDOW = 24  # characters read first from a candidate start (see _parse_groups)
_MORE = object()  # what _parse_at returns when it needs tokens past the end of an incomplete list


def _window_end(norm: str, end: int) -> int:
    """``end`` moved on to the next whitespace (a window never cuts a word), at most the text's end."""
    end = min(len(norm), end)
    while end < len(norm) and not norm[end].isspace():
        end += 1
    return end


def _parse_groups(norm: str, include_vague: bool) -> list[_Group]:
    """Number expressions of ``norm``: each candidate word/digit starts a local parse."""
    lex = _lexicon()
    groups: list[_Group] = []
    last_end = 0
    for cand_start in _candidates(norm, lex["start_words"]):
        if cand_start < last_end:
            continue
        before = norm[max(0, cand_start - 12):cand_start].split()
        after_ordinal = bool(before) and before[-1] in lex["ordinals"] and norm[cand_start - 1].isspace()
        # most numbers are a word or two: read the tokens of a short window first, and those of the whole
        # window only when the parse reaches the short window's end (the short tokens are a prefix of the others)
        short_end = _window_end(norm, cand_start + SHORT_WINDOW)
        complete = short_end >= min(len(norm), cand_start + WINDOW)  # (then the whole window ends there too)
        toks = _tokens(norm, cand_start, short_end)
        group = None if after_ordinal or not toks else _parse_at(norm, toks, 0, lex, complete)
        if not complete and (group is _MORE or not toks or include_vague and group is None and len(toks) < 2):
            toks = _tokens(norm, cand_start, _window_end(norm, cand_start + WINDOW))
            group = None if after_ordinal or not toks else _parse_at(norm, toks, 0, lex)
        if not toks:
            continue
        if group is None and toks[0].is_digit:
            last_end = toks[0].end  # "3.5" without a scale word: skip the whole token
        if group is not None:
            groups.append(group[0])
            last_end = group[0].end
            continue
        if include_vague and not after_ordinal:
            tok = toks[0]
            v, c0 = _vague_value(tok, lex)
            if v is not None:
                start, end, value = tok.start + len(c0) - (2 if c0.endswith("ال") else 0), tok.end, v
                # "عشرات الآلاف": a vague count of a scale
                if len(toks) > 1 and _only_space(norm, tok.end, toks[1].start):
                    w, _c = _lookup(toks[1], lex)
                    if w is not None and w.kind == "scale_plural":
                        value = v * w.value
                        end = toks[1].end
                groups.append(_Group(start, end, value, vague=True))
                last_end = end
    return groups


def _may_add(last_kind: str, last_value: float, word: _Word) -> bool:
    """Whether "و" + ``word`` continues a number: "خمسة وعشرون", "مئة وخمسون", "مليونين و800 ألف"."""
    if last_kind in ("scale", "scale_dual", "scale_plural", "hundred"):
        return word.value < last_value
    return last_kind == "unit" and word.kind == "ten"


def _parse_at(norm: str, toks: list[_Token], i: int, lex: dict, complete: bool = True):
    """Parse one number expression starting at token ``i``; returns the group and the next index, or None.
    With ``complete`` False (``toks`` may stop before the window's end) returns ``_MORE`` instead of reading
    the last token: a token after it could change the parse."""
    total = 0
    current: float = 0
    last_kind = ""
    last_value: float = 0
    start = toks[i].start
    end = start
    j = i
    any_part = False
    while j < len(toks) or not complete:
        if not complete and j + 1 >= len(toks):
            return _MORE
        tok = toks[j]
        if any_part and not _only_space(norm, end, tok.start):
            break
        # two-token phrases (أحد عشر، ثلاث مئة)
        phrase_word = None
        if j + 1 < len(toks) and _only_space(norm, tok.end, toks[j + 1].start):
            phrase_word, clitic = _phrase(tok.text, toks[j + 1].text)
        if phrase_word is not None:
            word, clitic, width = phrase_word, clitic, 2
        elif tok.is_digit:
            v = _digits_value(tok.text)
            if v is None:
                break
            word, clitic, width = _Word(v, "digits"), tok.clitic, 1  # type: ignore[arg-type]
        else:
            word, clitic = _word_lookup(tok.text)
            width = 1
            if word is None:
                break
        joined = clitic.startswith("و")
        if not any_part:
            if j > 0 and toks[j - 1].text in lex["ordinals"] and _only_space(norm, toks[j - 1].end, tok.start):
                return None  # الحادي عشر، الثالث عشر: an ordinal
            if word.kind in ("scale_plural",):
                return None  # آلاف alone is vague
            # the span leaves out a leading conjunction/preposition (و14 → 14) but keeps "الـ"
            start = tok.start + len(clitic) - (2 if clitic.endswith("ال") else 0)
            if clitic == "لل":
                start = tok.start + 1
        else:
            if word.kind in ("unit", "ten", "hundred", "digits") and not joined:
                # "ثلاثة عشر": a teen
                if word.kind == "unit" and word.value == 10 and last_kind == "unit" and 0 < current % 10 < 10:
                    current += 10
                    last_kind = "teen"
                    end = tok.end
                    j += 1
                    continue
                if word.kind == "hundred" and word.value == 100 and last_kind == "unit":
                    current = (current % 10 or 1) * 100 + (current - current % 10)
                    last_kind = "hundred"
                    end = tok.end
                    j += 1
                    continue
                break
            if word.kind in ("scale", "scale_dual", "scale_plural") and joined:
                break
            if word.kind == "fraction":
                # "مليون ونصف (المليون)" = 1.5 million
                if not (joined and last_kind in ("scale", "scale_dual", "scale_plural")):
                    break
                total += word.value * last_value
                end = tok.end
                j += 1
                if j < len(toks) and _only_space(norm, end, toks[j].start) and toks[j].text.startswith("ال"):
                    nxt, _c = _lookup(_Token(toks[j].text[2:], 0, 0, "", False), lex)
                    if nxt is not None and nxt.value == last_value:
                        end = toks[j].end
                        j += 1
                last_kind = "fraction"
                continue
            if joined and not _may_add(last_kind, last_value, word):
                break  # "3 و4" is a list, not 7
        kind = word.kind
        if kind in ("unit", "ten", "hundred", "digits", "fraction"):
            current += word.value
        elif kind == "scale" or kind == "scale_plural":
            total += (current or 1) * word.value
            current = 0
        elif kind == "scale_dual":
            # "ألفين" = 2000, but after a number "ألفا" is the accusative singular: "20 ألفا" = 20,000
            total += (current or 2) * word.value
            current = 0
        last_kind, last_value = kind, word.value
        end = toks[j + width - 1].end
        any_part = True
        j += width
    if not any_part:
        return None
    value = total + current
    if value != int(value):
        return None  # a decimal without a scale word (3.5) is not a count
    return _Group(start, end, int(value)), j


def _approx_span(norm: str, group: _Group) -> tuple[int, int, bool]:
    lex = _lexicon()
    start, end, approx = group.start, group.end, group.vague
    m = lex["approx_before"].search(norm, max(0, start - 30), start)
    if m:
        start, approx = m.start("cue"), True
        while start < len(norm) and norm[start].isspace():
            start += 1
    m = lex["approx_after"].match(norm[end:end + 40])
    if m:
        approx = True
        if not m.group("word"):
            end += m.end()
    return start, end, approx


def find_numbers(text: str, *, include_vague: bool = False) -> list[NumberMention]:
    """Counts in ``text`` (digits and number words), sorted by position; spans index ``text``."""
    return list(_find_numbers(text, include_vague)) if text else []


@lru_cache(maxsize=64)
def _find_numbers(text: str, include_vague: bool) -> tuple[NumberMention, ...]:
    nt = normalized(text)
    out: list[NumberMention] = []
    for g in _parse_groups(nt.text, include_vague):
        s, e, approx = _approx_span(nt.text, g)
        os_, oe = nt.span_to_original(s, e)
        out.append(NumberMention(surface=text[os_:oe], start=os_, end=oe, value=g.value, approximate=approx))
    return tuple(out)


def parse_number(s: str) -> int | None:
    """The value of a number expression ("نحو 48"، "مليونين و800 ألف"، "الـ24"), None if there is none."""
    found = find_numbers(s or "")
    return found[0].value if found else None


# --- casualty counts ---------------------------------------------------------------------------
