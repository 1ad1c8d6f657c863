"""Factuality and sides, round 3 (sentences written for these tests): a loss of control is no capture by the
loser; a capture in a purpose clause or helped along is no capture; the owner of a downed aircraft is not its
shooter; escalation alone, evacuated offices and a toll's cause are no events of their own."""

import pytest

from core.extract.events import extract_events
from core.extract.ingest import document_from_text

PUBLISHED = "2020-02-12"


def _events(text):
    doc, _ = document_from_text("mine", text, published=PUBLISHED)
    return extract_events(doc)


def _rows(text):
    return sorted((e.type, e.actor1, e.actor2) for e in _events(text))


@pytest.mark.parametrize("text", [
    "خسر الجيش السوري سيطرته على قرية تل مرديخ مساء أمس.",
    "خسرت القوات الحكومية السيطرة على بلدة النيرب بعد معارك طويلة.",
    "وقال المرصد إن الجيش فقد سيطرته الكاملة على بلدة كفرنبل.",
])
def test_a_loss_of_control_is_never_the_losers_capture(text):
    events = _events(text)
    assert not [e for e in events if e.type == "territory_taken" and e.actor1 == "syrian_government"]
    assert {e.type for e in events if e.actor1 == "syrian_government"} <= {"withdrawal"}


def test_a_loss_before_the_winner_keeps_the_winners_capture():
    rows = _rows("وفقدت قوات النظام السيطرة على مدينة سراقب أمام هجوم الفصائل.")
    assert rows and rows[0][:2] == ("territory_taken", "opposition")


@pytest.mark.parametrize("text", [
    "شنت الفصائل هجوما عنيفا على بلدة النيرب ليتقدم مقاتلوها نحو المدينة.",
    "قصفت الطائرات الروسية مواقع الفصائل لتتقدم قوات النظام نحو كفرنبل.",
    "قصف الجيش التركي مواقع قوات النظام ليسيطر مقاتلو الفصائل على بلدة النيرب.",
    "واتهمت دمشق أنقرة بأنها تساعد الفصائل على التقدم في بلدة النيرب.",
    "وقال المرصد إن الغطاء الجوي الروسي يسهل تقدم قوات النظام في ريف إدلب.",
])
def test_a_purpose_or_a_help_is_no_capture(text):
    assert "territory_taken" not in {e.type for e in _events(text)}


def test_the_attack_of_a_purpose_clause_stays_a_fight():
    assert {e.type for e in _events("شنت الفصائل هجوما عنيفا على بلدة النيرب ليتقدم مقاتلوها نحو المدينة.")} == {
        "armed_clash"}


def test_a_capture_told_done_stays():
    rows = _rows("سيطرت الفصائل على بلدة النيرب بعد أن ساعدها القصف التركي.")
    assert ("territory_taken", "opposition") in {r[:2] for r in rows}


@pytest.mark.parametrize("text", [
    "قصف الجيش التركي مواقع لقوات النظام في سراقب. وأسقطت طائرة مسيرة فوق المدينة، والطائرة التي أسقطت تابعة "
    "للجيش التركي.",
    "قصف الجيش التركي مواقع لقوات النظام في سراقب، وأسقطت طائرة مسيرة تابعة للجيش التركي فوق المدينة.",
    "الطائرة التي أسقطت في سراقب تابعة للجيش التركي.",
])
def test_the_owner_of_a_downed_aircraft_is_its_target(text):
    downs = [e for e in _events(text) if e.type == "aircraft_downed"]
    assert downs and all(e.actor1 != "turkey" and e.actor2 == "turkey" for e in downs)


@pytest.mark.parametrize("text", [
    "يأتي ذلك وسط تصعيد عسكري كبير بين تركيا والنظام السوري في إدلب.",
    "ويأتي ذلك في ظل تصعيد كبير بين أنقرة وموسكو.",
    "وتشهد المنطقة تصعيدا خطيرا بين تركيا وروسيا.",
])
def test_escalation_alone_is_no_clash(text):
    assert _events(text) == []


def test_escalation_at_a_town_stays_a_clash():
    rows = _rows("تشهد مدينة سراقب تصعيدا كبيرا بين الجيش التركي وقوات النظام.")
    assert rows == [("armed_clash", "turkey", "syrian_government")]


@pytest.mark.parametrize("text", [
    "وبدأت هيئة تحرير الشام بإخلاء مقراتها في مدينة سراقب.",
    "قامت الفصائل بإخلاء مقراته في بلدة النيرب تحسبا للقصف.",
])
def test_evacuating_headquarters_is_no_withdrawal(text):
    assert "withdrawal" not in {e.type for e in _events(text)}


def test_leaving_positions_stays_a_withdrawal():
    assert [e.type for e in _events("أخلت الفصائل مواقعها في بلدة النيرب.")] == ["withdrawal"]


def test_a_tolls_cause_without_agent_is_the_strike_told_before():
    rows = _rows("شنت الطائرات الروسية غارات على ريف إدلب الجنوبي. وقتل أربعة مدنيين في بلدة النيرب جراء استهداف "
                 "حافلات.")
    assert rows and all(r[:2] == ("airstrike", "russia") for r in rows)


@pytest.mark.parametrize("text", [
    "قصفت قوات النظام بلدة النيرب بالمدفعية. وأسفر القصف على القرية المذكورة عن مقتل مدنيين.",
    "شنت الطائرات الروسية غارات على كفرنبل. واستهدفت هذه الغارات منازل المدنيين.",
    "قصفت الطائرات الروسية بلدة كفرنبل. وتعرضت تلك المنطقة لغارات جوية عنيفة.",
])
def test_a_restated_event_is_one_event(text):
    assert len(_events(text)) == 1


def test_a_helper_is_never_the_capturer():
    events = _events("ساعد القصف التركي الفصائل على السيطرة على بلدة النيرب.")
    assert not [e for e in events if e.type == "territory_taken" and e.actor1 == "turkey"]


@pytest.mark.parametrize("text, winner, loser", [
    ("فقدت فصائل المعارضة السيطرة على بلدة كفرنبل لصالح قوات النظام.", "syrian_government", "opposition"),
    ("خسر تنظيم داعش سيطرته على بلدة الباغوز لصالح قوات سوريا الديمقراطية.", "sdf", "isis"),
])
def test_a_loss_to_a_named_winner_is_the_winners_capture(text, winner, loser):
    assert ("territory_taken", winner, loser) in _rows(text)


def test_a_loss_told_without_a_word_between_is_read_too():
    rows = _rows("فقدت الفصائل السيطرة على بلدة كفرنبل لصالح قوات النظام اليوم.")
    assert ("territory_taken", "syrian_government", "opposition") in rows


def test_fa_qad_before_a_perfect_is_no_loss():
    rows = _rows("وبحسب المرصد، فقد سيطرت قوات النظام على بلدة كفرنبل.")
    assert {r[:2] for r in rows} == {("territory_taken", "syrian_government")}


def test_a_lost_aircraft_stays_no_strike():
    assert _events("خسر الجيش طائرة مسيرة فوق مدينة إدلب.") == []


@pytest.mark.parametrize("text, kind", [
    ("وبحسب المرصد، فقد قصفت الطائرات الروسية بلدة كفرنبل.", "airstrike"),
    ("وأضاف المصدر أنه فقد شنت الفصائل هجوما على بلدة النيرب.", "armed_clash"),
])
def test_fa_qad_before_any_perfect_verb_negates_nothing(text, kind):
    assert kind in {e.type for e in _events(text)}


@pytest.mark.parametrize("text", [
    "دخلت قوات النظام قرية النيرب. وجاءت السيطرة على القرية المذكورة بعد معارك ضارية.",
    "دخلت قوات النظام قرية النيرب. وجاء تقدم القوات في تلك المنطقة بعد اشتباكات عنيفة.",
])
def test_a_recalled_capture_and_its_lead_up_are_the_capture_told_before(text):
    assert [e.type for e in _events(text)] == ["territory_taken"]


@pytest.mark.parametrize("text", [
    "استهدفت طائرة مسيرة سيارة تقل نازحين قرب بلدة النيرب.",
    "قصفت المدفعية مخيما للنازحين قرب بلدة أطمة.",
])
def test_the_displaced_as_passengers_or_residents_are_no_displacement(text):
    assert "displacement" not in {e.type for e in _events(text)}


def test_a_flight_stays_a_displacement():
    assert "displacement" in {e.type for e in _events("نزح آلاف المدنيين من بلدة النيرب نحو الحدود.")}


def test_the_aim_of_a_purpose_clause_places_no_fight():
    events = _events("شنت الفصائل هجوما على بلدة النيرب ليتقدم مقاتلوها نحو مدينة سراقب.")
    assert {e.place_ar for e in events} == {"النيرب"}


@pytest.mark.parametrize("text", [
    "وتقدم روسيا دعما جويا لقوات النظام في معاركها بريف إدلب.",
    "تقدم تركيا الدعم العسكري للفصائل في محافظة إدلب.",
])
def test_taqaddam_as_provides_is_no_advance(text):
    assert "territory_taken" not in {e.type for e in _events(text)}


def test_an_advance_under_air_cover_stays():
    assert "territory_taken" in {e.type for e in _events("تقدم الجيش تحت غطاء جوي روسي في بلدة كفرنبل.")}


def test_an_aircraft_with_its_downing_in_a_relative_is_a_downing_of_its_owner():
    rows = _rows("وأكدت المصادر أن الطائرة المسيرة التي أسقطتها الفصائل فوق سراقب تابعة للجيش التركي.")
    assert rows == [("aircraft_downed", "opposition", "turkey")]


def test_a_withdrawal_after_a_loss_is_one_withdrawal_and_no_capture():
    rows = _rows("انسحبت قوات النظام من بلدة كفرنبل بعد أن فقدت السيطرة عليها.")
    assert {r[:2] for r in rows} == {("withdrawal", "syrian_government")}
