"""Place classes left on the fresh batches of north-west reporting (sentences written for the tests): a town that
only locates the event's place (after an adjective, a relative clause, a distance or a chain of directions), the
sub-district or the part of the country a village lies in, a far homonym of a village the text puts in another
governorate's countryside, a date read as a village, an adjective after "منطقة" read as a name."""

from functools import partial

from core.extract.mentions.places import find_places
from tests.sentences import events_of

PUBLISHED = "2020-02-11"  # a Tuesday

_events = partial(events_of, published=PUBLISHED)


def _names(text: str) -> set[str]:
    return {e.place_ar for e in _events(text)}


def _mentions(text: str, surface: str):
    return [pm for pm in find_places(text) if pm.surface == surface]


def test_a_town_after_an_adjective_and_a_direction_only_locates_the_village():
    names = _names("سيطرت قوات النظام اليوم على بلدة النيرب الاستراتيجية شرق مدينة إدلب بعد معارك عنيفة.")
    assert names == {"النيرب"}


def test_a_town_after_a_relative_clause_and_a_direction_only_locates_the_village():
    names = _names("ألقت المروحيات اليوم براميل متفجرة على بلدة الأتارب التي تقع غرب مدينة حلب.")
    assert names == {"الأتارب"}


def test_a_city_after_a_distance_only_locates_the_town():
    names = _names("اندلعت اشتباكات اليوم بين فصيلين في مدينة أعزاز (45 كم شمال مدينة حلب) استمرت ساعات.")
    assert names == {"أعزاز"}


def test_a_chain_of_directions_locates_the_villages_before_it():
    names = _names("استعادت قوات النظام اليوم قرية تلمنس شرق وجنوب شرق معرة النعمان بعد قصف عنيف.")
    assert names == {"تلمنس"}
    # and the countryside after the locating town locates the village too
    names = _names("استعادت قوات النظام اليوم قرية تلمنس شرق وجنوب شرق معرة النعمان بريف إدلب الجنوبي.")
    assert names == {"تلمنس"}


def test_a_sub_district_named_before_its_villages_stays():
    names = _names("شنت الطائرات الحربية اليوم غارات على ناحية جنديرس وقريتي رمادية وجلمة.")
    assert {"رمادية", "جلمة"} <= names and len(names) == 3


def test_a_direction_joined_by_and_after_a_place_is_still_a_second_place():
    names = _names("قصفت الطائرات الحربية اليوم بلدة الأتارب وغرب مدينة حلب بالصواريخ.")
    assert "الأتارب" in names and len(names) == 2


def test_a_far_city_after_a_direction_is_no_locator_of_the_village():
    # the gap reading checks the distance: a village 150 km away is not "west of" the named city
    pms = find_places("سيطرت الفصائل اليوم على بلدة الأتارب الاستراتيجية شرق مدينة حماة.")
    assert {pm.surface for pm in pms} >= {"الأتارب"}
    assert any("حماة" in pm.surface for pm in pms)


def test_the_sub_district_of_a_village_is_no_second_place():
    names = _names("سيطرت الفصائل المدعومة من أنقرة اليوم على قرية جلمة التابعة لناحية جنديرس بعد اشتباكات.")
    assert names == {"جلمة"}
    names = _names("سيطرت القوات التركية اليوم على قريتي رمادية وجلمة، في ناحية جنديرس.")
    assert names == {"رمادية", "جلمة"}


def test_the_sub_district_alone_stays_the_place():
    names = _names("سيطرت الفصائل اليوم على ناحية جنديرس بعد معارك استمرت أياما.")
    assert len(names) == 1 and "جنديرس" in next(iter(names))


def test_a_part_of_the_country_after_a_city_only_locates_it():
    names = _names("قتل ثلاثة أشخاص اليوم بقصف إسرائيلي استهدف مواقع في مدينة دمشق جنوبي سوريا.")
    assert names == {"دمشق"}


def test_a_village_placed_in_another_governorates_countryside_is_not_its_far_homonym():
    pm = _mentions("أصيب مدني بقصف صاروخي استهدف اليوم قرية القنطرة بريف حماة الجنوبي.", "القنطرة")[0]
    assert pm.status == "unresolved"


def test_a_date_is_no_village():
    pms = find_places("قتل عنصر في اشتباك بمدينة الباب يوم الثلاثاء 6 تشرين الثاني 2018.")
    assert not any("تشرين" in pm.surface for pm in pms)
    assert _mentions("سقطت قذيفة على قرية 6 تشرين في ريف الرقة.", "6 تشرين")


def test_an_adjective_after_area_is_no_unknown_name():
    pms = find_places("تقدمت القوات اليوم في أراض محاذية لمطار أبو الظهور.")
    assert not any(pm.surface.startswith("محاذ") for pm in pms)


def test_a_sub_districts_far_seat_yields_to_the_same_named_village_of_the_report():
    text = ("قصفت المدفعية التركية اليوم قرى مرعناز وكشتعار بريف عفرين.\n"
            "وسقطت قذائف أخرى قرب حاجز على مفرق قرية الزيارة دون ورود أنباء عن إصابات.")
    pm = _mentions(text, "الزيارة")[0]
    assert pm.status == "resolved" and pm.place.admin1_pcode == "SY02"


def test_the_sky_over_a_governorate_is_the_governorate():
    pm = _mentions("أسقطت الفصائل طائرة مسيرة في سماء إدلب صباح اليوم.", "إدلب")[0]
    assert pm.status == "region" and pm.place.kind == "admin1" and pm.place.admin1_pcode == "SY07"
    pm = [p for p in find_places("أسقطت الفصائل طائرة مسيرة في سماء مدينة إدلب صباح اليوم.") if "إدلب" in p.surface][0]
    assert pm.place.kind == "community"


def test_north_and_east_syria_is_the_north_east_area():
    pms = find_places("قصفت المدفعية التركية اليوم قرى في مناطق شمال وشرق سوريا.")
    assert any(pm.place is not None and pm.place.place_id.endswith("syria_north_east") for pm in pms)


def test_a_town_a_distance_is_measured_from_is_no_second_place():
    names = _names("قصفت الطائرات الحربية اليوم بلدة الأتارب، على بعد 25 كم من مدينة حلب.")
    assert names == {"الأتارب"}


def test_a_landmark_near_the_village_only_locates_it():
    assert _names("قصفت الطائرات الحربية اليوم بلدة سرمين قرب مدينة إدلب.") == {"سرمين"}
    assert _names("قصفت الطائرات الحربية اليوم بلدة الأتارب بالقرب من مدينة حلب.") == {"الأتارب"}


def test_around_a_second_town_stays_a_second_place():
    names = _names("قصفت الطائرات الحربية اليوم بلدة سرمين ومحيط مدينة إدلب.")
    assert "سرمين" in names and len(names) == 2
    names = _names("قصفت الطائرات الحربية اليوم بلدة سرمين وقرب مدينة إدلب.")
    assert "سرمين" in names and len(names) == 2


def test_a_part_of_the_country_after_a_direction_locator_is_no_second_place():
    names = _names("قتل مدنيان اليوم بقصف جوي استهدف مدينة سراقب، شرقي إدلب، شمال غربي سوريا.")
    assert names == {"سراقب"}
