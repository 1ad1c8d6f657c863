"""Actor mentions: names, people, offices, adjectives, proclitics and "backed by" phrases."""

import pytest

from core import vocab
from core.extract.mentions.actors import find_actors


def _ids(text):
    return [(a.actor.actor_id, a.role_hint, a.kind) for a in find_actors(text)]


@pytest.mark.parametrize("text, actor_id, kind", [
    ("صرح أردوغان للصحفيين", "turkey", "person"),
    ("قال بيسكوف إن الوضع خطير", "russia", "person"),
    ("أعلن الكرملين موقفه", "russia", "office"),
    ("ذكرت وزارة الدفاع التركية في بيان", "turkey", "office"),
    ("دعا غوتيريش إلى التهدئة", "un", "person"),
    ("قالت واشنطن إنها تتابع", "usa", "name"),
    ("تقدمت هيئة تحرير الشام نحو التلال", "hts", "name"),
    ("اشتبك عناصر قسد مع الجيش الوطني السوري", "sdf", "name"),
])
def test_people_offices_and_names_map_to_their_actor(text, actor_id, kind):
    found = find_actors(text)
    assert found, text
    assert (found[0].actor.actor_id, found[0].kind) == (actor_id, kind)
    assert text[found[0].start:found[0].end] == found[0].surface


def test_adjectives_name_the_actor():
    assert _ids("شنت طائرات روسية غارات عنيفة") == [("russia", "", "adjective")]
    assert _ids("وقع قصف تركي على المواقع") == [("turkey", "", "adjective")]
    assert _ids("التقى مسؤولين أتراك") == [("turkey", "", "adjective")]


def test_longest_form_wins_and_proclitics_are_stripped():
    text = "هاجم الجيش الوطني السوري للقوات الحكومية وبروسيا"
    found = find_actors(text)
    assert [a.actor.actor_id for a in found] == ["sna", "syrian_government", "russia"]
    gov = found[1]
    assert text[gov.start:gov.end].endswith("قوات الحكومية")


def test_backed_by_phrases_mark_supporters():
    ids = _ids("تقدمت القوات الحكومية المدعومة من روسيا وإيران في ريف المدينة")
    assert ids[0] == ("syrian_government", "", "name")
    assert ids[1][:2] == ("russia", "supporter") and ids[2][:2] == ("iran", "supporter")
    assert _ids("هجوم للنظام بدعم روسي مكثف")[1][:2] == ("russia", "supporter")
    assert _ids("عملية بغطاء مدفعي تركي ضد قوات النظام") == [
        ("turkey", "supporter", "adjective"), ("syrian_government", "", "name")]


def test_supporter_window_does_not_reach_far_actors():
    text = "تقدمت القوات المدعومة من الطيران في محيط البلدة الواقعة شرق المدينة ثم ردت تركيا"
    assert ("turkey", "", "name") in _ids(text)


def test_normalized_spellings_match():
    # alef forms, ta marbuta and diacritics do not matter
    assert _ids("قوّات سورية الديمقراطيّة")[0][0] == "sdf"
    assert _ids("اعلنت انقرة")[0][0] == "turkey"


def test_no_actor_in_plain_text_and_empty_input():
    assert find_actors("") == []
    assert find_actors("هطلت أمطار غزيرة على المنطقة") == []


def test_every_lexicon_actor_has_a_known_side():
    sides = vocab.sides()
    raw = vocab.load_yaml("actors.yaml")
    for actor_id, spec in raw.items():
        assert spec["side"] in sides, actor_id
        assert spec.get("forms"), actor_id


def test_shared_scan_finds_what_a_lone_automaton_finds():
    from core.extract.lexmatch import LexiconMatcher
    from core.extract.mentions.actors import _structure
    from core.text import normalize_with_offsets

    text = "قصفت القوات التركية والروسية مواقع لقوات النظام، وقال أردوغان إن الكرملين يدعم الأسد."
    nt = normalize_with_offsets(text)
    shared = _structure().matcher
    lone = LexiconMatcher([(k.form, k.payload, "none") for _, k in shared._keys if not k.proclitic])
    assert [(m.start, m.end, m.payload) for m in shared.find(nt)] == \
        [(m.start, m.end, m.payload) for m in lone.find(nt)]
    assert len(shared.find(nt)) >= 5
