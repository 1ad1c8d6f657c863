"""Static print map of the event table (geopandas + matplotlib): PNG at 300 dpi, SVG and PDF.

Admin boundaries (OCHA, from geodata/build), M4/M5 when the gazetteer provides them, events
coloured by side and shaped by type, precision shown (filled = the named place, hollow = near
it, shaded disc = a region's centroid), legend, scale bar, north arrow, title, period, filters
and attribution. Optional small multiples: one panel per week.

Arabic text: matplotlib ≥ 3.11 lays text out with libraqm, so raw Arabic strings come out
joined and right-to-left. Do NOT pass them through arabic-reshaper/python-bidi: pre-shaped,
pre-reversed text would be reversed a second time.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import font_manager, patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch
from matplotlib.transforms import Bbox

from core import vocab
from core.views import i18n

PLOT_CRS = "EPSG:32637"  # UTM 37N: metres, so the scale bar is true across NW Syria
FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))
ARABIC_FONT_FILES = ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
                     "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")
ARABIC_FAMILIES = ("Noto Sans Arabic", "Noto Naskh Arabic")
LATIN_FAMILY = "DejaVu Sans"  # ships with matplotlib

# Marker per event type (matplotlib marker codes); anything else draws as a dot.
TYPE_MARKERS = {
    "airstrike": "^", "drone_strike": "v", "shelling": "o", "aircraft_downed": "X",
    "armed_clash": "D", "territory_taken": "s", "withdrawal": "P",
    "military_deployment": "h", "joint_patrol": ">", "casualties": "*", "displacement": "<",
}
DEFAULT_MARKER = "."
REGION_RADIUS_M = 9000  # largest shaded disc for region-level (precision 3) events
ROAD_COLOUR = "#e67e22"
MAX_PLACE_LABELS = 30
MIN_SPAN_M = 60_000
MAX_WEEK_PANELS = 12
GOVERNORATE_LABEL = "governorate-label"


# Figures are built without pyplot (no global state); one rendering at a time, since matplotlib's
# font and text-layout caches are shared (Streamlit may export from several sessions at once).
RENDER_LOCK = threading.RLock()


def new_figure(figsize: tuple[float, float], dpi: float = 100) -> Figure:
    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


class ArabicFontMissing(RuntimeError):
    """No Arabic font: install Debian fonts-noto-core (``make system``)."""


# ---- fonts and Arabic text ---------------------------------------------------------------------
@cache
def arabic_font_family() -> str:
    """Register the Noto Arabic fonts with matplotlib and return the family to use."""
    found = []
    for folder in FONT_DIRS:
        for name in ARABIC_FONT_FILES:
            path = folder / name
            if path.exists():
                font_manager.fontManager.addfont(str(path))
                found.append(path)
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in ARABIC_FAMILIES:
        if family in names:
            return family
    raise ArabicFontMissing(
        "no Arabic font found (looked for Noto Sans/Naskh Arabic in "
        + ", ".join(str(d) for d in FONT_DIRS) + "); install the Debian package fonts-noto-core")


def font_families() -> list[str]:
    """Latin first (digits, punctuation, ·), Arabic glyphs fall back to the Noto Arabic font."""
    return [LATIN_FAMILY, arabic_font_family()]


def check_text_shaping() -> None:
    """Fail loudly when matplotlib cannot shape complex scripts (older than 3.11, no libraqm)."""
    from matplotlib.ft2font import FT2Font

    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    if (major, minor) < (3, 11) or not hasattr(FT2Font, "_layout"):
        raise RuntimeError(f"matplotlib {matplotlib.__version__} cannot shape Arabic; Rasd needs matplotlib ≥ 3.11")


def shaped_glyphs(text: str, size: float = 24) -> list[tuple[str, str, float]]:
    """(character, glyph name, x offset) of ``text`` as matplotlib lays it out (for checks and tests).

    Uses matplotlib's provisional ``FT2Font._layout`` (the libraqm layout its renderers call).
    """
    from matplotlib.ft2font import FT2Font, LoadFlags

    check_text_shaping()
    path = font_manager.findfont(font_manager.FontProperties(family=arabic_font_family()), fallback_to_default=False)
    font = FT2Font(path)
    font.set_size(size, 72)
    items = font._layout(text, LoadFlags.NO_HINTING)
    return [(item.char, item.ft_object.get_glyph_name(item.glyph_index), float(item.x)) for item in items]


def draw_label(ax, x: float, y: float, text: str, *, size: float = 7, colour: str = "#222222",
               offset: tuple[float, float] = (0, 0), **kwargs):
    """A place label with a white halo, ``offset`` points away from (x, y); raw Arabic, shaped by
    matplotlib's libraqm layout."""
    return ax.annotate(text, xy=(x, y), xytext=offset, textcoords="offset points", fontsize=size, color=colour,
                       family=font_families(), zorder=6, annotation_clip=True,
                       path_effects=[patheffects.withStroke(linewidth=2.2, foreground="white")], **kwargs)


def render_label_png(text: str, *, size: float = 28, dpi: int = 100) -> bytes:
    """``text`` drawn by :func:`draw_label` alone on a small white canvas (shaping checks, references)."""
    with RENDER_LOCK:
        fig = new_figure((3.2, 0.9), dpi=dpi)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        draw_label(ax, 0.5, 0.5, text, size=size, ha="center", va="center")
        return _save(fig, "png", dpi)


# ---- geodata ---------------------------------------------------------------------------------------
@cache
def base_layers() -> dict:
    """Boundaries (adm0/1/2) and roads, projected to :data:`PLOT_CRS`."""
    import geopandas as gpd
    from shapely.geometry import LineString

    from core.paths import BUILD_DIR

    layers = {}
    for level in ("adm0", "adm1", "adm2"):
        path = Path(BUILD_DIR) / f"{level}.geojson"
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `make geodata` (python -m core geodata build)")
        layers[level] = gpd.read_file(path).to_crs(PLOT_CRS)
    roads = {}
    try:
        from core.geo.gazetteer import road_lines

        roads = road_lines() or {}
    except (ImportError, AttributeError, FileNotFoundError):
        roads = {}  # the gazetteer has no roads in this checkout: the map simply has none
    rows = [{"name": name, "geometry": LineString([(lon, lat) for lat, lon in points])}
            for name, points in roads.items() if len(points) >= 2]
    layers["roads"] = (gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326").to_crs(PLOT_CRS)
                       if rows else None)
    return layers


def _project(lons: Iterable[float], lats: Iterable[float]) -> tuple[np.ndarray, np.ndarray]:
    transformer = _transformer()
    xs, ys = transformer.transform(np.asarray(list(lons), float), np.asarray(list(lats), float))
    return np.asarray(xs), np.asarray(ys)


@cache
def _transformer():
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", PLOT_CRS, always_xy=True)


# ---- the events to draw ------------------------------------------------------------------------------
def mapped_events(df: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """Rows with coordinates inside the map's reach (Syria + 50 km), projected (columns x, y).

    Returns (rows, how many have no coordinates, how many lie farther away, e.g. in Ankara)."""
    from shapely import contains_xy

    has_xy = df["lat"].notna() & df["lon"].notna()
    rows = df[has_xy].copy()
    if rows.empty:
        rows["x"], rows["y"] = [], []
        return rows, int((~has_xy).sum()), 0
    rows["x"], rows["y"] = _project(rows["lon"], rows["lat"])
    reach = base_layers()["adm0"].geometry.union_all().buffer(50_000)
    inside = contains_xy(reach, rows["x"].to_numpy(), rows["y"].to_numpy())
    return rows[inside], int((~has_xy).sum()), int((~inside).sum())


def map_extent(rows: pd.DataFrame, aspect: float) -> tuple[float, float, float, float]:
    """A padded box around the events (or Idleb governorate when there are none) with the axes' aspect."""
    if rows.empty:
        adm1 = base_layers()["adm1"]
        idleb = adm1[adm1["ADM1_PCODE"] == "SY07"]
        x0, y0, x1, y1 = (idleb if not idleb.empty else adm1).total_bounds
    else:
        x0, x1 = float(rows["x"].min()), float(rows["x"].max())
        y0, y1 = float(rows["y"].min()), float(rows["y"].max())
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w = max(x1 - x0, MIN_SPAN_M) * 1.25 + 20_000
    h = max(y1 - y0, MIN_SPAN_M) * 1.25 + 20_000
    if w / h > aspect:
        h = w / aspect
    else:
        w = h * aspect
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def side_colour(side: str | None) -> str:
    sides = vocab.sides()
    return sides.get(side or "unknown", sides["unknown"])["colour"]


def _rings(geometry) -> list[np.ndarray]:
    """Coordinate arrays of every ring (exterior and holes) or line of a (multi)polygon/line."""
    geoms = getattr(geometry, "geoms", [geometry])
    out = []
    for g in geoms:
        if g.geom_type == "Polygon":
            out.append(np.asarray(g.exterior.coords))
            out.extend(np.asarray(r.coords) for r in g.interiors)
        elif g.geom_type in ("LineString", "LinearRing"):
            out.append(np.asarray(g.coords))
    return out


@cache
def _layer_rings(level: str) -> tuple[np.ndarray, ...]:
    layer = base_layers().get(level)
    if layer is None:
        return ()
    return tuple(ring for geometry in layer.geometry for ring in _rings(geometry))


@cache
def _layer_fill(level: str):
    """One compound path per layer (holes handled by the even-odd rule)."""
    from matplotlib.path import Path as MplPath

    rings = _layer_rings(level)
    if not rings:
        return None
    return MplPath.make_compound_path(*[MplPath(r, closed=True) for r in rings])


def _draw_basemap(ax, extent, *, labels: bool = True) -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.patches import PathPatch

    layers = base_layers()
    x0, x1, y0, y1 = extent
    ax.set_facecolor("#e4e4e2")  # neighbouring countries: neutral, not "sea"
    fill = _layer_fill("adm0")
    if fill is not None:
        ax.add_patch(PathPatch(fill, facecolor="#f7f5f0", edgecolor="none", zorder=1))
    for level, colour, width, style in (("adm2", "#b9b4aa", 0.35, (0, (3, 2))), ("adm1", "#7a756c", 0.8, "solid"),
                                        ("adm0", "#3d3a35", 1.2, "solid")):
        ax.add_collection(LineCollection(_layer_rings(level), colors=colour, linewidths=width, linestyles=style,
                                         zorder=2), autolim=False)
    roads = layers.get("roads")
    if roads is not None:
        ax.add_collection(LineCollection(_layer_rings("roads"), colors=ROAD_COLOUR, linewidths=1.6, zorder=3),
                          autolim=False)
        if labels:
            for road in roads.itertuples():
                point = road.geometry.interpolate(0.5, normalized=True)
                if x0 < point.x < x1 and y0 < point.y < y1:
                    ax.text(point.x, point.y, road.name, fontsize=6, color="white", weight="bold", zorder=4,
                            ha="center", va="center", family=font_families(),
                            bbox={"boxstyle": "round,pad=0.15", "fc": ROAD_COLOUR, "ec": "none"})
    if labels:  # governorate names, bilingual, where the centre is in view
        for row in layers["adm1"].itertuples():
            point = row.geometry.representative_point()
            if x0 < point.x < x1 and y0 < point.y < y1:
                ax.text(point.x, point.y, f"{row.ADM1_EN}\n{row.ADM1_AR}", fontsize=8, color="#8a857c",
                        ha="center", va="center", style="italic", family=font_families(), zorder=2, alpha=0.9,
                        gid=GOVERNORATE_LABEL)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="datalim")  # metres both ways; the extent already has the axes' shape
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")


def _draw_events(ax, rows: pd.DataFrame, *, scale: float = 1.0, labels: bool = True) -> int:
    """Draw the events (and their place labels); returns how many labels were left out for lack of room."""
    if rows.empty:
        return 0
    rows = rows.assign(side=rows["actor1_side"].fillna("unknown"),
                       prec=rows["geo_precision"].fillna(1).astype(int))
    keys = ["x", "y", "side", "type", "prec"]
    stacked = rows.groupby(keys, sort=False).size().reset_index(name="n")
    stacked["size"] = (50 + 25 * np.sqrt(stacked["n"] - 1)) * scale
    # region-level events: a shaded disc around the centroid (drawn first, below the points)
    regions = stacked[stacked["prec"] == 3].drop_duplicates(["x", "y", "side"])
    if len(regions):
        colours = [side_colour(s) for s in regions["side"]]
        x0, x1 = ax.get_xlim()
        radius = min(REGION_RADIUS_M, max(2500.0, 0.03 * (x1 - x0)))  # a symbol: small when zoomed in
        discs = [Circle((x, y), radius) for x, y in zip(regions["x"], regions["y"], strict=True)]
        ax.add_collection(PatchCollection(discs, facecolors=colours, edgecolors=colours, alpha=0.16,
                                          linestyles="--", linewidths=0.8, zorder=4), autolim=False)
    # one scatter call per (side, type, precision): fast with thousands of events
    for (side, event_type, prec), group in stacked.groupby(["side", "type", "prec"], sort=False):
        colour = side_colour(side)
        marker = TYPE_MARKERS.get(event_type, DEFAULT_MARKER)
        if prec == 1:
            ax.scatter(group["x"], group["y"], s=group["size"], marker=marker, c=colour, edgecolors="#111111",
                       linewidths=0.5, zorder=5)
        elif prec == 2:
            ax.scatter(group["x"], group["y"], s=group["size"], marker=marker, facecolors="white", edgecolors=colour,
                       linewidths=1.5, zorder=5)
        else:
            ax.scatter(group["x"], group["y"], s=group["size"] * 0.7, marker=marker, c=colour, alpha=0.55,
                       edgecolors="none", zorder=5)
    return _draw_place_labels(ax, rows, scale) if labels else 0


# where a label may sit around its point: (offset in points, ha, va), tried in order
LABEL_POSITIONS = (((5, 0), "left", "center"), ((-5, 0), "right", "center"), ((0, 6), "center", "bottom"),
                   ((0, -6), "center", "top"), ((5, 5), "left", "bottom"), ((-5, -5), "right", "top"))


def _draw_place_labels(ax, rows: pd.DataFrame, scale: float) -> int:
    """Label the most reported places; a label that would overlap another is tried elsewhere around
    its point, then dropped. Returns how many were dropped."""
    names = rows.assign(_name=rows["place_ar"].fillna(rows["place_en"]).fillna(""))
    names = names[names["_name"].astype(str).str.strip() != ""]
    if names.empty:
        return 0
    # one label per point: the name most often given to it
    names = names.assign(_key=names["x"].round(-1).astype(str) + "," + names["y"].round(-1).astype(str))
    per_name = names.groupby(["_key", "_name"]).agg(x=("x", "first"), y=("y", "first"), n=("x", "size"))
    per_name = per_name.reset_index().sort_values("n", ascending=False, kind="stable")
    ranked = per_name.drop_duplicates("_key").set_index("_name")
    ranked["n"] = names.groupby("_key").size().reindex(ranked["_key"]).to_numpy()
    ranked = ranked.sort_values("n", ascending=False, kind="stable").head(MAX_PLACE_LABELS)
    renderer = ax.figure.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    marker_boxes = []
    for r in ranked.itertuples():
        cx, cy = ax.transData.transform((r.x, r.y))
        half = 4 * ax.figure.dpi / 72
        marker_boxes.append(Bbox.from_extents(cx - half, cy - half, cx + half, cy + half))
    placed: list = []
    dropped = 0
    pixels_per_point = ax.figure.dpi / 72
    for name, r in ranked.iterrows():
        label = draw_label(ax, r.x, r.y, str(name), size=7.5 * max(scale, 0.75), offset=(0, 0), ha="left",
                           va="bottom")
        size = label.get_window_extent(renderer)
        w, h = size.width * 1.12, size.height * 1.12
        cx, cy = ax.transData.transform((r.x, r.y))
        own = [b for b in marker_boxes if b.contains(cx, cy)]
        for offset, ha, va in LABEL_POSITIONS:
            ax_ = cx + offset[0] * pixels_per_point
            ay_ = cy + offset[1] * pixels_per_point
            bx0 = {"left": ax_, "right": ax_ - w, "center": ax_ - w / 2}[ha]
            by0 = {"bottom": ay_, "top": ay_ - h, "center": ay_ - h / 2}[va]
            box = Bbox.from_bounds(bx0, by0, w, h)
            clash = any(box.overlaps(b) for b in placed) or any(
                box.overlaps(b) for b in marker_boxes if not any(b is o for o in own))
            inside = axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1)
            if not clash and inside:
                label.xyann = offset
                label.set_horizontalalignment(ha)
                label.set_verticalalignment(va)
                placed.append(box)
                break
        else:
            label.remove()
            dropped += 1
    for text in list(ax.texts):  # governorate names give way to event places
        if text.get_gid() == GOVERNORATE_LABEL and any(text.get_window_extent(renderer).overlaps(b) for b in placed):
            text.remove()
    return dropped


def _north_arrow(ax) -> None:
    ax.annotate("N", xy=(0.955, 0.95), xytext=(0.955, 0.84), xycoords="axes fraction", ha="center", va="center",
                fontsize=11, weight="bold", zorder=8,
                arrowprops={"facecolor": "black", "edgecolor": "black", "width": 3, "headwidth": 10,
                            "headlength": 10})


def _scale_bar(ax) -> None:
    from matplotlib_scalebar.scalebar import ScaleBar

    ax.add_artist(ScaleBar(1, "m", location="lower left", length_fraction=0.22, box_alpha=0.75,
                           font_properties={"family": LATIN_FAMILY, "size": 8}))


def side_handles(df: pd.DataFrame) -> list:
    present = set(df["actor1_side"].fillna("unknown")) if not df.empty else set()
    return [Patch(facecolor=side_colour(s), edgecolor="#111111", linewidth=0.5, label=i18n.side_label(s, "both"))
            for s in vocab.sides() if s in present]


def type_handles(df: pd.DataFrame) -> list:
    present = set(df["type"]) if not df.empty else set()
    return [Line2D([], [], linestyle="none", marker=TYPE_MARKERS.get(t, DEFAULT_MARKER), color="#444444",
                   markersize=7, label=i18n.type_label(t, "both")) for t in vocab.event_types() if t in present]


def precision_handles() -> list:
    return [
        Line2D([], [], linestyle="none", marker="o", markerfacecolor="#555555", markeredgecolor="#111111",
               markersize=7, label="1 · the named place"),
        Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="#555555",
               markeredgewidth=1.5, markersize=7, label="2 · near / outskirts of"),
        Patch(facecolor="#555555", alpha=0.25, edgecolor="#555555", linestyle="--", label="3 · a region (centroid)"),
    ]


LEGEND_HEADINGS = ("Side of actor 1", "Event type", "Location precision")


def legend_handles(df: pd.DataFrame) -> list:
    """Legend entries for what the frame shows: sides, types, precision (and roads if drawn)."""
    handles: list = []
    for heading, entries in zip(LEGEND_HEADINGS, (side_handles(df), type_handles(df), precision_handles()),
                                strict=True):
        if entries:
            handles += [Patch(color="none", label=heading), *entries]
    if base_layers().get("roads") is not None:
        handles.append(Line2D([], [], color=ROAD_COLOUR, linewidth=2, label="Highways M4 / M5"))
    return handles


def _draw_legend(fig, rect, df: pd.DataFrame) -> None:
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    legend = ax.legend(handles=legend_handles(df), loc="upper left", frameon=False, fontsize=7.5,
                       prop={"family": font_families(), "size": 7.5}, handlelength=1.6, borderaxespad=0)
    for text in legend.get_texts():  # section headings in bold
        if text.get_text() in LEGEND_HEADINGS:
            text.set_weight("bold")


def _header_footer(fig, caption, notes: list[str]) -> None:
    families = font_families()
    fig.text(0.03, 0.965, caption.title, fontsize=15, weight="bold", va="top", family=families)
    fig.text(0.03, 0.925, caption.subtitle(), fontsize=8.5, va="top", color="#333333", family=families, wrap=True)
    footer = caption.source_line() + ("" if not notes else " · " + " · ".join(notes))
    fig.text(0.03, 0.02, footer, fontsize=6.5, va="bottom", color="#555555", family=families, wrap=True)


def _notes(no_xy: int, far: int) -> list[str]:
    notes = []
    if no_xy:
        notes.append(f"{no_xy} events without coordinates not shown")
    if far:
        notes.append(f"{far} events outside the map (e.g. abroad) not shown")
    return notes


# ---- figures -------------------------------------------------------------------------------------------
FIGSIZE = (11.69, 8.27)  # A4 landscape, inches
MAP_RECT = (0.03, 0.07, 0.72, 0.82)
LEGEND_RECT = (0.77, 0.07, 0.21, 0.82)


def figure_main(df: pd.DataFrame, caption) -> Figure:
    arabic_font_family()
    rows, no_xy, far = mapped_events(df)
    fig = new_figure(FIGSIZE)
    ax = fig.add_axes(MAP_RECT)
    aspect = (MAP_RECT[2] * FIGSIZE[0]) / (MAP_RECT[3] * FIGSIZE[1])
    extent = map_extent(rows, aspect)
    _draw_basemap(ax, extent)
    dropped = _draw_events(ax, rows)
    _scale_bar(ax)
    _north_arrow(ax)
    if rows.empty:
        ax.text(0.5, 0.5, "no mapped events for these filters", transform=ax.transAxes, ha="center",
                va="center", fontsize=12, color="#666666")
    _draw_legend(fig, LEGEND_RECT, df)
    notes = _notes(no_xy, far) + ([f"{dropped} place labels left out for lack of room"] if dropped else [])
    _header_footer(fig, caption, notes)
    return fig


def figure_weekly(df: pd.DataFrame, caption) -> Figure:
    """Small multiples: one panel per ISO week (Monday start) of the mapped events, same extent."""
    arabic_font_family()
    rows, no_xy, far = mapped_events(df)
    dates = pd.to_datetime(rows["date"], errors="coerce")
    rows = rows.assign(_week=(dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize())
    weeks = sorted(rows["_week"].dropna().unique())
    notes = _notes(no_xy, far)
    if len(weeks) > MAX_WEEK_PANELS:
        notes.append(f"last {MAX_WEEK_PANELS} of {len(weeks)} weeks shown")
        weeks = weeks[-MAX_WEEK_PANELS:]
    n = max(len(weeks), 1)
    x0, y0, w, h = MAP_RECT
    map_aspect = (w * FIGSIZE[0]) / (h * FIGSIZE[1])
    cols = min(n, max(1, int(np.ceil(np.sqrt(n * map_aspect)))))  # panels close to the map's own shape
    nrows = int(np.ceil(n / cols))
    fig = new_figure(FIGSIZE)
    gap_x, gap_y = 0.012, 0.03  # room for each panel's week title
    pw, ph = (w - gap_x * (cols - 1)) / cols, (h - gap_y * (nrows - 1)) / nrows
    aspect = (pw * FIGSIZE[0]) / (ph * FIGSIZE[1])
    extent = map_extent(rows, aspect)
    for i in range(n):
        r, c = divmod(i, cols)
        ax = fig.add_axes((x0 + c * (pw + gap_x), y0 + (nrows - 1 - r) * (ph + gap_y), pw, ph))
        _draw_basemap(ax, extent, labels=False)
        if weeks:
            week = pd.Timestamp(weeks[i])
            in_week = rows[rows["_week"] == week]
            _draw_events(ax, in_week, scale=0.6, labels=False)
            end = week + pd.Timedelta(days=6)
            ax.set_title(f"{week:%Y-%m-%d} – {end:%m-%d} ({len(in_week)})", fontsize=7, family=font_families(),
                         pad=2)
        if i == 0:
            _scale_bar(ax)
    if not weeks:
        fig.text(0.4, 0.5, "no dated, mapped events for these filters", ha="center", fontsize=12, color="#666666")
    _draw_legend(fig, LEGEND_RECT, df)
    _header_footer(fig, caption, ["one panel per week (Monday–Sunday)"] + notes)
    return fig


def _save(fig, fmt: str, dpi: int) -> bytes:
    buf = io.BytesIO()
    metadata = {"png": {"Software": "Rasd"}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt, {})
    with matplotlib.rc_context({"svg.hashsalt": "rasd", "pdf.fonttype": 42}):
        fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white", metadata=metadata)
    return buf.getvalue()


def render_print_map(df: pd.DataFrame, caption, *, fmt: str = "png", dpi: int = 300, weekly: bool = False) -> bytes:
    """The print map of ``df`` (already filtered) as PNG/SVG/PDF bytes.

    ``caption`` is a :class:`core.exports.files.Caption`. With ``weekly`` the PNG/SVG show the weekly
    panels instead of the single map, and the PDF gets them as a second page.
    """
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"print map formats are png, svg and pdf, not {fmt!r}")
    check_text_shaping()
    with RENDER_LOCK:
        if fmt == "pdf" and weekly:
            from matplotlib.backends.backend_pdf import PdfPages

            buf = io.BytesIO()
            with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(buf, metadata={"CreationDate": None}) as pdf:
                for make in (figure_main, figure_weekly):
                    pdf.savefig(make(df, caption), facecolor="white")
            return buf.getvalue()
        fig = (figure_weekly if weekly else figure_main)(df, caption)
        return _save(fig, fmt, dpi)
