"""Trigger recall by morphology and construction (hand-written sentences in the news register).

Generated verb forms (imperfect, agreement), the instrument phrase before its verb, a noun trigger that
runs into its genitive agent, undergoer and nominal constructions; and the states and non-events that
must stay silent.
"""

import pytest

from core.extract.events import extract_events
from core.extract.ingest import document_from_text
from core.extract.mentions.triggers import find_triggers
from core.extract.wordforms import expand

PUBLISHED = "2020-02-12"


def _events(text):
    doc, _ = document_from_text("forms", text, published=PUBLISHED)
    return {(e.type, e.actor1) for e in extract_events(doc)}


def test_verb_lemmas_generate_imperfect_and_agreement():
    forms = expand("سيطر", "verb")
    assert {"سيطر", "يسيطر", "تسيطر", "يسيطرون", "تسيطران"} <= set(forms)
    assert {"يستعيد", "تستعيد"} <= set(expand("استعاد/يستعيد", "verb"))
    # clitics and suffixes come from the matcher: "وتسيطر"، "سيطروا"، "فاستعادوها"
    for text in ("وتسيطر القوات على التلة", "سيطروا على التلة", "فاستعادوها بعد ساعات"):
        assert "territory_taken" in {t.event_type for t in find_triggers(text)}, text


@pytest.mark.parametrize("text, expected", [
    # subject first, the instrument phrase is the agent's name
    ("الطائرات الروسية قصفت قرية كفرعويد صباح اليوم الأربعاء.", ("airstrike", "russia")),
    ("الطائرات الحربية التابعة للنظام قصفت بلدة حزارين صباح اليوم.", ("airstrike", "syrian_government")),
    ("المقاتلات الروسية تستهدف بلدة كفرعويد بعدة غارات.", ("airstrike", "russia")),
    # a noun trigger that runs into its genitive agent ("قصف الطيران" + "الطيران الروسي")
    ("قصف الطيران الروسي بلدة حزارين صباح اليوم.", ("airstrike", "russia")),
    # imperfect of a capture or an advance in a present-tense report
    ("قوات النظام تسيطر على قرية كفرعويد جنوبي إدلب.", ("territory_taken", "syrian_government")),
    ("قوات النظام تتوغل في قرية حزارين بعد اشتباكات.", ("territory_taken", "syrian_government")),
    ("أحكم الجيش السوري قبضته على بلدة حزارين اليوم.", ("territory_taken", "syrian_government")),
    # a weapon after ب, an imperfect of طال
    ("استهدفت قوات النظام بالمدافع الثقيلة بلدة حزارين اليوم.", ("shelling", "syrian_government")),
])
def test_constructions_give_the_event(text, expected):
    assert expected in _events(text), (text, _events(text))


@pytest.mark.parametrize("text", [
    "قصف يطال قرية كفرعويد جنوبي إدلب صباح اليوم.",
    "تعرضت قرية كفرعويد لقصف مدفعي صباح اليوم.",
    "سقطت قذائف على قرية كفرعويد صباح اليوم.",
])
def test_undergoer_and_nominal_reports(text):
    assert any(t == "shelling" for t, _ in _events(text)), (text, _events(text))


@pytest.mark.parametrize("text", [
    # a state: the imperfect in a relative or resumptive clause, a control that goes on
    "تقع قرية كفرعويد ضمن المناطق التي تسيطر عليها الفصائل جنوبي إدلب.",
    "وكانت حزارين أول قرية تسيطر عليها قوات النظام في المنطقة.",
    "ما زالت قوات النظام تسيطر على بلدة حزارين منذ أشهر.",
    # aims, attempts, negation, non-military uses
    "تحاول قوات النظام السيطرة على بلدة حزارين.",
    "لم تتمكن قوات النظام من السيطرة على بلدة حزارين.",
    "قصفت الصحيفة الحكومة بمقالات لاذعة.",
])
def test_states_and_non_events_stay_silent(text):
    assert not {t for t, _ in _events(text)} & {"territory_taken", "shelling", "airstrike"}, (text, _events(text))


@pytest.mark.parametrize("past, masdar", [
    ("استهدف", "استهداف"), ("استعاد", "استعادة"), ("استدعى", "استدعاء"), ("أسقط", "إسقاط"), ("أخلى", "إخلاء"),
    ("أقام", "إقامة"), ("انسحب", "انسحاب"), ("اقتحم", "اقتحام"), ("توغل", "توغل"), ("سيطر", "سيطرة"),
    ("استولى=استيلاء", "استيلاء"),
])
def test_masdar_class_derives_the_verbal_noun(past, masdar):
    forms = expand(past, "masdar")
    assert forms[0] == masdar and "ال" + masdar in forms


def test_masdar_forms_are_triggers_with_clitics_and_pronouns():
    for text in ("بدأ انسحاب القوات من البلدة", "وبعد انسحابها من المدينة", "أعلن الجيش إسقاط مسيرة"):
        assert {"withdrawal", "aircraft_downed"} & {t.event_type for t in find_triggers(text)}, text


def test_joint_patrol_with_an_adjective_between():
    text = "انطلقت صباح اليوم الدورية البرية المشتركة الثانية بين القوات التركية والروسية في ريف الحسكة."
    assert ("joint_patrol", "turkey") in _events(text)
