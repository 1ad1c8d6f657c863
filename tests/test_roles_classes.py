"""Who did it and what type, on wordings of real reporting (sentences written for the tests): helicopters and
barrel bombs are the government's even after a Russian strike, the forces of a named operation are actors, a
sniper's shot is an event, a singular victim before its verb is counted, missiles fired by the jets named
before stay an air strike, and a reply "ورد X بـ..." is its own event."""

from functools import partial

from core.extract.mentions.actors import find_actors
from core.extract.mentions.casualties import find_casualty_counts
from tests.sentences import events_of

PUBLISHED = "2021-09-14"


_events = partial(events_of, published=PUBLISHED)


def _by_place(text):
    return {e.place_ar: e for e in _events(text) if e.layer in ("strike", "ground", "advance")}


def _actors(text):
    return [a.actor.actor_id for a in find_actors(text)]


# -- helicopters and barrel bombs: the government's, not the agent carried from a Russian strike -------------

def test_barrels_after_a_russian_raid_are_the_governments():
    rows = _by_place("قتل مدنيان اليوم بغارات روسية على بلدة البارة. كما ألقى الطيران المروحي براميل متفجرة "
                     "على قرية كنصفرة.")
    assert rows["البارة"].actor1 == "russia"
    assert rows["كنصفرة"].actor1 == "syrian_government" and rows["كنصفرة"].type == "airstrike"


def test_helicopters_in_a_while_clause_after_russian_jets():
    rows = _by_place("شنت المقاتلات الروسية غارات على بلدة البارة، بينما ألقت المروحيات براميل "
                     "متفجرة على قرية كنصفرة.")
    assert rows["البارة"].actor1 == "russia"
    assert rows["كنصفرة"].actor1 == "syrian_government"


def test_a_russian_raid_without_helicopters_keeps_its_carried_agent():
    rows = _by_place("شنت المقاتلات الروسية غارات على بلدة البارة. كما استهدفت الغارات قرية كنصفرة.")
    assert rows["كنصفرة"].actor1 == "russia"


# -- forces of a named operation --------------------------------------------------------------------------------

def test_forces_of_a_turkish_led_operation_are_turkey():
    assert _actors('دارت اشتباكات بين قوات عملية "غصن الزيتون" والوحدات الكردية.')[0] == "turkey"
    assert _actors("تقدمت قوات «نبع السلام» نحو القرية.") == ["turkey"]


def test_factions_of_an_operation_are_its_proxy():
    assert _actors("قصفت فصائل عملية «درع الفرات» مواقع قسد.") == ["sna", "sdf"]
    assert _actors("سيطرت فصائل غرفة عمليات فجر الحرية على البلدة.") == ["sna"]


def test_a_bare_operation_name_is_no_actor():
    assert _actors("قصفت المدفعية أهدافا في منطقة عملية نبع السلام.") == []
    assert _actors("وصل النازحون إلى مناطق غصن الزيتون.") == []


def test_a_clash_with_operation_forces_has_both_sides():
    e = _events('وقعت اشتباكات بين قوات عملية "غصن الزيتون" والوحدات الكردية في قرية جنديرس.')[0]
    assert (e.type, e.actor1, e.actor2) == ("armed_clash", "turkey", "sdf")


# -- a sniper's shot --------------------------------------------------------------------------------------------

def test_a_sniper_killing_is_an_event_with_its_toll():
    e = _events("قتل شاب اليوم برصاص قناص في مدينة سراقب.")[0]
    assert e.layer == "ground" and e.fatalities == 1


def test_the_sniper_of_a_party_names_the_agent():
    e = _events("أفاد المرصد بأن شخصا قتل برصاص قناص من قوات النظام في بلدة كنصفرة اليوم.")[0]
    assert (e.actor1, e.actor2, e.fatalities) == ("syrian_government", None, 1)


# -- a singular victim before its verb --------------------------------------------------------------------------

def test_a_singular_victim_before_the_verb_counts_one():
    counts = [(n.value, k) for n, k in find_casualty_counts("وقال إن طفلاً قُتل وأصيب آخرون.")]
    assert counts == [(1, "killed")]
    assert [(n.value, k) for n, k in find_casualty_counts("وأكد أن جنديا أصيب بجروح.")] == [(1, "injured")]


def test_a_singular_noun_not_before_a_casualty_verb_is_no_count():
    assert find_casualty_counts("وقال إن طفلا وصل إلى المستشفى.") == []


# -- missiles fired by the jets named before --------------------------------------------------------------------

def test_missiles_from_the_jets_named_before_stay_an_air_strike():
    rows = _by_place("شنت الطائرات الحربية الروسية اليوم غارات على بلدة البارة، كما قصفت بالصواريخ محيط "
                     "قرية كنصفرة.")
    assert (rows["كنصفرة"].type, rows["كنصفرة"].actor1) == ("airstrike", "russia")


def test_missiles_of_another_named_subject_stay_shelling():
    rows = _by_place("شنت الطائرات الحربية الروسية اليوم غارات على بلدة البارة، كما قصفت قوات النظام "
                     "بالصواريخ محيط قرية كنصفرة.")
    assert (rows["كنصفرة"].type, rows["كنصفرة"].actor1) == ("shelling", "syrian_government")


# -- a reply "ورد X بـ..." --------------------------------------------------------------------------------------

def test_a_reply_with_and_is_its_own_event():
    rows = _by_place("تعرضت بلدة البارة اليوم لقصف مدفعي من قوات النظام، ورد مقاتلو الفصائل باستهداف مواقع "
                     "قوات النظام في قرية كفرنبل.")
    assert (rows["البارة"].actor1, rows["البارة"].actor2) == ("syrian_government", None)
    assert (rows["كفر نبل"].actor1, rows["كفر نبل"].actor2) == ("opposition", "syrian_government")


def test_mentioned_is_no_reply():
    events = _events("قصفت قوات النظام اليوم بلدة البارة، حسب ما ورد في بيان المرصد، بالقذائف.")
    assert len(events) == 1


# -- shot by a party ---------------------------------------------------------------------------------------------

def test_shot_by_a_party_is_an_event_and_the_party_its_agent():
    e = _events("قتل شاب اليوم برصاص قوات النظام قرب بلدة البارة.")[0]
    assert (e.layer, e.actor1, e.fatalities) == ("ground", "syrian_government", 1)
    e = _events("قتل مقاتل من الفصائل برصاص الجيش على محور كفرنبل اليوم.")[0]
    assert e.actor1 == "syrian_government"


def test_a_party_named_by_its_bare_name_after_the_bullets_is_the_agent():
    e = _events("قتل عنصر من قوات النظام اليوم برصاص الفصائل على محور بلدة كنصفرة.")[0]
    assert (e.layer, e.actor1) == ("ground", "opposition")


def test_a_stray_bullet_is_no_attack():
    assert all(e.layer != "ground" for e in _events("قتل طفل اليوم برصاص طائش في مدينة سراقب."))


# -- victims named before the event word -----------------------------------------------------------------------

def test_victims_named_before_the_strike_are_its_target():
    e = _events("مقتل جنديين تركيين بقصف لقوات النظام على نقطة مراقبة في بلدة سراقب.")[0]
    assert (e.actor1, e.actor2, e.fatalities) == ("syrian_government", "turkey", 2)


def test_victims_of_an_earlier_event_of_the_clause_are_not_the_next_ones_target():
    rows = _by_place("قصفت قوات النظام بلدة البارة ما أدى لمقتل جنديين تركيين، بالتزامن مع غارات روسية على "
                     "قرية كنصفرة.")
    assert rows["كنصفرة"].actor2 is None


# -- an aircraft called Syrian ------------------------------------------------------------------------------------

def test_a_downed_aircraft_called_syrian_is_the_governments():
    e = _events("أسقطت الفصائل اليوم طائرة حربية سورية قرب بلدة سراقب.")[0]
    assert (e.type, e.actor1, e.actor2) == ("aircraft_downed", "opposition", "syrian_government")
    e = _events("وذكر مصدر عسكري أن الطيران التركي استهدف طائرة حربية سورية بصاروخ، ما أدى إلى سقوطها قرب بلدة سراقب.")[0]
    assert (e.type, e.actor1, e.actor2) == ("aircraft_downed", "turkey", "syrian_government")


def test_the_syrian_opposition_is_not_the_government():
    assert _actors("قصفت المعارضة السورية مواقع في بلدة سراقب.") == ["opposition"]
