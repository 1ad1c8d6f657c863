"""Time expressions resolved against the publication date (own example sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from core.extract.mentions.times import best_time, find_times, mark_inherited, resolve_inherited
from core.model import TimeMention

THU = date(2020, 2, 13)  # a Thursday
TUE = date(2020, 2, 11)
D = date


def only(text: str, pub: date | None = THU) -> TimeMention:
    found = find_times(text, pub)
    assert len(found) == 1, found
    t = found[0]
    assert text[t.start:t.end] == t.surface
    return t


@pytest.mark.parametrize(("text", "surface", "day"), [
    ("قصفت الطائرات البلدة اليوم", "اليوم", D(2020, 2, 13)),
    ("اندلعت اشتباكات أمس في محيط القرية", "أمس", D(2020, 2, 12)),
    ("وكان الوفد قد وصل أول أمس إلى العاصمة", "أول أمس", D(2020, 2, 11)),
    ("استهدف القصف المدينة صباح اليوم", "صباح اليوم", D(2020, 2, 13)),
    ("شنت الطائرات غارات فجر اليوم", "فجر اليوم", D(2020, 2, 13)),
    ("دارت معارك عنيفة مساء أمس", "مساء أمس", D(2020, 2, 12)),
    ("سيطرت القوات على التلة يوم الثلاثاء", "يوم الثلاثاء", D(2020, 2, 11)),
    ("هاجم مسلحون الحاجز الثلاثاء قرب المدينة", "الثلاثاء", D(2020, 2, 11)),
    ("أعلنت الفصائل اليوم الخميس بدء الهجوم", "اليوم الخميس", D(2020, 2, 13)),
    ("وصل الوفد الاثنين الماضي إلى أنقرة", "الاثنين الماضي", D(2020, 2, 10)),
    ("أجرى الوزير زيارة الخميس الماضي", "الخميس الماضي", D(2020, 2, 6)),  # strictly before publication
    ("عقد الاجتماع مساء الاثنين في القصر", "مساء الاثنين", D(2020, 2, 10)),
    ("تعرضت القرية لقصف مدفعي أمس (الأربعاء)", "أمس (الأربعاء)", D(2020, 2, 12)),
    ("قتل جندي يوم السبت في الهجوم", "يوم السبت", D(2020, 2, 8)),
    ("تجددت الغارات مساء الأحد على المنطقة", "مساء الأحد", D(2020, 2, 9)),
    ("قُتل مدنيان قبل يومين بقصف صاروخي", "قبل يومين", D(2020, 2, 11)),
    ("انسحبت الفصائل قبل ثلاثة أيام من البلدة", "قبل ثلاثة أيام", D(2020, 2, 10)),
    ("قصفت المدفعية البلدة في ١٧ سبتمبر ٢٠١٨ بحسب ناشطين", "١٧ سبتمبر ٢٠١٨", D(2018, 9, 17)),
    ("بدأت الحملة في 28 من كانون الثاني على ريف حلب", "28 من كانون الثاني", D(2020, 1, 28)),
    ("وقع الاتفاق في 5 آذار/مارس 2020 في موسكو", "5 آذار/مارس 2020", D(2020, 3, 5)),
    ("نشر البيان بتاريخ 11/2/2020 على الموقع", "11/2/2020", D(2020, 2, 11)),
    ("أعلن المجلس في 15 رجب 1441 هـ قرارا جديدا", "15 رجب 1441 هـ", D(2020, 3, 10)),
])
def test_single_day_expressions(text: str, surface: str, day: date) -> None:
    t = only(text)
    assert t.surface == surface
    assert (t.date, t.date_start, t.date_end, t.precision) == (day, day, day, "day")


def test_yesterday_with_conflicting_weekday_uses_the_weekday() -> None:
    # published on a Tuesday: "yesterday Tuesday" → the explicit weekday wins (the publication day)
    t = only("سيطرت القوات على الطريق أمس الثلاثاء", TUE)
    assert t.date == TUE
    assert "weekday_conflict" in t.flags


def test_yesterday_with_matching_weekday_has_no_conflict() -> None:
    t = only("استمر القصف أمس الأربعاء على البلدة")
    assert t.date == D(2020, 2, 12)
    assert "weekday_conflict" not in t.flags


def test_day_before_yesterday_with_weekday() -> None:
    t = only("صرح المتحدث أول أمس الثلاثاء بأن المحادثات مستمرة")
    assert t.date == D(2020, 2, 11) and t.flags == ()


def test_today_with_wrong_weekday_is_flagged() -> None:
    t = only("أكد المتحدث اليوم الجمعة أن الهدنة صامدة")
    assert t.date == D(2020, 2, 7)
    assert "weekday_conflict" in t.flags


def test_explicit_date_beats_weekday() -> None:
    t = only("وقع الهجوم الأحد 9 شباط 2020 قرب سراقب")
    assert t.date == D(2020, 2, 9) and "weekday_conflict" not in t.flags
    t = only("وقع الهجوم الاثنين 9 شباط 2020 قرب سراقب")
    assert t.date == D(2020, 2, 9) and "weekday_conflict" in t.flags


@pytest.mark.parametrize(("text", "surface"), [
    ("ليلة أمس تعرضت البلدة لقصف عنيف", "ليلة أمس"),
    ("قصفت الطائرات الليلة الماضية مخيما للنازحين", "الليلة الماضية"),
])
def test_last_night_runs_into_the_published_day(text: str, surface: str) -> None:
    t = only(text)
    assert t.surface == surface
    assert (t.date, t.date_start, t.date_end) == (D(2020, 2, 12), D(2020, 2, 12), THU)
    assert "overnight" in t.flags


def test_since_last_friday_is_a_range_to_publication() -> None:
    t = only("صعدت القوات حملتها منذ يوم الجمعة الماضي على المنطقة")
    assert t.surface == "منذ يوم الجمعة الماضي"
    assert (t.date_start, t.date_end, t.date) == (D(2020, 2, 7), THU, D(2020, 2, 7))
    assert t.precision == "week" and "since" in t.flags


def test_since_start_of_month_until_yesterday_joins_into_one_range() -> None:
    text = "نزح أكثر من 100 ألف شخص منذ بداية كانون الثاني/ يناير الماضي، وحتى تاريخ أمس"
    t = only(text)
    assert t.surface.startswith("منذ بداية") and t.surface.endswith("أمس")
    assert (t.date_start, t.date_end) == (D(2020, 1, 1), D(2020, 2, 12))
    assert t.date == D(2020, 2, 12)  # a long running count: its latest day
    assert t.precision == "range"


def test_since_start_of_month_open_range() -> None:
    t = only("تتواصل الغارات منذ بداية الشهر الجاري")
    assert (t.date_start, t.date_end) == (D(2020, 2, 1), THU)


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("تقدمت القوات خلال الأسبوع الماضي في ريف حماة", D(2020, 2, 6), D(2020, 2, 12), "week"),
    ("تراجعت حدة القصف الشهر الماضي", D(2020, 1, 1), D(2020, 1, 31), "month"),
    ("وثق المرصد خلال الساعات الماضية عشرات الغارات", D(2020, 2, 12), THU, "day"),
    ("قتل خمسة مدنيين خلال الساعات الـ24 الماضية", D(2020, 2, 12), THU, "day"),
    ("خلال الـ48 ساعة الماضية استهدفت المدفعية البلدة", D(2020, 2, 11), THU, "week"),
    ("سيطرت القوات على عدة قرى في الأيام الماضية", D(2020, 2, 10), THU, "week"),
    ("قصف الطيران البلدة في ديسمبر الماضي", D(2019, 12, 1), D(2019, 12, 31), "month"),
    ("تعرضت المدينة لقصف في (كانون الأول) ديسمبر الماضي", D(2019, 12, 1), D(2019, 12, 31), "month"),
    ("بدأ النزوح في نوفمبر/ تشرين الثاني 2019 من الريف الجنوبي", D(2019, 11, 1), D(2019, 11, 30), "month"),
])
def test_spans(text: str, start: date, end: date, precision: str) -> None:
    t = only(text)
    assert (t.date_start, t.date_end, t.precision) == (start, end, precision)
    assert start <= t.date <= end


def test_since_some_days_is_vague() -> None:
    t = only("تحاصر القوات البلدة منذ أيام")
    assert t.date_end == THU and t.date_start < THU
    assert "vague" in t.flags and "since" in t.flags


def test_month_in_the_publication_month_without_marker_is_this_year() -> None:
    t = only("قتل عشرة أشخاص في 3 شباط")
    assert t.date == D(2020, 2, 3) and "year_inferred" in t.flags
    t = only("قتل عشرة أشخاص في 20 شباط")  # later than publication: last year
    assert t.date == D(2019, 2, 20)


def test_past_month_marker_in_the_same_month_means_last_year() -> None:
    t = only("في فبراير الماضي سيطرت القوات على البلدة")
    assert t.date_start == D(2019, 2, 1)


def test_day_range_in_a_month() -> None:
    t = only("جرت المعارك من 4 إلى 7 شباط في محيط المدينة")
    assert (t.date_start, t.date_end, t.precision) == (D(2020, 2, 4), D(2020, 2, 7), "week")


def test_years_are_background() -> None:
    found = find_times("سيطرت القوات على الطريق منذ عام 2012 وحتى أمس", THU)
    assert "year_only" in found[0].flags and found[0].surface.startswith("منذ عام 2012")
    # "for the first time since 2012" compares with the past: no time at all (test_aspect_dates)
    found = find_times("سيطرت القوات على الطريق لأول مرة منذ عام 2012 أمس", THU)
    assert [t.surface for t in found] == ["أمس"] and best_time(found).surface == "أمس"
    t = only("الاتفاق الموقع في العام 2018")
    assert (t.date_start, t.date_end, t.precision) == (D(2018, 1, 1), D(2018, 12, 31), "range")
    assert "year_only" in only("جرت الدوريات العام الماضي").flags


def test_future_expressions_are_flagged() -> None:
    t = only("يعقد الاجتماع الاثنين المقبل في جنيف")
    assert t.date == D(2020, 2, 17) and "future" in t.flags


@pytest.mark.parametrize("text", [
    "قتل أحد المقاتلين في الاشتباك",  # أحد = one of
    "خرج المصلون بعد صلاة الجمعة في المسجد الكبير",
    "وصل الأحد عشر مقاتلا إلى الميناء",  # الأحد عشر = eleven (a bare السبت/الأحد is the weekday: test_aspect_dates)
    "تبادل الاثنين الاتهامات",
    "قال موقع روسيا اليوم إن القوات تقدمت",
    "لليوم الثاني على التوالي تتواصل الاحتجاجات",
    "اتصل الرئيس رجب طيب أردوغان بنظيره",
    "مارس الجيش ضغوطا على الفصائل",
    "قصفت القوات 115 هدفا في 2 من المحاور",
    "الطريق الدولي إم فور M4 وطائرات F16",
    "قصفت المدفعية مواقع الفصائل في ريف إدلب الجنوبي",
])
def test_no_time_here(text: str) -> None:
    assert find_times(text, THU) == []


def test_bare_ambiguous_weekday_in_parentheses_or_commas() -> None:
    assert only("قتل ثلاثة مدنيين (السبت) بقصف").date == D(2020, 2, 8)
    assert only("أعلنت الوزارة، الجمعة، أن القصف توقف").date == D(2020, 2, 7)


def test_no_published_date() -> None:
    found = find_times("قصفت الطائرات القرية أمس الثلاثاء واليوم", None)
    assert len(found) == 2
    for t in found:
        assert t.date is None and t.date_start is None and t.date_end is None
        assert "no_published_date" in t.flags
    t = only("وقع الاتفاق في 17 سبتمبر 2018", None)  # absolute: still resolved
    assert t.date == D(2018, 9, 17) and "no_published_date" not in t.flags


def test_spans_point_into_original_text_with_diacritics_and_tatweel() -> None:
    text = "قَصَفَت الطائراتُ البلدة أمـــس الثُّلاثاء، وقُتل ٣ مدنيين"
    t = only(text, TUE)
    assert t.surface == "أمـــس الثُّلاثاء"
    assert text[t.start:t.end] == t.surface


def test_several_mentions_sorted_and_not_overlapping() -> None:
    text = "قصفت الطائرات البلدة أمس، فيما أعلنت الوزارة اليوم أن الوفد زار أنقرة الاثنين الماضي"
    found = find_times(text, THU)
    assert [t.surface for t in found] == ["أمس", "اليوم", "الاثنين الماضي"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_bad_input() -> None:
    assert find_times("", THU) == []
    assert find_times("Talks resumed yesterday in Geneva", THU) == []
    assert find_times("<p>قصف أمس</p>", THU)[0].date == D(2020, 2, 12)
    long_text = ("قصفت الطائرات البلدة. " * 5000) + "أمس"
    assert [t.surface for t in find_times(long_text, THU)] == ["أمس"]


def test_best_time_prefers_resolved_fine_mentions() -> None:
    found = find_times("خلال الأسبوع الماضي وتحديدا مساء الاثنين شنت القوات هجوما", THU)
    assert best_time(found).surface == "مساء الاثنين"
    assert best_time([]) is None


def test_resolve_inherited_within_paragraphs() -> None:
    yesterday = only("أمس")
    monday = only("الاثنين الماضي")
    result = resolve_inherited([[yesterday], [], [monday], []], paragraph_of_sentence=[0, 0, 0, 1])
    assert result == [yesterday, yesterday, monday, None]
    result = resolve_inherited([[], [monday]], paragraph_of_sentence=[0, 0])
    assert result == [monday, monday]
    assert "inherited" in mark_inherited(yesterday).flags


@pytest.mark.parametrize(("text", "surface", "day"), [
    ("وصلت التعزيزات في الثاني من شباط إلى المنطقة", "الثاني من شباط", D(2020, 2, 2)),
    ("بدأ الهجوم في الحادي والعشرين من أيار 2019", "الحادي والعشرين من أيار 2019", D(2019, 5, 21)),
    ("انتهت الهدنة الخامس عشر من كانون الثاني", "الخامس عشر من كانون الثاني", D(2020, 1, 15)),
])
def test_ordinal_day_dates(text: str, surface: str, day: date) -> None:
    t = only(text)
    assert (t.surface, t.date, t.precision) == (surface, day, "day")


def test_levantine_amsi_al_awwal_is_two_days_before() -> None:
    assert only("وصل الوفد أمس الأول إلى دمشق").date == D(2020, 2, 11)


@pytest.mark.bench
def test_bench_segment_times_numbers() -> None:
    """Prints CPU ms per 2,500-char document for segmentation, times, numbers, casualties."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "bench_times_numbers.py"
    spec = importlib.util.spec_from_file_location("bench_times_numbers", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    figures = bench.run(n_docs=100, chars=2500)
    for key, value in figures.items():
        print(f"{key:28} {value:10.3f}")
    assert figures["docs"] == 100
    assert 2000 < figures["chars_per_doc"] < 3000
    assert 0 < figures["all_ms_per_doc"] < 1000


def test_since_an_explicit_date() -> None:
    t = only("تتعرض المدينة لقصف يومي منذ 9 شباط الجاري")
    assert t.surface == "منذ 9 شباط الجاري"
    assert (t.date_start, t.date_end, t.date, t.precision) == (D(2020, 2, 9), THU, D(2020, 2, 9), "week")


def test_date_with_past_marker() -> None:
    t = only("وفي 30 نيسان/ أبريل الماضي بدأت الحملة")
    assert (t.surface, t.date) == ("30 نيسان/ أبريل الماضي", D(2019, 4, 30))


def test_proclitics_stay_outside_the_surface() -> None:
    assert only("وأمس قصفت الطائرات القرية").surface == "أمس"
    assert only("ومنذ منتصف الشهر الجاري تتعرض المدينة لقصف").surface == "منذ منتصف الشهر الجاري"
    t = only("وبالأمس دخلت القوات البلدة")
    assert t.surface == "بالأمس" and t.date == D(2020, 2, 12)


# --- devset2 generalization fixes (own sentences) ----------------------------------------------

FRI_APR = date(2020, 4, 3)  # a Friday


def test_current_month_marker_fixes_month_and_year() -> None:
    t = only("ستبدأ المرحلة الثانية من الخطة في 20 نيسان الجاري", FRI_APR)
    assert (t.surface, t.date) == ("20 نيسان الجاري", D(2020, 4, 20))
    assert "future" in t.flags and "year_inferred" not in t.flags
    t = only("وصل الوفد إلى المدينة في 2 نيسان الجاري", FRI_APR)
    assert t.date == D(2020, 4, 2) and "future" not in t.flags


@pytest.mark.parametrize(("text", "surface"), [
    ("تتعرض البلدة لقصف عنيف منذ منتصف الليل", "منذ منتصف الليل"),
    ("هدأت الاشتباكات بعد منتصف الليل بقليل", "بعد منتصف الليل"),
    ("تتواصل المواجهات على الجبهة منذ ساعات الصباح", "منذ ساعات الصباح"),
])
def test_since_midnight_is_the_published_day(text: str, surface: str) -> None:
    t = only(text)
    assert (t.surface, t.date, t.precision) == (surface, THU, "day")


def test_morning_hours_without_since_are_no_time() -> None:
    assert find_times("يسود ضباب كثيف في ساعات الصباح الباكر على الطرقات", THU) == []


def test_since_last_night_is_dated_the_published_day() -> None:
    t = only("تقصف المدفعية القرى المحيطة منذ ليلة أمس")
    assert (t.date, t.date_start, t.date_end) == (THU, D(2020, 2, 12), THU)
    assert "since" in t.flags


def test_deadline_in_the_current_month_is_future() -> None:
    t = only("منحت الحكومة المسلحين مهلة تنتهي مع نهاية الشهر الجاري")
    assert t.date == D(2020, 2, 29) and {"deadline", "future"} <= set(t.flags)
    assert best_time([t]) is None
    t = only("تصاعدت الغارات مع بداية الشهر الجاري على المنطقة", D(2020, 2, 5))
    assert "deadline" not in t.flags and "future" not in t.flags
    t = only("طالب الوسطاء بإخلاء المواقع بحلول 25 شباط")
    assert t.date == D(2020, 2, 25) and "future" in t.flags


def test_offset_after_an_event_counts_back_from_the_sentence_time() -> None:
    found = find_times("وصلت التعزيزات اليوم، بعد ثلاثة أيام من سيطرة القوات على التلة", THU)
    assert [t.surface for t in found] == ["اليوم", "بعد ثلاثة أيام من"]
    assert found[1].date == D(2020, 2, 10) and "event_offset" in found[1].flags
    found = find_times("وجاء القصف أمس بعد يومين من زيارة الوفد للمنطقة", THU)
    assert found[1].date == D(2020, 2, 10)  # yesterday minus two days
    t = only("ويأتي ذلك بعد أيام من اغتيال قائد ميداني")
    assert t.precision == "week" and {"event_offset", "vague"} <= set(t.flags)
    assert t.date_start <= D(2020, 2, 10) <= t.date_end < THU


def test_offset_before_an_event_of_unknown_date_is_unresolved() -> None:
    t = only("وقبل ساعات من بدء الهدنة استهدفت الطائرات السوق")
    assert t.surface == "قبل ساعات من" and t.date is None and "event_relative" in t.flags


@pytest.mark.parametrize(("text", "surface", "day"), [
    ("سيزور الوزير أنقرة يوم الأحد لبحث الملف", "يوم الأحد", D(2020, 2, 16)),
    ("ومن المقرر أن يعقد الاجتماع يوم الاثنين في جنيف", "يوم الاثنين", D(2020, 2, 17)),
    ("تبدأ الدورة التدريبية مساء غد في المعسكر", "مساء غد", D(2020, 2, 14)),
])
def test_future_context_dates_forward(text: str, surface: str, day: date) -> None:
    t = only(text)
    assert (t.surface, t.date) == (surface, day) and "future" in t.flags


@pytest.mark.parametrize("text", [
    "سيطرت القوات على القرية يوم الأحد بعد معارك",
    "انفجرت سيارة مفخخة يوم الأحد في السوق",
])
def test_words_beginning_like_a_future_verb_are_not_future(text: str) -> None:
    t = only(text)
    assert t.date == D(2020, 2, 9) and "future" not in t.flags


def test_weekday_pins_the_year_of_a_day_and_month() -> None:
    t = only("وقع الهجوم يوم الجمعة 7 شباط على الحاجز", None)
    assert t.date == D(2020, 2, 7) and "year_from_weekday" in t.flags
    t = only("وقع الهجوم يوم الجمعة 7 شباط على الحاجز", D(2021, 3, 1))  # 7 Feb 2021 was a Sunday
    assert t.date == D(2020, 2, 7) and "weekday_conflict" not in t.flags
    t = only("تجددت الاشتباكات الاثنين 10 شباط", D(2020, 2, 11))
    assert t.date == D(2020, 2, 10) and "weekday_conflict" not in t.flags


def test_hijri_date_with_weekday_is_one_mention() -> None:
    t = only("الأحد 20 رجب 1441 هـ", None)
    assert (t.surface, t.date) == ("الأحد 20 رجب 1441 هـ", D(2020, 3, 15))
    assert "weekday_conflict" not in t.flags
    assert "weekday_conflict" in only("الاثنين 20 رجب 1441 هـ", None).flags


def test_dateline_gives_the_reference_date() -> None:
    from core.extract.mentions.times import dateline

    text = "تصعيد جديد في ريف حلب\n\nالأحد 20 رجب 1441 هـ\n\nقصفت الطائرات أمس السبت بلدة الأتارب."
    assert dateline(text) == D(2020, 3, 15)
    found = find_times(text, dateline(text))
    assert "dateline" in found[0].flags
    assert found[1].surface == "أمس السبت" and found[1].date == D(2020, 3, 14)
    assert dateline("حلب، 12 آذار 2020 (خاص) - شهدت المدينة هدوءا حذرا") == D(2020, 3, 12)
    assert dateline("أعلنت الوزارة\nفي 4 شباط 2020 أعلنت الوزارة فتح المعبر") is None  # a body sentence
    assert dateline("قصفت الطائرات البلدة أمس") is None
    assert dateline("") is None


def test_recent_span_with_a_number_word() -> None:
    t = only("نزح آلاف السكان خلال الأيام الخمسة الماضية")  # five days ending at publication (13 Feb)
    assert t.date_start == D(2020, 2, 9) and "vague" not in t.flags


def test_no_stray_month_after_a_day_taken_by_a_relative_day() -> None:
    found = find_times("قصفت المدفعية صباح اليوم، الخميس 13 من شباط، البلدة", THU)
    assert [t.date for t in found] == [THU] * len(found)
    assert all(t.precision == "day" for t in found)


def test_year_less_date_after_a_future_cue_points_forward() -> None:
    t = only("من المقرر أن تعقد الجولة المقبلة من المحادثات في 2 آذار", THU)
    assert t.date == D(2020, 3, 2) and "future" in t.flags
    assert only("عقدت الجولة الأولى من المحادثات في 2 آذار", THU).date == D(2019, 3, 2)


def test_reference_date_from_a_date_in_apposition_to_today() -> None:
    from core.extract.mentions.times import reference_date

    assert reference_date("قال مسؤول محلي صباح اليوم، الأحد 9 من شباط، إن القصف توقف") == D(2020, 2, 9)
    assert reference_date("أعلنت الوزارة اليوم الخميس الموافق 6 شباط 2020 فتح المعبر") == D(2020, 2, 6)
    assert reference_date("قال مسؤول اليوم إن الهجوم وقع في 6 شباط 2020 على المعبر") is None
    text = "تصعيد جديد\nالأحد 20 رجب 1441 هـ\nقصفت الطائرات اليوم، الاثنين 16 آذار، المدينة"
    assert reference_date(text) == D(2020, 3, 15)  # the dateline comes first


@pytest.mark.parametrize(("text", "future"), [
    ("سيستقبل الرئيس نظيره في العاصمة، بعد غد", True),
    ("ومن المقرر أن تنطلق الجولة الجديدة من المحادثات", True),
    ("ستعقد اللجنة اجتماعها المقبل في جنيف", True),
    ("سيطرت قوات النظام على القرية بعد معارك عنيفة", False),
    ("انفجرت سيارة مفخخة قرب السوق الشعبي", False),
    ("استقبل الرئيس نظيره في العاصمة", False),
])
def test_future_cue_of_a_clause(text: str, future: bool) -> None:
    from core.extract.mentions.times import has_future_cue

    assert has_future_cue(text) is future


def test_window_prefilter_changes_no_result(monkeypatch):
    """Windows without any of a pattern's required words are skipped: the same times as scanning them all."""
    import dataclasses

    from core.extract.mentions.times import scan

    texts = ["قتل ثلاثة مدنيين خلال الأيام الثلاثة الماضية، وقبل يومين من الهجوم نزح السكان منذ أسبوع.",
             "عادت الأسر بعد 3 أيام على القصف، وخلال 48 ساعة الأخيرة سقطت قذائف منذ نحو شهرين.",
             "استمرت الاشتباكات أياما عدة قرب البلدة، ولم يحدد موعد الجولة المقبلة خلال الأسبوع."]
    fast = [find_times(t, THU) for t in texts]
    lex = scan._lex()
    monkeypatch.setattr(scan, "_lex", lambda: dataclasses.replace(lex, pattern_literals=((),) * len(lex.patterns)))
    assert [find_times(t, THU) for t in texts] == fast
    assert any(fast)


@pytest.mark.parametrize("text", ["قصفت الطائرات البلدة يوم 22/ تشرين الأول/ 2023.",
                                  "قصفت الطائرات البلدة يوم 22 - تشرين الأول - 2023.",
                                  "قصفت الطائرات البلدة في 22تشرين الأول 2023."])
def test_a_date_parted_by_slashes_or_glued_to_its_month(text: str) -> None:
    assert [t.date for t in find_times(text, None)] == [date(2023, 10, 22)]


def test_a_number_glued_to_another_word_is_no_date() -> None:
    assert find_times("سقط 12قتيلا في القصف.", None) == []
