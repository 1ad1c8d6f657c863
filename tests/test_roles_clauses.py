"""Who did it across the clauses of one sentence (sentences written for the tests): the two sides of a fight told
before a strike are not its agent; a casualty verb that is also its passive ("قتل") has its subject before a count
of victims; members of a party right after a verb that opens the sentence act; a backer's coordination stops at
the other member of a pair; a capture with no named loser loses it to the party of another side named before."""

from functools import partial

from core.extract.mentions.actors import find_actors
from tests.sentences import events_of

_events = partial(events_of, published="2021-03-02")


def _by_place(text):
    return {e.place_ar: e for e in _events(text) if e.layer in ("strike", "ground", "advance")}


# -- (a) the sides of a fight named before another event of the sentence ---------------------------------------

def test_fight_sides_are_not_the_agent_of_a_following_shelling():
    rows = _by_place("تجددت المواجهات بين قوات النظام وهيئة تحرير الشام على محور كفرنبل، وطال قصف صاروخي "
                     "قرية كنصفرة.")
    assert (rows["كفر نبل"].actor1, rows["كفر نبل"].actor2) == ("syrian_government", "hts")
    assert rows["كنصفرة"].actor1 is None


def test_fight_sides_with_falling_shells_in_the_next_clause():
    rows = _by_place("اندلعت معارك بين الجيش الوطني وقسد قرب تل رفعت، وسقطت قذائف على بلدة مارع.")
    assert rows["مارع"].actor1 is None


def test_a_named_shelling_agent_after_a_fight_is_kept():
    rows = _by_place("دارت اشتباكات بين الفصائل وقوات النظام في كفرنبل، وقصفت قوات النظام بلدة البارة.")
    assert rows["البارة"].actor1 == "syrian_government"


# -- (c) "قتل X (في كمين) 12 من Y": the killer before the count --------------------------------------------------

def test_killer_before_a_count_of_victims_in_an_ambush():
    row = _by_place("قتل مسلحو تنظيم داعش خلال كمين 7 جنود من الجيش السوري قرب مدينة السخنة.")["السخنة"]
    assert (row.actor1, row.actor2) == ("isis", "syrian_government")


def test_capture_verb_with_a_count_after_the_captor():
    row = _by_place("أسر الجيش الوطني 4 عناصر من قسد خلال اشتباكات في قرية عون الدادات.")["عون الدادات"]
    assert (row.actor1, row.actor2) == ("sna", "sdf")


def test_members_before_the_circumstance_and_the_count():
    row = _by_place("قتل عناصر من هيئة تحرير الشام في كمين 3 جنود من قوات النظام قرب بلدة كفرنبل.")["كفر نبل"]
    assert (row.actor1, row.actor2) == ("hts", "syrian_government")


def test_victims_counted_before_the_party_stay_the_target():
    row = _by_place("قتل 5 عناصر من قوات النظام في كمين لتنظيم داعش قرب مدينة السخنة.")["السخنة"]
    assert (row.actor1, row.actor2) == ("isis", "syrian_government")


def test_without_a_count_the_party_after_the_verb_is_a_victim():
    row = _by_place("قتل قائد في قوات النظام في كمين قرب مدينة السخنة.")["السخنة"]
    assert row.actor1 != "syrian_government"


# -- (d) members right after a verb opening the sentence --------------------------------------------------------

def test_members_after_an_attack_verb_are_its_subject():
    row = _by_place("هاجم عناصر من تنظيم داعش حاجزا لقوات النظام قرب مدينة السخنة.")["السخنة"]
    assert (row.actor1, row.actor2) == ("isis", "syrian_government")


def test_fighters_of_a_party_after_a_targeting_verb():
    row = _by_place("استهدف مقاتلو هيئة تحرير الشام مواقع قوات النظام في بلدة كفرنبل.")["كفر نبل"]
    assert (row.actor1, row.actor2) == ("hts", "syrian_government")


# -- (b) the other member of a pair after a backer; the former holder of a retaken town -------------------------

def test_backer_coordination_stops_at_the_other_side():
    hints = {a.actor.actor_id: a.role_hint for a in find_actors(
        "تشتد المواجهات بين جيش النظام المدعوم روسيا والفصائل التي تدعمها أنقرة.")}
    assert hints["russia"] == "supporter" and hints["sna"] == ""
    backers = [a.role_hint for a in find_actors("هاجمت قوات النظام المدعومة من روسيا وإيران البلدة.")]
    assert backers.count("supporter") == 2


def test_clash_between_backed_parties_has_both_sides():
    row = _by_place("قتل 30 شخصا خلال المعارك في بلدة سراقب بين قوات النظام المدعومة من روسيا والفصائل "
                    "المدعومة من تركيا.")["سراقب"]
    assert (row.actor1, row.actor2) == ("syrian_government", "sna")


def test_retaken_town_is_lost_by_the_party_named_before():
    rows = [e for e in _events("شنت قوات النظام هجوما على بلدة كفرنبل، واستعادت الفصائل السيطرة على البلدة "
                               "بعد ساعات.") if e.type == "territory_taken"]
    assert [(e.actor1, e.actor2) for e in rows] == [("opposition", "syrian_government")]


def test_capture_after_an_allied_strike_has_no_invented_loser():
    rows = [e for e in _events("قصفت الطائرات الروسية بلدة كفرنبل، وسيطرت قوات النظام على قرية البارة.")
            if e.type == "territory_taken"]
    assert rows and all(e.actor2 is None for e in rows)


def test_members_after_a_light_verb_carry_out_the_attack():
    row = _by_place("نفذ عناصر من تنظيم داعش هجوما على حاجز لقوات النظام قرب مدينة السخنة.")["السخنة"]
    assert (row.actor1, row.actor2) == ("isis", "syrian_government")


def test_wounded_members_after_their_verb_are_not_the_agent():
    rows = _by_place("أصيب عناصر من قسد في قصف مدفعي طال قرية عون الدادات.")
    assert rows and all(e.actor1 != "sdf" for e in rows.values())


# -- (f) the nation of vehicles fought with is neither the agent of a later strike nor the target ---------------

def test_nation_of_vehicles_used_is_not_the_shelling_agent():
    rows = [e for e in _events("وشن المسلحون هجومهم على تل ملح باستخدام المدرعات الروسية، بالإضافة إلى القصف "
                               "المكثف بالراجمات على بلدة كفرنبل.") if e.layer in ("strike", "ground")]
    assert rows and all("russia" not in (e.actor1, e.actor2) for e in rows)


def test_nation_of_armour_advanced_with_is_not_the_loser():
    rows = [e for e in _events("تقدمت الفصائل بالمدرعات التركية مع قصف مدفعي مكثف على قرية البارة.")
            if e.type == "territory_taken"]
    assert rows and rows[0].actor1 == "opposition" and rows[0].actor2 != "turkey"


def test_vehicles_hit_keep_their_nation_as_target_and_as_subject():
    hit = _by_place("قصفت قوات النظام الآليات التركية في بلدة سراقب.")["سراقب"]
    assert (hit.actor1, hit.actor2) == ("syrian_government", "turkey")
    acting = _by_place("المدرعات التركية قصفت مواقع قسد في قرية عون الدادات.")["عون الدادات"]
    assert (acting.actor1, acting.actor2) == ("turkey", "sdf")


def test_a_party_repelled_before_it_could_take_the_town_took_nothing():
    rows = _events("وتحاول قوات النظام منذ أيام اقتحام بلدة كفرنبل، وقالت مصادر إن قوات النظام تسعى "
                   "للتقدم، فيما تصدت الفصائل لها قبل أن تتمكن من السيطرة على البلدة.")
    assert {e.type for e in rows} == {"armed_clash"}


def test_what_a_party_could_not_manage_is_no_capture_but_what_it_managed_is():
    assert [e.type for e in _events("شنت قوات النظام هجوما على بلدة كفرنبل دون أن تتمكن من السيطرة عليها.")] == [
        "armed_clash"]
    rows = _events("وبعد أن تمكنت قوات النظام من السيطرة على بلدة كفرنبل، قصفت الطائرات قرية حاس.")
    assert ("territory_taken", "كفر نبل") in {(e.type, e.place_ar) for e in rows}


def test_a_strike_going_with_the_fight_keeps_its_sides():
    rows = _by_place("دارت معارك بين قسد من جهة، والجيش التركي وفصائل تابعة له من جهة ثانية، وذلك قرب "
                     "بلدة تل أبيض، يرافقها قصف مدفعي عنيف على قرية عين العروس.")
    assert rows["عين العروس"].actor1 == "turkey"


def test_a_state_capturing_with_its_allies_has_no_invented_loser():
    rows = [e for e in _events("قال مراسل إن الجيش التركي وفصائل المعارضة سيطرا على بلدة تل أبيض.")
            if e.type == "territory_taken"]
    assert rows and all(e.actor2 != "opposition" for e in rows)
