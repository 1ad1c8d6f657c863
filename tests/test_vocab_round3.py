"""Vocabulary round 3: explosions in the plural and suicide operations, strikes dealt by aircraft, a reply on the
sources of fire, obfuscated spellings (tatweel with a dot or a space inside a word), the instruments named after
an attack, and "the past two days". Sentences written for these tests."""

import pytest

from core.extract.ingest import document_from_text
from core.extract.pipeline import extract_documents


def _events(text, published="2020-02-12"):
    doc = document_from_text("t", text, published=published)[0]
    return extract_documents([doc])


def _pairs(text):
    return [(r.type, r.actor1) for r in _events(text).itertuples()]


@pytest.mark.parametrize("text", [
    "هزت انفجارات عنيفة مدينة الباب في ريف حلب.",
    "وقعت عدة إنفجارات في مدينة الباب شرق حلب.",
    "نفذ مسلح عملية انتحارية عند حاجز في مدينة منبج.",
])
def test_explosions_and_suicide_operations_are_bombings(text):
    assert any(t == "bombing" for t, _ in _pairs(text)), _pairs(text)


@pytest.mark.parametrize("text", [
    "ووجهت الطائرات الحربية ضربات على مقرات للفصائل في بلدة كفرنبل.",
    "وشنت المقاتلات الروسية ضربات متتالية على بلدة حيش.",
])
def test_strikes_by_aircraft_are_airstrikes(text):
    types = [t for t, _ in _pairs(text)]
    assert "airstrike" in types and "shelling" not in types, types


@pytest.mark.parametrize("text", [
    "وقامت تركيا بالرد على مصادر النيران قرب مدينة سراقب.",
    "وردت المدفعية التركية على مواقع قوات النظام في بلدة النيرب.",
])
def test_reply_on_the_sources_of_fire_is_a_shelling(text):
    assert ("shelling", "turkey") in _pairs(text), _pairs(text)


def test_split_words_are_rejoined_with_offsets_kept():
    from core.text import normalize, normalize_with_offsets
    for original, word in [("شنت الطائرات الغـ.ـارات على البلدة", "الغارات"), ("بسط سيـ ـطرته عليها", "سيطرته"),
                           ("وقــ.ـصـفت المدفعية", "وقصفت")]:
        nt = normalize_with_offsets(original)
        assert nt.text == normalize(original) and word in nt.text, nt.text
        start = nt.text.index(word)
        span = original[slice(*nt.span_to_original(start, start + len(word)))]
        assert normalize(span) == word and "ـ" in span
    # a real full stop, a decimal point and a trailing tatweel stay as they are
    assert normalize("القصف. ثم سيطرت") == "القصف. ثم سيطرت"
    assert normalize("بعد 3.5 كم") == "بعد 3.5 كم"
    assert normalize("قصفـ الطيران") == "قصف الطيران"


def test_obfuscated_words_are_events_and_full_stops_still_end_sentences():
    rows = _events("وقــ.ـصـفت قوات النظام بلدة كفرنبل. ثم سيـ ـطرت على بلدة الهبيط.")
    assert {("shelling", "syrian_government"), ("territory_taken", "syrian_government")} <= set(
        zip(rows.type, rows.actor1, strict=True)), rows
    assert len(set(rows.evidence)) == 2
    assert ("airstrike", "russia") in _pairs("شنت الطائرات الروسية عدة غـ.ـارات على مدينة سراقب.")


@pytest.mark.parametrize("text", [
    "وهاجمت قوات النظام قرية الزكاة باستخدام الطيران الحربي والمدفعية الثقيلة.",
    "وشنت قوات النظام هجوما على قرية الزكاة مستخدمة الطائرات والمدفعية.",
])
def test_attack_with_aircraft_and_artillery_is_an_air_strike_and_a_shelling(text):
    types = [t for t, _ in _pairs(text)]
    assert "airstrike" in types and "shelling" in types, types


def test_one_instrument_named_makes_no_twin():
    types = [t for t, _ in _pairs("وقصفت قوات النظام قرية الزكاة باستخدام المدفعية الثقيلة.")]
    assert types == ["shelling"], types


def test_the_past_two_days_end_at_publication():
    rows = _events("وقتل أربعة مدنيين بغارات جوية على مدينة أريحا خلال اليومين الماضيين.", published="2020-03-05")
    assert len(rows) == 1, rows
    r = rows.iloc[0]
    assert str(r.date_start)[:10] == "2020-03-04" and str(r.date_end)[:10] == "2020-03-05", r
    assert str(r.date)[:10] == "2020-03-04"


def test_coordinated_aircraft_and_artillery_subjects_are_two_strikes():
    types = [t for t, _ in _pairs("وقصفت الطائرات الحربية والمدفعية مقرات الفصائل في بلدة حيش.")]
    assert "airstrike" in types and "shelling" in types, types
    # rocket launchers hit by the aircraft are its target, not a second instrument
    types = [t for t, _ in _pairs("وقصفت الطائرات الحربية مواقع وراجمات الفصائل في بلدة حيش.")]
    assert types == ["airstrike"], types


def test_an_explosion_that_caused_a_toll_is_a_bombing():
    assert any(t == "bombing" for t, _ in _pairs("وقتل ثلاثة عناصر جراء انفجار قرب مدينة الباب."))


@pytest.mark.parametrize("text", [
    "وهزت تفجيرات متتالية مدينة الحسكة.",
    "وشن مقاتلو التنظيم هجمات انتحارية على نقاط للجيش في بلدة السخنة.",
])
def test_bombings_in_the_plural(text):
    assert any(t == "bombing" for t, _ in _pairs(text)), _pairs(text)


def test_foiled_bombings_did_not_happen():
    assert not any(t == "bombing" for t, _ in _pairs("وأعلنت الشرطة إحباط تفجيرات في مدينة الحسكة."))
