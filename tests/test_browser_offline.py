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
    """Counted here from the table itself, independently of core.views.maps: rows with a point, exact or near,
    in a layer shown when the map opens (strikes, ground fighting, advances)."""
    point = df["lat"].notna() & df["lon"].notna() & df["geo_status"].eq("resolved")
    exact_or_near = df["geo_precision"].isin([1, 2])
    shown = df["layer"].isin(["strike", "ground", "advance"])
    return int((point & exact_or_near & shown).sum())


def test_minimal_map_page_renders_offline(browser_page, map_app_server):
    page = browser_page
    df = read_table(SAMPLE_TABLE)
    expected = expected_visible_markers(df)
    assert expected > 0
    page.goto(map_app_server)
    bh.wait_for_app(page)
    assert bh.wait_for_map(page), f"no Leaflet map was drawn; problems: {page.watch.problems()}"
    assert bh.wait_for_markers(page, expected) == expected
    assert bh.count_paths(page, "path.rasd-adm1") == _features(1)
    assert bh.count_paths(page, "path.rasd-adm2") == _features(2)
    assert bh.count_paths(page, "path.rasd-adm0") >= 1
    assert bh.count_paths(page, "path.rasd-area") >= 1  # a region-level event drawn as an area
    assert min(bh.map_heights(page)) > 100
    text = bh.page_text(page)
    assert bh.has_arabic(text)
    assert "الضربات" in text  # the legend's Arabic layer name
    bh.screenshot(page, "map_app-fixture")
    # a popup opens with escaped evidence text (Arabic, right-to-left)
    frame = bh.map_frames(page)[0]
    frame.locator(".leaflet-marker-pane > *").first.dispatch_event("click")
    frame.wait_for_selector(".rasd-popup", timeout=10_000)
    assert frame.locator('.rasd-popup .rasd-evidence[dir="rtl"]').count() == 1
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


def test_time_slider_plays_offline(browser_page, map_app_server):
    page = browser_page
    page.goto(map_app_server + "/?slider=1")
    bh.wait_for_app(page)
    assert bh.wait_for_map(page), page.watch.problems()
    frame = bh.map_frames(page)[0]
    frame.wait_for_selector(".timecontrol-play", timeout=20_000)
    boundary_paths = bh.count_paths(page)
    frame.locator(".timecontrol-forward").click()
    page.wait_for_timeout(300)
    frame.locator(".timecontrol-forward").click()
    frame.wait_for_function(f"() => document.querySelectorAll('.leaflet-overlay-pane path').length > "
                            f"{boundary_paths - 1}", timeout=10_000)
    assert frame.locator(".timecontrol-date").inner_text().strip()[:2] in ("20", "")
    bh.screenshot(page, "map_app-time-slider")
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
    assert not drawn and bh.count_markers(page) == 0
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
            bh.wait_for_markers(page, _dashboard_expected_markers())
            report.append(f"{name}: {bh.count_markers(page)} markers")
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
    from core.views import assets, maps

    df = read_table(SAMPLE_TABLE)
    path = bh.artifacts_dir() / "map_inline.html"
    path.write_text(assets.inline_html(maps.build_map(df, title="Inline export · تصدير")), encoding="utf-8")
    page = browser_page
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-container", timeout=20_000)
    expected = expected_visible_markers(df)
    markers = page.evaluate("() => document.querySelector('.leaflet-marker-pane').children.length")
    assert markers == expected
    assert page.locator("path.rasd-adm1").count() == _features(1)
    assert bh.has_arabic(page.inner_text("body"))
    bh.screenshot(page, "map_inline-html")
    assert page.watch.problems() == [], page.watch.problems()
