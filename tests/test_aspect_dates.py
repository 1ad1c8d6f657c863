"""Aspect (events/aspect.py: mentions recalling an earlier event) and the dates of nights spanning two
days and of offsets whose sentence has no day. Sentences written for these tests in the news register."""

from datetime import date

import pytest

from core.extract.events import extract_events
from core.extract.mentions.times import find_times
from core.model import Document

PUBLISHED = date(2020, 2, 12)  # a Wednesday


def _reports(text, published=PUBLISHED):
    """(type, date, actor1) per reported event (rows of one event share char_start)."""
    out = {}
    for e in extract_events(Document("t", text, published=published)):
        out.setdefault((e.type, e.date, e.char_start), (e.type, e.date, e.actor1))
    return sorted(out.values(), key=str)


@pytest.mark.parametrize("phrase", ["ليل الثلاثاء/الأربعاء", "ليل الثلاثاء - الأربعاء", "ليلة الثلاثاء على الأربعاء",
                                    "ليل الثلاثاء الأربعاء", "ليلة الثلاثاء-الاربعاء", "ليل الثلاثاء والأربعاء"])
def test_a_night_between_two_days_is_dated_the_later_one(phrase):
    times = find_times(f"قصفت المدفعية بلدة سرمين {phrase} بعشرات القذائف", PUBLISHED)
    assert [(t.date, t.date_start, "overnight" in t.flags) for t in times] == [
        (date(2020, 2, 12), date(2020, 2, 11), True)]


def test_a_night_pair_before_publication_and_not_consecutive_days():
    assert find_times("قصف ليل الأحد/الاثنين الماضي", PUBLISHED)[0].date == date(2020, 2, 10)
    # two days that are not consecutive are no night pair: the first weekday alone dates it
    assert [t.date for t in find_times("قصف ليل الأحد الجمعة", PUBLISHED)][0] == date(2020, 2, 9)


def test_an_offset_in_a_sentence_without_a_day_counts_from_the_day_given_before():
    text = ("قصفت الطائرات الإسرائيلية مساء أمس مواقع قرب مطار دمشق. "
            "وجاء القصف بعد ساعات من شن الطائرات الروسية غارات على بلدة سرمين.")
    offset = [t for t in find_times(text, PUBLISHED) if "event_offset" in t.flags]
    assert offset and offset[0].date == date(2020, 2, 11)


def test_a_pluperfect_recall_joins_the_event_it_repeats():
    text = ("قتل جنديان تركيان أمس الثلاثاء في قصف لقوات النظام على نقطة المراقبة في بلدة سرمين.\n"
            "وكان جنديان تركيان قد قتلا في استهداف نقطة المراقبة في بلدة سرمين، وأعلنت وزارة الدفاع التركية الحداد.")
    strikes = [r for r in _reports(text) if r[0] in ("shelling", "airstrike")]
    assert strikes == [("shelling", date(2020, 2, 11), "syrian_government")]


def test_a_pluperfect_recall_of_another_event_is_no_event_of_the_report():
    text = ("سيطرت قوات النظام اليوم على بلدة سرمين بعد معارك عنيفة.\n"
            "وكانت طائرات روسية قد قصفت مدينة أريحا بعشرات الغارات.")
    assert [r[0] for r in _reports(text)] == ["territory_taken"]


def test_a_pluperfect_with_its_own_day_is_an_event_of_that_day():
    text = ("سيطرت قوات النظام اليوم على بلدة سرمين.\n"
            "وكانت طائرات روسية قد قصفت مدينة أريحا يوم الاثنين الماضي.")
    assert ("airstrike", date(2020, 2, 10), "russia") in _reports(text)


def test_a_pluperfect_reporting_verb_does_not_make_the_reported_event_background():
    text = "وكان المرصد السوري قد أفاد باندلاع اشتباكات عنيفة بين قوات النظام والفصائل في بلدة سرمين."
    assert [r[0] for r in _reports(text)] == ["armed_clash"]


def test_an_earlier_adverb_in_the_clause_makes_a_recall():
    text = ("استهدفت طائرة مسيرة تركية اليوم سيارة عسكرية قرب بلدة تل تمر.\n"
            "ويأتي ذلك بعد أن قتل في وقت سابق ثلاثة عناصر بغارة لطائرة مسيرة تركية على بلدة عامودا.")
    assert [r[0] for r in _reports(text)] == ["drone_strike"]


def test_a_pluperfect_without_qad_is_a_recall_too_but_not_after_a_reporting_verb():
    recall = ("سيطرت قوات النظام اليوم على بلدة سرمين.\n"
              "وكانت قوات النظام قصفت مدينة أريحا بالمدفعية.")
    assert [r[0] for r in _reports(recall)] == ["territory_taken"]
    reported = "وكانت مصادر محلية أفادت بمقتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على بلدة سرمين."
    assert [r[0] for r in _reports(reported)] == ["shelling"]


def test_a_clash_told_from_both_sides_is_one_event():
    text = ("شنت قوات النظام اليوم هجوما بريا على بلدة كفرنبل.\n"
            "وتمكنت فصائل المعارضة من صد هجوم قوات النظام على بلدة كفرنبل.")
    assert [r[0] for r in _reports(text)] == ["armed_clash"]


def test_a_lead_and_its_detail_with_the_same_toll_are_one_event_and_distinct_tolls_stay_apart():
    lead = "قصفت قوات النظام اليوم مدينة أريحا ما أدى لمقتل 5 مدنيين.\n"
    detail = "كما نفذت قوات النظام قصفا مدفعيا على أريحا وسرمين وبنش، تسبب بمقتل 5 مدنيين."
    assert [r[0] for r in _reports(lead + detail)] == ["shelling"]
    other = "كما نفذت قوات النظام قصفا مدفعيا على أريحا وسرمين وبنش، تسبب بمقتل 9 مدنيين."
    assert [r[0] for r in _reports(lead + other)] == ["shelling", "shelling"]


def test_a_clause_timed_only_by_months_up_to_now_is_background():
    text = ("اندلعت اليوم اشتباكات عنيفة بين الفصائل وقوات النظام في بلدة كفرنبل.\n"
            "يذكر أن قوات النظام شنت عشرات الهجمات على بلدة سرمين خلال الأشهر الماضية.")
    assert [r[0] for r in _reports(text)] == ["armed_clash"]


def test_a_week_of_a_background_clause_does_not_date_the_paragraphs_after_it():
    text = ("أعلنت قوات سوريا الديمقراطية اليوم انسحاب مقاتليها من بلدة تل تمر.\n"
            "وفي وقت سابق قالت فصائل المعارضة التي سيطرت على أطراف البلدة الأسبوع الماضي إن المعارك مستمرة.\n"
            "وانسحب المقاتلون من بلدة تل تمر باتجاه الحسكة.")
    withdrawals = [r for r in _reports(text) if r[0] == "withdrawal"]
    assert withdrawals == [("withdrawal", PUBLISHED, "sdf")]


def test_one_strike_called_a_raid_then_a_missile_strike_is_one_event():
    text = ("شنت طائرات حربية إسرائيلية مساء أمس غارات على مطار حلب الدولي.\n"
            "وأوضح مصدر عسكري أن الجيش الإسرائيلي استهدف مساء أمس مطار حلب الدولي بصواريخ أرض أرض.")
    strikes = [r for r in _reports(text) if r[0] in ("airstrike", "shelling")]
    assert len(strikes) == 1 and strikes[0][2] == "israel"


@pytest.mark.parametrize(("phrase", "day"), [("في 9 من الشهر الجاري", date(2020, 2, 9)), ("يوم 9 الجاري", date(2020, 2, 9)),
                                             ("في التاسع من الشهر الحالي", date(2020, 2, 9)),
                                             ("في 28 من الشهر الماضي", date(2020, 1, 28))])
def test_a_day_of_the_current_or_last_month_named_without_the_month(phrase, day):
    assert [t.date for t in find_times(f"قصفت الطائرات بلدة سرمين {phrase}", PUBLISHED)] == [day]
    assert "future" in find_times("تنتهي المهلة في 20 الجاري", PUBLISHED)[0].flags


@pytest.mark.parametrize(("text", "day"), [("قال المرصد السوري الأحد إن طائرات قصفت البلدة", date(2020, 2, 9)),
                                           ("قتل خمسة مدنيين السبت في غارات على سرمين", date(2020, 2, 8)),
                                           ("وصل السبت إلى الميناء", date(2020, 2, 8)),
                                           ("أعلنت الوزارة الاثنين أن القصف توقف", date(2020, 2, 10)),
                                           ("شنت الطائرات الجمعة غارات على أريحا", date(2020, 2, 7))])
def test_a_bare_weekday_name_in_the_wire_style_is_a_date(text, day):
    assert [t.date for t in find_times(text, PUBLISHED)] == [day]


@pytest.mark.parametrize("text", ["تبادل الاثنين الاتهامات", "أدى المصلون صلاة الجمعة في المسجد",
                                  "وصل الأحد عشر مقاتلا إلى البلدة", "تسود الثقة بين الاثنين"])
def test_a_weekday_name_in_its_other_sense_is_no_date(text):
    assert find_times(text, PUBLISHED) == []


@pytest.mark.parametrize("text", [
    "تستعد قوات النظام لاقتحام بلدة سرمين خلال الساعات المقبلة.",
    "توعدت هيئة تحرير الشام بقصف مواقع قوات النظام في سراقب.",
    "قد يشن الجيش التركي هجوما على مواقع قوات النظام في سراقب.",
    "يعيش السكان خوفا من قصف قوات النظام على بلدة سرمين.",
    "لم تتمكن قوات النظام من السيطرة على بلدة سرمين.",
    "فشلت قوات النظام في التقدم نحو بلدة سرمين.",
])
def test_preparations_threats_fears_modals_and_failures_are_no_events(text):
    assert _reports(text) == []


def test_people_fleeing_for_fear_of_a_strike_are_displaced_and_the_feared_strike_is_no_event():
    assert [r[0] for r in _reports("فر السكان خوفا من قصف قوات النظام على بلدة سرمين.")] == ["displacement"]


def test_a_failed_attack_is_still_a_fight_and_a_perfect_after_qad_is_factual():
    assert [r[0] for r in _reports("فشل هجوم لقوات النظام على بلدة سرمين.")] == ["armed_clash"]
    assert [r[0] for r in _reports("قد تمكنت قوات النظام من السيطرة على بلدة سرمين.")] == ["territory_taken"]


def test_a_habit_without_a_day_is_no_event_but_a_day_with_a_habit_is():
    assert _reports("شهدت بلدة سرمين خلال الأسابيع الماضية قصفا متكررا من قوات النظام.") == []
    assert _reports("وتتعرض بلدة سرمين بشكل شبه يومي لقصف قوات النظام.") == []
    assert [r[0] for r in _reports("قصفت قوات النظام اليوم بلدة سرمين كعادتها.")] == ["shelling"]


def test_an_event_the_text_dates_half_a_year_before_publication_is_history():
    text = ("قصفت قوات النظام اليوم بلدة سرمين.\n"
            "وكانت تركيا قد أعلنت في أيار 2019 الانتهاء من إقامة نقاط المراقبة في إدلب.\n"
            "وقصفت الطائرات الروسية بلدة بنش في 20 كانون الثاني الماضي.")
    reports = _reports(text)
    assert ("shelling", PUBLISHED, "syrian_government") in reports
    assert ("airstrike", date(2020, 1, 20), "russia") in reports  # three weeks before: still news
    assert not [r for r in reports if r[1] is not None and r[1].year == 2019]


def test_the_morning_after_dates_the_event_named_after_it_not_the_one_before():
    text = "قتل ثلاثة مدنيين اليوم بقصف لقوات النظام على بلدة سرمين، غداة غارات روسية على بلدة بنش."
    dates = {r[0]: r[1] for r in _reports(text)}
    assert dates == {"shelling": PUBLISHED, "airstrike": date(2020, 2, 11)}


@pytest.mark.parametrize("phrase", ["للمرة الأولى منذ عام 2016", "لأول مرة منذ سنوات", "وللمرة الأولى منذ أشهر"])
def test_for_the_first_time_since_dates_nothing_and_keeps_the_event(phrase):
    text = f"شنت الطائرات الحربية الروسية أمس غارات على مدينة سراقب {phrase}."
    assert find_times(f"غارات على مدينة سراقب {phrase}.", PUBLISHED) == []
    assert _reports(text) == [("airstrike", date(2020, 2, 11), "russia")]


def test_a_since_phrase_without_first_time_is_still_a_range():
    times = find_times("تسيطر الفصائل على مدينة سراقب منذ عام 2016.", PUBLISHED)
    assert [("since" in t.flags, t.date_start) for t in times] == [(True, date(2016, 1, 1))]


def _advances(text: str) -> list[tuple[str, str | None, date | None]]:
    doc = Document(doc_id="mine", text=text, published=date(2020, 2, 12))
    return [(e.type, e.actor1, e.date) for e in extract_events(doc) if e.layer in ("ground", "advance")]


def test_a_recalled_day_dates_its_recall_only_and_a_group_claiming_the_capture_tells_it_again():
    rows = _advances("تمكنت الفصائل من استعادة السيطرة على مدينة سراقب. وكانت قوات النظام قد تقدمت إلى المدينة "
                     "قبل أسبوع. وأكدت الجبهة الوطنية للتحرير استعادة سراقب بالكامل.")
    assert rows == [("territory_taken", "opposition", date(2020, 2, 12)),
                    ("territory_taken", "syrian_government", date(2020, 2, 5))]


def test_a_day_told_without_a_recall_still_dates_the_next_sentence():
    rows = _advances("سيطرت قوات النظام أمس على بلدة حيش. ودخلت القوات بعدها قرية التح.")
    assert {d for _t, _a, d in rows} == {date(2020, 2, 11)}
