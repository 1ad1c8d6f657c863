"""Error classes found on a second batch of fresh reporting (2016-2018, 2021-2024; sentences written for the
tests): the nationality of a weapon or of a pilot read as a party, a target equal to the agent, victims before
a casualty verb read as the agent, warships as instruments, the bare noun سيطرة naming a holder, and the toll
of the verb قضى."""

from functools import partial

from core.extract.events.draft import Draft
from core.extract.events.linking import _merge
from core.extract.events.roles import drop_self_target
from core.extract.mentions.actors import find_actors
from core.extract.segment import segment
from core.model import TriggerMention
from tests.sentences import events_of

PUBLISHED = "2022-05-10"


_events = partial(events_of, published=PUBLISHED)


def _one(text, layer="strike"):
    return next(e for e in _events(text) if e.layer == layer)


def test_where_a_shell_was_made_is_no_party():
    e = _one("قتل ثلاثة مدنيين اليوم بقصف مدفعي بقذائف موجهة روسية الصنع على بلدة كنصفرة.")
    assert e.actor2 is None and e.actor1 is None and e.fatalities == 3
    e = _one("قصفت قوات النظام اليوم بقذائف روسية الصنع بلدة البارة.")
    assert (e.actor1, e.actor2) == ("syrian_government", None)


def test_the_nationality_of_a_named_shell_is_no_target():
    e = _one("جرح رجلان صباحا إثر قصف بقذائف كراسنوبول الروسية طال قرية مرعيان.")
    assert e.actor2 is None


def test_a_real_target_after_the_verb_stays():
    e = _one("قصفت الطائرات الروسية اليوم القوات التركية قرب بلدة سرمين.")
    assert (e.actor1, e.actor2) == ("russia", "turkey")


def test_the_pilots_nation_is_the_downings_target_not_its_agent():
    e = next(e for e in _events("أسرت فصائل المعارضة اليوم طيارا روسيا بعدما أسقطت طائرته الحربية قرب بلدة معصران.")
             if e.type == "aircraft_downed")
    assert (e.actor1, e.actor2) == ("opposition", "russia")


def test_the_owner_of_a_downed_aircraft_is_the_target():
    e = next(e for e in _events("أسقطت الفصائل اليوم طائرة حربية تابعة للنظام قرب بلدة كفرنبل.")
             if e.type == "aircraft_downed")
    assert (e.actor1, e.actor2) == ("opposition", "syrian_government")


def test_an_agent_taken_from_a_linked_report_never_stays_the_target():
    # the first report names only the target, the linked one names the same party as agent
    text = "اشتباكات بين القوات المتقدمة وعناصر هيئة تحرير الشام. هاجم مقاتلو هيئة تحرير الشام القرية."
    hts = [a for a in find_actors(text) if a.actor.actor_id == "hts"]
    seg = segment(text)
    clause, sentence = seg.clauses[0], seg.sentences[0]
    trig = TriggerMention("armed_clash", "clash", "اشتباكات", 0, 8, pos="noun")
    base = Draft("armed_clash", "clash", [trig], clause, sentence, agent=None, target=hts[0])
    other = Draft("armed_clash", "clash", [trig], seg.clauses[-1], seg.sentences[-1], agent=hts[1])
    merged = _merge(base, other, None)
    assert merged.agent is not None and merged.target is not None  # the merge joins them ...
    drop_self_target(merged)
    assert merged.target is None and merged.agent.actor.actor_id == "hts"  # ... and the target goes


def test_victims_before_a_casualty_verb_are_not_the_agent_and_warships_are_instruments():
    e = _one("وقال ناشطون إن عشرة مدنيين قتلوا اليوم في قصف بصواريخ أطلقتها بوارج روسية على بلدة خان السبل.")
    assert e.actor1 == "russia" and e.fatalities == 10


def test_the_holder_of_a_place_is_no_capture():
    text = "استهدفت المسيرات التركية اليوم مدينتي منبج وعين العرب الخاضعتين لسيطرة قسد."
    assert [e.type for e in _events(text) if e.type == "territory_taken"] == []
    text = "ردت الفصائل بقصف مواقع سيطرة النظام في محيط مدينة سراقب اليوم."
    assert [e.type for e in _events(text) if e.type == "territory_taken"] == []


def test_the_bare_noun_with_its_object_is_still_a_capture():
    text = "وجاء القصف عقب سيطرة قوات النظام والميليشيات الإيرانية الموالية لها على بلدة كفرنبل اليوم."
    e = _one(text, layer="advance")
    assert e.type == "territory_taken" and e.actor1 == "syrian_government"


def test_qada_counts_the_dead_but_not_years():
    assert _one("قضى تسعة مدنيين اليوم جراء غارات روسية على بلدة كفرنبل.").fatalities == 9
    assert _one("كما قضت امرأة جراء قصف بالبراميل على بلدة التمانعة.").fatalities == 1
    assert not [e for e in _events("قضى الأسير 10 سنوات في السجن قبل الإفراج عنه.") if e.fatalities]


def test_during_it_after_the_raid_named_before_keeps_the_raid():
    e = _one("نفذ الطيران الروسي غارة جوية استهدف خلالها محيط قرية بينين.")
    assert e.type == "airstrike" and e.actor1 == "russia"
    # "during it" with no event named before still refers to an earlier period (a campaign)
    assert not [e for e in _events("سيطرت القوات خلاله على عشرات القرى في ريف إدلب.") if e.layer == "advance"]


def test_a_weapon_with_its_nation_after_a_strike_noun_names_the_agent():
    e = _one("قصف طيران حربي روسي، اليوم، مواقع في بلدة جسر الشغور، ما أدى لمقتل 11 شخصا.")
    assert e.actor1 == "russia" and e.fatalities == 11


def test_a_resumptive_verb_after_a_long_strike_phrase_names_the_agent():
    e = _one("وأفاد مسعفون بأن قصفا صاروخيا بقذائف موجهة بالليزر شنته قوات النظام على بيوت الأهالي "
             "في بلدة كنصفرة، ما أدى إلى مقتل 4 أطفال.")
    assert e.actor1 == "syrian_government" and e.actor2 != "syrian_government" and e.fatalities == 4


def test_the_killer_named_before_the_toll_and_civilians_never_the_agent():
    e = _one("قتلت الطائرات الروسية 3 مدنيين بغارة على بلدة حيش اليوم.")
    assert (e.actor1, e.fatalities) == ("russia", 3)
    e = _one("قتلت قوات النظام اليوم 4 أطفال بقصف على بلدة كنصفرة.")
    assert (e.actor1, e.fatalities) == ("syrian_government", 4)


def test_a_faction_is_never_the_agent_of_an_airstrike():
    text = ("تدور اليوم معارك بين الجيش السوري ومسلحي النصرة قرب مطار أبو الضهور، "
            "بالتزامن مع قصف جوي ومدفعي عنيف.")
    strikes = [e for e in _events(text) if e.type == "airstrike"]
    assert strikes and all(e.actor1 != "hts" for e in strikes)
    e = _one("شنت الطائرات التركية اليوم غارات على مواقع قسد في قرية مرعناز.")
    assert e.actor1 == "turkey"


def test_a_reply_in_the_same_clause_is_a_second_event_with_its_own_roles():
    text = "تعرضت بلدة كفرنبل اليوم لقصف مدفعي عنيف وردت الفصائل بقصف مدفعي على مواقع قوات النظام في قرية معرشورين."
    by_place = {e.place_ar: e for e in _events(text) if e.layer == "strike"}
    assert (by_place["معرشورين"].actor1, by_place["معرشورين"].actor2) == ("opposition", "syrian_government")
    assert by_place["كفر نبل"].actor1 != "opposition" and by_place["كفر نبل"].actor2 != "syrian_government"


def test_a_systematic_or_continuing_pattern_without_a_day_is_no_event():
    assert not [e for e in _events("وتتعرض بلدات جبل الزاوية لقصف مستمر من قبل قوات النظام بالراجمات.")
                if e.core]
    assert not [e for e in _events("تشهد مناطق ريف حلب الغربي هجمات ممنهجة بالطائرات المسيرة من قبل قوات النظام.")
                if e.core]
    # with a day of its own it is that day's event
    e = _one("تعرضت بلدة البارة صباح اليوم لقصف مدفعي مستمر من قبل قوات النظام.")
    assert e.actor1 == "syrian_government"


def test_a_toll_does_not_cross_into_a_contrast_clause():
    e = _one("قتلت قوات النظام اليوم 4 أطفال في ريف إدلب، فيما جرح رجلان بقصف مماثل طال بلدة كفر نوران.")
    assert e.place_ar == "كفر نوران" and e.fatalities is None
    assert _one("قتل 5 مدنيين اليوم عقب غارات روسية على بلدة حيش.").fatalities == 5


def test_a_source_is_not_the_target():
    e = _one("قتل عشرة مدنيين اليوم بقصف قالت الفصائل إنه بصواريخ من فرقاطة روسية على بلدة خان السبل.")
    assert (e.actor1, e.actor2) == ("russia", None)


def test_strikes_that_back_a_force_are_not_an_event():
    text = "وتقدمت قوات الحكومة المدعومة بالغارات الروسية في ريف حماة."
    assert [e.type for e in _events(text) if e.layer == "strike"] == []
    e = _one("قصفت قوات النظام المدعومة روسيا بالمدفعية بلدة البارة اليوم.")
    assert e.actor1 == "syrian_government"


def test_an_advance_towards_a_place_has_not_taken_it():
    assert not [e for e in _events("تقدمت قوات النظام اليوم باتجاه بلدة سراقب.") if e.type == "territory_taken"]
    taken = [e.place_ar for e in _events("تقدمت قوات النظام اليوم نحو بلدة سراقب في ريف إدلب وسيطرت على قرية داديخ.")
             if e.type == "territory_taken"]
    assert taken == ["داديخ"]
    # "إلى" after an entry verb is where the force went in
    e = _one("دخلت قوات النظام اليوم إلى مدينة معرة النعمان.", layer="advance")
    assert e.type == "territory_taken" and e.place_ar == "معرة النعمان"


def test_two_strike_verbs_of_one_sentence_on_different_places_are_two_strikes():
    text = "شن الطيران الروسي غارة جوية على قرية بينين، كما نفذ الطيران الروسي غارتين على منطقة جبل الأربعين."
    assert len([e for e in _events(text) if e.type == "airstrike"]) == 2
    # one strike told twice in one sentence (the same village) stays one
    text = "قصفت الطائرات الروسية اليوم بلدة حيش، واستهدفت الطائرات الروسية بلدة حيش بثلاث غارات."
    assert len({e.group_id or e.event_id for e in _events(text) if e.type == "airstrike"}) == 1
