"""The report's own day (core.extract.published.own_day): a lead that states its day a few days before the
manifest date dates the relative times and the undated sentences of the report; a weekday date without a year
follows the year the text states."""

from datetime import date as D

from core.extract.events import extract_events
from core.extract.events.dates import reference_date
from core.extract.published import infer_published, own_day
from core.model import Document

TODAY = D(2024, 12, 31)

LEAD = "قصفت الطائرات الحربية اليوم الثلاثاء 6 تشرين الأول 2020، بلدات في ريف إدلب الجنوبي موقعة جرحى بين المدنيين."
REST = ("وقال مسعفون إن الطيران الحربي شن غارات على بلدة كنصفرة أسفرت عن مقتل امرأة.\n"
        "وذكر ناشطون أن مدنيين أصيبوا أمس جراء قصف مدفعي على بلدة البارة.")


def test_a_lead_stating_its_day_dates_the_report_before_a_later_manifest_date():
    doc = Document("o1", LEAD + "\n" + REST, published=D(2020, 10, 9))
    found = own_day(doc)
    assert found is not None and found.day == D(2020, 10, 6) and found.basis == "dateline"
    assert reference_date(doc) == (D(2020, 10, 6), "dateline")
    events = extract_events(doc)
    assert events and all(e.published == D(2020, 10, 9) for e in events)  # the manifest date stays in the table
    undated = [e for e in events if "كنصفرة" in e.evidence]
    assert undated and all(e.date == D(2020, 10, 6) for e in undated)
    yesterday = [e for e in events if "البارة" in e.evidence]
    assert yesterday and all(e.date == D(2020, 10, 5) for e in yesterday)


def test_yesterday_in_apposition_gives_the_day_after():
    text = ("جددت قوات النظام أمس الأحد 4 تشرين الأول 2020، قصفها المدفعي على قرى جبل الزاوية بريف إدلب.\n"
            "وقتل مدني في بلدة سرجة جراء قصف صاروخي اليوم.")
    doc = Document("o2", text, published=D(2020, 10, 8))
    assert own_day(doc).day == D(2020, 10, 5)
    events = [e for e in extract_events(doc) if "سرجة" in e.evidence]
    assert events and all(e.date == D(2020, 10, 5) for e in events)


def test_a_day_without_year_takes_the_manifest_year():
    text = ("قتل مدنيان اليوم الاثنين، الموافق 5 تشرين الأول الجاري، بقصف مدفعي على بلدة كفرنبل في ريف إدلب الجنوبي.\n"
            "وشن الطيران الحربي غارات على بلدة حاس.")
    doc = Document("o3", text, published=D(2020, 10, 9))
    assert own_day(doc).day == D(2020, 10, 5)


def test_own_day_kept_apart_when_not_stated_in_the_lead_or_far_or_same_day():
    same = Document("o4", LEAD + "\n" + REST, published=D(2020, 10, 6))
    assert own_day(same) is None and reference_date(same) == (D(2020, 10, 6), "published")
    far = Document("o5", LEAD + "\n" + REST, published=D(2021, 3, 1))
    assert own_day(far) is None  # months later: not a late-published copy of the same report
    later = ("قصفت الطائرات الحربية بلدات في ريف إدلب الجنوبي موقعة جرحى بين المدنيين ودمارا في المنازل.\n"
             "وفي تقرير آخر، قالت الوزارة اليوم الأحد 4 تشرين الأول 2020 إن الجيش صد هجوما.")
    assert own_day(Document("o6", later, published=D(2020, 10, 8))) is None
    # an event date in the lead is not the day of writing ("مساء الجمعة ...": reported later)
    event_day = "شنت الطائرات الحربية مساء الجمعة 2 تشرين الأول 2020 غارات على ريف إدلب موقعة جرحى بين المدنيين."
    assert own_day(Document("o7", event_day, published=D(2020, 10, 5))) is None


def test_weekday_dates_follow_a_year_the_text_recalls():
    # 17 September is a Sunday in 2017 and in 2023; the text recalls a date of 2023: the report is not of 2017
    text = ("قصفت قوات النظام يوم الأحد 17 أيلول بلدة كنصفرة في جبل الزاوية، ما أدى إلى مقتل مدنيين.\n"
            "وكانت الطائرات قد استهدفت البلدة في 3 آذار 2023.")
    found = infer_published(Document("y1", text), TODAY)
    assert found.day == D(2023, 9, 17)
    events = [e for e in extract_events(Document("y1", text)) if "كنصفرة" in e.evidence]
    assert events and all(e.date == D(2023, 9, 17) for e in events)
    since = ("قصفت قوات النظام يوم الأحد 17 أيلول بلدة كنصفرة في جبل الزاوية، ما أدى إلى مقتل مدنيين.\n"
             "وتشهد المنطقة منذ مطلع عام 2023 تصعيدا متواصلا.")
    assert infer_published(Document("y2", since), TODAY).day == D(2023, 9, 17)
    # no year stated: the corpus period decides, as before
    alone = "قصفت قوات النظام يوم الأحد 17 أيلول بلدة كنصفرة في جبل الزاوية، ما أدى إلى مقتل مدنيين."
    assert infer_published(Document("y3", alone), TODAY).day == D(2017, 9, 17)


def test_a_page_dateline_written_year_first_is_the_reports_day():
    text = ("الخميس 2019/11/14\n\nقصف مدفعي على ريف إدلب\n\n"
            "أصيب ثلاثة مدنيين بجروح جراء قصف مدفعي لقوات النظام على بلدة معرشورين في ريف إدلب الجنوبي.\n\n"
            "وكانت طائرات حربية قد قصفت أمس بلدة تلمنس المجاورة.")
    doc = Document("n1", text, published=D(2019, 11, 16))
    assert own_day(doc).day == D(2019, 11, 14)
    events = extract_events(doc)
    assert [e.date for e in events if "معرشورين" in e.evidence][:1] == [D(2019, 11, 14)]
    assert all(e.date == D(2019, 11, 13) for e in events if "تلمنس" in e.evidence)
    assert infer_published(Document("n2", text), TODAY).day == D(2019, 11, 14)


def test_yesterday_with_a_quoted_weekday_before_its_date():
    text = "قتل أربعة مدنيين، أمس “الثلاثاء” 12 تشرين الثاني، بقصف على بلدة معرشورين جنوب إدلب."
    assert own_day(Document("n3", text, published=D(2019, 11, 15))).day == D(2019, 11, 13)


def test_a_named_weekday_that_disagrees_with_the_manifest_day_gives_the_reports_day():
    # 10 December 2019 was a Tuesday: "اليوم (الأحد)" was written on Sunday the 8th, and so was "أمس السبت"
    lead = "قتل خمسة مدنيين اليوم (الأحد) في غارات جوية على مدينة معرة النعمان جنوب إدلب وفق ما أفاد ناشطون محليون."
    doc = Document("w1", lead + "\nوقال ناشطون إن الطيران الحربي قصف بلدة حاس المجاورة.", published=D(2019, 12, 10))
    assert own_day(doc).day == D(2019, 12, 8)
    assert all(e.date == D(2019, 12, 8) for e in extract_events(doc) if "حاس" in e.evidence)
    yesterday = "قتل خمسة مدنيين أمس السبت في غارات جوية على مدينة معرة النعمان جنوب إدلب وفق ما أفاد ناشطون محليون."
    assert own_day(Document("w2", yesterday, published=D(2019, 12, 10))).day == D(2019, 12, 8)
    agrees = "قتل خمسة مدنيين اليوم الثلاثاء في غارات جوية على مدينة معرة النعمان جنوب إدلب وفق ما أفاد ناشطون محليون."
    assert own_day(Document("w3", agrees, published=D(2019, 12, 10))) is None
