"""The control map in the browser: areas shaded by side, contested cells hatched, the front line drawn.

:func:`build_control_map` draws a :class:`core.control.areas.ControlMap` on an offline folium map, with the
strikes of the chosen day or week on top. The areas (cells dissolved by controller) carry the shading;
the cells on top of them are transparent, carry a tooltip (name, controller, since when) and answer
clicks; the evidence of a cell is looked up on the server (:meth:`ControlMap.cell_at`) and shown beside
the map, so the page never ships every evidence sentence to the browser.
"""

from __future__ import annotations

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import Element

from core.control.areas import ControlMap
from core.control.model import CONTESTED, rules, state_colour, state_label
from core.views import assets
from core.views.maps import HtmlControl, boundaries, esc, map_style, page_css, side_colour
from core.views.popups import popup_html

HATCH_ID = "rasd-hatch"
DRAW_DECIMALS = 4  # ~10 m: finer than the cells' own precision on screen
CELL_SIMPLIFY_DEG = 0.0004  # ~40 m
MAX_CELL_OUTLINES = 1500  # beyond, the outlines would be noise at the zoom that shows them all (and megabytes)


def _hatch_defs() -> str:
    colour = rules().style.get("hatch_colour", "#444444")
    return (f'<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
            f'<pattern id="{HATCH_ID}" patternUnits="userSpaceOnUse" width="8" height="8" '
            f'patternTransform="rotate(45)"><rect width="8" height="8" fill="{state_colour(CONTESTED)}" '
            f'fill-opacity="0.25"/><line x1="0" y1="0" x2="0" y2="8" stroke="{colour}" stroke-width="3"/>'
            "</pattern></defs></svg>")


def _rounded(geometry):
    return shapely.transform(geometry, lambda xy: np.round(xy, DRAW_DECIMALS))


def area_style(controller: str) -> dict:
    opacity = float(rules().style.get("fill_opacity", 0.38))
    colour = state_colour(controller)
    if controller == CONTESTED:
        return {"color": colour, "weight": 1, "fillColor": f"url(#{HATCH_ID})", "fillOpacity": 1.0}
    return {"color": colour, "weight": 1, "fillColor": colour, "fillOpacity": opacity}


def areas_geojson(control: ControlMap) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": shapely.geometry.mapping(_rounded(row.geometry)),
         "properties": {"controller": row.controller, "label": esc(row.label), "n": int(row.n_communities)}}
        for row in control.areas.itertuples()]}


def cells_geojson(control: ControlMap) -> dict:
    """The shaded cells with what their tooltip shows (escaped); no evidence text (looked up on click)."""
    features = []
    geometries = shapely.simplify(control.cells.geometry.to_numpy(), CELL_SIMPLIFY_DEG, preserve_topology=True)
    for row, geometry in zip(control.cells.itertuples(), geometries, strict=True):
        name = " · ".join(esc(v) for v in (row.name_en, row.name_ar) if isinstance(v, str) and v)
        state = state_label(row.controller) + (f" ({esc(row.claim_sides.replace('|', ' / '))})"
                                               if row.controller == CONTESTED else "")
        features.append({"type": "Feature", "geometry": shapely.geometry.mapping(_rounded(geometry)),
                         "properties": {"pcode": row.pcode, "place": name, "held_by": esc(state),
                                        "since": pd.Timestamp(row.since).date().isoformat(),
                                        "basis": "baseline" if row.source == "baseline" else "report"}})
    return {"type": "FeatureCollection", "features": features}


def legend_html(control: ControlMap, strikes: int, window: str) -> str:
    rows = []
    for controller in control.controllers:
        style = area_style(controller)
        swatch = (f'background:{style["fillColor"]};opacity:.8' if controller != CONTESTED else
                  f"background:repeating-linear-gradient(45deg,{rules().style.get('hatch_colour', '#444')} 0 3px,"
                  f"{state_colour(CONTESTED)}55 3px 7px)")
        rows.append(f'<div class="rasd-row"><span class="rasd-sw" style="{swatch}"></span> '
                    f'{esc(state_label(controller))} · <span class="ar">{esc(state_label(controller, "ar"))}</span>'
                    "</div>")
    line = rules().style
    if control.front is not None and not control.front.is_empty:
        rows.append(f'<div class="rasd-row"><span style="display:inline-block;width:18px;border-top:'
                    f'{line.get("line_weight", 3)}px solid {line.get("line_colour", "#111")}"></span> '
                    'Front line · <span class="ar">خط التماس</span></div>')
    if strikes:
        rows.append(f'<div class="rasd-row"><span class="rasd-sw" style="border-radius:50%;background:#555"></span>'
                    f" {strikes} strike(s), {esc(window)}</div>")
    if len(control.cells) > MAX_CELL_OUTLINES:
        rows.append(f"<div><small>{len(control.cells):,} communities: outlines not drawn; click the map for a "
                    "place's evidence</small></div>")
    note = esc(control.legend_note())
    return (f'<details open><summary>Control as of {control.as_of:%Y-%m-%d} · <span class="ar">السيطرة</span>'
            f'</summary><div>{"".join(rows)}<p class="rasd-control-note" style="margin:4px 0 0;max-width:230px;'
            f'white-space:normal"><i>{note}</i><br><span class="ar">مستمدة من التقارير، ليست مسحاً ميدانياً</span>'
            "</p></div></details>")


def _basemap(m: folium.Map) -> None:
    base = map_style()["basemap"]
    adm0 = boundaries(0)
    if adm0:
        folium.GeoJson(adm0, name="Syria", interactive=False, control=False,
                       style_function=lambda _f: {"color": base["adm0_line"], "weight": 1.5,
                                                  "fillColor": base["land"], "fillOpacity": 1.0}).add_to(m)
    for level, colour, weight, dash in ((2, base["adm2_line"], 0.8, "2 3"), (1, base["adm1_line"], 1.6, None)):
        data = boundaries(level)
        if data:
            folium.GeoJson(data, interactive=False, control=False,
                           style_function=lambda _f, c=colour, w=weight, d=dash: {"color": c, "weight": w,
                                                                                 "dashArray": d, "fill": False}
                           ).add_to(m)


def build_control_map(control: ControlMap, strikes: pd.DataFrame | None = None, *, window: str = "",
                      title: str = "") -> folium.Map:
    """A folium map of ``control`` with ``strikes`` (rows of the event table) drawn on top."""
    style = map_style()
    m = folium.Map(location=style["map"]["center"], zoom_start=style["map"]["zoom"], tiles=None,
                   control_scale=True, min_zoom=style["map"]["min_zoom"], max_zoom=style["map"]["max_zoom"])
    m.default_js = [(n, u) for n, u in folium.Map.default_js if n in ("leaflet", "jquery")]
    m.default_css = [(n, u) for n, u in folium.Map.default_css if n == "leaflet_css"]
    m.options["maxZoom"] = style["map"]["max_zoom"]
    m.options["minZoom"] = style["map"]["min_zoom"]
    m.get_root().header.add_child(Element(page_css()), name="rasd_css")
    m.get_root().html.add_child(Element(_hatch_defs()), name="rasd_hatch")
    _basemap(m)

    group = folium.FeatureGroup(name="Control · السيطرة", overlay=True, show=True)
    if not control.areas.empty:
        folium.GeoJson(areas_geojson(control), interactive=False, className="rasd-control-area",
                       style_function=lambda f: area_style(f["properties"]["controller"])).add_to(group)
    if 0 < len(control.cells) <= MAX_CELL_OUTLINES:
        folium.GeoJson(cells_geojson(control), className="rasd-control-cell", zoom_on_click=False,
                       style_function=lambda _f: {"color": "#333333", "weight": 0.4, "opacity": 0.5,
                                                  "fillColor": "#000000", "fillOpacity": 0.0},
                       highlight_function=lambda _f: {"weight": 2, "opacity": 1},
                       tooltip=folium.GeoJsonTooltip(fields=["place", "held_by", "since", "basis"],
                                                     aliases=["Place", "Held by", "Since", "Basis"])).add_to(group)
    if control.front is not None and not control.front.is_empty:
        line = rules().style
        folium.GeoJson(shapely.geometry.mapping(_rounded(control.front)), interactive=False,
                       className="rasd-front-line",
                       style_function=lambda _f: {"color": line.get("line_colour", "#111111"),
                                                  "weight": line.get("line_weight", 3), "opacity": 0.9}
                       ).add_to(group)
    group.add_to(m)

    n_strikes = 0
    if strikes is not None and not strikes.empty:
        on_map = strikes[strikes["lat"].notna() & strikes["lon"].notna()]
        layer = folium.FeatureGroup(name=f"Strikes, {window} · الضربات", overlay=True, show=True)
        for row in on_map.to_dict("records"):
            colour = side_colour(row.get("actor1_side"))
            folium.CircleMarker([float(row["lat"]), float(row["lon"])], radius=6, color="#ffffff", weight=1.2,
                                fill=True, fill_color=colour, fill_opacity=0.95, class_name="rasd-strike",
                                popup=folium.Popup(popup_html(row), max_width=360, parse_html=False)).add_to(layer)
        n_strikes = len(on_map)
        layer.add_to(m)

    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    HtmlControl(legend_html(control, n_strikes, window), "bottomright").add_to(m)
    if title.strip():
        HtmlControl(f"<bdi>{esc(title.strip())}</bdi>", "topleft", "rasd-map-title").add_to(m)
    _fit(m, control)
    assets.localize_element(m)
    return m


def _fit(m: folium.Map, control: ControlMap) -> None:
    if control.cells.empty:
        return
    x0, y0, x1, y1 = control.cells.total_bounds
    pad = 0.08
    m.fit_bounds([[y0 - pad, x0 - pad], [y1 + pad, x1 + pad]], max_zoom=11)


def map_html_size(m: folium.Map) -> int:
    """Bytes of the map's HTML as the browser receives it (the page's iframe document)."""
    return len(m.get_root().render().encode("utf-8"))


