"""The dashboard's frame of an event store: only the view's columns come out of DuckDB, the long texts are read
for the rows shown (by row id), and the result is the same as reading every column."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from core.table import corrections, duckquery
from core.table.dataset import EventStore
from core.table.store import read_table
from tests.fixtures_paths import SAMPLE_TABLE
from tests.test_store import FILTERS, _docs, _record


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> EventStore:
    sample = read_table(SAMPLE_TABLE)
    store = EventStore.open(tmp_path_factory.mktemp("view") / "st", create=True)
    ids = _docs(sample)
    for chunk in (ids[:2], ids[2:]):  # several parts per month
        store.add([_record(d) for d in chunk], sample[sample["doc_id"].isin(chunk)])
    return store


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.describe())
def test_view_columns_then_details_equal_every_column(store, f):
    full = duckquery.filtered(store.path, f)
    view = duckquery.filtered(store.path, f, columns=duckquery.VIEW_COLUMNS)
    assert list(view.columns) == [*duckquery.VIEW_COLUMNS, duckquery.ROW_ID]
    assert view["event_id"].tolist() == full["event_id"].tolist()
    pd.testing.assert_frame_equal(duckquery.details(store.path, view), full)
    # the map's day control applies the filters again to the view frame: every row still passes
    assert f.apply(view)["event_id"].tolist() == view["event_id"].tolist()


def test_details_of_some_rows_in_any_order(store):
    full = duckquery.filtered(store.path, FILTERS[0])
    view = duckquery.filtered(store.path, FILTERS[0], columns=duckquery.VIEW_COLUMNS)
    some = view.iloc[::-2]  # every other row, backwards: rows of several files, interleaved
    got = duckquery.details(store.path, some, columns=["evidence", "summary"])
    assert list(got.index) == list(some.index)
    by_id = full.set_index("event_id")
    assert got["evidence"].tolist() == by_id.loc[some["event_id"], "evidence"].tolist()
    assert got["summary"].tolist() == by_id.loc[some["event_id"], "summary"].tolist()
    assert len(duckquery.details(store.path, view.iloc[0:0])) == 0


def test_view_frame_caps_to_the_most_recent(store):
    rows, n = duckquery.view_frame(store.path, FILTERS[0], limit=5)
    assert n == store.n_events() and len(rows) == 5
    assert rows["date"].min() >= duckquery.filtered(store.path, FILTERS[0])["date"].nlargest(5).min()


def test_parts_with_different_columns_are_matched_by_name(tmp_path, store):
    import shutil

    copy = tmp_path / "st"
    shutil.copytree(store.path, copy)
    first = EventStore(copy).part_files()[0]
    pq.write_table(pq.read_table(first).drop_columns(["admin1_pcodes"]), first)  # a part from an older schema
    duckquery._uniform.cache_clear()
    assert not duckquery._uniform(tuple(str(p) for p in EventStore(copy).part_files()))
    got = duckquery.filtered(copy, FILTERS[0])
    assert got["event_id"].tolist() == duckquery.filtered(store.path, FILTERS[0])["event_id"].tolist()


def test_a_correction_finds_its_event_by_sentence_when_the_id_changed(store):
    row = duckquery.filtered(store.path, FILTERS[0]).iloc[3]
    moved = corrections.Correction(event_id="id-before-a-code-change", doc_id=row["doc_id"], action="reject",
                                   who="t", when="2020-01-01T00:00:00", evidence=row["evidence"])
    kept = corrections.Correction(event_id=row["event_id"], doc_id=row["doc_id"], action="confirm", who="t",
                                  when="2020-01-01T00:00:00")
    rekeyed = duckquery.rekey(store.path, [moved, kept])
    assert [c.event_id for c in rekeyed] == [row["event_id"], row["event_id"]]
    view = duckquery.filtered(store.path, FILTERS[0], columns=duckquery.VIEW_COLUMNS)
    assert row["event_id"] not in set(corrections.apply(view, rekeyed[:1])["event_id"])


@pytest.mark.parametrize("n", [1, 2, 5, 7, 11, 12, 40])
@pytest.mark.parametrize("grouped", [False, True])
def test_most_recent_is_the_first_n_by_date_then_table_order(store, n, grouped):
    from core.table.query import Filters

    f = Filters(grouped_once=grouped)
    full = duckquery.filtered(store.path, f).reset_index(drop=True)
    expected = full.assign(_pos=range(len(full))).sort_values(["date", "_pos"], ascending=[False, True],
                                                              na_position="last", kind="stable").head(n)
    got = duckquery.filtered(store.path, f, most_recent=n, columns=duckquery.VIEW_COLUMNS)
    assert got["event_id"].tolist() == full.loc[sorted(expected.index), "event_id"].tolist()
