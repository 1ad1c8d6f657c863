"""The event table: columns derived from the Event record, schema checks, atomic read/write."""

import dataclasses
from datetime import date

import pandas as pd
import pandera.errors
import pytest

from core.model import Event, event_columns
from core.table import schema, store
from tests.fixtures_paths import SAMPLE_TABLE


def _event(**changes) -> Event:
    base = dict(event_id="e1", doc_id="d", type="shelling", layer="strike", date=date(2020, 2, 1),
                date_start=date(2020, 2, 1), date_end=date(2020, 2, 1), time_precision="day",
                actor1="turkey", actor1_side="turkey", actor2="syrian_government", actor2_side="pro-government",
                place_ar="سراقب", place_en="Saraqab", pcode="C3916", admin1_pcode="SY07", lat=35.86, lon=36.81,
                geo_precision=1, geo_status="resolved", fatalities=2, evidence="قصف", char_start=0, char_end=3,
                confidence=0.8, rule="test", group_id="g1")
    base.update(changes)
    return Event(**base)


def test_columns_follow_the_record():
    assert event_columns()[:3] == ["event_id", "doc_id", "type"]
    assert set(event_columns()) == {f.name for f in dataclasses.fields(Event)} - {"extra"}
    assert list(store.events_to_frame([_event()]).columns[: len(event_columns())]) == event_columns()


def test_roundtrip_parquet_and_csv(tmp_path):
    df = store.events_to_frame([_event(), _event(event_id="e2", place_ar="النيرب", fatalities=None)])
    for name in ("t.parquet", "t.csv"):
        store.write_table(df, tmp_path / name)
        back = store.read_table(tmp_path / name)
        assert list(back["place_ar"]) == ["سراقب", "النيرب"]
        assert back["fatalities"].isna().tolist() == [False, True]


def test_unknown_type_or_actor_is_rejected(tmp_path):
    with pytest.raises(pandera.errors.SchemaErrors):
        store.write_table(store.events_to_frame([_event(type="picnic")]), tmp_path / "x.parquet")
    with pytest.raises(pandera.errors.SchemaErrors):
        store.write_table(store.events_to_frame([_event(actor1="martians")]), tmp_path / "x.parquet")
    assert not (tmp_path / "x.parquet").exists()


def test_unresolved_place_with_coordinates_is_rejected(tmp_path):
    df = store.events_to_frame([_event(geo_status="unresolved", pcode=None)])
    with pytest.raises(pandera.errors.SchemaErrors, match="unresolved"):
        schema.validate(df)


def test_failed_write_keeps_the_previous_table(tmp_path):
    path = tmp_path / "t.parquet"
    store.write_table(store.events_to_frame([_event()]), path)
    with pytest.raises(pandera.errors.SchemaErrors):
        store.write_table(store.events_to_frame([_event(type="picnic")]), path)
    assert len(store.read_table(path)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]


def test_missing_table_message():
    with pytest.raises(FileNotFoundError, match="make table"):
        store.read_table("/nonexistent/events.parquet")


def test_fixture_table_is_valid():
    df = store.read_table(SAMPLE_TABLE)
    assert len(df) == 12 and isinstance(df, pd.DataFrame)
