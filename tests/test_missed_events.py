"""Events told without the usual verbs (a flag raised over a place, a reply told by "ضرب" after what it
answers) and non-events (a capture "until" it is done, a campaign that "entered its n-th week").
Sentences written for these tests."""

import pytest

from core.extract.ingest import document_from_text
from core.extract.mentions.triggers import find_triggers
from core.extract.pipeline import extract_documents


def _events(text):
    doc = document_from_text("t", text, published="2020-02-12")[0]
    df = extract_documents([doc])
    return [(r.type, r.actor1) for r in df.itertuples()]


@pytest.mark.parametrize("text, actor", [
    ("وقامت وحدات الجيش برفع العلم الوطني فوق مبنى المخفر في بلدة التمانعة.", "syrian_government"),
    ("رفع مقاتلو المعارضة أعلامهم على تلة في ريف بلدة اللطامنة بعد معارك.", "opposition"),
    ("ورفعت قوات سوريا الديمقراطية رايتها وسط مدينة الطبقة.", "sdf"),
])
def test_flag_raised_is_a_capture(text, actor):
    events = _events(text)
    assert ("territory_taken", actor) in events, events


@pytest.mark.parametrize("text", [
    # a flag over an embassy, or another thing lifted
    "رفعت الإمارات علمها فوق مبنى سفارتها في دمشق بعد سنوات من الإغلاق.",
    "ورفع الرئيس الحصار عن البلدة بعد أيام من المفاوضات.",
    "ورفعت الحكومة أسعار الوقود في مدينة حلب.",
    # "until" a capture: not yet one
    "وستبقى الفصائل في مواقعها لحين استعادة التلة من قوات النظام قرب كفرنبل.",
    "وتواصل القوات حشد مقاتليها ريثما تسيطر على بلدة كفرنبل.",
    # a campaign entering its n-th week or month is no storming
    "ودخلت الحملة العسكرية على أحياء مدينة حمص المحاصرة أسبوعها الثاني، في محاولة للسيطرة على الأحياء.",
    "ودخل الهجوم البري لقوات النظام على بلدة كفرنبل شهره الثاني.",
])
def test_no_capture(text):
    assert not any(t == "territory_taken" for t, _ in _events(text)), _events(text)


@pytest.mark.parametrize("text", [
    "وردت المدفعية التركية مباشرة على القصف بضرب مواقع لقوات النظام قرب بلدة النيرب.",
    "وقامت القوات التركية بضرب تجمعات لقوات النظام في محيط بلدة النيرب.",
])
def test_strike_told_by_the_verbal_noun_of_darab(text):
    events = _events(text)
    assert ("shelling", "turkey") in events, events


def test_darab_without_a_target_word_is_no_strike():
    """Only with the positions it hit is ضرب a strike of its own; otherwise at most the generic verb."""
    assert not any(t.event_type == "shelling" and not t.generic
                   for t in find_triggers("وأكد المسؤول أن ذلك ضرب للاستقرار في المنطقة"))




def test_entering_a_town_on_a_day_stays_a_capture():
    assert ("territory_taken", "syrian_government") in _events("دخلت قوات النظام بلدة كفرنبل يوم الأحد بعد معارك.")


@pytest.mark.parametrize("aside", [
    "ويذكر أن قصفا مماثلا بالمدفعية طال قرية معرشورين، ما أدى إلى مقتل مدني.",
    "تجدر الإشارة إلى أن ضربات مماثلة طالت قرية معرشورين جنوب إدلب.",
])
def test_a_similar_strike_in_an_aside_is_another_event(aside):
    text = "قصفت المدفعية الثقيلة بلدة التح صباح اليوم.\n\n" + aside
    events = _events(text)
    assert len([t for t, _ in events if t == "shelling"]) == 2, events


def test_an_aside_without_similar_still_recalls_the_background():
    text = "قصفت المدفعية الثقيلة بلدة التح صباح اليوم.\n\nيذكر أن القوات قد قصفت قرية معرشورين."
    assert len(_events(text)) == 1, _events(text)


def _rows(text):
    doc = document_from_text("t", text, published="2019-05-20")[0]
    return [(r.type, r.place_ar) for r in extract_documents([doc]).itertuples()]


@pytest.mark.parametrize("text, taken, struck, kind", [
    ("تقدمت قوات النظام إلى قرية الهبيط وسط قصف جوي على بلدة كفرنبل.", "الهبيط", "كفر نبل", "airstrike"),
    ("سيطرت قوات النظام على قرية الهبيط وسط غارات جوية مكثفة على بلدة كفرنبل.", "الهبيط", "كفر نبل", "airstrike"),
    ("تقدمت قوات النظام في قرية الهبيط وسط قصف مدفعي عنيف على بلدة عابدين.", "الهبيط", "عابدين", "shelling"),
    ("تقدمت قوات النظام إلى قرية الهبيط وسط قصف جوي استهدف بلدة كفرنبل.", "الهبيط", "كفر نبل", "airstrike"),
    ("تقدمت قوات النظام إلى قرية الهبيط وسط قصف جوي على أطراف بلدة كفرنبل.", "الهبيط", "كفر نبل", "airstrike"),
])
def test_strike_on_another_town_amid_an_advance_is_its_own_event(text, taken, struck, kind):
    rows = _rows(text)
    assert ("territory_taken", taken) in rows and (kind, struck) in rows, rows
    assert ("territory_taken", struck) not in rows, rows  # the struck town was not taken


def test_anonymous_amid_strike_without_a_town_stays_background():
    rows = _rows("تقدمت قوات النظام إلى قرية الهبيط وسط قصف عنيف على خطوط التماس.")
    assert [t for t, _ in rows] == ["territory_taken"], rows


@pytest.mark.parametrize("text, place", [
    ("وتستخدم قوات النظام الطائرات الحربية لدك مواقع الفصائل في بلدة اللطامنة.", "اللطامنة"),
    ("واستخدمت القوات الروسية المروحيات لدك مواقع المعارضة في قرية الهبيط.", "الهبيط"),
    ("واستعانت قوات النظام بالطيران الحربي لقصف مواقع الفصائل في بلدة كفرزيتا.", "كفر زيتا"),
    ("واستخدمت قوات النظام الطائرات الحربية في قصف بلدة اللطامنة.", "اللطامنة"),
])
def test_strike_told_as_what_aircraft_are_used_for(text, place):
    assert ("airstrike", place) in _rows(text), _rows(text)


def test_pounding_as_an_aim_is_no_strike():
    rows = _rows("وأرسلت قوات النظام تعزيزات إلى بلدة الهبيط لدك مواقع الفصائل.")
    assert not any(t in ("airstrike", "shelling") for t, _ in rows), rows


@pytest.mark.parametrize("text, day", [
    ("وكانت قوات النظام سيطرت مطلع الشهر على بلدة كفرنبودة.", "2019-05-01"),
    ("وكانت الفصائل قد استعادت منتصف الشهر قرية الهبيط بعد معارك.", "2019-05-11"),
])
def test_pluperfect_capture_at_a_part_of_this_month_is_an_event(text, day):
    doc = document_from_text("t", "قصفت الطائرات الروسية اليوم بلدة حاس.\n\n" + text, published="2019-05-20")[0]
    rows = [(r.type, str(r.date)[:10]) for r in extract_documents([doc]).itertuples()]
    assert ("territory_taken", day) in rows, rows


def test_end_of_the_month_told_early_in_it_dates_nothing():
    from datetime import date

    from core.extract.mentions.times import find_times
    assert not find_times("ستنسحب القوات أواخر الشهر من البلدة", date(2019, 5, 5))


def test_a_habitual_word_far_before_is_another_events_predicate():
    text = ("وفي الوقت الذي ما تزال فيه المعارك مستمرة بين الفصائل وقوات النظام على الأطراف الغربية لبلدة كفرنبودة, "
            "تستهدف قوات النظام بعشرات القذائف الصاروخية بلدة الهبيط المجاورة.")
    doc = document_from_text("t", text, published="2019-05-20")[0]
    rows = [(r.type, r.actor1, r.place_ar) for r in extract_documents([doc]).itertuples()]
    assert ("shelling", "syrian_government", "الهبيط") in rows, rows


def test_a_habitual_word_near_the_strike_still_tells_a_pattern():
    rows = _rows("وتتعرض بلدة الهبيط بشكل شبه يومي لقصف مدفعي من قوات النظام.")
    assert not rows, rows


@pytest.mark.parametrize("text", [
    "رفعت قوات الجيش السوري صباح يوم الجمعة العلم الوطني في ساحة بلدة الهبيط.",
    "تجولت وحدات من الجيش السوري في شوارع بلدة الهبيط، وذلك بعد استعادة السيطرة عليها أمس.",
])
def test_capture_told_after_the_main_clause_takes_its_subject(text):
    doc = document_from_text("t", text, published="2019-05-20")[0]
    rows = [(r.type, r.actor1, r.place_ar) for r in extract_documents([doc]).itertuples()]
    assert ("territory_taken", "syrian_government", "الهبيط") in rows, rows


@pytest.mark.parametrize("text", [
    "ونظم أنصار النظام مسيرات في مدينة السقيلبية احتفالا بسيطرة قوات النظام على بلدة كفرنبودة.",
    "وأطلق عناصر النظام الرصاص في مدينة السقيلبية ابتهاجا بسيطرتهم على بلدة كفرنبودة.",
])
def test_capture_told_as_what_is_celebrated_is_not_at_the_celebration(text):
    rows = _rows(text)
    assert ("territory_taken", "كفر نبودة") in rows and ("territory_taken", "السقيلبية") not in rows, rows


def test_capture_after_a_time_anchor_is_news_of_its_own():
    rows = _rows("ونزح مئات المدنيين من بلدة كفرنبل في أعقاب سيطرة قوات النظام على قرية الهبيط.")
    assert ("territory_taken", "الهبيط") in rows, rows


def test_capture_answered_by_a_strike_stays_background():
    rows = _rows("وقصفت الطائرات الروسية بلدة كفرنبل ردا على سيطرة الفصائل على قرية الهبيط.")
    assert ("territory_taken", "الهبيط") not in rows, rows


def test_capture_noun_with_its_object_as_a_pronoun():
    doc = document_from_text("t", "وقصفت الفصائل بلدة كفرنبودة إثر سيطرة قوات النظام عليها صباح اليوم.",
                             published="2019-05-20")[0]
    rows = [(r.type, r.actor1, r.place_ar) for r in extract_documents([doc]).itertuples()]
    assert ("territory_taken", "syrian_government", "كفر نبودة") in rows, rows


def test_holder_noun_without_an_object_is_no_capture():
    rows = _rows("وقصفت قوات النظام بلدة كفرنبل الواقعة في مناطق سيطرة الفصائل.")
    assert not any(t == "territory_taken" for t, _ in rows), rows


@pytest.mark.parametrize("text, kind", [
    ("سيطرت قوات النظام على قرية الهبيط بعد تمهيد جوي على بلدة كفرنبل.", "airstrike"),
    ("سيطرت قوات النظام على قرية الهبيط بعد تمهيد مدفعي على بلدة كفرنبل.", "shelling"),
])
def test_softening_up_barrage_before_a_capture_is_a_strike(text, kind):
    rows = _rows(text)
    assert ("territory_taken", "الهبيط") in rows and (kind, "كفر نبل") in rows, rows
    assert ("territory_taken", "كفر نبل") not in rows, rows


def test_paving_the_way_is_no_strike():
    rows = _rows("وتسعى قوات النظام إلى تمهيد الطريق لاقتحام بلدة كفرنبل.")
    assert not any(t in ("airstrike", "shelling") for t, _ in rows), rows


def test_capture_hours_after_another_side_took_it_keeps_its_agent():
    text = "وكانت الفصائل استعادت قرية الهبيط يوم الخميس بعد ساعات من سيطرة قوات النظام عليها."
    doc = document_from_text("t", text, published="2019-05-20")[0]
    rows = [(r.type, r.actor1) for r in extract_documents([doc]).itertuples()]
    assert ("territory_taken", "opposition") in rows, rows
