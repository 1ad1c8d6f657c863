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
