"""Map image of the current view (headless Chromium) and the interactive HTML export."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest

from core import vocab
from core.exports import files as exports
from core.exports import view_image
from core.table import store
from core.table.query import Filters
from tests.export_helpers import colour_pixels, image_array, seed_table
from tests.fixtures_paths import SAMPLE_TABLE


@pytest.fixture(scope="module")
def sample():
    return store.read_table(SAMPLE_TABLE)


# ---- pieces that need no browser ----------------------------------------------------------------------
def test_only_local_requests_are_allowed():
    assert view_image.is_local_url("file:///tmp/map.html")
    assert view_image.is_local_url("data:image/png;base64,AAAA")
    assert view_image.is_local_url("http://localhost:8501/app/static/vendor/leaflet.js")
    assert view_image.is_local_url("http://127.0.0.1:9/x")
    assert not view_image.is_local_url("https://unpkg.com/leaflet@1.9.4/dist/leaflet.js")
    assert not view_image.is_local_url("https://tile.openstreetmap.org/1/1/1.png")
    assert not view_image.is_local_url("http://localhost.evil.example/x")


@pytest.mark.parametrize("width, height", [(900, 600), (1600, 1000), (420, 320)])
def test_compose_has_the_exact_size_and_keeps_the_screenshot(sample, width, height):
    from PIL import Image

    caption = exports.make_caption(sample, Filters(), "عنوان · Title")
    layout = view_image.footer_layout(sample, caption, width, height)
    footer_px = layout.height
    shot = Image.new("RGB", (width, height - view_image.HEADER_PX - footer_px), (12, 200, 34))
    buf = io.BytesIO()
    shot.save(buf, format="PNG")
    out = image_array(view_image.compose(buf.getvalue(), sample, caption, width=width, height=height))
    assert out.shape == (height, width, 3)
    middle = out[view_image.HEADER_PX: height - footer_px]
    assert (np.abs(middle - np.array([12, 200, 34])).max(axis=2) == 0).all()
    header, footer = out[: view_image.HEADER_PX], out[height - footer_px:]
    assert (header.mean(axis=2) < 100).sum() > 200, "title text drawn"
    assert (footer.mean(axis=2) < 160).sum() > 100, "source line drawn"
    for side in set(sample["actor1_side"].dropna()) if layout.columns else ():
        assert colour_pixels(footer, vocab.sides()[side]["colour"], 10) > 20, f"legend swatch of {side}"


def test_narrow_images_get_taller_footers(sample):
    caption = exports.make_caption(sample, Filters(), "")
    wide, narrow = view_image.footer_layout(sample, caption, 1600), view_image.footer_layout(sample, caption, 500)
    assert narrow.height > wide.height and wide.columns > narrow.columns >= 1
    assert view_image.footer_layout(sample, caption, 420, 320).columns == 0  # too small: source line only


def map_area(img: np.ndarray, df, caption) -> np.ndarray:
    footer_px = view_image.footer_layout(df, caption, img.shape[1], img.shape[0]).height
    return img[view_image.HEADER_PX: img.shape[0] - footer_px]


def test_expected_markers_follow_the_map(sample):
    from core.views import maps

    counts = maps.map_counts(sample)
    # points and region areas of the layers shown at start; hidden layers ("other") and unplaced rows not
    assert view_image.expected_markers(sample) == counts["visible_markers"] + counts["visible_areas"] == 9
    assert view_image.expected_markers(sample.iloc[0:0]) == 0


def test_html_export_is_offline_and_captioned(sample):
    from core.views import assets

    content, mime, name = exports.export_bytes(sample, "html", filters=Filters(sides=("turkey",)),
                                               title="<b>قصف</b> & co")
    page = content.decode("utf-8")
    assert mime == "text/html" and name.endswith(".html")
    assets.assert_no_remote_assets(page)
    assert 'id="rasd-caption"' in page and "&lt;b&gt;قصف&lt;/b&gt; &amp; co" in page
    assert "party: Turkey" in page
    assert "<b>قصف</b>" not in page


# ---- in the browser --------------------------------------------------------------------------------------
def screen_position(lat: float, lon: float, view: dict) -> tuple[float, float]:
    """Pixel position of (lat, lon) in a Web Mercator view {zoom, lat, lon, width, height}."""
    def world(la, lo):
        scale = 256 * 2 ** view["zoom"]
        s = math.sin(math.radians(la))
        return (lo + 180) / 360 * scale, (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale

    x, y = world(lat, lon)
    cx, cy = world(view["lat"], view["lon"])
    return x - cx + view["width"] / 2, y - cy + view["height"] / 2


def markers_in_their_colour(img: np.ndarray, df, view: dict, radius: int = 14) -> tuple[int, int]:
    """(marker positions inside the view, of those how many show a side colour of their events there).

    Several events at one place stack: the one on top shows, so a position counts when the colour of
    any of its events is found around it."""
    points = df[df["lat"].notna() & df["geo_precision"].isin([1, 2])]
    seen = hits = 0
    for (lat, lon), here in points.groupby(["lat", "lon"]):
        x, y = screen_position(lat, lon, view)
        if not (radius < x < view["width"] - radius and radius < y < view["height"] - radius):
            continue
        seen += 1
        y += view_image.HEADER_PX
        window = img[int(y) - radius: int(y) + radius, int(x) - radius: int(x) + radius]
        colours = {vocab.sides()[side or "unknown"]["colour"] for side in here["actor1_side"].fillna("unknown")}
        hits += int(any(colour_pixels(window, colour, 30) >= 6 for colour in colours))
    return seen, hits


@pytest.mark.browser
def test_view_png_default_size_markers_and_caption(sample):
    filters = Filters(admin1=("SY07",))
    shown = filters.apply(sample)
    report = view_image.ShotReport()
    png = view_image.render_view_png(shown, exports.make_caption(shown, filters, "Idleb"), report=report)
    img = image_array(png)
    assert img.shape == (1000, 1600, 3)
    assert img.std() > 20, "blank image"
    assert report.blocked_requests == [] and report.page_errors == []
    assert report.markers_drawn >= report.markers_expected > 0
    seen, hits = markers_in_their_colour(img, shown, report.view)
    assert seen >= 4 and hits >= 0.8 * seen, (seen, hits, report.view)
    # the same through export_bytes (filters applied there), with the size option; the browser is reused
    again = view_image.ShotReport()
    png2, mime, name = exports.export_bytes(sample, "png", filters=filters, width=1200, height=800)
    assert mime == "image/png" and name.endswith(".png")
    assert image_array(png2).shape == (800, 1200, 3)
    view_image.render_view_png(shown, exports.make_caption(shown, filters), width=800, height=600, report=again)
    assert again.browser_started is False, "one browser serves every export"


@pytest.mark.browser
def test_view_png_from_another_thread(sample):
    """Streamlit calls from its own threads: the browser's worker thread serves them all."""
    import threading

    results = []

    def job():
        results.append(exports.export_bytes(sample, "png", width=640, height=480)[0])

    threads = [threading.Thread(target=job) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 2 and all(image_array(r).shape == (480, 640, 3) for r in results)


@pytest.mark.browser
def test_seed_corpus_view_png_with_a_filter():
    seeds = seed_table()
    filters = Filters(layers=("strike", "ground", "advance"), admin1=("SY07",))
    shown = filters.apply(seeds)
    report = view_image.ShotReport()
    caption = exports.make_caption(shown, filters, "Seed corpus")
    png = view_image.render_view_png(shown, caption, report=report)
    img = image_array(png)
    assert img.shape == (1000, 1600, 3) and img.std() > 20
    assert report.markers_drawn >= report.markers_expected
    seen, hits = markers_in_their_colour(img, shown, report.view)
    assert hits >= 0.8 * seen, (seen, hits)
    assert set(shown["actor1_side"].dropna()) and any(
        colour_pixels(map_area(img, shown, caption), vocab.sides()[s]["colour"], 30) > 30
        for s in set(shown["actor1_side"].dropna()))


@pytest.mark.browser
def test_exported_html_draws_offline(sample, tmp_path):
    """The HTML export opened from disk, every non-local request blocked, draws its markers."""
    from core.views import maps

    html = exports.export_bytes(sample, "html")[0].decode("utf-8")
    report = view_image.ShotReport()
    expected = maps.map_counts(sample)["visible"]
    png = view_image.screenshot_html(html, width=1000, height=700, expected_markers=expected, report=report)
    assert report.blocked_requests == [] and report.page_errors == []
    assert report.markers_drawn == expected > 0
    assert image_array(png).std() > 20


@pytest.mark.browser
def test_cli_view_png(tmp_path, capsys):
    from core.__main__ import main

    out = tmp_path / "view.png"
    assert main(["export", "--format", "png", "--events", str(SAMPLE_TABLE), "--side", "turkey",
                 "--side-role", "any", "--width", "1000", "--height", "700", "--out", str(out)]) == 0
    assert "exported 5 of 12 events" in capsys.readouterr().out
    img = image_array(out.read_bytes())
    assert img.shape == (700, 1000, 3) and img.std() > 20
    turkey = Filters(sides=("turkey",))
    shown = turkey.apply(store.read_table(SAMPLE_TABLE))
    area = map_area(img, shown, exports.make_caption(shown, turkey))
    assert colour_pixels(area, vocab.sides()["turkey"]["colour"], 30) > 30
