"""The dashboard on an event store folder (RASD_EVENTS = STORE): the same views as on the single file,
with the filters run in DuckDB. Reuses test_app's cases on the fixture table migrated to a store."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.table.dataset import migrate_file
from core.table.store import read_table
from tests import test_app as base
from tests.fixtures_paths import SAMPLE_TABLE
from tests.test_app import corpus  # noqa: F401 - the documents fixture


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return read_table(SAMPLE_TABLE)


@pytest.fixture()
def app(monkeypatch, corpus, tmp_path) -> AppTest:  # noqa: F811 - corpus is the fixture imported above
    store = migrate_file(SAMPLE_TABLE, tmp_path / "store")
    monkeypatch.setenv("RASD_EVENTS", str(store.path))
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    monkeypatch.delenv("RASD_MANIFEST", raising=False)
    at = AppTest.from_file(base.APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_overview_on_a_store(app, table):
    assert base.metric(app, "Events") == "12"
    assert base.metric(app, "Documents") == "4"
    by_side = app.dataframe[0].value
    assert dict(zip(by_side["side"], by_side["events"], strict=True)) == table["actor1_side"].value_counts().to_dict()
    assert "12 of 12 events" in app.caption[0].value


@pytest.mark.parametrize("case", ["party turkey (either actor)", "type shelling", "place English",
                                  "place normalized (ادلب finds إدلب)",
                                  "minimum confidence", "date slider"])
def test_filters_on_a_store_match_the_file(app, table, case):
    act, expected_mask = base.FILTER_CASES[case]
    act(app)
    app.run()
    assert not app.exception, app.exception
    expected = base.ids(table.loc[expected_mask(table), "event_id"])
    assert 0 < len(expected) < len(table)
    assert base.metric(app, "Events") == str(len(expected))
    for page, got in base.shown_everywhere(app).items():
        assert got == expected, page


def test_grouped_once_and_sources_on_a_store(app, table):
    app.sidebar.toggle(key="f_grouped").set_value(True)
    app.run()
    assert base.metric(app, "Events") == str(len(table.drop_duplicates(["group_id", "pcode"])))
    app.sidebar.toggle(key="f_grouped").set_value(False)
    app.switch_page("pages/sources.py").run()
    app.selectbox(key="src_doc").set_value("fx_a").run()
    assert not app.exception, app.exception
    assert app.session_state["sources_doc_events"] == 3


def test_every_page_runs_on_a_store(app):
    for page in base.PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)



def test_views_of_a_big_store_are_capped_and_say_so(monkeypatch, app, table):
    monkeypatch.setenv("RASD_VIEW_LIMIT", "5")
    app.sidebar.toggle(key="f_grouped").set_value(False)  # a widget change: the view is computed again
    app.sidebar.slider(key="f_minconf").set_value(0.05).run()
    assert not app.exception, app.exception
    assert len(app.session_state["_rasd_view"]) == 5
    assert any("most recent" in w.value for w in app.sidebar.warning)
    recent = table.sort_values("date", ascending=False).head(5)["date"].min()
    assert (app.session_state["_rasd_view"]["date"] >= recent).all()
