"""The event map's base (folium, offline) and what the event layers share: style, text, what is drawn how.

The base map (:func:`base_map`) holds what does not change while the analyst filters; the events are
layers drawn in the browser from compact arrays (:mod:`core.views.event_layers`, any table size).
What is drawn (style in core/lexicons/map_style.yaml, side colours in sides.yaml):

* an offline basemap from the project's boundary layers (Syria's land on a neutral background,
  governorates, districts, the M4/M5 roads); online tile layers are optional, never shown by default;
* one layer per event layer (strikes, ground fighting, advances; other events hidden), with a shape per
  event type and a colour per side (actor1's side);
* geo precision made visible: exact places are filled markers, "near"/axis places hollow dashed
  markers, region-level events shaded areas (the admin unit's outline or a circle), never dots;
  unresolved rows are not drawn;
* tooltips and popups built in the browser as text, a legend, a heat layer, per-place totals when zoomed
  far out or above the event limit, and optionally a day control that plays the days.

Only what the browser needs is referenced: call :func:`core.views.assets.use_local_assets` first when the map
is served offline (the dashboard does), or use :func:`core.views.assets.inline_html` for a standalone file.
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from core import vocab
from core.paths import BUILD_DIR

log = logging.getLogger(__name__)


FONT_STACK = '"Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", "DejaVu Sans", sans-serif'
ADMIN_PCODE = re.compile(r"^SY\d{2}(\d{2}(\d{2})?)?$")
UNKNOWN_SIDE = "unknown"
MAP_JS = ("leaflet",)
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


def reference_roads(build_dir: Path = BUILD_DIR) -> dict[str, list[tuple[float, float]]]:
    """M4/M5 lines ({"M5": [(lat, lon), ...]}) from the geodata build's roads.json, the file the gazetteer
    reads (read here directly: loading the gazetteer for two lines took seconds on a page's first run);
    empty, with a log line, when it is missing or damaged."""
    path = Path(build_dir) / "roads.json"
    try:
        lines = json.loads(path.read_text(encoding="utf-8"))
        return {str(name): [(float(lat), float(lon)) for lat, lon in points] for name, points in lines.items()}
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        log.info("road lines not available (%s): drawn without M4/M5", exc)
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


PRECISION_TEXT = {
    1: "exact place · مكان محدد",
    2: "near / axis · بالقرب / محور",
    3: "region · منطقة",
}


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


# ---- what gets drawn (vectorised: any table size) -----------------------------------------------------

PLAN_COLUMNS = ("type", "layer", "lat", "lon", "geo_precision", "geo_status", "actor1_side", "actor1", "actor2",
                "pcode", "group_id", "doc_id", "date", "place_ar", "place_en")


def admin_pcodes() -> set[str]:
    """P-codes of the admin units with an outline (SY07, SY0703, SY070300 …)."""
    return set(_admin_features())


def layer_key(layer) -> str:
    return str(layer) if str(layer) in map_style()["layers"] else "other"


def layer_keys(layers: pd.Series) -> pd.Series:
    """:func:`layer_key` of every value (vectorised)."""
    text = layers.astype("string")
    return text.where(text.isin(list(map_style()["layers"])), "other").fillna("other").astype(object)


def _shown_layers() -> set[str]:
    return {name for name, spec in map_style()["layers"].items() if spec.get("show", True)}


def _column(df: pd.DataFrame, name: str) -> pd.Series:
    return df[name] if name in df.columns else pd.Series(None, index=df.index, dtype=object)


def draw_kinds(events: pd.DataFrame) -> pd.Series:
    """How each event is drawn: "marker" (exact), "hollow" (near/axis), "area" (region: the admin unit's
    outline or a circle, never a dot) or None (not drawn: unresolved, no place, no point). Vectorised."""
    status = _column(events, "geo_status").astype("string").fillna("")
    precision = pd.to_numeric(_column(events, "geo_precision"), errors="coerce")
    has_point = (pd.to_numeric(_column(events, "lat"), errors="coerce").notna()
                 & pd.to_numeric(_column(events, "lon"), errors="coerce").notna())
    has_unit = _column(events, "pcode").astype("string").isin(admin_pcodes()).fillna(False)
    located = ~status.isin(["unresolved", "none", ""])
    region = status.eq("region") | precision.eq(3).fillna(False)
    kind = np.select(
        [~located, region & (has_point | has_unit), region, ~has_point, precision.eq(1).fillna(False)],
        [None, "area", None, None, "marker"], default="hollow")
    return pd.Series(kind, index=events.index, dtype=object)


def plan(events: pd.DataFrame) -> pd.DataFrame:
    """The events with every column the map reads (missing ones empty) and a ``draw`` column
    (see :func:`draw_kinds`)."""
    df = events if events is not None else pd.DataFrame()
    missing = {col: None for col in PLAN_COLUMNS if col not in df.columns}
    return df.assign(**missing, draw=draw_kinds(df))


def draw_kind(row) -> str | None:
    """How one event (a row as a dict) is drawn; see :func:`plan`."""
    return plan(pd.DataFrame([row]))["draw"].iloc[0]


def map_counts(events: pd.DataFrame) -> dict:
    """How many events the map draws, and how: for captions ("3 not drawn: unresolved") and tests.

    ``visible_markers``/``visible_areas`` count the events drawn as points/areas in the layers shown when
    the map opens; ``visible`` is their sum (what the browser reports as drawn)."""
    df = plan(events)
    drawn = df[df["draw"].notna()]
    shown = layer_keys(drawn["layer"]).isin(_shown_layers())
    points = drawn["draw"].isin(["marker", "hollow"])
    out = {
        "events": int(len(df)),
        "drawn": int(len(drawn)),
        "markers": int((drawn["draw"] == "marker").sum()),
        "hollow": int((drawn["draw"] == "hollow").sum()),
        "areas": int((drawn["draw"] == "area").sum()),
        "not_drawn": int(df["draw"].isna().sum()),
        "visible_markers": int((points & shown).sum()),
        "visible_areas": int((~points & shown).sum()),
    }
    out["visible"] = out["visible_markers"] + out["visible_areas"]
    return out

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
        layer_types = [t for t in types if layer_key(event_types.get(t, {}).get("layer", "other")) == layer]
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


class RawScript(Element):
    """Script text put on the page as it is (branca's Element would compile it as a Jinja template: slow for
    boundaries, seconds for an event payload of megabytes)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class ScriptElement(MacroElement):
    """A MacroElement with only a ``script`` macro, rendered without compiling its output again."""

    def render(self, **kwargs):
        figure = self.get_root()
        if isinstance(figure, Figure):
            script = self._template.module.__dict__["script"]
            figure.script.add_child(RawScript(script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


@cache
def boundary_json(level: int) -> str | None:
    """The admin-level GeoJSON as script text (serialised once per process)."""
    data = boundaries(level)
    if data is None:
        return None
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace("_", "\\u005f")


class BoundaryLayer(ScriptElement):
    """A boundary level drawn from the cached GeoJSON text, not interactive (cheap to render every run)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.geoJson({{ this.data }}, {interactive: false, className: {{ this.class_name|tojson }},
                   style: function () { return {{ this.style|tojson }}; }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, level: int, class_name: str, style: dict):
        super().__init__()
        self._name = "BoundaryLayer"
        self.data = boundary_json(level)
        self.class_name = class_name
        self.style = style


def _add_basemap(m: folium.Map, tiles_online: bool) -> None:
    base = map_style()["basemap"]
    offline = folium.FeatureGroup(name="Offline basemap · خريطة دون اتصال", overlay=False, control=True)
    if boundaries(0):
        BoundaryLayer(0, "rasd-adm0", {"color": base["adm0_line"], "weight": 1.5, "fillColor": base["land"],
                                       "fillOpacity": 1.0}).add_to(offline)
    offline.add_to(m)
    if tiles_online:
        for spec in map_style()["tiles"]:
            folium.TileLayer(tiles=spec["url"], attr=spec["attribution"], name=spec["name"], overlay=False,
                             control=True, show=False, max_zoom=map_style()["map"]["max_zoom"]).add_to(m)


def _add_reference(m: folium.Map) -> list[str]:
    base = map_style()["basemap"]
    shown = []
    if boundaries(1):
        group = folium.FeatureGroup(name="Governorates · المحافظات", overlay=True, show=True)
        BoundaryLayer(1, "rasd-adm1", {"color": base["adm1_line"], "weight": 1.6, "fill": False}).add_to(group)
        group.add_to(m)
        shown.append("adm1")
    if boundaries(2):
        group = folium.FeatureGroup(name="Districts · المناطق", overlay=True, show=True)
        BoundaryLayer(2, "rasd-adm2", {"color": base["adm2_line"], "weight": 0.8, "dashArray": "2 3",
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


# ---- the maps -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BaseView:
    """What the base map takes from the table: the legend's types and sides, the first view's bounds."""

    types: tuple[str, ...]
    sides: tuple[str, ...]
    bounds: tuple[tuple[float, float], tuple[float, float]] | None


def base_view(events: pd.DataFrame | None) -> BaseView:
    """The legend's entries (those of ``events``; the vocabulary's when there are none) and the bounds of the
    events of the layers shown at start (of all located events if none is shown)."""
    types, sides = list(vocab.event_types()), list(vocab.sides())
    if events is None or events.empty:
        shown = [t for t in types if layer_key(vocab.event_types()[t].get("layer")) in _shown_layers()]
        return BaseView(tuple(shown), tuple(sides), None)
    present_types = {str(t) for t in _column(events, "type").dropna().unique()}
    present_sides = {str(s) for s in _column(events, "actor1_side").fillna(UNKNOWN_SIDE).unique()}
    kinds = draw_kinds(events)
    drawn = events[kinds.notna()]
    visible = drawn[layer_keys(_column(drawn, "layer")).isin(_shown_layers()).to_numpy()]
    rows = visible if len(visible) else drawn
    lats = pd.to_numeric(_column(rows, "lat"), errors="coerce").dropna()
    lons = pd.to_numeric(_column(rows, "lon"), errors="coerce").dropna()
    bounds = None
    if len(lats):
        pad = 0.05
        bounds = ((round(float(lats.min()) - pad, 4), round(float(lons.min()) - pad, 4)),
                  (round(float(lats.max()) + pad, 4), round(float(lons.max()) + pad, 4)))
    return BaseView(tuple(t for t in types if t in present_types), tuple(s for s in sides if s in present_sides),
                    bounds)
