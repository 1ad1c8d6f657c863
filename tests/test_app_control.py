"""The map page's "Areas of control" section under streamlit.testing (AppTest), on the fixture table:
the day control (slider, step by week, back), the controllers shown, a click's evidence beside the map."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.table.store import read_table
from tests.fixtures_paths import SAMPLE_TABLE
from tests.test_app import APP


@pytest.fixture()
def control_page(monkeypatch):
    monkeypatch.setenv("RASD_EVENTS", str(SAMPLE_TABLE))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/map.py").run()
    at.toggle(key="ctl_on").set_value(True).run()
    assert not at.exception, at.exception
    return at


def test_the_section_shows_the_last_day_and_steps_back_by_week(control_page):
    at = control_page
    table = read_table(SAMPLE_TABLE)
    taken = table[table["type"] == "territory_taken"]
    shown = at.session_state["ctl_shown"]
    assert shown["day"] == table["date"].max().date().isoformat()  # opens on the table's last day
    assert set(shown["cells"]) == set(taken["pcode"]) and shown["controllers"] == ["pro-government"]
    assert any("not a survey" in c.value for c in at.caption)
    at.radio(key="ctl_unit").set_value("week").run()
    for _ in range(8):  # eight weeks back from the last day
        at.button(key="ctl_back").click().run()
    assert at.session_state["ctl_shown"]["day"] == (table["date"].max() - pd.Timedelta(weeks=8)).date().isoformat()
    at.select_slider(key="ctl_day").set_value(pd.Timestamp("2019-12-24")).run()
    shown = at.session_state["ctl_shown"]
    assert shown["cells"] == list(taken.loc[taken["date"] <= "2019-12-24", "pcode"])  # Jarjanaz only
    assert not at.exception, at.exception


def test_a_click_shows_the_report_that_set_the_place(control_page):
    at = control_page
    table = read_table(SAMPLE_TABLE)
    row = table[table["event_id"] == "f4"].iloc[0]
    from core.control.cells import load_cells

    cells = load_cells().to_crs("EPSG:4326").set_index("pcode")
    inside = cells.loc[row["pcode"], "geometry"].representative_point()  # a point inside the town's cell
    at.session_state["ctl_click"] = {"lat": inside.y, "lng": inside.x}
    at.run()
    assert at.session_state["ctl_picked"] == row["pcode"]
    cards = [m.value for m in at.markdown if 'id="card-f4"' in m.value]  # f4 is not on the event map's side
    assert len(cards) == 1 and "Fixture outlet" in cards[0]
    assert any("held by <b>Pro-government</b> since 2019-12-24" in m.value for m in at.markdown)
    at.session_state["ctl_click"] = {"lat": 33.5, "lng": 36.3}  # Damascus: no report names it
    at.run()
    assert at.session_state["ctl_picked"] is None
    assert any("No report names a place there" in c.value for c in at.caption)


def test_the_example_baseline_shades_more_and_a_bad_day_is_never_shown(control_page):
    at = control_page
    at.radio(key="ctl_baseline").set_value("example").run()
    assert not at.exception, at.exception
    shown = at.session_state["ctl_shown"]
    assert {"opposition", "pro-government"} <= set(shown["controllers"])
    assert len(shown["cells"]) > 5


def test_file_text_shown_in_markdown_stays_plain_text():
    from pages.map_control import plain

    shown = plain("baseline ![x](https://example.org/a.png) [link](javascript:alert(1)) *b* <i>")
    assert "](" not in shown.replace("\\]\\(", "") and "\\!\\[" in shown and "\\<i\\>" in shown
