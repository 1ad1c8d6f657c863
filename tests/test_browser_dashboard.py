"""The dashboard in a real browser (headless Chromium): every page on the seed corpus, a filter applied
through the sidebar, a marker clicked, screenshots in test-artifacts/.

The seed table is built fresh from data/corpus by the pipeline; the expectations come from the table
(counted here with pandas) and from the gold file's coordinates, not from core.views.maps.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from core.paths import SHARED_DIR
from core.table.store import read_table
from tests import browser_harness as bh

pytestmark = pytest.mark.browser
REPO = bh.REPO_ROOT
GOLD = SHARED_DIR / "eval" / "seeds_gold.json"
MAP_LAYERS = ("strike", "ground", "advance")

# Every event point of the canvas event layers (window.map in the component's frame) shown on the map.
MAP_JS = "const m = window.map;"
MARKERS_JS = """() => {
  const m = window.map, out = [];
  if (!m || !window.rasd) return out;
  m.eachLayer(l => { if (l instanceof rasd.Points) {
    for (let i = 0; i < l.entry.n; i++) out.push({lat: l.entry.lat[i], lng: l.entry.lon[i], row: l.entry.rows[i]});
  } });
  return out;
}"""


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def expected_markers(df: pd.DataFrame) -> int:
    """Event points the map shows when it opens: a resolved point, exact or near, in a map layer."""
    point = df["lat"].notna() & df["lon"].notna() & df["geo_status"].eq("resolved")
    return int((point & df["geo_precision"].isin([1, 2]) & df["layer"].isin(MAP_LAYERS)).sum())


def expected_drawn(df: pd.DataFrame) -> int:
    """Events drawn when the map opens: the points, and region-level events with a point or an admin unit."""
    region = (df["geo_status"].eq("region") | df["geo_precision"].eq(3)) & (
        (df["lat"].notna() & df["lon"].notna()) | df["pcode"].fillna("").str.match(r"^SY\d{2}(\d{2}(\d{2})?)?$"))
    return expected_markers(df) + int((region & df["layer"].isin(MAP_LAYERS)).sum())


def gold_points(types: set[str], month: str) -> list[tuple[str, float, float]]:
    """(pcode, lat, lon) of the gold events of ``types`` in ``month`` (YYYY-MM) placed at a community."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    out = []
    for event in gold["events"]:
        if event["type"] in types and event["date"].startswith(month):
            out += [(p["pcode"], p["lat"], p["lon"]) for p in event["places"] if p.get("pcode", "").startswith("C")]
    return sorted(set(out))


def markers(page) -> list[dict]:
    frames = bh.map_frames(page)
    return [mk for frame in frames for mk in frame.evaluate(MARKERS_JS)]


def wait_until(page, predicate, timeout: float = 45.0, what: str = "condition"):
    """Poll ``predicate`` (a frame replaced during a rerun counts as "not yet")."""
    from playwright.sync_api import Error as PlaywrightError

    for _ in range(int(timeout * 4)):
        try:
            value = predicate()
        except PlaywrightError:
            value = None
        if value:
            return value
        page.wait_for_timeout(250)
    raise AssertionError(f"timed out waiting for {what}; problems: {page.watch.problems(console=False)}")


def rerun_done(page) -> None:
    page.wait_for_timeout(600)  # let the rerun start before waiting for it to finish
    bh.wait_for_app(page)


def test_dashboard_pages_filter_and_map_in_a_real_browser(browser_page, start_streamlit, seed_table):
    page = browser_page
    sent = []  # messages from the browser to the server (a rerun is asked by one)
    page.on("websocket", lambda ws: ws.on("framesent", lambda f: sent.append(f)))
    df = read_table(seed_table)
    server = start_streamlit("app.py", env={"RASD_EVENTS": str(seed_table)}, name="dashboard")
    base = server.url

    # 1. Overview: headline counts of the whole table
    page.goto(base)
    bh.wait_for_app(page)
    wait_until(page, lambda: page.locator('[data-testid="stMetric"]').count() >= 4, what="overview metrics")
    text = page.inner_text("body")
    assert f"{len(df)} of {len(df)} events" in text
    assert bh.has_arabic(text)
    bh.screenshot(page, "dashboard-1-overview")

    # 2. Map: every expected marker, Saraqib/Nayrab strikes and the December 2019 advances at their places
    page.goto(base + "/map")
    bh.wait_for_app(page)
    assert bh.wait_for_map(page), f"no map drawn; problems: {page.watch.problems()}"
    n_all = expected_markers(df)
    assert n_all > 0
    assert bh.wait_for_drawn(page, expected_drawn(df)) == expected_drawn(df)
    placed = markers(page)
    assert len(placed) == n_all
    targets = (gold_points({"airstrike", "shelling", "drone_strike", "aircraft_downed"}, "2020-02")
               + gold_points({"territory_taken"}, "2019-12"))
    wanted = {"C3916", "C3867"}  # Saraqib, Nayrab
    assert wanted <= {p for p, _, _ in targets}
    for pcode, lat, lon in targets:
        if pcode in wanted or pcode in {p for p, _, _ in gold_points({"territory_taken"}, "2019-12")}:
            nearest = min(km(lat, lon, mk["lat"], mk["lng"]) for mk in placed)
            assert nearest <= 5.0, f"{pcode}: nearest marker {nearest:.1f} km away"
    assert min(bh.map_heights(page)) > 200
    bh.screenshot(page, "dashboard-2-map-all")

    # 3. A click on an event (canvas) shows it beside the map
    frame = bh.map_frames(page)[0]
    frame.evaluate(f"() => {{ {MAP_JS} m.setView([{placed[0]['lat']}, {placed[0]['lng']}], 12); }}")
    page.wait_for_timeout(500)
    bh.click_event_at(frame, placed[0]["lat"], placed[0]["lng"])
    wait_until(page, lambda: page.locator(".st-key-map_details_box .rasd-card").count() > 0,
               what="event details beside the map")
    rerun_done(page)
    clicked = df.loc[[placed[0]["row"]]]  # the row id the click reported is the table's row
    assert f'id="card-{clicked["event_id"].iloc[0]}"' in page.locator(".st-key-map_details_box").inner_html()
    bh.screenshot(page, "dashboard-3-map-clicked")

    # 4. The analyst zooms in: the map moves in the browser, the script does not rerun
    before = len(sent)
    frame = bh.map_frames(page)[0]
    frame.evaluate(f"() => {{ {MAP_JS} m.setView([35.80, 36.75], 10); }}")
    page.wait_for_timeout(600)
    frame.evaluate(f"() => {{ {MAP_JS} m.panBy([80, 40], {{animate: false}}); m.setZoom(11, {{animate: false}});"
                   " m.setView([35.80, 36.75], 10, {animate: false}); }")
    page.wait_for_timeout(1500)
    assert len(sent) == before, "pan/zoom sent a message to the server (a rerun)"

    # 5. Party = Turkey through the sidebar: the URL and the markers follow, the view stays where it was
    party = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Party").first
    party.locator("input").click()
    page.keyboard.type("Turkey")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    turkey = df[df["actor1_side"] == "turkey"]
    n_turkey = expected_markers(turkey)
    assert 0 < n_turkey < n_all
    wait_until(page, lambda: "sides=turkey" in page.url, what="the URL to carry the filter")
    rerun_done(page)
    wait_until(page, lambda: len(markers(page)) == n_turkey, what=f"{n_turkey} markers for Turkey")
    assert bh.drawn_events(page) == expected_drawn(turkey)
    assert f"{len(turkey)} of {len(df)} events" in page.inner_text("body")
    view = wait_until(page, lambda: bh.map_frames(page)[0].evaluate(
        f"() => {{ {MAP_JS} const c = m.getCenter(); return [m.getZoom(), c.lat, c.lng]; }}"), what="map view")
    assert view[0] == 10 and abs(view[1] - 35.80) < 0.05 and abs(view[2] - 36.75) < 0.05, view
    bh.screenshot(page, "dashboard-4-map-turkey-zoomed")

    # 6. Timeline keeps the filter (shared URL): a plotly chart with bars, one card per event
    page.goto(base + "/timeline?sides=turkey&side_role=actor1")
    bh.wait_for_app(page)
    wait_until(page, lambda: page.locator(".js-plotly-plot .bars path, .js-plotly-plot .point path").count() > 0,
               what="timeline bars")
    assert page.locator(".rasd-card").count() == min(len(turkey), 50)
    bh.screenshot(page, "dashboard-5-timeline-turkey")

    # 7. Sources: the document text right-to-left, with mentions highlighted and links to events
    page.goto(base + "/sources")
    bh.wait_for_app(page)
    wait_until(page, lambda: page.locator(".rasd-doc mark").count() > 0, what="highlighted mentions")
    doc = page.locator(".rasd-doc").first
    assert doc.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "Noto" in doc.evaluate("e => getComputedStyle(e).fontFamily")
    assert page.locator(".rasd-doc a.evref").count() > 0
    bh.screenshot(page, "dashboard-6-sources")

    problems = page.watch.problems(console=False)
    assert not problems, problems


PAGE_TITLES = {"overview": "Overview", "map": "Map", "timeline": "Timeline", "sources": "Sources"}
HEADINGS = {**PAGE_TITLES, "overview": "Rasd"}  # the overview page is headed by the app's name


def _sidebar_filters_shown(page) -> bool:
    sidebar = page.locator('[data-testid="stSidebar"]')
    return sidebar.count() > 0 and "Filters" in sidebar.inner_text() and \
        page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').count() >= 2


def test_pages_open_directly_by_url_and_from_the_sidebar(browser_page, start_streamlit, seed_table):
    """pages/ beside app.py: a fresh server's first request at /map (Streamlit's old pages-folder mode is
    still on then) and every later one run inside app.py, with its navigation and the shared filters."""
    page = browser_page
    server = start_streamlit("app.py", env={"RASD_EVENTS": str(seed_table)}, name="pages-direct")
    for path, title in PAGE_TITLES.items():  # the first of these is the server's first request
        page.goto(f"{server.url}/{path}")
        bh.wait_for_app(page)
        wait_until(page, lambda: _sidebar_filters_shown(page), what=f"sidebar filters on /{path}")
        wait_until(page, lambda h=HEADINGS[path]: page.locator("h1").filter(has_text=h).count() > 0, what=f"{title} heading")
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "ui" not in nav.split() and "app" not in nav.split(), nav  # not the folder's file names
        assert all(t in nav for t in PAGE_TITLES.values()), nav
    for path, title in PAGE_TITLES.items():  # now from the sidebar's navigation
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
        wait_until(page, lambda p=path: page.url.split("?")[0].rstrip("/").endswith(p) or p == "overview",
                   what=f"URL of {title}")
        bh.wait_for_app(page)
        wait_until(page, lambda h=HEADINGS[path]: page.locator("h1").filter(has_text=h).count() > 0, what=f"{title} heading")
        wait_until(page, lambda: _sidebar_filters_shown(page), what=f"sidebar filters on {title}")
    problems = page.watch.problems(console=False)
    assert not problems, problems
