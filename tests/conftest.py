"""Shared pytest fixtures: the real-browser harness (see tests/browser_harness.py).

* ``browser`` (session): Debian's Chromium through Playwright.
* ``browser_page``: a fresh page with ``page.watch`` (page errors, console errors, non-localhost requests,
  static files with the wrong content type).
* ``app_server`` (session): ``streamlit run app.py`` on a free port (the dashboard); base URL.
* ``map_app_server`` (session): the minimal map page ``tests/browser_apps/map_app.py``; base URL.
* ``start_streamlit``: a factory ``start_streamlit(script, env=...) -> AppServer`` stopped at teardown.

Browser tests are marked ``@pytest.mark.browser``; they are not skipped when Chromium is missing
(``make system`` installs it), they fail with a clear message.
"""

from __future__ import annotations

import pytest

from tests import browser_harness as bh


@pytest.fixture(autouse=True)
def _apptest_runs_app_py(monkeypatch):
    """AppTest forgets, before every run, that app.py's ``st.navigation`` switched Streamlit's old
    ``pages/``-folder mode off; a server forgets it only before its first run (pages/ui.py handles that
    run with a rerun, which would drop a clicked button under AppTest). Keep it off, as in a server."""
    from streamlit.runtime.pages_manager import PagesManager

    init = PagesManager.__init__

    def init_navigation_mode(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_navigation_mode)


def _ensure_assets() -> None:
    from core.views import assets

    assets.ensure_assets()


@pytest.fixture(scope="session")
def browser():
    with bh.launch_browser() as instance:
        yield instance


@pytest.fixture
def browser_page(browser):
    page = bh.open_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def start_streamlit():
    servers: list[bh.AppServer] = []

    def start(script="app.py", **kwargs) -> bh.AppServer:
        _ensure_assets()
        server = bh.start_app(script, **kwargs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def _session_server(script: str, name: str, env: dict | None = None):
    _ensure_assets()
    server = bh.start_app(script, name=name, env=env)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_server_process():
    if not (bh.REPO_ROOT / "app.py").exists():
        pytest.fail("app.py is missing: the dashboard is not there yet")
    yield from _session_server("app.py", "app", env={"RASD_EVENTS": str(bh.events_table())})


@pytest.fixture
def app_server(app_server_process):
    app_server_process.assert_alive()
    return app_server_process.url


@pytest.fixture(scope="session")
def map_app_process():
    yield from _session_server("tests/browser_apps/map_app.py", "map_app")


@pytest.fixture
def map_app_server(map_app_process):
    map_app_process.assert_alive()
    return map_app_process.url


@pytest.fixture(scope="session")
def seed_table(tmp_path_factory):
    """The seed corpus's event table, built fresh by the command line (as `make table` does), once a session."""
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("seed") / "events.parquet"
    subprocess.run([sys.executable, "-m", "core", "extract", "data/corpus", "--manifest", "data/manifest.csv",
                    "--out", str(out)], cwd=repo, check=True, timeout=600, capture_output=True)
    return out
