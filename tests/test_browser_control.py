"""The areas of control on the map page, in a real browser: step back to late December 2019, see the
towns the seed reports say were taken shaded, click one and read the report that set it."""

from __future__ import annotations

import pandas as pd
import pytest

from core.control.areas import ControlMaps
from core.control.model import ControlModel
from core.table.store import read_table
from tests import browser_harness as bh
from tests.test_browser_dashboard import rerun_done, wait_until

pytestmark = pytest.mark.browser
GOV_COLOUR = "#c0392b"
MAP_JS = "(window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.map) || window.map"


def control_frame(page):
    for frame in bh.map_frames(page):
        if frame.locator("path.rasd-control-cell").count():
            return frame
    return None


def test_control_layer_steps_back_and_a_click_shows_the_evidence(browser_page, start_streamlit, seed_table):
    page = browser_page
    table = read_table(seed_table)
    server = start_streamlit("app.py", env={"RASD_EVENTS": str(seed_table)}, name="control")
    page.goto(server.url + "/map")
    bh.wait_for_app(page)
    page.get_by_text("Areas of control").first.click()
    rerun_done(page)
    wait_until(page, lambda: control_frame(page) is not None, timeout=90, what="the control map")

    # one week back at a time, from the last day of the table to late December 2019
    page.locator('[data-testid="stRadio"]').filter(has_text="Step").get_by_text("week").click()
    rerun_done(page)
    last = table["date"].max().normalize()
    target = last - 9 * pd.Timedelta(days=7)
    assert target.strftime("%Y-%m") == "2019-12" and target.day >= 25
    for _ in range(9):
        page.locator(".st-key-ctl_back").get_by_role("button", name="◀").click()
        rerun_done(page)
    wait_until(page, lambda: f"As of {target:%Y-%m-%d}" in page.inner_text("body"), what="the day stepped to")

    # the towns taken on 26 December are shaded in the government's colour
    control = ControlMaps(ControlModel(table)).at(target)
    taken = control.cells[(control.cells["type"] == "territory_taken")]
    assert len(taken) >= 3
    frame = wait_until(page, lambda: control_frame(page), what="the control map after stepping")
    fills = frame.evaluate("() => Array.from(document.querySelectorAll('path.rasd-control-area'))"
                           ".map(p => p.getAttribute('fill'))")
    assert GOV_COLOUR in fills, fills

    # click one town's cell: its report (evidence sentence, source) shows beside the map
    town = taken[taken["name_en"].str.contains("Talkhatra")].iloc[0] if taken["name_en"].str.contains(
        "Talkhatra").any() else taken.iloc[0]
    point = frame.evaluate(f"() => {{ const m = {MAP_JS}; const p = m.latLngToContainerPoint([{town['lat']}, "
                           f"{town['lon']}]); return [p.x, p.y]; }}")
    frame.locator(".leaflet-container").first.click(position={"x": point[0], "y": point[1]})
    details = page.locator(".st-key-control_details")
    wait_until(page, lambda: details.locator(".rasd-card").count() > 0, what="the evidence beside the map")
    text = details.inner_text()
    assert town["name_en"] in text and "held by Pro-government" in text
    assert town["evidence"][:40] in text  # the report's own sentence
    assert str(town["outlet"]) in text and town["doc_id"] in text  # and its source

    # Play steps forward a week at a time on its own, and stops on the last day
    page.locator(".st-key-ctl_play").get_by_text("Play").click()
    next_week = target + pd.Timedelta(days=7)
    wait_until(page, lambda: f"As of {next_week:%Y-%m-%d}" in page.inner_text("body"), what="play to step a week")
    wait_until(page, lambda: f"As of {last:%Y-%m-%d}" in page.inner_text("body"), timeout=90, what="play to the end")
    page.locator(".st-key-control_details").scroll_into_view_if_needed()
    page.screenshot(path=str(bh.artifacts_dir() / "control-clicked.png"))
    problems = page.watch.problems(console=False)
    assert not problems, problems
