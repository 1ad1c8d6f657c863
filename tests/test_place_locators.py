"""Place roles and linking on real-reporting structures (sentences written for the tests): a region that only
locates the town before it, the origin of displaced victims, where a supporting force is deployed, and a second
strike on a named mountain told in a "كما" clause."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text

PUBLISHED = "2021-03-14"


def _events(text):
    doc, _ = document_from_text("mine", text, published=PUBLISHED)
    return [e for e in extract_events(doc) if e.core]


def _places(events, event_type=None):
    return {e.place_surface for e in events if event_type is None or e.type == event_type}


def test_a_countryside_after_its_town_is_no_second_place():
    events = _events("قصفت المدفعية صباح اليوم بلدة كفرنبل بريف إدلب الجنوبي.")
    assert _places(events) == {"كفرنبل"}


def test_a_governorate_and_a_wide_region_locating_a_town_are_dropped():
    events = _events("قتل مدنيان اليوم في غارة على مدينة سراقب، الواقعة في محافظة إدلب، شمال غرب سوريا.")
    assert _places(events) == {"سراقب"}


def test_a_countryside_joined_by_and_stays_a_second_place():
    events = _events("قصفت قوات النظام اليوم بلدة كفرنبل وريف حماة الشمالي.")
    places = {e.place_surface for e in events}
    assert "كفرنبل" in places and any("حماة" in p for p in places)


def test_a_countryside_of_another_governorate_is_kept():
    events = _events("قصفت قوات النظام اليوم بلدة كفرنبل بريف حلب الغربي.")
    assert len(_places(events)) == 2


def test_where_displaced_victims_came_from_is_not_the_place():
    events = _events("قتلت امرأة نازحة من قرية اللطامنة بريف حماة اليوم بغارة جوية على بلدة معرة مصرين.")
    assert _places(events) == {"معرة مصرين"}


def test_where_a_supporting_force_stands_is_not_the_place():
    events = _events("سيطرت الفصائل اليوم على مدينة سراقب إثر هجوم عنيف على نقاط الجيش، "
                     "بمساندة من راجمات الجيش التركي المتمركزة في الشمال السوري.")
    assert {e.place_surface for e in events} == {"سراقب"}


def test_a_target_deployed_somewhere_keeps_its_place():
    events = _events("قصف الطيران اليوم قوات النظام المتمركزة في مدينة سراقب.")
    assert _places(events) == {"سراقب"}


def test_a_second_strike_on_another_mountain_is_another_event():
    events = _events("وبالتزامن، نفذت المقاتلات الروسية غارة قصفت خلالها محيط قرية البارة ضمن منطقة جبل الزاوية جنوبي "
                     "إدلب، كما شنت المقاتلات الروسية غارتين ثانيتين على جبل الأربعين.")
    strikes = [e for e in events if e.type == "airstrike"]
    assert {e.place_surface for e in strikes} == {"البارة", "جبل الأربعين"}
    assert len({e.char_start for e in strikes}) == 2


def test_a_strike_on_a_mountain_in_the_next_sentence_is_not_a_summary_of_a_far_village():
    events = _events("قصفت المقاتلات الروسية اليوم قرية البارة. "
                     "وقصفت المقاتلات الروسية اليوم أيضا جبل الأربعين.")
    assert len({e.char_start for e in events if e.type == "airstrike"}) == 2


def test_a_region_summary_still_joins_the_town_strike_inside_it():
    events = _events("شنت الطائرات الروسية اليوم غارات على ريف إدلب. "
                     "واستهدفت الغارات الروسية بلدة البارة وقتلت مدنيين.")
    strikes = [e for e in events if e.type == "airstrike"]
    assert {e.place_surface for e in strikes} == {"البارة"}


def test_a_wide_region_after_a_countryside_only_locates_it():
    events = _events("قصفت قوات النظام اليوم قرى ريف إدلب الجنوبي، شمال غرب سوريا.")
    assert len(_places(events)) == 1


def test_two_countrysides_of_one_governorate_in_a_list_both_stay():
    events = _events("قصفت قوات النظام اليوم ريف إدلب الجنوبي، ريف إدلب الشرقي.")
    assert len(_places(events)) == 2


def test_the_detail_at_a_town_replaces_the_lead_at_a_region():
    text = ("قتل عناصر من الجيش اليوم بهجوم لهيئة تحرير الشام في ريف حلب الغربي، شمال غرب سوريا.\n\n"
            "وقالت مصادر إن مقاتلين من الهيئة هاجموا فجرا عبر عملية \"نوعية\" مواقع للجيش قرب بلدة أورم الكبرى.")
    clashes = [e for e in _events(text) if e.type == "armed_clash"]
    assert {e.place_surface for e in clashes} == {"أورم الكبرى"}


def test_a_quoted_word_inside_a_multiword_cue_still_matches():
    from core.extract.mentions.triggers import find_triggers

    quoted = find_triggers('شن المقاتلون فجرا عملية "نوعية" ضد مواقع الجيش.')
    assert [t.event_type for t in quoted] == ["armed_clash"]
    assert [t.event_type for t in find_triggers("شن المقاتلون فجرا عملية «نوعية» ضد مواقع الجيش.")] == ["armed_clash"]
    assert find_triggers("وصفوها بأنها عملية، نوعية جدا.") == []


def test_a_lead_borrows_the_region_of_a_recalled_attack_not_its_town():
    text = ("أعلنت أنقرة إطلاق هجوم جوي وبري على قوات النظام.\n"
            "وكان التصعيد قد بدأ في محافظة إدلب عقب قصف شنته قوات النظام على مدينة أريحا قبل أيام.")
    lead = [e for e in _events(text) if e.char_start == 0]
    assert lead and {e.place_surface for e in lead} == {"إدلب"}


def test_a_lead_still_takes_the_town_of_its_detail_sentence():
    text = ("شنت طائرات حربية غارات على مواقع للفصائل.\n"
            "واستهدفت الغارات في ريف إدلب الجنوبي بلدة كفرنبل وأطرافها.")
    lead = [e for e in _events(text) if e.char_start == 0]
    assert lead and {e.place_surface for e in lead} == {"كفرنبل"}


def test_a_place_noun_holding_the_letter_waw_lists_no_places():
    """"ريف إدلب محور كفرنبل": the و inside "محور" is no conjunction (a region before an axis is not listed with it)."""
    from core.extract.events.locators import _joined
    from core.model import PlaceMention

    def mention(text, surface):
        start = text.index(surface)
        return PlaceMention(surface=surface, start=start, end=start + len(surface), place=None, precision=1, score=1.0,
                            reason="")

    axis = "قصف على ريف إدلب محور كفرنبل"
    assert not _joined(axis, mention(axis, "ريف إدلب"), mention(axis, "كفرنبل"))
    listed = "قصف على ريف إدلب وكفرنبل"
    assert _joined(listed, mention(listed, "ريف إدلب"), mention(listed, "كفرنبل"))
