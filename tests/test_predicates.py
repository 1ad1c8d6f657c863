"""One candidate event per predicate (issue 11 item 5), on hand-written sentences: a second action with its
own subject is its own event; a generic word describing the strike just told, a back-reference framed by
"يأتي/يتزامن", an interception of missiles and an anonymous "amid" strike are not new events."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text

PUBLISHED = "2020-02-12"


def _events(text):
    doc, _ = document_from_text("mine", text, published=PUBLISHED)
    return extract_events(doc)


def _kinds(text):
    """One (type, actor1) per event (rows of one event share type, date and char_start)."""
    seen = {}
    for e in _events(text):
        seen.setdefault((e.type, e.date, e.char_start, e.actor1), (e.type, e.actor1))
    return sorted(seen.values(), key=lambda k: (k[0], k[1] or ""))


def test_a_generic_attack_word_describing_the_strike_is_not_a_clash():
    kinds = _kinds("قصفت طائرات روسية اليوم بلدة كفرنبل في ثاني هجوم من نوعه خلال الأسبوع.")
    assert kinds == [("airstrike", "russia")]


def test_a_generic_attack_word_after_a_concurrency_cue_stays_an_event():
    kinds = _kinds("قصفت طائرات روسية اليوم بلدة كفرنبل بالتزامن مع هجوم لقوات النظام على بلدة حيش.")
    assert ("airstrike", "russia") in kinds and any(t == "armed_clash" for t, _ in kinds)


def test_a_framed_event_noun_refers_back_and_the_new_event_keeps_its_own_agent():
    text = ("قصفت الطائرات الإسرائيلية اليوم مواقع قرب مدينة حمص.\n"
            "والقصف الإسرائيلي جاء بعد ساعات من قيام الطيران الروسي بشن غارات على بلدة كفرنبل.")
    kinds = _kinds(text)
    assert ("airstrike", "russia") in kinds
    assert sum(1 for t, a in kinds if a == "israel") == 1  # the framed "القصف الإسرائيلي" is no second strike


def test_a_framing_verb_before_the_noun_drops_the_back_reference():
    text = ("سيطرت قوات النظام اليوم على بلدة حيش بعد معارك عنيفة.\n"
            "ويتزامن تقدم قوات النظام مع غارات مكثفة لروسيا على بلدة كفرنبل.")
    kinds = _kinds(text)
    assert kinds.count(("territory_taken", "syrian_government")) == 1
    assert ("airstrike", "russia") in kinds


def test_missiles_shot_down_are_an_interception_not_a_downing():
    kinds = _kinds("شنت طائرات إسرائيلية غارات على مواقع قرب دمشق، حيث أسقطت الدفاعات الجوية عددا من الصواريخ.")
    assert all(t != "aircraft_downed" for t, _ in kinds)
    assert kinds == [("airstrike", "israel")]


def test_an_aircraft_shot_down_is_still_a_downing():
    kinds = _kinds("أسقطت الفصائل اليوم طائرة مسيرة قرب بلدة سرمين بصاروخ حراري.")
    assert any(t == "aircraft_downed" for t, _ in kinds)


def test_a_second_action_with_its_own_subject_is_its_own_event():
    text = ("قصفت قوات النظام بالمدفعية بلدة كفرنبل، بالإضافة إلى قيام الفصائل باستهداف مواقع قوات النظام "
            "في بلدة حيش بالقذائف.")
    kinds = _kinds(text)
    assert ("shelling", "syrian_government") in kinds and ("shelling", "opposition") in kinds


def test_a_reported_proposition_with_its_own_subject_is_its_own_event():
    text = ("أفاد المرصد باستمرار الاشتباكات العنيفة بين قوات النظام والفصائل في ريف إدلب الجنوبي، مشيرا إلى أن "
            "القوات الحكومية تمكنت من السيطرة على بلدة حيش.")
    types = {t for t, _ in _kinds(text)}
    assert {"armed_clash", "territory_taken"} <= types


def test_a_capture_after_fighting_is_one_event():
    kinds = _kinds("سيطرت قوات النظام اليوم على بلدة حيش بعد معارك عنيفة مع الفصائل.")
    assert kinds == [("territory_taken", "syrian_government")]


def test_an_amid_strike_with_its_own_owner_is_an_event():
    text = "قتل مدنيان اليوم بقصف مدفعي لقوات النظام على بلدة كفرنبل، وسط غارات مكثفة لطائرات روسيا على المنطقة."
    kinds = _kinds(text)
    assert ("shelling", "syrian_government") in kinds and ("airstrike", "russia") in kinds


def test_an_anonymous_amid_strike_is_background():
    kinds = _kinds("تقدمت قوات النظام اليوم في بلدة حيش، وسط قصف عنيف على خطوط التماس.")
    assert kinds == [("territory_taken", "syrian_government")]


def test_an_amid_clash_happens_where_its_host_happens():
    events = _events("تقدمت قوات النظام اليوم على محور بلدة حيش، وسط اشتباكات عنيفة مع فصائل المعارضة التي تحاول "
                     "منع عزل مدينة سراقب.")
    clash_places = {e.place_ar for e in events if e.type == "armed_clash"}
    advance_places = {e.place_ar for e in events if e.type == "territory_taken"}
    assert advance_places and advance_places <= clash_places
