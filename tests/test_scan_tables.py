"""The code-point tables that stand in for regexes on hot paths give exactly what the regexes give
(over every BMP character and mixed strings), so a change to one of the patterns cannot pass unseen."""

import random
from itertools import accumulate, chain
from operator import itemgetter

from core.extract import lexmatch
from core.extract.events import cues
from core.extract.mentions import actors
from core.extract.mentions.places import document, matching, recognizer
from core.extract.mentions.places.common import _ASCII_UPPER, _NONWORD_NOT_SPACE, _SPACE_WORD
from core.text import bmp_codes, normalize

EVERY_BMP = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)


def _samples(n=400, seed=11, every_bmp=True):
    rng = random.Random(seed)
    alphabet = "ab_AZ M5 قصف،.؛\n\t\u00a0\u2028ـ٣«»\"'`5-إأة"
    out = [EVERY_BMP] if every_bmp else []
    out += ["a", " ", "_", "ab_ !", "x\U0001F600y_z", "x\ud800y"]
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 50))) for _ in range(n)]
    return out


def test_lexicon_padding_matches_the_regex():
    for s in _samples():
        lexmatch.padded_words.cache_clear()
        assert lexmatch.padded_words(s) == " " + lexmatch._NON_WORD_RE.sub(" ", s)


def test_place_text_preparation_matches_the_regexes():
    for s in _samples():
        codes = bmp_codes(s)
        if codes is None:
            continue
        prepared = recognizer._QUOTES.sub(" ", _ASCII_UPPER.sub(lambda m: m.group().lower(), s))
        assert recognizer._case_and_quotes_lut()[codes].tobytes().decode("utf-32-le") == prepared
        assert matching._name_chars_lut()[codes].tobytes().decode("utf-32-le") == _NONWORD_NOT_SPACE.sub(" ", s)


def test_place_tokens_match_the_regex():
    for s in _samples():
        spans = document._token_spans(s)
        if spans is None:
            continue
        pairs = _SPACE_WORD.findall(s)
        bounds = list(accumulate(map(len, chain.from_iterable(pairs))))
        assert spans == (bounds[::2], bounds[1::2])
        assert [s[a:b] for a, b in zip(*spans, strict=True)] == list(map(itemgetter(1), pairs))


def test_words_between_matches_findall_on_every_window():
    rng = random.Random(5)
    for s in _samples(150, every_bmp=False):  # (normalizing every BMP character is slow)
        norm, o2n = cues._norm_index(s)
        n = len(s)
        for _ in range(60):
            a = rng.randint(-2, n)
            b = a + rng.randint(-2, 40)
            expected = cues.WORD_RE.findall(norm, o2n[max(a, 0)], o2n[min(b, n)]) if b > a else []
            assert cues.words_between(s, a, b) == expected, (s, a, b)


def test_original_words_match_finditer_on_the_slice():
    rng = random.Random(6)
    for s in _samples(150, every_bmp=False):
        n = len(s)
        for _ in range(20):
            a = rng.randint(0, n)
            b = a + rng.randint(-2, 90)
            expected = [(m.start() + a, normalize(m.group())) for m in cues.WORD_RE.finditer(s[a:b])] if b > a else []
            assert cues.original_words(s, a, b) == expected, (s, a, b)


def test_last_word_matches_the_regex():
    rng = random.Random(8)
    for s in _samples(300, every_bmp=False):
        for _ in range(10):
            lo = rng.randint(0, len(s))
            hi = rng.randint(lo, len(s))
            m = actors._LAST_WORD_RE.search(s, lo, hi)
            assert actors._last_word(s, lo, hi) == (m and m.group(1)), (s, lo, hi)
    for hi in range(0, len(EVERY_BMP), 7):  # 24-character windows, as the actor check reads them
        lo = max(0, hi - 24)
        m = actors._LAST_WORD_RE.search(EVERY_BMP, lo, hi)
        assert actors._last_word(EVERY_BMP, lo, hi) == (m and m.group(1)), (lo, hi)


def test_normalize_by_table_matches_str_translate():
    import core.text as text_module

    rng = random.Random(5)
    long_samples = [EVERY_BMP[i:i + 300] for i in range(0, len(EVERY_BMP), 300)]
    long_samples += ["\ufefb" * 200, "ـَ" * 100 + "ب", "x" * 130 + "\U0001F600", "x" * 130 + "\ud800"]
    long_samples += ["".join(rng.choice("قصف إدلب، ـَُّ٣ة\u200fى") for _ in range(rng.randint(128, 400)))
                     for _ in range(200)]
    for s in long_samples + _samples(every_bmp=False):
        # (a word split by a tatweel and a dot or a space is rejoined first: core.text._SPLIT_WORD_RE)
        joined = text_module._without(s, text_module._split_separators(s))
        assert text_module.normalize(s) == joined.translate(text_module._TABLE)
