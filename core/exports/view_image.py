"""Map image of the current view: the folium map screenshotted in headless Chromium, with a caption.

The map (``core.views.event_map.build_map``) is written as one self-contained HTML file (assets inlined by
``core.views.assets.inline_html``), opened in Chromium through Playwright with every non-local request
blocked and animations off; once the event layers report the expected events drawn (they draw on a
canvas: ``data-rasd-drawn`` on the map container, see core/views/event_layers.js) the map is screenshotted,
and a header (title, period, filters) and a footer (legend, sources) are added around it.

One browser is kept alive across exports. Playwright's sync objects belong to the thread that made
them, while Streamlit runs each session in its own thread, so the browser lives in one worker thread
and every screenshot is a job for that thread. It is started on first use and closed at exit.
"""

from __future__ import annotations

import atexit
import io
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

CHROMIUM = os.environ.get("RASD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-dev-shm-usage"]
HEADER_PX = 96
FOOTER_PX = 76
LOAD_TIMEOUT_S = 30.0
NO_ANIMATION_CSS = ("*, *::before, *::after {animation: none !important; transition: none !important;}"
                    " .leaflet-fade-anim .leaflet-popup, .leaflet-zoom-anim .leaflet-zoom-animated"
                    " {transition: none !important;}")
# events drawn by the event layers (points and region areas on their canvas), as they report it
COUNT_MARKERS_JS = """() => {
  const box = document.querySelector('.leaflet-container');
  const drawn = box && box.dataset.rasdDrawn !== undefined ? parseInt(box.dataset.rasdDrawn, 10) : -1;
  return {leaflet: typeof window.L !== 'undefined' && !!box, total: drawn};
}"""

VIEW_JS = """() => {
  const key = Object.keys(window).find(k => k.startsWith('map_') && window[k] && window[k].getZoom);
  if (!key) return {};
  const m = window[key], c = m.getCenter(), s = m.getSize();
  return {zoom: m.getZoom(), lat: c.lat, lon: c.lng, width: s.x, height: s.y};
}"""


class MapImageError(RuntimeError):
    """The view image could not be made (no browser, map never drawn, map module missing)."""


@dataclass
class ShotReport:
    """What happened while taking one screenshot (for tests and the benchmark)."""

    markers_expected: int = 0
    markers_drawn: int = 0
    blocked_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    browser_started: bool = False
    view: dict = field(default_factory=dict)  # Leaflet zoom, centre and size when the picture was taken


# ---- the browser, owned by one worker thread -----------------------------------------------------
class _Browser:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rasd-chromium")
        self._playwright = None
        self._browser = None
        self._lock = threading.Lock()

    def run(self, job, *args, **kwargs):
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rasd-chromium")
            executor = self._executor
        return executor.submit(self._call, job, *args, **kwargs).result()

    def _call(self, job, *args, **kwargs):
        started = False
        if self._browser is None or not self._browser.is_connected():
            self._start()
            started = True
        return job(self._browser, started, *args, **kwargs)

    def _start(self) -> None:
        if not Path(CHROMIUM).exists():
            raise MapImageError(f"Chromium not found at {CHROMIUM}: install the Debian package chromium "
                                "(make system) or set RASD_CHROMIUM")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise MapImageError("playwright is not installed: run `make venv`") from exc
        if self._playwright is None:
            self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                         args=CHROMIUM_ARGS)

    def _stop(self) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            self._browser = None
            if self._playwright is not None:
                self._playwright.stop()
                self._playwright = None

    def close(self) -> None:
        """Close the browser (a later export starts a new one)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        try:
            executor.submit(self._stop).result(timeout=30)
        except Exception:  # noqa: BLE001 - closing at exit must not raise
            pass
        executor.shutdown(wait=True)

    @property
    def running(self) -> bool:
        return self._browser is not None


BROWSER = _Browser()
atexit.register(BROWSER.close)


def close_browser() -> None:
    BROWSER.close()


# ---- screenshot of a map page -----------------------------------------------------------------------
def is_local_url(url: str) -> bool:
    """Pages may load only themselves, inline data and this machine."""
    if url.startswith(("file:", "data:", "about:", "blob:")):
        return True
    return (urlsplit(url).hostname or "") in ("localhost", "127.0.0.1", "::1")


def _shoot(browser, started: bool, html_path: str, width: int, height: int, expected: int,
           report: ShotReport) -> bytes:
    report.browser_started = started
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                                  reduced_motion="reduce", service_workers="block")
    try:
        def route(r):
            if is_local_url(r.request.url):
                r.continue_()
            else:
                report.blocked_requests.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda exc: report.page_errors.append(str(exc)))
        page.goto(Path(html_path).resolve().as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_S * 1000)
        page.add_style_tag(content=NO_ANIMATION_CSS)
        try:
            page.wait_for_function(f"() => ({COUNT_MARKERS_JS})().leaflet", timeout=LOAD_TIMEOUT_S * 1000)
            page.wait_for_function(f"() => ({COUNT_MARKERS_JS})().total === {int(expected)}",
                                   timeout=LOAD_TIMEOUT_S * 1000)
        except Exception as exc:
            counts = page.evaluate(COUNT_MARKERS_JS)
            raise MapImageError(f"the map did not draw its markers (expected {expected}, saw {counts}; page errors:"
                                f" {report.page_errors[:3]})") from exc
        # two animation frames: Leaflet finishes layout of what it just added
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        report.markers_drawn = int(page.evaluate(COUNT_MARKERS_JS)["total"])
        report.view = page.evaluate(VIEW_JS)
        return page.screenshot(type="png", full_page=False, animations="disabled")
    finally:
        context.close()


def screenshot_html(html: str, *, width: int, height: int, expected_markers: int = 0,
                    report: ShotReport | None = None) -> bytes:
    """PNG screenshot (``width`` × ``height``) of a self-contained map page, once its markers are drawn."""
    report = report if report is not None else ShotReport()
    report.markers_expected = expected_markers
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rasd-view-") as folder:
        path = os.path.join(folder, "map.html")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(html)
        png = BROWSER.run(_shoot, path, width, height, expected_markers, report)
    report.seconds = time.perf_counter() - t0
    return png


def freeze_animations(m) -> None:
    """Leaflet without zoom/fade animations: the view is final as soon as the map script has run.

    (Disabling CSS transitions alone is not enough: an animated zoom then never ends and the vector
    renderer keeps the clip of the first view.)"""
    m.options.update({"zoomAnimation": False, "fadeAnimation": False, "markerZoomAnimation": False,
                      "inertia": False})


def expected_markers(df: pd.DataFrame) -> int:
    """The events the map of ``df`` draws when it opens (points and region areas of the layers shown)."""
    from core.views import maps

    return maps.map_counts(df)["visible"]


# ---- the view image ---------------------------------------------------------------------------------------
def render_view_png(df: pd.DataFrame, caption, *, width: int = 1600, height: int = 1000,
                    report: ShotReport | None = None) -> bytes:
    """The map of ``df`` (already filtered) as the analyst sees it, ``width`` × ``height`` pixels, with the
    caption (a :class:`core.exports.files.Caption`) as header and a legend and source line as footer."""
    if width < 400 or height < 300:
        raise MapImageError("the view image must be at least 400 × 300 pixels")
    try:
        from core.views import assets, event_map
    except ImportError as exc:
        raise MapImageError(f"the view image needs core.views.maps and core.views.assets: {exc}") from exc
    # inline_html inlines every asset, whether folium points at the CDN or at the app's local copies
    # (use_local_assets): the page needs nothing from outside. The title goes in the image's header;
    # the map keeps its own legend and "not drawn" note. The same event layers as the dashboard's.
    m = event_map.build_map(df, title="", tiles_online=False, detail=False)
    freeze_animations(m)
    html = assets.inline_html(m)
    assets.assert_no_remote_assets(html)
    map_height = height - HEADER_PX - footer_layout(df, caption, width, height).height
    shot = screenshot_html(html, width=width, height=map_height, expected_markers=expected_markers(df),
                           report=report)
    return compose(shot, df, caption, width=width, height=height)


def _band(width: int, height: int, draw):
    """A ``width`` × ``height`` pixel band drawn with matplotlib (which shapes Arabic)."""
    from PIL import Image

    from core.exports import print_map

    with print_map.RENDER_LOCK:
        fig = print_map.new_figure((width / 100, height / 100), dpi=100)
        draw(fig, print_map.font_families())
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100, facecolor="white")
    buf.seek(0)
    band = Image.open(buf).convert("RGB")
    return band if band.size == (width, height) else band.resize((width, height))


def _wrap(text: str, width_px: int, max_lines: int) -> str:
    """``text`` broken into at most ``max_lines`` lines that fit ``width_px`` (about 7 px per character)."""
    import textwrap

    lines = textwrap.wrap(text, max(20, int((width_px - 32) / 7.2)))
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(0, len(lines[-1]) - 1)] + "…"
    return "\n".join(lines)


@dataclass(frozen=True)
class FooterLayout:
    height: int  # pixels
    columns: int  # legend entries per row
    source: str  # the source line, wrapped


LEGEND_ENTRY_PX = 250
LEGEND_ROW_PX = 24
SOURCE_LINE_PX = 17


def legend_entries(df: pd.DataFrame) -> list:
    """Sides and precision: the web map's type symbols are its own icons (the map's legend shows them)."""
    from core.exports import print_map

    return print_map.side_handles(df) + print_map.precision_handles()


def footer_layout(df: pd.DataFrame, caption, width: int, height: int | None = None) -> FooterLayout:
    """How tall the footer must be at ``width`` for its legend rows and source lines (at least FOOTER_PX).

    When that would take more than a third of an image ``height`` tall, the footer keeps only the
    source line (the map's own legend is still in the picture)."""
    n = len(legend_entries(df))
    columns = max(1, min(n, (width - 16) // LEGEND_ENTRY_PX))
    rows = -(-n // columns)
    source = _wrap(caption.source_line(), width, 3)
    source_px = (source.count("\n") + 1) * SOURCE_LINE_PX + 20
    tall = source_px + rows * LEGEND_ROW_PX
    if height is not None and tall > height / 3:
        return FooterLayout(height=source_px, columns=0, source=source)
    return FooterLayout(height=max(FOOTER_PX, tall), columns=columns, source=source)


def compose(shot_png: bytes, df: pd.DataFrame, caption, *, width: int, height: int) -> bytes:
    """Header + screenshot + footer, as one PNG of exactly ``width`` × ``height``."""
    from PIL import Image

    layout = footer_layout(df, caption, width, height)
    map_height = height - HEADER_PX - layout.height
    if map_height < 100:
        raise MapImageError(f"{width} × {height} pixels leave no room for the map under the caption and legend")
    shot = Image.open(io.BytesIO(shot_png)).convert("RGB")
    if shot.size != (width, map_height):
        shot = shot.resize((width, map_height))

    def header(fig, families):
        fig.text(16 / width, 1 - 14 / HEADER_PX, caption.title, fontsize=20, weight="bold", va="top",
                 family=families)
        fig.text(16 / width, 1 - 50 / HEADER_PX, _wrap(caption.subtitle(), width, 2), fontsize=11, va="top",
                 color="#333333", family=families, linespacing=1.25)

    def footer(fig, families):
        if layout.columns:
            fig.legend(handles=legend_entries(df), loc="upper left", bbox_to_anchor=(8 / width, 1 - 4 / layout.height),
                       ncol=layout.columns, frameon=False, prop={"family": families, "size": 10},
                       handlelength=1.4, columnspacing=1.2, labelspacing=0.5, borderaxespad=0)
        fig.text(16 / width, 8 / layout.height, layout.source, fontsize=9.5, va="bottom", color="#555555",
                 family=families, linespacing=1.3)

    canvas = Image.new("RGB", (width, height), "white")
    canvas.paste(_band(width, HEADER_PX, header), (0, 0))
    canvas.paste(shot, (0, HEADER_PX))
    canvas.paste(_band(width, layout.height, footer), (0, HEADER_PX + map_height))
    buf = io.BytesIO()
    canvas.save(buf, format="PNG", optimize=False)
    return buf.getvalue()
