"""A campaign told as going on (events/continuation.py, joined by events/linking.py): more of an event told before
at the same places, not a second one; with nothing told before, or at another place, it stays news."""

from datetime import date

import pytest

from core.extract.events import extract_events
from core.model import Document

DAY = date(2020, 2, 12)


def _strikes(text: str):
    events = extract_events(Document("c", text, published=DAY))
    return [e for e in events if e.layer == "strike"]


def _groups(events) -> set[tuple]:
    """One key per reported event (its rows share the type and the evidence's start)."""
    return {(e.type, e.char_start) for e in events}


@pytest.mark.parametrize("going_on", [
    "وتواصل المقاتلات الروسية شن غاراتها على مدينة سراقب منذ ساعات الصباح.",
    "ويواصل الطيران الحربي قصفه لأحياء مدينة سراقب وسط حركة نزوح.",
    "واستمرت الطائرات في قصف مدينة سراقب حتى ساعات المساء.",
    "في حين يتواصل القصف الجوي على مدينة سراقب بشكل عنيف.",
    "ومع استمرار الغارات على مدينة سراقب نزحت عشرات العائلات.",
])
def test_a_strike_told_as_going_on_joins_the_strike_told_before(going_on):
    lead = "قتل ثلاثة مدنيين بغارة جوية روسية استهدفت مدينة سراقب في ريف إدلب الشرقي صباح اليوم الأربعاء.\n"
    strikes = _strikes(lead + going_on)
    assert len(_groups(strikes)) == 1, [(e.type, e.place_ar, e.actor1) for e in strikes]
    assert {e.actor1 for e in strikes} == {"russia"}


def test_going_on_at_another_town_or_with_nothing_before_stays_news():
    lead = "قتل ثلاثة مدنيين بغارة جوية روسية استهدفت مدينة سراقب في ريف إدلب الشرقي صباح اليوم الأربعاء.\n"
    other = "ويواصل الطيران الحربي قصفه لمدينة أريحا جنوب إدلب."
    assert len(_groups(_strikes(lead + other))) == 2
    alone = _strikes("يواصل الطيران الحربي الروسي قصفه لمدينة أريحا جنوب إدلب لليوم الثالث على التوالي.")
    assert len(_groups(alone)) == 1



def test_going_on_joins_though_its_sentence_names_another_party_elsewhere():
    lead = "قتل ثلاثة مدنيين بغارة جوية روسية استهدفت مدينة سراقب في ريف إدلب الشرقي صباح اليوم الأربعاء.\n"
    going_on = "إذ تواصل المقاتلات شن الغارات على مدينة سراقب في إطار الإسناد الذي تقدمه لقوات النظام."
    strikes = _strikes(lead + going_on)
    assert len(_groups(strikes)) == 1 and {e.actor1 for e in strikes} == {"russia"}


def test_going_on_with_its_own_named_party_is_that_party_strike():
    lead = "قتل ثلاثة مدنيين بغارة جوية روسية استهدفت مدينة سراقب في ريف إدلب الشرقي صباح اليوم الأربعاء.\n"
    other = "في حين يواصل الطيران الحربي التابع للنظام قصفه لمدينة سراقب."
    strikes = _strikes(lead + other)
    assert {e.actor1 for e in strikes} == {"russia", "syrian_government"}
