"""The map page at 10,000 events in a real browser: the drawn count follows the filters, the analyst's layer
choice survives a filter change, a click on a canvas point or on a region area shows its events beside the
map with hostile text kept as text, and nothing is fetched from outside.

The table is synthetic (bench/bench_map_browser.py: the fixture's rows spread over 2,500 made-up places),
with two hostile events placed apart from the others; expectations are counted here with pandas.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests import browser_harness as bh

pytestmark = pytest.mark.browser
SHOWN = ("strike", "ground", "advance")
HOSTILE_EVIDENCE = '<img src=x onerror="window.rasdPwned=1"> `${window.rasdPwned=2}` </script><b>x</b>'
HOSTILE_PLACE = '<svg onload="window.rasdPwned=3">بلدة</svg>'
POINT = (36.80, 36.05)  # the hostile point event, away from the synthetic places
CIRCLE = (36.95, 36.35)  # the hostile region event (a circle: no admin unit)


def expected_drawn(df: pd.DataFrame, layers=SHOWN) -> int:
    """Events drawn: in a shown layer, with a point (exact/near) or region-level with a point or admin unit."""
    has_point = df["lat"].notna() & df["lon"].notna()
    region = df["geo_status"].eq("region") | df["geo_precision"].eq(3)
    unit = df["pcode"].fillna("").str.match(r"^SY\d{2}(\d{2}(\d{2})?)?$")
    point = has_point & df["geo_status"].eq("resolved") & df["geo_precision"].isin([1, 2]) & ~region
    return int((df["layer"].isin(layers) & (point | (region & (has_point | unit)))).sum())


@pytest.fixture(scope="module")
def big_table(tmp_path_factory):
    from bench.bench_map_browser import synthetic_events

    df = synthetic_events(10_000)
    for i, (lat, lon, status, precision) in enumerate([(*POINT, "resolved", 1), (*CIRCLE, "region", 3)]):
        df.loc[i, ["lat", "lon", "geo_status", "type", "layer", "actor1_side", "actor1"]] = [
            lat, lon, status, "shelling", "strike", "turkey", "turkey"]
        df.loc[i, "geo_precision"] = precision
        df.loc[i, ["evidence", "place_ar", "place_en", "pcode"]] = [HOSTILE_EVIDENCE, HOSTILE_PLACE, HOSTILE_PLACE,
                                                                    f"Z{i}"]
    path = tmp_path_factory.mktemp("big") / "events.parquet"
    df.to_parquet(path, index=False)
    from core.table.store import read_table

    return path, read_table(path)


def _party(page, name: str) -> None:
    party = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Party").first
    party.locator("input").click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def _pwned(page) -> list:
    return [f.evaluate("() => window.rasdPwned || 0") for f in page.frames]


def test_ten_thousand_events_filter_layers_and_clicks(browser_page, start_streamlit, big_table):
    path, df = big_table
    page = browser_page
    server = start_streamlit("app.py", env={"RASD_EVENTS": str(path)}, name="map-scale")
    page.goto(server.url + "/map")
    bh.wait_for_app(page, timeout=120)
    assert bh.wait_for_map(page, timeout=120), page.watch.problems()
    n_all = expected_drawn(df)
    assert n_all > 8_000
    assert bh.wait_for_drawn(page, n_all, timeout=120) == n_all
    bh.screenshot(page, "map-scale-1-all")

    # a filter: the drawn count equals the filtered frame's
    _party(page, "Turkey")
    turkey = df[df["actor1_side"] == "turkey"]
    assert bh.wait_for_drawn(page, expected_drawn(turkey), timeout=120) == expected_drawn(turkey)
    bh.wait_for_app(page, timeout=120)

    # the analyst hides the strikes; a filter change keeps them hidden
    frame = bh.map_frames(page)[0]
    frame.locator(".leaflet-control-layers").hover()
    frame.locator(".leaflet-control-layers-overlays label").filter(has_text="Strikes").locator("input").click()
    without_strikes = ("ground", "advance")
    assert bh.wait_for_drawn(page, expected_drawn(turkey, without_strikes)) == expected_drawn(turkey, without_strikes)
    _party(page, "Opposition")
    both = df[df["actor1_side"].isin(["turkey", "opposition"])]
    assert bh.wait_for_drawn(page, expected_drawn(both, without_strikes), timeout=120) == \
        expected_drawn(both, without_strikes)
    bh.wait_for_app(page, timeout=120)
    frame = bh.map_frames(page)[0]
    frame.locator(".leaflet-control-layers").hover()
    strikes = frame.locator(".leaflet-control-layers-overlays label").filter(has_text="Strikes").locator("input")
    assert not strikes.is_checked()
    strikes.click()  # back on
    assert bh.wait_for_drawn(page, expected_drawn(both)) == expected_drawn(both)
    bh.screenshot(page, "map-scale-2-filtered")

    # a click on the hostile point (canvas): its card beside the map, the payload as text
    frame.evaluate(f"() => {{ window.map.setView([{POINT[0]}, {POINT[1]}], 12); }}")
    page.wait_for_timeout(800)
    bh.click_event_at(frame, *POINT)
    frame.wait_for_selector(".rasd-popup", timeout=10_000)
    assert "<svg" in frame.locator(".rasd-popup").inner_text()  # the place name shown as text
    details = page.locator(".st-key-map_details_box")
    page.wait_for_function("() => document.querySelector('.st-key-map_details_box .rasd-card')", timeout=60_000)
    bh.wait_for_app(page, timeout=120)
    assert 'window.rasdPwned=1"&gt;' in details.inner_html() or "&lt;img" in details.inner_html()
    assert HOSTILE_EVIDENCE.split(">")[0] in details.inner_text()  # "<img src=x onerror=..." as text
    assert details.locator("img, svg[onload]").count() == 0
    first_card = details.locator(".rasd-card").first.get_attribute("id")
    assert first_card == f"card-{df['event_id'].iloc[0]}"

    # a click inside the hostile region area (a circle): its event beside the map
    frame = bh.map_frames(page)[0]
    frame.evaluate(f"() => {{ window.map.setView([{CIRCLE[0]}, {CIRCLE[1]}], 10); }}")
    page.wait_for_timeout(800)
    bh.click_event_at(frame, CIRCLE[0] + 0.01, CIRCLE[1])
    page.wait_for_function(f"() => (document.querySelector('.st-key-map_details_box .rasd-card') || {{}}).id === "
                           f"'card-{df['event_id'].iloc[1]}'", timeout=60_000)
    bh.wait_for_app(page, timeout=120)
    assert re.search(r"1 events|حدث|أحداث", frame.locator(".rasd-popup").inner_text())
    bh.screenshot(page, "map-scale-3-clicked")

    assert set(_pwned(page)) == {0}, "hostile text ran as code"
    assert page.watch.external_requests == []
    problems = page.watch.problems(console=False)
    assert not problems, problems
