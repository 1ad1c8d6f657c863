"""Article structure (events/discourse.py), within-article linking (events/linking.py) and the
date rules they rely on. Sentences written for these tests in the news register."""

from datetime import date

from core.extract.events import extract_events
from core.extract.events.discourse import report_starts
from core.extract.segment import segment
from core.model import Document

PUBLISHED = date(2020, 2, 12)  # a Wednesday
STRIKES = ("airstrike", "shelling", "drone_strike")


def _events(text, published=PUBLISHED):
    return extract_events(Document("t", text, published=published))


def _reports(events):
    """One (type, date, actor1, fatalities, {pcode}) per reported event (rows share char_start)."""
    out = {}
    for e in events:
        key = (e.type, e.date, e.char_start)
        out.setdefault(key, [e.type, e.date, e.actor1, e.fatalities, set()])[4].add(e.pcode)
    return [tuple(v[:4]) + (frozenset(v[4]),) for v in out.values()]


def test_report_starts_at_topic_shifts_new_sources_and_subheadings():
    text = ("قصفت قوات النظام أمس بلدة سرمين.\n"
            "وأسفر القصف عن دمار واسع في المنازل.\n"
            "جاء ذلك حسبما أفاد ناشطون محليون.\n"
            "وقال المرصد السوري إن الطائرات الروسية شنت غارات على أريحا.\n"
            "وأضاف المرصد أن الغارات استهدفت سوقا شعبية.\n"
            "وفي سياق آخر، وصلت تعزيزات تركية إلى ريف إدلب.\n"
            "معارك في ريف حلب\n"
            "ودارت اشتباكات عنيفة على محور الراشدين.")
    assert report_starts(text, segment(text)) == [0, 0, 0, 3, 3, 5, 6, 6]


def test_follow_up_paragraph_takes_the_day_and_agent_of_its_report():
    text = ("قصفت المدفعية التركية أمس الثلاثاء مواقع لقوات النظام في بلدة سراقب.\n\n"
            "كما طاول القصف المدفعي أطراف بلدة النيرب.")
    reports = _reports(_events(text))
    nayrab = [r for r in reports if r[0] == "shelling" and r[1] == date(2020, 2, 11) and r[2] == "turkey"]
    assert len(nayrab) == 2  # Saraqib and al-Nayrab: two places, one day, one agent
    events = [e for e in _events(text) if e.place_ar and "النيرب" in e.place_ar]
    assert events and "time:discourse" in events[0].rule
    assert "agent:discourse" in events[0].rule or "agent:context" in events[0].rule  # ("كما" carries it too)


def test_a_new_source_does_not_inherit_but_its_repeat_is_linked_to_the_dated_event():
    text = ("دخلت قوات النظام أمس بلدة معرة النعمان بعد معارك عنيفة.\n\n"
            "وقالت وكالة محلية إن قوات النظام دخلت بلدة معرة النعمان.")
    taken = [r for r in _reports(_events(text)) if r[0] == "territory_taken"]
    assert len(taken) == 1 and taken[0][1] == date(2020, 2, 11)


def test_back_reference_and_rising_toll_make_one_event_with_the_highest_toll():
    text = ("شنت الطائرات الحربية الروسية اليوم غارات على مدينة أريحا جنوب إدلب، ما أدى إلى مقتل 4 مدنيين.\n\n"
            "وارتفع عدد ضحايا الغارات على مدينة أريحا إلى 9 قتلى.\n\n"
            "وأسفرت الغارات أيضا عن دمار كبير في السوق.")
    strikes = [r for r in _reports(_events(text)) if r[0] == "airstrike"]
    assert len(strikes) == 1
    assert strikes[0][1] == PUBLISHED and strikes[0][2] == "russia" and strikes[0][3] == 9


def test_different_places_or_days_stay_separate_events():
    places = ("قصفت الطائرات الروسية اليوم بلدة كفرنبل.\n\n"
              "وقصفت الطائرات الروسية اليوم بلدة حاس.")
    assert len([r for r in _reports(_events(places)) if r[0] in STRIKES]) == 2
    days = ("قصفت الطائرات الروسية أمس بلدة كفرنبل.\n\n"
            "وعادت الطائرات الروسية وقصفت اليوم بلدة كفرنبل.")
    assert {r[1] for r in _reports(_events(days)) if r[0] in STRIKES} == {date(2020, 2, 11), PUBLISHED}


def test_a_tally_since_the_campaign_began_never_takes_the_report_day():
    text = ("قصفت الطائرات الروسية أمس بلدة كفرنبل.\n\n"
            "وقصفت الطائرات الروسية منذ بدء الحملة عشرات البلدات في ريف حماة الشمالي.")
    strikes = [r for r in _reports(_events(text)) if r[0] in STRIKES]
    assert [r[1] for r in strikes] == [date(2020, 2, 11)]


def test_written_date_in_apposition_beats_a_stale_today():
    text = "استهدفت طائرة مسيرة تركية بعد ظهر اليوم الأربعاء (5 شباط) سيارة عسكرية قرب بلدة تل تمر."
    strikes = [e for e in _events(text) if e.type == "drone_strike"]
    assert strikes and {e.date for e in strikes} == {date(2020, 2, 5)}


def test_yesterday_with_todays_weekday_is_today():
    text = "قصفت قوات النظام أمس الأربعاء بلدة سرمين بالمدفعية الثقيلة."
    assert {e.date for e in _events(text) if e.type == "shelling"} == {PUBLISHED}
