"""Place classes found on a sixth batch of fresh reporting from all of Syria outside Idlib (Deir ez-Zor, Ghouta,
Homs, Hama, Daraa, Hasakah, Raqqa, Aleppo city; sentences written for the tests): city quarters the OCHA layer
lacks, writes without the article or splits in halves; the Ghouta regions; the far homonym of a short or cut name;
prefixes of sites; offices named after a place; the city locating a quarter and the wounded's destination."""

from functools import partial

from core.extract.mentions.places import find_places
from tests.sentences import events_of

PUBLISHED = "2017-03-14"  # a Tuesday

_events = partial(events_of, published=PUBLISHED)


def _mentions(text: str, surface: str):
    return [pm for pm in find_places(text) if pm.surface == surface]


def _event_places(text: str) -> list[tuple[str, str]]:
    return [(e.place_ar, e.pcode or "") for e in _events(text)]


def test_a_quarter_ocha_writes_without_the_article_beats_far_villages():
    pm = _mentions("سقطت قذائف هاون على حي الحيدرية شرق مدينة حلب ظهر اليوم.", "الحيدرية")[0]
    assert pm.status == "resolved" and pm.place.kind == "neighbourhood" and pm.place.admin1_pcode == "SY02"


def test_a_quarter_ocha_splits_in_halves_is_named_by_its_stem():
    pm = _mentions("دارت اشتباكات عنيفة على أطراف حي جوبر شرق العاصمة دمشق.", "جوبر")[0]
    assert pm.place.kind == "neighbourhood" and pm.place.admin1_pcode == "SY01"


def test_a_far_village_yields_to_the_quarter_of_the_documents_governorate():
    text = "قصفت المدفعية بلدتي جوبر وزملكا في ريف دمشق بعشرات القذائف."
    pm = _mentions(text, "جوبر")[0]
    assert pm.status == "resolved" and pm.place.admin1_pcode == "SY01"  # not the Homs village
    text = "سقطت صواريخ على مناطق المالكي والمهاجرين في دمشق، فيما تتواصل الغارات على جوبر."
    assert _mentions(text, "جوبر")[0].place.admin1_pcode == "SY01"
    assert _mentions(text, "المهاجرين")[0].place.admin1_pcode == "SY01"


def test_a_quarter_the_ocha_layer_lacks_and_its_city_is_no_second_place():
    places = _event_places("قتل أربعة عناصر في اشتباكات اندلعت في حي غويران بمدينة الحسكة.")
    assert places and all(code.startswith("quarter:") for _, code in places)


def test_the_ghouta_is_a_region_not_a_sub_district():
    pm = _mentions("شنت الطائرات الحربية غارات مكثفة على بلدات الغوطة الشرقية.", "الغوطة الشرقية")[0]
    assert pm.status == "region" and pm.place.place_id == "region:eastern_ghouta"
    pm = _mentions("قصفت قوات النظام مدينة حمورية بصواريخ أرض أرض.", "حمورية")[0]
    assert pm.status == "resolved" and pm.place.admin1_pcode == "SY03"


def test_the_rural_damascus_governorate_is_not_labelled_twice_rural():
    pms = find_places("قصفت قوات النظام بلدات سقبا وكفر بطنا والخربشة بالمدفعية الثقيلة.")
    fallbacks = [pm.fallback.name_ar for pm in pms if pm.status == "unresolved" and pm.fallback is not None]
    assert fallbacks and not any(name.startswith("ريف ريف") for name in fallbacks)


def test_the_short_form_of_a_far_longer_name_is_not_resolved_to_it():
    text = "هاجم عناصر التنظيم تلة الصوان في ريف حمص الشرقي. وكانت القوات الحكومية قد استعادت تل الصوان قبل شهر."
    assert not any(pm.place is not None and pm.place.admin1_pcode == "SY03" for pm in find_places(text))


def test_the_tail_of_an_unknown_name_written_again_is_not_a_far_village():
    text = "سيطرت الفصائل على قرية حوش قبيبات في ريف حماة الجنوبي، ثم انسحبت من كتيبة حوش قبيبات."
    assert not any(pm.surface == "قبيبات" for pm in find_places(text))


def test_a_checkpoint_or_bridge_of_a_known_village_is_no_unknown_name():
    pms = find_places("هاجمت الفصائل حاجز جسر غور العاصي وحاجز غور العاصي في ريف حماة.")
    assert not any(pm.status == "unresolved" for pm in pms)
    assert any(pm.surface == "غور العاصي" and pm.status == "resolved" for pm in pms)


def test_an_office_named_after_a_place_is_not_an_event_place():
    places = _event_places("وثق مركز حمص الإعلامي مقتل خمسة مدنيين في قصف على بلدة تلبيسة.")
    assert places and all(name == "تلبيسة" for name, _ in places)


def test_an_adjective_after_a_quarter_cue_is_no_name():
    pms = find_places("أصيب ثلاثة مدنيين بقذائف سقطت على حي خاضع لسيطرة الجيش بمدينة دير الزور.")
    assert not any(pm.status == "unresolved" for pm in pms)


def test_where_the_wounded_were_taken_is_not_the_event_place():
    places = _event_places("قتل مدنيان بقصف مدفعي طال حي الجورة، حيث نقل المصابون إلى مستشفى في حي القصور بدير الزور.")
    assert places and not any(name == "القصور" for name, _ in places)


def test_town_names_in_brackets_after_their_cue():
    places = {name for name, _ in _event_places("ألقى الطيران المروحي براميل متفجرة على مدينتي (نوى) و(جاسم) في ريف درعا.")}
    assert {"نوى", "جاسم"} <= places


def test_the_city_or_governorate_after_a_described_quarter_is_no_second_place():
    places = _event_places("أصيب ثلاثة مدنيين بقصف صاروخي على حي الوعر المحاصر في حمص مساء اليوم.")
    assert places and all(name == "الوعر" for name, _ in places)
