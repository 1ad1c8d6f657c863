"""Strikes as real reporting words them (sentences written for the tests): the two halves of "قصف جوي ومدفعي",
a guided missile fired at a vehicle, the agent after "من طرف", and the toll of the martyr idiom "ارتقاء"."""

from functools import partial

from tests.sentences import events_of

_events = partial(events_of, published="2020-02-10")


def _strikes(text):
    return [e for e in _events(text) if e.layer == "strike"]


def test_air_and_artillery_strike_is_two_strikes_at_the_place():
    strikes = _strikes("تعرضت بلدة كنصفرة اليوم لقصف جوي ومدفعي من قبل قوات النظام، ما أدى إلى مقتل امرأة.")
    assert sorted(e.type for e in strikes) == ["airstrike", "shelling"]
    assert {e.place_ar for e in strikes} == {"كنصفرة"}
    assert all(e.actor1 == "syrian_government" for e in strikes)
    assert sum(e.fatalities or 0 for e in strikes) == 1  # the toll counted once


def test_the_halves_in_either_order_and_with_rockets():
    assert sorted(e.type for e in _strikes("شنت قوات النظام اليوم قصفا مدفعيا وجويا على قرية البارة.")) == [
        "airstrike", "shelling"]
    assert sorted(e.type for e in _strikes("طال قصف جوي وصاروخي مدينة سراقب صباح اليوم.")) == [
        "airstrike", "shelling"]
    assert sorted(e.type for e in _strikes("تعرضت مدينة أريحا اليوم لهجمات جوية ومدفعية عنيفة.")) == [
        "airstrike", "shelling"]


def test_one_instrument_kind_is_one_strike():
    assert [e.type for e in _strikes("تعرضت بلدة كفرنبل اليوم لقصف مدفعي وصاروخي عنيف.")] == ["shelling"]
    assert [e.type for e in _strikes("شنت الطائرات الروسية اليوم غارات جوية على بلدة البارة.")] == ["airstrike"]


def test_a_faction_near_the_twin_strike_is_the_agent_of_neither_half():
    text = ("تدور اليوم معارك بين الجيش السوري ومسلحي النصرة قرب مطار أبو الضهور، "
            "بالتزامن مع قصف جوي ومدفعي عنيف.")
    assert all(e.actor1 != "hts" for e in _strikes(text))


def test_a_guided_missile_at_a_car_is_a_strike():
    events = _events("قتل رجل اليوم بعد أن استهدفت قوات النظام بصاروخ موجه سيارة مدنية في قرية المنصورة.")
    assert [(e.layer, e.type) for e in events] == [("strike", "shelling")]
    assert events[0].actor1 == "syrian_government" and events[0].fatalities == 1


def test_the_agent_after_min_taraf():
    e = _strikes("تعرضت بلدة البارة اليوم لقصف صاروخي من طرف قوات النظام.")[0]
    assert e.actor1 == "syrian_government"


def test_the_martyr_idiom_gives_the_toll():
    e = _strikes("أدى قصف جوي روسي على بلدة كنصفرة اليوم إلى ارتقاء 4 مدنيين.")[0]
    assert e.fatalities == 4
    e = _strikes("استهدفت الغارات الروسية اليوم بلدة البارة ونتج عنها ارتقاء شخصين.")[0]
    assert e.fatalities == 2
    e = _strikes("أسفرت غارة روسية اليوم على بلدة حيش عن ارتقاء ضحية من المدنيين.")[0]
    assert e.fatalities == 1


def test_the_halves_after_a_targeting_verb_and_not_from_a_background_phrase():
    assert sorted(e.type for e in _strikes("استهدفت قوات النظام اليوم بقصف جوي ومدفعي بلدة كنصفرة.")) == [
        "airstrike", "shelling"]
    text = "قتل مدنيان اليوم بقصف جوي روسي على قرية البارة في ظل استمرار القصف الجوي والصاروخي على القرى المجاورة لها."
    assert [(e.type, e.fatalities) for e in _strikes(text)] == [("airstrike", 2)]


def test_the_victims_told_in_the_next_sentence():
    text = "استهدفت الطائرات الروسية بلدة كنصفرة بعدة غارات اليوم. وقال الدفاع المدني إن خمسة مدنيين قتلوا بينهم طفلان."
    assert [(e.type, e.fatalities) for e in _strikes(text)] == [("airstrike", 5)]
    text = "شنت الطائرات الروسية غارات على بلدة حيش اليوم. وأفاد مراسلنا بمقتل أربعة مدنيين."
    assert [(e.type, e.fatalities) for e in _events(text)] == [("airstrike", 4)]
    text = "ألقت مروحيات النظام برميلين متفجرين على بلدة الهبيط. واستشهد في القصف ثلاثة أطفال."
    assert [(e.type, e.fatalities) for e in _events(text)] == [("airstrike", 3)]


def test_a_period_or_a_campaign_in_the_next_sentence_is_no_toll_of_the_strike():
    text = "شنت الطائرات الروسية غارات على بلدة حيش اليوم. وخلال الأسبوع الماضي قتل 40 مدنيا في المنطقة."
    assert [e.fatalities for e in _strikes(text)] == [None]
    text = "شنت الطائرات الروسية غارات على بلدة حيش اليوم. وقال المرصد إن 300 مدني قتلوا منذ بدء الحملة."
    assert [e.fatalities for e in _strikes(text)] == [None]


def test_a_dual_and_a_singular_victim_sum_before_a_full_stop():
    from core.extract.mentions.casualties import find_casualty_counts
    assert [n.value for n, _k in find_casualty_counts("ما أدى إلى مقتل طفلين وامرأة.")] == [3]
    assert [n.value for n, _k in find_casualty_counts("ما أدى إلى مقتل امرأة وطفلين، وإصابة آخرين.")] == [3]
    assert [n.value for n, _k in find_casualty_counts("مقتل طفل، وامرأة تبكي")] == [1]
    e = _strikes("قصفت قوات النظام بلدة سرمين براجمات الصواريخ اليوم، ما أدى إلى مقتل طفلين وامرأة.")[0]
    assert e.fatalities == 3


def test_a_named_victim_after_a_definite_person_noun_counts_one():
    e = _strikes("استهدفت طائرة مسيرة انتحارية اليوم جرارا زراعيا في بلدة سرمين، ما أدى لاستشهاد الشاب سامر الأحمد.")[0]
    assert (e.type, e.fatalities) == ("drone_strike", 1)


def test_a_common_name_written_like_a_preposition_still_counts_one():
    from core.extract.mentions.casualties import find_casualty_counts
    assert [n.value for n, _k in find_casualty_counts("ما أدى لاستشهاد الشاب علي الحسن.")] == [1]
    assert find_casualty_counts("نعى الأهالي مقتل الطفل على يد مسلحين") == []


def test_the_nation_after_a_relative_hedge_is_the_agent():
    text = ("ألقت مروحيات النظام براميل على بلدة الهبيط. وشن الطيران الحربي الذي يعتقد أنه روسي غارات على "
            "مدينة سراقب اليوم.")
    by_place = {e.place_ar: e for e in _strikes(text)}
    assert (by_place["سراقب"].actor1, by_place["سراقب"].actor2) == ("russia", None)
    assert len([e for e in _strikes(text) if e.place_ar == "سراقب"]) == 1


def test_a_position_or_a_weapon_after_the_passive_cue_names_the_agent():
    for text in ("تعرضت قرية البارة اليوم لقصف مدفعي من قبل ثكنات النظام العسكرية.",
                 "تعرضت بلدة كنصفرة اليوم لقصف من قبل مدفعية قوات النظام."):
        e = _strikes(text)[0]
        assert (e.actor1, e.actor2) == ("syrian_government", None)


def test_a_dual_before_its_dual_verb_counts_two():
    e = _strikes("وأضاف المراسل أن طفلتين استشهدتا اليوم بقصف مدفعي على بلدة بليون.")[0]
    assert e.fatalities == 2


def test_a_risen_toll_told_by_its_toll_noun_goes_to_the_strike_before():
    text = ("طال قصف حكومي مستشفى بلدة سرمين صباح اليوم.\n"
            "وارتفعت حصيلة الاستهداف الحكومي للمستشفى إلى 6 ضحايا بينهم طفلة.")
    assert [(e.type, e.fatalities) for e in _events(text)] == [("shelling", 6)]


def test_a_campaign_toll_since_its_start_is_no_strike_toll():
    text = "شنت الطائرات الروسية غارات على بلدة حيش.\nوارتفعت حصيلة ضحايا الحملة منذ بدايتها إلى 300 قتيل."
    assert [e.fatalities for e in _strikes(text)] == [None]


def test_a_page_that_published_news_deployed_nothing():
    text = "ونشرت صفحة موالية خبرا مفاده أن صاروخا حراريا استهدف سيارة عسكرية في قرية البارة، وأسفر عن مقتل عنصر."
    assert [(e.type, e.fatalities) for e in _events(text)] == [("shelling", 1)]
    assert [e.type for e in _events("نشرت تركيا تعزيزات عسكرية في قرية البارة اليوم.")] == ["military_deployment"]


def test_where_the_shells_came_from_names_their_agent_however_far():
    e = _strikes("سقطت قذائف هاون اليوم على حي الحمدانية في مدينة حلب مصدرها الفصائل.")[0]
    assert (e.actor1, e.actor2) == ("opposition", None)
