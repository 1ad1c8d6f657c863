"""One event per happening (sentences written for the tests): a countryside town that shares its name with a city
quarter is no detail of the city's lead; a campaign's cumulative toll is no event's toll; air defence meeting a
strike is no clash; a targeting and the downing it led to are one downing; a lead naming a city told again in detail
is one event; a bare "القصف" after artillery and a drone takes neither instrument."""

from functools import partial

from tests.sentences import events_of

PUBLISHED = "2020-02-12"  # a Wednesday

_events = partial(events_of, published=PUBLISHED)


def _by_event(events, layer: str) -> dict[int, list]:
    out: dict[int, list] = {}
    for e in events:
        if e.layer == layer:
            out.setdefault(e.char_start, []).append(e)
    return out


CITY_CLASH = "قتل 30 شخصا اليوم في اشتباكات بين قوات النظام وفصائل المعارضة داخل مدينة حمص.\n\n"


def test_a_countryside_town_named_like_a_quarter_is_no_detail_of_the_city_lead():
    events = _events(CITY_CLASH + "كما دارت مواجهات بين الطرفين في البياضة بريف حمص، ما أدى لسقوط قتلى.")
    clashes = _by_event(events, "ground")
    assert len(clashes) == 2, clashes
    lead = clashes[min(clashes)]
    assert {e.place_ar for e in lead} == {"حمص"} and {e.fatalities for e in lead} == {30}
    assert {e.fatalities for e in clashes[max(clashes)]} == {None}  # the lead's toll stays in the city


def test_a_quarter_the_text_calls_one_is_still_the_city_lead_detail():
    events = _events(CITY_CLASH + "كما دارت مواجهات بين الطرفين في حي البياضة، ما أدى لسقوط قتلى.")
    assert len(_by_event(events, "ground")) == 1


def test_a_place_told_east_of_the_city_is_no_quarter_of_it():
    events = _events("شنت الطائرات الروسية اليوم غارات على مدينة حلب أوقعت 9 قتلى.\n\n"
                     "واستهدفت غارة روسية صباح اليوم الصاخور الواقعة إلى الشرق من مدينة حلب.")
    strikes = _by_event(events, "strike")
    assert len(strikes) == 2, strikes
    assert {e.fatalities for e in strikes[min(strikes)]} == {9}


def test_a_toll_since_the_start_of_an_offensive_is_not_the_days_clash():
    events = _events("تدور اشتباكات عنيفة اليوم بين قوات النظام وتنظيم داعش في مدينة الميادين.\n\n"
                     "ومنذ انطلاق الهجوم قتل 52 عنصرا من قوات النظام و80 من التنظيم.")
    assert {e.fatalities for e in events if e.layer == "ground"} == {None}


def test_a_rising_toll_since_the_campaign_began_stays_off_the_raid():
    events = _events("قصفت الطائرات الروسية اليوم مدينة معرة النعمان ما أدى لمقتل 5 مدنيين.\n\n"
                     "وارتفعت حصيلة القتلى منذ بدء الحملة العسكرية إلى 300 مدني.")
    assert {e.fatalities for e in events if e.layer == "strike"} == {5}


def test_air_defence_meeting_the_raids_is_no_clash():
    events = _events("شنت مقاتلات إسرائيلية فجر اليوم غارات على مواقع قرب مطار المزة العسكري، "
                     "فيما تصدت منظومات الدفاع الجوي السوري للصواريخ المعادية وأسقطت عددا منها.")
    assert {e.type for e in events if e.layer in ("strike", "ground")} == {"airstrike"}


def test_air_defence_trying_to_foil_the_attack_is_no_clash():
    events = _events("قصفت طائرات إسرائيلية اليوم مستودعا قرب بلدة الكسوة، "
                     "وسط محاولة المضادات الأرضية صد الهجوم الإسرائيلي.")
    assert "armed_clash" not in {e.type for e in events}


TARGETED = "استهدفت فصائل المعارضة اليوم بصاروخ حراري مروحية عسكرية قرب بلدة آفس شرق إدلب.\n\n"


def test_a_targeted_helicopter_then_its_downing_is_one_downing():
    for result in ("وأعلن قيادي في المعارضة إسقاط مروحية تابعة لقوات النظام في إدلب.",
                   "وقال قيادي في المعارضة إن الفصائل أسقطت مروحية للنظام قرب آفس."):
        strikes = _by_event(_events(TARGETED + result), "strike")
        assert len(strikes) == 1, strikes
        rows = next(iter(strikes.values()))
        assert {e.type for e in rows} == {"aircraft_downed"} and {e.actor1 for e in rows} == {"opposition"}
        assert {e.place_ar for e in rows} == {"افس"}


def test_a_raid_by_the_same_aircraft_and_a_later_downing_stay_apart():
    events = _events("قصفت مروحيات النظام اليوم بلدة آفس بالبراميل المتفجرة.\n\n"
                     "وأكدت الفصائل إسقاط طائرة حربية للنظام فوق مدينة سراقب.")
    assert {e.type for e in events if e.layer == "strike"} == {"airstrike", "aircraft_downed"}


def test_a_lead_naming_the_capital_told_again_in_detail_is_one_strike():
    events = _events("تعرضت العاصمة دمشق فجر اليوم لعدوان جوي إسرائيلي.\n\n"
                     "وأفاد المرصد بأن طائرات إسرائيلية نفذت فجر اليوم غارات على مواقع جنوب دمشق وعلى بلدة الكسوة.")
    strikes = _by_event(events, "strike")
    assert len(strikes) == 1, strikes


def test_a_bare_shelling_after_artillery_and_a_drone_takes_no_drone():
    events = _events("قتل مدني اليوم بقصف مدفعي تركي على قرية الدشيشة. واستهدفت طائرة مسيرة تركية اليوم سيارة "
                     "في بلدة تل تمر.\n\nكما طال القصف قرية أم الكيف القريبة.")
    kinds = {e.place_ar: e.type for e in events if e.layer == "strike"}
    assert kinds.get("أم الكيف") != "drone_strike", kinds


def test_a_capture_restated_with_its_agent_named_before_is_one_capture():
    events = _events("دخلت قوات النظام اليوم بلدة كفرومة جنوب إدلب بعد معارك مع الفصائل.\n\n"
                     "وقال مصدر عسكري إن قوات النظام سيطرت على كفرومة بعدما أبعدت عنها هجمات شنت من قبل الفصائل.")
    captures = [e for e in events if e.type == "territory_taken"]
    assert {e.char_start for e in captures} == {0}, captures
    assert {e.actor1 for e in captures} == {"syrian_government"}


def test_a_retake_by_the_other_side_stays_its_own_capture():
    events = _events("دخلت قوات النظام صباح اليوم بلدة كفرومة جنوب إدلب بعد معارك مع الفصائل.\n\n"
                     "وبعد ساعات استعادت الفصائل السيطرة على كفرومة إثر هجوم معاكس على قوات النظام.")
    assert {e.actor1 for e in events if e.type == "territory_taken"} == {"syrian_government", "opposition"}


def test_an_air_raid_report_keeps_its_aircraft_for_a_bare_shelling_that_follows():
    events = _events("شنت طائرات حربية روسية اليوم غارات بالصواريخ الفراغية على بلدة كفرنبل. "
                     "كما استهدفت المقاتلات الروسية بالقنابل العنقودية مدينة معرة النعمان.\n\n"
                     "وطال القصف الروسي أيضا قرية حاس القريبة.")
    kinds = {e.place_ar: e.type for e in events if e.layer == "strike"}
    assert kinds.get("حاس") == "airstrike", kinds


def test_a_part_of_the_toll_told_at_one_place_is_counted_once():
    events = _events("قتل 30 مدنيا اليوم في غارات روسية متتالية على مدينة معرة النعمان وقراها.\n\n"
                     "ومن بين الضحايا 12 شخصا قتلوا في غارة واحدة استهدفت سوقا شعبيا في بلدة كفرنبل.")
    tolls = {e.place_ar: e.fatalities for e in events if e.layer == "strike"}
    assert tolls.get("كفر نبل") == 12 and tolls.get("معرة النعمان") == 18, tolls


def test_an_earlier_reading_of_the_toll_is_no_casualties_of_its_own():
    events = _events("قتل 14 مدنيا اليوم في غارات روسية على مدينة أريحا.\n\n"
                     "وكانت مصادر محلية تحدثت في وقت سابق عن مقتل 9 مدنيين.")
    assert "casualties" not in {e.type for e in events}
    assert {e.fatalities for e in events if e.layer == "strike"} == {14}


def test_a_single_soldier_told_with_a_qualifier_before_the_killed_verb_counts_one():
    from core.extract.mentions.casualties import find_casualty_counts
    counts = find_casualty_counts("وأوضحت الوزارة أن جنديا من الوحدات الخاصة قتل خلال المواجهات")
    assert [(n.value, kind) for n, kind in counts] == [(1, "killed")]


def test_a_toll_since_a_date_is_a_campaign_total():
    events = _events("قصفت قوات النظام اليوم بالمدفعية بلدة كنصفرة ما أدى لمقتل 3 مدنيين.\n\n"
                     "وارتفع عدد القتلى المدنيين في المنطقة منذ الثاني من شباط إلى 160 قتيلا.")
    assert {e.fatalities for e in events if e.layer == "strike"} == {3}


def test_a_since_phrase_inside_another_clause_leaves_the_days_toll():
    events = _events("تقدمت قوات النظام اليوم وسيطرت على بلدة كفرسجنة في أول تقدم لها منذ بدء الحملة، "
                     "بعد معارك مع الفصائل أوقعت 35 قتيلا من الطرفين.")
    assert 35 in {e.fatalities for e in events}
