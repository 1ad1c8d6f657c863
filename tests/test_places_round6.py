"""Place roles (round 6; sentences written for the tests): a town named as the area or unit of a village of the
event only locates it, and "المدينة" refers to the last city named, not to the village named after it."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text


def _events(text):
    doc, _ = document_from_text("mine", text, published="2021-03-14")
    return [e for e in extract_events(doc) if e.core]


def test_the_town_of_the_area_of_two_villages_is_no_place():
    events = _events("استعاد الجيش قريتي الدير الشرقي وتلمنس في ناحية معرة النعمان.")
    assert {e.place_en for e in events} == {"Eastern Deir", "Telamnas"}


def test_the_town_a_village_belongs_to_is_no_place():
    events = _events("سيطرت الفصائل على قرية تلمنس التابعة لمنطقة معرة النعمان بعد اشتباكات.")
    assert {e.place_en for e in events} == {"Telamnas"}


def test_a_village_and_a_town_joined_by_and_are_two_places():
    events = _events("قصف الطيران قرية تلمنس ومدينة معرة النعمان اليوم.")
    assert len({e.place_en for e in events}) == 2


def test_the_city_reference_skips_a_village_named_after_the_city():
    text = ("شن الطيران غارات على أطراف مدينة جبلة صباح اليوم.\n"
            "واستهدفت مجموعات مسلحة دورية للأمن في قرية بيت عانا، ثم هاجمت حاجزا قرب المدينة.")
    first = next(e for e in _events(text) if e.type == "airstrike")
    clash = [e for e in _events(text) if e.place_surface == "المدينة"]
    assert clash and all(e.place_en == first.place_en for e in clash)


def test_the_village_reference_still_takes_the_last_village():
    text = ("شن الطيران غارات على أطراف مدينة جبلة صباح اليوم.\n"
            "واستهدفت مجموعات مسلحة دورية للأمن قرب قرية بيت عانا، ثم هاجمت حاجزا في القرية.")
    refs = [e for e in _events(text) if e.place_surface == "القرية"]
    assert refs and all(e.place_en == "Beit Ana" for e in refs)


def test_the_city_reference_after_a_direction_only_locates_the_villages():
    text = ("دخلت قوات الجيش مدينة سراقب أمس.\n"
            "وسيطرت اليوم على قريتي آفس وتل مرديخ شمال المدينة.")
    taken = [e for e in _events(text) if e.char_start > 0]
    assert taken and "Saraqab" not in {e.place_en for e in taken}
