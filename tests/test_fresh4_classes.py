"""Error classes found on a fourth batch of fresh reporting (Idlib, Hama and Aleppo fronts, 2019-2021; sentences
written for the tests): a source that tells of the event is not its agent, a source retelling the event goes on
with its report, a capital standing for a party is an actor and not a place, a strike noun with "من" names the
agent, a dual verb counts two, and neither the adjective of a plural cue nor a phrase with ل is a place name."""

from functools import partial

from tests.sentences import events_of

PUBLISHED = "2021-09-14"  # a Tuesday


_events = partial(events_of, published=PUBLISHED)


def _strikes(text):
    return [e for e in _events(text) if e.layer == "strike"]


def test_a_source_before_that_and_the_event_noun_is_not_the_agent():
    events = _strikes("قتل ثلاثة مدنيين بغارات جوية روسية على قرية البارة. وأوضحت قوات الدفاع الوطني أن "
                      "القصف أصاب منازل في قرية كنصفرة.")
    second = next(e for e in events if e.place_ar == "كنصفرة")
    assert second.actor1 == "russia" and second.type == "airstrike"


def test_a_source_that_tells_of_the_strike_is_never_its_agent():
    events = _strikes("وأكد الدفاع الوطني أن القصف أصاب منازل في قرية كنصفرة اليوم.")
    assert events and all(e.actor1 != "syrian_government" for e in events)


def test_a_source_that_says_it_struck_itself_stays_the_agent():
    e = _strikes("أعلنت وزارة الدفاع التركية أنها قصفت مواقع لقوات النظام في بلدة النيرب.")[0]
    assert (e.actor1, e.actor2) == ("turkey", "syrian_government")


def test_a_new_source_retelling_the_strike_goes_on_with_its_report():
    events = _strikes("قتل 6 مدنيين أمس في غارات شنتها مقاتلات روسية على ريف إدلب.\n"
                      "وذكر المرصد أن القصف طال قرية بليون وقرية البارة.")
    villages = [e for e in events if e.place_ar in ("بليون", "البارة")]
    assert len(villages) == 2
    assert all(e.type == "airstrike" and e.actor1 == "russia" and str(e.date) == "2021-09-13" for e in villages)


def test_a_new_source_with_news_of_its_own_opens_a_new_report():
    events = _strikes("قتل 6 مدنيين أمس في غارات شنتها مقاتلات روسية على قرية البارة.\n"
                      "وذكر المرصد أن قوات النظام قصفت بالمدفعية قرية كنصفرة.")
    second = next(e for e in events if e.place_ar == "كنصفرة")
    assert second.actor1 == "syrian_government" and str(second.date) == PUBLISHED


def test_forces_of_a_capital_are_an_actor_not_a_place():
    events = _strikes("تعرضت قرية الكفير في ريف جسر الشغور اليوم لغارات نفذت من قبل قوات دمشق.")
    assert {e.place_ar for e in events} == {"الكفير"}
    assert all(e.actor1 == "syrian_government" and e.actor2 is None for e in events)


def test_strikes_from_a_capital_name_their_agent_and_no_place_abroad():
    events = _strikes("نفذت خمس غارات من موسكو على بلدة كفريا اليوم.")
    assert [(e.place_ar, e.actor1, e.actor2) for e in events] == [("كفريا", "russia", None)]


def test_a_capital_naming_an_operation_is_no_event_place():
    events = _events("صعدت القوات التركية ضرباتها على مواقع الجيش السوري ضمن العملية التي أطلقت عليها أنقرة "
                     "اسم درع الربيع.")
    assert all(e.place_ar != "أنقرة" for e in events)


def test_a_city_of_the_country_stays_a_place():
    e = _strikes("قصفت مدفعية النظام أحياء في مدينة دمشق اليوم.")[0]
    assert e.place_ar == "دمشق" and e.actor1 == "syrian_government"


def test_a_dual_verb_after_a_plural_looking_noun_counts_two():
    e = _strikes("وأشار إلى أن مدنيين آخرين استشهدا بقصف لطائرات روسية على بلدة شنان.")[0]
    assert e.fatalities == 2


def test_a_plural_noun_with_a_plural_verb_is_no_count_of_two():
    e = _strikes("وأشار إلى أن مدنيين استشهدوا بقصف لطائرات روسية على بلدة شنان.")[0]
    assert e.fatalities != 2


def test_the_adjective_of_a_plural_place_cue_is_no_village():
    events = _events("انتزعت الفصائل مساء اليوم بلدات جديدة جنوب إدلب، من بينها حزارين وفليفل.")
    places = {e.place_ar for e in events}
    assert {"حزارين", "فليفل"} <= places and "جديدة" not in places


def test_a_phrase_with_lam_after_a_place_cue_is_no_place_name():
    events = _strikes("أصيب أربعة أطفال بغارة روسية على مخيم للنازحين قرب بلدة كفريا. واستهدف القصف مزرعة "
                      "لتربية الدواجن قرب قرية الجانودية.")
    names = {e.place_ar for e in events}
    assert not any(n and n.startswith("ل") for n in names)
    assert {"كفريا", "الجانودية"} <= names


def test_a_habit_told_in_a_relative_clause_does_not_make_the_strike_a_habit():
    events = _strikes("استهدف الجيش التركي اليوم مطار كويرس العسكري، وهو المطار الذي عادة ما تستخدمه قوات النظام.")
    assert events and events[0].actor1 == "turkey"


def test_a_habit_of_the_event_itself_is_still_no_event():
    assert not _strikes("تتعرض بلدة كنصفرة عادة ما لقصف من قوات النظام.")


def test_mercenary_groups_tied_to_turkey_are_a_side_of_the_fight():
    clash = next(e for e in _events("اندلعت صباح اليوم معارك عنيفة قرب مدينة سراقب بين المجموعات "
                                    "المرتزقة التابعة لتركيا من جهة وقوات النظام من جهة أخرى.") if e.type == "armed_clash")
    assert {clash.actor1, clash.actor2} == {"sna", "syrian_government"}


def test_an_aim_to_retake_does_not_turn_the_fight_into_a_capture():
    events = _events("تدور اشتباكات عنيفة اليوم قرب بلدة سراقب بين الفصائل وقوات النظام، ضمن هجوم "
                     "تشنه الأخيرة بهدف استعادة المناطق التي خسرتها.")
    assert events and all(e.type != "territory_taken" for e in events)
    assert any(e.type == "armed_clash" for e in events)
