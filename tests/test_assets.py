"""Offline map assets (core.views.assets): local copies, folium pointed at them, inlined HTML, the remote check."""

from __future__ import annotations

import argparse
import json
import re
import sys

import folium
import pytest
from folium.plugins import Fullscreen, HeatMap, MarkerCluster, TimestampedGeoJson

from core.views import assets


@pytest.fixture(scope="module")
def vendor(tmp_path_factory):
    out = tmp_path_factory.mktemp("vendor")
    manifest = assets.write_assets(out)
    return out, manifest


def plugin_map() -> folium.Map:
    m = folium.Map(location=[35.8, 36.6], zoom_start=9, tiles=None)
    cluster = MarkerCluster().add_to(m)
    folium.Marker([35.8, 36.6], icon=folium.DivIcon(html="<b>x</b>")).add_to(cluster)
    HeatMap([[35.8, 36.6], [35.9, 36.7]]).add_to(m)
    Fullscreen().add_to(m)
    TimestampedGeoJson({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [36.6, 35.8]},
        "properties": {"times": ["2020-02-01"]}}]}).add_to(m)
    folium.LayerControl().add_to(m)
    return m


def test_every_required_asset_is_written(vendor):
    out, manifest = vendor
    required = assets.required_assets()
    assert set(required) <= set(manifest["files"])
    assert manifest["folium"] == folium.__version__ == assets.FOLIUM_VERSION
    for url, info in manifest["files"].items():
        path = out / info["path"]
        assert path.exists() and path.stat().st_size == info["bytes"] > 0, url
        assert path.suffix == "." + info["kind"]
    leaflet = out / manifest["files"]["https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"]["path"]
    assert "L.Map" in leaflet.read_text(encoding="utf-8") or "Map=" in leaflet.read_text(encoding="utf-8")
    # streamlit-folium's hard-coded d3 links are covered too
    for url in assets.STREAMLIT_FOLIUM_EXTRA_JS:
        assert url in manifest["files"]


def test_written_stylesheets_fetch_nothing(vendor):
    out, manifest = vendor
    for info in manifest["files"].values():
        if info["kind"] == "css":
            css = (out / info["path"]).read_text(encoding="utf-8")
            refs = [r for r in re.findall(r"url\(\s*['\"]?([^'\")]*)", css) if not r.startswith(("data:", "#"))]
            assert refs == [], (info["path"], refs[:3])


def test_sanitize_css_keeps_embedded_fonts():
    css = ("@font-face{font-family:G;src:url('//cdn.example/x.eot');"
           "src:url('//cdn.example/x.eot?#iefix') format('embedded-opentype'),"
           "url(data:font/woff;base64,AAAA) format('woff'),url(../fonts/x.ttf) format('truetype')}"
           ".a{background:url(images/a.png)}.b{background:url(data:image/png;base64,BBBB)}")
    out = assets.sanitize_css(css)
    assert "cdn.example" not in out and "../fonts" not in out and "images/a.png" not in out
    assert "src:url(data:font/woff;base64,AAAA) format('woff')" in out
    assert "url(data:image/png;base64,BBBB)" in out


def test_vendor_relpath_is_safe_and_typed():
    rel = assets.vendor_relpath("https://unpkg.com/@joergdietrich/leaflet.terminator", "js")
    assert rel == "unpkg.com/_joergdietrich/leaflet.terminator.js"
    assert assets.vendor_relpath("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css") == \
        "cdn.jsdelivr.net/npm/leaflet_1.9.3/dist/leaflet.css"
    assert ".." not in assets.vendor_relpath("https://evil.example/../../etc/passwd.js")


def test_use_local_assets_points_folium_and_plugins_at_local_urls(monkeypatch):
    monkeypatch.delenv(assets.DISABLE_ENV, raising=False)
    assert assets.use_local_assets("/app/static/vendor") is True
    for cls in (folium.Map, MarkerCluster, HeatMap, TimestampedGeoJson, Fullscreen):
        for _, url in list(cls.default_js) + list(cls.default_css):
            assert url.startswith("/app/static/vendor/"), (cls.__name__, url)
    html = plugin_map().get_root().render()
    assert assets.remote_assets(html) == []
    assert '<script src="/app/static/vendor/cdn.jsdelivr.net/npm/leaflet_1.9.3/dist/leaflet.js">' in html
    # idempotent, and a new base replaces the old one (no double prefix)
    assets.use_local_assets("/other/base")
    assets.use_local_assets("/other/base")
    assert folium.Map.default_js[0][1] == "/other/base/cdn.jsdelivr.net/npm/leaflet_1.9.3/dist/leaflet.js"
    assets.use_local_assets()
    assert folium.Map.default_js[0][1].startswith("/app/static/vendor/")


def test_disable_env_skips_the_step(monkeypatch):
    monkeypatch.setenv(assets.DISABLE_ENV, "1")
    assert assets.use_local_assets("/somewhere/else") is False
    assert not folium.Map.default_js[0][1].startswith("/somewhere/else")


def test_streamlit_folium_links_are_rewritten(monkeypatch):
    import streamlit_folium

    calls = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: calls.append(kw))
    monkeypatch.delenv(assets.DISABLE_ENV, raising=False)
    assets.use_local_assets()
    streamlit_folium._component_func(css_links=[], js_links=list(assets.STREAMLIT_FOLIUM_EXTRA_JS) + [
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"])
    assert all(link.startswith("/app/static/vendor/") for link in calls[0]["js_links"])
    with pytest.raises(assets.RemoteAssetError):
        streamlit_folium._component_func(css_links=["https://unknown.example/x.css"], js_links=[])


@pytest.mark.parametrize("html", [
    '<script src="https://cdn.example/x.js"></script>',
    "<link rel='stylesheet' href='//cdn.example/x.css'/>",
    "<style>.a{background:url(https://cdn.example/a.png)}</style>",
    '<style>@import url("https://fonts.example/css");</style>',
    '<img src="http://tracker.example/p.gif">',
    '<iframe src="https://maps.example/embed"></iframe>',
])
def test_remote_assets_are_caught(html):
    with pytest.raises(assets.RemoteAssetError):
        assets.assert_no_remote_assets(html)


def test_links_and_tile_templates_are_not_assets():
    html = ('<a href="https://example.org/report" target="_blank">source</a>'
            '<script>L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {})</script>'
            '<script src="/app/static/vendor/x.js"></script><svg xmlns="http://www.w3.org/2000/svg"></svg>')
    assets.assert_no_remote_assets(html)


def test_inline_html_is_self_contained():
    html = assets.inline_html(plugin_map())
    assert "<script src=" not in html and "<link rel=\"stylesheet\"" not in html
    assert assets.remote_assets(html) == []
    assert "markerClusterGroup" in html and len(html) > 500_000


def test_command_line(tmp_path, capsys):
    out = tmp_path / "v"
    assert assets.run(argparse.Namespace(out=str(out), check=True)) == 1
    assert assets.run(argparse.Namespace(out=str(out), check=False)) == 0
    assert assets.run(argparse.Namespace(out=str(out), check=True)) == 0
    manifest = json.loads((out / assets.MANIFEST_NAME).read_text(encoding="utf-8"))
    first = next(iter(manifest["files"].values()))
    (out / first["path"]).unlink()
    assert assets.run(argparse.Namespace(out=str(out), check=True)) == 1
    assert "missing" in capsys.readouterr().err


def test_core_does_not_import_streamlit():
    import importlib

    for name in ("core.views.assets", "core.views.maps"):
        module = importlib.import_module(name)
        source = open(module.__file__, encoding="utf-8").read()
        assert not re.search(r"^\s*(import|from)\s+streamlit", source, flags=re.M), name
    assert "core.views.assets" in sys.modules
