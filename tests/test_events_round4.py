"""Round 4 of event fixes, on sentences written for these tests: the strike type of a party that fights only
from the air, tallies over a period, strikes told with the strike noun as topic or as a massacre by aircraft."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text

PUBLISHED = "2020-02-12"


def _events(text, published=PUBLISHED):
    doc, _ = document_from_text("mine", text, published=published)
    return extract_events(doc)


def _types(text):
    return sorted({(e.type, e.actor1) for e in _events(text)})


def test_air_only_party_strike_is_an_airstrike():
    assert _types("قصف التحالف الدولي قرية الصالحية في ريف دير الزور أمس.") == [("airstrike", "usa")]
    assert _types("قصفت إسرائيل مواقع لقوات النظام قرب مطار المزة اليوم.") == [("airstrike", "israel")]


def test_ground_party_strike_stays_shelling():
    assert {t for t, _ in _types("قصفت قوات سوريا الديمقراطية قرية الحمرا في ريف الرقة أمس.")} == {"shelling"}


def test_air_only_party_with_artillery_named_stays_shelling():
    assert {t for t, _ in _types("قصف التحالف الدولي بالمدفعية مواقع لتنظيم داعش في قرية الحمرا أمس.")} == {
        "shelling"}


def test_toll_over_a_past_week_is_a_tally_not_a_strike_of_the_day():
    assert _events("قتل 125 مدنيا خلال الأسبوع الماضي بغارات جوية على ريف إدلب.") == []
    assert _events("قتل 40 مدنيا خلال الشهر الماضي في قصف على مدينة دوما.") == []


def test_toll_of_one_day_stays_a_strike():
    assert {e.type for e in _events("قتل خمسة مدنيين أمس بغارات جوية على مدينة أريحا.")} == {"airstrike"}
    assert {e.type for e in _events("قتل ثلاثة مدنيين خلال قصف مدفعي على بلدة كفرنبل أمس.")} == {"shelling"}


def test_strike_noun_as_topic_takes_the_doer_of_its_resumptive_verb():
    events = _events("قالت مصادر محلية إن الغارات على بلدة كفرنبل نفذتها طائرات حربية روسية أمس.")
    assert {(e.type, e.actor1) for e in events} == {("airstrike", "russia")}


def test_massacre_by_aircraft_is_an_airstrike_with_its_toll():
    events = _events("ارتكبت الطائرات الروسية مجزرة في بلدة كفرنبل أمس راح ضحيتها 9 مدنيين.")
    assert [(e.type, e.actor1, e.fatalities) for e in events] == [("airstrike", "russia", 9)]


def test_massacre_by_ground_forces_stays_a_killing():
    events = _events("ارتكبت قوات النظام مجزرة في بلدة كفرنبل اليوم قتل فيها 9 مدنيين.")
    assert {e.type for e in events} == {"casualties"}


def test_relative_clause_telling_who_holds_a_place_is_no_capture():
    events = _events("اشتبكت الفصائل مع قوات النظام في بلدة مورك والتي سيطرت عليها قوات النظام.")
    assert {e.type for e in events} == {"armed_clash"}
    events = _events("اندلعت اشتباكات بين الفصائل وقوات النظام في بلدة مورك والتي كانت قوات النظام قد سيطرت عليها.")
    assert {e.type for e in events} == {"armed_clash"}


def test_period_in_a_later_relative_clause_makes_no_background_of_the_strike():
    events = _events("شنت الطائرات الروسية غارات على مدينة الباب والتي سيطر عليها تنظيم داعش منذ عامين.")
    assert {(e.type, e.actor1) for e in events} == {("airstrike", "russia")}


def test_accusation_of_an_attack_is_no_attack():
    assert _events("وأصدرت الوزارة بيانا متهمة داعش بالوقوف وراء الهجوم على حاجز في مدينة حمص.") == []
    assert _events("وقالت الوزارة متهمة قوات النظام بشن الهجوم على بلدة كفرنبل.") == []


def test_withdrawal_told_as_a_redeployment_by_its_verb():
    events = _events("أعادت قوات النظام انتشارها وتموضعها خارج مدينة تدمر أمس.")
    assert {(e.type, e.actor1) for e in events} == {("withdrawal", "syrian_government")}
    events = _events("قالت قيادة الجيش إن وحداتها أعادت تموضعها خارج مدينة تدمر.")
    assert {e.type for e in events} == {"withdrawal"}


def test_condemned_or_feared_strikes_in_general_are_no_strike_of_the_day():
    assert _events("دانت الأمم المتحدة الغارات الجوية التي تستهدف المدنيين في محافظة إدلب.") == []
    assert _events("وحذرت الأمم المتحدة من أن الغارات الجوية على مدينة إدلب قد تؤدي إلى كارثة إنسانية.") == []


def test_condemned_strike_of_the_day_stays():
    events = _events("دانت الخارجية التركية الغارات الروسية على مدينة إدلب أمس.")
    assert {(e.type, e.actor1) for e in events} == {("airstrike", "russia")}


def test_publishing_a_statement_is_no_deployment():
    assert _events("ونشرت الوزارة بيانا عن الوضع في مدينة أعزاز.") == []
    events = _events("نشرت القوات التركية تعزيزات عسكرية في بلدة تفتناز أمس.")
    assert {e.type for e in events} == {"military_deployment"}


def test_killing_in_a_massacre_authored_by_aircraft_is_their_airstrike():
    for text in ("قتل ستة مدنيين بمجزرة للطيران الروسي في بلدة كفرنبل أمس.",
                 "قتل ستة مدنيين في مجزرة ارتكبتها الطائرات الروسية في بلدة كفرنبل أمس."):
        assert [(e.type, e.actor1, e.fatalities) for e in _events(text)] == [("airstrike", "russia", 6)]
    events = _events("قتل ستة مدنيين في مجزرة ارتكبتها قوات النظام في بلدة كفرنبل أمس.")
    assert {e.type for e in events} == {"casualties"}
