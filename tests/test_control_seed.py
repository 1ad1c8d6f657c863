"""Areas of control on the sample corpus: late December 2019 shades the south-east Idlib towns the seed
reports say were taken; the map layer, the print map and the GeoJSON export show it."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import shapely

from core import vocab
from core.control.areas import ControlMaps
from core.control.model import ControlModel, read_baseline
from core.exports.files import export_bytes
from core.paths import EXAMPLE_CONTROL_BASELINE, SHARED_DIR
from tests.export_helpers import check_pdf, colour_pixels, image_array, seed_table

GOLD = SHARED_DIR / "eval" / "seeds_gold.json"
LATE_DECEMBER = "2019-12-31"
GOV = "pro-government"


@pytest.fixture(scope="module")
def seeds():
    return seed_table()


@pytest.fixture(scope="module")
def taken_in_december():
    """Communities the gold file says the government took in December 2019 (the seed reports' own claim)."""
    if not GOLD.exists():
        pytest.skip(f"no gold file at {GOLD}")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pcodes = {p["pcode"] for e in gold["events"] if e["type"] == "territory_taken" and e["date"].startswith("2019-12")
              and e.get("actor1") == "syrian_government" for p in e["places"] if str(p.get("pcode", "")).startswith("C")}
    assert len(pcodes) >= 3
    return pcodes


@pytest.mark.parametrize("with_baseline", [False, True])
def test_late_december_shades_the_towns_taken(seeds, taken_in_december, with_baseline):
    baseline = read_baseline(EXAMPLE_CONTROL_BASELINE) if with_baseline else None
    maps = ControlMaps(ControlModel(seeds, baseline))
    control = maps.at(LATE_DECEMBER)
    held = control.cells.set_index("pcode")
    assert taken_in_december <= set(held.index)
    assert set(held.loc[sorted(taken_in_december), "controller"]) == {GOV}
    gov_area = control.areas.set_index("controller").loc[GOV].geometry
    for pcode in taken_in_december:
        row = held.loc[pcode]
        assert gov_area.buffer(1e-6).contains(shapely.Point(row["lon"], row["lat"]))  # the town lies in the area
        assert row["type"] == "territory_taken" and row["since"] == pd.Timestamp("2019-12-26")
        assert row["evidence"] and row["doc_id"] in set(seeds["doc_id"])  # the report that set it
        clicked = control.cell_at(row["lat"], row["lon"])
        assert clicked["pcode"] == pcode and clicked["event_id"] == row["event_id"]
    before = maps.at("2019-12-25").cells
    assert not (set(before["pcode"]) & taken_in_december) or set(
        before.set_index("pcode").loc[sorted(taken_in_december), "controller"]) != {GOV}
    assert "not a survey" in control.legend_note()
    if with_baseline:  # held by the other side before, by the baseline
        assert set(before.set_index("pcode").loc[sorted(taken_in_december), "controller"]) == {"opposition"}


def test_the_front_appears_in_february_with_the_example_baseline(seeds):
    maps = ControlMaps(ControlModel(seeds, read_baseline(EXAMPLE_CONTROL_BASELINE)))
    control = maps.at("2020-02-21")
    assert {"opposition", GOV} <= set(control.controllers)
    assert control.front is not None and control.front.length > 0
    held = control.cells.set_index("pcode")
    assert held.loc["C3867", "controller"] == GOV and held.loc["C3867", "type"] == "withdrawal"  # Nayrab


def test_the_folium_layer_shades_and_stays_small(seeds, taken_in_december):
    from core.views import control_layer

    control = ControlMaps(ControlModel(seeds)).at(LATE_DECEMBER)
    strikes = seeds[seeds["layer"] == "strike"].head(3)
    fmap = control_layer.build_control_map(control, strikes, window="week")
    page = fmap.get_root().render()
    assert vocab.sides()[GOV]["colour"] in page and "rasd-control-area" in page
    assert all(p in page for p in taken_in_december)  # each town's cell, with its tooltip
    assert "not a survey" in page and "rasd-strike" in page
    assert "evidence of" not in page and control_layer.map_html_size(fmap) < 2_000_000


def test_control_print_map_geojson_and_cli(seeds, taken_in_december, tmp_path, capsys):
    png, mime, name = export_bytes(seeds, "control-png", as_of=pd.Timestamp(LATE_DECEMBER).date(), dpi=150)
    assert mime == "image/png" and name == "rasd_control_png_asof_2019-12-31.png"
    assert colour_pixels(image_array(png), vocab.sides()[GOV]["colour"], tolerance=60) > 50
    pdf, _, _ = export_bytes(seeds, "control-pdf", as_of=pd.Timestamp("2020-03-01").date(), weekly=True, dpi=80)
    assert check_pdf(pdf) == 2  # the day, then the weekly panels
    svg, _, _ = export_bytes(seeds, "control-svg", as_of=pd.Timestamp(LATE_DECEMBER).date())
    assert b"<svg" in svg[:500] and b"not a survey" in svg
    data, mime, _ = export_bytes(seeds, "control-geojson", as_of=pd.Timestamp(LATE_DECEMBER).date())
    obj = json.loads(data)
    assert mime == "application/geo+json"
    cells = {f["properties"]["pcode"]: f["properties"] for f in obj["features"] if f["properties"]["kind"] == "cell"}
    assert taken_in_december <= set(cells) and {cells[p]["controller"] for p in taken_in_december} == {GOV}

    from core.__main__ import main

    events = tmp_path / "events.parquet"
    seeds.to_parquet(events)
    out = tmp_path / "c.geojson"
    assert main(["export", "--format", "control-geojson", "--events", str(events), "--as-of", LATE_DECEMBER,
                 "--baseline", str(EXAMPLE_CONTROL_BASELINE), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["metadata"]["baseline"] == EXAMPLE_CONTROL_BASELINE.name
    bad = tmp_path / "bad.csv"
    bad.write_text("pcode,side,as_of\nC1,rebels,2020-01-01\n", encoding="utf-8")
    assert main(["export", "--format", "control-png", "--events", str(events), "--baseline", str(bad),
                 "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert "unknown side 'rebels'" in err and err.count("\n") == 1 and not (tmp_path / "x.png").exists()
