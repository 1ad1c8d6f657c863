"""The maps the views draw: the base map (core.views.maps: basemap, boundaries, roads, legend) with the
event-layer runtime, and, for standalone files, the base map with the event layers (core.views.event_layers)."""

from __future__ import annotations

import folium
import pandas as pd
from branca.element import Element

from core.views import assets, event_layers
from core.views.maps import (
    MAP_CSS,
    MAP_JS,
    BaseView,
    HtmlControl,
    _add_basemap,
    _add_reference,
    base_view,
    esc,
    legend_html,
    map_counts,
    map_style,
    page_css,
)


def base_map(events: pd.DataFrame | None = None, *, view: BaseView | None = None, tiles_online: bool = True,
             show_reference: bool = True) -> folium.Map:
    """The map without events: basemap, boundaries, roads, legend, the event-layer runtime.

    ``events`` (the whole table, not the filtered view) or its precomputed ``view`` only set the legend's
    entries and the first view, so the map stays the same while the analyst filters; events are added as
    layers (:mod:`core.views.event_layers`). Build a fresh one per use: streamlit-folium renames what it
    renders."""
    style = map_style()
    m = folium.Map(location=style["map"]["center"], zoom_start=style["map"]["zoom"], tiles=None,
                   control_scale=True, min_zoom=style["map"]["min_zoom"], max_zoom=style["map"]["max_zoom"])
    # Only what this map uses: Leaflet (no Bootstrap, icon fonts or awesome-markers: the markers are drawn
    # by event_layers.js). Saves ~1.5 MB per page and per exported file.
    m.default_js = [(name, url) for name, url in folium.Map.default_js if name in MAP_JS]
    m.default_css = [(name, url) for name, url in folium.Map.default_css if name in MAP_CSS]
    m.options["maxZoom"] = style["map"]["max_zoom"]  # no tile layer carries it: set it on the map itself
    m.options["minZoom"] = style["map"]["min_zoom"]
    m.get_root().header.add_child(Element(page_css()), name="rasd_css")
    _add_basemap(m, tiles_online)
    reference = _add_reference(m) if show_reference else []
    event_layers.EventRuntime().add_to(m)
    view = view or base_view(events)
    HtmlControl(legend_html(list(view.types), list(view.sides), {"marker", "hollow", "area"}, reference),
                "bottomright").add_to(m)
    if view.bounds:
        # Without the zoom animation: layers added while it runs would be drawn twice (before and after).
        fit = folium.FitBounds([list(view.bounds[0]), list(view.bounds[1])], max_zoom=11)
        fit.options["animate"] = False
        m.add_child(fit)
    assets.localize_element(m)
    return m


def build_map(events: pd.DataFrame, *, title: str = "", tiles_online: bool = True, show_reference: bool = True,
              day_control: bool = False, limit: int | None = None, detail: bool | None = None) -> folium.Map:
    """A whole folium map of ``events`` (rows of the event table): the base map, the event layers and the
    layer control, for standalone files (HTML export, view image). The dashboard sends the base map and the
    layers separately (pages/map.py)."""
    df = events if events is not None else pd.DataFrame()
    m = base_map(df, tiles_online=tiles_online, show_reference=show_reference)
    layers = event_layers.build(df, limit=limit or event_layers.DEFAULT_LIMIT, detail=detail,
                                day_control=day_control)
    event_layers.add_to_map(m, layers)
    notes = [f"<bdi>{esc(title.strip())}</bdi>"] if title.strip() else []
    counts = map_counts(df)
    if not counts["events"]:
        notes.append("<bdi>no events to show</bdi> · <bdi>لا أحداث</bdi>")
    elif counts["not_drawn"]:
        notes.append(f"<bdi>{counts['not_drawn']} event(s) without a map location not drawn</bdi>")
    if notes:
        HtmlControl(" — ".join(notes), "topleft", "rasd-map-title").add_to(m)
    assets.localize_element(m)
    return m
