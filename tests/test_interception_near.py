"""Linking (events/interception.py, events/linking.py): meeting drones or missiles is the defender's side of a strike,
no clash; a lead naming a base "near" a town is one event with the later sentence that tells the base. Sentences
written for these tests in the news register."""

from datetime import date

import pytest

from core.extract.events import extract_events
from core.model import Document

DAY = date(2019, 1, 27)


def _types(text: str):
    return [(e.type, e.place_ar) for e in extract_events(Document("i", text, published=DAY))]


@pytest.mark.parametrize("defence", [
    "وقال مصدر عسكري إن الانفجارات سببها التصدي لطائرات مسيرة قرب مطار حماة العسكري.",
    "وأضاف المصدر أن وحدات الجيش تصدت لثلاث طائرات مسيرة في محيط مطار حماة العسكري.",
    "وأشار إلى اعتراض صاروخين فوق مطار حماة العسكري دون أضرار.",
    "وتمكنت الوحدات من التصدي بنجاح لأهداف معادية في أجواء مطار حماة العسكري.",
])
def test_meeting_drones_or_missiles_is_no_clash(defence):
    lead = "هاجمت طائرات مسيرة مطار حماة العسكري مساء اليوم الأحد.\n"
    assert not [t for t in _types(lead + defence) if t[0] == "armed_clash"]


def test_repelling_a_ground_attack_stays_a_clash():
    text = "تصدت الفصائل لهجوم شنته قوات النظام على بلدة كفرنبودة مساء اليوم الأحد."
    assert [t for t in _types(text) if t[0] == "armed_clash"]


def test_a_base_near_a_town_told_again_is_one_event():
    text = ("استهدفت طائرات مسيرة قاعدة حميميم بالقرب من مدينة اللاذقية مساء اليوم الأحد.\n"
            "وقالت مصادر إن الطائرات المسيرة استهدفت قاعدة حميميم بعدة قذائف دون خسائر.")
    events = extract_events(Document("n", text, published=DAY))
    assert len({(e.type, e.char_start) for e in events if e.layer == "strike"}) == 1
