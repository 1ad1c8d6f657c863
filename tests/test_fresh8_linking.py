"""Error classes of linking, dates and tolls found on an eighth batch of fresh reporting (long reports with a lead
and details, round-ups, rising tolls; sentences written for the tests): a recap over a period or a back-reference
repeating settlements told before, a lead total given to a detail with its own toll, a toll summed over hours, the
day of an anchor event ("بعد X أمس") carried to the rest of the report, and the toll of an anchor phrase."""

from functools import partial

from tests.sentences import events_of

PUBLISHED = "2021-03-10"  # a Wednesday


_events = partial(events_of, published=PUBLISHED)


def _at(events, place: str, kind: str | None = None):
    return [e for e in events if e.place_ar == place and (kind is None or e.type == kind)]


def test_a_recap_over_a_period_does_not_repeat_the_captures_told_before():
    events = _events("سيطرت قوات النظام اليوم على بلدة كفرنبل بعد معارك عنيفة مع الفصائل.\n\n"
                     "وبذلك سيطرت قوات النظام على 5 قرى جديدة خلال اليومين الماضيين، وهي "
                     "كفرنبل وحاس وكفرسجنة والنقير وبسقلا.")
    assert len(_at(events, "كفر نبل", "territory_taken")) == 1
    assert _at(events, "حاس", "territory_taken") and _at(events, "بسقلا", "territory_taken")


def test_a_back_reference_naming_two_struck_towns_is_no_new_strike():
    events = _events("قتل عشرة مدنيين في غارة للطيران الحربي على مدينة دوما، وقتل ستة آخرون في غارة على مدينة عربين.\n\n"
                     "وقال ناشطون إن الغارات على دوما وعربين استهدفت أسواقا شعبية.")
    assert len(_at(events, "دوما")) == 1 and len(_at(events, "عربين")) == 1


def test_a_list_of_the_day_with_a_verb_of_its_own_is_kept():
    events = _events("سيطرت القوات التركية اليوم على قرى في محيط مدينة تل أبيض.\n\n"
                     "وأعلن الجيش التركي قطع الطريق بين مدينتي تل أبيض ورأس العين اليوم.")
    assert _at(events, "تل أبيض")


def test_a_lead_total_without_a_place_does_not_replace_a_detail_toll():
    events = _events("خلفت الغارات الجوية اليوم على ريف إدلب 12 قتيلا من المدنيين. وقتل ثلاثة مدنيين في غارات "
                     "روسية على مدينة أريحا.")
    assert [e.fatalities for e in _at(events, "أريحا")] == [3]


def test_a_toll_summed_over_two_days_is_no_toll_of_the_morning_raids():
    events = _events("بلغ عدد الضحايا في مدينة حلب خلال 72 ساعة 80 قتيلا، إذ أغارت طائرات روسية صباح اليوم "
                     "على حي الصاخور.")
    assert events and all(e.fatalities is None for e in events)


def test_the_day_of_an_anchor_event_is_not_carried_to_the_report():
    events = _events("بعد استعادة الفصائل بلدة النيرب أمس، عادت قوات النظام اليوم إلى التقدم في ريف إدلب.\n\n"
                     "وفي سياق متصل، سيطرت قوات النظام على قرية تلمنس.")
    capture = _at(events, "تلمنس", "territory_taken")
    assert capture and str(capture[0].date)[:10] != "2021-03-09"
    nayrab = [e for e in events if e.place_ar == "النيرب" and e.type == "territory_taken"]
    assert nayrab and str(nayrab[0].date)[:10] == "2021-03-09"


def test_the_toll_of_an_anchor_phrase_goes_to_the_earlier_raids():
    events = _events("شنت طائرات روسية اليوم غارات على بلدة تلبيسة، وذلك بعد يوم على مقتل 40 مدنيا في غارات روسية "
                     "على مدينة الرستن.")
    assert all(e.fatalities is None for e in _at(events, "تلبيسة"))
    rastan = _at(events, "الرستن")
    assert rastan and rastan[0].fatalities == 40 and str(rastan[0].date)[:10] == "2021-03-09"


def test_an_offset_dates_only_its_own_clause():
    events = _events("قصفت طائرات روسية اليوم بلدة تلبيسة، بعد يوم على غارات مماثلة على مدينة الرستن، في حين "
                     "استهدف الطيران الروسي قرية الغنطو.")
    ghanto = _at(events, "الغنطو")
    assert ghanto and str(ghanto[0].date)[:10] != "2021-03-09"


def test_an_agency_account_of_the_attack_is_the_same_strike():
    events = _events("قصفت طائرات إسرائيلية فجر اليوم مواقع في مدينة دمشق. وقال بيان لوزارة الدفاع إن الهجوم "
                     "الإسرائيلي على دمشق أسفر عن مقتل أربعة أشخاص.")
    at_damascus = [e for e in events if e.actor1 == "israel"]
    assert at_damascus and {e.type for e in at_damascus} != {"armed_clash"}
    assert not [e for e in events if e.type == "armed_clash"]


def test_a_subset_phrase_before_the_killed_verb_and_two_coordinated_singulars():
    e = _events("وأفاد ناشطون بأن 4 مدنيين بينهم طفلة قتلوا جراء قصف مدفعي لقوات النظام على بلدة كفرنبودة.")[0]
    assert e.fatalities == 4
    e = _events("قصفت القوات التركية اليوم قرية الدردارة، وقد استشهدت امرأة وطفل جراء القصف.")[0]
    assert e.fatalities == 2
