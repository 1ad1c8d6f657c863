"""Scope on fresh-style reporting (sentences written for these tests): deadlines and attempts are not events,
a campaign told as background is not an event of a day, "the same day" takes the day told before, a road named
by its end cities is not those cities, and a placeless event of a long sentence takes the places of its nearest
event, not every town of the sentence."""

from functools import partial

from tests.sentences import events_of

PUBLISHED = "2020-02-07"  # a Friday


_events = partial(events_of, published=PUBLISHED)


def test_deadline_to_withdraw_is_no_withdrawal():
    events = _events("بعد انتهاء المهلة التي منحتها أنقرة للنظام للانسحاب من محيط سراقب، "
                     "قصفت القوات التركية مواقع في بلدة النيرب.")
    assert [e.type for e in events] == ["shelling"]
    assert events[0].place_ar == "النيرب"


def test_attempt_to_take_is_no_capture_but_a_plain_withdrawal_stays():
    assert not [e for e in _events("صدت الفصائل اليوم محاولات من قبل قوات النظام لاقتحام بلدة النيرب.")
                if e.type == "territory_taken"]
    assert [e.type for e in _events("انسحبت الفصائل اليوم من بلدة النيرب.")] == ["withdrawal"]


def test_campaign_since_a_date_is_background_not_the_later_day():
    events = _events("تشهد بلدات ريف إدلب الجنوبي منذ 25 تشرين الثاني 2019 هجوما بريا من قبل قوات النظام، "
                     "واشتد في 20 كانون الأول 2019، وسيطرت خلاله على قرى عدة.",
                     published="2020-02-11")
    assert events == []


def test_first_time_since_a_year_keeps_the_day():
    events = _events("سيطرت قوات النظام بالكامل على بلدة سراقب لأول مرة منذ عام 2012 أمس الخميس.")
    assert [(e.type, str(e.date)) for e in events] == [("territory_taken", "2020-02-06")]


def test_same_day_takes_the_day_told_before():
    events = _events("سيطرت قوات النظام على بلدة تفتناز يوم 5 شباط.\n"
                     "وفي وقت متأخر من نفس اليوم، سيطرت قوات النظام على مدينة سراقب.")
    assert {(e.place_ar, str(e.date)) for e in events} == {("تفتناز", "2020-02-05"), ("سراقب", "2020-02-05")}
    events = _events("قصفت الطائرات الروسية بلدة تفتناز يوم الثلاثاء.\nوفي ذات اليوم سيطرت قوات النظام على مدينة سراقب.")
    assert {str(e.date) for e in events} == {"2020-02-04"}


def test_road_spelled_atstrad_is_not_its_end_cities():
    events = _events("دخلت قوات النظام اليوم مدينة سراقب المطلة على اتستراد حلب – دمشق.")
    assert {e.place_ar for e in events} == {"سراقب"}


def test_placeless_event_of_a_long_sentence_takes_its_nearest_event_places():
    events = _events("دارت اليوم معارك عنيفة بين الفصائل وقوات النظام، تترافق مع قصف جوي روسي على بلدة تفتناز، "
                     "بينما استهدفت المدفعية التركية نقاطا لقوات النظام في بلدة النيرب.")
    assert {e.place_ar for e in events if e.type == "armed_clash"} == {"تفتناز"}
    assert {e.place_ar for e in events if e.type == "shelling"} == {"النيرب"}


def test_time_of_what_is_replied_to_does_not_date_the_reply():
    events = _events("قصفت المدفعية التركية مواقع قوات النظام في بلدة النيرب ردا على مقتل جنودها يوم الثلاثاء الماضي.")
    shelling = [e for e in events if e.type == "shelling"]
    assert shelling and all(str(e.date) != "2020-02-04" for e in shelling)
    own = _events("قصفت المدفعية التركية اليوم مواقع قوات النظام في بلدة النيرب ردا على مقتل جنودها أمس.")
    assert {str(e.date) for e in own if e.type == "shelling"} == {"2020-02-07"}


def test_lead_without_place_takes_the_place_its_details_give():
    events = _events("أسقطت الفصائل الموالية لتركيا طائرة مروحية تابعة لقوات النظام.\n"
                     "وأفاد ناشطون أن المروحية سقطت بعد استهدافها بصاروخ في أجواء بلدة النيرب بريف إدلب.")
    downed = [e for e in events if e.type == "aircraft_downed"]
    assert downed and "النيرب" in {e.place_ar for e in downed}
    assert all("place:discourse" in e.rule for e in downed)


def test_lead_without_place_is_not_placed_from_a_far_paragraph():
    events = _events("أسقطت الفصائل طائرة مروحية تابعة لقوات النظام.\n"
                     "وقال مسؤول إن الوضع هادئ.\n"
                     "وأكد مصدر آخر أن الاتصالات مستمرة.\n"
                     "في سياق آخر، قصفت قوات النظام اليوم بلدة النيرب.")
    assert not [e for e in events if e.type == "aircraft_downed" and e.place_ar == "النيرب"]


def test_where_the_agent_operates_is_not_the_event_place_but_where_the_target_is_stays():
    events = _events("استعادت فصائل المعارضة العاملة في شمال غربي سوريا اليوم الخميس بلدة النيرب.")
    assert {e.place_ar for e in events} == {"النيرب"}
    events = _events("قصفت المدفعية التركية اليوم مواقع الفصائل المتواجدة في محيط مدينة سراقب.")
    assert {e.place_ar for e in events} == {"سراقب"}
