"""Capitals that name a government or an attribution, final-letter spellings, quarters named with their city and
quarters named as their city plus a qualifier. Sentences written for these tests."""

import pytest

from core.extract.mentions.places import find_places
from core.geo import build

pytestmark = pytest.mark.skipif(not build.is_built(), reason="geodata not built: python -m core geodata build")


def by_surface(text):
    return {m.surface: m for m in find_places(text)}


@pytest.mark.parametrize("text", [
    "تحدث البيان عن غارات نسبتها أنقرة إلى دمشق في ريف إدلب.",
    "قال المتحدث إن الأمر بالنسبة إلى دمشق مختلف بعد القصف على سرمين.",
    "هاجم المسلحون الموالون للحكومة السورية في دمشق مواقع قرب سراقب.",
    "قصفت قوات حكومة دمشق بلدة كفرنبل.",
])
def test_capital_as_government_or_attribution_is_no_event_place(text):
    assert by_surface(text)["دمشق"].role == "actor"


def test_capital_as_a_destination_stays_a_place():
    assert by_surface("نقلت سيارات الإسعاف الجرحى إلى دمشق.")["دمشق"].role == "event"


def test_final_alef_for_ta_marbuta_resolves_when_one_place_fits():
    m = by_surface("سقطت قذائف على قرية الشولا بريف دير الزور الغربي.")["الشولا"]
    assert m.status == "resolved" and m.place.admin1_pcode == "SY09"


def test_final_ta_marbuta_for_alef_after_a_cue_even_when_a_common_word():
    m = by_surface("سقطت قذائف على قرية جدية في ريف درعا الشمالي.")["جدية"]
    assert m.status == "resolved" and m.place.admin1_pcode == "SY12"
    # no place of that spelling fits a report on Hama: left alone
    assert "جدية" not in by_surface("سقطت قذائف على قرية جدية في ريف حماة.") or \
        by_surface("سقطت قذائف على قرية جدية في ريف حماة.")["جدية"].place is None


def test_madda_spelling_is_the_plain_alef_name():
    assert by_surface("دارت اشتباكات في قرية آفس شرق سراقب.")["آفس"].place.admin1_pcode == "SY07"


def test_quarter_named_with_another_city_is_not_a_same_named_quarter_elsewhere():
    m = by_surface("قصفت المدفعية حي المحطة داخل مدينة رأس العين.")["المحطة"]
    assert m.place is None and m.status == "unresolved"
    assert m.fallback is not None and m.fallback.name_ar == "رأس العين"


def test_quarter_named_with_its_own_city_keeps_that_quarter():
    m = by_surface("سقطت قذائف على حي المحطة في مدينة حمص.")["المحطة"]
    assert m.place.kind == "neighbourhood" and m.place.admin1_pcode == "SY04"


def test_quarter_named_as_its_city_and_a_qualifier_needs_no_cue():
    m = by_surface("انفجرت عبوة ناسفة في درعا البلد مساء أمس.")["درعا البلد"]
    assert m.place.kind == "neighbourhood" and m.place.admin1_pcode == "SY12"


def test_capital_after_a_government_noun_with_its_preposition():
    assert by_surface("هاجم المسلحون الموالون لحكومة دمشق نقطة قرب سراقب.")["دمشق"].role == "actor"


def test_a_lone_homonym_in_another_governorate_than_the_countryside_named_after_it_is_unresolved():
    from core.extract.mentions.places import find_places

    far = find_places("نفذ انتحاري هجوما في قرية الزيارة في ريف اللاذقية الشمالي.")[0]
    assert far.place is None and far.status == "unresolved"
    near = find_places("نفذ انتحاري هجوما في قرية الزيارة بريف حماة الغربي.")[0]
    assert near.place is not None and near.place.admin1_pcode == "SY05"
