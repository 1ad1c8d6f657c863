"""Predicate typing (issue 11): handover entries, withdrawals inside a capture, approaching a town, tallies,
news outlets named after a country. Sentences written for these tests."""

from core.extract.mentions.actors import find_actors
from tests.test_events import _events


def _types(text):
    return sorted((e.type, e.actor1) for e in _events(text))


def test_entry_under_a_deal_is_a_deployment_not_a_capture():
    assert _types("دخلت وحدات من الجيش السوري اليوم مدينة منبج بموجب اتفاق مع قسد.") == [
        ("military_deployment", "syrian_government")]


def test_welcomed_entry_is_a_deployment():
    text = "وبث التلفزيون صورا لاحتفالات ترحيبا بدخول وحدات من الجيش السوري إلى مدينة الطبقة اليوم."
    assert [t for t, _ in _types(text)] == ["military_deployment"]


def test_other_bare_entries_of_the_handover_follow_it():
    text = ("دخل الجيش السوري اليوم مدينة عين العرب.\n\n"
            "وذكرت مصادر أن وحدات الجيش السوري دخلت مدينة عين العرب وفق اتفاق مع القوات الكردية.")
    assert {t for t, _ in _types(text)} == {"military_deployment"}


def test_entry_after_fighting_stays_a_capture():
    assert ("territory_taken", "syrian_government") in _types(
        "دخلت قوات النظام اليوم مدينة كفرنبل بعد معارك عنيفة مع فصائل المعارضة.")


def test_withdrawal_from_the_town_taken_is_the_capture_target():
    events = _events("سيطرت هيئة تحرير الشام اليوم على مدينة عفرين، وانسحب مقاتلو الجيش الوطني من المدينة.")
    assert [(e.type, e.actor1, e.actor2) for e in events if e.geo_precision == 1] == [
        ("territory_taken", "hts", "sna")]


def test_withdrawal_elsewhere_is_its_own_event():
    types = _types("سيطرت قوات النظام اليوم على بلدة سراقب، فيما انسحبت القوات التركية من نقطة مورك.")
    assert ("withdrawal", "turkey") in types and ("territory_taken", "syrian_government") in types


def test_a_town_approached_is_not_taken():
    events = _events("تقدمت قوات النظام اليوم في ريف إدلب الجنوبي وباتت على بعد كيلومترين من مدينة معرة النعمان.")
    assert events and all(e.pcode != "C3985" for e in events)
    events = _events("وصلت قوات النظام اليوم إلى مشارف مدينة سراقب بعد تقدمها في ريف إدلب الشرقي.")
    assert events and all(e.pcode != "C3916" for e in events)
    events = _events("تقترب قوات النظام من مدينة سراقب بعد سيطرتها اليوم على قرية تل مرديخ.")
    assert {e.pcode for e in events if e.type == "territory_taken"} == {"C3930"}


def test_taking_the_outskirts_is_still_a_capture_there():
    events = _events("سيطرت قوات النظام اليوم على مشارف مدينة سراقب.")
    assert [(e.type, e.pcode, e.geo_precision) for e in events] == [("territory_taken", "C3916", 2)]


def test_a_toll_over_days_is_a_tally_not_an_event():
    text = "وقالت الأمم المتحدة اليوم إن 80 مدنيا قتلوا في غارات جوية على إدلب خلال الأيام العشرة الماضية."
    assert all(e.layer != "strike" for e in _events(text))
    text = "وذكرت الشبكة في تقريرها اليوم أن قصف الطائرات على إدلب أدى إلى مقتل 400 مدني خلال 9 أسابيع من التصعيد."
    assert all(e.layer != "strike" for e in _events(text))


def test_a_strike_of_the_day_with_its_toll_stays():
    assert [t for t, _ in _types("قتل 5 مدنيين اليوم في غارات جوية روسية على بلدة سرمين.")] == ["airstrike"]


def test_outlets_named_after_a_country_are_no_actors():
    for text in ("وذكرت قناة (روسيا اليوم) أن", "وقالت وكالة الأناضول التركية إن", "ونقلت وكالة سبوتنيك عن",
                 "بحسب وكالة الصحافة الفرنسية", "وقال موقع قناة «روسيا اليوم» إن", "وأفاد مراسل تلفزيون سوريا"):
        assert find_actors(text) == [], text
    # the same words as a phrase: "Russia said today"
    assert [a.actor.actor_id for a in find_actors("وأعلنت روسيا اليوم أن")] == ["russia"]
    assert [a.actor.actor_id for a in find_actors("قصفت الطائرات الروسية اليوم")] == ["russia"]
