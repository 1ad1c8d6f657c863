"""Real browser: a document whose text, title, outlet and URL carry HTML, Markdown image/link and formula
payloads is ingested through the Ingest page; every page is visited: no dialog, no request to another
host, the payloads shown as text; the CSV export of the table neutralises the formulas."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest

from core.exports.files import export_bytes
from core.table.store import read_table
from tests import browser_harness as bh
from tests.ingest_fixtures import DOC_A, build_store, write_corpus

pytestmark = pytest.mark.browser
IMG = "![i](http://evil.example/i.png)"
PAYLOAD = f'<img src=x onerror=alert(1)> {IMG} [l](http://evil.example/l) $x^2$ =HYPERLINK("http://evil.example")'
PAGES = ("overview", "map", "timeline", "sources", "ingest", "review")


def test_hostile_document_through_every_page(browser_page, start_streamlit, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    store = tmp_path / "store"
    assert build_store(corpus, store) == 0
    server = start_streamlit("app.py", env={"RASD_EVENTS": str(store), "RASD_CORPUS": str(corpus),
                                            "RASD_MANIFEST": str(corpus / "manifest.csv"),
                                            "RASD_USER_PLACES": str(tmp_path / "user_places.csv")}, name="hostile")
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(server.url + "/ingest")
    bh.wait_for_app(page)
    text = DOC_A.replace("قصف مدفعي على سراقب", PAYLOAD)
    pasted = "pasted-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    page.get_by_label("…or paste the text of a report").fill(text)
    page.get_by_text("Publication date unknown: infer it from the text").click()
    page.get_by_label("Publication date (YYYY-MM-DD)").fill("2020-02-12")
    page.get_by_label("Outlet").fill(PAYLOAD)
    page.get_by_label("URL").fill("https://example.org/a?q=<script>alert(1)</script>")
    page.get_by_label("Title (for a single document; else the first line)").fill(PAYLOAD)
    page.get_by_role("button", name="Preview the events").click()
    bh.wait_for_app(page)
    page.get_by_role("button", name="Add to the table").click()
    bh.wait_for_app(page)
    assert "1 added" in bh.page_text(page), page.watch.problems()

    for name in PAGES:
        page.goto(server.url + f"/{name}" + (f"?doc={pasted}" if name == "sources" else ""))
        bh.wait_for_app(page)
        if name == "sources":
            assert IMG in bh.page_text(page)  # the payload shown as text
        hostile = page.locator("img[src='x'], img[src*='evil.example'], a[href*='evil.example']")
        assert not hostile.count(), (name, [hostile.nth(i).evaluate("e => e.parentElement.outerHTML")[:400] for i in range(hostile.count())])
        assert page.watch.external_requests == [], (name, page.watch.external_requests)
    assert dialogs == []

    table = read_table(store)
    assert (table["outlet"] == " ".join(PAYLOAD.split())).any()
    rows = list(csv.DictReader(io.StringIO(export_bytes(table, "csv")[0].decode("utf-8-sig"), newline="")))
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
