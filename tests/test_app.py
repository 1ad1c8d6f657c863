"""The dashboard driven through streamlit.testing (AppTest): every page, every filter, the URL.

The hand-written fixture table (12 events) is the data; expectations are computed here with
plain pandas, independently of core.table.query, and compared with what each page hands to its
view (``*_event_ids`` in session state) and shows (metrics, captions, cards).
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.table.store import read_table, write_table
from tests.fixtures_paths import SAMPLE_TABLE

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
PAGES = ("pages/overview.py", "pages/map.py", "pages/timeline.py", "pages/sources.py")

# Two documents written for these tests (not news text): their ids match the fixture table's.
DOC_A = ("غارات روسية على مدينة سراقب أمس، وقصفت القوات التركية مواقع قوات النظام قرب النيرب.\n\n"
         "وأسقطت الفصائل مروحية قرب النيرب يوم الثلاثاء، بحسب مصادر محلية.")
DOC_B = "سيطرت قوات النظام على بلدة جرجناز في ريف إدلب الجنوبي الشرقي بعد اشتباكات مع فصائل المعارضة."


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "fx_a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "fx_b.txt").write_text(DOC_B, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "doc_id,published,outlet,url,title,date_basis\n"
        "fx_a,2020-02-11,Test outlet,https://example.org/a,Doc A,written for tests\n"
        "fx_b,2019-12-25,Test outlet,,Doc B,written for tests\n", encoding="utf-8")
    return folder


@pytest.fixture()
def app(monkeypatch, corpus) -> AppTest:
    monkeypatch.setenv("RASD_EVENTS", str(SAMPLE_TABLE))
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    monkeypatch.delenv("RASD_MANIFEST", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return read_table(SAMPLE_TABLE)


def ids(values) -> set[str]:
    return {str(v) for v in values}


def metric(at: AppTest, label_start: str) -> str:
    for m in at.metric:
        if m.label.startswith(label_start):
            return m.value
    raise AssertionError(f"no metric {label_start!r}: {[m.label for m in at.metric]}")


def shown_everywhere(at: AppTest) -> dict[str, set[str]]:
    """Event ids each view received, after visiting the overview, map and timeline pages."""
    out = {}
    for page, key in (("pages/overview.py", "overview_event_ids"), ("pages/map.py", "map_event_ids"),
                      ("pages/timeline.py", "timeline_event_ids")):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        out[page] = ids(at.session_state[key])
    return out


# ---- first load ------------------------------------------------------------------------------
def test_overview_shows_counts_per_side_and_type_and_the_table(app, table):
    assert metric(app, "Events") == "12"
    assert metric(app, "Documents") == "4"
    assert metric(app, "Date span") == "68 days"
    assert any("2019-12-24 → 2020-02-29" in m.value for m in app.markdown)
    by_side = app.dataframe[0].value
    assert dict(zip(by_side["side"], by_side["events"], strict=True)) == table["actor1_side"].value_counts().to_dict()
    by_type = app.dataframe[1].value
    assert dict(zip(by_type["type"], by_type["events"], strict=True)) == table["type"].value_counts().to_dict()
    assert len(app.dataframe[2].value) == 12
    assert "12 of 12 events" in app.caption[0].value


def test_every_page_runs_without_error(app):
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])


def test_missing_table_is_said_clearly(monkeypatch, tmp_path):
    monkeypatch.setenv("RASD_EVENTS", str(tmp_path / "nothing.parquet"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("No event table" in e.value and "make table" in e.value for e in at.error)


def test_unreadable_table_is_said_clearly(monkeypatch, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("this,is\nnot,an event table\n", encoding="utf-8")
    monkeypatch.setenv("RASD_EVENTS", str(bad))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("could not be read" in e.value for e in at.error)


# ---- each filter changes what every view receives ------------------------------------------------
def _sides(at):
    return at.sidebar.multiselect(key="f_sides")


FILTER_CASES = {
    "party turkey (agent)": (lambda at: _sides(at).set_value(["turkey"]),
                             lambda t: t["actor1_side"] == "turkey"),
    "party turkey (either actor)": (lambda at: (_sides(at).set_value(["turkey"]),
                                                at.sidebar.radio(key="f_role").set_value("any")),
                                    lambda t: (t["actor1_side"] == "turkey") | (t["actor2_side"] == "turkey")),
    "actor nlf": (lambda at: at.sidebar.multiselect(key="f_actors").set_value(["nlf"]),
                  lambda t: (t["actor1"] == "nlf") | (t["actor2"] == "nlf")),
    "type shelling": (lambda at: at.sidebar.multiselect(key="f_types").set_value(["shelling"]),
                      lambda t: t["type"] == "shelling"),
    "layer advance": (lambda at: at.sidebar.multiselect(key="f_layers").set_value(["advance"]),
                      lambda t: t["layer"] == "advance"),
    "governorate SY08": (lambda at: at.sidebar.multiselect(key="f_admin1").set_value(["SY08"]),
                         lambda t: t["admin1_pcode"] == "SY08"),
    "place Arabic": (lambda at: at.sidebar.text_input(key="f_place").input("سراقب"),
                     lambda t: t["place_ar"] == "سراقب"),
    "place English": (lambda at: at.sidebar.text_input(key="f_place").input("nayrab"),
                      lambda t: t["place_en"] == "Nayrab"),
    "place normalized (ادلب finds إدلب)": (lambda at: at.sidebar.text_input(key="f_place").input("ادلب"),
                                           lambda t: t["place_ar"].fillna("").str.contains("إدلب")),
    "minimum confidence": (lambda at: at.sidebar.slider(key="f_minconf").set_value(0.5),
                           lambda t: t["confidence"] >= 0.5),
    "date slider": (lambda at: at.sidebar.slider(key="f_dates").set_value((date(2020, 2, 1), date(2020, 2, 29))),
                    lambda t: t["date"] >= pd.Timestamp("2020-02-01")),
    "date input": (lambda at: at.sidebar.date_input(key="f_date_from").set_value(date(2020, 2, 15)),
                   lambda t: t["date"] >= pd.Timestamp("2020-02-15")),
}


@pytest.mark.parametrize("case", list(FILTER_CASES))
def test_each_filter_changes_counts_and_views(app, table, case):
    act, expected_mask = FILTER_CASES[case]
    act(app)
    app.run()
    assert not app.exception, app.exception
    expected = ids(table.loc[expected_mask(table), "event_id"])
    assert 0 < len(expected) < len(table), "the case must select a strict subset"
    assert metric(app, "Events") == str(len(expected))
    assert app.session_state["overview_events"] == len(expected)
    for page, got in shown_everywhere(app).items():
        assert got == expected, page


def test_grouped_reports_once_keeps_one_row_per_group_and_place(app, table):
    app.sidebar.toggle(key="f_grouped").set_value(True)
    app.run()
    expected_n = len(table.drop_duplicates(["group_id", "pcode"]))
    assert expected_n < len(table)
    assert metric(app, "Events") == str(expected_n)
    views = shown_everywhere(app)
    assert all(len(v) == expected_n for v in views.values())
    assert len(views["pages/map.py"] & {"f1", "f11"}) == 1  # the two reports of one strike


def test_date_slider_and_inputs_stay_in_step(app):
    app.sidebar.slider(key="f_dates").set_value((date(2020, 2, 10), date(2020, 2, 20)))
    app.run()
    assert app.sidebar.date_input(key="f_date_from").value == date(2020, 2, 10)
    assert app.sidebar.date_input(key="f_date_to").value == date(2020, 2, 20)
    app.sidebar.date_input(key="f_date_to").set_value(date(2020, 2, 11))
    app.run()
    assert app.sidebar.slider(key="f_dates").value == (date(2020, 2, 10), date(2020, 2, 11))
    assert metric(app, "Events") == "4"  # f1, f2, f3, f11


# ---- state across pages, URL, reset, language ----------------------------------------------------
def test_filters_are_kept_across_pages_and_written_to_the_url(app):
    _sides(app).set_value(["turkey"])
    app.sidebar.multiselect(key="f_types").set_value(["shelling"])
    app.run()
    assert app.query_params["sides"] == "turkey" and app.query_params["types"] == "shelling"
    assert app.query_params["side_role"] == "actor1"
    for page in PAGES[1:] + PAGES[:1]:
        app.switch_page(page).run()
        assert _sides(app).value == ["turkey"], page
        assert app.sidebar.multiselect(key="f_types").value == ["shelling"], page
        assert app.query_params["sides"] == "turkey", page
    assert metric(app, "Events") == "2"  # f2, f9


def test_a_shared_url_opens_the_same_view(monkeypatch, corpus):
    monkeypatch.setenv("RASD_EVENTS", str(SAMPLE_TABLE))
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"sides": "turkey", "side_role": "any", "date_from": "2020-02-15",
                            "types": "not_a_type", "min_confidence": "oops"})
    at.run()
    assert not at.exception
    assert _sides(at).value == ["turkey"]
    assert at.sidebar.radio(key="f_role").value == "any"
    assert at.sidebar.multiselect(key="f_types").value == []  # unknown values are dropped
    assert metric(at, "Events") == "4"  # f8, f9, f10, f12: Turkey on either side from 15 Feb


def test_reset_clears_filters_and_url(app):
    _sides(app).set_value(["turkey"])
    app.run()
    assert metric(app, "Events") == "3"
    app.sidebar.button(key="f_reset").click()
    app.run()
    assert metric(app, "Events") == "12"
    assert _sides(app).value == []
    assert "sides" not in app.query_params


def test_arabic_interface_toggle_relabels_and_keeps_filters(app):
    _sides(app).set_value(["turkey"])
    app.sidebar.radio(key="f_role").set_value("any")
    app.sidebar.slider(key="f_minconf").set_value(0.5)
    app.run()
    app.sidebar.toggle(key="ui_ar").set_value(True)
    app.run()
    assert not app.exception
    assert _sides(app).label == "الطرف"
    assert _sides(app).value == ["turkey"]
    assert app.session_state["f_role"] == "any" and app.session_state["f_minconf"] == 0.5
    assert app.query_params["sides"] == "turkey" and app.query_params["side_role"] == "any"
    assert any(m.label == "الأحداث" and m.value == "5" for m in app.metric)
    app.sidebar.toggle(key="ui_ar").set_value(False)
    app.run()
    assert _sides(app).value == ["turkey"] and metric(app, "Events") == "5"


def test_party_options_show_counts(app):
    options = _sides(app).options
    assert any(o.startswith("Turkey · تركيا (3)") for o in options), options
    app.sidebar.radio(key="f_role").set_value("any")
    app.run()
    assert any(o.startswith("Turkey · تركيا (5)") for o in _sides(app).options)


# ---- page specifics --------------------------------------------------------------------------------
def test_map_page_counts_located_events_and_lists_the_rest(app):
    app.switch_page("pages/map.py").run()
    assert app.session_state["map_located"] == 11  # f7 is unresolved: not placed on the map
    assert any("1 without coordinates" in c.value for c in app.caption)
    box = next(e for e in app.expander if "Events without coordinates (1)" in e.label)
    assert not any("rasd-card" in m.value for m in box.markdown)  # closed: its cards are not sent
    app.session_state["map_unplaced"] = True  # the analyst opens it
    app.run()
    box = next(e for e in app.expander if "Events without coordinates (1)" in e.label)
    assert sum("rasd-card" in m.value for m in box.markdown) == 1


def _row_id(table, event_id: str) -> int:
    from core.views import event_layers

    return int(event_layers.row_ids(table)[(table["event_id"] == event_id).to_numpy()][0])


def test_map_click_shows_the_clicked_event_then_the_others_at_its_point(app, table):
    app.switch_page("pages/map.py").run()
    app.session_state["map_clicked"] = f"rasd:r:{_row_id(table, 'f10')}"  # what a click on the canvas reports
    app.run()
    assert app.session_state["map_details"][0] == "f10"
    assert set(app.session_state["map_details"]) == {"f1", "f10", "f11"}
    assert any('id="card-f10"' in m.value for m in app.markdown)


def test_map_click_inside_a_region_area_shows_its_events(app, table):
    f6 = table[table["event_id"] == "f6"].iloc[0]
    app.switch_page("pages/map.py").run()
    app.session_state["map_clicked"] = f"rasd:c:ground:{round(f6['lat'], 5)},{round(f6['lon'], 5)}"
    app.run()
    assert app.session_state["map_details"] == ["f6"]


def test_map_ignores_a_reference_it_cannot_read(app):
    app.switch_page("pages/map.py").run()
    app.session_state["map_clicked"] = "<img src=x onerror=alert(1)>"
    app.run()
    assert not app.exception and app.session_state["map_details"] == []


def test_map_limit_is_never_below_100000(monkeypatch, app, table):
    monkeypatch.setenv("RASD_MAP_LIMIT", "5")  # an old, low setting: every event is still drawn
    app.switch_page("pages/map.py").run()
    assert ids(app.session_state["map_event_ids"]) == ids(table["event_id"])
    assert not app.info and not app.warning
    assert app.session_state["map_payload_bytes"] > 0


def test_map_day_control_limits_the_events(app):
    app.switch_page("pages/map.py").run()
    app.radio(key="map_time_mode").set_value("day").run()
    app.select_slider(key="map_day").set_value(date(2020, 2, 11)).run()
    assert ids(app.session_state["map_event_ids"]) == {"f2", "f3"}
    app.radio(key="map_time_mode").set_value("until").run()
    assert ids(app.session_state["map_event_ids"]) == {"f1", "f2", "f3", "f4", "f5", "f6", "f7", "f11"}


def test_timeline_page_shows_chart_and_cards_in_date_order(app, table):
    app.switch_page("pages/timeline.py").run()
    chart = app.get("plotly_chart")
    assert len(chart) == 1
    cards = [m.value for m in app.markdown if 'class="rasd-card"' in m.value]
    assert len(cards) == 12
    days = [re.search(r'data-day="([^"]+)"', c).group(1) for c in cards]
    assert days == sorted(days)
    app.radio(key="timeline_by").set_value("side").run()
    assert not app.exception
    _sides(app).set_value(["turkey"])
    app.run()
    assert len([m for m in app.markdown if 'class="rasd-card"' in m.value]) == 3


def test_sources_page_highlights_mentions_and_links_events(app):
    app.switch_page("pages/sources.py").run()
    app.selectbox(key="src_doc").set_value("fx_a").run()
    assert not app.exception
    assert app.session_state["sources_doc_events"] == 3
    doc = next(m.value for m in app.markdown if 'class="rasd-doc"' in m.value)
    assert 'class="m-actor"' in doc  # قوات النظام, القوات التركية ...
    assert 'href="#card-f1"' in doc and 'href="#card-f3"' in doc
    assert any('id="card-f2"' in m.value for m in app.markdown)


def test_sources_page_only_documents_in_view(app):
    _sides(app).set_value(["opposition"])
    app.run()
    app.switch_page("pages/sources.py").run()
    app.toggle(key="src_only_view").set_value(True).run()
    assert app.selectbox(key="src_doc").options[0].startswith("fx_a")  # f3 (nlf) is in fx_a
    assert all(not o.startswith("fx_c") for o in app.selectbox(key="src_doc").options)


def test_timeline_cards_link_to_their_document_with_the_filters(app):
    _sides(app).set_value(["turkey"])
    app.run()
    app.switch_page("pages/timeline.py").run()
    card = next(m.value for m in app.markdown if 'id="card-f2"' in m.value)
    assert 'href="sources?sides=turkey&amp;side_role=actor1&amp;doc=fx_a"' in card


def test_a_link_to_a_document_opens_it_on_the_sources_page(monkeypatch, corpus):
    monkeypatch.setenv("RASD_EVENTS", str(SAMPLE_TABLE))
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"doc": "fx_b", "sides": "pro-government"})
    at.run()
    at.switch_page("pages/sources.py").run()
    assert at.selectbox(key="src_doc").value == "fx_b"
    assert at.session_state["sources_doc_events"] == 4  # f4..f7
    assert at.query_params["doc"] == "fx_b" and at.query_params["sides"] == "pro-government"
    at.selectbox(key="src_doc").set_value("fx_a").run()
    assert at.query_params["doc"] == "fx_a"


def test_export_panel_prepares_the_filtered_table(app, table):
    _sides(app).set_value(["turkey"])
    app.run()
    app.switch_page("pages/timeline.py").run()
    app.selectbox(key="timeline_export_fmt").set_value("csv").run()
    app.button(key="timeline_export_prepare").click().run()
    assert not app.exception
    _, content, mime, filename = app.session_state["timeline_export_file"]
    assert mime == "text/csv" and filename.endswith(".csv")
    exported = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    assert set(exported["event_id"]) == {"f2", "f9", "f10"}
    assert app.get("download_button")


# ---- hostile text --------------------------------------------------------------------------------
def test_hostile_strings_are_escaped_on_every_page(monkeypatch, tmp_path, corpus, table):
    evil = table.copy()
    evil.loc[0, "evidence"] = "<script>alert('x')</script> غارة"
    evil.loc[0, "outlet"] = '<img src=x onerror="alert(1)">'
    evil.loc[0, "url"] = "javascript:alert(1)"
    path = write_table(evil, tmp_path / "evil.parquet")
    monkeypatch.setenv("RASD_EVENTS", str(path))
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        for m in at.markdown:
            assert "<script" not in m.value and "<img" not in m.value and "javascript:" not in m.value, page
    at.switch_page("pages/timeline.py").run()
    assert any("&lt;script&gt;" in m.value for m in at.markdown)


# ---- the seed corpus -------------------------------------------------------------------------------
def test_seed_party_turkey_shows_only_turkish_agents(monkeypatch, seed_table):
    monkeypatch.setenv("RASD_EVENTS", str(seed_table))
    monkeypatch.delenv("RASD_CORPUS", raising=False)
    seed = read_table(seed_table)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    _sides(at).set_value(["turkey"])
    at.run()
    expected = ids(seed.loc[seed["actor1_side"] == "turkey", "event_id"])
    assert expected, "the seed corpus reports Turkish strikes"
    assert len(expected) < len(seed)
    views = shown_everywhere(at)
    for page, got in views.items():
        assert got == expected, page
    shown = seed[seed["event_id"].isin(views["pages/map.py"])]
    assert (shown["actor1_side"] == "turkey").all()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    assert at.session_state["sources_doc_events"] > 0  # the first seed document's events are linked
