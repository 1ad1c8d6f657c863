"""Error classes found on a third batch of fresh reporting (2018-2023, north and north-east Syria; sentences
written for the tests): a date that belongs to an agreement's signing or a campaign's onset, the agent of a
strike noun given by a relative clause, a hedged nationality of the aircraft, a co-agent after a comma, a
side's loss of soldiers as a toll, and the type of a strike tied to the one before it."""

from functools import partial

from tests.sentences import events_of

PUBLISHED = "2021-09-14"  # a Tuesday


_events = partial(events_of, published=PUBLISHED)


def _strikes(text):
    return [e for e in _events(text) if e.layer == "strike"]


def test_a_signing_date_does_not_date_the_strike():
    e = _strikes("قصفت المقاتلات الروسية قرية كنصفرة خرقا للهدنة المبرمة في سوتشي يوم 9 أيار الماضي.")[0]
    assert str(e.date) == PUBLISHED


def test_the_date_after_since_the_onset_of_a_campaign_is_not_the_events():
    events = _events("تتواصل المعارك في المنطقة منذ انطلاق الهجوم في 20 آب الماضي، حيث رصد المرصد قصفا من "
                     "المدفعية التركية على قرية كيمار.")
    assert events and all(str(e.date) != "2021-08-20" for e in events)


def test_a_date_of_the_event_itself_after_onset_words_stays():
    e = _strikes("شنت الطائرات الروسية غارات على بلدة البارة يوم الأحد 12 أيلول.")[0]
    assert str(e.date) == "2021-09-12"


def test_agent_of_a_strike_noun_through_a_relative_clause():
    e = _strikes("قتل ثلاثة مدنيين اليوم في الضربات التي نفذتها المقاتلات الروسية على قرية البارة.")[0]
    assert (e.actor1, e.actor2) == ("russia", None)
    assert e.fatalities == 3


def test_a_coordinated_aircraft_owner_after_a_comma_is_a_co_agent():
    e = _strikes("جرح طفلان اليوم بالضربات التي شنتها المقاتلات الروسية، ومروحيات النظام على بلدة كنصفرة.")[0]
    assert e.actor1 == "russia" and e.actor2 is None


def test_a_hedged_nationality_of_the_aircraft_names_the_agent():
    e = _strikes("قصفت مقاتلات يرجح أنها روسية بلدة البارة مساء اليوم.")[0]
    assert (e.actor1, e.actor2) == ("russia", None)


def test_a_sides_loss_of_soldiers_is_its_toll():
    clash = next(e for e in _events("فقد الجيش التركي 7 جنود اليوم في اشتباكات مع المقاتلين الأكراد قرب "
                                    "بلدة راجو.") if e.type == "armed_clash")
    assert clash.fatalities == 7


def test_lost_equipment_is_no_toll():
    clash = next(e for e in _events("خسرت الفصائل 3 دبابات اليوم في اشتباكات مع قوات النظام قرب بلدة "
                                    "البارة.") if e.type == "armed_clash")
    assert clash.fatalities is None


def test_a_strike_called_similar_takes_the_type_of_the_one_before():
    strikes = _strikes("قتل مدنيان اليوم بغارات روسية على بلدة البارة. وأضاف المصدر أن قصفا مماثلا طال قرية "
                       "كنصفرة.")
    assert [e.type for e in strikes] == ["airstrike", "airstrike"]


def test_the_bare_nation_strike_after_air_raids_is_an_air_strike():
    strikes = _strikes("أغارت المقاتلات الروسية صباح اليوم على بلدة البارة. وقتل مدني في القصف الروسي على "
                       "قرية كنصفرة.")
    assert [e.type for e in strikes] == ["airstrike", "airstrike"]


def test_named_artillery_after_air_raids_stays_shelling():
    strikes = _strikes("أغارت المقاتلات الروسية صباح اليوم على بلدة البارة. وقصفت القوات الروسية بالمدفعية "
                       "قرية كنصفرة.")
    assert [e.type for e in strikes] == ["airstrike", "shelling"]


def test_ground_forces_of_the_same_agent_are_not_retyped():
    strikes = _strikes("أغارت طائرات النظام صباح اليوم على بلدة البارة. وفي سياق آخر قصفت قوات النظام "
                       "قرية كنصفرة.")
    assert [e.type for e in strikes][-1] == "shelling"


def test_a_chemical_attack_is_a_strike_not_a_clash():
    e = next(e for e in _events("قتل 20 مدنيا اليوم في هجوم كيماوي على بلدة اللطامنة."))
    assert (e.type, e.fatalities) == ("shelling", 20)


def test_a_strike_followed_by_artillery_is_two_events():
    strikes = _strikes("شنت مروحيات النظام اليوم غارات على قرية العريمة، أعقبها قصف مدفعي استهدف بلدة قسطون.")
    assert [(e.type, e.place_ar) for e in strikes if e.place_ar in ("العريمة", "قسطون")] == [
        ("airstrike", "العريمة"), ("shelling", "قسطون")]


def test_an_aircraft_that_crashed_after_it_was_targeted_is_downed():
    e = _strikes("تحطمت طائرة حربية للنظام اليوم قرب بلدة البارة بعدما استهدفتها الفصائل.")[0]
    assert (e.type, e.actor1, e.actor2) == ("aircraft_downed", "opposition", "syrian_government")


def test_shells_that_fell_are_no_downing():
    e = _strikes("سقطت قذائف على بلدة البارة اليوم بعدما استهدفتها قوات النظام.")[0]
    assert e.type == "shelling"


def test_civilians_named_only_to_deny_victims_are_no_target():
    e = _strikes("قصفت المدفعية التركية اليوم قرية كيمار، دون ورود أنباء عن إصابات بين المدنيين.")[0]
    assert (e.actor1, e.actor2) == ("turkey", None)
    e = _strikes("قصفت قوات النظام اليوم منازل المدنيين في بلدة البارة.")[0]
    assert e.actor2 == "civilians"


def test_the_main_actor_before_its_ally_is_the_agent():
    e = _strikes("تواصل قوات النظام وحليفها الروسي قصف بلدة البارة اليوم.")[0]
    assert e.actor1 == "syrian_government"


def test_a_comma_before_and_closes_the_first_side_of_between():
    clash = next(e for e in _events("تجددت المواجهات اليوم بين الجيش التركي والفصائل الموالية له، ومقاتلي قسد "
                                    "قرب بلدة تل أبيض.") if e.type == "armed_clash")
    assert (clash.actor1, clash.actor2) == ("turkey", "sdf")
