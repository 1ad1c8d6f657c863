"""A wide region beside a named settlement of the same event only frames or qualifies it (a heading "وفي ريف X،",
a direction after the target, "X تعرض لقصف طال قرية Y"), and a city after a place the text calls a quarter only
says where the quarter lies (sentences written for the tests)."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text

PUBLISHED = "2022-05-09"


def _places(text):
    doc, _ = document_from_text("mine", text, published=PUBLISHED)
    return {e.place_surface for e in extract_events(doc) if e.core}


def test_a_heading_countryside_before_the_verb_yields_to_its_town():
    assert _places("وفي ريف حلب الشمالي، قصفت المدفعية التركية اليوم بلدة تل رفعت.") == {"تل رفعت"}


def test_a_direction_of_a_governorate_qualifying_the_target_yields_to_the_town():
    assert _places("شنت الفصائل اليوم هجوما على مواقع قوات النظام جنوب إدلب عند أطراف بلدة كفرنبل.") == {"كفرنبل"}


def test_a_part_of_the_country_yields_to_the_city_it_holds():
    assert _places("استهدفت غارات روسية اليوم شمال غرب سوريا وطالت مدينة أريحا.") == {"أريحا"}


def test_a_shelled_countryside_yields_to_the_village_the_shells_hit():
    assert _places("تعرض ريف حماة الشمالي اليوم لقصف مدفعي طال قرية اللطامنة.") == {"اللطامنة"}


def test_a_countryside_listed_with_a_town_stays_a_second_place():
    places = _places("قصفت قوات النظام اليوم ريف إدلب الجنوبي وبلدة كفرنبل.")
    assert "كفرنبل" in places and any("إدلب" in p for p in places)


def test_a_countryside_of_another_governorate_than_the_town_stays():
    assert len(_places("قصفت قوات النظام اليوم بلدة كفرنبل في ريف حلب الغربي.")) == 2


def test_a_place_called_a_quarter_keeps_the_event_from_its_city():
    assert _places("دارت اشتباكات عنيفة اليوم في حي الراشدين بمدينة حلب.") == {"الراشدين"}


def test_a_quarter_in_a_named_city_is_the_place_not_the_city():
    assert _places("قتل مدنيان اليوم بقصف على حي الخالدية في مدينة حمص.") == {"الخالدية"}


def test_a_list_opened_by_the_plural_of_city_names_a_common_word_too():
    # "الصورة" is also "the picture": after "مدن" it is the second town of the list
    assert {"نوى", "الصورة"} <= _places("استهدفت راجمات الصواريخ اليوم مدن نوى والصورة بريف درعا.")


def test_a_countryside_does_not_name_the_city_of_a_same_named_quarter():
    # Aleppo and Homs both have a Khalidiya quarter: "ريف حلب" names no city, "مدينة حمص" does
    doc, _ = document_from_text("mine", "اندلعت اشتباكات عنيفة اليوم في ريف حلب الشمالي، فيما استهدفت المدفعية حي "
                                "الخالدية في مدينة حمص.", published=PUBLISHED)
    quarter = [e for e in extract_events(doc) if e.place_surface == "الخالدية"]
    assert quarter and all(e.admin1_name == "Homs" for e in quarter)


def _district_of(text, name):
    doc, _ = document_from_text("mine", text, published=PUBLISHED)
    return {e.admin2_name for e in extract_events(doc) if e.place_surface == name}


def test_a_district_written_after_a_name_picks_the_homonym_in_it():
    # two villages named Suran in Aleppo governorate (A'zaz and Al-Bab districts), a town in Hama
    assert _district_of("سقطت قذائف اليوم على قرية صوران الباب وأصابت ثلاثة مدنيين.", "صوران") == {"Al Bab"}
    assert _district_of("أغار طيران التحالف اليوم على قرية صوران-اعزاز.", "صوران") == {"A'zaz"}


def _by_type(text):
    doc, _ = document_from_text("mine", text, published=PUBLISHED)
    out: dict[str, set] = {}
    for e in extract_events(doc):
        if e.core:
            out.setdefault(e.type, set()).add(e.place_surface)
    return out


def test_each_predicate_of_a_sentence_keeps_the_places_of_its_own_clause():
    # the second predicate opens after "، و" + a verb and names its place before its event noun
    got = _by_type("سيطرت قوات النظام اليوم على قرية الهبيط، وعاشت مدينة خان شيخون ليلة من الغارات الجوية.")
    assert got == {"territory_taken": {"الهبيط"}, "airstrike": {"خان شيخون"}}
    got = _by_type("تحدث ناشطون اليوم عن قصف مدفعي على بلدة كفرنبل، وشهدت أطراف مدينة سراقب اشتباكات عنيفة.")
    assert got.get("shelling") == {"كفرنبل"} and got.get("armed_clash") == {"سراقب"}


def test_a_comma_before_a_second_place_of_the_list_does_not_split_it():
    got = _by_type("قصفت قوات النظام اليوم بلدة كفرنبل، وقرية حزارين، وسط اشتباكات على أطرافهما.")
    assert {"كفرنبل", "حزارين"} <= got.get("shelling", set())
