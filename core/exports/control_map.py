"""Exports of the areas of control: an A4 print map of one day (PNG/SVG/PDF), weekly panels, GeoJSON.

The print map reuses core/exports/print_map.py (basemap, fonts, scale bar, north arrow, labels): the
areas are shaded by side, contested areas hatched, the front line drawn, the strikes of the week up to
the day on top; the legend says how many reports the map is derived from, and that it is not a survey.
"""

from __future__ import annotations

import io
import json

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from core.control import cells as cells_mod
from core.control.areas import ControlMap, ControlMaps, dissolve, front_line
from core.control.model import CONTESTED, ControlModel, as_day, rules, state_colour, state_label
from core.exports import print_map as pm
from core.exports.credits import BOUNDARY_CREDIT

FORMATS = {"control-png": "png", "control-svg": "svg", "control-pdf": "pdf", "control-geojson": "geojson"}
MAX_PANELS = 12
assert cells_mod.CELL_CRS == pm.PLOT_CRS, "cells and the print map must share their projection"


class ControlExport:
    """The control maps of a table (+ baseline) in metres, for print; one model, any number of days."""

    def __init__(self, events: pd.DataFrame, baseline: pd.DataFrame | None = None, baseline_name: str = ""):
        self.baseline_name = baseline_name if baseline is not None else ""
        self.model = ControlModel(events, baseline, baseline_label=baseline_name or "baseline")
        self.maps = ControlMaps(self.model)

    def held(self, day) -> tuple:
        """(held cells in metres, dissolved areas in metres, front line in metres) as of ``day``."""
        cells, _ = self.maps.state_cells(day)
        return cells, dissolve(cells), front_line(cells)


def _compound(geometry) -> MplPath | None:
    rings = pm._rings(geometry)
    return MplPath.make_compound_path(*[MplPath(r, closed=True) for r in rings]) if rings else None


def _draw_control(ax, cells, areas, front, *, scale: float = 1.0) -> None:
    opacity = float(rules().style.get("fill_opacity", 0.38))
    for row in areas.itertuples():
        path = _compound(row.geometry)
        if path is None:
            continue
        colour = state_colour(row.controller)
        if row.controller == CONTESTED:
            ax.add_patch(PathPatch(path, facecolor="none", edgecolor=rules().style.get("hatch_colour", "#444"),
                                   hatch="////", linewidth=0.4 * scale, zorder=3.2))
        else:
            ax.add_patch(PathPatch(path, facecolor=colour, alpha=opacity, edgecolor=colour, linewidth=0.6 * scale,
                                   zorder=3.1))
    if len(cells):  # the cells' own outlines, thin: which places the reports name
        ax.add_collection(LineCollection([r for g in cells.geometry for r in pm._rings(g)], colors="#555555",
                                         linewidths=0.15 * scale, alpha=0.6, zorder=3.3), autolim=False)
    if front is not None and not front.is_empty:
        style = rules().style
        ax.add_collection(LineCollection(pm._rings(front), colors=style.get("line_colour", "#111111"),
                                         linewidths=1.8 * scale, zorder=4.5), autolim=False)


def _cell_points(cells) -> pd.DataFrame:
    points = cells.geometry.representative_point()
    return pd.DataFrame({"x": points.x.to_numpy(), "y": points.y.to_numpy(), "place_ar": cells["name_ar"].to_numpy(),
                         "place_en": cells["name_en"].to_numpy()})


def _strike_rows(strikes: pd.DataFrame | None) -> pd.DataFrame:
    if strikes is None or strikes.empty:
        return pd.DataFrame(columns=["x", "y", "actor1_side"])
    rows, _, _ = pm.mapped_events(strikes)
    return rows


def _draw_strikes(ax, rows: pd.DataFrame, scale: float = 1.0) -> None:
    for side, group in rows.groupby(rows["actor1_side"].fillna("unknown")):
        ax.scatter(group["x"], group["y"], s=28 * scale, marker="o", c=pm.side_colour(side), edgecolors="white",
                   linewidths=0.6, zorder=5)


def legend_handles(controllers: list[str], n_strikes: int, front: bool = True) -> list:
    handles: list = [Patch(color="none", label="Held by · السيطرة")]
    for controller in controllers:
        if controller == CONTESTED:
            handles.append(Patch(facecolor="white", edgecolor=rules().style.get("hatch_colour", "#444"), hatch="////",
                                 label=f"{state_label(controller)} · {state_label(controller, 'ar')}"))
        else:
            handles.append(Patch(facecolor=state_colour(controller), alpha=0.6, edgecolor=state_colour(controller),
                                 label=f"{state_label(controller)} · {state_label(controller, 'ar')}"))
    if front:
        handles.append(Line2D([], [], color=rules().style.get("line_colour", "#111111"), linewidth=2,
                              label="Front line · خط التماس"))
    if n_strikes:
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="#555555",
                              markeredgecolor="white", markersize=7, label=f"Strikes, week up to the day ({n_strikes})"))
    return handles


def _legend(fig, controllers: list[str], n_strikes: int, note: str, front: bool = True) -> None:
    ax = fig.add_axes(pm.LEGEND_RECT)
    ax.set_axis_off()
    legend = ax.legend(handles=legend_handles(controllers, n_strikes, front), loc="upper left", frameon=False,
                       prop={"family": pm.font_families(), "size": 7.5}, handlelength=1.6, borderaxespad=0)
    legend.get_texts()[0].set_weight("bold")
    ax.text(0, 0.02, note, fontsize=7, va="bottom", wrap=True, family=pm.font_families(), style="italic",
            transform=ax.transAxes)


def _header(fig, title: str, subtitle: str, footer: str) -> None:
    families = pm.font_families()
    fig.text(0.03, 0.965, title, fontsize=15, weight="bold", va="top", family=families)
    fig.text(0.03, 0.925, subtitle, fontsize=8.5, va="top", color="#333333", family=families, wrap=True)
    fig.text(0.03, 0.02, footer, fontsize=6.5, va="bottom", color="#555555", family=families, wrap=True)


def _texts(export: ControlExport, day: pd.Timestamp, title: str, sources: str) -> tuple[str, str, str, str]:
    n_reports = export.model.n_reports(day)
    baseline = f"baseline: {export.baseline_name}" if export.baseline_name else "no baseline (reports only)"
    note = (f"Derived from {n_reports} report{'s' if n_reports != 1 else ''}, not a survey. Only places the reports "
            "(or the baseline) name are shaded; the rest is unknown, not empty. · مستمدة من التقارير، ليست مسحاً")
    return (title.strip() or f"Areas of control as of {day:%Y-%m-%d}", f"as of {day:%Y-%m-%d} · {baseline}",
            f"{sources} · cells: Voronoi of OCHA community points within sub-districts · {BOUNDARY_CREDIT} · "
            "made with Rasd", note)




def figure_day(export: ControlExport, day: pd.Timestamp, strikes: pd.DataFrame | None, title: str,
               sources: str) -> Figure:
    pm.arabic_font_family()
    cells, areas, front = export.held(day)
    fig = pm.new_figure(pm.FIGSIZE)
    ax = fig.add_axes(pm.MAP_RECT)
    aspect = (pm.MAP_RECT[2] * pm.FIGSIZE[0]) / (pm.MAP_RECT[3] * pm.FIGSIZE[1])
    points = _cell_points(cells)
    extent = pm.map_extent(points, aspect)
    pm._draw_basemap(ax, extent)
    _draw_control(ax, cells, areas, front)
    rows = _strike_rows(strikes)
    _draw_strikes(ax, rows)
    dropped = pm._draw_place_labels(ax, points, 1.0) if len(points) else 0
    pm._scale_bar(ax)
    pm._north_arrow(ax)
    if cells.empty:
        ax.text(0.5, 0.5, "no report names a place taken or held by this day", transform=ax.transAxes,
                ha="center", va="center", fontsize=12, color="#666666")
    head, sub, foot, note = _texts(export, day, title, sources)
    _legend(fig, list(areas["controller"]), len(rows), note, front=front is not None and not front.is_empty)
    _header(fig, head, sub, foot + (f" · {dropped} place labels left out for lack of room" if dropped else ""))
    return fig


def week_ends(export: ControlExport, start, end: pd.Timestamp) -> list[pd.Timestamp]:
    """Sundays from the week of ``start`` (default: the first claim) to the week of ``end``; the last one is
    ``end`` itself when it is not a Sunday; at most :data:`MAX_PANELS` (the latest)."""
    first = as_day(start) if start is not None else (export.model.first_day or end)
    first = min(first, end)
    sundays = list(pd.date_range(first + pd.Timedelta(days=(6 - first.day_of_week) % 7), end, freq="7D"))
    if not sundays or sundays[-1] != end:
        sundays.append(end)
    return sundays[-MAX_PANELS:]


def figure_weekly(export: ControlExport, start, end: pd.Timestamp, title: str, sources: str) -> Figure:
    """One small panel per week: control as of each week's last day, the same extent for all."""
    pm.arabic_font_family()
    days = week_ends(export, start, end)
    states = [export.held(d) for d in days]
    n = len(days)
    x0, y0, w, h = pm.MAP_RECT
    cols = min(n, max(1, int(np.ceil(np.sqrt(n * (w * pm.FIGSIZE[0]) / (h * pm.FIGSIZE[1]))))))
    nrows = int(np.ceil(n / cols))
    gap_x, gap_y = 0.012, 0.03
    pw, ph = (w - gap_x * (cols - 1)) / cols, (h - gap_y * (nrows - 1)) / nrows
    all_points = pd.concat([_cell_points(c) for c, _, _ in states] or [pd.DataFrame(columns=["x", "y"])])
    extent = pm.map_extent(all_points, (pw * pm.FIGSIZE[0]) / (ph * pm.FIGSIZE[1]))
    fig = pm.new_figure(pm.FIGSIZE)
    controllers: list[str] = []
    for i, (day, (cells, areas, front)) in enumerate(zip(days, states, strict=True)):
        r, c = divmod(i, cols)
        ax = fig.add_axes((x0 + c * (pw + gap_x), y0 + (nrows - 1 - r) * (ph + gap_y), pw, ph))
        pm._draw_basemap(ax, extent, labels=False)
        _draw_control(ax, cells, areas, front, scale=0.6)
        ax.set_title(f"as of {day:%Y-%m-%d} ({len(cells)} places)", fontsize=7, family=pm.font_families(), pad=2)
        controllers += [k for k in areas["controller"] if k not in controllers]
        if i == 0:
            pm._scale_bar(ax)
    head, _, foot, note = _texts(export, end, title, sources)
    _legend(fig, controllers, 0, note, front=any(f is not None and not f.is_empty for _, _, f in states))
    _header(fig, head if title.strip() else f"Areas of control, week by week to {end:%Y-%m-%d}",
            f"one panel per week (control as of its Sunday) · "
            f"{'baseline: ' + export.baseline_name if export.baseline_name else 'no baseline (reports only)'}", foot)
    return fig


def render_control_map(events: pd.DataFrame, as_of, *, fmt: str = "png", dpi: int = 300, weekly: bool = False,
                       start=None, strikes: pd.DataFrame | None = None, baseline: pd.DataFrame | None = None,
                       baseline_name: str = "", title: str = "", sources: str = "") -> bytes:
    """The control map of ``events`` as of ``as_of`` as PNG/SVG/PDF bytes (``weekly``: the weekly panels
    instead; a PDF gets them as a second page)."""
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"control map formats are png, svg and pdf, not {fmt!r}")
    pm.check_text_shaping()
    day = as_day(as_of)
    export = ControlExport(events, baseline, baseline_name)
    sources = sources or "Control: Rasd, derived from territory reports in the event table"
    with pm.RENDER_LOCK:
        if fmt == "pdf" and weekly:
            from matplotlib.backends.backend_pdf import PdfPages

            buf = io.BytesIO()
            with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(buf, metadata={"CreationDate": None}) as pdf:
                pdf.savefig(figure_day(export, day, strikes, title, sources), facecolor="white")
                pdf.savefig(figure_weekly(export, start, day, title, sources), facecolor="white")
            return buf.getvalue()
        fig = (figure_weekly(export, start, day, title, sources) if weekly
               else figure_day(export, day, strikes, title, sources))
        return pm._save(fig, fmt, dpi)


def control_geojson(events: pd.DataFrame, as_of, *, baseline: pd.DataFrame | None = None,
                    baseline_name: str = "") -> bytes:
    """The areas, cells (with their evidence) and front line as of ``as_of`` (a GeoJSON FeatureCollection)."""
    control: ControlMap = ControlExport(events, baseline, baseline_name).maps.at(as_of)
    collection = control.geojson()
    collection["metadata"].update({"baseline": baseline_name or None, "not_a_survey": True,
                                   "boundaries": BOUNDARY_CREDIT})
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")
