"""Small general classes found on fresh reporting: sentences written for these tests."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text


def _events(text, published="2020-02-12"):
    doc, _ = document_from_text("tail", text, published=published)
    return extract_events(doc)


def test_nationality_adjective_of_a_strike_noun_names_the_agent():
    e = _events("قتل مدنيان في الضربة الجوية السورية على بلدة سرمين أمس.")[0]
    assert e.actor1 == "syrian_government"
    e = _events("أصيب ثلاثة مدنيين في قصف سوري على مدينة سراقب.")[0]
    assert e.actor1 == "syrian_government"
    assert _events("استهدف القصف التركي مواقع في بلدة سراقب.")[0].actor1 == "turkey"


def test_syrian_adjective_away_from_a_strike_noun_names_no_one():
    events = _events("قالت المعارضة السورية إن الطائرات الروسية قصفت بلدة سرمين.")
    assert [e.actor1 for e in events] == ["russia"]


def test_countryside_named_by_the_governorate_nisba():
    e = _events("قصفت قوات النظام بلدات في الريف الحلبي الغربي اليوم.")[0]
    assert (e.pcode, e.geo_precision) == ("region:SY02:countryside:W", 3)
    assert _events("قصفت الطائرات الروسية قرى بالريف الإدلبي.")[0].pcode == "region:SY07:countryside"


def test_an_aircraft_targeted_with_no_result_is_no_airstrike_by_the_shooter():
    e = _events("وقالت الفصائل إن قوات النظام استهدفت طائرة حربية فوق بلدة سرمين.")[0]
    assert e.actor1 == "syrian_government" and e.type != "airstrike"
    e = _events("الفصائل استهدفت مروحية للنظام فوق سراقب ما أدى إلى سقوطها.")[0]
    assert e.type == "aircraft_downed"
    assert _events("الطائرات الروسية قصفت بلدة سرمين.")[0].type == "airstrike"


def test_two_tolls_joined_by_and_sum():
    e = _events("أسفرت المعارك قرب سراقب عن مقتل 36 من قوات النظام و25 من الفصائل.")[0]
    assert e.fatalities == 61
    assert _events("قتل 12 جنديا و7 مدنيين في قصف تركي على بلدة سراقب.")[0].fatalities == 19


def test_a_weekday_after_a_phrase_ending_in_today_is_the_date():
    e = _events("قتل جنديان تركيان في قصف لقوات النظام على بلدة سرمين في شمال غرب سوريا اليوم الاثنين.")[0]
    assert str(e.date) == "2020-02-10"  # the Monday before the Wednesday of publication
