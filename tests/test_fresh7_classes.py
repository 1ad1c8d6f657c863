"""Error classes found on a seventh batch of fresh reporting (north-west Syria 2017-2024: pro-government, Kurdish,
Turkish and opposition outlets; sentences written for the tests): a group named after a member noun and "من",
where the targeted group stands, the remnants pursued and the group driven out, who leads an operation, a capture
told with a dual pronoun, a running tally of captures and an attempt to advance."""

from functools import partial

from tests.sentences import events_of

PUBLISHED = "2019-10-15"  # a Tuesday


_events = partial(events_of, published=PUBLISHED)


def test_an_indefinite_member_noun_before_min_takes_the_named_group():
    e = _events("اشتبك الجيش اليوم مع إرهابيين من “جبهة النصرة” قرب بلدة التمانعة.")[0]
    assert (e.type, e.actor1, e.actor2) == ("armed_clash", "syrian_government", "hts")


def test_where_the_targeted_group_stands_is_a_target_cue():
    e = _events("استهدفت وحدات الجيش بالمدفعية أماكن تمركز المسلحين في بلدة الهبيط.")[0]
    assert (e.actor1, e.actor2) == ("syrian_government", "opposition")
    e = _events("ولاحقت وحدات الجيش فلول المسلحين بالتزامن مع قصف أماكن انتشار الجماعات المسلحة "
                "في قرية عابدين.")[0]
    assert (e.actor1, e.actor2) == ("syrian_government", "opposition")


def test_driving_a_group_out_of_a_village_is_a_capture_and_the_group_its_target():
    events = _events("دارت اشتباكات عنيفة بين الجيش والمسلحين في قرية الهبيط. وانتهت المعارك بدحر المسلحين من "
                     "قرية الهبيط وتدمير آلياتهم.")
    taken = [e for e in events if e.type == "territory_taken"]
    assert taken and all((e.actor1, e.actor2) == ("syrian_government", "opposition") for e in taken)
    e = [e for e in _events("تمكنت قوات النظام من طرد المسلحين من بلدة كفرنبودة.") if e.type == "territory_taken"][0]
    assert (e.actor1, e.actor2) == ("syrian_government", "opposition")


def test_who_leads_the_operation_is_its_agent():
    e = _events("قتل سبعة جنود اليوم في هجوم على بلدة كفرنبودة ضمن معركة تقودها هيئة تحرير "
                "الشام.")[0]
    assert e.actor1 == "hts"


def test_a_capture_told_with_a_dual_pronoun():
    events = _events("أعلن الجيشان التركي والسوري الحر اليوم سيطرتهما على مواقع جديدة في محيط مدينة تل أبيض.")
    assert [e.type for e in events] == ["territory_taken"]
    assert events[0].actor1 == "turkey"


def test_a_running_tally_of_captures_is_no_new_capture():
    text = ("سيطرت القوات التركية اليوم على قرية المشرفة. وبالسيطرة على القريتين ارتفع عدد القرى التي "
            "سيطرت عليها أنقرة إلى 50 قرية.")
    assert len([e for e in _events(text) if e.type == "territory_taken"]) == 1
    text = ("سيطرت فصائل الجيش الوطني اليوم على قرية المشرفة. ومع السيطرة على البلدة ارتفع عدد القرى "
            "المحررة إلى 40.")
    assert len([e for e in _events(text) if e.type == "territory_taken"]) == 1
    # the capture that is itself the news stays, its tally after it aside
    text = "سيطرت قوات النظام اليوم على قرية الهبيط ليرتفع عدد القرى التي سيطرت عليها إلى 20 قرية."
    assert [e.type for e in _events(text)] == ["territory_taken"]


def test_an_attempt_to_advance_is_no_capture():
    events = _events("وتحاول القوات الحكومية التقدم إلى بلدة الهبيط من جهتي الشمال والشرق.")
    assert not [e for e in events if e.type == "territory_taken"]


def test_an_attack_told_after_bad_with_its_own_agent_is_the_earlier_event():
    events = _events("قصفت القوات التركية ليلة أمس قرى ناحية شيراوا بقذائف المدفعية، بعد هجوم صاروخي نفذته قوات "
                     "النظام على مدينة عفرين.")
    by_agent = {e.actor1: e for e in events}
    assert set(by_agent) == {"turkey", "syrian_government"}
    assert by_agent["turkey"].actor2 is None and by_agent["turkey"].place_ar != "عفرين"
    assert by_agent["syrian_government"].place_ar == "عفرين"
    # the agent's own attack before its capture stays one event
    events = _events("سيطرت قوات النظام اليوم على قرية الهبيط بعد هجوم عنيف شنته على مواقع الفصائل.")
    assert [e.type for e in events] == ["territory_taken"]


def test_the_group_driven_out_is_not_the_agent_however_far_its_subject():
    text = ("صد الجيش هجوما شنه مسلحون على نقاطه غرب حلب. وأكد اللواء أن الجيش السوري تمكن، بفضل المعارك "
            "المتواصلة هناك، من طرد المسلحين من قريتي الهبيط وعابدين.")
    taken = [e for e in _events(text) if e.type == "territory_taken"]
    assert taken and all((e.actor1, e.actor2) == ("syrian_government", "opposition") for e in taken)


def test_leaders_are_no_resumptive_verb_of_leading():
    # "قادة" (leaders) normalizes like "قاده" (he led him): it names no agent
    events = _events("تصاعدت عمليات استهداف قادة من قسد بطائرات مسيرة تركية في ريف القامشلي خلال الشهر الماضي.")
    assert events and all(e.actor1 == "turkey" for e in events)


def test_the_owner_of_a_drone_after_lam_is_the_agent_of_its_strike():
    text = ("قصف جيش الاحتلال التركي أمس قرية عون الدادات. وقال المجلس في بيان إن مسيّرة للاحتلال استهدفت "
            "حاجزاً لمقاتليه في قرية العريمة ما أدى لمقتل مقاتل.")
    drone = [e for e in _events(text) if e.type == "drone_strike"][0]
    assert drone.actor1 == "turkey"


def test_the_party_an_ally_backs_is_not_the_target():
    e = _events("قتل خمسة مدنيين اليوم بغارات نفذتها طائرات حربية تابعة لروسيا الداعمة لقوات النظام على بلدة "
                "كنصفرة.")[0]
    assert (e.actor1, e.actor2) == ("russia", None)
