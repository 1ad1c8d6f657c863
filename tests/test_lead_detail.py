"""A lead summary and the detail that tells it are one event (sentences written for the tests): a lead that names
the city and a detail that names its districts, a lead that sums the day's strikes over a countryside with a bare
"القصف" and a detail that tells the air raid on one of its towns; and what stays apart (artillery in the lead,
another city's district, another agent)."""

from functools import partial

from tests.sentences import events_of

PUBLISHED = "2020-02-12"  # a Wednesday

_events = partial(events_of, published=PUBLISHED)


def _strikes(events) -> dict[int, list]:
    """The map events of the strike layer by event (its first character), each with its rows."""
    out: dict[int, list] = {}
    for e in events:
        if e.layer == "strike":
            out.setdefault(e.char_start, []).append(e)
    return out


def test_a_city_lead_and_the_detail_naming_its_district_are_one_strike():
    events = _events("قتل 12 مدنيا اليوم في غارات جوية روسية على مدينة حلب.\n\n"
                     "وقال الدفاع المدني إن الطائرات الروسية شنت صباح اليوم غارات على حي الصاخور.")
    strikes = _strikes(events)
    assert len(strikes) == 1, strikes
    rows = next(iter(strikes.values()))
    assert {e.place_ar for e in rows} >= {"الصاخور"}
    assert {e.fatalities for e in rows} == {12} and {e.actor1 for e in rows} == {"russia"}


def test_a_district_of_another_city_is_another_strike():
    events = _events("قتل 12 مدنيا اليوم في غارات جوية روسية على مدينة إدلب.\n\n"
                     "وقال الدفاع المدني إن الطائرات الروسية شنت صباح اليوم غارات على حي الصاخور.")
    assert len(_strikes(events)) == 2


def test_a_countryside_lead_told_by_bare_shelling_is_the_air_raid_of_its_detail():
    events = _events("قتل عشرة مدنيين اليوم جراء القصف الروسي على ريف حماة الشمالي.\n\n"
                     "وشنت الطائرات الحربية الروسية اليوم غارات على بلدة كفرزيتا، ما أدى لمقتل 6 مدنيين.")
    strikes = _strikes(events)
    assert len(strikes) == 1, strikes
    rows = next(iter(strikes.values()))
    assert {e.type for e in rows} == {"airstrike"} and "كفر زيتا" in {e.place_ar for e in rows}
    assert {e.fatalities for e in rows} == {6}  # the detail's own toll, not the lead's sum


def test_a_lead_that_names_artillery_stays_apart_from_the_air_raid():
    events = _events("قصفت قوات النظام اليوم بالمدفعية الثقيلة ريف حماة الشمالي.\n\n"
                     "وشنت طائرات النظام الحربية اليوم غارات على بلدة كفرزيتا.")
    kinds = {e.type for e in events if e.layer == "strike"}
    assert kinds == {"shelling", "airstrike"}


def test_a_countryside_lead_of_another_agent_stays_apart():
    events = _events("قتل عشرة مدنيين اليوم جراء القصف التركي على ريف حلب الشمالي.\n\n"
                     "وشنت الطائرات الحربية الروسية اليوم غارات على بلدة كفرزيتا بريف حماة.")
    assert len(_strikes(events)) == 2


def test_a_city_lead_total_does_not_replace_the_toll_its_district_detail_gives():
    events = _events("قتل 15 مدنيا اليوم الأربعاء في غارات روسية على مدينة حلب.\n\n"
                     "وشنت الطائرات الروسية غارات على حي بستان القصر، ما أدى لمقتل أربعة مدنيين.")
    strikes = _strikes(events)
    assert len(strikes) == 1, strikes
    assert {e.fatalities for e in next(iter(strikes.values()))} == {4}


def test_a_lead_region_told_by_a_later_village_is_no_row_of_the_lead():
    events = _events("شنت الطائرات الروسية اليوم غارات على مدينة أريحا وقرى جبل الزاوية.\n\n"
                     "كما استهدفت غارة روسية قرية البارة صباح اليوم.")
    strikes = _strikes(events)
    assert len(strikes) == 2, strikes
    lead, detail = (strikes[k] for k in sorted(strikes))
    assert {e.place_ar for e in lead} == {"أريحا"}
    assert "البارة" in {e.place_ar for e in detail}


def test_a_lead_region_keeps_its_row_when_the_later_village_lies_elsewhere():
    events = _events("شنت الطائرات الروسية اليوم غارات على مدينة أريحا وقرى جبل الزاوية.\n\n"
                     "كما استهدفت غارة روسية مدينة سراقب صباح اليوم.")
    strikes = _strikes(events)
    lead = strikes[min(strikes)]
    assert "جبل الزاوية" in {e.place_ar for e in lead}
