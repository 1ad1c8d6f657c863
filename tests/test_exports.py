"""Data exports (CSV, XLSX, GeoJSON, ACLED-style CSV), the export entry point and its command line."""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest

from core import vocab
from core.exports import files as exports
from core.table import store
from core.table.query import Filters
from tests.export_helpers import check_geojson, seed_table
from tests.fixtures_paths import SAMPLE_TABLE


@pytest.fixture(scope="module")
def sample():
    return store.read_table(SAMPLE_TABLE)


TURKEY = Filters(sides=("turkey",))


# ---- CSV -----------------------------------------------------------------------------------------
def test_csv_has_bom_and_round_trips_arabic(sample, tmp_path):
    content, mime, name = exports.export_bytes(sample, "csv", filters=TURKEY)
    assert mime == "text/csv" and name.endswith(".csv") and "turkey" in name
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM to show Arabic"
    path = tmp_path / name
    path.write_bytes(content)
    back = store.read_table(path)  # schema-checked read
    expected = TURKEY.apply(sample)
    assert len(back) == len(expected) == 5
    assert list(back["place_ar"]) == list(expected["place_ar"])
    assert "قصف مدفعي تركي على مواقع النظام في كفرنبل" in set(back["evidence"])
    assert back["date"].dt.date.tolist() == expected["date"].dt.date.tolist()


def test_csv_of_an_empty_selection_keeps_the_header(sample):
    content, _, _ = exports.export_bytes(sample, "csv", filters=Filters(place="لا يوجد مكان بهذا الاسم"))
    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    assert frame.empty and list(frame.columns[:3]) == ["event_id", "doc_id", "type"]


# ---- XLSX ----------------------------------------------------------------------------------------
def test_xlsx_holds_the_rows_and_says_what_it_shows(sample):
    from openpyxl import load_workbook

    filters = Filters(date_from=date(2020, 2, 1), types=("airstrike", "shelling"))
    content, mime, name = exports.export_bytes(sample, "xlsx", filters=filters, title="غارات وقصف")
    assert mime.endswith("spreadsheetml.sheet") and name.endswith(".xlsx")
    wb = load_workbook(io.BytesIO(content))
    rows = list(wb["events"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(filters.apply(sample)) == 4
    places = {row[header.index("place_ar")] for row in body}
    assert places == {"سراقب", "النيرب", "كفرنبل"}
    assert all(isinstance(row[header.index("date")], pd.Timestamp | date) for row in body)
    about = dict(wb["about"].iter_rows(values_only=True))
    assert about["title"] == "غارات وقصف"
    assert "2020-02-01" in about["period"] and "types: airstrike, shelling" in about["filters"]
    assert about["events"] == 4


def test_xlsx_never_turns_news_text_into_a_formula(sample):
    from openpyxl import load_workbook

    hostile = sample.head(1).assign(evidence='=HYPERLINK("http://example.org","x")', summary="=1+1")
    content, _, _ = exports.export_bytes(hostile, "xlsx")
    ws = load_workbook(io.BytesIO(content))["events"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("evidence") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


# ---- GeoJSON -------------------------------------------------------------------------------------
def test_geojson_points_flags_and_filtered_count(sample):
    filters = Filters(admin1=("SY07",))
    content, mime, name = exports.export_bytes(sample, "geojson", filters=filters)
    assert mime == "application/geo+json" and name.endswith(".geojson")
    obj = json.loads(content.decode("utf-8"))
    check_geojson(obj)
    assert len(obj["features"]) == len(filters.apply(sample)) == 9
    assert obj["metadata"]["count"] == 9 and "SY07" in obj["metadata"]["filters"]
    by_id = {f["id"]: f for f in obj["features"]}
    assert by_id["f6"]["properties"]["region_level"] is True  # "ريف إدلب الجنوبي الشرقي", precision 3
    assert by_id["f1"]["properties"]["region_level"] is False
    assert by_id["f1"]["geometry"]["coordinates"] == [36.81, 35.86]  # [lon, lat]
    assert by_id["f1"]["properties"]["place_ar"] == "سراقب"


def test_geojson_keeps_events_without_coordinates(sample):
    obj = json.loads(exports.export_bytes(sample, "geojson")[0])
    check_geojson(obj)
    assert len(obj["features"]) == len(sample)
    unresolved = [f for f in obj["features"] if f["properties"]["geo_status"] == "unresolved"]
    assert unresolved and all(f["geometry"] is None for f in unresolved)


def test_geojson_reads_back_with_geopandas(sample, tmp_path):
    import geopandas as gpd

    path = tmp_path / "events.geojson"
    path.write_bytes(exports.export_bytes(sample, "geojson", filters=TURKEY)[0])
    gdf = gpd.read_file(path)
    assert len(gdf) == 5 and set(gdf["actor1_side"]) <= {"turkey", "pro-government", "opposition"}


# ---- ACLED-style CSV -----------------------------------------------------------------------------
def test_acled_columns_and_codes(sample):
    content, _, name = exports.export_bytes(sample, "acled")
    assert name.endswith(".csv")
    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    assert list(frame.columns) == exports.acled_mapping()["columns"]
    rows = {r["tags"].split(";")[0].split("=")[1]: r for r in frame.to_dict("records")}
    assert "f8" not in rows  # diplomacy: ACLED does not code it
    airstrike = rows["f1"]
    assert airstrike["event_type"] == "Explosions/Remote violence"
    assert airstrike["sub_event_type"] == "Air/drone strike"
    assert airstrike["inter1"] == 8 and airstrike["interaction"] == 80  # Russia alone: external forces
    assert airstrike["fatalities"] == 3 and airstrike["time_precision"] == 1
    assert airstrike["country"] == "Syria" and airstrike["iso"] == 760
    assert airstrike["admin1"] == "Idleb" and airstrike["location"] == "Saraqab"
    assert "سراقب" in airstrike["notes"]
    shelling = rows["f2"]
    assert shelling["inter1"] == 8 and shelling["inter2"] == 1 and shelling["interaction"] == 18
    assert shelling["geo_precision"] == 2
    taken = rows["f4"]
    assert taken["sub_event_type"] == "Government regains territory" and taken["interaction"] == 12
    clash = rows["f6"]
    assert clash["geo_precision"] == 3 and clash["disorder_type"] == "Political violence"


def test_acled_sub_event_for_a_non_state_advance(sample):
    row = sample[sample["event_id"] == "f4"].assign(actor1="hts", actor1_side="opposition",
                                                     actor2="syrian_government", actor2_side="pro-government")
    rows, skipped = exports.acled_rows(row)
    assert skipped == 0 and rows[0]["sub_event_type"] == "Non-state actor overtakes territory"
    assert rows[0]["inter1"] == 2 and rows[0]["interaction"] == 12


def test_acled_time_precision_of_ranges(sample):
    row = sample.head(1).assign(time_precision="range", date_start=pd.Timestamp("2020-02-01"),
                                date_end=pd.Timestamp("2020-02-20"))
    assert exports.acled_rows(row)[0][0]["time_precision"] == 3
    row = row.assign(date_end=pd.Timestamp("2020-02-05"))
    assert exports.acled_rows(row)[0][0]["time_precision"] == 2


def test_acled_mapping_covers_the_vocabulary():
    mapping = exports.acled_mapping()
    assert set(vocab.actors()) <= set(mapping["actors"])
    assert all(spec["inter"] in range(1, 9) for spec in mapping["actors"].values())


# ---- the entry point and the command line --------------------------------------------------------
def test_unknown_format_is_a_clear_error(sample):
    with pytest.raises(exports.ExportError, match="unknown export format"):
        exports.export_bytes(sample, "docx")


def test_filters_are_applied_even_when_the_frame_is_already_filtered(sample):
    once = TURKEY.apply(sample)
    a = exports.export_bytes(once, "csv", filters=TURKEY)[0]
    b = exports.export_bytes(sample, "csv", filters=TURKEY)[0]
    assert a == b


def _cli(*argv) -> int:
    from core.__main__ import main

    return main(["export", *argv])


def test_cli_exports_with_filters(tmp_path, capsys):
    out = tmp_path / "turkey.geojson"
    code = _cli("--format", "geojson", "--events", str(SAMPLE_TABLE), "--side", "turkey",
                "--type", "shelling,drone_strike", "--from", "2020-02-01", "--out", str(out))
    assert code == 0
    printed = capsys.readouterr().out
    assert "exported 3 of 12 events" in printed and str(out) in printed
    obj = json.loads(out.read_text(encoding="utf-8"))
    assert len(obj["features"]) == 3
    assert {f["properties"]["type"] for f in obj["features"]} == {"shelling", "drone_strike"}


def test_cli_party_means_the_agent_unless_either_actor_is_asked(tmp_path, capsys):
    """As in the dashboard: --side looks at actor1 by default; --side-role any also takes the targets."""
    out = tmp_path / "t.csv"
    assert _cli("--format", "csv", "--events", str(SAMPLE_TABLE), "--side", "turkey", "--out", str(out)) == 0
    assert "exported 3 of 12 events (party: Turkey (agent))" in capsys.readouterr().out
    assert _cli("--format", "csv", "--events", str(SAMPLE_TABLE), "--side", "turkey", "--side-role", "any",
                "--out", str(out)) == 0
    assert "exported 5 of 12 events (party: Turkey (either actor))" in capsys.readouterr().out


def test_cli_acled_says_what_it_left_out(tmp_path, capsys):
    code = _cli("--format", "acled", "--events", str(SAMPLE_TABLE), "--out", str(tmp_path / "a.csv"))
    assert code == 0
    assert "1 rows of types ACLED does not code" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["--side", "martians"], "unknown --side martians"),
    (["--from", "2020-03-01", "--to", "2020-02-01"], "is after --to"),
    (["--min-confidence", "3"], "between 0 and 1"),
])
def test_cli_rejects_bad_filters(tmp_path, capsys, argv, message):
    code = _cli("--format", "csv", "--events", str(SAMPLE_TABLE), "--out", str(tmp_path / "x.csv"), *argv)
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_cli_missing_or_broken_table(tmp_path, capsys):
    assert _cli("--format", "csv", "--events", str(tmp_path / "none.parquet")) == 2
    assert "event table not found" in capsys.readouterr().err
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\xff\xfe not a table \x00\x01")
    assert _cli("--format", "csv", "--events", str(broken)) == 2
    assert "cannot read event table" in capsys.readouterr().err


# ---- the seed corpus, every data format, with a filter ---------------------------------------------
@pytest.fixture(scope="module")
def seeds():
    return seed_table()


def test_seed_corpus_data_formats(seeds, tmp_path):
    filters = Filters(layers=("strike", "ground", "advance"))
    expected = filters.apply(seeds)
    assert len(expected) > 0, "the seed corpus yields strikes/ground/advance events"
    csv_bytes = exports.export_bytes(seeds, "csv", filters=filters)[0]
    (tmp_path / "seeds.csv").write_bytes(csv_bytes)
    back = store.read_table(tmp_path / "seeds.csv")
    assert len(back) == len(expected)
    assert back["place_ar"].fillna("").tolist() == expected["place_ar"].fillna("").tolist()
    obj = json.loads(exports.export_bytes(seeds, "geojson", filters=filters)[0])
    check_geojson(obj)
    assert len(obj["features"]) == len(expected)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(exports.export_bytes(seeds, "xlsx", filters=filters)[0]))
    assert wb["events"].max_row - 1 == len(expected)
    acled = pd.read_csv(io.BytesIO(exports.export_bytes(seeds, "acled", filters=filters)[0]), encoding="utf-8-sig")
    assert len(acled) == len(expected)  # every strike/ground/advance type has an ACLED equivalent
    assert set(acled["event_type"]) <= {"Battles", "Explosions/Remote violence", "Strategic developments"}


@pytest.mark.parametrize("fmt, options", [("png", {"width": 100, "height": 100}), ("png", {"width": 20000,
                                          "height": 20000}), ("print-png", {"dpi": 5000}), ("svg", {"dpi": 10})])
def test_unreasonable_sizes_are_refused_before_any_work(sample, fmt, options):
    with pytest.raises(exports.ExportError, match="must be between"):
        exports.export_bytes(sample, fmt, **options)


def test_cli_reports_a_refused_size(tmp_path, capsys):
    assert _cli("--format", "print-png", "--dpi", "9000", "--events", str(SAMPLE_TABLE),
                "--out", str(tmp_path / "x.png")) == 2
    assert "between 50 and 1200 dpi" in capsys.readouterr().err


def test_empty_and_partial_frames(sample):
    for fmt in ("csv", "geojson", "xlsx", "acled", "svg"):
        content, _, _ = exports.export_bytes(pd.DataFrame(), fmt)
        assert content, fmt
    slim = sample[["event_id", "type", "layer", "date", "lat", "lon", "actor1_side", "place_ar"]]
    obj = json.loads(exports.export_bytes(slim, "geojson")[0])
    assert len(obj["features"]) == len(sample)
    with pytest.raises(exports.ExportError, match="not an event table"):
        exports.export_bytes(pd.DataFrame({"text": ["نص"]}), "csv")
