"""Normalization (camel-tools) and the offset map back to the original text."""

from core.text import normalize, normalize_with_offsets, tokenize


def test_alef_ya_ta_marbuta_and_diacritics_are_unified():
    assert normalize("إدلب") == normalize("ادلب") == "ادلب"
    assert normalize("أريحا") == "اريحا"
    assert normalize("مدينة") == "مدينه"
    assert normalize("مصطفى") == "مصطفي"
    assert normalize("قَصَفَتْ") == "قصفت"


def test_tatweel_direction_marks_and_digits():
    assert normalize("ســراقب") == "سراقب"
    assert normalize("\u200fسراقب\u200e") == "سراقب"
    assert normalize("٢٠٢٠") == "2020"


def test_offsets_map_spans_back_to_the_original_text():
    original = "قصفت القواتُ التركيّة مدينةَ إدلب"
    n = normalize_with_offsets(original)
    start = n.text.index("التركيه")
    o_start, o_end = n.span_to_original(start, start + len("التركيه"))
    assert original[o_start:o_end] == "التركيّة"
    start = n.text.index("ادلب")
    assert original[slice(*n.span_to_original(start, start + 4))] == "إدلب"


def test_presentation_forms_expand_and_keep_offsets():
    n = normalize_with_offsets("ﻻ بأس")
    assert n.text.startswith("لا")
    assert len(n.text) == len(n.offsets)


def test_tokenize_splits_punctuation():
    assert tokenize("سيطرت القوات، على البلدة.") == ["سيطرت", "القوات", "،", "على", "البلدة", "."]


def test_fast_offsets_match_the_per_character_definition():
    from core.text import _normalize_char, _normalize_with_offsets_table

    samples = ["قُتل ثلاثة مدنيين في قصفٍ على مَعَرَّةِ النُّعمان وسَراقـــب أمس.",
               "ﻻ بأس ﷲ", "إدلب\u200f ٢٠٢٠ ۴ M5", "emoji 😀 بعد القصف\u064b", "a\udc80b", "", "سراقب"]
    for text in samples:
        chars = [(o, i) for i, ch in enumerate(text) for o in _normalize_char(ch)]  # the definition, per character
        expected = ("".join(o for o, _ in chars), tuple(i for _, i in chars))
        for got in (normalize_with_offsets(text), _normalize_with_offsets_table(text)):
            assert (got.text, got.offsets) == expected
            assert normalize(text) == expected[0]
            for start in range(len(got.text)):
                o_start, o_end = got.span_to_original(start, start + 1)
                assert o_start == expected[1][start] and o_end > o_start
