"""Who did it, as classes of construction (hand-written sentences, worded unlike any real passage): the ally a
strike is made for, the other side of a fight named by "بينها وبين" or by an object pronoun, victims who are the
attackers, a relative clause about a place, a passive agent that belongs to another event, the owner of a downed
aircraft, a short noun after the Free Army's name."""

from functools import partial

import pytest

from core.extract.mentions.actors import find_actors
from tests.sentences import events_of

_events = partial(events_of, published="2020-02-12")


def _one(text, layer=None, type_=None):
    evs = [e for e in _events(text) if (layer is None or e.layer == layer) and (type_ is None or e.type == type_)]
    assert evs, f"no event in {text!r}"
    return evs[0]


@pytest.mark.parametrize("text, agent, ally", [
    ("نفذت المقاتلات الروسية غارات مكثفة على بلدة كفرنبل مساندةً لقوات النظام المتقدمة في المنطقة.",
     "russia", "syrian_government"),
    ("تشن المروحيات الروسية غارات على بلدة سراقب كغطاء جوي لمقاتلي حزب الله.", "russia", "hezbollah"),
    ("قصفت المدفعية التركية مواقع الوحدات الكردية في عفرين إسناداً للجيش الوطني السوري.", "turkey", "sna"),
    ("استهدفت الطائرات الروسية بلدة سراقب تمهيدا لتقدم قوات النظام.", "russia", "syrian_government"),
    ("وشنت الطائرات الأمريكية ضربات على ريف دير الزور الشرقي دعمًا لقوات سوريا الديمقراطية.", "usa", "sdf"),
])
def test_the_ally_a_strike_is_made_for_is_no_target(text, agent, ally):
    e = _one(text, layer="strike")
    assert e.actor1 == agent and e.actor2 != ally


def test_a_supported_cue_names_only_the_actor_right_after_it():
    e = _one("أرسلت قوات النظام تعزيزات لدعم هجومها على مواقع الفصائل في سراقب.", type_="armed_clash")
    assert (e.actor1, e.actor2) == ("syrian_government", "opposition")


def test_the_other_side_after_a_pronoun_between():
    e = _one("سيطرت قوات النظام على بلدة بنش عقب الاشتباكات بينها وبين الفصائل.", type_="territory_taken")
    assert (e.actor1, e.actor2) == ("syrian_government", "opposition")
    e = _one("استعادت هيئة تحرير الشام قرية النيرب إثر معارك ضارية بينهم وبين قوات النظام.", layer="advance")
    assert (e.actor1, e.actor2) == ("hts", "syrian_government")


@pytest.mark.parametrize("text, attacker", [
    ("قتل 12 عنصرا من هيئة تحرير الشام هاجموا مواقع لقوات النظام قرب بلدة سراقب.", "hts"),
    ("لقي 15 مقاتلا من الفصائل حتفهم بعدما هاجموا حاجزا لقوات النظام في بلدة سراقب.", "opposition"),
])
def test_victims_who_attacked_are_the_agent(text, attacker):
    e = _one(text, type_="armed_clash")
    assert (e.actor1, e.actor2) == (attacker, "syrian_government")


def test_victims_who_were_attacked_stay_the_target():
    e = _one("قتل 3 عناصر من قوات النظام هاجمهم مسلحون في بلدة سراقب.", type_="armed_clash")
    assert e.actor1 != "syrian_government"


def test_a_relative_clause_about_the_place_names_no_party():
    e = _one("قتل 15 شخصا في غارة استهدفت مقهى في حي المشلب، الذي يحاول مقاتلو قوات سوريا الديمقراطية دخوله.",
             layer="strike")
    assert "sdf" not in (e.actor1, e.actor2)


def test_a_far_passive_agent_belongs_to_another_event():
    e = _one("وقال المرصد إن قوات النظام سيطرت على بلدة سراقب بعدما أحكمت قبضتها على محيطها لمنع تعرضها لهجمات "
             "من قبل الفصائل.", layer="advance")
    assert e.actor1 == "syrian_government"
    e = _one("تابعت المروحيات السورية إلقاء البراميل على أحياء مدينة حلب لليوم الثالث ليسقط عشرات القتلى، في حين "
             "نفت مصادر محلية مقتل قيادي بعد تفجير استهدف سيارته من قبل تنظيم داعش.", layer="strike")
    assert e.actor1 == "syrian_government" and e.actor2 != "isis"


def test_a_near_passive_agent_is_kept():
    e = _one("نزح آلاف المدنيين من بلدة سراقب هربا من القصف العنيف الذي تتعرض له البلدة من قبل قوات النظام.",
             layer="strike")
    assert e.actor1 == "syrian_government"


def test_the_owner_of_a_downed_aircraft_is_never_its_agent():
    e = _one("أعلنت وزارة الدفاع الروسية مساء الثلاثاء إسقاط مروحية تابعة للقوات الجوية الروسية فوق ريف إدلب.",
             type_="aircraft_downed")
    assert (e.actor1, e.actor2) == (None, "russia")


def test_the_shooters_of_a_targeted_aircraft_are_the_agent():
    e = _one("استهدفت الفصائل السورية المعارضة، مساء أمس، مروحية تابعة لقوات النظام في أجواء بلدة النيرب.",
             layer="strike")
    assert (e.actor1, e.actor2) == ("opposition", "syrian_government")


def test_a_repelled_attacker_named_before_is_the_other_side():
    e = _one("وحاولت عناصر حزب الله التسلل إلى بلدة كفرنبل، غير أن الفصائل تمكنت من صدهم.", type_="armed_clash")
    assert "hezbollah" in (e.actor1, e.actor2) and "opposition" in (e.actor1, e.actor2)


def test_a_masdar_with_its_subject_pronoun_takes_no_earlier_actor():
    e = _one("شنت الطائرات الروسية غارات على بلدة كفرنبل، فيما أعلنت الفصائل تصديها لهجوم على محور سراقب.",
             type_="armed_clash")
    assert e.actor2 != "russia"


def test_the_bare_army_after_the_free_army_is_the_army():
    actors = find_actors("اشتبك الجيش الحر مع دورية في حماة، وقال مصدر إن الجيش استعاد السيطرة على التلة.")
    assert [a.actor.actor_id for a in actors][-1] == "syrian_government"


@pytest.mark.parametrize("text, agent", [
    ("وقتل مدنيان في غارات أخرى نسبتها مصادر محلية للطيران الحربي التابع للنظام في قرية حاس.", "syrian_government"),
    ("وأصيب ثلاثة أطفال بقصف مدفعي عزته مصادر معارضة إلى القوات التركية في قرية تل رفعت.", "turkey"),
])
def test_the_party_a_strike_is_put_down_to_is_its_agent(text, agent):
    e = _one(text, layer="strike")
    assert e.actor1 == agent and e.actor2 != agent


def test_the_sides_of_a_fight_told_alongside_are_no_strike_target():
    evs = _events("وشنت المقاتلات الروسية غارات على قرية حاس بالتزامن مع اشتباكات عنيفة بين تنظيم داعش وقوات النظام "
                  "في البادية.")
    strike = next(e for e in evs if e.layer == "strike")
    assert (strike.actor1, strike.actor2) == ("russia", None)


@pytest.mark.parametrize("text, shooter, owner", [
    ("تمكنت هيئة تحرير الشام من إسقاط طائرة استطلاع روسية فوق جبل الزاوية.", "hts", "russia"),
    ("أعلن الجيش التركي إسقاط طائرتين حربيتين تابعتين للنظام السوري في إدلب.", "turkey", "syrian_government"),
])
def test_the_nation_of_a_downed_aircraft_is_the_target(text, shooter, owner):
    e = _one(text, type_="aircraft_downed")
    assert (e.actor1, e.actor2) == (shooter, owner)


@pytest.mark.parametrize("text, agent, loser", [
    ("أحرزت قوات النظام تقدما على حساب الفصائل في ريف حماة الشمالي.", "syrian_government", "opposition"),
    ("وأكد مصدر ميداني أن الجيش حقق تقدماً على المسلحين قرب بلدة كفرنبل بعد معارك مع الجيش الحر.",
     "syrian_government", "opposition"),
])
def test_the_subject_of_progress_is_the_agent(text, agent, loser):
    e = _one(text, layer="advance")
    assert (e.actor1, e.actor2) == (agent, loser)


@pytest.mark.parametrize("text, helper", [
    ("سيطرت قوات النظام على بلدة سراقب بتغطية جوية من الطيران الروسي.", "russia"),
    ("قصفت قوات النظام بمشاركة الطيران الروسي بلدة كفرنبل بعشرات الغارات.", "russia"),
    ("تقدمت قوات النظام بمساعدة من الميليشيات الإيرانية وسيطرت على قرية النيرب.", "iran"),
])
def test_who_helps_or_covers_the_agent_is_neither_agent_nor_target(text, helper):
    e = _one(text, layer="advance") if "سيطرت" in text else _one(text, layer="strike")
    assert e.actor1 == "syrian_government" and e.actor2 != helper
