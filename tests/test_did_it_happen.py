"""Did it happen: aims, media, standing posts, long periods and anchors are no news of the day; executions
are killings; the clitic helpers of the non-event rules (sentences written for these tests)."""

from datetime import date

import pytest

from core.extract.events import extract_events
from core.extract.events.cues import clitic_particle
from core.extract.ingest import document_from_text

PUBLISHED = "2020-02-12"


def _events(text):
    doc, _ = document_from_text("mine", text, published=PUBLISHED)
    return extract_events(doc)


def _types(text):
    return sorted(e.type for e in _events(text))


@pytest.mark.parametrize("text", [
    "تهدف القوات الحكومية بهذه العملية إلى السيطرة على مدينة سراقب.",
    "ويسعى الجيش إلى التقدم نحو بلدة النيرب.",
    "وكانت العملية الهادفة إلى اقتحام بلدة النيرب قد بدأت.",
    "أرادت الفصائل استعادة بلدة النيرب.",
    "خسرت قوات النظام عشرات العناصر في محاولتها التقدم نحو بلدة كفرنبل.",
])
def test_an_aim_or_an_attempt_is_no_capture(text):
    assert "territory_taken" not in _types(text)


def test_the_fight_of_an_attempt_stays_and_the_capture_told_done_too():
    assert _types("شنت قوات النظام هجوما في محاولتها التقدم نحو بلدة كفرنبل اليوم.") == ["armed_clash"]
    assert _types("سيطرت الفصائل اليوم على بلدة كفرنبل بعد هجوم يهدف إلى فتح الطريق.") == ["territory_taken"]


@pytest.mark.parametrize("text", [
    "تداول ناشطون صورة لرتل عسكري تركي في سراقب.",
    "وبثت صفحات محلية مقطعا مصورا يظهر رتلا للقوات التركية قرب سراقب.",
    "وتقع نقطة المراقبة التركية في بلدة مورك.",
])
def test_media_and_a_standing_post_are_no_deployment(text):
    assert "military_deployment" not in _types(text)


@pytest.mark.parametrize("text", [
    "أنشأ الجيش التركي نقطة مراقبة جديدة في سراقب اليوم.",
    "دخل رتل عسكري تركي إلى سراقب اليوم.",
])
def test_a_deployment_told_as_news_stays(text):
    assert _types(text) == ["military_deployment"]


@pytest.mark.parametrize("text", [
    "وانتهكت قوات الأسد الهدنة منذ ساعاتها الأولى فقصفت بلدة النيرب.",
    "تقصف قوات النظام بلدة كفرنبل منذ سنوات.",
    "تشن الطائرات الروسية منذ أسابيع غارات على ريف إدلب.",
])
def test_a_long_period_is_background(text):
    assert _events(text) == []


def test_since_this_morning_is_the_day():
    assert _types("قصفت قوات النظام منذ صباح اليوم بلدة النيرب.") == ["shelling"]


@pytest.mark.parametrize("text", [
    "في أعقاب إسقاط المروحية قرب سراقب، قصفت قوات النظام بلدة النيرب.",
    "كثفت الطائرات الروسية غاراتها على ريف إدلب انتقاما لإسقاط مروحيتها قرب سراقب.",
    "ردت الفصائل بقصف مواقع النظام في كفرنبل ردا على قصف الأخيرة بلدة النيرب.",
])
def test_an_anchored_event_is_no_news_of_the_day(text):
    events = _events(text)
    assert len({e.type for e in events}) == 1 and events[0].type in ("shelling", "airstrike"), [
        (e.type, e.evidence) for e in events]


def test_a_cause_with_its_toll_stays():
    events = _events("قتل أربعة مدنيين إثر غارة روسية على سراقب.")
    assert [(e.type, e.fatalities) for e in events] == [("airstrike", 4)]


def test_a_pluperfect_with_its_day_is_an_event_of_that_day():
    (e,) = _events("وكانت الفصائل قد انتزعت السيطرة على بلدة النيرب يوم السبت الفائت.")
    assert (e.type, e.actor1, e.date) == ("territory_taken", "opposition", date(2020, 2, 8))


@pytest.mark.parametrize(("text", "agent", "toll"), [
    ("وأعدمت هيئة تحرير الشام ثلاثة مدنيين في مدينة سراقب أمس.", "hts", 3),
    ("أعدم تنظيم الدولة تسعة جنود أسرى في ريف حمص الشرقي.", "isis", 9),
])
def test_an_execution_is_a_killing_with_its_toll(text, agent, toll):
    (e,) = _events(text)
    assert (e.type, e.actor1, e.fatalities) == ("casualties", agent, toll)


@pytest.mark.parametrize(("prefix", "particle"), [
    ("ل", "ل"), ("لل", "ل"), ("ول", "ل"), ("فلل", "ل"), ("ب", "ب"), ("وب", "ب"), ("و", ""), ("", ""),
    ("ال", None), ("وال", None), ("كال", None),
])
def test_clitic_particle(prefix, particle):
    assert clitic_particle(prefix) == particle


@pytest.mark.parametrize(("text", "agent", "target"), [
    ("كسرت فصائل المعارضة هجوما لقوات النظام على محور كفرنبل اليوم.", "opposition", "syrian_government"),
    ("أجهض الجيش هجوما للمسلحين على نقاطه قرب سراقب.", "syrian_government", "opposition"),
    ("وأعلنت الجبهة الوطنية للتحرير إحباط محاولة تقدم لقوات الأسد نحو سراقب.", "nlf", "syrian_government"),
])
def test_a_repelled_attack_is_a_clash_of_the_repeller(text, agent, target):
    (e,) = _events(text)
    assert (e.type, e.actor1, e.actor2) == ("armed_clash", agent, target)


@pytest.mark.parametrize("text", [
    "ولم تشهد المدينة معارك منذ بدء الحرب.",
    "يأتي ذلك بموجب اتفاق تخفيض التصعيد المبرم بين أنقرة وموسكو.",
])
def test_a_period_of_war_or_an_agreement_is_no_clash(text):
    assert _events(text) == []


def test_a_capture_recalled_by_a_rising_count_stays_no_event_whatever_its_clitic():
    assert _events("ومع السيطرة على التلة ارتفع عدد القرى المستعادة إلى عشرين.") == []
    assert _events("وبالسيطرة على التلة يرتفع عدد المواقع المستعادة إلى عشرين.") == []


def test_the_strikes_that_forced_a_withdrawal_are_news():
    types = _types("انسحبت الفصائل من قرية النيرب اليوم إثر غارات جوية عنيفة نفذتها الطائرات الروسية.")
    assert "airstrike" in types, types


def test_the_event_an_offset_counts_from_is_an_event_of_its_own_day():
    events = _events("وشنت الطائرات الروسية غارات على كفرنبل، بعد يومين من قصف قوات النظام بلدة النيرب.")
    assert sorted((e.type, e.date) for e in events) == [("airstrike", date(2020, 2, 12)),
                                                         ("shelling", date(2020, 2, 10))]


def test_the_fight_before_a_capture_stays_one_event():
    (e,) = _events("سيطرت قوات النظام على بلدة كفرنبل بعد اشتباكات عنيفة مع الفصائل.")
    assert e.type == "territory_taken"


def test_a_fight_aimed_at_a_capture_of_places_someone_holds_is_a_clash():
    text = "وكانت الحملة التي بدأتها قوات النظام يوم الأحد تهدف إلى الاستيلاء على القرى التي تسيطر عليها الفصائل."
    assert "territory_taken" not in _types(text)


def test_making_way_for_an_advance_is_no_capture():
    text = "وتقصف الطائرات مواقع التنظيم لإضعافه وتمهيد الطريق أمام مقاتلي قسد للتقدم نحو وسط المدينة."
    assert "territory_taken" not in _types(text)
