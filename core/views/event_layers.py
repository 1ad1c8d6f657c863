"""Event layers for any table size: compact arrays drawn by a canvas layer in the browser.

The map (``core.views.event_map.base_map``) stays the same while the analyst filters; the events travel as
replaceable folium FeatureGroups (streamlit-folium's ``feature_group_to_add``), one per event layer:

* :func:`payload` turns the filtered frame into column arrays (vectorised: place index, style index,
  row id, day, actors; region events grouped per admin unit or circle), about 20 bytes per event;
* :class:`EventData` carries that payload once, :class:`EventLayer` draws one layer of it, :class:`HeatLayer`
  builds the density layer from it; ``event_layers.js`` (loaded once with the base map by
  :class:`EventRuntime`) draws the points into one shared ``L.canvas`` renderer, builds tooltips and popups
  with ``textContent`` on demand and applies the day filter;
* above ``limit`` events a layer carries per-place totals instead (discs sized by count, coloured by the
  main side), and far out (zoom < ``map.agg_zoom``) the browser draws per-cell totals;
* a click reports a reference (``rasd:r:<row>``, ``rasd:a:<layer>:<pcode>``, ``rasd:c:…``, ``rasd:p:…``)
  as the tooltip text; :func:`events_for_click` turns it back into the events for the details panel.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from folium.elements import JSCSSMixin
from folium.plugins import HeatMap
from folium.template import Template

from core import vocab
from core.views import maps
from core.views.maps import ScriptElement

JS_PATH = Path(__file__).with_name("event_layers.js")
DEFAULT_LIMIT = 100_000  # events drawn one by one; above, per-place totals
DETAIL_LIMIT = 20_000  # up to this many events, popups carry evidence and source (standalone HTML)
HEAT_NAME = "Density (heat) · كثافة"
UNKNOWN = maps.UNKNOWN_SIDE
TEXT = {  # interface words of the popups and the day control (English · Arabic)
    "date": "Date · التاريخ", "actors": "Actors · الأطراف", "side": "Side · الطرف", "place": "Place · المكان",
    "precision": "Location · الموقع", "fatalities": "Fatalities · قتلى", "source": "Source · المصدر",
    "details": "Details and evidence beside the map · التفاصيل بجانب الخريطة",
    "aggregated": "Totals per place: click a place for its events beside the map, or zoom in · مجاميع لكل مكان",
    "allDays": "all days · كل الأيام", "untilDay": "up to day", "oneDay": "single day", "week": "7 days to",
}


# ---- JSON that is safe inside a <script> and through streamlit-folium's renaming --------------------

def js_json(value) -> str:
    """JSON for a script: ``<``, ``>``, ``&`` and ``_`` escaped inside strings.

    ``<``/``>`` so no text can close the script tag of a standalone HTML file; ``_`` because
    streamlit-folium rewrites ``_<letters/digits>`` sequences of the script it sends (folium variable
    names), which must never touch the data."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("_", "\\u005f").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# ---- the runtime (part of the base map, loaded once) ----------------------------------------------

@cache
def runtime_vocab() -> dict:
    """What the browser needs to label and draw any event: types, sides, actors, shapes, style."""
    style = maps.map_style()
    types = {key: [spec.get("label_en", key), spec.get("label_ar", ""), maps.shape_path(key),
                   maps.layer_key(spec.get("layer", "other"))] for key, spec in vocab.event_types().items()}
    types["default"] = ["event", "", maps.shape_path("default"), "other"]
    sides = {key: [spec.get("label_en", key), spec.get("label_ar", ""), spec.get("colour", "#34495e")]
             for key, spec in vocab.sides().items()}
    sides.setdefault(UNKNOWN, ["unknown", "", "#34495e"])
    actors = {key: actor.label_en for key, actor in vocab.actors().items()}
    marker, region = style["marker"], style["region"]
    return {
        "types": types, "sides": sides, "actors": actors, "text": TEXT,
        "precision": {str(k): v for k, v in maps.PRECISION_TEXT.items()},
        "style": {"size": marker.get("canvas_size", marker["size"]), "hollowFill": marker["hollow_fill"],
                  "hollowDash": [float(x) for x in str(marker["hollow_dash"]).split()],
                  "strokeFilled": marker["stroke_filled"], "regionDash": region["dash"],
                  "regionOpacity": region["fill_opacity"], "radiusM": region["radius_m"],
                  "aggZoom": style["map"].get("agg_zoom", 8)},
    }


@cache
def runtime_script() -> str:
    return JS_PATH.read_text(encoding="utf-8")


class EventRuntime(JSCSSMixin, ScriptElement):
    """The browser side of the event layers (event_layers.js) and its vocabulary, once per map.

    Declares leaflet-heat as its script, so streamlit-folium loads it with the base map (local copy)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.code }}
        rasd.init({{ this._parent.get_name() }}, {{ this.vocab }});
        {% endmacro %}
    """)
    default_js = HeatMap.default_js

    def __init__(self):
        super().__init__()
        self._name = "EventRuntime"
        self.default_js = list(HeatMap.default_js)  # the local copy once assets.use_local_assets() ran
        self.code = runtime_script()
        self.vocab = js_json(runtime_vocab())


# ---- what gets drawn, vectorised --------------------------------------------------------------------

def row_ids(frame: pd.DataFrame) -> np.ndarray:
    """The id of each row on the map: the frame's index when it is unique integers (the loaded table's
    positions, stable across filters), else the position in the frame."""
    index = frame.index
    if pd.api.types.is_integer_dtype(index.dtype) and index.is_unique:
        return index.to_numpy(dtype=np.int64)
    return np.arange(len(frame), dtype=np.int64)


def _codes(values: pd.Series, known: list[str]) -> tuple[np.ndarray, list[str]]:
    """Integer codes of ``values`` in a table that starts with ``known`` (others appended)."""
    text = values.astype("string").fillna("")
    extra = sorted(set(text.unique()) - set(known) - {""})
    table = list(known) + extra
    cat = pd.Categorical(text.mask(text.eq("")), categories=table)
    return np.asarray(cat.codes, dtype=np.int64), table


def _days(values: pd.Series) -> tuple[np.ndarray, int]:
    days = pd.to_datetime(values, errors="coerce")
    nums = (days.to_numpy(dtype="datetime64[D]").astype("int64"))
    nat = days.isna().to_numpy()
    day0 = int(nums[~nat].min()) if (~nat).any() else 0
    out = nums - day0
    out[nat] = -1
    return out.astype(np.int64), day0


def _delta(values: np.ndarray) -> np.ndarray:
    return np.diff(values, prepend=0) if len(values) else np.zeros(0, dtype=np.int64)


# Integer arrays travel as "<kind>:<base64 of little-endian bytes>" in the smallest kind that holds them
# (event_layers.js turns them into typed arrays): ~2.7 bytes per value where JSON took ~4-6, and the browser
# decodes one string instead of parsing hundreds of thousands of numbers.
_PACK_KINDS = (("u1", "<u1"), ("i1", "<i1"), ("u2", "<u2"), ("i2", "<i2"), ("i4", "<i4"))


def pack(values) -> str:
    """An integer array as a packed string (see ``_PACK_KINDS``); :func:`unpack` reverses it."""
    arr = np.asarray(values, dtype=np.int64)
    lo, hi = (int(arr.min()), int(arr.max())) if len(arr) else (0, 0)
    for kind, dtype in _PACK_KINDS:
        info = np.iinfo(np.dtype(dtype))
        if info.min <= lo and hi <= info.max:
            return f"{kind}:{base64.b64encode(arr.astype(dtype).tobytes()).decode('ascii')}"
    raise ValueError(f"values out of the 32-bit range: {lo}..{hi}")


def unpack(text: str) -> list[int]:
    kind, _, data = text.partition(":")
    return np.frombuffer(base64.b64decode(data), dtype=dict(_PACK_KINDS)[kind]).astype(np.int64).tolist()


def _round_coords(geometry):
    if isinstance(geometry, dict):
        return {k: _round_coords(v) for k, v in geometry.items()}
    if isinstance(geometry, list):
        return [_round_coords(v) for v in geometry]
    return round(geometry, 4) if isinstance(geometry, float) else geometry


@cache
def unit_geometry(pcode: str) -> dict | None:
    feature = maps.region_feature(pcode)
    return _round_coords(feature["geometry"]) if feature else None


def _unit_name(pcode: str) -> list[str]:
    props = (maps.region_feature(pcode) or {}).get("properties", {})
    level = {2: 1, 4: 2, 6: 3}.get(len(pcode) - 2, 3)
    return [props.get(f"ADM{level}_AR", "") or "", props.get(f"ADM{level}_EN", "") or pcode]


def payload(frame: pd.DataFrame, *, limit: int = DEFAULT_LIMIT, detail: bool | None = None,
            day_control: bool = False, packed: bool = False) -> dict:
    """The arrays of ``frame`` for the browser (see the module docstring); ``detail``: evidence and source in
    the popups (default: when at most DETAIL_LIMIT events, for standalone files); ``packed``: the per-event
    integer arrays of each layer as :func:`pack` strings (what :func:`build` sends), else lists."""
    out = pack if packed else (lambda a: np.asarray(a).tolist())
    kinds = maps.draw_kinds(frame)
    keep = kinds.notna().to_numpy()
    drawn = maps.plan(frame[keep]) if len(frame) else maps.plan(frame)
    if detail is None:
        detail = len(drawn) <= DETAIL_LIMIT
    ids = row_ids(frame)[keep]
    lat = pd.to_numeric(drawn["lat"], errors="coerce").round(5)
    lon = pd.to_numeric(drawn["lon"], errors="coerce").round(5)
    place_ar = drawn["place_ar"].astype("string").fillna("") if "place_ar" in drawn else pd.Series("", index=drawn.index)
    place_en = drawn["place_en"].astype("string").fillna("") if "place_en" in drawn else pd.Series("", index=drawn.index)
    keys = pd.DataFrame({"lat": lat.fillna(999.0), "lon": lon.fillna(999.0), "ar": place_ar, "en": place_en})
    place_idx = keys.groupby(["lat", "lon", "ar", "en"], sort=False).ngroup().to_numpy(dtype=np.int64)
    first = pd.Series(np.arange(len(keys))).groupby(place_idx).first().to_numpy()
    places = keys.iloc[first]
    type_codes, types = _codes(drawn["type"], list(vocab.event_types()))
    side_codes, sides = _codes(drawn["actor1_side"].astype("string").fillna(UNKNOWN), list(vocab.sides()))
    precision = pd.to_numeric(drawn["geo_precision"], errors="coerce").fillna(1).clip(1, 3).astype(np.int64).to_numpy()
    style_key = pd.DataFrame({"t": type_codes, "s": side_codes, "p": precision})
    style_idx = style_key.groupby(["t", "s", "p"], sort=False).ngroup().to_numpy(dtype=np.int64)
    style_first = pd.Series(np.arange(len(style_key))).groupby(style_idx).first().to_numpy()
    styles = style_key.iloc[style_first].to_numpy().tolist()
    days, day0 = _days(drawn["date"])
    a1_codes, actors = _codes(drawn["actor1"], list(vocab.actors()))
    a2_codes, actors2 = _codes(drawn["actor2"], actors)
    actors = actors2  # a superset of the first table, same order
    text1 = drawn["actor1"].astype("string").fillna("").to_numpy()
    text2 = drawn["actor2"].astype("string").fillna("").to_numpy()
    a1 = np.where(text1 == "", 0, a1_codes + 1)
    a2 = np.where(text2 == "", 0, a2_codes + 1)
    fatalities = pd.to_numeric(drawn.get("fatalities"), errors="coerce") if "fatalities" in drawn else None
    layer_of = maps.layer_keys(drawn["layer"]).to_numpy()
    kind = drawn["draw"].to_numpy()
    pcodes = drawn["pcode"].astype("string").fillna("").to_numpy()
    has_unit = pd.Series(pcodes, dtype="string").isin(maps.admin_pcodes()).to_numpy(dtype=bool)

    out_layers: dict[str, dict] = {}
    geo: dict[str, dict] = {}
    aggregate = len(drawn) > limit
    agg_styles: dict[tuple[int, int, int], int] = {}
    for key in maps.map_style()["layers"]:
        in_layer = layer_of == key
        point = in_layer & (kind != "area")
        area = in_layer & (kind == "area")
        if not point.any() and not area.any():
            continue
        entry: dict = {}
        if aggregate:
            entry.update(_place_totals(place_idx[point], side_codes[point], type_codes[point], precision[point],
                                       agg_styles))
        else:
            entry["pl"] = out(place_idx[point])
            entry["st"] = style_idx[point]
            entry["r"] = out(_delta(ids[point]))
            entry["d"] = out(days[point])
            entry["a1"] = out(a1[point])
            entry["a2"] = out(a2[point])
            if fatalities is not None and fatalities[point].notna().any():
                entry["f"] = out(fatalities[point].fillna(-1).astype(np.int64).to_numpy())
            if detail:
                entry["x"] = _detail(drawn[point])
        entry["areas"] = _areas(drawn[area], ids[area], place_idx[area], style_idx[area], side_codes[area],
                                days[area], has_unit[area], sides, key, geo)
        out_layers[key] = entry
    if aggregate:  # the region areas keep the event styles; the place totals add theirs after them
        offset = len(styles)
        for entry in out_layers.values():
            entry["st"] = np.asarray(entry["st"], dtype=np.int64) + offset
        styles = styles + [list(k) for k in agg_styles]
    for entry in out_layers.values():
        entry["st"] = out(entry["st"])
        if aggregate:
            entry["pl"], entry["cnt"] = out(entry["pl"]), out(entry["cnt"])
    known = days[days >= 0]
    return {
        "day0": day0, "types": types, "sides": sides, "actors": actors, "styles": styles,
        "places": {"lat": [None if v == 999.0 else v for v in places["lat"].tolist()],
                   "lon": [None if v == 999.0 else v for v in places["lon"].tolist()],
                   "ar": places["ar"].tolist(), "en": places["en"].tolist()},
        "layers": out_layers, "geo": geo, "aggregated": aggregate,
        "days": [int(known.min()), int(known.max())] if len(known) else None,
        "dayControl": bool(day_control) and not aggregate,
    }


def _place_totals(place_idx, side_codes, type_codes, precision, agg_styles: dict) -> dict:
    """Per place of one layer: the count and the main side (with the place's first type and precision);
    ``agg_styles`` collects the (type, side, precision) styles these totals use."""
    frame = pd.DataFrame({"pl": place_idx, "s": side_codes, "t": type_codes, "p": precision})
    counts = frame.groupby(["pl", "s"], sort=False).size().reset_index(name="n")
    main = counts.sort_values("n", ascending=False, kind="stable").drop_duplicates("pl").set_index("pl")
    total = frame.groupby("pl", sort=False).size()
    first = frame.drop_duplicates("pl").set_index("pl").loc[total.index]
    sides = main.loc[total.index, "s"]
    styles = [agg_styles.setdefault((int(t), int(s), int(p)), len(agg_styles))
              for t, s, p in zip(first["t"], sides, first["p"], strict=True)]
    return {"pl": total.index.tolist(), "cnt": total.tolist(), "st": styles, "r": []}


def _detail(rows: pd.DataFrame) -> dict:
    def text(col):
        return rows[col].astype("string").fillna("").tolist() if col in rows else [""] * len(rows)

    urls = [u if re.match(r"^https?://", u, flags=re.I) else "" for u in text("url")]
    outlets = text("outlet")
    docs = text("doc_id")
    return {"ev": text("evidence"), "src": [o or d for o, d in zip(outlets, docs, strict=True)], "url": urls}


def _areas(rows, ids, place_idx, style_idx, side_codes, days, has_unit, sides, layer, geo) -> list[dict]:
    """Region-level events of one layer, one area per admin unit (outline) or per centre (circle);
    coloured by their side when they share one, else "unknown"."""
    if not len(rows):
        return []
    pcodes = rows["pcode"].astype("string").fillna("").to_numpy()
    lat = pd.to_numeric(rows["lat"], errors="coerce").round(5).to_numpy()
    lon = pd.to_numeric(rows["lon"], errors="coerce").round(5).to_numpy()
    group_key = [f"u:{p}" if unit else f"c:{la},{lo}" for p, unit, la, lo in zip(pcodes, has_unit, lat, lon, strict=True)]
    out = []
    unknown = sides.index(UNKNOWN) if UNKNOWN in sides else 0
    for key, positions in pd.Series(range(len(rows))).groupby(group_key, sort=False).indices.items():
        pos = np.asarray(positions)
        first = int(pos[0])
        own = set(side_codes[pos].tolist())
        area = {"c": own.pop() if len(own) == 1 else unknown, "r": _delta(ids[pos]).tolist(), "d": days[pos].tolist(),
                "st": style_idx[pos].tolist(), "pl": place_idx[pos].tolist()}
        if key.startswith("u:"):
            pcode = key[2:]
            geo.setdefault(pcode, unit_geometry(pcode))
            area.update({"g": pcode, "lv": {2: 1, 4: 2, 6: 3}.get(len(pcode) - 2, 3), "name": _unit_name(pcode)})
        else:
            area.update({"g": None, "lat": float(lat[first]), "lon": float(lon[first]), "lv": 0,
                         "name": [str(rows["place_ar"].iloc[first] or "") if "place_ar" in rows else "",
                                  str(rows["place_en"].iloc[first] or "") if "place_en" in rows else ""]})
        area["name"] = ["" if pd.isna(v) else v for v in area["name"]]
        out.append(area)
    return out


# ---- folium elements -----------------------------------------------------------------------------

class EventData(ScriptElement):
    """The payload of one filter state, loaded into the browser (and the day control, when asked)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        rasd.load({{ this._parent.get_name() }}, {{ this.data }});
        {% endmacro %}
    """)

    def __init__(self, data_json: str):
        super().__init__()
        self._name = "EventData"
        self.data = data_json


class EventLayer(ScriptElement):
    """Draws one event layer of the loaded payload into its FeatureGroup."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        rasd.layer({{ this._parent.get_name() }}, {{ this.key|tojson }}, {{ this.choice_name }}, {{ this.show|tojson }});
        {% endmacro %}
    """)

    def __init__(self, key: str, name: str, show: bool):
        super().__init__()
        self._name = "EventLayer"
        self.key = key
        self.choice_name = js_json(name)  # as the layer control names it (its choices are kept by name)
        self.show = bool(show)


class HeatLayer(ScriptElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        rasd.heat({{ this._parent.get_name() }}, {{ this.choice_name }}, false);
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "HeatLayer"
        self.choice_name = js_json(HEAT_NAME)


class LayerChoices(ScriptElement):
    """Child of the layer control: puts back the layers the analyst switched on or off (filter changes
    replace the event layers), or each layer's default."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        rasd.applyChoices({{ this._parent.get_name() }}, {{ this.defaults|tojson }});
        {% endmacro %}
    """)

    def __init__(self, defaults: dict[str, bool]):
        super().__init__()
        self._name = "LayerChoices"
        self.defaults = defaults


def layer_names() -> dict[str, str]:
    return {key: f"{spec['label_en']} · {spec['label_ar']}" for key, spec in maps.map_style()["layers"].items()}


def layer_defaults() -> dict[str, bool]:
    names = layer_names()
    out = {names[key]: bool(spec.get("show", True)) for key, spec in maps.map_style()["layers"].items()}
    out[HEAT_NAME] = False
    return out


def layer_control() -> folium.LayerControl:
    control = folium.LayerControl(position="topright", collapsed=True)
    LayerChoices(layer_defaults()).add_to(control)
    return control


def feature_groups(data_json: str, layers: list[str]) -> list[folium.FeatureGroup]:
    """Fresh FeatureGroups for one payload (streamlit-folium renames what it gets: never reuse them).

    The first (not in the layer control) loads the data; then one per event layer; then the heat layer."""
    loader = folium.FeatureGroup(name="Rasd events", control=False, show=True)
    EventData(data_json).add_to(loader)
    groups = [loader]
    names = layer_names()
    for key in layers:
        show = bool(maps.map_style()["layers"][key].get("show", True))
        group = folium.FeatureGroup(name=names[key], overlay=True, show=show)
        EventLayer(key, names[key], show).add_to(group)
        groups.append(group)
    heat = folium.FeatureGroup(name=HEAT_NAME, overlay=True, show=False)
    HeatLayer().add_to(heat)
    groups.append(heat)
    return groups


@dataclass(frozen=True)
class Layers:
    """A payload ready to send: its JSON, the layers it holds, and how many events it draws."""

    data_json: str
    layers: tuple[str, ...]
    aggregated: bool
    nbytes: int

    def groups(self) -> list[folium.FeatureGroup]:
        return feature_groups(self.data_json, list(self.layers))


def build(frame: pd.DataFrame, *, limit: int = DEFAULT_LIMIT, detail: bool | None = None,
          day_control: bool = False) -> Layers:
    data = payload(frame, limit=limit, detail=detail, day_control=day_control, packed=True)
    text = js_json(data)
    return Layers(text, tuple(data["layers"]), bool(data["aggregated"]), len(text.encode("utf-8")))


def add_to_map(m: folium.Map, layers: Layers) -> None:
    """The event layers and their layer control on a whole map (standalone exports)."""
    for group in layers.groups():
        group.add_to(m)
    layer_control().add_to(m)


# ---- clicks back to events ------------------------------------------------------------------------

@dataclass(frozen=True)
class ClickRef:
    kind: str  # "r" row, "a" admin area, "c" circle area, "p" place (totals), "" nothing
    layer: str = ""
    row: int | None = None
    pcode: str = ""
    lat: float | None = None
    lon: float | None = None


_REF = re.compile(r"^rasd:(?:(r):(\d+)|([acp]):([a-z]+):(?:(SY\d+)|(-?[\d.]+),(-?[\d.]+))|(zoom|none))$")


def parse_ref(text: str | None) -> ClickRef:
    """The reference a click reported (the tooltip text streamlit-folium returns), or kind "" if none."""
    match = _REF.match((text or "").strip())
    if not match:
        return ClickRef("")
    if match.group(1):
        return ClickRef("r", row=int(match.group(2)))
    if match.group(3):
        lat = float(match.group(6)) if match.group(6) else None
        lon = float(match.group(7)) if match.group(7) else None
        return ClickRef(match.group(3), layer=match.group(4), pcode=match.group(5) or "", lat=lat, lon=lon)
    return ClickRef("")


def events_for_click(frame: pd.DataFrame, ref: ClickRef) -> pd.DataFrame:
    """The events behind a click, newest first: the clicked event then the others at its very point;
    every event of a region area; every event of a layer at a place (totals)."""
    if not ref.kind or frame.empty:
        return frame.iloc[0:0]
    lat = pd.to_numeric(frame["lat"], errors="coerce").round(5)
    lon = pd.to_numeric(frame["lon"], errors="coerce").round(5)
    if ref.kind == "r":
        ids = row_ids(frame)
        hit = frame[ids == ref.row]
        if hit.empty:
            return hit
        same = frame[(lat == lat[hit.index[0]]) & (lon == lon[hit.index[0]]) & (ids != ref.row)]
        return pd.concat([hit, same.sort_values("date", ascending=False)])
    plan = maps.plan(frame)
    in_layer = maps.layer_keys(plan["layer"]).eq(ref.layer)
    if ref.kind == "a":
        hits = frame[in_layer & plan["draw"].eq("area") & frame["pcode"].astype("string").eq(ref.pcode).fillna(False)]
    elif ref.kind == "c":
        hits = frame[in_layer & plan["draw"].eq("area") & (lat == ref.lat) & (lon == ref.lon)]
    else:
        hits = frame[in_layer & plan["draw"].notna() & (lat == ref.lat) & (lon == ref.lon)]
    return hits.sort_values("date", ascending=False)
