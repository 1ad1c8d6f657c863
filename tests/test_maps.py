"""The folium event map (core.views.maps): what is drawn, how, and that hostile text stays text."""

from __future__ import annotations

import re

import folium
import pandas as pd
import pytest

from core.table.store import read_table
from core.views import assets, maps
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
                      "visible_markers": 8, "visible_areas": 1}
    assert maps.map_counts(sample, time_slider=True)["visible_markers"] == 0


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


def test_layers_markers_and_reference(sample):
    m = maps.build_map(sample, title="Test")
    page = render(m)
    names = [child.layer_name for child in m._children.values() if isinstance(child, folium.FeatureGroup)]
    assert page.count("L.marker(") == 9  # 7 exact + 2 near (areas are not markers)
    assert page.count("L.circle(") == 2  # the two region rows without admin geometry
    for name in ("Strikes · الضربات", "Ground fighting · المعارك البرية", "Advances and withdrawals",
                 "Governorates · المحافظات", "Districts · المناطق", "Offline basemap"):
        assert any(n.startswith(name) for n in names), (name, names)
    assert "rasd-adm1" in page and "rasd-adm2" in page and "rasd-adm0" in page
    assert '"maxZoom": 15' in page  # no tile layer carries maxZoom: the map must
    assert "stroke-dasharray" in page  # hollow markers for near/axis places
    assert "L.control.layers" in page


def test_online_tiles_are_optional_and_hidden(sample):
    page = render(maps.build_map(sample))
    tile_vars = re.findall(r"var (tile_layer_\w+) = L\.tileLayer\(", page)
    assert len(tile_vars) == 3
    for var in tile_vars:
        assert f"{var}.addTo(" not in page  # in the layer control only
    assert "tileLayer" not in render(maps.build_map(sample, tiles_online=False))


def test_other_layer_hidden_and_view_fits_shown_layers(sample):
    m = maps.build_map(sample)
    page = render(m)
    groups = {fg.layer_name: fg for fg in m._children.values() if isinstance(fg, folium.FeatureGroup)}
    assert groups["Other events · أحداث أخرى"].show is False
    assert groups["Strikes · الضربات"].show is True
    bounds = re.search(r"fitBounds\(\s*\[\[([\d.]+), ([\d.]+)\], \[([\d.]+), ([\d.]+)\]\]", page)
    assert bounds and float(bounds.group(3)) < 37  # Ankara (lat 39.9, other layer) is not in the initial view


def test_region_with_admin_pcode_uses_the_unit_outline():
    feature = maps.region_feature("SY07")
    assert feature is not None and feature["properties"]["ADM1_EN"] in ("Idlib", "Idleb")
    assert maps.region_feature("C3916") is None and maps.region_feature(None) is None
    page = render(maps.build_map(frame(row(geo_precision=3, geo_status="region", pcode="SY07", lat=35.8,
                                           lon=36.6))))
    assert "L.circle(" not in page and page.count("rasd-area") >= 1
    assert "L.marker(" not in page


def test_empty_table_gives_a_basemap_with_a_note():
    page = render(maps.build_map(frame(row()).iloc[0:0]))
    assert "no events to show" in page and "rasd-adm1" in page


def test_clustering_and_heat_when_many():
    rows = [row(event_id=f"e{i}", lat=35.5 + (i % 20) * 0.02, lon=36.4 + (i // 20) * 0.02, group_id=f"g{i}")
            for i in range(maps.map_style()["map"]["cluster_threshold"] + 10)]
    page = render(maps.build_map(frame(*rows)))
    assert "L.markerClusterGroup" in page and "L.heatLayer" in page
    few = render(maps.build_map(frame(*rows[:5])))
    assert "L.markerClusterGroup" not in few
    forced = render(maps.build_map(frame(*rows[:5]), cluster=True))
    assert "L.markerClusterGroup" in forced


def test_time_slider(sample):
    m = maps.build_map(sample, time_slider=True)
    page = render(m)
    assert "timeDimension" in page and "P1D" in page
    groups = [fg for fg in m._children.values() if isinstance(fg, folium.FeatureGroup) and fg.overlay]
    event_groups = [fg for fg in groups if "·" in fg.layer_name and "Governorates" not in fg.layer_name
                    and "Districts" not in fg.layer_name and "M4" not in fg.layer_name]
    assert event_groups and all(fg.show is False for fg in event_groups)
    assert '"2020-02-10"' in page  # a day of the fixture on the slider


def test_roads_drawn_when_available_and_absent_otherwise(sample, monkeypatch):
    monkeypatch.setattr(maps, "reference_roads", lambda: {"M5": [(35.5, 36.7), (36.1, 36.9)]})
    assert "rasd-road" in render(maps.build_map(sample))
    monkeypatch.setattr(maps, "reference_roads", lambda: {})
    assert "rasd-road" not in render(maps.build_map(sample))


def test_reference_roads_survives_a_missing_gazetteer(monkeypatch):
    import core.geo.gazetteer

    def broken():
        raise FileNotFoundError("geodata/build/roads.json")

    monkeypatch.setattr(core.geo.gazetteer, "road_lines", broken)
    assert maps.reference_roads() == {}


def test_missing_boundaries_are_reported_not_fatal(tmp_path):
    assert maps.boundaries(1, tmp_path) is None


# ---- popups and hostile text -------------------------------------------------------------------------

def test_popup_has_every_field(sample):
    first = sample[sample["event_id"] == "f1"].iloc[0].to_dict()
    popup = maps.popup_html(first, n_reports=2)
    for expected in ("Airstrike", "غارة جوية", "2020-02-10", "(day)", "Russia", "سراقب", "Saraqab",
                     "Fatalities", "</b> 3</p>", "غارات روسية على مدينة سراقب أمس", 'href="https://example.org/fx_a"',
                     "Fixture outlet", "Reports in group:</b> 2", 'dir="rtl"'):
        assert expected in popup, expected


def test_reports_in_group_counted_over_documents(sample):
    page = render(maps.build_map(sample))
    assert page.count("Reports in group:</b> 2") == 2  # f1 and f11 share a group across two documents


HOSTILE = {
    "evidence": '<img src=x onerror="alert(1)"> `${alert(2)}` \\u0060',
    "place_en": "</script><script>alert(3)</script>",
    "place_ar": "<b onmouseover=alert(4)>سراقب</b>",
    "outlet": "<svg onload=alert(5)>",
    "url": "javascript:alert(6)",
}


def test_hostile_text_is_escaped():
    m = maps.build_map(frame(row(**HOSTILE)))
    page = render(m)
    for raw in ("<img src=x", "<script>alert(3)", "<b onmouseover", "<svg onload", "javascript:alert",
                "${alert(2)}", "`${", "\\u0060"):
        assert raw not in page, raw
    assert "&lt;img src=x" in page and "&lt;/script&gt;" in page
    popup = maps.popup_html(row(**HOSTILE))
    assert "<a " not in popup  # a javascript: URL gives no link
    assert "`" not in popup and "$" not in popup


def test_tooltip_escaped():
    tip = maps.tooltip_text(row(place_en="<i>x</i>`"))
    assert "<i>" not in tip and "`" not in tip and "&lt;i&gt;" in tip


def test_icons_are_drawn_svg_not_font_icons(sample):
    page = render(maps.build_map(sample))
    assert "<svg" in page or "\\u003csvg" in page
    assert "fa-" not in re.sub(r"<style>.*?</style>|<script>.*?</script>", "", page, flags=re.S)
    for event_type in ("airstrike", "shelling", "territory_taken", "armed_clash"):
        assert maps.shape_path(event_type) != maps.shape_path("default")


def test_side_colours_come_from_sides_yaml():
    from core import vocab

    assert maps.side_colour("turkey") == vocab.sides()["turkey"]["colour"]
    assert maps.side_colour(None) == vocab.sides()["unknown"]["colour"]
    assert maps.side_colour("no-such-side") == vocab.sides()["unknown"]["colour"]


def test_map_html_is_offline_with_local_assets(sample):
    assets.use_local_assets()
    page = render(maps.build_map(sample, time_slider=True))
    assert assets.remote_assets(page) == []


def test_icons_at_the_same_point_fan_out_but_keep_coordinates(sample):
    same = sample[sample["pcode"] == "C3916"]  # three events at Saraqab's exact point in the fixture
    assert len(same) == 3
    offsets = maps._fan_offsets(same.to_dict("records"))
    assert len(set(offsets)) == 3 and all(abs(dx) + abs(dy) > 0 for dx, dy in offsets)
    page = render(maps.build_map(sample))
    assert page.count("[35.86, 36.81]") == 3  # every marker stays at the place's coordinates
    assert maps._fan_offsets([{"lat": 35.0, "lon": 36.0}]) == [(0, 0)]


def test_events_at_click_finds_markers_and_region_areas():
    from core.table.store import read_table
    from core.views.maps import events_at_click, tooltip_text
    from tests.fixtures_paths import SAMPLE_TABLE

    df = read_table(SAMPLE_TABLE)
    saraqib = df[df["pcode"] == "C3916"]
    hits = events_at_click(df, float(saraqib["lat"].iloc[0]), float(saraqib["lon"].iloc[0]))
    assert set(hits["event_id"]) == set(saraqib["event_id"])
    assert list(hits["date"]) == sorted(hits["date"], reverse=True)
    region = df[df["geo_status"] == "region"].iloc[0]
    import html

    area = events_at_click(df, None, None, html.unescape(tooltip_text(region.to_dict())))
    assert list(area["event_id"]) == [region["event_id"]]
    assert events_at_click(df, 10.0, 10.0).empty
