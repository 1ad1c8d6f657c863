"""Real-browser proof that the maps render offline (issue 5), on the minimal map page and on every
page of the dashboard: zero requests to other hosts, zero page errors, a map with height, the expected
markers and boundary paths, Arabic text. Screenshots go to test-artifacts/.

`RASD_DISABLE_LOCAL_ASSETS=1 pytest -m browser tests/test_browser_offline.py` shows the failure mode:
the map page then requests CDN hosts (blocked here, as offline) and draws no map.
"""

from __future__ import annotations

import json
import os
from urllib.parse import urlsplit

import pandas as pd
import pytest

from core.table.store import read_table
from tests import browser_harness as bh
from tests.fixtures_paths import SAMPLE_TABLE

pytestmark = pytest.mark.browser
REPO = bh.REPO_ROOT


# A font is installed when text set in it measures differently from the generic fallbacks.
FONT_INSTALLED_JS = """(font) => {
    const c = document.createElement('canvas').getContext('2d');
    const text = 'غارة جوية على سراقب 123';
    return ['monospace', 'serif'].some(base => {
        c.font = '32px ' + base; const w0 = c.measureText(text).width;
        c.font = `32px "${font}", ` + base; return c.measureText(text).width !== w0;
    });
}"""


def _features(level: int) -> int:
    with open(REPO / "geodata" / "build" / f"adm{level}.geojson", encoding="utf-8") as fh:
        return len(json.load(fh)["features"])


def expected_visible_markers(df: pd.DataFrame) -> int:
    """Counted here from the table itself, independently of core.views.maps: events in a layer shown when the
    map opens (strikes, ground fighting, advances) with a point, exact or near, or region-level with a point
    or an admin unit (drawn as an area)."""
    shown = df["layer"].isin(["strike", "ground", "advance"])
    has_point = df["lat"].notna() & df["lon"].notna()
    point = has_point & df["geo_status"].eq("resolved") & df["geo_precision"].isin([1, 2])
    region = (df["geo_status"].eq("region") | df["geo_precision"].eq(3)) & (
        has_point | df["pcode"].fillna("").str.match(r"^SY\d{2}(\d{2}(\d{2})?)?$"))
    return int((shown & (point | region)).sum())


def test_minimal_map_page_renders_offline(browser_page, map_app_server):
    page = browser_page
    df = read_table(SAMPLE_TABLE)
    expected = expected_visible_markers(df)
    assert expected > 0
    page.goto(map_app_server)
    bh.wait_for_app(page)
    assert bh.wait_for_map(page), f"no Leaflet map was drawn; problems: {page.watch.problems()}"
    assert bh.wait_for_drawn(page, expected) == expected
    frame = bh.map_frames(page)[0]
    stats = frame.evaluate("() => Object.assign({}, document.querySelector('.leaflet-container').dataset)")
    assert int(stats["rasdAreas"]) >= 1  # a region-level event drawn as an area
    assert bh.count_paths(page, "path.rasd-adm1") == _features(1)
    assert bh.count_paths(page, "path.rasd-adm2") == _features(2)
    assert bh.count_paths(page, "path.rasd-adm0") >= 1
    assert min(bh.map_heights(page)) > 100
    text = bh.page_text(page)
    assert bh.has_arabic(text)
    assert "الضربات" in text  # the legend's Arabic layer name
    bh.screenshot(page, "map_app-fixture")
    # a popup opens on a click on the canvas, with the evidence as right-to-left text
    f1 = df[df["event_id"] == "f2"].iloc[0]  # Nayrab: shelling, near (hollow)
    bh.click_event_at(frame, float(f1["lat"]), float(f1["lon"]))
    frame.wait_for_selector(".rasd-popup", timeout=10_000)
    assert frame.locator('.rasd-popup .rasd-evidence[dir="rtl"]').count() == 1
    assert "النيرب" in frame.locator(".rasd-popup").inner_text()
    bh.screenshot(page, "map_app-popup")
    # Arabic is drawn with an installed Arabic font (fonts-noto-core), not a fallback box font
    assert frame.evaluate(FONT_INSTALLED_JS, "Noto Sans Arabic"), "Noto Sans Arabic is not installed"
    assert not frame.evaluate(FONT_INSTALLED_JS, "No Such Font Rasd")
    assert page.watch.problems() == [], page.watch.problems()


def test_harness_flags_missing_static_files(browser_page, map_app_server):
    """A static file that is not there must not pass unnoticed (Streamlit may answer 404 or 200 text/html)."""
    page = browser_page
    page.goto(map_app_server)
    bh.wait_for_app(page)
    page.evaluate("() => fetch('/app/static/vendor/no-such-file.js').then(r => r.status)")
    page.wait_for_timeout(300)
    assert any("no-such-file.js" in item for item in page.watch.bad_content_types)
    assert page.watch.problems() != []


def test_day_control_filters_in_the_browser(browser_page, map_app_server):
    page = browser_page
    df = read_table(SAMPLE_TABLE)
    page.goto(map_app_server + "/?slider=1")
    bh.wait_for_app(page)
    assert bh.wait_for_map(page), page.watch.problems()
    frame = bh.map_frames(page)[0]
    frame.wait_for_selector(".rasd-days", timeout=20_000)
    bh.wait_for_drawn(page, expected_visible_markers(df))
    frame.select_option(".rasd-days-mode", "day")
    day = pd.Timestamp("2020-02-11")
    found = frame.evaluate("""(day) => {
      const s = document.querySelector('.rasd-days-slider'), label = document.querySelector('.rasd-days-label');
      for (let v = +s.min; v <= +s.max; v++) {
        s.value = v; s.dispatchEvent(new Event('input'));
        if (label.textContent.includes(day)) return true;
      }
      return false; }""", "2020-02-11")
    assert found
    one_day = df[pd.to_datetime(df["date"]).dt.normalize() == day]
    assert bh.wait_for_drawn(page, expected_visible_markers(one_day)) == expected_visible_markers(one_day) > 0
    assert "2020-02-11" in frame.locator(".rasd-days-label").inner_text()
    frame.locator(".rasd-days-play").click()  # plays from the first day on
    page.wait_for_timeout(1500)
    assert frame.locator(".rasd-days-label").inner_text().strip()[:2] == "20"
    bh.screenshot(page, "map_app-day-control")
    assert page.watch.problems() == [], page.watch.problems()


def test_disabled_local_assets_is_caught(browser_page, start_streamlit):
    """The harness must see the offline failure when the local-asset step is skipped."""
    server = start_streamlit("tests/browser_apps/map_app.py", env={"RASD_DISABLE_LOCAL_ASSETS": "1"},
                             name="map_app-disabled")
    page = browser_page
    page.goto(server.url)
    bh.wait_for_app(page)
    for _ in range(40):  # the component asks the CDN as soon as it mounts
        if page.watch.external_requests:
            break
        page.wait_for_timeout(250)
    drawn = bh.wait_for_map(page, timeout=3)
    external = list(page.watch.external_requests)
    bh.screenshot(page, "map_app-local-assets-disabled")
    assert external, "without local assets the map page should have asked a CDN"
    assert not drawn and bh.drawn_events(page) == -1
    assert max(bh.map_heights(page) or [0]) < 10  # the component iframe collapses: the blank map of issue 5


@pytest.mark.skipif(os.environ.get("RASD_SKIP_APP_BROWSER") == "1", reason="RASD_SKIP_APP_BROWSER=1")
def test_every_dashboard_page_offline(browser_page, app_server):
    page = browser_page
    page.goto(app_server)
    bh.wait_for_app(page)
    urls = bh.app_pages(page, app_server)
    assert len(urls) >= 1
    maps_seen = 0
    report = []
    for url in urls:
        page.watch.clear()
        page.goto(url)
        bh.wait_for_app(page)
        name = urlsplit(url).path.strip("/").replace("/", "-") or "home"
        has_map = bh.map_iframe_count(page) > 0
        if has_map:
            assert bh.wait_for_map(page), f"{url}: map iframe but no Leaflet map; {page.watch.problems()}"
            maps_seen += 1
            assert min(bh.map_heights(page)) > 100, f"{url}: map has no height"
            assert bh.count_paths(page, "path.rasd-adm1") == _features(1), url
            assert bh.count_paths(page, "path.rasd-adm2") == _features(2), url
            bh.wait_for_drawn(page, _dashboard_expected_markers())
            report.append(f"{name}: {bh.drawn_events(page)} events drawn")
        assert bh.has_arabic(bh.page_text(page)), f"{url}: no Arabic text on the page"
        bh.screenshot(page, f"app-{name}")
        assert page.watch.problems() == [], f"{url}: {page.watch.problems()}"
    print("pages:", urls, "maps:", report)
    assert maps_seen >= 1, "no page of the dashboard shows a map"


def _dashboard_expected_markers() -> int:
    """Markers on the dashboard's map in its default view (the whole table)."""
    return expected_visible_markers(read_table(bh.events_table()))


def test_inline_html_export_renders_offline(browser_page):
    """The self-contained HTML (core.views.assets.inline_html, used by exports) draws the map from a file."""
    from core.views import assets, event_map

    df = read_table(SAMPLE_TABLE)
    path = bh.artifacts_dir() / "map_inline.html"
    path.write_text(assets.inline_html(event_map.build_map(df, title="Inline export · تصدير")), encoding="utf-8")
    page = browser_page
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-container", timeout=20_000)
    expected = expected_visible_markers(df)
    page.wait_for_function(f"() => document.querySelector('.leaflet-container').dataset.rasdDrawn === '{expected}'",
                           timeout=20_000)
    assert page.locator("path.rasd-adm1").count() == _features(1)
    assert bh.has_arabic(page.inner_text("body"))
    bh.screenshot(page, "map_inline-html")
    assert page.watch.problems() == [], page.watch.problems()
