"""One cell per OCHA community: the Voronoi region of its point, clipped to its sub-district (adm3).

Cells are computed once from geodata/build (gazetteer communities + adm3 boundaries), in metres
(UTM 37N, :data:`CELL_CRS`), and cached beside them as ``control_cells.parquet``; the cache is rebuilt
when either input is newer. Communities that share a point share its cell.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from core.paths import BUILD_DIR

log = logging.getLogger(__name__)

CELL_CRS = "EPSG:32637"  # UTM 37N: metres across north-west Syria (the print map's CRS too)
CACHE_NAME = "control_cells.parquet"
CELL_COLUMNS = ["pcode", "name_en", "name_ar", "admin1_pcode", "admin2_pcode", "admin3_pcode", "lat", "lon"]


def _inputs(build_dir: Path) -> tuple[Path, Path]:
    gazetteer, adm3 = build_dir / "gazetteer.parquet", build_dir / "adm3.geojson"
    for path in (gazetteer, adm3):
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `make geodata` (python -m core geodata build)")
    return gazetteer, adm3


def communities(gazetteer: pd.DataFrame) -> pd.DataFrame:
    """The gazetteer's OCHA communities with a point and a sub-district."""
    rows = gazetteer[(gazetteer["kind"] == "community") & gazetteer["lat"].notna() & gazetteer["lon"].notna()
                     & gazetteer["admin3_pcode"].fillna("").astype(str).ne("")]
    rows = rows.drop_duplicates("place_id").rename(columns={"place_id": "pcode"})
    return rows[CELL_COLUMNS].reset_index(drop=True)


def voronoi_cells(points: pd.DataFrame, polygons: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Cells of ``points`` (columns of :data:`CELL_COLUMNS`) clipped to ``polygons`` (ADM3_PCODE, geometry),
    both taken as given in :data:`CELL_CRS` metres for the geometry; points carry lon/lat."""
    xs, ys = _project(points["lon"].to_numpy(float), points["lat"].to_numpy(float))
    pts = points.assign(x=np.round(xs, 1), y=np.round(ys, 1))
    shapes = dict(zip(polygons["ADM3_PCODE"], polygons.geometry, strict=True))
    geometry = np.empty(len(pts), dtype=object)
    for admin3, group in pts.groupby("admin3_pcode", sort=False):
        area = shapes.get(admin3)
        if area is None or area.is_empty:  # no outline for this sub-district: a 1 km disc, so it stays visible
            for i, (x, y) in zip(group.index, zip(group["x"], group["y"], strict=True), strict=True):
                geometry[i] = shapely.Point(x, y).buffer(1000)
            continue
        unique = group.drop_duplicates(["x", "y"])
        if len(unique) == 1:
            regions = [area]
        else:
            multipoint = shapely.MultiPoint(unique[["x", "y"]].to_numpy())
            voronoi = shapely.voronoi_polygons(multipoint, extend_to=area.envelope.buffer(1000), ordered=True)
            regions = shapely.make_valid(shapely.intersection(np.asarray(voronoi.geoms, dtype=object), area))
        by_point = dict(zip(zip(unique["x"], unique["y"], strict=True), regions, strict=True))
        for i, x, y in zip(group.index, group["x"], group["y"], strict=True):
            cell = by_point[(x, y)]
            geometry[i] = cell if not cell.is_empty else shapely.Point(x, y).buffer(500)
    cells = gpd.GeoDataFrame(points.copy(), geometry=list(geometry), crs=CELL_CRS)
    cells["geometry"] = shapely.make_valid(cells.geometry.to_numpy())
    return cells


def close_gaps(polygons: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The sub-districts with the slivers between them given to a neighbour.

    The boundary files are simplified polygon by polygon, so neighbours leave thin gaps (holes of their
    union); each hole joins the sub-district it shares the longest border with, so the cells tile the land.
    """
    geometries = list(polygons.geometry)
    whole = shapely.union_all(np.asarray(geometries, dtype=object))
    holes = [shapely.Polygon(ring) for part in getattr(whole, "geoms", [whole]) for ring in part.interiors]
    if not holes:
        return polygons
    tree = shapely.STRtree(geometries)
    extra: dict[int, list] = {}
    for hole in holes:
        candidates = tree.query(hole.buffer(5))
        if not len(candidates):
            continue
        shared = [hole.boundary.intersection(geometries[i].buffer(5)).length for i in candidates]
        extra.setdefault(int(candidates[int(np.argmax(shared))]), []).append(hole)
    out = polygons.copy()
    for i, pieces in extra.items():
        geometries[i] = shapely.union_all(np.asarray([geometries[i], *pieces], dtype=object))
    out["geometry"] = geometries
    return out


@cache
def _transformer():
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", CELL_CRS, always_xy=True)


def _project(lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = _transformer().transform(lons, lats)
    return np.asarray(xs), np.asarray(ys)


def build_cells(build_dir: Path = BUILD_DIR) -> gpd.GeoDataFrame:
    gazetteer_path, adm3_path = _inputs(Path(build_dir))
    points = communities(pd.read_parquet(gazetteer_path))
    polygons = gpd.read_file(adm3_path).to_crs(CELL_CRS)
    polygons["geometry"] = shapely.make_valid(polygons.geometry.to_numpy())
    return voronoi_cells(points, close_gaps(polygons[["ADM3_PCODE", "geometry"]]))


def load_cells(build_dir: Path = BUILD_DIR) -> gpd.GeoDataFrame:
    """The cells (cached on disk beside the inputs, and in memory per input version)."""
    build_dir = Path(build_dir)
    inputs = _inputs(build_dir)
    return _load(str(build_dir), max(os.stat(p).st_mtime_ns for p in inputs))


@cache
def _load(build_dir: str, inputs_mtime: int) -> gpd.GeoDataFrame:
    cache_path = Path(build_dir) / CACHE_NAME
    if cache_path.exists() and cache_path.stat().st_mtime_ns >= inputs_mtime:
        try:
            return gpd.read_parquet(cache_path)
        except (OSError, ValueError) as exc:  # a broken cache is rebuilt, never trusted
            log.warning("control cells cache %s unreadable (%s): rebuilding", cache_path, exc)
    cells = build_cells(Path(build_dir))
    tmp = cache_path.with_name(f".{cache_path.name}.{os.getpid()}.tmp")
    try:
        cells.to_parquet(tmp, index=False)
        os.replace(tmp, cache_path)
    except OSError as exc:  # a read-only build folder: keep the cells in memory only
        log.warning("cannot cache control cells in %s (%s)", cache_path, exc)
    finally:
        if tmp.exists():
            tmp.unlink()
    return cells
