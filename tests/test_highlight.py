"""Highlighted source text: spans, overlaps, event links, escaping, and the real recognizers."""

from __future__ import annotations

from datetime import date

from core.extract.ingest import document_from_text
from core.views.highlight import EventSpan, Highlight, document_mentions, escape_text, highlight_html


def test_marks_the_exact_spans_and_escapes_everything():
    text = "قصفت <b>القوات</b> التركية & مواقع"
    start = text.index("القوات")
    h = Highlight("actor", start - 3, start + len("القوات</b> التركية"), "x", 'actor: turkey "q"')
    out = highlight_html(text, [h])
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert out.startswith("قصفت ")
    assert 'class="m-actor"' in out and "&quot;q&quot;" in out


def test_innermost_mention_wins_an_overlap_and_text_is_kept_whole():
    text = "سيطرت قوات النظام على مدينة سراقب اليوم"
    place = Highlight("place", text.index("مدينة"), text.index(" اليوم"), "مدينة سراقب", "place")
    inner = Highlight("trigger", text.index("سراقب"), text.index(" اليوم"), "سراقب", "odd overlap")
    out = highlight_html(text, [place, inner])
    assert out.count("<mark") == 2
    assert '<mark class="m-trigger" title="odd overlap">سراقب</mark>' in out


def test_event_spans_are_underlined_and_linked_to_their_cards():
    text = "غارات على سراقب. ثم اشتباكات قرب النيرب."
    first_end = text.index(".") + 1
    out = highlight_html(text, [], [EventSpan("e 1", 0, first_end, "1"), EventSpan("e2", first_end + 1, len(text), "2")])
    assert out.count('class="ev"') == 2
    assert 'href="#card-e_1"' in out and 'href="#card-e2"' in out
    assert out.index('href="#card-e_1"') < out.index("ثم")


def test_out_of_range_spans_are_ignored():
    out = highlight_html("نص قصير", [Highlight("place", 3, 500, "x", "x")], [EventSpan("e", -1, 2, "1")])
    assert out == "نص قصير"


def test_escape_text_handles_newlines_and_dollars():
    assert escape_text("a\n\nb $x$") == "a<br><br>b &#36;x&#36;"


def test_document_mentions_uses_the_real_recognizers():
    text = ("قصفت القوات التركية أمس مواقع لقوات النظام قرب مدينة سراقب، "
            "وقالت مصادر إن طائرات روسية شنت غارات على قرية خربة الوهمية.")
    doc, _ = document_from_text("t1", text, published="2020-02-11")
    found = document_mentions(doc)
    assert found.missing == ()
    assert {h.kind for h in found.highlights} == {"actor", "trigger", "place", "time"}
    time = next(h for h in found.highlights if h.kind == "time")
    assert "2020-02-10" in time.label  # أمس = the day before publication
    assert found.unresolved == ("خربة الوهمية",)  # an invented village: flagged, not placed
    for h in found.highlights:
        assert text[h.start:h.end] == h.surface
    html = highlight_html(text, found.highlights)
    assert html.count("<mark") >= 3


def test_a_missing_recognizer_is_reported_not_fatal(monkeypatch):
    from core.views import highlight

    monkeypatch.setitem(highlight.RECOGNIZERS, "place", ("core.extract.mentions.no_such_module", "find_places"))
    doc, _ = document_from_text("t2", "قصفت القوات التركية", published=date(2020, 2, 11))
    found = document_mentions(doc)
    assert any(m.startswith("place:") for m in found.missing)
    assert found.count("actor") >= 1
