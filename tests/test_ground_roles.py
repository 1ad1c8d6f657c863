"""Ground events and their roles (sentences written for the tests): the fighting a capture or a withdrawal
followed is part of it and names whom the place was taken from; an observation post's party is no former
holder; a verbal noun an attempt verb governs is no capture, however long its subject; a fight word whose
object is the attack told before has the attacker as its other side."""

from functools import partial

from tests.sentences import events_of

_events = partial(events_of, published="2020-02-10")


def _types(text):
    return [(e.type, e.actor1, e.actor2) for e in _events(text)]


def test_fight_after_a_comma_is_the_capture_and_names_the_loser():
    rows = _types("دخلت قوات النظام قرية كفرومة صباح اليوم، وذلك بعد اشتباكات عنيفة مع الفصائل.")
    assert ("territory_taken", "syrian_government", "opposition") in rows
    assert not any(t == "armed_clash" for t, *_ in rows)


def test_fight_told_with_the_capture_as_a_noun_is_no_second_event():
    rows = _types("استعادت الفصائل اليوم قرية حزارين، وجاءت استعادة القرية عقب مواجهات مع قوات النظام.")
    assert ("territory_taken", "opposition", "syrian_government") in rows
    assert not any(t == "armed_clash" for t, *_ in rows)


def test_withdrawal_after_battles_is_one_event():
    rows = _types("انسحب مقاتلو الفصائل اليوم من بلدة كفرنبل، بعد معارك طويلة مع قوات النظام.")
    assert [t for t, *_ in rows] == ["withdrawal"]
    assert rows[0][1:] == ("opposition", "syrian_government")


def test_fight_with_its_own_agent_beside_a_capture_stays():
    rows = _types("سيطرت قوات النظام على قرية كفرومة اليوم، فيما اندلعت اشتباكات بين الفصائل وقوات النظام "
                  "في بلدة كفرنبل.")
    assert {"territory_taken", "armed_clash"} <= {t for t, *_ in rows}


def test_observation_post_party_is_not_the_former_holder():
    rows = _types("سيطرت قوات النظام على بلدة كفرنبل اليوم، على مقربة من نقطة المراقبة التركية.")
    assert rows and rows[0][0] == "territory_taken" and rows[0][2] != "turkey"
    rows = _types("استعادت قوات النظام اليوم مدينة كفرنبل وطوقت نقطة مراقبة للقوات التركية.")
    assert all(a2 != "turkey" for t, _, a2 in rows if t == "territory_taken")


def test_attempt_verb_before_a_long_subject_is_no_capture():
    rows = _types("حاولت قوات النظام مدعومة بعناصر من حزب الله اللبناني التقدم على محور كفرومة اليوم دون جدوى.")
    assert not any(t == "territory_taken" for t, *_ in rows)


def test_capture_verb_after_an_attempt_told_before_stays():
    rows = _types("سيطرت قوات النظام على قرية كفرومة اليوم بعد أن حاولت التقدم إليها مرات عدة.")
    assert any(t == "territory_taken" for t, *_ in rows)


def test_repelling_the_attack_told_before_names_the_attacker():
    rows = _types("حاولت قوات النظام التسلل إلى محور كفرومة اليوم، غير أن الفصائل صدت الهجوم.")
    assert ("armed_clash", "opposition", "syrian_government") in rows
    rows = _types("حاولت قوات النظام التقدم نحو قرية حزارين اليوم، لكن هيئة تحرير الشام تصدت للمحاولة.")
    assert ("armed_clash", "hts", "syrian_government") in rows


def test_fight_continuing_a_fight_keeps_both_sides():
    rows = _types("اندلعت اشتباكات بين قوات النظام والفصائل على أطراف قرية كفرومة اليوم، كما دارت مواجهات "
                  "عنيفة في محيط قرية حزارين.")
    assert rows.count(("armed_clash", "syrian_government", "opposition")) == 2


def test_retreat_told_apart_from_the_entry_is_one_capture():
    rows = _types("انسحب مقاتلو الفصائل من بلدة كفرنبل صباح اليوم. ودخلت قوات النظام البلدة ظهرا دون مقاومة.")
    assert rows == [("territory_taken", "syrian_government", "opposition")]


def test_withdrawal_beside_a_capture_elsewhere_stays():
    rows = _types("انسحبت الفصائل اليوم من قرية حزارين. وسيطرت قوات النظام على بلدة كفرنبل.")
    assert {t for t, *_ in rows} == {"withdrawal", "territory_taken"}


def test_a_generic_targeting_of_a_patrol_without_a_weapon_is_a_ground_attack():
    from core.extract.events import extract_events
    from core.extract.ingest import document_from_text

    def types(text):
        return [e.type for e in extract_events(document_from_text("mine", text, published="2021-05-02")[0])]

    assert types("استهدف عناصر من الفصائل دورية لقوات النظام في بلدة الصنمين.") == ["armed_clash"]
    assert types("استهدف عناصر من الفصائل بقذائف الهاون حاجزا لقوات النظام في بلدة الصنمين.") == ["shelling"]
    assert types("استهدف عناصر من الفصائل مواقع لقوات النظام في بلدة الصنمين.") == ["shelling"]
    # an army targeting a convoy may shell or bomb it
    assert types("استهدفت قوات النظام رتلا عسكريا تركيا قرب بلدة الصنمين.") == ["shelling"]
