"""Timeline data: events per day, the plotly figure, chronological cards with escaped text."""

from __future__ import annotations

import pandas as pd
import pytest

from core.table.store import read_table
from core.views import timeline
from tests.fixtures_paths import SAMPLE_TABLE


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return read_table(SAMPLE_TABLE)


def test_per_day_counts_by_type_and_side(table):
    by_type = timeline.per_day(table, "type")
    assert by_type["events"].sum() == len(table)
    feb11 = by_type[by_type["day"] == pd.Timestamp("2020-02-11")]
    assert dict(zip(feb11["group"], feb11["events"], strict=True)) == {"aircraft_downed": 1, "shelling": 1}
    by_side = timeline.per_day(table, "side")
    feb29 = by_side[by_side["day"] == pd.Timestamp("2020-02-29")]
    assert dict(zip(feb29["group"], feb29["events"], strict=True)) == {"turkey": 2}
    with pytest.raises(ValueError):
        timeline.per_day(table, "colour")


def test_figure_has_one_trace_per_group_with_side_colours(table):
    fig = timeline.timeline_figure(table, by="side")
    names = [trace.name for trace in fig.data]
    assert len(names) == table["actor1_side"].nunique()
    turkey = next(t for t in fig.data if t.name.startswith("Turkey"))
    assert turkey.marker.color == "#2471a3"
    assert sum(sum(t.y) for t in fig.data) == len(table)
    assert fig.layout.barmode == "stack"


def test_empty_figure_says_so(table):
    fig = timeline.timeline_figure(table.iloc[0:0])
    assert not fig.data and fig.layout.annotations[0].text == "no dated events"


def test_cards_are_chronological_and_carry_what_the_analyst_needs(table):
    cards = timeline.event_cards(table)
    assert [c.day for c in cards] == sorted(c.day for c in cards)
    f2 = next(c for c in cards if c.event_id == "f2")
    assert f2.place_note == "near"  # geo precision 2
    assert "Turkey" in f2.actors and "Syrian government" in f2.actors
    f7 = next(c for c in cards if c.event_id == "f7")
    assert f7.place_note == "unresolved place"
    assert timeline.event_cards(table, sort=False)[0].event_id == "f1"


def test_card_html_escapes_hostile_text(table):
    evil = table.iloc[[0]].copy()
    evil["evidence"] = "<script>alert(1)</script> غارة"
    evil["outlet"] = '<img src=x onerror="alert(1)">'
    evil["url"] = "javascript:alert(1)"
    html = timeline.card_html(timeline.event_cards(evil)[0])
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html
    assert 'dir="rtl"' in html


def test_card_links_only_http_urls(table):
    html = timeline.card_html(timeline.event_cards(table.iloc[[0]])[0])
    assert 'href="https://example.org/fx_a"' in html and 'rel="noopener noreferrer"' in html


def test_type_side_figure_counts(table):
    fig = timeline.type_side_figure(table)
    assert sum(sum(t.x) for t in fig.data) == len(table)
