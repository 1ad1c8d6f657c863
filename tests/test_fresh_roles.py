"""Roles, types and tolls found wrong on fresh reporting of the 2019-2020 Idlib offensive (sentences written
for the tests): supporters written as participles, patrons named by a bare noun, a subject before the verb,
"من" after a strike noun, an aircraft targeted by a subject before the verb, and the toll a cause word binds."""

from functools import partial

from core.extract.mentions.actors import find_actors
from core.extract.wordforms import participle_forms
from tests.sentences import events_of

PUBLISHED = "2020-02-20"


_events = partial(events_of, published=PUBLISHED)


def _roles(text):
    return {m.surface: (m.actor.actor_id, m.role_hint) for m in find_actors(text)}


def test_participle_forms_cover_gender_number_and_the_article():
    forms = participle_forms("مدعوم")
    assert {"مدعوم", "مدعومة", "مدعوما", "مدعومين", "المدعومون", "المدعومتين"} <= set(forms)


def test_supporter_participles_in_every_form():
    roles = _roles("تقدمت الفصائل مدعمة بالقوات التركية نحو البلدة.")
    assert roles["القوات التركية"] == ("turkey", "supporter")
    roles = _roles("دخلت قوات النظام المدينة مدعوماً بالميليشيات الإيرانية.")
    assert roles["الميليشيات الإيرانية"] == ("iran", "supporter")


def test_backed_fighters_take_the_town_not_their_backer():
    e = next(e for e in _events("سيطرت الفصائل مدعمة بالقوات التركية على بلدة النيرب اليوم.")
             if e.type == "territory_taken")
    assert e.actor1 == "opposition" and e.actor2 != "turkey"
    e = next(e for e in _events("سيطرت قوات النظام مدعوماً بالميليشيات الإيرانية على مدينة كفرنبل اليوم.")
             if e.type == "territory_taken")
    assert e.actor1 == "syrian_government" and e.actor2 != "iran"


def test_patron_named_by_a_bare_noun():
    roles = _roles("تقدمت القوات الموالية للحكومة نحو القرية.")
    assert roles["القوات الموالية للحكومة"][0] == "syrian_government"
    roles = _roles("قصفت الميليشيات التابعة لطهران البلدة.")
    assert roles["الميليشيات التابعة لطهران"][0] == "iran"
    # the bare noun names no one outside the patron phrase
    assert not [m for m in find_actors("اجتمعت الحكومة في دمشق اليوم.") if m.actor.actor_id == "syrian_government"]


def test_subject_before_the_verb_keeps_the_noun_after_it_as_target():
    e = next(e for e in _events("وقال مصدر محلي إن قوات النظام قصفت القوات التركية المتمركزة في بلدة سرمين.")
             if e.layer == "strike")
    assert (e.actor1, e.actor2) == ("syrian_government", "turkey")


def test_min_after_a_strike_noun_names_the_agent():
    e = next(e for e in _events("قتل ثلاثة مدنيين بقصف مدفعي من قوات النظام على بلدة كفرنبل.")
             if e.layer == "strike")
    assert e.actor1 == "syrian_government" and e.fatalities == 3


def test_aircraft_targeted_by_a_subject_before_the_verb_is_downed():
    e = next(e for e in _events("وأضاف المصدر أن الطيران التركي استهدف طائرة حربية سورية بصاروخ ما أدى إلى "
                                "سقوطها قرب بلدة سراقب."))
    assert (e.type, e.actor1) == ("aircraft_downed", "turkey")


def test_toll_goes_to_the_event_its_cause_word_names():
    events = _events("أسقطت الفصائل طائرة حربية فوق بلدة سراقب، في وقت قتل فيه خمسة مدنيين وجرح آخرون "
                     "جراء قصف صاروخي من قوات النظام على بلدة بنش.")
    downed = next(e for e in events if e.type == "aircraft_downed")
    shelled = next(e for e in events if e.type == "shelling")
    assert downed.fatalities is None and shelled.fatalities == 5


def test_a_past_toll_that_opens_the_sentence_is_not_the_retaliation_toll():
    e = next(e for e in _events("بعد مقتل 12 جنديا تركيا، قصفت المدفعية التركية اليوم مواقع قوات النظام في "
                                "بلدة سراقب.") if e.layer == "strike")
    assert e.actor1 == "turkey" and e.fatalities is None


def test_an_attack_named_by_its_weapon_is_that_strike():
    types = {e.type for e in _events("استهدفت هجمات صاروخية بلدة سرمين اليوم وسقطت على مدرسة.")}
    assert "shelling" in types and "armed_clash" not in types


def test_killed_as_a_result_counts_the_toll():
    e = next(e for e in _events("شنت الطائرات الحربية غارات على مدينة أريحا، قتل على إثرها سبعة مدنيين.")
             if e.layer == "strike")
    assert e.fatalities == 7


def test_a_definite_head_before_a_name_is_another_actor():
    roles = _roles("طردت الفصائل قوات النظام من القرية.")
    assert roles["الفصائل"][0] == "opposition" and roles["قوات النظام"][0] == "syrian_government"
    assert _roles("انتشرت الشرطة العسكرية الروسية في المدينة.")["الشرطة العسكرية الروسية"][0] == "russia"
    e = next(e for e in _events("طردت الفصائل قوات النظام من قرية كنصفرة اليوم.") if e.type == "territory_taken")
    assert (e.actor1, e.actor2) == ("opposition", "syrian_government")


def test_the_subject_of_a_support_verb_is_the_agent():
    e = next(e for e in _events("تمكنت الفصائل اليوم من طرد قوات النظام من قرية كنصفرة.")
             if e.type == "territory_taken")
    assert (e.actor1, e.actor2) == ("opposition", "syrian_government")
    e = next(e for e in _events("وتمكنت قوات النظام من السيطرة على قرية كفرنبل بعد معارك مع الفصائل.")
             if e.type == "territory_taken")
    assert e.actor1 == "syrian_government"
    e = next(e for e in _events("وذكر ناشطون أن الفصائل نجحت في طرد عناصر النظام من بلدة كنصفرة.")
             if e.type == "territory_taken")
    assert e.actor1 == "opposition"


def test_a_reply_on_the_source_of_fire_is_a_strike_of_its_own():
    events = _events("قتل جنديان تركيان في قصف لقوات النظام على بلدة سرمين اليوم. وقالت أنقرة إن القوات التركية "
                     "ردت على الهجوم ودمرت أهدافا في محيط بلدة سراقب.")
    replies = [e for e in events if e.layer == "strike" and e.actor1 == "turkey"]
    assert replies and replies[0].place_ar == "سراقب"
    e = next(e for e in _events("وردت المدفعية التركية على مصادر النيران في محيط بلدة النيرب اليوم.")
             if e.layer == "strike")
    assert e.actor1 == "turkey"
