"""The event map: the base map (core.views.maps) and the event layers (core.views.event_layers): what is
drawn, how, at any size, and that hostile text stays text."""

from __future__ import annotations

import json
import re

import folium
import pandas as pd
import pytest

from core.table.store import read_table
from core.views import assets, event_layers, event_map, maps
from tests.fixtures_paths import SAMPLE_TABLE


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return read_table(SAMPLE_TABLE)


def render(m: folium.Map) -> str:
    return m.get_root().render()


def row(**values) -> dict:
    base = {"event_id": "x1", "doc_id": "d1", "type": "shelling", "layer": "strike", "date": "2020-02-01",
            "date_start": "2020-02-01", "date_end": "2020-02-01", "time_precision": "day", "actor1": "turkey",
            "actor1_side": "turkey", "place_ar": "سراقب", "place_en": "Saraqab", "pcode": "C3916",
            "admin1_pcode": "SY07", "lat": 35.86, "lon": 36.8, "geo_precision": 1, "geo_status": "resolved",
            "evidence": "قصفت المدفعية التركية مواقع في سراقب", "confidence": 0.7, "rule": "t", "group_id": "g1",
            "outlet": "Test outlet", "url": "https://example.org/a"}
    base.update(values)
    return base


def frame(*rows: dict) -> pd.DataFrame:
    from core.table.schema import coerce_types

    return coerce_types(pd.DataFrame(list(rows)))


# ---- what is drawn -------------------------------------------------------------------------------------

def test_counts_on_the_fixture(sample):
    # read off tests/fixtures/events_sample.csv: 9 rows with a point at precision 1/2 (2 of them near → hollow),
    # 2 region rows (areas), 1 unresolved row (not drawn); one precision-1 row is "other" (hidden layer).
    counts = maps.map_counts(sample)
    assert counts == {"events": 12, "drawn": 11, "markers": 7, "hollow": 2, "areas": 2, "not_drawn": 1,
                      "visible_markers": 8, "visible_areas": 1, "visible": 9}


@pytest.mark.parametrize(("values", "kind"), [
    ({}, "marker"),
    ({"geo_precision": 2}, "hollow"),
    ({"geo_precision": 3, "geo_status": "region"}, "area"),
    ({"geo_precision": 3, "geo_status": "region", "lat": None, "lon": None, "pcode": "SY07"}, "area"),
    ({"geo_precision": 3, "geo_status": "region", "lat": None, "lon": None, "pcode": "C3916"}, None),
    ({"geo_status": "unresolved", "lat": None, "lon": None, "geo_precision": None}, None),
    ({"geo_status": "none", "lat": None, "lon": None}, None),
    ({"lat": None}, None),
])
def test_draw_kind(values, kind):
    assert maps.draw_kind(row(**values)) == kind


def decoded(data: dict, key: str) -> dict:
    """One layer of a payload with its rows undone from deltas."""
    entry = data["layers"][key]
    rows, acc = [], 0
    for d in entry["r"]:
        acc += d
        rows.append(acc)
    return {**entry, "rows": rows}


def test_payload_has_every_event_once_with_its_style(sample):
    data = event_layers.payload(sample)
    assert set(data["layers"]) == {"strike", "ground", "advance", "other"}
    ids = event_layers.row_ids(sample)
    seen = []
    for key in data["layers"]:
        entry = decoded(data, key)
        for pos, style in zip(entry["rows"], entry["st"], strict=True):
            source = sample.loc[ids == pos].iloc[0]
            event_type, side, precision = (data["types"][data["styles"][style][0]],
                                           data["sides"][data["styles"][style][1]], data["styles"][style][2])
            assert event_type == source["type"] and side == (source["actor1_side"] or "unknown")
            assert precision == int(source["geo_precision"]) and maps.layer_key(source["layer"]) == key
            seen.append(pos)
        for area in entry["areas"]:
            seen += list(pd.Series(area["r"]).cumsum())
    drawn = maps.plan(sample)["draw"].notna().to_numpy()
    assert sorted(seen) == sorted(ids[drawn].tolist())  # every drawn event once, the unresolved one not


def test_precision_and_places_survive(sample):
    data = event_layers.payload(sample)
    precisions = {s[2] for s in data["styles"]}
    assert {1, 2, 3} <= precisions  # exact, near (hollow), region (area)
    strike = decoded(data, "strike")
    saraqib = [i for i, p in enumerate(strike["pl"]) if data["places"]["en"][p] == "Saraqab"]
    assert len(saraqib) == 3 and {data["places"]["lat"][strike["pl"][i]] for i in saraqib} == {35.86}
    days = [d for d in strike["d"] if d >= 0]
    assert data["days"] == [min(days + [x for k in data["layers"] for x in data["layers"][k]["d"] if x >= 0]),
                            max(x for k in data["layers"] for x in data["layers"][k]["d"])]


def test_region_with_admin_pcode_uses_the_unit_outline():
    feature = maps.region_feature("SY07")
    assert feature is not None and feature["properties"]["ADM1_EN"] in ("Idlib", "Idleb")
    assert maps.region_feature("C3916") is None and maps.region_feature(None) is None
    data = event_layers.payload(frame(row(geo_precision=3, geo_status="region", pcode="SY07", lat=35.8, lon=36.6)))
    area, = data["layers"]["strike"]["areas"]
    assert area["g"] == "SY07" and area["lv"] == 1 and data["geo"]["SY07"]["type"] in ("Polygon", "MultiPolygon")
    assert data["layers"]["strike"]["pl"] == []  # an area, never a dot
    circle = event_layers.payload(frame(row(geo_precision=3, geo_status="region", pcode="C1", lat=35.8, lon=36.6)))
    area, = circle["layers"]["strike"]["areas"]
    assert area["g"] is None and (area["lat"], area["lon"]) == (35.8, 36.6)


def test_areas_share_a_unit_and_take_its_side_only_when_all_agree():
    rows = [row(event_id=f"r{i}", geo_precision=3, geo_status="region", pcode="SY0703", lat=None, lon=None,
                actor1_side=side) for i, side in enumerate(["turkey", "turkey", "opposition"])]
    data = event_layers.payload(frame(*rows))
    area, = data["layers"]["strike"]["areas"]
    assert len(area["r"]) == 3 and data["sides"][area["c"]] == "unknown"
    same = event_layers.payload(frame(*rows[:2]))
    assert same["sides"][same["layers"]["strike"]["areas"][0]["c"]] == "turkey"


def synthetic(n: int) -> pd.DataFrame:
    from bench.bench_map_browser import synthetic_events

    return synthetic_events(n)


def test_payload_is_compact_and_linear():
    small, large = synthetic(2_000), synthetic(20_000)
    per_small = event_layers.build(small, detail=False).nbytes / len(small)
    per_large = event_layers.build(large, detail=False).nbytes / len(large)
    assert per_large < 30, per_large  # bytes per event to the browser
    assert per_large < per_small * 1.2  # the place table is shared: no more per event as the table grows


def test_above_the_limit_places_carry_totals():
    df = synthetic(3_000)
    data = event_layers.payload(df, limit=1_000)
    assert data["aggregated"] and not data["dayControl"]
    counts = maps.map_counts(df)
    points = sum(sum(e["cnt"]) for e in data["layers"].values())
    areas = sum(len(a["r"]) for e in data["layers"].values() for a in e["areas"])
    assert points + areas == counts["drawn"]
    strike = data["layers"]["strike"]
    assert len(strike["pl"]) == len(set(strike["pl"])) < points  # one disc per place
    # the main side of a place is the side most of its events have
    place = strike["pl"][0]
    lat, lon = data["places"]["lat"][place], data["places"]["lon"][place]
    here = df[(df["lat"].round(5) == lat) & (df["lon"].round(5) == lon) & (df["layer"] == "strike")
              & df["geo_precision"].isin([1, 2])]
    assert strike["cnt"][0] == len(here)
    assert data["sides"][data["styles"][strike["st"][0]][1]] == here["actor1_side"].value_counts().index[0]
    assert not event_layers.payload(df)["aggregated"]  # under the default limit (100,000) every event


def test_day_control_only_when_asked(sample):
    assert event_layers.payload(sample, day_control=True)["dayControl"] is True
    assert event_layers.payload(sample)["dayControl"] is False


# ---- the base map stays while the events change -------------------------------------------------------------

def test_base_map_is_the_same_for_every_filter(sample):
    from streamlit_folium import _get_map_string, generate_js_hash

    view = maps.base_view(sample)
    scripts = []
    for _ in range(2):
        m = event_map.base_map(view=view, tiles_online=False)
        m.get_root().render()
        scripts.append(generate_js_hash(_get_map_string(m), "event_map", False))
    assert scripts[0] == scripts[1]  # streamlit-folium keeps the same component: the iframe stays


def test_whole_map_layers_reference_and_control(sample):
    page = render(event_map.build_map(sample, title="Test"))
    for name in ("Strikes · الضربات", "Ground fighting · المعارك البرية", "Advances and withdrawals",
                 "Governorates · المحافظات", "Districts · المناطق", "Offline basemap", event_layers.HEAT_NAME):
        assert name in page or json.dumps(name) in page, name
    assert "rasd-adm1" in page and "rasd-adm2" in page and "rasd-adm0" in page
    assert '"maxZoom": 15' in page  # no tile layer carries maxZoom: the map must
    assert "L.control.layers" in page and "rasd.applyChoices" in page and "rasd.load(" in page
    assert page.count("rasd.layer(") == 4
    assert "L.marker(" not in page  # no DOM marker per event


def test_layer_defaults_hide_other_events_and_heat():
    defaults = event_layers.layer_defaults()
    assert defaults["Other events · أحداث أخرى"] is False and defaults[event_layers.HEAT_NAME] is False
    assert defaults["Strikes · الضربات"] is True


def test_online_tiles_are_optional_and_hidden(sample):
    page = render(event_map.build_map(sample))
    tile_vars = re.findall(r"var (tile_layer_\w+) = L\.tileLayer\(", page)
    assert len(tile_vars) == 3
    for var in tile_vars:
        assert f"{var}.addTo(" not in page  # in the layer control only
    assert "tileLayer" not in render(event_map.build_map(sample, tiles_online=False))


def test_view_fits_the_shown_layers(sample):
    page = render(event_map.base_map(sample))
    bounds = re.search(r"fitBounds\(\s*\[\[([\d.]+), ([\d.]+)\], \[([\d.]+), ([\d.]+)\]\]", page)
    assert bounds and float(bounds.group(3)) < 37  # Ankara (lat 39.9, other layer) is not in the initial view


def test_empty_table_gives_a_basemap_with_a_note():
    page = render(event_map.build_map(frame(row()).iloc[0:0]))
    assert "no events to show" in page and "rasd-adm1" in page


def test_roads_drawn_when_available_and_absent_otherwise(sample, monkeypatch):
    monkeypatch.setattr(maps, "reference_roads", lambda: {"M5": [(35.5, 36.7), (36.1, 36.9)]})
    assert "rasd-road" in render(event_map.build_map(sample))
    monkeypatch.setattr(maps, "reference_roads", lambda: {})
    assert "rasd-road" not in render(event_map.build_map(sample))


def test_reference_roads_survive_a_missing_or_damaged_file(tmp_path):
    assert maps.reference_roads(tmp_path) == {}
    (tmp_path / "roads.json").write_text("[1, 2", encoding="utf-8")
    assert maps.reference_roads(tmp_path) == {}
    (tmp_path / "roads.json").write_text('{"M5": [[35.5, 36.7], [36.1, 36.9]]}', encoding="utf-8")
    assert maps.reference_roads(tmp_path) == {"M5": [(35.5, 36.7), (36.1, 36.9)]}


def test_missing_boundaries_are_reported_not_fatal(tmp_path):
    assert maps.boundaries(1, tmp_path) is None


# ---- hostile text -----------------------------------------------------------------------------------------

HOSTILE = {
    "evidence": '<img src=x onerror="alert(1)"> `${alert(2)}` \\u0060',
    "place_en": "</script><script>alert(3)</script>",
    "place_ar": "<b onmouseover=alert(4)>سراقب</b>",
    "outlet": "<svg onload=alert(5)>",
    "url": "javascript:alert(6)",
}


def test_hostile_text_stays_data():
    layers = event_layers.build(frame(row(**HOSTILE)), detail=True)
    for raw in ("<img", "<script", "</script", "<b ", "<svg"):
        assert raw not in layers.data_json, raw
    data = json.loads(layers.data_json)  # the escapes are JSON: the browser gets the text back unchanged
    strike = data["layers"]["strike"]
    assert strike["x"]["ev"] == [HOSTILE["evidence"]] and data["places"]["en"] == [HOSTILE["place_en"]]
    assert strike["x"]["url"] == [""]  # a javascript: URL gives no link
    page = render(event_map.build_map(frame(row(**HOSTILE)), title="<i>t</i>"))
    assert "<script>alert(3)" not in page and "<i>t</i>" not in page


def test_the_browser_code_builds_text_nodes_only():
    code = event_layers.runtime_script()
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "eval(" not in code
    assert "textContent" in code


def test_escaped_json_passes_streamlit_folium_renaming():
    from streamlit_folium import _replace_folium_vars

    text = event_layers.js_json({"type": "armed_clash", "x": "a_b_c"})
    assert "_" not in text
    assert _replace_folium_vars(text, {"clash": "BROKEN", "b": "BROKEN"}) == text


def test_shapes_per_type_and_colours_per_side():
    from core import vocab

    for event_type in ("airstrike", "shelling", "territory_taken", "armed_clash"):
        assert maps.shape_path(event_type) != maps.shape_path("default")
    runtime = event_layers.runtime_vocab()
    assert runtime["types"]["airstrike"][2] == maps.shape_path("airstrike")
    assert runtime["sides"]["turkey"][2] == vocab.sides()["turkey"]["colour"]
    assert maps.side_colour("turkey") == vocab.sides()["turkey"]["colour"]
    assert maps.side_colour(None) == vocab.sides()["unknown"]["colour"]
    assert maps.side_colour("no-such-side") == vocab.sides()["unknown"]["colour"]


def test_legend_keeps_its_symbols(sample):
    page = render(event_map.base_map(sample))
    assert "<svg" in page or "\\u003csvg" in page
    assert "stroke-dasharray" in page  # the hollow "near" symbol
    assert "fa-" not in re.sub(r"<style>.*?</style>|<script>.*?</script>", "", page, flags=re.S)


def test_map_html_is_offline_with_local_assets(sample):
    assets.use_local_assets()
    page = render(event_map.build_map(sample, day_control=True))
    assert assets.remote_assets(page) == []
    assert "leaflet_heat" in page or "leaflet-heat" in page  # the heat layer's script, from the local copy


# ---- clicks back to events -----------------------------------------------------------------------------

def test_click_references():
    parse = event_layers.parse_ref
    assert parse("rasd:r:12") == event_layers.ClickRef("r", row=12)
    assert parse("rasd:a:strike:SY0703") == event_layers.ClickRef("a", layer="strike", pcode="SY0703")
    assert parse("rasd:c:ground:35.5,36.61") == event_layers.ClickRef("c", layer="ground", lat=35.5, lon=36.61)
    for junk in ("", None, "rasd:zoom", "rasd:none", "<b>x</b>", "rasd:r:1;alert(1)", "Airstrike · Saraqab"):
        assert parse(junk).kind == ""


def test_events_for_click(sample):
    ids = event_layers.row_ids(sample)
    first = int(ids[(sample["event_id"] == "f10").to_numpy()][0])
    hits = event_layers.events_for_click(sample, event_layers.parse_ref(f"rasd:r:{first}"))
    assert list(hits["event_id"])[0] == "f10" and set(hits["event_id"]) == {"f1", "f10", "f11"}  # same point
    region = sample[sample["geo_status"] == "region"]
    circle = region[region["layer"] == "ground"].iloc[0]
    ref = f"rasd:c:ground:{round(circle['lat'], 5)},{round(circle['lon'], 5)}"
    assert list(event_layers.events_for_click(sample, event_layers.parse_ref(ref))["event_id"]) == [circle["event_id"]]
    assert event_layers.events_for_click(sample, event_layers.parse_ref("rasd:r:99999")).empty
    turkey = sample[sample["actor1_side"] == "turkey"]  # a filtered frame keeps the table's row ids
    assert list(event_layers.events_for_click(turkey, event_layers.parse_ref(f"rasd:r:{first}"))["event_id"]) == ["f10"]
    russian = int(ids[(sample["event_id"] == "f1").to_numpy()][0])
    assert event_layers.events_for_click(turkey, event_layers.parse_ref(f"rasd:r:{russian}")).empty


@pytest.mark.parametrize("values", [[], [0, 3, 255], [-1, 0, 7], [0, 65_535], [-2, 40_000], [-5, 100_000_000]])
def test_pack_round_trip_in_the_smallest_kind(values):
    text = event_layers.pack(values)
    assert event_layers.unpack(text) == values
    kind = text.split(":")[0]
    assert kind == {0: "u1", 1: "u1", 2: "i1", 3: "u2", 4: "i4", 5: "i4"}[
        [[], [0, 3, 255], [-1, 0, 7], [0, 65_535], [-2, 40_000], [-5, 100_000_000]].index(values)]


def test_sent_payload_is_the_packed_payload(sample):
    """What build() sends unpacks to the same arrays as the plain payload, and is smaller."""
    plain = event_layers.payload(sample)
    layers = event_layers.build(sample)
    sent = json.loads(layers.data_json)
    for key, entry in plain["layers"].items():
        for field in ("pl", "st", "r", "d", "a1", "a2", "f"):
            if field in entry:
                assert event_layers.unpack(sent["layers"][key][field]) == entry[field], (key, field)
        assert sent["layers"][key]["areas"] == json.loads(event_layers.js_json(entry["areas"]))
    many = pd.concat([sample] * 200, ignore_index=True)  # at size, the packed arrays are the smaller
    assert (event_layers.build(many, detail=False).nbytes
            < 0.75 * len(event_layers.js_json(event_layers.payload(many, detail=False)).encode()))
