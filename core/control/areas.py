"""The control map of a day: the held cells, the areas (cells dissolved by controller) and the front line.

:class:`ControlMaps` joins a :class:`~core.control.model.ControlModel` with the community cells and keeps
the last days it drew (a per-day cache), so stepping back and forth through the days recomputes nothing.
Geometry is computed in metres (:data:`~core.control.cells.CELL_CRS`) and handed out in lon/lat.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from core.control import cells as cells_mod
from core.control.model import CONTESTED, UNKNOWN, ControlModel, as_day, state_label

CACHE_DAYS = 64
WGS84 = "EPSG:4326"


@dataclass
class ControlMap:
    """What is drawn for one day (geometries in lon/lat)."""

    as_of: pd.Timestamp
    cells: gpd.GeoDataFrame  # one row per community with a controller: the state's columns + names + geometry
    areas: gpd.GeoDataFrame  # controller, label, n_communities, geometry (dissolved, simplified)
    front: shapely.Geometry | None  # (Multi)LineString between areas of different controllers, or None
    n_reports: int
    n_communities: int  # communities in the gazetteer (the cells that could be shaded)
    not_placed: int  # event claims whose place has no cell (a P-code missing from the gazetteer)

    @property
    def controllers(self) -> list[str]:
        return list(self.areas["controller"])

    def legend_note(self) -> str:
        return (f"Derived from {self.n_reports} report{'s' if self.n_reports != 1 else ''}, not a survey · "
                f"{len(self.cells)} of {self.n_communities:,} communities named; the rest unshaded")

    def cell_at(self, lat: float, lon: float) -> dict | None:
        """The shaded cell under a point (a click on the map), as a plain dict, or None."""
        if self.cells.empty or lat is None or lon is None:
            return None
        hits = self.cells.sindex.query(shapely.Point(float(lon), float(lat)), predicate="intersects")
        if not len(hits):
            return None
        row = self.cells.iloc[int(hits[0])]
        return {k: (None if _missing(v) else v) for k, v in row.drop(labels="geometry").items()}

    def geojson(self, *, simplify_deg: float = 0.0) -> dict:
        """A FeatureCollection: one feature per area, one per cell (with its evidence), the front line."""
        features = []
        for row in self.areas.itertuples():
            features.append({"type": "Feature", "geometry": shapely.geometry.mapping(row.geometry),
                             "properties": {"kind": "area", "controller": row.controller, "label": row.label,
                                            "communities": int(row.n_communities)}})
        for row in self.cells.to_dict("records"):
            geometry = row.pop("geometry")
            if simplify_deg:
                geometry = geometry.simplify(simplify_deg)
            props = {"kind": "cell", **{k: _plain(v) for k, v in row.items()}}
            features.append({"type": "Feature", "geometry": shapely.geometry.mapping(geometry), "properties": props})
        if self.front is not None and not self.front.is_empty:
            features.append({"type": "Feature", "geometry": shapely.geometry.mapping(self.front),
                             "properties": {"kind": "front_line"}})
        return {"type": "FeatureCollection", "features": features,
                "metadata": {"as_of": self.as_of.date().isoformat(), "reports": self.n_reports,
                             "note": self.legend_note()}}


def _missing(value) -> bool:
    return value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _plain(value):
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def _union(geometries: np.ndarray) -> shapely.Geometry:
    """The union of cells: the coverage union (fast) for a noded coverage, the general union otherwise."""
    try:
        shape = shapely.coverage_union_all(geometries)
        if shape.is_valid:
            return shape
    except shapely.errors.GEOSException:
        pass
    return shapely.union_all(geometries)


def dissolve(cells: gpd.GeoDataFrame, *, simplify_m: float = 0.0) -> gpd.GeoDataFrame:
    """Cells (metres) dissolved by controller: one (multi)polygon per controller, sides first."""
    order = {CONTESTED: 1, UNKNOWN: 2}
    rows = []
    for controller, group in cells.groupby("controller", sort=False):
        shape = _union(group.geometry.to_numpy())
        if simplify_m:
            shape = shape.simplify(simplify_m)
        rows.append({"controller": controller, "label": state_label(controller),
                     "n_communities": int(group["pcode"].nunique()), "geometry": shape,
                     "_order": order.get(controller, 0)})
    frame = pd.DataFrame(rows, columns=["controller", "label", "n_communities", "geometry", "_order"])
    frame = frame.sort_values(["_order", "controller"]).drop(columns="_order")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=cells.crs)


def front_line(cells: gpd.GeoDataFrame) -> shapely.Geometry | None:
    """The border segments two cells of different controllers share (metres), merged into lines.

    The cells are a noded coverage (:func:`core.control.cells.noded_coverage`): neighbours share their
    border vertex for vertex, so a shared segment is the same pair of points in both cells.
    """
    if cells.empty or cells["controller"].nunique() < 2:
        return None
    parts, part_of = shapely.get_parts(cells.geometry.to_numpy(), return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    coords, coord_of = shapely.get_coordinates(rings, return_index=True)
    codes = pd.factorize(cells["controller"])[0][part_of[ring_of[coord_of]]]
    same_ring = coord_of[1:] == coord_of[:-1]
    a, b, code = coords[:-1][same_ring], coords[1:][same_ring], codes[:-1][same_ring]
    swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    start, end = np.where(swap[:, None], b, a), np.where(swap[:, None], a, b)
    segments = pd.DataFrame({"x1": start[:, 0], "y1": start[:, 1], "x2": end[:, 0], "y2": end[:, 1], "code": code})
    shared = segments.groupby(["x1", "y1", "x2", "y2"], sort=False)["code"].agg(["min", "max"])
    front = shared[shared["min"] != shared["max"]].index.to_frame(index=False).to_numpy()
    if not len(front):
        return None
    return shapely.line_merge(shapely.multilinestrings(shapely.linestrings(front.reshape(-1, 2, 2))))


class ControlMaps:
    """Control maps per day for one model (and one set of cells), the last :data:`CACHE_DAYS` days kept."""

    def __init__(self, model: ControlModel, cells: gpd.GeoDataFrame | None = None, *, simplify_m: float | None = None):
        self.model = model
        self.cells = cells if cells is not None else cells_mod.load_cells()
        self.simplify_m = float(model.rules.style.get("simplify_m", 0) if simplify_m is None else simplify_m)
        self._by_pcode = pd.Series(np.arange(len(self.cells)), index=self.cells["pcode"])
        self._by_pcode = self._by_pcode[~self._by_pcode.index.duplicated()]
        self._cache: OrderedDict[pd.Timestamp, ControlMap] = OrderedDict()

    def state_cells(self, as_of) -> tuple[gpd.GeoDataFrame, int]:
        """The state of ``as_of`` joined with the cells (metres), and how many claims have no cell."""
        state = self.model.state(as_of)
        placed = state["pcode"].isin(self._by_pcode.index)
        rows = self.cells.iloc[self._by_pcode[state.loc[placed, "pcode"]].to_numpy()]
        names = rows[["name_en", "name_ar", "admin3_pcode", "lat", "lon"]].reset_index(drop=True)
        joined = pd.concat([state[placed].reset_index(drop=True), names], axis=1)
        return gpd.GeoDataFrame(joined, geometry=rows.geometry.to_numpy(), crs=self.cells.crs), int((~placed).sum())

    def at(self, as_of) -> ControlMap:
        day = as_day(as_of)
        if day in self._cache:
            self._cache.move_to_end(day)
            return self._cache[day]
        held, not_placed = self.state_cells(day)
        areas = dissolve(held, simplify_m=self.simplify_m)
        front = front_line(held)
        if front is not None and self.simplify_m:
            front = front.simplify(self.simplify_m)
        to_wgs = _to_wgs84()
        front_wgs = shapely.transform(front, to_wgs) if front is not None else None
        result = ControlMap(as_of=day, cells=held.to_crs(WGS84), areas=areas.to_crs(WGS84), front=front_wgs,
                            n_reports=self.model.n_reports(day), n_communities=int(self.cells["pcode"].nunique()),
                            not_placed=not_placed)
        self._cache[day] = result
        while len(self._cache) > CACHE_DAYS:
            self._cache.popitem(last=False)
        return result


def _to_wgs84():
    from pyproj import Transformer

    transformer = Transformer.from_crs(cells_mod.CELL_CRS, WGS84, always_xy=True)

    def convert(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return convert
