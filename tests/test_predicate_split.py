"""Two events in one sentence, one per predicate, each with the places of its own clause (sentences written
for these tests; villages of southern Idlib)."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text


def _rows(text):
    doc, _ = document_from_text("mine", text, published="2020-02-12")
    return {(e.type, e.actor1, e.place_ar) for e in extract_events(doc)}


def test_shelling_and_clash_joined_by_fiima_keep_their_own_places():
    rows = _rows("قصفت قوات النظام بلدتي كفرنبل وحاس بالمدفعية، فيما دارت اشتباكات بين الفصائل وقوات النظام "
                 "على محور كفرعويد.")
    assert {(t, a) for t, a, _ in rows} == {("shelling", "syrian_government"), ("armed_clash", "opposition")}
    assert {p for t, _, p in rows if t == "shelling"} == {"كفر نبل", "حاس"}
    assert {p for t, _, p in rows if t == "armed_clash"} == {"كفر عويد"}


def test_airstrike_and_clash_joined_by_tazamunan_maa():
    rows = _rows("دارت مواجهات بين الفصائل وقوات النظام على محور كفرعويد، تزامنا مع غارات روسية على بلدة البارة.")
    assert ("armed_clash", "opposition", "كفر عويد") in rows
    assert ("airstrike", "russia", "البارة") in rows
    assert len(rows) == 2


def test_second_verb_with_an_allied_agent_of_another_type_is_its_own_event():
    # same side, another agent and another type: an artillery shelling and an airstrike, not one event
    rows = _rows("قصفت قوات النظام قرية معرشورين، وقصفت المقاتلات الروسية بلدة تلمنس.")
    assert rows == {("shelling", "syrian_government", "معرشورين"), ("airstrike", "russia", "تلمنس")}


def test_targeting_verb_followed_by_an_allied_agent_is_its_subject():
    rows = _rows("دكت قوات النظام بالمدفعية قرية معرشمارين، واستهدف الطيران الروسي بلدة تلمنس.")
    assert rows == {("shelling", "syrian_government", "معر شمارين"), ("airstrike", "russia", "تلمنس")}


def test_strike_noun_with_its_agent_as_genitive_is_a_second_event():
    rows = _rows("غارات روسية على قرية معرشورين، وقصف صاروخي لقوات النظام على بلدة تلمنس.")
    assert rows == {("airstrike", "russia", "معرشورين"), ("shelling", "syrian_government", "تلمنس")}


def test_one_strike_noun_with_its_genitive_agent_stays_one_event():
    rows = _rows("قصف صاروخي لقوات النظام على قرية معرشورين وبلدة تلمنس.")
    assert rows == {("shelling", "syrian_government", "معرشورين"), ("shelling", "syrian_government", "تلمنس")}


def test_confronting_noun_names_its_object_after_lam_not_an_agent():
    # "للتصدي لـ": the actor after ل is what is confronted, not a second event's agent
    rows = _rows("دخلت قوات النظام مدينة سراقب أمس، للتصدي للعدوان التركي في المنطقة.")
    assert rows == {("territory_taken", "syrian_government", "سراقب")}


def test_clash_at_a_named_front_after_fiima_is_reported_there():
    # "شهد محور <قرية> اشتباكات": the front noun is no negator when a name stands between it and the fight
    rows = _rows("استهدفت قوات النظام بلدة حاس بالصواريخ، فيما شهد محور كفرعويد مواجهات عنيفة بين الفصائل "
                 "وقوات النظام.")
    assert ("shelling", "syrian_government", "حاس") in rows
    assert ("armed_clash", "opposition", "كفر عويد") in rows
    assert len(rows) == 2


def test_front_line_noun_right_before_the_fight_still_negates():
    rows = _rows("أرسلت قوات النظام تعزيزات عسكرية إلى محاور القتال قرب بلدة حاس.")
    assert all(t != "armed_clash" for t, _, _ in rows)
