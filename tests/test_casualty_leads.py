"""A toll told as its own sentence beside the strike that caused it (events/casualty_leads.py): one event, the
strike's, with the toll and the party. Sentences written for these tests in the news register."""

from datetime import date

from core.extract.events import extract_events
from core.model import Document

DAY = date(2020, 2, 12)


def _events(text: str):
    return [(e.type, e.place_ar, e.actor1, e.fatalities)
            for e in extract_events(Document("k", text, published=DAY))]


def test_a_toll_sentence_before_the_strike_detail_is_the_strike_toll():
    text = ("قتل ستة مدنيين بينهم أطفال على يد القوات الروسية في مدينة أريحا اليوم الأربعاء.\n"
            "وأفاد ناشطون بأن الطيران الحربي استهدف حيا سكنيا في المدينة بعدة صواريخ.")
    assert _events(text) == [("airstrike", "أريحا", "russia", 6)]


def test_a_toll_sentence_after_the_strike_is_the_strike_toll():
    text = ("قصفت الطائرات الحربية حيا سكنيا في مدينة أريحا صباح اليوم.\n"
            "وقتل أربعة مدنيين على يد القوات الروسية في المدينة وفق الدفاع المدني.")
    events = _events(text)
    assert [e for e in events if e[0] == "casualties"] == []
    assert ("airstrike", "أريحا", "russia", 4) in events


def test_a_toll_at_another_town_or_by_another_party_stays_apart():
    other_town = ("قتل ستة مدنيين بينهم أطفال على يد القوات الروسية في مدينة أريحا اليوم الأربعاء.\n"
                  "وأفاد ناشطون بأن الطيران الحربي استهدف حيا سكنيا في بلدة كفرنبل بعدة صواريخ.")
    assert ("casualties", "أريحا", "russia", 6) in _events(other_town)
    other_party = ("قتل ثلاثة عناصر من قوات النظام على يد الفصائل في مدينة أريحا اليوم.\n"
                   "وقصفت الطائرات الروسية أحياء المدينة بعد الظهر.")
    events = _events(other_party)
    assert ("casualties", "أريحا", "opposition", 3) in events
    assert ("airstrike", "أريحا", "russia", None) in events
