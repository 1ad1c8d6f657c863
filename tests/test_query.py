"""Filters over the event table: each filter, their combination, words and URLs (core.table.query)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from core.table.query import Filters, counts, date_span, one_row_per_group, place_match
from core.table.store import read_table
from tests.fixtures_paths import SAMPLE_TABLE


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return read_table(SAMPLE_TABLE)


def ids(df: pd.DataFrame) -> set[str]:
    return set(df["event_id"])


def test_empty_filters_keep_everything(table):
    assert Filters().is_empty()
    assert ids(Filters().apply(table)) == ids(table)


def test_party_on_agent_or_either_actor(table):
    agent = Filters(sides=("turkey",), side_role="actor1").apply(table)
    either = Filters(sides=("turkey",)).apply(table)
    assert ids(agent) == {"f2", "f9", "f10"}
    assert (agent["actor1_side"] == "turkey").all()
    assert ids(either) == {"f2", "f8", "f9", "f10", "f12"}


def test_actor_type_layer_governorate(table):
    assert ids(Filters(actors=("nlf",)).apply(table)) == {"f3"}
    assert ids(Filters(types=("shelling", "drone_strike")).apply(table)) == {"f2", "f9", "f10"}
    assert ids(Filters(layers=("advance",)).apply(table)) == {"f4", "f5"}
    assert ids(Filters(admin1=("SY08",)).apply(table)) == {"f12"}


def test_dates_are_inclusive(table):
    got = Filters(date_from=date(2020, 2, 10), date_to=date(2020, 2, 11)).apply(table)
    assert ids(got) == {"f1", "f2", "f3", "f11"}


def test_place_search_arabic_english_pcode_and_normalized(table):
    assert ids(Filters(place="سراقب").apply(table)) == {"f1", "f10", "f11"}
    assert ids(Filters(place="SARAQAB").apply(table)) == {"f1", "f10", "f11"}
    assert ids(Filters(place="C3867").apply(table)) == {"f2", "f3"}
    assert ids(Filters(place="ادلب").apply(table)) == {"f6"}  # hamza-less alef finds إدلب
    assert ids(Filters(place="  ").apply(table)) == ids(table)
    assert not place_match(table, "nowhere-at-all").any()


def test_min_confidence_and_combination(table):
    assert "f7" not in ids(Filters(min_confidence=0.5).apply(table))
    combined = Filters(sides=("pro-government",), side_role="actor1", layers=("strike",), place="سراقب")
    assert ids(combined.apply(table)) == {"f1", "f11"}


def test_grouped_once_keeps_the_most_confident_report(table):
    t = table.copy()
    t.loc[t["event_id"] == "f11", "confidence"] = 0.95
    grouped = Filters(grouped_once=True).apply(t)
    assert "f11" in ids(grouped) and "f1" not in ids(grouped)
    assert len(one_row_per_group(t)) == len(t) - 1


def test_empty_table_is_returned_as_is(table):
    empty = table.iloc[0:0]
    assert Filters(sides=("turkey",)).apply(empty).empty


def test_query_params_round_trip():
    f = Filters(date_from=date(2020, 2, 1), sides=("turkey", "opposition"), types=("shelling",), place="سراقب",
                min_confidence=0.5, grouped_once=True, side_role="actor1")
    params = f.to_query_params()
    assert params["sides"] == "turkey,opposition" and params["grouped_once"] == "1"
    assert Filters.from_query_params(params) == f
    assert Filters().to_query_params() == {}


def test_malformed_query_params_are_ignored():
    f = Filters.from_query_params({"date_from": "yesterday", "min_confidence": "7", "sides": ["x", "turkey"],
                                   "unknown": "1"})
    assert f.date_from is None
    assert f.min_confidence == 1.0  # clamped
    assert f.sides == ("turkey",)  # the last value of a repeated parameter


def test_describe_names_every_filter():
    text = Filters(date_from=date(2020, 2, 1), sides=("turkey",), place="سراقب", grouped_once=True).describe()
    assert "2020-02-01" in text and "Turkey" in text and "سراقب" in text and "grouped" in text
    assert Filters().describe() == "all events"


def test_date_span_and_counts(table):
    assert date_span(table) == (date(2019, 12, 24), date(2020, 2, 29))
    assert date_span(table.iloc[0:0]) == (None, None)
    assert counts(table, "actor2_side")["unknown"] == 2  # missing values are counted, not dropped


def test_most_recent_keeps_the_newest_rows_and_undated_last():
    from core.table.query import most_recent

    df = pd.DataFrame({"date": pd.to_datetime(["2020-01-03", None, "2020-01-05", "2020-01-01"]), "x": [1, 2, 3, 4]})
    assert list(most_recent(df, 2)["x"]) == [3, 1]  # newest first
    assert most_recent(df, 10) is df


def test_undated_rows_kept_without_a_date_filter_and_left_out_with_one(table):
    undated = table.copy()
    undated.loc[undated.index[0], "date"] = pd.NaT
    first = undated["event_id"].iloc[0]
    assert first in ids(Filters().apply(undated))
    assert first in ids(Filters(types=(undated["type"].iloc[0],)).apply(undated))
    assert first not in ids(Filters(date_from=date(2000, 1, 1)).apply(undated))
    assert "undated left out" in Filters(date_to=date(2030, 1, 1)).describe()


def test_governorate_filter_sees_regions_spanning_governorates():
    import pandas as pd

    from core.table.query import Filters

    df = pd.DataFrame({"admin1_pcode": ["SY07", "SY08", None], "admin1_pcodes": ["SY07|SY02|SY05|SY06", "SY08", ""],
                       "date": pd.to_datetime(["2020-01-01"] * 3)})
    assert list(Filters(admin1=("SY05",)).apply(df).index) == [0]
    assert list(Filters(admin1=("SY08",)).apply(df).index) == [1]
    assert list(Filters(admin1=("SY05",)).apply(df.drop(columns="admin1_pcodes")).index) == []
