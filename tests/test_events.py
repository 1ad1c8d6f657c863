"""Event assembly on hand-written sentences (never the seed articles).

Covers: verb-first and noun-first sentences, adjectival actors, "backed by" phrases, the
time forms, number words for fatalities, one row per place, unresolved places, repeated
paragraphs and sentences without an event.
"""

from datetime import date

import pytest

from core.extract.events import extract_events
from core.extract.ingest import document_from_text
from core.table.store import events_to_frame

PUBLISHED = "2020-02-12"  # a Wednesday


def _events(text, published=PUBLISHED, doc_id="mine"):
    doc, _ = document_from_text(doc_id, text, published=published)
    return extract_events(doc)


def _one(text, **kw):
    events = _events(text, **kw)
    kinds = {(e.type, e.char_start) for e in events}
    assert len(kinds) == 1, [(e.type, e.evidence) for e in events]
    return events[0]


def test_verb_first_sentence_agent_and_target():
    e = _one("قصفت القوات التركية مواقع لقوات النظام في مدينة سراقب اليوم.")
    assert (e.type, e.layer, e.actor1, e.actor2) == ("shelling", "strike", "turkey", "syrian_government")
    assert (e.actor1_side, e.actor2_side) == ("turkey", "pro-government")
    assert e.pcode == "C3916" and e.geo_status == "resolved" and e.geo_precision == 1
    assert e.date == date(2020, 2, 12) and e.time_precision == "day"
    assert e.core is True and e.rule.startswith("trigger:verb") and "agent:vso" in e.rule


def test_noun_first_sentence_with_adjectival_actor():
    e = _one("غارات روسية استهدفت مدينة كفرنبل أمس.")
    assert (e.type, e.actor1) == ("airstrike", "russia")
    assert e.date == date(2020, 2, 11) and e.pcode == "C4068"
    assert e.summary.startswith("Russian airstrikes on Kafr Nobol")


def test_subject_first_sentence_and_backed_by_phrase():
    e = _one("قال المرصد إن قوات النظام المدعومة من روسيا وإيران سيطرت على بلدة خان شيخون.")
    assert (e.type, e.layer, e.actor1) == ("territory_taken", "advance", "syrian_government")
    assert e.actor2 not in ("russia", "iran")


def test_light_verb_before_a_noun_trigger():
    e = _one("شن الطيران الحربي الروسي غارات على بلدة سرمين اليوم.")
    assert (e.type, e.actor1, e.pcode) == ("airstrike", "russia", "C3953")


def test_modifier_changes_the_type_and_drones():
    assert _one("استهدفت طائرات مسيرة تركية مواقع للجيش السوري قرب بلدة سرمين.").type == "drone_strike"
    e = _one("نفذت قوات النظام قصفا جويا على مدينة أريحا.")
    assert (e.type, e.actor1) == ("airstrike", "syrian_government")


def test_between_gives_both_actors():
    e = _one("اندلعت اشتباكات عنيفة بين الجيش الوطني السوري وقوات سوريا الديمقراطية قرب بلدة النيرب.")
    assert (e.type, e.actor1, e.actor2) == ("armed_clash", "sna", "sdf")


def test_pronoun_subject_takes_the_previous_agent():
    events = _events("سيطرت هيئة تحرير الشام على بلدة النيرب اليوم، ثم قصفت مواقع قوات النظام في مدينة سراقب.")
    shelling = [e for e in events if e.type == "shelling"]
    assert shelling and shelling[0].actor1 == "hts" and "agent:context" in shelling[0].rule


@pytest.mark.parametrize("time_phrase, expected, precision", [
    ("اليوم", date(2020, 2, 12), "day"),
    ("أمس", date(2020, 2, 11), "day"),
    ("أمس الثلاثاء", date(2020, 2, 11), "day"),
    ("يوم الاثنين الماضي", date(2020, 2, 10), "day"),
])
def test_time_expressions_resolve_against_publication(time_phrase, expected, precision):
    e = _one(f"قصفت قوات النظام {time_phrase} بلدة سرمين.")
    assert (e.date, e.time_precision) == (expected, precision)
    assert e.time_surface and time_phrase.split()[-1] in e.time_surface


def test_since_friday_is_a_range_ending_at_publication():
    e = _one("تقصف قوات النظام منذ يوم الجمعة الماضي مدينة أريحا.")
    assert e.date_start == date(2020, 2, 7) and e.date_end in (date(2020, 2, 12), date(2020, 2, 11))


def test_sentence_without_time_inherits_its_paragraph():
    text = "قصفت قوات النظام أمس بلدة سرمين. وفي وقت لاحق قصفت القوات التركية مدينة سراقب."
    events = _events(text)
    turkish = [e for e in events if e.actor1 == "turkey"][0]
    assert turkish.date == date(2020, 2, 11) and "time:paragraph" in turkish.rule


def test_no_time_falls_back_to_publication_flagged():
    e = _one("انسحبت فصائل المعارضة من مدينة معرة النعمان.")
    assert e.date == date(2020, 2, 12) and e.time_precision == "week"
    assert "date_from_published" in e.time_flags and e.date_start < e.date


def test_no_publication_date_leaves_date_empty():
    e = _one("انسحبت فصائل المعارضة من مدينة معرة النعمان أمس.", published=None)
    assert e.date is None


def test_fatalities_from_number_words_and_digits():
    e = _one("أسفر قصف مدفعي لقوات النظام على مدينة أريحا عن مقتل ثلاثة مدنيين.")
    assert e.fatalities == 3 and e.actor1 == "syrian_government"
    e = _one("قتل 12 عنصرا من قوات النظام في غارة تركية على بلدة سرمين.")
    assert e.fatalities == 12
    e = _one("قصفت القوات التركية بلدة سرمين اليوم.")
    assert e.fatalities is None


def test_one_row_per_place_sharing_the_report_key():
    events = _events("قصفت قوات النظام أمس بلدتي سرمين وآفس ومدينة سراقب.")
    assert {e.pcode for e in events} == {"C3953", "C3920", "C3916"}
    assert len({(e.doc_id, e.type, e.date, e.char_start) for e in events}) == 1
    assert len({e.event_id for e in events}) == 3
    assert all(e.evidence and e.char_end > e.char_start for e in events)


def test_unresolved_place_has_no_coordinates_and_gets_its_region():
    events = _events("سيطرت قوات النظام على قرية تلة البرغل في ريف إدلب الجنوبي.")
    unresolved = [e for e in events if e.geo_status == "unresolved"]
    assert unresolved and all(e.lat is None and e.lon is None for e in unresolved)
    regions = [e for e in events if e.geo_status == "region"]
    assert regions and all(e.geo_precision == 3 and e.admin1_pcode == "SY07" for e in regions)


def test_repeated_paragraph_yields_one_event():
    para = "قصفت القوات التركية مواقع لقوات النظام في مدينة سراقب."
    events = _events(f"{para}\nوقال مصدر إن الوضع هادئ.\n{para}")
    assert len(events) == 1


def test_sentence_without_event_and_empty_documents():
    assert _events("الطقس جميل في دمشق هذا الصباح، والأسواق مزدحمة.") == []
    assert _events("") == []
    assert _events("This is an English text about the weather.") == []


def test_demands_are_not_events():
    events = _events("طالب الرئيس التركي بوقف الهجمات على المدنيين في إدلب.")
    assert [e.type for e in events] == ["statement"]
    assert events[0].actor1 == "turkey" and events[0].core is False


def test_non_map_types_diplomacy_and_patrol():
    e = _one("تباحث أردوغان هاتفيا مع بوتين اليوم.")
    assert (e.type, e.actor1, e.actor2, e.core, e.geo_status) == ("diplomacy", "turkey", "russia", False, "none")
    e = _one("سيرت القوات التركية والروسية دورية مشتركة في ريف الحسكة اليوم.")
    assert e.type == "joint_patrol" and e.actor1 == "turkey"


def test_rows_validate_and_ids_are_stable():
    text = "غارات روسية استهدفت مدينة كفرنبل أمس. وقصفت القوات التركية مدينة سراقب."
    first, second = _events(text), _events(text)
    assert [e.event_id for e in first] == [e.event_id for e in second]
    df = events_to_frame(first)
    assert set(df["geo_status"]) <= {"resolved", "region", "unresolved", "none"}
    assert df["confidence"].between(0, 1).all() and (df["summary"].str.len() > 0).all()


def test_conflicting_time_cues_follow_the_rule_and_are_flagged():
    # published on a Thursday: "yesterday Tuesday" → the weekday wins (Tuesday 11 Feb), flagged
    e = _one("قصفت قوات النظام أمس الثلاثاء بلدة سرمين.", published="2020-02-13")
    assert e.date == date(2020, 2, 11)
    assert "weekday_conflict" in e.time_flags


def test_denied_strike_is_not_an_event_but_the_denial_is_a_statement():
    events = _events("نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مدينة أريحا.")
    assert [e.type for e in events] == ["statement"] and events[0].actor1 == "russia"


def test_entry_after_withdrawal_is_one_transfer_of_territory():
    # convention of the real-reporting gold (issue 11): the loser's withdrawal from the place taken, told in the
    # capture's sentence, is the same transfer; it names the capture's target instead of a second event
    events = _events("دخلت قوات النظام مدينة خان شيخون بعد انسحاب مقاتلي هيئة تحرير الشام منها.")
    assert [(e.type, e.actor1, e.actor2) for e in events] == [("territory_taken", "syrian_government", "hts")]


def test_relative_clause_describes_and_does_not_add_an_event():
    events = _events("انسحب مقاتلو المعارضة من المواقع التي تقدموا إليها في بلدة النيرب.")
    assert [e.type for e in events] == ["withdrawal"]


def test_subheadings_are_not_read_as_events():
    text = "غارات وقصف\nقالت مصادر محلية إن قوات النظام قصفت بلدة سرمين اليوم."
    assert [e.type for e in _events(text)] == ["shelling"]


def test_talks_take_their_venue_not_their_topic():
    text = ("توجه وزير الخارجية التركي إلى موسكو اليوم. "
            "وعقد الوزير اجتماعا مع نظيره الروسي لافروف لبحث الوضع في إدلب.")
    talks = [e for e in _events(text) if e.type == "diplomacy"]
    assert talks and all(e.admin1_pcode != "SY07" for e in talks)
    assert any(e.place_en == "Moscow" for e in talks)


def test_what_is_said_during_a_call_belongs_to_the_call():
    text = ("تباحث أردوغان هاتفيا مع بوتين اليوم بشأن إدلب. "
            "وقال الرئيس التركي لنظيره الروسي إن الهجمات يجب أن تتوقف.")
    assert [e.type for e in _events(text)] == ["diplomacy"]


def test_passive_agent_and_weapon_owner():
    e = _one("تعرضت بلدة سرمين لقصف مدفعي من قبل قوات النظام.")
    assert (e.type, e.actor1) == ("shelling", "syrian_government") and "agent:passive" in e.rule
    e = _one("ألقت المروحيات التابعة للنظام براميل متفجرة على بلدة بنش.")
    assert (e.type, e.actor1) == ("airstrike", "syrian_government")
    e = _one("قصفت الطائرات الحربية مواقع تابعة لهيئة تحرير الشام في بلدة بنش.")
    assert (e.actor1, e.actor2) == (None, "hts")  # the positions' owner is the target


def test_threats_are_statements_not_operations():
    events = _events("وكانت تركيا قد هددت بشن عملية عسكرية واسعة إذا لم تنسحب قوات النظام من محيط سراقب.")
    assert [e.type for e in events] == ["statement"] and events[0].actor1 == "turkey"


# ---------------------------------------------------------------------------------------
# generalization rules (patterns found on a second development set; own sentences)


def _by_type(events):
    out = {}
    for e in events:
        out.setdefault(e.type, []).append(e)
    return out


def test_simultaneous_second_strike_is_its_own_event():
    events = _by_type(_events("ألقت مروحيات النظام براميل متفجرة على بلدة سرمين صباح اليوم، بالتزامن مع قصف "
                              "مدفعي تركي على أطراف مدينة سراقب."))
    assert {e.pcode for e in events["airstrike"]} == {"C3953"}
    assert events["airstrike"][0].actor1 == "syrian_government"
    assert {e.pcode for e in events["shelling"]} == {"C3916"} and events["shelling"][0].actor1 == "turkey"


def test_earlier_capture_after_uqb_is_a_second_event_with_its_own_date():
    events = _events("دخلت قوات النظام مدينة أريحا اليوم، عقب سيطرة القوات الحكومية مساء أمس على بلدة سرمين.")
    taken = sorted((e.date, e.pcode) for e in events if e.type == "territory_taken" and e.geo_precision == 1)
    assert taken == [(date(2020, 2, 11), "C3953"), (date(2020, 2, 12), "C4278")]


def test_withdrawal_from_it_takes_the_place_of_the_capture():
    events = _by_type(_events("قصفت قوات النظام اليوم بلدة بنش بعد انسحاب فصائل المعارضة منها."))
    (w,) = events["withdrawal"]
    assert (w.pcode, w.actor1) == ("C3904", "opposition") and "place:pronoun" in w.rule


def test_origin_of_a_strike_is_not_its_place():
    events = _events("قصف مدفعي مصدره مواقع قوات النظام في مدينة سراقب استهدف بلدة تفتناز اليوم.")
    strikes = [e for e in events if e.layer == "strike"]
    assert {e.pcode for e in strikes} == {"C3932"} and strikes[0].actor1 == "syrian_government"


def test_destination_of_displacement_is_not_its_place():
    events = [e for e in _events("نزحت مئات العائلات اليوم من بلدة سرمين باتجاه مدينة أريحا.")
              if e.type == "displacement"]
    assert {e.pcode for e in events} == {"C3953"}


def test_follow_up_paragraph_inherits_the_report_day_but_not_across_a_new_report():
    # (replaces the old rule "never a date from another paragraph": a follow-up paragraph that
    # goes on with the report takes its day; a topic shift or a new source does not)
    lead = "قصفت قوات النظام أمس الثلاثاء بلدة سرمين بالمدفعية الثقيلة.\n\n"
    events = _by_type(_events(lead + "وشنت الطائرات الحربية الروسية غارات على مدينة أريحا."))
    assert events["shelling"][0].date == date(2020, 2, 11)
    raid = events["airstrike"][0]
    assert raid.date == date(2020, 2, 11) and "time:discourse" in raid.rule
    for opener in ("وفي سياق آخر، شنت الطائرات الحربية الروسية غارات على مدينة أريحا.",
                   "وقال ناشطون إن الطائرات الحربية الروسية شنت غارات على مدينة أريحا."):
        raid = _by_type(_events(lead + opener))["airstrike"][0]
        assert raid.date == date(2020, 2, 12) and "time:published" in raid.rule


def test_dateline_header_dates_sentences_without_time():
    text = ("الاثنين 10 شباط 2020\n\n"
            "سيطرت قوات النظام على بلدة سرمين بعد معارك عنيفة مع الفصائل، وفق مصادر محلية في المنطقة.")
    events = [e for e in _events(text, published=None) if e.type == "territory_taken"]
    assert events and events[0].date == date(2020, 2, 10)


def test_future_meeting_is_not_an_event():
    events = _events("أعلنت موسكو أن الرئيس الروسي سيستقبل نظيره التركي يوم الخميس المقبل لبحث الوضع في إدلب.")
    assert not [e for e in events if e.type == "diplomacy"]


def test_past_background_period_is_not_news():
    events = _events("وكانت مدينة سراقب قد شهدت معارك عنيفة خلال العام الماضي.")
    assert not [e for e in events if e.layer in ("strike", "ground", "advance")]


def test_weapon_owner_after_verb_is_the_agent():
    e = [e for e in _events("استهدفت مدفعية النظام بلدة بنش بعشرات القذائف اليوم.") if e.layer == "strike"][0]
    assert e.actor1 == "syrian_government" and e.pcode == "C3904"


def test_genitive_agent_of_a_noun_after_min():
    events = _events("وجاء ذلك بعد يومين من انسحاب القوات التركية من نقطة قرب بلدة تفتناز.")
    moves = [e for e in events if e.type == "withdrawal"]
    assert moves and moves[0].actor1 == "turkey"


def test_between_sides_from_one_side_and_the_other():
    e = [e for e in _events("تدور اشتباكات عنيفة اليوم بين فصائل المعارضة والجبهة الوطنية للتحرير من جهة وقوات "
                            "النظام من جهة أخرى قرب سراقب.") if e.type == "armed_clash"][0]
    assert (e.actor1, e.actor2) == ("nlf", "syrian_government")


def test_two_speakers_in_two_clauses_are_two_statements():
    events = _events("قال الرئيس التركي إن بلاده لن تتراجع عن مواقفها، فيما أكد الرئيس الروسي أن الحوار مستمر.")
    assert {e.actor1 for e in events if e.type == "statement"} == {"turkey", "russia"}


def test_one_displacement_per_sentence():
    events = _events("تسبب القصف بموجة نزوح جديدة من بلدة الأتارب، حيث نزح آلاف المدنيين خلال يومين.")
    assert len({e.char_start for e in events if e.type == "displacement"}) == 1


def test_reply_to_an_attack_is_not_a_new_clash():
    events = _events("وقالت الوزارة إن قواتها ردت على الهجوم بقصف مدفعي على مواقع قوات النظام قرب سراقب.")
    assert {e.type for e in events if e.layer in ("strike", "ground", "advance")} == {"shelling"}


def test_ceasefire_coming_into_force_is_an_agreement_not_a_capture():
    events = _events("دخل اتفاق الهدنة في ريف حماة حيز التنفيذ فجر اليوم، بعد مباحثات مطولة بين الوزيرين الروسي "
                     "والتركي.")
    types = {e.type: e for e in events}
    assert "territory_taken" not in types
    assert (types["agreement"].actor1, types["agreement"].actor2) == ("russia", "turkey")


def test_the_town_refers_back_to_the_last_named_settlement():
    text = ("سيطرت فصائل المعارضة مساء أمس على بلدة سرمين بعد معارك عنيفة مع قوات النظام.\n\n"
            "وأضافت المصادر أن قوات النظام انسحبت من مواقعها في محيط البلدة باتجاه الشرق.")
    (w,) = [e for e in _events(text) if e.type == "withdrawal"]
    # the place recognizer resolves "البلدة" to the town (PlaceMention.refers_to); the events' own anaphora rule
    # remains the fallback for an event without any place mention
    assert w.pcode == "C3953" and ("place:anaphora" in w.rule or "refers to" in (w.geo_reason or ""))
    assert w.date == date(2020, 2, 11)  # "وأضافت": the paragraph continues the report before it
