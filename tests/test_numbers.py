"""Numbers and casualty counts (own example sentences)."""

from __future__ import annotations

import pytest

from core.extract.mentions.casualties import find_casualty_counts
from core.extract.mentions.numbers import find_numbers, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("5", 5),
    ("٥", 5),
    ("١٢٣", 123),
    ("1,200", 1200),
    ("١٬٢٠٠", 1200),
    ("خمسة", 5),
    ("خمسةِ", 5),
    ("ثلاث", 3),
    ("ثلاثة عشر", 13),
    ("أحد عشر", 11),
    ("اثنا عشر", 12),
    ("عشرون", 20),
    ("خمسة وعشرون", 25),
    ("مئة", 100),
    ("مائتين", 200),
    ("مئتين", 200),
    ("ثلاثمئة", 300),
    ("ثلاث مئة وخمسين", 350),
    ("ألف", 1000),
    ("ألفين", 2000),
    ("3 آلاف", 3000),
    ("ثلاثة آلاف", 3000),
    ("900 ألف", 900_000),
    ("مليون", 1_000_000),
    ("2.5 مليون", 2_500_000),
    ("مليونين و800 ألف", 2_800_000),
    ("نحو 48", 48),
    ("الـ24", 24),
    ("و14", 14),
    ("اثنين", 2),
    ("نصف مليون", 500_000),
    ("ربع مليون", 250_000),
    ("مليون ونصف المليون", 1_500_000),
    ("عشرة آلاف", 10_000),
    ("20 ألفا", 20_000),
    ("ثلاثة ملايين", 3_000_000),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "نصف", "الاثنين", "الثاني", "الحادي عشر", "أحد المقاتلين", "عشرات", "إحدى النقاط", "M4", "F16",
                                  "3.5", "hello"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_find_numbers_spans_and_approximation() -> None:
    text = "نزح أكثر من 216 ألف شخص، وقتل نحو 48 عنصرا و١١ ضابطاً خلال الساعات الـ24 الماضية"
    found = find_numbers(text)
    assert [(n.surface, n.value, n.approximate) for n in found] == [
        ("أكثر من 216 ألف", 216_000, True),
        ("نحو 48", 48, True),
        ("١١", 11, False),
        ("الـ24", 24, False),
    ]
    for n in found:
        assert text[n.start:n.end] == n.surface


def test_approximate_cue_after_the_number() -> None:
    (n,) = find_numbers("قتل 30 شخصا تقريبا")
    assert n.value == 30 and n.approximate and n.surface == "30"
    (n,) = find_numbers("نزح 20 ألفا على الأقل")
    assert n.approximate


def test_ordinals_are_not_counts() -> None:
    assert find_numbers("انتهت الجولة الثانية من المحادثات في اليوم الثالث عشر") == []


def test_list_of_numbers_stays_separate() -> None:
    assert [n.value for n in find_numbers("أصيب 3 و4 من المدنيين")] == [3, 4]
    assert [n.value for n in find_numbers("مذكرتي 4 مايو لعام 2017 و17 سبتمبر لعام 2018")] == [4, 2017, 17, 2018]


def test_vague_plurals_only_on_request() -> None:
    text = "قتل عشرات المدنيين ونزح عشرات الآلاف ومئات العائلات"
    assert find_numbers(text) == []
    vague = find_numbers(text, include_vague=True)
    assert [(n.surface, n.value, n.approximate) for n in vague] == [
        ("عشرات", 30, True), ("عشرات الآلاف", 30_000, True), ("مئات", 300, True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("أسفر القصف عن مقتل خمسة مدنيين وجرح عشرة آخرين", [(5, "killed"), (10, "injured")]),
    ("قتل 3 جنود أتراك بقصف مدفعي", [(3, "killed")]),
    ("أدى القصف إلى مقتل نحو 48 عنصرا من القوات", [(48, "killed")]),
    ("نعى الفصيل سبعة من عناصره", [(7, "killed")]),
    ("سقط 5 قتلى و12 جريحا في الغارة", [(5, "killed"), (12, "injured")]),
    ("ارتفع عدد القتلى إلى 20 شخصا", [(20, "killed")]),
    ("لقي ثلاثة أطفال حتفهم", [(3, "killed")]),
    ("أصيب 4 مدنيين بجروح", [(4, "injured")]),
    ("مقتل جنديين تركيين في الهجوم", [(2, "killed")]),
    ("استشهاد ٦ مدنيين في القصف", [(6, "killed")]),
    ("خلف القصف 11 قتيلا", [(11, "killed")]),
    ("ثلاثة أطفال قتلوا في الغارة", [(3, "killed")]),
    ("سقط قتيلان وثلاثة جرحى", [(2, "killed"), (3, "injured")]),
    ("نعت هيئة تحرير الشام أربعة من مقاتليها", [(4, "killed")]),
])
def test_casualty_counts(text: str, expected: list[tuple[int, str]]) -> None:
    found = find_casualty_counts(text)
    assert [(n.value, kind) for n, kind in found] == expected
    for n, _kind in found:
        assert text[n.start:n.end] == n.surface


@pytest.mark.parametrize("text", [
    "قصفت القوات 115 هدفا تابعا للنظام",  # a count, but not of casualties
    "مقتل وجرح عدد من العناصر",  # no number
    "قتل عشرات المدنيين",  # vague
    "قتل القائد عام 2018 في غارة",  # a year
    "اغتيال قائد في 2019",
    "نزح أكثر من 900 ألف مدني",
    "بين القتلى 11 ضابطاً من القوات",  # a part of the toll, not the toll
])
def test_not_casualty_counts(text: str) -> None:
    assert find_casualty_counts(text) == []


def test_part_of_a_toll_is_not_a_toll() -> None:
    found = find_casualty_counts("أسفرت الغارة عن مقتل 10 أشخاص بينهم 3 قتلى من الأطفال")
    assert [(n.value, kind) for n, kind in found] == [(10, "killed")]


def test_casualties_with_spaces_and_html_left_over() -> None:
    text = "<p>مقتل   ٥   جنود</p>"
    ((n, kind),) = find_casualty_counts(text)
    assert (n.value, kind, n.surface) == (5, "killed", "٥")


# --- singular nouns and sums (own sentences) ---------------------------------------------------


def killed(text: str) -> list[tuple[str, int]]:
    return [(n.surface, n.value) for n, kind in find_casualty_counts(text) if kind == "killed"]


@pytest.mark.parametrize(("text", "expected"), [
    ("أسفر القصف على الحي عن استشهاد طفلة", [("طفلة", 1)]),
    ("قتل ممرض وأصيب اثنان من زملائه في المشفى", [("ممرض", 1)]),
    ("ولقي شاب حتفه بانفجار لغم", [("شاب", 1)]),
    ("مقتل طفل وامرأة بغارة على السوق", [("طفل وامرأة", 2)]),
    ("قتل خلالها 14 جنديا من الجيش و6 مسلحين من المجموعات", [("14 جنديا من الجيش و6", 20)]),
    ("مقتل أربعة عناصر من الشرطة وسائق مدني", [("أربعة عناصر من الشرطة وسائق", 5)]),
    ("قتل 9 جنود وموظف في الهجوم", [("9 جنود وموظف", 10)]),
])
def test_singular_nouns_and_sums(text: str, expected: list[tuple[str, int]]) -> None:
    assert killed(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("مقتل 4 مدنيين وإصابة 7 آخرين", [("4", 4)]),  # killed and injured stay apart
    ("مقتل 12 شخصا، و3 آخرين في حادث سير", [("12", 12)]),  # a comma ends the toll
    ("مقتل 3 عناصر و5 آليات مدمرة", [("3", 3)]),  # vehicles are no casualties
    ("مقتل 10 مدنيين بينهم 3 أطفال و2 من النساء", [("10", 10)]),
    ("أسفر عن مقتل ما بين 20 و25 عنصرا", [("ما بين 20", 20)]),  # a range, not a sum
    ("نعت الحركة مقتل الطفل في القصف", []),  # definite: no count
    ("حققت القذائف إصابة مباشرة في المبنى", []),
])
def test_sums_and_singulars_stay_conservative(text: str, expected: list[tuple[str, int]]) -> None:
    assert killed(text) == expected


def test_dual_prefilters_change_no_result(monkeypatch):
    """The dual-word regexes run only where one of their words occurs: the same counts as running them always."""
    from core.extract.mentions import casualties

    texts = ["قتل جنديان تركيان وأصيب مدنيين اثنين في القصف", "سقط قتيلان وجرح شخصان", "لا قتلى في الهجوم"]
    fast = [find_casualty_counts(t) for t in texts]
    pats = casualties._casualty_patterns()
    always = {**pats, "duals_any": lambda _t: True, "dual_nouns_any": {k: (lambda _t: True) for k in pats["dual_nouns"]}}
    monkeypatch.setattr(casualties, "_casualty_patterns", lambda: always)
    assert [find_casualty_counts(t) for t in texts] == fast
    assert fast[0] and fast[1]
