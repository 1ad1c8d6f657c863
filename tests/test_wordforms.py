"""Word forms generated from lemmas, gap patterns in the matcher, and actor phrases by structure."""

import pytest

from core.extract.lexmatch import LexiconMatcher
from core.extract.mentions.actors import find_actors
from core.extract.mentions.triggers import find_triggers
from core.extract.wordforms import expand
from core.text import normalize_with_offsets


def test_noun_class_gives_definite_accusative_dual_and_pronoun_stems():
    forms = expand("غارة جوية", "noun")
    assert {"الغارة الجوية", "غارتين جويتين", "الغارتان الجويتان"} <= set(forms)
    assert "قصفا مدفعيا" in expand("قصف مدفعي", "noun")
    assert {"سيطرته", "سيطرتها"} <= set(expand("سيطرة", "noun"))
    assert "غاراتا" not in expand("غارات", "noun")  # no accusative alif after a sound plural


def test_verb_class_derives_the_imperfect_and_defective_endings():
    assert {"يسقط", "تسقط", "يسقطون"} <= set(expand("أسقط", "verb"))
    assert {"يستهدف", "تستهدف"} <= set(expand("استهدف", "verb"))
    assert {"ألقت", "ألقوا"} <= set(expand("ألقى", "verb"))
    assert "يطول" in expand("طال/يطول", "verb")


def test_nisba_dual_and_hamza_seats():
    assert {"الروسية", "الروسيين", "روسيتين"} <= set(expand("روسي", "nisba"))
    assert expand("رئيس", "dual") == ["الرئيسان", "الرئيسين"]
    assert "مسئولين" in expand("مسؤول", "noun")
    with pytest.raises(ValueError):
        expand("قصف", "adverb")


def _find(matcher, text):
    return [(text[m.start:m.end], m.payload) for m in matcher.find(normalize_with_offsets(text))]


def test_gap_pattern_allows_bounded_words_between_within_a_clause():
    m = LexiconMatcher([("شن … غارات|هجوما", "raid", "verb"), ("غارات", "noun", "noun"),
                        ("سيطر …3 على", "taken", "verb")])
    assert _find(m, "وشنت الطائرات الحربية غارات على القرية") == [("شنت", "raid")]  # the inner trigger is absorbed
    assert _find(m, "شنت الطائرات، غارات") == [("غارات", "noun")]  # a comma closes the clause
    assert _find(m, "شنت الطائرات الحربية الليلة الماضية غارات") == [("غارات", "noun")]  # gap too wide
    assert _find(m, "سيطرت قوات النظام السوري على التلة") == [("سيطرت", "taken")]


def test_head_of_a_gap_pattern_may_also_be_a_plain_form():
    m = LexiconMatcher([("قصف", "plain", "noun"), ("قصف … بالمدفعية", "guns", "noun")])
    assert _find(m, "قصف عنيف بالمدفعية") == [("قصف", "guns")]
    assert _find(m, "قصف عنيف على البلدة") == [("قصف", "plain")]


@pytest.mark.parametrize("text, event_type", [
    ("طائرات حربية روسية قصفت أطراف البلدة صباحا", "airstrike"),
    ("ردت قوات النظام بقذائف المدفعية على مصادر النيران", "shelling"),
    ("سحبت الفصائل مقاتليها من التلة", "withdrawal"),
    ("انفجرت عبوة ناسفة بسيارة عسكرية", "bombing"),
    ("سيرت القوات الروسية والتركية دورية على الطريق", "joint_patrol"),
    ("وقع الجانبان اتفاقا لوقف القتال", "agreement"),
])
def test_new_wordings_are_typed(text, event_type):
    assert event_type in [t.event_type for t in find_triggers(text)], text


def test_not_modifiers_and_mine_clearance():
    assert [t.event_type for t in find_triggers("استهداف حفل في الكلية الحربية")] == ["shelling"]
    assert "bombing" not in [t.event_type for t in find_triggers("بدأت الفرق بإزالة الألغام والعبوة الناسفة")]


def _actors(text):
    return [(a.actor.actor_id, a.surface) for a in find_actors(text)]


def test_head_noun_takes_the_actor_named_after_it():
    assert _actors("سيطر فصيل هيئة تحرير الشام على البلدة") == [("hts", "فصيل هيئة تحرير الشام")]
    assert _actors("قصفت قوات نظام بشار الأسد الحي") == [("syrian_government", "قوات نظام بشار الأسد")]
    assert _actors("انسحب المسلحون الأكراد من القرية") == [("sdf", "الأكراد")]
    assert _actors("نزح أهالي القرى الكردية") == []  # an after-head form alone names no actor


def test_short_names_resolve_to_the_last_full_mention():
    text = "تقدمت الجبهة الوطنية للتحرير على محور التلة، ثم أعلنت الجبهة استعادة القرية"
    assert [a for a, _ in _actors(text)] == ["nlf", "nlf"]
    text = "قصف الجيش التركي مواقع قسد، وقال الجيش إنه رد على مصادر النيران"
    assert [a for a, _ in _actors(text)] == ["turkey", "sdf", "turkey"]
    assert _actors("رد الجيش على مصادر النيران") == [("syrian_government", "الجيش")]
    assert [a for a, _ in _actors("هاجمت هيئة تحرير الشام نقاطا، وقالت الهيئة إن")] == ["hts", "hts"]


def test_pair_nouns_name_the_two_actors_before():
    found = _actors("اتصل أردوغان ببوتين، واتفق الرئيسان على التهدئة")
    assert [a for a, _ in found] == ["turkey", "russia", "turkey", "russia"]
    assert _actors("اتفق الرئيسان على التهدئة") == []  # nobody named before
    assert [a for a, _ in _actors("بوتين وأردوغان: لقاء بين الرئيسين الروسي والتركي")] == \
        ["russia", "turkey", "russia", "turkey"]  # the adjectives name them, not the pair


def test_new_actors_israel_and_isis():
    assert _actors("غارة إسرائيلية على موقع قرب العاصمة")[0][0] == "israel"
    assert _actors("هاجمت خلايا تنظيم الدولة نقطة للجيش")[0][0] == "isis"
