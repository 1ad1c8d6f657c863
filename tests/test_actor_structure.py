"""Who did it and what type, on sentences written for these tests in the register of outlets of every stance.

Covers: actor wordings of pro-government, opposition, Kurdish, Turkish and Iranian reporting; proxies named
by their patron ("الفصائل الموالية لأنقرة" → sna, "ومرتزقته"); SNA component factions; joint agents (the first
named acts, the others are no target); an accusation (the accused acts, not the speaker); the strike type
from its instrument (drones by their adjective, after عبر, an attack made with a drone); the object of a
strike is its target, not a deployment.
"""

import pytest

from core.extract.events import extract_events
from core.extract.ingest import document_from_text
from core.extract.mentions.actors import find_actors

MAP_LAYERS = ("strike", "ground", "advance")


def _map_events(text):
    doc, _ = document_from_text("mine", text, published="2020-02-12")
    return [e for e in extract_events(doc) if e.layer in MAP_LAYERS]


def _ids(text):
    return [a.actor.actor_id for a in find_actors(text)]


@pytest.mark.parametrize("text, event_type, actor1", [
    # pro-government wordings
    ("قصف الجيش العربي السوري مواقع الإرهابيين في بلدة سرمين.", "shelling", "syrian_government"),
    ("اعتدت المجموعات الإرهابية بالقذائف الصاروخية على بلدة محردة.", "shelling", "opposition"),
    ("شنت الجماعات التكفيرية هجوما على مواقع الجيش في بلدة سراقب.", "armed_clash", "opposition"),
    ("شن الطيران الحربي السوري غارات على بلدة سرمين.", "airstrike", "syrian_government"),
    ("قصفت القوات الجوفضائية الروسية مواقع المسلحين في بلدة سرمين.", "airstrike", "russia"),
    # opposition wordings
    ("قصفت ميليشيات أسد بلدة سرمين بالمدفعية الثقيلة.", "shelling", "syrian_government"),
    ("قصفت ميليشيات إيران بلدة سرمين بالصواريخ.", "shelling", "iran"),
    ("شن الاحتلال الروسي غارات على بلدة سرمين.", "airstrike", "russia"),
    ("هاجمت هتش مواقع قوات النظام في بلدة سراقب.", "armed_clash", "hts"),
    # Kurdish wordings
    ("قصف جيش الاحتلال التركي ومرتزقته قرية تل رفعت.", "shelling", "turkey"),
    ("هاجمت مرتزقة تركيا قرية عين عيسى.", "armed_clash", "sna"),
    ("استهدفت طائرة مسيرة تابعة للاحتلال التركي منزلا في بلدة عين عيسى.", "drone_strike", "turkey"),
    ("قصفت الجندرما التركية قرية في ريف اللاذقية.", "shelling", "turkey"),
    # Turkish wordings
    ("استهدف تنظيم بي كا كا الإرهابي بلدة مارع بقذائف الهاون.", "shelling", "sdf"),
    ("قصفت قسد مواقع الجيش السوري الوطني في بلدة مارع.", "shelling", "sdf"),
    # SNA factions and proxies
    ("سيطرت فرقة الحمزات على قرية في ريف عفرين.", "territory_taken", "sna"),
    ("سيطرت فرقة السلطان مراد على قرية في ريف عفرين.", "territory_taken", "sna"),
    ("قصفت الفصائل الموالية لأنقرة قرية عين عيسى.", "shelling", "sna"),
    ("قصفت فصائل المعارضة المدعومة تركيا قرية عين عيسى.", "shelling", "sna"),
    ("قصف طيران التحالف الدولي مواقع داعش في ريف دير الزور.", "airstrike", "usa"),
])
def test_outlets_of_every_stance_name_the_agent(text, event_type, actor1):
    events = _map_events(text)
    assert events, text
    assert (events[0].type, events[0].actor1) == (event_type, actor1)


def test_a_generic_group_named_by_its_patron_is_the_proxy():
    assert _ids("أعلن مقاتلو المعارضة الذين تدعمهم تركيا أنهم تقدموا") == ["sna"]
    assert _ids("تقدمت الفصائل المدعومة من قبل أنقرة") == ["sna"]
    assert _ids("انتشرت القوات الموالية للنظام في البلدة") == ["syrian_government"]
    assert _ids("استهدفت قوات النظام والمجموعات الموالية لها القرية") == ["syrian_government", "syrian_government"]
    assert _ids("هاجم مرتزقة الاحتلال التركي القرية") == ["sna"]


def test_a_specific_actor_keeps_its_backers_as_supporters():
    found = find_actors("تقدمت القوات الحكومية المدعومة من روسيا وإيران")
    assert [(a.actor.actor_id, a.role_hint) for a in found] == [
        ("syrian_government", ""), ("russia", "supporter"), ("iran", "supporter")]
    # a place between the generic mention and the cue does not make a proxy
    assert "turkey" in _ids("سيطرت المعارضة على سراقب أمس بعد معارك عنيفة التي تدعمها تركيا")


def test_joint_agents_the_first_acts_and_none_is_the_target():
    (e,) = _map_events("قصفت قوات النظام والميليشيات الإيرانية بلدة سرمين.")
    assert (e.actor1, e.actor2) == ("syrian_government", None)
    events = _map_events("أفاد ناشطون أن قوات النظام والمواقع التابعة للجيش الروسي وحزب الله "
                         "قصفت بالمدفعية قرية بينين.")
    assert events and {e.actor1 for e in events} == {"syrian_government"}
    (e,) = _map_events("قصف جيش الاحتلال التركي ومرتزقته قرية تل رفعت.")
    assert (e.actor1, e.actor2) == ("turkey", None)


def test_weapons_owned_by_allies_name_the_first_owner():
    events = _map_events("تعرضت قرية الداودية لقصف مكثف من المسيرات وراجمات الصواريخ التابعة للجيش التركي "
                         "وفصائل المعارضة صباح اليوم.")
    assert events and all(e.actor1 == "turkey" for e in events), [(e.type, e.actor1) for e in events]


def test_the_holder_of_a_place_is_not_the_agent():
    events = _map_events("قصفت الطائرات التركية قرى الريحانية الواقعة تحت سيطرة قسد، بعد سيطرتهم على قرية الداودية.")
    assert events and all(e.actor1 != "sdf" for e in events), [(e.type, e.actor1) for e in events]


def test_an_accusation_makes_the_accused_the_agent_not_the_speaker():
    events = _map_events("وقالت القيادة العامة للجيش في بيان إن المجموعات الإرهابية قامت اليوم باستهداف حفل في "
                         "مدينة حمص عبر مسيرات تحمل ذخائر.")
    assert [(e.type, e.actor1) for e in events] == [("drone_strike", "opposition")]


@pytest.mark.parametrize("text, event_type", [
    ("قصفت قوات الأسد بطائرات انتحارية بلدة سرمين.", "drone_strike"),
    ("قصف الطيران المسير التابع لقوات النظام بلدة سرمين.", "drone_strike"),
    ("استهدفت قوات النظام بلدة سرمين بالطيران المسير.", "drone_strike"),
    ("هاجمت قسد بطائرة مسيرة مواقع الجيش الوطني في بلدة مارع.", "drone_strike"),
    ("وشن مرتزقة الاحتلال التركي ليلة أمس هجوما بطائرتين مسيرتين قرية مرعناز.", "drone_strike"),
    ("أغارت طائرة حربية تركية بعدد من الصواريخ على مواقع قسد في بلدة تل رفعت.", "airstrike"),
    ("شنت هيئة تحرير الشام هجوما على مواقع قوات النظام في بلدة سراقب بالأسلحة الرشاشة.", "armed_clash"),
])
def test_the_instrument_types_the_strike(text, event_type):
    events = _map_events(text)
    assert [e.type for e in events] == [event_type], [(e.type, e.actor1) for e in events]


def test_a_retaliation_is_its_own_event_with_its_own_agent():
    events = _map_events("شنت هيئة تحرير الشام هجوما على مواقع قوات النظام في بلدة سراقب، فيما ردت قوات النظام "
                         "بقصف مدفعي على بلدة سرمين.")
    assert [(e.type, e.actor1) for e in events] == [("armed_clash", "hts"), ("shelling", "syrian_government")]


def test_the_post_a_strike_hits_is_its_object_not_a_deployment():
    doc, _ = document_from_text("mine", "واستهدفت قوات النظام المتمركزة في محيط بلدة سراقب اليوم نقطة مراقبة "
                                        "تركية على أطراف بلدة سرمين بالمدفعية.", published="2020-02-12")
    types = {e.type for e in extract_events(doc)}
    assert types == {"shelling"}


def test_proxies_through_pronouns_adjectives_and_units():
    assert _ids("قصفت القواعد التركية والفصائل الموالية لها مواقع الجيش") == ["turkey", "sna", "syrian_government"]
    assert _ids("شنت مجموعات مسلحة تابعة للحكومة السورية هجوما")[0] == "syrian_government"
    assert _ids("دمرت الفرقة الأولى التابعة للجيش الوطني مقرا لقسد") == ["sna", "sdf"]
    assert _ids("قتل طفل بقصف مدفعي حكومي")[0] == "syrian_government"


def test_an_actor_spelled_with_one_ya_less_is_the_same_actor():
    from core.extract.events import extract_events
    from core.extract.ingest import document_from_text

    doc, _ = document_from_text("mine", "قصفت مليشيات الأسد بلدة كفرنبل بالمدفعية.", published="2020-02-12")
    assert [e.actor1 for e in extract_events(doc)] == ["syrian_government"]
