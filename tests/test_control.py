"""Areas of control on a small hand-written table: taken, retaken, contested, withdrawal, baseline,
the controller at several dates, cells that tile their sub-districts, areas that dissolve, and a front
line that lies between the two sides' cells."""

from __future__ import annotations

import io

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from core.control import cells as cells_mod
from core.control.areas import ControlMaps
from core.control.model import CONTESTED, UNKNOWN, BaselineError, ControlModel, event_claims, read_baseline

GOV, OPP = "pro-government", "opposition"


def ev(event_id, pcode, day, event_type="territory_taken", side1=None, side2=None, precision=1, **extra):
    return {"event_id": event_id, "doc_id": f"doc-{event_id}", "type": event_type, "pcode": pcode,
            "date": pd.Timestamp(day) if day else pd.NaT, "actor1_side": side1, "actor2_side": side2,
            "geo_precision": precision, "evidence": f"evidence of {event_id}", "outlet": "Test outlet",
            "url": f"https://example.org/{event_id}", "confidence": extra.pop("confidence", 0.8), **extra}


@pytest.fixture
def table():
    return pd.DataFrame([
        ev("t1", "C1", "2020-01-02", side1=GOV),                       # taken ...
        ev("t2", "C1", "2020-01-05", side1=OPP),                       # ... and retaken
        ev("c1", "C2", "2020-01-03", side1=GOV),                       # both sides claim it the same day
        ev("c2", "C2", "2020-01-03", side1=OPP),
        ev("c3", "C2", "2020-01-06", side1=OPP),                       # then one side alone
        ev("w1", "C3", "2020-01-04", "withdrawal", side1=OPP),         # opposition leaves: its adversary holds it
        ev("w2", "C4", "2020-01-04", "withdrawal", side1=OPP, side2="turkey"),  # the report says to whom
        ev("w3", "C5", "2020-01-04", "withdrawal", side1="international"),     # no adversary: we know who left
        ev("r1", "C6", "2020-01-02", side1=GOV, precision=3),          # region-level: says nothing of the town
        ev("r2", "SY0703", "2020-01-02", side1=GOV),                   # an admin unit, not a community
        ev("r3", None, "2020-01-02", side1=GOV),                       # unresolved place
        ev("n1", "C7", "2020-01-02", side1=GOV, precision=2),          # "near": counts
        ev("u1", "C8", None, side1=GOV),                               # undated: no claim
        ev("u2", "C9", None, side1=GOV, date_end=pd.Timestamp("2020-01-03")),  # a range: its end counts
        ev("a1", "C10", "2020-01-02", "agreement", side1="turkey", side2="russia"),   # no handover named
        ev("a2", "C11", "2020-01-02", "agreement", side1="turkey", handover_to=GOV),  # the table says to whom
        ev("s1", "C1", "2020-01-03", "airstrike", side1=GOV),          # strikes never change control
    ])


def controller(state: pd.DataFrame, pcode: str):
    row = state[state["pcode"] == pcode]
    return None if row.empty else row.iloc[0]["controller"]


def test_claims_only_from_territory_events_at_communities(table):
    claims = event_claims(table)
    assert set(claims["event_id"]) == {"t1", "t2", "c1", "c2", "c3", "w1", "w2", "w3", "n1", "u2", "a2"}
    assert claims.set_index("event_id").loc["u2", "day"] == pd.Timestamp("2020-01-03")


def test_taken_retaken_at_several_dates(table):
    model = ControlModel(table)
    assert controller(model.state("2020-01-01"), "C1") is None  # nobody named it yet: unshaded
    for day in ("2020-01-02", "2020-01-03", "2020-01-04"):
        state = model.state(day).set_index("pcode")
        assert state.loc["C1", "controller"] == GOV and state.loc["C1", "event_id"] == "t1"
        assert state.loc["C1", "since"] == pd.Timestamp("2020-01-02")
    state = model.state("2020-01-05").set_index("pcode")
    assert state.loc["C1", "controller"] == OPP and state.loc["C1", "event_id"] == "t2"
    assert state.loc["C1", "evidence"] == "evidence of t2" and state.loc["C1", "outlet"] == "Test outlet"
    assert list(model.history("C1")["event_id"]) == ["t1", "t2"]


def test_same_day_conflicting_claims_are_contested_not_resolved(table):
    model = ControlModel(table)
    state = model.state("2020-01-03").set_index("pcode")
    assert state.loc["C2", "controller"] == CONTESTED
    assert state.loc["C2", "claim_sides"] == f"{OPP}|{GOV}"
    assert set(state.loc["C2", "claim_events"].split(",")) == {"c1", "c2"}
    assert controller(model.state("2020-01-05"), "C2") == CONTESTED
    assert controller(model.state("2020-01-06"), "C2") == OPP


def test_withdrawal_hands_the_place_to_the_adversary_or_the_named_side(table):
    state = ControlModel(table).state("2020-01-04").set_index("pcode")
    assert state.loc["C3", "controller"] == GOV and state.loc["C3", "type"] == "withdrawal"
    assert state.loc["C4", "controller"] == "turkey"
    assert state.loc["C5", "controller"] == UNKNOWN
    assert controller(ControlModel(table).state("2020-01-03"), "C3") is None


def test_only_named_communities_get_a_controller(table):
    state = ControlModel(table).state("2020-02-01")
    assert set(state["pcode"]) == {"C1", "C2", "C3", "C4", "C5", "C7", "C9", "C11"}
    assert controller(state, "C11") == GOV  # the agreement that names whom it hands the town to


def test_a_named_side_beats_unknown_on_the_same_day():
    table = pd.DataFrame([ev("w", "C1", "2020-01-04", "withdrawal", side1="international"),
                          ev("t", "C1", "2020-01-04", side1=GOV)])
    assert controller(ControlModel(table).state("2020-01-04"), "C1") == GOV


def test_baseline_holds_unreported_places_and_yields_to_later_reports(table):
    baseline = read_baseline(io.StringIO("# who held what before\npcode,side,as_of\nC1,opposition,2019-12-01\n"
                                         "C20,opposition,2019-12-01\nC3,opposition,2020-01-04\n"
                                         "C2,pro-government,2020-01-10\n"), name="test.csv")
    model = ControlModel(table, baseline, baseline_label="test.csv")
    assert controller(model.state("2019-11-30"), "C1") is None  # before the baseline's day: nothing known
    before = model.state("2020-01-01").set_index("pcode")
    assert before.loc["C1", "controller"] == OPP and before.loc["C1", "source"] == "baseline"
    assert "test.csv" in before.loc["C1", "evidence"]
    after = model.state("2020-01-10").set_index("pcode")
    assert after.loc["C1", "controller"] == OPP and after.loc["C1", "source"] == "event"  # t2 retook it
    assert after.loc["C20", "controller"] == OPP  # no report names it: the baseline stays
    assert after.loc["C3", "controller"] == GOV and after.loc["C3", "source"] == "event"  # same day: the report wins
    assert after.loc["C2", "controller"] == GOV and after.loc["C2", "source"] == "baseline"  # a later baseline row
    assert model.n_reports("2020-01-10") == len({d for d in table["doc_id"]
                                                 if d in set(event_claims(table)["doc_id"])})


@pytest.mark.parametrize(("text", "message"), [
    ("pcode,side\nC1,opposition\n", "column(s) missing: as_of"),
    ("pcode,side,as_of\nC1,rebels,2020-01-01\n", "line 2: unknown side 'rebels'"),
    ("pcode,side,as_of\nC1,opposition,01/02/2020\n", "line 2: as_of '01/02/2020' is not a date"),
    ("pcode,side,as_of\nSY07,opposition,2020-01-01\n", "line 2: 'SY07' is not a community P-code"),
    ("pcode,side,as_of\nC1,opposition,2020-01-01\nC1,turkey,2020-01-01\n", "line 3: C1 given twice"),
    ("", "empty"),
])
def test_bad_baseline_gets_a_one_line_message(text, message):
    with pytest.raises(BaselineError) as err:
        read_baseline(io.StringIO(text), name="b.csv")
    assert message in str(err.value) and "\n" not in str(err.value) and "b.csv" in str(err.value)


def test_the_example_baseline_reads():
    from core.paths import EXAMPLE_CONTROL_BASELINE

    baseline = read_baseline(EXAMPLE_CONTROL_BASELINE)
    assert len(baseline) > 5 and set(baseline["side"]) <= {OPP, GOV}


# ---- geometry: cells, areas, the front line ------------------------------------------------------------
# A 3 × 2 grid of towns in two sub-districts (west: SYA, east: SYB), around 36.0°E 35.8°N.
TOWNS = {"C1": (36.00, 35.80, "SYA"), "C2": (36.00, 35.85, "SYA"), "C3": (36.05, 35.80, "SYA"),
         "C4": (36.05, 35.85, "SYA"), "C5": (36.12, 35.80, "SYB"), "C6": (36.12, 35.85, "SYB")}


@pytest.fixture(scope="module")
def grid_cells():
    points = pd.DataFrame([{"pcode": p, "name_en": f"Town {p}", "name_ar": f"بلدة {p}", "admin1_pcode": "SY07",
                            "admin2_pcode": "SY0700", "admin3_pcode": a, "lat": lat, "lon": lon}
                           for p, (lon, lat, a) in TOWNS.items()])
    west = shapely.box(35.95, 35.75, 36.09, 35.90)
    east = shapely.box(36.09, 35.75, 36.20, 35.90)
    polygons = gpd.GeoDataFrame({"ADM3_PCODE": ["SYA", "SYB"]}, geometry=[west, east], crs="EPSG:4326")
    return cells_mod.voronoi_cells(points, polygons.to_crs(cells_mod.CELL_CRS)), polygons.to_crs(cells_mod.CELL_CRS)


def test_cells_tile_their_sub_districts_and_hold_their_town(grid_cells):
    cells, polygons = grid_cells
    assert list(cells["pcode"]) == list(TOWNS)
    for admin3, outline in zip(polygons["ADM3_PCODE"], polygons.geometry, strict=True):
        own = cells[cells["admin3_pcode"] == admin3].geometry
        assert abs(own.area.sum() - outline.area) / outline.area < 1e-4  # no gap (borders snapped to 1 m)
        assert abs(shapely.union_all(own.to_numpy()).area - own.area.sum()) < 1.0  # no overlap
        assert all(outline.buffer(1).contains(g) for g in own)  # never across the sub-district's border
    xs, ys = cells_mod._project(cells["lon"].to_numpy(), cells["lat"].to_numpy())
    for geometry, x, y in zip(cells.geometry, xs, ys, strict=True):
        assert geometry.contains(shapely.Point(x, y))


def grid_maps(grid_cells, sides: dict[str, str]) -> ControlMaps:
    table = pd.DataFrame([ev(f"e{p}", p, "2020-01-02", side1=s) for p, s in sides.items()])
    return ControlMaps(ControlModel(table), grid_cells[0], simplify_m=0)


def test_areas_dissolve_by_controller_and_the_line_lies_between_the_sides(grid_cells):
    sides = {"C1": GOV, "C2": GOV, "C3": GOV, "C4": GOV, "C5": OPP, "C6": OPP}
    maps = grid_maps(grid_cells, sides)
    cells_m, _ = maps.state_cells("2020-01-02")
    from core.control.areas import dissolve, front_line

    areas = dissolve(cells_m)
    assert list(areas["controller"]) == [OPP, GOV]
    gov = areas.set_index("controller").loc[GOV]
    assert gov.geometry.geom_type == "Polygon" and gov["n_communities"] == 4  # four cells, one area
    assert abs(gov.geometry.area - cells_m[cells_m["controller"] == GOV].area.sum()) < 1.0
    line = front_line(cells_m)
    assert line is not None and line.length > 0
    gov_shape, opp_shape = gov.geometry, areas.set_index("controller").loc[OPP].geometry
    # every point of the line is on both sides' border: it lies between the two sides' cells
    points = [line.interpolate(f, normalized=True) for f in np.linspace(0, 1, 25)]
    assert all(gov_shape.exterior.distance(p) <= 1.0 for p in points)
    assert all(opp_shape.exterior.distance(p) <= 1.0 for p in points)
    shared = gov_shape.boundary.intersection(opp_shape.boundary)
    assert abs(line.length - shared.length) < 1.0  # the whole shared border, nothing else

    control = maps.at("2020-01-02")  # the same in lon/lat, for the browser
    assert control.front is not None and control.front.bounds[0] > 36.0 and control.front.bounds[2] < 36.13
    hit = control.cell_at(35.80, 36.121)
    assert hit["pcode"] == "C5" and hit["controller"] == OPP and hit["evidence"] == "evidence of eC5"
    assert control.cell_at(35.0, 35.0) is None
    assert maps.at("2020-01-02") is control  # computed once per day


def test_no_front_line_within_one_side_and_contested_cells_are_their_own_area(grid_cells):
    one_side = grid_maps(grid_cells, dict.fromkeys(TOWNS, GOV)).at("2020-01-02")
    assert one_side.front is None and one_side.controllers == [GOV]
    table = pd.DataFrame([ev("g", "C1", "2020-01-02", side1=GOV), ev("o", "C1", "2020-01-02", side1=OPP),
                          ev("h", "C2", "2020-01-02", side1=GOV)])
    control = ControlMaps(ControlModel(table), grid_cells[0], simplify_m=0).at("2020-01-02")
    assert control.controllers == [GOV, CONTESTED]
    assert control.front is not None  # a contested town borders a held one


def test_geojson_has_areas_cells_with_evidence_and_the_line(grid_cells):
    sides = {"C1": GOV, "C3": GOV, "C5": OPP}
    collection = grid_maps(grid_cells, sides).at("2020-01-02").geojson()
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    assert kinds.count("area") == 2 and kinds.count("cell") == 3 and kinds.count("front_line") == 1
    cell = next(f for f in collection["features"] if f["properties"].get("pcode") == "C5")
    assert cell["properties"]["evidence"] == "evidence of eC5" and cell["properties"]["since"] == "2020-01-02"
    assert "not a survey" in collection["metadata"]["note"]
    lon, lat = shapely.geometry.shape(cell["geometry"]).centroid.coords[0]
    assert 36.09 < lon < 36.2 and 35.75 < lat < 35.9  # lon/lat, not metres
