"""Did it happen, when, and one event each (sentences written for the tests): a lead that sums up strikes on
several towns and the detail sentences that tell them one by one; background recaps; calm fronts; a toll
reported today for raids of the day before; a rising toll."""

from functools import partial

from tests.sentences import events_of

PUBLISHED = "2021-09-14"  # a Tuesday


_events = partial(events_of, published=PUBLISHED)


def _reports(events):
    """The events as the evaluation counts them: rows of one report share type, date and char_start."""
    out: dict[tuple, list] = {}
    for e in events:
        out.setdefault((e.type, e.date, e.char_start), []).append(e)
    return out


def test_detail_sentences_split_a_lead_list_into_one_event_per_place():
    text = ("شنت المقاتلات الروسية فجر اليوم غارات على بلدات البارة وكنصفرة وكفرنبل جنوبي إدلب.\n"
            "وأفادت مصادر محلية بأن غارتين طالتا أطراف بلدة البارة ما أدى إلى مقتل مدنيين اثنين.\n"
            "كما نفذت مقاتلة روسية غارة على محيط بلدة كنصفرة دون وقوع إصابات.\n")
    reports = _reports(e for e in _events(text) if e.layer == "strike")
    by_place = {tuple(sorted(e.place_ar for e in rows)): rows for rows in reports.values()}
    assert sorted(by_place) == [("البارة",), ("كفر نبل",), ("كنصفرة",)]
    assert by_place[("البارة",)][0].fatalities == 2
    assert by_place[("كفر نبل",)][0].fatalities is None
    assert all(rows[0].actor1 == "russia" and str(rows[0].date) == PUBLISHED for rows in reports.values())


def test_a_detail_takes_the_leads_agent_and_day():
    text = ("قصفت قوات النظام أمس بالمدفعية قريتي الفطيرة وسفوهن في جبل الزاوية.\n"
            "وسقطت قذائف صاروخية على منازل المدنيين في قرية سفوهن وأصيب طفل بجروح.\n")
    reports = _reports(e for e in _events(text) if e.layer == "strike")
    assert len(reports) == 2
    assert all(str(rows[0].date) == "2021-09-13" and rows[0].actor1 == "syrian_government"
               for rows in reports.values())


def test_a_back_reference_by_a_definite_noun_stays_the_same_event():
    text = ("قصفت الطائرات الروسية بلدتي البارة وكفرنبل ما أدى لمقتل خمسة مدنيين.\n"
            "وانتشلت فرق الدفاع المدني جثث ثلاثة مدنيين في البارة قتلوا جراء الغارات.\n")
    reports = _reports(e for e in _events(text) if e.layer == "strike")
    assert len(reports) == 1
    (rows,) = reports.values()
    assert {e.place_ar for e in rows} == {"البارة", "كفر نبل"} and rows[0].fatalities == 5


def test_a_repeat_of_the_whole_list_is_not_a_detail():
    text = ("شنت المقاتلات الروسية اليوم غارات على بلدتي البارة وكنصفرة.\n"
            "وأكد الدفاع المدني أن مقاتلات روسية نفذت غارات على البارة وكنصفرة دون إصابات.\n")
    assert len(_reports(e for e in _events(text) if e.layer == "strike")) == 1


def test_a_recap_aside_is_no_new_capture():
    text = ("قصفت المدفعية التركية اليوم قرية زور مغار في ريف عين العرب.\n"
            "يذكر أن الجيش التركي وفصائل مسلحة تابعة له قد سيطروا على مدينة عفرين بعد أسابيع من المعارك.\n")
    events = _events(text)
    assert [e.type for e in events if e.layer != "other"] == ["shelling"]


def test_a_recap_without_qad_is_background_too():
    text = "تجدر الإشارة إلى أن قوات النظام سيطرت على مدينة خان شيخون بعد معارك عنيفة مع الفصائل.\n"
    assert not [e for e in _events(text) if e.type == "territory_taken"]


def test_a_recap_phrase_does_not_hide_a_strike_with_its_own_day():
    text = "يذكر أن الطائرات الروسية شنت صباح اليوم غارات على بلدة البارة في جبل الزاوية.\n"
    assert [e.place_ar for e in _events(text) if e.type == "airstrike"] == ["البارة"]


def test_places_of_a_calm_front_clause_place_no_event():
    text = ("قصفت المقاتلات التركية بعد منتصف الليل قرى في محيط رأس العين، بينما تسود حالة من الهدوء الحذر "
            "الجبهات الممتدة من المالكية إلى الدرباسية.\n")
    assert {e.place_ar for e in _events(text) if e.layer == "strike"} == {"رأس العين"}


def test_a_calm_statement_before_the_strike_gives_it_no_place():
    text = "عاشت مدينة إدلب يوما هادئا نسبيا، باستثناء قصف مدفعي طال أطراف بلدة كنصفرة مساء اليوم.\n"
    assert {e.place_ar for e in _events(text) if e.layer == "strike"} == {"كنصفرة"}


def test_strikes_that_stopped_or_were_absent_are_no_events():
    for text in ("تعيش جبهات ريف إدلب الجنوبي هدوءا حذرا اليوم مع توقف الغارات الروسية منذ منتصف الليل.\n",
                 "هدوء يخيم على محاور جبل الزاوية وسط غياب القصف المدفعي عن المنطقة.\n"):
        assert not [e for e in _events(text) if e.layer == "strike"], text


def test_todays_strike_keeps_its_day_beside_the_toll_of_yesterdays_raids():
    text = ("وفي ريف حماة، ألقت المروحيات براميل متفجرة على مدينة اللطامنة، ما أدى إلى جرح عدد من المدنيين، "
            "في حين توفي مدنيان متأثرين بجراحهما جراء غارات روسية على المدينة يوم أمس.\n")
    strikes = _reports(e for e in _events(text) if e.layer == "strike")
    days = sorted(str(date) for _, date, _ in strikes)
    assert days == ["2021-09-13", PUBLISHED]


def test_a_sentence_that_only_raises_the_toll_updates_the_strike_before_it():
    text = ("استهدفت طائرة مسيرة تركية اليوم سوقا شعبيا في مدينة تل رفعت شمالي حلب.\n"
            "وأعلنت مصادر طبية ارتفاع الحصيلة في المدينة إلى أربعة قتلى وعشرة جرحى.\n")
    (e,) = [e for e in _events(text) if e.layer == "strike"]
    assert e.fatalities == 4


def test_the_toll_of_an_attack_named_again_is_no_second_event():
    text = ("استهدفت طائرة مسيرة تركية اليوم سوقا شعبيا في مدينة تل رفعت شمالي حلب.\n"
            "وأعلنت مصادر طبية ارتفاع حصيلة الهجوم على المدينة إلى أربعة قتلى وعشرة جرحى.\n")
    core = [e for e in _events(text) if e.core]
    assert [(e.type, e.fatalities) for e in core] == [("drone_strike", 4)]
