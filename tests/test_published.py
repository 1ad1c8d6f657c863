"""Publication date inference (core.extract.published) and undated documents kept in the table."""

from datetime import date as D

from core.extract.events import extract_events
from core.extract.published import infer_published, url_date, with_reference_date
from core.model import Document

TODAY = D(2024, 12, 31)


def test_url_dates_in_path_query_and_compact_segments():
    assert url_date("https://example.org/news/2020/02/28/قصف-على-سراقب/", TODAY) == D(2020, 2, 28)
    assert url_date("https://example.org/archives/2019-10-15-army-enters", TODAY) == D(2019, 10, 15)
    assert url_date("https://example.org/item?id=77&date=2020-03-05", TODAY) == D(2020, 3, 5)
    assert url_date("https://example.org/news/20200306/story", TODAY) == D(2020, 3, 6)
    assert url_date("https://example.org/news/2020/13/40/x", TODAY) is None  # not a day
    assert url_date("https://example.org/archives/3591321", TODAY) is None  # an article number
    assert url_date("https://example.org/news/2030/01/01/x", TODAY) is None  # after today
    assert url_date("", TODAY) is None


def test_dateline_and_yesterday_apposition():
    doc = Document("d1", "قصفت قوات النظام، الأربعاء 20 تشرين الأول 2021، أحياء في مدينة أريحا.")
    assert infer_published(doc, TODAY).day == D(2021, 10, 20)
    assert infer_published(doc, TODAY).basis == "dateline"
    # written the day after the date it gives to "yesterday"
    doc = Document("d2", "جددت قوات النظام، أمس الاثنين 23 أيلول 2019، قصفها على ريف إدلب الجنوبي.")
    assert infer_published(doc, TODAY).day == D(2019, 9, 24)
    doc = Document("d3", "وقالت مصادر محلية إن الطائرات قصفت البلدة.\nوأعلنت الوزارة يوم أمس الاثنين 19/8/2019 مقتل جندي.")
    assert infer_published(doc, TODAY).day == D(2019, 8, 20)


def test_latest_explicit_date_and_weekday_consistency():
    # (the old wording told both dates in a pluperfect "وكانت الفصائل قد ...": a recalled clause, now not used)
    text = ("تواصلت المعارك في ريف حماة الشمالي.\nواستعادت الفصائل القرية في 3 حزيران 2019 "
            "ثم خسرتها في 7 حزيران 2019 بعد قصف عنيف.")
    found = infer_published(Document("d4", text), TODAY)
    assert found.day == D(2019, 6, 7) and found.basis == "text"
    # 9 May 2019 was a Thursday: a date whose weekday disagrees is not trusted
    text = "وذكرت مصادر أن القصف تجدد.\nوكان الهجوم قد بدأ الجمعة 9 أيار 2019 على محور كفرنبودة."
    assert infer_published(Document("d5", text), TODAY) is None


def test_weekday_pinned_year_follows_a_stated_year():
    # 22 February is a Wednesday in 2017 and in 2023; the URL's year decides
    doc = Document("d6", "استهدفت طائرة مسيرة سيارة قرب القامشلي اليوم الأربعاء 22 شباط قبل الظهر.",
                   url="https://example.org/2023/news/item-5")
    assert infer_published(doc, TODAY).day == D(2023, 2, 22)


def test_future_and_since_dates_do_not_give_the_reference():
    text = "وقال المسؤول إن الاتفاق سيدخل حيز التنفيذ بحلول 15 آذار 2020، وإن القصف مستمر منذ 2 شباط 2020."
    assert infer_published(Document("d7", text), TODAY) is None


def test_inferred_reference_dates_relative_times_and_is_flagged():
    text = "قصفت الطائرات الروسية أمس بلدة كفرنبل في ريف إدلب الجنوبي."
    doc = Document("d8", text, url="https://example.org/2020/02/28/story")
    events = extract_events(doc)
    assert events and all(e.date == D(2020, 2, 27) for e in events)
    assert all(e.published == D(2020, 2, 28) and e.published_inferred and e.published_basis == "url" for e in events)
    given = extract_events(Document("d9", text, published=D(2020, 3, 1), url="https://example.org/2020/02/28/story"))
    assert all(e.date == D(2020, 2, 29) and not e.published_inferred and e.published_basis == "" for e in given)
    assert with_reference_date(Document("d10", text)).published is None


def test_undated_document_keeps_its_events_dated_unknown():
    events = extract_events(Document("d11", "قصفت الطائرات الروسية أمس بلدة كفرنبل في ريف إدلب الجنوبي."))
    assert events
    assert all(e.date is None and e.time_precision == "unknown" and not e.published_inferred for e in events)


def test_dates_of_background_clauses_never_give_the_writing_day():
    recalled = [
        # pluperfect without قد, "سبق أن", "منذ", an anniversary, "قبل ... سنوات", "حينها"
        "وكانت الفصائل سيطرت على التلة في 4 آب 2016 قبل أن تنسحب منها.",
        "وسبق للطائرات أن قصفت السوق ذاته يوم الخميس 12 كانون الثاني 2017 موقعة عشرات الضحايا.",
        "ويصادف هذا الأسبوع ذكرى الهجوم الكيماوي الذي ضرب البلدة في 21 آب 2013.",
        "قبل خمس سنوات، وتحديدا في 9 شباط 2015، دخلت الوحدات إلى المدينة بعد حصار طويل.",
        "وانسحب الجيش حينها من المطار في 30 أيلول 2015 بعد معارك عنيفة.",
        # a memory word right after the date
        "وقد سقط في المجزرة التي وقعت بتاريخ 3 تموز 2012 عشرات المدنيين، وهي ما تزال حاضرة في ذاكرة الأهالي.",
    ]
    for i, body in enumerate(recalled):
        text = "قصفت الطائرات الحربية أمس قرى في ريف إدلب الجنوبي موقعة جرحى بين المدنيين.\n" + body
        assert infer_published(Document(f"r{i}", text), TODAY) is None, body


def test_year_written_with_am_counts_in_the_lead_only():
    body = "وتعرضت البلدة لقصف عنيف في 14 آذار من عام 2014 أودى بحياة العشرات."
    lead = "استهدفت المدفعية أحياء مدينة درعا أمس وسط حركة نزوح واسعة للسكان من الأحياء الشرقية."
    assert infer_published(Document("a1", lead + "\n" + body), TODAY) is None
    opening = "قصفت قوات النظام في 14 آذار من عام 2014 أحياء من مدينة درعا وسط حركة نزوح واسعة للسكان."
    found = infer_published(Document("a2", opening + "\nوأفاد ناشطون بسقوط جرحى."), TODAY)
    assert found.day == D(2014, 3, 14) and found.basis == "text"


def test_a_news_date_after_a_recalled_one_still_dates_the_report():
    text = ("وكانت القوات قد دخلت البلدة في 2 أيار 2018.\n"
            "وشنت الطائرات الحربية غارات على أطرافها في 11 تشرين الأول 2019 أسفرت عن دمار كبير.")
    found = infer_published(Document("a3", text), TODAY)
    assert found.day == D(2019, 10, 11) and found.basis == "text"


def test_an_undated_report_keeps_a_weekday_event_apart_from_a_recalled_dated_one():
    # no publication date can be inferred: the recalled date (after "وسبق أن") is not one; the news of "الأحد"
    # stays an event of its own (undated), not merged into the clash the text dates on a Wednesday
    text = ("اندلعت اشتباكات بين فصيلين مسلحين الأحد في مدينة عفرين شمال حلب.\n"
            "وسبق أن اندلعت اشتباكات بين الفصيلين في مدينة عفرين يوم الأربعاء 7 تشرين الثاني 2018.")
    assert infer_published(Document("w1", text), TODAY) is None
    events = [e for e in extract_events(Document("w1", text)) if e.type == "armed_clash"]
    assert len({e.char_start for e in events}) == 2
    assert any(e.date is None for e in events)
