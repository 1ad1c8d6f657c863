"""The Ingest and Review pages (AppTest) and the corrections they store."""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.table import corrections
from core.table.store import read_table
from core.views import review
from tests.ingest_fixtures import DOC_A, build_store, built_store, snapshot

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
NEW_DOC = ("غارات على بنش\n"
           "شنت طائرات روسية غارات جوية على بلدة بنش في ريف إدلب، ما أدى إلى مقتل خمسة مدنيين.\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    return built_store(tmp_path_factory, "ingest")


@pytest.fixture()
def site(built, tmp_path, monkeypatch) -> dict[str, Path]:
    """A private copy of the corpus and store, and the app pointed at them."""
    import shutil

    corpus, store = tmp_path / "corpus", tmp_path / "store"
    shutil.copytree(built[0], corpus)
    shutil.copytree(built[1], store)
    user_places = tmp_path / "user_places.csv"
    for key, value in (("RASD_EVENTS", store), ("RASD_CORPUS", corpus), ("RASD_MANIFEST", corpus / "manifest.csv"),
                       ("RASD_USER_PLACES", user_places)):
        monkeypatch.setenv(key, str(value))
    return {"corpus": corpus, "store": store, "user_places": user_places}


def _page(name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(f"pages/{name}.py").run()
    assert not at.exception, at.exception
    return at


def _preview(at: AppTest, files=None, text: str = "", published: str = "", url: str = "", title: str = "",
             outlet: str = "") -> AppTest:
    if files is not None:
        at.get("file_uploader")[0].set_value(files)
    at.text_area(key="ingest_text").set_value(text)
    at.checkbox(key="ingest_unknown").set_value(not published)
    at.text_input(key="ingest_published").set_value(published)
    at.text_input(key="ingest_url").set_value(url)
    at.text_input(key="ingest_title").set_value(title)
    at.text_input(key="ingest_outlet").set_value(outlet)
    at.button(key="ingest_preview").click().run()
    assert not at.exception, at.exception
    return at


def shown(value: str) -> str:
    """What the reader sees of Markdown-escaped text: entities read, invisible word joiners dropped."""
    return html.unescape(value).replace("\u2060", "")


def _errors(at: AppTest) -> str:
    return shown(" | ".join(e.value for e in at.error))


def _ok(at: AppTest) -> str:
    assert at.success, _errors(at)
    return shown(at.success[0].value)


# ---- Ingest: each bad input gets its message and the store does not change ----------------------------
BAD_UPLOADS = [
    ("image", [("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "text/plain")], {}, "a PNG image"),
    ("binary", [("blob.html", b"\x00\x01\x02\x03" * 400, "text/html")], {}, "a binary file"),
    ("empty", [("empty.txt", b"   \n", "text/plain")], {}, "document is empty"),
    ("broken zip", [("docs.zip", b"PK\x03\x04 not really a zip", "application/zip")], {}, "not a readable zip"),
    ("year 9999", None, {"text": NEW_DOC, "published": "9999-01-01"}, "outside 1990"),
    ("year 2099", None, {"text": NEW_DOC, "published": "2099-05-01"}, "outside 1990"),
    ("not a date", None, {"text": NEW_DOC, "published": "10/02/2020"}, "not YYYY-MM-DD"),
    ("hostile URL", None, {"text": NEW_DOC, "url": "javascript:alert(1)"}, "must start with http"),
    ("nothing", None, {"text": "  "}, "nothing to read"),
]


@pytest.mark.parametrize("label, files, fields, message", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_ingest_refuses_bad_input_and_leaves_the_store_as_it_was(site, label, files, fields, message):
    before = snapshot(site["store"]), snapshot(site["corpus"])
    at = _preview(_page("ingest"), files, **fields)
    assert message in _errors(at), _errors(at)
    add = at.button(key="ingest_add") if any(b.key == "ingest_add" for b in at.button) else None
    if add is not None:
        assert add.disabled
    assert (snapshot(site["store"]), snapshot(site["corpus"])) == before


def test_ingest_preview_then_add_to_the_table(site):
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("inner/binsh.txt", NEW_DOC.encode("utf-8"))
        z.writestr("notes.pdf", b"%PDF-1.4")
    at = _preview(_page("ingest"), [("pack.zip", zipped.getvalue(), "application/zip")], published="2020-02-12",
                  outlet="Upload outlet")
    assert "1 member(s) that are not .txt/.html" in shown(" ".join([c.value for c in at.caption] + [e.value for e in at.error]))
    assert any("binsh" in e.label for e in at.expander)
    assert any('class="m-trigger"' in m.value for m in at.markdown)  # evidence highlighted in the preview
    before = read_table(site["store"])
    at.button(key="ingest_add").click().run()
    assert not at.exception
    assert "1 added" in _ok(at)
    after = read_table(site["store"])
    assert set(after["doc_id"]) == set(before["doc_id"]) | {"binsh"}
    assert (site["corpus"] / "binsh.txt").read_text(encoding="utf-8") == NEW_DOC
    manifest = pd.read_csv(site["corpus"] / "manifest.csv")
    assert manifest.set_index("doc_id").loc["binsh", "outlet"] == "Upload outlet"
    # the same upload again changes nothing in the store
    again = snapshot(site["store"])
    at = _preview(_page("ingest"), [("pack.zip", zipped.getvalue(), "application/zip")], published="2020-02-12",
                  outlet="Upload outlet")
    at.button(key="ingest_add").click().run()
    assert "0 added" in _ok(at) and "1 unchanged" in _ok(at)
    assert {k: v for k, v in snapshot(site["store"]).items() if k != ".lock"} == \
        {k: v for k, v in again.items() if k != ".lock"}


def test_ingest_into_an_unwritable_table_says_so_and_writes_nothing(site, tmp_path, monkeypatch):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    monkeypatch.setenv("RASD_EVENTS", str(blocker / "store"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/ingest.py").run()
    before = snapshot(site["corpus"])
    at = _preview(at, text=NEW_DOC, published="2020-02-12")
    at.button(key="ingest_add").click().run()
    assert "is a file, not a folder" in _errors(at)
    assert snapshot(site["corpus"]) == before and blocker.read_text() == "x"


# ---- Review --------------------------------------------------------------------------------------
def test_review_queue_lists_doubtful_events_with_their_reasons(site):
    df = read_table(site["store"])
    queue = review.review_queue(df)
    assert not queue.empty and set(queue["event_id"]) <= set(df["event_id"])
    unresolved = df[df["geo_status"] == "unresolved"]
    assert set(unresolved["event_id"]) <= set(queue["event_id"])
    assert all("place not found" in w for w in queue[queue["geo_status"] == "unresolved"]["why"])
    names = review.unresolved_names(df)
    assert [n.name for n in names] == sorted(set(unresolved["place_surface"]))


def test_review_page_confirm_edit_reject(site):
    at = _page("review")
    at.text_input(key="review_who").set_value("AB").run()
    first = at.selectbox(key="review_event").value
    at.button(key="review_confirm").click().run()
    assert not at.exception and "confirmed" in _ok(at)
    at.switch_page("pages/overview.py").run()
    table = at.session_state["_rasd_table"]
    assert table.set_index("event_id").loc[first, "review"] == "confirmed"
    # edit: the type and the fatalities of the next event
    at.switch_page("pages/review.py").run()
    second = at.selectbox(key="review_event").value
    assert second != first
    at.selectbox(key="edit_type").set_value("armed_clash")
    at.number_input(key="edit_fatalities").set_value(4)
    at.button(key="review_save").click().run()
    assert not at.exception and "edited" in _ok(at)
    # on a store the whole-table frame holds a few columns; the view (the pages' rows) holds them all
    edited = at.session_state["_rasd_view"].set_index("event_id").loc[second]
    assert (edited["type"], edited["layer"], edited["fatalities"], edited["review"]) == ("armed_clash", "ground", 4,
                                                                                         "edited")
    # reject: the event leaves the table and the exports
    third = at.selectbox(key="review_event").value
    at.button(key="review_reject").click().run()
    assert third not in set(at.session_state["_rasd_table"]["event_id"])
    assert third not in set(at.session_state["_rasd_view"]["event_id"])
    stored = corrections.load(corrections.corrections_path(site["store"]))
    assert [(c.event_id, c.action, c.who) for c in stored] == [(first, "confirm", "AB"), (second, "edit", "AB"),
                                                               (third, "reject", "AB")]
    assert stored[1].changes["type"][1] == "armed_clash" and stored[1].changes["fatalities"] == [None, 4] or \
        stored[1].changes["fatalities"][1] == 4
    from core.exports.files import export_bytes

    exported = pd.read_csv(io.BytesIO(export_bytes(at.session_state["_rasd_view"], "csv")[0]), encoding="utf-8-sig")
    assert exported.set_index("event_id").loc[second, "review"] == "edited" and third not in set(exported["event_id"])


def test_review_needs_a_name(site):
    before = snapshot(site["store"])
    at = _page("review")
    at.button(key="review_confirm").click().run()
    assert "say who you are" in _errors(at)
    assert snapshot(site["store"]) == before


def test_mapping_an_unresolved_name_writes_user_places_and_regeocodes(site):
    at = _page("review")
    at.text_input(key="review_who").set_value("AB").run()
    name = at.selectbox(key="review_name").value
    at.number_input(key="map_lat").set_value(35.9)
    at.number_input(key="map_lon").set_value(36.6)
    at.button(key="review_map").click().run()
    assert not at.exception and "re-geocoded" in _ok(at)
    text = site["user_places"].read_text(encoding="utf-8")
    assert text.startswith("name_ar,") and name in text and "35.900000" in text
    table = at.session_state["_rasd_view"]  # the pages' rows (on a store the whole-table frame holds a few columns)
    rows = table[table["place_surface"] == name]
    assert (rows["geo_status"] == "resolved").all() and (rows["lat"] == 35.9).all()
    assert name not in at.session_state["review_unresolved"]


def test_a_correction_survives_re_extraction(site):
    df = read_table(site["store"])
    row = df.iloc[0]
    path = corrections.corrections_path(site["store"])
    corrections.record(path, row, "edit", "AB", {"actor1": "turkey", "fatalities": 7})
    assert build_store(site["corpus"], site["store"], "--replace") == 0  # the machine output is rebuilt
    fresh = read_table(site["store"])
    assert row["event_id"] in set(fresh["event_id"])
    applied = corrections.apply(fresh, corrections.load(path)).set_index("event_id").loc[row["event_id"]]
    assert (applied["actor1"], applied["actor1_side"], applied["fatalities"], applied["review"]) == (
        "turkey", "turkey", 7, "edited")
    assert fresh.set_index("event_id").loc[row["event_id"], "actor1"] == row["actor1"]  # machine output untouched


def test_corrections_refuse_unknown_values(site):
    row = read_table(site["store"]).iloc[0]
    path = corrections.corrections_path(site["store"])
    for changes, message in (({"type": "party"}, "unknown event type"), ({"actor1": "martians"}, "unknown actor"),
                             ({"date": "9999-01-01"}, "out of range"), ({"fatalities": -1}, "whole number"),
                             ({"place": {"lat": 99, "lon": 0}}, "out of range"), ({"group_id": "x"}, "cannot be")):
        with pytest.raises(corrections.CorrectionError, match=message):
            corrections.record(path, row, "edit", "AB", changes)
    assert not path.exists()


def test_ingest_page_shows_hostile_metadata_as_text(site):
    payload = '<img src=x onerror=alert(1)> ![i](http://evil.example/i.png) [l](http://evil.example) $x^2$ =1+1'
    at = _preview(_page("ingest"), text=DOC_A.replace("قصف مدفعي", payload), published="2020-02-12",
                  title=payload, outlet=payload, url="https://example.org/?q=<script>")
    for m in at.markdown:
        bad = [x for x in ("<img", "](http", "<script") if x in m.value]
        assert not bad, (bad, m.value[max(0, m.value.find(bad[0]) - 200):m.value.find(bad[0]) + 60])
