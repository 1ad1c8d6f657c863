"""Argument roles by structure and strike type from the instrument (hand-written sentences)."""

from functools import partial

from tests.sentences import events_of

PUBLISHED = "2020-02-12"


_events = partial(events_of, published=PUBLISHED)


def _strikes(text):
    return [e for e in _events(text) if e.layer == "strike"]


def test_victims_before_the_strike_word_are_not_the_agent():
    e = _strikes("قتل جندي تركي اليوم بسبب استهداف قوات النظام لنقطة تركية في بلدة سرمين.")[0]
    assert e.actor1 == "syrian_government"
    e = _strikes("أعلنت المصادر عن مقتل 3 مدنيين في بلدة بنش جراء قصف صاروخي.")[0]
    assert e.actor1 != "civilians"


def test_target_verb_does_not_hide_its_subject():
    e = _strikes("استهدفت اليوم القوات التركية مواقع لقوات النظام قرب مدينة سراقب.")[0]
    assert (e.actor1, e.actor2) == ("turkey", "syrian_government")


def test_event_noun_before_a_target_verb_is_its_subject():
    e = _strikes("شهدت بلدة بنش قصفا مكثفا استهدف المدنيين اليوم.")[0]
    assert e.actor1 != "civilians"


def test_instrument_and_owner_phrases_name_the_agent():
    e = _strikes("قتل مدنيان في بلدة سرمين بقصف مدفعي وجوي لـ قوات النظام.")[0]
    assert e.actor1 == "syrian_government"
    e = _strikes("تعرضت بلدة بنش لقصف مكثف من المسيرات وراجمات الصواريخ التابعة للجيش التركي.")[0]
    assert e.actor1 == "turkey" and e.type == "drone_strike"
    e = _strikes("قصفت بلدة كفرنبل اليوم بطائرات روسية.")[0]
    assert (e.actor1, e.type) == ("russia", "airstrike")
    e = _strikes("ألقت المروحيات الحربية التابعة للنظام براميل متفجرة على بلدة بنش.")[0]
    assert e.actor1 == "syrian_government"


def test_weapon_genitive_of_a_verbal_noun_is_the_agent():
    e = _strikes("أصيب مدنيون في مدينة سراقب نتيجة استهداف طيران النظام لسيارة مدنية.")[0]
    assert (e.actor1, e.type) == ("syrian_government", "airstrike")


def test_regime_named_by_its_head_after_the_verb():
    e = _strikes("قصفت قوات نظام بشار الأسد اليوم مدينة أريحا.")[0]
    assert e.actor1 == "syrian_government"


def test_coordinated_agents_through_an_owned_noun_take_the_first():
    e = _strikes("قصفت قوات النظام والمواقع التابعة للجيش الروسي قرية بينين اليوم.")[0]
    assert e.actor1 == "syrian_government"
    e = _strikes("إن قوات النظام والمواقع التابعة للجيش الروسي قصفت قرية بينين اليوم.")[0]
    assert e.actor1 == "syrian_government"


def test_downed_aircraft_nationality_is_the_target():
    e = [e for e in _events("أسقطت الفصائل طائرة مسيرة تركية قرب مدينة سراقب اليوم.")
         if e.type == "aircraft_downed"][0]
    assert (e.actor1, e.actor2) == ("opposition", "turkey")


def test_targeting_an_aircraft_with_a_result_is_a_downing():
    e = _strikes("استهدفت الفصائل مروحية للنظام قرب مدينة سراقب ما أدى إلى سقوطها.")[0]
    assert (e.type, e.actor1) == ("aircraft_downed", "opposition")


def test_strike_type_from_the_aircraft_that_made_it():
    assert _strikes("قصفت طائرات النظام قرية معرة حرمة اليوم.")[0].type == "airstrike"
    e = _strikes("قال المرصد إن مقاتلة تركية استهدفت مواقع لقوات سوريا الديمقراطية قرب قرية صيدا.")[0]
    assert (e.type, e.actor1) == ("airstrike", "turkey")
    e = _strikes("استهدفت طائرة مسيرة تركية سيارة في ريف القامشلي اليوم.")[0]
    assert (e.type, e.actor1) == ("drone_strike", "turkey")
    # named artillery stays shelling
    assert _strikes("قصفت القوات التركية بالمدفعية قرية صيدا اليوم.")[0].type == "shelling"


def test_agent_carried_within_a_continuing_report_is_flagged():
    text = ("قصفت المدفعية التركية اليوم مواقع في بلدة تل أبيض.\n\n"
            "كما طاول القصف المدفعي مخفرا قرب بلدة القحطانية.")
    later = [e for e in _strikes(text) if e.char_start > 40][0]
    assert later.actor1 == "turkey" and ("agent:context" in later.rule or "agent:discourse" in later.rule)
    # a new report (no continuation) does not inherit
    text = ("قصفت المدفعية التركية اليوم مواقع في بلدة تل أبيض.\n\n"
            "وفي سياق منفصل، طاول القصف المدفعي مخفرا قرب بلدة القحطانية.")
    later = [e for e in _strikes(text) if e.char_start > 40][0]
    assert later.actor1 is None
