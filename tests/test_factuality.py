"""Factuality: aims, plans, threats, conditions, negations, questions and background campaigns are
not events; cue scope stops at its clause or a cause (hand-written sentences)."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text


def _map_events(text):
    doc, _ = document_from_text("mine", text, published="2020-02-12")
    return [e for e in extract_events(doc) if e.layer in ("strike", "ground", "advance")]


def test_aims_plans_and_conditions_are_not_events():
    assert not _map_events("دفعت القوات التركية بتعزيزات إلى ريف إدلب بهدف السيطرة على بلدة سراقب.")
    assert not _map_events("وقالت المصادر إن القوات التركية سوف تقصف مواقع النظام في سراقب.")
    assert not _map_events("وأكد القيادي أن الفصائل ستقوم بالهجوم على بلدة سراقب في حال تقدمت قوات النظام.")
    assert not _map_events("وذكر المرصد أن قوات النظام لم تتقدم نحو بلدة سراقب.")


def test_a_question_is_not_an_event():
    assert not _map_events("هل تسيطر قوات النظام على مدينة سراقب؟")


def test_background_campaign_is_not_an_event_but_the_news_is():
    events = _map_events("سيطرت قوات النظام اليوم على بلدة سراقب، وهي أول بلدة تخسرها الفصائل منذ بدء التصعيد.")
    assert {e.type for e in events} == {"territory_taken"}  # no clash from "منذ بدء التصعيد"


def test_cue_with_a_clitic_attached():
    assert not _map_events("وطالبت أنقرة بانسحاب قوات النظام، ولمنع تقدم قوات النظام نحو سراقب.")


def test_among_them_after_a_toll_does_not_cancel_the_strike():
    events = _map_events("قتل خمسة مدنيين من بينهم طفلان جراء قصف مدفعي لقوات النظام على بلدة سرمين اليوم.")
    assert [(e.type, e.actor1) for e in events] == [("shelling", "syrian_government")]
