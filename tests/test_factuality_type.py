"""Did it happen, and what was it: campaigns that go on, background periods, purposes and the weapon of an attack
named in a later clause (hand-written sentences)."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text


def _map_events(text):
    doc, _ = document_from_text("mine", text, published="2020-02-12")
    return [(e.type, e.place_ar) for e in extract_events(doc) if e.layer in ("strike", "ground", "advance")]


def test_a_campaign_that_goes_on_is_not_an_event_of_the_day():
    assert not _map_events("يواصل الجيش التركي هجماته على مناطق شمال سوريا، مستغلا صمت المجتمع الدولي.")
    assert not _map_events("تواصل قوات النظام حملتها العسكرية على الشمال السوري منذ أشهر.")


def test_the_same_verb_with_a_town_or_a_day_is_an_event():
    assert _map_events("تواصل قوات النظام قصفها على بلدة سرمين.")
    assert _map_events("يواصل الطيران الروسي اليوم غاراته على ريف إدلب الجنوبي.")


def test_what_started_a_period_is_background():
    assert not _map_events("ولا تزال التوترات قائمة بين الفصائل منذ سيطرت على مدينة الباب.")
    assert not _map_events("نزح آلاف السكان منذ سيطرة قوات النظام على مدينة سراقب.")


def test_years_of_it_is_a_habit():
    assert not _map_events("وكان التل على مدار سنوات منطلقا لقصف القرى المجاورة بالصواريخ.")


def test_a_storming_aimed_at_a_capture_is_a_clash():
    assert [t for t, _ in _map_events("اقتحمت الفصائل بلدة سرمين بالدبابات لاستعادتها من قوات النظام.")] == [
        "armed_clash"]
    assert [t for t, _ in _map_events("اقتحمت الفصائل بلدة سرمين اليوم للسيطرة عليها.")] == ["armed_clash"]
    assert [t for t, _ in _map_events("اقتحمت الفصائل بلدة سرمين اليوم.")] == ["territory_taken"]


def test_the_drone_of_a_later_attack_does_not_retype_the_shelling():
    events = _map_events("قصفت قوات النظام بلدة سرمين بالمدفعية، وأثناء إسعاف الجرحى تعرض المسعفون لهجوم طائرة مسيرة.")
    assert sorted(t for t, _ in events) == ["drone_strike", "shelling"]


def test_an_attack_with_a_drone_is_a_drone_strike():
    assert [t for t, _ in _map_events("شنت الفصائل هجوما بطائرتين مسيرتين على مواقع قوات النظام في سراقب.")] == [
        "drone_strike"]


def test_a_capture_told_done_keeps_its_type_whatever_its_aim():
    assert [t for t, _ in _map_events("سيطرت قوات النظام اليوم على تلة قرب سراقب للسيطرة على الطريق الدولي.")] == [
        "territory_taken"]


def test_an_attack_by_land_and_air_is_a_clash_and_an_airstrike():
    assert sorted(t for t, _ in _map_events("وشن النظام أمس هجمات برية وجوية على مدينة سراقب.")) == [
        "airstrike", "armed_clash"]


def _types(text):
    doc, _ = document_from_text("mine", text, published="2020-02-12")
    return [e.type for e in extract_events(doc) if e.layer == "strike"]


def test_the_lead_strike_takes_the_instrument_of_the_title():
    title = "مقتل ثلاثة مدنيين بقصف مسيرة تركية في القامشلي\n\n"
    assert _types(title + "وذكر ناشطون أن القصف أصاب دراجة نارية قرب دوار في القامشلي.") == ["drone_strike"]
    # the body names its own instrument, or the title names none: nothing to take
    assert _types(title + "وقالت مصادر محلية إن القصف المدفعي استهدف قرية تل رفعت.") == ["shelling"]
    assert _types("قصف على ريف إدلب\n\nوقالت مصادر محلية إن القصف استهدف بلدة سرمين.") == ["shelling"]
