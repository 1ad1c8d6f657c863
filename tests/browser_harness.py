"""Real-browser test harness: a Streamlit app on a free port, driven by Debian's Chromium via Playwright.

Used by the fixtures in tests/conftest.py (``app_server``, ``map_app_server``, ``browser_page``) and
directly by tests that need their own server (e.g. with ``RASD_DISABLE_LOCAL_ASSETS=1``).

* :func:`start_app` runs ``streamlit run`` on a free port, waits for ``/_stcore/health`` and checks that
  its own process is still alive; the server log goes to ``test-artifacts/``.
* :class:`PageWatch` records page errors, console errors, every request to a host other than localhost
  (aborted, so nothing leaves the machine) and static files served with the wrong content type
  (Streamlit answers a missing static file with 200 text/html).
* Events are drawn on a canvas (core/views/event_layers.js), so they are counted from what the event
  layers report on the map container (``data-rasd-drawn``: events in the layers shown, after the day
  filter), not from DOM markers; waits poll counts, not sleeps.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("RASD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
STREAMLIT_START_TIMEOUT = 90.0
EXPECTED_TYPES = {".js": ("javascript",), ".css": ("text/css",), ".json": ("json",), ".png": ("image/",),
                  ".svg": ("image/svg",), ".woff2": ("font", "octet-stream"), ".woff": ("font", "octet-stream")}


def events_table() -> Path:
    """The event table the dashboard shows in browser tests: ``RASD_EVENTS``, else the seed table
    (``make table``), else the hand-written fixture."""
    if os.environ.get("RASD_EVENTS"):
        return Path(os.environ["RASD_EVENTS"])
    seed = REPO_ROOT / "data" / "build" / "events.parquet"
    return seed if seed.exists() else REPO_ROOT / "tests" / "fixtures" / "events_sample.csv"


# Streamlit's frontend finds its base URL by probing ``<page path>/_stcore/...`` first when a page URL
# (/map) is opened directly; those 404s are part of its start-up, not a missing asset.
BASE_URL_PROBE = re.compile(r"^https?://[^/]+/[^_][^?#]*/_stcore/(host-config|health)$")


def artifacts_dir() -> Path:
    path = REPO_ROOT / "test-artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension", "devtools", "javascript", "file"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


# ---- the app server ------------------------------------------------------------------------------

@dataclass
class AppServer:
    script: Path
    port: int
    process: subprocess.Popen
    log_path: Path
    workdir: Path | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def alive(self) -> bool:
        return self.process.poll() is None

    def assert_alive(self) -> None:
        if not self.alive():
            raise AssertionError(f"streamlit exited with {self.process.returncode}:\n{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)


def _staged_script(script: Path) -> tuple[Path, Path | None]:
    """Streamlit serves ``static/`` next to the main script: a script outside the repo root is copied
    into a temporary folder whose ``static`` links to the repo's."""
    script = script.resolve()
    if script.parent == REPO_ROOT:
        return script, None
    workdir = Path(tempfile.mkdtemp(prefix="rasd-app-"))
    shutil.copy2(script, workdir / script.name)
    (workdir / "static").symlink_to(REPO_ROOT / "static", target_is_directory=True)
    return workdir / script.name, workdir


def start_app(script: str | Path = "app.py", *, env: dict[str, str] | None = None, name: str | None = None,
              timeout: float = STREAMLIT_START_TIMEOUT) -> AppServer:
    """Start ``streamlit run script`` on a free port and wait until it answers its health check."""
    script = Path(script)
    if not script.is_absolute():
        script = REPO_ROOT / script
    if not script.exists():
        raise FileNotFoundError(f"no app script {script}")
    staged, workdir = _staged_script(script)
    port = free_port()
    name = name or script.stem
    log_path = artifacts_dir() / f"streamlit-{name}-{port}.log"
    run_env = dict(os.environ)
    run_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), run_env.get("PYTHONPATH", "")]))
    run_env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    run_env.update(env or {})
    cmd = [sys.executable, "-m", "streamlit", "run", str(staged), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--server.enableStaticServing", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           "--server.runOnSave", "false"]
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(cmd, cwd=REPO_ROOT, env=run_env, stdout=log, stderr=subprocess.STDOUT)
    server = AppServer(script=script, port=port, process=process, log_path=log_path, workdir=workdir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        server.assert_alive()
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    server.stop()
    raise TimeoutError(f"streamlit did not become healthy within {timeout:.0f}s:\n{server.log_tail()}")


# ---- the browser ---------------------------------------------------------------------------------

@contextlib.contextmanager
def launch_browser():
    """Playwright's Chromium launcher on Debian's /usr/bin/chromium (headless, no sandbox, no GPU)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} not found: run `make system` (Debian chromium package)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageWatch:
    """What a page did that a test cares about."""

    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_content_types: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)

    def attach(self, page) -> PageWatch:
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("console", self._on_console)
        page.on("requestfailed", lambda req: self.failed_requests.append(f"{req.url} ({req.failure})")
                if is_local(req.url) else None)
        page.on("response", self._on_response)
        page.route("**/*", self._route)
        return self

    def _on_console(self, msg) -> None:
        if msg.type != "error":
            return
        location = (msg.location or {}).get("url", "") if isinstance(msg.location, dict) else ""
        if BASE_URL_PROBE.match(location or ""):
            return
        self.console_errors.append(f"{msg.text} [{location}]" if location else msg.text)

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:  # record it, and never let it leave the machine
            self.external_requests.append(url)
            route.abort("blockedbyclient")

    def _on_response(self, response) -> None:
        url = response.url
        if is_local(url) and response.status >= 400 and not BASE_URL_PROBE.match(url):
            self.http_errors.append(f"{response.status} {url}")
        if not is_local(url) or "/app/static/" not in url:
            return
        suffix = Path(urlsplit(url).path).suffix.lower()
        expected = EXPECTED_TYPES.get(suffix)
        content_type = (response.headers.get("content-type") or "").lower()
        if response.status != 200 or (expected and not any(e in content_type for e in expected)):
            self.bad_content_types.append(f"{url} → {response.status} {content_type}")

    def clear(self) -> None:
        for items in (self.page_errors, self.console_errors, self.external_requests, self.failed_requests,
                      self.bad_content_types, self.http_errors):
            items.clear()

    def problems(self, *, console: bool = True) -> list[str]:
        out = [f"external request: {u}" for u in self.external_requests]
        out += [f"page error: {e}" for e in self.page_errors]
        out += [f"static file: {b}" for b in self.bad_content_types]
        out += [f"HTTP error: {h}" for h in self.http_errors]
        if console:
            out += [f"console error: {c}" for c in self.console_errors]
        return out


def open_page(browser, *, viewport=(1400, 950), locale: str = "en-US"):
    """A new page with a :class:`PageWatch` attached as ``page.watch``."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale=locale,
                                  service_workers="block")
    page = context.new_page()
    page.watch = PageWatch().attach(page)
    return page


# ---- Streamlit and map helpers ---------------------------------------------------------------------

def wait_for_app(page, timeout: float = 60.0) -> None:
    """Wait until Streamlit has finished running the script: its script state is "notRunning", no spinner
    or stale element, and the page unchanged for 1.5 s (streamlit-folium triggers a rerun once mounted)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout * 1000)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]',
                           state="attached", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    stable, last = 0, -1
    while time.monotonic() < deadline:
        try:  # the app element is briefly replaced while Streamlit reconnects on a loaded machine
            state = page.get_attribute('[data-testid="stApp"]', "data-test-script-state", timeout=5000) or ""
        except PlaywrightTimeout:
            state = ""
        busy = state != "notRunning" or page.locator(
            '[data-testid="stStatusWidget"], [data-testid="stSpinner"], [data-testid="stSkeleton"], '
            '[data-stale="true"]').count()
        size = page.locator('[data-testid="stElementContainer"]').count()
        stable = stable + 1 if (not busy and size == last) else 0
        last = size
        if stable >= 6:
            return
        page.wait_for_timeout(250)
    raise TimeoutError(f"the Streamlit script did not finish running within {timeout:.0f}s "
                       f"(script state {state!r}, busy elements {busy}, {size} element containers)")


def map_frames(page) -> list:
    """Frames of streamlit-folium components (and of plain components.html maps) with a Leaflet map."""
    frames = []
    for frame in page.frames:
        if frame == page.main_frame:
            continue
        with contextlib.suppress(Exception):
            if frame.locator(".leaflet-container").count():
                frames.append(frame)
    return frames


def map_iframe_count(page) -> int:
    return page.locator('iframe[title*="folium"], iframe[title*="st_folium"]').count()


def count_markers(page) -> int:
    """Children of ``.leaflet-marker-pane`` over every map frame (markers and clusters)."""
    total = 0
    for frame in map_frames(page):
        total += frame.evaluate(
            "() => Array.from(document.querySelectorAll('.leaflet-marker-pane'))"
            ".reduce((n, pane) => n + pane.children.length, 0)")
    return total


def count_paths(page, selector: str = ".leaflet-overlay-pane path") -> int:
    total = 0
    for frame in map_frames(page):
        total += frame.locator(selector).count()
    return total


DRAWN_JS = """() => Array.from(document.querySelectorAll('.leaflet-container'))
  .map(c => c.dataset.rasdDrawn === undefined ? -1 : parseInt(c.dataset.rasdDrawn, 10))"""


def drawn_events(page) -> int:
    """Events drawn by the event layers over every map frame (-1 when no event layer has drawn yet)."""
    counts = []
    for frame in map_frames(page):
        with contextlib.suppress(Exception):
            counts += frame.evaluate(DRAWN_JS)
    drawn = [c for c in counts if c >= 0]
    return sum(drawn) if drawn else -1


def _wait_for_count(page, counter, n: int, timeout: float, poll_ms: int, what: str) -> int:
    """Poll ``counter(page)`` until it is exactly ``n``; return it (raise on timeout)."""
    deadline = time.monotonic() + timeout
    count = -1
    while time.monotonic() < deadline:
        count = counter(page)
        if count == n:
            return count
        page.wait_for_timeout(poll_ms)
    raise AssertionError(f"expected {n} {what}, found {count} after {timeout:.0f}s")


def wait_for_drawn(page, n: int, timeout: float = 45.0, poll_ms: int = 100) -> int:
    """Wait until the event layers report exactly ``n`` drawn events; return the count (raise on timeout)."""
    return _wait_for_count(page, drawn_events, n, timeout, poll_ms, "drawn events")


def wait_for_markers(page, n: int, timeout: float = 45.0) -> int:
    """Wait until the map frames hold exactly ``n`` markers (DOM markers: icons, not the canvas events)."""
    return _wait_for_count(page, count_markers, n, timeout, 250, "markers")


def click_event_at(frame, lat: float, lon: float) -> None:
    """A real mouse click on the map at (lat, lon) (a canvas event is hit where it is drawn).

    The map's iframe is first scrolled wholly into view: a click focuses it, and the browser would scroll a
    partly hidden iframe between the mouse-down and the click."""
    frame.frame_element().scroll_into_view_if_needed()
    point = frame.evaluate("""([lat, lon]) => {
      const m = window.map || Object.values(window).find(v => v && v.getZoom && v.latLngToContainerPoint);
      const p = m.latLngToContainerPoint([lat, lon]), box = m.getContainer().getBoundingClientRect();
      return [box.left + p.x, box.top + p.y];
    }""", [lat, lon])
    outer = frame.frame_element().bounding_box()  # the iframe's place in the page
    point = [outer["x"] + point[0], outer["y"] + point[1]]
    frame.page.mouse.move(point[0] - 30, point[1] - 30)
    frame.page.mouse.move(point[0], point[1], steps=4)
    frame.page.mouse.click(point[0], point[1])


def wait_for_map(page, timeout: float = 45.0) -> bool:
    """Wait until a Leaflet map is drawn in some iframe (True) or the time is up (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if map_frames(page):
            return True
        page.wait_for_timeout(250)
    return False


def map_heights(page) -> list[float]:
    """Rendered heights (px) of the map iframes in the page, and of the Leaflet containers inside them."""
    heights = []
    iframes = page.locator('iframe[title*="folium"], iframe[title*="st_folium"]')
    for i in range(iframes.count()):
        box = iframes.nth(i).bounding_box()
        heights.append(box["height"] if box else 0.0)
    for frame in map_frames(page):
        heights.append(frame.evaluate(
            "() => Math.min(...Array.from(document.querySelectorAll('.leaflet-container'))"
            ".map(e => e.getBoundingClientRect().height))"))
    return heights


def page_text(page) -> str:
    """All visible text of the page and of its frames."""
    texts = [page.inner_text("body")]
    for frame in page.frames:
        if frame != page.main_frame:
            with contextlib.suppress(Exception):
                texts.append(frame.inner_text("body"))
    return "\n".join(texts)


def has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def app_pages(page, base_url: str) -> list[str]:
    """URLs of every page of a multipage app (the sidebar/top navigation), the main page first."""
    urls = [base_url.rstrip("/") + "/"]
    links = page.locator('[data-testid="stSidebarNav"] a, [data-testid="stSidebarNavLink"], '
                         '[data-testid="stTopNavLink"]')
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        if href:
            url = href if href.startswith("http") else base_url.rstrip("/") + "/" + href.lstrip("/")
            if url not in urls:
                urls.append(url)
    return urls


def screenshot(page, name: str) -> Path:
    """The page as the analyst sees it (Streamlit scrolls inside the page: this is the viewport), plus
    ``<name>-map.png`` of the first map iframe when there is one."""
    path = artifacts_dir() / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    iframes = page.locator('iframe[title*="folium"], iframe[title*="st_folium"]')
    if iframes.count():
        with contextlib.suppress(Exception):
            iframes.first.scroll_into_view_if_needed(timeout=5000)
            iframes.first.screenshot(path=str(artifacts_dir() / f"{name}-map.png"), timeout=10_000)
    return path
