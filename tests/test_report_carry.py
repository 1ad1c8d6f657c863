"""A report's lead and the sentences that tell it again (article structure): the restatement keeps the lead's
agent, day and place and comes out as the same event, its toll on that event. Sentences written for these tests
in the news register."""

from datetime import date

from core.extract.events import extract_events
from core.model import Document

DAY = date(2020, 2, 11)  # a Tuesday


def _events(text: str):
    return [(e.type, e.place_ar, e.actor1, e.actor2, e.fatalities, e.date)
            for e in extract_events(Document("k", text, published=DAY))]


def test_a_nation_adjective_after_a_cause_word_is_the_strike_agent():
    """"نتيجة قصف روسي بالصواريخ": the verb-like form after a cause word is the verbal noun, its nation the agent."""
    text = "قتل ثلاثة مدنيين نتيجة قصف روسي بالصواريخ على بلدة سرمين."
    events = _events(text)
    assert [(e[0], e[1], e[2], e[3]) for e in events] == [("shelling", "سرمين", "russia", None)]


def test_a_restated_strike_with_the_toll_is_the_lead_strike():
    text = ("شنت طائرة حربية روسية اليوم الثلاثاء غارة على بلدة سرمين في ريف إدلب.\n"
            "وقال ناشطون إن ثلاثة مدنيين قتلوا نتيجة قصف روسي بالصواريخ على بلدة سرمين.")
    events = _events(text)
    assert len(events) == 1
    kind, place, agent, _target, toll, day = events[0]
    assert (kind, place, agent, toll, day) == ("airstrike", "سرمين", "russia", 3, DAY)


def test_victims_of_a_definite_strike_noun_are_not_its_nation():
    """"ضحايا القصف الروسي": the adjective belongs to the strike noun, so the nation is the agent, not a victim."""
    text = "ارتفعت حصيلة ضحايا القصف الروسي على قرية سرمين إلى خمسة مدنيين."
    events = _events(text)
    assert events and all(e[2] == "russia" and e[3] != "russia" for e in events)


def test_victims_named_after_the_casualty_word_stay_victims():
    text = "قتل جنديان روسيان بانفجار عبوة ناسفة قرب بلدة سرمين اليوم."
    assert all(e[2] != "russia" for e in _events(text))


def test_the_author_of_a_massacre_is_the_killing_agent():
    # a massacre by aircraft is their air strike, with its toll (tests/test_events_round4.py); by ground forces a toll
    for text, kind, agent in (
            ("قتل سبعة مدنيين وجرح آخرون بمجزرة لمقاتلات النظام في مدينة سرمين.", "airstrike", "syrian_government"),
            ("قتل سبعة مدنيين في مجزرة جديدة للطيران الروسي في مدينة سرمين.", "airstrike", "russia"),
            ("قتل سبعة مدنيين في مجزرة ارتكبتها قوات النظام في مدينة سرمين.", "casualties", "syrian_government")):
        events = _events(text)
        assert [(e[0], e[2]) for e in events] == [(kind, agent)], text


def test_a_massacre_lead_and_its_strike_detail_are_one_event():
    """The lead tells the toll and the author; the next sentence tells the strike with its day: one airstrike,
    the lead's toll on it."""
    text = ("قتل سبعة مدنيين وجرح آخرون بمجزرة لمقاتلات النظام في مدينة سرمين بريف إدلب.\n"
            "وقال الدفاع المدني إن مقاتلات النظام قصفت مساء الاثنين 10 شباط سوقا في مدينة سرمين بصاروخين.")
    events = _events(text)
    assert [(e[0], e[1], e[2], e[4], e[5]) for e in events] == [
        ("airstrike", "سرمين", "syrian_government", 7, date(2020, 2, 10))]


def test_a_bare_definite_shelling_word_refers_back_to_the_air_strike():
    """"في القصف الذي استهدف البلدة": no agent, no artillery; the strike told before, not a second event."""
    text = ("شنت الطائرات الروسية غارات على بلدتي سرمين وتفتناز في ريف إدلب.\n"
            "وأفاد ناشطون أن الغارات قتلت ثلاثة مدنيين في سرمين، كما نعى الدفاع المدني أحد عناصره في القصف "
            "الذي استهدف البلدة.")
    events = _events(text)
    assert all(e[0] == "airstrike" and e[2] == "russia" for e in events), events



def test_a_bare_definite_shelling_word_at_another_town_stays_its_own_event():
    text = ("شنت الطائرات الروسية غارات على بلدة سرمين في ريف إدلب.\n"
            "وأفاد ناشطون أن الغارات قتلت ثلاثة مدنيين، كما نعى الدفاع المدني أحد عناصره في القصف "
            "الذي استهدف مدينة أريحا.")
    assert {e[1] for e in _events(text)} >= {"سرمين", "أريحا"}


def test_a_capture_reported_with_about_keeps_its_agent():
    """"أفاد المرصد عن سيطرة قوات النظام على ...": the news a source gives, the noun's genitive its agent."""
    text = "وأفاد المرصد السوري عن سيطرة قوات النظام على بلدة كفرنبودة فجر اليوم بعد معارك عنيفة."
    events = [e for e in _events(text) if e[0] == "territory_taken"]
    assert [(e[1], e[2]) for e in events] == [("كفر نبودة", "syrian_government")]


def test_talk_about_an_attack_keeps_the_topic_reading():
    text = "وتحدث ناشطون عن هجوم النظام على البلدة."
    assert _events(text) == []


def test_a_toll_told_as_an_ascent_is_the_strike_toll():
    text = "وأدت غارات جوية لطائرات روسية استهدفت قرية تفتناز إلى ارتقاء أربعة مدنيين وإصابة آخرين."
    assert [(e[0], e[2], e[4]) for e in _events(text)] == [("airstrike", "russia", 4)]


def test_the_first_source_after_an_unsourced_lead_keeps_the_lead_day():
    """Lead without a source, then "وقال مراسلنا إن ...": the source attributes the lead, its strikes the lead's day."""
    text = ("سيطرت قوات النظام مساء أمس الاثنين على قرية النيرب شرق إدلب بعد معارك عنيفة.\n\n"
            "وقال مراسلنا إن طائرات حربية روسية شنت غارات على بلدتي سرمين وتفتناز.")
    events = _events(text)
    assert events and all(e[5] == date(2020, 2, 10) for e in events), events


def test_a_second_source_after_a_sourced_lead_starts_its_own_report():
    text = ("قال المرصد السوري إن قوات النظام سيطرت مساء أمس الاثنين على قرية النيرب شرق إدلب.\n\n"
            "وقال ناشطون إن طائرات حربية روسية شنت غارات على بلدتي سرمين وتفتناز.")
    towns = [e for e in _events(text) if e[1] in ("سرمين", "تفتناز")]
    assert towns and all(e[5] == DAY for e in towns), towns


def test_a_run_on_report_adds_its_next_strike_after_also():
    """"، أيضا قصف الطيران ..."، "، كذلك نفذت الطائرات ...": each strike is its own clause, its toll its own, and
    the capture told in a relative clause between them keeps its own towns."""
    text = ("قصف الطيران الحربي قرية المصاصنة بريف حماة، والتي سيطرت عليها قوات النظام أمس، ما تسبب بأضرار مادية، "
            "أيضا قصف الطيران المروحي بلدة اللطامنة، ما أسفر عن مقتل شخص، كذلك نفذت الطائرات الحربية غارات على "
            "بلدة كفرزيتا.")
    events = _events(text)
    captures = {e[1] for e in events if e[0] == "territory_taken"}
    strikes = {e[1]: e[4] for e in events if e[0] == "airstrike"}
    assert "اللطامنة" not in captures and "كفر زيتا" not in captures
    assert strikes.get("اللطامنة") == 1 and "كفر زيتا" in strikes and strikes.get("كفر زيتا") is None


def test_a_detail_keeps_its_own_toll_told_with_an_aside():
    """The lead sums the day over a region; each detail keeps the toll it tells, an aside in brackets or a dual
    verb included, not the lead's total."""
    text = ("قتل سبعة مدنيين فجر اليوم بقصف مدفعي لقوات النظام على قرى جبل الزاوية.\n"
            "وقال مراسلنا إن أربعة مدنيين من عائلة واحدة (أب وأم وطفلاهما) قتلوا بقصف مدفعي لقوات النظام على قرية "
            "بليون.\n"
            "وأضاف أن طفلتين استشهدتا بقصف مدفعي لقوات النظام على بلدة البارة.")
    tolls = {e[1]: e[4] for e in _events(text)}
    assert tolls.get("بليون") == 4 and tolls.get("البارة") == 2, tolls


def test_an_ongoing_word_in_a_later_proposition_does_not_make_the_strike_a_habit():
    """"مشيرا إلى أن فرق الإنقاذ ما تزال تعمل بشكل مستمر": the ongoing rescue is another proposition, the strike
    before it is the day's event, not a pattern."""
    text = ("وأفاد مراسل الموقع أن ستة مدنيين قتلوا جراء قصف قوات النظام على قريتي بليون والبارة، مشيرا إلى أن "
            "عمليات البحث ما تزال مستمرة تحت الأنقاض.")
    assert {e[1] for e in _events(text)} >= {"بليون", "البارة"}


def test_a_habit_word_next_to_the_strike_still_makes_it_a_pattern():
    text = "وتتعرض قرية بليون لقصف مستمر من قوات النظام."
    assert _events(text) == []


def test_the_same_strike_told_at_another_town_keeps_the_agent_and_type():
    text = ("وأضاف المراسل أن طفلتين قتلتا بقصف مدفعي لقوات النظام على بلدة البارة.\n"
            "كما قتل طفل نتيجة الاستهداف ذاته في بلدة كنصفرة.")
    events = {e[1]: e for e in _events(text)}
    assert events["كنصفرة"][0] == "shelling" and events["كنصفرة"][2] == "syrian_government"
    assert events["كنصفرة"][4] == 1
