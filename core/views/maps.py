"""The event map: a folium map of the event table that works offline.

What is drawn (style in core/lexicons/map_style.yaml, side colours in sides.yaml):

* an offline basemap from the project's boundary layers (Syria's land on a neutral background,
  governorates, districts, the M4/M5 roads); online tile layers are optional, never shown by default;
* one layer per event layer (strikes, ground fighting, advances; other events hidden), with a shape per
  event type and a colour per side (actor1's side);
* geo precision made visible: exact places are filled markers, "near"/axis places hollow dashed
  markers, region-level events shaded areas (the admin unit's outline or a circle), never dots;
  unresolved rows are not drawn;
* popups with every value HTML-escaped, a legend, clustering and a heat layer when many events are
  shown, and optionally a time slider that plays the days.

Only what the browser needs is referenced: call :func:`core.views.assets.use_local_assets` first when the map
is served offline (the dashboard does), or use :func:`core.views.assets.inline_html` for a standalone file.
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
from functools import cache
from pathlib import Path

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.plugins import HeatMap, MarkerCluster, TimestampedGeoJson
from folium.template import Template

from core import vocab
from core.paths import BUILD_DIR
from core.views import assets

log = logging.getLogger(__name__)


FONT_STACK = '"Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", "DejaVu Sans", sans-serif'
ADMIN_PCODE = re.compile(r"^SY\d{2}(\d{2}(\d{2})?)?$")
UNKNOWN_SIDE = "unknown"
MAP_JS = ("leaflet", "jquery")
MAP_CSS = ("leaflet_css",)


# ---- style and reference data -------------------------------------------------------------------------

@cache
def map_style() -> dict:
    return vocab.load_yaml("map_style.yaml")


def side_colour(side: str | None) -> str:
    sides = vocab.sides()
    spec = sides.get(side or UNKNOWN_SIDE) or sides.get(UNKNOWN_SIDE, {})
    return spec.get("colour", "#34495e")


@cache
def boundaries(level: int, build_dir: Path = BUILD_DIR) -> dict | None:
    """The admin-level GeoJSON from geodata/build (None when it has not been built)."""
    path = Path(build_dir) / f"adm{level}.geojson"
    if not path.exists():
        log.warning("%s missing: run `make geodata`; the map has no boundaries", path)
        return None
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _admin_features() -> dict[str, dict]:
    features = {}
    for level in (1, 2, 3):
        data = boundaries(level)
        for feature in (data or {}).get("features", []):
            pcode = feature.get("properties", {}).get(f"ADM{level}_PCODE")
            if pcode:
                features[pcode] = feature
    return features


def region_feature(pcode: str | None) -> dict | None:
    """The admin unit's boundary feature for an admin P-code (SY07, SY0703, SY070300), else None."""
    if not pcode or not ADMIN_PCODE.match(str(pcode)):
        return None
    return _admin_features().get(str(pcode))


def reference_roads() -> dict[str, list[tuple[float, float]]]:
    """M4/M5 lines from the gazetteer module; empty (with a log line) while it is not available."""
    try:
        from core.geo.gazetteer import road_lines
        return dict(road_lines() or {})
    except (ImportError, AttributeError, OSError, ValueError, KeyError) as exc:
        log.info("road lines not available yet (%s): drawn without M4/M5", exc)
        return {}


# ---- text --------------------------------------------------------------------------------------------

def esc(value) -> str:
    """HTML-escape a value for a popup or tooltip.

    folium puts popup and tooltip HTML inside JavaScript template literals, so backticks, ``$`` and
    backslashes are escaped too: hostile text can neither run as HTML nor break out of the literal.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = html.escape(str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def _present(value) -> bool:
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return str(value).strip() not in ("", "nan", "NaT", "None", "<NA>")


def _date_text(row) -> str:
    def fmt(v):
        return pd.Timestamp(v).date().isoformat() if _present(v) else ""

    start, end, day = fmt(row.get("date_start")), fmt(row.get("date_end")), fmt(row.get("date"))
    precision = row.get("time_precision") or "unknown"
    if start and end and start != end:
        text = f"{start} – {end}"
    else:
        text = day or start or "date unknown · تاريخ غير معروف"
    return f"{text} ({precision})"


def _actor_text(actor, side) -> str:
    if not _present(actor):
        return ""
    spec = vocab.actors().get(str(actor))
    label = spec.label_en if spec else str(actor)
    side_spec = vocab.sides().get(str(side) if _present(side) else "", {})
    side_text = f" ({side_spec.get('label_en', '')} · {side_spec.get('label_ar', '')})" if side_spec else ""
    return label + side_text


PRECISION_TEXT = {
    1: "exact place · مكان محدد",
    2: "near / axis · بالقرب / محور",
    3: "region · منطقة",
}


def safe_link(url) -> str:
    """An http(s) URL, escaped, or "" (no javascript: or data: links in popups)."""
    if not _present(url):
        return ""
    url = str(url).strip()
    return esc(url) if re.match(r"^https?://", url, flags=re.I) else ""


def popup_html(row, n_reports: int = 1) -> str:
    """The popup of one event: every value escaped, Arabic paragraphs right-to-left."""
    types = vocab.event_types()
    spec = types.get(str(row.get("type")), {})
    lines = [
        f'<p class="rasd-title"><b>{esc(spec.get("label_en", row.get("type")))}</b> · '
        f'<span class="ar" dir="rtl">{esc(spec.get("label_ar", ""))}</span></p>',
        f'<p><b>Date:</b> {esc(_date_text(row))}</p>',
    ]
    actors = [a for a in (_actor_text(row.get("actor1"), row.get("actor1_side")),
                          _actor_text(row.get("actor2"), row.get("actor2_side"))) if a]
    if actors:
        lines.append(f"<p><b>Actors:</b> {' → '.join(esc(a) for a in actors)}</p>")
    place = " · ".join(esc(v) for v in (row.get("place_ar"), row.get("place_en")) if _present(v))
    admin = " / ".join(esc(v) for v in (row.get("admin2_name"), row.get("admin1_name")) if _present(v))
    if not admin and _present(row.get("admin1_pcode")):
        admin = esc(row.get("admin1_pcode"))
    if place:
        precision = row.get("geo_precision")
        precision_text = PRECISION_TEXT.get(int(precision), "") if _present(precision) else ""
        lines.append(f'<p dir="auto"><b>Place:</b> {place}'
                     + (f" <small>({admin})</small>" if admin else "")
                     + (f"<br><small>{esc(precision_text)}</small>" if precision_text else "") + "</p>")
    if _present(row.get("fatalities")):
        lines.append(f'<p><b>Fatalities · <span class="ar">قتلى</span>:</b> {esc(int(row.get("fatalities")))}</p>')
    if _present(row.get("evidence")):
        lines.append(f'<p class="rasd-evidence ar" dir="rtl">«{esc(row.get("evidence"))}»</p>')
    outlet = esc(row.get("outlet")) if _present(row.get("outlet")) else esc(row.get("doc_id"))
    link = safe_link(row.get("url"))
    source = (f'<a href="{link}" target="_blank" rel="noopener noreferrer">{outlet or link}</a>'
              if link else outlet)
    if _present(row.get("published")):
        source += f" <small>({esc(pd.Timestamp(row.get('published')).date().isoformat())})</small>"
    lines.append(f'<p dir="auto"><b>Source:</b> {source}</p>')
    lines.append(f"<p><b>Reports in group:</b> {int(n_reports)}"
                 + (f" · <b>confidence</b> {float(row.get('confidence')):.2f}"
                    if _present(row.get("confidence")) else "") + "</p>")
    return '<div class="rasd-popup">' + "".join(lines) + "</div>"


def tooltip_text(row) -> str:
    spec = vocab.event_types().get(str(row.get("type")), {})
    parts = [spec.get("label_en", row.get("type")), row.get("place_en") or row.get("place_ar")]
    if _present(row.get("date")):
        parts.append(pd.Timestamp(row.get("date")).date().isoformat())
    return " · ".join(esc(p) for p in parts if _present(p))



def events_at_click(frame: pd.DataFrame, lat: float | None, lng: float | None, tooltip: str = "",
                    tol: float = 1e-4) -> pd.DataFrame:
    """The events behind a click on the map, newest first.

    A marker click gives its point (narrowed by the marker's tooltip when several events share it); a
    click inside a region area gives no point but the area's tooltip, matched against region-level rows.
    """
    def same_tooltip(rows: pd.DataFrame) -> pd.DataFrame:
        texts = [html.unescape(tooltip_text(row)).strip() for row in rows.to_dict("records")]
        return rows[[t == tooltip for t in texts]]

    tooltip = (tooltip or "").strip()
    hits = frame.iloc[0:0]
    if lat is not None and lng is not None:
        hits = frame[(frame["lat"] - lat).abs().le(tol) & (frame["lon"] - lng).abs().le(tol)]
        if tooltip and not same_tooltip(hits).empty:
            hits = same_tooltip(hits)
    if hits.empty and tooltip:
        regions = frame[frame["geo_status"].eq("region") | frame["geo_precision"].eq(3)]
        hits = same_tooltip(regions)
    return hits.sort_values("date", ascending=False)

# ---- shapes ----------------------------------------------------------------------------------------------

def shape_path(event_type: str) -> str:
    shapes = map_style()["shapes"]
    return (shapes.get(event_type) or shapes["default"])["path"]


def icon_svg(event_type: str, colour: str, *, hollow: bool = False, size: int | None = None) -> str:
    """An inline SVG marker: filled in the side colour, or hollow with a dashed outline (near/axis)."""
    style = map_style()["marker"]
    size = size or style["size"]
    if hollow:
        paint = (f'fill="{style["hollow_fill"]}" fill-opacity="0.85" stroke="{colour}" stroke-width="2.4" '
                 f'stroke-dasharray="{style["hollow_dash"]}"')
    else:
        paint = f'fill="{colour}" stroke="{style["stroke_filled"]}" stroke-width="1.4"'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 24 24" '
            f'style="overflow:visible;filter:drop-shadow(0 0 1px rgba(0,0,0,.55))">'
            f'<path d="{shape_path(event_type)}" {paint} stroke-linejoin="round"/></svg>')


# ---- what gets drawn -----------------------------------------------------------------------------------

def _with_columns(events: pd.DataFrame) -> pd.DataFrame:
    needed = ("type", "layer", "lat", "lon", "geo_precision", "geo_status", "actor1_side", "pcode",
              "group_id", "doc_id", "date")
    df = events.copy()
    for col in needed:
        if col not in df.columns:
            df[col] = None
    return df


def draw_kind(row) -> str | None:
    """"marker" (exact), "hollow" (near/axis), "area" (region) or None (not drawn: unresolved, no place)."""
    status = str(row.get("geo_status") or "")
    if status in ("unresolved", "none", ""):
        return None
    precision = row.get("geo_precision")
    precision = int(precision) if _present(precision) else None
    has_point = _present(row.get("lat")) and _present(row.get("lon"))
    if status == "region" or precision == 3:
        return "area" if (has_point or region_feature(row.get("pcode"))) else None
    if not has_point:
        return None
    return "marker" if precision == 1 else "hollow"


def plan(events: pd.DataFrame) -> pd.DataFrame:
    """The events with a ``draw`` column (see :func:`draw_kind`)."""
    df = _with_columns(events)
    df["draw"] = [draw_kind(row) for row in df.to_dict("records")] if len(df) else []
    return df


def map_counts(events: pd.DataFrame, *, time_slider: bool = False) -> dict:
    """How many events the map draws, and how: for captions ("3 not drawn: unresolved") and tests.

    ``visible_markers`` counts the markers shown when the map opens (layers shown by default; none
    when the time slider replaces the static layers).
    """
    df = plan(events)
    layers = map_style()["layers"]
    drawn = df[df["draw"].notna()]
    shown_layers = {name for name, spec in layers.items() if spec.get("show", True)}
    point_rows = drawn[drawn["draw"].isin(["marker", "hollow"])]
    visible = 0 if time_slider else int(point_rows["layer"].map(lambda x: _layer_key(x) in shown_layers).sum())
    return {
        "events": int(len(df)),
        "drawn": int(len(drawn)),
        "markers": int((drawn["draw"] == "marker").sum()),
        "hollow": int((drawn["draw"] == "hollow").sum()),
        "areas": int((drawn["draw"] == "area").sum()),
        "not_drawn": int(df["draw"].isna().sum()),
        "visible_markers": visible,
        "visible_areas": 0 if time_slider else int(
            drawn[drawn["draw"] == "area"]["layer"].map(lambda x: _layer_key(x) in shown_layers).sum()),
    }


def _shown_layers() -> set[str]:
    return {name for name, spec in map_style()["layers"].items() if spec.get("show", True)}


def _layer_key(layer) -> str:
    layers = map_style()["layers"]
    return str(layer) if str(layer) in layers else "other"


# ---- map pieces ------------------------------------------------------------------------------------------

class HtmlControl(MacroElement):
    """A Leaflet control holding static HTML (legend, title): part of the map, so it is in every view."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.class_name|tojson }});
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html_text: str, position: str = "bottomright", class_name: str = "rasd-legend"):
        super().__init__()
        self._name = "HtmlControl"
        self.html = html_text
        self.position = position
        self.class_name = class_name


def page_css() -> str:
    base = map_style()["basemap"]
    return f"""<style>
.leaflet-container {{ background: {base['outside']}; font-family: {FONT_STACK}; }}
.rasd-icon {{ background: none; border: none; }}
.rasd-popup {{ font-family: {FONT_STACK}; font-size: 12.5px; line-height: 1.45; min-width: 220px; }}
.rasd-popup p {{ margin: 0 0 4px 0; unicode-bidi: plaintext; }}
.rasd-popup .ar, .rasd-legend .ar {{ direction: rtl; unicode-bidi: isolate; }}
.rasd-popup .rasd-evidence {{ text-align: right; background: #f6f3ee; padding: 4px 6px; border-radius: 3px; }}
.rasd-legend {{ background: rgba(255,255,255,.92); padding: 6px 8px; border-radius: 4px; font-size: 11.5px;
  line-height: 1.35; max-height: 46vh; overflow-y: auto; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  font-family: {FONT_STACK}; }}
.rasd-legend h4 {{ margin: 5px 0 2px; font-size: 12px; font-weight: 600; line-height: 1.3; }}
.rasd-legend summary {{ cursor: pointer; font-weight: 600; font-size: 12px; }}
.rasd-legend .rasd-row {{ display: flex; align-items: center; gap: 5px; white-space: nowrap; unicode-bidi: plaintext; }}
.rasd-legend .rasd-sw {{ display: inline-block; width: 14px; height: 14px; border-radius: 2px; }}
.rasd-title {{ font-family: {FONT_STACK}; }}
.rasd-sep {{ margin: 6px 0; border: 0; border-top: 1px solid #ddd; }}
.rasd-area-list {{ max-height: 320px; overflow-y: auto; }}
.rasd-map-title {{ background: rgba(255,255,255,.92); padding: 4px 8px; border-radius: 4px; font-size: 13px;
  font-weight: 600; font-family: {FONT_STACK}; unicode-bidi: plaintext; max-width: 60vw; }}
</style>"""


def legend_html(types: list[str], sides: list[str], kinds: set[str], reference: list[str]) -> str:
    event_types = vocab.event_types()
    layers = map_style()["layers"]
    grey = "#555555"
    out = ['<details open><summary>Legend · <span class="ar">مفتاح الخريطة</span></summary><div>']
    for layer, spec in layers.items():
        layer_types = [t for t in types if _layer_key(event_types.get(t, {}).get("layer", "other")) == layer]
        if not layer_types:
            continue
        out.append(f'<h4>{esc(spec["label_en"])} · <span class="ar">{esc(spec["label_ar"])}</span></h4>')
        for t in layer_types:
            tspec = event_types.get(t, {})
            out.append(f'<div class="rasd-row">{icon_svg(t, grey, size=14)} {esc(tspec.get("label_en", t))} · '
                       f'<span class="ar">{esc(tspec.get("label_ar", ""))}</span></div>')
    if sides:
        out.append("<h4>Side (actor 1) · <span class=\"ar\">الطرف</span></h4>")
        for side in sides:
            sspec = vocab.sides().get(side, {})
            out.append(f'<div class="rasd-row"><span class="rasd-sw" style="background:{side_colour(side)}"></span> '
                       f'{esc(sspec.get("label_en", side))} · <span class="ar">{esc(sspec.get("label_ar", ""))}'
                       "</span></div>")
    out.append('<h4>Location precision · <span class="ar">دقة الموقع</span></h4>')
    out.append(f'<div class="rasd-row">{icon_svg("default", grey, size=14)} exact place · '
               '<span class="ar">مكان محدد</span></div>')
    out.append(f'<div class="rasd-row">{icon_svg("default", grey, hollow=True, size=14)} near / axis · '
               '<span class="ar">بالقرب / محور</span></div>')
    out.append(f'<div class="rasd-row"><span class="rasd-sw" style="background:{grey}33;border:1.5px dashed {grey};'
               'border-radius:50%"></span> region · <span class="ar">منطقة</span></div>')
    base = map_style()["basemap"]
    ref_rows = {"adm1": (base["adm1_line"], "Governorate · محافظة", "solid"),
                "adm2": (base["adm2_line"], "District · منطقة إدارية", "dotted"),
                "roads": (base["road_line"], "M4 / M5 road · طريق", "solid")}
    if reference:
        out.append('<h4>Reference · <span class="ar">مرجع</span></h4>')
    for key in reference:
        colour, label, line = ref_rows[key]
        out.append(f'<div class="rasd-row"><span style="display:inline-block;width:18px;border-top:2px {line} '
                   f'{colour}"></span> {esc(label)}</div>')
    out.append("</div></details>")
    return "".join(out)


def _add_basemap(m: folium.Map, tiles_online: bool) -> None:
    base = map_style()["basemap"]
    offline = folium.FeatureGroup(name="Offline basemap · خريطة دون اتصال", overlay=False, control=True)
    adm0 = boundaries(0)
    if adm0:
        folium.GeoJson(adm0, name="Syria", interactive=False, className="rasd-adm0",
                       style_function=lambda _f: {"color": base["adm0_line"], "weight": 1.5,
                                                  "fillColor": base["land"], "fillOpacity": 1.0}).add_to(offline)
    offline.add_to(m)
    if tiles_online:
        for spec in map_style()["tiles"]:
            folium.TileLayer(tiles=spec["url"], attr=spec["attribution"], name=spec["name"], overlay=False,
                             control=True, show=False, max_zoom=map_style()["map"]["max_zoom"]).add_to(m)


def _add_reference(m: folium.Map) -> list[str]:
    base = map_style()["basemap"]
    shown = []
    adm1 = boundaries(1)
    if adm1:
        group = folium.FeatureGroup(name="Governorates · المحافظات", overlay=True, show=True)
        folium.GeoJson(adm1, interactive=False, className="rasd-adm1",
                       style_function=lambda _f: {"color": base["adm1_line"], "weight": 1.6,
                                                  "fill": False}).add_to(group)
        group.add_to(m)
        shown.append("adm1")
    adm2 = boundaries(2)
    if adm2:
        group = folium.FeatureGroup(name="Districts · المناطق", overlay=True, show=True)
        folium.GeoJson(adm2, interactive=False, className="rasd-adm2",
                       style_function=lambda _f: {"color": base["adm2_line"], "weight": 0.8, "dashArray": "2 3",
                                                  "fill": False}).add_to(group)
        group.add_to(m)
        shown.append("adm2")
    roads = reference_roads()
    if roads:
        group = folium.FeatureGroup(name="M4 / M5 roads · الطرق الدولية", overlay=True, show=True)
        for name, line in roads.items():
            points = [[float(lat), float(lon)] for lat, lon in line]
            if len(points) >= 2:
                folium.PolyLine(points, color=base["road_line"], weight=3, opacity=0.85, className="rasd-road",
                                tooltip=esc(name)).add_to(group)
        group.add_to(m)
        shown.append("roads")
    return shown


MAX_POPUPS_PER_AREA = 8


def _area(rows: list[dict], n_reports: dict):
    """One shaded area for the region-level events of one layer at one admin unit (or one circle).

    Events sharing an admin unit are drawn once (stacked fills would hide the map), coloured by their
    side when they share one (else the "unknown" colour), with every event in the popup.
    """
    region = map_style()["region"]
    first = rows[0]
    sides = {r.get("actor1_side") or UNKNOWN_SIDE for r in rows}
    colour = side_colour(sides.pop() if len(sides) == 1 else UNKNOWN_SIDE)
    style = {"color": colour, "weight": 1.5, "dashArray": region["dash"], "fillColor": colour,
             "fillOpacity": region["fill_opacity"]}
    feature = region_feature(first.get("pcode"))
    if feature is not None:  # a whole admin unit: lighter fill, the larger the unit
        level = {2: 1, 4: 2, 6: 3}.get(len(str(first.get("pcode"))) - 2, 3)
        style = {**style, "fillOpacity": region["fill_opacity"] * (0.35 if level == 1 else 0.7)}
        layer = folium.GeoJson(feature, className="rasd-area", style_function=lambda _f, s=style: s,
                               highlight_function=None, zoom_on_click=False)
    else:
        layer = folium.Circle([float(first["lat"]), float(first["lon"])], radius=region["radius_m"],
                              className="rasd-area", **style)
    popups = [popup_html(r, n_reports.get(r.get("group_id"), 1)) for r in rows[:MAX_POPUPS_PER_AREA]]
    if len(rows) > MAX_POPUPS_PER_AREA:
        popups.append(f"<p><i>+ {len(rows) - MAX_POPUPS_PER_AREA} more · المزيد</i></p>")
    body = '<hr class="rasd-sep">'.join(popups)
    if len(rows) > 1:
        body = f'<div class="rasd-area-list"><p><b>{len(rows)} events · {len(rows)} أحداث</b></p>{body}</div>'
    folium.Popup(body, max_width=380, parse_html=False).add_to(layer)
    folium.Tooltip("<br>".join(tooltip_text(r) for r in rows[:MAX_POPUPS_PER_AREA])).add_to(layer)
    return layer


def _area_groups(rows: pd.DataFrame) -> list[list[dict]]:
    """Region rows grouped by (layer, admin unit); rows without an admin outline each get their own circle
    unless they share the exact centre."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows.to_dict("records"):
        if region_feature(r.get("pcode")) is not None:
            key = (_layer_key(r.get("layer")), "admin", str(r.get("pcode")))
        else:
            key = (_layer_key(r.get("layer")), "circle", round(float(r["lat"]), 4), round(float(r["lon"]), 4))
        groups.setdefault(key, []).append(r)
    return list(groups.values())


def _timeline(drawn: pd.DataFrame, n_reports: dict) -> TimestampedGeoJson | None:
    """Strikes, fighting and advances by day (each shown for a week after its date), with a play control."""
    features = []
    shown = drawn[drawn["layer"].map(_layer_key).isin(_shown_layers())]
    for row in shown.to_dict("records"):
        if not _present(row.get("date")) or not (_present(row.get("lat")) and _present(row.get("lon"))):
            continue
        colour = side_colour(row.get("actor1_side"))
        area = row["draw"] == "area"
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
            "properties": {
                "times": [pd.Timestamp(row["date"]).date().isoformat()],
                "icon": "circle",
                "iconstyle": {"fillColor": colour, "color": colour if row["draw"] != "marker" else "#ffffff",
                              "fillOpacity": 0.25 if area else (0.45 if row["draw"] == "hollow" else 0.9),
                              "weight": 1.5, "radius": 16 if area else 7,
                              "dashArray": "3 2" if row["draw"] != "marker" else None},
                "popup": popup_html(row, n_reports.get(row.get("group_id"), 1)),
            },
        })
    if not features:
        return None
    return TimestampedGeoJson({"type": "FeatureCollection", "features": features}, period="P1D", duration="P7D",
                              add_last_point=False, auto_play=False, loop=False, max_speed=4, loop_button=True,
                              date_options="YYYY-MM-DD", time_slider_drag_update=True)


def _fan_offsets(rows: list[dict]) -> list[tuple[int, int]]:
    """Pixel offsets that fan out icons of events at the very same point so each can be clicked.

    Only the icon moves on screen (its anchor); the marker keeps the place's exact coordinates.
    """
    at: dict[tuple, list[int]] = {}
    for i, r in enumerate(rows):
        at.setdefault((round(float(r["lat"]), 5), round(float(r["lon"]), 5)), []).append(i)
    offsets = [(0, 0)] * len(rows)
    for members in at.values():
        if len(members) < 2:
            continue
        radius = 11 if len(members) <= 6 else 16
        for k, i in enumerate(members):
            angle = 2 * math.pi * k / len(members) - math.pi / 2
            offsets[i] = (round(radius * math.cos(angle)), round(radius * math.sin(angle)))
    return offsets


def _fit(m: folium.Map, drawn: pd.DataFrame, time_slider: bool) -> None:
    """Fit the view to the events shown when the map opens (all drawn events if none is shown)."""
    visible = drawn[drawn["layer"].map(_layer_key).isin(_shown_layers())]
    rows = visible if len(visible) else drawn
    lats = pd.to_numeric(rows["lat"], errors="coerce").dropna()
    lons = pd.to_numeric(rows["lon"], errors="coerce").dropna()
    if len(lats):
        pad = 0.05
        m.fit_bounds([[lats.min() - pad, lons.min() - pad], [lats.max() + pad, lons.max() + pad]], max_zoom=11)


def _reports_per_group(df: pd.DataFrame) -> dict:
    if df.empty:
        return {}
    groups = df[df["group_id"].fillna("").astype(str) != ""]
    return groups.groupby("group_id")["doc_id"].nunique().to_dict()


# ---- the map -------------------------------------------------------------------------------------------------

def build_map(events: pd.DataFrame, *, title: str = "", tiles_online: bool = True, cluster: bool | None = None,
              show_reference: bool = True, time_slider: bool = False) -> folium.Map:
    """A folium map of ``events`` (rows of the event table).

    ``cluster``: None → clustered (plus a hidden heat layer) when more markers than the style's threshold.
    ``time_slider``: add a play control stepping through the days (the static event layers start hidden).
    """
    style = map_style()
    df = plan(events if events is not None else pd.DataFrame())
    drawn = df[df["draw"].notna()]
    n_reports = _reports_per_group(df)
    points = drawn[drawn["draw"].isin(["marker", "hollow"])]
    if cluster is None:
        cluster = len(points) > style["map"]["cluster_threshold"]

    m = folium.Map(location=style["map"]["center"], zoom_start=style["map"]["zoom"], tiles=None,
                   control_scale=True, min_zoom=style["map"]["min_zoom"], max_zoom=style["map"]["max_zoom"])
    # Only what this map uses: Leaflet, and jQuery for folium's popups (no Bootstrap, icon fonts or
    # awesome-markers: the markers are drawn SVG). Saves ~1.5 MB per page and per exported file.
    m.default_js = [(name, url) for name, url in folium.Map.default_js if name in MAP_JS]
    m.default_css = [(name, url) for name, url in folium.Map.default_css if name in MAP_CSS]
    m.options["maxZoom"] = style["map"]["max_zoom"]  # no tile layer carries it: set it on the map itself
    m.options["minZoom"] = style["map"]["min_zoom"]
    m.get_root().header.add_child(Element(page_css()), name="rasd_css")

    _add_basemap(m, tiles_online)
    reference = _add_reference(m) if show_reference else []

    layer_groups: dict[str, folium.FeatureGroup] = {}
    containers: dict[str, object] = {}
    for key, spec in style["layers"].items():
        if not (drawn["layer"].map(_layer_key) == key).any():
            continue
        group = folium.FeatureGroup(name=f"{spec['label_en']} · {spec['label_ar']}", overlay=True,
                                    show=bool(spec.get("show", True)) and not time_slider)
        group.add_to(m)
        layer_groups[key] = group
        containers[key] = group
        if cluster:
            containers[key] = MarkerCluster(control=False, options={"maxClusterRadius": 40,
                                                                    "disableClusteringAtZoom": 13}).add_to(group)

    for rows in _area_groups(drawn[drawn["draw"] == "area"]):
        _area(rows, n_reports).add_to(layer_groups[_layer_key(rows[0].get("layer"))])
    point_rows = drawn[drawn["draw"] != "area"].to_dict("records")
    for row, (dx, dy) in zip(point_rows, _fan_offsets(point_rows), strict=True):
        key = _layer_key(row.get("layer"))
        colour = side_colour(row.get("actor1_side"))
        popup = popup_html(row, n_reports.get(row.get("group_id"), 1))
        tip = tooltip_text(row)
        size = style["marker"]["size"]
        icon = folium.DivIcon(html=icon_svg(str(row.get("type")), colour, hollow=row["draw"] == "hollow"),
                              icon_size=(size, size), icon_anchor=(size // 2 - dx, size // 2 - dy),
                              class_name="rasd-icon")
        folium.Marker([float(row["lat"]), float(row["lon"])], icon=icon,
                      popup=folium.Popup(popup, max_width=360, parse_html=False),
                      tooltip=folium.Tooltip(tip)).add_to(containers[key])

    if cluster and len(points):
        HeatMap([[float(r["lat"]), float(r["lon"])] for r in points.to_dict("records")],
                name="Density (heat) · كثافة", show=False, radius=18, blur=14, min_opacity=0.3).add_to(m)

    if time_slider:
        timeline = _timeline(drawn, n_reports)
        if timeline is not None:
            timeline.add_to(m)

    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    types = [t for t in vocab.event_types() if (drawn["type"] == t).any()]
    sides = [s for s in vocab.sides() if (drawn["actor1_side"].fillna(UNKNOWN_SIDE) == s).any()]
    HtmlControl(legend_html(types, sides, set(drawn["draw"]), reference), "bottomright").add_to(m)
    notes = [f"<bdi>{esc(title.strip())}</bdi>"] if title.strip() else []
    not_drawn = int(df["draw"].isna().sum())
    if not len(df):
        notes.append("<bdi>no events to show</bdi> · <bdi>لا أحداث</bdi>")
    elif not_drawn:
        notes.append(f"<bdi>{not_drawn} event(s) without a map location not drawn</bdi>")
    if notes:
        HtmlControl(" — ".join(notes), "topleft", "rasd-map-title").add_to(m)

    _fit(m, drawn, time_slider)
    assets.localize_element(m)
    return m
