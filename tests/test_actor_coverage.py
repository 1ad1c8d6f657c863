"""Coverage of actor wordings: how the news of every register names each actor of the taxonomy.

``fixtures/actor_coverage.tsv`` holds short sentences written for the project (never copied), one actor phrase
each: official names, short forms, demonyms, weapons with a nisba ("المدفعية النظامية"), militias, the words
of the pro-government, opposition, Kurdish and Turkish registers, with clitics. A row whose actor is ``!id`` is a
precision row: the phrase names a place, an outlet or no one ("صفحات موالية للنظام"، "نحو الحدود التركية"،
"مسلحون مجهولون") and must not be a party (no mention of ``id``, or one read as a supporter).
Whether the recognised actor is the agent or the target of the event is the roles' job, not tested here.
"""

import csv
from pathlib import Path

import pytest

from core import vocab
from core.extract.mentions.actors import find_actors

TABLE = Path(__file__).parent / "fixtures" / "actor_coverage.tsv"


def _rows():
    with open(TABLE, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


ROWS = _rows()


def _overlapping(sentence: str, phrase: str):
    lo = sentence.index(phrase)
    hi = lo + len(phrase)
    return [m for m in find_actors(sentence) if m.start < hi and m.end > lo]


def test_the_table_is_well_formed():
    actors = vocab.actors()
    assert len(ROWS) >= 200
    for row in ROWS:
        assert row["phrase"] in row["sentence"], row
        actor = row["actor"].lstrip("!")
        assert actor in actors, row
        if not row["actor"].startswith("!"):
            assert actors[actor].side == row["side"], row


@pytest.mark.parametrize("row", [r for r in ROWS if not r["actor"].startswith("!")],
                         ids=lambda r: r["phrase"])
def test_the_phrase_names_its_actor(row):
    found = _overlapping(row["sentence"], row["phrase"])
    assert any(m.actor.actor_id == row["actor"] and m.actor.side == row["side"] for m in found), (
        row["sentence"], [(m.surface, m.actor.actor_id) for m in find_actors(row["sentence"])])


@pytest.mark.parametrize("row", [r for r in ROWS if r["actor"].startswith("!")], ids=lambda r: r["sentence"][:40])
def test_a_place_or_an_outlet_is_no_party(row):
    actor = row["actor"][1:]
    found = _overlapping(row["sentence"], row["phrase"])
    assert all(m.actor.actor_id != actor or m.role_hint == "supporter" for m in found), (
        row["sentence"], [(m.surface, m.actor.actor_id, m.role_hint) for m in found])


def _ids(text):
    return [(m.actor.actor_id, m.role_hint) for m in find_actors(text)]


def test_a_weapon_names_its_owner_by_a_nisba_only_there():
    assert ("syrian_government", "") in _ids("ردت راجمات الصواريخ النظامية على مصادر النيران")
    assert ("syrian_government", "") in _ids("حلقت مروحية حربية سورية فوق البلدة")
    # the same nisba after a place or a people names no one
    assert _ids("عاد اللاجئون إلى المدن السورية") == []
    assert _ids("شارك الشبان السوريون في المظاهرة") == []


def test_a_head_before_a_nisba_that_cannot_stand_alone_keeps_its_own_actor():
    assert _ids("انسحبت الفصائل السورية من التلة") == [("opposition", "")]
    # ... and a patron after it still makes the group its proxy, the head and its adjectives one mention
    assert _ids("هاجمت الفصائل السورية الموالية لأنقرة القرية")[0] == ("sna", "")
    found = find_actors("تقدمت الفصائل السورية المسلحة المعارضة المدعومة من أنقرة نحو التلة")
    assert [(m.actor.actor_id, m.surface.split()[0]) for m in found] == [("sna", "الفصائل")]


def test_a_nisba_after_a_place_noun_is_the_place():
    assert _ids("عبرت العائلات إلى داخل الأراضي التركية") == []
    assert _ids("فرّ الشبان نحو الحدود مع تركيا") == []
    assert _ids("حلقت المسيرة في الأجواء الإسرائيلية") == []
    # the side of a border is a party ("الجانب التركي")
    assert _ids("أغلق الجانب التركي المعبر") == [("turkey", "")]


def test_an_outlet_described_by_its_patron_is_no_party():
    assert _ids("نشرت صحيفة الوطن الموالية للحكومة صور الدمار") == []
    assert ("syrian_government", "") not in _ids("تحدثت حسابات موالية للنظام عن خسائر")
    assert ("hts", "") not in _ids("قال مصدر مقرب من تحرير الشام إن القصف مستمر")
    # a position of a party is no outlet: "مواقع تابعة لقوات النظام" names the government
    assert ("syrian_government", "") in _ids("قصفت الفصائل مواقع تابعة لقوات النظام")
    # nor is a source of fire
    assert ("syrian_government", "") in _ids("ردت الفصائل على مصادر النيران التابعة لقوات النظام")
    # an outlet's epithet right after its name is the outlet's
    assert _ids("نشرت وكالة قاسيون المعارضة صورا للقصف") == []
    assert _ids("قالت صحيفة معاريف الإسرائيلية إن الضربة دقيقة") == []
    assert ("opposition", "") in _ids("قالت الوكالة إن المعارضة استعادت التلة")


def test_unknown_gunmen_are_no_party():
    assert _ids("اغتال مسلحان مجهولان مختار القرية") == []
    assert _ids("أطلق مسلحين ملثمين النار على الحاجز") == []
    assert _ids("هاجم مسلحون الحاجز") == [("opposition", "")]


def test_the_coalition_and_the_tiger_forces_by_their_short_names():
    assert _ids("أغارت مقاتلات التحالف على الجسر") == [("usa", "")]
    assert _ids("قصفت مجموعات النمر البلدة") == [("syrian_government", "")]
    assert _ids("شوهد النمر في الغابة") == []
